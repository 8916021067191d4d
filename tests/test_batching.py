"""``kvcc.MixedBatcher``: Sarathi-Serve's mixed batches (decodes first, then prefill
chunks, up to a token budget), one cache plan and one attend per layer a step, each
request's greedy tokens equal to the plain model's on that request alone."""

from __future__ import annotations

import pytest
import torch

import kvcc
from kvcc.models import TinyDecoder, generate_reference
from kvcc.runtime import CacheFull, KVCache
from tests.triton_helpers import needs_triton


def _prompts(lengths, seed=0):
    g = torch.Generator().manual_seed(seed)
    return [torch.randint(0, 512, (n,), generator=g).tolist() for n in lengths]


def _cache(layers=2, pages=64, page_size=8, backend="reference"):
    return KVCache(layers, 2, 32, num_pages=pages, page_size=page_size, dtype=torch.float32,
                   device="cpu", backend=backend)


class Counting:
    """Counts the cache's plans and the attends of the steps they return."""

    def __init__(self, cache: KVCache) -> None:
        self.plans = self.attends = 0
        real = cache.plan

        def plan(*a, **k):
            self.plans += 1
            step = real(*a, **k)
            attend = step.attend

            def counted(*a, **k):
                self.attends += 1
                return attend(*a, **k)

            step.attend = counted
            return step

        cache.plan = plan


def _run(batcher: kvcc.MixedBatcher, model: TinyDecoder) -> list[kvcc.runtime.batching.MixedBatch]:
    """The serving loop of the module docstring; returns the batches it ran."""
    batches = []
    with torch.no_grad():
        while (batch := batcher.next_batch()) is not None:
            step = batch.plan(num_q_heads=model.cfg.heads, mask=model.layer_masks())
            logits = model.forward_cached(batch.tokens, batch.positions, step)
            batcher.complete(batch, logits[list(batch.sample_rows)].argmax(-1))
            batches.append(batch)
    return batches


@pytest.mark.parametrize("backend", ["reference", pytest.param("triton", marks=needs_triton)])
def test_mixed_batches_generate_what_each_request_gets_alone(backend):
    model = TinyDecoder().eval()  # layer 1 has a 48-token window: chunks cross it
    lengths, new = (21, 3, 50, 9), (5, 7, 4, 6)
    prompts = _prompts(lengths, seed=4)
    cache = _cache(backend=backend)
    count = Counting(cache)
    batcher = kvcc.MixedBatcher(cache, token_budget=16, chunk=8)
    ids = [batcher.add(p, n) for p, n in zip(prompts, new)]
    batches = _run(batcher, model)
    for rid, p, n in zip(ids, prompts, new):
        assert batcher.result(rid) == generate_reference(model, [p], n)[0]
    assert batcher.done and cache.sequences == () and cache.pages_free == 64
    # one plan, and one attend per layer, per step
    assert count.plans == len(batches) and count.attends == 2 * len(batches)
    assert all(sum(b.new_tokens) <= 16 and b.q_lens == b.new_tokens for b in batches)
    assert all(set(b.new_tokens[:b.num_decodes]) <= {1} for b in batches)
    mixed = [b for b in batches if 0 < b.num_decodes < len(b.seqs)]
    assert len(mixed) >= 3  # decodes and prefill chunks in one launch
    chunks = [sum(1 for b in batches if rid in b.requests[b.num_decodes:]) for rid in ids]
    assert chunks[2] == 7 and chunks[0] >= 3  # long prompts go in chunks


def _fill(batcher, batch, layers=1):
    """Run a batch's step without a model (zeros appended) and complete it."""
    step = batch.plan()
    for layer in range(layers):
        z = torch.zeros(sum(batch.new_tokens), 2, 32)
        step.append(layer, z, z)
    batcher.complete(batch, [7] * len(batch.sampled))


