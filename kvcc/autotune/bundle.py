"""``kvcc compile``: every kernel a SPEC's problems launch on a target, compiled ahead of
time into an artifact directory (see :mod:`kvcc.autotune.artifacts` for its layout). This
is the Triton backend; ``--backend tvm`` is :mod:`kvcc.autotune.tvm_bundle`.

The directory is built beside the destination and renamed into place when complete,
so an interrupted or failed compile leaves no half-written directory; an existing
artifact directory is replaced, any other non-empty directory is refused.
"""

from __future__ import annotations

import pathlib
import shutil
import tempfile
from dataclasses import dataclass

from kvcc.autotune import aot, artifacts
from kvcc.autotune.device import peak
from kvcc.autotune.problems import Problem, kernels, problems
from kvcc.autotune.specfile import SpecFile
from kvcc.codegen.triton.spec import KernelSpec


class CompileError(RuntimeError):
    """Some kernels failed to compile; the message names them and why."""


@dataclass(frozen=True)
class Target:
    """A compile target: ``cuda:90`` (sm_90: H100, H200), ``cuda:80`` (sm_80: A100)."""

    backend: str
    arch: int

    @staticmethod
    def parse(text: str) -> Target:
        t = text.strip().lower()
        for prefix in ("cuda:sm_", "cuda:sm", "cuda:", "sm_", "sm"):
            if t.startswith(prefix) and t[len(prefix):].isdigit():
                arch = int(t[len(prefix):])
                if arch < 80:
                    raise ValueError(f"target {text!r}: the generated kernels need sm_80 or "
                                     "newer (Triton's MMA shapes, bf16)")
                return Target("cuda", arch)
        raise ValueError(f"target {text!r}: expected cuda:<arch>, e.g. cuda:90 (H100, H200) "
                         "or cuda:80 (A100)")

    def text(self) -> str:
        return f"{self.backend}:{self.arch}"


def plan_kernels(spec: SpecFile, target: Target, tuned=None
                 ) -> dict[tuple[KernelSpec, str | None], list[str]]:
    """The distinct kernels (spec, function) the SPEC's problems launch on ``target``, with
    the problems that launch each. ``tuned(problem, base_spec)`` may give a tuned
    :class:`~kvcc.autotune.db.Config` (tiles; split count and TMA when it has them), as
    planning would apply it on the GPU."""
    from kvcc.codegen.triton.emit import kernel_name

    sm = peak(target.arch).sm_count
    out: dict[tuple[KernelSpec, str | None], list[str]] = {}
    for p in problems(spec):
        cfg = None
        if tuned is not None:
            cfg = tuned(p, kernels(p, target.arch, sm)[0].spec)
        ks = kernels(p, target.arch, sm) if cfg is None else \
            kernels(p, target.arch, sm, tiles=cfg.tiles(), num_splits=cfg.num_splits,
                    tma=None if cfg.tma is None else cfg.tma and target.arch >= 90)
        for k in ks:
            out.setdefault((k.spec, None), []).append(p.label)
            if k.spec.split:
                out.setdefault((k.spec, kernel_name(k.spec) + "_merge"), []).append(p.label)
    return out


def check_out_dir(out: str | pathlib.Path) -> pathlib.Path:
    """``out`` as a path, once it is known that replacing it loses nothing of the user's:
    absent, empty, or an earlier output (with its ``manifest.json``); else ValueError."""
    out = pathlib.Path(out)
    if out.exists() and not out.is_dir():
        raise ValueError(f"--out {out}: exists and is not a directory")
    if out.is_dir() and any(out.iterdir()) and not (out / "manifest.json").exists():
        raise ValueError(f"--out {out}: a non-empty directory without manifest.json; refusing "
                         "to replace it (choose a new or empty directory)")
    return out


