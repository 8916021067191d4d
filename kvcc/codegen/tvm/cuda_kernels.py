"""TensorIR (TVMScript text) of kvcc's CUDA attention kernels, scheduled by hand.

Three kernels, each a ``T.prim_func`` over contiguous tensors, written at the thread
level (``T.thread_binding`` over ``blockIdx``/``threadIdx``, shared-memory tiles,
``T.tvm_storage_sync`` between the phases of a tile). Scores are kept in log2 units:
``qscale`` is the softmax scale times log2(e), ``exp2`` does the exponentials, and the
lse is converted to the natural log on the way out. A row that sees no key gets
``o = 0`` and ``lse = -inf`` (the convention of every kvcc backend).

- **decode** (``decode_{dtype}_d{D}_g{G}``): GQA split-KV decode. ``q [B, Hk*G, 1, D]``,
  ``K``/``V [B, Hk, L, D]``; every key is visible (the one new query is the last
  position). One thread block per (split, KV head, sequence): its ``G`` query heads
  share every K/V row, which is staged once per tile of :data:`DEC_BN` keys in shared
  memory. Per tile: ``G x BN`` scores from shared memory (keys past the split's end
  are -inf), then each thread updates the accumulators it owns (``G x D`` spread over
  the threads): new running max of the row, rescale ``2**(m_old - m_new)``,
  ``acc = acc * rescale + sum_j p_j V[j]`` and the running sum, the row's max and sum
  kept in registers (no shared softmax state is written under a condition, which
  TVM's barrier planner cannot handle). Groups are powers of two up to 16 so every
  phase divides evenly among the threads. A block writes its normalized partial
  output ``WO [B, Hq, NS, D]`` and log2-sum-exp ``WL [B, Hq, NS]`` (float32).
- **merge** (``merge_{dtype}_d{D}``): one block per (query head, sequence), one
  thread per head dim: ``o = sum_s w_s o_s / sum_s w_s`` with
  ``w_s = 2**(WL_s - max)``; an empty split has weight 0, all empty gives 0 and -inf.
- **prefill** (``prefill_{dtype}_d{D}``): causal flash attention, bottom-right aligned
  (query ``i`` of ``S`` sits at key position ``i + L - S``; with ``S == L`` that is
  plain causal). ``q [B, Hq, S, D]``, ``K``/``V [B, Hk, L, D]`` with ``Hq`` a multiple
  of ``Hk`` (GQA at run time). One block per (query block of :data:`PRE_BM` rows,
  query head, sequence); the pre-scaled queries stay in shared memory, the key tiles
  of :data:`PRE_BN` rows that some row sees are staged in turn; the ``BM x D``
  accumulators are spread over the threads (one head dim each) and updated as in decode.

Sizes that vary per call (``B``, heads, lengths, the split count) are run-time
parameters of one kernel; dtype, head dim and the decode group are compiled in.

Known performance gaps (correctness first): scalar fp32 FMAs, no tensor cores; the
score loop reads K rows at a stride of ``D`` elements across a warp, which conflicts
in shared-memory banks (a padded row would avoid it, but TVM compacts a shared buffer
to the region it indexes, dropping the pad); the prefill's per-thread state is close
to the 255-register limit at ``D = 128``.
"""

# ruff: noqa: E501  (TVMScript templates: one TensorIR statement per line)
from __future__ import annotations

import math
from dataclasses import dataclass

NT = 128  # threads per block of the decode and prefill kernels
DEC_BN = 64  # keys per decode tile
PRE_BM = 32  # query rows per prefill block
PRE_BN = 32  # keys per prefill tile
LN2 = math.log(2.0)
NEG_INF = "T.float32('-inf')"
DTYPES = {"float16": "fp16", "bfloat16": "bf16"}


@dataclass(frozen=True)
class KernelDef:
    """One generated kernel: its name, kind, TVMScript text, and launch geometry.

    ``grid``: per dimension (x, y, z), ``(size name, divisor)``: the dimension is
    ``ceil(size / divisor)``. ``block``: threads. ``scalars``: the run-time sizes and
    scalars the kernel reads, by name (see :func:`param_meaning`)."""

    name: str
    kind: str
    dtype: str
    head_dim: int
    group: int
    script: str
    grid: tuple[tuple[str, int], ...]
    block: tuple[int, int, int]
    tensors: tuple[str, ...]


