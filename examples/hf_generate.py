"""A Hugging Face transformers model generating through kvcc.

A tiny random-weight Llama (GQA: 4 query heads, 2 KV heads) generates greedily for a
left-padded batch of two prompts three ways: eager attention; attn_implementation="kvcc"
(every attention call runs kvcc.attention with kvcc masks: causal, padding per key);
and with a KVCCCache, whose K/V live in kvcc's paged cache and decode through its
planned steps (append and attend per layer), here also in int8. The tokens must match
eager's (int8 is checked against kvcc's fp32 paged cache: quantization may change
tokens in general, not for this seed).

    TRITON_INTERPRET=1 python examples/hf_generate.py    # the generated kernels on a CPU
    python examples/hf_generate.py                       # on a GPU, or the reference on a CPU
"""

import os
import sys

import torch

import kvcc

try:
    from transformers import LlamaConfig, LlamaForCausalLM
except ImportError:
    print("transformers is not installed (pip install 'transformers>=5.20'): nothing to run")
    sys.exit(0)

from kvcc.integrations.transformers import KVCCCache, register

dev = "cuda" if torch.cuda.is_available() else "cpu"
# the generated kernels on a GPU or in Triton's CPU interpreter, else the reference
backend = "triton" if dev == "cuda" or os.environ.get("TRITON_INTERPRET") == "1" else "reference"
impl = register("kvcc_example", backend=backend)  # "kvcc" itself uses backend "auto"

config = LlamaConfig(hidden_size=64, intermediate_size=128, num_attention_heads=4,
                     num_key_value_heads=2, num_hidden_layers=2, vocab_size=128,
                     max_position_embeddings=256, initializer_range=0.1)
torch.manual_seed(0)
model = LlamaForCausalLM(config).to(dev).eval()

ids = torch.randint(0, 128, (2, 12), generator=torch.Generator().manual_seed(1)).to(dev)
mask = torch.ones_like(ids)
mask[1, :4] = 0  # the second prompt has 8 tokens, padded on the left


@torch.no_grad()
def generate(attn: str, **kw) -> list[list[int]]:
    model.set_attn_implementation(attn)
    out = model.generate(ids, attention_mask=mask, max_new_tokens=8, do_sample=False, **kw)
    return out[:, ids.shape[1]:].tolist()


eager = generate("eager")
with_kvcc = generate(impl)
cache = KVCCCache(model.config, max_cache_len=32, backend=backend)
paged = generate(impl, cache=cache)
int8 = generate(impl, cache=KVCCCache(model.config, max_cache_len=32, backend=backend,
                                      kv_format=kvcc.quant.int8()))

print(f"backend {backend}; prompts of 12 and 8 tokens (left-padded), 8 new tokens each")
for name, toks in (("eager", eager), ("kvcc", with_kvcc), ("KVCCCache", paged),
                   ("KVCCCache int8", int8)):
    print(f"  {name:15s} {toks}")
kv = cache.kvcache
print(f"paged cache: {[kv.length(s) for s in cache.seqs]} tokens stored (pads are not), "
      f"{kv.num_pages - kv.pages_free} of {kv.num_pages} pages of {kv.page_size}")
assert with_kvcc == eager, "attn_implementation='kvcc' differs from eager"
assert paged == eager, "KVCCCache differs from eager"
assert int8 == paged, "the int8 cache changed a token"
print("all equal")
