"""A mixed batch over a paged KV cache in one launch: two decodes and a prefill chunk.

Runs the generated Triton kernel (a GPU, or TRITON_INTERPRET=1 on the CPU) and
checks it against the reference backend.

    TRITON_INTERPRET=1 python examples/paged_decode.py
"""

import math

import torch

from kvcc.codegen.reference import ReferenceOptions, run
from kvcc.codegen.triton.op import plan
from kvcc.ir import AttentionOp, DType, Module, Packed, Paged, Value, tensor
from kvcc.ir.mask import Causal

dev = "cuda" if torch.cuda.is_available() else "cpu"
hq, hkv, d, page = 8, 2, 64, 16
q_lens, kv_lens = [1, 1, 24], [70, 33, 24 + 40]  # the chunk follows 40 cached tokens
n_pages = sum(-(-n // page) for n in kv_lens)

f = DType.f32
V = {n: Value(n, tensor(s, dt)) for n, s, dt in [
    ("q", [sum(q_lens), hq, d], f), ("k", [n_pages, page, hkv, d], f),
    ("v", [n_pages, page, hkv, d], f), ("cu", [4], DType.i32), ("bt", [3, 5], DType.i32),
    ("kl", [3], DType.i32), ("o", [sum(q_lens), hq, d], f)]}
op = AttentionOp(V["q"], V["k"], V["v"], V["o"], scale=1 / math.sqrt(d), mask=Causal(),
                 q_layout=Packed(), kv_layout=Paged(page), cu_seqlens_q=V["cu"],
                 block_table=V["bt"], kv_lens=V["kl"])
module = Module("mixed", tuple(V[n] for n in ("q", "k", "v", "cu", "bt", "kl")), (op,), (V["o"],))

g = torch.Generator().manual_seed(0)
block_table = torch.full((3, 5), 0, dtype=torch.int32)
pages = torch.randperm(n_pages, generator=g).tolist()
for b, n in enumerate(kv_lens):  # each sequence gets its pages from a shuffled pool
    for i in range(-(-n // page)):
        block_table[b, i] = pages.pop()
inputs = {
    "q": torch.randn(sum(q_lens), hq, d, generator=g), "k": torch.randn(n_pages, page, hkv, d, generator=g),
    "v": torch.randn(n_pages, page, hkv, d, generator=g),
    "cu": torch.tensor([0, 1, 2, 26], dtype=torch.int32), "bt": block_table,
    "kl": torch.tensor(kv_lens, dtype=torch.int32),
}
inputs = {n: t.to(dev) for n, t in inputs.items()}

p = plan(op, inputs)
print(f"kernel {p.spec.key()}: {p.spec.q_layout} q, {p.spec.kv_layout} kv (page {page}), "
      f"{p.num_splits} split(s)")
(o, _) = p.launcher()()  # host work done once; call it again for the next step
(want,) = run(module, options=ReferenceOptions(torch.float64, cast_outputs=False), **inputs)
err = (o.double() - want).abs().max().item()
print(f"max |kernel - reference| = {err:.1e}")
assert err < 1e-4
