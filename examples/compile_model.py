"""``torch.compile(model, backend="kvcc")`` on the built-in tiny model.

The model computes attention with ``F.scaled_dot_product_attention`` over a dense
boolean mask it builds in its forward (causal on even layers, causal with a 48-token
window on odd ones). kvcc's backend reads those masks back out of the graph as
``causal`` and ``sliding_window(48)``, runs each attention through kvcc (generated
Triton kernels where they run, the reference elsewhere), and hands the rest of the
graph to Inductor. The sequence length stays symbolic: one graph serves every length.

    TRITON_INTERPRET=1 python examples/compile_model.py   # Triton's interpreter on a CPU
"""

from __future__ import annotations

import logging
import os
import sys

import torch

import kvcc  # noqa: F401  (the "kvcc" backend is also found without this import)
from kvcc.models import TinyConfig, TinyDecoder


def main() -> None:
    device = "cuda" if torch.cuda.is_available() else "cpu"
    kernels = device == "cuda" or os.environ.get("TRITON_INTERPRET") == "1"
    backend = "triton" if kernels else "reference"
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(logging.Formatter("  %(message)s"))
    log = logging.getLogger("kvcc")
    log.addHandler(handler)
    log.setLevel(logging.INFO)

    model = TinyDecoder(TinyConfig(layers=2)).to(device).eval()
    compiled = torch.compile(model, backend="kvcc", options={"backend": backend})
    print(f"torch.compile(TinyDecoder, backend='kvcc'), attention on kvcc's {backend} backend:")
    gen = torch.Generator().manual_seed(0)
    with torch.no_grad():
        for n, s in enumerate((24, 40, 64)):
            tokens = torch.randint(0, model.cfg.vocab, (1, s), generator=gen).to(device)
            if n == 0:
                torch._dynamo.mark_dynamic(tokens, 1)  # one graph for every length
            got, want = compiled(tokens), model(tokens)
            err = (got - want).abs().max().item()
            print(f"S={s:4d}: logits max |compiled - eager| = {err:.2e}")
            assert err < 1e-3, err

    from torch._dynamo.utils import counters

    print("counters['kvcc']:", dict(counters["kvcc"]))
    print("graphs compiled:", counters["stats"]["unique_graphs"])


if __name__ == "__main__":
    main()
