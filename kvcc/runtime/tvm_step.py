"""A :class:`~kvcc.runtime.step.Step`'s attention on the TVM backend (CPU caches).

Plain and quantized pages, Quest's selection (compacted into per-head pages, or as the
mask's ``page_select`` over the sequences' pages), eviction scores (a second kernel
after the attention's) and streaming heads' second pool (one launch per pool,
:func:`plan_tvm_stream`) run the generated paged kernels of ``kvcc/codegen/tvm/``:
planned once per step (the spec
lowered for the step's longest query sequence and the kernel built or loaded), then
run per layer on that layer's pages (a quantized cache's codes, scales, zeros and
residual rings, dequantized in the kernel). What the kernels do not run keeps the
reference: :func:`plan_tvm` returns None (with ``backend="auto"``), or raises the
backend's reason (``backend="tvm"``).
"""

from __future__ import annotations

from collections.abc import Callable

import torch

from kvcc.ir.ops import AttentionOp


def plan_tvm(step, op: AttentionOp) -> tuple[str, Callable] | None:
    """``("tvm", run)`` where ``run(tensors)`` gives ``(o, lse)`` of ``op`` over the
    tensors ``step._tensors(q, layer)`` binds; None when the reference runs it."""
    c = step.cache
    from kvcc import backends
    from kvcc.codegen.tvm import build
    from kvcc.codegen.tvm.op import planned_spec, run_varlen

    reason = backends.REGISTRY["tvm"].supports(op)
    if reason is not None:
        if not c.auto:
            raise backends.REGISTRY["tvm"].refuse(reason)
        return None
    hints = {"max_q_len": max(1, step.max_q), "max_kv_len": max(1, step.max_kv)}
    # built here, not in a layer's call
    spec = planned_spec(op, hints["max_q_len"], len(step.seqs), hints["max_kv_len"])
    build.load(spec)
    if op.scores is not None:
        from kvcc.codegen.tvm.spec import scores_spec

        build.load(scores_spec(spec))

    def run(t: dict[str, torch.Tensor]) -> tuple[torch.Tensor, ...]:
        return run_varlen(op, t, dim=step._dim, **hints)

    return ("tvm", run)


def plan_tvm_stream(step, mask, layer: int, hq: int) -> tuple[str, Callable] | None:
    """``("tvm", run)`` for a step's attention over both pools of a cache with streaming
    heads (``streaming.two_source_module``), as one paged launch per pool: the other KV
    heads' query heads over the main pages with ``mask``, the streaming heads' over
    their rows' views with the streaming mask, each head positioned by its own pool's
    lengths (the two-source op's definition); ``run(layer, q)`` gathers each launch's
    query heads and scatters its outputs. None (``backend="auto"``): the reference
    runs the two-source op."""
    from kvcc.runtime.modules import paged_module

    c, sp = step.cache, step.cache.stream
    heads = sp.opts.heads[layer]
    g = hq // c.num_kv_heads
    parts = []
    for pool_heads, part_mask, alt in (
            (tuple(h for h in range(c.num_kv_heads) if h not in heads), mask, False),
            (tuple(heads), sp.mask(mask), True)):
        if not pool_heads:
            continue
        module = paged_module(g * len(pool_heads), len(pool_heads), c.head_dim, c.dtype,
                              c.page_size, part_mask, step.scale, step.softcap, True)
        op = module.ops[0] if len(module.ops) == 1 else None
        planned = plan_tvm(step, op) if isinstance(op, AttentionOp) else None
        if planned is None:
            return None
        rows = torch.tensor([h * g + j for h in pool_heads for j in range(g)],
                            device=c.device)
        parts.append((alt, rows, planned[1]))

    def run(layer: int, q: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        o = q.new_empty(*q.shape[:2], c.head_dim)
        lse = torch.empty(q.shape[:2], dtype=torch.float32, device=q.device)
        idx = step.stream
        for alt, rows, launch in parts:
            t = {"q": q.index_select(1, rows), "cu": step.cu_q}
            if alt:
                t |= {"k": sp.pool[layer, 0], "v": sp.pool[layer, 1], "bt": idx.block_table,
                      "kl": idx.lens}
            else:
                t |= {"k": c.k(layer), "v": c.v(layer), "bt": step.block_table,
                      "kl": step.kv_lens}
            po, plse = launch(t)
            o[:, rows], lse[:, rows] = po, plse
        return o, lse

    return ("tvm", run)
