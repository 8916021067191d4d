"""Operations of the kvcc IR.

Every op is a frozen, slotted dataclass with typed fields. A field typed
``Value`` (or ``Value | None``, ``tuple[Value, ...]``) is an operand, unless
its name is listed in ``RESULTS``, in which case the op defines it; a field
typed ``Block`` is a region; every other field is an attribute. The printer,
parser and verifier read these categories from the annotations, so adding an
op is one class here plus its rules in the verifier and the reference backend.

Shapes (``Dense`` layout): q ``[B, Hq, Sq, D]``, k/v ``[B, Hkv, Skv, D]``,
o ``[B, Hq, Sq, Dv]``, lse ``[B, Hq, Sq]`` (natural log, f32).
``Packed``: q ``[Tq, Hq, D]`` with ``cu_seqlens_q [B+1]``; k/v likewise.
``Paged``: k/v ``[P, page, Hkv, D]`` with ``block_table [B, max_pages]`` and
``kv_lens [B]``. A dense cache may also take ``kv_lens``: sequence ``b`` then
uses its first ``kv_lens[b]`` keys. Varlen/paged outputs follow q's layout.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass, field, fields
from functools import cache
from typing import ClassVar

import sympy

from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Alibi, Dense, KVFormat, Layout, Record
from kvcc.ir.mask import Full, Mask
from kvcc.ir.types import Dim, TensorType, Value, dim


class Op:
    """Base of all ops. ``NAME`` is the op's spelling in the IR text."""

    __slots__ = ()
    NAME: ClassVar[str]
    RESULTS: ClassVar[tuple[str, ...]] = ()

    def __post_init__(self) -> None:
        # Dims given as ints or names become canonical sympy expressions, so
        # structural equality does not depend on how an op was built.
        hints = op_fields(type(self)).hints
        for name in op_fields(type(self)).attrs:
            if hints[name] in (Dim, Dim | None) and getattr(self, name) is not None:
                object.__setattr__(self, name, dim(getattr(self, name)))

    def operands(self) -> tuple[Value, ...]:
        return tuple(v for f in op_fields(type(self)).operands for v in _flat(getattr(self, f)))

    def results(self) -> tuple[Value, ...]:
        return tuple(v for f in self.RESULTS for v in _flat(getattr(self, f)))

    def regions(self) -> tuple[Block, ...]:
        return tuple(getattr(self, f) for f in op_fields(type(self)).regions)


def _flat(x) -> tuple[Value, ...]:
    if x is None:
        return ()
    if isinstance(x, Value):
        return (x,)
    return tuple(x)


@dataclass(frozen=True, slots=True)
class Block:
    """A region body: arguments, ops, and the values it yields."""

    args: tuple[Value, ...]
    ops: tuple[Op, ...]
    yields: tuple[Value, ...]


@dataclass(frozen=True, slots=True)
class FieldKinds:
    operands: tuple[str, ...]
    results: tuple[str, ...]
    regions: tuple[str, ...]
    attrs: tuple[str, ...]
    hints: dict = field(hash=False, compare=False)


def _is_value_type(t) -> bool:
    if t is Value:
        return True
    args = typing.get_args(t)
    origin = typing.get_origin(t)
    if origin in (typing.Union, types.UnionType):
        return all(a is Value or a is type(None) for a in args)
    if origin is tuple:
        return args[:1] == (Value,)
    return False


@cache
def op_fields(cls: type) -> FieldKinds:
    hints = typing.get_type_hints(cls)
    ops, res, regs, attrs = [], [], [], []
    for f in fields(cls):
        t = hints[f.name]
        if f.name in cls.RESULTS:
            res.append(f.name)
        elif t is Block:
            regs.append(f.name)
        elif _is_value_type(t):
            ops.append(f.name)
        else:
            attrs.append(f.name)
    return FieldKinds(tuple(ops), tuple(res), tuple(regs), tuple(attrs), hints)


# ------------------------------------------------------------------ attention


