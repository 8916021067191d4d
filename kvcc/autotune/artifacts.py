"""Prebuilt kernels: the artifact directories ``kvcc compile`` writes, and launching their
cubins without compiling.

A directory holds ``manifest.json`` and, per kernel, its cubin, PTX, Triton's metadata
JSON and the generated source::

    {"kvcc_artifacts": 1, "kvcc": "0.1.0", "triton": "3.6.0", "torch": "2.11.0",
     "target": {"backend": "cuda", "arch": 90}, "created": "...", "spec_file": "...",
     "spec_sha256": "...",
     "kernels": [{"function": "kvcc_attn_<key>", "spec_key": "<key>", "spec": "<text>",
                  "role": "main" | "merge", "num_warps": 4, "num_stages": 2,
                  "shared": 20480, "registers": 64, "spill": 0, "triton_hash": "...",
                  "signature": {...}, "constexprs": {...}, "divisibility": [0, 1, ...],
                  "files": {"cubin": "...", "ptx": "...", "metadata": "...", "source": "..."},
                  "sha256": {"cubin": "...", ...}, "problems": ["decode B=8 q=1 kv=4096"]}]}

:func:`load_artifacts` (``kvcc.load_artifacts``; or ``$KVCC_ARTIFACTS``, directories
separated by ``os.pathsep``, read at the first launch) checks a directory before it
registers anything: the manifest is JSON of this schema, the Triton that built it is
the one running, and per kernel the files' SHA-256 match, the spec's text has its key,
kvcc still emits the same source for it (same hash) with the same signature. A
directory or kernel that fails gives one warning naming it and why, and those kernels
compile at first use as usual (JIT). Nothing from an artifact is executed: the
manifest and metadata are JSON, the source kvcc runs is the one it generates itself
(checked against the artifact's hash), and the cubin is handed to the CUDA driver.

At launch, :func:`kernel_for` gives the prebuilt kernel of a spec (else the JIT
function), on a GPU whose architecture is the artifact's. A prebuilt kernel checks
each call against what it was compiled for (constexprs, warps, stages, 16-byte
alignment of the pointers and strides it assumes) and hands any call that differs to
the JIT function.
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import threading
import warnings
from dataclasses import dataclass, field

from kvcc.codegen.triton.spec import KernelSpec

MARK = "kvcc_artifacts"
SCHEMA = 1
ENV = "KVCC_ARTIFACTS"


class ArtifactWarning(UserWarning):
    """Prebuilt kernels that cannot be used (they compile at first use instead)."""


@dataclass(frozen=True)
class ArtifactKernel:
    """One registered prebuilt kernel."""

    directory: pathlib.Path
    spec: KernelSpec
    function: str
    arch: int
    triton_hash: str
    cubin: pathlib.Path
    metadata: pathlib.Path
    divisibility: tuple[int, ...]


@dataclass
class Loaded:
    """What :func:`load_artifacts` registered from a directory, and what it skipped."""

    directory: pathlib.Path
    kernels: list[ArtifactKernel] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    error: str | None = None


_LOCK = threading.Lock()
_REGISTRY: dict[tuple[str, str], ArtifactKernel] = {}
_PREBUILT: dict[tuple[str, str], object] = {}
_WARNED: set[str] = set()
_ENV_READ = False


def _warn(key: str, message: str) -> None:
    if key in _WARNED:
        return
    _WARNED.add(key)
    warnings.warn(message, ArtifactWarning, stacklevel=3)


def sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_manifest(directory: str | pathlib.Path) -> dict:
    """The manifest of an artifact directory; ``ValueError`` saying what is wrong."""
    d = pathlib.Path(directory)
    try:
        data = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"no manifest.json in {d} (not a kvcc compile output)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"{d}/manifest.json is corrupt ({e})") from None
    if not isinstance(data, dict) or not isinstance(data.get(MARK), int):
        raise ValueError(f"{d}/manifest.json is not a kvcc artifact manifest")
    if data[MARK] > SCHEMA:
        raise ValueError(f"{d}/manifest.json has schema {data[MARK]}, newer than this kvcc's "
                         f"{SCHEMA}")
    if not isinstance(data.get("kernels"), list) or not isinstance(data.get("target"), dict):
        raise ValueError(f"{d}/manifest.json lacks its kernels or target")
    return data


def check_kernel(d: pathlib.Path, k: dict, arch: int) -> ArtifactKernel:
    """One manifest entry, verified against its files and this kvcc; ``ValueError`` with
    the mismatch."""
    from kvcc.codegen.triton import build

    if not isinstance(k, dict):
        raise ValueError("a kernel entry is not an object")
    fn, text = k.get("function"), k.get("spec")
    files, sums = k.get("files"), k.get("sha256")
    if not (isinstance(fn, str) and isinstance(text, str) and isinstance(files, dict)
            and isinstance(sums, dict)):
        raise ValueError("a kernel entry lacks function, spec, files or sha256")
    spec = KernelSpec.from_text(text)
    if spec.key() != k.get("spec_key"):
        raise ValueError(f"{fn}: the spec's text does not hash to its key")
    for kind in ("cubin", "metadata", "source"):
        name = files.get(kind)
        if not isinstance(name, str) or "/" in name or name.startswith("."):
            raise ValueError(f"{fn}: bad {kind} file name {name!r}")
        path = d / name
        if not path.is_file():
            raise ValueError(f"{fn}: {name} is missing")
        if sha256(path) != sums.get(kind):
            raise ValueError(f"{fn}: {name} does not match its SHA-256 (changed or truncated)")
    src = build.source_of(spec)
    if hashlib.sha256(src.encode()).hexdigest() != sums.get("source"):
        raise ValueError(f"{fn}: this kvcc generates different source for the spec (built by "
                         "another kvcc version)")
    if k.get("signature") != build.signature(spec) or \
            k.get("constexprs") != build.constexprs(spec):
        raise ValueError(f"{fn}: the kernel's signature differs from this kvcc's")
    div = sorted(i for (i,) in build.divisibility(spec))
    if k.get("divisibility") != div:
        raise ValueError(f"{fn}: the kernel's alignment assumptions differ from this kvcc's")
    meta = json.loads((d / files["metadata"]).read_text(encoding="utf-8"))
    if meta.get("name") != fn or (meta.get("target") or {}).get("arch") != arch:
        raise ValueError(f"{fn}: Triton's metadata names another kernel or architecture")
    if (d / files["cubin"]).read_bytes()[:4] != b"\x7fELF":
        raise ValueError(f"{fn}: the cubin is not an ELF file")
    return ArtifactKernel(d, spec, fn, arch, str(k.get("triton_hash", "")), d / files["cubin"],
                          d / files["metadata"], tuple(div))


def load_artifacts(*directories: str | os.PathLike) -> list[Loaded]:
    """Register the prebuilt kernels of ``kvcc compile`` output directories: a spec with
    one launches its cubin instead of compiling (on a GPU of the artifact's
    architecture). Later directories override earlier ones. Returns what was
    registered and skipped per directory; problems give one warning each."""
    from kvcc.autotune.device import triton_version

    out = []
    running = triton_version()
    for directory in directories:
        d = pathlib.Path(directory).resolve()
        res = Loaded(d)
        out.append(res)
        try:
            m = read_manifest(d)
        except ValueError as e:
            res.error = str(e)
            _warn(f"{d}:manifest", f"prebuilt kernels in {d} are not used: {e}; kernels "
                  "compile at first use")
            continue
        if m.get("triton") != running:
            res.error = (f"built with triton {m.get('triton')}, this is triton {running}")
            _warn(f"{d}:triton", f"prebuilt kernels in {d} are not used: {res.error}; kernels "
                  "compile at first use")
            continue
        arch = m["target"].get("arch")
        if m["target"].get("backend") != "cuda" or not isinstance(arch, int):
            res.error = f"unknown target {m['target']!r}"
            _warn(f"{d}:target", f"prebuilt kernels in {d} are not used: {res.error}")
            continue
        for k in m["kernels"]:
            try:
                res.kernels.append(check_kernel(d, k, arch))
            except (ValueError, KeyError, TypeError, OSError) as e:
                res.skipped.append(str(e))
        if res.skipped:
            _warn(f"{d}:kernels", f"{len(res.skipped)} of {len(m['kernels'])} prebuilt kernels "
                  f"in {d} do not match and compile at first use instead (first: "
                  f"{res.skipped[0]})")
        with _LOCK:
            for a in res.kernels:
                _REGISTRY[(a.spec.key(), a.function)] = a
                _PREBUILT.pop((a.spec.key(), a.function), None)
    return out


def registered(spec: KernelSpec, function: str | None = None) -> ArtifactKernel | None:
    """The registered artifact of ``spec``'s kernel (or its ``function``), if any."""
    _read_env()
    if not _REGISTRY:
        return None
    if function is None:
        from kvcc.codegen.triton.emit import kernel_name

        function = kernel_name(spec)
    return _REGISTRY.get((spec.key(), function))


