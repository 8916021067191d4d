"""TensorIR (TVMScript text) of kvcc's CUDA attention kernels, scheduled by hand.

Each kernel is a ``T.prim_func`` over contiguous tensors, written at the thread level
(``T.thread_binding`` over ``blockIdx``/``threadIdx``, shared-memory tiles,
``T.tvm_storage_sync`` between the phases of a tile). Scores are kept in log2 units:
``qscale`` is the softmax scale times log2(e), ``exp2`` does the exponentials, and the
lse is converted to the natural log on the way out. A row that sees no key gets
``o = 0`` and ``lse = -inf`` (the convention of every kvcc backend).

- **decode** (``decode_{dtype}_d{D}_g{G}``): GQA split-KV decode. ``q [B, Hk*G, 1, D]``,
  ``K``/``V [B, Hk, L, D]``; the one new query is the last position. One thread block
  per (split, KV head, sequence): its ``G`` query heads share every K/V row, which is
  staged once per tile of :data:`DEC_BN` keys in shared memory. Per tile: ``G x BN``
  scores from shared memory (keys the mask hides are -inf), then each thread updates
  the accumulators it owns (``G x D`` spread over the threads): new running max of the
  row, rescale ``2**(m_old - m_new)``, ``acc = acc * rescale + sum_j p_j V[j]`` and the
  running sum, the row's max and sum kept in registers (no shared softmax state is
  written under a condition, which TVM's barrier planner cannot handle). Groups are
  powers of two up to 16 so every phase divides evenly among the threads. A block
  writes its normalized partial output ``WO [B, Hq, NS, D]`` and log2-sum-exp ``WL
  [B, Hq, NS]`` (float32).
- **paged decode** (``paged_decode_{dtype}_d{D}_g{G}_p{P}``): the same over a
  ``kvcc.KVCache`` layer's pages: ``q [B, Hq, D]`` (one query per sequence), ``K``/``V
  [pages, P, Hk, D]``, ``BT [B, MP]`` int32 (sequence ``b``'s key ``j`` is in page
  ``BT[b, j // P]`` at slot ``j % P``), ``KVL [B]`` int32 (its key count; the query is
  key ``KVL[b] - 1``, ``KVL[b]`` taken as at most ``MP * P``, the keys its block-table
  row holds, so no page index passes ``MP - 1``). The page size ``P`` (16 or 32) is
  compiled in; only block-table entries of a sequence's first ``ceil(KVL[b] / P)``
  pages are read. With a ``kv_format`` (``..._p{P}_{format}``, any ``kvcc.quant``
  format) the pages hold codes and the kernel takes the format's scales, zeros, rings
  and ring rows too (``cuda_quant.py``); those kernels are built with
  ``__launch_bounds__(threads, 1)`` (``cuda.py``).
- **quantized dense decode** (``decode_{dtype}_d{D}_g{G}_{format}``): the decode
  over K/V as ``kvcc.attention(kv_format=...)`` stores it: codes ``[B, Hk, N, W]``
  with their scales and zeros, then the full-precision residual ``[B, Hk, R, D]``
  (``cuda_quant.dense_decl``); ``L``, the quantized counts ``n_kq``/``n_vq`` and the
  buffers' rows are run-time sizes. The **prefill** takes it alike
  (``prefill_{dtype}_d{D}_{format}``; blocks of half the query rows at head dim 128,
  whose state would spill with the codes' index arithmetic).
- **eviction scores** (``scores_{layout}_{dtype}_d{D}``, ``cuda_scores.py``): H2O's and
  SnapKV's per-key scores, launched after a prefill or decode from its lse
  (``return_scores=True`` in the launcher).
- **merge** (``merge_{dtype}_d{D}``): one block per (query head, sequence), one
  thread per head dim: ``o = sum_s w_s o_s / sum_s w_s`` with
  ``w_s = 2**(WL_s - max)``; an empty split has weight 0, all empty gives 0 and -inf.
  It writes ``o [B, Hq, 1, D]`` and ``lse [B, Hq, 1]``, which serve the paged decode's
  ``[B, Hq, D]`` and ``[B, Hq]`` as they are (the same memory).
- **prefill** (``prefill_{dtype}_d{D}``): flash attention, bottom-right aligned (query
  ``i`` of ``S`` sits at key position ``p = i + L - S``). ``q [B, Hq, S, D]``,
  ``K``/``V [B, Hk, L, D]`` with ``Hq`` a multiple of ``Hk`` (GQA at run time). One
  block per (query block of :data:`PRE_BM` rows, query head, sequence); the pre-scaled
  queries stay in shared memory, the key tiles of :data:`PRE_BN` rows that some row of
  the block sees are staged in turn; the ``BM x D`` accumulators are spread over the
  threads (one head dim each) and updated as in decode.
- **varlen prefill** (``varlen_prefill_{dtype}_d{D}``): the same over packed sequences
  (``kvcc.attention_varlen``): ``q [Tq, Hq, D]``, ``K``/``V [Tk, Hk, D]``, ``CUQ``/``CUK
  [B + 1]`` int32; sequence ``b`` has queries ``CUQ[b]:CUQ[b+1]`` and keys
  ``CUK[b]:CUK[b+1]``, bottom-right aligned. The grid's x runs over ``ceil(MQ / BM)``
  query blocks, ``MQ`` a bound on the longest query sequence; a block past its
  sequence's queries does nothing.
- **paged prefill** (``paged_prefill_{dtype}_d{D}_p{P}``, ``cuda_prefill.py``): the
  varlen prefill's packed queries over a ``kvcc.KVCache`` layer's pages, as the paged
  decode reads them (``BT``, ``KVL``; sequence ``b``'s queries are the last of its
  ``KVL[b]`` keys): a chunked-prefill step. With a ``kv_format`` (``..._{format}``) the
  pages hold codes (``cuda_quant.py``).

**Masks** are run-time int32 parameters of the decode and prefill kernels (all but
those with a mask compiled in, below): ``window`` and ``sinks``. Key ``j`` is visible to the query at position ``p`` when
``j < sinks`` or ``p - window < j <= p`` (and ``j < L``): ``window >= L`` and
``sinks = 0`` is causal (in decode: every key), ``sinks = 0`` alone is kvcc's
``sliding_window(window)``, both are ``sinks(n) | sliding_window(w)`` (StreamingLLM;
as in kvcc's mask algebra, sink keys are visible to every query, also the ones before
them). A program visits only the key tiles some row of it sees (``cuda_ranges.py``).
Any other mask of kvcc's algebra is compiled into
a decode or prefill kernel of its own (``mask=``; ``cuda_masks.py``, name suffix
``_m{digest}``), which takes the mask's tables in place of ``window`` and ``sinks``;
``cuda_kernel_set.MASK_KERNELS`` are built by default.

**Softcap and ALiBi** are run-time too: ``cap`` (float, 0: none) soft-caps a score as
``cap * tanh(s)`` (the launcher then scales q by ``scale / softcap`` and passes ``cap =
softcap * log2(e)``), and ``SL [Hq]`` (float32, ALiBi slopes times log2(e), zeros:
none) subtracts ``SL[h] * |p - j|``, after the cap, as kvcc's reference does.

Sizes that vary per call (``B``, heads, lengths, the split count) and the mask's sizes
are run-time parameters of one kernel; dtype, head dim, the decode group and the page
size are compiled in.

**Head dims** are any multiple of 16 from 32 to 256 (:func:`check_head_dim`); the
tiles above are those of 32, 64 and 128 in fp16 and bf16. At other head dims a prefill
block has 16 query rows (and 16-key tiles above 128: :func:`prefill_tiles`, so the accumulators stay in registers
and the tiles within 48 KiB of shared memory), a decode tile 32 keys above 128
(:func:`decode_block_n`; float32 halves the key tiles again), a decode block ``gcd(G * D, G * BN, 128)`` threads
(:func:`decode_threads`), and decode groups above 4 at head dims over 128 are refused.

Known performance gaps (correctness first): scalar fp32 FMAs, no tensor cores; the
score loop reads K rows at a stride of ``D`` elements across a warp, which conflicts
in shared-memory banks (a padded row would avoid it, but TVM compacts a shared buffer
to the region it indexes, dropping the pad); the prefill's per-thread state is close
to the 255-register limit at ``D = 128``; a paged load looks its page up per element,
and a quantized one its scales per element too (a 4-bit word is read once per code).
"""

