"""The TVM backend's per-sequence kernels (llvm, this CPU) against the reference, on
fresh random inputs: ``attention_varlen`` over packed sequences (odd lengths, empty
sequences, GQA 32/8 and 16/1, the structured masks, more queries than keys and
fewer, decode and prefill forms, split-KV), dense K/V cut by ``kv_lens``, and
``KVCache`` steps on ``backend="tvm"`` (chunked prefill, decode, mixed steps) against
a reference cache fed the same tokens. Shapes repeat so the kernels are few.
"""

from __future__ import annotations

import math

import pytest
import torch

pytest.importorskip("tvm")

import kvcc  # noqa: E402
from kvcc import masks as M  # noqa: E402
from kvcc.codegen import reference  # noqa: E402
from kvcc.codegen.tvm.op import run_attention, spec_for  # noqa: E402
from kvcc.ir import AttentionOp, DType, Module, Value, tensor  # noqa: E402
from kvcc.runtime import KVCache  # noqa: E402

ATOL = 2e-5
D = 64


def rand(*shape, seed: int) -> torch.Tensor:
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed))


def assert_same(got, want, what: str = "") -> None:
    """o within ATOL; lse within ATOL where finite, -inf exactly where the reference's
    is (rows that see no key, whose o is 0)."""
    o, lse = got
    wo, wlse = want
    assert o.shape == wo.shape and o.dtype == wo.dtype, what
    torch.testing.assert_close(o, wo, atol=ATOL, rtol=0, msg=what)
    fin = torch.isfinite(wlse)
    assert torch.equal(torch.isfinite(lse), fin), what
    assert (lse[~fin] == -math.inf).all() and (o[~fin] == 0).all(), what
    torch.testing.assert_close(lse[fin], wlse[fin], atol=ATOL, rtol=0, msg=what)


def cu(lens: list[int]) -> torch.Tensor:
    return torch.tensor([0, *torch.tensor(lens).cumsum(0).tolist()], dtype=torch.int32)


def varlen(lens_q, lens_k, hq, hkv, mask, seed=0, d=D, **kw):
    q = rand(sum(lens_q), hq, d, seed=seed)
    k, v = rand(sum(lens_k), hkv, d, seed=seed + 1), rand(sum(lens_k), hkv, d, seed=seed + 2)
    args = (q, k, v, cu(lens_q), cu(lens_k))
    got = kvcc.attention_varlen(*args, mask=mask, return_lse=True, backend="tvm", **kw)
    want = kvcc.attention_varlen(*args, mask=mask, return_lse=True, backend="reference", **kw)
    assert_same(got, want, f"{lens_q} {lens_k} {hq}/{hkv} {mask}")
    return got


# (queries, keys) per sequence: odd lengths, empty sequences (no queries; no keys),
# more queries than keys (bottom-right: leading rows see nothing) and fewer
PREFILL = ([37, 0, 5, 70, 3, 9], [37, 12, 0, 131, 1, 200])
DECODE = ([1, 2, 0, 1, 2], [300, 17, 9, 0, 64])  # GQA 4 x 2 queries: the decode form
MASKS = [None, M.causal(), M.causal("top_left"), M.sliding_window(7),
         M.sliding_window(20, align="top_left"), M.sinks(3),
         M.sliding_window(16) & M.sinks(4), M.causal() & M.sliding_window(40)]


@pytest.mark.parametrize("mask", MASKS, ids=str)
def test_varlen_prefill_masks_gqa_32_8(mask):
    varlen(*PREFILL, 32, 8, mask, seed=1)


@pytest.mark.parametrize("mask", [M.causal(), M.sliding_window(16) & M.sinks(4)], ids=str)
def test_varlen_prefill_gqa_16_1_and_softcap(mask):
    varlen(*PREFILL, 16, 1, mask, seed=2, softcap=15.0)


