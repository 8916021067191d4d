"""Reading the nodes of a Dynamo FX graph: one name per operation, arguments by name,
shapes and scalars as sympy.

A Dynamo graph spells one operation many ways (``q @ k``, ``torch.matmul(q, k)``,
``q.matmul(k)``); :func:`bind` maps each spelling the attention patterns read to one
canonical name with its arguments by parameter name, so a pattern is written once.
Sizes come from the nodes' fake example values: ints, or sympy expressions over the
graph's size symbols. Comparisons of sizes are proved from those expressions alone
(:func:`known_eq`, :func:`known_ge`), never by evaluating a symbolic size, so
reading a graph installs no guard and adds no recompilation.
"""

from __future__ import annotations

import builtins
import math
import operator
from dataclasses import dataclass
from typing import Any

import sympy
import torch
import torch.nn.functional as F
from torch.fx import Node

_FUNCTIONS: dict[Any, str] = {
    operator.matmul: "matmul", torch.matmul: "matmul", torch.bmm: "matmul",
    torch.softmax: "softmax", F.softmax: "softmax", torch.special.softmax: "softmax",
    operator.truediv: "div", torch.div: "div", torch.true_divide: "div",
    operator.mul: "mul", torch.mul: "mul", operator.add: "add", torch.add: "add",
    operator.sub: "sub", torch.sub: "sub", operator.neg: "neg", torch.neg: "neg",
    torch.rsub: "rsub",
    operator.getitem: "getitem", torch.transpose: "transpose", torch.permute: "permute",
    torch.unsqueeze: "unsqueeze", torch.squeeze: "squeeze", torch.reshape: "reshape",
    torch.masked_fill: "masked_fill", torch.where: "where", torch.tril: "tril",
    torch.triu: "triu", torch.full: "full", torch.ones: "ones", torch.zeros: "zeros",
    torch.full_like: "full_like", torch.ones_like: "ones_like", torch.zeros_like: "zeros_like",
    torch.arange: "arange", torch.tensor: "tensor", torch.scalar_tensor: "tensor",
    operator.ge: "ge", torch.ge: "ge", operator.gt: "gt", torch.gt: "gt",
    operator.le: "le", torch.le: "le", operator.lt: "lt", torch.lt: "lt",
    operator.eq: "eq", torch.eq: "eq", operator.ne: "ne", torch.ne: "ne",
    operator.invert: "not", torch.logical_not: "not", torch.bitwise_not: "not",
    operator.and_: "and", torch.logical_and: "and", torch.bitwise_and: "and",
    operator.or_: "or", torch.logical_or: "or", torch.bitwise_or: "or",
    torch.repeat_interleave: "repeat_interleave", torch.tanh: "tanh",
    F.dropout: "dropout", torch.dropout: "dropout",
    F.scaled_dot_product_attention: "sdpa", torch.einsum: "einsum",
}

_METHODS: dict[str, str] = {
    "matmul": "matmul", "bmm": "matmul", "softmax": "softmax", "div": "div",
    "true_divide": "div", "mul": "mul", "add": "add", "sub": "sub", "neg": "neg",
    "transpose": "transpose", "permute": "permute", "unsqueeze": "unsqueeze",
    "squeeze": "squeeze", "reshape": "reshape", "view": "reshape", "expand": "expand",
    "contiguous": "identity", "clone": "identity", "detach": "identity",
    "masked_fill": "masked_fill", "tril": "tril", "triu": "triu",
    "ge": "ge", "gt": "gt", "le": "le", "lt": "lt", "eq": "eq", "ne": "ne",
    "logical_not": "not", "bitwise_not": "not", "logical_and": "and", "bitwise_and": "and",
    "logical_or": "or", "bitwise_or": "or", "repeat_interleave": "repeat_interleave",
    "tanh": "tanh", "to": "cast", "float": "cast", "half": "cast", "bfloat16": "cast",
    "double": "cast", "type_as": "cast", "type": "cast", "bool": "cast", "int": "cast",
    "long": "cast", "new_ones": "new_ones", "new_zeros": "new_zeros", "new_full": "new_full",
}

