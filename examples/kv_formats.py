"""KV-cache formats side by side: bytes per token, the longest context a memory budget
holds, attention error on keys with outlier channels, and the built-in model's logits
and greedy tokens with every layer's K/V stored in the format (a quantized paged
KVCache, quantizing as it appends) against a bf16 cache.

    python examples/kv_formats.py
"""

import torch

import kvcc
from kvcc import masks as M
from kvcc import quant
from kvcc.models import TinyDecoder
from kvcc.models.generate import generate

FORMATS = {"bf16": None, "fp8 e4m3": quant.fp8("e4m3"), "fp8 e5m2": quant.fp8("e5m2"),
           "int8": quant.int8(), "int4": quant.int4(), "KIVI 4-bit": quant.kivi(4),
           "KIVI 2-bit": quant.kivi(2), "QuantSpec 8-bit": quant.quantspec()}
# a Llama-3-8B-shaped cache: 32 layers, 8 KV heads of 128; 80 GB less 16 GB of weights
LAYERS, KV_HEADS, HEAD_DIM, BUDGET = 32, 8, 128, 64e9
CONTEXT = 32768

# The formats' own error is what this measures, so everything runs on the reference
# backend (the generated kernels equal it up to fp32 rounding: tests/test_tvm_quant.py,
# tests/test_quant_kernels.py); on a fresh machine the kernels of 8 formats would also
# cost a minute of builds.
BACKEND = "reference"

g = torch.Generator().manual_seed(0)
# keys with a few outlier channels (the case KIVI's per-channel keys exist for)
q = torch.randn(1, 32, 1, HEAD_DIM, generator=g)
k = torch.randn(1, 8, 4096, HEAD_DIM, generator=g)
k[..., [3, 40, 77, 100]] *= 12.0
v = torch.randn(1, 8, 4096, HEAD_DIM, generator=g)
exact = kvcc.attention(q, k, v, mask=M.causal(), backend=BACKEND)

model = TinyDecoder().eval().to(torch.bfloat16)  # a bf16 model: the baseline is a bf16 cache
prompt = torch.randint(0, model.cfg.vocab, (160,), generator=g).tolist()  # past KIVI's window
NEW = 8


def through_cache(fmt):
    """The model's logits on the prompt and its greedy tokens, through a paged KVCache
    storing every layer's K/V in ``fmt`` (None: bf16), quantized as they are appended.
    The tiny model's head dim is 32: QuantSpec takes groups of 32 channels there."""
    if fmt is not None and fmt.hierarchical:
        fmt = quant.quantspec(group=model.cfg.head_dim)
    cfg = model.cfg
    cache = kvcc.KVCache(cfg.layers, cfg.kv_heads, cfg.head_dim, num_pages=16,
                         dtype=torch.bfloat16, kv_format=fmt, max_seqs=1, backend=BACKEND)
    seq = cache.add_sequence()
    step = cache.plan([seq], [len(prompt)], num_q_heads=cfg.heads, mask=model.layer_masks())
    with torch.no_grad():
        logits = model.forward_cached(torch.tensor(prompt), torch.arange(len(prompt)), step)
    tokens = generate(model, [prompt], NEW, kv_format=fmt, backend=BACKEND).tokens[0]
    return logits[-1].float(), tokens


bf16_bytes = 2 * KV_HEADS * HEAD_DIM * 2 * LAYERS
ref_logits, ref_tokens = through_cache(None)
print(f"{'format':<16} {'bytes/token':>11} {'vs bf16':>8} {'context in 64 GB':>17} "
      f"{'attn rel err':>13} {'logits max err':>15} {'greedy tokens':>14}")
for name, fmt in FORMATS.items():
    per_token = bf16_bytes if fmt is None else \
        fmt.bytes_per_token(KV_HEADS, HEAD_DIM, context=CONTEXT) * LAYERS
    o = exact if fmt is None else kvcc.attention(q, k, v, mask=M.causal(), kv_format=fmt,
                                                 backend=BACKEND)
    rel = ((o - exact).norm() / exact.norm()).item()
    logits, tokens = (ref_logits, ref_tokens) if fmt is None else through_cache(fmt)
    same = sum(a == b for a, b in zip(tokens, ref_tokens))
    print(f"{name:<16} {per_token:11.0f} {bf16_bytes / per_token:7.2f}x "
          f"{int(BUDGET // per_token):17,d} {rel:13.2e} "
          f"{(logits - ref_logits).abs().max().item():15.2e} {same:>9d}/{NEW}")
    assert torch.isfinite(o).all() and (fmt is None or per_token < bf16_bytes)
