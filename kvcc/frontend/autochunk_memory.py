"""Activation memory of an FX graph, estimated from one run on fake tensors.

The graph runs once under ``FakeTensorMode`` (shapes, dtypes and aliasing, no data
and no compute), as inference (``torch.no_grad``: nothing is saved for a backward).
Each tensor storage an op creates is an activation, live from the node that creates
it to the last user of any value that aliases it (views share their base's storage;
a value the graph returns stays live to the end). Graph inputs and parameters are not
counted: the caller holds them anyway. The live bytes at a node are the storages live
there, plus the temporaries the node's aten ops create and free while it runs (seen
through a dispatch mode), or, for an AutoChunk loop, the peak of its body on one
slice. Not counted: scratch memory a single aten kernel allocates inside itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import torch
from torch._subclasses.fake_tensor import FakeTensorMode
from torch.fx import GraphModule, Node
from torch.multiprocessing.reductions import StorageWeakRef
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_leaves

from kvcc.frontend.autochunk_loop import ChunkLoop


@dataclass
class Trace:
    """What one fake run of a graph records: each node's value (fake tensors, or
    plain Python values such as sizes), the extra bytes live during a node, and the
    fake mode the values belong to."""

    mode: FakeTensorMode
    values: dict[Node, Any] = field(default_factory=dict)
    transient: dict[Node, int] = field(default_factory=dict)

    def shape_of(self, n: Node) -> tuple[int, ...] | None:
        v = self.values.get(n)
        return tuple(v.shape) if isinstance(v, torch.Tensor) else None


class _Scratch(TorchDispatchMode):
    """Watches one node run: the storages its aten ops create, and the peak of their
    bytes alive at once (a composite op such as ``linear`` on a strided input copies
    it and adds the bias out of place: temporaries the node's outputs do not show)."""

    def __init__(self, known: list) -> None:
        super().__init__()
        self.known = {StorageWeakRef(t.untyped_storage()) for t in known
                      if isinstance(t, torch.Tensor)}
        self.live: dict[StorageWeakRef, int] = {}
        self.peak = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        for ref in [r for r in self.live if r.expired()]:
            del self.live[ref]
        for t in tree_leaves(out):
            if isinstance(t, torch.Tensor):
                ref = StorageWeakRef(t.untyped_storage())
                if ref not in self.known and ref not in self.live:
                    self.live[ref] = t.untyped_storage().nbytes()
        self.peak = max(self.peak, sum(self.live.values()))
        return out

    def extra(self) -> int:
        """Peak bytes beyond what the node still holds when it returns (its outputs)."""
        return self.peak - sum(b for r, b in self.live.items() if not r.expired())


class _FakeRun(torch.fx.Interpreter):
    def __init__(self, gm: GraphModule, mode: FakeTensorMode, reuse: Trace | None) -> None:
        # every value kept: the trace needs them, and a live storage is never reused
        super().__init__(gm, garbage_collect_values=False)
        self.mode, self.trace, self.node = mode, Trace(mode), None
        self.reuse = {} if reuse is None else {n.name: n for n in reuse.values}
        self.old = reuse

    def run_node(self, n: Node) -> Any:
        self.node = n
        old = self.reuse.get(n.name)
        if old is not None and n.op != "output":
            value = self.old.values[old]
            if old in self.old.transient:
                self.trace.transient[n] = self.old.transient[old]
        elif n.op in ("placeholder", "get_attr", "output") or isinstance(self._module(n), ChunkLoop):
            value = super().run_node(n)
        else:
            args, kwargs = self.fetch_args_kwargs_from_env(n)
            params = list(self._fake_params(n).values())
            with _Scratch(tree_leaves((args, kwargs)) + params) as scratch:
                value = super().run_node(n)
            if scratch.extra():
                self.trace.transient[n] = scratch.extra()
        self.trace.values[n] = value
        return value

    def _module(self, n: Node) -> torch.nn.Module | None:
        return self.fetch_attr(n.target) if n.op == "call_module" else None

    def _fake_params(self, n: Node) -> dict[str, torch.Tensor]:
        mod = self._module(n)
        if mod is None:
            return {}
        named = dict(mod.named_parameters())
        named.update(mod.named_buffers())
        return {k: self.mode.from_tensor(v) for k, v in named.items()}

    def get_attr(self, target, args, kwargs):
        value = super().get_attr(target, args, kwargs)
        return self.mode.from_tensor(value) if isinstance(value, torch.Tensor) else value

    def call_module(self, target, args, kwargs):
        mod = self.fetch_attr(target)
        if not isinstance(mod, ChunkLoop):
            # parameters as fake tensors, so that views of them are known storages
            return torch.func.functional_call(mod, self._fake_params(self.node), args, kwargs)
        # one slice through the body gives its peak and its outputs' shapes
        body = trace(mod.body, mod.slices(args, 0, min(mod.chunk, mod.extent)), mode=self.mode)
        self.trace.transient[self.node] = max(b for _, b in live_bytes(mod.body, body))
        part = [body.values[n] for n in mod.body.graph.output_node().args[0]]
        return tuple(r.new_empty(r.shape[:d] + (mod.extent,) + r.shape[d + 1:])
                     for r, d in zip(part, mod.out_dims))


def trace(gm: GraphModule, example_inputs: Sequence, mode: FakeTensorMode | None = None,
          reuse: Trace | None = None) -> Trace:
    """Run ``gm`` on fake copies of ``example_inputs`` (its placeholders, in order), or
    on ``example_inputs`` as they are when they are fake tensors of ``mode``. With
    ``reuse``, a trace of a graph this one was rewritten from, nodes of the same name
    take their values from it (the rewrite keeps names, and new nodes get new ones),
    and only the rest run."""
    if reuse is not None:
        mode = reuse.mode
    elif mode is None:
        mode = FakeTensorMode(allow_non_fake_inputs=True)
        example_inputs = [mode.from_tensor(x) if isinstance(x, torch.Tensor) else x
                          for x in example_inputs]
    run = _FakeRun(gm, mode, reuse)
    with mode, torch.no_grad():  # inference: no autograd graph keeps tensors alive
        run.run(*example_inputs)
    return run.trace


@dataclass(frozen=True)
class Lifetime:
    """One activation storage: the node that creates it, the positions (in graph
    order) of that node and of the last node that reads it, and its bytes."""

    owner: Node
    born: int
    dies: int
    nbytes: int


def lifetimes(gm: GraphModule, tr: Trace) -> list[Lifetime]:
    """Every activation storage of ``gm``'s run (inputs and parameters count 0 bytes)."""
    order = list(gm.graph.nodes)
    pos = {n: i for i, n in enumerate(order)}
    born: dict[StorageWeakRef, tuple[Node, int]] = {}  # storage -> (creator, bytes)
    dies: dict[StorageWeakRef, int] = {}
    for n in order:
        end = max((pos[u] for u in n.users), default=pos[n])
        for t in tree_leaves(tr.values.get(n)):
            if not isinstance(t, torch.Tensor):
                continue
            s = t.untyped_storage()
            key = StorageWeakRef(s)
            if key not in born:
                born[key] = (n, 0 if n.op in ("placeholder", "get_attr") else s.nbytes())
            dies[key] = max(dies.get(key, 0), end)
    return [Lifetime(n, pos[n], dies[k], b) for k, (n, b) in born.items()]


def live_bytes(gm: GraphModule, tr: Trace) -> list[tuple[Node, int]]:
    """The activation bytes live at each node of ``gm``, in graph order."""
    order = list(gm.graph.nodes)
    delta = [0] * (len(order) + 1)
    for life in lifetimes(gm, tr):
        delta[life.born] += life.nbytes
        delta[life.dies + 1] -= life.nbytes
    out, live = [], 0
    for i, n in enumerate(order):
        live += delta[i]
        out.append((n, live + tr.transient.get(n, 0)))
    return out


def estimate_peak(gm: GraphModule, example_inputs: Sequence) -> tuple[int, Node]:
    """The estimated peak activation bytes of running ``gm`` on ``example_inputs``
    and the node where it is reached (the first one, on a tie). See the module
    docstring for what counts."""
    curve = live_bytes(gm, trace(gm, example_inputs))
    node, peak = max(curve, key=lambda nb: nb[1])
    return peak, node
