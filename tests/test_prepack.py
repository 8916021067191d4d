"""``kvcc.pack_prompts``: prompts bin-packed and prefilled in one cache step give each
prompt the logits and the K/V it gets alone; bad input leaves the cache untouched."""

from __future__ import annotations

import pytest
import torch

import kvcc
from kvcc import cli
from kvcc.models import TinyConfig, TinyDecoder
from kvcc.runtime import CacheFull, KVCache
from tests.triton_helpers import needs_triton

LENGTHS = (21, 3, 50, 9, 30, 17)


def _prompts(lengths, seed=0):
    g = torch.Generator().manual_seed(seed)
    return [torch.randint(0, 512, (n,), generator=g).tolist() for n in lengths]


def _cache(model, pages=64, page_size=8, backend="reference"):
    c = model.cfg
    return KVCache(c.layers, c.kv_heads, c.head_dim, num_pages=pages, page_size=page_size,
                   dtype=torch.float32, device="cpu", backend=backend)


@torch.no_grad()
def _alone(model, prompt):
    """The prompt prefilled alone through a (reference) cache: its K/V per layer."""
    cache = _cache(model)
    s = cache.add_sequence()
    step = cache.plan([s], [len(prompt)], num_q_heads=model.cfg.heads, mask=model.layer_masks())
    model.forward_cached(torch.tensor(prompt), torch.arange(len(prompt)), step)
    return [cache.read(s, layer) for layer in range(model.cfg.layers)]


@pytest.mark.parametrize("backend", ["reference", pytest.param("triton", marks=needs_triton)])
def test_packed_prefill_equals_each_prompt_alone(backend):
    model = TinyDecoder().eval()
    prompts = _prompts(LENGTHS, seed=1)
    cache = _cache(model, backend=backend)
    plans = []
    real_plan = cache.plan
    cache.plan = lambda *a, **k: plans.append(a) or real_plan(*a, **k)
    out = kvcc.pack_prompts(model, prompts, cache)
    assert len(plans) == 1  # one step for every prompt
    assert out.packing.capacity == 50 and out.packing.rows == ((2,), (4, 5, 1), (0, 3))
    assert list(plans[0][0]) == [out.seqs[p] for p in out.packing.order]
    assert out.logits.shape == (len(prompts), model.cfg.vocab)
    with torch.no_grad():
        for i, p in enumerate(prompts):
            want = model(torch.tensor([p]))[0, -1]  # the plain model, this prompt alone
            torch.testing.assert_close(out.logits[i], want, rtol=1e-4, atol=1e-4)
            assert cache.length(out.seqs[i]) == len(p)
            for layer, (k, v) in enumerate(_alone(model, p)):
                got_k, got_v = cache.read(out.seqs[i], layer)
                torch.testing.assert_close(got_k, k, rtol=1e-5, atol=1e-5)
                torch.testing.assert_close(got_v, v, rtol=1e-5, atol=1e-5)


def test_capacity_changes_the_rows_not_the_results():
    model = TinyDecoder(TinyConfig(layers=1)).eval()
    prompts = _prompts((5, 12, 7, 4), seed=2)
    a = kvcc.pack_prompts(model, prompts, _cache(model))
    b = kvcc.pack_prompts(model, prompts, _cache(model), capacity=64)
    assert a.packing.rows == ((1,), (2, 0), (3,)) and b.packing.rows == ((1, 2, 0, 3),)
    assert b.packing.locate(0, 12 + 7 + 5) == (3, 0)
    torch.testing.assert_close(a.logits, b.logits, rtol=1e-5, atol=1e-5)
    # decode continues from the packed prefill as from any prefill
    cache = _cache(model)
    out = kvcc.pack_prompts(model, prompts, cache, capacity=64)
    nxt = out.logits.argmax(-1)
    step = cache.plan(list(out.seqs), [1] * 4, num_q_heads=8, mask=model.layer_masks())
    with torch.no_grad():
        logits = model.forward_cached(nxt, torch.tensor([len(p) for p in prompts]), step)
        for i, p in enumerate(prompts):
            want = model(torch.tensor([p + [int(nxt[i])]]))[0, -1]
            torch.testing.assert_close(logits[i], want, rtol=1e-4, atol=1e-4)


def test_bad_input_raises_before_the_cache_is_touched():
    model = TinyDecoder(TinyConfig(layers=1)).eval()
    cache = _cache(model, pages=4)
    free = cache.pages_free
    cases = [
        (ValueError, "prompt 1 has 9 tokens, more than the capacity 8",
         lambda: kvcc.pack_prompts(model, [[1, 2], list(range(9))], cache, capacity=8)),
        (ValueError, "prompts\\[1\\] must be a non-empty list of token ids in \\[0, 512\\)",
         lambda: kvcc.pack_prompts(model, [[1], [512]], cache)),
        (ValueError, "prompts\\[0\\]", lambda: kvcc.pack_prompts(model, [[]], cache)),
        (TypeError, "prompts must be a non-empty list",
         lambda: kvcc.pack_prompts(model, [], cache)),
        (TypeError, "cache must be a kvcc.KVCache",
         lambda: kvcc.pack_prompts(model, [[1]], object())),
        (TypeError, "model must have forward_cached",
         lambda: kvcc.pack_prompts(object(), [[1]], cache)),
        (TypeError, "capacity must be an int", lambda: kvcc.pack_prompts(model, [[1]], cache,
                                                                          capacity=2.0)),
        # 4 pages of 8 hold 32 tokens: the step raises CacheFull, the sequences go again
        (CacheFull, "needs 6 free pages",
         lambda: kvcc.pack_prompts(model, _prompts((20, 20)), cache)),
        (ValueError, "num_q_heads=3 must be a multiple",
         lambda: kvcc.pack_prompts(model, [[1]], cache, num_q_heads=3)),
    ]
    for exc, msg, call in cases:
        with pytest.raises(exc, match=msg):
            call()
        assert cache.sequences == () and cache.pages_free == free


def test_the_pass_and_the_function_are_listed(capsys):
    assert cli.main(["passes"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("pack "))
    assert "pack{capacity=N}" in line and "Prepacking" in line
    assert "pack_prompts" in kvcc.__all__ and "MixedBatcher" in kvcc.__all__
