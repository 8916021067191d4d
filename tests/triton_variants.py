"""A representative KernelSpec for every path of the Triton emitter, and AppendSpecs for the
KV-cache append kernel (AOT and snapshot tests)."""

from __future__ import annotations

from dataclasses import replace

import torch

from kvcc import masks as M
from kvcc.codegen.triton.append import AppendSpec
from kvcc.codegen.triton.quant_append import QuantAppendSpec
from kvcc.codegen.triton.spec import KernelSpec, Tiles, lower
from kvcc.frontend.attention_call import lower_attention_call
from kvcc.ir import Alibi, AttentionOp, DType, Packed, Paged, Value, tensor
from kvcc.ir.mask import Causal
from kvcc.passes import Pipeline
from kvcc.passes.pipeline import DEFAULT_PIPELINE
from kvcc.runtime.modules import paged_heads_module
from kvcc.runtime.streaming import two_source_module
from kvcc.runtime.varlen import lower_varlen_call, optimize


def _dense(dt, hq, hkv, sq, skv, d, mask=None, **kw) -> AttentionOp:
    q = torch.empty(1, hq, sq, d, dtype=dt)
    k = torch.empty(1, hkv, skv, d, dtype=dt)
    return lower_attention_call(q, k, k, mask=mask, return_lse=True, **kw).module.ops[0]


def _paged_op(page: int, packed_q: bool) -> AttentionOp:
    bf = DType.bf16
    q = Value("q", tensor(["T", 32, 128] if packed_q else ["B", 32, 1, 128], bf))
    k = Value("k", tensor(["P", page, 8, 128], bf))
    extra = {"q_layout": Packed(), "cu_seqlens_q": Value("cu", tensor(["B1"], DType.i32))} \
        if packed_q else {}
    return AttentionOp(q, k, Value("v", k.type), Value("o", q.type), None, scale=0.088,
                       mask=Causal(), kv_layout=Paged(page), block_table=Value(
                           "bt", tensor(["B", "NP"], DType.i32)),
                       kv_lens=Value("kl", tensor(["B"], DType.i32)), **extra)


def _varlen_op(dt, hq, hkv, d, mask) -> AttentionOp:
    """The op ``attention_varlen`` runs (packed q and packed KV, after the pipeline)."""
    q, k = torch.empty(64, hq, d, dtype=dt), torch.empty(64, hkv, d, dtype=dt)
    cu = torch.zeros(3, dtype=torch.int32)
    call = lower_varlen_call(q, k, k, cu, cu, max_seqlen_q=64, max_seqlen_k=64, mask=mask,
                             return_lse=True)
    return optimize(call.module, DEFAULT_PIPELINE).ops[0]


