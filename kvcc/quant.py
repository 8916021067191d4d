"""KV-cache formats for users: ``kvcc.quant.kivi(bits=2)``, ``kvcc.quant.int4()``, ...

Each returns a :class:`~kvcc.ir.formats.KVFormat`, the one description that the
quantizer, the cache and the kernels read (see its docstring for the exact storage
rules and bit packing). ``fmt.bytes_per_token(num_kv_heads, head_dim)`` counts
codes, scales and zeros; with ``context=`` also the full-precision residual,
amortized.

- ``fp8(kind)``: e4m3 or e5m2 codes, a symmetric scale per KV head.
- ``int8()`` / ``int4()``: asymmetric codes, a scale and zero per token per KV head
  (QServe's KV4, vLLM's and SGLang's per-token-head formats); int4 packed 8 to a word.
- ``kivi(bits, group, residual)``: KIVI: keys per channel over groups of ``group``
  tokens, values per token over groups of ``group`` channels; keys keep the last
  ``L mod residual`` tokens in full precision (a full block is quantized when it
  fills), values the last ``residual``.
- ``quantspec(group)``: QuantSpec's hierarchical 8-bit codes (an upper 4-bit code
  and a lower 4-bit correction, per token over groups of ``group`` channels), whose
  upper codes alone give a 4-bit draft view.

Scales and zeros are stored in float16 for the integer formats (the byte counts the
papers quote), float32 for fp8's per-head scale.
"""

from __future__ import annotations

import numbers

from kvcc.ir.dtypes import DType
from kvcc.ir.formats import KVFormat, Scope


def _int(name: str, x: object, lo: int) -> int:
    if isinstance(x, bool) or not isinstance(x, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(x).__name__}")
    if x < lo:
        raise ValueError(f"{name} must be >= {lo}, got {x}")
    return int(x)


def fp8(kind: str = "e4m3") -> KVFormat:
    """fp8 codes (``kind`` ``"e4m3"`` or ``"e5m2"``) with a symmetric scale per KV head."""
    codes = {"e4m3": DType.f8e4m3, "e5m2": DType.f8e5m2}
    if kind not in codes:
        raise ValueError(f"fp8: kind must be 'e4m3' or 'e5m2', got {kind!r}")
    return KVFormat(f"fp8_{kind}", codes[kind], Scope.head, Scope.head)


def int8() -> KVFormat:
    """8-bit asymmetric codes, one scale and zero per token per KV head."""
    return KVFormat("int8", DType.u8, Scope.token, Scope.token, scale_dtype=DType.f16)


def int4() -> KVFormat:
    """4-bit asymmetric codes (8 per int32 word), one scale and zero per token per KV head."""
    return KVFormat("int4", DType.u4, Scope.token, Scope.token, packed=True,
                    scale_dtype=DType.f16)


def kivi(bits: int = 2, group: int = 32, residual: int = 128) -> KVFormat:
    """KIVI: per-channel keys, per-token values, ``residual`` recent tokens in full
    precision (see the module docstring). ``bits`` 2 or 4."""
    bits = _int("bits", bits, 1)
    if bits not in (2, 4):
        raise ValueError(f"kivi: bits must be 2 or 4, got {bits}")
    group = _int("group", group, 1)
    residual = _int("residual", residual, 0)
    if residual % group:
        raise ValueError(f"kivi: residual={residual} must be a multiple of group={group} (keys "
                         "are quantized a block of residual tokens at a time, group by group)")
    code = DType.u2 if bits == 2 else DType.u4
    name = f"kivi{bits}" + ("" if (group, residual) == (32, 128) else f"_g{group}_r{residual}")
    return KVFormat(name, code, Scope.channel, Scope.token, group_size=group, residual=residual,
                    packed=True, scale_dtype=DType.f16)


def quantspec(group: int = 128) -> KVFormat:
    """QuantSpec's hierarchical 4/8-bit codes, per token over groups of ``group``
    channels; a ``precision="upper"`` read takes the upper 4-bit codes alone."""
    group = _int("group", group, 1)
    name = "quantspec" + ("" if group == 128 else f"_g{group}")
    return KVFormat(name, DType.u8, Scope.token, Scope.token, group_size=group, packed=True,
                    scale_dtype=DType.f16, hierarchical=True)


__all__ = ["KVFormat", "fp8", "int4", "int8", "kivi", "quantspec"]
