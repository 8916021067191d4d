"""The SPEC commands: ``kvcc explain SPEC.toml``, ``kvcc compile`` (Triton, or TVM CUDA
kernels with ``--backend tvm``), ``kvcc tune``."""

from __future__ import annotations

import argparse
import pathlib
import sys

from kvcc.autotune.specfile import SpecError, SpecFile
from kvcc.autotune.specfile import load as load_spec


def _err(cmd: str, msg: object) -> int:
    print(f"kvcc {cmd}: error: {msg}", file=sys.stderr)
    return 1


def _load(cmd: str, path: str, mask_tensors: bool = False) -> SpecFile | None:
    try:
        return load_spec(path, mask_tensors)
    except SpecError as e:
        print(f"kvcc {cmd}: error: {e}", file=sys.stderr)
        return None


def _target(cmd: str, text: str):
    from kvcc.autotune.bundle import Target

    try:
        return Target.parse(text)
    except ValueError as e:
        _err(cmd, e)
        return None


def _check(cmd: str, sf: SpecFile, arch: int) -> dict | None:
    """Every problem's kernels on ``sm_<arch>`` (key -> (spec, problems)); None after an
    error naming the problem (a combination the kernels do not support)."""
    from kvcc.autotune.device import peak
    from kvcc.autotune.problems import kernels, problems
    from kvcc.codegen.triton.spec import UnsupportedAttention

    out: dict = {}
    for p in problems(sf):
        try:
            ks = kernels(p, arch, peak(arch).sm_count)
        except (UnsupportedAttention, ValueError, TypeError) as e:
            _err(cmd, f"{sf.path}: [[attention]] {p.config.name!r} at {p.label}: {e}")
            return None
        for k in ks:
            out.setdefault(k.spec.key(), (k, []))[1].append(p)
    return out


# ---------------------------------------------------------------- explain


def explain(args: argparse.Namespace) -> int:
    """A SPEC: per configuration the IR after each pass; per kernel its spec, tile
    structure and source; per problem the roofline and the tuned configuration."""
    from kvcc.autotune import cost
    from kvcc.autotune.device import current_device, no_gpu_reason, peak
    from kvcc.autotune.problems import Problem, instance
    from kvcc.codegen.triton.emit import emit
    from kvcc.ir.printer import print_module
    from kvcc.passes import Pipeline

    sf = _load("explain", args.file)
    target = _target("explain", args.target)
    if sf is None or target is None:
        return 1
    kern = _check("explain", sf, target.arch)
    if kern is None:
        return 1
    pk = peak(target.arch)
    tuned = _tuned_source(args.db)
    if isinstance(tuned, int):
        return tuned
    dev = current_device() if tuned is None else None
    print(f"# SPEC {sf.path} ({sf.name}): {len(sf.configs)} configurations, kernels for "
          f"sm_{target.arch}, roofline on {pk.name}")
    for c in sf.configs:
        shapes = c.shapes()
        print(f"\n## [[attention]] {c.name}: {c.describe()}")
        p0 = Problem(c, shapes[0])
        m0, _ = instance(p0, optimize=False)
        print(f"// IR of {p0.label} before the pipeline:\n{print_module(m0)}")
        Pipeline.parse(c.pipeline).run(m0, print_ir_after_all=print)
        seen = [(key, k, ps) for key, (k, ps) in kern.items() if ps[0].config is c]
        for key, k, ps in seen:
            spec = k.spec
            print(f"// KernelSpec {key} (problems: {', '.join(p.label for p in ps)}):")
            print("".join(f"//   {ln}\n" for ln in spec.text().splitlines()), end="")
            for p in ps[:3]:
                f, part, total = cost.tile_counts(spec, p.shape.q_len, p.shape.kv_len,
                                                  spec.block_m, spec.block_n)
                rows = spec.block_m // spec.rows_per_q or 1
                print(f"// tiles at {p.label}: {rows}x{spec.block_n} (query rows x keys) per "
                      f"program: {f} full (no mask), {part} partial (masked), {total - f - part} "
                      "empty (never loaded) per sequence and head")
            print(emit(spec))
        print(f"// roofline on {pk.name} ({pk.tensor_flops / 1e12:.0f} TFLOP/s, "
              f"{pk.bandwidth / 1e12:.2f} TB/s), the model's estimate of the kernel, and the "
              "tuned configuration:")
        print("// | problem | GFLOP | MB | FLOP/B | floor us | bound | model us | splits | tuned |")
        for s in shapes:
            p = Problem(c, s)
            k = next(k for k, ps in kern.values() if p in ps)
            fl = cost.floor(k.spec, s, pk)
            est = cost.estimate(k.spec, s, pk, k.num_splits)
            print(f"// | {p.label} | {fl.flops / 1e9:.3g} | {fl.bytes / 1e6:.3g} | "
                  f"{fl.intensity:.0f} | {fl.seconds * 1e6:.1f} | {fl.bound} | {est.us:.1f} | "
                  f"{k.num_splits} | {_tuned_text(tuned, dev, k.spec, s)} |")
    if tuned is None and dev is None:
        print(f"// tuned configurations: none here ({no_gpu_reason()}); the heuristic tiles "
              "above are what runs (kvcc explain --db FILE looks a database up)")
    return 0


