"""The public entry point: ``kvcc.attention``."""

from __future__ import annotations

from functools import lru_cache

import torch

from kvcc import backends
from kvcc.frontend.attention_call import lower_attention_call
from kvcc.ir.mask import Mask
from kvcc.ir.ops import Module
from kvcc.passes.pipeline import DEFAULT_PIPELINE, Pipeline


@lru_cache(maxsize=256)
def _optimize(module: Module, pipeline: str) -> Module:
    return Pipeline.parse(pipeline).run(module)


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
):
    """Attention ``softmax(scale * q k^T, masked) v`` compiled by kvcc.

    q ``[B, Hq, Sq, D]``, k and v ``[B, Hkv, Skv, D]`` with ``Hq`` a multiple of
    ``Hkv`` (grouped-query attention). ``mask`` from :mod:`kvcc.masks` (causal is
    bottom-right aligned); ``scale`` defaults to ``1/sqrt(D)``; ``softcap`` applies
    ``c * tanh(s / c)`` to the scaled scores. Returns ``o`` in q's dtype, or
    ``(o, lse)`` with ``lse [B, Hq, Sq]`` float32 in natural log. Rows that see no
    key give ``o = 0`` and ``lse = -inf``.
    """
    call = lower_attention_call(q, k, v, mask=mask, scale=scale, softcap=softcap,
                                return_lse=return_lse)
    name = backends.resolve(backend, q.device)
    module = _optimize(call.module, pipeline)
    out = backends.execute(name, module, call.inputs, fallback=backend == "auto")
    return (out[0], out[1]) if return_lse else out[0]
