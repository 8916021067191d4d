"""Reference quantization and dequantization for any :class:`KVFormat`.

Tensors are ``[B, H, S, D]``. Scale (and zero) shapes by scope:
``tensor`` -> ``[1]``; ``head`` -> ``[B, H]``; ``token`` with group G over
channels -> ``[B, H, S, D/G]``; ``channel`` with group G over tokens ->
``[B, H, S/G, D]``. Integer codes are stored u8, or packed into int32 words
along the head dimension, ``32 // bits`` per word, lowest bits first (code ``i``
of a word in bits ``i*bits .. i*bits + bits - 1``); hierarchical codes are two
such planes of 4-bit codes, ``[..., D/8]`` upper then ``[..., D/8]`` lower.
"""

from __future__ import annotations

import torch

from kvcc.ir.dtypes import DType
from kvcc.ir.formats import KVFormat, Scope

FP8_MAX = {DType.f8e4m3: 448.0, DType.f8e5m2: 57344.0}


def _grouped(x: torch.Tensor, fmt: KVFormat, role: str) -> tuple[torch.Tensor, tuple[int, ...]]:
    """View x so that the reduction for one scale is the last axis; return the view
    and the scale shape."""
    b, h, s, d = x.shape
    scope = fmt.scope(role)
    if scope is Scope.tensor:
        return x.reshape(1, -1), (1,)
    if scope is Scope.head:
        return x.reshape(b, h, s * d), (b, h)
    if scope is Scope.token:
        g = fmt.group_size or d
        if d % g:
            raise ValueError(f"{fmt.name}: head dim {d} is not a multiple of the group {g}")
        return x.reshape(b, h, s, d // g, g), (b, h, s, d // g)
    g = fmt.group_size
    if s % g:
        raise ValueError(f"{fmt.name}: {s} tokens are not a multiple of the key group {g}; "
                         "keep the remainder in the residual window")
    return x.reshape(b, h, s // g, g, d).transpose(-1, -2), (b, h, s // g, d)


def _ungroup(y: torch.Tensor, fmt: KVFormat, role: str, shape: torch.Size) -> torch.Tensor:
    if fmt.scope(role) is Scope.channel:
        return y.transpose(-1, -2).reshape(shape)
    return y.reshape(shape)


def quantize(x: torch.Tensor, fmt: KVFormat, role: str, scale: torch.Tensor | None = None):
    """Return ``(codes, scale, zero)``; ``zero`` is None for fp8 formats. fp8 takes a
    given ``scale`` (a static, calibrated per-head scale; values past the fp8 range
    saturate) or computes ``amax / fp8_max`` from ``x``."""
    xf = x.to(torch.float32) if x.dtype != torch.float64 else x
    g, sshape = _grouped(xf, fmt, role)
    sdt = fmt.scale_dtype.to_torch()
    if fmt.is_fp8:
        if scale is None:
            amax = g.abs().amax(-1)
            scale = torch.where(amax > 0, amax / FP8_MAX[fmt.code], torch.ones_like(amax))
        scale = scale.reshape(g.shape[:-1]).to(sdt).to(xf.dtype)
        top = FP8_MAX[fmt.code]
        codes = (g / scale.unsqueeze(-1)).clamp(-top, top).to(fmt.code.to_torch())
        return _ungroup(codes, fmt, role, x.shape), scale.reshape(sshape).to(sdt), None
    if fmt.hierarchical:
        return _quantize_hierarchical(x, xf, g, sshape, fmt, role)
    levels = 2 ** fmt.bits - 1
    lo, hi = g.amin(-1), g.amax(-1)
    _check_range(fmt, lo, hi)
    scale = ((hi - lo) / levels).to(sdt).to(xf.dtype)
    zero = lo.to(sdt).to(xf.dtype)
    safe = torch.where(scale > 0, scale, torch.ones_like(scale))
    codes = torch.clamp(torch.round((g - zero.unsqueeze(-1)) / safe.unsqueeze(-1)), 0, levels)
    codes = _ungroup(codes.to(torch.uint8), fmt, role, x.shape)
    if fmt.packed:
        codes = pack_codes(codes, fmt.bits)
    return codes, scale.reshape(sshape).to(sdt), zero.reshape(sshape).to(sdt)


def _check_range(fmt: KVFormat, lo: torch.Tensor, hi: torch.Tensor) -> None:
    """Scales and zeros must fit their dtype (a float16 zero past 65504 would be inf, and
    the dequantized values NaN)."""
    top = torch.finfo(fmt.scale_dtype.to_torch()).max
    if lo.numel() and (lo.abs().max() > top or (hi - lo).max() > top):
        raise ValueError(f"kv_format {fmt.name}: values up to {float(lo.abs().max()):.3g} "
                         f"(spread {float((hi - lo).max()):.3g}) do not fit its "
                         f"{fmt.scale_dtype.value} scales and zeros (at most {top:g})")


def _quantize_hierarchical(x, xf, g, sshape, fmt: KVFormat, role: str):
    """QuantSpec: upper 4-bit codes over ``s = (max - min) / 15`` and a lower 4-bit
    correction in steps of ``s / 16``, stored as two packed planes, upper first."""
    lo, hi = g.amin(-1), g.amax(-1)
    _check_range(fmt, lo, hi)
    sdt = fmt.scale_dtype.to_torch()
    scale = ((hi - lo) / 15).to(sdt).to(xf.dtype)
    zero = lo.to(sdt).to(xf.dtype)
    safe = torch.where(scale > 0, scale, torch.ones_like(scale)).unsqueeze(-1)
    upper = torch.clamp(torch.round((g - zero.unsqueeze(-1)) / safe), 0, 15)
    rest = g - (upper * scale.unsqueeze(-1) + zero.unsqueeze(-1))
    lower = torch.clamp(torch.round(rest / (safe / 16)), -8, 7) + 8
    planes = [pack_codes(_ungroup(c.to(torch.uint8), fmt, role, x.shape), 4)
              for c in (upper, lower)]
    return torch.cat(planes, -1), scale.reshape(sshape).to(sdt), zero.reshape(sshape).to(sdt)


def dequantize(codes: torch.Tensor, scale: torch.Tensor, zero: torch.Tensor | None,
               fmt: KVFormat, role: str, dtype: torch.dtype = torch.float32,
               precision: str = "full") -> torch.Tensor:
    """``codes * scale + zero`` (fp8: ``codes * scale``) in ``dtype``. Hierarchical codes:
    ``precision="upper"`` reads the upper plane alone (the 4-bit draft view)."""
    if precision not in ("full", "upper"):
        raise ValueError(f"precision must be 'full' or 'upper', got {precision!r}")
    work = torch.float64 if dtype == torch.float64 else torch.float32
    if fmt.hierarchical:
        half = codes.shape[-1] // 2
        c = unpack_codes(codes[..., :half], 4).to(work)
        if precision == "full":
            c = c + (unpack_codes(codes[..., half:], 4).to(work) - 8) / 16
    else:
        c = (unpack_codes(codes, fmt.bits) if fmt.packed else codes).to(work)
    g, _ = _grouped(c, fmt, role)
    y = g * scale.to(work).unsqueeze(-1)
    if zero is not None:
        y = y + zero.to(work).unsqueeze(-1)
    return _ungroup(y, fmt, role, c.shape).to(dtype)


def pack_codes(codes: torch.Tensor, bits: int) -> torch.Tensor:
    """u8 codes ``[..., D]`` -> int32 words ``[..., D * bits / 32]``."""
    per = 32 // bits
    d = codes.shape[-1]
    if d % per:
        raise ValueError(f"head dim {d} is not a multiple of {per} codes per word")
    c = codes.to(torch.int64).reshape(*codes.shape[:-1], d // per, per)
    shifts = torch.arange(per, device=codes.device, dtype=torch.int64) * bits
    w = (c << shifts).sum(-1)
    w = torch.where(w >= 2**31, w - 2**32, w)  # two's complement into int32
    return w.to(torch.int32)


def unpack_codes(words: torch.Tensor, bits: int) -> torch.Tensor:
    """Inverse of :func:`pack_codes`."""
    per = 32 // bits
    w = words.to(torch.int64) & 0xFFFFFFFF
    shifts = torch.arange(per, device=words.device, dtype=torch.int64) * bits
    c = (w.unsqueeze(-1) >> shifts) & (2**bits - 1)
    return c.reshape(*words.shape[:-1], words.shape[-1] * per).to(torch.uint8)
