"""KV-cache eviction by attention scores: SnapKV's and H2O's selections, and the cache
operation that keeps only the selected tokens.

The scores come from the attention kernel itself (``kvcc.attention(...,
return_scores=True, score_window=32)``, or an IR ``AttentionOp`` with a ``scores``
result): each key's softmax probability summed over a window of query rows and over
its KV head's query heads, so selection needs no second pass over the scores.

- :func:`snapkv_select` (SnapKV, at the end of prefill): the prefix keys' scores from
  the last ``window`` prompt queries, smoothed by a 1-D average pool (kernel 5, zero
  padded, as ``F.avg_pool1d(..., padding=kernel // 2)``), the top ``capacity -
  window`` of them, plus the window's own keys.
- :func:`h2o_select` (H2O, during decode): the ``recent`` last keys plus the ``heavy``
  others of largest accumulated score (the sum of every decode step's scores;
  :func:`h2o_budget` splits a budget as H2O's scripts do, 10% + 10%).
- :func:`evict`: rewrite one sequence of a :class:`~kvcc.runtime.cache.KVCache` into
  fresh pages holding only the kept tokens, freeing the rest.

Selections are per KV head (``[..., Hkv, n]`` positions, ascending): heads keep the
same number of tokens, not the same tokens. :func:`evict` therefore compacts each head
on its own: after eviction, slot ``i`` of head ``h`` holds the token that was at
``keep[h, i]``. Attention over the kept keys is unchanged by this (rotary positions are
already applied to cached keys, and decode queries see every cached key); masks that
read key positions (windows, sinks) then see the compacted positions.
"""

from __future__ import annotations

import math

import torch

from kvcc.runtime.cache import KVCache
from kvcc.runtime.pages import CacheFull


def _scores(name: str, scores: object) -> torch.Tensor:
    if not isinstance(scores, torch.Tensor) or not scores.is_floating_point():
        raise TypeError(f"{name} must be a float tensor [Hkv, L] or [B, Hkv, L], got "
                        f"{type(scores).__name__ if not isinstance(scores, torch.Tensor) else scores.dtype}")
    if scores.dim() not in (2, 3):
        raise ValueError(f"{name} must be [Hkv, L] or [B, Hkv, L], got shape {tuple(scores.shape)}")
    return scores


def _count(name: str, x: object, low: int = 0) -> int:
    if isinstance(x, bool) or not isinstance(x, int) or x < low:
        raise ValueError(f"{name} must be an int >= {low}, got {x!r}")
    return x


def _all(scores: torch.Tensor) -> torch.Tensor:
    """Every position, for each head (a sequence within budget keeps everything)."""
    n = scores.shape[-1]
    return torch.arange(n, device=scores.device).expand(scores.shape).clone()


