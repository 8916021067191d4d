"""``simplify-masks``: rewrite attention masks with the algebra's identities.

Exact: every rule is an identity of predicates (see :mod:`kvcc.ir.mask_simplify`).
An attention whose mask simplifies to ``empty`` sees no key at all, so it is
replaced by fills with its defined result (o = 0, lse = -inf).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import ClassVar

from kvcc.ir.mask import Empty, data_refs
from kvcc.ir.mask_simplify import simplify
from kvcc.ir.ops import AttentionOp, FillOp, Module, Op
from kvcc.passes.base import Pass
from kvcc.passes.rewrite import map_ops


@dataclass(frozen=True)
class SimplifyMasks(Pass):
    """Requires nothing; ensures ``masks-simplified``."""

    name: ClassVar[str] = "simplify-masks"
    ensures: ClassVar[frozenset[str]] = frozenset({"masks-simplified"})

    def run(self, module: Module) -> Module:
        return map_ops(module, self._rewrite)

    @staticmethod
    def _rewrite(op: Op) -> list[Op]:
        if not isinstance(op, AttentionOp):
            return [op]
        mask = simplify(op.mask)
        if isinstance(mask, Empty):
            fills: list[Op] = [FillOp(op.o, 0.0)]
            if op.lse is not None:
                fills.append(FillOp(op.lse, -math.inf))
            if op.scores is not None:  # no key is seen: every score is 0
                fills.append(FillOp(op.scores, 0.0))
            return fills
        refs = set(data_refs(mask))
        args = tuple(a for a in op.mask_args if a.name in refs)
        return [replace(op, mask=mask, mask_args=args)]

    def summarize(self, before: Module, after: Module) -> str:
        b = [op.mask for op in before.walk() if isinstance(op, AttentionOp)]
        a = [op.mask for op in after.walk() if isinstance(op, AttentionOp)]
        changed = sum(x != y for x, y in zip(b, a)) if len(a) == len(b) else len(b)
        gone = len(b) - len(a)
        return f"{changed} of {len(b)} masks simplified" + (f", {gone} empty attentions removed"
                                                              if gone else "")
