"""kvcc's TVM CUDA kernels ahead of time: CUDA source from TensorIR, cubins from nvcc
for sm_80 and sm_90, the manifest, and the driver-API launcher (no TVM import).

On a machine without a GPU this checks everything but the numbers: the kernels'
source, the cubins' symbols and resource use, the manifest, the launcher's argument
binding and errors (the key ranges the kernels visit: ``test_tvm_cuda_ranges.py``;
their numbers, on the CPU emulation: ``test_tvm_cuda_emulated.py``). The GPU-marked test
launches every kernel kind against SDPA (``benchmarks/tvm_cuda_check``).
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

from kvcc.codegen.tvm import cuda, cuda_kernel_set, cuda_kernels  # noqa: E402
from kvcc.codegen.tvm.cuda_driver import CudaUnavailable, read_manifest  # noqa: E402
from kvcc.codegen.tvm.cuda_launch import CudaKernels  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]
# a smaller set than the CLI builds (two groups, two paged kernels), to keep nvcc's share
# of the run short
KERNELS = cuda_kernel_set.kernel_set(head_dims=(64, 128), groups=(1, 4), page_sizes=(),
                                     kv_formats=(), dense_quant=("kivi2",), scores_formats=(),
                                     masks=(("prefill", "causal & document(%ids0)"),)) + [
    cuda_kernels.decode("float16", 128, 4, 16), cuda_kernels.decode("bfloat16", 64, 1, 32),
    cuda_kernels.decode("bfloat16", 128, 4, 16, "int4"),
    cuda_kernels.decode("float16", 64, 1, 16, "fp8_e4m3"),
    cuda_kernels.prefill("float16", 64, True, 32), cuda_kernels.prefill("bfloat16", 128, True, 16,
                                                                        "int8")]


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
    with pytest.raises(ValueError, match="page sizes"):
        cuda_kernels.decode("float16", 128, 4, 8)
    assert cuda_kernels.decode_threads(1) == 64 and cuda_kernels.decode_threads(4) == 128
    # other head dims: multiples of 16 from 32 to 256, every phase dividing evenly
    for d in (100, 16, 272):
        with pytest.raises(ValueError, match="multiples of 16 from 32 to 256"):
            cuda_kernels.prefill("float16", d)
    assert [cuda_kernels.decode_threads(g, 80) for g in (1, 2, 4, 8)] == [16, 32, 64, 128]
    assert cuda_kernels.decode_threads(1, 96) == 32 and cuda_kernels.decode_threads(2, 256) == 64
    with pytest.raises(ValueError, match="groups up to 4 at head dims over 128"):
        cuda_kernels.decode("bfloat16", 256, 8)
    from kvcc.codegen.tvm.cuda_common import check_shared

    with pytest.raises(ValueError, match="51200 bytes of shared memory"):
        check_shared("k", 16, 256, 32, "float16")
    assert cuda_kernels.prefill("float16", 256).grid[0] == ("S", 16)
    assert cuda_kernels.decode("float16", 256, 2).block_n == 32


@pytest.mark.parametrize("arch", cuda.ARCHS)
def test_cuda_source_has_every_kernel_with_plain_parameters(built, arch):
    src = (built[arch] / "kernels.cu").read_text()
    sigs = cuda.signatures(src)
    for k in KERNELS:
        bound, params = sigs[f"{k.name}_kernel"]
        assert bound == k.block[0]
        names = [n for _, n in params]
        # every parameter is a tensor pointer, a named size or scalar (no derived value)
        # (and a compiled-in mask's document-id tensor sizes)
        assert all(n.endswith("_ptr") or n in (*cuda.SIZES, *cuda.SCALARS)
                   or (k.mask and n in ("IB0", "IN0")) for n in names), names
        if k.kind != "merge":  # every attention kernel takes the mask, softcap and ALiBi
            mask = {"ID0_ptr", "IB0", "IN0"} if k.mask else {"window", "sinks"}
            assert mask | {"qscale", "cap", "SL_ptr"} <= set(names), (k.name, names)
            if k.mask:
                assert not {"window", "sinks"} & set(names), (k.name, names)
    # the paged decode looks pages up by shift and mask (page size compiled in)
    paged = src[src.rindex("kvcc_cuda_paged_decode_fp16_d128_g4_p16_kernel("):]  # its body
    paged = paged[:paged.index("\n}\n")]
    assert "BT_ptr[" in paged and ">> 4)" in paged and "& 15)" in paged and "KVL_ptr[" in paged
    # a key count past the block table's pages is cut to them: no page index reaches MP
    assert "min(KVL_ptr[((int)blockIdx.z)], (MP * 16))" in paged
    varlen = src[src.rindex("kvcc_cuda_varlen_prefill_fp16_d64_kernel("):]
    assert "CUQ_ptr[" in varlen[:varlen.index("\n}\n")]
    assert "__syncthreads()" in src and "__shared__" in src and "exp2f" in src


@pytest.mark.parametrize("arch", cuda.ARCHS)
def test_manifest_round_trips_and_describes_the_launch(built, arch):
    man = read_manifest(built[arch])  # the launcher's reader: no TVM
    assert man == json.loads((built[arch] / "manifest.json").read_text())
    assert man["arch"] == arch and man["nvcc_flags"][-1] == f"-arch={arch}"
    pre = man["kernels"]["kvcc_cuda_prefill_fp16_d128"]
    assert pre["grid"] == [["S", cuda_kernels.PRE_BM], ["Hq", 1], ["B", 1]]
    assert pre["block"] == [128, 1, 1]
    assert {p["arg"] for p in pre["params"]} == {"q", "k", "v", "sl", "o", "lse", "B", "Hq", "Hk",
                                                "S", "L", "qscale", "cap", "window", "sinks"}
    dec = man["kernels"]["kvcc_cuda_decode_bf16_d64_g1"]
    assert dec["block"] == [64, 1, 1] and dec["grid"][0] == ["NS", 1]
    pg = man["kernels"]["kvcc_cuda_paged_decode_fp16_d128_g4_p16"]
    assert pg["kind"] == "paged_decode" and pg["page_size"] == 16 and pg["group"] == 4
    assert pg["grid"] == [["NS", 1], ["Hk", 1], ["B", 1]] and pg["block"] == [128, 1, 1]
    assert {p["arg"] for p in pg["params"]} == {"q", "k", "v", "bt", "kvl", "sl", "wo", "wl", "B",
                                               "Hk", "MP", "NS", "qscale", "cap", "window", "sinks"}
    assert man["kernels"]["kvcc_cuda_paged_decode_bf16_d64_g1_p32"]["page_size"] == 32
    vl = man["kernels"]["kvcc_cuda_varlen_prefill_bf16_d128"]
    assert vl["kind"] == "varlen_prefill" and vl["grid"] == [["MQ", cuda_kernels.PRE_BM],
                                                             ["Hq", 1], ["B", 1]]
    assert {p["arg"] for p in vl["params"]} == {"q", "k", "v", "cuq", "cuk", "sl", "o", "lse", "B",
                                               "Hq", "Hk", "MQ", "TQ", "qscale", "cap", "window",
                                               "sinks"}
    assert man["decode_block_n"] == cuda_kernels.DEC_BN and man["no_window"] == 2**31 - 1
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
    code = ("import sys; import kvcc.codegen.tvm.cuda_launch; "
            "import kvcc.codegen.tvm.cuda_driver as m; "
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
    with pytest.raises(TypeError, match="float16, bfloat16 or float32, not torch.float64"):
        ks.prefill(q.double(), q.double(), q.double())


def _recording(ks, monkeypatch) -> list:
    """Make ``ks.launch`` record what it would launch (entry, grid, argument values)."""
    calls = []
    monkeypatch.setattr(ks, "launch", lambda name, t, sz, sc=None: calls.append(
        (name, t, *ks.arguments(name, t, sz, sc))))
    return calls


def _check_binding(name, tensors, entry, values) -> dict:
    """Every pointer argument is its tensor's data; returns the int32 sizes bound."""
    sizes = {}
    for p, v in zip(entry["params"], values, strict=True):
        if p["kind"] == "ptr":
            assert v.value == tensors[p["arg"]].data_ptr(), (name, p)
        elif p["kind"] == "i32":
            sizes[p["arg"]] = v.value
    return sizes


