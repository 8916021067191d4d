"""Exact block structure of masks: per-row interval sets and the tile classifier.

A structured mask maps each query row to a set of visible keys that is a union
of disjoint half-open intervals ``[lo, hi)``. Atoms give one interval per row;
``&`` intersects pairwise, ``~`` takes the gaps, ``|`` is ``~(~a & ~b)``. So
for any boolean combination of structured atoms the visible set of every row is
known exactly, and a ``(q-block, kv-block)`` tile is classified exactly:
``EMPTY`` (no row sees any key of the tile), ``FULL`` (every row sees every key)
or ``PARTIAL``. Masks that read run-time tensors are classified from their dense
evaluation instead, which is exact too (and costs a pass over the data).
Head-dependent masks (:class:`~kvcc.ir.mask.ByHead`) are classified per query head
(:func:`for_head` resolves the choice); their :func:`row_intervals` are the keys some
head sees (the union of the branches), which is what a bound over every head needs.
"""

from __future__ import annotations

import enum

import numpy as np
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
    Sinks,
    SlidingWindow,
    evaluate,
    head_dependent,
    is_structured,
    walk,
)


class Tile(enum.IntEnum):
    EMPTY = 0
    PARTIAL = 1
    FULL = 2


# An interval set over rows: (lo, hi), int64 arrays [q_len, K]; the K intervals of
# a row are disjoint; an empty interval is stored as (kv_len, kv_len).
Intervals = tuple[np.ndarray, np.ndarray]


def row_intervals(m: Mask, q_len: int, kv_len: int) -> Intervals:
    """Visible keys of every query row, as disjoint half-open intervals."""
    if not is_structured(m):
        raise ValueError("row_intervals needs a structured mask (no run-time data)")
    lo, hi = _iv(m, np.arange(q_len, dtype=np.int64), q_len, kv_len)
    return _compact(lo, hi, kv_len)


def num_query_heads(m: Mask) -> int:
    """The query heads a head-dependent mask is written for (1 for any other mask)."""
    counts = {n.num_heads * n.group for n in walk(m) if isinstance(n, ByHead)}
    if len(counts) > 1:
        raise ValueError(f"mask: by_head nodes disagree on the number of query heads "
                         f"({sorted(counts)})")
    return counts.pop() if counts else 1


