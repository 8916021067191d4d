"""Mask validation and the dense oracle :func:`evaluate` (re-exported by
:mod:`kvcc.ir.mask`; import them from there)."""

from __future__ import annotations

import torch

from kvcc.ir.mask import (
    Align,
    And,
    ByHead,
    Causal,
    Document,
    Empty,
    Full,
    Mask,
    Not,
    Or,
    PageSelect,
    Sinks,
    SlidingWindow,
    data_refs,
    walk,
)

# ---------------------------------------------------------------- validation


def check(m: Mask, q_len: int, kv_len: int, data: dict[str, torch.Tensor] | None = None) -> None:
    """Raise ValueError when the mask's static lengths or bound data do not fit."""
    data = _collect(m, data)
    for n in walk(m):
        if isinstance(n, Document) and n.lengths is not None and sum(n.lengths) != kv_len:
            raise ValueError(
                f"mask document(lengths): lengths sum to {sum(n.lengths)} but the key length is "
                f"{kv_len}; the documents must cover every key exactly once")
        if isinstance(n, Document) and n.ids is not None:
            t = data.get(n.ids)
            if t is None:
                raise ValueError(f"mask document(ids=%{n.ids}): no tensor bound to %{n.ids}")
            if t.dim() not in (1, 2) or t.shape[-1] != kv_len:
                raise ValueError(
                    f"mask document: seq_ids must have shape [{kv_len}] or [B, {kv_len}] "
                    f"(one id per key), got {tuple(t.shape)}")
        if isinstance(n, PageSelect):
            t = data.get(n.pages)
            need = -(-kv_len // n.page_size)
            if t is None:
                raise ValueError(f"mask page_select: no tensor bound to %{n.pages}")
            if t.dim() not in (1, 2, 3) or t.shape[-1] != need:
                raise ValueError(
                    f"mask page_select: pages must have {need} entries on the last axis "
                    f"(ceil({kv_len}/{n.page_size})), got shape {tuple(t.shape)}")


def _collect(m: Mask, data: dict[str, torch.Tensor] | None) -> dict[str, torch.Tensor]:
    out = {k: v for k, v in data_refs(m).items() if v is not None}
    out.update(data or {})
    return out


# ---------------------------------------------------------------- dense oracle


def evaluate(
    m: Mask,
    q_len: int,
    kv_len: int,
    data: dict[str, torch.Tensor] | None = None,
    *,
    device: torch.device | str = "cpu",
) -> torch.Tensor:
    """The mask as a bool tensor of shape ``[Bm, Hm, q_len, kv_len]`` (Bm, Hm are 1
    unless run-time data varies by batch or head; a :class:`ByHead` mask has one head per
    query head). This is the test oracle."""
    check(m, q_len, kv_len, data)
    data = _collect(m, data)
    q = torch.arange(q_len, device=device).view(q_len, 1)
    k = torch.arange(kv_len, device=device).view(1, kv_len)
    out = _eval(m, q, k, q_len, kv_len, data)
    while out.dim() < 4:
        out = out.unsqueeze(0)
    return out.expand(*out.shape[:2], q_len, kv_len)


def _qpos(q: torch.Tensor, align: Align, q_len: int, kv_len: int) -> torch.Tensor:
    return q + (kv_len - q_len) if align is Align.bottom_right else q


def _eval(m: Mask, q, k, q_len: int, kv_len: int, data) -> torch.Tensor:
    if isinstance(m, Full):
        return torch.ones((1, 1), dtype=torch.bool, device=q.device)
    if isinstance(m, Empty):
        return torch.zeros((1, 1), dtype=torch.bool, device=q.device)
    if isinstance(m, Causal):
        return k <= _qpos(q, m.align, q_len, kv_len)
    if isinstance(m, SlidingWindow):
        p = _qpos(q, m.align, q_len, kv_len)
        return (k <= p) & (k > p - min(m.size, q_len + kv_len + 1))  # larger: all keys
    if isinstance(m, Sinks):
        return (k < min(m.n, kv_len + 1)).expand(1, kv_len)
    if isinstance(m, Document):
        if m.lengths is not None:
            ids = torch.repeat_interleave(
                torch.arange(len(m.lengths), device=q.device),
                torch.tensor(m.lengths, device=q.device))
        else:
            ids = data[m.ids].to(q.device)
        # Query i takes the id of key position i + kv_len - q_len (bottom-right); a
        # query before position 0 (more queries than keys) is in no document.
        pos = torch.arange(q_len, device=q.device) + (kv_len - q_len)
        qids = ids[..., pos.clamp(min=0)]
        eq = (qids.unsqueeze(-1) == ids.unsqueeze(-2)) & (pos >= 0).unsqueeze(-1)
        return eq.unsqueeze(-3) if eq.dim() == 3 else eq  # [B, 1, q, kv] or [q, kv]
    if isinstance(m, PageSelect):
        pages = data[m.pages].to(device=q.device, dtype=torch.bool)
        vis = pages[..., (torch.arange(kv_len, device=q.device) // min(m.page_size, kv_len + 1))]
        if vis.dim() == 2:
            vis = vis.unsqueeze(1)  # [B, 1, kv]
        return vis.unsqueeze(-2)  # [..., 1, kv]
    if isinstance(m, And):
        return _bcast_op(torch.logical_and, _eval(m.a, q, k, q_len, kv_len, data),
                         _eval(m.b, q, k, q_len, kv_len, data))
    if isinstance(m, Or):
        return _bcast_op(torch.logical_or, _eval(m.a, q, k, q_len, kv_len, data),
                         _eval(m.b, q, k, q_len, kv_len, data))
    if isinstance(m, Not):
        return ~_eval(m.a, q, k, q_len, kv_len, data)
    if isinstance(m, ByHead):
        a, b = (_eval(x, q, k, q_len, kv_len, data) for x in (m.a, m.b))
        a, b = (x.reshape((1,) * (4 - x.dim()) + tuple(x.shape)) for x in (a, b))
        sel = torch.tensor(m.selected(), device=q.device).view(1, -1, 1, 1)
        if 1 < a.shape[1] != sel.shape[1] or 1 < b.shape[1] != sel.shape[1]:
            raise ValueError(f"by_head: {sel.shape[1]} query heads, but a branch's data has "
                             f"{max(a.shape[1], b.shape[1])}")
        return torch.where(sel, a, b)
    raise TypeError(f"unknown mask node {type(m).__name__}")


def _bcast_op(fn, a: torch.Tensor, b: torch.Tensor) -> torch.Tensor:
    while a.dim() < b.dim():
        a = a.unsqueeze(0)
    while b.dim() < a.dim():
        b = b.unsqueeze(0)
    return fn(a, b)
