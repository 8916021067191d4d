"""The benchmarks of anchors.md, as declarations: P1, P2, P3, C1, D1, D2, D3, D4, S1.

Each ``setup`` builds inputs once (random, never zeros), kvcc's call (the
generated kernel, launched from a prepared plan) and the anchors' calls on the
same inputs. To add a benchmark, append a :class:`Bench` to :data:`SUITE`.
"""

from __future__ import annotations

import math
import os

import torch
import torch.nn.functional as F

import kvcc
from benchmarks.harness import Bench, Case, Env
from benchmarks.shared_prefix import s1
from kvcc import masks as M
from kvcc.codegen.triton.op import Plan, plan
from kvcc.codegen.triton.spec import Tiles
from kvcc.frontend.attention_call import lower_attention_call
from kvcc.ir import AttentionOp, DType, Module, Packed, Paged, Value, tensor
from kvcc.ir.mask import Causal, Full
from kvcc.passes import DEFAULT_PIPELINE, Pipeline

D_PREFILL, H_PREFILL = 128, 16


def _attention_op(m: Module) -> AttentionOp:
    return next(op for op in m.walk() if isinstance(op, AttentionOp))


def kvcc_plan(module: Module, inputs: dict[str, torch.Tensor], **plan_kw) -> Plan:
    """The plan (spec, split count, arguments) of ``module``'s attention after the
    default pipeline. ``plan_kw``: ``tiles`` or ``num_splits`` overrides (tuning variants)."""
    m = Pipeline.parse(DEFAULT_PIPELINE).run(module)
    return plan(_attention_op(m), inputs, **plan_kw)


def timed(p: Plan):
    """The kernel of a plan with all host work done once: what the suite times."""
    launch = p.launcher()
    return lambda: launch()[0]


def kvcc_call(module: Module, inputs: dict[str, torch.Tensor], **plan_kw):
    return timed(kvcc_plan(module, inputs, **plan_kw))


def kvcc_dense(q, k, v, mask=None, **plan_kw):
    call = lower_attention_call(q, k, v, mask=mask)
    return kvcc_call(call.module, call.inputs, **plan_kw)


def varlen_causal(q, k, v, docs: list[int]) -> tuple[Module, dict[str, torch.Tensor]]:
    """The documents of one dense row ``[1, H, T, D]`` as a packed varlen problem
    (``[T, H, D]`` with ``cu_seqlens``), causal within each document."""
    b, h, t, d = q.shape
    hkv = k.shape[1]
    if b != 1 or sum(docs) != t or k.shape[2] != t:
        raise ValueError(f"varlen_causal: one row of {t} tokens holding the documents "
                         f"{docs} expected; got q {tuple(q.shape)}, k {tuple(k.shape)}")
    dt = DType.from_torch(q.dtype)
    cu = torch.tensor([0, *torch.cumsum(torch.tensor(docs), 0).tolist()], dtype=torch.int32,
                      device=q.device)
    vals = {n: Value(n, tensor(s, dt_)) for n, s, dt_ in [
        ("q", [t, h, d], dt), ("k", [t, hkv, d], dt), ("v", [t, hkv, v.shape[-1]], dt),
        ("cu", [len(docs) + 1], DType.i32), ("o", [t, h, v.shape[-1]], dt)]}
    op = AttentionOp(vals["q"], vals["k"], vals["v"], vals["o"], scale=1 / math.sqrt(d),
                     mask=Causal(), q_layout=Packed(), kv_layout=Packed(),
                     cu_seqlens_q=vals["cu"], cu_seqlens_k=vals["cu"])
    module = Module("varlen", tuple(vals[n] for n in ("q", "k", "v", "cu")), (op,), (vals["o"],))
    packed = {n: x[0].transpose(0, 1).contiguous() for n, x in zip("qkv", (q, k, v))}
    return module, packed | {"cu": cu}


