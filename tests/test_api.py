"""kvcc.attention: results against SDPA, and clear errors for bad input."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F

import kvcc
from kvcc import masks as M
from tests.triton_helpers import needs_triton, rnd


def test_matches_sdpa_with_gqa_and_default_scale():
    q, k, v = rnd(2, 8, 33, 64, seed=1), rnd(2, 2, 47, 64, seed=2), rnd(2, 2, 47, 64, seed=3)
    o = kvcc.attention(q, k, v, mask=M.causal())
    dense = torch.ones(33, 47, dtype=torch.bool).tril(47 - 33)
    ref = F.scaled_dot_product_attention(q.double(), k.double(), v.double(), attn_mask=dense,
                                         enable_gqa=True)
    # float32 compute: error relative to the float32 SDPA's own error
    ref32 = F.scaled_dot_product_attention(q, k, v, attn_mask=dense, enable_gqa=True)
    own = (ref32.double() - ref).abs().mean()
    assert (o.double() - ref).abs().mean() <= 2 * own + 1e-7
    assert o.dtype == torch.float32 and o.shape == (2, 8, 33, 64)


def test_return_lse_and_float16_output_dtype():
    q, k, v = (rnd(1, 4, 9, 32, seed=i, dtype=torch.float16) for i in range(3))
    o, lse = kvcc.attention(q, k, v, return_lse=True)
    assert o.dtype == torch.float16 and lse.dtype == torch.float32 and lse.shape == (1, 4, 9)
    s = (q.double() @ k.double().transpose(-1, -2)) / math.sqrt(32)
    assert torch.allclose(lse.double(), torch.logsumexp(s, -1), atol=1e-3)


def test_softcap_and_windows_and_documents():
    q, k, v = (rnd(1, 2, 24, 16, seed=i, dtype=torch.float64) for i in range(3))
    o1 = kvcc.attention(q, k, v, mask=M.document([10, 14]) & M.causal())
    ids = torch.tensor([0] * 10 + [1] * 14)
    o2 = kvcc.attention(q, k, v, mask=M.document(seq_ids=ids) & M.causal())
    assert torch.allclose(o1, o2)
    o3 = kvcc.attention(q, k, v, mask=M.sinks(2) | M.sliding_window(4), softcap=5.0)
    s = 5.0 * torch.tanh(q @ k.transpose(-1, -2) / math.sqrt(16) / 5.0)
    i, j = torch.arange(24)[:, None], torch.arange(24)[None, :]
    visible = (j < 2) | ((j <= i) & (j > i - 4))
    want = torch.softmax(s.masked_fill(~visible, -math.inf), -1) @ v
    assert torch.allclose(o3, want, atol=1e-12)


def test_fully_masked_rows():
    q, k, v = (rnd(1, 2, 6, 16, seed=i) for i in range(3))
    o, lse = kvcc.attention(q, k[:, :, :3], v[:, :, :3], mask=M.causal(), return_lse=True)
    assert (o[:, :, :3] == 0).all() and torch.isneginf(lse[:, :, :3]).all()
    assert not torch.isnan(o).any()


Q, K, V = rnd(2, 8, 5, 32), rnd(2, 2, 7, 32), rnd(2, 2, 7, 32)


@pytest.mark.parametrize("args,kw,exc,msg", [
    ((Q.numpy(), K, V), {}, TypeError, "q must be a torch.Tensor"),
    ((Q, K.double(), V), {}, TypeError, "share a dtype"),
    ((Q.int(), K, V), {}, TypeError, "q must be float16"),
    ((Q[0], K, V), {}, ValueError, r"q must have shape \[B, Hq, Sq, D\]"),
    ((Q, rnd(2, 3, 7, 32), rnd(2, 3, 7, 32)), {}, ValueError, "Hq=8 .* multiple of Hkv=3"),
    ((Q, K[:1], V[:1]), {}, ValueError, "batch mismatch"),
    ((Q, K, V[:, :, :6]), {}, ValueError, "must agree on"),
    ((Q, K[..., :16], V), {}, ValueError, "k head dim 16 must equal q head dim 32"),
    ((rnd(2, 8, 5, 12), rnd(2, 2, 7, 12), rnd(2, 2, 7, 12)), {}, ValueError, "head dim 12"),
    ((rnd(2, 8, 5, 512), rnd(2, 2, 7, 512), rnd(2, 2, 7, 512)), {}, ValueError, "head dim 512"),
    ((Q, K, V), {"scale": -1.0}, ValueError, "scale must be"),
    ((Q, K, V), {"softcap": 0}, ValueError, "softcap must be"),
    ((Q, K, V), {"mask": "causal"}, TypeError, "mask must be a kvcc.masks mask"),
    ((Q, K, V), {"mask": M.document([3, 3])}, ValueError, "sum to 6 but the key length is 7"),
    ((Q, K, V), {"mask": M.document(seq_ids=torch.zeros(3, 7, dtype=torch.long))}, ValueError,
     "batch axis 3 must be 1 or B=2"),
    ((Q, K, V), {"backend": "cuda"}, ValueError, "backend must be one of"),
])
def test_bad_input_is_rejected_before_compute(args, kw, exc, msg):
    with pytest.raises(exc, match=msg):
        kvcc.attention(*args, **kw)


def test_tvm_on_cuda_tensors_says_where_it_runs():
    from kvcc import backends

    with pytest.raises(kvcc.BackendUnavailable, match="backend 'tvm' is not available: the "
                                                      "TVM backend runs on CPU tensors"):
        backends.resolve("tvm", torch.device("cuda", 0))


def test_triton_on_cpu_without_interpreter_says_how(monkeypatch):
    pytest.importorskip("triton")  # imported (as the interpreter, if set) before unsetting
    monkeypatch.delenv("TRITON_INTERPRET", raising=False)
    with pytest.raises(kvcc.BackendUnavailable, match="TRITON_INTERPRET=1"):
        kvcc.attention(Q, K, V, backend="triton")


def test_gpus_older_than_sm80_are_refused_and_auto_uses_the_reference(monkeypatch):
    pytest.importorskip("triton")
    from kvcc import backends

    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda device=None: (7, 5))
    cuda = torch.device("cuda", 0)
    with pytest.raises(kvcc.BackendUnavailable, match="compute capability 8.0 or newer.*7.5"):
        backends.resolve("triton", cuda)
    assert backends.resolve("auto", cuda) == "reference"
    monkeypatch.setattr(torch.cuda, "get_device_capability", lambda device=None: (9, 0))
    assert backends.resolve("auto", cuda) == "triton"


def test_custom_pipeline_gives_same_result():
    q, k, v = (rnd(1, 2, 40, 16, seed=i, dtype=torch.float64) for i in range(3))
    a = kvcc.attention(q, k, v, mask=M.causal())
    b = kvcc.attention(q, k, v, mask=M.causal(), pipeline="chunk-prefill{size=16},split-kv{splits=3}")
    assert torch.allclose(a, b, atol=1e-12)


def test_runtime_mask_tensors_are_not_kept_and_compiled_forms_are_reused():
    from kvcc.api import _optimize
    from kvcc.frontend.attention_call import lower_attention_call
    from kvcc.ir.mask import data_refs

    q, k, v = (rnd(1, 2, 8, 16, seed=i) for i in range(3))
    calls = [lower_attention_call(q, k, v, mask=M.document(seq_ids=torch.tensor(ids)) & M.causal())
             for ids in ([0] * 4 + [1] * 4, [0] * 2 + [1] * 6)]
    assert calls[0].module == calls[1].module  # canonical names: one compiled form
    assert all(t is None for t in data_refs(calls[0].module.ops[0].mask).values())
    assert not torch.equal(calls[0].inputs["mask0"], calls[1].inputs["mask0"])
    assert calls[1].module is calls[0].module  # one module object per call shape
    once = _optimize(calls[0].module, "simplify-masks")
    assert _optimize(calls[1].module, "simplify-masks") is once  # optimized once, reused


def test_triton_backend_reports_unsupported_ops_and_auto_falls_back():
    pytest.importorskip("triton")
    from kvcc import backends
    from kvcc.codegen.triton.spec import UnsupportedAttention
    from kvcc.frontend.attention_call import lower_attention_call
    from tests.triton_helpers import RUNS_TRITON

    if not RUNS_TRITON:
        pytest.skip("needs CUDA or TRITON_INTERPRET=1")
    q, k, v = (rnd(1, 2, 5, 16, seed=i, dtype=torch.float64) for i in range(3))
    call = lower_attention_call(q, k, v, mask=M.causal())
    with pytest.raises(UnsupportedAttention, match="q dtype f64"):
        backends.execute("triton", call.module, call.inputs)
    (o,) = backends.execute("triton", call.module, call.inputs, fallback=True)
    ref = kvcc.attention(q, k, v, mask=M.causal(), backend="reference")
    assert torch.equal(o, ref)


def _compiled_cases():
    """Decode-like and prefill-like calls whose lengths change between calls."""
    for sq, skv in ((1, 40), (1, 41), (1, 57), (9, 50), (13, 70)):
        ids = torch.arange(skv) // 17  # documents of 17 tokens, as run-time ids
        yield (rnd(2, 4, sq, 32, seed=sq), rnd(2, 2, skv, 32, seed=skv),
               rnd(2, 2, skv, 32, seed=skv + 1), ids)


@pytest.mark.parametrize("backend", ["inductor", "aot_eager"])
def test_attention_under_torch_compile_with_dynamic_shapes(backend):
    """Traced, kvcc.attention is one opaque op: fullgraph with symbolic sizes works,
    run-time mask tensors pass through, and results equal eager calls."""

    def f(q, k, v, ids):
        o, lse = kvcc.attention(q, k, v, mask=M.document(seq_ids=ids) & M.causal(),
                                return_lse=True)
        return o * 2, lse

    cf = torch.compile(f, backend=backend, fullgraph=True, dynamic=True)
    cases = list(_compiled_cases())
    cf(*cases[0]), cf(*cases[3])  # one graph for one query (dynamo fixes sizes 1), one for more
    with torch._dynamo.config.patch(error_on_recompile=True):  # new lengths, same graphs
        for q, k, v, ids in cases:
            got, want = cf(q, k, v, ids), f(q, k, v, ids)
            assert got[0].shape == want[0].shape and got[1].shape == want[1].shape
            assert torch.equal(got[0], want[0]) and torch.equal(got[1], want[1])


def test_compiled_attention_with_inputs_that_need_gradients():
    """The opaque op has no backward: inputs that need gradients are traced as in eager
    mode, so a compiled model that is not under no_grad still trains (reference)."""
    lin = torch.nn.Linear(32, 32)

    def f(x, k, v):
        return kvcc.attention(lin(x), k, v, mask=M.causal(), backend="reference").sum()

    x, k, v = rnd(1, 2, 5, 32, seed=1), rnd(1, 2, 9, 32, seed=2), rnd(1, 2, 9, 32, seed=3)
    torch.compile(f, backend="aot_eager")(x, k, v).backward()
    got = lin.weight.grad.clone()
    lin.weight.grad = None
    f(x, k, v).backward()
    assert torch.allclose(got, lin.weight.grad, atol=1e-6)


def test_attention_exports_with_dynamic_lengths():
    class Attn(torch.nn.Module):
        def forward(self, q, k, v):
            return kvcc.attention(q, k, v, mask=M.causal() & M.sliding_window(8), scale=0.2)

    cases = list(_compiled_cases())
    q, k, v, _ = cases[3]
    sq, skv = torch.export.Dim("sq", max=4096), torch.export.Dim("skv", max=65536)
    ep = torch.export.export(Attn(), (q, k, v), dynamic_shapes=(
        {2: sq}, {2: skv}, {2: skv}))
    calls = [n for n in ep.graph.nodes if n.target == torch.ops.kvcc.attention_call.default]
    assert len(calls) == 1 and calls[0].args[3] == "causal & sliding_window(8)"
    for q, k, v, _ in cases[2:]:  # other lengths than the exported example
        want = kvcc.attention(q, k, v, mask=M.causal() & M.sliding_window(8), scale=0.2)
        assert torch.equal(ep.module()(q, k, v), want)


@needs_triton
def test_compiled_call_runs_the_generated_kernels():
    q, k, v, _ = next(iter(_compiled_cases()))

    def f(q, k, v):
        return kvcc.attention(q, k, v, mask=M.causal(), backend="triton")

    got = torch.compile(f, backend="aot_eager", fullgraph=True, dynamic=True)(q, k, v)
    want = kvcc.attention(q, k, v, mask=M.causal(), backend="reference")
    assert (got - want).abs().max() < 1e-5


def test_importing_kvcc_loads_neither_dynamo_nor_triton():
    """Start-up stays light, and a program can still set TRITON_INTERPRET after importing
    kvcc (the demo does); the mask-name marker equals torch's own decorator."""
    import subprocess
    import sys

    code = ("import sys, kvcc; "
            "print('torch._dynamo' in sys.modules, 'triton' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout.split()
    assert out == ["False", "False"]
    from kvcc.ir.mask import fresh_ref

    marked = torch.compiler.assume_constant_result(lambda: 0)
    assert vars(marked) == {"_dynamo_marked_constant": True} == vars(fresh_ref)
