"""Predicates read from a model graph (:mod:`kvcc.frontend.fx_mask_values`) as masks of
kvcc's algebra, for scores of ``rows x cols`` (symbolic sizes allowed).

Rules, each exact for every value of the size symbols:

- ``j - i <= h`` (``tril(diagonal=h)``, ``arange`` comparisons): ``causal`` top-left
  when ``h == 0``, bottom-right when ``h == cols - rows``, and below the diagonal
  (``h < 0``) ``causal & ~sliding_window(-h)``; true everywhere when ``h >= cols - 1``.
- ``j - i >= l`` with such an upper bound: ``sliding_window(w)`` when ``l`` is the
  window's lower edge (``w`` a constant, or ``min(w, X)`` with ``X`` at least the
  lengths, which selects the same keys); true everywhere when ``l <= 1 - rows``; alone,
  the complement of an upper bound.
- ``j <= n - 1``: ``sinks(n)``; ``j >= n``: ``~sinks(n)``.
- ``ids[i] == ids[j]`` with ``rows == cols``: ``document(seq_ids=ids)``.
- a run-time boolean key mask ``[S]`` or ``[B, S]``: ``page_select`` with pages of one
  key.
"""

from __future__ import annotations

import functools
import operator
from typing import Any

import sympy

from kvcc.frontend.fx_mask_values import (
    Const,
    DataRef,
    DocEq,
    KeySel,
    Le,
    MaskRefused,
    PAnd,
    PNot,
    POr,
)
from kvcc.frontend.fx_nodes import known_eq, known_ge, shape, static_int
from kvcc.ir.mask import Align, Causal, Document, Empty, Full, Mask, Not, PageSelect, Sinks, SlidingWindow

_TL, _BR = Align.top_left, Align.bottom_right


def pred_to_mask(pred: Any, rows: sympy.Expr, cols: sympy.Expr,
                 data: dict[str, DataRef] | None = None) -> tuple[Mask, dict[str, DataRef]]:
    """The mask and its run-time tensors by (temporary) name, added to ``data``; raises
    :class:`MaskRefused`."""
    conv = _Converter(rows, cols, {} if data is None else data)
    return conv.mask(pred), conv.data


def _flatten(p: Any) -> list[Any]:
    return _flatten(p.a) + _flatten(p.b) if isinstance(p, PAnd) else [p]


def _tightest(vals: list[sympy.Expr], smaller: bool) -> list[sympy.Expr]:
    """The bounds of a conjunction, merged where their difference is a number."""
    kept: list[sympy.Expr] = []
    for v in vals:
        for n, k in enumerate(kept):
            d = sympy.expand(v - k)
            if d.is_number:
                kept[n] = v if (d < 0) == smaller else k
                break
        else:
            kept.append(v)
    return kept