# Parameter names by canonical name ("*": the rest of the positional arguments, or one
# sequence given in their place); per-target overrides where signatures differ.
_PARAMS: dict[str, tuple[str, ...]] = {
    "matmul": ("input", "other"), "softmax": ("input", "dim", "dtype"),
    "div": ("input", "other", "rounding_mode"), "mul": ("input", "other"),
    "add": ("input", "other", "alpha"), "sub": ("input", "other", "alpha"),
    "rsub": ("input", "other", "alpha"), "neg": ("input",),
    "getitem": ("input", "index"), "transpose": ("input", "dim0", "dim1"),
    "permute": ("input", "*dims"), "unsqueeze": ("input", "dim"), "squeeze": ("input", "dim"),
    "reshape": ("input", "*shape"), "expand": ("input", "*size"), "identity": ("input",),
    "masked_fill": ("input", "mask", "value"), "where": ("condition", "input", "other"),
    "tril": ("input", "diagonal"), "triu": ("input", "diagonal"),
    "full": ("size", "fill_value"), "ones": ("*size",), "zeros": ("*size",),
    "full_like": ("input", "fill_value"), "ones_like": ("input",), "zeros_like": ("input",),
    "arange": ("*range",), "tensor": ("data",), "new_ones": ("input", "size"),
    "new_zeros": ("input", "size"), "new_full": ("input", "size", "fill_value"),
    **{c: ("input", "other") for c in ("ge", "gt", "le", "lt", "eq", "ne", "and", "or")},
    "not": ("input",), "repeat_interleave": ("input", "repeats", "dim"),
    "tanh": ("input",), "dropout": ("input", "p", "training"), "cast": ("input", "*args"),
    "sdpa": ("query", "key", "value", "attn_mask", "dropout_p", "is_causal", "scale",
             "enable_gqa"),
    "einsum": ("equation", "*operands"),
    "mT": ("input",),
}
_OVERRIDES: dict[Any, tuple[str, ...]] = {
    F.softmax: ("input", "dim", "_stacklevel", "dtype"),
    torch.dropout: ("input", "p", "train"),
}
_DEFAULTS: dict[str, dict[str, Any]] = {
    "softmax": {"dtype": None}, "div": {"rounding_mode": None},
    "add": {"alpha": 1}, "sub": {"alpha": 1}, "rsub": {"alpha": 1},
    "tril": {"diagonal": 0}, "triu": {"diagonal": 0}, "squeeze": {"dim": None},
    "repeat_interleave": {"dim": None}, "dropout": {"p": 0.5, "training": True},
    "sdpa": {"attn_mask": None, "dropout_p": 0.0, "is_causal": False, "scale": None,
             "enable_gqa": False},
}


@dataclass(frozen=True)
class Call:
    """A node read as one canonical operation: ``name`` and arguments by parameter."""

    name: str
    args: dict[str, Any]
    node: Node

    def get(self, key: str, default: Any = None) -> Any:
        return self.args.get(key, default)


def bind(node: object) -> Call | None:
    """The canonical operation of ``node``, or None for anything the patterns do not read."""
    if not isinstance(node, Node):
        return None
    if node.op == "call_function":
        if node.target is builtins.getattr and node.args[1] in ("mT", "mH"):
            return Call("mT", {"input": node.args[0]}, node)
        name = _FUNCTIONS.get(node.target)
        params = _OVERRIDES.get(node.target) or _PARAMS.get(name or "")
    elif node.op == "call_method":
        name = _METHODS.get(str(node.target))
        params = _PARAMS.get(name or "")
    else:
        return None
    if name is None or params is None:
        return None
    args: dict[str, Any] = dict(_DEFAULTS.get(name, {}))
    pos = list(node.args)
    for i, p in enumerate(params):
        if p.startswith("*"):
            rest = pos[i:]
            if len(rest) == 1 and isinstance(rest[0], (tuple, list)):
                rest = list(rest[0])
            args[p[1:]] = tuple(rest)
            pos = []
            break
        if i < len(pos):
            args[p] = pos[i]
    else:
        if len(pos) > len(params):
            return None
    for key, value in node.kwargs.items():
        args[key] = value
    if "train" in args:
        args["training"] = args.pop("train")
    return Call(name, args, node)


