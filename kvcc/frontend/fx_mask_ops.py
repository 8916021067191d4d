"""Operations on the values of :mod:`kvcc.frontend.fx_mask_values`, for
:class:`kvcc.frontend.fx_masks.MaskReader`: comparisons, arithmetic, boolean logic and
casts, each exact or refused (:class:`MaskRefused`)."""

from __future__ import annotations

import operator
from typing import Any

import sympy
import torch
from torch.fx import Node

from kvcc.frontend.fx_mask_values import (
    DataRef,
    DocEq,
    Ids,
    Index,
    KeySel,
    Le,
    Lin,
    MaskRefused,
    Two,
    from_cases,
    lin_eq,
    merge_bdim,
    p_and,
    p_not,
)
from kvcc.frontend.fx_nodes import number, static_int, sym, tensor_meta

Refused = MaskRefused

CMP = {"ge": operator.ge, "gt": operator.gt, "le": operator.le, "lt": operator.lt,
       "eq": operator.eq, "ne": operator.ne}
ARITH = {"add": operator.add, "sub": operator.sub, "mul": operator.mul,
         "div": operator.truediv, "and": operator.and_, "or": operator.or_}
# run-time mask tensors kvcc takes (document ids; keys selected by nonzero values)
INT_DTYPES = (torch.int8, torch.uint8, torch.int32, torch.int64)
# index tensors in these dtypes hold every position of a sequence exactly
EXACT_INDEX = (torch.int32, torch.int64, torch.float32, torch.float64)


def scalar_of(x: Any) -> Any:
    """A Python scalar argument or a scalar-producing node: sympy for ints, else the number."""
    if isinstance(x, bool):
        return x
    s = sym(x)
    if s is not None:
        return s
    return number(x)


def cast(v: Any, src: Node, dtype: torch.dtype) -> Any:
    """``v`` (the value of ``src``) cast to ``dtype``."""
    if isinstance(v, Two):
        return Two(v.pred, cast_value(v.a, dtype), cast_value(v.b, dtype), v.bdim)
    if isinstance(v, Index) and dtype in EXACT_INDEX:
        return v
    if isinstance(v, Ids) and dtype == torch.bool:
        return as_bool(v)
    raise Refused(f"cast of {src.name} to {dtype}")


def as_bool(v: Any) -> Two:
    """``v`` as a boolean mask (a run-time key tensor: its nonzero keys)."""
    if isinstance(v, Ids) and v.tdim == -1:
        ref = DataRef(v.node) if tensor_meta(v.node).dtype == torch.bool else DataRef(v.node, "ne", 0)
        return Two(KeySel(ref), True, False, v.bdim)
    if isinstance(v, Two) and {type(v.a), type(v.b)} == {bool}:
        return v
    raise Refused("a boolean operation on a tensor that is not a boolean mask")


def as_two(v: Any, dtype: torch.dtype) -> Two:
    """``v``, or a constant scalar as a constant tensor of ``dtype``."""
    if isinstance(v, Two):
        return v
    if isinstance(v, (int, float, sympy.Integer, bool)):
        return Two.const(cast_value(v, dtype))
    raise Refused("a fill value that is not a constant or a mask")


def compare(n: str, a: Any, b: Any) -> Two:
    """``a <n> b`` for ``n`` in ge, gt, le, lt, eq, ne."""
    if isinstance(a, Index) or isinstance(b, Index):
        la, lb = _lin(a), _lin(b)
        d = la + lb.scaled(-1)  # a - b
        pred = {"le": Le(d), "lt": Le(d.shifted(1)), "ge": Le(d.scaled(-1)),
                "gt": Le(d.scaled(-1).shifted(1)), "eq": lin_eq(d),
                "ne": p_not(lin_eq(d))}[n]
        return Two(pred, True, False)
    if isinstance(a, Ids) and isinstance(b, Ids) and n in ("eq", "ne"):
        ok, bdim = merge_bdim(a.bdim, b.bdim)
        if a.node is not b.node or {a.tdim, b.tdim} != {-2, -1} or not ok:
            raise Refused("a comparison of run-time tensors that is not ids[i] == ids[j]")
        t = tensor_meta(a.node)
        if t.dtype not in INT_DTYPES:
            raise Refused(f"document ids of dtype {t.dtype}")
        pred = DocEq(a.node)
        return Two(pred if n == "eq" else p_not(pred), True, False, bdim)
    if isinstance(a, Ids) and not isinstance(b, (Ids, Two)) and a.tdim == -1:
        if tensor_meta(a.node).dtype not in (*INT_DTYPES, torch.bool):
            raise Refused("a comparison of a run-time tensor that is not integer or bool")
        return Two(KeySel(DataRef(a.node, n, py_value(b))), True, False, a.bdim)
    if isinstance(a, Two) and not isinstance(b, (Two, Ids)):
        op = CMP[n]
        return two(from_cases([(p, bool(op(v, py_value(b)))) for p, v in a.cases()], a.bdim), n)
    if isinstance(a, Two) and isinstance(b, Two):
        return pairwise(CMP[n], a, b, n)
    raise Refused(f"a comparison ({n}) kvcc cannot read as a mask")


