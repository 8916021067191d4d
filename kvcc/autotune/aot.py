"""Compile attention kernels ahead of time into artifact files, in child processes.

Unlike ``build.compile_aot_many``, a kernel that fails to compile is reported, not
fatal (the tuner prunes it), each child writes its kernels' files itself (cubin, PTX,
Triton's metadata JSON, the generated source) instead of sending them back, and
every finished kernel is reported as it finishes, so a progress bar can follow.
Children run without ``TRITON_INTERPRET``; ``python`` may name another interpreter
(one with the Triton release the GPU machine runs, e.g. triton 3.6), given kvcc's
source on its path.

Run as ``python -m kvcc.autotune.aot OUT_DIR`` it is the child: a JSON list of
``{"index", "spec", "arch", "function"}`` on stdin, one JSON line per kernel on stdout.
"""

from __future__ import annotations

import hashlib
import json
import os
import pathlib
import queue
import re
import subprocess
import sys
import tempfile
import threading
import traceback
from dataclasses import dataclass, field

from kvcc.codegen.triton.spec import KernelSpec


@dataclass(frozen=True)
class Compiled:
    """One compiled kernel (``ok``), or why it did not compile (``error``). ``files``:
    kind (cubin, ptx, metadata, source) -> file name in the output directory."""

    spec: KernelSpec
    arch: int
    function: str
    ok: bool
    error: str = ""
    shared: int = 0
    registers: int | None = None
    spill: int | None = None
    triton: str = ""
    triton_hash: str = ""
    files: dict[str, str] = field(default_factory=dict)
    sha256: dict[str, str] = field(default_factory=dict)


