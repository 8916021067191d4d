"""The TVM CUDA prefill kernels: flash attention over dense ``[B, H, S, D]`` tensors,
packed sequences (``kvcc.attention_varlen``), or packed queries over a ``kvcc.KVCache``
layer's pages (plain or quantized); see ``cuda_kernels.py`` for the layouts, masks and
run-time arguments."""

# ruff: noqa: E501  (TVMScript templates: one TensorIR statement per line)
from __future__ import annotations

from kvcc.codegen.tvm import cuda_masks as cm
from kvcc.codegen.tvm import cuda_quant as cq
from kvcc.codegen.tvm import cuda_ranges as cr
from kvcc.codegen.tvm.cuda_common import (
    ALL_DTYPES,
    LN2,
    NEG_INF,
    NT,
    PAGE_SIZES,
    KernelDef,
    check_head_dim,
    check_shared,
    prefill_tiles,
)
from kvcc.codegen.tvm.cuda_common import allocations as _allocations
from kvcc.codegen.tvm.cuda_common import init_accumulators as _init
from kvcc.codegen.tvm.cuda_common import lines as _lines
from kvcc.codegen.tvm.cuda_common import score as _score
from kvcc.codegen.tvm.cuda_common import tile_loop as _tile_loop
from kvcc.codegen.tvm.cuda_ranges import J0, K0, KEY, Q0, SK, SQ
from kvcc.ir.mask import Mask


