"""Backend selection: names, availability, and running a lowered module.

``reference`` runs everywhere. ``triton`` and ``tvm`` are generated-kernel
backends that arrive with their own issues; until then asking for them raises
:class:`BackendUnavailable` with the reason. ``auto`` picks the best backend
available for the tensors' device.
"""

from __future__ import annotations

import torch

from kvcc.codegen import reference
from kvcc.ir.ops import Module

BACKENDS = ("auto", "reference", "triton", "tvm")

_PENDING = {
    "triton": "the Triton code generator has not landed yet",
    "tvm": "the TVM code generator has not landed yet",
}


class BackendUnavailable(RuntimeError):
    """The requested backend cannot run here; the message says why and what to use."""


def resolve(backend: str, device: torch.device) -> str:
    """The concrete backend name for ``backend`` on ``device`` (raises if unavailable)."""
    if not isinstance(backend, str) or backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}; got {backend!r}")
    if backend == "auto":
        return "reference"  # the only backend so far; generated kernels take over as they land
    if backend in _PENDING:
        raise BackendUnavailable(f"backend {backend!r} is not available: {_PENDING[backend]}; "
                                 "use backend='reference' (or 'auto')")
    return backend


def execute(backend: str, module: Module, inputs: dict[str, torch.Tensor]) -> tuple[torch.Tensor, ...]:
    """Run a (verified, optimized) module on a concrete backend."""
    if backend == "reference":
        any_t = next(iter(inputs.values()))
        compute = torch.float64 if any_t.dtype == torch.float64 else torch.float32
        return reference.run(module, options=reference.ReferenceOptions(compute), **inputs)
    raise BackendUnavailable(f"backend {backend!r} cannot execute modules yet")
