"""The built-in model generates through the KV cache: greedy tokens equal the plain
model's, step for step; prefill is one packed step, decode one planned step per token."""

from __future__ import annotations

import pytest
import torch

from kvcc.models import TinyConfig, TinyDecoder, generate, generate_reference
from kvcc.runtime import KVCache
from tests.triton_helpers import needs_triton


def _prompts(lengths, seed=0):
    g = torch.Generator().manual_seed(seed)
    return [torch.randint(0, 512, (n,), generator=g).tolist() for n in lengths]


@pytest.mark.parametrize("backend", ["reference", pytest.param("triton", marks=needs_triton)])
def test_greedy_tokens_equal_the_plain_model(backend):
    model = TinyDecoder().eval()
    prompts = _prompts((21, 3, 50), seed=1)
    run = generate(model, prompts, 5, backend=backend, page_size=16)
    assert run.tokens == generate_reference(model, prompts, 5)
    assert run.bytes_per_token == 2 * 2 * 2 * 32 * 4  # layers x K/V x Hkv x D x fp32
    assert run.bytes_used == sum(-(-(n + 5) // 16) for n in (21, 3, 50)) * 16 * run.bytes_per_token


def test_generation_reuses_a_given_cache_and_frees_its_sequences():
    model = TinyDecoder(TinyConfig(layers=3)).eval()
    cache = KVCache(3, 2, 32, num_pages=12, page_size=8, dtype=torch.float32, device="cpu")
    prompts = _prompts((9, 30), seed=2)
    first = generate(model, prompts, 4, cache=cache)
    assert cache.pages_free == 12 and cache.sequences == ()
    assert generate(model, prompts, 4, cache=cache).tokens == first.tokens
    assert first.tokens == generate_reference(model, prompts, 4)


def test_generation_refuses_bad_prompts():
    model = TinyDecoder().eval()
    with pytest.raises(ValueError, match="prompts\\[0\\]"):
        generate(model, [[]], 2)
    with pytest.raises(ValueError, match="prompts\\[1\\]"):
        generate(model, [[1, 2], [600]], 2)
    with pytest.raises(ValueError, match="max_new_tokens"):
        generate(model, [[1, 2]], 0)