def test_the_launcher_binds_every_parameter_of_the_new_kernels(built, monkeypatch):
    import torch

    ks = CudaKernels(built["sm_90"])
    calls = _recording(ks, monkeypatch)
    f16 = dict(dtype=torch.float16)
    # paged decode: 3 sequences, pages of 16, group 4, head dim 128
    q = torch.randn(3, 8, 128, **f16)
    kp, vp = torch.randn(10, 16, 2, 128, **f16), torch.randn(10, 16, 2, 128, **f16)
    bt = torch.tensor([[3, 1, 0], [2, 0, 0], [9, 8, 7]], dtype=torch.int32)
    kvl = torch.tensor([40, 0, 33], dtype=torch.int32)
    o, lse = ks.paged_decode(q, kp, vp, bt, kvl, num_splits=2, window=20, sinks=4)
    assert o.shape == (3, 8, 128) and lse.shape == (3, 8)
    (n1, t1, e1, g1, v1), (n2, t2, e2, g2, v2) = calls
    assert n1 == "kvcc_cuda_paged_decode_fp16_d128_g4_p16" and n2 == "kvcc_cuda_merge_fp16_d128"
    assert _check_binding(n1, t1, e1, v1) == {"B": 3, "Hk": 2, "MP": 3, "NS": 2, "window": 20,
                                              "sinks": 4}
    assert t1["bt"].data_ptr() == bt.data_ptr() and g1 == [2, 2, 3]
    assert _check_binding(n2, t2, e2, v2) == {"B": 3, "Hq": 8, "NS": 2} and g2 == [8, 3, 1]
    assert t2["o"] is o and t2["wo"] is t1["wo"] and tuple(t1["wo"].shape) == (3, 8, 2, 128)
    f32 = {p["arg"]: v.value for p, v in zip(e1["params"], v1) if p["kind"] == "f32"}
    assert f32["qscale"] == pytest.approx(128 ** -0.5 * 1.4426950408889634, rel=1e-6)
    assert f32["cap"] == 0 and not t1["sl"].any() and t1["sl"].shape == (8,)  # neither
    # varlen prefill: sequences of 5, 0 and 40 queries
    calls.clear()
    q = torch.randn(45, 4, 64, dtype=torch.bfloat16)
    k, v = torch.randn(50, 4, 64, dtype=torch.bfloat16), torch.randn(50, 4, 64, dtype=torch.bfloat16)
    cuq = torch.tensor([0, 5, 5, 45], dtype=torch.int32)
    cuk = torch.tensor([0, 10, 10, 50], dtype=torch.int32)
    o, lse = ks.varlen_prefill(q, k, v, cuq, cuk, window=None)
    assert o.shape == q.shape and lse.shape == (45, 4)
    ((n, t, e, g, vals),) = calls
    assert n == "kvcc_cuda_varlen_prefill_bf16_d64"
    assert _check_binding(n, t, e, vals) == {"B": 3, "Hq": 4, "Hk": 4, "TQ": 45, "MQ": 40,
                                             "window": cuda_kernels.NO_WINDOW, "sinks": 0}
    assert g == [2, 4, 3]  # ceil(40 / 32) query blocks per sequence
    # the dense kernels take the mask too
    calls.clear()
    qd = torch.randn(2, 4, 1, 64, **f16)
    kd = torch.randn(2, 4, 300, 64, **f16)
    ks.decode(qd, kd, kd, num_splits=3, window=128, sinks=2)
    ks.prefill(torch.randn(1, 4, 70, 128, **f16), torch.randn(1, 1, 90, 128, **f16),
               torch.randn(1, 1, 90, 128, **f16), window=16)
    (nd, td, ed, gd, vd), _, (npf, tp, ep, gp, vp_) = calls
    assert _check_binding(nd, td, ed, vd) == {"B": 2, "Hk": 4, "L": 300, "NS": 3, "window": 128,
                                              "sinks": 2}
    assert _check_binding(npf, tp, ep, vp_) == {"B": 1, "Hq": 4, "Hk": 1, "S": 70, "L": 90,
                                                "window": 16, "sinks": 0} and gp == [3, 4, 1]