def _tuned_source(db_path: str | None, cmd: str = "explain"):
    """None (this GPU's databases), a Database (--db), or an exit code."""
    if db_path is None:
        return None
    from kvcc.autotune import db

    path = pathlib.Path(db_path)
    try:
        return db.parse(path.read_text(encoding="utf-8"), path)
    except FileNotFoundError:
        return _err(cmd, f"--db {path}: no such file")
    except (ValueError, OSError, UnicodeDecodeError) as e:
        return _err(cmd, f"--db {path}: {e}")


def _tuned_text(tuned, dev, spec, shape) -> str:
    from kvcc.autotune import lookup

    if tuned is not None:
        m = lookup.in_database(tuned, spec, shape)
    elif dev is not None:
        m = lookup.lookup(spec, shape, dev.key)
    else:
        return "heuristic"
    if m is None:
        return "heuristic (no entry)"
    return m.usable().text() + ("" if m.exact else f" (from {m.bucket.text()})")


# ---------------------------------------------------------------- compile


def compile(args: argparse.Namespace) -> int:  # noqa: A001 - the command's name
    from kvcc.autotune.bundle import CompileError, compile_spec, summary

    if args.backend not in ("triton", "tvm"):
        return _err("compile", f"--backend {args.backend!r}: ahead-of-time compilation is "
                    "available for the triton and tvm backends only")
    if args.backend == "tvm":
        return _compile_tvm(args)
    if args.skip_unsupported:
        return _err("compile", "--skip-unsupported applies to --backend tvm only (the triton "
                    "backend compiles every SPEC configuration)")
    sf = _load("compile", args.spec)
    target = _target("compile", args.target)
    if sf is None or target is None:
        return 1
    if _check("compile", sf, target.arch) is None:
        return 1
    tuned = None
    if args.db:
        d = _tuned_source(args.db, "compile")
        if isinstance(d, int):
            return d
        from kvcc.autotune import lookup

        def tuned(p, spec):
            m = lookup.in_database(d, spec, p.shape)
            return None if m is None else m.usable()
    try:
        m = compile_spec(sf, target, pathlib.Path(args.out), python=args.python,
                         workers=args.jobs, progress=False if args.no_progress else None,
                         tuned=tuned)
    except (CompileError, ValueError, OSError) as e:
        return _err("compile", e)
    print(summary(m))
    print(f"wrote {len(m['kernels'])} kernels (triton {m['triton']}, sm_{target.arch}) and "
          f"manifest.json to {args.out}; load them with kvcc.load_artifacts({args.out!r}) or "
          f"KVCC_ARTIFACTS={args.out}")
    return 0


def _compile_tvm(args: argparse.Namespace) -> int:
    """``kvcc compile --backend tvm``: the SPEC's TVM CUDA kernels, one cubin."""
    from kvcc.autotune import tvm_bundle
    from kvcc.codegen.tvm.cuda import BuildError

    for flag, value in (("--db", args.db), ("--python", args.python), ("--jobs", args.jobs)):
        if value is not None:
            return _err("compile", f"{flag} applies to the triton backend only (the TVM CUDA "
                        "kernels have fixed tiles and build in one nvcc run)")
    sf = _load("compile", args.spec, mask_tensors=True)  # the kernels read them at run time
    target = _target("compile", args.target)
    if sf is None or target is None:
        return 1
    out = pathlib.Path(args.out)
    try:
        m = tvm_bundle.compile_spec(sf, target.arch, out, skip_unsupported=args.skip_unsupported,
                                    progress=False if args.no_progress else None)
    except (BuildError, ValueError, OSError) as e:
        return _err("compile", e)
    print(tvm_bundle.summary(m, out))
    print(f"wrote {len(m['kernels'])} TVM CUDA kernels (tvm {m['tvm']}, sm_{target.arch}) to "
          f"{args.out}/sm_{target.arch} and manifest.json to {args.out}"
          + (f", skipped {len(m['skipped'])} problem(s)" if m["skipped"] else "")
          + f"; on the GPU: kvcc.codegen.tvm.cuda_launch.CudaKernels.from_dir({args.out!r}) "
          f"or KVCC_TVM_CUDA_DIR={args.out}")
    return 0


