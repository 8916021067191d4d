"""kvcc's TVM CUDA kernels ahead of time: CUDA source from TensorIR, cubins from nvcc
for sm_80 and sm_90, the manifest, and the driver-API launcher (no TVM import).

On a machine without a GPU this checks everything but the numbers: the kernels'
source, the cubins' symbols and resource use, the manifest and the launcher's errors.
The GPU-marked test launches both kernels against SDPA (``benchmarks/tvm_cuda_check``).
"""

from __future__ import annotations

import importlib.util
import json
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

pytest.importorskip("tvm")

from kvcc.codegen.tvm import cuda, cuda_kernels  # noqa: E402
from kvcc.codegen.tvm.cuda_launch import CudaKernels, CudaUnavailable, read_manifest  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
# a smaller set than the CLI builds (two groups), to keep nvcc's share of the run short
KERNELS = cuda_kernels.kernel_set(head_dims=(64, 128), groups=(1, 4))


def _cuobjdump() -> str | None:
    spec = importlib.util.find_spec("triton")
    if spec is not None and spec.origin:
        p = pathlib.Path(spec.origin).parent / "backends" / "nvidia" / "bin" / "cuobjdump"
        if p.is_file():
            return str(p)
    return shutil.which("cuobjdump")


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Both archs built once per session into a private cache."""
    if cuda.nvcc_path() is None:
        pytest.skip("nvcc is not installed: cannot build cubins")
    cache = tmp_path_factory.mktemp("kvcc-cache")
    old = os.environ.get("KVCC_CACHE_DIR")
    os.environ["KVCC_CACHE_DIR"] = str(cache)
    try:
        yield cuda.build_all(cuda.ARCHS, KERNELS)
    finally:
        if old is None:
            os.environ.pop("KVCC_CACHE_DIR", None)
        else:
            os.environ["KVCC_CACHE_DIR"] = old


def test_kernel_definitions_reject_what_they_cannot_run():
    with pytest.raises(ValueError, match="powers of two"):
        cuda_kernels.decode("float16", 128, 3)
    assert cuda_kernels.decode_threads(1) == 64 and cuda_kernels.decode_threads(4) == 128


@pytest.mark.parametrize("arch", cuda.ARCHS)
def test_cuda_source_has_every_kernel_with_plain_parameters(built, arch):
    src = (built[arch] / "kernels.cu").read_text()
    sigs = cuda.signatures(src)
    for k in KERNELS:
        bound, params = sigs[f"{k.name}_kernel"]
        assert bound == k.block[0]
        names = [n for _, n in params]
        # every parameter is a tensor pointer, a named size or qscale (no derived value)
        assert all(n.endswith("_ptr") or n in ("B", "Hq", "Hk", "S", "L", "NS", "qscale")
                   for n in names), names
    assert "__syncthreads()" in src and "__shared__" in src and "exp2f" in src


@pytest.mark.parametrize("arch", cuda.ARCHS)
def test_manifest_round_trips_and_describes_the_launch(built, arch):
    man = read_manifest(built[arch])  # the launcher's reader: no TVM
    assert man == json.loads((built[arch] / "manifest.json").read_text())
    assert man["arch"] == arch and man["nvcc_flags"][-1] == f"-arch={arch}"
    pre = man["kernels"]["kvcc_cuda_prefill_fp16_d128"]
    assert pre["grid"] == [["S", cuda_kernels.PRE_BM], ["Hq", 1], ["B", 1]]
    assert pre["block"] == [128, 1, 1]
    assert {p["arg"] for p in pre["params"]} == {"q", "k", "v", "o", "lse", "B", "Hq", "Hk",
                                                "S", "L", "qscale"}
    dec = man["kernels"]["kvcc_cuda_decode_bf16_d64_g1"]
    assert dec["block"] == [64, 1, 1] and dec["grid"][0] == ["NS", 1]
    for name, k in man["kernels"].items():
        # no spills, static shared memory within the 48 KiB a launch gets by default
        assert k["spill_stores"] == 0 and k["spill_loads"] == 0, (name, k)
        assert 0 < k["registers"] <= 255 and k["shared_bytes"] <= 48 * 1024, (name, k)
        assert (k["shared_bytes"] > 0) == (k["kind"] != "merge")


def test_a_tampered_cubin_is_refused(built, tmp_path):
    d = tmp_path / "sm_90"
    shutil.copytree(built["sm_90"], d)
    data = bytearray((d / "kernels.cubin").read_bytes())
    data[len(data) // 2] ^= 0xFF
    (d / "kernels.cubin").write_bytes(bytes(data))
    with pytest.raises(ValueError, match="hash"):
        read_manifest(d)
    with pytest.raises(ValueError, match="hash"):
        cuda.read_check(d)


def test_builds_are_cached_and_exported(built, tmp_path):
    again = cuda.build_all(cuda.ARCHS, KERNELS)  # no nvcc run: the same folders
    assert again == built
    out = cuda.export(tmp_path / "art", cuda.ARCHS, KERNELS)
    for arch in cuda.ARCHS:
        assert read_manifest(out[arch])["cubin_sha256"] == read_manifest(built[arch])["cubin_sha256"]
    assert not [p for p in (tmp_path / "art").iterdir() if p.name.startswith(".tmp")]


@pytest.mark.parametrize("arch", cuda.ARCHS)
def test_cubins_are_elf_with_the_expected_kernels(built, arch):
    cubin = built[arch] / "kernels.cubin"
    assert cubin.read_bytes()[:4] == b"\x7fELF"
    tool = _cuobjdump()
    if tool is None:
        pytest.skip("no cuobjdump (triton's bundled one or CUDA's)")
    sass = subprocess.run([tool, "-sass", str(cubin)], capture_output=True, text=True,
                          check=True).stdout
    assert f"code for {arch}" in sass
    for k in KERNELS:
        assert f"Function : {k.name}_kernel" in sass
    assert "BAR.SYNC" in sass and "MUFU.EX2" in sass
    usage = subprocess.run([tool, "--dump-resource-usage", str(cubin)], capture_output=True,
                           text=True, check=True).stdout
    man = read_manifest(built[arch])
    for k in KERNELS:
        line = next(ln for ln in usage.splitlines() if f"{k.name}_kernel" in ln)
        nxt = usage.splitlines()[usage.splitlines().index(line) + 1]
        assert f"REG:{man['kernels'][k.name]['registers']} " in nxt and "STACK:0 " in nxt, nxt


def test_launcher_imports_without_tvm_or_cuda():
    code = ("import sys; import kvcc.codegen.tvm.cuda_launch as m; "
            "assert 'tvm' not in sys.modules, 'tvm imported'; "
            "assert m._DRIVER == []; print('ok')")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                       env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert r.returncode == 0 and r.stdout.strip() == "ok", r.stderr


def test_launching_without_a_gpu_says_why(built):
    import torch

    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    ks = CudaKernels(built["sm_90"])
    q = torch.zeros(1, 2, 4, 64, dtype=torch.float16)
    with pytest.raises(CudaUnavailable, match="CUDA tensors"):
        ks.prefill(q, q, q)
    with pytest.raises(CudaUnavailable, match="no CUDA GPU"):
        CudaKernels.from_dir(built["sm_90"].parent)
    with pytest.raises(TypeError, match="float16 or bfloat16"):
        ks.prefill(q.float(), q.float(), q.float())


@pytest.mark.gpu
def test_kernels_match_sdpa_on_a_gpu(built, tmp_path):
    import torch

    if not torch.cuda.is_available():
        pytest.skip("needs a CUDA GPU")
    from benchmarks.tvm_cuda_check import run_checks

    root = tmp_path / "art"
    cuda.export(root, cuda.ARCHS, KERNELS)
    results = run_checks(CudaKernels.from_dir(root))
    assert all(ok for _, ok, _ in results), results


@pytest.mark.slow
@pytest.mark.parametrize("arch", ["sm_80", "sm_90"])
def test_committed_artifacts_are_current(arch):
    """benchmarks/tvm_cuda (what the GPU machine, which has no TVM, launches) holds the
    CUDA source the kernels generate today, and a cubin matching its manifest's hash:
    after a kernel change, rebuild it with ``python -m kvcc.codegen.tvm.cuda --out
    benchmarks/tvm_cuda``."""
    d = pathlib.Path(__file__).resolve().parents[1] / "benchmarks" / "tvm_cuda" / arch
    man = cuda.read_check(d)
    src = cuda.cuda_source(cuda_kernels.kernel_set(), arch)
    assert src == (d / "kernels.cu").read_text(), "stale: rebuild benchmarks/tvm_cuda"
    assert man["arch"] == arch and man["kernels"]
