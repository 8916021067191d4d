"""Packed prefill of many prompts (Prepacking): 16 prompts of 4 to 64 tokens packed
first-fit-decreasing into rows of the longest prompt's length, run through the built-in
model in one planned step over a paged KVCache, each prompt its own sequence afterwards.
Checked: every prompt's last-token logits equal the prompt run alone, and the cache
holds each prompt's tokens (tests/test_prepack.py also compares the K/V); printed: the
rows used and the tokens a padded batch would have computed instead.

    TRITON_INTERPRET=1 python examples/packed_prefill.py    # the generated kernels on a CPU
    python examples/packed_prefill.py                       # on a GPU, or the reference on a CPU
"""

import os

import torch

import kvcc
from kvcc.models import TinyDecoder

dev = "cuda" if torch.cuda.is_available() else "cpu"
backend = "triton" if dev == "cuda" or os.environ.get("TRITON_INTERPRET") == "1" else "reference"
torch.manual_seed(0)
model = TinyDecoder().eval().to(dev)
cfg = model.cfg
g = torch.Generator().manual_seed(2)
lens = torch.randint(4, 65, (16,), generator=g).tolist()
prompts = [torch.randint(0, cfg.vocab, (n,), generator=g).tolist() for n in lens]
cache = kvcc.KVCache(cfg.layers, cfg.kv_heads, cfg.head_dim, num_pages=256, page_size=16,
                     dtype=torch.float32, device=dev, backend=backend)

with torch.no_grad():
    packed = kvcc.pack_prompts(model, prompts, cache)
    worst = 0.0
    for i, p in enumerate(prompts):
        alone = model(torch.tensor([p], device=dev))[0, -1]
        worst = max(worst, (packed.logits[i] - alone).abs().max().item())
assert worst < 1e-3, worst
# the cache holds every prompt's K/V as its own sequence, ready to decode
assert [cache.length(s) for s in packed.seqs] == lens

rows, cap = len(packed.packing.rows), packed.packing.capacity
print(f"{len(prompts)} prompts, {sum(lens)} tokens: {rows} packed rows of {cap} "
      f"({rows * cap} token slots, {sum(lens) / (rows * cap):.0%} used); a padded batch "
      f"computes {len(prompts) * max(lens)} ({sum(lens) / (len(prompts) * max(lens)):.0%} used)")
print(f"last-token logits vs each prompt alone: max diff {worst:.1e}")
