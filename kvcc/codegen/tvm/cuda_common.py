"""What the TVM CUDA kernels (``cuda_kernels.py``, ``cuda_prefill.py``) share: their
tile sizes and limits, :class:`KernelDef`, and the per-tile steps as TVMScript lines (a
visible score with softcap and ALiBi, the online-softmax update of the accumulators)."""

from __future__ import annotations

import math
from dataclasses import dataclass

NT = 128  # threads per block of the decode and prefill kernels (at most)
DEC_BN = 64  # keys per decode tile (head dims up to 128; 32 above)
PRE_BM = 32  # query rows per prefill block (head dims up to 128; 16 above)
PRE_BN = 32  # keys per prefill tile (head dims up to 128; 16 above)
MAX_SHARED = 48 * 1024  # static shared memory of a block
LN2 = math.log(2.0)
NEG_INF = "T.float32('-inf')"
DTYPES = {"float16": "fp16", "bfloat16": "bf16"}  # the default set's dtypes
ALL_DTYPES = {**DTYPES, "float32": "f32"}  # the dtypes a kernel is built for (name tags)
HEAD_DIMS = (64, 128)  # the head dims of the default set (any of head_dim_reason's builds)
DECODE_GROUPS = (1, 2, 4, 8, 16)  # query heads per KV head that :func:`decode` takes
PAGE_SIZES = (16, 32)  # the page sizes of the paged decode
NO_WINDOW = 2**31 - 1  # the ``window`` that hides no key before the query


def head_dim_reason(d: int) -> str | None:
    """Why no kernel is built at head dim ``d`` (None: multiples of 16 from 32 to 256)."""
    if isinstance(d, int) and not isinstance(d, bool) and 32 <= d <= 256 and d % 16 == 0:
        return None
    return f"head_dim {d}: the TVM CUDA kernels take multiples of 16 from 32 to 256"


def check_head_dim(d: int) -> None:
    why = head_dim_reason(d)
    if why is not None:
        raise ValueError(why)


def prefill_tiles(d: int, dtype: str = "float16") -> tuple[int, int]:
    """Query rows per prefill block and keys per tile at head dim ``d``: half the rows
    at head dims other than 32, 64 and 128 (whose index arithmetic by a non-power of two
    takes registers) and above 128, half the keys too above 128 and again in float32,
    so the accumulators stay in registers and the tiles in shared memory."""
    bm = PRE_BM if d in (32, 64, 128) else PRE_BM // 2
    bn = PRE_BN if d <= 128 else PRE_BN // 2
    return bm, bn // 2 if dtype == "float32" else bn


MAX_WIDE_GROUP = 4  # the largest decode group at head dims over 128 (8 spills at 256)


def decode_block_n(d: int, dtype: str = "float16") -> int:
    """Keys per decode tile at head dim ``d`` (half above 128, and again in float32)."""
    bn = DEC_BN if d <= 128 else DEC_BN // 2
    return bn // 2 if dtype == "float32" else bn


def check_shared(name: str, rows: int, d: int, bn: int, dtype: str, extra: int = 0) -> None:
    """Refuse a kernel whose static shared memory (the queries in float32, a K and a V
    tile, the scores, and ``extra`` bytes) passes :data:`MAX_SHARED`."""
    elt = 2 if dtype in DTYPES else 4
    need = rows * d * 4 + 2 * bn * d * elt + rows * bn * 4 + extra
    if need > MAX_SHARED:
        raise ValueError(f"{name}: {need} bytes of shared memory (at most {MAX_SHARED}); "
                         "a decode takes a smaller GQA group at this head dim")


@dataclass(frozen=True)
class KernelDef:
    """One generated kernel: its name, kind, TVMScript text, and launch geometry.

    ``grid``: per dimension (x, y, z), ``(size name, divisor)``: the dimension is
    ``ceil(size / divisor)``. ``block``: threads. ``tensors``: the tensor parameters,
    by the names the launcher binds them to. ``page_size``: paged kernels only (0
    otherwise); ``kv_format``: the codes a quantized paged decode reads ("" for plain
    K/V); ``mask``: the text of a compiled-in mask ("" for the run-time window and
    sinks); ``block_n``: keys per tile (0: none, the merge)."""

    name: str
    kind: str
    dtype: str
    head_dim: int
    group: int
    script: str
    grid: tuple[tuple[str, int], ...]
    block: tuple[int, int, int]
    tensors: tuple[str, ...]
    page_size: int = 0
    kv_format: str = ""
    mask: str = ""
    block_n: int = 0


def lines(indent: int, *stmts: str) -> str:
    return "\n".join(" " * indent + s for s in stmts)