# ---------------------------------------------------------------- values and sizes


def meta(node: object) -> Any:
    """The fake example value Dynamo recorded for ``node`` (None when there is none)."""
    if isinstance(node, Node):
        return node.meta.get("example_value", node.meta.get("val"))
    return None


def tensor_meta(node: object) -> torch.Tensor | None:
    v = meta(node)
    return v if isinstance(v, torch.Tensor) else None


def sym(x: object) -> sympy.Expr | None:
    """An integer size or scalar as sympy: ints, SymInts, and nodes that produce them."""
    if isinstance(x, Node):
        x = meta(x)
    if isinstance(x, bool):
        return None
    if isinstance(x, int):
        return sympy.Integer(x)
    if isinstance(x, torch.SymInt):
        return x.node.expr
    return None


def shape(node: object) -> tuple[sympy.Expr, ...] | None:
    t = tensor_meta(node)
    if t is None:
        return None
    return tuple(sym(d) for d in t.shape)  # type: ignore[misc]


def number(x: object) -> float | None:
    """A constant Python number (bools excluded); None for anything symbolic or unknown."""
    if isinstance(x, Node):
        x = meta(x)
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return None
    return float(x)


def static_int(e: sympy.Expr | None) -> int | None:
    return int(e) if isinstance(e, sympy.Integer) else None


def known_eq(a: sympy.Expr | None, b: sympy.Expr | None) -> bool:
    """True when the two sizes are equal for every value of the symbols."""
    return a is not None and b is not None and sympy.expand(a - b) == 0


def known_ge(a: sympy.Expr | None, b: sympy.Expr | None) -> bool:
    """True when ``a >= b`` for every value of the (positive integer) size symbols."""
    if a is None or b is None:
        return False
    d = sympy.expand(a - b)
    return bool(d.is_nonnegative) or (d.is_number and d >= 0)


def is_one(e: sympy.Expr | None) -> bool:
    return known_eq(e, sympy.Integer(1))


def norm_dim(d: object, ndim: int) -> int | None:
    """A dimension argument as a negative index, or None when it is not a constant int."""
    if isinstance(d, bool) or not isinstance(d, int) or not -ndim <= d < ndim:
        return None
    return d - ndim if d >= 0 else d


# ---------------------------------------------------------------- mutation

_INPLACE_FUNCTIONS = {operator.iadd, operator.isub, operator.imul, operator.itruediv,
                      operator.iand, operator.ior, operator.setitem}


def writes(node: Node) -> bool:
    """True when ``node`` writes a tensor in place (``x.add_(1)``, ``x[i] = y``, ``out=``)."""
    if "out" in node.kwargs:
        return True
    if node.op == "call_method":
        t = str(node.target)
        return t.endswith("_") and not t.startswith("__")
    return node.op == "call_function" and node.target in _INPLACE_FUNCTIONS


def mutated(node: Node) -> bool:
    """True when some user writes to ``node``'s tensor in place (the value a pattern
    reads from the node is then not the value later users see)."""
    for u in node.users:
        first = u.args[0] if u.args else None
        if u.kwargs.get("out") is node:
            return True
        if first is not node:
            continue
        if u.op == "call_method" and str(u.target).endswith("_") and not str(u.target).startswith("__"):
            return True
        if u.op == "call_function" and u.target in _INPLACE_FUNCTIONS:
            return True
    return False


def dtype_only(user: Node, node: Node) -> bool:
    """True when ``user`` reads nothing of ``node`` but its dtype (``x.type_as(node)``,
    ``x.to(node)``)."""
    c = bind(user)
    return (c is not None and c.name == "cast" and c.get("input") is not node
            and node not in user.kwargs.values())


def value_users(node: Node) -> list[Node]:
    """The users of ``node`` that read its values (not only its dtype)."""
    return [u for u in node.users if not dtype_only(u, node)]


def finite_or_inf(x: float) -> str:
    """A float for a one-line message (``-inf`` rather than ``-inf.0``)."""
    return "-inf" if x == -math.inf else f"{x:g}"
