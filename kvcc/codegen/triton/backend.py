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

    def __init__(self) -> None:
        self._answers: dict[int, tuple[AttentionOp, str | None]] = {}

    def supports(self, op: AttentionOp) -> str | None:
        # the lowering knows every rule (the capabilities above are its summary), and its
        # reasons already name this backend; answers are kept by the op's identity (ops
        # come from cached modules, and a call asks every time)
        hit = self._answers.get(id(op))
        if hit is not None and hit[0] is op:
            return hit[1]
        from kvcc.codegen.triton.spec import UnsupportedAttention, lower

        try:
            lower(op)
            reason = None
        except UnsupportedAttention as e:
            reason = str(e)
        if len(self._answers) >= 4096:
            self._answers.clear()
        self._answers[id(op)] = (op, reason)
        return reason

    def refuse(self, reason: str) -> Exception:
        from kvcc.codegen.triton.spec import UnsupportedAttention

        return UnsupportedAttention(reason)

    def run_attention(self, op: AttentionOp, tensors: dict[str, torch.Tensor], dim: Callable,
                      **hints) -> tuple[torch.Tensor, ...]:
        from kvcc.codegen.triton.op import run_attention

        return run_attention(op, tensors, dim, **hints)
