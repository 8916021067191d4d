"""AutoChunk's rewrite: a graph region replaced by a loop over slices of one dimension.

:class:`ChunkLoop` is the module the rewritten graph calls; :func:`apply_region`
builds it from a :class:`Region` and returns a new ``GraphModule`` (the input one is
left as it was). The new module shares the original's submodules and parameters.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass

import torch
from torch import nn
from torch.fx import Graph, GraphModule, Node

from kvcc.frontend.autochunk_ops import sized_args


@dataclass(frozen=True)
class Region:
    """Nodes computed together over slices of one dimension.

    ``dims``: each region node's chunked output dim, in graph order. ``inputs``: the
    values it reads from outside, each with the dim to slice (None: read whole).
    ``outputs``: region nodes read after it. ``extent``: the chunked dims' size.
    """

    dims: tuple[tuple[Node, int], ...]
    inputs: tuple[tuple[Node, int | None], ...]
    outputs: tuple[Node, ...]
    extent: int

    @property
    def nodes(self) -> tuple[Node, ...]:
        return tuple(n for n, _ in self.dims)

    def describe(self) -> str:
        names = [n.name for n in self.nodes]
        span = names[0] if len(names) == 1 else f"{names[0]} .. {names[-1]} ({len(names)} nodes)"
        return f"{span} along dim {self.dims[-1][1]} of '{names[-1]}' (extent {self.extent})"


class ChunkLoop(nn.Module):
    """Runs ``body`` on slices ``[start, start + chunk)`` of its inputs' ``in_dims``
    (inputs with dim None are passed whole) and writes each result into slice
    ``start`` of an output of the full ``extent`` along ``out_dims``: the outputs
    equal one call on whole inputs when ``body`` computes each slice independently.
    """

    def __init__(self, body: GraphModule, in_dims: tuple[int | None, ...],
                 out_dims: tuple[int, ...], extent: int, chunk: int) -> None:
        super().__init__()
        # Kept out of the module tree: the body calls the parent graph's own modules,
        # so their parameters stay registered once, under their original names.
        self._body = (body,)
        self.in_dims, self.out_dims, self.extent, self.chunk = in_dims, out_dims, extent, chunk

    @property
    def body(self) -> GraphModule:
        return self._body[0]

    def slices(self, inputs: tuple, start: int, n: int) -> list:
        return [x if d is None else x.narrow(d, start, n) for x, d in zip(inputs, self.in_dims)]

    def forward(self, *inputs):
        outs: list[torch.Tensor] = []
        for start in range(0, self.extent, self.chunk):
            n = min(self.chunk, self.extent - start)
            part = self.body(*self.slices(inputs, start, n))
            if not outs:  # shapes and dtypes from the first slice
                outs = [r.new_empty(r.shape[:d] + (self.extent,) + r.shape[d + 1:])
                        for r, d in zip(part, self.out_dims)]
            self._write(outs, part, start, n)
            part = None  # free this slice's results before the next one is computed
        return tuple(outs)

    def _write(self, outs: list[torch.Tensor], part: tuple, start: int, n: int) -> None:
        for o, r, d in zip(outs, part, self.out_dims):
            o.narrow(d, start, n).copy_(r)

    def extra_repr(self) -> str:
        return (f"extent={self.extent}, chunk={self.chunk}, in_dims={self.in_dims}, "
                f"out_dims={self.out_dims}\n" + self.body.code.strip())


def copy_graph_module(gm: GraphModule) -> tuple[GraphModule, dict[Node, Node]]:
    """A new GraphModule over a copy of ``gm``'s graph, sharing its submodules and
    parameters; also the map from ``gm``'s nodes to the copy's."""
    graph = Graph(tracer_cls=gm.graph._tracer_cls)
    val_map: dict[Node, Node] = {}
    out, old_output = graph.graph_copy(gm.graph, val_map, return_output_node=True)
    graph.output(out, type_expr=getattr(old_output, "type", None))
    graph._codegen = gm.graph._codegen  # the calling convention (pytree specs of an export)
    new = GraphModule(gm, graph, class_name=type(gm).__name__)
    # GraphModule keeps only what the graph names; modules that only loop bodies call
    # stay registered too, so parameters and state_dict keys remain the original ones
    for name, child in gm.named_children():
        if not hasattr(new, name):
            new.add_submodule(name, child)
    for name, p in gm.named_parameters(recurse=False):
        if not hasattr(new, name):
            new.register_parameter(name, p)
    for name, b in gm.named_buffers(recurse=False):
        if not hasattr(new, name):
            new.register_buffer(name, b)
    return new, val_map


def _body(gm: GraphModule, region: Region, shape_of) -> GraphModule:
    graph = Graph()
    env: dict[Node, Node] = {}
    for n, _ in region.inputs:
        env[n] = graph.placeholder(n.name)
    for n, d in region.dims:
        args, kwargs = sized_args(n, shape_of(n), d)
        env[n] = graph.create_node(n.op, n.target, torch.fx.node.map_arg(args, env.__getitem__),
                                   torch.fx.node.map_arg(kwargs, env.__getitem__), name=n.name)
    graph.output(tuple(env[o] for o in region.outputs))
    return GraphModule(gm, graph, class_name="ChunkBody")


def apply_region(gm: GraphModule, region: Region, chunk: int, shape_of
                 ) -> tuple[GraphModule, list[str]]:
    """``gm`` with ``region`` computed by a :class:`ChunkLoop` of ``chunk`` slices;
    also the names of the nodes that now compute it (the loop and its results)."""
    if not 1 <= chunk <= region.extent:
        raise ValueError(f"chunk must be in [1, {region.extent}], got {chunk}")
    out_dims = dict(region.dims)
    loop = ChunkLoop(_body(gm, region, shape_of), tuple(d for _, d in region.inputs),
                     tuple(out_dims[o] for o in region.outputs), region.extent, chunk)
    new, val_map = copy_graph_module(gm)
    name, i = "autochunk_0", 0
    while hasattr(new, name):
        i += 1
        name = f"autochunk_{i}"
    new.add_submodule(name, loop)
    graph, inside = new.graph, {val_map[n] for n in region.nodes}
    with graph.inserting_after(val_map[region.nodes[-1]]):
        call = graph.call_module(name, tuple(val_map[n] for n, _ in region.inputs))
    results, after = [], call
    for k, o in enumerate(region.outputs):
        with graph.inserting_after(after):
            after = graph.call_function(operator.getitem, (call, k))
        val_map[o].replace_all_uses_with(after, delete_user_cb=lambda u: u not in inside)
        results.append(after.name)
    for n in reversed(region.nodes):
        graph.erase_node(val_map[n])
    graph.lint()
    new.recompile()
    return new, [call.name] + results
