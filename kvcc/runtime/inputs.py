"""Checks of a KVCache call's per-sequence arguments (before anything is planned or
written)."""

from __future__ import annotations

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