def variants() -> dict[str, KernelSpec | AppendSpec | QuantAppendSpec]:
    bf, f16, f32 = torch.bfloat16, torch.float16, torch.float32
    ids = torch.zeros(2048, dtype=torch.long)
    pages = torch.ones(128, dtype=torch.bool)
    placed = Pipeline.parse("split-kv{splits=4}").run(
        lower_attention_call(torch.empty(1, 16, 64, 128, dtype=bf), torch.empty(1, 16, 2048, 128, dtype=bf),
                             torch.empty(1, 16, 2048, 128, dtype=bf), mask=M.causal(),
                             return_lse=True).module)
    placed_op = next(op for op in placed.walk() if isinstance(op, AttentionOp))
    dense_kvl = _dense(bf, 32, 8, 512, 4096, 128, M.causal())
    dense_kvl = replace(dense_kvl, kv_lens=Value("kl", tensor([1], DType.i32)))
    v = {
        "prefill_causal_bf16_d128": lower(_dense(bf, 16, 16, 2048, 2048, 128, M.causal())),
        "prefill_full_fp16_d64": lower(_dense(f16, 16, 16, 1024, 1024, 64)),
        "window_bf16": lower(_dense(bf, 16, 16, 8192, 8192, 128, M.sliding_window(1024))),
        "sinks_or_window_bf16": lower(_dense(bf, 16, 16, 2048, 2048, 128,
                                             M.sinks(64) | M.sliding_window(256))),
        "document_static_bf16": lower(_dense(bf, 16, 16, 2048, 2048, 128,
                                             M.document([1000, 1048]) & M.causal())),
        "document_ids_fp16": lower(_dense(f16, 16, 16, 2048, 2048, 128,
                                          M.document(seq_ids=ids) & M.causal())),
        "page_select_bf16": lower(_dense(bf, 32, 8, 1, 2048, 128, M.page_selection(pages, 16))),
        "decode_split_bf16": lower(_dense(bf, 32, 8, 1, 32768, 128, M.causal()), split=True),
        "decode_nosplit_bf16": lower(_dense(bf, 32, 8, 1, 4096, 128, M.causal())),
        "paged16_decode_split": lower(_paged_op(16, False), max_q_len=1, split=True),
        "paged1_mixed_batch": lower(_paged_op(1, True), max_q_len=512),
        "softcap_bf16": lower(_dense(bf, 16, 16, 1024, 1024, 128, M.causal(), softcap=30.0)),
        "d256_bf16": lower(_dense(bf, 8, 8, 1024, 1024, 256, M.causal())),
        "d80_fp16": lower(_dense(f16, 8, 8, 1024, 1024, 80, M.causal())),
        "d96_fp16": lower(_dense(f16, 8, 2, 1024, 1024, 96, M.causal())),
        "fp32": lower(_dense(f32, 4, 4, 256, 256, 64, M.causal())),
        "placed_split_kv_pass": lower(placed_op),
        "dense_cache_kv_lens": lower(dense_kvl),
    }
    # eviction scores (SnapKV's prefill window, H2O's decode steps): the score pass
    # after the main loop, and in the merge kernel of a split decode
    v["scores_prefill_causal_bf16"] = lower(_dense(bf, 32, 8, 2048, 2048, 128, M.causal(),
                                                   return_scores=True, score_window=32))
    v["scores_decode_split_bf16"] = lower(_dense(bf, 32, 8, 1, 32768, 128, M.causal(),
                                                 return_scores=True), split=True)
    # streaming heads in bounded pages: two sources of paged K/V in one launch, a split
    # decode and a mixed batch (DuoAttention's 64 sinks and 256 recent)
    two = two_source_module(32, 8, (1, 5), 128, bf, 16, M.causal(),
                            M.causal() & M.streaming(64, 256), 0.088, None, False).ops[0]
    v["paged16_two_sources_decode_split"] = lower(two, max_q_len=1, split=True)
    v["paged16_two_sources_mixed_batch"] = lower(two, max_q_len=512)
    # Quest's compacted selection: per-head pages (block table [B, Hkv, W]), a decode
    sel = paged_heads_module(32, 8, 128, bf, 16, M.full(), 0.088, None, False).ops[0]
    v["paged16_per_head_pages_decode_split"] = lower(sel, max_q_len=1, split=True)
    alibi = _dense(bf, 16, 16, 1024, 1024, 128, M.causal())
    v["alibi_bf16"] = lower(replace(alibi, alibi=Alibi()))
    # TMA descriptor loads for K/V (Hopper): compiled for sm_90 only
    # (the TMA dense prefill kernels are the P1 target set below)
    v["tma_decode_split_bf16"] = lower(_dense(bf, 32, 8, 1, 32768, 128, M.causal()), split=True,
                                       tma=True)
    v["tma_d80_window_fp16"] = lower(_dense(f16, 8, 8, 1024, 1024, 80,
                                            M.sliding_window(128)), tma=True)
    # 512-byte rows: wider than one 128-byte swizzled TMA box
    v["tma_d256_bf16"] = lower(_dense(bf, 8, 8, 1024, 1024, 256, M.causal()), tma=True)
    v["tma_d256_decode_split_bf16"] = lower(_dense(bf, 32, 8, 1, 8192, 256, M.causal()),
                                            split=True, tma=True)
    v.update(p1_targets())
    v.update(quantized())
    # attention_varlen: packed q over packed keys (cu_seqlens_k), a prefill and a GQA decode
    v["varlen_causal_bf16"] = lower(_varlen_op(bf, 16, 16, 128, M.causal()), max_q_len=2048)
    v["varlen_decode_split_bf16"] = lower(_varlen_op(bf, 32, 8, 128, M.causal()), max_q_len=1,
                                          split=True)
    # the KV-cache append kernel (no dots, no shared memory): a 16-bit head dim of 128,
    # one of 64, and an fp32 head dim that is not a power of two (masked columns)
    v["append_bf16_d128"] = AppendSpec("bf16", 128, 128)
    v["append_fp16_d64"] = AppendSpec("f16", 64, 64)
    v["append_f32_d80"] = AppendSpec("f32", 80, 80)
    return v


