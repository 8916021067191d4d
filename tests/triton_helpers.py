"""Shared helpers for the Triton backend tests (interpreter on CPU, real GPU when present)."""

from __future__ import annotations

import importlib.util
import os

import pytest
import torch

from kvcc.codegen import reference
from kvcc.codegen.triton.op import plan
from kvcc.ir import Module

RUNS_TRITON = os.environ.get("TRITON_INTERPRET") == "1" or torch.cuda.is_available()
needs_triton = pytest.mark.skipif(not RUNS_TRITON, reason="needs CUDA or TRITON_INTERPRET=1")
DEVICE = "cuda" if torch.cuda.is_available() else "cpu"
# the TVM kernels run CPU tensors (a cache on "tvm" is a CPU cache)
needs_tvm = pytest.mark.skipif(importlib.util.find_spec("tvm") is None or DEVICE != "cpu",
                               reason="needs apache-tvm and CPU tensors")


def rnd(*shape, seed=0, dtype=torch.float32) -> torch.Tensor:
    """Fresh normal values on the CPU."""
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


def rand(*shape, seed: int, dtype=torch.float32) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.randn(*shape, generator=g).to(dtype).to(DEVICE)


def run_triton(m: Module, inputs: dict[str, torch.Tensor], num_splits: int | None = None,
               tma: bool | None = None, tiles=None):
    def impl(op, t, dim):
        return plan(op, t, dim, num_splits=num_splits, tma=tma, tiles=tiles).run()

    return reference.run(m, options=reference.ReferenceOptions(attention_impl=impl), **inputs)


def gold(m: Module, inputs: dict[str, torch.Tensor]):
    """float64 oracle."""
    up = {n: t.double() if t.is_floating_point() else t for n, t in inputs.items()}
    return reference.run(m, options=reference.ReferenceOptions(torch.float64, False), **up)


def lowp(m: Module, inputs: dict[str, torch.Tensor]):
    """The reference in the inputs' own precision (its error sets the tolerance)."""
    return reference.run(m, **inputs)


def assert_matches(m: Module, inputs: dict[str, torch.Tensor], got) -> None:
    """Each output within the low-precision reference's own error of the float64 oracle."""
    want, base = gold(m, inputs), lowp(m, inputs)
    assert len(got) == len(want) == len(m.outputs)
    for name, g, w, b in zip((o.name for o in m.outputs), got, want, base):
        assert g.shape == w.shape, name
        assert not torch.isnan(g).any(), f"{name} has NaN"
        inf_g, inf_w = torch.isneginf(g), torch.isneginf(w)
        assert torch.equal(inf_g, inf_w), f"{name}: -inf rows differ"
        g, w, b = (torch.where(inf_w, 0, x.double()) for x in (g, w, b))
        err, ref_err = (g - w).abs(), (b - w).abs()
        tol_mean = 2.0 * ref_err.mean().item() + 1e-6
        tol_max = 4.0 * ref_err.max().item() + 2e-5
        assert err.mean().item() <= tol_mean, f"{name}: mean err {err.mean():.3g} > {tol_mean:.3g}"
        assert err.max().item() <= tol_max, f"{name}: max err {err.max():.3g} > {tol_max:.3g}"
