"""``attention_varlen``: attention over packed sequences, FlashAttention's layout.

q ``[total_q, Hq, D]`` and k/v ``[total_k, Hkv, D]`` hold the sequences end to end;
``cu_seqlens_q``/``cu_seqlens_k`` (``[B+1]``, from 0) say where each begins. Masks
apply within each sequence, positions bottom-right aligned per sequence (a decode
query sees its whole sequence; a chunk of new queries sees what precedes it).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import torch

from kvcc import backends
from kvcc.checks import (
    FLOAT_DTYPES,
    check_cu_seqlens,
    check_factor,
    check_int,
    check_qkv,
)
from kvcc.grad import keep_in_graph
from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Packed
from kvcc.ir.mask import Document, Full, Mask, is_structured, walk
from kvcc.ir.ops import AttentionOp, Module
from kvcc.ir.types import Value, tensor
from kvcc.passes.pipeline import DEFAULT_PIPELINE, run_cached


def check_packed(name: str, t: object, heads: str) -> torch.Tensor:
    """A packed ``[T, H, D]`` float tensor."""
    if not isinstance(t, torch.Tensor):
        raise TypeError(f"{name} must be a torch.Tensor, got {type(t).__name__}")
    if t.dtype not in FLOAT_DTYPES:
        raise TypeError(f"{name} must be float16, bfloat16, float32 or float64, got {t.dtype}")
    if t.dim() != 3:
        raise ValueError(f"{name} must have shape [total, {heads}, D] (3 dims), got "
                         f"{tuple(t.shape)}")
    return t


def check_sequence_mask(mask: object) -> Mask:
    """A mask that applies within each packed or cached sequence: structured (causal,
    windows, sinks and their algebra), as the sequences are the documents."""
    if mask is None:
        return Full()
    if not isinstance(mask, Mask):
        raise TypeError(f"mask must be a kvcc.masks mask, got {type(mask).__name__}")
    if not is_structured(mask):
        raise ValueError("mask: masks that read run-time tensors (document ids, page "
                         "selections) need the dense layout (kvcc.attention); with packed "
                         "or cached sequences, each sequence is already its own document")
    if any(isinstance(n, Document) for n in walk(mask)):
        raise ValueError("mask: document(...) does not apply to packed or cached sequences: "
                         "each sequence is already its own document (cu_seqlens)")
    return mask


@dataclass(frozen=True)
class VarlenCall:
    """A validated call: the module, its inputs, and the sizes known without a read."""

    module: Module
    inputs: dict[str, torch.Tensor]
    hints: dict[str, int]


def lower_varlen_call(q, k, v, cu_seqlens_q, cu_seqlens_k, *, max_seqlen_q=None,
                      max_seqlen_k=None, mask=None, scale=None, softcap=None,
                      return_lse=False) -> VarlenCall:
    """Validate an ``attention_varlen`` call and build its module (see the function)."""
    q, k, v = check_packed("q", q, "Hq"), check_packed("k", k, "Hkv"), check_packed("v", v, "Hkv")
    check_qkv(q, k, v)
    tq, hq, d = q.shape
    tk, hkv, _ = k.shape
    if k.shape[:2] != v.shape[:2]:
        raise ValueError(f"k {tuple(k.shape)} and v {tuple(v.shape)} must agree on [total_k, Hkv]")
    cu_q = check_cu_seqlens("cu_seqlens_q", cu_seqlens_q, q.device)
    cu_k = check_cu_seqlens("cu_seqlens_k", cu_seqlens_k, q.device)
    if cu_q.shape != cu_k.shape:
        raise ValueError(f"cu_seqlens_q {tuple(cu_q.shape)} and cu_seqlens_k {tuple(cu_k.shape)} "
                         "must both have B+1 entries")
    hints = {}
    for name, hint, cu, total in (("max_seqlen_q", max_seqlen_q, cu_q, tq),
                                  ("max_seqlen_k", max_seqlen_k, cu_k, tk)):
        if hint is None:  # no hint: read cu_seqlens once (a host sync) and check it
            hint = check_offsets(name.replace("max_seqlen", "cu_seqlens"), cu, total)
        else:
            hint = check_int(name, hint)
        hints["max_q_len" if name.endswith("q") else "max_kv_len"] = hint
    scale = check_factor("scale", 1.0 / math.sqrt(d) if scale is None else scale, q.dtype)
    if softcap is not None:
        softcap = check_factor("softcap", softcap, q.dtype, "None or ")
    mask = check_sequence_mask(mask)
    module = _build(hq, hkv, d, v.shape[2], q.dtype, mask, scale, softcap, bool(return_lse))
    inputs = {"q": q, "k": k, "v": v, "cu_q": cu_q.to(torch.int32), "cu_k": cu_k.to(torch.int32)}
    return VarlenCall(module, inputs, hints)


def check_offsets(name: str, cu: torch.Tensor, total: int) -> int:
    """Read ``cu`` once: it must start at 0, never decrease and end at ``total``;
    returns the longest sequence."""
    c = cu.tolist()
    if c[0] != 0 or c[-1] != total or any(b < a for a, b in zip(c, c[1:])):
        raise ValueError(f"{name} must start at 0, never decrease and end at the packed "
                         f"length {total}; got {c[:8]}{' ...' if len(c) > 8 else ''}")
    return max((b - a for a, b in zip(c, c[1:])), default=0)


@lru_cache(maxsize=256)
def _build(hq: int, hkv: int, d: int, dv: int, dtype: torch.dtype, mask: Mask, scale: float,
           softcap: float | None, return_lse: bool) -> Module:
    """The module for a validated call; lengths are symbols, so one module (and one
    compiled kernel) serves every batch and length."""
    dt = DType.from_torch(dtype)
    vq = Value("q", tensor(["Tq", hq, d], dt))
    vk, vv = Value("k", tensor(["Tk", hkv, d], dt)), Value("v", tensor(["Tk", hkv, dv], dt))
    cq, ck = (Value(n, tensor(["B1"], DType.i32)) for n in ("cu_q", "cu_k"))
    vo = Value("o", tensor(["Tq", hq, dv], dt))
    vl = Value("lse", tensor(["Tq", hq], DType.f32)) if return_lse else None
    op = AttentionOp(vq, vk, vv, vo, vl, scale=scale, softcap=softcap, mask=mask,
                     q_layout=Packed(), kv_layout=Packed(), cu_seqlens_q=cq, cu_seqlens_k=ck)
    return Module("attention_varlen", (vq, vk, vv, cq, ck), (op,), (vo,) + ((vl,) if vl else ()))


def optimize(module: Module, pipeline: str) -> Module:
    """``module`` after ``pipeline`` (memoized: serving loops repeat their calls)."""
    if not isinstance(pipeline, str):
        raise TypeError(f"pipeline must be a string such as 'simplify-masks' ('' for none), "
                        f"got {type(pipeline).__name__}")
    return run_cached(module, pipeline)


def attention_varlen(q, k, v, cu_seqlens_q, cu_seqlens_k, *, max_seqlen_q=None,
                     max_seqlen_k=None, mask=None, scale=None, softcap=None,
                     return_lse=False, backend="auto", pipeline=DEFAULT_PIPELINE,
                     kv_format=None):
    """Attention over packed sequences (FlashAttention's ``flash_attn_varlen_func``).

    q ``[total_q, Hq, D]``, k and v ``[total_k, Hkv, D]``, ``cu_seqlens_q`` and
    ``cu_seqlens_k`` int32 ``[B+1]`` (starting at 0). Sequence ``b``'s queries are rows
    ``cu_seqlens_q[b]:cu_seqlens_q[b+1]`` and attend to its keys only; masks from
    :mod:`kvcc.masks` apply within each sequence, bottom-right aligned (``causal()``
    lets query ``i`` of ``n`` see the first ``Lk - n + i + 1`` keys). A sequence may
    be empty (no queries, or no keys: its rows give o = 0 and lse = -inf).

    ``max_seqlen_q``/``max_seqlen_k``: the longest query/key sequence (an upper bound
    is fine; a smaller value leaves rows unwritten, as in FlashAttention). With both
    given nothing is read back from the device, so the call can be captured in a CUDA
    graph; without them ``cu_seqlens`` are read once, and checked. Returns ``o
    [total_q, Hq, D]``, or ``(o, lse)`` with ``lse [total_q, Hq]``
    float32 in natural log.

    ``kv_format`` (from :mod:`kvcc.quant`): attend to K and V as that format stores them
    (appended to a quantized paged cache, whose kernels dequantize as they load; each
    sequence's queries are then its last tokens, and ``pipeline`` is the cache's).
    Forward only.
    """
    call = lower_varlen_call(q, k, v, cu_seqlens_q, cu_seqlens_k, max_seqlen_q=max_seqlen_q,
                             max_seqlen_k=max_seqlen_k, mask=mask, scale=scale,
                             softcap=softcap, return_lse=return_lse)
    if kv_format is not None:
        from kvcc.runtime.varlen_quant import attention_varlen_quantized

        return attention_varlen_quantized(call, kv_format, backend, return_lse)
    name = backends.resolve(backend, q.device)
    module = optimize(call.module, pipeline)
    out = backends.execute(name, module, call.inputs, fallback=backend == "auto",
                           hints=call.hints)
    out = keep_in_graph(out, (q, k, v))  # a mask simplified to empty: zero gradients
    return (out[0], out[1]) if return_lse else out[0]