def paged_decode(q, k, v, page: int, seed: int) -> tuple[Module, dict[str, torch.Tensor]]:
    """Dense decode (q ``[B, Hq, 1, D]``, k/v ``[B, Hkv, L, D]``) as paged decode: K/V
    copied into a pool of ``page``-token pages ``[P, page, Hkv, D]`` in a shuffled
    order, with the block table that finds them."""
    b, hq, sq, d = q.shape
    hkv, length = k.shape[1], k.shape[2]
    if sq != 1:
        raise ValueError(f"paged_decode: one query per sequence expected, got {sq}")
    n_pages = -(-length // page)
    perm = torch.randperm(b * n_pages, generator=torch.Generator().manual_seed(seed))
    bt = perm.view(b, n_pages).to(torch.int32).to(q.device)
    pools = []
    for t in (k, v):
        pool = torch.zeros(b * n_pages, page, hkv, d, dtype=t.dtype, device=t.device)
        src = F.pad(t, (0, 0, 0, n_pages * page - length)).view(b, hkv, n_pages, page, d)
        pool[bt.long().flatten()] = src.permute(0, 2, 3, 1, 4).reshape(-1, page, hkv, d)
        pools.append(pool)
    dt = DType.from_torch(q.dtype)
    vals = {n: Value(n, tensor(s, dt_)) for n, s, dt_ in [
        ("q", [b, hq, 1, d], dt), ("k", [b * n_pages, page, hkv, d], dt),
        ("v", [b * n_pages, page, hkv, d], dt), ("bt", [b, n_pages], DType.i32),
        ("kl", [b], DType.i32), ("o", [b, hq, 1, d], dt)]}
    op = AttentionOp(vals["q"], vals["k"], vals["v"], vals["o"], scale=1 / math.sqrt(d),
                     mask=Full(), kv_layout=Paged(page), block_table=vals["bt"],
                     kv_lens=vals["kl"])
    module = Module("paged_decode", tuple(vals[n] for n in ("q", "k", "v", "bt", "kl")), (op,),
                    (vals["o"],))
    kl = torch.full((b,), length, dtype=torch.int32, device=q.device)
    return module, {"q": q, "k": pools[0], "v": pools[1], "bt": bt, "kl": kl}


# ------------------------------------------------------------------ anchors


def sdpa_anchors(env: Env, q, k, v, *, causal_br: bool = False, mask: torch.Tensor | None = None):
    """SDPA with each backend (GPU) or the math backend (CPU mode).

    Bottom-right causal with Sq != Skv has no flag in SDPA: it goes through
    ``causal_lower_right``, which only some kernels take natively, so that case is
    one anchor, ``sdpa-lower-right``, with torch choosing the kernel. An explicit
    ``mask`` is passed as a precomputed additive float mask (built outside the timing)."""
    from torch.nn.attention import SDPBackend, sdpa_kernel

    sq, skv = q.shape[2], k.shape[2]
    gqa = q.shape[1] != k.shape[1]
    if causal_br and sq != skv:
        from torch.nn.attention.bias import causal_lower_right

        bias = causal_lower_right(sq, skv)
        return {"sdpa-lower-right": lambda: F.scaled_dot_product_attention(
            q, k, v, attn_mask=bias, enable_gqa=gqa)}
    attn_mask = None
    if mask is not None:
        attn_mask = torch.zeros(mask.shape, dtype=q.dtype, device=q.device).masked_fill(
            ~mask, float("-inf"))
    is_causal = causal_br
    backends = ({"sdpa-math": SDPBackend.MATH} if env.tiny else
                {"sdpa-flash": SDPBackend.FLASH_ATTENTION, "sdpa-cudnn": SDPBackend.CUDNN_ATTENTION,
                 "sdpa-efficient": SDPBackend.EFFICIENT_ATTENTION})
    out = {}
    for name, be in backends.items():
        def call(be=be):
            with sdpa_kernel(be):
                return F.scaled_dot_product_attention(q, k, v, attn_mask=attn_mask,
                                                      is_causal=is_causal, enable_gqa=gqa)
        out[name + ("-mask" if mask is not None else "")] = call
    return out


def flex_anchor(env: Env, q, k, v, mask_mod, name: str = "flex"):
    """FlexAttention under torch.compile (GPU) or eager (CPU mode), block mask built once."""
    from torch.nn.attention.flex_attention import create_block_mask, flex_attention

    b, _, sq, _ = q.shape
    skv = k.shape[2]
    bm = None if mask_mod is None else create_block_mask(mask_mod, None, None, sq, skv,
                                                         device=str(env.device))
    fn = flex_attention if env.tiny else torch.compile(flex_attention, dynamic=False)
    gqa = q.shape[1] != k.shape[1]
    return {name: lambda: fn(q, k, v, block_mask=bm, enable_gqa=gqa)}


def flex_paged_anchor(env: Env, q, pool_k, pool_v, block_table, kv_lens):
    """FlexAttention over the same shuffled pages, set up its own way (PyTorch's
    ``PagedAttention``): the pool viewed as one sequence per KV head, a logical block
    mask of page-sized key blocks converted to physical pages through the block table.
    Flex keeps heads outermost, so the pool is copied once into that layout (untimed).
    Its key blocks are then the 16-token pages, which caps its kernel's key tile at 16:
    that is Flex's cost of paging, which the dense SDPA anchors show beside it."""
    from torch.nn.attention.experimental._paged_attention import PagedAttention
    from torch.nn.attention.flex_attention import create_block_mask, flex_attention

    n_pool, page, hkv, d = pool_k.shape
    b, n_pages = block_table.shape
    pa = PagedAttention(n_pool, page, b, device=str(env.device))
    pa.page_table[:, :n_pages] = block_table
    rows = torch.arange(b, device=env.device)[:, None]
    pa.physical_to_logical[rows, block_table] = torch.arange(n_pages, device=env.device)
    pa.capacity[:] = n_pages * page
    kc, vc = (p.permute(2, 0, 1, 3).reshape(1, hkv, n_pool * page, d) for p in (pool_k, pool_v))
    logical = create_block_mask(lambda b_, h, i, j: j < kv_lens[b_], b, None, q.shape[2],
                                n_pages * page, device=str(env.device), BLOCK_SIZE=(page, page))
    bm = pa.convert_logical_block_mask(logical, kv_len=kv_lens)
    fn = flex_attention if env.tiny else torch.compile(flex_attention, dynamic=False)
    return {"flex-paged": lambda: fn(q, kc, vc, block_mask=bm, enable_gqa=True)}


# ------------------------------------------------------------------ benchmarks


def p1(s: int, causal: bool) -> Bench:
    def setup(env: Env) -> Case:
        S = 64 if env.tiny else s
        B = 2 if env.tiny else 16384 // s
        H, D = (2, 32) if env.tiny else (H_PREFILL, D_PREFILL)
        q, k, v = (env.randn(B, H, S, D, seed=i) for i in range(3))
        mask = M.causal() if causal else None
        anchors = sdpa_anchors(env, q, k, v, causal_br=causal)
        anchors |= flex_anchor(env, q, k, v, (lambda b, h, i, j: i >= j) if causal else None)
        flops = 4 * B * H * S * S * D / (2 if causal else 1)
        variants = {}
        if s == 8192 or env.tiny:  # tile candidates for the tuner, measured in the same run
            # (the default is 128x64, 8 warps, 2 stages; 3 stages fit with no spill on
            # sm_90 and the same one program per SM, which registers already force; at 4
            # warps the TMA kernel holds two programs per SM with no spill, 16 bytes causal,
            # benchmarks/results/static/)
            for bm, bn, w, st in ((128, 64, 8, 3), (128, 64, 4, 2), (128, 64, 4, 3),
                                  (128, 128, 8, 2), (64, 64, 4, 2)):
                variants[f"kvcc-{bm}x{bn}w{w}s{st}"] = kvcc_dense(q, k, v, mask,
                                                                  tiles=Tiles(bm, bn, w, st))
        return Case(kvcc_dense(q, k, v, mask), anchors, flops, "flop",
                    f"B={B} H={H} S={S} D={D} {'causal' if causal else 'full'}",
                    variants=variants)
    return Bench("P1", f"dense prefill S={s} {'causal' if causal else 'non-causal'}", setup)


P2_DOCS = [3000, 1500, 1200, 900, 700, 500, 292, 100]


def p2(varlen: bool) -> Bench:
    def setup(env: Env) -> Case:
        docs = [30, 15, 12, 7] if env.tiny else P2_DOCS
        H, D = (2, 32) if env.tiny else (H_PREFILL, D_PREFILL)
        T = sum(docs)
        q, k, v = (env.randn(1, H, T, D, seed=10 + i) for i in range(3))
        visible = sum(n * (n + 1) // 2 for n in docs)
        ids = torch.repeat_interleave(torch.arange(len(docs)), torch.tensor(docs)).to(env.device)
        compare_as = {}  # layout changes for the correctness check, outside the timing
        if varlen:
            kv = kvcc_call(*varlen_causal(q, k, v, docs))
            compare_as["kvcc"] = lambda o: o.transpose(0, 1).unsqueeze(0)
        else:
            kv = kvcc_dense(q, k, v, M.document(docs) & M.causal())
        anchors = flex_anchor(env, q, k, v, lambda b, h, i, j: (ids[i] == ids[j]) & (i >= j),
                              "flex-document")
        # SDPA on the batch padded to the longest document (timed alone; its output
        # is scattered back to the packed row only for the check)
        L = max(docs)
        pad = torch.zeros(len(docs), 3, H, L, D, dtype=env.dtype, device=env.device)
        start = 0
        for i, n in enumerate(docs):
            for j, t in enumerate((q, k, v)):
                pad[i, j, :, :n] = t[0, :, start:start + n]
            start += n
        sd = sdpa_anchors(env, pad[:, 0].contiguous(), pad[:, 1].contiguous(),
                          pad[:, 2].contiguous(), causal_br=True)
        for name, fn in sd.items():  # every SDPA backend on the padded batch
            anchors[f"{name}-padded"] = fn
            compare_as[f"{name}-padded"] = lambda o: torch.cat(
                [o[i, :, :n] for i, n in enumerate(docs)], dim=1).unsqueeze(0)
        return Case(kv, anchors, 4 * H * D * visible, "flop",
                    f"{len(docs)} docs in {T} tokens H={H} D={D}" + (" varlen" if varlen else ""),
                    compare_as=compare_as)
    return Bench("P2", "packed prefill, causal per document" + (" (varlen)" if varlen else ""),
                 setup)


def p3() -> Bench:
    def setup(env: Env) -> Case:
        S, w = (64, 16) if env.tiny else (8192, 1024)
        H, D = (2, 32) if env.tiny else (H_PREFILL, D_PREFILL)
        q, k, v = (env.randn(1, H, S, D, seed=20 + i) for i in range(3))
        visible = sum(min(i + 1, w) for i in range(S))
        anchors = flex_anchor(env, q, k, v, lambda b, h, i, j: (i >= j) & (i - j < w),
                              "flex-window")
        idx = torch.arange(S, device=env.device)
        dense = (idx[None, :] <= idx[:, None]) & (idx[None, :] > idx[:, None] - w)
        anchors |= {n: f for n, f in sdpa_anchors(env, q, k, v, mask=dense).items()
                    if n != "sdpa-flash-mask"}  # flash takes no explicit mask
        return Case(kvcc_dense(q, k, v, M.sliding_window(w)), anchors, 4 * H * D * visible,
                    "flop", f"S={S} window={w} H={H} D={D}")
    return Bench("P3", "sliding window prefill", setup)


def c1(chunk: int) -> Bench:
    def setup(env: Env) -> Case:
        B, cached, n = (2, 48, 16) if env.tiny else (4, 8192, chunk)
        H, D = (2, 32) if env.tiny else (H_PREFILL, D_PREFILL)
        q = env.randn(B, H, n, D, seed=30)
        k, v = (env.randn(B, H, cached + n, D, seed=31 + i) for i in range(2))
        pairs = n * cached + n * (n + 1) // 2
        anchors = sdpa_anchors(env, q, k, v, causal_br=True)
        anchors |= flex_anchor(env, q, k, v, lambda b, h, i, j: i + cached >= j)
        return Case(kvcc_dense(q, k, v, M.causal()), anchors, 4 * B * H * D * pairs, "flop",
                    f"B={B} chunk={n} after {cached} cached H={H} D={D}")
    return Bench("C1", f"chunked prefill, chunk {chunk}", setup)


D1_SHAPES = [(64, 4096), (8, 32768), (1, 131072)]
TINY_DECODE = {(64, 4096): (2, 96), (8, 32768): (1, 200), (1, 131072): (1, 333)}


def decode_inputs(env: Env, b: int, length: int, seed: int):
    """D1/D2/D4's problem: GQA 32/8, D=128 (tiny in CPU mode): B, L, D, q, k, v."""
    B, L = TINY_DECODE[(b, length)] if env.tiny else (b, length)
    D = 32 if env.tiny else 128
    q = env.randn(B, 32, 1, D, seed=seed)
    k, v = (env.randn(B, 8, L, D, seed=seed + 1 + i) for i in range(2))
    return B, L, D, q, k, v


def d1(b: int, length: int) -> Bench:
    def setup(env: Env) -> Case:
        B, L, D, q, k, v = decode_inputs(env, b, length, 40)
        anchors = sdpa_anchors(env, q, k, v)
        anchors |= flex_anchor(env, q, k, v, None)
        call = lower_attention_call(q, k, v, mask=M.causal())
        p = kvcc_plan(call.module, call.inputs)
        splits, t = p.num_splits, p.spec
        variants = {  # a wider key tile, and twice the splits the rule chose
            "kvcc-bn128": kvcc_call(call.module, call.inputs,
                                    tiles=Tiles(t.block_m, 128, t.num_warps, t.num_stages)),
            f"kvcc-splits{2 * splits}": kvcc_call(call.module, call.inputs,
                                                  num_splits=2 * splits),
        }
        return Case(timed(p), anchors, 2 * B * 8 * L * D * q.element_size(),
                    "byte", f"B={B} L={L} GQA 32/8 D={D} ({splits} splits)", variants=variants)
    return Bench("D1", f"decode B={b} L={length}", setup)


D2_FORMATS = ("fp8_e4m3", "int8", "int4", "kivi2")
# anchors.md targets against cuDNN bf16 decode (tracked in the results, not asserted)
D2_TARGETS = {"fp8_e4m3": 1.8, "int8": 1.8, "int4": 3.2, "kivi2": 5.0}


def d2(fmt_name: str, b: int, length: int) -> Bench:
    """Decode over quantized K/V (stored once, outside the timing) against bf16 decode:
    the bytes read are the format's (bytes_per_token x L x B)."""
    from kvcc import quant
    from kvcc.codegen import reference

    fmt = {"fp8_e4m3": quant.fp8(), "int8": quant.int8(), "int4": quant.int4(),
           "kivi2": quant.kivi(2)}[fmt_name]

    def setup(env: Env) -> Case:
        B, L, D, q, k, v = decode_inputs(env, b, length, 60)
        anchors = sdpa_anchors(env, q, k, v)
        call = lower_attention_call(q, k, v, mask=M.causal(), kv_format=fmt)
        stored = sum(t.numel() * t.element_size() for n, t in call.inputs.items() if n != "q")
        return Case(kvcc_call(call.module, call.inputs), anchors, stored, "byte",
                    f"{fmt.name} B={B} L={L} GQA 32/8 D={D} "
                    f"({stored / (2 * B * 8 * L * D * q.element_size()):.2f} of bf16's bytes; "
                    f"target {D2_TARGETS[fmt_name]}x)",
                    reference=lambda: reference.run(call.module, **call.inputs)[0])
    return Bench("D2", f"quantized decode {fmt_name} B={b} L={length}", setup)


def d4(b: int, length: int) -> Bench:
    def setup(env: Env) -> Case:
        B, L, D, q, k, v = decode_inputs(env, b, length, 50)
        page = 16
        module, inputs = paged_decode(q, k, v, page, seed=5)
        kv = kvcc_call(module, inputs)
        anchors = {f"{n}-contiguous": f for n, f in sdpa_anchors(env, q, k, v).items()}
        skipped = {}
        try:  # a private PyTorch API: if it moved, lose this anchor, not the benchmark
            anchors |= flex_paged_anchor(env, q, inputs["k"], inputs["v"],
                                         inputs["bt"].long(), inputs["kl"].long())
        except Exception as e:  # noqa: BLE001 - reported with the results
            skipped["flex-paged"] = f"setup: {type(e).__name__}: {str(e).splitlines()[0][:160]}"
        return Case(kv, anchors, 2 * B * 8 * L * D * q.element_size(), "byte",
                    f"B={B} L={L} page={page} shuffled GQA 32/8 D={D}", skipped=skipped)
    return Bench("D4", f"paged decode B={b} L={length}", setup)


D3_SHAPES = [(8, 32768), (8, 131072)]
TINY_D3 = {(8, 32768): (2, 160), (8, 131072): (1, 300)}


def d3(b: int, length: int, budget: int = 2048, page: int = 16) -> Bench:
    """Quest decode over a KVCache that keeps page stats: per sequence and KV head, the
    last page and the top budget/page - 1 others by Quest's bound are read (the selection
    reads the pages' key min and max, 1/8 of K's bytes). Against dense decode of the same
    cache (kvcc, one launch) and SDPA over contiguous K/V; the output equals the
    reference over the selected pages (the technique's own error is in tests/test_quest.py)."""
    from kvcc.runtime import Quest

    def setup(env: Env) -> Case:
        B, L = TINY_D3[(b, length)] if env.tiny else (b, length)
        D = 32 if env.tiny else 128
        bud = 64 if env.tiny else budget
        q = env.randn(B, 32, 1, D, seed=70)
        k, v = (env.randn(B, 8, L, D, seed=71 + i) for i in range(2))
        interp = os.environ.get("TRITON_INTERPRET") == "1"
        backend = "triton" if env.device.type == "cuda" or interp else "reference"
        cache = kvcc.KVCache(1, 8, D, num_pages=B * -(-L // page), page_size=page,
                             dtype=q.dtype, device=env.device, backend=backend,
                             page_stats=True)
        seqs = [cache.add_sequence() for _ in range(B)]
        step = cache.plan(seqs, [L] * B, new_tokens=[L] * B)
        step.append(0, *(t.permute(0, 2, 1, 3).reshape(B * L, 8, D) for t in (k, v)))
        qp = q.view(B, 32, D)
        quest = cache.plan(seqs, [1] * B, new_tokens=[0] * B, num_q_heads=32,
                           quest=Quest(budget=bud, dense_layers=0))
        dense = cache.plan(seqs, [1] * B, new_tokens=[0] * B, num_q_heads=32)
        anchors = sdpa_anchors(env, q, k, v) | {"kvcc-dense-cache": lambda: dense.attend(0, qp)}
        as_dense = (lambda o: o.view(B, 32, 1, D))  # noqa: E731

        def reference():
            sel = quest.quest.selected  # the last call's selection
            return kvcc.attention(q, k, v, mask=M.page_selection(sel, page), backend="reference")

        kept = min(bud // page, -(-L // page))
        work = 2 * B * 8 * kept * page * D * q.element_size() \
            + 2 * B * 8 * -(-L // page) * D * q.element_size()  # selected K/V, page stats
        return Case(lambda: quest.attend(0, qp), anchors, work, "byte",
                    f"B={B} L={L} page={page} budget={bud} GQA 32/8 D={D}",
                    compare_as={"kvcc": as_dense, "kvcc-dense-cache": as_dense},
                    reference=reference)
    return Bench("D3", f"Quest decode B={b} L={length} budget {budget}", setup)


# Decode first: it is the story the anchors single out, and a time budget cuts the tail.
SUITE: list[Bench] = (
    [d1(b, length) for b, length in D1_SHAPES]
    + [d2(f, b, length) for b, length in D1_SHAPES[1:] for f in D2_FORMATS]
    + [p1(s, c) for s in (2048, 8192) for c in (False, True)]
    + [d3(b, length) for b, length in D3_SHAPES]
    + [s1()]  # benchmarks/shared_prefix.py
    + [d4(b, length) for b, length in D1_SHAPES]
    + [c1(512), c1(2048)]
    + [p2(False), p2(True), p3()]
)
