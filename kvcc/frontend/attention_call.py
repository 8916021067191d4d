"""Lower one ``kvcc.attention(q, k, v, ...)`` call to an IR module.

Validation happens here, before any compute: every bad input raises a
``TypeError`` (wrong kind or dtype) or ``ValueError`` (wrong shape or value)
that names the argument and what was expected.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import torch

from kvcc.checks import FLOAT_DTYPES, check_factor, check_qkv
from kvcc.frontend.quantized_call import (
    build_quantized,
    check_format,
    check_precision,
    quantized_inputs,
)
from kvcc.ir.dtypes import DType
from kvcc.ir.formats import KVFormat
from kvcc.ir.mask import Full, Mask, check, data_refs, unbind
from kvcc.ir.ops import AttentionOp, Module
from kvcc.ir.types import Value, tensor

# what run-time mask tensors may hold: document ids, page selections
MASK_DTYPES = (torch.int8, torch.uint8, torch.int32, torch.int64, torch.bool)


@dataclass(frozen=True)
class AttentionCall:
    """A validated call: the IR module and the tensors to feed it, by argument name."""

    module: Module
    inputs: dict[str, torch.Tensor]


def _check_tensor(name: str, t: object) -> torch.Tensor:
    if not isinstance(t, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(t).__name__}")
    if t.dtype not in FLOAT_DTYPES:
        raise TypeError(f"{name} must be float16, bfloat16, float32 or float64, got {t.dtype}")
    if t.dim() != 4:
        want = "[B, Hq, Sq, D]" if name == "q" else "[B, Hkv, Skv, D]"
        raise ValueError(f"{name} must have shape {want} (4 dims), got {tuple(t.shape)}")
    return t


def lower_attention_call(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    *,
    mask: Mask | None = None,
    scale: float | None = None,
    softcap: float | None = None,
    return_lse: bool = False,
    name: str = "attention",
    kv_format: KVFormat | None = None,
    kv_precision: str = "full",
    return_scores: bool = False,
    score_window: int = 0,
) -> AttentionCall:
    """Validate a call and build its module: args ``%q, %k, %v`` and mask data. With
    ``kv_format``, K and V are stored in that format first and the module reads them
    as stored (``%k_codes, %k_scale, ...``, see :mod:`kvcc.frontend.quantized_call`);
    ``kv_precision="upper"`` reads hierarchical codes' upper plane alone.
    ``return_scores``: the module also returns ``%scores [B, Hkv, Skv]``, the eviction
    scores over the last ``score_window`` query rows (0: all; see ``AttentionOp``)."""
    if not isinstance(return_scores, bool):
        raise TypeError(f"return_scores must be a bool, got {type(return_scores).__name__}")
    if isinstance(score_window, bool) or not isinstance(score_window, int) or score_window < 0:
        raise ValueError(f"score_window must be an int >= 0 (0: every query row), got "
                         f"{score_window!r}")
    if score_window and not return_scores:
        raise ValueError("score_window is the window of return_scores=True; pass both")
    q, k, v = _check_tensor("q", q), _check_tensor("k", k), _check_tensor("v", v)
    check_qkv(q, k, v)
    b, hq, sq, d = q.shape
    if k.shape[0] != b or v.shape[0] != b:
        raise ValueError(f"batch mismatch: q has B={b}, k has {k.shape[0]}, v has {v.shape[0]}")
    if k.shape[:3] != v.shape[:3]:
        raise ValueError(f"k {tuple(k.shape)} and v {tuple(v.shape)} must agree on "
                         "[B, Hkv, Skv]")
    hkv, skv = k.shape[1], k.shape[2]
    if sq == 0 or skv == 0 or b == 0 or hq == 0:
        raise ValueError(f"empty attention: q {tuple(q.shape)}, k {tuple(k.shape)}")
    scale = check_factor("scale", 1.0 / math.sqrt(d) if scale is None else scale, q.dtype)
    if softcap is not None:
        softcap = check_factor("softcap", softcap, q.dtype, "None or ")
    if mask is None:
        mask = Full()
    if not isinstance(mask, Mask):
        raise TypeError(f"mask must be a kvcc.masks mask, got {type(mask).__name__}")
    refs = data_refs(mask)
    try:
        check(mask, sq, skv)
    except ValueError as e:
        raise ValueError(f"mask does not fit q/k (Sq={sq}, Skv={skv}): {e}") from None
    for ref, t in refs.items():
        if t.dtype not in MASK_DTYPES:
            raise TypeError(f"mask tensor %{ref} has dtype {t.dtype}; mask tensors are "
                            f"{', '.join(str(d).removeprefix('torch.') for d in MASK_DTYPES)} "
                            "(kvcc.masks.document converts any integer seq_ids)")
        if t.device != q.device:
            raise ValueError(f"mask tensor %{ref} is on {t.device}, q on {q.device}; "
                             "put them on one device")
        if t.dim() >= 2 and t.shape[0] not in (1, b):
            raise ValueError(f"mask tensor %{ref}: batch axis {t.shape[0]} must be 1 or B={b}")
        if t.dim() == 3 and t.shape[1] not in (1, hkv, hq):
            raise ValueError(f"mask tensor %{ref}: head axis {t.shape[1]} must be 1, Hkv={hkv} "
                             f"or Hq={hq}")
    # The IR names mask tensors canonically and holds no data, so the same call
    # shape lowers to the same module (its compiled form is cached) and nothing
    # keeps the caller's tensors alive.
    mask, refs = unbind(mask)
    if kv_format is not None:
        fmt = check_format(check_format(kv_format, d), v.shape[3])
        precision = check_precision(kv_precision, fmt)
        stored = quantized_inputs(k, v, fmt)
        margs = tuple((r, tuple(t.shape), t.dtype) for r, t in refs.items())
        module = build_quantized(q, stored, fmt, mask, margs, float(scale),
                                 None if softcap is None else float(softcap), return_lse,
                                 v.shape[3], precision, k.shape[2] if return_scores else None,
                                 score_window if return_scores else 0)
        return AttentionCall(module, {"q": q} | stored | dict(refs))
    check_precision(kv_precision, None)
    module = _build(name, tuple(q.shape), tuple(k.shape), tuple(v.shape), q.dtype,
                    tuple((r, tuple(t.shape), t.dtype) for r, t in refs.items()), mask,
                    scale, softcap, return_lse, return_scores, score_window)
    inputs = {"q": q, "k": k, "v": v} | {r: t for r, t in refs.items()}
    return AttentionCall(module, inputs)


@lru_cache(maxsize=512)
def _build(name: str, qs: tuple, ks: tuple, vs: tuple, dtype: torch.dtype, margs_spec: tuple,
           mask: Mask, scale: float, softcap: float | None, return_lse: bool,
           return_scores: bool = False, score_window: int = 0) -> Module:
    """The module for a validated call (cached: serving loops repeat the same shapes)."""
    b, hq, sq, _ = qs
    dt = DType.from_torch(dtype)
    vq, vk, vv = (Value(n, tensor(s, dt)) for n, s in (("q", qs), ("k", ks), ("v", vs)))
    margs = tuple(Value(r, tensor(s, DType.from_torch(d))) for r, s, d in margs_spec)
    vo = Value("o", tensor((b, hq, sq, vs[3]), dt))
    vl = Value("lse", tensor((b, hq, sq), DType.f32)) if return_lse else None
    vs_ = Value("scores", tensor((b, ks[1], ks[2]), DType.f32)) if return_scores else None
    op = AttentionOp(vq, vk, vv, vo, vl, scale=scale, softcap=softcap, mask=mask,
                     mask_args=margs, scores=vs_, score_window=score_window)
    return Module(name, (vq, vk, vv) + margs, (op,),
                  (vo,) + tuple(x for x in (vl, vs_) if x is not None))


def mask_data_arg(data: list, q):
    """The opaque op ``kvcc::attention_call``'s ``mask_data``: the mask's tensors, then
    ``q`` (ignored): a list never empty, as AOTInductor's runner passes an empty tensor
    list as None."""
    return [*data, q]
