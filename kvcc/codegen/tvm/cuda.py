"""CUDA kernels ahead of time: TensorIR -> CUDA source -> cubin, built without a GPU.

kvcc's TVM CUDA kernels (``cuda_kernels.py``: GQA split-KV decode over dense K/V or
pages with its merge, prefill over dense or packed sequences, each with the window
and sinks masks, visiting the key tiles of ``cuda_ranges.py``) are compiled on the
development machine, where apache-tvm and nvcc are, and only loaded on the GPU
machine, which has neither (``cuda_launch.py`` makes the attention calls,
``cuda_driver.py`` loads the cubins through the CUDA driver, with no TVM import).

Build path, per architecture (``sm_80``, ``sm_90``):

1. ``tvm.compile`` of one ``IRModule`` holding every kernel for
   ``{"kind": "cuda", "arch": ...}``, with TVM's common-subexpression pass off
   (``tirx.disable_cse_tir``) so that every kernel parameter is a tensor's data
   pointer or a size or scalar kvcc named; the CUDA source is the imported device
   module's ``inspect_source()``;
2. ``nvcc -cubin -arch=<arch> -O3 -Xptxas -v``: the cubin, and from ptxas's report each
   kernel's registers, spills, stack and static shared memory;
3. a manifest (``manifest.json``) beside ``kernels.cu`` and ``kernels.cubin``: per
   kernel the entry symbol, kind, dtype, head dim, group and page size, parameter order
   and C types (read from the generated signature, and what each one is bound to: a
   tensor's data pointer, an int32 size of :data:`SIZES`, the float ``qscale``), grid
   (per dimension ``ceil(size / divisor)``) and block, shared memory and resource use,
   plus the cubin's sha256 and the tile sizes the launcher needs.

Builds are cached in ``private_cache_dir("tvm-cuda")/<key>`` (``kvcc/codegen/
cachedir.py``), ``key`` a hash of the TVMScript, the arch, the TVM and nvcc versions
and the flags; a build is written to a temporary folder and renamed into place.

Any list of kernels can be built (:func:`build` takes a list of ``KernelDef``: names
must be unique): the default set is :func:`cuda_kernel_set.kernel_set`, and ``kvcc compile
SPEC --backend tvm`` (``kvcc/autotune/tvm_bundle.py``) builds just the kernels a SPEC's
problems launch, through the same path and cache.

The GPU machine needs the artifacts: ``python -m kvcc.codegen.tvm.cuda --out DIR``
writes ``DIR/sm_80`` and ``DIR/sm_90``; commit DIR or carry it to the GPU machine and
point ``benchmarks/tvm_cuda_check.py`` (or ``KVCC_TVM_CUDA_DIR``) at it.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import hashlib
import json
import os
import pathlib
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Sequence

from kvcc.codegen.cachedir import private_cache_dir
from kvcc.codegen.tvm import cuda_kernel_set, cuda_kernels
from kvcc.codegen.tvm.cuda_kernels import KernelDef

ARCHS = ("sm_80", "sm_90")
NVCC_FLAGS = ("-cubin", "-O3", "-Xptxas", "-v", "-diag-suppress", "177")
MANIFEST = "manifest.json"
FILES = ("kernels.cu", "kernels.cubin", MANIFEST)  # one arch's artifact folder
FORMAT = 2
SOURCE_REV = 3  # the post-processing of TVM's source in :func:`cuda_source` (in build keys)
SIZES = ("B", "Hq", "Hk", "S", "L", "NS", "MP", "TQ", "MQ", "window", "sinks",  # int32 parameters
         "n_kq", "n_vq", "KQN", "VQN", "KRN", "VRN",  # dense quantized K/V's counts and rows
         "SW", "MK", "TK")  # scores: the window's rows, the longest key sequence, packed keys
SCALARS = ("qscale", "cap")  # float parameters
_MASK_SIZE = re.compile(r"(?:I[BN]|P[BHN])\d+")  # a compiled-in mask's id and page tensor sizes
_SIG = re.compile(r'extern "C" __global__ void (?:__launch_bounds__\((\d+)(?:, 1)?\) )?(\w+)\(([^)]*)\)\s*\{')


class BuildError(RuntimeError):
    """The CUDA artifacts could not be built (no TVM, no nvcc, a compile error)."""


def cache_dir() -> pathlib.Path:
    return private_cache_dir("tvm-cuda")


def nvcc_path() -> str | None:
    return shutil.which("nvcc") or (
        "/usr/local/cuda/bin/nvcc" if os.access("/usr/local/cuda/bin/nvcc", os.X_OK) else None)


def _nvcc_version(nvcc: str) -> str:
    out = subprocess.run([nvcc, "--version"], capture_output=True, text=True, check=True).stdout
    return out.strip().splitlines()[-1]


def cuda_source(kernels: Sequence[KernelDef], arch: str) -> str:
    """The CUDA C++ TVM generates for ``kernels`` on ``arch``."""
    import tvm

    mod = tvm.script.from_source(cuda_kernels.module_script(list(kernels)))
    target = tvm.target.Target({"kind": "cuda", "arch": arch})
    with tvm.transform.PassContext(config={"tirx.disable_cse_tir": True}):
        exe = tvm.compile(mod, target=target)
    devs = [m for m in exe.mod.imports if "__global__" in m.inspect_source()]
    if len(devs) != 1:
        raise BuildError(f"expected one CUDA device module, found {len(devs)}")
    src = devs[0].inspect_source()
    # Quantized kernels, and every kernel at a head dim outside HEAD_DIMS: one resident
    # block per SM is enough (``__launch_bounds__(N, 1)``). With the thread count alone,
    # ptxas aims at more blocks per SM and, for some of their long dequantizing loads and
    # their index arithmetic by non-powers of two, caps registers low enough to spill.
    for k in kernels:
        if k.kv_format or (k.kind != "merge" and k.head_dim not in cuda_kernels.HEAD_DIMS):
            bound = f"__launch_bounds__({k.block[0]}) {k.name}_kernel("
            if src.count(bound) != 2:  # its prototype and its definition
                raise BuildError(f"{k.name}: TVM's launch bound is not where expected")
            src = src.replace(bound, f"__launch_bounds__({k.block[0]}, 1) {k.name}_kernel(")
    return src


def signatures(src: str) -> dict[str, tuple[int | None, list[tuple[str, str]]]]:
    """Kernel symbol -> (launch bound, [(C type, parameter name)]) from CUDA source."""
    out = {}
    for m in _SIG.finditer(src):
        params = []
        for p in m.group(3).split(","):
            toks = p.replace("__restrict__", "").split()
            params.append((" ".join(toks[:-1]), toks[-1]))
        out[m.group(2)] = (int(m.group(1)) if m.group(1) else None, params)
    return out


def _bind(k: KernelDef, ctype: str, name: str) -> dict:
    """What a kernel parameter is: a tensor's data pointer, an int32 size, a float
    scalar."""
    if ctype.endswith("*"):
        if not name.endswith("_ptr") or name[:-4].lower() not in k.tensors:
            raise BuildError(f"{k.name}: unexpected pointer parameter {name}")
        return {"name": name, "ctype": ctype, "kind": "ptr", "arg": name[:-4].lower()}
    if ctype == "int" and (name in SIZES or (k.mask and _MASK_SIZE.fullmatch(name))):
        return {"name": name, "ctype": ctype, "kind": "i32", "arg": name}
    if ctype == "float" and name in SCALARS:
        return {"name": name, "ctype": ctype, "kind": "f32", "arg": name}
    raise BuildError(f"{k.name}: unexpected parameter {ctype} {name} (a size TVM derived?)")


def ptxas_report(log: str) -> dict[str, dict[str, int]]:
    """Per entry symbol: registers, spill stores/loads, stack and static shared bytes."""
    out: dict[str, dict[str, int]] = {}
    cur = None
    for line in log.splitlines():
        m = re.search(r"Compiling entry function '(\w+)'", line)
        if m:
            cur = out.setdefault(m.group(1), {"registers": 0, "spill_stores": 0, "spill_loads": 0,
                                               "stack": 0, "shared_bytes": 0})
            continue
        if cur is None:
            continue
        m = re.search(r"(\d+) bytes stack frame, (\d+) bytes spill stores, (\d+) bytes spill loads", line)
        if m:
            cur["stack"], cur["spill_stores"], cur["spill_loads"] = map(int, m.groups())
        m = re.search(r"Used (\d+) registers", line)
        if m:
            cur["registers"] = int(m.group(1))
            s = re.search(r"(\d+) bytes smem", line)
            cur["shared_bytes"] = int(s.group(1)) if s else 0
    return out


def build_key(kernels: Sequence[KernelDef], arch: str, nvcc: str) -> str:
    import tvm

    text = "\n".join([cuda_kernels.module_script(list(kernels)), arch, tvm.__version__,
                      _nvcc_version(nvcc), " ".join(NVCC_FLAGS), str(FORMAT), str(SOURCE_REV)])
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def build(arch: str, kernels: Sequence[KernelDef] | None = None, use_cache: bool = True,
          on_step: Callable[[str], None] | None = None) -> pathlib.Path:
    """The folder of ``arch``'s artifacts (``kernels.cu``, ``kernels.cubin``,
    ``manifest.json``) for ``kernels`` (default: :func:`cuda_kernel_set.kernel_set`): from
    the cache, else built now and stored. ``on_step(name)`` is called as each step
    finishes: ``"cuda source"``, ``"nvcc"``, ``"manifest"``, or only ``"cached"``."""
    if arch not in ARCHS:
        raise ValueError(f"arch must be one of {ARCHS}, not {arch!r}")
    kernels = list(kernels) if kernels is not None else cuda_kernel_set.kernel_set()
    if not kernels:
        raise ValueError("no kernels to build")
    names = [k.name for k in kernels]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        raise ValueError(f"kernel names must be unique; given more than once: {', '.join(dup)}")
    step = on_step or (lambda name: None)
    nvcc = nvcc_path()
    if nvcc is None:
        raise BuildError("nvcc is not on PATH (nor /usr/local/cuda/bin): cannot build cubins")
    try:
        import tvm  # noqa: F401
    except ImportError as e:
        raise BuildError(f"apache-tvm is needed to generate the CUDA source ({e})") from e
    root = cache_dir()
    final = root / f"{arch}-{build_key(kernels, arch, nvcc)}"
    if use_cache and (final / MANIFEST).is_file():
        try:
            read_check(final)
            step("cached")
            return final
        except (OSError, ValueError):
            shutil.rmtree(final, ignore_errors=True)  # damaged: rebuilt, never loaded
    tmp = pathlib.Path(tempfile.mkdtemp(dir=root, prefix=".tmp-"))
    try:
        _build_into(tmp, arch, kernels, nvcc, step)
        if final.exists():
            shutil.rmtree(final, ignore_errors=True)
        try:
            os.replace(tmp, final)
        except OSError:  # another process put the same build in place first
            if not (final / MANIFEST).is_file():
                raise
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return final


def _build_into(d: pathlib.Path, arch: str, kernels: list[KernelDef], nvcc: str,
                step: Callable[[str], None]) -> None:
    import tvm

    src = cuda_source(kernels, arch)
    (d / "kernels.cu").write_text(src)
    step("cuda source")
    proc = subprocess.run([nvcc, *NVCC_FLAGS, f"-arch={arch}", "-o", str(d / "kernels.cubin"),
                           str(d / "kernels.cu")], capture_output=True, text=True)
    if proc.returncode != 0:
        raise BuildError(f"nvcc failed for {arch}:\n{proc.stderr[-4000:]}")
    step("nvcc")
    report = ptxas_report(proc.stdout + proc.stderr)
    sigs = signatures(src)
    cubin = (d / "kernels.cubin").read_bytes()
    entries = {}
    for k in kernels:
        sym = f"{k.name}_kernel"
        if sym not in sigs:
            raise BuildError(f"{sym} is not in the generated CUDA source")
        bound, params = sigs[sym]
        if bound is not None and bound != k.block[0]:
            raise BuildError(f"{sym}: launch bound {bound}, block {k.block}")
        res = report.get(sym)
        if res is None:
            raise BuildError(f"ptxas reported nothing for {sym}")
        entries[k.name] = {
            "entry": sym, "kind": k.kind, "dtype": k.dtype, "head_dim": k.head_dim,
            "group": k.group, "page_size": k.page_size, "block": list(k.block),
            "grid": [list(g) for g in k.grid],
            "params": [_bind(k, t, n) for t, n in params], "dynamic_shared_bytes": 0, **res,
            **({"mask": k.mask} if k.mask else {}),
            **({"block_n": k.block_n} if k.block_n else {}),
        }
    manifest = {
        "format": FORMAT, "arch": arch, "source": "kernels.cu", "cubin": "kernels.cubin",
        "cubin_sha256": hashlib.sha256(cubin).hexdigest(), "tvm": tvm.__version__,
        "nvcc": _nvcc_version(nvcc), "nvcc_flags": [*NVCC_FLAGS, f"-arch={arch}"],
        "decode_block_n": cuda_kernels.DEC_BN, "prefill_block_m": cuda_kernels.PRE_BM,
        "prefill_block_n": cuda_kernels.PRE_BN, "no_window": cuda_kernels.NO_WINDOW,
        "kernels": entries,
    }
    (d / MANIFEST).write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n")
    step("manifest")


def read_check(d: pathlib.Path) -> dict:
    """The manifest of an artifact folder, after checking the cubin's hash."""
    man = json.loads((d / MANIFEST).read_text())
    if man.get("format") != FORMAT:
        raise ValueError(f"{d}: manifest format {man.get('format')}, expected {FORMAT}")
    if hashlib.sha256((d / man["cubin"]).read_bytes()).hexdigest() != man["cubin_sha256"]:
        raise ValueError(f"{d}: the cubin does not match its manifest's hash")
    return man


