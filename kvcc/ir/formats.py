"""Attribute records of the IR: memory layouts, KV-cache formats, score modifiers.

These are plain values (frozen dataclasses with a ``KEYWORD`` used in the text
form), so a pass, the reference backend and a kernel emitter all read the same
description. A quantized KV format in particular is *data*: bits, scope of the
scales, group size and residual window are fields, not code paths.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass
from typing import ClassVar

from kvcc.ir.dtypes import DType


class Record:
    """Base of attribute records; ``KEYWORD`` names the record in the IR text."""

    __slots__ = ()
    KEYWORD: ClassVar[str]


# ---------------------------------------------------------------- layouts


@dataclass(frozen=True, slots=True)
class Dense(Record):
    """Padded batch: q ``[B, H, S, D]``, k/v ``[B, Hkv, S, D]``."""

    KEYWORD: ClassVar[str] = "dense"


@dataclass(frozen=True, slots=True)
class Packed(Record):
    """Ragged sequences laid end to end: ``[T, H, D]`` with ``cu_seqlens [B+1]``."""

    KEYWORD: ClassVar[str] = "packed"


@dataclass(frozen=True, slots=True)
class Paged(Record):
    """KV in fixed pages ``[num_pages, page_size, Hkv, D]`` addressed through a
    block table ``[B, max_pages]`` (int32) with per-sequence lengths ``kv_lens [B]``."""

    KEYWORD: ClassVar[str] = "paged"
    page_size: int = 16

    def __post_init__(self) -> None:
        if not isinstance(self.page_size, int) or self.page_size <= 0:
            raise ValueError(f"paged: page_size must be a positive int, got {self.page_size!r}")


Layout = Dense | Packed | Paged


# ---------------------------------------------------------------- KV formats


class Scope(enum.Enum):
    """What one scale (and zero point) covers, per KV head."""

    tensor = "tensor"  # one scale for the whole tensor
    head = "head"  # one per KV head
    token = "token"  # one per (token, head), over groups of `group_size` channels (0 = all)
    channel = "channel"  # one per (channel, head), over groups of `group_size` tokens (KIVI keys)


@dataclass(frozen=True, slots=True)
class KVFormat(Record):
    """A KV-cache storage format.

    Integer formats are asymmetric: ``scale = (max - min) / (2^bits - 1)``,
    ``zero = min``, ``code = clamp(round((x - zero) / scale), 0, 2^bits - 1)``,
    ``x_hat = code * scale + zero``. FP8 formats store ``x / scale`` in fp8 with a
    symmetric scale (``amax / fp8_max``) and no zero. ``packed`` integer codes are
    stored ``32 // bits`` to an int32 word along the head dimension, lowest bits
    first. ``residual`` recent tokens stay in full precision (KIVI's R: per-channel
    keys keep the last ``L mod R``, values the last ``R``; per-token keys keep none).

    ``hierarchical`` (QuantSpec): an 8-bit code split into an upper 4-bit code
    ``U = round((x - min) / s)``, ``s = (max - min) / 15``, and a lower correction
    ``C = clamp(round((x - (U s + min)) / (s / 16)), -8, 7) + 8``; ``x_hat = U s +
    (C - 8) s / 16 + min``, or ``U s + min`` for a reader of the upper codes alone
    (the 4-bit draft view; the reference's ``dequantize(precision="upper")`` reads it,
    the attention kernels read both planes). The codes are two planes of packed 4-bit
    words per row, upper first, so the upper view reads half the bytes.
    """

    KEYWORD: ClassVar[str] = "kv_format"
    name: str
    code: DType
    k_scope: Scope
    v_scope: Scope
    group_size: int = 0
    residual: int = 0
    packed: bool = False
    scale_dtype: DType = DType.f32
    hierarchical: bool = False

    def __post_init__(self) -> None:
        if not (self.code.is_code and self.code != DType.i8) and not self.code.is_fp8:
            raise ValueError(f"kv_format {self.name}: code must be u8, u4, u2 or fp8, got "
                             f"{self.code.value}")
        if self.code.is_fp8 and (self.packed or Scope.channel in (self.k_scope, self.v_scope)):
            raise ValueError(f"kv_format {self.name}: fp8 codes are not packed and use "
                             "tensor, head or token scope")
        if self.group_size < 0 or self.residual < 0:
            raise ValueError(f"kv_format {self.name}: group_size and residual must be >= 0")
        if self.v_scope is Scope.channel:
            raise ValueError(f"kv_format {self.name}: values are quantized per token (or per "
                             "head); channel scope is for keys")
        if Scope.channel in (self.k_scope, self.v_scope) and self.group_size <= 0:
            raise ValueError(f"kv_format {self.name}: channel scope needs group_size > 0 (tokens)")
        if self.packed and 32 % self.code.bits:
            raise ValueError(f"kv_format {self.name}: {self.code.bits}-bit codes do not pack "
                             "into 32-bit words")
        if not self.scale_dtype.is_float:
            raise ValueError(f"kv_format {self.name}: scale_dtype must be a float type")
        if self.hierarchical and (self.code != DType.u8 or not self.packed
                                  or self.k_scope is not Scope.token
                                  or self.v_scope is not Scope.token):
            raise ValueError(f"kv_format {self.name}: hierarchical codes are 8-bit, packed as "
                             "two 4-bit planes, with per-token scales")
        if self.residual and Scope.channel in (self.k_scope, self.v_scope) and \
                self.residual % self.group_size:
            raise ValueError(f"kv_format {self.name}: residual {self.residual} must be a "
                             f"multiple of the key group {self.group_size}")

    @property
    def bits(self) -> int:
        return self.code.bits

    @property
    def is_fp8(self) -> bool:
        return self.code.is_fp8

    @property
    def per_word(self) -> int:
        return 32 // self.bits if self.packed else 1

    @property
    def plane_bits(self) -> int:
        """Bits of one packed code plane (hierarchical codes: two 4-bit planes)."""
        return 4 if self.hierarchical else self.bits

    def check_head_dim(self, head_dim: int) -> None:
        """ValueError when this format cannot store rows of ``head_dim`` channels."""
        for role in ("k", "v"):
            if self.scope(role) is Scope.token and self.group_size and head_dim % self.group_size:
                raise ValueError(f"kv_format {self.name}: group {self.group_size} does not divide "
                                 f"the head dim {head_dim} (per-token groups of channels)")
        per = 32 // self.plane_bits if self.packed else 1
        if head_dim % per:
            raise ValueError(f"kv_format {self.name}: the head dim {head_dim} is not a multiple "
                             f"of the {per} codes packed in a 32-bit word")

    def key_block(self) -> int:
        """Keys are quantized in whole blocks of this many tokens, the rest kept in full
        precision: KIVI's R for per-channel keys (its group G without a residual), else 1."""
        if self.k_scope is Scope.channel:
            return self.residual or self.group_size
        return 1

    def quantized_tokens(self, length: int, role: str) -> int:
        """Of ``length`` tokens, how many a sequence stores quantized (the rest are its
        full-precision residual): keys in whole blocks (``key_block``), values all but
        the last ``residual``."""
        if role == "k":
            return length - length % self.key_block()
        return max(0, length - self.residual)

    def bytes_per_token(self, num_kv_heads: int, head_dim: int, context: int | None = None,
                        full_bytes: int = 2) -> float:
        """Bytes one token takes in a cache of this format (K and V, all KV heads): codes,
        scales and zeros (a per-head scale is nothing per token); with ``context``, the
        full-precision residual (``full_bytes`` per element) amortized over it."""
        self.check_head_dim(head_dim)
        sb = self.scale_dtype.bits / 8
        n_params = 1 if self.is_fp8 else 2  # scale, and zero for integer codes
        role_bytes = {}
        for role in ("k", "v"):
            b = head_dim * self.bits / 8  # codes (hierarchical: both planes)
            scope = self.scope(role)
            if scope is Scope.token:
                b += (head_dim // (self.group_size or head_dim)) * n_params * sb
            elif scope is Scope.channel:
                b += head_dim * n_params * sb / self.group_size
            role_bytes[role] = b
        total = 0.0
        for role, b in role_bytes.items():
            share = 1.0
            if context:
                share = self.quantized_tokens(context, role) / context
            total += (share * b + (1 - share) * head_dim * full_bytes) * num_kv_heads
        return total

    def scope(self, role: str) -> Scope:
        if role not in ("k", "v"):
            raise ValueError(f"role must be 'k' or 'v', got {role!r}")
        return self.k_scope if role == "k" else self.v_scope


KV_FORMATS: dict[str, KVFormat] = {
    f.name: f
    for f in (
        KVFormat("fp8_e4m3", DType.f8e4m3, Scope.head, Scope.head),
        KVFormat("fp8_e5m2", DType.f8e5m2, Scope.head, Scope.head),
        KVFormat("int8", DType.u8, Scope.token, Scope.token),
        KVFormat("int4", DType.u4, Scope.token, Scope.token, packed=True),
        KVFormat("kivi4", DType.u4, Scope.channel, Scope.token, group_size=32, residual=128,
                 packed=True),
        KVFormat("kivi2", DType.u2, Scope.channel, Scope.token, group_size=32, residual=128,
                 packed=True),
    )
}


def kv_format(name: str) -> KVFormat:
    """A preset format by name (``int8``, ``int4``, ``fp8_e4m3``, ``kivi2``...)."""
    try:
        return KV_FORMATS[name]
    except KeyError:
        raise ValueError(f"unknown kv format {name!r}; known: {', '.join(KV_FORMATS)}") from None


# ---------------------------------------------------------------- score mods


@dataclass(frozen=True, slots=True)
class Alibi(Record):
    """ALiBi bias ``-slope_h * (q_pos - kv_pos)`` with the standard slopes
    ``2^(-max_bias * (h+1) / n)`` (interleaved for head counts that are not powers of 2)."""

    KEYWORD: ClassVar[str] = "alibi"
    max_bias: float = 8.0

    def slopes(self, heads: int) -> list[float]:
        n = 2 ** math.floor(math.log2(heads))
        base = [2.0 ** (-self.max_bias * (i + 1) / n) for i in range(n)]
        if n == heads:
            return base
        extra = [2.0 ** (-self.max_bias * (i + 1) / (2 * n)) for i in range(2 * n)][0::2]
        return base + extra[: heads - n]


RECORDS: dict[str, type[Record]] = {r.KEYWORD: r for r in (Dense, Packed, Paged, KVFormat, Alibi)}
