"""Serving techniques on the built-in model through a paged KVCache: prompts packed into
one prefill step (Prepacking), mixed batches of decodes and prefill chunks
(Sarathi-Serve), decode over Quest's selected pages, shared-prefix cascade attention
after fork, streaming heads in bounded pages, and SnapKV eviction from the kernel's
scores. Each checked against the plain computation it stands for.

    TRITON_INTERPRET=1 python examples/serving.py    # the generated kernels on a CPU
    python examples/serving.py                       # on a GPU, or the reference on a CPU
"""

import os

import torch

import kvcc
from kvcc import masks as M
from kvcc.models import TinyDecoder
from kvcc.models.generate import generate_reference
from kvcc.runtime import Quest

dev = "cuda" if torch.cuda.is_available() else "cpu"
backend = "triton" if dev == "cuda" or os.environ.get("TRITON_INTERPRET") == "1" else "reference"
torch.manual_seed(0)
model = TinyDecoder().eval().to(dev)
cfg = model.cfg
g = torch.Generator().manual_seed(1)
prompts = [torch.randint(0, cfg.vocab, (n,), generator=g).tolist() for n in (23, 9, 31, 14)]


def cache(**kw):
    return kvcc.KVCache(cfg.layers, cfg.kv_heads, cfg.head_dim, num_pages=64, page_size=8,
                        dtype=torch.float32, device=dev, backend=backend, **kw)


# 1. Prepacking: every prompt prefilled in one planned step, each its own sequence
with torch.no_grad():
    packed = kvcc.pack_prompts(model, prompts, cache())
    alone = torch.stack([model(torch.tensor([p], device=dev))[0, -1] for p in prompts])
err = (packed.logits - alone).abs().max().item()
print(f"pack_prompts: {len(prompts)} prompts in rows of {packed.packing.capacity} tokens, "
      f"last-token logits vs each prompt alone: max diff {err:.1e}")
assert err < 1e-3

# 2. Mixed batches: decodes first, then prefill chunks, within a 16-token budget
c = cache()
batcher = kvcc.MixedBatcher(c, token_budget=16)
ids = [batcher.add(p, 4) for p in prompts]
steps = 0
with torch.no_grad():
    while (batch := batcher.next_batch()) is not None:
        step = batch.plan(num_q_heads=cfg.heads, mask=model.layer_masks())
        logits = model.forward_cached(batch.tokens, batch.positions, step)
        batcher.complete(batch, logits[list(batch.sample_rows)].argmax(-1))
        steps += 1
same = [batcher.result(i) for i in ids] == generate_reference(model, prompts, 4)
print(f"MixedBatcher: {steps} steps of at most 16 tokens; greedy tokens as each request "
      f"alone: {same}")
assert same

# 3. Quest: decode over the selected pages (budget 16 tokens = 2 pages of 8 per KV head)
c = cache(page_stats=True)
seq = c.add_sequence()
step = c.plan([seq], [60])
for layer in range(cfg.layers):
    step.append(layer, *(torch.randn(60, cfg.kv_heads, cfg.head_dim, generator=g).to(dev)
                         for _ in range(2)))
q = torch.randn(1, cfg.heads, cfg.head_dim, generator=g).to(dev)
step = c.plan([seq], [1], new_tokens=[0], quest=Quest(budget=16, dense_layers=0))
o = step.attend(0, q)
k, v = (t.permute(1, 0, 2)[None] for t in c.read(seq, 0))
sel = step.quest.selected  # the pages each KV head read
want = kvcc.attention(q[None].transpose(1, 2).cpu(), k.cpu(), v.cpu(),
                      mask=M.page_selection(sel.cpu(), 8), backend="reference")
dense = kvcc.attention(q[None].transpose(1, 2).cpu(), k.cpu(), v.cpu(), backend="reference")
err = (o.cpu() - want[0].transpose(0, 1)).abs().max().item()
print(f"Quest: {int(sel[0].sum(-1)[0])} of 8 pages per KV head; vs the reference over them "
      f"{err:.1e}, vs dense attention "
      f"{(o.cpu() - dense[0].transpose(0, 1)).abs().max():.2f} (approximate by design)")
