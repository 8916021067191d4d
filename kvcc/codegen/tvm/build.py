"""Build generated TVMScript for this CPU: compile, cache on disk, load.

Kernels compile with ``tvm.compile`` for ``llvm`` with the host's ``-mcpu`` (its SIMD
width decides the spec's ``vec``). Builds are cached in memory and in a directory
only the user can read (``$KVCC_CACHE_DIR/tvm``, else ``$XDG_CACHE_HOME/kvcc/tvm``,
else ``~/.cache/kvcc/tvm``), as shared libraries named by the build key (a hash of the
source, the target and the TVM version) and by the hash of their own bytes, written
to a temporary file and renamed into place. A library whose bytes no longer match its
name is deleted and rebuilt, never loaded; the source is kept beside it for reading.

TVM's thread pool starts at the first parallel launch with ``TVM_NUM_THREADS``
threads (by default half the hardware threads on x86): unless the user set it, kvcc
sets it to the cores this process may run on before that launch.
"""

from __future__ import annotations

import hashlib
import os
import pathlib
import tempfile
import threading
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from kvcc.codegen.cachedir import private_cache_dir
from kvcc.codegen.tvm.emit import emit, kernel_name
from kvcc.codegen.tvm.spec import TvmSpec

_LOCK = threading.Lock()
_LOADED: dict[str, Kernel] = {}


@dataclass(frozen=True)
class Kernel:
    """A built kernel: the callable (torch tensors and scalars in, results written in
    place), its name, source, and where it came from (``compiled`` or ``disk``)."""

    fn: Callable
    name: str
    source: str
    origin: str
    path: pathlib.Path | None
    module: object = None  # the runtime module the function lives in (kept loaded)


def cache_dir() -> pathlib.Path:
    """The TVM build cache (``kvcc/codegen/cachedir.py``), mode 0700."""
    return private_cache_dir("tvm")


@lru_cache(maxsize=1)
def target():
    """The llvm target of this machine's CPU."""
    import tvm

    return tvm.target.Target({"kind": "llvm",
                              "mcpu": tvm.target.codegen.llvm_get_system_cpu()})


@lru_cache(maxsize=1)
def simd_lanes() -> int:
    """float32 lanes of the host's widest vector unit: 16 (AVX-512), 8 (AVX2), else 4."""
    import tvm

    has = tvm.target.codegen.llvm_cpu_has_features
    if has(["avx512f"], target()):
        return 16
    return 8 if has(["avx2"], target()) else 4


def cores() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def build_key(spec: TvmSpec) -> str:
    """What a build depends on: the source, the target, the TVM version."""
    import tvm

    text = f"{emit(spec)}\n{target()}\n{tvm.__version__}\n"
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def load(spec: TvmSpec, use_disk: bool = True) -> Kernel:
    """The built kernel of ``spec``: from memory, else from the disk cache, else
    compiled now (and stored)."""
    key = build_key(spec)
    with _LOCK:
        hit = _LOADED.get(key)
        if hit is None:
            hit = _build(spec, key, use_disk)
            _LOADED[key] = hit
        return hit


def forget() -> None:
    """Drop the in-memory builds (the next load reads the disk cache); for tests."""
    with _LOCK:
        _LOADED.clear()


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:32]


def _build(spec: TvmSpec, key: str, use_disk: bool) -> Kernel:
    import tvm

    os.environ.setdefault("TVM_NUM_THREADS", str(cores()))
    name, src = kernel_name(spec), emit(spec)
    d = cache_dir() if use_disk else None
    if d is not None:
        for path in sorted(d.glob(f"{name}_{key}_*.so")):
            try:
                ok = _digest(path.read_bytes()) == path.stem.rsplit("_", 1)[1]
            except OSError:
                ok = False
            if ok:
                lib = tvm.runtime.load_module(str(path))
                return Kernel(lib[name], name, src, "disk", path, lib)
            path.unlink(missing_ok=True)  # tampered or truncated: never loaded
    mod = tvm.compile(tvm.script.from_source(src), target())
    if d is None:
        lib = mod.jit()
        return Kernel(lib[name], name, src, "compiled", None, lib)
    _write_atomic(d / f"{name}_{key}.py", src.encode())
    fd, tmp = tempfile.mkstemp(dir=d, prefix=".tmp-", suffix=".so")
    os.close(fd)
    try:
        mod.export_library(tmp)  # links with the system's C compiler
        data = pathlib.Path(tmp).read_bytes()
        path = d / f"{name}_{key}_{_digest(data)}.so"
        os.replace(tmp, path)
    except Exception as e:  # no C compiler, a full disk: run from memory, cache nothing
        pathlib.Path(tmp).unlink(missing_ok=True)
        warnings.warn(f"kvcc could not store the TVM kernel {name} in {d} ({e}); it runs "
                      "from memory and is compiled again in the next process", stacklevel=3)
        lib = mod.jit()
        return Kernel(lib[name], name, src, "compiled", None, lib)
    except BaseException:
        pathlib.Path(tmp).unlink(missing_ok=True)
        raise
    lib = tvm.runtime.load_module(str(path))
    return Kernel(lib[name], name, src, "compiled", path, lib)


def _write_atomic(path: pathlib.Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except BaseException:
        pathlib.Path(tmp).unlink(missing_ok=True)
        raise
