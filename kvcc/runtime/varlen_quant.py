"""``attention_varlen(..., kv_format=fmt)``: packed sequences over K/V as ``fmt`` stores
them.

The keys and values of each sequence are appended to a quantized paged
:class:`~kvcc.runtime.cache.KVCache` made for the call (one step: the cache's
quantize-on-append, so each sequence's state is the format's prefill rule over its
keys; fp8's static per-head scale is calibrated over all the call's sequences), and
the queries attend to it (the fused-dequantization kernels, or the reference). Each
sequence's queries are its last tokens, as in the cache: a sequence needs at least as
many keys as queries. ``cu_seqlens`` are read on the host (and checked). Forward only.
"""

from __future__ import annotations

import math

import torch

from kvcc.checks import check_format
from kvcc.runtime.cache import KVCache
from kvcc.runtime.varlen import check_offsets

PAGE = 16


def attention_varlen_quantized(call, fmt, backend: str, return_lse: bool):
    """Run a validated varlen call (``VarlenCall``) over K/V stored in ``fmt``."""
    q, k, v = call.inputs["q"], call.inputs["k"], call.inputs["v"]
    fmt = check_format(check_format(fmt, k.shape[2]), v.shape[2])
    if k.shape[2] != v.shape[2]:
        raise ValueError("kv_format: k and v must share their head dim in a quantized cache")
    if q.dtype == torch.float64:
        raise ValueError("kv_format: q, k, v must be float16, bfloat16 or float32 (the "
                         "quantized cache's working dtypes)")
    check_offsets("cu_seqlens_q", call.inputs["cu_q"], q.shape[0])
    check_offsets("cu_seqlens_k", call.inputs["cu_k"], k.shape[0])
    cu_q, cu_k = call.inputs["cu_q"].tolist(), call.inputs["cu_k"].tolist()
    q_lens = [b - a for a, b in zip(cu_q, cu_q[1:])]
    k_lens = [b - a for a, b in zip(cu_k, cu_k[1:])]
    for i, (nq, nk) in enumerate(zip(q_lens, k_lens)):
        if nq > nk:
            raise ValueError(f"kv_format: sequence {i} has {nq} queries but {nk} keys; over a "
                             "quantized cache the queries are the last of the sequence's tokens")
    b = len(k_lens)
    if b == 0:  # no sequences: empty outputs, as without a format
        o = q.new_zeros(0, q.shape[1], v.shape[2])
        return (o, q.new_zeros(0, q.shape[1], dtype=torch.float32)) if return_lse else o
    cache = KVCache(1, k.shape[1], k.shape[2], num_pages=max(1, sum(math.ceil(n / PAGE)
                                                                    for n in k_lens)),
                    page_size=PAGE, dtype=q.dtype, device=q.device, backend=backend,
                    kv_format=fmt, max_seqs=max(1, b))
    seqs = [cache.add_sequence() for _ in range(b)]
    op = call.module.ops[0]  # the unoptimized module: one attention op
    step = cache.plan(seqs, q_lens, new_tokens=k_lens, num_q_heads=q.shape[1], mask=op.mask,
                      scale=op.scale, softcap=op.softcap, return_lse=return_lse)
    step.append(0, k.contiguous(), v.contiguous())
    return step.attend(0, q)