def test_the_schedule_decodes_first_then_chunks_first_come_first_served():
    b = kvcc.MixedBatcher(_cache(layers=1), token_budget=10, chunk=4)
    r0, r1, r2 = b.add([1] * 6, 2), b.add([2] * 3, 1), b.add([3] * 9, 3)
    x = b.next_batch()
    assert (x.requests, x.new_tokens, x.num_decodes) == ((r0, r1, r2), (4, 3, 3), 0)
    assert x.tokens.tolist() == [1] * 4 + [2] * 3 + [3] * 3
    assert x.positions.tolist() == [0, 1, 2, 3, 0, 1, 2, 0, 1, 2]
    assert (x.sample_rows, x.sampled) == ((6,), (r1,))  # r1's prompt ends here
    _fill(b, x)
    assert b.result(r1) == [7] and b.request(r1).done and b.request(r1).seq is None
    x = b.next_batch()  # r1 is done: no decode yet; r0's last 2, r2's next 4
    assert (x.requests, x.new_tokens, x.num_decodes) == ((r0, r2), (2, 4), 0)
    assert x.sample_rows == (1,) and x.positions.tolist() == [4, 5, 3, 4, 5, 6]
    _fill(b, x)
    x = b.next_batch()  # r0 decodes its token at position 6; r2's last 2
    assert (x.requests, x.new_tokens, x.num_decodes) == ((r0, r2), (1, 2), 1)
    assert x.tokens.tolist() == [7, 3, 3] and x.positions.tolist() == [6, 7, 8]
    _fill(b, x)
    while (x := b.next_batch()) is not None:
        _fill(b, x)
    assert [b.result(r) for r in (r0, r1, r2)] == [[7, 7], [7], [7, 7, 7]] and b.done


def test_a_budget_smaller_than_the_decodes_serves_them_in_order():
    b = kvcc.MixedBatcher(_cache(layers=1), token_budget=2)
    rs = [b.add([5], 3) for _ in range(3)]
    for _ in range(2):
        _fill(b, b.next_batch())  # prefills of one token each, two a step
    x = b.next_batch()
    assert (x.requests, x.num_decodes) == ((rs[0], rs[1]), 2)
    assert b.token_budget == 2 and b.chunk == 2


def test_misuse_and_bad_input_raise_naming_the_argument():
    cache = _cache(layers=1, pages=2, page_size=4)
    with pytest.raises(ValueError, match="token_budget must be >= 1"):
        kvcc.MixedBatcher(cache, token_budget=0)
    with pytest.raises(TypeError, match="chunk must be an int"):
        kvcc.MixedBatcher(cache, chunk=1.5)
    with pytest.raises(TypeError, match="cache must be a kvcc.KVCache"):
        kvcc.MixedBatcher(None)
    b = kvcc.MixedBatcher(cache, token_budget=8)
    assert (b.token_budget, b.chunk) == (8, 8) and kvcc.MixedBatcher(cache).token_budget == 512
    with pytest.raises(ValueError, match="prompts\\[0\\] must be a non-empty list"):
        b.add([], 1)
    with pytest.raises(ValueError, match="max_new_tokens must be >= 1"):
        b.add([1], 0)
    big = b.add([1] * 12, 1)
    hog = cache.add_sequence()
    cache.plan([hog], [1])  # takes one of the 2 pages; the first chunk (8 tokens) needs 2
    x = b.next_batch()
    with pytest.raises(CacheFull):
        x.plan()
    assert cache.length(b.request(big).seq) == 0  # unchanged: the batch can be retried
    cache.free(hog)
    x = b.next_batch()
    step = x.plan()
    with pytest.raises(ValueError, match="planned but not completed"):
        b.next_batch()
    with pytest.raises(ValueError, match="holds \\[0\\] tokens per layer, the batch leaves 8"):
        b.complete(x, [])
    with pytest.raises(ValueError, match="one per sampled request"):
        b.complete(x, [1])
    z = torch.zeros(8, 2, 32)
    step.append(0, z, z)
    with pytest.raises(ValueError, match="not this batcher's current batch"):
        kvcc.MixedBatcher(cache).complete(x, [])
    b.complete(x, [])  # the first 8 tokens of 12: nothing sampled yet
    with pytest.raises(ValueError, match="not this batcher's current batch"):
        b.complete(x, [])
    with pytest.raises(ValueError, match="not a request"):
        b.result(99)


def test_requests_wait_for_a_sequence_row_of_a_windowed_cache():
    cache = KVCache(1, 2, 32, num_pages=8, page_size=8, dtype=torch.float32, device="cpu",
                    backend="reference", kv_format=kvcc.quant.kivi(4), max_seqs=1)
    b = kvcc.MixedBatcher(cache, token_budget=8)
    r0, r1 = b.add([1, 2, 3], 2), b.add([4, 5], 1)
    x = b.next_batch()
    assert x.requests == (r0,)  # one ring row: r1 waits for it
    _fill(b, x)
    _fill(b, b.next_batch())  # r0 decodes its last token and leaves
    x = b.next_batch()
    assert x.requests == (r1,) and b.request(r0).done
    _fill(b, x)
    assert b.done and b.result(r1) == [7]