assert int(sel[0].sum(-1).max()) == 2 and err < 1e-4

# 4. Cascade: three forks of a 40-token prompt decode; the shared pages are read once
c = cache()
root = c.add_sequence()
step = c.plan([root], [40])
for layer in range(cfg.layers):
    step.append(layer, *(torch.randn(40, cfg.kv_heads, cfg.head_dim, generator=g).to(dev)
                         for _ in range(2)))
seqs = [c.fork(root) for _ in range(3)]
step = c.plan(seqs, [1, 1, 1], num_q_heads=cfg.heads)
q = torch.randn(3, cfg.heads, cfg.head_dim, generator=g).to(dev)
for layer in range(cfg.layers):
    step.append(layer, *(torch.randn(3, cfg.kv_heads, cfg.head_dim, generator=g).to(dev)
                         for _ in range(2)))
cascade = kvcc.CascadeStep(step)
diff = max((cascade.attend(layer, q) - step.attend(layer, q)).abs().max().item()
           for layer in range(cfg.layers))
print(f"CascadeStep: groups {cascade.groups}, vs plain attend {diff:.1e}")
assert diff < 1e-4

# 5. Streaming heads: KV head 1 keeps 4 sinks and the 16 most recent tokens in a bounded
#    ring, KV head 0 keeps everything; equal to the by_head mask's program
c = cache(streaming=kvcc.runtime.StreamingHeads(heads=((1,),) * cfg.layers, sinks=4,
                                               recent=16, chunk=64))
seq = c.add_sequence()
m = M.by_head((1,), M.causal() & M.streaming(sinks=4, recent=16), M.causal(),
              num_kv_heads=cfg.kv_heads, group=cfg.heads // cfg.kv_heads)
k_all, v_all = [], []
for n in (60, 1, 1):
    step = c.plan([seq], [n], layer=0, num_q_heads=cfg.heads, mask=M.causal())
    k, v = (torch.randn(n, cfg.kv_heads, cfg.head_dim, generator=g).to(dev) for _ in range(2))
    q = torch.randn(n, cfg.heads, cfg.head_dim, generator=g).to(dev)
    step.append(0, k, v)
    k_all.append(k)
    v_all.append(v)
    o = step.attend(0, q)
kd, vd = (torch.cat(t)[None].transpose(1, 2).cpu() for t in (k_all, v_all))
want = kvcc.attention(q[None].transpose(1, 2).cpu(), kd, vd, mask=m, backend="reference")
diff = (o.cpu() - want[0].transpose(0, 1)).abs().max().item()
print(f"StreamingHeads: streaming head bytes {c.stream.bytes_used()} (constant in context), "
      f"vs the masked program {diff:.1e}")
assert diff < 1e-4

# 6. Eviction scores: SnapKV keeps 24 of 60 tokens per KV head by the last 8 queries' scores
from kvcc.runtime.eviction import evict, snapkv_select  # noqa: E402

c = cache()
seq = c.add_sequence()
step = c.plan([seq], [60], return_scores=True, score_window=8, num_q_heads=cfg.heads,
              mask=M.causal())
for layer in range(cfg.layers):
    step.append(layer, *(torch.randn(60, cfg.kv_heads, cfg.head_dim, generator=g).to(dev)
                         for _ in range(2)))
_, scores = step.attend(0, torch.randn(60, cfg.heads, cfg.head_dim, generator=g).to(dev))
keep = snapkv_select(scores[0, :, :60].cpu(), capacity=24, window=8)
kept = evict(c, seq, keep)
print(f"SnapKV: kept {c.length(kept)} of 60 tokens per KV head "
      f"(the window's last 8 among them: {bool((keep[:, -8:] == torch.arange(52, 60)).all())})")
assert c.length(kept) == 24
