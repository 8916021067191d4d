"""Cascade attention over a KVCache: shared prefixes found from the block tables after
``fork``, and ``CascadeStep.attend`` equal to the step's plain ``attend`` (decode, a
prefill chunk, GQA, masks, lse), on the reference backend and the generated kernels
(interpreter)."""

from __future__ import annotations

import math

import pytest
import torch

from kvcc import masks as M
from kvcc import quant
from kvcc.codegen.reference import merge_states
from kvcc.runtime.cache import KVCache
from kvcc.runtime.cascade import CascadeStep, find_groups, merge_into, shared_prefixes
from tests.triton_helpers import DEVICE, needs_triton

BACKENDS = ["reference", pytest.param("triton", marks=needs_triton)]
LAYERS, HKV, D, PAGE = 2, 2, 16, 4


def rand(*shape, gen, dtype=torch.float32):
    return torch.randn(*shape, generator=gen).to(DEVICE, dtype)


def fill(cache: KVCache, seqs: list[int], new: list[int], gen) -> None:
    """Append ``new[i]`` random tokens to ``seqs[i]`` in every layer."""
    step = cache.plan(seqs, [0] * len(seqs), new_tokens=new)
    for layer in range(cache.num_layers):
        step.append(layer, *(rand(sum(new), HKV, D, gen=gen, dtype=cache.dtype)
                             for _ in range(2)))


def forked(backend: str, seed: int = 0, dtype: torch.dtype = torch.float32):
    """A 13-token prompt forked three times (its last page, partly filled, is copied at
    each fork's first write: 12 tokens stay shared), each fork and the prompt with own
    tokens, and an unrelated sequence. Returns the cache, the ids, the generator."""
    gen = torch.Generator().manual_seed(seed)
    cache = KVCache(LAYERS, HKV, D, num_pages=64, page_size=PAGE, dtype=dtype,
                    device=DEVICE, backend=backend)
    a = cache.add_sequence()
    fill(cache, [a], [13], gen)
    forks = [cache.fork(a) for _ in range(3)]
    other = cache.add_sequence()
    fill(cache, [a, *forks, other], [2, 5, 1, 7, 6], gen)
    return cache, [a, *forks], other, gen


