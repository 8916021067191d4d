"""Helpers for structural passes: fresh names and op-by-op rewriting into regions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from kvcc.ir.ops import Block, Module, Op


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
