"""The public entry point: ``kvcc.attention``."""

from __future__ import annotations

import torch

from kvcc import backends
from kvcc.frontend.attention_call import lower_attention_call, mask_data_arg
from kvcc.grad import keep_in_graph
from kvcc.ir.mask import Full, Mask, bind_data, data_refs, unbind
from kvcc.ir.ops import Module
from kvcc.ir.syntax import parse_mask, print_mask
from kvcc.passes.pipeline import DEFAULT_PIPELINE, run_cached


def _optimize(module: Module, pipeline: str) -> Module:
    return run_cached(module, pipeline)


def attention(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    *,
    mask: Mask | None = None,
    scale: float | None = None,
    softcap: float | None = None,
    return_lse: bool = False,
    backend: str = "auto",
    pipeline: str = DEFAULT_PIPELINE,
    kv_format=None,
    kv_precision: str = "full",
    return_scores: bool = False,
    score_window: int = 0,
):
    """Attention ``softmax(scale * q k^T, masked) v`` compiled by kvcc.

    q ``[B, Hq, Sq, D]``, k and v ``[B, Hkv, Skv, D]`` with ``Hq`` a multiple of
    ``Hkv`` (grouped-query attention). ``mask`` from :mod:`kvcc.masks` (causal is
    bottom-right aligned); ``scale`` defaults to ``1/sqrt(D)``; ``softcap`` applies
    ``c * tanh(s / c)`` to the scaled scores (both at most 2.35e38 for float16,
    bfloat16 and float32 inputs, which compute in float32; any finite value for
    float64). ``pipeline`` is a pass pipeline string. ``kv_format`` (from
    :mod:`kvcc.quant`): attention over K and V as that format stores them (quantized
    by its rules, read dequantized); ``kv_precision="upper"`` reads a QuantSpec
    format's upper 4-bit codes alone (its draft view, half the code bytes). Returns ``o`` in q's dtype, or
    ``(o, lse)`` with ``lse [B, Hq, Sq]`` float32 in natural log. Rows that see no
    key give ``o = 0`` and ``lse = -inf``.

    ``return_scores=True`` also returns eviction scores (H2O, SnapKV) from the same
    kernel, last: ``scores [B, Hkv, Skv]`` float32, each key's attention probability
    summed over the last ``score_window`` query rows (0: every row; SnapKV uses 32)
    and over the query heads of its KV head. The result is then ``(o, scores)``, or
    ``(o, lse, scores)`` with ``return_lse``; feed it to
    :func:`kvcc.runtime.eviction.snapkv_select` or accumulate it for
    :func:`~kvcc.runtime.eviction.h2o_select`. With ``kv_format`` the scores are those
    of attention over the dequantized keys. Called under ``torch.compile`` it raises
    (call it outside compiled code).

    Under ``torch.compile`` and ``torch.export`` the call is one opaque op,
    ``torch.ops.kvcc.attention_call``: symbolic sizes pass through (``dynamic=True``,
    export ``Dim``s), and kvcc's validation, lowering and planning run when the
    compiled code runs, as in eager mode. The op has no backward: when q, k or v
    need gradients the call is traced as in eager mode instead (the reference
    backend is differentiable; the generated kernels are forward only).
    """
    if not isinstance(pipeline, str):
        raise TypeError(f"pipeline must be a string such as 'simplify-masks,split-kv{{splits=4}}' "
                        f"('' for none), got {type(pipeline).__name__}")
    if return_scores or score_window:
        if torch.compiler.is_compiling():
            raise NotImplementedError("return_scores is not supported inside torch.compile yet: "
                                      "call kvcc.attention(..., return_scores=True) outside "
                                      "compiled code")
        return _eager(q, k, v, mask, scale, softcap, return_lse, backend, pipeline, kv_format,
                      kv_precision, return_scores, score_window)
    if kv_format is not None or kv_precision != "full":
        if torch.compiler.is_compiling():
            raise NotImplementedError("kv_format is not supported inside torch.compile yet: call "
                                      "kvcc.attention(..., kv_format=...) outside compiled code")
        return _eager(q, k, v, mask, scale, softcap, return_lse, backend, pipeline, kv_format,
                      kv_precision)
    if torch.compiler.is_compiling() and not (
            torch.is_grad_enabled() and any(t.requires_grad for t in (q, k, v)
                                            if isinstance(t, torch.Tensor))):
        return _traced_call(q, k, v, mask, scale, softcap, return_lse, backend, pipeline)
    return _eager(q, k, v, mask, scale, softcap, return_lse, backend, pipeline)


