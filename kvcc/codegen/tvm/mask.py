"""Masks as TensorIR: each row's visible keys as a few intervals, each optionally
filtered by a per-element predicate.

A row at bottom-right position ``P`` (top-left row index ``R``) sees the keys at
absolute positions in the union of its *terms*, each ``[lo(P, R), hi(P, R))`` where
the term's predicate (if any) also holds:

- full ``[0, kv_total)``; empty: no term;
- causal ``[0, X + 1)``, ``X`` the row's position in the mask's alignment;
- sliding window ``w``: ``[X - w + 1, X + 1)``; sinks ``n``: ``[0, n)``;
- static documents: ``[doc_lo[P], doc_hi[P])`` from host tables over the key
  positions (a row before key 0 is in no document: ``[0, 0)``);
- document ids (a run-time tensor ``ids``): ``[0, kv_total)`` for a row at or after
  key 0, with the predicate ``ids[key] == ids[P]``;
- page selections (Quest; a run-time bool tensor ``pages [1 or B, 1 or Hkv or Hq,
  pages]``): ``[0, kv_total)`` with the predicate ``pages[b, head, key // page_size]``,
  the row's query head ``{head}`` (of ``{hq}``; PH is 1, Hkv or Hq); when a selection
  is a conjunct of the
  whole mask (Quest's ``mask & page_select``), a tile none of whose pages a row of the
  program selects is skipped, never loaded (``ranges.key_tiles``);
- ``a | b``: ``a``'s terms then ``b``'s;
- ``a & b``: every pair's intersection ``[max(lo_a, lo_b), min(hi_a, hi_b))``, the
  predicates and-ed;
- ``~a``: the intersection of each term's complement, ``[0, lo) | [hi, kv_total)``
  (and, for a term with a predicate, ``[0, kv_total)`` where it fails);
- ``by_head(heads, a, b)``: ``a``'s terms for the programs of the listed KV heads,
  ``b``'s for the others (a program's rows share one KV head), the shorter list
  padded with empty intervals.

Terms that are empty by construction are dropped. A mask of more than
:data:`MAX_TERMS` terms (``&`` of several unions, say) becomes one term in the CPU
kernels (:func:`kernel_terms`): the hull of its keys (``|``: the span of both hulls,
``&``: their intersection, ``~``: every key), each element tested against the whole
mask as one expression; the CUDA kernels refuse it (:func:`check_mask`).

Kernels (``ranges.py``) evaluate each term once per row and program
(``rlo{t}``/``rhi{t}``), derive per term the program's key range (the union over
rows: tiles outside every term's range are never visited) and its fully visible
range (the intersection over rows: tiles inside that of a predicate-free term skip
the per-element test), and test the other tiles' elements. A single interval (no ``|``,
``~`` or ids) is the plain case: one range, one test per element.

Expressions are TVMScript text over the kernel's names: ``kv_total`` (logical key
count), ``hk`` (the program's KV head), the document tables ``DLO{i}``/``DHI{i}``,
for ids tensor ``i`` the row's id ``rid{i}[row]`` and the tile's key ids
``kid{i}[key]`` (``ranges.py`` loads both), and for page tensor ``i`` the buffer
``PG{i} [PB{i}, PH{i}, PN{i}]`` (uint8). Predicates are templates: ``{key}`` (the key's
index in the tile) and ``{row}`` (the row), and for page selections ``{pos}`` (the
key's position), ``{batch}`` (the sequence), ``{head}`` (the row's query head) and
``{hq}`` (the query heads), which each target fills in (:meth:`Term.test`).
"""

from __future__ import annotations

from dataclasses import dataclass
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
# terms per row a kernel tests (sinks | window is 2; ~window is 2; a & of two such is 4)
MAX_TERMS = 4


@dataclass(frozen=True)
class Term:
    """Keys ``lo <= key < hi`` (absolute positions, TVMScript int32 expressions of the
    row) for which ``pred`` also holds; ``pred`` is None (always) or a template of a
    bool expression (module docstring), which :meth:`test` fills in."""

    lo: str
    hi: str
    pred: str | None = None

    def test(self, key: str, row: str, pos: str, batch: str, head: str, hq: str) -> str:
        """``pred`` of the tile's key ``key`` at position ``pos`` for row ``row`` of
        sequence ``batch``, whose query head is ``head`` of ``hq``."""
        assert self.pred is not None
        return self.pred.format(key=key, row=row, pos=pos, batch=batch, head=head, hq=hq)


_ALL = Term("0", "kv_total")


class TooManyTerms(ValueError):
    """The mask is more than :data:`MAX_TERMS` terms per row."""


def check_mask(m: Mask) -> str | None:
    """None when ``m`` is at most :data:`MAX_TERMS` terms per row, else why not, in
    words (the CUDA kernels' rule; the CPU kernels run any mask, :func:`kernel_terms`)."""
    try:
        row_terms(m, "p", "r")
    except TooManyTerms:
        return (f"masks of more than {MAX_TERMS} key intervals per row (an & of several "
                "| or ~ masks)")
    return None