@dataclass(frozen=True, slots=True)
class AttentionOp(Op):
    """``o = softmax(mods(scale * q @ k^T) masked) @ v``, and optionally ``lse``.

    GQA: query head ``h`` reads KV head ``h // (Hq // Hkv)``. ``mask`` is a
    predicate over logical positions; ``q_offset``/``kv_offset`` place this op's
    rows and columns inside logical lengths ``q_total``/``kv_total`` (None: the
    tensor extents), which is how chunked and split forms keep the mask's meaning.
    Quantized KV: ``kv_format`` with ``k``/``v`` holding codes and their scales
    and zero points as operands; ``k_residual``/``v_residual`` are full-precision
    recent tokens that follow the quantized ones. Paged quantized KV keeps them in
    rings ``[S, R, Hkv, D]`` (``R`` the format's residual window, or its key group
    without one): sequence ``b``'s token at position ``p`` is in row
    ``residual_slot[b]``, slot ``p mod R``; codes, per-token scales and zeros are
    pages like the codes, per-channel scales ``[P, ceil(page / G), Hkv, D]`` hold a
    key group's scales in the page of its first token. ``kv_precision="upper"`` reads
    hierarchical (QuantSpec) codes' upper plane alone: the 4-bit draft view. Rows with
    no visible key give
    o = 0 and lse = -inf.

    Per-head pages (Quest's selected pages, compacted): a paged op's ``block_table``
    may be ``[B, Hkv, W]`` with ``kv_lens`` ``[B, Hkv]``: KV head ``h`` of sequence
    ``b`` reads its own pages and length, and its keys are positioned by that length
    (plain K/V; no ALiBi, eviction scores or run-time mask tensors, whose head and
    position indices would not follow).

    Two sources of paged K/V (streaming heads in bounded pages): the KV heads in
    ``alt_heads`` (sorted) read ``k_alt``/``v_alt`` ``[P2, page, len(alt_heads), D]``
    through ``block_table_alt`` and ``kv_lens_alt``, in ``alt_heads`` order; the others
    read ``k``/``v`` (``Hkv - len(alt_heads)`` heads, in increasing order) through
    ``block_table`` and ``kv_lens``. Each head's keys are positioned by its own source's
    lengths (bottom-right alignment per head), and the mask, usually per head
    (``by_head``), sees the global KV head (plain K/V; no ALiBi, eviction scores or
    run-time mask tensors).

    Eviction scores (H2O, SnapKV): ``scores`` f32, each key's softmax probability summed
    over the last ``score_window`` query rows of its sequence (0: every row) and over the
    query heads of its KV head's GQA group: one score per cached (KV head, key), which is
    what a cache that stores KV heads evicts by (a per-query-head score would be summed
    over the group by every consumer anyway). Its shape follows the keys: dense
    ``[B, Hkv, Skv]``, paged ``[B, Hkv, S]`` (position within the sequence, any
    ``S`` at least the longest one), packed ``[Hkv, Tk]``; keys past a sequence's
    length, and keys no window row sees, score 0.
    """

    NAME: ClassVar[str] = "attention"
    RESULTS: ClassVar[tuple[str, ...]] = ("o", "lse", "scores")
    q: Value
    k: Value
    v: Value
    o: Value
    lse: Value | None = None
    scale: float = 1.0
    softcap: float | None = None
    alibi: Alibi | None = None
    mask: Mask = Full()
    q_layout: Layout = Dense()
    kv_layout: Layout = Dense()
    cu_seqlens_q: Value | None = None
    cu_seqlens_k: Value | None = None
    block_table: Value | None = None
    kv_lens: Value | None = None
    mask_args: tuple[Value, ...] = ()
    kv_format: KVFormat | None = None
    k_scale: Value | None = None
    k_zero: Value | None = None
    v_scale: Value | None = None
    v_zero: Value | None = None
    k_residual: Value | None = None
    v_residual: Value | None = None
    residual_slot: Value | None = None
    kv_precision: str = "full"
    q_offset: Dim = sympy.Integer(0)
    kv_offset: Dim = sympy.Integer(0)
    q_total: Dim | None = None
    kv_total: Dim | None = None
    scores: Value | None = None
    score_window: int = 0
    k_alt: Value | None = None
    v_alt: Value | None = None
    block_table_alt: Value | None = None
    kv_lens_alt: Value | None = None
    alt_heads: tuple[int, ...] = ()