@pytest.mark.parametrize("mask", MASKS, ids=str)
def test_varlen_decode_form(mask):
    """Up to 2 queries per sequence of 4 query heads per KV head: one program per
    sequence (and split) over both KV heads, each key row read whole; rows past a
    sequence's queries are neither read nor written."""
    assert spec_for_varlen(4, 2).kind == "decode" and spec_for_varlen(4, 2).wide
    varlen(*DECODE, 8, 2, mask, seed=3, max_seqlen_q=2, max_seqlen_k=300)


def test_varlen_decode_form_softcap_and_a_mask_beyond_four_intervals():
    """The wide decode (every KV head per program) with a softcap, and with a mask of
    more than 4 intervals per row (its rows' positions, one per query)."""
    from kvcc.ir.mask import Sinks, SlidingWindow

    holes = (Sinks(2) | SlidingWindow(40) | M.causal("top_left")) & ~(Sinks(1) | SlidingWindow(9))
    varlen(*DECODE, 8, 2, M.causal(), seed=7, max_seqlen_q=2, max_seqlen_k=300, softcap=10.0)
    varlen(*DECODE, 8, 2, holes, seed=8, max_seqlen_q=2, max_seqlen_k=300)


def test_varlen_decode_splits_keys_of_one_long_sequence():
    """One sequence over one KV head: the keys split over programs, merged exactly."""
    varlen([1, 1], [1000, 3], 16, 1, M.causal(), seed=4)
    varlen([1], [777], 16, 1, M.sliding_window(300) & M.sinks(2), seed=5)


def test_fully_masked_rows_give_zero_and_neg_inf():
    o, lse = varlen([4, 3], [0, 2], 8, 2, M.causal(), seed=6)
    assert (lse[:5] == -math.inf).all() and (o[:5] == 0).all()  # no keys; before key 0
    assert torch.isfinite(lse[5:]).all()


def test_auto_runs_varlen_on_tvm(monkeypatch):
    from kvcc.codegen.tvm import op as tvm_op

    calls = []
    real = tvm_op.run_varlen
    monkeypatch.setattr(tvm_op, "run_varlen", lambda *a, **k: calls.append(1) or real(*a, **k))
    q, k, v = rand(5, 8, D, seed=7), rand(9, 2, D, seed=8), rand(9, 2, D, seed=9)
    kvcc.attention_varlen(q, k, v, cu([2, 3]), cu([4, 5]), mask=M.causal(), backend="auto")
    assert calls


def spec_for_varlen(hq: int, q_len: int):
    """The spec of a packed op of ``hq`` query heads over 2 KV heads for ``q_len``."""
    from kvcc.runtime.varlen import _build

    m = _build(hq, 2, D, D, torch.float32, M.causal(), 0.125, None, True)
    return spec_for(m.ops[0], q_len)


def test_dense_kv_with_kv_lens():
    """Dense q and K/V with per-sequence key lengths: each sequence's queries end at
    its own last key."""
    b, hq, hkv, sq, skv = 3, 8, 2, 5, 90
    f32, i32 = DType.f32, DType.i32
    q, k = Value("q", tensor([b, hq, sq, D], f32)), Value("k", tensor([b, hkv, skv, D], f32))
    v, kl = Value("v", tensor([b, hkv, skv, D], f32)), Value("kl", tensor([b], i32))
    o, lse = Value("o", tensor([b, hq, sq, D], f32)), Value("lse", tensor([b, hq, sq], f32))
    op = AttentionOp(q, k, v, o, lse, scale=0.125, mask=M.causal(), kv_lens=kl)
    m = Module("t", (q, k, v, kl), (op,), (o, lse))
    x = {"q": rand(b, hq, sq, D, seed=10), "k": rand(b, hkv, skv, D, seed=11),
         "v": rand(b, hkv, skv, D, seed=12), "kl": torch.tensor([90, 3, 0], dtype=torch.int32)}
    got = run_attention(op, x, int)
    assert_same(got, reference.run(m, **x))


# ------------------------------------------------------------------ KVCache


def caches(**kw):
    return [KVCache(2, 2, D, num_pages=48, page_size=16, dtype=torch.float32, device="cpu",
                    backend=b, **kw) for b in ("tvm", "reference")]


