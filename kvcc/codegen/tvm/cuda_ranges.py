"""The key tiles kvcc's CUDA attention kernels visit, as TensorIR index statements.

A program of the decode and prefill kernels in ``cuda_kernels.py`` visits only the key
tiles some row of it sees under the window and sinks masks: the sink tiles, then the
window's tiles (never the gap between them; tiles both hold are visited once), and a
decode splits that list of tiles evenly among its ``NS`` programs. The statements here
compute those ranges into ``iv``, a program's int32 registers (see the slot constants
below), and test a key's visibility; they are TVMScript text, and plain Python
evaluates them too (the tests check the ranges against the mask). Key ``j`` is visible
to the query at position ``p`` when ``j < sinks`` or ``p - window < j <= p`` (and ``j``
is in the sequence).
"""

# ruff: noqa: E501  (TVMScript statements: one per line)
from __future__ import annotations

# Slots of ``iv``, a program's int32 registers holding its keys and tiles (see
# :func:`decode_ranges`): keys, window size, sinks, the window's first key, its first
# tile, its tiles, the sink tiles, the program's tiles, the current tile's first key,
# tiles per split and a split's first tile (decode), the window's end (prefill), the
# sequence's first query and key, query and key counts (varlen prefill), the key a
# thread stages (quantized pages: computed once for the loads of its codes and scales).
NK, W, SN, LO, WT0, NW, ST, NTL, J0, PER, TLO, HI, Q0, K0, SQ, SK, KEY = range(17)
IV_SLOTS = 17  # the size of ``iv``


def decode_ranges(bn: int) -> list[str]:
    """The key tiles split ``bx`` of a decode visits, for ``nk`` keys (the query is key
    ``nk - 1``): the window's keys are ``[lo, nk)``, its tiles ``wt0 ..`` (``nw`` of
    them), the sinks' tiles ``0 .. st - 1`` (stopping where the window's start); tile
    ``t`` of the ``st + nw`` is split ``t // per``'s, which visits ``ntl`` of them from
    ``tlo``. The values live in the int32 registers ``iv`` (not lets: TVM's simplifier
    would substitute and case-split these nested min/max/select trees into every
    index, which takes it minutes)."""
    return [
        f"iv[{W}] = T.max(T.min(window, iv[{NK}]), 0)",
        f"iv[{SN}] = T.max(T.min(sinks, iv[{NK}]), 0)",
        f"iv[{LO}] = iv[{NK}] - iv[{W}]",
        f"iv[{WT0}] = iv[{LO}] // {bn}",
        f"iv[{NW}] = T.Select(iv[{W}] > 0, (iv[{NK}] + {bn - 1}) // {bn} - iv[{WT0}], 0)",
        f"iv[{ST}] = T.min((iv[{SN}] + {bn - 1}) // {bn}, T.Select(iv[{NW}] > 0, iv[{WT0}], iv[{NK}]))",
        f"iv[{PER}] = (iv[{ST}] + iv[{NW}] + NS - 1) // NS",
        f"iv[{TLO}] = bx * iv[{PER}]",
        f"iv[{NTL}] = T.max(T.min(iv[{TLO}] + iv[{PER}], iv[{ST}] + iv[{NW}]) - iv[{TLO}], 0)",
    ]


def decode_tile(bn: int) -> str:
    """The first key of the split's tile ``t``: sink tiles first, then the window's."""
    return f"iv[{J0}] = T.Select(iv[{TLO}] + t < iv[{ST}], iv[{TLO}] + t, iv[{WT0}] + iv[{TLO}] + t - iv[{ST}]) * {bn}"


def decode_visible(j: str) -> str:
    """Whether key ``j`` (an expression) of a decode's sequence is visible."""
    return f"{j} < iv[{NK}] and ({j} < iv[{SN}] or {j} >= iv[{LO}])"


def prefill_ranges(bm: int, bn: int, S: str = "S", L: str = "L") -> list[str]:
    """The key tiles the query block at row ``r0`` visits (``S`` queries over ``L``
    keys, bottom-right): its rows' windows cover keys ``[lo, hi)``, tiles ``wt0 ..``
    (``nw`` of them, running on to the last sink tile when the sinks reach past the
    window: early rows see sinks after their position), the sinks' tiles ``0 .. st -
    1`` stop where the window's start (all of them when the block sees no window key);
    ``ntl`` in all, none past the sequence's queries. In ``iv`` as
    :func:`decode_ranges`."""
    return [
        f"iv[{W}] = T.max(T.min(window, {L}), 0)",
        f"iv[{SN}] = T.max(T.min(sinks, {L}), 0)",
        f"iv[{HI}] = T.max(T.min({L}, r0 + {bm} + {L} - {S}), 0)",
        f"iv[{LO}] = T.max(r0 + {L} - {S} - iv[{W}] + 1, 0)",
        f"iv[{WT0}] = iv[{LO}] // {bn}",
        f"iv[{NW}] = T.Select(iv[{W}] > 0, T.max(T.max((iv[{HI}] + {bn - 1}) // {bn}, (iv[{SN}] + {bn - 1}) // {bn}) - iv[{WT0}], 0), 0)",
        f"iv[{ST}] = T.min((iv[{SN}] + {bn - 1}) // {bn}, T.Select(iv[{NW}] > 0, iv[{WT0}], {L}))",
        f"iv[{NTL}] = T.Select(r0 < {S}, iv[{ST}] + iv[{NW}], 0)",
    ]


def prefill_tile(bn: int) -> str:
    """The first key of the block's tile ``t``: sink tiles first, then the window's."""
    return f"iv[{J0}] = T.Select(t < iv[{ST}], t, iv[{WT0}] + t - iv[{ST}]) * {bn}"


def prefill_visible(j: str, p: str, L: str = "L") -> str:
    """Whether key ``j`` is visible to the query at key position ``p`` (expressions)."""
    return f"{j} < {L} and ({j} < iv[{SN}] or ({j} <= {p} and {j} > {p} - iv[{W}]))"


def visible_tiles(length: int, window: int, sinks: int, block_n: int) -> int:
    """Key tiles of ``block_n`` a decode over ``length`` keys visits (the window's and
    the sinks', counted as :func:`decode_ranges` counts them): what the launcher
    chooses a decode's split count from."""
    w, sn = max(0, min(window, length)), max(0, min(sinks, length))
    wt0 = (length - w) // block_n
    nw = -(-length // block_n) - wt0 if w > 0 else 0
    return min(-(-sn // block_n), wt0 if nw > 0 else length) + nw
