"""Masks as Triton code: the per-element predicate and the per-program key range.

For a program whose rows sit at aligned positions ``p_lo .. p_hi`` (bottom-right
positions; ``r_lo .. r_hi`` top-left row indices), a mask gives four bounds, each
non-decreasing in the position: every visible key lies in ``[L(p_lo), H(p_hi))``
(so tiles outside are never loaded), and every key in ``[FL(p_hi), FH(p_lo))`` is
visible to every row (so tiles inside skip the predicate). Atoms: causal
``[0, p+1)``, window ``[p-w+1, p+1)``, sinks ``[0, n)``, static documents
``[doc_lo[p], doc_hi[p])`` from host tables; ``&`` takes max of lower and min of
upper bounds. Any other node (``~``, run-time ids, page selections) is *generic*: it
widens the range to all keys and empties the full range, and the kernel evaluates
each tile's predicate first and predicates the K/V loads of a tile no row can see, so
empty tiles still move no data. ``|`` is generic too, over the union of its two
ranges, and the keys between them that no row sees are a *gap* the key loop steps
over (sinks plus a window visits the sink tiles and the window's, not the tiles
between).

A per-head choice ``by_head(heads, A, B)`` chooses per row by its query head
(``hq_row // group`` in ``heads``: per KV head, so under GQA packing every row of a
program takes the same branch) and per program for the bounds: A's when every row
takes A, B's when none does, and their union (intersection for the full range)
otherwise. So one launch serves both kinds of head, and a program of window heads
iterates the window's tiles only; a branch with ``|`` (sinks plus a window) is
generic, so its programs walk ``[L, H)`` less the gap and load only the tiles some
row sees.

Kernel names used: ``p``/``r`` (row vectors), ``kva`` (absolute key positions of
the tile), ``kv_total``, ``b`` (sequence), ``hq_row`` (query head per row).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from kvcc.ir.mask import (
    Align,
    And,
    ByHead,
    Causal,
    Document,
    Empty,
    Full,
    Mask,
    Not,
    Or,
    PageSelect,
    Sinks,
    SlidingWindow,
)

# Positions are int32 in kernels: a window, sink count or page size this large
# already covers every key, so larger constants are clamped to it.
_INT32_CAP = 2**30


def _c(n: int) -> int:
    return min(n, _INT32_CAP)


@dataclass(frozen=True)
class MaskParam:
    """One extra kernel parameter of a mask and what the launcher passes for it:
    ``kind`` is ``doc_lo``/``doc_hi`` (host table ``source``, an index), ``ids`` or
    ``pages`` (the run-time tensor named ``source``), or a stride/divisor of that
    tensor: ``batch_stride``, ``head_stride``, ``head_div``."""

    name: str
    type: str  # Triton signature type
    kind: str
    source: str | int


@dataclass
class MaskCode:
    """What the emitter splices into a kernel for one mask."""

    params: list[MaskParam] = field(default_factory=list)
    prologue: list[str] = field(default_factory=list)  # lines before the key loop
    predicate: str | None = None  # [BLOCK_M, BLOCK_N] bool, None = all visible
    lo: str = "0"  # L at the first row
    hi: str = "kv_total"  # H at the last row
    full_lo: str = "0"  # FL at the last row
    full_hi: str = "kv_total"  # FH at the first row
    generic: bool = False  # some tile may be empty inside [lo, hi): test before loading
    all_visible: bool = False  # no key is ever masked (no masked tiles at all)
    lead_free: bool = False  # the visible keys start at key 0: no masked leading edge
    # keys [gap[0], gap[1]) no row of the program sees, inside [lo, hi) (the space
    # between the two ranges of a ``|``): the key loop steps over their tiles
    gap: tuple[str, str] | None = None
    tables: list[tuple[str, tuple[int, ...]]] = field(default_factory=list)  # static doc tables


@dataclass(frozen=True)
class _Bounds:
    """Bounds as functions of (position, row) expression text; ``zero_lo``: both lower
    bounds are 0 for every row (nothing hides keys before the visible ones)."""

    lo: object
    hi: object
    flo: object
    fhi: object
    zero_lo: bool = False
    gap: tuple[str, str] | None = None  # program-level keys no row sees (see MaskCode)


def _zero(p, r) -> str:
    return "0"


_FULL = _Bounds(_zero, lambda p, r: "kv_total", _zero, lambda p, r: "kv_total", True)
_GENERIC = _Bounds(_zero, lambda p, r: "kv_total", lambda p, r: "kv_total", _zero)


class _Emitter:
    def __init__(self) -> None:
        self.code = MaskCode()
        self._head_sets: dict[tuple[tuple[int, ...], int], str] = {}

    def pos(self, align: Align) -> str:
        return "p" if align is Align.bottom_right else "r"

    def pred(self, m: Mask) -> str | None:
        """Element predicate text, or None for 'always visible'."""
        if isinstance(m, Full):
            return None
        if isinstance(m, Empty):
            return "(kva[None, :] < 0)"
        if isinstance(m, Causal):
            return f"(kva[None, :] <= {self.pos(m.align)}[:, None])"
        if isinstance(m, SlidingWindow):
            x = self.pos(m.align)
            return (f"((kva[None, :] <= {x}[:, None]) & "
                    f"(kva[None, :] > {x}[:, None] - {_c(m.size)}))")
        if isinstance(m, Sinks):
            return f"(kva[None, :] < {_c(m.n)})"
        if isinstance(m, Document) and m.lengths is not None:
            i = self._doc_table(m.lengths)
            return f"((kva[None, :] >= doc{i}_lo[:, None]) & (kva[None, :] < doc{i}_hi[:, None]))"
        if isinstance(m, Document):
            n = m.ids
            self._add([MaskParam(n.upper(), "*i64", "ids", n),
                       MaskParam(f"{n}_sb", "i64", "batch_stride", n)], [
                f"{n}_row = tl.load({n.upper()} + b * {n}_sb + "
                "tl.minimum(tl.maximum(p, 0), kv_total - 1))"])
            # rows before key 0 are in no document; keys past the end are masked by kv_ok
            return (f"((tl.load({n.upper()} + b * {n}_sb + kva[None, :], mask=kva[None, :] "
                    f"< kv_total, other=0) == {n}_row[:, None]) & (p[:, None] >= 0))")
        if isinstance(m, PageSelect):
            n = m.pages
            self._add([MaskParam(n.upper(), "*u8", "pages", n),
                       MaskParam(f"{n}_sb", "i64", "batch_stride", n),
                       MaskParam(f"{n}_sh", "i64", "head_stride", n),
                       MaskParam(f"{n}_hdiv", "i32", "head_div", n)], [])
            return (f"(tl.load({n.upper()} + b * {n}_sb + (hq_row // {n}_hdiv)[:, None] * {n}_sh"
                    f" + kva[None, :] // {_c(m.page_size)}, mask=kva[None, :] < kv_total, other=0)"
                    " != 0)")
        if isinstance(m, And):
            a, b = self.pred(m.a), self.pred(m.b)
            return b if a is None else a if b is None else f"({a} & {b})"
        if isinstance(m, Or):
            a, b = self.pred(m.a), self.pred(m.b)
            if a is None or b is None:
                return None
            return f"({a} | {b})"
        if isinstance(m, Not):
            a = self.pred(m.a)
            return "(kva[None, :] < 0)" if a is None else f"({a} == 0)"
        if isinstance(m, ByHead):
            sel = f"{self._heads(m)}_row[:, None]"
            a, b = self.pred(m.a), self.pred(m.b)
            if a is None and b is None:
                return None
            a = f"({sel} & {a})" if a is not None else sel
            b = f"(({sel} == 0) & {b})" if b is not None else f"({sel} == 0)"
            return f"({a} | {b})"
        raise TypeError(f"cannot emit mask node {type(m).__name__}")

    def bounds(self, m: Mask) -> _Bounds:
        if isinstance(m, Full):
            return _FULL
        if isinstance(m, Causal):
            x = self.pos(m.align)

            def hi(p, r, x=x):
                return f"({p if x == 'p' else r} + 1)"
            return _Bounds(_zero, hi, _zero, hi, True)
        if isinstance(m, SlidingWindow):
            x, w = self.pos(m.align), _c(m.size)

            def lo(p, r, x=x, w=w):
                return f"({p if x == 'p' else r} - {w - 1})"

            def hi(p, r, x=x):
                return f"({p if x == 'p' else r} + 1)"
            return _Bounds(lo, hi, lo, hi)
        if isinstance(m, Sinks):
            return _Bounds(_zero, lambda p, r: str(_c(m.n)), _zero, lambda p, r: str(_c(m.n)),
                           True)
        if isinstance(m, Document) and m.lengths is not None:
            i = self._doc_index(m)
            pc = "tl.minimum(tl.maximum({p}, 0), kv_total - 1)"

            def lo(p, r, i=i):
                return f"tl.load(DOCLO{i} + {pc.format(p=p)})"

            def hi(p, r, i=i):
                return f"tl.where({p} >= 0, tl.load(DOCHI{i} + {pc.format(p=p)}), 0)"
            return _Bounds(lo, hi, lo, hi)
        if isinstance(m, And):
            a, b = self.bounds(m.a), self.bounds(m.b)
            return _Bounds(
                lambda p, r: f"tl.maximum({a.lo(p, r)}, {b.lo(p, r)})",
                lambda p, r: f"tl.minimum({a.hi(p, r)}, {b.hi(p, r)})",
                lambda p, r: f"tl.maximum({a.flo(p, r)}, {b.flo(p, r)})",
                lambda p, r: f"tl.minimum({a.fhi(p, r)}, {b.fhi(p, r)})",
                a.zero_lo and b.zero_lo,
                a.gap or b.gap,  # a key one side hides is hidden
            )
        if isinstance(m, Or):
            return self._or(m)
        if isinstance(m, ByHead):
            n = self._heads(m)
            a, b = self.bounds(m.a), self.bounds(m.b)

            def pick(fa, fb, merge):
                return lambda p, r: (f"tl.where({n}_all, {fa(p, r)}, tl.where({n}_any, "
                                     f"{merge}({fa(p, r)}, {fb(p, r)}), {fb(p, r)}))")
            gap = None
            if a.gap or b.gap:  # a program whose rows all take one branch has its gap
                (alo, ahi), (blo, bhi) = a.gap or ("0", "0"), b.gap or ("0", "0")
                gap = (f"tl.where({n}_all, {alo}, tl.where({n}_any, 0, {blo}))",
                       f"tl.where({n}_all, {ahi}, tl.where({n}_any, 0, {bhi}))")
            return _Bounds(pick(a.lo, b.lo, "tl.minimum"), pick(a.hi, b.hi, "tl.maximum"),
                           pick(a.flo, b.flo, "tl.maximum"), pick(a.fhi, b.fhi, "tl.minimum"),
                           a.zero_lo and b.zero_lo, gap)
        self.code.generic = True
        return _GENERIC

    def _or(self, m: Or) -> _Bounds:
        """``a | b`` (sinks plus a window): tiles are classified at run time (generic), in
        the union of the two ranges, ``[min L, max H)``; the keys between them that no
        row sees, ``[max H_a, min L_b)`` (or the same with ``b`` first, whichever is
        wider), are a gap the key loop steps over, so a program visits the tiles of its
        two ranges, not every tile between."""
        # (the flag only ever turns on: cleared here to see whether a side sets it)
        self.code.generic = False
        a, b = self.bounds(m.a), self.bounds(m.b)
        inner, self.code.generic = self.code.generic, True
        if inner:  # a side with no bounds of its own (ids, pages, ~): no gap to find
            return _GENERIC
        g1 = (a.hi("p_hi", "r_hi"), b.lo("p_lo", "r_lo"))
        g2 = (b.hi("p_hi", "r_hi"), a.lo("p_lo", "r_lo"))
        first = f"({g1[1]}) - ({g1[0]}) >= ({g2[1]}) - ({g2[0]})"
        return _Bounds(lambda p, r: f"tl.minimum({a.lo(p, r)}, {b.lo(p, r)})",
                       lambda p, r: f"tl.maximum({a.hi(p, r)}, {b.hi(p, r)})",
                       lambda p, r: "kv_total", _zero, False,
                       (f"tl.where({first}, {g1[0]}, {g2[0]})",
                        f"tl.where({first}, {g1[1]}, {g2[1]})"))

    def _heads(self, m: ByHead) -> str:
        """The name of the per-row choice of ``m`` (declared once per head set):
        ``NAME_row`` [BLOCK_M] bool, and the program's ``NAME_all`` / ``NAME_any``."""
        key = (m.heads, m.group)
        if key not in self._head_sets:
            n = f"bh{len(self._head_sets)}"
            self._head_sets[key] = n
            kvh = f"(hq_row // {m.group})" if m.group > 1 else "hq_row"
            row = " | ".join(f"({kvh} == {h})" for h in m.heads) or "(hq_row < 0)"
            self.code.prologue += [
                f"{n}_row = {row}",
                f"{n}_all = tl.min({n}_row.to(tl.int32), 0) > 0",
                f"{n}_any = tl.max({n}_row.to(tl.int32), 0) > 0",
            ]
        return self._head_sets[key]

    def _add(self, params: list[MaskParam], prologue: list[str]) -> None:
        """Declare kernel parameters and prologue lines once, however often a tensor
        appears in the mask."""
        if params[0] in self.code.params:
            return
        self.code.params += params
        self.code.prologue += prologue

    def _doc_table(self, lengths: tuple[int, ...]) -> int:
        """Index of the host table for these document lengths (declared once)."""
        for i, (_, have) in enumerate(self.code.tables):
            if have == lengths:
                return i
        i = len(self.code.tables)
        self.code.tables.append((f"DOC{i}", lengths))
        pc = "tl.minimum(tl.maximum(p, 0), kv_total - 1)"
        self._add([MaskParam(f"DOCLO{i}", "*i32", "doc_lo", i),
                   MaskParam(f"DOCHI{i}", "*i32", "doc_hi", i)], [
            f"doc{i}_lo = tl.load(DOCLO{i} + {pc})",
            f"doc{i}_hi = tl.where(p >= 0, tl.load(DOCHI{i} + {pc}), 0)",
        ])
        return i

    def _doc_index(self, m: Document) -> int:
        return self._doc_table(m.lengths)


@lru_cache(maxsize=512)
def emit_mask(m: Mask) -> MaskCode:
    """Triton code pieces for ``m`` (see the module docstring for the names used).
    Cached: treat the result as read-only."""
    e = _Emitter()
    e.code.predicate = e.pred(m)
    b = e.bounds(m)
    e.code.lo = b.lo("p_lo", "r_lo")
    e.code.hi = b.hi("p_hi", "r_hi")
    e.code.full_lo = b.flo("p_hi", "r_hi")
    e.code.full_hi = b.fhi("p_lo", "r_lo")
    if isinstance(m, Empty):
        e.code.hi = "0"
    e.code.gap = b.gap if e.code.generic else None
    e.code.all_visible = e.code.predicate is None and not e.code.generic
    e.code.lead_free = b.zero_lo and not e.code.generic
    return e.code


def doc_tables(lengths: tuple[int, ...]) -> tuple[list[int], list[int]]:
    """Per key position: start and end of its document."""
    lo, hi, start = [], [], 0
    for n in lengths:
        lo += [start] * n
        hi += [start + n] * n
        start += n
    return lo, hi
