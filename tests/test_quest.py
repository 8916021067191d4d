"""Quest's page selection: the rule (bounds, top pages, GQA per KV head) against a
brute-force reference, the ``quest`` pass (golden IR, options, the masked program's
reference on both backends), a KVCache's page stats and Quest steps, and the
approximation error on keys whose high scores sit in a few pages."""

from __future__ import annotations

import math

import pytest
import torch

import kvcc
from kvcc import masks as M
from kvcc.codegen.reference.quest import page_bounds, page_stats, select_pages
from kvcc.frontend.attention_call import lower_attention_call
from kvcc.ir.printer import print_module
from kvcc.passes.pipeline import Pipeline
from kvcc.runtime import Quest
from tests.triton_helpers import DEVICE, needs_triton

BACKENDS = ["reference", pytest.param("triton", marks=needs_triton)]


def _brute(q, k, page, keep):
    """Python loops in float64: per (batch, KV head), every page's best bound over the
    group's query heads and rows; the last page and the top keep - 1 others (earlier
    page first on ties)."""
    b, hq, sq, d = q.shape
    hkv, s = k.shape[1], k.shape[2]
    g, n = hq // hkv, math.ceil(s / page)
    out = torch.zeros(b, hkv, n, dtype=torch.bool)
    for bi in range(b):
        for h in range(hkv):
            score = []
            for p in range(n):
                keys = k[bi, h, p * page:(p + 1) * page].double()
                lo, hi = keys.min(0).values, keys.max(0).values
                best = max(float(torch.maximum(qq * hi, qq * lo).sum())
                           for qh in range(h * g, (h + 1) * g) for qq in q[bi, qh].double())
                score.append(best)
            ranked = sorted(range(n - 1), key=lambda p: (-score[p], p))[:max(keep - 1, 0)]
            for p in ranked + [n - 1]:
                out[bi, h, p] = True
    return out


@pytest.mark.parametrize("hq,sq,s,keep", [(8, 1, 200, 4), (4, 3, 97, 2), (2, 1, 40, 9),
                                          (6, 1, 129, 1)])
def test_selection_equals_a_brute_force_top_k(hq, sq, s, keep):
    g = torch.Generator().manual_seed(hq + s)
    q = torch.randn(2, hq, sq, 16, generator=g)
    k = torch.randn(2, 2, s, 16, generator=g)
    kmin, kmax = page_stats(k, 16)
    n = torch.full((2,), kmin.shape[2])
    got = select_pages(page_bounds(q, kmin, kmax), n, keep)
    assert torch.equal(got, _brute(q, k, 16, keep))
    assert (got.sum(-1) == min(keep, kmin.shape[2])).all()


def test_the_bound_bounds_every_score_in_the_page():
    g = torch.Generator().manual_seed(1)
    q, k = torch.randn(1, 4, 1, 32, generator=g), torch.randn(1, 4, 160, 32, generator=g)
    kmin, kmax = page_stats(k, 16)
    bound = page_bounds(q, kmin, kmax)  # one query head per KV head here
    scores = (q @ k.transpose(-1, -2)).view(1, 4, 10, 16).amax(-1)
    assert (scores <= bound + 1e-5).all()


def test_pass_golden_ir_and_options():
    q, k = torch.randn(1, 8, 1, 64), torch.randn(1, 2, 200, 64)
    m = lower_attention_call(q, k, k, mask=M.causal()).module
    out = print_module(Pipeline.parse("quest{page=16,budget=64,dense_layers=0}").run(m))
    assert "quest_select {q=%q, k=%k, budget=64}" in out
    assert "tensor<[1, 2, 13], i1>" in out
    assert "mask=causal & page_select(16, %quest_pages0), mask_args=[%quest_pages0]" in out
    # the first two attention ops stay dense (the default), as does a prefill
    assert Pipeline.parse("quest{budget=64}").run(m) == m
    prefill = lower_attention_call(torch.randn(1, 8, 5, 64), k, k, mask=M.causal()).module
    assert Pipeline.parse("quest{budget=64,dense_layers=0}").run(prefill) == prefill
    assert Pipeline.parse("quest{budget=64,dense_layers=0,dense_prefill=false}").run(
        prefill) != prefill
    # a context the budget holds whole is left alone
    assert Pipeline.parse("quest{budget=256,dense_layers=0}").run(m) == m
    for bad, msg in (("quest{budget=8}", "at least one page"), ("quest{page=0}", "page"),
                     ("quest{dense_layers=-1}", "dense_layers")):
        with pytest.raises(ValueError, match=msg):
            Pipeline.parse(bad)
    assert "quest" in kvcc.passes.registry.PASSES


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("mask", [M.causal(), M.sinks(4) | M.sliding_window(100)],
                         ids=["causal", "streaming"])
