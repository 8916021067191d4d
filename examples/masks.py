"""Attention with masks from the algebra, checked against a dense float64 computation.

    python examples/masks.py            # reference backend on the CPU
    TRITON_INTERPRET=1 python examples/masks.py --backend triton   # generated kernels
"""

import argparse

import torch

import kvcc
from kvcc import masks as M
from kvcc.ir import classify_tiles, evaluate

ap = argparse.ArgumentParser()
ap.add_argument("--backend", default="auto")
backend = ap.parse_args().backend

torch.manual_seed(0)
q = torch.randn(1, 8, 96, 64)  # [B, Hq, Sq, D]
k = torch.randn(1, 2, 96, 64)  # [B, Hkv, Skv, D]: GQA 8/2
v = torch.randn(1, 2, 96, 64)

for name, mask in {
    "causal": M.causal(),
    "streaming head (4 sinks + window 32)": M.sinks(4) | M.sliding_window(32),
    "three packed prompts, causal each": M.document([40, 30, 26]) & M.causal(),
    "prefix-LM over the first 16": M.prefix_lm(16),
}.items():
    o, lse = kvcc.attention(q, k, v, mask=mask, return_lse=True, backend=backend)
    # the same attention, densely, in float64
    dense = evaluate(mask, 96, 96)[0, 0]
    s = (q.double() @ k.double().repeat_interleave(4, 1).transpose(-1, -2)) / 8.0
    want = torch.softmax(s.masked_fill(~dense, float("-inf")), -1) @ v.double().repeat_interleave(4, 1)
    err = (o.double() - want).abs().max().item()
    tiles = classify_tiles(mask, 96, 96, 32, 32)
    print(f"{name:<38} max err {err:.1e}   32x32 tiles: {int((tiles == 2).sum())} full, "
          f"{int((tiles == 1).sum())} partial, {int((tiles == 0).sum())} empty")
    # float32 against float64: the CPU's GEMM picks its summation order at run time
    # (threads, load), so the error varies between runs, by up to about 1e-4
    assert err < 5e-4