# The dense prefill kernel of issue-tracked targets: D=128, 128x64 tiles, 2 stages, TMA,
# sm_90, at 4 and 8 warps, against a FlashAttention-2-style Triton kernel with TMA for Q,
# K, V and O that ran at 510 TFLOP/s on an H100 (its static profile, triton 3.6, fp16):
# (spill bytes, HGMMA count, SASS instructions) per (causal, warps).
P1_REFERENCE = {
    (False, 4): (0, 24, 1768), (True, 4): (32, 48, 2784),
    (False, 8): (0, 12, 1032), (True, 8): (0, 24, 1600),
}


def p1_name(dtype: str, causal: bool, warps: int) -> str:
    return f"p1_tma_{'causal' if causal else 'full'}_{dtype}_w{warps}"


def p1_targets() -> dict[str, KernelSpec]:
    out = {}
    for dt, name in ((torch.float16, "fp16"), (torch.bfloat16, "bf16")):
        for causal, warps in P1_REFERENCE:
            op = _dense(dt, 16, 16, 4096, 4096, 128, M.causal() if causal else None)
            out[p1_name(name, causal, warps)] = lower(op, tiles=Tiles(128, 64, warps, 2),
                                                      tma=True)
    return out


def quantized() -> dict[str, KernelSpec]:
    """The dequantizing loads (kvload.py): every format, decode (GQA packed, split) and
    prefill, bf16 queries over a 1024-token cache."""
    from kvcc import quant

    def op(fmt, hq, hkv, sq, skv=1024):
        q = torch.zeros(1, hq, sq, 128, dtype=torch.bfloat16)
        k = torch.zeros(1, hkv, skv, 128, dtype=torch.bfloat16)
        call = lower_attention_call(q, k, k, mask=M.causal(), return_lse=True, kv_format=fmt)
        return call.module.ops[0]

    out = {}
    for fmt in (quant.int8(), quant.int4(), quant.kivi(2), quant.kivi(4), quant.quantspec(),
                quant.fp8("e4m3"), quant.fp8("e5m2")):
        out[f"q_{fmt.name}_decode_split"] = lower(op(fmt, 32, 8, 1), split=True)
    for fmt in (quant.int4(), quant.kivi(2), quant.fp8("e4m3")):
        out[f"q_{fmt.name}_prefill"] = lower(op(fmt, 16, 16, 512))
    out.update(quantized_cache())
    return out


def quantized_cache() -> dict[str, KernelSpec | QuantAppendSpec]:
    """The quantized paged cache: attention over pages of codes (GQA decode split, and
    chunked prefill; KIVI's rings) and the quantize-on-append kernel of each role."""
    from kvcc import quant
    from kvcc.runtime.modules import paged_quant_module
    from kvcc.runtime.qpages import ROLES

    out: dict = {}
    cases = [(quant.kivi(2), 16, (128, 128)), (quant.int4(), 16, (0, 0)),
             (quant.fp8("e4m3"), 16, (0, 0)), (quant.kivi(4), 64, (128, 128))]
    for fmt, page, rings in cases:
        for name, hq, max_q, split in (("decode_split", 32, 1, True),
                                       ("chunk", 32, 512, False)):
            if name == "chunk" and fmt.name not in ("kivi2", "int4"):
                continue
            op = paged_quant_module(hq, 8, 128, torch.bfloat16, page, fmt, rings, M.causal(),
                                    0.088, None, False).ops[0]
            out[f"qpaged{page}_{fmt.name}_{name}"] = lower(op, max_q_len=max_q, split=split)
    # eviction scores over KIVI pages (H2O's decode steps): the score pass in the merge
    op = paged_quant_module(32, 8, 128, torch.bfloat16, 16, quant.kivi(2), (128, 128),
                            M.causal(), 0.088, None, False, score_window=0).ops[0]
    out["qpaged16_kivi2_scores_decode_split"] = lower(op, max_q_len=1, split=True)
    for fmt in (quant.int8(), quant.int4(), quant.kivi(2), quant.quantspec(), quant.fp8("e4m3"),
                quant.fp8("e5m2")):
        for role in ROLES:
            if role == "v" and fmt.name not in ("kivi2",):
                continue  # values take the keys' kernel in the other formats
            ring = bool(fmt.residual)
            out[f"qappend_{fmt.name}_{role}"] = QuantAppendSpec(
                "bf16", 128, fmt.code.value, fmt.scope(role).value, fmt.group_size, fmt.packed,
                fmt.hierarchical, fmt.scale_dtype.value, ring)
    return out
