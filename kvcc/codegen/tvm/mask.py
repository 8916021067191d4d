"""Masks as TensorIR: each row's visible keys as one interval.

Every mask the TVM backend runs is an intersection of intervals per query row, so a
row at bottom-right position ``P`` (top-left row index ``R``) sees exactly the keys
at absolute positions ``[lo(P, R), hi(P, R))``:

- full ``[0, kv_total)``; empty ``[0, 0)``;
- causal ``[0, X + 1)``, ``X`` the row's position in the mask's alignment;
- sliding window ``w``: ``[X - w + 1, X + 1)``; sinks ``n``: ``[0, n)``;
- static documents: ``[doc_lo[P], doc_hi[P])`` from host tables over the key
  positions (a row before key 0 is in no document: ``[0, 0)``);
- ``a & b``: ``[max(lo_a, lo_b), min(hi_a, hi_b))``;
- ``by_head(heads, a, b)``: ``a``'s interval for the programs of the listed KV heads,
  ``b``'s for the others (a program's rows share one KV head).

Kernels evaluate the interval once per row and program (``rlo``/``rhi``), derive the
program's key range (the union, so tiles outside it are never visited) and its fully
visible range (the intersection, whose tiles skip the per-element test), and test
``rlo <= key < rhi`` only on the other tiles. Unions (``|``), complements (``~``) and
masks that read tensors at run time (document ids, page selections) are not
intervals: :func:`check_mask` names them, and the op runs elsewhere.

Expressions are TVMScript text over the kernel's names: ``kv_total`` (logical key
count), ``hk`` (the program's KV head) and the document tables ``DLO{i}``/``DHI{i}``.
"""

from __future__ import annotations

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
    walk,
)

# positions are int32 in kernels: a window or sink count this large already covers
# every key, so larger constants are clamped to it (and X - w + 1 cannot overflow)
INT_CAP = 2**30


def check_mask(m: Mask) -> str | None:
    """None when the TVM kernels run ``m``, else the feature they lack, in words."""
    for node in walk(m):
        if isinstance(node, Or):
            return "unions of masks (|), such as sinks | sliding_window"
        if isinstance(node, Not):
            return "complemented masks (~)"
        if isinstance(node, Document) and node.ids is not None:
            return "document masks over run-time ids (use document(lengths=...))"
        if isinstance(node, PageSelect):
            return "page selections read at run time (Quest)"
    return None


@lru_cache(maxsize=512)
def doc_tables(m: Mask) -> tuple[tuple[int, ...], ...]:
    """The static document lengths ``m`` reads, one table pair per distinct tuple, in
    kernel-argument order (``DLO0, DHI0, DLO1, ...``)."""
    out: list[tuple[int, ...]] = []
    for node in walk(m):
        if isinstance(node, Document) and node.lengths is not None and node.lengths not in out:
            out.append(node.lengths)
    return tuple(out)


def row_interval(m: Mask, p: str, r: str) -> tuple[str, str]:
    """``(lo, hi)``: TVMScript int32 expressions of the absolute key positions a row
    at bottom-right position ``p`` and top-left index ``r`` sees (``lo <= key < hi``;
    empty when ``hi <= lo``)."""
    tables = doc_tables(m)

    def go(n: Mask) -> tuple[str, str]:
        if isinstance(n, Full):
            return "0", "kv_total"
        if isinstance(n, Empty):
            return "0", "0"
        if isinstance(n, Causal):
            x = p if n.align is Align.bottom_right else r
            return "0", f"({x} + 1)"
        if isinstance(n, SlidingWindow):
            x = p if n.align is Align.bottom_right else r
            return f"({x} - {min(n.size, INT_CAP) - 1})", f"({x} + 1)"
        if isinstance(n, Sinks):
            return "0", str(min(n.n, INT_CAP))
        if isinstance(n, Document) and n.lengths is not None:
            i = tables.index(n.lengths)
            at = f"T.max(T.min({p}, kv_total - 1), 0)"
            return (f"T.Select({p} >= 0, DLO{i}[{at}], 0)",
                    f"T.Select({p} >= 0, DHI{i}[{at}], 0)")
        if isinstance(n, And):
            (alo, ahi), (blo, bhi) = go(n.a), go(n.b)
            return f"T.max({alo}, {blo})", f"T.min({ahi}, {bhi})"
        if isinstance(n, ByHead):
            sel = " or ".join(f"hk == {h}" for h in n.heads) or "T.bool(False)"
            (alo, ahi), (blo, bhi) = go(n.a), go(n.b)
            return f"T.Select({sel}, {alo}, {blo})", f"T.Select({sel}, {ahi}, {bhi})"
        raise ValueError(f"the TVM backend cannot express mask node {type(n).__name__} "
                         "as a row interval")

    return go(m)


def table_values(lengths: tuple[int, ...]) -> tuple[list[int], list[int]]:
    """Per key position: the start and the end of its document."""
    lo: list[int] = []
    hi: list[int] = []
    start = 0
    for n in lengths:
        lo += [start] * n
        hi += [start + n] * n
        start += n
    return lo, hi
