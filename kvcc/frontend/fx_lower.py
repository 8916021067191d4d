"""Lower the attention regions of a Dynamo FX graph to kvcc.

:func:`lower_graph` finds every ``F.scaled_dot_product_attention`` call
(:mod:`kvcc.frontend.fx_sdpa`) and every attention written out as matmul, softmax,
matmul (:mod:`kvcc.frontend.fx_matmul`), and replaces each region it reads exactly by
one ``torch.ops.kvcc.attention_call`` node: the opaque op ``kvcc.attention`` traces
to, so the graph stays traceable (AOT autograd, Inductor, export) and symbolic sizes
pass through. The mask goes in as text of kvcc's mask algebra, its run-time tensors
(document ids, key masks) as graph values. A region read only in part stays as
written, with a one-line reason in the report: never a different answer.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass, field

import torch
from torch.fx import Graph, GraphModule, Node

from kvcc.frontend.attention_call import mask_data_arg
from kvcc.frontend.fx_mask_values import DataRef
from kvcc.frontend.fx_masks import MaskReader
from kvcc.frontend.fx_matmul import match_softmax
from kvcc.frontend.fx_nodes import bind, meta, mutated
from kvcc.frontend.fx_region import NotLowered, Region, check_region
from kvcc.frontend.fx_sdpa import match_sdpa
from kvcc.ir.mask import data_refs, rename_refs
from kvcc.ir.syntax import print_mask

_COMPARE = {"ne": torch.ne, "eq": torch.eq, "gt": torch.gt, "ge": torch.ge, "lt": torch.lt,
            "le": torch.le}


@dataclass(frozen=True)
class Lowered:
    """One region now computed by kvcc: its kind and mask text."""

    node: str
    kind: str
    mask: str


@dataclass(frozen=True)
class Fallback:
    """One attention region left as written, and why."""

    node: str
    kind: str
    reason: str


@dataclass
class LoweringReport:
    """What :func:`lower_graph` did to a graph."""

    lowered: list[Lowered] = field(default_factory=list)
    fallbacks: list[Fallback] = field(default_factory=list)


def attention_op():
    """``torch.ops.kvcc.attention_call.default`` (registered when kvcc is imported)."""
    try:
        return torch.ops.kvcc.attention_call.default
    except (AttributeError, RuntimeError):
        raise RuntimeError("torch.ops.kvcc.attention_call is not registered: import kvcc "
                           "before compiling") from None


def lower_graph(gm: GraphModule, *, backend: str = "auto", pipeline: str = "simplify-masks"
                ) -> LoweringReport:
    """Rewrite ``gm`` in place: each attention region kvcc reads exactly becomes a kvcc
    call with ``backend`` and ``pipeline``; returns what was lowered and what was not."""
    report = LoweringReport()
    reader = MaskReader()
    graph = gm.graph
    replaced: list[Node] = []
    for node in list(graph.nodes):
        c = bind(node)
        if c is None or c.name not in ("sdpa", "softmax"):
            continue
        kind = "sdpa" if c.name == "sdpa" else "matmul-softmax"
        try:
            region = match_sdpa(c, reader) if c.name == "sdpa" else match_softmax(c, reader)
            if region is None:
                continue
            check_region(region)
        except NotLowered as e:
            report.fallbacks.append(Fallback(node.name, kind, str(e)))
            continue
        except Exception as e:  # a graph the patterns misread stays as written
            report.fallbacks.append(Fallback(node.name, kind, f"kvcc could not read this region "
                                             f"({type(e).__name__}: {e})"))
            continue
        text = _rewrite(graph, region, backend, pipeline)
        replaced.append(region.out)
        report.lowered.append(Lowered(region.out.name, kind, text))
    if replaced:
        _sweep(graph, replaced)
        graph.lint()
        gm.recompile()
    return report


def _rewrite(graph: Graph, r: Region, backend: str, pipeline: str) -> str:
    refs = data_refs(r.mask)
    canon = {name: f"mask{i}" for i, name in enumerate(refs)}
    mask = rename_refs(r.mask, canon, keep_data=False)
    text = print_mask(mask)
    out_meta = meta(r.out)
    with graph.inserting_before(r.out):
        q, k, v = r.q, r.k, r.v
        if r.rank3:
            q, k, v = (_node(graph, "call_method", "unsqueeze", (x, 1), _fake(x, 1)) for x in (q, k, v))
        data = [_materialize(graph, r.data[name]) for name in refs]
        call = graph.call_function(attention_op(), (q, k, v, text, mask_data_arg(data, q),
                                                    r.scale, r.softcap, False, backend, pipeline))
        o = graph.call_function(operator.getitem, (call, 0))
        if r.rank3:
            o = graph.call_method("squeeze", (o, 1))
        q_meta = meta(r.q)
        if out_meta is not None and q_meta is not None and out_meta.dtype != q_meta.dtype:
            o = graph.call_method("to", (o, out_meta.dtype))
    o.meta["example_value"] = out_meta
    r.out.replace_all_uses_with(o)
    for user, node in r.dtype_users:  # x.type_as(scores) -> x.to(scores' dtype)
        user.op, user.target = "call_method", "to"
        user.args, user.kwargs = (user.args[0], meta(node).dtype), {}
    return text


def _fake(x: Node, dim: int):
    t = meta(x)
    return None if t is None else t.unsqueeze(dim)


def _node(graph: Graph, op: str, target, args: tuple, value) -> Node:
    n = graph.create_node(op, target, args)
    if value is not None:
        n.meta["example_value"] = value
    return n


def _materialize(graph: Graph, ref: DataRef) -> Node:
    if ref.op is None:
        return ref.node
    return graph.call_function(_COMPARE[ref.op], (ref.node, ref.other))


def _pure(n: Node) -> bool:
    if n.op not in ("call_function", "call_method") or n.is_impure() or mutated(n):
        return False
    return not (n.op == "call_method" and str(n.target).endswith("_"))


def _sweep(graph: Graph, roots: list[Node]) -> None:
    """Erase the replaced regions and whatever only they used (mask building)."""
    todo, erased = list(roots), set()
    while todo:
        n = todo.pop()
        if n in erased or n.users or not _pure(n):
            continue
        inputs = list(n.all_input_nodes)
        graph.erase_node(n)
        erased.add(n)
        todo.extend(inputs)
