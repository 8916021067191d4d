"""Read a mask tensor of a model graph as a kvcc mask.

:class:`MaskReader` evaluates the nodes that build a mask abstractly (the values of
:mod:`kvcc.frontend.fx_mask_values`): from sizes, ``arange``, ``full``/``ones``,
``tril``/``triu``, comparisons, ``&``/``|``/``~``, ``masked_fill``/``where``, casts,
arithmetic with scalars and view-like operations. :func:`to_kvcc` turns the result into
the mask algebra: bands of ``j - i`` become ``causal`` and ``sliding_window`` (either
alignment), key-index bounds ``sinks``, ``ids[i] == ids[j]`` a ``document`` over
run-time ids, and a run-time boolean ``[B, S]`` key mask a ``page_select`` of page size
1. Anything else is refused with a one-line reason (and the attention stays as written).
"""

from __future__ import annotations

from typing import Any

import sympy
import torch
from torch.fx import Node

from kvcc.frontend.fx_mask_kvcc import pred_to_mask
from kvcc.frontend.fx_mask_ops import (
    ARITH,
    CMP,
    EXACT_INDEX,
    INT_DTYPES,
    arith,
    as_bool,
    as_two,
    cast,
    cast_value,
    compare,
    refuse_view,
    scalar_of,
    two,
)
from kvcc.frontend.fx_mask_values import (
    FALSE,
    TRUE,
    DataRef,
    Ids,
    Index,
    Le,
    Lin,
    MaskRefused,
    Two,
    from_cases,
    merge_bdim,
    p_and,
    p_not,
)
from kvcc.frontend.fx_nodes import bind, is_one, known_eq, mutated, shape, static_int, sym, tensor_meta
from kvcc.frontend.fx_views import VIEW_OPS, advanced_index, apply_view, pin
from kvcc.ir.mask import Mask

Refused = MaskRefused

# A fill at or below this hides a key: exp(-1e4) is 0 in float32, so the key's weight is
# exactly 0 unless its row's visible scores lie 1e4 apart.
NEG_LIMIT = -1e4


class MaskReader:
    """Evaluates mask-building nodes (memoized per graph)."""

    def __init__(self) -> None:
        self._memo: dict[Node, Any] = {}

    def value(self, node: Any) -> Any:
        """The abstract value of a tensor node; raises :class:`Refused`."""
        if not isinstance(node, Node):
            raise Refused(f"expected a tensor, got {node!r}")
        if node not in self._memo:
            self._memo[node] = self._eval(node)
        return self._memo[node]

    def constant(self, x: Any) -> float | None:
        """``x`` as a constant number: a Python scalar, or a tensor node of one value
        (``torch.tensor(-inf)``, a full tensor); None otherwise."""
        if not isinstance(x, Node) or tensor_meta(x) is None:
            v = scalar_of(x)
            return None if v is None or isinstance(v, sympy.Expr) and not v.is_Integer else float(v)
        try:
            v = self.value(x)
        except Refused:
            return None
        return float(v.a) if isinstance(v, Two) and v.pred == TRUE else None

    def _operand(self, x: Any) -> Any:
        if isinstance(x, Node) and tensor_meta(x) is not None:
            return pin(self.value(x), shape(x)) or refuse_view(x, "broadcast")
        s = scalar_of(x)
        if s is None:
            raise Refused(f"mask operand {x!r} is not a constant")
        return s

    def _eval(self, node: Node) -> Any:
        t = tensor_meta(node)
        if t is None:
            raise Refused(f"{node.name} is not a tensor")
        if mutated(node):
            raise Refused(f"{node.name} is changed in place")
        c = bind(node)
        out_dtype = t.dtype
        if c is None or c.name in ("sdpa", "matmul", "softmax", "einsum", "repeat_interleave",
                                   "tanh", "dropout"):
            return self._data(node)
        n = c.name
        if n == "arange":
            if out_dtype not in EXACT_INDEX:
                raise Refused(f"arange in {out_dtype}, which does not hold every index exactly")
            r = c.get("range", ())
            if len(r) == 3 and static_int(sym(r[2])) != 1:
                raise Refused("arange with a step other than 1")
            start = sym(r[0]) if len(r) >= 2 else sympy.Integer(0)
            if start is None:
                raise Refused("arange with a start that is not an integer")
            return Index(Lin(0, 1, start))
        if n in ("full", "ones", "zeros", "full_like", "ones_like", "zeros_like", "tensor",
                 "new_full", "new_ones", "new_zeros"):
            v = {"ones": 1, "zeros": 0, "ones_like": 1, "zeros_like": 0, "new_ones": 1,
                 "new_zeros": 0}.get(n)
            if v is None:
                v = scalar_of(c.get("data" if n == "tensor" else "fill_value"))
                if v is None:
                    raise Refused(f"{n} with a fill value that is not a constant")
            return Two.const(cast_value(v, out_dtype))
        if n in ("tril", "triu"):
            x = self._operand(c.get("input"))
            d = sym(c.get("diagonal"))
            if not isinstance(x, Two) or d is None:
                raise Refused(f"{n} of a tensor that is not a constant or a mask")
            zero = cast_value(0, out_dtype)
            # tril keeps j - i <= d, triu keeps j - i >= d
            keep = Le(Lin(-1, 1, -d)) if n == "tril" else Le(Lin(1, -1, d))
            cases = [(p_and(p, keep), v) for p, v in x.cases()] + [(p_not(keep), zero)]
            return two(from_cases(cases, x.bdim), n)
        if n == "getitem" and _tensor_index(c.get("index")):
            src, idx = c.get("input"), c.get("index")
            idx = [self.value(x) for x in (idx if isinstance(idx, tuple) else (idx,))]
            return advanced_index(self.value(src), idx, shape(src)) or refuse_view(node, n)
        if n in VIEW_OPS:
            src = c.get("input")
            v = self.value(src)
            return apply_view(v, c, shape(src), shape(node)) or refuse_view(node, n)
        if n == "cast":
            return cast(self.value(c.get("input")), c.get("input"), out_dtype)
        if n == "not":
            x = as_bool(self._operand(c.get("input")))
            return Two(x.pred, not x.a, not x.b, x.bdim)
        if n in CMP:
            return compare(n, self._operand(c.get("input")), self._operand(c.get("other")))
        if n == "neg":
            return arith("mul", self._operand(c.get("input")), sympy.Integer(-1), out_dtype)
        if n in ARITH or n == "rsub":
            if c.get("alpha", 1) != 1 or c.get("rounding_mode") is not None:
                raise Refused(f"{n} with alpha or a rounding mode")
            a, b = self._operand(c.get("input")), self._operand(c.get("other"))
            return arith("sub", b, a, out_dtype) if n == "rsub" else arith(n, a, b, out_dtype)
        if n in ("masked_fill", "where"):
            if n == "masked_fill":
                cond, yes, no = c.get("mask"), c.get("value"), c.get("input")
            else:
                cond, yes, no = c.get("condition"), c.get("input"), c.get("other")
            m = as_bool(self._operand(cond))
            y, z = (as_two(self._operand(x), out_dtype) for x in (yes, no))
            ok, bdim = merge_bdim(m.bdim, y.bdim, z.bdim)
            if not ok:
                raise Refused("mask operands read different batch axes")
            cases = [(p_and(pm, py), vy) for pm, mv in m.cases() if mv for py, vy in y.cases()]
            cases += [(p_and(pm, pz), vz) for pm, mv in m.cases() if not mv for pz, vz in z.cases()]
            return two(from_cases(cases, bdim), n)
        return self._data(node)

    def _data(self, node: Node) -> Ids:
        t = tensor_meta(node)
        if t is None or t.dim() not in (1, 2) or t.dtype not in (*INT_DTYPES, torch.bool):
            if node.op == "placeholder":
                raise Refused(f"{node.name} is an input of the graph (an argument or a module "
                              "buffer): kvcc cannot read its values as a mask")
            raise Refused(f"{node.name} ({node.op} {getattr(node.target, '__name__', node.target)}) "
                          "is a tensor kvcc cannot read as a mask")
        return Ids(node, -1, -2 if t.dim() == 2 else None)