def test_the_launcher_binds_the_quantized_pages(built, monkeypatch):
    import torch

    ks = CudaKernels(built["sm_90"])
    calls = _recording(ks, monkeypatch)
    q = torch.randn(2, 8, 128, dtype=torch.bfloat16)
    codes = torch.randint(0, 2**31 - 1, (5, 16, 2, 16), dtype=torch.int32)
    sc = torch.rand(5, 16, 2, 1, dtype=torch.float16)
    bt, kvl = torch.tensor([[0, 1], [4, 2]], dtype=torch.int32), torch.tensor([20, 3],
                                                                              dtype=torch.int32)
    ks.paged_decode(q, codes, codes, bt, kvl, num_splits=1, kv_format="int4", k_scale=sc,
                    k_zero=sc, v_scale=sc, v_zero=sc)
    (n1, t1, e1, g1, v1), _ = calls
    assert n1 == "kvcc_cuda_paged_decode_bf16_d128_g4_p16_int4"
    assert _check_binding(n1, t1, e1, v1)["MP"] == 2
    assert {"ks", "kz", "vs", "vz"} <= {p["arg"] for p in e1["params"]}
    with pytest.raises(ValueError, match="int4 k codes must be"):
        ks.paged_decode(q, codes[..., :8], codes, bt, kvl, kv_format="int4", k_scale=sc,
                        k_zero=sc, v_scale=sc, v_zero=sc)
    with pytest.raises(ValueError, match="kz must be"):
        ks.paged_decode(q, codes, codes, bt, kvl, kv_format="int4", k_scale=sc, v_scale=sc,
                        v_zero=sc)
    with pytest.raises(ValueError, match="kvcc.quant formats"):
        ks.paged_decode(q, codes, codes, bt, kvl, kv_format="kivi3")
    calls.clear()
    q8 = torch.randn(2, 1, 64, dtype=torch.float16)
    c8 = torch.randn(5, 16, 1, 64).to(torch.float8_e4m3fn)
    with pytest.raises(ValueError, match="has no kz"):
        ks.paged_decode(q8, c8, c8, bt, kvl, kv_format="fp8_e4m3", k_scale=torch.ones(1),
                        k_zero=torch.ones(1), v_scale=torch.ones(1))
    ks.paged_decode(q8, c8, c8, bt, kvl, num_splits=2, kv_format="fp8_e4m3",
                    k_scale=torch.ones(1), v_scale=torch.ones(1))
    (n1, t1, e1, g1, v1), _ = calls
    assert n1 == "kvcc_cuda_paged_decode_fp16_d64_g1_p16_fp8_e4m3" and t1["k"].dtype == torch.uint8
    assert t1["ks"].dtype == torch.float32 and g1 == [2, 1, 2]


