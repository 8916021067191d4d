"""Which graph ops AutoChunk knows to leave a dimension unreduced: the table of dim
rules (:mod:`kvcc.frontend.autochunk_rules`).

The table lists ops by identity (the torch function, the aten overload packet, the
method name, the exact ``nn.Module`` class); any op not listed has no rule, and
AutoChunk never puts it inside a loop. Rules read static shapes (``shape_of``).

Known, and unreduced along ``d`` when:
- elementwise ops with broadcasting (arithmetic, activations, ``where``,
  ``masked_fill``, dtype casts, ``clone``; dropout only when it is off): always;
- ``linear``: any dim but the features, or the features when the weight is a
  graph value (it is sliced by rows);
- ``matmul``/``mm``/``bmm``/``addmm``: batch dims, rows of the left operand, columns
  of the right one (never the contracted dim);
- ``softmax``/``log_softmax``: every dim but the normalized one; ``layer_norm``/
  ``rms_norm``: every dim outside ``normalized_shape``; ``mean``/``sum``/``amax``:
  every dim not reduced;
- ``scaled_dot_product_attention`` without dropout: batch and head dims (when K/V
  have the same head count), the value dim, and the query dim unless ``is_causal``;
- views: ``transpose``/``t``/``permute`` (the dim moves), ``unsqueeze``/``squeeze``,
  ``view``/``reshape`` when the dim passes through unsplit and unmerged, ``expand``
  of a dim that is not broadcast, aten ``slice``/``select`` along another dim;
- ``cat`` along another dim.
"""

from __future__ import annotations

import operator

import torch
import torch.nn.functional as F
from torch import nn
from torch.fx import Node

from kvcc.frontend import autochunk_rules as R

_POINTWISE_FUNCTIONS = (
    operator.add, operator.sub, operator.mul, operator.truediv, operator.neg, operator.pow,
    torch.add, torch.sub, torch.mul, torch.div, torch.neg, torch.exp, torch.tanh, torch.sigmoid,
    torch.rsqrt, torch.sqrt, torch.erf, torch.abs, torch.where, torch.relu, torch.maximum,
    torch.minimum, torch.clamp, torch.clone, torch.masked_fill, F.gelu, F.tanh, F.sigmoid,
)
_POINTWISE_METHODS = ("add", "sub", "mul", "div", "neg", "exp", "tanh", "sigmoid", "rsqrt", "sqrt",
                      "pow", "relu", "abs", "erf", "clamp", "masked_fill", "float", "half", "double",
                      "bfloat16", "contiguous", "clone")
_POINTWISE_ATEN = ("add", "sub", "mul", "div", "neg", "exp", "tanh", "sigmoid", "rsqrt", "sqrt",
                   "pow", "relu", "gelu", "silu", "erf", "abs", "where", "masked_fill", "clamp",
                   "maximum", "minimum", "clone", "alias", "detach", "contiguous", "_to_copy")

# call_function targets (torch functions) and aten overload packets, by identity
_FUNCTIONS: dict[object, R.Rule] = {
    **{f: R.pointwise for f in _POINTWISE_FUNCTIONS},
    F.relu: R.activation, F.silu: R.activation, F.dropout: R.dropout,
    F.softmax: R.mixing(R.one_dim(1, "dim")), torch.softmax: R.mixing(R.one_dim(1, "dim")),
    F.log_softmax: R.mixing(R.one_dim(1, "dim")),
    F.layer_norm: R.mixing(R.trailing(R.shape_len(1, "normalized_shape"))),
    torch.layer_norm: R.mixing(R.trailing(R.shape_len(1, "normalized_shape"))),
    F.rms_norm: R.mixing(R.trailing(R.shape_len(1, "normalized_shape"))),
    torch.mean: R.reduce(), torch.sum: R.reduce(), torch.amax: R.reduce(),
    F.linear: R.linear, torch.matmul: R.matmul, operator.matmul: R.matmul, torch.mm: R.matmul,
    torch.bmm: R.matmul, torch.addmm: R.addmm, F.scaled_dot_product_attention: R.sdpa,
    torch.transpose: R.transpose, torch.t: R.t, torch.permute: R.permute,
    torch.unsqueeze: R.unsqueeze, torch.squeeze: R.squeeze, torch.reshape: R.reshape,
    torch.cat: R.cat,
}
_aten = torch.ops.aten
_FUNCTIONS.update({getattr(_aten, n): R.pointwise for n in _POINTWISE_ATEN})
_FUNCTIONS.update({
    _aten.dropout: R.dropout,
    _aten.softmax: R.mixing(R.one_dim(1, "dim"), 0, "self"),
    _aten._softmax: R.mixing(R.one_dim(1, "dim"), 0, "self"),
    _aten.log_softmax: R.mixing(R.one_dim(1, "dim"), 0, "self"),
    _aten._log_softmax: R.mixing(R.one_dim(1, "dim"), 0, "self"),
    _aten.layer_norm: R.mixing(R.trailing(R.shape_len(1, "normalized_shape"))),
    _aten.rms_norm: R.mixing(R.trailing(R.shape_len(1, "normalized_shape"))),
    _aten.mean: R.reduce(), _aten.sum: R.reduce(), _aten.amax: R.reduce(),
    _aten.linear: R.linear, _aten.matmul: R.matmul, _aten.mm: R.matmul, _aten.bmm: R.matmul,
    _aten.addmm: R.addmm, _aten.scaled_dot_product_attention: R.sdpa,
    _aten.transpose: R.transpose, _aten.t: R.t, _aten.permute: R.permute,
    _aten.unsqueeze: R.unsqueeze, _aten.squeeze: R.squeeze, _aten.view: R.reshape,
    _aten._unsafe_view: R.reshape, _aten.reshape: R.reshape, _aten.expand: R.expand,
    _aten.cat: R.cat, _aten.slice: R.narrow_other, _aten.select: R.select,
})

