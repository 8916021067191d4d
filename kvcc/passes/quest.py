"""``quest{page=16,budget=2048}``: Quest's query-aware page selection for decode.

Approximate, on purpose: each decode attention reads only the pages Quest selects,
the page holding the last key and the top ``budget / page - 1`` others by the upper
bound ``sum_i max(q_i max_i, q_i min_i)`` on their scores (per KV head: the largest
bound over the group's query heads; ``kvcc/codegen/reference/quest.py`` states the rule
and why). The rewrite inserts a ``quest_select`` op and adds ``page_select(page,
%pages)`` to the attention's mask, so the result is exactly the reference of that
masked program, and the kernels skip the tiles of unselected pages (a generic mask's
empty tiles are never loaded). The error against dense attention depends on the
scores and is measured separately (tests and ``examples``).

Options (the paper's defaults): ``page`` (16 tokens), ``budget`` (tokens, 2048; at least
one page), ``dense_layers`` (the first 2 attention ops, in program order, stay dense),
``dense_prefill`` (true: ops with more than one query row stay dense). Applies to
plain dense attention (no quantized K/V, no run-time lengths, not placed inside a
loop) whose keys span more pages than the budget holds; others are left as they are.
On a ``KVCache`` the same selection runs on pages whose key min and max the cache's
append keeps (``KVCache(..., page_stats=True)`` and ``plan(..., quest=...)``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

import sympy

from kvcc.ir.dtypes import DType
from kvcc.ir.mask import PageSelect
from kvcc.ir.ops import AttentionOp, Module, Op, QuestSelectOp
from kvcc.ir.types import TensorType, Value, as_int
from kvcc.passes.base import Pass, PassOptionError
from kvcc.passes.rewrite import Namer, map_ops, plain_dense


@dataclass(frozen=True)
class Quest(Pass):
    """Options: ``page`` (16), ``budget`` (2048 tokens), ``dense_layers`` (2),
    ``dense_prefill`` (true). Requires nothing; ensures ``quest``. Approximate (see the
    module docstring): exact for the masked program it produces."""

    name: ClassVar[str] = "quest"
    ensures: ClassVar[frozenset[str]] = frozenset({"quest"})
    page: int = 16
    budget: int = 2048
    dense_layers: int = 2
    dense_prefill: bool = True

    def __post_init__(self) -> None:
        if self.page < 1:
            raise PassOptionError(self.name, f"page must be >= 1, got {self.page}")
        if self.budget < self.page:
            raise PassOptionError(self.name, f"budget must be at least one page ({self.page} "
                                  f"tokens), got {self.budget}")
        if self.dense_layers < 0:
            raise PassOptionError(self.name, f"dense_layers must be >= 0, got "
                                  f"{self.dense_layers}")

    def run(self, module: Module) -> Module:
        fresh = Namer(module)
        layer = iter(range(1 << 62))

        def rewrite(op: Op) -> list[Op]:
            if not isinstance(op, AttentionOp):
                return [op]
            if next(layer) < self.dense_layers or not plain_dense(op):
                return [op]
            return self._select(op, fresh)

        return map_ops(module, rewrite)

    def _select(self, op: AttentionOp, fresh: Namer) -> list[Op]:
        sq, skv = op.q.type.shape[2], op.k.type.shape[2]
        if self.dense_prefill and as_int(sq) != 1:
            return [op]
        n_pages = sympy.ceiling(skv / self.page)
        known = as_int(n_pages)
        if known is not None and known <= self.budget // self.page:
            return [op]  # every page would be selected
        b, hkv = op.k.type.shape[0], op.k.type.shape[1]
        pages = Value(fresh("quest_pages"), TensorType((b, hkv, n_pages), DType.i1))
        select = QuestSelectOp(op.q, op.k, pages, page=self.page, budget=self.budget)
        mask = op.mask & PageSelect(self.page, pages.name)
        return [select, replace(op, mask=mask, mask_args=op.mask_args + (pages,))]
