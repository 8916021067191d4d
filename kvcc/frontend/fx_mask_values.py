"""The values :mod:`kvcc.frontend.fx_masks` computes for mask-building nodes.

A mask tensor in a model graph is built from sizes and a few run-time tensors:
``torch.full((s, s), -inf).triu(1)``, ``arange(s)[:, None] >= arange(s)[None, :]``,
``ids[:, None] == ids[None, :]``. Each such tensor is described by its dependence on
its last two coordinates ``i`` (rows, dim -2) and ``j`` (columns, dim -1), and
possibly a batch axis:

- :class:`Index`: integer values ``ci*i + cj*j + c`` (aranges and their sums);
- :class:`Two`: a tensor of two values, ``a`` where a predicate holds and ``b``
  elsewhere (boolean masks, additive 0/-inf masks, constant tensors);
- :class:`Ids`: a run-time 1-D or 2-D tensor read along one coordinate (document ids,
  key padding).

Predicates are trees of linear constraints (:class:`Le`), same-document tests
(:class:`DocEq`), key selections (:class:`KeySel`) and ``&``, ``|``, ``~``.
View-like operations (indexing, unsqueeze, reshape, expand, transpose) move
coordinates: :class:`Coord` says where an input coordinate comes from in the output.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import sympy
from torch.fx import Node


class MaskRefused(Exception):
    """A mask with no exact reading in kvcc's algebra; the message says which part."""


# ---------------------------------------------------------------- predicates


@dataclass(frozen=True)
class Lin:
    """``ci*i + cj*j + c`` over the row coordinate ``i`` and column coordinate ``j``."""

    ci: int
    cj: int
    c: sympy.Expr

    def __add__(self, o: Lin) -> Lin:
        return Lin(self.ci + o.ci, self.cj + o.cj, sympy.expand(self.c + o.c))

    def scaled(self, k: int) -> Lin:
        return Lin(self.ci * k, self.cj * k, sympy.expand(self.c * k))

    def shifted(self, k: sympy.Expr) -> Lin:
        return Lin(self.ci, self.cj, sympy.expand(self.c + k))


@dataclass(frozen=True)
class Const:
    value: bool


@dataclass(frozen=True)
class Le:
    """``lin <= 0``."""

    lin: Lin


@dataclass(frozen=True)
class DocEq:
    """``ids[i] == ids[j]`` for the run-time ids tensor ``node`` (``[S]`` or ``[B, S]``)."""

    node: Node


@dataclass(frozen=True)
class DataRef:
    """A boolean run-time tensor ``[S]`` or ``[B, S]``: ``node``, or ``op(node, other)``
    (for example ``ne(attention_mask, 0)``) computed in the graph before the call."""

    node: Node
    op: str | None = None
    other: Any = None


@dataclass(frozen=True)
class KeySel:
    """``data[j]``: key ``j`` is selected (a key padding mask)."""

    data: DataRef


@dataclass(frozen=True)
class PAnd:
    a: Any
    b: Any


@dataclass(frozen=True)
class POr:
    a: Any
    b: Any


@dataclass(frozen=True)
class PNot:
    a: Any


TRUE, FALSE = Const(True), Const(False)


def p_and(a, b):
    if a == FALSE or b == FALSE:
        return FALSE
    return b if a == TRUE else a if b == TRUE else PAnd(a, b)


def p_or(a, b):
    if a == TRUE or b == TRUE:
        return TRUE
    return b if a == FALSE else a if b == FALSE else POr(a, b)


def p_not(a):
    """The complement, pushed to the leaves (De Morgan; ``not x <= 0`` is ``-x + 1 <= 0``
    for integers), so that conjunctions of bounds stay visible to the converter."""
    if isinstance(a, Const):
        return Const(not a.value)
    if isinstance(a, PNot):
        return a.a
    if isinstance(a, Le):
        return Le(a.lin.scaled(-1).shifted(1))
    if isinstance(a, PAnd):
        return p_or(p_not(a.a), p_not(a.b))
    if isinstance(a, POr):
        return p_and(p_not(a.a), p_not(a.b))
    return PNot(a)


def lin_eq(lin: Lin):
    """``lin == 0`` for integer values."""
    return PAnd(Le(lin), Le(lin.scaled(-1)))


# ---------------------------------------------------------------- coordinates


@dataclass(frozen=True)
class Coord:
    """Where an input coordinate lies in the output: along the output's row (``"i"``)
    or column (``"j"``) coordinate plus ``offset``, or fixed at ``offset`` (``None``)."""

    axis: str | None
    offset: sympy.Expr = sympy.Integer(0)


