"""``pack_prompts``: Prepacking's prefill through a :class:`~kvcc.runtime.cache.KVCache`.

The prompts are bin-packed into rows (first-fit-decreasing, :mod:`kvcc.passes.binpack`),
their tokens laid out row after row, and the model's prefill runs once over all of
them in one planned cache step: one append and one attention launch per layer. Each
prompt is its own sequence of the cache, so its queries see its own keys only (the
document mask) with positions restarting at 0 (the position ids). The step's packed
(varlen) layout needs no padding: a row's unused capacity is never computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import torch

from kvcc.ir.mask import Causal, Mask
from kvcc.passes.binpack import Packing, first_fit_decreasing
from kvcc.runtime.cache import KVCache
from kvcc.runtime.step import Step


class CachedModel(Protocol):
    """What :func:`pack_prompts` runs: packed token ids ``[T]`` at ``positions [T]``
    through a planned step -> logits ``[T, vocab]`` (as
    :meth:`kvcc.models.TinyDecoder.forward_cached`)."""

    def forward_cached(self, tokens: torch.Tensor, positions: torch.Tensor,
                       step: Step) -> torch.Tensor: ...


@dataclass(frozen=True)
class PackedPrefill:
    """What :func:`pack_prompts` did: ``seqs[i]`` is prompt ``i``'s sequence in the
    cache (holding its K/V in every layer), ``logits [n, vocab]`` the logits of each
    prompt's last token (prompt order), ``packing`` the rows and the map back."""

    seqs: tuple[int, ...]
    logits: torch.Tensor
    packing: Packing


def check_prompts(prompts: object, vocab: int | None = None) -> list[list[int]]:
    """Prompts as lists of token ids: a non-empty list of non-empty id lists (or 1-D
    integer tensors), ids in ``[0, vocab)``; errors name the prompt."""
    if isinstance(prompts, (str, bytes, torch.Tensor)) or not isinstance(prompts, Sequence) \
            or not prompts:
        raise TypeError("prompts must be a non-empty list of token-id lists")
    top = f"in [0, {vocab})" if vocab is not None else ">= 0"
    out = []
    for i, p in enumerate(prompts):
        if isinstance(p, torch.Tensor):
            if p.dim() != 1 or p.is_floating_point() or p.is_complex() or p.dtype == torch.bool:
                raise ValueError(f"prompts[{i}] must be a 1-D integer tensor, got {p.dtype} "
                                 f"{list(p.shape)}")
            p = p.tolist()
        if isinstance(p, (str, bytes)) or not isinstance(p, Sequence):
            raise TypeError(f"prompts[{i}] must be a list of token ids, got {type(p).__name__}")
        ids = list(p)
        if not ids or any(isinstance(t, bool) or not isinstance(t, int) or t < 0
                          or (vocab is not None and t >= vocab) for t in ids):
            raise ValueError(f"prompts[{i}] must be a non-empty list of token ids {top}")
        out.append(ids)
    return out


def _model_defaults(model: object, num_q_heads: int | None,
                    mask: Mask | Sequence[Mask | None] | None):
    if not callable(getattr(model, "forward_cached", None)):
        raise TypeError(f"model must have forward_cached(tokens, positions, step) (as "
                        f"kvcc.models.TinyDecoder), got {type(model).__name__}")
    cfg = getattr(model, "cfg", None)
    if num_q_heads is None:
        num_q_heads = getattr(cfg, "heads", None)
        if num_q_heads is None:
            raise TypeError("num_q_heads: give the model's query head count (it has no "
                            "cfg.heads to take it from)")
    if mask is None:
        layer_masks = getattr(model, "layer_masks", None)
        mask = layer_masks() if callable(layer_masks) else Causal()
    return num_q_heads, mask, getattr(cfg, "vocab", None)


@torch.no_grad()
def pack_prompts(model: CachedModel, prompts: Sequence[Sequence[int]], cache: KVCache, *,
                 capacity: int | None = None, num_q_heads: int | None = None,
                 mask: Mask | Sequence[Mask | None] | None = None) -> PackedPrefill:
    """Prefill ``prompts`` packed (see the module docstring): adds one sequence per
    prompt to ``cache``, fills it with the prompt's K/V, and returns each prompt's
    last-token logits (:class:`PackedPrefill`).

    ``capacity``: tokens per row (default: the longest prompt); a longer prompt raises
    ``ValueError`` naming it. ``num_q_heads`` and ``mask`` (one mask, or one per layer)
    default to the model's (``model.cfg.heads``, ``model.layer_masks()``; causal for a
    model without ``layer_masks``). Bad prompts (token ids outside ``[0,
    model.cfg.vocab)`` included) and a bad capacity raise before the cache is touched;
    if the step fails (``CacheFull``, a model error) the new sequences are freed
    again."""
    if not isinstance(cache, KVCache):
        raise TypeError(f"cache must be a kvcc.KVCache, got {type(cache).__name__}")
    num_q_heads, mask, vocab = _model_defaults(model, num_q_heads, mask)
    prompts = check_prompts(prompts, vocab)
    lens = [len(p) for p in prompts]
    packing = first_fit_decreasing(lens, capacity)
    order = packing.order
    dev = cache.device
    tokens = torch.tensor([t for p in order for t in prompts[p]], dtype=torch.long, device=dev)
    positions = torch.cat([torch.arange(lens[p], device=dev) for p in order])
    ends = torch.tensor(lens, device=dev)[list(order)].cumsum(0) - 1  # packed order
    last = torch.empty_like(ends)
    last[list(order)] = ends  # prompt order: each prompt's last row
    seqs = [cache.add_sequence() for _ in prompts]
    try:
        step = cache.plan([seqs[p] for p in order], [lens[p] for p in order],
                          num_q_heads=num_q_heads, mask=mask)
        logits = model.forward_cached(tokens, positions, step)
    except BaseException:
        for s in seqs:
            cache.free(s)
        raise
    return PackedPrefill(tuple(seqs), logits[last], packing)
