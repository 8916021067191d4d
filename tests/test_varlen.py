"""``kvcc.attention_varlen`` (packed sequences, FlashAttention's layout) on the reference
backend and the generated Triton kernels, against a hand-written float64 oracle per
sequence (tests/packed_oracle.py): every structured mask kind, GQA, odd lengths,
empty sequences inside the batch, the max_seqlen hints (and that with both given
nothing is read back from the device), and the argument errors."""

from __future__ import annotations

import os

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import kvcc
from kvcc import masks as M
from kvcc.ir.mask import Causal, Empty, Full, Sinks, SlidingWindow
from tests.packed_oracle import assert_close, attend, attend_packed, cumsum
from tests.strategies import aligns, masks
from tests.triton_helpers import DEVICE, RUNS_TRITON, needs_triton, rand

BACKENDS = ["reference", pytest.param("triton", marks=needs_triton)]
ATOL = {torch.float32: 2e-5, torch.float16: 3e-3}


def packed(lens_q, lens_k, hq, hkv, d, seed=0, dtype=torch.float32):
    """q, k, v and the int32 cu_seqlens of sequences with these lengths."""
    q = rand(sum(lens_q), hq, d, seed=seed, dtype=dtype)
    k = rand(sum(lens_k), hkv, d, seed=seed + 1, dtype=dtype)
    v = rand(sum(lens_k), hkv, d, seed=seed + 2, dtype=dtype)
    cu = [torch.tensor(cumsum(x), dtype=torch.int32, device=DEVICE) for x in (lens_q, lens_k)]
    return q, k, v, cu[0], cu[1]


def check(lens_q, lens_k, hq, hkv, d, mask, backend, seed=0, dtype=torch.float32, hints=False,
          **kw):
    q, k, v, cq, ck = packed(lens_q, lens_k, hq, hkv, d, seed, dtype)
    extra = dict(max_seqlen_q=max(lens_q), max_seqlen_k=max(lens_k)) if hints else {}
    o, lse = kvcc.attention_varlen(q, k, v, cq, ck, mask=mask, return_lse=True,
                                   backend=backend, **extra, **kw)
    want_o, want_lse = attend_packed(q.cpu(), k.cpu(), v.cpu(), lens_q, lens_k, mask, **kw)
    assert o.dtype == dtype and o.device == q.device and lse.dtype == torch.float32
    assert_close(o, want_o, ATOL[dtype], "o")
    assert_close(lse, want_lse, ATOL[dtype], "lse")
    return o, lse


MASKS = [None, M.causal(), M.causal("top_left"), M.sliding_window(5),
         M.sinks(3) | M.sliding_window(5), M.prefix_lm(4), ~M.causal()]


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("mask", MASKS, ids=str)
def test_every_mask_kind_per_sequence(mask, backend):
    """Masks apply within each sequence, bottom-right aligned per sequence (top-left
    where asked); sequences with more queries than keys have fully masked rows."""
    check([1, 17, 9, 12], [17, 17, 4, 33], 4, 2, 32, mask, backend, seed=3)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("hq,hkv", [(4, 1), (8, 2)])
def test_gqa_and_odd_lengths(hq, hkv, backend):
    check([1, 17, 33, 129], [129, 33, 17, 129], hq, hkv, 16, M.causal(), backend, seed=hq)


@pytest.mark.parametrize("backend", BACKENDS)
def test_empty_sequences_give_zero_rows_and_minus_inf(backend):
    """Sequences with no queries, no keys, or neither, first, inside and last in the
    batch: the rows of a sequence without keys are o = 0 and lse = -inf, never NaN,
    and the other sequences are unaffected."""
    lens_q = [0, 5, 3, 0, 7, 4]
    lens_k = [6, 0, 9, 0, 7, 0]
    for mask in (None, M.causal()):
        o, lse = check(lens_q, lens_k, 4, 2, 16, mask, backend, seed=11)
        cq = cumsum(lens_q)
        for b in (1, 5):  # no keys
            rows = slice(cq[b], cq[b + 1])
            assert (o[rows] == 0).all() and torch.isneginf(lse[rows]).all()