# ---------------------------------------------------------------- tune


def tune(args: argparse.Namespace) -> int:
    from kvcc.autotune.device import current_device, no_gpu_reason

    if getattr(args, "backend", "triton") == "tvm":
        return _tune_tvm(args)
    sf = _load("tune", args.spec)
    if sf is None:
        return 1
    dev = current_device()
    arch_text = args.target if (args.dry_run or dev is None) else f"cuda:{dev.arch}"
    target = _target("tune", arch_text)
    if target is None:
        return 1
    kern = _check("tune", sf, target.arch)
    if kern is None:
        return 1
    n_probs = sum(len(c.shapes()) for c in sf.configs)
    if args.dry_run:
        return _dry_run(sf, target.arch, args)
    if dev is None:
        print(f"kvcc tune: needs a CUDA GPU to measure, and there is none here ({no_gpu_reason()}). "
              f"The SPEC is valid: {n_probs} problems, {len(kern)} kernels. Run it on the GPU "
              "machine (the next GPU run fills the database), or rank the candidates here "
              "with --dry-run.", file=sys.stderr)
        return 2
    try:
        import triton  # noqa: F401
    except ImportError:
        print("kvcc tune: needs Triton (pip install 'kvcc[triton]')", file=sys.stderr)
        return 2
    from kvcc.autotune.tuner import tune as run

    results = run(sf, pathlib.Path(args.db) if args.db else None, args.budget, args.top,
                  args.python, args.jobs, False if args.no_progress else None)
    return _results(results, "us", 1e3, 1)


def _results(results, unit: str, factor: float, digits: int) -> int:
    """The tuners' table (times in ``unit``: milliseconds x ``factor``); exit status 0
    when some problem was measured."""
    print(f"{'problem':<40} {'heuristic ' + unit:>12} {'tuned ' + unit:>9} {'speedup':>8}  "
          "configuration")
    for r in results:
        h = f"{r.default_ms * factor:.{digits}f}" if r.default_ms else "-"
        b = f"{r.best_ms * factor:.{digits}f}" if r.best_ms else "-"
        sp = f"{r.default_ms / r.best_ms:.2f}x" if r.default_ms and r.best_ms else "-"
        cfg = r.best.text() if r.best else r.note.strip("; ")[:80]
        print(f"{r.problem.label:<40} {h:>12} {b:>9} {sp:>8}  {cfg}")
    return 0 if any(r.best for r in results) else 1


def _tune_tvm(args: argparse.Namespace) -> int:
    """``kvcc tune --backend tvm``: the SPEC's TVM kernels, measured on this CPU."""
    for flag, value in (("--dry-run", args.dry_run), ("--compile", args.compile),
                        ("--python", args.python), ("--jobs", args.jobs)):
        if value:
            return _err("tune", f"{flag} applies to the triton backend only (the TVM kernels "
                        "are built and measured here)")
    sf = _load("tune", args.spec)
    if sf is None:
        return 1
    if args.budget <= 0:
        return _err("tune", f"--budget must be positive, got {args.budget}")
    from kvcc.autotune.tvm_tune import tune_cpu

    try:
        results = tune_cpu(sf, pathlib.Path(args.db) if args.db else None, args.budget,
                           False if args.no_progress else None)
    except (RuntimeError, ValueError, OSError) as e:
        return _err("tune", e)
    return _results(results, "ms", 1.0, 3)


def _dry_run(sf: SpecFile, arch: int, args: argparse.Namespace) -> int:
    import tempfile

    from kvcc.autotune.device import peak
    from kvcc.autotune.problems import problems
    from kvcc.autotune.tuner import offline

    pk = peak(arch)
    with tempfile.TemporaryDirectory(prefix="kvcc-dry-") as tmp:
        plans, _ = offline(problems(sf), arch, pk,
                           pathlib.Path(tmp) if args.compile else None, args.python, args.jobs,
                           False if args.no_progress else None)
    for pl in plans:
        print(f"{pl.problem.label}: {len(pl.ranked)} candidates ranked, {len(pl.pruned)} pruned"
              + ("" if args.compile else " (not compiled: --compile prunes by spills and "
                 "shared memory)"))
        for r in pl.ranked[:args.top]:
            c = r.compiled
            res = "" if c is None else (f", {c.registers} regs, {c.spill or 0} B spill, "
                                        f"{c.shared} B smem")
            print(f"  {r.candidate.text():<22} model {r.estimate.us:8.1f} us, "
                  f"occupancy {r.estimate.occupancy:.2f}{res}")
        pruned = sorted(pl.pruned.items(), key=lambda kv: kv[1].startswith("not compiled"))
        for name, why in pruned[:3]:
            print(f"  pruned {name}: {why}")
    return 0
