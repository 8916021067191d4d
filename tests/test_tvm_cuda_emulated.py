"""The numbers of kvcc's TVM CUDA kernels, checked on the CPU.

The committed artifacts (``benchmarks/tvm_cuda/<arch>/kernels.cu``, what the GPU
machine launches) are compiled by the host C++ compiler over the CUDA emulation of
``kvcc/codegen/tvm/cuda_emulate.py`` and run through the same launcher and manifest as
on a GPU, on every case of the GPU check (``benchmarks/tvm_cuda_check.py``: each kernel
kind, fp16 and bf16, GQA, paged and packed layouts, windows, sinks, empty sequences)
against an fp32 reference, with the error bound set by SDPA run in the same low
precision. Needs g++ and torch, not TVM or nvcc.
"""

from __future__ import annotations

import re

import pytest

from kvcc.codegen.tvm import cuda_emulate
from kvcc.codegen.tvm.cuda_emulate import EmulatedKernels
from tests.tvm_cuda_helpers import ART, mutated_sm90
from tests.tvm_cuda_helpers import checks as _checks

pytestmark = pytest.mark.skipif(cuda_emulate.cxx_path() is None, reason="no g++ here")



@pytest.fixture(scope="module")
def sm90():
    return EmulatedKernels(ART / "sm_90")


def test_every_gpu_check_case_passes_in_emulation(sm90):
    chk = _checks()
    sm90.launches.clear()
    results = chk.run_checks(sm90, chk.CASES, device="cpu")
    assert len(results) == len(chk.CASES)
    failed = [(label, detail) for label, ok, detail in results if not ok]
    assert not failed, failed
    names = {name for name, _ in sm90.launches}
    kinds = {re.match(r"kvcc_cuda_(\w+?)_(?:fp16|bf16|f32)_", name)[1] for name in names}
    # every dtype, and head dims besides 64 and 128
    assert {re.search(r"_(fp16|bf16|f32)_d", n)[1] for n in names} == {"fp16", "bf16", "f32"}
    assert {int(re.search(r"_d(\d+)", n)[1]) for n in names} == {64, 80, 96, 128, 256}
    assert kinds == {"prefill", "varlen_prefill", "decode", "paged_decode", "paged_prefill",
                     "merge", "scores_dense", "scores_varlen", "scores_paged16"}, kinds
    from kvcc.codegen.tvm.cuda_quant import PRESETS

    for fmt in PRESETS:  # every format, in the paged decode and prefill, and dense
        assert {k for k in ("decode", "prefill") if any(
            f"paged_{k}" in n and n.endswith(f"_{fmt}") for n in names)} == {"decode", "prefill"}, fmt
        assert any(re.fullmatch(rf"kvcc_cuda_(decode|prefill)_\w+_{fmt}(_upper)?", n)
                   for n in names), fmt
    dense = {m[1] for n in names if (m := re.fullmatch(r"kvcc_cuda_(decode|prefill)_\w+_d\d+"
                                                       r"(_g\d+)?_(int|fp8|kivi|quantspec)\w*", n))}
    assert dense == {"decode", "prefill"}


def test_the_sm80_build_runs_the_same(sm90):
    chk = _checks()
    cases = [c for c in chk.CASES if c[0] in ("varlen", "paged32")] + [
        next(c for c in chk.CASES if _is(c, "kivi2")), next(c for c in chk.CASES if _is(c, "int4"))]
    sm90.launches.clear()
    chk.run_checks(sm90, cases, device="cpu")
    sm80 = EmulatedKernels(ART / "sm_80", only={name for name, _ in sm90.launches})
    results = chk.run_checks(sm80, cases, device="cpu")
    assert all(ok for _, ok, _ in results), results


def _is(case: tuple, what: str) -> bool:
    """Whether a GPU-check case is of kernel kind ``what``, reads that kv format, or
    (``"ALiBi"``) has ALiBi."""
    extra = case[9:] + (None, False, None)[len(case) - 9:]
    return {"ALiBi": extra[1] is True}.get(what, case[0] == what or extra[2] == what)


