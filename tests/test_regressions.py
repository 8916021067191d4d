"""Regression tests for bugs found by adversarial review (one test per finding)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import kvcc
from kvcc import masks as M
from kvcc.ir import DType, FillOp, Module, ParseError, Value, VerifyError, parse, tensor, verify
from tests.triton_helpers import needs_triton, rnd


def test_glue_ops_follow_the_input_device():
    q = torch.empty(1, 2, 8, 16, device="meta")
    o, lse = kvcc.attention(q, q, q, mask=M.sliding_window(0), return_lse=True,
                            backend="reference")
    assert o.device.type == "meta" and lse.device.type == "meta"
    o = kvcc.attention(q, q, q, mask=M.causal(), backend="reference",
                       pipeline="split-kv{splits=2}")
    assert o.device.type == "meta"


def test_split_kv_keeps_float64_exact():
    q, k, v = (rnd(1, 2, 9, 16, seed=i, dtype=torch.float64) for i in range(3))
    a = kvcc.attention(q, k, v, mask=M.causal(), backend="reference")
    b = kvcc.attention(q, k, v, mask=M.causal(), backend="reference",
                       pipeline="split-kv{splits=3}")
    assert (a - b).abs().max() < 1e-13


def test_mixed_head_axes_in_page_masks():
    q, k, v = rnd(1, 4, 1, 16, seed=1), rnd(1, 2, 16, 16, seed=2), rnd(1, 2, 16, 16, seed=3)
    per_q = torch.rand(1, 4, 4, generator=torch.Generator().manual_seed(1)) < 0.7
    per_kv = torch.rand(1, 2, 4, generator=torch.Generator().manual_seed(2)) < 0.7
    mask = M.page_selection(per_q, 4) | M.page_selection(per_kv, 4)
    o = kvcc.attention(q.double(), k.double(), v.double(), mask=mask, backend="reference")
    dense = (per_q | per_kv.repeat_interleave(2, 1)).repeat_interleave(4, -1)[:, :, None]
    s = (q.double() @ k.double().repeat_interleave(2, 1).transpose(-1, -2)) / 4
    want = torch.softmax(s.masked_fill(~dense, float("-inf")), -1).nan_to_num() \
        @ v.double().repeat_interleave(2, 1)
    assert torch.allclose(o, want)


def test_huge_mask_constants_mean_all_keys():
    q, k, v = (rnd(1, 2, 5, 16, seed=i, dtype=torch.float64) for i in range(3))
    a = kvcc.attention(q, k, v, mask=M.sliding_window(2**70), backend="reference")
    b = kvcc.attention(q, k, v, mask=M.causal(), backend="reference")
    assert torch.allclose(a, b)


def test_input_validation_details():
    q = rnd(1, 2, 4, 16)
    assert kvcc.attention(q, q, q, scale=np.float32(0.5)).shape == q.shape
    with pytest.raises(TypeError, match="window must be an integer"):
        M.sliding_window(2.7)
    with pytest.raises(ValueError, match="pages must have 1 entries"):
        kvcc.attention(q, q, q, mask=M.page_selection(torch.tensor(True), 4))
    with pytest.raises(ValueError, match="on meta, q on cpu"):
        kvcc.attention(q, q, q, mask=M.document(seq_ids=torch.zeros(4, dtype=torch.long,
                                                                   device="meta")))


def test_parser_rejects_power_and_bad_dims_with_line_numbers():
    with pytest.raises(ParseError, match="not a dimension"):
        parse("module @m(%q: tensor<[9**9**9], f32>) {\n  return %q\n}\n")
    text = ("module @m(%q: tensor<[2, 4], f32>) {\n"
            "  %s: tensor<[1, 4], f32> = slice {x=%q, axis=0, start=\"q(\"}\n  return %s\n}\n")
    with pytest.raises(ParseError, match="line 2"):
        parse(text)


def test_names_that_cannot_round_trip_are_rejected():
    bad = Value("a-b", tensor([2], DType.f32))
    with pytest.raises(VerifyError, match=r"\[name\]"):
        verify(Module("m", (), (FillOp(bad),), (bad,)))
    with pytest.raises(VerifyError, match=r"\[name\]"):
        verify(Module("1x", (), (), ()))


@needs_triton
def test_triton_document_ids_edge_cases():
    q, k, v = rnd(1, 2, 6, 16, seed=1), rnd(1, 2, 3, 16, seed=2), rnd(1, 2, 3, 16, seed=3)
    for ids in (torch.tensor([-1, -1, 0]), torch.tensor([0, 2**32, 2**32])):
        mask = M.document(seq_ids=ids)
        o, lse = kvcc.attention(q, k, v, mask=mask, backend="triton", return_lse=True)
        r, rl = kvcc.attention(q.double(), k.double(), v.double(), mask=mask,
                               backend="reference", return_lse=True)
        assert torch.equal(torch.isneginf(lse), torch.isneginf(rl))  # rows before key 0: none
        fin = torch.isfinite(rl)
        assert (lse.double()[fin] - rl[fin]).abs().max() < 1e-5
        assert (o.double() - r).abs().max() < 1e-5


@needs_triton
def test_triton_large_softcap_and_constants():
    q, k, v = (rnd(1, 2, 9, 16, seed=i) for i in range(3))
    for kw in ({"softcap": 1e6}, {"mask": M.sliding_window(2**31)}, {"mask": M.sinks(2**31)}):
        o = kvcc.attention(q, k, v, backend="triton", **kw)
        r = kvcc.attention(q.double(), k.double(), v.double(), backend="reference", **kw)
        assert (o.double() - r).abs().max() < 1e-5, kw


@needs_triton
def test_tma_needs_aligned_kv_strides_and_index_tensors_may_be_strided():
    from kvcc.codegen.triton.op import plan, tma_layout_ok
    from kvcc.frontend.attention_call import lower_attention_call
    from tests.test_triton_kernels import _paged, mixed_module
    from tests.triton_helpers import assert_matches, run_triton

    # descriptors take the tensors' own strides: a [B, S, H, D] cache seen as [B, H, S, D]
    # is fine, a head dim with a stride other than 1 or a misaligned stride is not
    assert tma_layout_ok(rnd(1, 1, 2, 32, seed=1).transpose(1, 2))
    k = rnd(1, 2, 5, 34, seed=1)[..., :32]  # 136-byte strides
    assert not tma_layout_ok(rnd(1, 2, 3, 32, seed=1).transpose(2, 3)) and not tma_layout_ok(k)
    call = lower_attention_call(rnd(1, 2, 1, 32, seed=2), k, k)
    with pytest.raises(ValueError, match="16-byte aligned"):
        plan(call.module.ops[0], call.inputs, tma=True)
    # strided kv_lens / block table / cu_seqlens, as views of larger state tables
    kvs = [rnd(2, n, 16, seed=10 + i) for i, n in enumerate((20, 9))]
    kp, bt = _paged(kvs, 4, seed=1)
    m = mixed_module(4, 2, 16, 4, 3, kp.shape[0], 2, bt.shape[1])
    state = torch.tensor([[20, 7], [9, 7]], dtype=torch.int32)
    x = {"q": rnd(3, 4, 16, seed=3), "k": kp, "v": kp, "bt": bt.t().contiguous().t(),
         "cu": torch.tensor([[0, 5], [1, 5], [3, 5]], dtype=torch.int32)[:, 0],
         "kl": state[:, 0]}
    assert x["kl"].stride() == (2,) and x["bt"].stride(1) != 1
    assert_matches(m, x, run_triton(m, x))


def test_chunking_passes_skip_caches_with_lengths_and_empty_sequences_work():
    from dataclasses import replace

    from kvcc.codegen.reference import ReferenceOptions, run
    from kvcc.frontend.attention_call import lower_attention_call
    from kvcc.passes import Pipeline

    q, k = rnd(2, 2, 8, 16, seed=1), rnd(2, 2, 32, 16, seed=2)
    call = lower_attention_call(q, k, k, mask=M.causal())
    op = replace(call.module.ops[0], kv_lens=Value("kl", tensor([2], DType.i32)))
    m = replace(call.module, args=call.module.args + (op.kv_lens,), ops=(op,))
    assert Pipeline.parse("split-kv{splits=2},chunk-prefill{size=4}").run(m) == m
    lens = torch.tensor([0, 20], dtype=torch.int32)  # a sequence with no keys yet
    (o,) = run(m, options=ReferenceOptions(torch.float64, False), **call.inputs, kl=lens)
    assert (o[0] == 0).all() and torch.isfinite(o[1]).all()


@needs_triton
def test_split_counts_and_static_documents_are_validated():
    from kvcc.codegen.triton.op import plan
    from kvcc.codegen.triton.spec import UnsupportedAttention
    from kvcc.frontend.attention_call import lower_attention_call
    from tests.test_triton_kernels import mixed_module

    q = rnd(1, 2, 4, 16)
    call = lower_attention_call(q, q, q)
    for bad in (0, -1):
        with pytest.raises(ValueError, match="num_splits must be an int >= 1"):
            plan(call.module.ops[0], call.inputs, num_splits=bad)
    from kvcc.ir.mask import Document

    m = mixed_module(2, 1, 16, 4, 3, 8, 2, 3, mask=Document(lengths=(10, 20)))
    t = {"q": rnd(3, 2, 16), "k": rnd(8, 4, 1, 16), "v": rnd(8, 4, 1, 16),
         "cu": torch.tensor([0, 1, 3], dtype=torch.int32),
         "bt": torch.zeros(2, 3, dtype=torch.int32), "kl": torch.tensor([5, 9], dtype=torch.int32)}
    with pytest.raises(UnsupportedAttention, match="static document"):
        plan(m.ops[0], t)
