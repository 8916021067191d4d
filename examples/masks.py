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

# The same three prompts packed end to end (FlashAttention's varlen layout): causal
# within each prompt equals the document mask above, without the masked tiles.
docs = [40, 30, 26]
cu = torch.tensor([0, 40, 70, 96], dtype=torch.int32)
packed = kvcc.attention_varlen(q[0].transpose(0, 1), k[0].transpose(0, 1), v[0].transpose(0, 1),
                               cu, cu, max_seqlen_q=40, max_seqlen_k=40, mask=M.causal(),
                               backend=backend)
dense = kvcc.attention(q, k, v, mask=M.document(docs) & M.causal(), backend=backend)
err = (packed.transpose(0, 1)[None] - dense).abs().max().item()
print(f"attention_varlen over {docs} vs document mask: max diff {err:.1e}")
assert err < 5e-4
