"""Eviction scores (H2O, SnapKV) as an extra result of attention: the IR, the reference
(against the full probability matrix), the generated kernels (interpreter or GPU) in
every layout and split, and ``kvcc.attention(..., return_scores=True)``."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
import torch

import kvcc
from kvcc import masks as M
from kvcc.codegen import reference
from kvcc.codegen.triton.emit import emit
from kvcc.codegen.triton.spec import KernelSpec, Tiles, lower
from kvcc.ir import AttentionOp, DType, Module, Value, tensor
from kvcc.ir.mask import Causal
from kvcc.ir.parser import parse
from kvcc.ir.verifier import VerifyError, verify
from tests.test_triton_kernels import _paged, dense_inputs, dense_module, mixed_module
from tests.triton_helpers import (
    DEVICE,
    RUNS_TRITON,
    assert_matches,
    needs_triton,
    rand,
    run_triton,
)


def with_scores(m: Module, shape, window: int) -> Module:
    """``m`` (one attention op) also returning its eviction scores ``%sc``."""
    op = m.ops[0]
    sc = Value("sc", tensor(list(shape), DType.f32))
    return Module(m.name, m.args, (replace(op, scores=sc, score_window=window),),
                  m.outputs + (sc,))


def brute_scores(q, k, scale, visible, window):
    """Column sums of the float64 probability matrix over the last ``window`` rows and
    each KV head's query heads (dense q [B, Hq, S, D], k [B, Hkv, L, D])."""
    g = q.shape[1] // k.shape[1]
    s = torch.einsum("bhqd,bhkd->bhqk", q.double(), k.double().repeat_interleave(g, 1)) * scale
    p = torch.softmax(s.masked_fill(~visible, -math.inf), -1).nan_to_num(0.0)
    rows = p[:, :, -window:] if window else p
    b, hq, _, n = p.shape
    return rows.sum(2).view(b, hq // g, g, n).sum(2)


# ------------------------------------------------------------------ IR and reference


def test_ir_round_trip_and_verifier_rules():
    m = with_scores(dense_module(1, 4, 2, 40, 40, 16), [1, 2, 40], 32)
    assert parse(str(m)) == verify(m)
    assert "score_window=32" in str(m)
    op = m.ops[0]
    bad = {
        "f32": replace(op, scores=Value("sc", tensor([1, 2, 40], DType.f16))),
        "[B, Hkv=2": replace(op, scores=Value("sc", tensor([1, 4, 40], DType.f32))),
        "score_window must": replace(op, score_window=-1),
    }
    for msg, o in bad.items():
        with pytest.raises(VerifyError, match=r"\[scores\].*" + msg.replace("[", r"\[")):
            verify(Module("t", m.args, (o,), (o.o,) + ((o.scores,) if o.scores else ())))
    plain = dense_module(1, 4, 2, 40, 40, 16)
    with pytest.raises(VerifyError, match="score_window given without"):
        verify(Module("t", plain.args, (replace(plain.ops[0], score_window=4),), plain.outputs))


@pytest.mark.parametrize("mask,window", [(M.causal(), 32), (M.full(), 0),
                                         (M.sliding_window(7), 5)], ids=str)
def test_reference_equals_the_full_probability_matrix(mask, window):
    m = with_scores(dense_module(2, 6, 2, 40, 56, 16, mask=mask), [2, 2, 56], window)
    x = dense_inputs(m, seed=3)
    got = reference.run(m, options=reference.ReferenceOptions(torch.float64, False),
                        **{n: t.double() for n, t in x.items()})[-1]
    from kvcc.ir.mask import evaluate

    vis = evaluate(mask, 40, 56, {}).to(x["q"].device)
    want = brute_scores(x["q"], x["k"], 1 / 4, vis, window)
    torch.testing.assert_close(got, want, rtol=1e-10, atol=1e-12)
    # each window row's probabilities sum to one, over its group's query heads
    rows = min(window or 40, 40)
    torch.testing.assert_close(got.sum(-1), torch.full_like(got[..., 0], 3.0 * rows))


# ------------------------------------------------------------------ generated kernels


@needs_triton
@pytest.mark.parametrize("splits", [1, 3])
@pytest.mark.parametrize("tiles", [None, Tiles(64, 32, 4, 2)], ids=["f32tiles", "wide"])
def test_dense_prefill_window_32(splits, tiles):
    """SnapKV's case: the last 32 prompt rows; rows span several row blocks (atomics)."""
    m = with_scores(dense_module(1, 4, 2, 77, 77, 32), [1, 2, 77], 32)
    x = dense_inputs(m, seed=5)
    assert_matches(m, x, run_triton(m, x, num_splits=splits, tiles=tiles))


@needs_triton
@pytest.mark.parametrize("splits", [1, 4])
def test_gqa_decode_split_kv(splits):
    """H2O's per-step scores: one query row per sequence, GQA heads packed in one
    program, split-KV (the merge kernel's score pass)."""
    m = with_scores(dense_module(2, 8, 2, 1, 150, 32), [2, 2, 150], 0)
    x = dense_inputs(m, seed=9)
    spec = lower(m.ops[0], split=splits > 1)
    assert spec.pack_gqa and spec.scores
    assert_matches(m, x, run_triton(m, x, num_splits=splits))


@needs_triton
@pytest.mark.parametrize("mask", [M.sliding_window(9), M.sinks(3) | M.sliding_window(5),
                                  ~M.causal(), M.document([20, 31, 13]) & M.causal()], ids=str)
def test_masked(mask):
    m = with_scores(dense_module(2, 4, 2, 40, 64, 32, mask=mask), [2, 2, 64], 8)
    x = dense_inputs(m, seed=7)
    assert_matches(m, x, run_triton(m, x))


@needs_triton
def test_softcap_and_split():
    m = with_scores(dense_module(1, 4, 4, 20, 90, 32, softcap=5.0), [1, 4, 90], 6)
    x = dense_inputs(m, seed=2)
    for splits in (1, 2):
        assert_matches(m, x, run_triton(m, x, num_splits=splits))


@needs_triton
@pytest.mark.parametrize("splits", [1, 2])
def test_paged_mixed_batch(splits):
    """Packed queries over a paged cache: decodes and a prefill chunk; scores per
    sequence position, zero past each length."""
    hq, hkv, d, page = 4, 2, 32, 16
    q_lens, kv_lens = [1, 17, 1], [70, 50, 33]
    kp, bt = _paged([rand(hkv, n, d, seed=10 + i) for i, n in enumerate(kv_lens)], page, 1)
    vp, _ = _paged([rand(hkv, n, d, seed=20 + i) for i, n in enumerate(kv_lens)], page, 1)
    q = rand(sum(q_lens), hq, d, seed=3)
    cu = torch.tensor([0, *torch.cumsum(torch.tensor(q_lens), 0).tolist()], dtype=torch.int32)
    base = mixed_module(hq, hkv, d, page, q.shape[0], kp.shape[0], 3, bt.shape[1])
    m = with_scores(base, [3, hkv, bt.shape[1] * page], 4)
    x = {"q": q, "k": kp, "v": vp, "cu": cu.to(DEVICE), "bt": bt,
         "kl": torch.tensor(kv_lens, dtype=torch.int32, device=DEVICE)}
    got = run_triton(m, x, num_splits=splits)
    assert_matches(m, x, got)
    assert got[-1][1, :, 50:].abs().max() == 0


@needs_triton
def test_packed_keys():
    hq, hkv, d = 4, 1, 32
    lq, lk = [5, 33, 1], [9, 33, 70]
    f = DType.f32
    V = {n: Value(n, tensor(s, dt)) for n, s, dt in [
        ("q", [sum(lq), hq, d], f), ("k", [sum(lk), hkv, d], f), ("v", [sum(lk), hkv, d], f),
        ("cq", [4], DType.i32), ("ck", [4], DType.i32), ("o", [sum(lq), hq, d], f),
        ("sc", [hkv, sum(lk)], f)]}
    from kvcc.ir import Packed

    op = AttentionOp(V["q"], V["k"], V["v"], V["o"], None, scale=0.2, mask=Causal(),
                     q_layout=Packed(), kv_layout=Packed(), cu_seqlens_q=V["cq"],
                     cu_seqlens_k=V["ck"], scores=V["sc"], score_window=3)
    m = verify(Module("varlen", tuple(V[n] for n in ("q", "k", "v", "cq", "ck")), (op,),
                      (V["o"], V["sc"])))
    cum = lambda ls: torch.tensor([0, *torch.cumsum(torch.tensor(ls), 0).tolist()],  # noqa: E731
                                  dtype=torch.int32, device=DEVICE)
    x = {"q": rand(sum(lq), hq, d, seed=1), "k": rand(sum(lk), hkv, d, seed=2),
         "v": rand(sum(lk), hkv, d, seed=3), "cq": cum(lq), "ck": cum(lk)}
    assert_matches(m, x, run_triton(m, x))


def test_spec_and_emitted_source():
    """The spec field is late (existing keys stay); the source has the pass only when
    asked, quantized K/V included."""
    plain = dense_module(1, 4, 2, 40, 40, 16)
    spec = lower(plain.ops[0])
    assert "scores" not in spec.text() and "atomic_add" not in emit(spec)
    sspec = lower(with_scores(plain, [1, 2, 40], 32).ops[0], split=True)
    assert "scores = True" in sspec.text() and KernelSpec.from_text(sspec.text()) == sspec
    src = emit(sspec)
    assert src.count("tl.atomic_add") == 1 and "score_rows" in src
    from kvcc import quant
    from kvcc.frontend.attention_call import lower_attention_call

    qop = lower_attention_call(torch.zeros(1, 4, 8, 32), torch.zeros(1, 2, 8, 32),
                               torch.zeros(1, 2, 8, 32), kv_format=quant.int8()).module.ops[0]
    sc = Value("sc", tensor([1, 2, 8], DType.f32))
    qspec = lower(replace(qop, scores=sc))  # quantized K/V: the pass dequantizes too
    assert qspec.scores and qspec.kv_code and emit(qspec).count("tl.atomic_add") == 1


# ------------------------------------------------------------------ the public API


@pytest.mark.parametrize("backend", ["reference", "triton"])
def test_public_api(backend):
    if backend == "triton" and not RUNS_TRITON:
        pytest.skip("needs CUDA or TRITON_INTERPRET=1")
    q, k, v = rand(1, 8, 48, 32, seed=1), rand(1, 2, 48, 32, seed=2), rand(1, 2, 48, 32, seed=3)
    o, sc = kvcc.attention(q, k, v, mask=M.causal(), return_scores=True, score_window=32,
                           backend=backend)
    assert sc.shape == (1, 2, 48) and sc.dtype == torch.float32
    torch.testing.assert_close(o, kvcc.attention(q, k, v, mask=M.causal(), backend=backend))
    vis = torch.ones(48, 48, dtype=torch.bool, device=q.device).tril()
    torch.testing.assert_close(sc.double(), brute_scores(q, k, 32 ** -0.5, vis, 32),
                               rtol=1e-4, atol=1e-5)
    o2, lse, sc2 = kvcc.attention(q, k, v, mask=M.causal(), return_lse=True, return_scores=True,
                                  score_window=32, backend=backend)
    assert lse.shape == (1, 8, 48)
    torch.testing.assert_close(sc2, sc)


@pytest.mark.parametrize("fmt", ["int8", "int4", "kivi2"])
@pytest.mark.parametrize("backend", ["reference", "triton"])
def test_public_api_over_quantized_kv(backend, fmt):
    """Scores over quantized K/V are the probabilities of attention over the dequantized
    keys (KIVI: its full-precision residual last), on both backends."""
    if backend == "triton" and not RUNS_TRITON:
        pytest.skip("needs CUDA or TRITON_INTERPRET=1")
    from kvcc import quant
    from kvcc.codegen.reference.kv_store import dequantized, store

    f = {"int8": quant.int8(), "int4": quant.int4(),
         "kivi2": quant.kivi(2, group=8, residual=16)}[fmt]
    q, k, v = rand(1, 4, 40, 32, seed=4), rand(1, 2, 40, 32, seed=5), rand(1, 2, 40, 32, seed=6)
    o, sc = kvcc.attention(q, k, v, mask=M.causal(), kv_format=f, return_scores=True,
                           score_window=8, backend=backend)
    assert sc.shape == (1, 2, 40)
    kd, vd = dequantized(store(k, v, f), q.dtype)
    want_o, want = kvcc.attention(q, kd, vd, mask=M.causal(), return_scores=True,
                                  score_window=8, backend="reference")
    torch.testing.assert_close(sc, want, rtol=1e-4, atol=1e-6)
    torch.testing.assert_close(o, want_o, rtol=1e-4, atol=2e-5)


def test_public_api_errors():
    q = torch.zeros(1, 4, 8, 16)
    with pytest.raises(ValueError, match="score_window must be an int >= 0"):
        kvcc.attention(q, q[:, :2], q[:, :2], return_scores=True, score_window=-1)
    with pytest.raises(ValueError, match="pass both"):
        kvcc.attention(q, q[:, :2], q[:, :2], score_window=4)
    with pytest.raises(TypeError, match="return_scores must be a bool"):
        kvcc.attention(q, q[:, :2], q[:, :2], return_scores=1)
