"""Eviction scores (H2O, SnapKV) in the TVM CUDA kernels: each key's softmax
probability summed over the last ``SW`` query rows of its sequence (``SW = 0``: every
row) and over the query heads of its KV head, run after the attention kernel, whose lse
makes each row's probabilities final, as the CPU kernels do (``scores.py``).

``scores_{layout}_{dtype}_d{D}`` (``layout``: ``dense``, ``varlen`` or ``paged{P}``,
with a ``kv_format`` ``..._{format}``): one thread block per (tile of :func:`tiles`
keys, KV head, sequence), so a block owns its keys' scores and no two blocks write one.
A block stages its K tile once, then walks its KV head's query heads (``Hq / Hk``, at
run time) and, per head, the window's rows that can see the tile in chunks: the chunk's
pre-scaled queries and lse (log2 units) in shared memory, every (row, key) score as the
attention kernels compute it (softcap, ALiBi, the run-time ``window`` and ``sinks``
mask, bottom-right aligned), ``2**(s - lse)`` where the key is visible and the row saw
a key (else exactly 0), and each of the tile's keys summed over the chunk's rows by its
own thread. Rows that cannot see the tile are not walked: before its first key, or past
its last key by the window, unless the tile holds sink keys.

Layouts, as the attention kernels take them:

- ``dense``: q ``[B, Hq, S, D]``, ``K [B, Hk, L, D]``, ``LSE [B, Hq, S]``; scores ``SC
  [B, Hk, L]``; or ``K`` as ``kvcc.attention(kv_format=...)`` stores it (codes and
  residual, ``cuda_quant.dense_decl``);
- ``varlen``: packed q ``[TQ, Hq, D]`` and keys ``[TK, Hk, D]`` with ``CUQ``/``CUK``,
  ``LSE [TQ, Hq]``; scores ``SC [Hk, TK]`` (the packed keys);
- ``paged{P}``: packed q with ``CUQ`` over a ``kvcc.KVCache`` layer's pages (``BT``,
  ``KVL``; a decode is one query per sequence), plain or of a ``kv_format``'s codes;
  scores ``SC [B, Hk, MP * P]`` (positions within the sequence).

``MK`` bounds the longest key sequence (the grid's tiles); the caller passes ``SC``
zeroed where no block writes (positions past a sequence's keys).
"""

# ruff: noqa: E501  (TVMScript templates: one TensorIR statement per line)
from __future__ import annotations

from kvcc.codegen.tvm import cuda_quant as cq
from kvcc.codegen.tvm.cuda_common import (
    ALL_DTYPES,
    NEG_INF,
    NT,
    PAGE_SIZES,
    KernelDef,
    check_head_dim,
    decode_block_n,
    lines,
    score,
)
from kvcc.codegen.tvm.cuda_ranges import KEY, SN, W

LAYOUTS = ("dense", "varlen", "paged")
LOG2E = 1.4426950408889634
MAX_SHARED = 48 * 1024


def tiles(d: int, dtype: str) -> tuple[int, int]:
    """Keys per block (the decode's tile) and query rows per chunk at head dim ``d``:
    the K tile, the chunk's queries (float32) and its scores fit 48 KiB of shared
    memory."""
    bn = decode_block_n(d, dtype)
    qr = 32 if d <= 128 else 16
    assert qr * d * 4 + bn * d * (4 if dtype == "float32" else 2) + qr * bn * 4 <= MAX_SHARED
    return bn, qr


