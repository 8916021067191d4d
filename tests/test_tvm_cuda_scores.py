"""Eviction scores in the TVM CUDA kernels (``kvcc/codegen/tvm/cuda_scores.py``).

The GPU check's score cases (dense prefill and decode, packed, paged decode and chunk,
KIVI pages, dense int8; windows, sinks, softcap, ALiBi, score windows of 0, 16 and 32
rows) pass in emulation with the other cases (``tests/test_tvm_cuda_emulated.py``).
Here: the committed source with one mistake fails them, and a call the scores kernels
cannot serve is refused before anything launches.
"""

from __future__ import annotations

import pytest

from kvcc.codegen.tvm import cuda_emulate
from kvcc.codegen.tvm import cuda_quant as cq
from kvcc.codegen.tvm import cuda_scores as cs
from tests.tvm_cuda_helpers import ART, mutated_sm90
from tests.tvm_cuda_helpers import checks as _checks

needs_cxx = pytest.mark.skipif(cuda_emulate.cxx_path() is None, reason="no g++ here")



def _score_cases():
    chk = _checks()
    return [c for c in chk.CASES if len(c) > 13 and c[13] is not None]


@pytest.fixture(scope="module")
def sm90():
    from kvcc.codegen.tvm.cuda_emulate import EmulatedKernels

    return EmulatedKernels(ART / "sm_90")


@needs_cxx
@pytest.mark.parametrize("old, new, what", [
    ("(0 < SW)", "(SW < 0)", "the score window ignored: every row counted"),
    ("exp2f(", "expf(", "probabilities out of log2 units"),
    ("SL_ptr[", "SL_ptr[0 * ", "every head takes the first head's ALiBi slope"),
])
def test_a_wrong_scores_kernel_fails_the_check(sm90, tmp_path, old, new, what):
    """The score checks can fail: the committed scores kernels with one mistake (the
    attention kernels as committed) are caught on the cases it changes."""
    from kvcc.codegen.tvm.cuda_emulate import EmulatedKernels

    chk = _checks()
    cases = _score_cases()
    sm90.launches.clear()
    assert all(ok for _, ok, _ in chk.run_checks(sm90, cases, device="cpu"))  # as committed
    used = {name for name, _ in sm90.launches}
    assert {n for n in used if "scores" in n} and any("varlen" in n for n in used)
    src = (ART / "sm_90" / "kernels.cu").read_text()
    parts = src.split('extern "C" __global__ void ')
    changed = 0
    for i, p in enumerate(parts):
        if p.startswith("__launch_bounds__") and "kvcc_cuda_scores_" in p.split("(", 2)[1] \
                and old in p:
            parts[i] = p.replace(old, new)
            changed += 1
    assert changed >= 3, what
    bad = mutated_sm90(tmp_path, 'extern "C" __global__ void '.join(parts))
    results = chk.run_checks(EmulatedKernels(bad, only=used), cases, device="cpu")
    assert len(results) == len(cases)
    assert not all(ok for _, ok, _ in results), (what, results)


@needs_cxx
def test_calls_the_scores_kernels_cannot_serve_are_refused_before_any_launch(sm90):
    import torch

    from kvcc import masks

    g = torch.Generator().manual_seed(0)
    q, k = torch.randn(1, 4, 64, 64, generator=g).half(), torch.randn(1, 2, 64, 64, generator=g).half()
    sm90.launches.clear()
    with pytest.raises(ValueError, match="compiled into a kernel of its own"):
        sm90.prefill(q, k, k, mask=masks.full(), return_scores=True)
    with pytest.raises(ValueError, match="score_window must be an int >= 0"):
        sm90.prefill(q, k, k, return_scores=True, score_window=-1)
    # int4 at head dim 128: the prefill is built, its scores kernel is not
    q2, k2 = torch.randn(1, 4, 64, 128, generator=g).half(), torch.randn(1, 2, 64, 128, generator=g).half()
    assert "kvcc_cuda_prefill_fp16_d128_int4" in sm90.manifest["kernels"]
    with pytest.raises(KeyError, match="kvcc_cuda_scores_dense_fp16_d128_int4"):
        sm90.prefill(q2, **cq.store(k2, k2, "int4"), return_scores=True)
    assert sm90.launches == []  # nothing launched, nothing half-written
    o, lse, sc = sm90.prefill(q, k, k, return_scores=True, score_window=8)
    assert sc.shape == (1, 2, 64) and [n for n, _ in sm90.launches] == [
        "kvcc_cuda_prefill_fp16_d64", "kvcc_cuda_scores_dense_fp16_d64"]
    # 8 rows x 2 heads per KV head: the probabilities sum to 16 per KV head
    torch.testing.assert_close(sc.sum(-1), torch.full((1, 2), 16.0), rtol=1e-5, atol=1e-5)


def test_kernel_names_and_refusals():
    assert cs.scores("float16", 64).name == "kvcc_cuda_scores_dense_fp16_d64"
    assert cs.scores("bfloat16", 128, "paged", 32, "kivi2").name == \
        "kvcc_cuda_scores_paged32_bf16_d128_kivi2"
    assert cs.scores("float16", 128, "dense", None, "quantspec", "upper").name == \
        "kvcc_cuda_scores_dense_fp16_d128_quantspec_upper"
    with pytest.raises(ValueError, match="not packed"):
        cs.scores("float16", 64, "varlen", None, "int8")
    with pytest.raises(ValueError, match="page size"):
        cs.scores("float16", 64, "paged")
    with pytest.raises(ValueError, match="layouts"):
        cs.scores("float16", 64, "ragged")
    for d in (32, 64, 80, 128, 256):  # the tiles fit shared memory at every head dim
        for dt in ("float16", "float32"):
            bn, qr = cs.tiles(d, dt)
            assert bn * qr > 0
