"""Build generated Triton source: a private on-disk cache, JIT loading, and AOT
compilation for GPUs this machine does not have.

Generated files are named by the hash of their content and written atomically
(temporary file + rename) into a directory only the user can read. A file
whose content no longer matches its name is rewritten, never loaded.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from types import ModuleType

from kvcc.codegen.cachedir import private_cache_dir
from kvcc.codegen.triton import append, kvload, quant_append
from kvcc.codegen.triton.append import AppendSpec
from kvcc.codegen.triton.emit import (
    CONSTEXPRS,
    PARAMS,
    alt_params,
    emit,
    kernel_name,
    score_params,
)
from kvcc.codegen.triton.mask_emit import emit_mask
from kvcc.codegen.triton.quant_append import QuantAppendSpec
from kvcc.codegen.triton.sass import StaticProfile, cuobjdump, profile
from kvcc.codegen.triton.spec import KernelSpec, mask_of

_LOCK = threading.Lock()
_LOADED: dict[tuple[str, str], ModuleType] = {}


def cache_dir() -> pathlib.Path:
    """The Triton build cache: ``$KVCC_CACHE_DIR``, else ``$XDG_CACHE_HOME/kvcc``, else
    ``~/.cache/kvcc``, then ``triton/``; mode 0700 (``kvcc/codegen/cachedir.py``)."""
    return private_cache_dir("triton")


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:32]


Spec = KernelSpec | AppendSpec | QuantAppendSpec  # the kernel kinds this backend generates
# the cache-write kernels: spec type -> (module with kernel_name, signature, constexprs and
# divisibility; its emitter)
_WRITERS = {AppendSpec: (append, append.emit_append),
            QuantAppendSpec: (quant_append, quant_append.emit_quant_append)}


def source_of(spec: Spec) -> str:
    """The generated source of any kernel kind."""
    w = _WRITERS.get(type(spec))
    return w[1](spec) if w else emit(spec)


def name_of(spec: Spec) -> str:
    """The (main) kernel's name in its source."""
    w = _WRITERS.get(type(spec))
    return w[0].kernel_name(spec) if w else kernel_name(spec)


def spec_from_text(text: str) -> Spec:
    """Inverse of ``spec.text()`` for every kernel kind."""
    if text.startswith("kind = append"):
        return AppendSpec.from_text(text)
    if text.startswith("kind = quant_append"):
        return QuantAppendSpec.from_text(text)
    return KernelSpec.from_text(text)


def write_source(spec: Spec) -> pathlib.Path:
    """The generated source on disk (written if missing or corrupt)."""
    src = source_of(spec)
    path = cache_dir() / f"{name_of(spec)}_{_digest(src)}.py"
    if path.exists():
        try:
            if _digest(path.read_text()) == _digest(src):
                return path
        except (OSError, UnicodeDecodeError):
            pass  # unreadable: rewrite below
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".py")
    try:
        with os.fdopen(fd, "w") as f:
            f.write(src)
        os.replace(tmp, path)
    except BaseException:
        pathlib.Path(tmp).unlink(missing_ok=True)
        raise
    return path


def load(spec: Spec, mode: str = "jit") -> ModuleType:
    """Import the generated module. ``mode``: ``jit`` (``triton.jit``, the interpreter
    when TRITON_INTERPRET=1) or ``aot`` (plain JITFunctions for ``triton.compile``)."""
    import triton
    from triton.runtime.jit import JITFunction

    with _LOCK:
        key = (spec.key(), mode)
        if key in _LOADED:
            return _LOADED[key]
        path = write_source(spec)
        name = f"kvcc_generated.{path.stem}_{mode}"
        mspec = importlib.util.spec_from_file_location(name, path)
        module = importlib.util.module_from_spec(mspec)
        module.jit = triton.jit if mode == "jit" else JITFunction  # type: ignore[attr-defined]
        sys.modules[name] = module
        mspec.loader.exec_module(module)  # type: ignore[union-attr]
        _LOADED[key] = module
        return module


# ------------------------------------------------------------------ AOT


_PTR = {"f16": "*fp16", "bf16": "*bf16", "f32": "*fp32"}