def compare(cache, seqs, q_lens, gen, hq=8, mask=M.causal(), return_lse=True, **kw):
    """Plan a step, append its tokens, attend plainly and through the cascade: equal."""
    step = cache.plan(seqs, q_lens, num_q_heads=hq, mask=mask, return_lse=return_lse)
    casc = CascadeStep(step, **kw)
    tol = 2e-5 if cache.dtype == torch.float32 else 2e-3  # (half: two roundings of o)
    for layer in range(cache.num_layers):
        n = sum(q_lens)
        step.append(layer, *(rand(n, HKV, D, gen=gen, dtype=cache.dtype) for _ in range(2)))
        q = rand(n, hq, D, gen=gen, dtype=cache.dtype)
        want, got = step.attend(layer, q), casc.attend(layer, q)
        if not return_lse:
            want, got = (want, None), (got, None)
        assert got[0].dtype == cache.dtype
        torch.testing.assert_close(got[0], want[0], rtol=tol, atol=tol)
        if return_lse:
            torch.testing.assert_close(got[1], want[1], rtol=2e-5, atol=2e-5)
    return casc


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("dtype", [torch.float32, torch.float16])
def test_decode_after_fork(backend, dtype):
    cache, group, other, gen = forked(backend, dtype=dtype)
    casc = compare(cache, [*group, other], [1] * 5, gen)
    (g,) = casc.groups
    assert g.members == (0, 1, 2, 3) and g.tokens == 12 and len(g.pages) == 3
    lens = [cache.length(s) for s in [*group, other]]
    assert casc.tokens_plain == sum(lens)
    assert casc.tokens_read == sum(lens) - 3 * 12
    # what the launches read: the prefix's pages once (GQA 8/2: packed sequences of 16
    # queries, one here), each request's pages after them
    (t,) = casc._tables.values()
    assert t["pre_bt"].tolist() == [list(g.pages)] and t["pre_kl"].tolist() == [12]
    own_kl = t["own_kl"].tolist()
    assert own_kl == [n - 12 for n in lens[:4]] + [lens[4]]
    for row, n in zip(t["own_bt"].tolist(), own_kl):
        assert not set(row[:-(-n // PAGE)]) & set(g.pages)


@pytest.mark.parametrize("backend", BACKENDS)
def test_prefill_chunk_gqa_and_order(backend):
    # a prefill chunk of 5 queries beside decodes, the ungrouped sequence first, so the
    # prefix launch gathers rows and the merge scatters them back
    cache, group, other, gen = forked(backend, seed=1)
    casc = compare(cache, [other, group[2], group[0], group[3], group[1]], [1, 5, 1, 2, 1],
                   gen, hq=4)
    assert casc.groups[0].members == (1, 2, 3, 4) and casc._layout == "gather"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("chunk", [1, 3])
def test_prefix_chunks(backend, chunk):
    cache, group, other, gen = forked(backend, seed=2)
    compare(cache, group, [1, 2, 1, 1], gen, prefix_chunk=chunk)


@pytest.mark.parametrize("mask", [None, [M.causal(), M.sliding_window(5)]])
def test_masks_full_and_per_layer(mask):
    # a window layer goes through the step's own attend: the results still agree
    cache, group, other, gen = forked("reference", seed=3)
    compare(cache, [*group, other], [1] * 5, gen, mask=mask, return_lse=False)


def test_nested_forks_pick_the_prefix_that_saves_most():
    gen = torch.Generator().manual_seed(4)
    cache = KVCache(1, HKV, D, num_pages=64, page_size=PAGE, dtype=torch.float32,
                    device=DEVICE, backend="reference")
    a = cache.add_sequence()
    fill(cache, [a], [8], gen)
    b = cache.fork(a)
    fill(cache, [b], [8], gen)
    kids = [cache.fork(b) for _ in range(3)]  # share b's 16 tokens; a shares 8 of them
    seqs = [a, b, *kids]
    fill(cache, seqs, [3, 2, 1, 4, 2], gen)
    casc = compare(cache, seqs, [1] * 5, gen, hq=4)
    # b and its forks share 4 pages (12 reads saved), all five 2 (8 saved)
    (g,) = casc.groups
    assert g.members == (1, 2, 3, 4) and g.tokens == 16
    (g,) = shared_prefixes(cache.plan(seqs, [1] * 5, new_tokens=[0] * 5))
    assert g.members == (1, 2, 3, 4) and g.tokens == 16
    # no queries, nothing to share: a sequence's queries decide which pages count
    assert shared_prefixes(cache.plan(seqs, [0] * 5, new_tokens=[0] * 5)) == ()


def test_no_shared_prefix_is_the_plain_step():
    gen = torch.Generator().manual_seed(5)
    cache = KVCache(1, HKV, D, num_pages=32, page_size=PAGE, dtype=torch.float32,
                    device=DEVICE, backend="reference")
    seqs = [cache.add_sequence() for _ in range(2)]
    fill(cache, seqs, [9, 5], gen)
    casc = compare(cache, seqs, [1, 1], gen, hq=4)
    assert casc.groups == () and casc.tokens_read == casc.tokens_plain


def test_find_groups():
    rows = [[1, 2, 3, 4], [1, 2, 3, 9], [1, 2, 7], [5, 6], [5, 6, 8], [], [1]]
    # rows 0-2 sharing 2 pages save 4 reads: more than rows 0-1 sharing 3 (3) or rows
    # 0-2 and 6 sharing 1 (3)
    assert find_groups(rows) == [((0, 1, 2), 2), ((3, 4), 2)]
    assert find_groups(rows, min_pages=3) == [((0, 1), 3)]
    assert find_groups([[1], [2], []]) == [] and find_groups([]) == []
    # a deep shared run and a branch below it: one group for the run wins
    deep = [list(range(100)) + [i] for i in range(4)]
    assert find_groups(deep) == [((0, 1, 2, 3), 100)]
    # branches worth more than their common root: two groups
    rows = [[1, 2, 3, 4, 5], [1, 2, 3, 4, 6], [1, 7, 8, 9, 10], [1, 7, 8, 9, 11]]
    assert find_groups(rows) == [((0, 1), 4), ((2, 3), 4)]


def test_merge_into_is_the_state_merge():
    g = torch.Generator().manual_seed(6)
    o_a, o_b = torch.randn(5, 3, 8, generator=g), torch.randn(5, 3, 8, generator=g)
    l_a, l_b = torch.randn(5, 3, generator=g) * 4, torch.randn(5, 3, generator=g) * 4
    l_b[1] = -math.inf  # no own key: the prefix state alone
    o_b[1] = 0
    want = merge_states([o_a, o_b], [l_a, l_b])
    o, lse = o_b.clone(), l_b.clone()
    merge_into(o_a, l_a, o, lse)
    torch.testing.assert_close(o, want[0])
    torch.testing.assert_close(lse, want[1])
    torch.testing.assert_close(o[1], o_a[1])


def test_errors():
    cache, group, other, gen = forked("reference")
    step = cache.plan(group, [1] * 4, num_q_heads=8)
    with pytest.raises(TypeError, match="planned kvcc Step"):
        CascadeStep(cache)
    with pytest.raises(ValueError, match="min_pages"):
        CascadeStep(step, min_pages=0)
    with pytest.raises(ValueError, match="prefix_chunk"):
        CascadeStep(step, prefix_chunk=0)
    casc = CascadeStep(step)
    with pytest.raises(ValueError, match="append layer 0's new tokens"):
        casc.attend(0, rand(4, 8, D, gen=gen))
    step.append(0, rand(4, HKV, D, gen=gen), rand(4, HKV, D, gen=gen))
    with pytest.raises(ValueError, match=r"q must be \[4, Hq, 16\]"):
        casc.attend(0, rand(3, 8, D, gen=gen))
    with pytest.raises(ValueError, match="planned for 8"):
        casc.attend(0, rand(4, 4, D, gen=gen))
    cache.fork(other)
    with pytest.raises(ValueError, match="stale"):
        casc.attend(0, rand(4, 8, D, gen=gen))
    qc = KVCache(1, HKV, D, num_pages=8, page_size=PAGE, dtype=torch.float32, device=DEVICE,
                 backend="reference", kv_format=quant.int8())
    s = qc.add_sequence()
    with pytest.raises(ValueError, match="unquantized"):
        CascadeStep(qc.plan([s], [1]))


def test_s1_benchmark_runs_in_cpu_mode():
    """S1 of the suite on its tiny shapes (interpreter kernels when TRITON_INTERPRET=1,
    else the reference): set up, equal to plain decode and SDPA, bytes counted."""
    from benchmarks.harness import Env, run_bench
    from benchmarks.shared_prefix import s1
    from benchmarks.suite import SUITE

    assert [b.id for b in SUITE].count("S1") == 1
    env = Env(torch.device("cpu"), torch.float32, tiny=True)
    r = run_bench(s1(), env, {"matmul_tflops": 1.0, "copy_tbps": 1.0}, log=lambda s: None)
    assert r.error is None and r.correct, r
    assert set(r.times_ms) == {"kvcc", "kvcc-plain", "sdpa-math"}
    assert all(d < 1e-4 for d in r.diff_by_anchor.values()), r.diff_by_anchor
    assert r.variant_correct == {"kvcc-prefix-chunk64": True}
    per_token = 2 * 8 * 32 * 4  # K and V, 8 KV heads of 32, fp32
    assert r.work == (32 + 3 * 16) * per_token and "(1.8x)" in r.shape