# ruff: noqa: E501  (TVMScript templates: one TensorIR statement per line)
from __future__ import annotations

import math

from kvcc.codegen.tvm import cuda_masks as cm
from kvcc.codegen.tvm import cuda_quant as cq
from kvcc.codegen.tvm import cuda_ranges as cr
from kvcc.codegen.tvm.cuda_common import (  # noqa: F401  (re-exported: the kernels' limits)
    ALL_DTYPES,
    DEC_BN,
    DECODE_GROUPS,
    DTYPES,
    HEAD_DIMS,
    LN2,
    MAX_WIDE_GROUP,
    NEG_INF,
    NO_WINDOW,
    NT,
    PAGE_SIZES,
    PRE_BM,
    PRE_BN,
    KernelDef,
    check_head_dim,
    check_shared,
    decode_block_n,
    head_dim_reason,
)
from kvcc.codegen.tvm.cuda_common import allocations as _allocations
from kvcc.codegen.tvm.cuda_common import init_accumulators as _init
from kvcc.codegen.tvm.cuda_common import lines as _lines
from kvcc.codegen.tvm.cuda_common import score as _score
from kvcc.codegen.tvm.cuda_common import tile_loop as _tile_loop
from kvcc.codegen.tvm.cuda_prefill import prefill  # noqa: F401  (re-exported: a kernel kind)
from kvcc.codegen.tvm.cuda_ranges import J0, KEY, NK
from kvcc.ir.mask import Mask