def test_the_launcher_binds_the_paged_prefill(built, monkeypatch):
    import torch

    ks = CudaKernels(built["sm_90"])
    calls = _recording(ks, monkeypatch)
    q = torch.randn(45, 8, 128, dtype=torch.bfloat16)
    codes = torch.randint(0, 255, (6, 16, 2, 128), dtype=torch.uint8)
    sc = torch.rand(6, 16, 2, 1, dtype=torch.float16)
    cuq = torch.tensor([0, 5, 45], dtype=torch.int32)
    bt, kvl = torch.tensor([[0, 1, 2], [5, 4, 3]], dtype=torch.int32), torch.tensor(
        [20, 40], dtype=torch.int32)
    o, lse = ks.paged_prefill(q, codes, codes, bt, kvl, cuq, kv_format="int8", k_scale=sc,
                              k_zero=sc, v_scale=sc, v_zero=sc, window=32)
    assert o.shape == q.shape and lse.shape == (45, 8)
    ((n, t, e, g, vals),) = calls
    assert n == "kvcc_cuda_paged_prefill_bf16_d128_p16_int8" and g == [2, 8, 2]
    assert _check_binding(n, t, e, vals) == {"B": 2, "Hq": 8, "Hk": 2, "TQ": 45, "MQ": 40,
                                             "MP": 3, "window": 32, "sinks": 0}
    with pytest.raises(ValueError, match="same sequences"):
        ks.paged_prefill(q, codes, codes, bt[:1], kvl, cuq, kv_format="int8", k_scale=sc,
                         k_zero=sc, v_scale=sc, v_zero=sc)