def signature(spec: KernelSpec) -> dict[str, str]:
    """Triton signature of the kernel's parameters (constexprs included)."""
    sig: dict[str, str] = {}
    dt = _PTR[spec.dtype][1:]
    for p in PARAMS:
        if p in ("K", "V") and spec.kv_code:  # quantized: the codes' storage type
            sig[p] = "*i32" if spec.kv_packed else "*u8"  # fp8 codes travel as bytes
        elif p in descriptors(spec):
            rows, width = descriptors(spec)[p]
            pdt = _PTR[spec.out_dtype][1:] if p == "O" else dt
            sig[p] = f"tensordesc<{pdt}[1, 1, {rows}, {width}]>"
        elif p in ("Q", "K", "V"):
            sig[p] = _PTR[spec.dtype]
        elif p == "O":
            sig[p] = _PTR[spec.out_dtype]
        elif p in ("LSE", "OPART", "LPART", "SLOPES"):
            sig[p] = "*fp32"
        elif p in ("CU_Q", "CU_K", "BT", "KVL"):
            sig[p] = "*i32"
        elif p in ("sm_scale", "softcap"):
            sig[p] = "fp32"
        elif p.startswith("stride") or p == "rows_pad":
            sig[p] = "i64"
        else:
            sig[p] = "i32"
    for param in emit_mask(mask_of(spec)).params:
        sig[param.name] = param.type
    for name, ty in kvload.params(spec) + score_params(spec) + alt_params(spec):
        sig[name] = ty
    for c in CONSTEXPRS:
        sig[c] = "constexpr"
    return sig


def descriptors(spec: KernelSpec) -> dict[str, tuple[int, int]]:
    """The parameters passed as TMA descriptors over ``[B, H, S, D]``, with their box's
    rows and width (the box is ``[1, 1, rows, width]``)."""
    if not spec.tma:
        return {}
    out = {"K": (spec.block_n, spec.block_d), "V": (spec.block_n, spec.block_dv)}
    if spec.tma_qo:
        out |= {"Q": (spec.block_m, spec.block_d), "O": (spec.block_m, spec.block_dv)}
    return out


def divisibility(spec: KernelSpec) -> dict[tuple[int], list]:
    """The alignment facts the JIT infers for typical calls (pointers, and strides when
    the head dims are multiples of 16), so AOT register and spill counts match it."""
    names = list(signature(spec))
    aligned = [n for n in ("Q", "K", "V", "O", "LSE", "OPART", "LPART", "K2", "V2") if n in names
               and n not in descriptors(spec)]
    if spec.head_dim % 16 == 0 and spec.head_dim_v % 16 == 0:
        aligned += [n for n in names if n.startswith("stride_") and n[-1] in "bsh"
                    and not n.startswith("stride_l")
                    and n not in ("stride_bt", "stride_bth", "stride_klb")  # widths, counts
                    # quantized rows: aligned when a row of codes is (as the JIT infers)
                    and not (spec.kv_code and n[7] in "kv" and _code_row(spec) % 16)
                    # scale strides: the per-token one is often 1 (the JIT specializes it)
                    and not (spec.kv_code and n[7:9] in ("ks", "vs"))]
    return {(names.index(n),): [["tt.divisibility", 16]] for n in aligned}


def _code_row(spec: KernelSpec) -> int:
    """Elements in one stored row of quantized K codes (bytes, or int32 words)."""
    if not spec.kv_packed:
        return spec.head_dim
    bits = 4 if spec.kv_hier else {"u4": 4, "u2": 2, "u8": 8}[spec.kv_code]
    return spec.head_dim * bits // 32 * (2 if spec.kv_hier else 1)


def constexprs(spec: KernelSpec) -> dict[str, int]:
    return {"BLOCK_M": spec.block_m, "BLOCK_N": spec.block_n, "BLOCK_D": spec.block_d,
            "BLOCK_DV": spec.block_dv}


@dataclass(frozen=True)
class AOTKernel:
    """A kernel compiled for one GPU architecture without a GPU."""

    name: str
    arch: int
    cubin: bytes
    ptx: str
    shared: int  # bytes of shared memory per program
    registers: int | None  # per thread, from cuobjdump when available
    num_warps: int
    stack: int | None = None  # bytes of local memory per thread (register spills)
    profile: StaticProfile | None = None  # what the SASS says (None without cuobjdump)


