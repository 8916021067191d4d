"""Quest over a :class:`~kvcc.runtime.cache.KVCache`: page selection for decode steps.

A cache made with ``page_stats=True`` keeps, per layer, page and KV head, the
per-channel min and max of the keys appended to the page (``[layers, pages, Hkv, D]``,
updated by every append, reset when a page is handed out, copied with it on write).
``cache.plan(..., quest=Quest(budget=2048))`` then selects, at each ``attend`` of a
layer past ``dense_layers``, per sequence and KV head, the page holding the last key
and the top ``budget / page_size - 1`` others by Quest's bound on the sequence's last
query (the rule of ``kvcc/codegen/reference/quest.py``, shared with the ``quest``
pass), and attends over those pages only. With a full or causal mask over plain
pages, and no eviction scores (which are indexed by position), the selection is
*compacted*: each (sequence, KV head) gets a block table row
of its selected pages in order and a length (whole pages, then the last page's
tokens), and the kernel's programs iterate those pages alone (per-head pages,
``AttentionOp``), so a decode step's work follows the budget, not the context. The
selected keys keep their order and the query stays last, so causality is unchanged;
other masks (which read positions) and quantized pages keep the sequence's pages with
the mask gaining ``page_select``, whose unselected tiles the kernels never load but
still step over. Sequences with more than one query in the step (prefill, chunks) keep
every page (the paper's dense prefill). The selection is a few tensor operations on
the device, no host sync.
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
    """The selection of one step and what it reads (see the module docstring): compacted,
    the per-head ``table`` ``[B, Hkv, W]`` and ``lens`` ``[B, Hkv]``; otherwise the mask's
    ``pages`` ``[B, Hkv, max_pages]`` uint8; either rewritten in place per layer. The
    last attend's selection is ``selected``."""

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
        # the compacted selection: a table row per (sequence, KV head), as wide as the
        # budget's pages (every page when a sequence prefills), and its lengths
        keep = quest.budget // c.page_size
        width = np_ if any(n != 1 for n in step.q_lens) else min(np_, keep)
        self.table = torch.zeros(b, c.num_kv_heads, max(1, width), dtype=torch.int32,
                                 device=dev)
        self.lens = torch.zeros(b, c.num_kv_heads, dtype=torch.int32, device=dev)
        # the last attend's selection, bool [B, Hkv, max_pages] (for inspection)
        self.selected: torch.Tensor | None = None

    @staticmethod
    def compacts(cache, mask) -> bool:
        """Whether a step over ``cache`` with ``mask`` attends over compacted selections
        (see the module docstring)."""
        from kvcc import masks as M

        return cache.quant is None and mask in (M.full(), M.causal())

    def applies(self, layer: int) -> bool:
        return layer >= self.quest.dense_layers

    def _selection(self, layer: int, q: torch.Tensor) -> torch.Tensor:
        """Bool ``[B, Hkv, NP]``: the pages layer ``layer`` reads for queries ``q [T, Hq,
        D]`` (every page in use of a prefilling sequence)."""
        c, st = self.step.cache, self.step
        bt = st.block_table.long()  # [B, NP]
        kmin = c.kmin[layer][bt].permute(0, 2, 1, 3)  # [B, Hkv, NP, D]
        kmax = c.kmax[layer][bt].permute(0, 2, 1, 3)
        ql = q[self.last_row].unsqueeze(2)  # [B, Hq, 1, D]
        n_pages = (st.kv_lens.long() + c.page_size - 1) // c.page_size
        sel = select_pages(page_bounds(ql, kmin, kmax), n_pages,
                           self.quest.budget // c.page_size)
        in_use = torch.arange(bt.shape[1], device=bt.device) < n_pages.view(-1, 1, 1)
        return (sel | ~self.decodes.view(-1, 1, 1)) & in_use

    def select(self, layer: int, q: torch.Tensor) -> torch.Tensor:
        """Write layer ``layer``'s selection for queries ``q [T, Hq, D]`` into the mask's
        buffer (and return it)."""
        self.selected = self._selection(layer, q)
        self.pages.copy_(self.selected)
        return self.pages

    def compact(self, layer: int, q: torch.Tensor) -> None:
        """Write layer ``layer``'s selection, compacted, into the table and lengths: per
        (sequence, KV head) the selected pages in order, then their token count (the
        last selected page is the sequence's last, partly filled)."""
        c, st = self.step.cache, self.step
        sel = self.selected = self._selection(layer, q)
        # a stable sort of "not selected" keeps the selected pages first, in order
        order = torch.sort((~sel).to(torch.uint8), dim=-1, stable=True).indices
        order = order[..., :self.table.shape[-1]]
        b, h, _ = sel.shape
        pages = st.block_table.long()[:, None, :].expand(b, h, -1)
        self.table.copy_(torch.gather(pages, -1, order))
        n = st.kv_lens.long().view(-1, 1)
        last = n - (n - 1).clamp(min=0) // c.page_size * c.page_size  # tokens in the last page
        count = sel.sum(-1)
        self.lens.copy_(torch.where(count > 0, (count - 1) * c.page_size + last, 0))