def build_all(archs: Sequence[str] = ARCHS, kernels: Sequence[KernelDef] | None = None,
              use_cache: bool = True) -> dict[str, pathlib.Path]:
    """Every arch's artifacts, the nvcc runs in parallel."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(archs)) as ex:
        futs = {a: ex.submit(build, a, kernels, use_cache) for a in archs}
        return {a: f.result() for a, f in futs.items()}


def copy_artifacts(src: pathlib.Path, dst: pathlib.Path) -> None:
    """Copy one arch's artifact files (:data:`FILES`) from ``src`` into the folder ``dst``."""
    for name in FILES:
        shutil.copyfile(src / name, dst / name)


def export(out: pathlib.Path, archs: Sequence[str] = ARCHS,
           kernels: Sequence[KernelDef] | None = None) -> dict[str, pathlib.Path]:
    """Copy the artifacts of ``archs`` to ``out/<arch>/`` (for the GPU machine)."""
    built = build_all(archs, kernels)
    out.mkdir(parents=True, exist_ok=True)
    res = {}
    for arch, src in built.items():
        dst = out / arch
        tmp = pathlib.Path(tempfile.mkdtemp(dir=out, prefix=f".tmp-{arch}-"))
        try:
            copy_artifacts(src, tmp)
            tmp.chmod(0o755)
            if dst.exists():
                shutil.rmtree(dst)
            os.replace(tmp, dst)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        res[arch] = dst
    return res


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m kvcc.codegen.tvm.cuda",
                                 description="Build kvcc's TVM CUDA kernels ahead of time.")
    ap.add_argument("--out", type=pathlib.Path, required=True, help="folder for <arch>/ artifacts")
    ap.add_argument("--arch", action="append", choices=ARCHS, help="default: all")
    args = ap.parse_args(argv)
    for arch, d in export(args.out, args.arch or ARCHS).items():
        man = json.loads((d / MANIFEST).read_text())
        print(f"{arch}: {d} ({len(man['kernels'])} kernels)")
        for name, k in sorted(man["kernels"].items()):
            print(f"  {name}: {k['registers']} regs, {k['shared_bytes']} B smem, "
                  f"spills {k['spill_stores']}/{k['spill_loads']} B")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
