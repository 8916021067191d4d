"""Mask constructors for users: ``kvcc.masks.causal() & kvcc.masks.sliding_window(256)``.

Positions follow the bottom-right convention unless ``align="top_left"``: with
``Sq`` queries and ``Skv`` keys, query ``i`` sits at key position ``i + Skv - Sq``
(decode and chunked prefill see the whole cache).
"""

from __future__ import annotations

import operator
from collections.abc import Sequence

import torch

from kvcc.ir.mask import (
    Align,
    ByHead,
    Causal,
    Document,
    Empty,
    Full,
    Mask,
    PageSelect,
    Sinks,
    SlidingWindow,
    fresh_ref,
)


def _int(name: str, x) -> int:
    """An integer argument; floats such as 2.7 are rejected, not truncated."""
    try:
        return operator.index(x)
    except TypeError:
        raise TypeError(f"{name} must be an integer, got {x!r}") from None


def _align(align: str) -> Align:
    try:
        return Align(align)
    except ValueError:
        raise ValueError(f"align must be 'bottom_right' or 'top_left', got {align!r}") from None


def full() -> Mask:
    """Every key visible (no mask)."""
    return Full()


def empty() -> Mask:
    """No key visible."""
    return Empty()


def causal(align: str = "bottom_right") -> Mask:
    """Keys at or before the query's position."""
    return Causal(_align(align))


def sliding_window(window: int, align: str = "bottom_right") -> Mask:
    """The query at position p sees keys p-window+1 .. p (a causal window)."""
    return SlidingWindow(_int("window", window), _align(align))


def sinks(n: int) -> Mask:
    """The first ``n`` keys (attention sinks). Combine: ``sinks(4) | sliding_window(256)``."""
    return Sinks(_int("n", n))


def prefix_lm(n: int, align: str = "bottom_right") -> Mask:
    """Prefix-LM: the first ``n`` keys bidirectionally, causal after. Equal to
    ``causal() | sinks(n)``, which is how it is represented."""
    return Causal(_align(align)) | Sinks(_int("n", n))


def streaming(sinks: int = 4, recent: int = 256) -> Mask:
    """A streaming head's keys (StreamingLLM): the first ``sinks`` and the ``recent``
    latest up to the query, ``sinks(sinks) | sliding_window(recent)``."""
    return Sinks(_int("sinks", sinks)) | SlidingWindow(_int("recent", recent))


def by_head(heads: Sequence[int], selected: Mask, others: Mask, *, num_kv_heads: int,
            group: int = 1) -> Mask:
    """Per-head masks: query heads whose KV head (``h // group``) is in ``heads`` see
    ``selected``, the others ``others``. ``num_kv_heads`` KV heads of ``group`` query
    heads each (``Hq = num_kv_heads * group``). The choice is per KV head, so a GQA
    group shares one mask. DuoAttention's streaming heads::

        m = causal()
        by_head([0, 3], m & streaming(4, 256), m, num_kv_heads=8, group=4)
    """
    if isinstance(heads, (str, bytes)) or not isinstance(heads, Sequence):
        raise TypeError(f"by_head: heads must be a list of KV head indices, got "
                        f"{type(heads).__name__}")
    for name, m in (("selected", selected), ("others", others)):
        if not isinstance(m, Mask):
            raise TypeError(f"by_head: {name} must be a kvcc.masks mask, got {type(m).__name__}")
    return ByHead(tuple(_int("by_head heads", h) for h in heads),
                  _int("num_kv_heads", num_kv_heads), _int("group", group), selected, others)


# seq_ids dtypes taken as they are, and those converted to one of them: ids are only
# compared for equality, so any injective conversion keeps the mask (uint64 wraps to
# int64, a bijection)
_SEQ_ID_DTYPES = (torch.int8, torch.uint8, torch.int32, torch.int64)
_SEQ_ID_WIDEN = {torch.int16: torch.int32, torch.uint16: torch.int32,
                 torch.uint32: torch.int64, torch.uint64: torch.int64}


def document(lengths: Sequence[int] | None = None, *, seq_ids: torch.Tensor | None = None) -> Mask:
    """Block-diagonal: query and key in the same document. Give static ``lengths``
    (documents end to end over the keys; they must sum to Skv), or a run-time
    tensor ``seq_ids`` of shape ``[Skv]`` or ``[B, Skv]``, of any integer dtype
    (int16, uint16, uint32 and uint64 ids are copied to int32 or int64 here).
    Combine with ``causal()`` for causal-within-document (packed prefill)."""
    if (lengths is None) == (seq_ids is None):
        raise ValueError("document: give exactly one of lengths or seq_ids")
    if lengths is not None:
        try:
            items = tuple(lengths)
        except TypeError:
            raise TypeError(f"document: lengths must be a sequence of ints (run-time ids go "
                            f"in seq_ids=), got {type(lengths).__name__}") from None
        return Document(lengths=tuple(_int("document lengths", n) for n in items))
    if not isinstance(seq_ids, torch.Tensor):
        raise TypeError(f"document: seq_ids must be an integer tensor, got "
                        f"{type(seq_ids).__name__}")
    if seq_ids.dtype in _SEQ_ID_WIDEN:
        seq_ids = seq_ids.to(_SEQ_ID_WIDEN[seq_ids.dtype])
    elif seq_ids.dtype not in _SEQ_ID_DTYPES:
        raise TypeError(f"document: seq_ids must be an integer tensor (int8 to int64, uint8 to "
                        f"uint64), got {seq_ids.dtype}")
    return Document(ids=fresh_ref("doc"), data=seq_ids)


def page_selection(pages: torch.Tensor, page_size: int) -> Mask:
    """Keys in the selected pages only: ``pages`` is a bool tensor ``[n_pages]``,
    ``[B, n_pages]`` or ``[B, Hkv or Hq, n_pages]`` (Quest-style selection)."""
    if not isinstance(pages, torch.Tensor) or pages.dtype != torch.bool:
        raise TypeError("page_selection: pages must be a bool tensor")
    return PageSelect(_int("page_size", page_size), fresh_ref("pages"), data=pages)


__all__ = [
    "Mask",
    "by_head",
    "causal",
    "document",
    "empty",
    "full",
    "page_selection",
    "prefix_lm",
    "sinks",
    "sliding_window",
    "streaming",
]
