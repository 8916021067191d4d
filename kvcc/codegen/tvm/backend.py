"""The TVM backend as a backend object: generated TensorIR kernels on CPU tensors."""

from __future__ import annotations

from collections.abc import Callable

import torch

from kvcc.codegen.backend import Backend, Capabilities
from kvcc.ir.dtypes import DType
from kvcc.ir.ops import AttentionOp
from kvcc.ir.types import as_int


class TvmBackend(Backend):
    """Generated TVM kernels (``emit.py``) for the llvm target; an op the lowering
    cannot express is refused with its reason (``spec.UnsupportedAttention``)."""

    name = "tvm"
    forward_only = True
    caps = Capabilities(devices=frozenset({"cpu"}),
                        dtypes=frozenset({DType.f16, DType.bf16, DType.f32}),
                        q_layouts=frozenset({"dense", "packed"}),
                        kv_layouts=frozenset({"dense", "packed", "paged"}),
                        kv_formats=frozenset({"all"}), scores=True)

    def available(self, device: torch.device) -> str | None:
        from kvcc.codegen.tvm.op import available

        return available(device)

    def _check(self, op: AttentionOp) -> str | None:
        from kvcc.codegen.tvm.spec import UnsupportedAttention, lower

        q_len = as_int(op.q.type.shape[2]) if op.q.type.rank == 4 else None
        try:
            lower(op, q_len if q_len is not None else 1)
        except UnsupportedAttention as e:
            return str(e)
        return None

    def refuse(self, reason: str) -> Exception:
        from kvcc.codegen.tvm.spec import UnsupportedAttention

        return UnsupportedAttention(reason)

    def run_attention(self, op: AttentionOp, tensors: dict[str, torch.Tensor], dim: Callable,
                      **hints) -> tuple[torch.Tensor, ...]:
        from kvcc.codegen.tvm.op import run_attention

        return run_attention(op, tensors, dim, **hints)