def for_head(m: Mask, h: int) -> Mask:
    """The mask query head ``h`` sees: every :class:`ByHead` resolved to its branch."""
    if isinstance(m, ByHead):
        return for_head(m.a if h // m.group in m.heads else m.b, h)
    if isinstance(m, (And, Or)):
        return type(m)(for_head(m.a, h), for_head(m.b, h))
    if isinstance(m, Not):
        return Not(for_head(m.a, h))
    return m


def _one(lo: np.ndarray, hi: np.ndarray, kv_len: int) -> Intervals:
    lo = np.clip(lo, 0, kv_len)
    hi = np.clip(hi, 0, kv_len)
    return _normalize(lo[:, None], hi[:, None], kv_len)


def _normalize(lo: np.ndarray, hi: np.ndarray, kv_len: int) -> Intervals:
    empty = lo >= hi
    return np.where(empty, kv_len, lo), np.where(empty, kv_len, hi)


def _compact(lo: np.ndarray, hi: np.ndarray, kv_len: int) -> Intervals:
    """Sort each row's intervals by start and drop columns empty in every row."""
    lo, hi = _normalize(lo, hi, kv_len)
    order = np.argsort(lo, axis=1, kind="stable")
    lo = np.take_along_axis(lo, order, 1)
    hi = np.take_along_axis(hi, order, 1)
    keep = (lo < hi).any(axis=0)
    if not keep.any():
        keep[:1] = True
    return lo[:, keep], hi[:, keep]


def _iv(m: Mask, q: np.ndarray, q_len: int, kv_len: int) -> Intervals:
    n = len(q)
    if isinstance(m, Full):
        return _one(np.zeros(n, np.int64), np.full(n, kv_len), kv_len)
    if isinstance(m, Empty):
        return _one(np.zeros(n, np.int64), np.zeros(n, np.int64), kv_len)
    if isinstance(m, (Causal, SlidingWindow)):
        p = q + (kv_len - q_len) if m.align is Align.bottom_right else q
        lo = (p - min(m.size, q_len + kv_len + 1) + 1 if isinstance(m, SlidingWindow)
              else np.zeros(n, np.int64))
        return _one(lo, p + 1, kv_len)
    if isinstance(m, Sinks):
        return _one(np.zeros(n, np.int64), np.full(n, min(m.n, kv_len)), kv_len)
    if isinstance(m, Document):
        starts = np.concatenate([[0], np.cumsum(m.lengths)]).astype(np.int64)
        pos = q + (kv_len - q_len)
        d = np.searchsorted(starts, pos, side="right") - 1
        d = np.clip(d, 0, len(m.lengths) - 1)
        outside = pos < 0  # more queries than keys: these rows are in no document
        return _one(np.where(outside, 0, starts[d]), np.where(outside, 0, starts[d + 1]), kv_len)
    if isinstance(m, And):
        alo, ahi = _iv(m.a, q, q_len, kv_len)
        blo, bhi = _iv(m.b, q, q_len, kv_len)
        lo = np.maximum(alo[:, :, None], blo[:, None, :]).reshape(n, -1)
        hi = np.minimum(ahi[:, :, None], bhi[:, None, :]).reshape(n, -1)
        return _compact(lo, hi, kv_len)
    if isinstance(m, Not):
        lo, hi = _compact(*_iv(m.a, q, q_len, kv_len), kv_len)
        # gaps: [0, lo0), [hi0, lo1), ..., [hi_last, kv_len); empties sit at kv_len
        glo = np.concatenate([np.zeros((n, 1), np.int64), hi], axis=1)
        ghi = np.concatenate([lo, np.full((n, 1), kv_len)], axis=1)
        return _compact(glo, ghi, kv_len)
    if isinstance(m, Or):
        return _iv(Not(And(Not(m.a), Not(m.b))), q, q_len, kv_len)
    if isinstance(m, ByHead):  # keys some head sees
        return _iv(Or(m.a, m.b), q, q_len, kv_len)
    raise TypeError(f"no interval form for {type(m).__name__}")


def classify_tiles(
    m: Mask,
    q_len: int,
    kv_len: int,
    block_m: int,
    block_n: int,
    data: dict[str, torch.Tensor] | None = None,
) -> np.ndarray:
    """Tile classes, int8 array ``[Bm, Hm, ceil(q_len/block_m), ceil(kv_len/block_n)]``.

    Tiles past the end (the last, ragged block) count only their in-range part. A
    head-dependent mask gives one row of classes per query head (``Hm`` of them).
    """
    if block_m <= 0 or block_n <= 0:
        raise ValueError("block sizes must be positive")
    nq, nk = -(-q_len // block_m), -(-kv_len // block_n)
    if is_structured(m) and head_dependent(m):
        return np.concatenate([classify_tiles(for_head(m, h), q_len, kv_len, block_m, block_n)
                               for h in range(num_query_heads(m))], axis=1)
    if not is_structured(m):
        dense = evaluate(m, q_len, kv_len, data).numpy()
        return _classify_dense(dense, block_m, block_n, nq, nk)
    lo, hi = row_intervals(m, q_len, kv_len)
    bounds = np.minimum(np.arange(nk + 1, dtype=np.int64) * block_n, kv_len)  # [nk+1]
    out = np.empty((nq, nk), np.int8)
    for i in range(nq):  # per q-block keeps memory at block_m * K * nk
        r0, r1 = i * block_m, min((i + 1) * block_m, q_len)
        lo_r, hi_r = lo[r0:r1, :, None], hi[r0:r1, :, None]
        # covered keys of each row below each boundary, then per block by difference
        below = np.clip(np.minimum(hi_r, bounds) - lo_r, 0, None).sum(axis=1)  # [rows, nk+1]
        cov = np.diff(below, axis=1)  # [rows, nk]
        width = np.diff(bounds)[None, :]
        empty = (cov == 0).all(axis=0)
        full = (cov == width).all(axis=0)
        out[i] = np.where(empty, Tile.EMPTY, np.where(full, Tile.FULL, Tile.PARTIAL))
    return out[None, None]


def _classify_dense(dense: np.ndarray, bm: int, bn: int, nq: int, nk: int) -> np.ndarray:
    b, h, q_len, kv_len = dense.shape
    pad = np.zeros((b, h, nq * bm, nk * bn), dtype=np.int8)  # 0 = padding
    pad[:, :, :q_len, :kv_len] = np.where(dense, 2, 1)  # 2 visible, 1 hidden
    t = pad.reshape(b, h, nq, bm, nk, bn)
    any_vis = (t == 2).any(axis=(3, 5))
    any_hid = (t == 1).any(axis=(3, 5))
    return np.where(~any_vis, Tile.EMPTY, np.where(any_hid, Tile.PARTIAL, Tile.FULL)).astype(np.int8)


def classify_dense(m: Mask, q_len: int, kv_len: int, block_m: int, block_n: int,
                   data: dict[str, torch.Tensor] | None = None) -> np.ndarray:
    """Tile classes from the dense oracle (for tests and data-dependent masks)."""
    dense = evaluate(m, q_len, kv_len, data).numpy()
    return _classify_dense(dense, block_m, block_n, -(-q_len // block_m), -(-kv_len // block_n))


def block_lists(tiles: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per q-block lists of non-empty kv-blocks, FlexAttention-style CSR.

    Returns ``(counts [.., nq], indices [.., nq, nk], is_full [.., nq, nk])``;
    indices are ascending and padded with the last valid index."""
    nonempty = tiles != Tile.EMPTY
    counts = nonempty.sum(-1).astype(np.int32)
    order = np.argsort(~nonempty, axis=-1, kind="stable").astype(np.int32)
    full = np.take_along_axis(tiles, order, -1) == Tile.FULL
    return counts, order, full