@lru_cache(maxsize=512)
def generic(m: Mask) -> bool:
    """Whether ``m`` is more than :data:`MAX_TERMS` terms per row, so the CPU kernels
    test it element by element (:func:`kernel_terms`)."""
    return check_mask(m) is not None


@lru_cache(maxsize=512)
def kernel_terms(m: Mask, p: str, r: str) -> tuple[Term, ...]:
    """The CPU kernels' terms of a row: :func:`row_terms`, or for a mask of more terms
    one term, the hull of the keys it can see (the tiles a program visits) with the
    whole mask as its predicate, over the row's positions ``rpos[row]`` (bottom-right)
    and ``rtl[row]`` (top-left; ``ranges.key_ranges`` fills both)."""
    if not generic(m):
        return row_terms(m, p, r)
    hull = _hull(m, m, p, r)
    return () if hull is None else (Term(hull.lo, hull.hi, _pred(m, m, "rpos[{row}]",
                                                                 "rtl[{row}]")),)


def _hull(root: Mask, m: Mask, p: str, r: str) -> Term | None:
    """One interval holding every key a row at ``p``/``r`` sees of ``m``, a part of
    ``root`` (None: no key)."""
    if isinstance(m, (And, Or)):
        a, b = _hull(root, m.a, p, r), _hull(root, m.b, p, r)
        if a is None or b is None:
            return (a or b) if isinstance(m, Or) else None
        if isinstance(m, And):
            return _meet(Term(a.lo, a.hi), Term(b.lo, b.hi))
        return Term(f"T.min({a.lo}, {b.lo})", f"T.max({a.hi}, {b.hi})")
    if isinstance(m, Not):
        return _ALL
    if isinstance(m, ByHead):
        a, b = (_hull(root, x, p, r) or Term("0", "0") for x in (m.a, m.b))
        return _pick(_heads(m), a, b)
    terms = _terms_in(root, m, p, r)  # a leaf: one interval (or none)
    return Term(terms[0].lo, terms[0].hi) if terms else None


def _pred(root: Mask, m: Mask, p: str, r: str) -> str:
    """Whether row ``{row}`` (at ``p``/``r``) sees the tile's key ``{key}`` by ``m``, a
    part of ``root``, as one bool expression."""
    if isinstance(m, And):
        return f"({_pred(root, m.a, p, r)}) and ({_pred(root, m.b, p, r)})"
    if isinstance(m, Or):
        return f"({_pred(root, m.a, p, r)}) or ({_pred(root, m.b, p, r)})"
    if isinstance(m, Not):
        return f"not ({_pred(root, m.a, p, r)})"
    if isinstance(m, ByHead):
        sel = _heads(m)
        return f"(({sel}) and ({_pred(root, m.a, p, r)})) or ((not ({sel})) and ({_pred(root, m.b, p, r)}))"
    terms = _terms_in(root, m, p, r)  # a leaf: one interval (or none), maybe a predicate
    if not terms:
        return "T.bool(False)"
    (t,) = terms
    inside = f"{{pos}} >= {t.lo} and {{pos}} < {t.hi}"
    return inside if t.pred is None else f"{inside} and ({t.pred})"


def _heads(m: ByHead) -> str:
    """Whether the program's KV head ``hk`` is one of ``m``'s listed heads."""
    return " or ".join(f"hk == {h}" for h in m.heads) or "T.bool(False)"


@lru_cache(maxsize=512)
def doc_tables(m: Mask) -> tuple[tuple[int, ...], ...]:
    """The static document lengths ``m`` reads, one table pair per distinct tuple, in
    kernel-argument order (``DLO0, DHI0, DLO1, ...``)."""
    out: list[tuple[int, ...]] = []
    for node in walk(m):
        if isinstance(node, Document) and node.lengths is not None and node.lengths not in out:
            out.append(node.lengths)
    return tuple(out)


@lru_cache(maxsize=512)
def id_tensors(m: Mask) -> tuple[str, ...]:
    """The run-time document-id tensors ``m`` reads, in kernel-argument order
    (``ID0, ID1, ...``)."""
    out: list[str] = []
    for node in walk(m):
        if isinstance(node, Document) and node.ids is not None and node.ids not in out:
            out.append(node.ids)
    return tuple(out)


@lru_cache(maxsize=512)
def page_tensors(m: Mask) -> tuple[tuple[str, int], ...]:
    """The run-time page selections ``m`` reads, ``(tensor, page size)`` per distinct
    pair, in kernel-argument order (``PG0, PG1, ...``)."""
    out: list[tuple[str, int]] = []
    for node in walk(m):
        if isinstance(node, PageSelect) and (node.pages, node.page_size) not in out:
            out.append((node.pages, node.page_size))
    return tuple(out)


@lru_cache(maxsize=512)
def skipping_pages(m: Mask) -> tuple[int, ...]:
    """The page tensors (indices into :func:`page_tensors`) that are conjuncts of the
    whole mask: a key on a page no row selects is invisible, so its tile is skipped."""
    pages = page_tensors(m)

    def conjuncts(n: Mask) -> list[Mask]:
        return conjuncts(n.a) + conjuncts(n.b) if isinstance(n, And) else [n]

    return tuple(sorted({pages.index((n.pages, n.page_size)) for n in conjuncts(m)
                         if isinstance(n, PageSelect)}))


