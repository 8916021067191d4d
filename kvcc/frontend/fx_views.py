"""Where the coordinates of a tensor go through view-like operations of an FX graph
(indexing, unsqueeze, squeeze, reshape, expand, transpose, permute), for
:mod:`kvcc.frontend.fx_masks`."""

from __future__ import annotations

from typing import Any

import sympy

from kvcc.frontend.fx_mask_values import BIndex, Coord, Ids, Index, Lin, move
from kvcc.frontend.fx_nodes import Call, is_one, known_eq, known_ge, norm_dim, static_int, sym

# per output dim: (input dim or None for a new one, start offset); input dims fixed by
# an integer index, and their index
Srcs = list[tuple[int | None, sympy.Expr]]
Fixed = dict[int, sympy.Expr]

VIEW_OPS = ("getitem", "unsqueeze", "squeeze", "reshape", "expand", "transpose", "permute",
            "mT", "identity")

_ZERO = sympy.Integer(0)


def _getitem(index: Any, n_in: int) -> tuple[Srcs, Fixed] | None:
    idx = index if isinstance(index, tuple) else (index,)
    n_spec = sum(1 for x in idx if x is not None and x is not Ellipsis)
    srcs: Srcs = []
    fixed: Fixed = {}
    d = 0
    for x in idx:
        if x is Ellipsis:
            for _ in range(n_in - n_spec):
                srcs.append((d - n_in, _ZERO))
                d += 1
        elif x is None:
            srcs.append((None, _ZERO))
        elif isinstance(x, slice):
            if x.step not in (None, 1):
                return None
            start = _ZERO if x.start is None else sym(x.start)
            if start is None or not known_ge(start, _ZERO):
                return None
            srcs.append((d - n_in, start))
            d += 1
        else:
            k = sym(x)
            if k is None or not known_ge(k, _ZERO):
                return None
            fixed[d - n_in] = k
            d += 1
    if d > n_in:
        return None
    srcs.extend((e - n_in, _ZERO) for e in range(d, n_in))
    return srcs, fixed


def _reshape(si: tuple, so: tuple) -> tuple[Srcs, Fixed] | None:
    """A reshape that only inserts or removes size-1 dims."""
    big_in = [d - len(si) for d, s in enumerate(si) if not is_one(s)]
    big_out = [s for s in so if not is_one(s)]
    if len(big_in) != len(big_out) or not all(known_eq(si[d], s) for d, s in zip(big_in, big_out)):
        return None
    it = iter(big_in)
    return [(None, _ZERO) if is_one(s) else (next(it), _ZERO) for s in so], {}


def view_map(call: Call, si: tuple, so: tuple) -> tuple[Srcs, Fixed] | None:
    """Output dim sources of a view-like ``call`` from input shape ``si`` to ``so``."""
    n_in, n_out = len(si), len(so)
    same: Srcs = [(d - n_in, _ZERO) for d in range(n_in)]
    name = call.name
    if name == "identity":
        return (same, {}) if n_in == n_out else None
    if name == "getitem":
        return _getitem(call.get("index"), n_in)
    if name == "reshape" or (name in ("unsqueeze", "squeeze") and n_in != n_out):
        return _reshape(si, so)
    if name == "squeeze":
        return same, {}
    if name == "expand":
        if n_out < n_in:
            return None
        return [(o - n_out, _ZERO) if o - n_out >= -n_in else (None, _ZERO)
                for o in range(n_out)], {}
    if name in ("transpose", "mT"):
        a, b = (-2, -1) if name == "mT" else (norm_dim(call.get("dim0"), n_in),
                                               norm_dim(call.get("dim1"), n_in))
        if a is None or b is None:
            return None
        srcs = list(same)
        srcs[a], srcs[b] = srcs[b], srcs[a]
        return srcs, {}
    if name == "permute":
        dims = [norm_dim(d, n_in) for d in call.get("dims", ())]
        if len(dims) != n_in or None in dims or len(set(dims)) != n_in:
            return None
        return [(d, _ZERO) for d in dims], {}
    return None


def apply_view(value: Any, call: Call, si: tuple, so: tuple) -> Any:
    """``value`` (of an input of shape ``si``) after the view-like ``call``; None when the
    operation is not followable."""
    m = view_map(call, si, so)
    if m is None:
        return None
    srcs, fixed = m
    return move_by(value, srcs, fixed, si, so)


def move_by(value: Any, srcs: Srcs, fixed: Fixed, si: tuple, so: tuple) -> Any:
    n_in, n_out = len(si), len(so)

    def where(d: int) -> Coord | None:
        if -d > n_in or is_one(si[d]):
            return Coord(None)
        if d in fixed:
            return Coord(None, fixed[d])
        for o, (src, start) in enumerate(srcs):
            if src != d:
                continue
            o -= n_out
            if o in (-2, -1):
                return Coord("i" if o == -2 else "j", start)
            return Coord(None, start) if is_one(so[o]) else None
        return None

    if isinstance(value, Index) and value.lin == Lin(0, 1, _ZERO) and n_in == 1:
        # arange(B) moved onto a leading dim: batch indices
        for o, (src, start) in enumerate(srcs):
            if src == -1 and static_int(start) == 0 and o - n_out < -2:
                return BIndex(o - n_out)
    # Ids read only their own dims; a batch axis at dim -2 is no row coordinate
    bdim = getattr(value, "bdim", None)
    if isinstance(value, Ids):
        ci = cj = Coord(None)
    else:
        ci = Coord(None) if bdim == -2 else where(-2)
        cj = where(-1)
    if ci is None or cj is None:
        return None
    dim_to = {src: o - n_out for o, (src, start) in enumerate(srcs)
              if src is not None and static_int(start) == 0}
    return move(value, ci, cj, dim_to)


def pin(value: Any, s: tuple) -> Any:
    """``value`` of shape ``s`` as seen by a broadcasting operation: coordinates of
    size-1 dims are 0."""
    srcs: Srcs = [(d - len(s), _ZERO) for d in range(len(s))]
    return move_by(value, srcs, {}, s, s)


def advanced_index(value: Any, index: list[Any], si: tuple) -> Any:
    """``value[index]`` (shape ``si``) for tensor indices, one per dim, read as index
    values: the output's element takes the input's element at the coordinates the
    indices give; None when they are not plain coordinates."""
    if len(index) != len(si):
        return None
    coords: dict[int, Coord] = {}
    dim_to: dict[int, int | None] = {}
    for d, ix in zip(range(-len(si), 0), index):
        if isinstance(ix, BIndex):
            coords[d], dim_to[d] = Coord(None), ix.dim
        elif isinstance(ix, Index) and (ix.lin.ci, ix.lin.cj) in ((1, 0), (0, 1), (0, 0)):
            axis = None if ix.lin.ci == ix.lin.cj == 0 else "i" if ix.lin.ci else "j"
            coords[d] = Coord(axis, ix.lin.c)
            if axis is not None and ix.lin.c == 0:
                dim_to[d] = -2 if axis == "i" else -1
        else:
            return None
    bdim = getattr(value, "bdim", None)
    ci = Coord(None) if bdim == -2 or -2 not in coords else coords[-2]
    return move(value, ci, coords[-1], dim_to)
