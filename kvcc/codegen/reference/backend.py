"""The reference backend as a backend object: every op, every device (plain torch)."""

from __future__ import annotations

from collections.abc import Callable

import torch

from kvcc.codegen.backend import ALL_FLOATS, ALL_LAYOUTS, Backend, Capabilities
from kvcc.ir.ops import AttentionOp


class ReferenceBackend(Backend):
    """Runs any IR program in torch, float64 when asked: kvcc's semantics."""

    name = "reference"
    caps = Capabilities(devices=frozenset({"cpu", "cuda", "meta"}), dtypes=ALL_FLOATS,
                        q_layouts=frozenset({"dense", "packed"}), kv_layouts=ALL_LAYOUTS,
                        kv_formats=frozenset({"all"}), scores=True)

    def available(self, device: torch.device) -> str | None:
        return None

    def run_attention(self, op: AttentionOp, tensors: dict[str, torch.Tensor], dim: Callable,
                      **hints) -> tuple[torch.Tensor, ...]:
        from kvcc.codegen.reference.interpreter import reference_attention

        return reference_attention(op, tensors, dim)
