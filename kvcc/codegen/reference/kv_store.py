"""What a quantized KV cache holds, by the reference: the prefill rule and appends.

For ``L`` tokens of keys and values ``[B, H, L, D]`` in a :class:`KVFormat`, a cache
holds a quantized prefix and a full-precision residual per role (``KVFormat.
quantized_tokens``): KIVI keys are quantized a block of ``residual`` tokens at a
time (per channel, group by group), the last ``L mod residual`` stay full
precision; values keep the last ``residual`` tokens and the oldest leaves the window
(is quantized, per token) one at a time; formats without a residual quantize every
token as it comes. :func:`store` is the rule applied to a whole history; :func:`append`
is the same state reached token batch by token batch, and the two are equal for any
schedule (a test proves it) where scales are per token or per channel group, or
static: fp8's per-head scale is given, or computed from the first tokens stored and
kept (later tokens past its range saturate). An integer format with one scale per
head cannot append without requantizing what it holds, and refuses to.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import torch

from kvcc.codegen.reference.quant import dequantize, quantize
from kvcc.ir.formats import KVFormat, Scope


@dataclass(frozen=True)
class RoleStore:
    """One role's (keys' or values') state: codes, scale, zero of the quantized prefix
    (token axis 2; channel-scope scales per group of tokens), and the residual."""

    codes: torch.Tensor | None
    scale: torch.Tensor | None
    zero: torch.Tensor | None
    residual: torch.Tensor  # [B, H, L - quantized, D], the inputs' dtype

    @property
    def quantized(self) -> int:
        return 0 if self.codes is None else self.codes.shape[2]


@dataclass(frozen=True)
class KVStore:
    """Keys and values of a batch of equal-length sequences as ``fmt`` stores them."""

    fmt: KVFormat
    k: RoleStore
    v: RoleStore

    @property
    def length(self) -> int:
        return self.k.quantized + self.k.residual.shape[2]


def _quantize_rows(x: torch.Tensor, fmt: KVFormat, role: str, prev: RoleStore | None):
    """Quantize ``x`` (whole blocks) and append to ``prev``'s quantized prefix."""
    if (prev is not None and prev.codes is not None and not fmt.is_fp8
            and fmt.scope(role) in (Scope.head, Scope.tensor)):
        raise ValueError(f"kv_format {fmt.name}: an integer format with one scale per "
                         f"{fmt.scope(role).value} cannot append to what it holds (its scale "
                         "and zero would change); use per-token or per-channel scales")
    static = prev.scale if (fmt.is_fp8 and prev is not None and prev.scale is not None) else None
    codes, scale, zero = quantize(x, fmt, role, scale=static)
    if prev is None or prev.codes is None:
        return codes, scale, zero
    cat = (lambda a, b: b if a is None else torch.cat([a, b], 2))  # noqa: E731
    if fmt.scope(role) in (Scope.token, Scope.channel):
        return cat(prev.codes, codes), cat(prev.scale, scale), (
            None if zero is None else cat(prev.zero, zero))
    return cat(prev.codes, codes), prev.scale, prev.zero  # head/tensor scope: one scale


def _empty_role(x: torch.Tensor) -> RoleStore:
    return RoleStore(None, None, None, x[:, :, :0])


def store(k: torch.Tensor, v: torch.Tensor, fmt: KVFormat, *,
          k_scale: torch.Tensor | None = None, v_scale: torch.Tensor | None = None) -> KVStore:
    """The prefill rule: ``k``, ``v`` ``[B, H, L, D]`` as ``fmt`` stores them. fp8:
    ``k_scale``/``v_scale`` ``[B, H]`` are static per-head scales (default: amax)."""
    fmt.check_head_dim(k.shape[-1])
    empty = KVStore(fmt, _empty_role(k), _empty_role(v))
    if fmt.is_fp8:  # a static scale is part of the state before any token
        empty = replace(empty, k=replace(empty.k, scale=k_scale), v=replace(empty.v, scale=v_scale))
    return append(empty, k, v)


def append(s: KVStore, k_new: torch.Tensor, v_new: torch.Tensor) -> KVStore:
    """``s`` with new tokens ``[B, H, n, D]`` appended: residuals grow, and whatever
    the rule says is now old enough is quantized (a full key block; values past the
    window)."""
    fmt = s.fmt
    length = s.length + k_new.shape[2]
    roles = []
    for role, prev, new in (("k", s.k, k_new), ("v", s.v, v_new)):
        res = torch.cat([prev.residual, new], 2)
        n = fmt.quantized_tokens(length, role) - prev.quantized
        if n == 0:
            roles.append(replace(prev, residual=res))
            continue
        codes, scale, zero = _quantize_rows(res[:, :, :n], fmt, role, prev)
        roles.append(RoleStore(codes, scale, zero, res[:, :, n:]))
    return KVStore(fmt, *roles)


def dequantized(s: KVStore, dtype: torch.dtype = torch.float32,
                precision: str = "full") -> tuple[torch.Tensor, torch.Tensor]:
    """Keys and values ``[B, H, L, D]`` as a reader of the store sees them: the
    dequantized prefix, then the residual (``precision="upper"``: QuantSpec's draft)."""
    out = []
    for role, r in (("k", s.k), ("v", s.v)):
        parts = [] if r.codes is None else [
            dequantize(r.codes, r.scale, r.zero, s.fmt, role, dtype, precision=precision)]
        out.append(torch.cat(parts + [r.residual.to(dtype)], 2))
    return out[0], out[1]
