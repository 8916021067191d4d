"""Model graphs through kvcc on whatever device is there: the built-in model exported with
kvcc's attention op and packaged by AOTInductor (compiled C++/CUDA around the op, loaded
and run at new lengths), and ``torch.compile(model, backend="kvcc")`` (attention lowered
to kvcc, the rest through Inductor). Each returns its largest logit error against the
plain model. The GPU check runs both on the GPU (``gpu_correctness.py``); the tests run
them on the CPU."""

from __future__ import annotations

import tempfile

import torch

import kvcc
from kvcc.models import TinyDecoder
from kvcc.models.tiny import TinyConfig


def _attn(q, k, v, mask):
    return kvcc.attention(q, k, v, mask=mask)


class _Model(torch.nn.Module):
    """The built-in model with its attention through ``kvcc.attention``."""

    def __init__(self) -> None:
        super().__init__()
        self.inner = TinyDecoder(TinyConfig(layers=2))

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        return self.inner(tokens, _attn)


def _tokens(n: int, seed: int, device: str) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, TinyConfig().vocab, (1, n), generator=g).to(device)


def aoti_package(device: str = "cuda", lengths: tuple[int, ...] = (13, 57)) -> dict:
    """Export (symbolic length), package with AOTInductor, load, run at ``lengths``."""
    torch.manual_seed(0)
    model = _Model().to(device).eval()
    s = torch.export.Dim("s", min=2, max=512)
    with torch.no_grad():
        ep = torch.export.export(model, (_tokens(20, 0, device),), dynamic_shapes=({1: s},))
    calls = sum(n.target == torch.ops.kvcc.attention_call.default for n in ep.graph.nodes)
    with tempfile.TemporaryDirectory() as tmp:
        path = torch._inductor.aoti_compile_and_package(ep, package_path=f"{tmp}/tiny.pt2")
        runner = torch._inductor.aoti_load_package(path)
        err = 0.0
        with torch.no_grad():
            for n in lengths:
                t = _tokens(n, n, device)
                err = max(err, (runner(t) - model(t)).abs().max().item())
    return {"max": err, "ok": calls == 2 and err <= 1e-3, "kvcc_ops": calls}


def compiled_model(device: str = "cuda", lengths: tuple[int, ...] = (24, 40, 64),
                   graph_backend: str = "inductor") -> dict:
    """``torch.compile(TinyDecoder, backend="kvcc")`` against the plain model."""
    from torch._dynamo.utils import counters

    torch._dynamo.reset()
    counters.clear()
    torch.manual_seed(0)
    model = TinyDecoder(TinyConfig(layers=2)).to(device).eval()
    compiled = torch.compile(model, backend="kvcc", dynamic=True,
                             options={"graph_backend": graph_backend})
    err = 0.0
    with torch.no_grad():
        for n in lengths:
            t = _tokens(n, n, device)
            err = max(err, (compiled(t) - model(t)).abs().max().item())
    c = counters["kvcc"]
    # both layers' attention in every graph compiled (a recompile lowers them again)
    ok = c["attention_lowered"] == 2 * c["graphs"] and not c["attention_fallback"]
    return {"max": err, "ok": ok and c["graphs"] >= 1 and err <= 1e-3,
            "lowered": c["attention_lowered"], "graphs": c["graphs"]}
