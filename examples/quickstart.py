"""Quickstart: one call, ``kvcc.attention(q, k, v, ...)``, with masks from the algebra,
GQA, documents, a pass pipeline and softcap. Each result is checked against PyTorch's
``scaled_dot_product_attention`` or kvcc's reference backend. ``kvcc explain`` shows the
kernel behind a call (``kvcc explain --help``).

    TRITON_INTERPRET=1 python examples/quickstart.py    # the generated kernels on a CPU
    python examples/quickstart.py                       # on a GPU, or the reference on a CPU
"""

import os

import torch
import torch.nn.functional as F

import kvcc
from kvcc import masks as M

dev = "cuda" if torch.cuda.is_available() else "cpu"
dtype = torch.bfloat16 if dev == "cuda" else torch.float32  # (the interpreter needs fp32)
backend = "triton" if dev == "cuda" or os.environ.get("TRITON_INTERPRET") == "1" else "reference"
tol = dict(atol=2e-2, rtol=2e-2) if dtype == torch.bfloat16 else dict(atol=2e-5, rtol=1e-4)
g = torch.Generator().manual_seed(0)


def rand(*shape):
    return torch.randn(*shape, generator=g).to(dev, dtype)


def reference(q, k, v, **kw):
    """kvcc's reference backend in float64: the oracle the kernels are checked against."""
    return kvcc.attention(q.double(), k.double(), v.double(), backend="reference", **kw).to(dtype)


# [batch, heads, sequence, head dim]; 8 query heads share 2 KV heads (GQA)
q, k, v = rand(2, 8, 128, 64), rand(2, 2, 128, 64), rand(2, 2, 128, 64)

# 1. causal attention, as SDPA computes it
o = kvcc.attention(q, k, v, mask=M.causal(), backend=backend)
want = F.scaled_dot_product_attention(q, k, v, is_causal=True, enable_gqa=True)
torch.testing.assert_close(o, want, **tol)
print(f"causal, GQA 8/2 on {dev} ({backend}): max diff vs SDPA "
      f"{(o - want).abs().max().item():.1e}")

# 2. masks compose: a sliding window with 4 sink tokens (StreamingLLM's pattern); the
# kernel skips the key tiles no query sees
mask = M.causal() & (M.sinks(4) | M.sliding_window(32))
o = kvcc.attention(q, k, v, mask=mask, backend=backend)
want = reference(q, k, v, mask=mask)
torch.testing.assert_close(o, want, **tol)
print(f"{mask}: equal to the reference")

# 3. documents packed in one sequence attend within their own document
ids = torch.tensor([0] * 50 + [1] * 40 + [2] * 38, device=dev)
o, lse = kvcc.attention(q, k, v, mask=M.document(seq_ids=ids) & M.causal(),
                        return_lse=True, backend=backend)
first = F.scaled_dot_product_attention(q[:, :, :50], k[:, :, :50], v[:, :, :50],
                                       is_causal=True, enable_gqa=True)
torch.testing.assert_close(o[:, :, :50], first, **tol)
print(f"document mask: the first document equals SDPA over it alone; lse {tuple(lse.shape)}")

# 4. passes from a pipeline string: split the keys in 4 chunks and merge their states
o = kvcc.attention(q, k, v, mask=M.causal(), backend=backend,
                   pipeline="simplify-masks,split-kv{splits=4}")
torch.testing.assert_close(o, reference(q, k, v, mask=M.causal()),
                           **tol)
print("split-kv{splits=4}: equal to the unsplit program")

# 5. softcap (Gemma 2) and a custom scale
o = kvcc.attention(q, k, v, mask=M.causal(), softcap=30.0, scale=0.1, backend=backend)
want = reference(q, k, v, mask=M.causal(), softcap=30.0, scale=0.1)
torch.testing.assert_close(o, want, **tol)
print("softcap 30, scale 0.1: equal to the reference")
print("all equal")
