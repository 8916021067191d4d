"""Backend selection: names, availability, and running a lowered module.

``reference`` runs everywhere. ``triton`` runs generated kernels on CUDA
tensors (or on the CPU under ``TRITON_INTERPRET=1``); its attention ops run as
kernels and the glue ops of a module (loops, merges) in torch. ``tvm`` arrives
with its own issue; until then asking for it raises :class:`BackendUnavailable`.
``auto`` picks Triton on CUDA tensors and the reference elsewhere.
"""

from __future__ import annotations

import torch

from kvcc.codegen import reference
from kvcc.ir.ops import AttentionOp, Module

BACKENDS = ("auto", "reference", "triton", "tvm")

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
        # generated kernels where they can run (CUDA tensors), the reference elsewhere
        return "triton" if device.type == "cuda" and triton_unavailable(device) is None else "reference"
    if backend in _PENDING:
        raise BackendUnavailable(f"backend {backend!r} is not available: {_PENDING[backend]}; "
                                 "use backend='reference' (or 'auto')")
    if backend == "triton":
        reason = triton_unavailable(device)
        if reason is not None:
            raise BackendUnavailable(f"backend 'triton' is not available: {reason}")
    return backend


def triton_unavailable(device: torch.device) -> str | None:
    """None when generated Triton kernels can run on ``device``, else why not."""
    from kvcc.codegen.triton.op import available

    return available(device)


def execute(backend: str, module: Module, inputs: dict[str, torch.Tensor],
            fallback: bool = False, hints: dict[str, int] | None = None
            ) -> tuple[torch.Tensor, ...]:
    """Run a (verified, optimized) module on a concrete backend. With ``fallback``
    (what ``auto`` asks for), attention ops a generated-kernel backend does not
    support yet (float64, quantized KV) run on the reference instead of failing.
    ``hints``: sizes the caller knows (``max_q_len``, ``max_kv_len`` of packed
    sequences), so a kernel launch need not read them back from the device."""
    if backend == "reference":
        any_t = next(iter(inputs.values()))
        compute = torch.float64 if any_t.dtype == torch.float64 else torch.float32
        return reference.run(module, options=reference.ReferenceOptions(compute), **inputs)
    if backend == "triton":
        from kvcc.codegen.reference.interpreter import reference_attention
        from kvcc.codegen.triton.op import run_attention
        from kvcc.codegen.triton.spec import UnsupportedAttention

        def attention(op, tensors, dim):
            try:
                return run_attention(op, tensors, dim, **(hints or {}))
            except UnsupportedAttention:
                if not fallback:
                    raise
                return reference_attention(op, tensors, dim)

        op = module.ops[0] if len(module.ops) == 1 else None
        if (isinstance(op, AttentionOp) and set(inputs) == {a.name for a in module.args}
                and module.outputs == tuple(r for r in (op.o, op.lse, op.scores)
                                            if r is not None)):
            # a single attention op (the common call): no glue ops to interpret
            res = attention(op, inputs, int)
            return tuple(x for x, r in zip(res, (op.o, op.lse, op.scores)) if r is not None)
        opts = reference.ReferenceOptions(attention_impl=attention)
        return reference.run(module, options=opts, **inputs)
    raise BackendUnavailable(f"backend {backend!r} cannot execute modules yet")