def _tensor_index(index: Any) -> bool:
    """An index of tensors only (advanced indexing, ``mask[batch_idx, kv_idx]``)."""
    idx = index if isinstance(index, tuple) else (index,)
    return all(tensor_meta(x) is not None for x in idx)


# ---------------------------------------------------------------- into the mask algebra


def to_kvcc(reader: MaskReader, node: Node, scores: tuple, how: str, limit: float = NEG_LIMIT,
            data: dict[str, DataRef] | None = None) -> tuple[Mask, dict[str, DataRef]]:
    """The kvcc mask of mask tensor ``node`` applied to scores of shape ``scores``:
    ``how="bool"`` (True attends), ``"additive"`` (added to the scores, a value at most
    ``limit`` hiding a key) or ``"fill"`` (True hides: ``masked_fill``). Run-time tensors
    are added to ``data`` by name. Raises :class:`Refused`."""
    ms = shape(node)
    if ms is None or len(ms) > len(scores) or not all(
            is_one(a) or known_eq(a, b) for a, b in zip(reversed(ms), reversed(scores))):
        raise Refused(f"mask {node.name} of shape {ms} does not broadcast exactly to the "
                      f"scores {scores}")
    v = pin(reader.value(node), ms)
    if isinstance(v, Ids):
        v = as_bool(v)
    if not isinstance(v, Two):
        raise Refused(f"mask {node.name} is an index tensor, not a mask")
    if v.bdim is not None and (len(scores) != 4 or v.bdim != -4):
        raise Refused(f"mask {node.name} reads a run-time tensor over a dim other than the "
                      "batch: kvcc cannot read it as a mask (it reads document ids and [B, S] "
                      "key masks)")
    if how == "additive":
        a, b = (float(x) for x in (v.a, v.b))
        if a == 0 and b == 0:
            pred = TRUE
        elif a == 0 and b <= limit:
            pred = v.pred
        elif b == 0 and a <= limit:
            pred = p_not(v.pred)
        else:
            raise Refused(f"additive mask {node.name} takes values {v.a} and {v.b}, not 0 and "
                          f"-inf (or at most {limit:g})")
    else:
        if v.a == v.b:
            pred = TRUE if bool(v.a) else FALSE
        else:
            pred = v.pred if bool(v.a) else p_not(v.pred)
        if how == "fill":
            pred = p_not(pred)
    rows, cols = scores[-2], scores[-1]
    return pred_to_mask(pred, rows, cols, data)
