"""``torch.compile(model, backend="kvcc")`` (kvcc/frontend/dynamo.py) and torch.export of
programs holding kvcc ops: registration, options, counters and logged fallbacks,
compiled models against eager mode (GQA, sliding windows, head dims 64/80/128 on the
generated kernels under Triton's interpreter), graph breaks, recompilations."""

from __future__ import annotations

import logging
import math
import os
import pathlib
import subprocess
import sys

import pytest
import torch
import torch.nn.functional as F
from torch._dynamo.utils import counters

import kvcc
from kvcc import masks as M
from kvcc.frontend import dynamo as kd
from kvcc.frontend.dynamo import CompileOptions
from kvcc.models import TinyConfig, TinyDecoder

ROOT = pathlib.Path(__file__).resolve().parents[1]
INTERPRET = os.environ.get("TRITON_INTERPRET") == "1"
KERNELS = "triton" if INTERPRET or torch.cuda.is_available() else "reference"


@pytest.fixture(autouse=True)
def fresh():
    torch._dynamo.reset()
    counters.clear()
    yield
    torch._dynamo.reset()


def rnd(*shape, seed=0):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def tokens(b, s, seed=0):
    return torch.randint(0, 512, (b, s), generator=torch.Generator().manual_seed(seed))


# ---------------------------------------------------------------- registration and options


