"""Element types of the IR: floating point (including fp8) and integer codes.

Integer code types (``u2``, ``u4``, ``u8``) describe the *logical* width of a
quantized code; how codes are packed into bytes or 32-bit words is a property of
the :class:`~kvcc.ir.formats.KVFormat`, not of the dtype.
"""

from __future__ import annotations

import enum

import torch


class DType(enum.Enum):
    """An element type. ``value`` is the spelling used in the IR text."""

    f64 = "f64"
    f32 = "f32"
    f16 = "f16"
    bf16 = "bf16"
    f8e4m3 = "f8e4m3"
    f8e5m2 = "f8e5m2"
    i64 = "i64"
    i32 = "i32"
    i8 = "i8"
    u8 = "u8"
    u4 = "u4"
    u2 = "u2"
    i1 = "i1"

    @property
    def bits(self) -> int:
        return _BITS[self]

    @property
    def is_float(self) -> bool:
        return self in (DType.f64, DType.f32, DType.f16, DType.bf16, DType.f8e4m3, DType.f8e5m2)

    @property
    def is_fp8(self) -> bool:
        return self in (DType.f8e4m3, DType.f8e5m2)

    @property
    def is_code(self) -> bool:
        """Integer types that can hold quantization codes."""
        return self in (DType.u8, DType.u4, DType.u2, DType.i8)

    def to_torch(self) -> torch.dtype:
        """The torch dtype that stores this type (sub-byte codes live in uint8)."""
        return _TORCH[self]

    @staticmethod
    def from_torch(dt: torch.dtype) -> DType:
        try:
            return _FROM_TORCH[dt]
        except KeyError:
            raise TypeError(f"dtype {dt} has no kvcc IR equivalent") from None


_BITS = {
    DType.f64: 64, DType.f32: 32, DType.f16: 16, DType.bf16: 16,
    DType.f8e4m3: 8, DType.f8e5m2: 8, DType.i64: 64, DType.i32: 32,
    DType.i8: 8, DType.u8: 8, DType.u4: 4, DType.u2: 2, DType.i1: 1,
}
_TORCH = {
    DType.f64: torch.float64, DType.f32: torch.float32, DType.f16: torch.float16,
    DType.bf16: torch.bfloat16, DType.f8e4m3: torch.float8_e4m3fn,
    DType.f8e5m2: torch.float8_e5m2, DType.i64: torch.int64, DType.i32: torch.int32,
    DType.i8: torch.int8, DType.u8: torch.uint8, DType.u4: torch.uint8,
    DType.u2: torch.uint8, DType.i1: torch.bool,
}
_FROM_TORCH = {
    torch.float64: DType.f64, torch.float32: DType.f32, torch.float16: DType.f16,
    torch.bfloat16: DType.bf16, torch.float8_e4m3fn: DType.f8e4m3,
    torch.float8_e5m2: DType.f8e5m2, torch.int64: DType.i64, torch.int32: DType.i32,
    torch.int8: DType.i8, torch.uint8: DType.u8, torch.bool: DType.i1,
}