def decode_threads(g: int, d: int = 128, dtype: str = "float16") -> int:
    """Threads of a decode block of group ``g`` at head dim ``d``: every tile phase
    divides evenly among them (``G x D`` accumulators, ``G x BN`` scores, ``BN x D``
    staged elements), at most :data:`NT`."""
    return math.gcd(g * d, g * decode_block_n(d, dtype), NT)


def decode(dtype: str, d: int, g: int, page_size: int | None = None,
           kv_format: str | None = None, mask: Mask | None = None,
           kv_precision: str = "full") -> KernelDef:
    """The GQA split-KV decode of group ``g`` over dense K/V, or over pages of
    ``page_size`` keys (see the module docstring), the pages holding ``kv_format``
    codes when given (``cuda_quant.py``; ``kv_precision="upper"``: QuantSpec's upper
    codes alone); with ``mask``, that mask compiled in in place of the run-time window
    and sinks (``cuda_masks.py``)."""
    fmt = cq.resolve(kv_format) if kv_format is not None else None
    up = cq.precision(fmt, kv_precision)
    if mask is not None and (why := cm.reason(mask, page_size is not None)) is not None:
        raise ValueError(f"the TVM CUDA kernels cannot compile this mask in: {why}")
    if fmt is not None:
        fmt.check_head_dim(d)
    check_head_dim(d)
    if g not in DECODE_GROUPS:
        raise ValueError(f"decode groups are powers of two up to 16, not {g}")
    if d > 128 and g > MAX_WIDE_GROUP:
        raise ValueError(f"GQA group {g} at head dim {d}: groups up to {MAX_WIDE_GROUP} at "
                         "head dims over 128 (more spill registers)")
    if page_size is not None and page_size not in PAGE_SIZES:
        raise ValueError(f"paged decode page sizes are {PAGE_SIZES}, not {page_size}")
    paged = page_size is not None
    kind = "paged_decode" if paged else "decode"
    name = f"kvcc_cuda_{kind}_{ALL_DTYPES[dtype]}_d{d}_g{g}" + (f"_p{page_size}" if paged else "") \
        + (f"_{fmt.name}" if fmt else "") + ("_upper" if up else "") \
        + (cm.suffix(mask) if mask is not None else "")
    bn, nt = decode_block_n(d, dtype), decode_threads(g, d, dtype)
    check_shared(name, g, d, bn, dtype, cm.MaskCode(mask, 1, bn, "", "", "").shared_bytes()
                 if mask is not None else 0)
    pt = g * d // nt  # accumulators per thread
    assert g * d % nt == 0 and g * bn % nt == 0 and bn * d % nt == 0
    row, col = f"(k * {nt} + tx) // {d}", f"(k * {nt} + tx) % {d}"  # a load's key row, head dim
    jj = f"T.min(iv[{J0}] + {row}, iv[{NK}] - 1)"  # a loaded key (clamped into the sequence)
    if paged:
        ps = page_size
        handles = "q_h: T.handle, k_h: T.handle, v_h: T.handle, bt_h: T.handle, kvl_h: T.handle, sl_h: T.handle, wo_h: T.handle, wl_h: T.handle"
        decl = _lines(4, "B = T.int32()", "Hk = T.int32()", "NS = T.int32()", "NP = T.int32()",
                      "MP = T.int32()",
                      f'Q = T.match_buffer(q_h, (B, Hk * {g}, {d}), "{dtype}")',
                      f'K = T.match_buffer(k_h, (NP, {ps}, Hk, {d}), "{dtype}")',
                      f'V = T.match_buffer(v_h, (NP, {ps}, Hk, {d}), "{dtype}")',
                      'BT = T.match_buffer(bt_h, (B, MP), "int32")',
                      'KVL = T.match_buffer(kvl_h, (B,), "int32")')
        q_at = f"Q[bz, by * {g} + {row}, {col}]"
        # a key count past the block table's MP pages is cut to them: the pages of the
        # sequence's keys, and only those, are looked up
        nk = f"T.min(KVL[bz], MP * {ps})"
        k_at, v_at = (f"{t}[BT[bz, {jj} // {ps}], {jj} % {ps}, by, {col}]" for t in "KV")
        tensors: tuple[str, ...] = ("q", "k", "v", "bt", "kvl", "sl", "wo", "wl")
        if fmt:  # the loads name the sequence b, its KV head hk and key count Skv
            handles = handles.replace("sl_h: T.handle", f"{cq.handles(fmt)}, sl_h: T.handle")
            decl = "\n".join(ln for ln in decl.splitlines() if "K = " not in ln and "V = " not in ln)
            decl += "\n" + _lines(4, *cq.decl(fmt, dtype, d, ps))
            k_at, v_at = (cq.load(fmt, dtype, d, ps, t, f"iv[{KEY}]", col, up) for t in "KV")
            tensors = tensors[:5] + cq.tensors(fmt) + tensors[5:]
            binds = _lines(20, "b: T.let[T.int32] = bz", "hk: T.let[T.int32] = by",
                           f"Skv: T.let[T.int32] = iv[{NK}]") + "\n"
    else:
        handles = "q_h: T.handle, k_h: T.handle, v_h: T.handle, sl_h: T.handle, wo_h: T.handle, wl_h: T.handle"
        decl = _lines(4, "B = T.int32()", "Hk = T.int32()", "L = T.int32()", "NS = T.int32()",
                      f'Q = T.match_buffer(q_h, (B, Hk * {g}, 1, {d}), "{dtype}")',
                      f'K = T.match_buffer(k_h, (B, Hk, L, {d}), "{dtype}")',
                      f'V = T.match_buffer(v_h, (B, Hk, L, {d}), "{dtype}")')
        q_at = f"Q[bz, by * {g} + {row}, 0, {col}]"
        nk = "L"
        k_at, v_at = (f"{t}[bz, by, {jj}, {col}]" for t in "KV")
        tensors = ("q", "k", "v", "sl", "wo", "wl")
        if fmt:  # dense codes (cuda_quant.dense_decl); the loads name b and hk
            handles, decl, k_at, v_at, tensors, sizes = cq.dense_splice(
                fmt, dtype, d, up, handles, decl, tensors, col)
            binds = _lines(20, "b: T.let[T.int32] = bz", "hk: T.let[T.int32] = by") + "\n"
    sj = f"iv[{J0}] + (k * {nt} + tx) % {bn}"  # a score's key
    binds = binds if fmt else ""
    sizes = sizes if fmt and not paged else ""
    ranges = _lines(20, *cr.decode_ranges(bn))
    loop = _tile_loop(cr.decode_tile(bn), g, d, bn, nt, pt, k_at, v_at, cr.decode_visible(sj),
                      _score(f"by * {g} + (k * {nt} + tx) // {bn}", f"iv[{NK}] - 1", sj),
                      jj if fmt else None)
    params, alloc = "qscale: T.float32, cap: T.float32, window: T.int32, sinks: T.int32", ""
    if mask is not None:  # compiled in: one mask row (the G heads share the position)
        mc = cm.MaskCode(mask, 1, bn, f"iv[{NK}] - 1", "0", "T.bool(True)",
                         f"by * {g} + {{h}}", g, f"Hk * {g}")
        handles, decl, tensors, params, alloc = mc.splice(handles, decl, tensors, ("wo", "wl"))
        binds += _lines(20, *([] if fmt else ["hk: T.let[T.int32] = by"]),
                        f"kv_total: T.let[T.int32] = iv[{NK}]") + "\n"
        ranges = _lines(20, *mc.setup(split=True))
        loop = _tile_loop(mc.tile(), g, d, bn, nt, pt, k_at, v_at,
                          mc.visible("0", f"(k * {nt} + tx) % {bn}", sj, f"(k * {nt} + tx) // {bn}"),
                          _score(f"by * {g} + (k * {nt} + tx) // {bn}", f"iv[{NK}] - 1", sj),
                          jj if fmt else None, mc.stage(nt), mc.guard())
    src = f'''
@T.prim_func
def {name}({handles},
           {params}{sizes}):
    T.func_attr({{"global_symbol": "{name}", "tir.noalias": True}})
{decl}
    SL = T.match_buffer(sl_h, (Hk * {g},), "float32")
    WO = T.match_buffer(wo_h, (B, Hk * {g}, NS, {d}), "float32")
    WL = T.match_buffer(wl_h, (B, Hk * {g}, NS), "float32")
    for bz in T.thread_binding(B, thread="blockIdx.z"):
        for by in T.thread_binding(Hk, thread="blockIdx.y"):
            for bx in T.thread_binding(NS, thread="blockIdx.x"):
{_allocations(g, d, bn, dtype, pt)}{alloc}
                for tx in T.thread_binding({nt}, thread="threadIdx.x"):
                    for k in range({pt}):
                        qs[{row}, {col}] = T.Cast("float32", {q_at}) * qscale
{_init(pt)}
                    iv[{NK}] = {nk}
{binds}{ranges}
{loop}
                    for k in T.unroll({pt}):
                        WO[bz, by * {g} + {row}, bx, {col}] = T.Select(l[k] > T.float32(0), acc[k] / l[k], T.float32(0))
                        if {col} == 0:
                            WL[bz, by * {g} + {row}, bx] = T.Select(l[k] > T.float32(0), m[k] + T.log2(l[k]), {NEG_INF})
'''
    return KernelDef(name, kind, dtype, d, g, src, (("NS", 1), ("Hk", 1), ("B", 1)),
                     (nt, 1, 1), tensors, page_size or 0, fmt.name if fmt else "",
                     cm.text(mask) if mask is not None else "", bn)