_METHODS: dict[str, R.Rule] = {
    **{m: R.pointwise for m in _POINTWISE_METHODS},
    "softmax": R.mixing(R.one_dim(1, "dim")), "log_softmax": R.mixing(R.one_dim(1, "dim")),
    "mean": R.reduce(), "sum": R.reduce(), "amax": R.reduce(),
    "matmul": R.matmul, "bmm": R.matmul, "mm": R.matmul, "type_as": R.type_as, "to": R.to,
    "transpose": R.transpose, "t": R.t, "permute": R.permute, "unsqueeze": R.unsqueeze,
    "squeeze": R.squeeze, "view": R.reshape, "reshape": R.reshape, "expand": R.expand,
}

# ops whose output is a view: counted as no compute when ranking regions
_VIEWS = {"transpose", "t", "permute", "unsqueeze", "squeeze", "view", "_unsafe_view", "reshape",
          "expand", "contiguous", "alias", "detach", "slice", "select"}
# ops whose size argument holds the chunked extent, rewritten inside a loop body
_SIZED = {"view", "_unsafe_view", "reshape", "expand"}


def _module_rule(mod: nn.Module) -> R.Rule | None:
    kind = type(mod)  # exact class: a subclass may compute something else
    if kind is nn.Linear:
        return R.linear_module
    if kind in (nn.GELU, nn.ReLU, nn.SiLU, nn.Tanh, nn.Sigmoid, nn.Identity):
        return None if getattr(mod, "inplace", False) else R.pointwise
    if kind is nn.Dropout:
        return R.pointwise if (mod.p == 0 or not mod.training) and not mod.inplace else None
    if kind is nn.Softmax:
        return R.mixing(R.fixed_dim(mod.dim))
    if kind in (nn.LayerNorm, nn.RMSNorm):
        n = len(mod.normalized_shape)
        return R.mixing(R.trailing(lambda node: n))
    return None


def _name(node: Node) -> str:
    if node.op == "call_method":
        return str(node.target)
    t = node.target
    t = getattr(t, "overloadpacket", t)
    return getattr(t, "__name__", "")


def rule_for(node: Node, root: nn.Module) -> R.Rule | None:
    """The dim rule of ``node``, or None when AutoChunk does not know its op."""
    if node.op == "call_function":
        t = node.target
        return _FUNCTIONS.get(getattr(t, "overloadpacket", t))
    if node.op == "call_method":
        return _METHODS.get(str(node.target))
    if node.op == "call_module":
        return _module_rule(root.get_submodule(str(node.target)))
    return None


def is_view(node: Node) -> bool:
    """True for shape-only ops (not counted as compute)."""
    return node.op in ("call_function", "call_method") and _name(node) in _VIEWS


def sized_args(node: Node, out_shape: tuple[int, ...], d: int) -> tuple[tuple, dict]:
    """``node``'s arguments for a loop body where output dim ``d`` is a slice of
    unknown length: a view/reshape/expand size is written with ``-1`` there."""
    if node.op not in ("call_function", "call_method") or _name(node) not in _SIZED:
        return node.args, dict(node.kwargs)
    size = [-1 if i == d else n for i, n in enumerate(out_shape)]
    kwargs = {k: v for k, v in node.kwargs.items() if k not in ("size", "shape")}
    if hasattr(node.target, "overloadpacket"):  # aten: (self, size, ...)
        return (node.args[0], size) + tuple(node.args[2:]), kwargs
    return (node.args[0], tuple(size)), kwargs