def term_count(m: Mask) -> int:
    """Terms per row of the CPU kernels (at least 1: a mask with none is one empty
    interval)."""
    return max(1, len(kernel_terms(m, "p", "r")))


def row_terms(m: Mask, p: str, r: str) -> tuple[Term, ...]:
    """The terms of a row at bottom-right position ``p`` and top-left index ``r``
    (expressions; module docstring), at most :data:`MAX_TERMS` (else
    :class:`TooManyTerms`); an empty tuple when the row sees nothing."""
    return _terms_in(m, m, p, r)


@lru_cache(maxsize=512)
def _terms_in(root: Mask, m: Mask, p: str, r: str) -> tuple[Term, ...]:
    """:func:`row_terms` of ``m``, a part of ``root``, naming the tables and tensors by
    their index in ``root``'s (the kernel's arguments)."""
    tables, ids, pages = doc_tables(root), id_tensors(root), page_tensors(root)

    def go(n: Mask) -> list[Term]:
        if isinstance(n, Full):
            return [_ALL]
        if isinstance(n, Empty):
            return []
        if isinstance(n, Causal):
            x = p if n.align is Align.bottom_right else r
            return [Term("0", f"({x} + 1)")]
        if isinstance(n, SlidingWindow):
            x = p if n.align is Align.bottom_right else r
            return [Term(f"({x} - {min(n.size, INT_CAP) - 1})", f"({x} + 1)")]
        if isinstance(n, Sinks):
            return [Term("0", str(min(n.n, INT_CAP)))]
        if isinstance(n, Document) and n.lengths is not None:
            i = tables.index(n.lengths)
            at = f"T.max(T.min({p}, kv_total - 1), 0)"
            return [Term(f"T.Select({p} >= 0, DLO{i}[{at}], 0)",
                         f"T.Select({p} >= 0, DHI{i}[{at}], 0)")]
        if isinstance(n, Document):
            i = ids.index(n.ids)
            return [Term("0", f"T.Select({p} >= 0, kv_total, 0)",
                         f"kid{i}[{{key}}] == rid{i}[{{row}}]")]
        if isinstance(n, PageSelect):
            i = pages.index((n.pages, n.page_size))
            page = f"T.min(({{pos}}) // {min(n.page_size, INT_CAP)}, PN{i} - 1)"
            return [Term("0", "kv_total", f"PG{i}[T.min({{batch}}, PB{i} - 1), "
                                          f"({{head}}) // ({{hq}} // PH{i}), {page}] != T.uint8(0)")]
        if isinstance(n, And):
            return _cap([_meet(a, b) for a in go(n.a) for b in go(n.b)])
        if isinstance(n, Or):
            return _cap(go(n.a) + go(n.b))
        if isinstance(n, Not):
            out = [_ALL]
            for t in go(n.a):
                out = _cap([_meet(a, b) for a in out for b in _complement(t)])
            return out
        if isinstance(n, ByHead):
            sel = _heads(n)
            a, b = go(n.a), go(n.b)
            none = Term("0", "0")
            a += [none] * (len(b) - len(a))
            b += [none] * (len(a) - len(b))
            return [_pick(sel, x, y) for x, y in zip(a, b)]
        raise ValueError(f"the TVM backend cannot express mask node {type(n).__name__} "
                         "as key intervals")

    return tuple(go(m))


def _meet(a: Term, b: Term) -> Term:
    if a == _ALL:
        return b
    if b == _ALL:
        return a
    pred = b.pred if a.pred is None else a.pred if b.pred is None else \
        f"({a.pred}) and ({b.pred})"
    return Term(f"T.max({a.lo}, {b.lo})", f"T.min({a.hi}, {b.hi})", pred)


def _complement(t: Term) -> list[Term]:
    out = [Term("0", t.lo), Term(t.hi, "kv_total")]
    if t.pred is not None:
        out.append(Term("0", "kv_total", f"not ({t.pred})"))
    return [x for x in out if not _empty(x)]


def _pick(sel: str, a: Term, b: Term) -> Term:
    pred = None
    if a.pred is not None or b.pred is not None:
        pred = f"(({sel}) and ({a.pred or 'T.bool(True)'})) or " \
               f"((not ({sel})) and ({b.pred or 'T.bool(True)'}))"
    return Term(f"T.Select({sel}, {a.lo}, {b.lo})", f"T.Select({sel}, {a.hi}, {b.hi})", pred)


def _empty(t: Term) -> bool:
    """Empty by construction (``[x, x)``, ``[_, 0)``, ``[kv_total, _)``)."""
    return t.lo == t.hi or t.hi == "0" or t.lo == "kv_total"


def _cap(terms: list[Term]) -> list[Term]:
    out = [t for t in terms if not _empty(t)]
    if len(out) > MAX_TERMS:
        raise TooManyTerms(f"{len(out)} key intervals per row (at most {MAX_TERMS})")
    return out


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
