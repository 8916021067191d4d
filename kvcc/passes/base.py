"""The pass base class.

A pass is a small frozen dataclass: a kebab-case ``name``, typed option fields,
``requires``/``ensures`` properties the pipeline checks, and ``run``. Its
docstring says whether it preserves results exactly or approximates them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import ClassVar

from kvcc.ir.ops import Module


@dataclass(frozen=True)
class Pass:
    """Base of all passes. Subclasses set ``name`` and implement :meth:`run`."""

    name: ClassVar[str]
    requires: ClassVar[frozenset[str]] = frozenset()
    ensures: ClassVar[frozenset[str]] = frozenset()
    invalidates: ClassVar[frozenset[str]] = frozenset()

    def run(self, module: Module) -> Module:
        raise NotImplementedError

    def summarize(self, before: Module, after: Module) -> str:
        """One line describing what the pass did (used by --print-ir-after-all and the demo)."""
        if before == after:
            return "no change"
        a = Counter(op.NAME for op in before.walk())
        b = Counter(op.NAME for op in after.walk())
        diff = [f"{k} {a[k]}->{b[k]}" for k in sorted(set(a) | set(b)) if a[k] != b[k]]
        return "rewrote ops in place" if not diff else "ops: " + ", ".join(diff)

    def spelling(self) -> str:
        """The pass as written in a pipeline string, options included."""
        from dataclasses import fields

        opts = [f"{f.name}={getattr(self, f.name)}" for f in fields(self)
                if getattr(self, f.name) != f.default]
        return self.name + (f"{{{','.join(opts)}}}" if opts else "")


class PassError(RuntimeError):
    """A pass failed or left invalid IR; the message names the pass."""

    def __init__(self, pass_name: str, message: str) -> None:
        super().__init__(f"pass '{pass_name}': {message}")
        self.pass_name = pass_name


class PassOptionError(PassError, ValueError):
    """A pipeline gave a pass an option value it cannot take: bad input, so also a
    ``ValueError``, as every bad pipeline string is."""
