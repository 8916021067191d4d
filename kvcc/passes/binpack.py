"""First-fit-decreasing bin packing of prompts into rows (Prepacking's packer).

:func:`first_fit_decreasing` places prompts, longest first, each into the first row
with room for it; :class:`Packing` is the result: which prompts each row holds, in
order, and the maps between a prompt's tokens and (row, offset). Pure Python; the
``pack`` pass and :func:`kvcc.pack_prompts` both use it.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Packing:
    """Prompts of ``lengths`` packed into ``rows`` of at most ``capacity`` tokens.

    ``rows[r]`` lists the prompts (indices into ``lengths``) row ``r`` holds, laid end
    to end in that order. Every prompt is in exactly one row, whole."""

    lengths: tuple[int, ...]
    capacity: int
    rows: tuple[tuple[int, ...], ...]
    _place: tuple[tuple[int, int], ...] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        place: list[tuple[int, int] | None] = [None] * len(self.lengths)
        for r, row in enumerate(self.rows):
            start = 0
            for p in row:
                if place[p] is not None:
                    raise ValueError(f"prompt {p} is in more than one row")
                place[p] = (r, start)
                start += self.lengths[p]
            if start > self.capacity:
                raise ValueError(f"row {r} holds {start} tokens, more than the capacity "
                                 f"{self.capacity}")
        missing = [p for p, x in enumerate(place) if x is None]
        if missing:
            raise ValueError(f"prompts {missing} are in no row")
        object.__setattr__(self, "_place", tuple(place))

    @property
    def width(self) -> int:
        """Tokens in the fullest row (at most ``capacity``): the packed rows' length."""
        return max(self.fill(r) for r in range(len(self.rows)))

    def fill(self, row: int) -> int:
        """Tokens row ``row`` holds."""
        return sum(self.lengths[p] for p in self.rows[row])

    @property
    def order(self) -> tuple[int, ...]:
        """The prompts in packed order: row after row, each row's prompts in order."""
        return tuple(p for row in self.rows for p in row)

    def place(self, prompt: int) -> tuple[int, int]:
        """(row, offset of its first token) of prompt ``prompt``."""
        return self._place[prompt]

    def locate(self, row: int, offset: int) -> tuple[int, int] | None:
        """The map back: (prompt, position in the prompt) of the token at ``offset`` of
        row ``row``, or None for padding past the row's fill."""
        if not (0 <= row < len(self.rows)) or offset < 0:
            raise IndexError(f"(row {row}, offset {offset}) is outside {len(self.rows)} rows")
        for p in self.rows[row]:
            if offset < self.lengths[p]:
                return p, offset
            offset -= self.lengths[p]
        return None

    def seq_ids(self, pad: int = -1) -> list[list[int]]:
        """``[rows, width]`` prompt index of every slot (``pad`` past a row's fill): the
        document ids of the packed rows."""
        return [[p for p in row for _ in range(self.lengths[p])]
                + [pad] * (self.width - self.fill(r)) for r, row in enumerate(self.rows)]

    def position_ids(self) -> list[list[int]]:
        """``[rows, width]`` position of every slot within its prompt, restarting at 0
        for each prompt (0 past a row's fill)."""
        return [[i for p in row for i in range(self.lengths[p])]
                + [0] * (self.width - self.fill(r)) for r, row in enumerate(self.rows)]


def check_lengths(lengths: object) -> tuple[int, ...]:
    """Prompt lengths as a tuple of positive ints (a ``ValueError``/``TypeError``
    naming the bad entry otherwise)."""
    if isinstance(lengths, (str, bytes)) or not isinstance(lengths, Sequence):
        raise TypeError(f"lengths must be a list of prompt lengths, got {type(lengths).__name__}")
    if not lengths:
        raise ValueError("lengths is empty: there is nothing to pack")
    out = []
    for i, n in enumerate(lengths):
        if isinstance(n, bool) or not isinstance(n, numbers.Integral):
            raise TypeError(f"lengths[{i}] must be an int, got {type(n).__name__}")
        if n < 1:
            raise ValueError(f"lengths[{i}] = {n}: a prompt has at least one token")
        out.append(int(n))
    return tuple(out)


def first_fit_decreasing(lengths: Sequence[int], capacity: int | None = None) -> Packing:
    """Pack prompts of ``lengths`` into rows of at most ``capacity`` tokens (default:
    the longest prompt). Prompts go longest first (equal lengths: lower index first),
    each into the first row with room, else a new row; deterministic. A prompt longer
    than ``capacity`` raises ``ValueError`` naming it."""
    lens = check_lengths(lengths)
    if capacity is None:
        capacity = max(lens)
    if isinstance(capacity, bool) or not isinstance(capacity, numbers.Integral):
        raise TypeError(f"capacity must be an int, got {type(capacity).__name__}")
    if capacity < 1:
        raise ValueError(f"capacity must be >= 1, got {capacity}")
    capacity = int(capacity)
    too_long = [i for i, n in enumerate(lens) if n > capacity]
    if too_long:
        i = too_long[0]
        raise ValueError(f"prompt {i} has {lens[i]} tokens, more than the capacity {capacity} "
                         "of a row; raise the capacity (at least the longest prompt) or split "
                         "the prompt")
    rows: list[list[int]] = []
    room: list[int] = []
    for p in sorted(range(len(lens)), key=lambda i: (-lens[i], i)):
        for r, free in enumerate(room):
            if lens[p] <= free:
                rows[r].append(p)
                room[r] -= lens[p]
                break
        else:
            rows.append([p])
            room.append(capacity - lens[p])
    return Packing(lens, capacity, tuple(tuple(r) for r in rows))