def _eager(q, k, v, mask, scale, softcap, return_lse, backend, pipeline, kv_format=None,
           kv_precision="full", return_scores=False, score_window=0):
    call = lower_attention_call(q, k, v, mask=mask, scale=scale, softcap=softcap,
                                return_lse=return_lse, kv_format=kv_format,
                                kv_precision=kv_precision, return_scores=return_scores,
                                score_window=score_window)
    name = backends.resolve(backend, q.device)
    module = _optimize(call.module, pipeline)
    out = backends.execute(name, module, call.inputs, fallback=backend == "auto")
    out = keep_in_graph(out, (q, k, v))
    if return_scores:
        return tuple(out)
    return (out[0], out[1]) if return_lse else out[0]


# ---------------------------------------------------------------- under torch.compile/export
#
# Traced, kvcc.attention is one opaque op: dynamo does not walk kvcc's host work
# (validation, lowering, passes, planning), so it installs no guards on it, symbolic
# sizes pass straight through, and exported programs hold a single node whose
# arguments are plain data (the mask as text, its tensors as a list). The op runs the
# eager path above on real tensors, each call.


def _traced_call(q, k, v, mask, scale, softcap, return_lse, backend, pipeline):
    if mask is None:
        mask = Full()
    if not isinstance(mask, Mask):
        raise TypeError(f"mask must be a kvcc.masks mask, got {type(mask).__name__}")
    unbound, refs = unbind(mask)
    if any(t is None for t in refs.values()):
        raise ValueError("mask tensors must be bound (pass them to the mask constructors)")
    o, lse = torch.ops.kvcc.attention_call(q, k, v, print_mask(unbound),
                                           mask_data_arg(list(refs.values()), q), scale, softcap,
                                           return_lse, backend, pipeline)
    return (o, lse) if return_lse else o


@torch.library.custom_op("kvcc::attention_call", mutates_args=())
def _attention_call(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: str,
                    mask_data: list[torch.Tensor], scale: float | None, softcap: float | None,
                    return_lse: bool, backend: str, pipeline: str
                    ) -> tuple[torch.Tensor, torch.Tensor]:
    parsed = parse_mask(mask)
    refs = data_refs(parsed)
    if len(mask_data) != len(refs) + 1:
        raise ValueError(f"mask {mask!r} reads {len(refs)} tensors; mask_data holds "
                         f"{len(mask_data)} (its tensors, then q: see mask_data_arg)")
    bound = bind_data(parsed, dict(zip(refs, mask_data[:-1], strict=True)))
    out = _eager(q, k, v, bound, scale, softcap, return_lse, backend, pipeline)
    if return_lse:
        return out[0], out[1]
    return out, q.new_empty(0, dtype=torch.float32)


@_attention_call.register_fake
def _(q, k, v, mask, mask_data, scale, softcap, return_lse, backend, pipeline):
    if q.dim() != 4 or k.dim() != 4 or v.dim() != 4:
        raise ValueError(f"q, k and v must have 4 dims ([B, H, S, D]), got {tuple(q.shape)}, "
                         f"{tuple(k.shape)}, {tuple(v.shape)}")
    lse_shape = tuple(q.shape[:3]) if return_lse else (0,)
    return (q.new_empty(*q.shape[:3], v.shape[3]), q.new_empty(lse_shape, dtype=torch.float32))