def merge(dtype: str, d: int) -> KernelDef:
    name = f"kvcc_cuda_merge_{ALL_DTYPES[dtype]}_d{d}"
    src = f'''
@T.prim_func
def {name}(wo_h: T.handle, wl_h: T.handle, o_h: T.handle, lse_h: T.handle):
    T.func_attr({{"global_symbol": "{name}", "tir.noalias": True}})
    B = T.int32()
    Hq = T.int32()
    NS = T.int32()
    WO = T.match_buffer(wo_h, (B, Hq, NS, {d}), "float32")
    WL = T.match_buffer(wl_h, (B, Hq, NS), "float32")
    O = T.match_buffer(o_h, (B, Hq, 1, {d}), "{dtype}")
    LSE = T.match_buffer(lse_h, (B, Hq, 1), "float32")
    for by in T.thread_binding(B, thread="blockIdx.y"):
        for bx in T.thread_binding(Hq, thread="blockIdx.x"):
            red = T.alloc_buffer((4,), "float32", scope="local")
            for tx in T.thread_binding({d}, thread="threadIdx.x"):
                red[0] = {NEG_INF}
                for s in range(NS):
                    red[0] = T.max(red[0], WL[by, bx, s])
                red[1] = T.Select(red[0] == {NEG_INF}, T.float32(0), red[0])
                red[2] = T.float32(0)
                red[3] = T.float32(0)
                for s in range(NS):
                    red[0] = T.exp2(WL[by, bx, s] - red[1])
                    red[2] = red[2] + red[0]
                    red[3] = red[3] + red[0] * WO[by, bx, s, tx]
                O[by, bx, 0, tx] = T.Cast("{dtype}", T.Select(red[2] > T.float32(0), red[3] / red[2], T.float32(0)))
                if tx == 0:
                    LSE[by, bx, 0] = T.Select(red[2] > T.float32(0), (red[1] + T.log2(red[2])) * T.float32({LN2!r}), {NEG_INF})
'''
    return KernelDef(name, "merge", dtype, d, 0, src, (("Hq", 1), ("B", 1), ("1", 1)),
                     (d, 1, 1), ("wo", "wl", "o", "lse"))


def module_script(kernels: list[KernelDef]) -> str:
    """One TVMScript ``IRModule`` holding ``kernels``."""
    body = "".join("\n".join("    " + ln if ln else ln for ln in k.script.splitlines()) + "\n"
                   for k in kernels)
    return "@I.ir_module\nclass Module:\n" + body
