"""A :class:`~kvcc.runtime.step.Step`'s attention on the TVM backend (CPU caches).

Plain and quantized pages, Quest's selection (compacted into per-head pages, or as the
mask's ``page_select`` over the sequences' pages), all without eviction scores, run
the generated paged kernels of ``kvcc/codegen/tvm/``: planned once per step (the spec
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
    if op.scores is not None:
        return None
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
    build.load(planned_spec(op, hints["max_q_len"], len(step.seqs), hints["max_kv_len"]))

    def run(t: dict[str, torch.Tensor]) -> tuple[torch.Tensor, torch.Tensor]:
        return run_varlen(op, t, **hints)

    return ("tvm", run)
