"""Helpers for structural passes: fresh names and op-by-op rewriting into regions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import ClassVar

from kvcc.ir.formats import Dense
from kvcc.ir.ops import AttentionOp, Block, Module, Op
from kvcc.passes.base import Pass


class Namer:
    """Hands out value and symbol names not used anywhere in a module."""

    def __init__(self, m: Module) -> None:
        self.used: set[str] = {a.name for a in m.args}
        for op in m.walk():
            self.used.update(v.name for v in op.results())
            for b in op.regions():
                self.used.update(a.name for a in b.args)
            idx = getattr(op, "index", None)
            if isinstance(idx, str):
                self.used.add(idx)
        for v in m.args:
            self.used.update(str(s) for d in v.type.shape for s in d.free_symbols)

    def __call__(self, base: str) -> str:
        i = 0
        while f"{base}{i}" in self.used:
            i += 1
        self.used.add(f"{base}{i}")
        return f"{base}{i}"


def map_ops(m: Module, fn: Callable[[Op], list[Op]]) -> Module:
    """Replace every op (regions first, recursively) by ``fn(op)``."""
    return replace(m, ops=_map(m.ops, fn))


def _map(ops: tuple[Op, ...], fn: Callable[[Op], list[Op]]) -> tuple[Op, ...]:
    out: list[Op] = []
    for op in ops:
        for name in _region_fields(op):
            b: Block = getattr(op, name)
            op = replace(op, **{name: replace(b, ops=_map(b.ops, fn))})
        out.extend(fn(op))
    return tuple(out)


def _region_fields(op: Op) -> tuple[str, ...]:
    from kvcc.ir.ops import op_fields

    return op_fields(type(op)).regions


def plain_dense(op: AttentionOp) -> bool:
    """Dense q and kv, no quantized KV, not already placed inside a larger problem, no
    eviction scores (they are column sums over the op's own rows and keys: chunking or
    splitting it would need their sum, which no pass writes yet)."""
    return (isinstance(op.q_layout, Dense) and isinstance(op.kv_layout, Dense)
            and op.kv_lens is None and op.scores is None
            and op.kv_format is None and op.q_offset == 0 and op.kv_offset == 0
            and op.q_total is None and op.kv_total is None)


class AttentionRewrite(Pass):
    """Base of structural passes that replace plain dense attention ops one at a time.

    Subclasses implement :meth:`rewrite_attention`; fresh names come from one
    :class:`Namer` per run. Positive-int options are checked by ``positive``."""

    positive: ClassVar[tuple[str, ...]] = ()

    def __post_init__(self) -> None:
        for opt in self.positive:
            if getattr(self, opt) < 1:
                raise ValueError(f"{opt} must be >= 1, got {getattr(self, opt)}")

    def run(self, module: Module) -> Module:
        fresh = Namer(module)
        return map_ops(module, lambda op: self.rewrite_attention(op, fresh)
                       if isinstance(op, AttentionOp) and plain_dense(op) else [op])

    def rewrite_attention(self, op: AttentionOp, fresh: Namer) -> list[Op]:
        raise NotImplementedError
