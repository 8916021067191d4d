"""AutoChunk's search: regions around a node through which one dimension flows unreduced.

For each node ``e`` at or after the peak node ``p`` and each dim ``d`` of ``e``'s
output, walk the graph backwards from ``e``, asking each node's dim rule which input
dims its chunked output dim comes from. Nodes reached with a dim form the region;
nodes reached with "whole" (a weight, a broadcast operand, a value computed only from
such) are loop invariants and stay outside; values read from before the region are
its inputs. The walk stops at the first node it cannot place: an op with no rule
(unless it is a functional aten op that does not read the chunked data), an op that
reduces along the dim, two users asking for different dims of one value, or
a value used after the region that the chunked dim never reaches. Every prefix of
the walk that covers ``p`` is a candidate region ``[s, e]``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from torch import nn
from torch.fx import Node

from kvcc.frontend.autochunk_loop import Region
from kvcc.frontend.autochunk_memory import Trace
from kvcc.frontend.autochunk_ops import is_view, rule_for

WINDOW = 48  # nodes searched on each side of the peak
_FREE = ("placeholder", "get_attr")


def op_name(n: Node, root: nn.Module) -> str:
    """How a node's op reads in messages: ``torch.cumsum``, ``aten.view.default``,
    ``.softmax()``, ``nn.LayerNorm``."""
    if n.op == "call_method":
        return f".{n.target}()"
    if n.op == "call_module":
        return f"nn.{type(root.get_submodule(str(n.target))).__name__}"
    if n.op == "call_function":
        t = n.target
        if hasattr(t, "overloadpacket"):  # aten.view.default
            return str(t)
        return f"{getattr(t, '__module__', None) or ''}.{getattr(t, '__name__', t)}".lstrip(".")
    return n.op


def functional_aten(n: Node) -> bool:
    """An aten op that mutates nothing (all ops of an exported graph): one not in the
    table may still sit in a region's span as a loop invariant, computed once before
    the loop, since moving the region after it cannot change what either reads."""
    schema = getattr(n.target, "_schema", None) if n.op == "call_function" else None
    return schema is not None and not schema.is_mutable


@dataclass(frozen=True)
class Candidate:
    """A region, the names of the graph nodes it spans (region, invariants and
    inputs in its range), and its count of compute (non-view) nodes."""

    region: Region
    span: frozenset[str]
    compute: int


class _Walk:
    def __init__(self, order: list[Node], tr: Trace, root: nn.Module) -> None:
        self.order, self.tr, self.root = order, tr, root
        self.pos = {n: i for i, n in enumerate(order)}

    def known(self, n: Node) -> bool:
        return n.op in _FREE or rule_for(n, self.root) is not None or functional_aten(n)

    def walk(self, e: int, d: int, lo: int, p: int, reasons: set[str]) -> Iterator[Candidate]:
        order, shape_of = self.order, self.tr.shape_of
        extent = shape_of(order[e])[d]
        dims: dict[Node, int | None] = {order[e]: d}
        for i in range(e, lo - 1, -1):
            n = order[i]
            if n.op not in _FREE:
                why = self._place(n, dims, extent)
                if why:
                    reasons.add(why)
                    return
            if i <= p and dims.get(order[p]) is not None:
                yield self._snapshot(i, e, dims, extent)

    def _place(self, n: Node, dims: dict[Node, int | None], extent: int) -> str | None:
        """Record what ``n`` needs of its inputs; a reason when it cannot be placed."""
        shape_of, name = self.tr.shape_of, f"'{n.name}' ({op_name(n, self.root)})"
        if n not in dims:
            return f"{name} is used after the region but the chunked dim does not reach it"
        rule, dn = rule_for(n, self.root), dims[n]
        if rule is None and not (dn is None and functional_aten(n)):
            return f"{name} is not an op AutoChunk knows to leave a dim unreduced"
        if dn is None:
            needs = [(a, None) for a in n.all_input_nodes]
        else:
            shape = shape_of(n)
            needs = rule(n, dn, shape_of) if shape and shape[dn] == extent else None
            if needs is None:
                return f"{name} reduces along (or reshapes) dim {dn}"
            placed = {t for t, _ in needs}
            needs += [(a, None) for a in n.all_input_nodes if a not in placed]
        for t, j in needs:
            if j is not None and (shape_of(t) is None or shape_of(t)[j] != extent):
                return f"{name} reads '{t.name}' along dim {j}, which is not of size {extent}"
            if dims.get(t, j) != j:
                return f"'{t.name}' is needed sliced along dim {dims[t]} and along {j} (or whole)"
            dims[t] = j
        return None

    def _snapshot(self, s: int, e: int, dims: dict[Node, int | None], extent: int) -> Candidate:
        span = self.order[s:e + 1]
        body = [(n, dims[n]) for n in span if n.op not in _FREE and dims.get(n) is not None]
        inside = {n for n, _ in body}
        inputs: dict[Node, int | None] = {}
        for n, _ in body:
            for a in n.all_input_nodes:
                if a not in inside:
                    inputs.setdefault(a, dims[a])
        outputs = tuple(n for n, _ in body if any(u not in inside for u in n.users))
        region = Region(tuple(body), tuple(inputs.items()), outputs, extent)
        return Candidate(region, frozenset(n.name for n in span),
                         sum(not is_view(n) for n, _ in body))


def candidates(order: list[Node], p: int, tr: Trace, root: nn.Module
               ) -> tuple[list[Candidate], list[str]]:
    """The regions containing ``order[p]``, fewest compute nodes first, and the reasons
    walks stopped (for error messages)."""
    w = _Walk(order, tr, root)
    lo, hi = p, p
    while lo > 0 and p - lo < WINDOW and w.known(order[lo - 1]):
        lo -= 1
    while hi + 1 < len(order) and hi - p < WINDOW and order[hi + 1].op != "output" \
            and w.known(order[hi + 1]):
        hi += 1
    found: dict[tuple, Candidate] = {}
    reasons: set[str] = set()
    if order[p].op in _FREE or order[p].op == "output":
        return [], [f"the peak is at '{order[p].name}' ({order[p].op}), which no region computes"]
    for e in range(p, hi + 1):
        shape = tr.shape_of(order[e])
        for d in range(len(shape or ())):
            if shape[d] < 2:
                continue
            for c in w.walk(e, d, lo, p, reasons):
                found.setdefault(c.region.dims, c)
    if not w.known(order[p]):
        reasons.add(f"'{order[p].name}' ({op_name(order[p], root)}) is not an op AutoChunk knows "
                    "to leave a dim unreduced")
    ranked = sorted(found.values(), key=lambda c: (c.compute, len(c.region.dims),
                                                    -w.pos[c.region.nodes[0]],
                                                    w.pos[c.region.nodes[-1]],
                                                    c.region.dims[-1][1]))
    return ranked, sorted(reasons)
