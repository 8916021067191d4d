"""Outputs that a pass proved constant, kept in the inputs' autograd graph."""

from __future__ import annotations

import torch


def keep_in_graph(outs: tuple[torch.Tensor, ...], inputs: tuple[torch.Tensor, ...]
                  ) -> tuple[torch.Tensor, ...]:
    """``outs`` with each output that carries no autograd history, while some input needs
    gradients, attached to the inputs with derivative zero (see ``_ConstantResult``)."""
    if not (torch.is_grad_enabled() and any(t.requires_grad for t in inputs)):
        return outs
    return tuple(t if t.requires_grad else _ConstantResult.apply(t, *inputs) for t in outs)


class _ConstantResult(torch.autograd.Function):
    """An output that does not depend on q, k, v, kept in their autograd graph.

    A pass that proves an attention's result constant (a mask that simplifies to
    empty) replaces it by fills, which carry no autograd history: backward would
    fail where the unoptimized program gives zero gradients. The result is still a
    function of q, k and v, with derivative zero; this says so exactly (explicit
    zeros, not ``0 * q``, which is NaN where q is infinite)."""

    @staticmethod
    def forward(ctx, out, *inputs):
        ctx.like = [(t.shape, t.dtype, t.device) for t in inputs]
        return out.view_as(out)

    @staticmethod
    def backward(ctx, grad):
        return (None, *(torch.zeros(shape, dtype=dtype, device=device) if need else None
                        for need, (shape, dtype, device) in zip(ctx.needs_input_grad[1:],
                                                                ctx.like)))
