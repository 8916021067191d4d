"""IR pieces of ``quantize-kv``: the tensors a KV format stores, the ops that store a
tensor by the format's prefill rule, and slicing by KV-head groups.

The types follow :mod:`kvcc.codegen.reference.quant` (what the reference quantizer
returns) and :class:`~kvcc.ir.formats.KVFormat`: codes ``[B, H, S, D / per_word]``
(i32 words when packed, u8 bytes, or fp8), scales and zeros by scope (``[1]``, ``[B,
H]``, per token ``[B, H, S, D / G]``, per channel ``[B, H, S / G, D]``), and the
full-precision residual ``[B, H, S - quantized, D]`` in the input's dtype.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy

from kvcc.ir.dtypes import DType
from kvcc.ir.formats import KVFormat, Scope
from kvcc.ir.ops import Op, QuantizeOp, SliceOp
from kvcc.ir.types import Dim, TensorType, Value, as_int

Fresh = Callable[[str], str]


@dataclass(frozen=True)
class Stored:
    """One role (keys or values) as an attention op reads it: ``data`` holds the codes
    (the plain tensor when ``fmt`` is None), then scale, zero and the residual."""

    fmt: KVFormat | None
    data: Value
    scale: Value | None = None
    zero: Value | None = None
    residual: Value | None = None

    def written(self) -> tuple[Value, ...]:
        """The tensors a cache append changes: codes, and per-token scales and zeros
        (a per-head fp8 scale is static)."""
        if self.fmt is None or not per_token(self.fmt):
            return (self.data,)
        return tuple(v for v in (self.data, self.scale, self.zero) if v is not None)


def per_token(fmt: KVFormat) -> bool:
    """Every token is quantized on its own (per-token scales, no residual): such a format
    can quantize a padded tensor or append tokens without knowing sequence lengths."""
    return fmt.k_scope is fmt.v_scope is Scope.token and not fmt.residual


def code_type(fmt: KVFormat, b: Dim, h: Dim, s: Dim, d: int) -> TensorType:
    dt = fmt.code if fmt.is_fp8 else (DType.i32 if fmt.packed else DType.u8)
    return TensorType((b, h, s, d // fmt.per_word), dt)


def scale_type(fmt: KVFormat, role: str, b: Dim, h: Dim, s: Dim, d: int) -> TensorType:
    scope = fmt.scope(role)
    shape: tuple = {
        Scope.tensor: (1,),
        Scope.head: (b, h),
        Scope.token: (b, h, s, d // (fmt.group_size or d)),
        Scope.channel: (b, h, s / max(fmt.group_size, 1), d),
    }[scope]
    return TensorType(shape, fmt.scale_dtype)


def quantized_len(fmt: KVFormat, role: str, length: Dim) -> Dim:
    """``KVFormat.quantized_tokens`` for a static or symbolic length."""
    if role == "k":
        return length - sympy.Mod(length, fmt.key_block())
    return sympy.Max(0, length - fmt.residual)


def _with(t: TensorType, axis: int, d: Dim) -> TensorType:
    return TensorType(t.shape[:axis] + (d,) + t.shape[axis + 1:], t.dtype)


def quantize(x: Value, fmt: KVFormat, role: str, fresh: Fresh,
             static_scale: Value | None = None) -> tuple[list[Op], Stored]:
    """Ops storing ``x [B, H, L, D]`` as ``fmt`` does (``kv_store.store``, the prefill
    rule): the first ``quantized_tokens(L)`` tokens quantized, the rest sliced off as the
    full-precision residual (left out when it is statically empty)."""
    b, h, length, d = x.type.shape
    dim = as_int(d)
    assert dim is not None, "the caller checks the head dim is static"
    lq = quantized_len(fmt, role, length)
    ops: list[Op] = []
    src, residual = x, None
    if as_int(length - lq) != 0:
        src = Value(fresh(f"{x.name}_q"), _with(x.type, 2, lq))
        residual = Value(fresh(f"{x.name}_residual"), _with(x.type, 2, length - lq))
        ops += [SliceOp(x, src, axis=2, start=sympy.Integer(0)),
                SliceOp(x, residual, axis=2, start=lq)]
    codes = Value(fresh(f"{x.name}_codes"), code_type(fmt, b, h, lq, dim))
    st = scale_type(fmt, role, b, h, lq, dim)
    scale = Value(fresh(f"{x.name}_scale"), st)
    zero = None if fmt.is_fp8 else Value(fresh(f"{x.name}_zero"), st)
    ops.append(QuantizeOp(src, codes, scale, zero, fmt, role, static_scale=static_scale))
    return ops, Stored(fmt, codes, static_scale or scale, zero, residual)


def head_slice(x: Value, start: int, stop: int, fresh: Fresh, axis: int = 1
               ) -> tuple[list[Op], Value]:
    """Heads ``[start, stop)`` of ``x`` along ``axis``."""
    out = Value(fresh(f"{x.name}_h{start}"), _with(x.type, axis, sympy.Integer(stop - start)))
    return [SliceOp(x, out, axis=axis, start=sympy.Integer(start))], out