def score(head: str, pos: str, key: str) -> str:
    """A visible score in log2 units: the dot product ``red[0]`` of the pre-scaled query
    and the key, soft-capped when ``cap > 0`` (``cap * tanh(red[0])``: the host then
    scales q by ``scale / softcap`` and passes ``cap = softcap * log2(e)``), minus the
    ALiBi bias ``SL[head] * |pos - key|`` (``SL``: slopes times log2(e), 0 without)."""
    return (f"T.Select(cap > T.float32(0), cap * T.tanh(red[0]), red[0]) - "
            f"SL[{head}] * T.Cast(\"float32\", T.max(({pos}) - ({key}), ({key}) - ({pos})))")


def pv_step(rows_expr: str, d: int, bn: int, nt: int, indent: int) -> str:
    """The online-softmax and PV step of accumulator ``k`` (row ``rows_expr``, head dim
    ``(k * NT + tx) % d``) over the tile's scores ``ss``: new running max, rescale
    ``2**(m_old - m_new)``, ``acc = acc * rescale + sum_j p_j V[j]`` and the running sum.
    Every thread keeps the max and sum of the rows it owns in registers, so no shared
    softmax state is written under a condition."""
    r = rows_expr
    return lines(
        indent,
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
    )


def init_accumulators(pt: int) -> str:
    """The ``pt`` accumulators of a thread zeroed, their running max at -inf (indent 20)."""
    return lines(20, f"for k in T.unroll({pt}):", "    acc[k] = T.float32(0)",
                 f"    m[k] = {NEG_INF}", "    l[k] = T.float32(0)")


def tile_loop(tile: str | list[str], rows: int, d: int, bn: int, nt: int, pt: int, k_at: str,
              v_at: str, visible: str, scored: str, key: str | None = None,
              stage: list[str] | None = None, guard: str | None = None) -> str:
    """The loop over the key tiles a program visits (indent 20): ``tile`` (statements)
    sets the tile's first key ``iv[J0]``; K and V rows staged in shared memory
    (``k_at``/``v_at``, of ``row = (k * NT + tx) // d`` and ``col``; with ``key``, that
    expression is stored in ``iv[KEY]`` first, for loads that read it many times), and
    the ``stage`` statements after them; the ``rows x bn`` scores, ``scored`` where
    ``visible`` and -inf elsewhere; then each accumulator's online-softmax step. With
    ``guard``, a tile's work runs only where it holds (the same for every thread)."""
    from kvcc.codegen.tvm.cuda_ranges import KEY, NTL

    row, col = f"(k * {nt} + tx) // {d}", f"(k * {nt} + tx) % {d}"
    body = [
        'T.evaluate(T.tvm_storage_sync("shared"))',
        f"for k in range({bn * d // nt}):",
        *([f"    iv[{KEY}] = {key}"] if key else []),
        f"    ks[{row}, {col}] = {k_at}",
        f"    vs[{row}, {col}] = {v_at}",
        *(stage or []),
        'T.evaluate(T.tvm_storage_sync("shared"))',
        f"for k in range({rows * bn // nt}):",
        "    red[0] = T.float32(0)",
        f"    for c in range({d}):",
        f"        red[0] = red[0] + qs[(k * {nt} + tx) // {bn}, c] * T.Cast(\"float32\", "
        f"ks[(k * {nt} + tx) % {bn}, c])",
        f"    ss[(k * {nt} + tx) // {bn}, (k * {nt} + tx) % {bn}] = T.Select({visible}, "
        f"{scored}, {NEG_INF})",
        'T.evaluate(T.tvm_storage_sync("shared"))',
        f"for k in T.unroll({pt}):",
    ]
    inner = 24
    if guard is not None:
        body = [f"if {guard}:"] + ["    " + x for x in body]
        inner = 28
    return lines(20, f"for t in range(iv[{NTL}]):") + "\n" + lines(
        24, *([tile] if isinstance(tile, str) else tile), *body) + "\n" + pv_step(
        row, d, bn, nt, inner + 4)


def allocations(rows: int, d: int, bn: int, dtype: str, pt: int) -> str:
    """A block's buffers (indent 16): the pre-scaled queries, a K and a V tile and the
    scores in shared memory; a thread's ``pt`` accumulators with their running max and
    sum, scratch registers and the key-range slots in registers."""
    from kvcc.codegen.tvm.cuda_ranges import IV_SLOTS

    return lines(
        16,
        f'qs = T.alloc_buffer(({rows}, {d}), "float32", scope="shared")',
        f'ks = T.alloc_buffer(({bn}, {d}), "{dtype}", scope="shared")',
        f'vs = T.alloc_buffer(({bn}, {d}), "{dtype}", scope="shared")',
        f'ss = T.alloc_buffer(({rows}, {bn}), "float32", scope="shared")',
        *(f'{n} = T.alloc_buffer(({pt},), "float32", scope="local")' for n in "aml"),
        'red = T.alloc_buffer((5,), "float32", scope="local")',
        f'iv = T.alloc_buffer(({IV_SLOTS},), "int32", scope="local")',
    ).replace("a = T.alloc", "acc = T.alloc")