def test_pass_equals_the_reference_of_the_masked_program(backend, mask):
    g = torch.Generator().manual_seed(2)
    q = torch.randn(2, 8, 1, 64, generator=g).to(DEVICE)
    k, v = (torch.randn(2, 2, 300, 64, generator=g).to(DEVICE) for _ in range(2))
    got = kvcc.attention(q, k, v, mask=mask, backend=backend,
                         pipeline="quest{page=16,budget=64,dense_layers=0}")
    kmin, kmax = page_stats(k.cpu(), 16)
    sel = select_pages(page_bounds(q.cpu(), kmin, kmax), torch.full((2,), 19), 4)
    want = kvcc.attention(q.cpu(), k.cpu(), v.cpu(), mask=mask & M.page_selection(sel, 16),
                          backend="reference")
    torch.testing.assert_close(got.cpu(), want, atol=2e-5, rtol=0)


def test_approximation_error_where_scores_concentrate():
    """Keys aligned with the query in three pages of 64 (the case Quest is built for):
    a budget of 4 pages recovers dense attention closely; on keys without structure the
    error is large (the technique is approximate, not a free lunch)."""
    g = torch.Generator().manual_seed(3)
    q = torch.randn(1, 4, 1, 64, generator=g)
    k, v = torch.randn(1, 4, 1024, 64, generator=g) * 0.3, torch.randn(1, 4, 1024, 64, generator=g)
    for p in (5, 30, 50):  # four keys per page, each head's close to its query
        k[0, :, p * 16:p * 16 + 4] += q[0, :, 0, None] * 1.5
    dense = kvcc.attention(q, k, v, backend="reference")
    quest = kvcc.attention(q, k, v, backend="reference",
                           pipeline="quest{page=16,budget=64,dense_layers=0}")
    rel = ((quest - dense).norm() / dense.norm()).item()
    assert rel < 0.05, rel
    noise = torch.randn(1, 4, 1024, 64, generator=g)
    rel_noise = ((kvcc.attention(q, noise, v, backend="reference",
                                 pipeline="quest{page=16,budget=64,dense_layers=0}")
                  - kvcc.attention(q, noise, v, backend="reference")).norm()
                 / kvcc.attention(q, noise, v, backend="reference").norm()).item()
    assert rel_noise > 3 * rel


def _cache(backend, **kw):
    return kvcc.KVCache(3, 2, 32, num_pages=64, page_size=8, dtype=torch.float32,
                        device=DEVICE, backend=backend, page_stats=True, **kw)


def _check_stats(c, seqs):
    for layer in range(c.num_layers):
        for s in seqs:
            k, _ = c.read(s, layer)
            kmin, kmax = page_stats(k.permute(1, 0, 2)[None].cpu(), c.page_size)
            pages = c._seqs[s].pages[:kmin.shape[2]]
            assert torch.equal(c.kmin[layer][pages].permute(1, 0, 2).cpu(), kmin[0])
            assert torch.equal(c.kmax[layer][pages].permute(1, 0, 2).cpu(), kmax[0])


