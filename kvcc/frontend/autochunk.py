"""AutoChunk: compute a model graph's activation peak in slices, under a memory budget.

AutoChunk over ``torch.fx`` graphs (``torch.fx.symbolic_trace``, or
``torch.export.export(...).module()``): estimate the activation memory live at each
node (:func:`estimate_peak`), find the peak, find a region around it through which one
dimension flows from the region's inputs to its outputs without being reduced
(:mod:`~kvcc.frontend.autochunk_search`), and replace the region by a loop over slices
of that dimension (:class:`~kvcc.frontend.autochunk_loop.ChunkLoop`), so its large
intermediates exist one slice at a time. Repeat while the estimated peak is over the
budget.

Usage::

    gm = torch.fx.symbolic_trace(model)            # or torch.export.export(...).module()
    small = AutoChunk(budget_bytes=64 << 20).run(gm, (x,))
    small(x)                                       # same outputs, smaller peak

Choosing: among the regions that contain the peak node and bring the live bytes over
their span under the budget with slices of one element, the one with the fewest
compute (non-view) nodes wins; its slice size is the largest that stays under the
budget, found by doubling from 1 and then a binary search (larger slices, fewer
iterations).

Requires: static shapes, read from ``example_inputs`` (the graph's placeholders, in
order); the returned module is specialized to them (size computations such as
``x.shape[1]`` are folded to constants, loop bounds are fixed). Ops placed inside a
loop must be ones whose output slice along the chunked dim is computed from input
slices alone: the table in :mod:`~kvcc.frontend.autochunk_ops` (elementwise ops,
linear/matmul over other dims, softmax and layer/RMS norm over other dims, reductions
over other dims, attention along queries, views that keep the dim whole). Any other
op, and any op that mutates its input, ends a region: AutoChunk never guesses. (One
that does not read the chunked data may sit between a region's nodes when it is a
functional aten op, as in exported graphs: it stays outside the loop, computed once.)
Random ops (dropout while training) are never chunked. Estimates are for inference
(``torch.no_grad``).

Guarantees: exact in what is computed. Each output element comes from the same ops
on the same values as before; no op of the table sums across slices. What may differ
is the last bits where a kernel picks its summation order by shape (a CPU matmul over
384 rows may block its contracted dim unlike one over 4096): differences of a few
ulps (``torch.testing.assert_close``), none on ops that do not sum. The
input ``GraphModule`` is not modified; the result shares its submodules and
parameters. When no region gets the estimate under the budget, :class:`AutoChunkError`
says where the peak is and why (rather than returning a module that misses the
budget); a graph already under the budget is returned as it is.
"""

from __future__ import annotations

import logging
import math
import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import ClassVar

import torch
from torch.fx import GraphModule, Node

from kvcc.frontend.autochunk_loop import ChunkLoop, Region, apply_region, copy_graph_module
from kvcc.frontend.autochunk_memory import Lifetime, Trace, estimate_peak, lifetimes, live_bytes, trace
from kvcc.frontend.autochunk_search import Candidate, candidates, op_name
from kvcc.passes.base import PassError, PassOptionError

log = logging.getLogger("kvcc")


class AutoChunkError(PassError):
    """No chunking gets a graph's estimated peak under the budget; the message says why."""

    def __init__(self, message: str, peak_bytes: int, node: Node) -> None:
        super().__init__("autochunk", message)
        self.peak_bytes, self.node = peak_bytes, node


def _bytes(n: int) -> str:
    return f"{n} bytes ({n / 2**20:.2f} MiB)"


_SCALAR_FUNCTIONS = (getattr, operator.getitem, operator.add, operator.sub, operator.mul,
                     operator.truediv, operator.floordiv, operator.mod, operator.pow, operator.neg,
                     math.sqrt)
_SCALAR_METHODS = ("size", "dim", "numel")


def _constant(v) -> bool:
    if isinstance(v, (tuple, list)):
        return all(_constant(x) for x in v)
    return isinstance(v, (int, float, bool, torch.dtype, torch.device))


def fold_sizes(gm: GraphModule, tr: Trace) -> GraphModule:
    """A copy of ``gm`` with size arithmetic (``x.shape``, ``x.size(1)``, ``s * h``)
    replaced by its value in ``tr``: a region's view then reads its sizes as constants,
    which the loop body rewrites for a slice, instead of as values computed outside it."""
    new, val_map = copy_graph_module(gm)
    folded = []
    for old, n in val_map.items():
        v = tr.values.get(old)
        pure = (n.op == "call_function" and n.target in _SCALAR_FUNCTIONS) or \
            (n.op == "call_method" and n.target in _SCALAR_METHODS)
        if not pure or isinstance(v, torch.Tensor) or not _constant(v):
            continue
        value = tuple(v) if isinstance(v, (tuple, list)) else v
        for user in list(n.users):
            user.args = torch.fx.node.map_arg(user.args, lambda a, n=n, c=value: c if a is n else a)
            user.kwargs = torch.fx.node.map_arg(user.kwargs,
                                                lambda a, n=n, c=value: c if a is n else a)
        folded.append(n)
    for n in reversed(folded):
        new.graph.erase_node(n)
    new.recompile()
    return new