def scores(dtype: str, d: int, layout: str = "dense", page_size: int | None = None,
           kv_format=None, kv_precision: str = "full") -> KernelDef:
    """The eviction-score kernel over ``layout`` (``paged``: pages of ``page_size``
    keys), K of ``kv_format`` codes when given (dense or paged; ``kv_precision="upper"``:
    QuantSpec's upper codes alone)."""
    check_head_dim(d)
    if layout not in LAYOUTS:
        raise ValueError(f"scores layouts are {LAYOUTS}, not {layout!r}")
    if (layout == "paged") != (page_size is not None):
        raise ValueError("paged scores take a page size, and only they do")
    if page_size is not None and page_size not in PAGE_SIZES:
        raise ValueError(f"page sizes are {PAGE_SIZES}, not {page_size}")
    fmt = cq.resolve(kv_format) if kv_format is not None else None
    up = cq.precision(fmt, kv_precision)
    if fmt is not None:
        fmt.check_head_dim(d)
        if layout == "varlen":
            raise ValueError("quantized K/V runs dense or in pages (a KVCache's), not packed")
    tag = f"paged{page_size}" if layout == "paged" else layout
    name = f"kvcc_cuda_scores_{tag}_{ALL_DTYPES[dtype]}_d{d}" + (f"_{fmt.name}" if fmt else "") \
        + ("_upper" if up else "")
    bn, qr = tiles(d, dtype)
    nt = NT
    kj = f"T.min(j0 + (k * {nt} + tx) // {d}, Lk - 1)"  # a staged key (clamped into the sequence)
    col = f"(k * {nt} + tx) % {d}"
    handles = ["q_h", "k_h"]
    sizes = ""
    if layout == "dense":
        decl = ["B = T.int32()", "Hq = T.int32()", "Hk = T.int32()", "S = T.int32()",
                f'Q = T.match_buffer(q_h, (B, Hq, S, {d}), "{dtype}")',
                'LSE = T.match_buffer(lse_h, (B, Hq, S), "float32")',
                'SC = T.match_buffer(sc_h, (B, Hk, L), "float32")']
        seq = ["Sq: T.let[T.int32] = S", "Lk: T.let[T.int32] = L", "q0: T.let[T.int32] = 0"]
        q_at = "Q[bz, h, T.min(r0 + {r}, Sq - 1), {c}]"
        lse_at = "LSE[bz, h, T.min(r0 + {r}, Sq - 1)]"
        sc_at = "SC[bz, by, j0 + tx]"
        if fmt:
            decl += cq.dense_decl(fmt, dtype, d)
            handles.append("v_h")
            handles += [f"{n}_h" for n in cq.tensors(fmt, True)]
            sizes = ", L: T.int32, n_kq: T.int32, n_vq: T.int32"
            seq += ["b: T.let[T.int32] = bz", "hk: T.let[T.int32] = by"]
            k_at = cq.load(fmt, dtype, d, None, "K", f"iv[{KEY}]", col, up)
        else:
            decl.insert(4, "L = T.int32()")
            decl.append(f'K = T.match_buffer(k_h, (B, Hk, L, {d}), "{dtype}")')
            k_at = f"K[bz, by, {kj}, {col}]"
    else:
        decl = ["Hq = T.int32()", "Hk = T.int32()", "TQ = T.int32()",
                f'Q = T.match_buffer(q_h, (TQ, Hq, {d}), "{dtype}")',
                'CUQ = T.match_buffer(cuq_h, (B + 1,), "int32")',
                'LSE = T.match_buffer(lse_h, (TQ, Hq), "float32")']
        sizes = ", B: T.int32"
        q_at = "Q[q0 + T.min(r0 + {r}, Sq - 1), h, {c}]"
        lse_at = "LSE[q0 + T.min(r0 + {r}, Sq - 1), h]"
        handles.append("cuq_h")
        if layout == "varlen":
            handles.append("cuk_h")
            decl += ["TK = T.int32()", f'K = T.match_buffer(k_h, (TK, Hk, {d}), "{dtype}")',
                     'CUK = T.match_buffer(cuk_h, (B + 1,), "int32")',
                     'SC = T.match_buffer(sc_h, (Hk, TK), "float32")']
            seq = ["q0: T.let[T.int32] = CUQ[bz]", "Sq: T.let[T.int32] = CUQ[bz + 1] - q0",
                   "k0: T.let[T.int32] = CUK[bz]", "Lk: T.let[T.int32] = CUK[bz + 1] - k0"]
            k_at = f"K[k0 + {kj}, by, {col}]"
            sc_at = "SC[by, k0 + j0 + tx]"
        else:
            ps = page_size
            handles += ["bt_h", "kvl_h"]
            decl += ["NP = T.int32()", "MP = T.int32()",
                     'BT = T.match_buffer(bt_h, (B, MP), "int32")',
                     'KVL = T.match_buffer(kvl_h, (B,), "int32")',
                     f'SC = T.match_buffer(sc_h, (B, Hk, MP * {ps}), "float32")']
            seq = ["q0: T.let[T.int32] = CUQ[bz]", "Sq: T.let[T.int32] = CUQ[bz + 1] - q0",
                   f"Lk: T.let[T.int32] = T.min(KVL[bz], MP * {ps})"]
            sc_at = "SC[bz, by, j0 + tx]"
            if fmt:
                decl += cq.decl(fmt, dtype, d, ps)
                handles.append("v_h")
                handles += [f"{n}_h" for n in cq.tensors(fmt)]
                seq += ["b: T.let[T.int32] = bz", "hk: T.let[T.int32] = by",
                        "Skv: T.let[T.int32] = Lk"]
                k_at = cq.load(fmt, dtype, d, ps, "K", f"iv[{KEY}]", col, up)
            else:
                decl.append(f'K = T.match_buffer(k_h, (NP, {ps}, Hk, {d}), "{dtype}")')
                k_at = f"K[BT[bz, {kj} // {ps}], {kj} % {ps}, by, {col}]"
    handles += ["lse_h", "sl_h", "sc_h"]
    tensors = tuple(h[:-2] for h in handles)
    key_load = [f"iv[{KEY}] = {kj}"] if fmt else []
    pos = "r0 + {r} + Lk - Sq"  # a chunk row's key position (bottom-right)
    rows = f"(k * {nt} + tx) // {bn}"
    key = f"j0 + (k * {nt} + tx) % {bn}"
    p = pos.format(r=rows)
    vis = (f"r0 + {rows} < hi and {key} < Lk and ({key} < iv[{SN}] or ({key} <= {p} and "
           f"{key} > {p} - iv[{W}]))")
    body = lines(
        20,
        *seq,
        "j0: T.let[T.int32] = bx * " + str(bn),
        "G: T.let[T.int32] = Hq // Hk",
        f"iv[{W}] = T.max(T.min(window, Lk), 0)",
        f"iv[{SN}] = T.max(T.min(sinks, Lk), 0)",
        # the window's rows, and among them those that can see the tile
        "wlo: T.let[T.int32] = T.Select(SW > 0, T.max(Sq - SW, 0), 0)",
        f"jl: T.let[T.int32] = T.min(j0 + {bn}, Lk) - 1",
        f"lo: T.let[T.int32] = T.Select(j0 < iv[{SN}], wlo, T.max(wlo, j0 - (Lk - Sq)))",
        f"hi: T.let[T.int32] = T.Select(j0 < iv[{SN}], Sq, T.max(T.min(Sq, jl + iv[{W}] - (Lk - Sq)), lo))",
        "acc[0] = T.float32(0)",
        "if j0 < Lk:",
        f"    for k in range({bn * d // nt}):",
        *("        " + x for x in key_load),
        f"        ks[(k * {nt} + tx) // {d}, {col}] = {k_at}",
        "    for hh in range(G):",
        "        h: T.let[T.int32] = by * G + hh",
        f"        for c in range((hi - lo + {qr - 1}) // {qr}):",
        f"            r0: T.let[T.int32] = lo + c * {qr}",
        '            T.evaluate(T.tvm_storage_sync("shared"))',
        f"            for k in range({qr * d // nt}):",
        f"                qs[(k * {nt} + tx) // {d}, (k * {nt} + tx) % {d}] = T.Cast(\"float32\", "
        + q_at.format(r=f"(k * {nt} + tx) // {d}", c=f"(k * {nt} + tx) % {d}") + ") * qscale",
        f"            for k in range(({qr} + {nt - 1}) // {nt}):",
        f"                if k * {nt} + tx < {qr}:",
        f"                    lz[k * {nt} + tx] = {lse_at.format(r=f'k * {nt} + tx')} * T.float32({LOG2E!r})",
        '            T.evaluate(T.tvm_storage_sync("shared"))',
        f"            for k in range({qr * bn // nt}):",
        "                red[0] = T.float32(0)",
        f"                for c2 in range({d}):",
        f"                    red[0] = red[0] + qs[{rows}, c2] * T.Cast(\"float32\", ks[(k * {nt} + tx) % {bn}, c2])",
        f"                red[1] = {score('h', p, key)}",
        f"                ss[{rows}, (k * {nt} + tx) % {bn}] = T.Select(({vis}) and lz[{rows}] > {NEG_INF}, T.exp2(red[1] - lz[{rows}]), T.float32(0))",
        '            T.evaluate(T.tvm_storage_sync("shared"))',
        f"            if tx < {bn}:",
        f"                for r in range({qr}):",
        "                    acc[0] = acc[0] + ss[r, tx]",
        f"    if tx < {bn} and j0 + tx < Lk:",
        f"        {sc_at} = acc[0]",
    )
    src = f'''
@T.prim_func
def {name}({", ".join(f"{h}: T.handle" for h in handles)},
           qscale: T.float32, cap: T.float32, window: T.int32, sinks: T.int32, SW: T.int32, MK: T.int32{sizes}):
    T.func_attr({{"global_symbol": "{name}", "tir.noalias": True}})
{lines(4, *decl)}
    SL = T.match_buffer(sl_h, (Hq,), "float32")
    for bz in T.thread_binding(B, thread="blockIdx.z"):
        for by in T.thread_binding(Hk, thread="blockIdx.y"):
            for bx in T.thread_binding((MK + {bn - 1}) // {bn}, thread="blockIdx.x"):
                ks = T.alloc_buffer(({bn}, {d}), "{dtype}", scope="shared")
                qs = T.alloc_buffer(({qr}, {d}), "float32", scope="shared")
                ss = T.alloc_buffer(({qr}, {bn}), "float32", scope="shared")
                lz = T.alloc_buffer(({qr},), "float32", scope="shared")
                acc = T.alloc_buffer((1,), "float32", scope="local")
                red = T.alloc_buffer((2,), "float32", scope="local")
                iv = T.alloc_buffer(({KEY + 1},), "int32", scope="local")
                for tx in T.thread_binding({nt}, thread="threadIdx.x"):
{body}
'''
    return KernelDef(name, "scores", dtype, d, 0, src, (("MK", bn), ("Hk", 1), ("B", 1)),
                     (nt, 1, 1), tensors,
                     page_size or 0, fmt.name if fmt else "", "", bn)
