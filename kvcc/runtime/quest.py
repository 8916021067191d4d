"""Quest over a :class:`~kvcc.runtime.cache.KVCache`: page selection for decode steps.

A cache made with ``page_stats=True`` keeps, per layer, page and KV head, the
per-channel min and max of the keys appended to the page (``[layers, pages, Hkv, D]``,
updated by every append, reset when a page is handed out, copied with it on write).
``cache.plan(..., quest=Quest(budget=2048))`` then selects, at each ``attend`` of a
layer past ``dense_layers``, per sequence and KV head, the page holding the last key
and the top ``budget / page_size - 1`` others by Quest's bound on the sequence's last
query (the rule of ``kvcc/codegen/reference/quest.py``, shared with the ``quest``
pass), and attends over those pages only: the mask gains ``page_select`` over the
sequence's logical pages, whose unselected tiles the kernels never load. Sequences
with more than one query in the step (prefill, chunks) keep every page (the paper's
dense prefill). The selection is a few tensor operations on the device, no host sync.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from kvcc.checks import check_int
from kvcc.codegen.reference.quest import page_bounds, select_pages


@dataclass(frozen=True)
class Quest:
    """Quest's options for a cache step: ``budget`` tokens per sequence and KV head (at
    least one page), the first ``dense_layers`` layers dense (the paper's 2)."""

    budget: int = 2048
    dense_layers: int = 2

    def __post_init__(self) -> None:
        check_int("quest budget", self.budget, 1)
        check_int("quest dense_layers", self.dense_layers, 0)


class QuestSelector:
    """The selection of one step: its buffer (``[B, Hkv, max_pages]`` uint8, the mask's
    tensor, rewritten in place per layer) and what it reads (see the module docstring)."""

    def __init__(self, step, quest: Quest) -> None:
        c = step.cache
        if quest.budget < c.page_size:
            raise ValueError(f"quest budget {quest.budget} is less than one page "
                             f"({c.page_size} tokens)")
        if c.kmin is None:
            raise ValueError("quest needs a cache that keeps page stats: "
                             "KVCache(..., page_stats=True)")
        self.quest, self.step = quest, step
        b, np_ = step.block_table.shape
        dev = c.device
        self.pages = torch.ones(b, c.num_kv_heads, np_, dtype=torch.uint8, device=dev)
        # each sequence's last query row, and whether it decodes (one query)
        ends = torch.tensor(step.q_lens).cumsum(0) - 1
        self.last_row = ends.clamp(min=0).to(dev)
        self.decodes = torch.tensor([n == 1 for n in step.q_lens], device=dev)

    def applies(self, layer: int) -> bool:
        return layer >= self.quest.dense_layers

    def select(self, layer: int, q: torch.Tensor) -> torch.Tensor:
        """Write layer ``layer``'s selection for queries ``q [T, Hq, D]`` into the buffer
        (and return it)."""
        c, st = self.step.cache, self.step
        bt = st.block_table.long()  # [B, NP]
        kmin = c.kmin[layer][bt].permute(0, 2, 1, 3)  # [B, Hkv, NP, D]
        kmax = c.kmax[layer][bt].permute(0, 2, 1, 3)
        ql = q[self.last_row].unsqueeze(2)  # [B, Hq, 1, D]
        n_pages = (st.kv_lens.long() + c.page_size - 1) // c.page_size
        sel = select_pages(page_bounds(ql, kmin, kmax), n_pages,
                           self.quest.budget // c.page_size)
        sel |= ~self.decodes.view(-1, 1, 1)
        self.pages.copy_(sel)
        return self.pages