@dataclass(frozen=True)
class AutoChunk:
    """Options: ``budget_bytes`` (int > 0), the estimated activation peak to get
    under. ``run(gm, example_inputs)`` returns the chunked ``GraphModule``. See the
    module docstring for what it requires and guarantees."""

    name: ClassVar[str] = "autochunk"
    budget_bytes: int

    def __post_init__(self) -> None:
        b = self.budget_bytes
        if isinstance(b, bool) or not isinstance(b, int):
            raise PassOptionError(self.name, f"budget_bytes must be an int number of bytes, "
                                             f"got {type(b).__name__} {b!r}")
        if b <= 0:
            raise PassOptionError(self.name, f"budget_bytes must be positive, got {b}")

    def run(self, gm: GraphModule, example_inputs: Sequence) -> GraphModule:
        if not isinstance(gm, GraphModule):
            raise TypeError(f"autochunk runs on a torch.fx.GraphModule (torch.fx.symbolic_trace "
                            f"or torch.export.export(...).module()), got {type(gm).__name__}")
        peak, _ = estimate_peak(gm, example_inputs)
        if peak <= self.budget_bytes:
            return gm
        work = fold_sizes(gm, trace(gm, example_inputs))
        # each round brings the nodes of one region under the budget and raises none
        # outside it, so the rounds are at most the nodes
        for _ in range(len(work.graph.nodes)):
            tr = trace(work, example_inputs)
            node, peak = max(live_bytes(work, tr), key=lambda nb: nb[1])
            if peak <= self.budget_bytes:
                return work
            work = self._chunk_once(work, tr, node, peak, example_inputs)
        raise AutoChunkError(f"did not converge under {_bytes(self.budget_bytes)}", peak, node)

    def _chunk_once(self, gm: GraphModule, tr: Trace, node: Node, peak: int,
                    example_inputs: Sequence) -> GraphModule:
        order = list(gm.graph.nodes)
        found, reasons = candidates(order, order.index(node), tr, gm)
        lives = lifetimes(gm, tr)
        # (bytes with one-element slices, exact or a lower bound, region) of those over
        over: list[tuple[int, bool, Candidate]] = []
        for cand in found:
            floor = _floor(cand, lives, {n: i for i, n in enumerate(order)})
            if floor > self.budget_bytes:  # no slice size can help: skip the rewrites
                over.append((floor, False, cand))
                continue
            tried: dict[int, tuple[int, GraphModule]] = {}

            def fits(chunk: int, cand: Candidate = cand, tried=tried) -> bool:
                if chunk not in tried:
                    tried[chunk] = self._try(gm, cand, chunk, tr, example_inputs)
                return tried[chunk][0] <= self.budget_bytes

            chunk = _largest(fits, cand.region.extent)
            if chunk is not None:
                log.info("autochunk: %s in slices of %d (estimated peak at '%s': %s -> %s)",
                         cand.region.describe(), chunk, node.name, _bytes(peak),
                         _bytes(tried[chunk][0]))
                return tried[chunk][1]
            over.append((tried[1][0], True, cand))
        where = (f"the estimated activation peak, {_bytes(peak)} at '{node.name}' "
                 f"({op_name(node, gm)}), is over the budget of {_bytes(self.budget_bytes)}")
        if over:
            need, exact, best = min(over, key=lambda o: (o[0], not o[1]))
            raise AutoChunkError(
                f"{where}, and none of the {len(found)} regions around it gets under: the "
                f"closest, {best.region.describe()}, needs {'' if exact else 'at least '}"
                f"{_bytes(need)} in slices of one (its inputs, its full outputs and the "
                "tensors live across it); raise the budget", peak, node)
        raise AutoChunkError(
            f"{where}, and no region around it has a dim that flows unreduced from its start "
            f"to its end: {'; '.join(reasons[:4]) or 'no candidate'}", peak, node)

    def _try(self, gm: GraphModule, cand: Candidate, chunk: int, tr: Trace,
             example_inputs: Sequence) -> tuple[int, GraphModule]:
        """The rewrite with ``chunk`` and its largest live bytes over the region's span
        (nodes before the span are unchanged; after it, none holds more than before)."""
        new, names = apply_region(gm, cand.region, chunk, tr.shape_of)
        span = cand.span | set(names)
        local = max(b for n, b in live_bytes(new, trace(new, example_inputs, reuse=tr))
                    if n.name in span)
        return local, new


def _floor(cand: Candidate, lives: list[Lifetime], pos: dict[Node, int]) -> int:
    """A lower bound on the bytes live at the region's loop, whatever the slice size:
    every storage live at its last node stays live across the loop, except those only
    the region's own intermediates hold."""
    e = pos[cand.region.nodes[-1]]
    inner = set(cand.region.nodes) - set(cand.region.outputs)
    return sum(life.nbytes for life in lives
               if life.born <= e <= life.dies and life.owner not in inner)


def _largest(fits: Callable[[int], bool], extent: int) -> int | None:
    """The largest slice size in [1, extent] that fits (assumed monotone), by doubling
    then binary search; None when 1 does not fit."""
    if not fits(1):
        return None
    c = 1
    while c < extent and fits(min(2 * c, extent)):
        c = min(2 * c, extent)
    lo, hi = c, min(2 * c, extent)
    while hi - lo > 1:
        mid = (lo + hi) // 2
        lo, hi = (mid, hi) if fits(mid) else (lo, mid)
    return lo


__all__ = ["AutoChunk", "AutoChunkError", "ChunkLoop", "Region", "estimate_peak"]