@pytest.mark.parametrize("backend", BACKENDS)
def test_all_sequences_empty(backend):
    q, k, v, cq, ck = packed([0, 0], [0, 3], 2, 1, 16, seed=2)
    o, lse = kvcc.attention_varlen(q, k, v, cq, ck, return_lse=True, backend=backend)
    assert o.shape == (0, 2, 16) and lse.shape == (0, 2)
    q, k, v, cq, ck = packed([2, 1], [0, 0], 2, 1, 16, seed=2)
    o, lse = kvcc.attention_varlen(q, k, v, cq, ck, return_lse=True, backend=backend)
    assert (o == 0).all() and torch.isneginf(lse).all()


@pytest.mark.parametrize("backend", BACKENDS)
def test_max_seqlen_hints_exact_and_upper_bounds(backend):
    """With the hints (exact, or upper bounds) the results equal those without."""
    lens_q, lens_k = [3, 1, 20], [30, 1, 20]
    q, k, v, cq, ck = packed(lens_q, lens_k, 4, 2, 16, seed=5)
    mask = M.sliding_window(7)
    base = kvcc.attention_varlen(q, k, v, cq, ck, mask=mask, return_lse=True, backend=backend)
    assert_close(base[0], attend_packed(q.cpu(), k.cpu(), v.cpu(), lens_q, lens_k, mask)[0],
                 ATOL[torch.float32])
    for mq, mk in ((20, 30), (64, 100), (20, None), (None, 30)):
        o, lse = kvcc.attention_varlen(q, k, v, cq, ck, mask=mask, return_lse=True,
                                       backend=backend, max_seqlen_q=mq, max_seqlen_k=mk)
        assert_close(o, base[0].cpu().double(), 1e-6)
        assert_close(lse, base[1].cpu().double(), 1e-6, "lse")


@pytest.mark.parametrize("backend", BACKENDS)
def test_scale_softcap_and_without_lse(backend):
    check([5, 8], [9, 8], 4, 2, 32, M.causal(), backend, seed=8, hints=True, scale=0.3,
          softcap=2.0)
    q, k, v, cq, ck = packed([5, 8], [9, 8], 4, 2, 32, seed=8)
    o = kvcc.attention_varlen(q, k, v, cq, ck, backend=backend)
    assert isinstance(o, torch.Tensor) and o.shape == q.shape


@needs_triton
def test_fp16_on_triton():
    check([1, 17, 6], [40, 17, 0], 4, 2, 64, M.causal(), "triton", seed=9,
          dtype=torch.float16)


SEQUENCE_ATOMS = st.one_of(
    st.just(Full()), st.just(Empty()), aligns.map(Causal),
    st.builds(SlidingWindow, st.integers(0, 12), aligns), st.builds(Sinks, st.integers(0, 6)))


@settings(max_examples=int(os.environ.get("KVCC_KERNEL_EXAMPLES", "15")), deadline=None)
@given(st.lists(st.tuples(st.integers(0, 24), st.integers(0, 24)), min_size=1, max_size=5),
       masks(0, SEQUENCE_ATOMS), st.sampled_from([(2, 2), (4, 1), (4, 2)]), st.booleans())
def test_random_batches_and_masks(lens, mask, heads, hints):
    """Any batch of lengths (empty sequences included) and any structured mask of the
    algebra (&, |, ~ of band atoms), both backends against the oracle."""
    lens_q, lens_k = [a for a, _ in lens], [b for _, b in lens]
    for backend in ("reference", "triton") if RUNS_TRITON else ("reference",):
        check(lens_q, lens_k, *heads, 16, mask, backend, seed=sum(lens_q), hints=hints)


