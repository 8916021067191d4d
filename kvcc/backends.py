"""The backends, in one table, and the choice among them.

Each backend is a small object in its own folder (``kvcc/codegen/<name>/backend.py``,
the interface in ``kvcc/codegen/backend.py``): its capabilities as data,
``available(device)``, ``supports(op)`` (a reason naming the missing capability, or
None) and ``run_attention``. ``reference`` runs everywhere and defines the semantics.
``triton`` runs generated kernels on CUDA tensors (or on the CPU under
``TRITON_INTERPRET=1``); its attention ops run as kernels and the glue ops of a module
(loops, merges) in torch. ``tvm`` runs generated TensorIR kernels on CPU tensors
(dense, packed and paged layouts; ``kvcc/codegen/tvm/``).

``auto`` picks, for the device, the first generated-kernel backend of :data:`AUTO`
that is available (Triton on CUDA tensors, TVM on CPU tensors when apache-tvm is
installed), else the reference; and per op, an op that backend does not support (by
``supports``, or refused when planning from the call's tensors) runs on the reference
instead (``fallback``).
"""

from __future__ import annotations

import torch

from kvcc.codegen import reference
from kvcc.codegen.backend import Backend, UnsupportedOp
from kvcc.codegen.reference.backend import ReferenceBackend
from kvcc.codegen.triton.backend import TritonBackend
from kvcc.codegen.tvm.backend import TvmBackend
from kvcc.ir.ops import AttentionOp, Module

REGISTRY: dict[str, Backend] = {b.name: b for b in (ReferenceBackend(), TritonBackend(),
                                                     TvmBackend())}
BACKENDS = ("auto", "reference", "triton", "tvm")
# what ``auto`` tries, per device type, before the reference
AUTO: dict[str, tuple[str, ...]] = {"cuda": ("triton",), "cpu": ("tvm",)}


class BackendUnavailable(RuntimeError):
    """The requested backend cannot run here; the message says why and what to use."""


def resolve(backend: str, device: torch.device) -> str:
    """The concrete backend name for ``backend`` on ``device`` (raises if unavailable)."""
    if not isinstance(backend, str) or backend not in BACKENDS:
        raise ValueError(f"backend must be one of {', '.join(BACKENDS)}; got {backend!r}")
    if backend == "auto":
        for name in AUTO.get(device.type, ()):
            if REGISTRY[name].available(device) is None:
                return name
        return "reference"
    reason = REGISTRY[backend].available(device)
    if reason is not None:
        raise BackendUnavailable(f"backend {backend!r} is not available: {reason}")
    return backend


def triton_unavailable(device: torch.device) -> str | None:
    """None when generated Triton kernels can run on ``device``, else why not."""
    return REGISTRY["triton"].available(device)


def execute(backend: str, module: Module, inputs: dict[str, torch.Tensor],
            fallback: bool = False, hints: dict[str, int] | None = None
            ) -> tuple[torch.Tensor, ...]:
    """Run a (verified, optimized) module on a concrete backend. With ``fallback``
    (what ``auto`` asks for), attention ops the backend does not support (float64,
    say) run on the reference instead of failing; without, the backend's error names
    the missing capability. ``hints``: sizes the caller knows (``max_q_len``,
    ``max_kv_len`` of packed sequences), so a kernel launch need not read them back
    from the device."""
    if backend == "reference":
        any_t = next(iter(inputs.values()))
        compute = torch.float64 if any_t.dtype == torch.float64 else torch.float32
        return reference.run(module, options=reference.ReferenceOptions(compute), **inputs)
    chosen = REGISTRY[backend]
    ref = REGISTRY["reference"]
    if fallback and chosen.forward_only and torch.is_grad_enabled() and any(
            t.requires_grad for t in inputs.values()):
        return execute("reference", module, inputs)  # differentiable

    def attention(op, tensors, dim):
        reason = chosen.supports(op)
        if reason is None:
            try:
                return chosen.run_attention(op, tensors, dim, **(hints or {}))
            except UnsupportedOp:  # refused when planning, from the call's tensors
                if not fallback:
                    raise
                return ref.run_attention(op, tensors, dim)
        if not fallback:
            raise chosen.refuse(reason)
        return ref.run_attention(op, tensors, dim)

    op = module.ops[0] if len(module.ops) == 1 else None
    if (isinstance(op, AttentionOp) and set(inputs) == {a.name for a in module.args}
            and module.outputs == tuple(r for r in (op.o, op.lse, op.scores) if r is not None)):
        # a single attention op (the common call): no glue ops to interpret
        res = attention(op, inputs, int)
        return tuple(x for x, r in zip(res, (op.o, op.lse, op.scores)) if r is not None)
    opts = reference.ReferenceOptions(attention_impl=attention)
    return reference.run(module, options=opts, **inputs)
