"""SnapKV's and H2O's selections against brute force, and eviction from a KVCache."""

from __future__ import annotations

import pytest
import torch

from kvcc.runtime import CacheFull, KVCache
from kvcc.runtime.eviction import evict, h2o_budget, h2o_select, snapkv_select


def rnd(*shape, seed=0):
    return torch.rand(*shape, generator=torch.Generator().manual_seed(seed))


def brute_snapkv(scores, capacity, window, kernel):
    """One head at a time, loops: zero-padded average pool, top C-W, plus the window."""
    n = scores.shape[-1]
    out = []
    for row in scores.reshape(-1, n):
        if n <= capacity:
            out.append(list(range(n)))
            continue
        pre, half = row[:n - window].tolist(), kernel // 2
        pooled = [sum(pre[j] for j in range(i - half, i + half + 1) if 0 <= j < len(pre)) / kernel
                  for i in range(len(pre))]
        best = sorted(range(len(pre)), key=lambda i: -pooled[i])[:capacity - window]
        out.append(sorted(best) + list(range(n - window, n)))
    return torch.tensor(out).reshape(*scores.shape[:-1], -1)


def brute_h2o(acc, recent, heavy):
    n = acc.shape[-1]
    out = []
    for row in acc.reshape(-1, n):
        if n <= recent + heavy:
            out.append(list(range(n)))
            continue
        old = row[:n - recent].tolist()
        best = sorted(range(len(old)), key=lambda i: -old[i])[:heavy]
        out.append(sorted(best) + list(range(n - recent, n)))
    return torch.tensor(out).reshape(*acc.shape[:-1], -1)


@pytest.mark.parametrize("shape", [(4, 300), (2, 3, 97), (2, 40)])
@pytest.mark.parametrize("capacity,window,kernel", [(64, 32, 5), (50, 8, 3), (33, 32, 7)])
def test_snapkv_matches_brute_force(shape, capacity, window, kernel):
    s = rnd(*shape, seed=sum(shape))
    got = snapkv_select(s, capacity, window, kernel)
    assert got.dtype == torch.int64
    assert torch.equal(got, brute_snapkv(s, capacity, window, kernel))
    assert got.shape[-1] == min(shape[-1], capacity)


@pytest.mark.parametrize("shape,recent,heavy", [((4, 200), 20, 20), ((2, 2, 50), 5, 0),
                                                ((3, 10), 8, 8), ((2, 60), 0, 7)])
def test_h2o_matches_brute_force(shape, recent, heavy):
    a = rnd(*shape, seed=3)
    assert torch.equal(h2o_select(a, recent, heavy), brute_h2o(a, recent, heavy))


def test_h2o_budget_and_bad_input():
    assert h2o_budget(1000) == (100, 100)
    assert h2o_budget(3) == (1, 1)
    with pytest.raises(ValueError, match="capacity must be an int >= 33"):
        snapkv_select(rnd(2, 100), 32)
    with pytest.raises(ValueError, match="kernel must be odd"):
        snapkv_select(rnd(2, 100), 64, kernel=4)
    with pytest.raises(ValueError, match=r"\[Hkv, L\] or \[B, Hkv, L\]"):
        snapkv_select(rnd(100), 64)
    with pytest.raises(TypeError, match="float tensor"):
        h2o_select(torch.zeros(2, 10, dtype=torch.long), 1, 1)
    with pytest.raises(ValueError, match="at least 1"):
        h2o_select(rnd(2, 10), 0, 0)
    with pytest.raises(ValueError, match="heavy_ratio"):
        h2o_budget(10, heavy_ratio=0)


def _filled(lengths, layers=2, hkv=2, d=8, page=4, pages=40):
    cache = KVCache(layers, hkv, d, num_pages=pages, page_size=page, dtype=torch.float32,
                    device="cpu", backend="reference")
    seqs, data = [], []
    for i, n in enumerate(lengths):
        sid = cache.add_sequence()
        per_layer = []
        for layer in range(layers):
            k, v = (torch.randn(n, hkv, d, generator=torch.Generator().manual_seed(10 * i + j
                                                                                   + 100 * layer))
                    for j in (1, 2))
            cache.append(layer, [sid], k, v, torch.tensor([0, n], dtype=torch.int32))
            per_layer.append((k, v))
        seqs.append(sid)
        data.append(per_layer)
    return cache, seqs, data


def test_evict_keeps_exactly_the_selected_tokens_per_head_and_frees_pages():
    cache, (a, b), data = _filled([37, 21])
    free_before = cache.pages_free
    keep = torch.stack([torch.tensor([0, 3, 5, 30, 36]), torch.tensor([1, 2, 3, 4, 36])])
    new = evict(cache, a, keep)
    assert a not in cache.sequences and new in cache.sequences
    assert cache.length(new, 0) == cache.length(new, 1) == 5
    for layer in range(2):
        k, v = cache.read(new, layer)
        for h in range(2):
            assert torch.equal(k[:, h], data[0][layer][0][keep[h], h])
            assert torch.equal(v[:, h], data[0][layer][1][keep[h], h])
        kb, _ = cache.read(b, layer)  # the other sequence is untouched
        assert torch.equal(kb, data[1][layer][0])
    assert cache.pages_free == free_before + 10 - 2  # 37 tokens: 10 pages; 5 tokens: 2


def test_evict_per_layer_selection_from_snapkv():
    cache, (a,), data = _filled([40])
    keep = snapkv_select(rnd(2, 2, 40, seed=1), capacity=12, window=4)  # [layers, Hkv, 12]
    new = evict(cache, a, keep)
    for layer in range(2):
        k, _ = cache.read(new, layer)
        for h in range(2):
            assert torch.equal(k[:, h], data[0][layer][0][keep[layer, h], h])


def test_evict_after_fork_keeps_the_other_holder_and_checks_room():
    cache, (a,), data = _filled([16], pages=6)  # 4 pages used, 2 free
    f = cache.fork(a)
    new = evict(cache, a, torch.arange(0, 16, 2))  # shared pages: only free pages help
    assert torch.equal(cache.read(f, 0)[0], data[0][0][0])
    assert torch.equal(cache.read(new, 0)[0], data[0][0][0][::2])
    assert cache.pages_free == 0
    g = cache.fork(f)
    with pytest.raises(CacheFull, match="evict"):
        evict(cache, f, torch.arange(12))  # 3 pages: none free, none only f holds
    assert f in cache.sequences and cache.length(f) == 16  # unchanged
    cache.free(g)
    evict(cache, f, torch.arange(12))  # now f's 4 pages are its own


def test_evict_bad_input():
    cache, (a,), _ = _filled([10])
    with pytest.raises(ValueError, match=r"positions must be in \[0, 10\)"):
        evict(cache, a, torch.tensor([0, 10]))
    with pytest.raises(ValueError, match="twice"):
        evict(cache, a, torch.tensor([1, 1]))
    with pytest.raises(ValueError, match="Hkv=2"):
        evict(cache, a, torch.zeros(3, 2, dtype=torch.long))
    with pytest.raises(TypeError, match="integer tensor"):
        evict(cache, a, torch.zeros(2))
    with pytest.raises(ValueError, match="as many tokens"):
        evict(cache, a, [torch.tensor([0, 1]), torch.tensor([0])])
    with pytest.raises(ValueError, match="not a live sequence"):
        evict(cache, 99, torch.tensor([0]))
    assert cache.length(a) == 10