def arith(n: str, a: Any, b: Any, dtype: torch.dtype) -> Any:
    """``a <n> b`` for ``n`` in add, sub, mul, div, and, or; the result in ``dtype``."""
    if n in ("and", "or"):
        a, b = as_bool(a), as_bool(b)
        return pairwise(ARITH[n], a, b, n)
    if isinstance(a, Index) or isinstance(b, Index):
        if n in ("add", "sub") and not isinstance(a, (Two, Ids)) and not isinstance(b, (Two, Ids)):
            la, lb = _lin(a), _lin(b)
            return Index(la + (lb.scaled(-1) if n == "sub" else lb))
        k = static_int(b if isinstance(a, Index) else a)
        if n == "mul" and k is not None:
            return Index((a if isinstance(a, Index) else b).lin.scaled(k))
        raise Refused(f"index arithmetic ({n}) kvcc cannot follow")
    a2, b2 = as_two(a, dtype), as_two(b, dtype)

    def fn(x: Any, y: Any) -> Any:
        try:
            return cast_value(ARITH[n](py_value(x), py_value(y)), dtype)
        except (ArithmeticError, ValueError, TypeError):
            raise Refused(f"mask arithmetic {x!r} {n} {y!r}") from None

    return pairwise(fn, a2, b2, n)


def pairwise(fn, a: Two, b: Two, what: str) -> Two:
    """``fn`` applied elementwise to two two-valued tensors."""
    ok, bdim = merge_bdim(a.bdim, b.bdim)
    if not ok:
        raise Refused("mask operands read different batch axes")
    cases = [(p_and(pa, pb), fn(va, vb)) for pa, va in a.cases() for pb, vb in b.cases()]
    return two(from_cases(cases, bdim), what)


def refuse_view(node: Any, what: str):
    raise Refused(f"{what} at {getattr(node, 'name', node)} moves mask coordinates in a way "
                  "kvcc cannot follow")


def two(v: Two | None, what: str) -> Two:
    if v is None:
        raise Refused(f"{what} gives a tensor of more than two values")
    return v


def _lin(x: Any) -> Lin:
    if isinstance(x, Index):
        return x.lin
    if isinstance(x, sympy.Expr) and x.is_integer:
        return Lin(0, 0, x)
    raise Refused(f"index compared with a value that is not an integer: {x!r}")


def py_value(x: Any) -> Any:
    """A constant as a Python value (sympy integers as ints); symbolic values refused."""
    if isinstance(x, sympy.Integer):
        return int(x)
    if isinstance(x, sympy.Expr):
        raise Refused(f"a symbolic mask value {x}")
    return x


def cast_value(v: Any, dtype: torch.dtype) -> Any:
    """A constant element value as a tensor of ``dtype`` holds it."""
    v = py_value(v)
    if v is None:
        raise Refused("a mask value that is not a constant")
    if dtype == torch.bool:
        return bool(v)
    if dtype.is_floating_point:  # rounded as the tensor stores it (-1e5 in float16: -inf)
        return float(torch.tensor(float(v), dtype=dtype))
    try:
        if float(v) == int(v):
            return int(v)
    except (OverflowError, ValueError):
        pass
    raise Refused(f"the fill value {v} in an integer tensor")