@pytest.mark.parametrize("backend", BACKENDS)
def test_cache_quest_steps_equal_the_reference(backend):
    """Page stats follow appends (new pages start empty; a fork's written page is copied
    with its stats); a Quest step's decodes attend over the selected pages of layers past
    dense_layers, its prefill rows over every page."""
    g = torch.Generator().manual_seed(4)
    c = _cache(backend)
    seqs = [c.add_sequence() for _ in range(2)]
    step = c.plan(seqs, [70, 20])
    for layer in range(3):
        step.append(layer, *(torch.randn(90, 2, 32, generator=g).to(DEVICE) for _ in range(2)))
    seqs.append(c.fork(seqs[0]))
    _check_stats(c, seqs)
    quest = Quest(budget=24, dense_layers=1)
    new = [1, 5, 1]
    step = c.plan(seqs, new, quest=quest, num_q_heads=8, mask=M.causal())
    q = torch.randn(sum(new), 8, 32, generator=g).to(DEVICE)
    for layer in range(3):
        step.append(layer, *(torch.randn(sum(new), 2, 32, generator=g).to(DEVICE)
                             for _ in range(2)))
        o = step.attend(layer, q)
        at = 0
        for s, n in zip(seqs, new):
            k, v = (t.permute(1, 0, 2)[None].cpu() for t in c.read(s, layer))
            qs = q[at:at + n].permute(1, 0, 2)[None].cpu()
            mask = M.causal()
            if layer >= 1 and n == 1:
                kmin, kmax = page_stats(k, 8)
                sel = select_pages(page_bounds(qs, kmin, kmax),
                                   torch.tensor([kmin.shape[2]]), 3)
                assert sel.sum() == 2 * 3
                mask = mask & M.page_selection(sel, 8)
            want = kvcc.attention(qs, k, v, mask=mask, backend="reference")
            torch.testing.assert_close(o[at:at + n].cpu(), want[0].permute(1, 0, 2), atol=2e-5,
                                       rtol=0)
            at += n
    _check_stats(c, seqs)
    seqs2 = seqs[1:]
    c.free(seqs[0])  # its pages are handed out again: their stats restart
    s = c.add_sequence()
    step = c.plan([s], [30])
    for layer in range(3):
        step.append(layer, *(torch.randn(30, 2, 32, generator=g).to(DEVICE) for _ in range(2)))
    _check_stats(c, seqs2 + [s])


def test_quest_step_errors():
    c = kvcc.KVCache(1, 2, 32, num_pages=8, page_size=8)
    s = c.add_sequence()
    with pytest.raises(ValueError, match="page_stats=True"):
        c.plan([s], [1], quest=Quest())
    c = _cache("reference")
    s = c.add_sequence()
    with pytest.raises(TypeError, match="kvcc.runtime.Quest"):
        c.plan([s], [1], quest=2048)
    with pytest.raises(ValueError, match="less than one page"):
        c.plan([s], [1], quest=Quest(budget=4))
    with pytest.raises(ValueError, match="budget"):
        Quest(budget=0)


@pytest.mark.parametrize("backend", BACKENDS)
def test_decode_steps_read_only_the_budget(backend):
    """A decode step with a causal mask attends over the compacted selection: per
    (sequence, KV head) a table row of budget / page pages and a length of at most the
    budget, and the result equals the reference over the selected pages; a mask that
    reads positions (a window) keeps the sequences' pages with page_select."""
    g = torch.Generator().manual_seed(5)
    c = _cache(backend)
    lens = [100, 61, 17]
    seqs = [c.add_sequence() for _ in lens]
    step = c.plan(seqs, lens)
    for layer in range(3):
        step.append(layer, *(torch.randn(sum(lens), 2, 32, generator=g).to(DEVICE)
                             for _ in range(2)))
    quest = Quest(budget=24, dense_layers=1)
    for mask in (M.causal(), M.sliding_window(40)):
        step = c.plan(seqs, [1, 1, 1], new_tokens=[0, 0, 0], quest=quest, num_q_heads=8,
                      mask=mask)
        compacted = mask == M.causal()
        if compacted:
            assert step.quest.table.shape == (3, 2, 3)
        if backend == "triton":
            (kind, launch), = [p for k, p in step._attend.items() if k[1]]
            assert launch.spec.bt_heads == compacted
        q = torch.randn(3, 8, 32, generator=g).to(DEVICE)
        for layer in range(3):
            o = step.attend(layer, q)
            if layer >= 1 and compacted:
                assert int(step.quest.lens.max()) <= 24
                assert step.quest.lens[2].tolist() == [17, 17]  # 3 pages: all of them
            for i, s in enumerate(seqs):
                k, v = (t.permute(1, 0, 2)[None].cpu() for t in c.read(s, layer))
                qs = q[i:i + 1].permute(1, 0, 2)[None].cpu()
                want_mask = mask
                if layer >= 1:
                    kmin, kmax = page_stats(k, 8)
                    sel = select_pages(page_bounds(qs, kmin, kmax),
                                       torch.tensor([kmin.shape[2]]), 3)
                    want_mask = mask & M.page_selection(sel, 8)
                want = kvcc.attention(qs, k, v, mask=want_mask, backend="reference")
                torch.testing.assert_close(o[i:i + 1].cpu(), want[0].permute(1, 0, 2),
                                           atol=2e-5, rtol=0)
