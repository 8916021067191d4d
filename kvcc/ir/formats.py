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
    first. ``residual`` recent tokens stay in full precision (KIVI's R).
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

    def __post_init__(self) -> None:
        if not (self.code.is_code and self.code != DType.i8) and not self.code.is_fp8:
            raise ValueError(f"kv_format {self.name}: code must be u8, u4, u2 or fp8, got "
                             f"{self.code.value}")
        if self.code.is_fp8 and (self.packed or Scope.channel in (self.k_scope, self.v_scope)):
            raise ValueError(f"kv_format {self.name}: fp8 codes are not packed and use "
                             "tensor, head or token scope")
        if self.group_size < 0 or self.residual < 0:
            raise ValueError(f"kv_format {self.name}: group_size and residual must be >= 0")
        if Scope.channel in (self.k_scope, self.v_scope) and self.group_size <= 0:
            raise ValueError(f"kv_format {self.name}: channel scope needs group_size > 0 (tokens)")
        if self.packed and 32 % self.code.bits:
            raise ValueError(f"kv_format {self.name}: {self.code.bits}-bit codes do not pack "
                             "into 32-bit words")
        if not self.scale_dtype.is_float:
            raise ValueError(f"kv_format {self.name}: scale_dtype must be a float type")

    @property
    def bits(self) -> int:
        return self.code.bits

    @property
    def is_fp8(self) -> bool:
        return self.code.is_fp8

    @property
    def per_word(self) -> int:
        return 32 // self.bits if self.packed else 1

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