def clear() -> None:
    """Forget every registered artifact (and re-read ``$KVCC_ARTIFACTS`` on next use)."""
    global _ENV_READ
    with _LOCK:
        _REGISTRY.clear()
        _PREBUILT.clear()
        _ENV_READ = False


def _read_env() -> None:
    global _ENV_READ
    if _ENV_READ:
        return
    _ENV_READ = True
    dirs = [p for p in os.environ.get(ENV, "").split(os.pathsep) if p.strip()]
    if dirs:
        load_artifacts(*dirs)


def kernel_for(spec: KernelSpec, function: str, jit, device=None):
    """What a launch should call for ``spec``'s ``function``: its prebuilt kernel when one
    is registered and runs on ``device`` (a CUDA ``torch.device``), else ``jit`` (the
    generated module's JIT function). Both are indexed by the grid and called with the
    launcher's arguments: ``kernel[grid](*args, **meta)``."""
    if device is None or getattr(device, "type", None) != "cuda" \
            or os.environ.get("TRITON_INTERPRET") == "1":
        return jit
    art = registered(spec, function)
    if art is None:
        return jit
    key = (spec.key(), function)
    pre = _PREBUILT.get(key)
    if pre is None:
        from kvcc.autotune.device import cuda_device

        have = cuda_device(device.index if device.index is not None else _current()).arch
        if have != art.arch:
            _warn(f"{art.directory}:arch{have}", f"prebuilt kernels in {art.directory} are for "
                  f"sm_{art.arch}; this GPU is sm_{have}: they compile at first use instead")
            return jit
        from kvcc.autotune.prebuilt import PrebuiltKernel

        pre = _PREBUILT.setdefault(key, PrebuiltKernel(art, jit))
    return pre


def _current() -> int:
    import torch

    return torch.cuda.current_device()


__all__ = ["ArtifactKernel", "ArtifactWarning", "Loaded", "clear", "kernel_for", "load_artifacts",
           "read_manifest", "registered"]