@pytest.mark.parametrize("old, new, kinds", [
    ("exp2f(", "expf(", ("prefill", "decode")),  # scores are in log2 units
    ("KZ_ptr[", "KS_ptr[", ("int8", "int4", "kivi2")),  # the zero read in place of the scale
    ("KR_ptr[", "VR_ptr[", ("kivi2",)),  # the value ring read for the keys
    ("RS_ptr[((int)blockIdx.z)]", "((int)blockIdx.z)", ("kivi2",)),  # sequence b's ring row: b
    ("(float)max(", "(float)min(", ("ALiBi",)),  # the ALiBi distance
])
def test_a_wrong_kernel_fails_the_check(sm90, tmp_path, old, new, kinds):
    """The check can fail: the committed source with one mistake is caught on the cases
    it changes (the emulation built with just the kernels they launch)."""
    chk = _checks()
    src = (ART / "sm_90" / "kernels.cu").read_text()
    assert old in src
    bad = mutated_sm90(tmp_path, src.replace(old, new))
    cases = [next(c for c in chk.CASES if _is(c, k)) for k in kinds]
    sm90.launches.clear()
    assert all(ok for _, ok, _ in chk.run_checks(sm90, cases, device="cpu"))  # as committed
    used = {name for name, _ in sm90.launches}
    results = chk.run_checks(EmulatedKernels(bad, only=used), cases, device="cpu")
    assert len(results) == len(kinds) and not any(ok for _, ok, _ in results), results


def test_a_divergent_barrier_fails_the_launch(tmp_path):
    src = (
        'extern "C" __global__ void __launch_bounds__(64) bad_kernel(float* __restrict__ o_ptr) {\n'
        "  if (((int)threadIdx.x) < 32) { __syncthreads(); }\n"
        "  o_ptr[((int)threadIdx.x)] = 1.0f;\n}\n")
    lib = __import__("ctypes").CDLL(str(cuda_emulate.build_emulator(src)))
    import ctypes

    import torch

    lib.kvcc_emu_launch.argtypes = [ctypes.c_void_p] + [ctypes.c_uint] * 6 + [
        ctypes.POINTER(ctypes.c_void_p), ctypes.c_long]
    o = torch.zeros(64)
    ptr = ctypes.c_void_p(o.data_ptr())
    args = (ctypes.c_void_p * 1)(ctypes.cast(ctypes.byref(ptr), ctypes.c_void_p))
    fn = ctypes.cast(lib.kvcc_emu_bad_kernel, ctypes.c_void_p)
    assert lib.kvcc_emu_launch(fn, 1, 1, 1, 64, 1, 1, args, cuda_emulate.STACK_BYTES) == 1
    # without the divergence every thread runs: the same source, the barrier for all
    ok = cuda_emulate.build_emulator(src.replace("if (((int)threadIdx.x) < 32) ", ""))
    lib2 = ctypes.CDLL(str(ok))
    lib2.kvcc_emu_launch.argtypes = lib.kvcc_emu_launch.argtypes
    fn2 = ctypes.cast(lib2.kvcc_emu_bad_kernel, ctypes.c_void_p)
    assert lib2.kvcc_emu_launch(fn2, 1, 1, 1, 64, 1, 1, args, cuda_emulate.STACK_BYTES) == 0
    assert bool((o == 1).all())


def test_emulated_launches_take_contiguous_cpu_tensors_only(sm90):
    import torch

    wo, wl = torch.randn(1, 4, 2, 64), torch.randn(1, 4, 2)
    o, lse = torch.empty(1, 4, 1, 64, dtype=torch.float16), torch.empty(1, 4, 1)
    sizes = {"B": 1, "Hq": 4, "NS": 2}
    with pytest.raises(ValueError, match="contiguous CPU"):
        strided = torch.randn(1, 4, 64, 2).transpose(2, 3)
        sm90.launch("kvcc_cuda_merge_fp16_d64", {"wo": strided, "wl": wl, "o": o, "lse": lse},
                    sizes)
    with pytest.raises(KeyError, match="not among"):
        sm90.launch("kvcc_cuda_merge_fp16_d48", {}, sizes)
    sm90.launch("kvcc_cuda_merge_fp16_d64", {"wo": wo, "wl": wl, "o": o, "lse": lse}, sizes)
    w = torch.softmax(wl * 0.6931471805599453, -1)  # the splits' weights (log2 units)
    assert torch.allclose(o.float()[:, :, 0], (w[..., None] * wo).sum(2), atol=2e-3)