# ------------------------------------------------------------------ KV cache


@dataclass(frozen=True, slots=True)
class KVAppendOp(Op):
    """Write ``new`` into ``cache`` after each sequence's ``kv_lens[b]`` tokens.

    Dense cache ``[B, H, Smax, D]``, new ``[B, H, Snew, D]``; paged cache
    ``[P, page, H, D]`` through ``block_table``. Functional: ``out`` is the
    updated cache (backends may update in place). Works for any per-token
    tensor of the cache (keys, values, their per-token scales).
    """

    NAME: ClassVar[str] = "kv_append"
    RESULTS: ClassVar[tuple[str, ...]] = ("out",)
    cache: Value
    new: Value
    kv_lens: Value
    out: Value
    layout: Layout = Dense()
    block_table: Value | None = None


# ------------------------------------------------------------------ quantization


@dataclass(frozen=True, slots=True)
class QuantizeOp(Op):
    """Quantize ``x [B, H, S, D]`` in ``format`` for ``role`` ('k' or 'v').

    ``codes`` are u8 per element (int32 words when the format is packed),
    ``scale``/``zero`` have one entry per group of the role's scope (no zero for fp8).
    ``static_scale`` (fp8 only): a given, calibrated scale instead of one computed from
    ``x`` (values past the fp8 range saturate); ``scale`` is then that scale. This is
    how a cache append keeps the per-head scale its tokens were stored with.
    """

    NAME: ClassVar[str] = "quantize"
    RESULTS: ClassVar[tuple[str, ...]] = ("codes", "scale", "zero")
    x: Value
    codes: Value
    scale: Value
    zero: Value | None
    format: KVFormat
    role: str = "k"
    static_scale: Value | None = None


@dataclass(frozen=True, slots=True)
class DequantizeOp(Op):
    """Inverse of :class:`QuantizeOp`: ``out = codes * scale + zero`` in ``out``'s dtype."""

    NAME: ClassVar[str] = "dequantize"
    RESULTS: ClassVar[tuple[str, ...]] = ("out",)
    codes: Value
    scale: Value
    zero: Value | None
    out: Value
    format: KVFormat
    role: str = "k"


# ------------------------------------------------------------------ layout changes


@dataclass(frozen=True, slots=True)
class PackOp(Op):
    """Dense ``[B, H, S, D]`` with valid lengths ``lens [B]`` -> packed ``[T, H, D]``
    and ``cu_seqlens [B+1]`` (int32)."""

    NAME: ClassVar[str] = "pack"
    RESULTS: ClassVar[tuple[str, ...]] = ("out", "cu_seqlens")
    x: Value
    lens: Value
    out: Value
    cu_seqlens: Value


@dataclass(frozen=True, slots=True)
class UnpackOp(Op):
    """Packed ``[T, H, D]`` -> dense ``[B, H, S, D]``, zero past each length."""

    NAME: ClassVar[str] = "unpack"
    RESULTS: ClassVar[tuple[str, ...]] = ("out",)
    x: Value
    cu_seqlens: Value
    out: Value


# ------------------------------------------------------------------ page selection


@dataclass(frozen=True, slots=True)
class QuestSelectOp(Op):
    """Quest's page selection (``kvcc/codegen/reference/quest.py`` states the rule): keys
    ``k [B, Hkv, S, D]`` in pages of ``page`` tokens, each with its per-channel min and
    max; per KV head, the page holding the last key and the top ``budget / page - 1``
    others by the largest bound ``sum_i max(q_i max_i, q_i min_i)`` over the group's
    query heads and ``q``'s rows. ``pages [B, Hkv, ceil(S / page)]`` (i1) is a
    ``page_select`` mask's tensor."""

    NAME: ClassVar[str] = "quest_select"
    RESULTS: ClassVar[tuple[str, ...]] = ("pages",)
    q: Value
    k: Value
    pages: Value
    page: int = 16
    budget: int = 2048


# ------------------------------------------------------------------ states, chunks


