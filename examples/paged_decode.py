"""A mixed batch through a paged KV cache: two decodes and a prefill chunk, one
append and one attention launch per layer.

Sequences A and B hold 70 and 33 tokens and decode one token each; C has 40 cached
tokens and prefills a chunk of 24 more (SARATHI's chunked prefill). The step is
planned once (pages, block tables, slots, kernels); each layer then only launches.
Checked against attention over each sequence's dense history.

    TRITON_INTERPRET=1 python examples/paged_decode.py    # the generated kernels on a CPU
    python examples/paged_decode.py                       # on a GPU, or the reference on a CPU
"""

import os

import torch

import kvcc
from kvcc import masks as M

dev = "cuda" if torch.cuda.is_available() else "cpu"
dtype = torch.bfloat16 if dev == "cuda" else torch.float32
layers, hq, hkv, d, page = 2, 8, 2, 64, 16
g = torch.Generator().manual_seed(0)


def rand(*shape):
    return torch.randn(*shape, generator=g).to(dev, dtype)


# the generated kernels on a GPU or in Triton's CPU interpreter, else the reference
backend = "triton" if dev == "cuda" or os.environ.get("TRITON_INTERPRET") == "1" else "reference"
cache = kvcc.KVCache(layers, hkv, d, num_pages=32, page_size=page, dtype=dtype, device=dev,
                     backend=backend)
a, b, c = (cache.add_sequence() for _ in range(3))

# history: prefill A, B and C's first 40 tokens in one step
history = {}
step = cache.plan([a, b, c], [70, 33, 40])
for layer in range(layers):
    k, v = rand(143, hkv, d), rand(143, hkv, d)
    step.append(layer, k, v)
print(f"cached: A {cache.length(a)} tokens, B {cache.length(b)}, C {cache.length(c)}; "
      f"{cache.pages_free} of {cache.num_pages} pages free")

# the mixed step: A and B decode one token, C prefills 24; one launch per layer each
q_lens = [1, 1, 24]
step = cache.plan([a, b, c], q_lens, num_q_heads=hq, mask=M.causal())
worst = 0.0
for layer in range(layers):
    k, v, q = rand(26, hkv, d), rand(26, hkv, d), rand(26, hq, d)
    step.append(layer, k, v)
    o = step.attend(layer, q)
    rows = 0
    for seq, n in zip((a, b, c), q_lens):  # each sequence's queries over its whole history
        kk, vv = cache.read(seq, layer)
        want = kvcc.attention(q[rows:rows + n].transpose(0, 1)[None].double(),
                              kk.transpose(0, 1)[None].double(), vv.transpose(0, 1)[None].double(),
                              mask=M.causal(), backend="reference")[0].transpose(0, 1)
        worst = max(worst, (o[rows:rows + n].double() - want).abs().max().item())
        rows += n
print(f"mixed step on {dev} ({cache.backend}): {len(q_lens)} sequences, {sum(q_lens)} queries; "
      f"max |kvcc - reference| = {worst:.1e}; {cache.bytes_used() // 1024} KiB of pages "
      f"({cache.bytes_per_token} bytes/token)")
assert worst < (2e-2 if dtype == torch.bfloat16 else 5e-4)