def test_bad_tables_are_refused_before_any_launch(sm90):
    import torch

    sm90.launches.clear()
    q = torch.randn(10, 4, 64, dtype=torch.float16)
    k = torch.randn(12, 2, 64, dtype=torch.float16)
    good = torch.tensor([0, 4, 10], dtype=torch.int32)
    cuk = torch.tensor([0, 6, 12], dtype=torch.int32)
    for bad, match in ((torch.tensor([0, 4, 11], dtype=torch.int32), "end at 10"),
                       (torch.tensor([1, 4, 10], dtype=torch.int32), "start at 0")):
        with pytest.raises(ValueError, match=match):
            sm90.varlen_prefill(q, k, k, bad, cuk)
    with pytest.raises(ValueError, match="never decrease"):
        sm90.varlen_prefill(q, k, k, torch.tensor([0, 11, 10], dtype=torch.int32),
                            torch.tensor([0, 6, 12], dtype=torch.int32))
    with pytest.raises(ValueError, match="shorter than the longest"):
        sm90.varlen_prefill(q, k, k, good, cuk, max_seqlen_q=4)
    pages = torch.randn(4, 16, 2, 64, dtype=torch.float16)
    bt, kvl = torch.tensor([[0, 1], [2, 3]], dtype=torch.int32), torch.tensor([20, 30],
                                                                              dtype=torch.int32)
    with pytest.raises(ValueError, match="end at 10"):
        sm90.paged_prefill(q, pages, pages, bt, kvl, torch.tensor([0, 4, 9], dtype=torch.int32))
    with pytest.raises(ValueError, match="without a kv_format"):
        sm90.paged_prefill(q, pages, pages, bt, kvl, good, k_scale=torch.ones(2))
    # a KIVI layer's ring rows: one per sequence
    from kvcc import quant

    fmt = quant.kivi(2, 16, 32)
    codes = torch.zeros(4, 16, 2, 4, dtype=torch.int32)
    ks = torch.ones(4, 1, 2, 64, dtype=torch.float16)
    vs = torch.ones(4, 16, 2, 4, dtype=torch.float16)
    ring = torch.zeros(3, 32, 2, 64, dtype=torch.float16)
    with pytest.raises(ValueError, match=r"rs must be torch.int32 shaped \(2,\)"):
        sm90.paged_decode(q[:2], codes, codes, bt, kvl, kv_format=fmt, k_scale=ks, k_zero=ks,
                          v_scale=vs, v_zero=vs, k_ring=ring, v_ring=ring,
                          ring_rows=torch.zeros(1, dtype=torch.int32))
    assert sm90.launches == []  # nothing launched


def test_quantspec_upper_kernels_read_the_upper_codes_alone(sm90):
    """The draft-view kernels (``kv_precision="upper"``) pass their cases, and the same
    kernels launched for full-precision QuantSpec cases fail them: they read only the
    upper plane."""
    chk = _checks()
    upper = [c for c in chk.CASES if len(c) > 12 and c[12] == "upper"]
    assert {c[0][:5] for c in upper} == {"paged", "chunk", "decod"}  # and dense K/V
    assert all(ok for _, ok, _ in chk.run_checks(sm90, upper, device="cpu"))

    class Swapped(EmulatedKernels):  # the upper kernel where the full one is asked for
        def launch(self, name, *args, **kw):
            return super().launch(name + "_upper" if name.endswith("_quantspec") else name,
                                  *args, **kw)

    full = [c[:12] + ("full",) for c in upper]
    swapped = Swapped(ART / "sm_90", only={n for n, _ in sm90.launches if "upper" in n or
                                           "merge" in n})
    results = chk.run_checks(swapped, full, device="cpu")
    assert len(results) == 3 and not any(ok for _, ok, _ in results), results
    import torch

    with pytest.raises(ValueError, match="hierarchical"):
        sm90.paged_decode(torch.zeros(1, 4, 64, dtype=torch.float16),
                          torch.zeros(2, 16, 4, 64, dtype=torch.uint8),
                          torch.zeros(2, 16, 4, 64, dtype=torch.uint8),
                          torch.zeros(1, 2, dtype=torch.int32), torch.ones(1, dtype=torch.int32),
                          kv_format="int8", kv_precision="upper")