def run_steps(steps, mask, hq=8, return_lse=True):
    """Feed both caches the same steps ((q_lens, new) per step) and compare each
    layer's attention."""
    pair = caches()
    ids = [[c.add_sequence() for _ in range(3)] for c in pair]
    for n, (q_lens, new) in enumerate(steps):
        tq, tn = sum(q_lens), sum(new)
        planned = [c.plan(s, q_lens, new_tokens=new, num_q_heads=hq, mask=mask,
                          return_lse=return_lse) for c, s in zip(pair, ids)]
        assert all(kind == "tvm" for kind, _ in planned[0]._attend.values())
        for layer in range(2):
            q = rand(tq, hq, D, seed=100 * n + layer)
            k, v = rand(tn, 2, D, seed=100 * n + layer + 7), rand(tn, 2, D, seed=100 * n + 9)
            outs = []
            for st in planned:
                st.append(layer, k, v)
                outs.append(st.attend(layer, q))
            if not return_lse:
                outs = [(o, torch.zeros(o.shape[:2])) for o in outs]
            assert_same(*outs, f"step {n} layer {layer} {mask}")


@pytest.mark.parametrize("mask", [M.causal(), M.sliding_window(20) & M.sinks(4)], ids=str)
def test_cache_chunked_prefill_then_decode(mask):
    run_steps([([40, 17, 0], [40, 17, 0]),  # prefill chunks (one sequence still empty)
               ([23, 5, 3], [23, 5, 3]),  # the next chunks, over pages already written
               ([1, 1, 1], [1, 1, 1]),  # decode
               ([1, 0, 2], [1, 0, 2]),  # decode, one idle, two speculative rows
               ([2, 1, 0], [0, 0, 0])], mask)  # attend only (no new tokens)


def test_cache_decode_without_lse_and_auto_picks_tvm():
    run_steps([([30, 3, 64], [30, 3, 64]), ([1, 1, 1], [1, 1, 1])], M.causal(),
              return_lse=False)
    assert KVCache(1, 2, D, num_pages=4, dtype=torch.float32, device="cpu").backend == "tvm"
    auto64 = KVCache(1, 2, D, num_pages=4, dtype=torch.float64, device="cpu")
    assert auto64.backend == "reference"
    with pytest.raises(ValueError, match="float64"):
        KVCache(1, 2, D, num_pages=4, dtype=torch.float64, device="cpu", backend="tvm")


def quest_steps(mask, kv_format=None, hq=8, hk=2):
    """A decode step with Quest (budget 64, pages of 16) after a prefill, on "tvm" and on
    "reference": the kinds of their attention plans, and their outputs (sequences
    shorter than the budget, and longer than several pages)."""
    from kvcc.runtime.quest import Quest

    lens = [300, 40, 513]
    outs, kinds = [], []
    for backend in ("tvm", "reference"):
        c = KVCache(1, hk, D, num_pages=120, page_size=16, dtype=torch.float32, device="cpu",
                    backend=backend, page_stats=True, kv_format=kv_format)
        ids = [c.add_sequence() for _ in lens]
        st = c.plan(ids, lens, num_q_heads=hq, mask=mask)
        st.append(0, rand(sum(lens), hk, D, seed=1), rand(sum(lens), hk, D, seed=2))
        st = c.plan(ids, [1] * len(lens), num_q_heads=hq, mask=mask, return_lse=True,
                    quest=Quest(budget=64, dense_layers=0))
        st.append(0, rand(len(lens), hk, D, seed=3), rand(len(lens), hk, D, seed=4))
        outs.append(st.attend(0, rand(len(lens), hq, D, seed=5)))
        kinds.append({kind for kind, _ in st._attend.values()})
    return kinds, outs


@pytest.mark.parametrize("mask", [M.causal(), M.full()], ids=str)
def test_quest_selection_runs_on_tvm_per_head_pages(mask):
    """Quest's selection compacted into a block table and length per KV head (the masks
    it compacts for): the TVM decode reads each head's own pages (GQA 4/2)."""
    kinds, outs = quest_steps(mask)
    assert kinds == [{"tvm"}, {"reference"}]
    assert_same(*outs, f"quest {mask}")