def subst_lin(lin: Lin, ci: Coord, cj: Coord) -> Lin:
    out = Lin(0, 0, lin.c)
    for coef, co in ((lin.ci, ci), (lin.cj, cj)):
        if coef == 0:
            continue
        out = out.shifted(coef * co.offset)
        if co.axis == "i":
            out = Lin(out.ci + coef, out.cj, out.c)
        elif co.axis == "j":
            out = Lin(out.ci, out.cj + coef, out.c)
    return out


def _plain(co: Coord, axis: str) -> bool:
    return co.axis == axis and co.offset == 0


def subst_pred(p, ci: Coord, cj: Coord):
    """The predicate in output coordinates; None when a leaf cannot follow the move."""
    if isinstance(p, Const):
        return p
    if isinstance(p, Le):
        return Le(subst_lin(p.lin, ci, cj))
    if isinstance(p, DocEq):
        same = (_plain(ci, "i") and _plain(cj, "j")) or (_plain(ci, "j") and _plain(cj, "i"))
        return p if same else None
    if isinstance(p, KeySel):
        return p if _plain(cj, "j") else None
    if isinstance(p, PNot):
        a = subst_pred(p.a, ci, cj)
        return None if a is None else PNot(a)
    a, b = subst_pred(p.a, ci, cj), subst_pred(p.b, ci, cj)
    return None if a is None or b is None else type(p)(a, b)


# ---------------------------------------------------------------- values


@dataclass(frozen=True)
class Index:
    """An integer tensor whose element at ``(.., i, j)`` is ``lin``."""

    lin: Lin


@dataclass(frozen=True)
class BIndex:
    """An integer tensor whose element is its coordinate along the leading dim ``dim``
    (``arange(B)[:, None, None, None]``: batch indices for advanced indexing)."""

    dim: int


@dataclass(frozen=True)
class Two:
    """``a`` where ``pred`` holds, ``b`` elsewhere; ``bdim``: the (negative) dim of a
    batch axis the predicate reads through run-time data, or None."""

    pred: Any
    a: Any
    b: Any
    bdim: int | None = None

    @staticmethod
    def const(v: Any) -> Two:
        return Two(TRUE, v, v)

    def cases(self) -> list[tuple[Any, Any]]:
        return [(self.pred, self.a), (p_not(self.pred), self.b)]


@dataclass(frozen=True)
class Ids:
    """Run-time tensor ``node`` (``[S]`` or ``[B, S]``) read along dim ``tdim`` of this
    tensor, its batch axis (if any) at dim ``bdim`` (negative dims)."""

    node: Node
    tdim: int
    bdim: int | None


def from_cases(cases: list[tuple[Any, Any]], bdim: int | None) -> Two | None:
    """A value given as (predicate, value) cases that cover every element; None when
    it takes more than two values."""
    groups: list[list] = []
    for pred, val in cases:
        if pred == FALSE:
            continue
        for g in groups:
            if g[0] == val and type(g[0]) is type(val):
                g[1] = p_or(g[1], pred)
                g[2] += 1
                break
        else:
            groups.append([val, pred, 1])
    if len(groups) == 1:
        return Two(TRUE, groups[0][0], groups[0][0], bdim)
    if len(groups) != 2:
        return None
    (va, pa, na), (vb, pb, nb) = groups
    if nb < na:  # describe the value that fewer cases produce: a smaller predicate
        return Two(pb, vb, va, bdim)
    return Two(pa, va, vb, bdim)


def merge_bdim(*bdims: int | None) -> tuple[bool, int | None]:
    """Operands' batch axes agree (or are absent): (True, the axis)."""
    found = {b for b in bdims if b is not None}
    if len(found) > 1:
        return False, None
    return True, (found.pop() if found else None)


def move(value: Any, ci: Coord, cj: Coord, dim_to: dict[int, int | None]) -> Any:
    """The value after a view-like operation. ``ci``/``cj``: where the input's row and
    column coordinates went; ``dim_to``: input dim -> output dim (negative), for a
    batch axis or an ids axis, None where the dim was dropped. None: not followable."""
    if isinstance(value, Index):
        return Index(subst_lin(value.lin, ci, cj))
    if isinstance(value, Two):
        pred = subst_pred(value.pred, ci, cj)
        if pred is None:
            return None
        bdim = value.bdim
        if bdim is not None:
            bdim = dim_to.get(bdim)
            if bdim is None:
                return None
        return replace(value, pred=pred, bdim=bdim)
    if isinstance(value, Ids):
        tdim = dim_to.get(value.tdim)
        bdim = None if value.bdim is None else dim_to.get(value.bdim)
        if tdim is None or (value.bdim is not None and bdim is None):
            return None
        return Ids(value.node, tdim, bdim)
    return None