class _Converter:
    def __init__(self, rows: sympy.Expr, cols: sympy.Expr, data: dict[str, DataRef]) -> None:
        self.rows, self.cols = rows, cols
        self.square = known_eq(rows, cols)
        self.data = data
        self.context: Align | None = None  # causal(context) holds around the current node

    def _name(self, ref: DataRef) -> str:
        for k, v in self.data.items():
            if v == ref:
                return k
        name = f"fx{len(self.data)}"
        self.data[name] = ref
        return name

    def mask(self, p: Any) -> Mask:
        if isinstance(p, Const):
            return Full() if p.value else Empty()
        if isinstance(p, POr):
            return self.mask(p.a) | self.mask(p.b)
        if isinstance(p, PNot):
            inner = self.mask(p.a)
            return inner.a if isinstance(inner, Not) else Not(inner)
        if isinstance(p, DocEq):
            if not self.square:
                raise MaskRefused("a document mask needs as many queries as keys")
            return Document(ids=self._name(self._per_key(DataRef(p.node))))
        if isinstance(p, KeySel):
            return PageSelect(1, self._name(self._per_key(p.data)))
        return self._conj(_flatten(p))

    def _per_key(self, ref: DataRef) -> DataRef:
        s = shape(ref.node)
        if s is None or not known_eq(s[-1], self.cols):
            raise MaskRefused(f"run-time mask tensor {ref.node.name} of shape {s} does not have "
                              f"one entry per key ({self.cols})")
        return ref

    def _conj(self, leaves: list[Any]) -> Mask:
        uppers, lowers, rest = [], [], []
        for leaf in leaves:
            if isinstance(leaf, Le) and (leaf.lin.ci, leaf.lin.cj) == (-1, 1):  # j - i + c <= 0
                uppers.append(-leaf.lin.c)
            elif isinstance(leaf, Le) and (leaf.lin.ci, leaf.lin.cj) == (1, -1):  # i - j + c <= 0
                lowers.append(leaf.lin.c)
            else:
                rest.append(leaf)
        parts, causal = self._band(_tightest(uppers, True), _tightest(lowers, False))
        # Below a conjunction that holds causal(align), a sub-predicate may be replaced by
        # one equal to it wherever causal holds: a lone window edge becomes the window.
        outer, self.context = self.context, causal or self.context
        try:
            parts += [self._key_bound(p) if isinstance(p, Le) else self.mask(p) for p in rest]
        finally:
            self.context = outer
        parts = [m for m in parts if m != Full()]
        return functools.reduce(operator.and_, parts) if parts else Full()

    def _key_bound(self, leaf: Le) -> Mask:
        lin = leaf.lin
        if lin.ci == 0 and lin.cj == 0:
            c = static_int(lin.c)
            if c is None:
                raise MaskRefused(f"a symbolic constant condition {lin.c} <= 0")
            return Full() if c <= 0 else Empty()
        if lin.ci == 0 and lin.cj in (1, -1):
            n = static_int(1 - lin.c if lin.cj == 1 else lin.c)
            if n is None or n < 0:
                raise MaskRefused(f"a key bound j {'<=' if lin.cj == 1 else '>='} "
                                  f"{-lin.c if lin.cj == 1 else lin.c} that is not a constant")
            return Sinks(n) if lin.cj == 1 else Not(Sinks(n))
        raise MaskRefused(f"a condition {lin.ci}*i + {lin.cj}*j + {lin.c} <= 0 on query or key "
                          "positions that kvcc has no mask for")

    def _aligns(self) -> list[tuple[Align, sympy.Expr]]:
        br = (_BR, sympy.expand(self.cols - self.rows))
        return [br] if self.square else [(_TL, sympy.Integer(0)), br]

    def _upper(self, h: sympy.Expr) -> tuple[Align, int] | None:
        """``j - i <= h`` as (alignment, k): the causal diagonal shifted by ``k <= 0``."""
        for align, base in self._aligns():
            k = static_int(sympy.expand(h - base))
            if k is not None and k <= 0:
                return align, k
        return None

    def _upper_mask(self, h: sympy.Expr) -> Mask:
        found = self._upper(h)
        if found is None:
            raise MaskRefused(f"a causal bound j - i <= {h} that is neither diagonal "
                              f"(rows {self.rows}, keys {self.cols}) nor below it by a constant")
        align, k = found
        return Causal(align) if k == 0 else Causal(align) & Not(SlidingWindow(-k, align))

    def _window(self, w: sympy.Expr) -> int | None:
        if static_int(w) is not None:
            return static_int(w)
        # torch's shape environment has its own Min (torch.utils._sympy.functions)
        if isinstance(w, sympy.Min) or type(w).__name__ == "Min":
            consts = [a for a in w.args if a.is_Integer]
            others = [a for a in w.args if not a.is_Integer]
            if len(consts) == 1 and all(known_ge(x, self.rows) and known_ge(x, self.cols)
                                        for x in others):
                return int(consts[0])
        return None

    def _base(self, align: Align) -> sympy.Expr:
        return sympy.Integer(0) if align is _TL else sympy.expand(self.cols - self.rows)

    def _sliding(self, align: Align, low: sympy.Expr) -> Mask | None:
        """``causal(align) & (j - i >= low)`` as a window (or causal when it spans all)."""
        w = self._window(sympy.expand(self._base(align) + 1 - low))
        if w is None or w < 1:
            return None
        big = known_ge(sympy.Integer(w), self.rows) and known_ge(sympy.Integer(w), self.cols)
        return Causal(align) if big else SlidingWindow(w, align)

    def _band(self, uppers: list[sympy.Expr], lowers: list[sympy.Expr]
              ) -> tuple[list[Mask], Align | None]:
        """Masks for ``j - i <= h`` (each upper) and ``j - i >= l`` (each lower), and the
        alignment of a plain causal bound among them."""
        uppers = [h for h in uppers if not known_ge(h, self.cols - 1)]
        lowers = [low for low in lowers if not known_ge(1 - self.rows, low)]
        out: list[Mask] = []
        causal: Align | None = None
        for h in uppers:
            found = self._upper(h)
            if found is None or found[1] != 0:
                out.append(self._upper_mask(h))
                continue
            causal = found[0]
            for low in lowers:
                m = self._sliding(causal, low)
                if m is not None:
                    lowers.remove(low)
                    out.append(m)
                    break
            else:
                out.append(Causal(causal))
        for low in lowers:  # j - i >= low  <=>  not (j - i <= low - 1)
            ctx = causal or self.context
            m = self._sliding(ctx, low) if ctx is not None else None
            if m is not None:
                out.append(Full() if isinstance(m, Causal) else m)
            else:
                out.append(Not(self._upper_mask(sympy.expand(low - 1))))
        return out, causal