def compile_aot(spec: Spec, arch: int, function: str | None = None) -> AOTKernel:
    """Compile the spec's kernel (or its ``_merge``) for ``sm_<arch>`` (80, 90...)."""
    return compile_aot_many([(spec, arch, function)])[0]


def compile_aot_many(jobs: list[tuple[Spec, int, str | None]],
                     workers: int | None = None, python: str | None = None) -> list[AOTKernel]:
    """Compile several kernels, in ``workers`` child processes (default: one per core,
    at most 4). Children run without TRITON_INTERPRET: interpreted Triton functions
    cannot be compiled, and compiling is CPU-bound anyway. ``python``: another
    interpreter to compile with (e.g. one with an older Triton), given kvcc's source."""
    workers = max(1, min(workers or min(4, os.cpu_count() or 1), len(jobs)))
    env = {k: v for k, v in os.environ.items() if k != "TRITON_INTERPRET"}
    if python is not None:
        root = str(pathlib.Path(__file__).resolve().parents[3])
        env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
    shares = [jobs[i::workers] for i in range(workers)]
    procs = []
    for share in shares:
        payload = json.dumps([{"spec": s.text(), "arch": a, "function": f} for s, a, f in share])
        p = subprocess.Popen([python or sys.executable, "-m", "kvcc.codegen.triton.aot"],
                             stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
        procs.append((p, payload))
    results: list[list[AOTKernel]] = []
    errors = []
    for p, payload in procs:
        out, err = p.communicate(payload)
        if p.returncode != 0:
            errors.append(err[-4000:])
            results.append([])
            continue
        results.append([AOTKernel(d["name"], d["arch"], base64.b64decode(d["cubin"]), d["ptx"],
                                  d["shared"], d["registers"], d["num_warps"], d.get("stack"),
                                  StaticProfile(**d["profile"]) if d.get("profile") else None)
                        for d in json.loads(out)])
    if errors:
        raise RuntimeError("AOT compilation failed:\n" + "\n".join(errors))
    ordered: list[AOTKernel] = []
    for i in range(len(jobs)):
        ordered.append(results[i % workers][i // workers])
    return ordered


def _compile_here(spec: Spec, arch: int, function: str | None) -> AOTKernel:
    import triton
    from triton.backends.compiler import GPUTarget
    from triton.compiler import ASTSource

    module = load(spec, "aot")
    fn_name = function or name_of(spec)
    w = _WRITERS.get(type(spec))
    if w:
        src = ASTSource(getattr(module, fn_name), w[0].signature(spec), w[0].constexprs(spec),
                        attrs=w[0].divisibility(spec))
    else:
        src = ASTSource(getattr(module, fn_name), signature(spec), constexprs(spec),
                        attrs=divisibility(spec))
    options = {"num_warps": spec.num_warps, "num_stages": spec.num_stages}
    if isinstance(spec, QuantAppendSpec):  # the reference's rounding: no fused multiply-adds
        options["enable_fp_fusion"] = False
    k = triton.compile(src, target=GPUTarget("cuda", arch, 32), options=options)
    cubin = k.asm["cubin"]
    regs, stack = _resources(cubin)
    shared = int(k.metadata.shared)
    try:
        prof = profile(fn_name, arch, cubin, spec.num_warps, shared, regs, stack)
    except (FileNotFoundError, subprocess.CalledProcessError):
        prof = None
    return AOTKernel(fn_name, arch, cubin, k.asm["ptx"], shared, regs, spec.num_warps, stack,
                     prof)


def _resources(cubin: bytes) -> tuple[int | None, int | None]:
    """Registers and stack bytes per thread, read with the cuobjdump shipped with Triton."""
    try:
        exe = cuobjdump()
    except FileNotFoundError:
        return None, None
    with tempfile.NamedTemporaryFile(suffix=".cubin") as f:
        f.write(cubin)
        f.flush()
        r = subprocess.run([exe, "--dump-resource-usage", f.name], capture_output=True, text=True)
    reg, stack = re.search(r"REG:(\d+)", r.stdout), re.search(r"STACK:(\d+)", r.stdout)
    return (int(reg.group(1)) if reg else None, int(stack.group(1)) if stack else None)


# Shared memory per block (opt-in maximum) by architecture, bytes.
MAX_SHARED = {80: 163 * 1024, 86: 99 * 1024, 89: 99 * 1024, 90: 227 * 1024}
