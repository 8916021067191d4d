"""Reference attention: the one semantics every kernel is compared with.

Plain torch, materializing the scores; float64 when asked. All layouts reduce
to :func:`attention_dense` on one padded batch or one sequence at a time.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch

from kvcc.ir.formats import Alibi
from kvcc.ir.mask import Document, Full, Mask, data_refs, evaluate, walk


@dataclass(frozen=True)
class Placement:
    """Where a block of rows/columns sits in the mask's logical coordinates."""

    q_offset: int = 0
    kv_offset: int = 0
    q_total: int | None = None
    kv_total: int | None = None


def attention_dense(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    *,
    scale: float,
    mask: Mask = Full(),
    mask_data: dict[str, torch.Tensor] | None = None,
    softcap: float | None = None,
    alibi: Alibi | None = None,
    place: Placement = Placement(),
    compute_dtype: torch.dtype = torch.float32,
    score_window: int | None = None,
) -> tuple[torch.Tensor, ...]:
    """q ``[B, Hq, Sq, D]``, k ``[B, Hkv, Skv, D]``, v ``[B, Hkv, Skv, Dv]`` ->
    (o ``[B, Hq, Sq, Dv]`` in compute_dtype, lse ``[B, Hq, Sq]`` natural log).

    Fully masked rows give o = 0 and lse = -inf. ``score_window`` (eviction scores,
    see :class:`~kvcc.ir.ops.AttentionOp`): also return ``scores [B, Hkv, Skv]``, the
    probability matrix's column sums over the last ``score_window`` rows (0: all) and
    over each KV head's query heads.
    """
    b, hq, sq, _ = q.shape
    hkv, skv = k.shape[1], k.shape[2]
    if skv == 0:  # no keys at all: every row is fully masked
        out = (torch.zeros(b, hq, sq, v.shape[-1], dtype=compute_dtype, device=q.device),
               torch.full((b, hq, sq), -math.inf, dtype=compute_dtype, device=q.device))
        if score_window is not None:
            out += (torch.zeros(b, hkv, 0, dtype=compute_dtype, device=q.device),)
        return out
    if hq % hkv:
        raise ValueError(f"Hq={hq} is not a multiple of Hkv={hkv}")
    group = hq // hkv
    qf, kf, vf = (t.to(compute_dtype) for t in (q, k, v))
    if group > 1:
        kf = kf.repeat_interleave(group, dim=1)
        vf = vf.repeat_interleave(group, dim=1)
    q_total = place.q_total if place.q_total is not None else sq
    kv_total = place.kv_total if place.kv_total is not None else skv
    visible = None
    if not isinstance(mask, Full):
        dense = evaluate(mask, q_total, kv_total, _per_query_head(mask, mask_data, hq, hkv),
                         device=q.device)
        visible = dense[..., place.q_offset:place.q_offset + sq,
                        place.kv_offset:place.kv_offset + skv]
    s = torch.einsum("bhqd,bhkd->bhqk", qf, kf)
    if softcap is not None:
        s = softcap * torch.tanh(s * scale / softcap)  # an overflowing s * scale caps at +-c
        base = torch.zeros_like(s[..., :1])
    else:
        # Shift by the row's largest raw score before scaling: scale * s can overflow
        # (a large scale) where scale * (s - max) cannot, and softmax and lse are the
        # same for any shift (lse adds it back). Detached: the shift carries no gradient.
        raw = s if visible is None else s.masked_fill(~visible, -math.inf)
        base = raw.detach().amax(-1, keepdim=True)
        base = torch.where(torch.isfinite(base), base, torch.zeros_like(base))
        s = (s - base) * scale
        base = base * scale
    qpos = torch.arange(sq, device=q.device) + place.q_offset + (kv_total - q_total)
    kpos = torch.arange(skv, device=q.device) + place.kv_offset
    if alibi is not None:
        slopes = torch.tensor(alibi.slopes(hq), dtype=compute_dtype, device=q.device)
        dist = (qpos[:, None] - kpos[None, :]).abs().to(compute_dtype)
        s = s - slopes.view(1, hq, 1, 1) * dist
    if visible is not None:
        s = s.masked_fill(~visible, -math.inf)
    m = s.amax(-1, keepdim=True)
    m_safe = torch.where(torch.isfinite(m), m, torch.zeros_like(m))
    p = torch.exp(s - m_safe)
    l_ = p.sum(-1, keepdim=True)
    o = torch.einsum("bhqk,bhkd->bhqd", p, vf) / torch.where(l_ > 0, l_, torch.ones_like(l_))
    lse = (base + m_safe + torch.log(l_)).squeeze(-1)
    lse = torch.where(l_.squeeze(-1) > 0, lse, torch.full_like(lse, -math.inf))
    if score_window is None:
        return o, lse
    probs = p / torch.where(l_ > 0, l_, torch.ones_like(l_))  # the full probability matrix
    return o, lse, column_scores(probs, score_window, hkv)


def column_scores(probs: torch.Tensor, window: int, hkv: int) -> torch.Tensor:
    """Eviction scores from probabilities ``[B, Hq, Sq, Skv]``: column sums over the last
    ``window`` rows (0: all) and over each KV head's group of query heads ->
    ``[B, Hkv, Skv]``."""
    b, hq, sq, skv = probs.shape
    rows = probs if window <= 0 or window >= sq else probs[:, :, sq - window:]
    return rows.sum(2).view(b, hkv, hq // hkv, skv).sum(2)


def _per_query_head(mask: Mask, data: dict[str, torch.Tensor] | None, hq: int,
                    hkv: int) -> dict[str, torch.Tensor]:
    """Page selections given per KV head, widened to query heads (head h reads KV
    head h // group), so tensors of either kind combine in one mask."""
    out = {n: t for n, t in data_refs(mask).items() if t is not None} | dict(data or {})
    for n, t in out.items():
        if t.dim() == 3 and t.shape[1] == hkv != hq:
            out[n] = t.repeat_interleave(hq // hkv, dim=1)
    return out


def merge_states(os: list[torch.Tensor], lses: list[torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
    """Merge attention states over disjoint key sets (techniques.md); -inf rows are the
    identity, and a row that is -inf everywhere gives o = 0, lse = -inf."""
    dt = torch.float32
    for t in (*os, *lses):
        dt = torch.promote_types(dt, t.dtype)
    lse = torch.stack([t.to(dt) for t in lses])  # [n, ...]
    m = lse.amax(0)
    m_safe = torch.where(torch.isfinite(m), m, torch.zeros_like(m))
    w = torch.exp(lse - m_safe)  # exp(-inf) = 0 for empty states
    total = w.sum(0)
    o = sum(wi.unsqueeze(-1) * oi.to(dt) for wi, oi in zip(w, os))
    o = o / torch.where(total > 0, total, torch.ones_like(total)).unsqueeze(-1)
    out_lse = torch.where(total > 0, m_safe + torch.log(total), torch.full_like(m, -math.inf))
    return o, out_lse


def check_mask_for_varlen(mask: Mask) -> None:
    """Packed and paged sequences take structured masks, and page selections (a tensor
    per sequence, ``[B, H, pages]``, over its own logical pages: Quest over a cache);
    document ids need the dense layout."""
    if any(isinstance(n, Document) and n.lengths is None for n in walk(mask)):
        raise ValueError("masks that read document ids need the dense layout; use static "
                         "document lengths with packed layouts")