def compile_spec(spec: SpecFile, target: Target, out: pathlib.Path, *, python: str | None = None,
                 workers: int | None = None, progress: bool | None = None, tuned=None,
                 log=print) -> dict:
    """Compile every kernel of ``spec`` for ``target`` into ``out``; returns the manifest.
    Raises :class:`CompileError` (leaving ``out`` as it was) when any kernel fails."""
    from kvcc.autotune._compat import progress as bar
    from kvcc.autotune.versions import versions

    out = check_out_dir(out)
    jobs_map = plan_kernels(spec, target, tuned)
    jobs = [(s, target.arch, f) for s, f in jobs_map]
    log(f"kvcc compile: {len(jobs)} kernels for sm_{target.arch} from {spec.path} "
        f"({sum(len(c.shapes()) for c in spec.configs)} problems)")
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        with bar(len(jobs), "compiling", progress) as b:
            def done(c: aot.Compiled) -> None:
                b.update(1)
                b.set_postfix_str(c.function[-12:] + ("" if c.ok else " FAILED"))
            compiled = aot.compile_kernels(jobs, tmp, workers=workers, python=python,
                                           on_done=done)
        bad = [c for c in compiled if not c.ok]
        if bad:
            raise CompileError(f"{len(bad)} of {len(jobs)} kernels failed to compile; first: "
                               f"{bad[0].function}: {bad[0].error.strip()[:1500]}")
        m = manifest(spec, target, compiled, list(jobs_map.values()), versions(),
                     python is not None)
        (tmp / "manifest.json").write_text(_dumps(m))
        _replace_dir(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return m


def manifest(spec: SpecFile, target: Target, compiled: list[aot.Compiled],
             problems_of: list[list[str]], vers: dict, other_python: bool) -> dict:
    """The manifest of compiled kernels (``problems_of``: the problems launching each)."""
    from kvcc.codegen.triton import build

    tritons = {c.triton for c in compiled}
    kernels_ = []
    for c, probs in zip(compiled, problems_of):
        kernels_.append({
            "function": c.function, "spec_key": c.spec.key(), "spec": c.spec.text(),
            "role": "merge" if c.function.endswith("_merge") else "main",
            "num_warps": c.spec.num_warps, "num_stages": c.spec.num_stages, "shared": c.shared,
            "registers": c.registers, "spill": c.spill, "triton_hash": c.triton_hash,
            "signature": build.signature(c.spec), "constexprs": build.constexprs(c.spec),
            "divisibility": sorted(i for (i,) in build.divisibility(c.spec)),
            "files": c.files, "sha256": c.sha256, "problems": probs})
    return {artifacts.MARK: artifacts.SCHEMA, "kvcc": vers["kvcc"],
            # the compiling Python's Triton (another interpreter's with --python)
            "triton": tritons.pop() if len(tritons) == 1 else sorted(tritons),
            "torch": None if other_python else vers["torch"], "python": vers["python"],
            "target": {"backend": target.backend, "arch": target.arch},
            "created": _now(), "spec_file": pathlib.Path(spec.path).name, "spec_name": spec.name,
            "spec_sha256": spec.sha256, "kernels": kernels_}


def _dumps(m: dict) -> str:
    import json

    return json.dumps(m, indent=1) + "\n"


def _now() -> str:
    from kvcc.autotune.db import now

    return now()


def _replace_dir(new: pathlib.Path, out: pathlib.Path) -> None:
    """Move ``new`` to ``out``, replacing an artifact directory already there."""
    new.chmod(0o755)
    if out.exists():
        old = out.with_name(f".{out.name}.old")
        shutil.rmtree(old, ignore_errors=True)
        out.rename(old)
        new.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    else:
        new.rename(out)


def summary(manifest: dict) -> str:
    """A table of a manifest's kernels."""
    rows = [f"{'kernel':<42} {'role':<5} {'warps':>5} {'regs':>5} {'spill B':>7} {'smem B':>7}"]
    for k in manifest["kernels"]:
        rows.append(f"{k['function']:<42} {k['role']:<5} {k['num_warps']:>5} "
                    f"{k['registers'] if k['registers'] is not None else '?':>5} "
                    f"{k['spill'] if k['spill'] is not None else '?':>7} {k['shared']:>7}")
    return "\n".join(rows)


__all__ = ["CompileError", "Problem", "Target", "compile_spec", "manifest", "plan_kernels",
           "summary"]