def snapkv_select(scores: torch.Tensor, capacity: int, window: int = 32,
                  kernel: int = 5) -> torch.Tensor:
    """SnapKV's kept positions per KV head: ``scores [..., Hkv, L]`` (from
    ``score_window=window``) -> ``[..., Hkv, min(L, capacity)]`` int64, ascending: the top
    ``capacity - window`` prefix keys by their average-pooled score, and the last
    ``window`` keys. A sequence of at most ``capacity`` tokens keeps all of them."""
    scores = _scores("scores", scores)
    window = _count("window", window, 1)
    capacity = _count("capacity", capacity, window + 1)
    kernel = _count("kernel", kernel, 1)
    if kernel % 2 == 0:
        raise ValueError(f"kernel must be odd (the pool keeps the length), got {kernel}")
    n = scores.shape[-1]
    if n <= capacity:
        return _all(scores)
    prefix = scores[..., :n - window].float()
    lead = prefix.shape[:-1]
    pooled = torch.nn.functional.avg_pool1d(prefix.reshape(-1, 1, n - window), kernel, stride=1,
                                            padding=kernel // 2).reshape(*lead, n - window)
    top = pooled.topk(capacity - window, dim=-1).indices
    recent = torch.arange(n - window, n, device=scores.device).expand(*lead, window)
    return torch.cat([top.sort(-1).values, recent], -1)


def h2o_budget(length: int, heavy_ratio: float = 0.1, recent_ratio: float = 0.1
               ) -> tuple[int, int]:
    """``(recent, heavy)`` token counts for a sequence of ``length``: H2O's scripts keep
    10% heavy hitters and 10% recent tokens (a 20% budget), at least one of each."""
    length = _count("length", length, 1)
    for name, r in (("heavy_ratio", heavy_ratio), ("recent_ratio", recent_ratio)):
        if not (isinstance(r, (int, float)) and 0 < r <= 1):
            raise ValueError(f"{name} must be in (0, 1], got {r!r}")
    return max(1, int(recent_ratio * length)), max(1, int(heavy_ratio * length))


def h2o_select(accumulated: torch.Tensor, recent: int, heavy: int) -> torch.Tensor:
    """H2O's kept positions per KV head: ``accumulated [..., Hkv, L]`` (each key's scores
    summed over the decode steps so far) -> ``[..., Hkv, min(L, recent + heavy)]`` int64,
    ascending: the last ``recent`` keys and the ``heavy`` others of largest accumulated
    score."""
    accumulated = _scores("accumulated", accumulated)
    recent, heavy = _count("recent", recent), _count("heavy", heavy)
    if recent + heavy == 0:
        raise ValueError("recent + heavy must be at least 1 (a sequence keeps some token)")
    n = accumulated.shape[-1]
    if n <= recent + heavy:
        return _all(accumulated)
    lead = accumulated.shape[:-1]
    top = accumulated[..., :n - recent].float().topk(heavy, dim=-1).indices
    tail = torch.arange(n - recent, n, device=accumulated.device).expand(*lead, recent)
    return torch.cat([top.sort(-1).values, tail], -1)


def _keep_per_layer(cache: KVCache, seq: int, keep: object) -> list[torch.Tensor]:
    """``keep`` as one ``[Hkv, n]`` int64 tensor per layer, checked against the lengths."""
    layers, hkv = cache.num_layers, cache.num_kv_heads
    if isinstance(keep, (list, tuple)):
        if len(keep) != layers:
            raise ValueError(f"keep has {len(keep)} entries, the cache {layers} layers")
        items = list(keep)
    elif isinstance(keep, torch.Tensor):
        items = list(keep) if keep.dim() == 3 else [keep] * layers
        if keep.dim() == 3 and keep.shape[0] != layers:
            raise ValueError(f"keep [layers, Hkv, n] has {keep.shape[0]} layers, the cache "
                             f"{layers}")
    else:
        raise TypeError(f"keep must be a tensor of positions ([n], [Hkv, n] or "
                        f"[layers, Hkv, n]) or a list per layer, got {type(keep).__name__}")
    out = []
    for layer, t in enumerate(items):
        if not isinstance(t, torch.Tensor) or t.is_floating_point() or t.is_complex() \
                or t.dtype == torch.bool:
            raise TypeError(f"keep (layer {layer}) must be an integer tensor of positions")
        if t.dim() == 1:
            t = t.expand(hkv, -1)
        if t.dim() != 2 or t.shape[0] != hkv:
            raise ValueError(f"keep (layer {layer}) must be [n] or [Hkv={hkv}, n], got "
                             f"{tuple(t.shape)}")
        t = t.to(device=cache.device, dtype=torch.long).sort(-1).values
        n = cache.length(seq, layer)
        if t.numel() and (t.min() < 0 or t.max() >= n):
            raise ValueError(f"keep (layer {layer}): positions must be in [0, {n}) (the "
                             f"sequence's length), got {t.min().item()}..{t.max().item()}")
        if t.shape[1] > 1 and bool((t[:, 1:] == t[:, :-1]).any()):
            raise ValueError(f"keep (layer {layer}) lists a position twice for some head")
        out.append(t)
    if len({t.shape[1] for t in out}) > 1:
        raise ValueError(f"keep: every layer must keep as many tokens, got "
                         f"{[t.shape[1] for t in out]} (the layers share one block table)")
    return out


def evict(cache: KVCache, seq: int, keep: object) -> int:
    """Keep only positions ``keep`` of sequence ``seq`` and free the rest of its pages.

    ``keep``: positions ``[n]`` (every head and layer), ``[Hkv, n]`` per KV head (from
    :func:`snapkv_select` or :func:`h2o_select`), or ``[layers, Hkv, n]`` / a list of
    those per layer; the same ``n`` everywhere. Each head is compacted on its own (see
    the module docstring). The tokens are rewritten into fresh pages of a new sequence,
    whose id is returned; ``seq`` is freed (pages it shared after a fork stay with the
    other holder). Raises :class:`CacheFull`, with the cache unchanged, when the free
    pages plus those only ``seq`` holds are too few. Plans made before are invalid.
    Quantized caches are not supported yet (their tokens would be quantized again)."""
    if not isinstance(cache, KVCache):
        raise TypeError(f"cache must be a kvcc.runtime.KVCache, got {type(cache).__name__}")
    if cache.kv_format is not None:
        raise NotImplementedError(f"evict: a quantized cache ({cache.kv_format.name}) is not "
                                  "supported yet; evict from a full-precision cache")
    per_layer = _keep_per_layer(cache, seq, keep)
    n = per_layer[0].shape[1]
    kept = []
    for layer, idx in enumerate(per_layer):
        k, v = cache.read(seq, layer)  # [L, Hkv, D] gathers: they outlive the pages
        at = idx.t().unsqueeze(-1)  # [n, Hkv, 1]: token i of head h is position idx[h, i]
        kept.append((k.gather(0, at.expand(n, *k.shape[1:])),
                     v.gather(0, at.expand(n, *v.shape[1:]))))
    # read-only look at the allocator: the pages freeing seq gives back
    pages = cache._seqs[seq].pages
    own = sum(1 for p in pages if cache._alloc.refs(p) == 1)
    need = math.ceil(n / cache.page_size)
    if need > cache.pages_free + own:
        raise CacheFull(f"evict: {need} pages needed for {n} tokens; {cache.pages_free} free "
                        f"and {own} freed by sequence {seq}")
    cache.free(seq)
    new = cache.add_sequence()
    if n:
        cu = torch.tensor([0, n], dtype=torch.int32, device=cache.device)
        for layer, (k, v) in enumerate(kept):
            cache.append(layer, [new], k, v, cu)
    return new


__all__ = ["evict", "h2o_budget", "h2o_select", "snapkv_select"]
