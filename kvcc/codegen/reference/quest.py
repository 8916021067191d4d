"""Quest's query-aware page selection, by the reference (the rule every path follows).

Keys are in pages of ``page`` tokens; each page keeps the per-channel ``min`` and
``max`` of its keys. For a query ``q``, a page's upper bound on ``q . k`` over its keys
is ``sum_i max(q_i * max_i, q_i * min_i)``. A sequence keeps the page holding its last
key and the top ``keep - 1`` of the others by bound (ties: the earlier page), or every
page when it has at most ``keep``.

Grouped-query attention chooses per KV head: a page's score for a KV head is the
largest bound over the group's query heads (and over the step's queries), the bound on
the best score any of them can reach in that page. One selection per KV head keeps
the kernels' GQA form: the group's query heads share one program and read each
selected K/V page once (a selection per query head would read the union of the
group's pages, or split the group); the largest bound keeps every page that any head
of the group ranks high.
"""

from __future__ import annotations

import torch


def page_stats(k: torch.Tensor, page: int) -> tuple[torch.Tensor, torch.Tensor]:
    """Per-page per-channel min and max of keys ``[B, Hkv, S, D]``: ``[B, Hkv, ceil(S /
    page), D]`` each (the last page over the keys it has)."""
    b, h, s, d = k.shape
    n = -(-s // page)
    pad = n * page - s
    kf = k.float()
    lo = torch.nn.functional.pad(kf, (0, 0, 0, pad), value=float("inf"))
    hi = torch.nn.functional.pad(kf, (0, 0, 0, pad), value=float("-inf"))
    return (lo.view(b, h, n, page, d).amin(3), hi.view(b, h, n, page, d).amax(3))


def page_bounds(q: torch.Tensor, kmin: torch.Tensor, kmax: torch.Tensor) -> torch.Tensor:
    """Scores ``[B, Hkv, P]``: for queries ``q [B, Hq, Sq, D]`` and page stats ``[B, Hkv,
    P, D]``, the largest bound over each KV head's query heads and the queries. The bound
    ``sum_i max(q_i max_i, q_i min_i)`` is ``relu(q) . max + min(q, 0) . min`` (each term
    picks the larger product), computed as two matrix products in float32."""
    b, hq, sq, d = q.shape
    hkv = kmin.shape[1]
    qf = q.float().reshape(b, hkv, hq // hkv * sq, d)
    pos = qf.clamp(min=0)
    bound = pos @ kmax.float().transpose(-1, -2) + (qf - pos) @ kmin.float().transpose(-1, -2)
    return bound.amax(2)


def select_pages(bounds: torch.Tensor, n_pages: torch.Tensor, keep: int) -> torch.Tensor:
    """Bool ``[B, Hkv, P]``: per sequence (``n_pages [B]`` pages in use), the last page and
    the top ``keep - 1`` others by bound (stable: the earlier page wins a tie)."""
    b, h, p = bounds.shape
    idx = torch.arange(p, device=bounds.device)
    n = n_pages.to(bounds.device).view(b, 1, 1)
    last = idx.view(1, 1, p) == n - 1
    others = idx.view(1, 1, p) < n - 1
    score = torch.where(others, bounds.float(), torch.full_like(bounds.float(), float("-inf")))
    order = torch.sort(score, dim=-1, descending=True, stable=True).indices
    rank = torch.empty_like(order)
    rank.scatter_(-1, order, idx.expand(b, h, p).contiguous())
    top = others & (rank < max(keep - 1, 0))
    return top | last
