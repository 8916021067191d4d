"""Eviction scores (H2O, SnapKV) on the TVM CPU kernels against the reference in
float64, on fresh random inputs: decode and prefill, GQA 4/2, 16/1 and none, windows
of 0 (every row), a few rows and more rows than the queries, masks with unions and
document ids, softcap and ALiBi, placed ops (a chunk of a larger problem), packed
sequences, dense int8 codes and ``kvcc.attention(return_scores=True)``. The score
kernel runs after the attention kernel and reads its lse; ``KVCache`` steps with scores are in
``test_kv_cache_scores.py``.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import torch

pytest.importorskip("tvm")

import kvcc  # noqa: E402
from kvcc import masks as M  # noqa: E402
from kvcc.codegen import reference  # noqa: E402
from kvcc.codegen.tvm.backend import TvmBackend  # noqa: E402
from kvcc.codegen.tvm.op import run_attention  # noqa: E402
from kvcc.ir import Alibi, DType, Module, Value, tensor  # noqa: E402
from kvcc.ir.mask import Causal, Document, Sinks, SlidingWindow  # noqa: E402
from kvcc.runtime.varlen import _build  # noqa: E402
from tests.test_tvm_backend import inputs, module, run_tvm  # noqa: E402
from tests.test_tvm_masks import random_ids  # noqa: E402
from tests.test_tvm_serving import cu, rand  # noqa: E402

D = 16


def with_scores(m: Module, window: int) -> Module:
    """``m``'s attention also returning scores ``[B, Hkv, Skv]`` over ``window`` rows."""
    op = m.ops[0]
    b, hk, skv = (int(x) for x in op.k.type.shape[:3])
    sc = Value("sc", tensor([b, hk, skv], DType.f32))
    return Module(m.name, m.args, (replace(op, scores=sc, score_window=window),),
                  m.outputs + (sc,))


def assert_scores(m: Module, x: dict[str, torch.Tensor], got) -> None:
    """Every output, scores included, within 2e-5 of the float64 reference (the scores
    are sums of probabilities: at most the window's rows x the group)."""
    up = {n: t.double() if t.is_floating_point() else t for n, t in x.items()}
    want = reference.run(m, options=reference.ReferenceOptions(torch.float64, False), **up)
    assert len(got) == len(want) == 3
    o, lse, sc = got
    assert sc.dtype == torch.float32 and sc.shape == want[2].shape
    assert want[2].sum() > 0.5  # (not an empty comparison: each row adds 1)
    torch.testing.assert_close(sc.double(), want[2], atol=2e-5, rtol=1e-5)
    torch.testing.assert_close(o.double(), want[0], atol=2e-5, rtol=1e-5)
    fin = torch.isfinite(want[1])
    assert torch.equal(torch.isfinite(lse), fin)
    torch.testing.assert_close(lse[fin].double(), want[1][fin], atol=2e-5, rtol=1e-5)


@pytest.mark.parametrize("window", [0, 3, 100])
@pytest.mark.parametrize(("b", "hq", "hk", "sq", "skv", "mask"), [
    (2, 8, 2, 1, 333, Causal()),  # GQA decode
    (1, 16, 1, 2, 200, Sinks(4) | SlidingWindow(40)),  # 16/1, two queries
    (2, 4, 2, 77, 300, Causal()),  # prefill
    (1, 4, 4, 70, 150, ~(Sinks(4) | SlidingWindow(30)) & Causal()),  # rows that see nothing
], ids=["decode", "decode_16_1", "prefill", "prefill_holes"])
def test_scores_match_the_reference(b, hq, hk, sq, skv, mask, window):
    m = with_scores(module(b, hq, hk, sq, skv, D, mask=mask), window)
    assert TvmBackend().supports(m.ops[0]) is None
    x = inputs(m, seed=sq + window)
    assert_scores(m, x, run_tvm(m, x))


