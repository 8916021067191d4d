"""The host side of a KVCache step's inputs: checks of the per-sequence arguments
(before anything is planned or written) and the index tensors a plan uploads."""

from __future__ import annotations

import math
from collections.abc import Sequence

import torch

from kvcc.checks import check_cu_seqlens, check_int


def check_lens(name: str, lens: object, n: int) -> tuple[int, ...]:
    """A list of ``n`` non-negative ints, one per sequence."""
    if isinstance(lens, (str, bytes)) or not isinstance(lens, Sequence):
        raise TypeError(f"{name} must be a list of ints, got {type(lens).__name__}")
    if len(lens) != n:
        raise ValueError(f"{name} has {len(lens)} entries for {n} sequences")
    return tuple(check_int(f"{name}[{i}]", x) for i, x in enumerate(lens))

def step_counts(name: str, cu: object, seqs: tuple[int, ...], xname: str,
             x: object) -> list[int]:
    """Per-sequence counts from a cu_seqlens (read once), checked against seqs and x."""
    if not isinstance(x, torch.Tensor):
        raise TypeError(f"{xname} must be a torch.Tensor, got {type(x).__name__}")
    cu = check_cu_seqlens(name, cu, x.device)
    c = cu.tolist()
    n = len(seqs)
    if len(c) != n + 1:
        raise ValueError(f"{name} has {len(c)} entries; {n} sequences need {n + 1}")
    if c[0] != 0 or c[-1] != x.shape[0] or any(b < a for a, b in zip(c, c[1:])):
        raise ValueError(f"{name} must start at 0, never decrease and end at {x.shape[0]} "
                         f"(the rows of {xname}), got {c}")
    return [b - a for a, b in zip(c, c[1:])]


def step_index(cache, seqs, q_lens, new, start) -> tuple[torch.Tensor, int, list[int]]:
    """A planned step's index tensors: cu_seqlens_q, kv lengths, the new tokens' slots
    and the block tables (a quantized cache: the ring rows and the writes, whose sizes
    come back), as one int32 buffer on the device (one copy)."""
    ps = cache.page_size
    lens = [s + n for s, n in zip(start, new)]
    rows = [cache._seqs[sid].pages[:math.ceil(n / ps)] for sid, n in zip(seqs, lens)]
    max_pages = max([len(r) for r in rows] + [1])
    bt = torch.zeros(len(seqs), max_pages, dtype=torch.int32)
    for i, r in enumerate(rows):
        bt[i, :len(r)] = torch.tensor(r, dtype=torch.int32)
    pos = torch.cat([torch.arange(s, s + n, dtype=torch.int32) for s, n in zip(start, new)]
                    + [torch.zeros(0, dtype=torch.int32)])
    which = torch.repeat_interleave(torch.arange(len(seqs)), torch.tensor(new, dtype=torch.long))
    slots = bt[which, (pos // ps).long()] * ps + pos % ps
    cu = torch.tensor([0, *torch.cumsum(torch.tensor(q_lens, dtype=torch.long), 0).tolist()],
                      dtype=torch.int32)
    parts = [cu, torch.tensor(lens, dtype=torch.int32), slots.to(torch.int32), bt.flatten()]
    if cache.quant is not None:  # each sequence's ring row, and the step's writes
        rows = [cache._seqs[sid].row for sid in seqs]
        parts.append(torch.tensor([r or 0 for r in rows], dtype=torch.int32))
        lists = cache.quant.plan_writes([cache._seqs[sid].pages for sid in seqs], rows,
                                       start, new)
        parts += [torch.tensor(x, dtype=torch.int32) for x in lists]
        sizes = [len(x) for x in lists]
    else:
        sizes = []
    host = torch.cat(parts)
    if cache.device.type == "cuda":  # one asynchronous copy, not a stall on the stream
        return host.pin_memory().to(cache.device, non_blocking=True), max_pages, sizes
    return host.to(cache.device), max_pages, sizes
