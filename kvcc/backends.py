"""The backends, in one table, and the choice among them.

Each backend is a small object in its own folder (``kvcc/codegen/<name>/backend.py``,
the interface in ``kvcc/codegen/backend.py``): its capabilities as data,
``available(device)``, ``supports(op)`` (a reason naming the missing capability, or
None) and ``run_attention``. ``reference`` runs everywhere and defines the semantics.
``triton`` runs generated kernels on CUDA tensors (or on the CPU under
``TRITON_INTERPRET=1``); its attention ops run as kernels and the glue ops of a module
(loops, merges) in torch. ``tvm`` is not registered yet: asking for it raises
:class:`BackendUnavailable`.

``auto`` picks, for the device, the first generated-kernel backend of :data:`AUTO`
that is available (Triton on CUDA tensors), else the reference; and per op, an op that
backend does not support runs on the reference instead (``fallback``).
"""

from __future__ import annotations

import torch

from kvcc.codegen import reference
from kvcc.codegen.backend import Backend
from kvcc.codegen.reference.backend import ReferenceBackend
from kvcc.codegen.triton.backend import TritonBackend
from kvcc.ir.ops import AttentionOp, Module

REGISTRY: dict[str, Backend] = {b.name: b for b in (ReferenceBackend(), TritonBackend())}
BACKENDS = ("auto", "reference", "triton", "tvm")
# what ``auto`` tries, per device type, before the reference
AUTO: dict[str, tuple[str, ...]] = {"cuda": ("triton",), "cpu": ()}

_PENDING = {
    "tvm": "the TVM code generator has not landed yet",
}


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
    if backend in _PENDING:
        raise BackendUnavailable(f"backend {backend!r} is not available: {_PENDING[backend]}; "
                                 "use backend='reference' (or 'auto')")
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

    def attention(op, tensors, dim):
        reason = chosen.supports(op)
        if reason is None:
            return chosen.run_attention(op, tensors, dim, **(hints or {}))
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
