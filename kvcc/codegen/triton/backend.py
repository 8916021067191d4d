"""The Triton backend as a backend object: generated kernels on CUDA GPUs of compute
capability 8.0 and later, or on the CPU under ``TRITON_INTERPRET=1``."""

from __future__ import annotations

from collections.abc import Callable

import torch

from kvcc.codegen.backend import ALL_LAYOUTS, Backend, Capabilities
from kvcc.ir.dtypes import DType
from kvcc.ir.ops import AttentionOp


class TritonBackend(Backend):
    """Generated Triton kernels (``emit.py``); an op the emitter cannot lower is refused
    with the lowering's own reason (``spec.UnsupportedAttention``)."""

    name = "triton"
    caps = Capabilities(devices=frozenset({"cuda", "cpu"}),
                        dtypes=frozenset({DType.f16, DType.bf16, DType.f32}),
                        q_layouts=frozenset({"dense", "packed"}), kv_layouts=ALL_LAYOUTS,
                        kv_formats=frozenset({"all"}), scores=True)

    def available(self, device: torch.device) -> str | None:
        from kvcc.codegen.triton.op import available

        return available(device)

    def _check(self, op: AttentionOp) -> str | None:
        # the lowering knows every rule (the capabilities above are its summary), and its
        # reasons already name this backend
        from kvcc.codegen.triton.spec import UnsupportedAttention, lower

        try:
            lower(op)
        except UnsupportedAttention as e:
            return str(e)
        return None

    def refuse(self, reason: str) -> Exception:
        from kvcc.codegen.triton.spec import UnsupportedAttention

        return UnsupportedAttention(reason)

    def run_attention(self, op: AttentionOp, tensors: dict[str, torch.Tensor], dim: Callable,
                      **hints) -> tuple[torch.Tensor, ...]:
        from kvcc.codegen.triton.op import run_attention

        return run_attention(op, tensors, dim, **hints)