def test_scores_with_softcap_alibi_ids_and_splits():
    """Softcap and ALiBi (the scores the probabilities come from), document ids, and a
    decode split three ways (the merged lse is what the score kernel reads)."""
    b, hq, hk, skv = 2, 8, 2, 300
    ids = random_ids(b, skv, seed=3)
    for sq, splits in ((1, 3), (40, None)):
        m = module(b, hq, hk, sq, skv, D, mask=Document(ids="ids") & Causal(), softcap=8.0,
                   alibi=Alibi(8.0))
        vi = Value("ids", tensor([b, skv], DType.i64))
        m = with_scores(Module("t", m.args + (vi,), (replace(m.ops[0], mask_args=(vi,)),),
                               m.outputs), 5)
        x = inputs(module(b, hq, hk, sq, skv, D), seed=4) | {"ids": ids}
        assert_scores(m, x, run_tvm(m, x, num_splits=splits))


@pytest.mark.parametrize("sq", [1, 40], ids=["decode", "prefill"])
def test_scores_of_a_placed_op(sq):
    """A chunk of a larger problem (queries 60.. of 100, keys of 150 in all): positions
    (the causal mask, ALiBi) are the problem's, the window is the op's own last rows."""
    m = module(2, 8, 2, sq, 150, D, mask=Causal() & SlidingWindow(50), alibi=Alibi(8.0),
               q_offset=150 - sq - 20, q_total=150 - 20, kv_total=150)
    m = with_scores(m, 3)
    x = inputs(m, seed=5)
    assert_scores(m, x, run_tvm(m, x))


def test_scores_over_dense_quantized_kv():
    """Codes, scales and zeros of a dense int8 K/V: the score kernel reads them as the
    attention kernel does (through ``kvcc.attention``, against the reference)."""
    from kvcc import quant

    q, k, v = rand(2, 8, 2, D, seed=6), rand(2, 2, 130, D, seed=7), rand(2, 2, 130, D, seed=8)
    got = kvcc.attention(q, k, v, mask=M.causal(), return_scores=True, score_window=2,
                         kv_format=quant.int8(), backend="tvm")
    want = kvcc.attention(q, k, v, mask=M.causal(), return_scores=True, score_window=2,
                          kv_format=quant.int8(), backend="reference")
    torch.testing.assert_close(got[1], want[1].float(), atol=2e-5, rtol=1e-5)
    assert want[1].sum() > 1


def test_scores_over_packed_sequences():
    """``[Hkv, Tk]`` over packed keys, each sequence's window its own last rows; empty
    sequences and keys no row sees score 0."""
    lens_q, lens_k, hq, hk = [63, 5, 0, 1], [63, 200, 9, 131], 8, 2
    m = _build(hq, hk, D, D, torch.float32, M.causal(), 0.25, None, True)
    op = m.ops[0]
    sc = Value("sc", tensor([hk, "Tk"], DType.f32))
    op = replace(op, scores=sc, score_window=4)
    m = Module(m.name, m.args, (op,), m.outputs + (sc,))
    t = {"q": rand(sum(lens_q), hq, D, seed=1), "k": rand(sum(lens_k), hk, D, seed=2),
         "v": rand(sum(lens_k), hk, D, seed=3), "cu_q": cu(lens_q), "cu_k": cu(lens_k)}
    got = run_attention(op, t, lambda d: sum(lens_k))
    up = {n: x.double() if x.is_floating_point() else x for n, x in t.items()}
    want = reference.run(m, options=reference.ReferenceOptions(torch.float64, False), **up)
    assert got[2].shape == want[-1].shape == (hk, sum(lens_k))
    torch.testing.assert_close(got[2].double(), want[-1], atol=2e-5, rtol=1e-5)
    assert not got[2][:, 63 + 200:63 + 200 + 9].any()  # a sequence with no query


def test_scores_through_the_api():
    q, k, v = rand(2, 8, 3, D, seed=1), rand(2, 2, 90, D, seed=2), rand(2, 2, 90, D, seed=3)
    got = kvcc.attention(q, k, v, mask=M.causal(), return_lse=True, return_scores=True,
                         score_window=2, backend="tvm")
    want = kvcc.attention(q.double(), k.double(), v.double(), mask=M.causal(),
                          return_lse=True, return_scores=True, score_window=2,
                          backend="reference")
    assert len(got) == 3 and got[2].dtype == torch.float32
    torch.testing.assert_close(got[2].double(), want[2].double(), atol=2e-5, rtol=1e-5)
