"""Backends as objects: one table, capabilities as data, ``supports(op)`` naming the
missing capability, ``auto`` choosing per device and falling back per op."""

from __future__ import annotations

import pytest
import torch

from kvcc import backends, quant
from kvcc import masks as M
from kvcc.codegen.backend import Backend, Capabilities, UnsupportedOp
from kvcc.frontend.attention_call import lower_attention_call
from kvcc.ir.dtypes import DType


def _op(dtype=torch.float32, **kw):
    q, k = torch.zeros(1, 4, 8, 32, dtype=dtype), torch.zeros(1, 2, 8, 32, dtype=dtype)
    return lower_attention_call(q, k, k, mask=M.causal(), **kw).module.ops[0]


class _Half(Backend):
    """A backend that runs f16 dense attention only, to test the generic checks."""

    name = "half"
    caps = Capabilities(devices=frozenset({"cpu"}), dtypes=frozenset({DType.f16}),
                        q_layouts=frozenset({"dense"}), kv_layouts=frozenset({"dense"}),
                        kv_formats=frozenset({"int8"}), scores=False)

    def available(self, device):
        return None


def test_the_table_and_the_reference():
    assert set(backends.REGISTRY) == {"reference", "triton", "tvm"}
    assert all(b.name == n for n, b in backends.REGISTRY.items())
    ref = backends.REGISTRY["reference"]
    for op in (_op(), _op(torch.float64), _op(kv_format=quant.kivi(2, group=8, residual=8)),
               _op(return_scores=True)):
        assert ref.supports(op) is None
    assert ref.available(torch.device("cpu")) is None


def test_capabilities_name_what_is_missing():
    b = _Half()
    assert "q dtype f32" in b.supports(_op())
    assert b.supports(_op(torch.float16)) is None
    assert "quantized KV in int4" in b.supports(_op(torch.float16, kv_format=quant.int4()))
    assert b.supports(_op(torch.float16, kv_format=quant.int8())) is None
    assert b.supports(_op(torch.float16, return_scores=True)) == "eviction scores"
    err = b.refuse(b.supports(_op()))
    assert isinstance(err, UnsupportedOp) and "backend 'half'" in str(err)


def test_triton_refuses_by_its_lowering_and_auto_falls_back():
    tri = backends.REGISTRY["triton"]
    assert "q dtype f64" in tri.supports(_op(torch.float64))
    assert tri.supports(_op()) is None
    op = _op(torch.float64)
    assert tri.supports(op) is tri.supports(op)  # answered once per op object
    with pytest.raises(ValueError, match="one of auto, reference, triton, tvm"):
        backends.resolve("cuda-graphs", torch.device("cpu"))
    tvm_here = backends.REGISTRY["tvm"].available(torch.device("cpu")) is None
    assert backends.resolve("auto", torch.device("cpu")) == ("tvm" if tvm_here else "reference")


def test_auto_falls_back_per_op_also_when_planning_refuses():
    """An op the lowering accepts but planning refuses (a static document mask over a
    cache with lengths) runs on the reference under auto, and is refused without it."""
    from kvcc.codegen.triton.spec import UnsupportedAttention
    from tests.triton_helpers import RUNS_TRITON

    if not RUNS_TRITON:
        pytest.skip("needs CUDA or TRITON_INTERPRET=1")
    from dataclasses import replace

    from kvcc.ir import Module, Value, tensor

    q, k = torch.randn(1, 2, 8, 16), torch.randn(1, 2, 8, 16)
    op = lower_attention_call(q, k, k, mask=M.document([4, 4])).module.ops[0]
    op = replace(op, kv_lens=Value("kl", tensor([1], DType.i32)))
    m = Module("m", op.operands(), (op,), (op.o,))
    t = {"q": q, "k": k, "v": k, "kl": torch.tensor([8], dtype=torch.int32)}
    assert backends.REGISTRY["triton"].supports(op) is None
    with pytest.raises(UnsupportedAttention, match="static document"):
        backends.execute("triton", m, t)
    (o,) = backends.execute("triton", m, t, fallback=True)
    torch.testing.assert_close(o, backends.execute("reference", m, t)[0])
