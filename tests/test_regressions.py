"""Regression tests for bugs found by adversarial review (one test per finding)."""

from __future__ import annotations

import numpy as np
import pytest
import torch

import kvcc
from kvcc import masks as M
from kvcc.ir import DType, FillOp, Module, ParseError, Value, VerifyError, parse, tensor, verify
from tests.triton_helpers import needs_triton


def rnd(*shape, seed=0, dtype=torch.float32):
    return torch.randn(*shape, generator=torch.Generator().manual_seed(seed), dtype=dtype)


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
        assert (o.double() - r).abs().max() < 1e-5


@needs_triton
def test_triton_large_softcap_and_constants():
    q, k, v = (rnd(1, 2, 9, 16, seed=i) for i in range(3))
    for kw in ({"softcap": 1e6}, {"mask": M.sliding_window(2**31)}, {"mask": M.sinks(2**31)}):
        o = kvcc.attention(q, k, v, backend="triton", **kw)
        r = kvcc.attention(q.double(), k.double(), v.double(), backend="reference", **kw)
        assert (o.double() - r).abs().max() < 1e-5, kw
