"""Argument checks shared by the public entry points (``kvcc.attention``,
``attention_varlen``, ``KVCache``): each raises a ``TypeError`` or ``ValueError``
that names the argument and what was expected. Imports nothing of kvcc, so every
layer can use it."""

from __future__ import annotations

import math
import numbers

import torch

from kvcc.ir.formats import KVFormat

FLOAT_DTYPES = (torch.float16, torch.bfloat16, torch.float32, torch.float64)
MAX_HEAD_DIM = 256
# float16, bfloat16 and float32 attention computes in float32, whose exponentials the
# kernels take in base 2: scale * log2(e) and softcap * log2(e) must stay finite there,
# or they overflow before any score is read (NaN, or an infinite lse). The bound is
# float32's largest value (3.4028e38) over log2(e), rounded down so that the float32
# product stays finite too. float64 attention takes any finite value.
MAX_F32_FACTOR = 2.35e38
def check_head_dim(name: str, d: int) -> None:
    if d < 1 or d > MAX_HEAD_DIM or (d > 8 and d % 8):
        raise ValueError(f"{name} head dim {d} is not supported: use a multiple of 8 up to "
                         f"{MAX_HEAD_DIM} (or 1..8)")


def check_factor(name: str, x: object, dtype: torch.dtype, none_ok: str = "") -> float:
    """``scale`` or ``softcap`` as a float: positive, finite, and within what the
    compute precision of ``dtype`` inputs can hold (see MAX_F32_FACTOR)."""
    want = f"{name} must be {none_ok}a positive finite number"
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise ValueError(f"{want}, got {x!r}")
    try:
        f = float(x)
    except OverflowError:  # a Python int (or Fraction) past the float64 range
        raise ValueError(f"{want}, got {type(x).__name__} too large for a float") from None
    if not (math.isfinite(f) and f > 0):
        raise ValueError(f"{want}, got {x!r}")
    if dtype != torch.float64 and f > MAX_F32_FACTOR:
        raise ValueError(
            f"{name}={f!r} exceeds the float32 range used to compute "
            f"{str(dtype).removeprefix('torch.')} attention: at most {MAX_F32_FACTOR:g} "
            "(float32's largest value over log2(e), the kernels' exponent base); "
            "float64 inputs take any finite value")
    return f


def check_int(name: str, x: object, lo: int = 0) -> int:
    """An integer argument ``>= lo`` (bools and floats refused, not truncated)."""
    if isinstance(x, bool) or not isinstance(x, numbers.Integral):
        raise TypeError(f"{name} must be an int, got {type(x).__name__}")
    if x < lo:
        raise ValueError(f"{name} must be >= {lo}, got {x}")
    return int(x)


def check_cu_seqlens(name: str, t: object, device: torch.device) -> torch.Tensor:
    """A ``cu_seqlens`` tensor: 1-D integer ``[B+1]`` on ``device`` (not read)."""
    if not isinstance(t, torch.Tensor):
        raise TypeError(f"{name} must be an int32 tensor [B+1], got {type(t).__name__}")
    if t.dtype not in (torch.int32, torch.int64):
        raise TypeError(f"{name} must be int32 (or int64), got {t.dtype}")
    if t.dim() != 1 or t.shape[0] < 1:
        raise ValueError(f"{name} must have shape [B+1], got {tuple(t.shape)}")
    if t.device != device:
        raise ValueError(f"{name} is on {t.device}, q on {device}; put them on one device")
    return t


def check_qkv(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> None:
    """What every layout's q, k, v share: one dtype and device, heads on axis 1 (Hq a
    multiple of Hkv), k's head dim equal to q's, and head dims the kernels take."""
    if k.dtype != q.dtype or v.dtype != q.dtype:
        raise TypeError(f"q, k and v must share a dtype, got q {q.dtype}, k {k.dtype}, "
                        f"v {v.dtype}")
    if not (q.device == k.device == v.device):
        raise ValueError(f"q, k and v must be on one device, got {q.device}, {k.device}, "
                         f"{v.device}")
    hq, hkv = q.shape[1], k.shape[1]
    if hkv == 0 or hq % hkv:
        raise ValueError(f"Hq={hq} (q.shape[1]) must be a multiple of Hkv={hkv} (k.shape[1]) "
                         "for grouped-query attention")
    if k.shape[-1] != q.shape[-1]:
        raise ValueError(f"k head dim {k.shape[-1]} must equal q head dim {q.shape[-1]}")
    check_head_dim("q", q.shape[-1])
    check_head_dim("v", v.shape[-1])


def check_format(fmt: object, head_dim: int) -> KVFormat:
    """A ``kv_format`` argument: a KVFormat (from :mod:`kvcc.quant`) that can store rows of
    ``head_dim`` channels."""
    if not isinstance(fmt, KVFormat):
        raise TypeError(f"kv_format must be a kvcc.quant format (kvcc.quant.int4(), "
                        f"kvcc.quant.kivi(), ...), got {type(fmt).__name__}")
    try:
        fmt.check_head_dim(head_dim)
    except ValueError as e:
        raise ValueError(f"kv_format: {e}") from None
    return fmt


def check_precision(precision: object, fmt: KVFormat | None) -> str:
    """A ``kv_precision`` argument: ``"full"``, or ``"upper"`` for hierarchical codes."""
    if precision not in ("full", "upper"):
        raise ValueError(f"kv_precision must be 'full' or 'upper', got {precision!r}")
    if precision == "upper" and (fmt is None or not fmt.hierarchical):
        raise ValueError("kv_precision='upper' reads the upper codes of a hierarchical format "
                         f"(kvcc.quant.quantspec()); got kv_format "
                         f"{None if fmt is None else fmt.name}")
    return precision
