"""The mask algebra: predicates on ``(batch, head, q_idx, kv_idx)``.

A mask answers "may query ``q`` see key ``kv``?". Query and key indices run over
the *logical* lengths ``q_len`` and ``kv_len`` of one sequence. Alignment
between them follows the FlashAttention convention: ``bottom_right`` (the
default) puts the last query at the last key, so query ``i`` sits at key
position ``i + kv_len - q_len`` (decode, chunked prefill); ``top_left`` puts
query ``i`` at key position ``i``.

Masks are frozen dataclasses, compared structurally, combined with ``&``, ``|``
and ``~``, and nested at most :data:`MAX_DEPTH` levels deep (every consumer walks
them recursively). Structured masks (everything except those that read a run-time
tensor) are also described exactly as per-row interval sets
(:mod:`kvcc.ir.mask_tiles`). :func:`evaluate` is the dense oracle every other
representation is tested against.
"""

from __future__ import annotations

import enum
import itertools
from dataclasses import dataclass, field

import torch


class Align(enum.Enum):
    bottom_right = "bottom_right"
    top_left = "top_left"


# Masks are trees that equality, hashing, printing, lowering and the emitters walk
# recursively; a bound on their depth keeps every walk far from Python's recursion
# limit. Real masks are a handful of levels deep.
MAX_DEPTH = 32


class Mask:
    """Base class of mask nodes. Subclasses are frozen dataclasses."""

    __slots__ = ()

    def __and__(self, other: Mask) -> Mask:
        return And(self, _check_mask(other))

    def __or__(self, other: Mask) -> Mask:
        return Or(self, _check_mask(other))

    # ``3 & mask``: the left operand declined, so the message is ours, not Python's
    # generic "unsupported operand"
    def __rand__(self, other: object) -> Mask:
        return And(_check_mask(other), self)

    def __ror__(self, other: object) -> Mask:
        return Or(_check_mask(other), self)

    def __invert__(self) -> Mask:
        return Not(self)

    def children(self) -> tuple[Mask, ...]:
        return ()

    def __str__(self) -> str:
        from kvcc.ir.syntax import print_mask

        return print_mask(self)


def _check_mask(m: object) -> Mask:
    if not isinstance(m, Mask):
        raise TypeError(f"masks combine only with masks, got {type(m).__name__}")
    return m


def depth(m: Mask) -> int:
    """Levels of the mask tree: 1 for an atom, one more per ``&``, ``|`` or ``~``."""
    return getattr(m, "depth", 1)


def _set_depth(node: Mask, *children: Mask) -> None:
    d = 1 + max(depth(c) for c in children)
    if d > MAX_DEPTH:
        raise ValueError(f"mask expression nested {d} levels deep; kvcc takes at most "
                         f"{MAX_DEPTH} levels of &, | and ~ (build long chains as balanced "
                         "trees)")
    object.__setattr__(node, "depth", d)


@dataclass(frozen=True, slots=True)
class Full(Mask):
    """Every key visible."""


@dataclass(frozen=True, slots=True)
class Empty(Mask):
    """No key visible."""


@dataclass(frozen=True, slots=True)
class Causal(Mask):
    """Key position <= query position."""

    align: Align = Align.bottom_right


@dataclass(frozen=True, slots=True)
class SlidingWindow(Mask):
    """Query at position p sees keys p-size+1 .. p (causal included)."""

    size: int
    align: Align = Align.bottom_right

    def __post_init__(self) -> None:
        if not isinstance(self.size, int) or self.size < 0:
            raise ValueError(f"sliding_window: size must be an int >= 0, got {self.size!r}")


@dataclass(frozen=True, slots=True)
class Sinks(Mask):
    """The first ``n`` keys (attention sinks, StreamingLLM)."""

    n: int

    def __post_init__(self) -> None:
        if not isinstance(self.n, int) or self.n < 0:
            raise ValueError(f"sinks: n must be an int >= 0, got {self.n!r}")