@dataclass(frozen=True, slots=True)
class MergeStatesOp(Op):
    """Merge attention states over disjoint key sets (FlashInfer/FA merge):
    ``m = max(lse_i); w_i = exp(lse_i - m); o = sum w_i o_i / sum w_i;
    lse = m + log(sum w_i)``. Rows where every lse is -inf give o = 0, lse = -inf."""

    NAME: ClassVar[str] = "merge_states"
    RESULTS: ClassVar[tuple[str, ...]] = ("o", "lse")
    os: tuple[Value, ...]
    lses: tuple[Value, ...]
    o: Value
    lse: Value


@dataclass(frozen=True, slots=True)
class FillOp(Op):
    """A tensor of ``out``'s type filled with ``value`` (e.g. -inf for an empty lse)."""

    NAME: ClassVar[str] = "fill"
    RESULTS: ClassVar[tuple[str, ...]] = ("out",)
    out: Value
    value: float = 0.0


@dataclass(frozen=True, slots=True)
class CastOp(Op):
    """``out = x`` converted to ``out``'s dtype (same shape)."""

    NAME: ClassVar[str] = "cast"
    RESULTS: ClassVar[tuple[str, ...]] = ("out",)
    x: Value
    out: Value


@dataclass(frozen=True, slots=True)
class SliceOp(Op):
    """``out = x[..., start : start + size, ...]`` on ``axis``; ``start`` may use a
    loop index symbol. Rows past the end of ``x`` are not allowed."""

    NAME: ClassVar[str] = "slice"
    RESULTS: ClassVar[tuple[str, ...]] = ("out",)
    x: Value
    out: Value
    axis: int
    start: Dim


@dataclass(frozen=True, slots=True)
class UpdateSliceOp(Op):
    """``out = dst`` with ``dst[..., start : start + len(src), ...] = src`` on ``axis``."""

    NAME: ClassVar[str] = "update_slice"
    RESULTS: ClassVar[tuple[str, ...]] = ("out",)
    dst: Value
    src: Value
    out: Value
    axis: int
    start: Dim


@dataclass(frozen=True, slots=True)
class ForOp(Op):
    """A counted loop over chunks: ``for index in range(0, extent, step)``.

    The body's arguments take ``inits`` on the first trip and the body's
    ``yields`` after; ``outs`` are the last yields. Inside the body, dims may
    use the symbol ``index`` (the chunk start). Chunked prefill, split-KV and
    activation chunking are all written with it.
    """

    NAME: ClassVar[str] = "for"
    RESULTS: ClassVar[tuple[str, ...]] = ("outs",)
    index: str
    extent: Dim
    step: int
    inits: tuple[Value, ...]
    body: Block
    outs: tuple[Value, ...]


OPS: dict[str, type[Op]] = {
    c.NAME: c
    for c in (AttentionOp, KVAppendOp, QuantizeOp, DequantizeOp, PackOp, UnpackOp,
              MergeStatesOp, FillOp, CastOp, SliceOp, UpdateSliceOp, ForOp, QuestSelectOp)
}


@dataclass(frozen=True, slots=True)
class Module:
    """A program: named arguments, a body of ops, and the values it returns."""

    name: str
    args: tuple[Value, ...]
    ops: tuple[Op, ...]
    outputs: tuple[Value, ...]

    def __str__(self) -> str:
        from kvcc.ir.printer import print_module

        return print_module(self)

    def walk(self):
        """Every op, recursively into regions, in program order."""
        yield from _walk(self.ops)


def _walk(ops: tuple[Op, ...]):
    for op in ops:
        yield op
        for r in op.regions():
            yield from _walk(r.ops)


__all__ = [
    "OPS",
    "AttentionOp",
    "Block",
    "CastOp",
    "DType",
    "DequantizeOp",
    "FillOp",
    "ForOp",
    "KVAppendOp",
    "MergeStatesOp",
    "QuestSelectOp",
    "Module",
    "Op",
    "PackOp",
    "QuantizeOp",
    "Record",
    "SliceOp",
    "TensorType",
    "UnpackOp",
    "UpdateSliceOp",
    "op_fields",
]
