"""``streaming-heads{sinks=4,recent=256,heads=0-1+5}``: StreamingLLM / DuoAttention heads.

Approximate relative to the dense program, on purpose: the KV heads named *streaming*
see only the first ``sinks`` keys and the ``recent`` latest keys up to each query
(within what the op's mask already allows); the other (*retrieval*) heads keep the
whole context. The rewrite replaces an attention op's mask ``m`` by::

    by_head(STREAMING, of=Hkv, group=Hq/Hkv, m & (sinks(S) | sliding_window(R)), m)

so the result is exactly the reference of that masked program, and one kernel launch
serves both kinds of head (``kvcc/codegen/triton/mask_emit.py``: each program picks its
branch from its KV head). How far it is from dense attention depends on which heads
are streaming: DuoAttention picks them with a trained gate; kvcc takes the assignment
as input. (A ``KVCache`` takes the same mask per layer, ``plan(..., mask=[...])``, and
reads it in one launch; ``KVCache(..., streaming=StreamingHeads(...))`` also bounds the
streaming heads' pages, see ``kvcc/runtime/streaming.py``.)

Options: ``sinks`` (4, StreamingLLM; DuoAttention deploys 64), ``recent`` (256),
``heads`` and ``layers``. The syntax fits a pipeline string (no commas or braces)::

    heads  = [LAYERS/]HEADS(;[LAYERS/]HEADS)*    e.g. 0-1+5  or  0-1;3/none;4-7/2+6
    layers = RANGE(;RANGE)*                      e.g. 2-31 (default: every layer)
    HEADS  = RANGE(+RANGE)* | none               (KV heads; query heads follow them)
    RANGE  = N | N-M                             (inclusive)

A layer is the index of an attention op in program order when the pass runs. For layer
``l`` the streaming heads are those of the last ``heads`` entry naming ``l``, else of
the entry without ``LAYERS``, else none; layers outside ``layers`` are left alone, as
are layers without streaming heads. Requires known head counts (ints); ensures
``streaming-heads``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from kvcc.ir.formats import Paged
from kvcc.ir.mask import ByHead, Sinks, SlidingWindow
from kvcc.ir.ops import AttentionOp, Module, Op
from kvcc.ir.types import as_int
from kvcc.passes.base import Pass, PassOptionError
from kvcc.passes.quantize_kv_plan import _range
from kvcc.passes.rewrite import map_ops


def parse_heads(pass_name: str, text: str) -> dict[range | None, frozenset[int]]:
    """``heads`` as {layer range or None (every layer): streaming KV heads}."""
    out: dict[range | None, frozenset[int]] = {}
    for item in filter(None, (x.strip() for x in text.split(";"))):
        where, _, what = item.rpartition("/")
        layers = _range(pass_name, "heads", where) if where else None
        if what.strip() == "none":
            heads = frozenset()
        else:
            heads = frozenset(h for part in what.split("+")
                              for h in _range(pass_name, "heads", part))
        if layers is None and None in out:
            raise PassOptionError(pass_name, "option heads: two entries for every layer; "
                                  "give one, and LAYERS/HEADS entries for the others")
        out[layers] = heads
    return out


@dataclass(frozen=True)
class StreamingHeads(Pass):
    """Options: ``sinks`` (4), ``recent`` (256), ``heads`` (streaming KV heads, per layer),
    ``layers`` (the ops to rewrite; default all): see the module docstring. Requires
    nothing; ensures ``streaming-heads``. Approximate against dense attention; exactly
    the reference of the masked program it produces."""

    name: ClassVar[str] = "streaming-heads"
    ensures: ClassVar[frozenset[str]] = frozenset({"streaming-heads"})
    sinks: int = 4
    recent: int = 256
    heads: str = ""
    layers: str = ""

    def __post_init__(self) -> None:
        if self.sinks < 0:
            raise PassOptionError(self.name, f"sinks must be >= 0, got {self.sinks}")
        if self.recent < 1:
            raise PassOptionError(self.name, f"recent must be >= 1, got {self.recent}")
        if not self.heads.strip():
            raise PassOptionError(self.name, "heads is required: the streaming KV heads, e.g. "
                                  "heads=0-1+5 (every layer) or heads=0/1;2-3/0+4")
        self._heads()
        self._layers()

    def _heads(self) -> dict[range | None, frozenset[int]]:
        return parse_heads(self.name, self.heads)

    def _layers(self) -> list[range] | None:
        items = [x for x in self.layers.split(";") if x.strip()]
        return [_range(self.name, "layers", x) for x in items] or None

    def streaming(self, layer: int) -> frozenset[int]:
        """The streaming KV heads of ``layer``."""
        wanted = self._layers()
        if wanted is not None and not any(layer in r for r in wanted):
            return frozenset()
        table = self._heads()
        named = [h for r, h in table.items() if r is not None and layer in r]
        return named[-1] if named else table.get(None, frozenset())

    def run(self, module: Module) -> Module:
        layer = iter(range(1 << 62))

        def rewrite(op: Op) -> list[Op]:
            if not isinstance(op, AttentionOp):
                return [op]
            return [self._rewrite(op, next(layer))]

        return map_ops(module, rewrite)

    def _rewrite(self, op: AttentionOp, layer: int) -> AttentionOp:
        heads = self.streaming(layer)
        if not heads:
            return op
        if op.alt_heads:
            raise PassOptionError(self.name, f"layer {layer} already reads its streaming "
                                  f"heads {list(op.alt_heads)} from bounded pages")
        hq = as_int(op.q.type.shape[1])
        hkv = as_int(op.k.type.shape[2] if isinstance(op.kv_layout, Paged) else op.k.type.shape[1])
        if hq is None or hkv is None:
            raise PassOptionError(self.name, f"layer {layer}: the head counts must be known "
                                  f"ints, got Hq={op.q.type.shape[1]}")
        if max(heads) >= hkv:
            raise PassOptionError(self.name, f"layer {layer} has {hkv} KV heads; heads names "
                                  f"{sorted(h for h in heads if h >= hkv)}")
        kept = op.mask & (Sinks(self.sinks) | SlidingWindow(self.recent))
        return replace(op, mask=ByHead(tuple(sorted(heads)), hkv, hq // hkv, kept, op.mask))