def test_the_launcher_refuses_what_the_kernels_cannot_take(built):
    import torch

    ks = CudaKernels(built["sm_90"])
    q = torch.zeros(2, 8, 128, dtype=torch.float16)
    kp = torch.zeros(4, 16, 2, 128, dtype=torch.float16)
    bt, kvl = torch.zeros(2, 2, dtype=torch.int32), torch.zeros(2, dtype=torch.int32)
    with pytest.raises(TypeError, match="block_table must be a 2-d int32"):
        ks.paged_decode(q, kp, kp, bt.long(), kvl, num_splits=1)
    with pytest.raises(ValueError, match="one row per sequence"):
        ks.paged_decode(q, kp, kp, bt[:1], kvl, num_splits=1)
    with pytest.raises(KeyError, match="no prebuilt kernel .*_p8"):
        ks.paged_decode(q, kp[:, :8], kp[:, :8], bt, kvl, num_splits=1)
    with pytest.raises(ValueError, match="window must be an int >= 0"):
        ks.paged_decode(q, kp, kp, bt, kvl, num_splits=1, window=-1)
    with pytest.raises(ValueError, match="softcap must be a finite number > 0"):
        ks.paged_decode(q, kp, kp, bt, kvl, num_splits=1, softcap=0.0)
    with pytest.raises(ValueError, match="one slope per query head"):
        ks.paged_decode(q, kp, kp, bt, kvl, num_splits=1, alibi_slopes=[0.5] * 2)
    with pytest.raises(KeyError, match="no value for parameter BT_ptr"):
        ks.arguments("kvcc_cuda_paged_decode_fp16_d128_g4_p16", {}, {}, {})


@pytest.mark.gpu
def test_kernels_match_sdpa_on_a_gpu(built, tmp_path):
    import torch

    if not torch.cuda.is_available():
        pytest.skip("needs a CUDA GPU")
    from benchmarks.tvm_cuda_check import run_checks

    root = tmp_path / "art"
    cuda.export(root, cuda.ARCHS)  # every kernel the check launches
    results = run_checks(CudaKernels.from_dir(root))
    assert all(ok for _, ok, _ in results), results


def _default_source(arch: str) -> str:
    return cuda.cuda_source(cuda_kernel_set.kernel_set(), arch)


@pytest.fixture(scope="module")
def default_sources() -> dict[str, str]:
    """The default kernel set's CUDA source per arch, generated in two processes (TVM's
    parse and lowering hold the GIL)."""
    import concurrent.futures
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(len(cuda.ARCHS), mp_context=ctx) as ex:
        return dict(zip(cuda.ARCHS, ex.map(_default_source, cuda.ARCHS)))


@pytest.mark.slow
@pytest.mark.parametrize("arch", ["sm_80", "sm_90"])
def test_committed_artifacts_are_current(arch, default_sources):
    """benchmarks/tvm_cuda (what the GPU machine, which has no TVM, launches) holds the
    CUDA source the kernels generate today, and a cubin matching its manifest's hash:
    after a kernel change, rebuild it with ``python -m kvcc.codegen.tvm.cuda --out
    benchmarks/tvm_cuda``."""
    d = pathlib.Path(__file__).resolve().parents[1] / "benchmarks" / "tvm_cuda" / arch
    man = cuda.read_check(d)
    kernels = cuda_kernel_set.kernel_set()
    src = default_sources[arch]
    assert src == (d / "kernels.cu").read_text(), "stale: rebuild benchmarks/tvm_cuda"
    assert man["arch"] == arch and set(man["kernels"]) == {k.name for k in kernels}
    # ptxas's report of that very source (the cubin's hash matches): every kernel fits
    for name, k in man["kernels"].items():
        assert k["spill_stores"] == 0 and k["spill_loads"] == 0 and k["stack"] == 0, (name, k)
        assert 0 < k["registers"] <= 255 and k["shared_bytes"] <= 48 * 1024, (name, k)