def compile_kernels(jobs: list[tuple[KernelSpec, int, str | None]], out: pathlib.Path,
                    workers: int | None = None, python: str | None = None,
                    on_done=None) -> list[Compiled]:
    """Compile ``(spec, arch, function)`` jobs (``function`` None: the main kernel; or
    its ``_merge``) into ``out``; results in job order. ``on_done(compiled)`` is called
    as each finishes (from this thread)."""
    from kvcc.codegen.triton.build import name_of

    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    if not jobs:
        return []
    workers = max(1, min(workers or min(16, os.cpu_count() or 1), len(jobs)))
    env = {k: v for k, v in os.environ.items() if k != "TRITON_INTERPRET"}
    root = str(pathlib.Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = root + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    results: list[Compiled | None] = [None] * len(jobs)
    lines: queue.Queue = queue.Queue()
    procs = []
    for w in range(workers):
        share = [{"index": i, "spec": s.text(), "arch": a, "function": f}
                 for i, (s, a, f) in enumerate(jobs) if i % workers == w]
        err = tempfile.TemporaryFile(mode="w+")  # a file: a full pipe would block the child
        p = subprocess.Popen([python or sys.executable, "-m", "kvcc.autotune.aot", str(out)],
                             stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=err,
                             text=True, env=env)
        threading.Thread(target=_feed, args=(p, json.dumps(share), lines), daemon=True).start()
        procs.append((p, err))
    finished = 0
    while finished < len(procs):
        kind, payload = lines.get()
        if kind == "end":
            finished += 1
            continue
        i = payload["index"]
        spec, arch, fn = jobs[i]
        results[i] = _result(spec, arch, fn or name_of(spec), payload)
        if on_done is not None:
            on_done(results[i])
    errs = []
    for p, err in procs:
        p.wait()
        err.seek(0)
        errs.append(err.read())
        err.close()
    for i, r in enumerate(results):
        if r is None:  # the child died before reporting it
            spec, arch, fn = jobs[i]
            tail = next((e for e in errs if e.strip()), "")[-2000:]
            results[i] = Compiled(spec, arch, fn or name_of(spec), False,
                                  f"the compiler process exited early: {tail}")
    return results  # type: ignore[return-value]


def _feed(p: subprocess.Popen, payload: str, lines: queue.Queue) -> None:
    try:
        p.stdin.write(payload)  # type: ignore[union-attr]
        p.stdin.close()  # type: ignore[union-attr]
        for line in p.stdout:  # type: ignore[union-attr]
            line = line.strip()
            if line.startswith("{"):
                try:
                    lines.put(("job", json.loads(line)))
                except json.JSONDecodeError:
                    pass
    finally:
        lines.put(("end", None))


def _result(spec: KernelSpec, arch: int, fn: str, d: dict) -> Compiled:
    if not d.get("ok"):
        return Compiled(spec, arch, fn, False, d.get("error", "unknown error"))
    return Compiled(spec, arch, fn, True, "", d["shared"], d.get("registers"), d.get("spill"),
                    d["triton"], d["triton_hash"], d["files"], d["sha256"])


# ---------------------------------------------------------------- the child


def sha256_file(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _write(path: pathlib.Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        pathlib.Path(tmp).unlink(missing_ok=True)
        raise


def _resources(cubin: pathlib.Path) -> tuple[int | None, int | None]:
    """Registers and stack bytes per thread (cuobjdump, shipped with Triton)."""
    from kvcc.codegen.triton.sass import cuobjdump

    try:
        r = subprocess.run([cuobjdump(), "--dump-resource-usage", str(cubin)],
                           capture_output=True, text=True)
    except (FileNotFoundError, OSError):
        return None, None
    reg, stack = re.search(r"REG:(\d+)", r.stdout), re.search(r"STACK:(\d+)", r.stdout)
    return (int(reg.group(1)) if reg else None, int(stack.group(1)) if stack else None)


def compile_one(spec: KernelSpec, arch: int, function: str | None, out: pathlib.Path) -> dict:
    """Compile one kernel for ``sm_<arch>`` and write its files into ``out``."""
    import triton
    from triton.backends.compiler import GPUTarget
    from triton.compiler import ASTSource

    from kvcc.codegen.triton import build

    name = function or build.name_of(spec)
    module = build.load(spec, "aot")
    src = ASTSource(getattr(module, name), build.signature(spec), build.constexprs(spec),
                    attrs=build.divisibility(spec))
    k = triton.compile(src, target=GPUTarget("cuda", arch, 32),
                       options={"num_warps": spec.num_warps, "num_stages": spec.num_stages})
    files = {"cubin": f"{name}.cubin", "ptx": f"{name}.ptx", "metadata": f"{name}.json",
             "source": f"{build.name_of(spec)}.py"}
    meta = getattr(k, "metadata_group", {}).get(f"{name}.json")
    meta_bytes = (pathlib.Path(meta).read_bytes() if meta and pathlib.Path(meta).exists()
                  else json.dumps(k.metadata._asdict(), default=vars).encode())
    _write(out / files["cubin"], k.asm["cubin"])
    _write(out / files["ptx"], k.asm["ptx"].encode())
    _write(out / files["metadata"], meta_bytes)
    _write(out / files["source"], build.source_of(spec).encode())
    regs, stack = _resources(out / files["cubin"])
    return {"ok": True, "shared": int(k.metadata.shared), "registers": regs, "spill": stack,
            "triton": triton.__version__, "triton_hash": k.hash, "files": files,
            "sha256": {kind: sha256_file(out / f) for kind, f in files.items()}}


def main(argv: list[str]) -> int:
    from kvcc.codegen.triton.spec import KernelSpec

    out = pathlib.Path(argv[0])
    for job in json.load(sys.stdin):
        try:
            res = compile_one(KernelSpec.from_text(job["spec"]), job["arch"], job["function"], out)
        except Exception as e:  # noqa: BLE001 - reported per kernel; the tuner prunes it
            msg = f"{type(e).__name__}: {e}"
            res = {"ok": False, "error": msg[:1500] + ("\n" + traceback.format_exc()[-1500:]
                                                         if not str(e) else "")}
        print(json.dumps({"index": job["index"], **res}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