def test_listed_by_dynamo_without_importing_kvcc():
    code = ("import sys, torch._dynamo; b = torch._dynamo.list_backends(); "
            "print('kvcc' in b, 'kvcc' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT).stdout.split()
    assert out == ["True", "False"]


def test_options_are_checked_and_name_the_valid_ones():
    with pytest.raises(ValueError, match="unknown kvcc option.*'pipline'.*valid options: "
                                         "pipeline, kv_format, backend, tuning_db"):
        CompileOptions.parse({"pipline": "simplify-masks"})
    with pytest.raises(ValueError, match="backend must be one of auto, triton, reference"):
        CompileOptions.parse({"backend": "cuda"})
    with pytest.raises(ValueError, match="kv_format=.int3. is not a KV format.*int8"):
        CompileOptions.parse({"kv_format": "int3"})
    with pytest.raises(ValueError, match="unknown pass"):
        CompileOptions.parse({"pipeline": "no-such-pass"})
    with pytest.raises(TypeError, match="tuning_db must be a path"):
        CompileOptions.parse({"tuning_db": 3})
    f = torch.compile(lambda x: x + 1, backend="kvcc", options={"splits": 4})
    with pytest.raises(Exception, match="valid options"):
        f(torch.ones(2))


def test_options_are_kept(tmp_path):
    o = CompileOptions.parse({"kv_format": kvcc.quant.int8(), "tuning_db": tmp_path / "h100.json",
                              "pipeline": "simplify-masks,split-kv{splits=2}"})
    assert o.kv_format == "int8" and o.tuning_db == str(tmp_path / "h100.json")
    assert o.attention_pipeline() == "quantize-kv{format=int8},simplify-masks,split-kv{splits=2}"
    assert CompileOptions.parse(None) == CompileOptions()


# ---------------------------------------------------------------- models against eager mode


@pytest.mark.slow
def test_tiny_model_through_inductor_one_graph_for_every_length():
    """The built-in model: SDPA over masks it builds, lowered to causal and
    sliding_window(48); the rest through Inductor; one graph, no graph break, no
    recompilation across lengths."""
    model = TinyDecoder(TinyConfig(layers=2)).eval()
    cm = torch.compile(model, backend="kvcc")  # attention on the reference backend (CPU)
    with torch.no_grad():
        for n, s in enumerate((20, 33, 57, 64)):
            t = tokens(2, s, seed=s)
            if n == 0:
                torch._dynamo.mark_dynamic(t, 1)
            assert (cm(t) - model(t)).abs().max() < 1e-4
    c = counters["kvcc"]
    assert c["graphs"] == 1 and c["sdpa_lowered"] == 2 and c["attention_fallback"] == 0
    assert counters["stats"]["unique_graphs"] == 1 and not counters["graph_break"]


def test_tiny_model_automatic_dynamic_recompiles_once(caplog):
    model = TinyDecoder(TinyConfig(layers=2)).eval()
    cm = torch.compile(model, backend="kvcc", options={"graph_backend": "aot_eager"})
    with caplog.at_level(logging.INFO, logger="kvcc"), torch.no_grad():
        for s in (20, 24, 31, 50, 64):
            t = tokens(1, s, seed=s)
            assert (cm(t) - model(t)).abs().max() < 1e-4
    assert counters["kvcc"]["graphs"] == 2  # static at first, then symbolic lengths
    assert counters["stats"]["unique_graphs"] == 2
    assert "mask sliding_window(48)" in caplog.text  # the symbolic graph keeps the window


class SdpaGQA(torch.nn.Module):
    """GQA through SDPA's enable_gqa, causal."""

    def __init__(self, d: int, hq: int = 4, hkv: int = 2) -> None:
        super().__init__()
        self.hq, self.hkv, self.d = hq, hkv, d
        self.qkv = torch.nn.Linear(32, (hq + 2 * hkv) * d, bias=False)

    def forward(self, x):
        b, s, _ = x.shape
        q, k, v = self.qkv(x).split([self.hq * self.d, self.hkv * self.d, self.hkv * self.d], -1)
        q = q.view(b, s, self.hq, self.d).transpose(1, 2)
        k = k.view(b, s, self.hkv, self.d).transpose(1, 2)
        v = v.view(b, s, self.hkv, self.d).transpose(1, 2)
        o = F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
        return o.transpose(1, 2).reshape(b, s, -1)


class WrittenWindow(SdpaGQA):
    """Attention written out: repeat_kv, a sliding-window mask from triu/tril, fp32 softmax."""

    def forward(self, x):
        b, s, _ = x.shape
        q, k, v = self.qkv(x).split([self.hq * self.d, self.hkv * self.d, self.hkv * self.d], -1)
        q = q.view(b, s, self.hq, self.d).transpose(1, 2)
        k = k.view(b, s, self.hkv, self.d).transpose(1, 2).repeat_interleave(self.hq // self.hkv, 1)
        v = v.view(b, s, self.hkv, self.d).transpose(1, 2).repeat_interleave(self.hq // self.hkv, 1)
        keep = torch.ones(s, s, dtype=torch.bool, device=x.device).tril().triu(-4)  # window 5
        scores = torch.matmul(q, k.transpose(2, 3)) / math.sqrt(self.d)
        scores = scores.masked_fill(~keep, float("-inf"))
        p = F.softmax(scores, dim=-1, dtype=torch.float32).to(q.dtype)
        return (p @ v).transpose(1, 2).reshape(b, s, -1)


@pytest.mark.parametrize("arch,d,mask", [
    (SdpaGQA, 64, "causal"),
    (WrittenWindow, 80, "sliding_window(5)"),
    (SdpaGQA, 128, "causal"),
    (WrittenWindow, 128, "sliding_window(5)"),
], ids=["sdpa-gqa-d64", "written-window-d80", "sdpa-gqa-d128", "written-window-d128"])
def test_architectures_on_the_generated_kernels(arch, d, mask, caplog):
    torch.manual_seed(0)
    model = arch(d).eval()
    cm = torch.compile(model, backend="kvcc", fullgraph=True,
                       options={"backend": KERNELS, "graph_backend": "aot_eager"})
    with caplog.at_level(logging.INFO, logger="kvcc"), torch.no_grad():
        for s in (9, 16):
            x = rnd(1, s, 32, seed=s)
            assert (cm(x) - model(x)).abs().max() < 1e-4
    assert counters["kvcc"]["attention_lowered"] >= 1 and counters["kvcc"]["attention_fallback"] == 0
    assert f"mask {mask}" in caplog.text


def test_each_graph_between_breaks_is_lowered():
    def f(q):
        a = F.scaled_dot_product_attention(q, q, q, is_causal=True)
        torch._dynamo.graph_break()
        return F.scaled_dot_product_attention(a, a, a)

    q = rnd(1, 2, 8, 16)
    got = torch.compile(f, backend="kvcc", options={"graph_backend": "eager"})(q)
    assert (got - f(q)).abs().max() < 1e-6
    c = counters["kvcc"]
    assert c["graphs"] == 2 and c["attention_lowered"] == 2 and sum(counters["graph_break"].values()) == 1


@pytest.mark.slow
@pytest.mark.parametrize("impl", ["sdpa", "eager"])
def test_transformers_model_with_padding(impl, caplog):
    """A transformers Mistral (SDPA or its written-out attention): the masks it builds
    (sliding window, left padding gathered from attention_mask) read as kvcc masks."""
    transformers = pytest.importorskip("transformers")
    cfg = transformers.MistralConfig(vocab_size=128, hidden_size=64, intermediate_size=128,
                                     num_hidden_layers=2, num_attention_heads=4,
                                     num_key_value_heads=2, sliding_window=8,
                                     attn_implementation=impl)
    torch.manual_seed(0)
    model = transformers.MistralForCausalLM(cfg).eval()
    ids, am = tokens(2, 16) % 128, torch.ones(2, 16, dtype=torch.long)
    am[0, :3] = 0  # left padding: those query rows see no key (kvcc gives them 0)
    cm = torch.compile(model, backend="kvcc", options={"graph_backend": "eager"})
    with caplog.at_level(logging.INFO, logger="kvcc"), torch.no_grad():
        got, want = cm(ids, attention_mask=am).logits, model(ids, attention_mask=am).logits
    assert (got[1] - want[1]).abs().max() < 1e-4 and (got[0, 3:] - want[0, 3:]).abs().max() < 1e-4
    assert counters["kvcc"]["attention_lowered"] == 2 and counters["kvcc"]["attention_fallback"] == 0
    assert "mask sliding_window(8) & page_select(1, %mask0)" in caplog.text


# ---------------------------------------------------------------- fallbacks and options


def test_fallback_is_logged_and_counted(caplog):
    def f(q, k, v, dense):  # a mask tensor from outside: kvcc cannot read it
        return F.scaled_dot_product_attention(q, k, v, attn_mask=dense) * 2

    q, k, v = rnd(1, 2, 8, 16), rnd(1, 2, 8, 16, seed=1), rnd(1, 2, 8, 16, seed=2)
    dense = torch.rand(8, 8, generator=torch.Generator().manual_seed(3)) > 0.3
    dense[:, 0] = True
    cf = torch.compile(f, backend="kvcc", options={"graph_backend": "eager"})
    with caplog.at_level(logging.WARNING, logger="kvcc"):
        assert torch.equal(cf(q, k, v, dense), f(q, k, v, dense))
    assert counters["kvcc"]["attention_fallback"] == 1 == counters["kvcc"]["sdpa_fallback"]
    assert counters["kvcc"]["attention_lowered"] == 0
    assert "left as written: attn_mask" in caplog.text and "cannot read it as a mask" in caplog.text


def test_training_graphs_keep_their_attention():
    """Where q, k, v need gradients the attention stays as written (the kvcc op has no
    backward): the compiled model trains as in eager mode."""
    model = TinyDecoder(TinyConfig(layers=1))
    t = tokens(1, 12)
    loss = torch.compile(model, backend="kvcc", options={"graph_backend": "aot_eager"})(t).sum()
    loss.backward()
    got = model.head.weight.grad.clone()
    model.zero_grad()
    model(t).sum().backward()
    assert (got - model.head.weight.grad).abs().max() < 1e-4
    assert counters["kvcc"]["attention_lowered"] == 0 and counters["kvcc"]["attention_fallback"] == 1


def test_kv_format_and_pipeline_options():
    q, k, v = rnd(1, 4, 12, 32), rnd(1, 2, 12, 32, seed=1), rnd(1, 2, 12, 32, seed=2)

    def f(q, k, v):
        return F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)

    quant = torch.compile(f, backend="kvcc", options={"kv_format": "int8", "graph_backend": "eager"})
    want = kvcc.attention(q, k, v, mask=M.causal(), kv_format=kvcc.quant.int8())
    assert (quant(q, k, v) - want).abs().max() < 1e-6
    assert (want - f(q, k, v)).abs().max() > 0  # quantized: not the exact result
    torch._dynamo.reset()
    split = torch.compile(f, backend="kvcc", options={"pipeline": "simplify-masks,split-kv{splits=2}",
                                                      "graph_backend": "eager"})
    assert (split(q, k, v) - f(q, k, v)).abs().max() < 1e-5
    assert counters["kvcc"]["attention_lowered"] == 2


def test_without_a_cpp_compiler_the_rest_goes_to_aot_eager(monkeypatch, caplog):
    monkeypatch.setattr(kd, "_inductor_unavailable", lambda: "no C++ compiler (test)")
    kd._warn_once.cache_clear()
    q = rnd(1, 2, 8, 16)
    with caplog.at_level(logging.WARNING, logger="kvcc"):
        for fn in (lambda q: F.scaled_dot_product_attention(q, q, q, is_causal=True).sin(),
                   lambda q: F.scaled_dot_product_attention(q, q, q).cos()):
            got = torch.compile(fn, backend="kvcc")(q)
            assert (got - fn(q)).abs().max() < 1e-6
    assert caplog.text.count("no C++ compiler (test); compiling the rest of the graph with "
                             "aot_eager") == 1
    kd._warn_once.cache_clear()


# ---------------------------------------------------------------- torch.export


def test_exported_program_with_kvcc_ops_saves_and_loads(tmp_path):
    """A model whose attention calls kvcc exports with a symbolic length (one
    kvcc::attention_call per layer), round-trips through torch.export.save/load, and the
    loaded program equals eager mode at other lengths."""

    def attn(q, k, v, mask):
        return kvcc.attention(q, k, v, mask=mask)

    class Model(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.inner = TinyDecoder(TinyConfig(layers=2))

        def forward(self, t):
            return self.inner(t, attn)

    model = Model().eval()
    s = torch.export.Dim("s", min=2, max=512)
    with torch.no_grad():
        ep = torch.export.export(model, (tokens(1, 20),), dynamic_shapes=({1: s},))
    calls = [n for n in ep.graph.nodes if n.target == torch.ops.kvcc.attention_call.default]
    assert [n.args[3] for n in calls] == ["causal", "causal & sliding_window(48)"]
    path = tmp_path / "tiny.pt2"
    torch.export.save(ep, path)
    loaded = torch.export.load(path)
    with torch.no_grad():
        for n in (13, 57):
            t = tokens(1, n, seed=n)
            assert (loaded.module()(t) - model(t)).abs().max() < 1e-4


@pytest.mark.slow
def test_aotinductor_packages_the_model_with_kvcc_ops():
    """AOTInductor compiles the exported model around kvcc's op (its runner calls the op
    back through the dispatcher), loads the package and runs it at new lengths; the GPU
    check runs the same on a GPU (benchmarks/frontend_check.py)."""
    from benchmarks.frontend_check import aoti_package

    r = aoti_package("cpu")
    assert r["kvcc_ops"] == 2 and r["ok"], r


def test_frontend_check_compiles_the_built_in_model():
    """The GPU check's torch.compile case, on the CPU with aot_eager around kvcc."""
    from benchmarks.frontend_check import compiled_model

    r = compiled_model("cpu", lengths=(24, 40), graph_backend="aot_eager")
    assert r["lowered"] >= 2 and r["ok"], r