@needs_triton
def test_decode_batches_split_the_keys():
    """One query per sequence over long keys takes the split-KV kernel and its merge
    (GQA heads packed); an empty sequence among them still gives zeros and -inf."""
    from kvcc.codegen.triton.op import plan
    from kvcc.runtime.varlen import lower_varlen_call

    lens_q, lens_k = [1, 1, 1], [150, 0, 77]
    q, k, v, cq, ck = packed(lens_q, lens_k, 8, 2, 16, seed=12)
    call = lower_varlen_call(q, k, v, cq, ck, max_seqlen_q=1, max_seqlen_k=150,
                             mask=M.causal(), return_lse=True)
    p = plan(call.module.ops[0], call.inputs, **call.hints)
    assert p.spec.split and p.num_splits > 1 and p.spec.pack_gqa
    check(lens_q, lens_k, 8, 2, 16, M.causal(), "triton", seed=12, hints=True)


def test_agrees_with_dense_attention_per_sequence():
    """Packed attention equals ``kvcc.attention`` on each sequence's dense [1, H, S, D]
    slice (both reference): the two entry points share one semantics."""
    lens_q, lens_k = [4, 1, 7], [9, 5, 7]
    q, k, v, cq, ck = packed(lens_q, lens_k, 4, 2, 16, seed=4, dtype=torch.float64)
    for mask in (M.causal(), M.sinks(2) | M.sliding_window(3)):
        o, lse = kvcc.attention_varlen(q, k, v, cq, ck, mask=mask, return_lse=True,
                                       backend="reference")
        a, b = cumsum(lens_q), cumsum(lens_k)
        for i in range(3):
            dense = [t[s:e].transpose(0, 1)[None] for t, s, e in
                     ((q, a[i], a[i + 1]), (k, b[i], b[i + 1]), (v, b[i], b[i + 1]))]
            do, dl = kvcc.attention(*dense, mask=mask, return_lse=True, backend="reference")
            assert torch.allclose(o[a[i]:a[i + 1]], do[0].transpose(0, 1), atol=1e-12)
            assert torch.allclose(lse[a[i]:a[i + 1]], dl[0].transpose(0, 1).float())


def test_oracle_sees_what_the_masks_say():
    """The oracle's own mask evaluator, spot-checked by hand (bottom-right positions)."""
    from tests.packed_oracle import visible

    assert visible(M.causal(), 2, 4).tolist() == [[1, 1, 1, 0], [1, 1, 1, 1]]
    assert visible(M.causal("top_left"), 2, 4).tolist() == [[1, 0, 0, 0], [1, 1, 0, 0]]
    assert visible(M.sliding_window(2), 1, 4).tolist() == [[0, 0, 1, 1]]
    assert visible(M.sinks(1) | M.sliding_window(1), 1, 4).tolist() == [[1, 0, 0, 1]]
    assert visible(~M.causal(), 3, 2).tolist() == [[1, 1], [0, 1], [0, 0]]
    o, lse = attend(torch.ones(1, 1, 2), torch.ones(0, 1, 2), torch.ones(0, 1, 2), None)
    assert (o == 0).all() and torch.isneginf(lse).all()


# ------------------------------------------------------------- no host reads with the hints


@needs_triton
def test_with_both_hints_cu_seqlens_are_never_read(monkeypatch):
    """With max_seqlen_q and max_seqlen_k, nothing is read back from the device: the call
    still works when every host read of a tensor raises; without the hints it reads."""
    lens_q, lens_k = [3, 9], [12, 9]
    q, k, v, cq, ck = packed(lens_q, lens_k, 4, 2, 16, seed=6)
    want = attend_packed(q.cpu(), k.cpu(), v.cpu(), lens_q, lens_k, M.causal())

    def no_read(self, *a, **kw):
        raise AssertionError("a tensor was read on the host")

    for name in ("tolist", "item", "__bool__", "__int__", "__float__", "__index__"):
        monkeypatch.setattr(torch.Tensor, name, no_read)
    o, lse = kvcc.attention_varlen(q, k, v, cq, ck, mask=M.causal(), return_lse=True,
                                   backend="triton", max_seqlen_q=9, max_seqlen_k=12)
    with pytest.raises(AssertionError, match="read on the host"):
        kvcc.attention_varlen(q, k, v, cq, ck, mask=M.causal(), backend="triton",
                              max_seqlen_q=9)
    monkeypatch.undo()
    assert_close(o, want[0], ATOL[torch.float32])
    assert_close(lse, want[1], ATOL[torch.float32], "lse")


