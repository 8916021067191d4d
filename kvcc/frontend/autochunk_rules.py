"""Dim rules: for one FX node and one dimension ``d`` of its output, can the output
sliced along ``d`` be computed from slices of the inputs?

A rule returns, for every tensor input, the input dim to slice (``None``: pass the
input whole, it has no such dim or broadcasts along it), or ``None`` when the op mixes
values along ``d`` (a reduction, a softmax over it, a matmul contracting it, a reshape
splitting it). Rules read static shapes through ``shape_of``. Which op gets which rule:
:mod:`kvcc.frontend.autochunk_ops`.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import torch
from torch.fx import Node

ShapeOf = Callable[[Node], "tuple[int, ...] | None"]
Needs = list[tuple[Node, "int | None"]]
Rule = Callable[[Node, int, ShapeOf], "Needs | None"]


def _arg(node: Node, i: int, name: str, default=None):
    if name in node.kwargs:
        return node.kwargs[name]
    return node.args[i] if len(node.args) > i else default


def _ints(node: Node, i: int, name: str) -> tuple[int, ...] | None:
    """A size or dims argument, given as one sequence (``permute(x, (0, 2, 1))``) or as
    trailing varargs (``x.permute(0, 2, 1)``)."""
    if name in node.kwargs:
        v = node.kwargs[name]
    elif len(node.args) == i + 1:
        v = node.args[i]
    else:
        v = node.args[i:]
    v = (v,) if isinstance(v, int) else v
    if not isinstance(v, (tuple, list)) or not all(isinstance(x, int) for x in v):
        return None
    return tuple(v)


def _tensors(node: Node, shape_of: ShapeOf) -> list[Node]:
    out: list[Node] = []
    torch.fx.node.map_arg((node.args, node.kwargs), lambda n: out.append(n) if shape_of(n) else None)
    return out


def _broadcast(inp: Node, d: int, out_shape: tuple[int, ...], shape_of: ShapeOf) -> int | None:
    """The input dim aligned (from the right) with output dim ``d``; None where it
    broadcasts or is absent."""
    s = shape_of(inp)
    j = d - (len(out_shape) - len(s))
    return None if j < 0 or (s[j] == 1 and out_shape[d] != 1) else j


def pointwise(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    if node.kwargs.get("inplace") or "out" in node.kwargs:
        return None
    out = shape_of(node)
    return [(t, _broadcast(t, d, out, shape_of)) for t in _tensors(node, shape_of)]


def activation(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    # F.relu(x, inplace) / F.silu(x, inplace): in place is a mutation, never in a loop
    return None if _arg(node, 1, "inplace", False) else pointwise(node, d, shape_of)


def dropout(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    # F.dropout(x, p=0.5, training=True); aten.dropout(x, p, train): exact only when off
    p = _arg(node, 1, "p", 0.5)
    train = _arg(node, 2, "training", _arg(node, 2, "train", True))
    return pointwise(node, d, shape_of) if p == 0 or train is False else None


def mixing(dims_of: Callable[[Node, int], set[int] | None], x_i: int = 0, x_name: str = "input"
            ) -> Rule:
    """Ops whose output has the input's shape and mixes values along ``dims_of``
    (normalized dims); other tensor arguments (weights) are passed whole."""
    def rule(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
        x = _arg(node, x_i, x_name)
        if not isinstance(x, Node) or shape_of(x) != shape_of(node):
            return None
        mixed = dims_of(node, len(shape_of(node)))
        if mixed is None or d in mixed:
            return None
        return [(x, d)] + [(t, None) for t in _tensors(node, shape_of) if t is not x]
    return rule


def one_dim(i: int, name: str) -> Callable[[Node, int], set[int] | None]:
    def dims(node: Node, rank: int) -> set[int] | None:
        v = _arg(node, i, name)
        return {v % rank} if isinstance(v, int) else None
    return dims


def fixed_dim(dim: int | None) -> Callable[[Node, int], set[int] | None]:
    return lambda node, rank: None if dim is None else {dim % rank}


def trailing(n_of: Callable[[Node], int | None]) -> Callable[[Node, int], set[int] | None]:
    def dims(node: Node, rank: int) -> set[int] | None:
        n = n_of(node)
        return None if n is None else set(range(rank - n, rank))
    return dims


def shape_len(i: int, name: str) -> Callable[[Node], int | None]:
    def n(node: Node) -> int | None:
        v = _arg(node, i, name)
        return 1 if isinstance(v, int) else len(v) if isinstance(v, (tuple, list)) else None
    return n


def reduce(dim_name: str = "dim") -> Rule:
    """``mean``/``sum``/``amax`` over explicit dims, with or without ``keepdim``."""
    def rule(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
        x, dims = node.args[0], _arg(node, 1, dim_name)
        if not isinstance(x, Node) or shape_of(x) is None:
            return None
        rank = len(shape_of(x))
        dims = (dims,) if isinstance(dims, int) else dims
        if not dims or not all(isinstance(v, int) for v in dims):
            return None  # None or [] reduce over everything
        reduced = {v % rank for v in dims}
        kept = list(range(rank)) if _arg(node, 2, "keepdim", False) else \
            [j for j in range(rank) if j not in reduced]
        return None if kept[d] in reduced else [(x, kept[d])]
    return rule


def _matmul_dims(a: Node, b: Node, d: int, out: tuple[int, ...], shape_of: ShapeOf) -> Needs | None:
    sa, sb = shape_of(a), shape_of(b)
    if len(sa) < 2 or len(sb) < 2:
        return None
    r = len(out)
    if d == r - 2:
        return [(a, len(sa) - 2), (b, None)]
    if d == r - 1:
        return [(a, None), (b, len(sb) - 1)]
    # a batch dim: each operand's batch dims broadcast against the output's
    return [(t, _broadcast(t, d, out, shape_of)) for t in (a, b)]


def matmul(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    a, b = _arg(node, 0, "input"), _arg(node, 1, "other", _arg(node, 1, "mat2"))
    if not (isinstance(a, Node) and isinstance(b, Node) and shape_of(a) and shape_of(b)):
        return None
    return _matmul_dims(a, b, d, shape_of(node), shape_of)


def addmm(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    bias, a, b = node.args[:3]
    if not all(isinstance(t, Node) and shape_of(t) for t in (bias, a, b)):
        return None
    needs = _matmul_dims(a, b, d, shape_of(node), shape_of)
    return None if needs is None else needs + [(bias, _broadcast(bias, d, shape_of(node), shape_of))]


def linear(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    x, w, b = _arg(node, 0, "input"), _arg(node, 1, "weight"), _arg(node, 2, "bias")
    if not isinstance(x, Node) or not isinstance(w, Node):
        return None
    extra = [(b, 0)] if isinstance(b, Node) else []
    if d == len(shape_of(node)) - 1:  # output features: rows of the weight
        return [(x, None), (w, 0)] + extra
    return [(x, d), (w, None)] + [(t, None) for t, _ in extra]


def linear_module(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    """``nn.Linear`` called as a module: its weight is not a graph value, so the
    output features stay whole."""
    x = node.args[0]
    return None if d == len(shape_of(node)) - 1 or not isinstance(x, Node) else [(x, d)]


def sdpa(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    q, k, v = (_arg(node, i, n) for i, n in enumerate(("query", "key", "value")))
    mask = _arg(node, 3, "attn_mask")
    if _arg(node, 4, "dropout_p", 0.0) != 0.0:
        return None
    out, r = shape_of(node), len(shape_of(node))
    if d == r - 2:  # query rows; a causal mask is aligned to row 0, so no
        if _arg(node, 5, "is_causal", False):
            return None
        needs: Needs = [(q, len(shape_of(q)) - 2), (k, None), (v, None)]
    elif d == r - 1:
        needs = [(q, None), (k, None), (v, len(shape_of(v)) - 1)]
    else:
        needs = [(t, _broadcast(t, d, out, shape_of)) for t in (q, k, v)]
        if any(j is not None and shape_of(t)[j] != out[d] for t, j in needs):
            return None  # grouped heads: K/V heads are not the query heads
    if isinstance(mask, Node):
        needs.append((mask, _broadcast(mask, d, out, shape_of) if d < r - 1 else None))
    return needs


def transpose(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    r = len(shape_of(node))
    i, j = _arg(node, 1, "dim0"), _arg(node, 2, "dim1")
    if not isinstance(i, int) or not isinstance(j, int):
        return None
    i, j = i % r, j % r
    return [(node.args[0], j if d == i else i if d == j else d)]


def t(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    r = len(shape_of(node))
    return [(node.args[0], d if r < 2 else 1 - d)]


def permute(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    dims = _ints(node, 1, "dims")
    r = len(shape_of(node))
    return None if dims is None or len(dims) != r else [(node.args[0], dims[d] % r)]


def unsqueeze(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    k = _arg(node, 1, "dim")
    if not isinstance(k, int):
        return None
    k %= len(shape_of(node))
    return None if d == k else [(node.args[0], d if d < k else d - 1)]


def squeeze(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    x, k = node.args[0], _arg(node, 1, "dim")
    s = shape_of(x)
    if not isinstance(k, int):
        return None  # squeezing every size-1 dim: not written out here
    k %= len(s)
    if s[k] != 1:
        return [(x, d)]
    return [(x, d if d < k else d + 1)]


def cat(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    tensors, k = _arg(node, 0, "tensors"), _arg(node, 1, "dim", 0)
    r = len(shape_of(node))
    if not isinstance(k, int) or d == k % r or not isinstance(tensors, (list, tuple)) or \
            not all(isinstance(t, Node) and len(shape_of(t) or ()) == r for t in tensors):
        return None
    return [(t, d) for t in tensors]


def narrow_other(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    """``aten.slice(x, dim, start, end)``: a slice along another dim keeps ``d`` whole."""
    x, k = node.args[0], _arg(node, 1, "dim", 0)
    return None if not isinstance(k, int) or d == k % len(shape_of(x)) else [(x, d)]


def select(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    """``aten.select(x, dim, index)`` drops ``dim``."""
    x, k = node.args[0], _arg(node, 1, "dim")
    if not isinstance(k, int):
        return None
    k %= len(shape_of(x))
    return [(x, d if d < k else d + 1)]


def reshape_source(src: tuple[int, ...], dst: tuple[int, ...], d: int) -> int | None:
    """The dim of ``src`` that reshaping to ``dst`` carries unchanged into dim ``d``:
    equal size and equal element counts before it, so it is neither split nor merged."""
    before = math.prod(dst[:d])
    for j, n in enumerate(src):
        if n == dst[d] and math.prod(src[:j]) == before:
            return j
    return None


def reshape(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    x = node.args[0]
    j = reshape_source(shape_of(x), shape_of(node), d)
    return None if j is None else [(x, j)]


def expand(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    x = node.args[0]
    j = _broadcast(x, d, shape_of(node), shape_of)
    return None if j is None else [(x, j)]


def type_as(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    return [(node.args[0], d), (node.args[1], None)]


def to(node: Node, d: int, shape_of: ShapeOf) -> Needs | None:
    # x.to(dtype) / x.to(device): elementwise; x.to(other) is not written out here
    if len(_tensors(node, shape_of)) != 1:
        return None
    return [(node.args[0], d)]