def prefill(dtype: str, d: int, varlen: bool = False, page_size: int | None = None,
            kv_format: str | None = None, mask: Mask | None = None,
            kv_precision: str = "full") -> KernelDef:
    """The flash-attention prefill over dense ``[B, H, S, D]`` tensors, or with
    ``varlen`` over packed sequences, their keys packed too or (``page_size``) in a
    ``kvcc.KVCache`` layer's pages, of ``kv_format`` codes when given (see the module
    docstring); with ``mask``, that mask compiled in in place of the run-time window and
    sinks (``cuda_masks.py``)."""
    if mask is not None and (why := cm.reason(mask, varlen)) is not None:
        raise ValueError(f"the TVM CUDA kernels cannot compile this mask in: {why}")
    if page_size is not None and page_size not in PAGE_SIZES:
        raise ValueError(f"paged prefill page sizes are {PAGE_SIZES}, not {page_size}")
    fmt = cq.resolve(kv_format) if kv_format is not None else None
    up = cq.precision(fmt, kv_precision)  # QuantSpec's upper codes alone
    if fmt is not None:
        fmt.check_head_dim(d)
    if page_size is not None and not varlen:
        raise ValueError("a paged prefill takes packed queries (varlen)")
    if fmt is not None and varlen and page_size is None:
        raise ValueError("quantized K/V runs dense or in pages (a KVCache's), not packed")
    paged = page_size is not None
    kind = "paged_prefill" if paged else "varlen_prefill" if varlen else "prefill"
    name = f"kvcc_cuda_{kind}_{ALL_DTYPES[dtype]}_d{d}" + (f"_p{page_size}" if paged else "") \
        + (f"_{fmt.name}" if fmt else "") + ("_upper" if up else "") \
        + (cm.suffix(mask) if mask is not None else "")
    check_head_dim(d)
    (bm, bn), nt = prefill_tiles(d, dtype), NT
    if fmt is not None and not varlen and d == 128:
        bm //= 2  # dense codes' index arithmetic: half the rows, or the state spills
    check_shared(name, bm, d, bn, dtype, cm.MaskCode(mask, bm, bn, "", "", "").shared_bytes()
                 if mask is not None else 0)
    pt = bm * d // nt
    assert bm * d % nt == 0 and bm * bn % nt == 0 and bn * d % nt == 0
    row, col = f"(k * {nt} + tx) // {d}", f"(k * {nt} + tx) % {d}"
    if varlen:
        S, L = f"iv[{SQ}]", f"iv[{SK}]"
        handles = "q_h: T.handle, k_h: T.handle, v_h: T.handle, cuq_h: T.handle, cuk_h: T.handle, sl_h: T.handle, o_h: T.handle, lse_h: T.handle"
        sizes = ", B: T.int32, MQ: T.int32"
        decl = _lines(4, "Hq = T.int32()", "Hk = T.int32()", "TQ = T.int32()", "TK = T.int32()",
                      f'Q = T.match_buffer(q_h, (TQ, Hq, {d}), "{dtype}")',
                      f'K = T.match_buffer(k_h, (TK, Hk, {d}), "{dtype}")',
                      f'V = T.match_buffer(v_h, (TK, Hk, {d}), "{dtype}")',
                      'CUQ = T.match_buffer(cuq_h, (B + 1,), "int32")',
                      'CUK = T.match_buffer(cuk_h, (B + 1,), "int32")',
                      f'O = T.match_buffer(o_h, (TQ, Hq, {d}), "{dtype}")',
                      'LSE = T.match_buffer(lse_h, (TQ, Hq), "float32")')
        xs = f"(MQ + {bm - 1}) // {bm}"
        seq = _lines(20, f"iv[{Q0}] = CUQ[bz]", f"iv[{SQ}] = CUQ[bz + 1] - iv[{Q0}]",
                     f"iv[{K0}] = CUK[bz]", f"iv[{SK}] = CUK[bz + 1] - iv[{K0}]") + "\n"
        q_at = f"Q[T.min(iv[{Q0}] + r0 + {row}, TQ - 1), by, {col}]"
        k_at, v_at = (f"{t}[iv[{K0}] + T.min(iv[{J0}] + {row}, {L} - 1), hk, {col}]" for t in "KV")
        o_at = f"O[iv[{Q0}] + r0 + {row}, by, {col}]"
        lse_at = f"LSE[iv[{Q0}] + r0 + {row}, by]"
        tensors: tuple[str, ...] = ("q", "k", "v", "cuq", "cuk", "sl", "o", "lse")
        grid: tuple[tuple[str, int], ...] = (("MQ", bm), ("Hq", 1), ("B", 1))
        if paged:  # keys in pages: sequence b's key j at BT[b, j // P], slot j % P
            ps, jj = page_size, f"T.min(iv[{J0}] + {row}, {L} - 1)"
            extra = f"{cq.handles(fmt)}, " if fmt else ""
            handles = handles.replace("cuk_h: T.handle, ", f"bt_h: T.handle, kvl_h: T.handle, {extra}")
            decl = "\n".join(ln for ln in decl.splitlines()
                             if not any(x in ln for x in ("TK = ", "K = ", "V = ", "CUK = ")))
            kv_decl = cq.decl(fmt, dtype, d, ps) if fmt else [
                f'{t} = T.match_buffer({t.lower()}_h, (NP, {ps}, Hk, {d}), "{dtype}")' for t in "KV"]
            decl += "\n" + _lines(4, "NP = T.int32()", "MP = T.int32()", *kv_decl,
                                   'BT = T.match_buffer(bt_h, (B, MP), "int32")',
                                   'KVL = T.match_buffer(kvl_h, (B,), "int32")')
            # the key count cut to the block table's pages, as in the paged decode
            seq = _lines(20, f"iv[{Q0}] = CUQ[bz]", f"iv[{SQ}] = CUQ[bz + 1] - iv[{Q0}]",
                         f"iv[{K0}] = 0", f"iv[{SK}] = T.min(KVL[bz], MP * {ps})") + "\n"
            page, slot = f"BT[bz, {jj} // {ps}]", f"{jj} % {ps}"
            k_at, v_at = ((cq.load(fmt, dtype, d, ps, t, f"iv[{KEY}]", col, up) if fmt
                           else f"{t}[{page}, {slot}, hk, {col}]") for t in "KV")
            tensors = ("q", "k", "v", "cuq", "bt", "kvl", *(cq.tensors(fmt) if fmt else ()),
                       "sl", "o", "lse")
            if fmt:  # the loads name the sequence b and its key count Skv (hk is bound)
                seq += _lines(20, "b: T.let[T.int32] = bz", f"Skv: T.let[T.int32] = iv[{SK}]") + "\n"
    else:
        S, L = "S", "L"
        handles = "q_h: T.handle, k_h: T.handle, v_h: T.handle, sl_h: T.handle, o_h: T.handle, lse_h: T.handle"
        sizes = ""
        decl = _lines(4, "B = T.int32()", "Hq = T.int32()", "Hk = T.int32()", "S = T.int32()",
                      "L = T.int32()",
                      f'Q = T.match_buffer(q_h, (B, Hq, S, {d}), "{dtype}")',
                      f'K = T.match_buffer(k_h, (B, Hk, L, {d}), "{dtype}")',
                      f'V = T.match_buffer(v_h, (B, Hk, L, {d}), "{dtype}")',
                      f'O = T.match_buffer(o_h, (B, Hq, S, {d}), "{dtype}")',
                      'LSE = T.match_buffer(lse_h, (B, Hq, S), "float32")')
        xs = f"(S + {bm - 1}) // {bm}"
        seq = ""
        q_at = f"Q[bz, by, T.min(r0 + {row}, S - 1), {col}]"
        k_at, v_at = (f"{t}[bz, hk, T.min(iv[{J0}] + {row}, L - 1), {col}]" for t in "KV")
        o_at = f"O[bz, by, r0 + {row}, {col}]"
        lse_at = f"LSE[bz, by, r0 + {row}]"
        tensors = ("q", "k", "v", "sl", "o", "lse")
        grid = (("S", bm), ("Hq", 1), ("B", 1))
        if fmt:  # dense codes (cuda_quant.dense_decl); the loads name b (hk is bound)
            jj = f"T.min(iv[{J0}] + {row}, L - 1)"
            handles, decl, k_at, v_at, tensors, sizes = cq.dense_splice(
                fmt, dtype, d, up, handles, decl, tensors, col)
            seq = _lines(20, "b: T.let[T.int32] = bz") + "\n"
    sj = f"iv[{J0}] + (k * {nt} + tx) % {bn}"  # a score's key
    sp = f"r0 + (k * {nt} + tx) // {bn} + {L} - {S}"  # its query's position
    ranges = _lines(20, *cr.prefill_ranges(bm, bn, S, L))
    loop = _tile_loop(cr.prefill_tile(bn), bm, d, bn, nt, pt, k_at, v_at,
                      cr.prefill_visible(sj, sp, L), _score("by", sp, sj), jj if fmt else None)
    params, alloc = "qscale: T.float32, cap: T.float32, window: T.int32, sinks: T.int32", ""
    if mask is not None:  # compiled in: a mask row per query row of the block
        mc = cm.MaskCode(mask, bm, bn, f"r0 + {{i}} + {L} - {S}", "r0 + {i}", f"r0 + {{i}} < {S}")
        handles, decl, tensors, params, alloc = mc.splice(handles, decl, tensors, ("o", "lse"))
        seq += _lines(20, f"kv_total: T.let[T.int32] = {L}") + "\n"
        ranges = _lines(20, *mc.setup(split=False))
        loop = _tile_loop(mc.tile(), bm, d, bn, nt, pt, k_at, v_at,
                          mc.visible(f"(k * {nt} + tx) // {bn}", f"(k * {nt} + tx) % {bn}", sj),
                          _score("by", sp, sj), jj if fmt else None, mc.stage(nt), mc.guard())
    src = f'''
@T.prim_func
def {name}({handles},
           {params}{sizes}):
    T.func_attr({{"global_symbol": "{name}", "tir.noalias": True}})
{decl}
    SL = T.match_buffer(sl_h, (Hq,), "float32")
    for bz in T.thread_binding(B, thread="blockIdx.z"):
        for by in T.thread_binding(Hq, thread="blockIdx.y"):
            for bx in T.thread_binding({xs}, thread="blockIdx.x"):
{_allocations(bm, d, bn, dtype, pt)}{alloc}
                for tx in T.thread_binding({nt}, thread="threadIdx.x"):
                    hk: T.let[T.int32] = by // (Hq // Hk)
                    r0: T.let[T.int32] = bx * {bm}
{seq}                    for k in range({pt}):
                        qs[{row}, {col}] = T.Select(r0 + {row} < {S}, T.Cast("float32", {q_at}) * qscale, T.float32(0))
{_init(pt)}
{ranges}
{loop}
                    for k in T.unroll({pt}):
                        if r0 + {row} < {S}:
                            {o_at} = T.Cast("{dtype}", T.Select(l[k] > T.float32(0), acc[k] / l[k], T.float32(0)))
                            if {col} == 0:
                                {lse_at} = T.Select(l[k] > T.float32(0), (m[k] + T.log2(l[k])) * T.float32({LN2!r}), {NEG_INF})
'''
    return KernelDef(name, kind, dtype, d, 0, src, grid, (nt, 1, 1), tensors, page_size or 0,
                     fmt.name if fmt else "", cm.text(mask) if mask is not None else "", bn)