class StubKernels:
    """Stands in for ``build.load``: a generated module whose kernels record their
    launches (name, grid, arguments) instead of running."""

    def __init__(self) -> None:
        self.launches: list[tuple[str, tuple, tuple]] = []

    def __call__(self, spec, mode: str = "jit") -> StubKernels:
        return self

    def __getattr__(self, name: str):
        launches = self.launches

        class Grid:
            def __getitem__(self, grid):
                return lambda *args, **meta: launches.append((name, grid, args))

        return Grid()


@needs_triton
def test_with_both_hints_the_call_runs_on_meta_tensors(monkeypatch):
    """Validation, lowering, planning and the launch's host side work on tensors that
    hold no data (meta: any read raises), with the kernel launch stubbed: so the call
    reads nothing back from the device. Without the hints the cu_seqlens must be read,
    which fails there."""
    from kvcc.codegen.triton import launch

    stub = StubKernels()
    monkeypatch.setattr(launch, "load", stub)
    q = torch.empty(10, 4, 16, device="meta")
    k = v = torch.empty(30, 2, 16, device="meta")
    cu = torch.empty(3, dtype=torch.int32, device="meta")
    o, lse = kvcc.attention_varlen(q, k, v, cu, cu, mask=M.causal(), return_lse=True,
                                   backend="triton", max_seqlen_q=8, max_seqlen_k=20)
    assert o.shape == (10, 4, 16) and o.device.type == "meta" and lse.shape == (10, 4)
    name, grid, args = stub.launches[0]
    assert name.startswith("kvcc_attn_")
    assert args[0] is q and args[3] is o and args[4] is lse and grid[1] == 2  # 2 sequences
    with pytest.raises((NotImplementedError, RuntimeError)):
        kvcc.attention_varlen(q, k, v, cu, cu, backend="triton", max_seqlen_k=20)
    assert len(stub.launches) in (1, 2)  # the kernel (and a merge); none for the refused call


# ------------------------------------------------------------- argument errors


def _ok(**change):
    q, k, v, cq, ck = packed([2, 3], [4, 3], 4, 2, 16, seed=1)
    args = dict(q=q, k=k, v=v, cu_seqlens_q=cq, cu_seqlens_k=ck)
    kw = {n: change.pop(n) for n in list(change) if n not in args}
    args.update(change)
    return args, kw


def _i32(*xs):
    return torch.tensor(xs, dtype=torch.int32, device=DEVICE)


