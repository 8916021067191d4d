"""Eviction scores through a KVCache step (``plan(..., return_scores=True)``): equal to
kvcc.attention's on each sequence's history, zero past each length; and H2O in a
decode loop: scores accumulated per step select the tokens ``evict`` keeps."""

from __future__ import annotations

import pytest
import torch

import kvcc
from kvcc import masks as M
from kvcc import quant
from kvcc.runtime import Quest
from kvcc.runtime.eviction import evict, h2o_select
from tests.triton_helpers import DEVICE, needs_triton, needs_tvm

BACKENDS = ["reference", pytest.param("triton", marks=needs_triton),
            pytest.param("tvm", marks=needs_tvm)]
H, HQ, D, PS = 2, 8, 32, 8


def _cache(backend, **kw):
    return kvcc.KVCache(1, H, D, num_pages=64, page_size=PS, dtype=torch.float32,
                        device=DEVICE, backend=backend, **kw)


def _fill(c, seqs, lens, g):
    step = c.plan(seqs, lens)
    step.append(0, *(torch.randn(sum(lens), H, D, generator=g).to(DEVICE) for _ in range(2)))


@pytest.mark.parametrize("backend,fmt", [
    ("reference", None), ("reference", quant.int8()),  # (the reference over the dequantized)
    pytest.param("triton", None, marks=needs_triton),
    # quantized pages: the score pass dequantizes as the main loop does (KIVI: its rings)
    pytest.param("triton", quant.int8(), marks=needs_triton),
    pytest.param("triton", quant.kivi(2, group=8, residual=16), marks=needs_triton),
    # the TVM score kernel after the attention's, from its lse
    pytest.param("tvm", None, marks=needs_tvm), pytest.param("tvm", quant.int8(), marks=needs_tvm),
    pytest.param("tvm", quant.kivi(2, group=8, residual=16), marks=needs_tvm)],
    ids=["reference", "reference-int8", "triton", "triton-int8", "triton-kivi2", "tvm",
         "tvm-int8", "tvm-kivi2"])
@pytest.mark.parametrize("q_lens,window", [([1, 1, 1], 0), ([5, 1, 3], 2)])
def test_step_scores_equal_the_reference(backend, fmt, q_lens, window):
    g = torch.Generator().manual_seed(1)
    c = _cache(backend, kv_format=fmt)
    seqs = [c.add_sequence() for _ in range(3)]
    _fill(c, seqs, [70, 20, 45], g)
    step = c.plan(seqs, q_lens, new_tokens=[0, 0, 0], return_scores=True, score_window=window,
                  mask=M.causal(), num_q_heads=HQ)
    q = torch.randn(sum(q_lens), HQ, D, generator=g).to(DEVICE)
    o, scores = step.attend(0, q)
    assert scores.shape == (3, H, step.block_table.shape[1] * PS)
    if backend == "tvm":  # the generated kernels, not the reference
        assert {kind for kind, _ in step._attend.values()} == {"tvm"}
    at = 0
    for i, s in enumerate(seqs):
        k, v = (t.permute(1, 0, 2)[None].cpu() for t in c.read(s))
        qs = q[at:at + q_lens[i]].permute(1, 0, 2)[None].cpu()
        want_o, want = kvcc.attention(qs, k, v, mask=M.causal(), backend="reference",
                                      return_scores=True, score_window=window)
        n = k.shape[2]
        torch.testing.assert_close(scores[i, :, :n].cpu(), want[0], atol=2e-6, rtol=0)
        assert not scores[i, :, n:].any()
        torch.testing.assert_close(o[at:at + q_lens[i]].cpu(), want_o[0].permute(1, 0, 2),
                                   atol=2e-5, rtol=0)
        at += q_lens[i]


@pytest.mark.parametrize("backend", BACKENDS)
def test_h2o_in_a_decode_loop(backend):
    """Each decode step's scores (every query: window 0) accumulate per sequence; H2O keeps
    the recent tokens and the heavy hitters, and evict leaves exactly those."""
    g = torch.Generator().manual_seed(2)
    c = _cache(backend)
    s = c.add_sequence()
    _fill(c, [s], [40], g)
    acc = torch.zeros(H, 0, device=DEVICE)
    for _ in range(3):
        step = c.plan([s], [1], return_scores=True, num_q_heads=HQ, mask=M.causal())
        step.append(0, *(torch.randn(1, H, D, generator=g).to(DEVICE) for _ in range(2)))
        _, scores = step.attend(0, torch.randn(1, HQ, D, generator=g).to(DEVICE))
        n = c.length(s)
        acc = torch.nn.functional.pad(acc, (0, n - acc.shape[1])) + scores[0, :, :n]
    keep = h2o_select(acc.cpu(), recent=4, heavy=6)
    k, v = c.read(s)
    s2 = evict(c, s, keep)
    k2, v2 = c.read(s2)
    for h in range(H):
        assert torch.equal(k2[:, h], k[keep[h], h]) and torch.equal(v2[:, h], v[keep[h], h])
    assert keep[:, -4:].tolist() == [list(range(39, 43))] * H


def test_score_errors():
    c = _cache("reference", page_stats=True)
    s = c.add_sequence()
    with pytest.raises(ValueError, match="score_window must be >= 0"):
        c.plan([s], [1], return_scores=True, score_window=-1)
    with pytest.raises(ValueError, match="return_scores with quest"):
        c.plan([s], [1], return_scores=True, quest=Quest())