def _ceil(a: int, b: int) -> int:
    return -(-a // b)


def decode_threads(g: int) -> int:
    """Threads of a decode block: every tile phase divides evenly among them."""
    return min(NT, g * DEC_BN)


def decode(dtype: str, d: int, g: int) -> KernelDef:
    if g < 1 or g & (g - 1) or g > 16:
        raise ValueError(f"decode groups are powers of two up to 16, not {g}")
    name = f"kvcc_cuda_decode_{DTYPES[dtype]}_d{d}_g{g}"
    bn, nt = DEC_BN, decode_threads(g)
    pt = g * d // nt  # accumulators per thread
    assert g * d % nt == 0 and g * bn % nt == 0 and bn * d % nt == 0
    src = f'''
@T.prim_func
def {name}(q_h: T.handle, k_h: T.handle, v_h: T.handle, wo_h: T.handle, wl_h: T.handle,
           qscale: T.float32):
    T.func_attr({{"global_symbol": "{name}", "tir.noalias": True}})
    B = T.int32()
    Hk = T.int32()
    L = T.int32()
    NS = T.int32()
    Q = T.match_buffer(q_h, (B, Hk * {g}, 1, {d}), "{dtype}")
    K = T.match_buffer(k_h, (B, Hk, L, {d}), "{dtype}")
    V = T.match_buffer(v_h, (B, Hk, L, {d}), "{dtype}")
    WO = T.match_buffer(wo_h, (B, Hk * {g}, NS, {d}), "float32")
    WL = T.match_buffer(wl_h, (B, Hk * {g}, NS), "float32")
    for bz in T.thread_binding(B, thread="blockIdx.z"):
        for by in T.thread_binding(Hk, thread="blockIdx.y"):
            for bx in T.thread_binding(NS, thread="blockIdx.x"):
                qs = T.alloc_buffer(({g}, {d}), "float32", scope="shared")
                ks = T.alloc_buffer(({bn}, {d}), "{dtype}", scope="shared")
                vs = T.alloc_buffer(({bn}, {d}), "{dtype}", scope="shared")
                ss = T.alloc_buffer(({g}, {bn}), "float32", scope="shared")
                acc = T.alloc_buffer(({pt},), "float32", scope="local")
                m = T.alloc_buffer(({pt},), "float32", scope="local")
                l = T.alloc_buffer(({pt},), "float32", scope="local")
                red = T.alloc_buffer((5,), "float32", scope="local")
                for tx in T.thread_binding({nt}, thread="threadIdx.x"):
                    for k in range({pt}):
                        qs[(k * {nt} + tx) // {d}, (k * {nt} + tx) % {d}] = T.Cast("float32", Q[bz, by * {g} + (k * {nt} + tx) // {d}, 0, (k * {nt} + tx) % {d}]) * qscale
                    for k in T.unroll({pt}):
                        acc[k] = T.float32(0)
                        m[k] = {NEG_INF}
                        l[k] = T.float32(0)
                    per: T.let[T.int32] = (((L + {bn - 1}) // {bn} + NS - 1) // NS) * {bn}
                    j_lo: T.let[T.int32] = bx * per
                    j_hi: T.let[T.int32] = T.min(j_lo + per, L)
                    for t in range(T.max((j_hi - j_lo + {bn - 1}) // {bn}, 0)):
                        j0: T.let[T.int32] = j_lo + t * {bn}
                        T.evaluate(T.tvm_storage_sync("shared"))
                        for k in range({bn * d // nt}):
                            ks[(k * {nt} + tx) // {d}, (k * {nt} + tx) % {d}] = K[bz, by, T.min(j0 + (k * {nt} + tx) // {d}, L - 1), (k * {nt} + tx) % {d}]
                            vs[(k * {nt} + tx) // {d}, (k * {nt} + tx) % {d}] = V[bz, by, T.min(j0 + (k * {nt} + tx) // {d}, L - 1), (k * {nt} + tx) % {d}]
                        T.evaluate(T.tvm_storage_sync("shared"))
                        for k in range({g * bn // nt}):
                            red[0] = T.float32(0)
                            for c in range({d}):
                                red[0] = red[0] + qs[(k * {nt} + tx) // {bn}, c] * T.Cast("float32", ks[(k * {nt} + tx) % {bn}, c])
                            ss[(k * {nt} + tx) // {bn}, (k * {nt} + tx) % {bn}] = T.Select(j0 + (k * {nt} + tx) % {bn} < j_hi, red[0], {NEG_INF})
                        T.evaluate(T.tvm_storage_sync("shared"))
                        for k in T.unroll({pt}):
{_pv_step(f"(k * {nt} + tx) // {d}", d, bn, nt, 28)}
                    for k in T.unroll({pt}):
                        WO[bz, by * {g} + (k * {nt} + tx) // {d}, bx, (k * {nt} + tx) % {d}] = T.Select(l[k] > T.float32(0), acc[k] / l[k], T.float32(0))
                        if (k * {nt} + tx) % {d} == 0:
                            WL[bz, by * {g} + (k * {nt} + tx) // {d}, bx] = T.Select(l[k] > T.float32(0), m[k] + T.log2(l[k]), {NEG_INF})
'''
    return KernelDef(name, "decode", dtype, d, g, src, (("NS", 1), ("Hk", 1), ("B", 1)),
                     (nt, 1, 1), ("q", "k", "v", "wo", "wl"))


def _pv_step(rows_expr: str, d: int, bn: int, nt: int, indent: int) -> str:
    """The online-softmax and PV step of accumulator ``k`` (row ``rows_expr``, head dim
    ``(k * NT + tx) % d``) over the tile's scores ``ss``: new running max, rescale
    ``2**(m_old - m_new)``, ``acc = acc * rescale + sum_j p_j V[j]`` and the running sum.
    Every thread keeps the max and sum of the rows it owns in registers, so no shared
    softmax state is written under a condition."""
    r = rows_expr
    lines = [
        "red[0] = m[k]",
        f"for j in range({bn}):",
        f"    red[0] = T.max(red[0], ss[{r}, j])",
        # a row with no visible key yet keeps m = -inf and shifts by 0 (p and rescale 0)
        f"red[1] = T.Select(red[0] == {NEG_INF}, T.float32(0), red[0])",
        "red[2] = T.exp2(m[k] - red[1])",
        "red[3] = T.float32(0)",
        "acc[k] = acc[k] * red[2]",
        f"for j in range({bn}):",
        f"    red[4] = T.exp2(ss[{r}, j] - red[1])",
        "    red[3] = red[3] + red[4]",
        f"    acc[k] = acc[k] + red[4] * T.Cast(\"float32\", vs[j, (k * {nt} + tx) % {d}])",
        "l[k] = l[k] * red[2] + red[3]",
        "m[k] = red[0]",
    ]
    return "\n".join(" " * indent + s for s in lines)


def merge(dtype: str, d: int) -> KernelDef:
    name = f"kvcc_cuda_merge_{DTYPES[dtype]}_d{d}"
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


def prefill(dtype: str, d: int) -> KernelDef:
    name = f"kvcc_cuda_prefill_{DTYPES[dtype]}_d{d}"
    bm, bn, nt = PRE_BM, PRE_BN, NT
    pt = bm * d // nt
    assert bm * d % nt == 0 and bm * bn % nt == 0 and bn * d % nt == 0
    src = f'''
@T.prim_func
def {name}(q_h: T.handle, k_h: T.handle, v_h: T.handle, o_h: T.handle, lse_h: T.handle,
           qscale: T.float32):
    T.func_attr({{"global_symbol": "{name}", "tir.noalias": True}})
    B = T.int32()
    Hq = T.int32()
    Hk = T.int32()
    S = T.int32()
    L = T.int32()
    Q = T.match_buffer(q_h, (B, Hq, S, {d}), "{dtype}")
    K = T.match_buffer(k_h, (B, Hk, L, {d}), "{dtype}")
    V = T.match_buffer(v_h, (B, Hk, L, {d}), "{dtype}")
    O = T.match_buffer(o_h, (B, Hq, S, {d}), "{dtype}")
    LSE = T.match_buffer(lse_h, (B, Hq, S), "float32")
    for bz in T.thread_binding(B, thread="blockIdx.z"):
        for by in T.thread_binding(Hq, thread="blockIdx.y"):
            for bx in T.thread_binding((S + {bm - 1}) // {bm}, thread="blockIdx.x"):
                qs = T.alloc_buffer(({bm}, {d}), "float32", scope="shared")
                ks = T.alloc_buffer(({bn}, {d}), "{dtype}", scope="shared")
                vs = T.alloc_buffer(({bn}, {d}), "{dtype}", scope="shared")
                ss = T.alloc_buffer(({bm}, {bn}), "float32", scope="shared")
                acc = T.alloc_buffer(({pt},), "float32", scope="local")
                m = T.alloc_buffer(({pt},), "float32", scope="local")
                l = T.alloc_buffer(({pt},), "float32", scope="local")
                red = T.alloc_buffer((5,), "float32", scope="local")
                for tx in T.thread_binding({nt}, thread="threadIdx.x"):
                    hk: T.let[T.int32] = by // (Hq // Hk)
                    r0: T.let[T.int32] = bx * {bm}
                    for k in range({pt}):
                        qs[(k * {nt} + tx) // {d}, (k * {nt} + tx) % {d}] = T.Select(r0 + (k * {nt} + tx) // {d} < S, T.Cast("float32", Q[bz, by, T.min(r0 + (k * {nt} + tx) // {d}, S - 1), (k * {nt} + tx) % {d}]) * qscale, T.float32(0))
                    for k in T.unroll({pt}):
                        acc[k] = T.float32(0)
                        m[k] = {NEG_INF}
                        l[k] = T.float32(0)
                    j_hi: T.let[T.int32] = T.min(L, r0 + {bm} + L - S)
                    for t in range(T.max((j_hi + {bn - 1}) // {bn}, 0)):
                        j0: T.let[T.int32] = t * {bn}
                        T.evaluate(T.tvm_storage_sync("shared"))
                        for k in range({bn * d // nt}):
                            ks[(k * {nt} + tx) // {d}, (k * {nt} + tx) % {d}] = K[bz, hk, T.min(j0 + (k * {nt} + tx) // {d}, L - 1), (k * {nt} + tx) % {d}]
                            vs[(k * {nt} + tx) // {d}, (k * {nt} + tx) % {d}] = V[bz, hk, T.min(j0 + (k * {nt} + tx) // {d}, L - 1), (k * {nt} + tx) % {d}]
                        T.evaluate(T.tvm_storage_sync("shared"))
                        for k in range({bm * bn // nt}):
                            red[0] = T.float32(0)
                            for c in range({d}):
                                red[0] = red[0] + qs[(k * {nt} + tx) // {bn}, c] * T.Cast("float32", ks[(k * {nt} + tx) % {bn}, c])
                            ss[(k * {nt} + tx) // {bn}, (k * {nt} + tx) % {bn}] = T.Select(j0 + (k * {nt} + tx) % {bn} < L and j0 + (k * {nt} + tx) % {bn} <= r0 + (k * {nt} + tx) // {bn} + L - S, red[0], {NEG_INF})
                        T.evaluate(T.tvm_storage_sync("shared"))
                        for k in T.unroll({pt}):
{_pv_step(f"(k * {nt} + tx) // {d}", d, bn, nt, 28)}
                    for k in T.unroll({pt}):
                        if r0 + (k * {nt} + tx) // {d} < S:
                            O[bz, by, r0 + (k * {nt} + tx) // {d}, (k * {nt} + tx) % {d}] = T.Cast("{dtype}", T.Select(l[k] > T.float32(0), acc[k] / l[k], T.float32(0)))
                            if (k * {nt} + tx) % {d} == 0:
                                LSE[bz, by, r0 + (k * {nt} + tx) // {d}] = T.Select(l[k] > T.float32(0), (m[k] + T.log2(l[k])) * T.float32({LN2!r}), {NEG_INF})
'''
    return KernelDef(name, "prefill", dtype, d, 0, src, (("S", bm), ("Hq", 1), ("B", 1)),
                     (nt, 1, 1), ("q", "k", "v", "o", "lse"))


def kernel_set(head_dims=(64, 128), groups=(1, 2, 4, 8), dtypes=tuple(DTYPES)) -> list[KernelDef]:
    """Every kernel of one build: prefill and merge per (dtype, head dim), decode per
    (dtype, head dim, group)."""
    out: list[KernelDef] = []
    for dt in dtypes:
        for d in head_dims:
            out.append(prefill(dt, d))
            out.append(merge(dt, d))
            out += [decode(dt, d, g) for g in groups]
    return out


def module_script(kernels: list[KernelDef]) -> str:
    """One TVMScript ``IRModule`` holding ``kernels``."""
    body = "".join("\n".join("    " + ln if ln else ln for ln in k.script.splitlines()) + "\n"
                   for k in kernels)
    return "@I.ir_module\nclass Module:\n" + body
