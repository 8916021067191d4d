"""Streaming heads (StreamingLLM, DuoAttention): the per-head mask ``by_head`` (oracle,
text form, simplification, per-head tile classes) and the ``streaming-heads`` pass,
whose result equals the reference of the masked program on every backend."""

from __future__ import annotations

import pytest
import torch

import kvcc
from kvcc import masks as M
from kvcc.ir.mask import ByHead, evaluate
from kvcc.ir.mask_simplify import simplify
from kvcc.ir.mask_tiles import classify_dense, classify_tiles, for_head
from kvcc.ir.syntax import ParseError, parse_mask
from kvcc.passes.pipeline import Pipeline
from kvcc.passes.streaming_heads import StreamingHeads
from tests.triton_helpers import DEVICE, needs_triton

BACKENDS = ["reference", pytest.param("triton", marks=needs_triton)]
STREAM = M.causal() & M.streaming(3, 9)


def test_by_head_is_each_heads_own_mask():
    m = M.by_head([0, 2], STREAM, M.causal(), num_kv_heads=3, group=2)
    dense = evaluate(m, 20, 50)
    assert dense.shape == (1, 6, 20, 50)
    for h in range(6):
        own = STREAM if h // 2 in (0, 2) else M.causal()
        assert torch.equal(dense[0, h], evaluate(own, 20, 50)[0, 0])
        assert for_head(m, h) == own
    t = classify_tiles(m, 20, 50, 8, 16)
    assert t.shape == (1, 6, 3, 4) and (t == classify_dense(m, 20, 50, 8, 16)).all()


def test_by_head_text_round_trips_and_simplifies():
    m = M.by_head([1], STREAM, M.causal(), num_kv_heads=2, group=4) & M.sinks(100)
    assert str(m).startswith("by_head([1], of=2, group=4, causal & (sinks(3) | sliding_window(9))")
    assert parse_mask(str(m)) == m
    assert simplify(ByHead((0,), 2, 1, M.causal(), M.causal())) == M.causal()
    assert simplify(ByHead((), 2, 1, STREAM, M.causal())) == M.causal()
    assert simplify(ByHead((0, 1), 2, 1, STREAM, M.causal())) == STREAM
    inner = ByHead((1,), 2, 1, M.causal() & M.full(), M.causal())
    assert simplify(inner) == M.causal()
    for bad in ("by_head([1], of=2, causal, causal)", "by_head([5], of=2, group=1, causal, causal)"):
        with pytest.raises(ParseError):
            parse_mask(bad)


def test_by_head_errors():
    with pytest.raises(ValueError, match=r"KV head indices in \[0, 2\)"):
        M.by_head([2], STREAM, M.causal(), num_kv_heads=2)
    with pytest.raises(ValueError, match="group must be an int >= 1"):
        M.by_head([0], STREAM, M.causal(), num_kv_heads=2, group=0)
    with pytest.raises(TypeError, match="heads must be a list"):
        M.by_head(0, STREAM, M.causal(), num_kv_heads=2)
    with pytest.raises(TypeError, match="others must be a kvcc.masks mask"):
        M.by_head([0], STREAM, None, num_kv_heads=2)


def test_pass_options():
    p = Pipeline.parse("streaming-heads{sinks=4,recent=64,heads=0-1+3;2/none;4-5/2,layers=1-5}")
    (sh,) = p.passes
    assert isinstance(sh, StreamingHeads) and str(p).startswith("streaming-heads{")
    assert Pipeline.parse(str(p)) == p
    assert sh.streaming(0) == frozenset()  # not in layers
    assert sh.streaming(1) == {0, 1, 3} and sh.streaming(2) == frozenset()
    assert sh.streaming(4) == {2}
    for bad, msg in (("streaming-heads", "heads is required"),
                     ("streaming-heads{heads=0;1}", "two entries for every layer"),
                     ("streaming-heads{heads=2-1}", "not an index or a range"),
                     ("streaming-heads{heads=0,recent=0}", "recent must be >= 1"),
                     ("streaming-heads{heads=0,sinks=-1}", "sinks must be >= 0"),
                     ("streaming-heads{heads=0,layers=x}", "not an index or a range")):
        with pytest.raises(ValueError, match=msg):
            Pipeline.parse(bad)
    g = torch.Generator().manual_seed(0)
    q, k = torch.randn(1, 4, 1, 16, generator=g), torch.randn(1, 2, 30, 16, generator=g)
    with pytest.raises(ValueError, match="has 2 KV heads; heads names"):
        kvcc.attention(q, k, k, backend="reference", pipeline="streaming-heads{heads=2}")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("sq", [1, 37])
def test_pass_equals_the_reference_of_the_masked_program(backend, sq):
    """Decode and prefill, GQA (Hq=8 over Hkv=4): streaming KV heads 1 and 2 see the sinks
    and the window only, the others everything; one launch."""
    g = torch.Generator().manual_seed(1)
    q = torch.randn(2, 8, sq, 32, generator=g).to(DEVICE)
    k, v = (torch.randn(2, 4, 200, 32, generator=g).to(DEVICE) for _ in range(2))
    got = kvcc.attention(q, k, v, mask=M.causal(), backend=backend,
                         pipeline="streaming-heads{sinks=4,recent=20,heads=1-2}")
    stream = M.causal() & M.streaming(4, 20)
    want = kvcc.attention(q.cpu(), k.cpu(), v.cpu(), backend="reference",
                          mask=M.by_head([1, 2], stream, M.causal(), num_kv_heads=4, group=2))
    torch.testing.assert_close(got.cpu(), want, atol=2e-5, rtol=0)
    # head by head: streaming heads are exactly StreamingLLM's attention
    for heads, m in (([2, 3, 4, 5], stream), ([0, 1, 6, 7], M.causal())):
        kk, vv = (t.cpu().repeat_interleave(2, 1)[:, heads] for t in (k, v))
        own = kvcc.attention(q.cpu()[:, heads], kk, vv, mask=m, backend="reference")
        torch.testing.assert_close(want[:, heads], own, atol=1e-6, rtol=0)