@dataclass(frozen=True, slots=True)
class Document(Mask):
    """Query and key in the same document.

    Either static ``lengths`` (documents laid end to end over the key axis), or
    ``ids``: the name of a run-time int tensor ``[kv_len]`` or ``[B, kv_len]`` of
    document ids. Queries take the id of their (bottom-right) aligned key
    position; a query before key position 0 is in no document.
    """

    lengths: tuple[int, ...] | None = None
    ids: str | None = None
    data: torch.Tensor | None = field(default=None, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        if (self.lengths is None) == (self.ids is None):
            raise ValueError("document: give exactly one of lengths or ids")
        if self.lengths is not None:
            object.__setattr__(self, "lengths", tuple(self.lengths))
            if not self.lengths or any(not isinstance(n, int) or n <= 0 for n in self.lengths):
                raise ValueError(f"document: lengths must be positive ints, got {self.lengths}")


@dataclass(frozen=True, slots=True)
class PageSelect(Mask):
    """Keys in selected pages only (Quest): run-time bool tensor ``pages`` of
    shape ``[n_pages]``, ``[B, n_pages]`` or ``[B, H, n_pages]``, page ``kv // page_size``."""

    page_size: int
    pages: str
    data: torch.Tensor | None = field(default=None, compare=False, hash=False, repr=False)

    def __post_init__(self) -> None:
        if not isinstance(self.page_size, int) or self.page_size <= 0:
            raise ValueError(f"page_select: page_size must be a positive int, got {self.page_size!r}")


def _depth_field():
    """The cached tree depth of a combinator (not part of its value)."""
    return field(init=False, repr=False, compare=False, hash=False)


@dataclass(frozen=True, slots=True)
class And(Mask):
    a: Mask
    b: Mask
    depth: int = _depth_field()

    def __post_init__(self) -> None:
        _set_depth(self, self.a, self.b)

    def children(self) -> tuple[Mask, ...]:
        return (self.a, self.b)


@dataclass(frozen=True, slots=True)
class Or(Mask):
    a: Mask
    b: Mask
    depth: int = _depth_field()

    def __post_init__(self) -> None:
        _set_depth(self, self.a, self.b)

    def children(self) -> tuple[Mask, ...]:
        return (self.a, self.b)


@dataclass(frozen=True, slots=True)
class Not(Mask):
    a: Mask
    depth: int = _depth_field()

    def __post_init__(self) -> None:
        _set_depth(self, self.a)

    def children(self) -> tuple[Mask, ...]:
        return (self.a,)


@dataclass(frozen=True, slots=True)
class ByHead(Mask):
    """Per-head choice: query head ``h`` sees ``a`` where its KV head ``h // group`` is
    in ``heads``, and ``b`` elsewhere (``num_heads`` KV heads, so ``num_heads * group``
    query heads: a program, whose rows share one KV head under GQA packing, knows its
    branch). Streaming heads: ``ByHead(streaming, m & (sinks | window), m)``."""

    heads: tuple[int, ...]
    num_heads: int
    group: int
    a: Mask
    b: Mask
    depth: int = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        for name in ("num_heads", "group"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                raise ValueError(f"by_head: {name} must be an int >= 1, got {v!r}")
        try:
            heads = tuple(sorted(set(self.heads)))
        except TypeError:
            raise ValueError(f"by_head: heads must be KV head indices, got {self.heads!r}") from None
        if any(isinstance(h, bool) or not isinstance(h, int) or not 0 <= h < self.num_heads
               for h in heads):
            raise ValueError(f"by_head: heads must be KV head indices in [0, {self.num_heads}), "
                             f"got {list(self.heads)}")
        object.__setattr__(self, "heads", heads)
        _set_depth(self, _check_mask(self.a), _check_mask(self.b))

    def children(self) -> tuple[Mask, ...]:
        return (self.a, self.b)

    def selected(self) -> list[bool]:
        """Per query head: whether it takes ``a``."""
        return [h // self.group in self.heads for h in range(self.num_heads * self.group)]

    def with_children(self, a: Mask, b: Mask) -> ByHead:
        return ByHead(self.heads, self.num_heads, self.group, a, b)


# ---------------------------------------------------------------- inspection


def walk(m: Mask):
    """Pre-order traversal of a mask tree."""
    stack = [m]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.children()))


def data_refs(m: Mask) -> dict[str, torch.Tensor | None]:
    """Names of the run-time tensors a mask reads, with any bound data."""
    out: dict[str, torch.Tensor | None] = {}
    for n in walk(m):
        if isinstance(n, Document) and n.ids is not None:
            out[n.ids] = n.data
        elif isinstance(n, PageSelect):
            out[n.pages] = n.data
    return out


def rename_refs(m: Mask, names: dict[str, str], keep_data: bool = True) -> Mask:
    """The mask with its run-time tensor names replaced; ``keep_data=False`` also
    unbinds the tensors (an IR mask names its tensors, the caller passes them)."""
    if isinstance(m, Document) and m.ids is not None:
        return Document(ids=names.get(m.ids, m.ids), data=m.data if keep_data else None)
    if isinstance(m, PageSelect):
        return PageSelect(m.page_size, names.get(m.pages, m.pages),
                          data=m.data if keep_data else None)
    if isinstance(m, (And, Or)):
        return type(m)(rename_refs(m.a, names, keep_data), rename_refs(m.b, names, keep_data))
    if isinstance(m, Not):
        return Not(rename_refs(m.a, names, keep_data))
    if isinstance(m, ByHead):
        return m.with_children(rename_refs(m.a, names, keep_data),
                               rename_refs(m.b, names, keep_data))
    return m


def unbind(m: Mask) -> tuple[Mask, dict[str, torch.Tensor | None]]:
    """The mask with its run-time tensors renamed ``mask0, mask1, ...`` (in
    :func:`data_refs` order) and unbound, and the tensors by their new names: the
    same call shape then gives the same mask, whatever tensors it reads."""
    refs = data_refs(m)
    canon = {ref: f"mask{i}" for i, ref in enumerate(refs)}
    return rename_refs(m, canon, keep_data=False), {canon[r]: t for r, t in refs.items()}


def bind_data(m: Mask, data: dict[str, torch.Tensor]) -> Mask:
    """The mask with run-time tensors bound to the names it reads (the inverse of
    ``rename_refs(..., keep_data=False)``); names not in ``data`` keep what they had."""
    if isinstance(m, Document) and m.ids is not None:
        return Document(ids=m.ids, data=data.get(m.ids, m.data))
    if isinstance(m, PageSelect):
        return PageSelect(m.page_size, m.pages, data=data.get(m.pages, m.data))
    if isinstance(m, (And, Or)):
        return type(m)(bind_data(m.a, data), bind_data(m.b, data))
    if isinstance(m, Not):
        return Not(bind_data(m.a, data))
    if isinstance(m, ByHead):
        return m.with_children(bind_data(m.a, data), bind_data(m.b, data))
    return m


def is_structured(m: Mask) -> bool:
    """True when the mask depends only on (head, q_idx, kv_idx) and static attributes
    (no run-time tensors; :func:`head_dependent` tells whether the head matters)."""
    return not data_refs(m)


def head_dependent(m: Mask) -> bool:
    """True when the mask contains a per-head choice (:class:`ByHead`)."""
    return any(isinstance(n, ByHead) for n in walk(m))


def for_kv_head(m: Mask, kv_head: int) -> Mask:
    """The mask KV head ``kv_head`` (and its query heads) sees: each per-head choice
    resolved to its branch, so the result no longer depends on the head."""
    if isinstance(m, ByHead):
        return for_kv_head(m.a if kv_head in m.heads else m.b, kv_head)
    if isinstance(m, (And, Or)):
        return type(m)(for_kv_head(m.a, kv_head), for_kv_head(m.b, kv_head))
    if isinstance(m, Not):
        return Not(for_kv_head(m.a, kv_head))
    return m


_fresh = itertools.count()


def fresh_ref(prefix: str) -> str:
    """A name for a mask's run-time tensor, unique within the process."""
    return f"{prefix}{next(_fresh)}"


# Under torch.compile a mask built inside the compiled code calls fresh_ref while
# tracing: its name must be a constant of the graph (unique within the trace, which is
# all a name is for), not a guard on the counter, which would recompile on every call.
# This is what torch.compiler.assume_constant_result does; calling it would import
# torch._dynamo (and triton) with kvcc, a second of start-up, and too early for a
# program that sets TRITON_INTERPRET afterwards (tests check the two agree).
fresh_ref._dynamo_marked_constant = True  # type: ignore[attr-defined]


# The validation and the dense oracle live in mask_eval.py (import them from here).
from kvcc.ir.mask_eval import check, evaluate  # noqa: E402

__all__ = ["MAX_DEPTH", "Align", "And", "ByHead", "Causal", "Document", "Empty", "Full", "Mask",
           "Not", "Or", "PageSelect", "Sinks", "SlidingWindow", "bind_data", "check",
           "data_refs", "depth", "evaluate", "fresh_ref", "head_dependent", "is_structured",
           "rename_refs", "unbind", "walk"]