BAD = [
    (dict(q="q"), TypeError, "q must be a torch.Tensor"),
    (dict(q=rand(5, 4, 16, seed=0).to(torch.int32)), TypeError, "q must be float16"),
    (dict(q=rand(1, 5, 4, 16, seed=0)), ValueError, r"q must have shape \[total, Hq, D\]"),
    (dict(k=rand(7, 32, seed=0)), ValueError, r"k must have shape \[total, Hkv, D\]"),
    (dict(v=rand(7, 2, 16, 1, seed=0)), ValueError, "v must have shape"),
    (dict(q=rand(5, 4, 16, seed=0, dtype=torch.float16)), TypeError, "must share a dtype"),
    (dict(v=rand(7, 2, 16, seed=0, dtype=torch.float64)), TypeError, "must share a dtype"),
    (dict(k=torch.empty(7, 2, 16, device="meta")), ValueError, "one device"),
    (dict(q=rand(5, 3, 16, seed=0)), ValueError, r"Hq=3 \(q.shape\[1\]\) must be a multiple"),
    (dict(k=rand(7, 2, 32, seed=0), v=rand(7, 2, 32, seed=0)), ValueError, "k head dim 32"),
    (dict(v=rand(6, 2, 16, seed=0)), ValueError, r"k \(7, 2, 16\) and v \(6, 2, 16\)"),
    (dict(cu_seqlens_q=[0, 2, 5]), TypeError, "cu_seqlens_q must be an int32 tensor"),
    (dict(cu_seqlens_k=torch.tensor([0.0, 4.0, 7.0], device=DEVICE)), TypeError,
     "cu_seqlens_k must be int32"),
    (dict(cu_seqlens_q=_i32(0, 2, 5).view(1, 3)), ValueError, r"cu_seqlens_q must have shape"),
    (dict(cu_seqlens_k=torch.tensor([0, 4, 7], dtype=torch.int32, device="meta")), ValueError,
     "cu_seqlens_k is on meta"),
    (dict(cu_seqlens_q=_i32(1, 2, 5)), ValueError, "cu_seqlens_q must start at 0"),
    (dict(cu_seqlens_q=_i32(0, 6, 5)), ValueError, "cu_seqlens_q must start at 0, never decrease"),
    (dict(cu_seqlens_k=_i32(0, 8, 7)), ValueError, "cu_seqlens_k must start at 0, never "
     "decrease"),
    (dict(cu_seqlens_k=_i32(0, 4, 8)), ValueError, "cu_seqlens_k .*end at the packed length 7"),
    (dict(cu_seqlens_q=_i32(0, 2, 4, 5)), ValueError, r"cu_seqlens_q \(4,\) and cu_seqlens_k"),
    (dict(max_seqlen_q=2.5), TypeError, "max_seqlen_q must be an int"),
    (dict(max_seqlen_k=-1), ValueError, "max_seqlen_k must be >= 0"),
    (dict(mask="causal"), TypeError, "mask must be a kvcc.masks mask"),
    (dict(mask=M.document(seq_ids=torch.zeros(7, dtype=torch.long))), ValueError,
     "mask: masks that read run-time tensors"),
    (dict(mask=M.causal() & M.page_selection(torch.ones(1, dtype=torch.bool), 8)), ValueError,
     "mask: masks that read run-time tensors"),
    (dict(mask=M.document([4, 3]) & M.causal()), ValueError, r"mask: document\(...\)"),
    (dict(scale=0.0), ValueError, "scale must be a positive finite number"),
    (dict(softcap=float("nan")), ValueError, "softcap must be None or a positive"),
    (dict(backend="cuda"), ValueError, "backend must be one of"),
]


@pytest.mark.parametrize("change,err,match", BAD, ids=[m for _, _, m in BAD])
def test_bad_arguments_name_the_argument(change, err, match):
    args, kw = _ok(**change)
    kw.setdefault("backend", "reference")
    with pytest.raises(err, match=match):
        kvcc.attention_varlen(**args, **kw)


def test_a_mask_that_simplifies_to_empty_keeps_zero_gradients():
    q = torch.randn(5, 4, 16, requires_grad=True)
    k = torch.randn(9, 2, 16, requires_grad=True)
    v = torch.randn(9, 2, 16, requires_grad=True)
    cu_q, cu_k = torch.tensor([0, 2, 5], dtype=torch.int32), torch.tensor([0, 4, 9], dtype=torch.int32)
    for mask in (M.empty(), M.sliding_window(0)):
        o = kvcc.attention_varlen(q, k, v, cu_q, cu_k, mask=mask, backend="reference")
        o.sum().backward()
        assert torch.equal(o, torch.zeros_like(o))
        assert all(torch.equal(t.grad, torch.zeros_like(t)) for t in (q, k, v))
