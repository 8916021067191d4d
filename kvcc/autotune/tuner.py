"""``kvcc tune``: choose each problem's configuration offline, measure the few best on the
GPU, and record the winner.

1. **Candidates** (:mod:`space`) for the kernel each problem launches.
2. **Prune without running**: the roofline model (:mod:`cost`) ranks them; the
   heuristic configuration and the best ``shortlist`` are compiled ahead of time for
   the GPU's architecture (in parallel child processes); those that fail, overflow
   shared memory or spill registers are dropped (if all spill, the least-spilling stay).
3. **Rank** the rest again with the model, now with the compiled kernels' registers
   and shared memory for occupancy.
4. **Measure** the heuristic configuration and the best ranked ones with
   ``triton.testing.do_bench`` medians (after its warm-up), cycling through copies of
   the inputs large enough that the L2 cache cannot hold them; then split counts
   around the run-time rule's for the two fastest. Each measured output is checked
   against the heuristic configuration's; a configuration that disagrees is dropped.
   The compiled cubins are launched directly (:mod:`artifacts`), so measuring
   compiles nothing more.
5. **Record** the fastest in the database (merged under its lock), per problem, so a
   run cut short keeps what it measured. A time budget stops measuring when spent.
"""

from __future__ import annotations

import itertools
import math
import pathlib
import tempfile
import time
from dataclasses import dataclass, field

from kvcc.autotune import aot, space
from kvcc.autotune.cost import Estimate, estimate, shared_bytes
from kvcc.autotune.db import Config, Entry
from kvcc.autotune.device import Peak
from kvcc.autotune.keys import triton_series, tuning_key, tuning_text
from kvcc.autotune.problems import Kernel, Problem, kernels
from kvcc.codegen.triton.build import MAX_SHARED
from kvcc.codegen.triton.spec import KernelSpec


@dataclass(frozen=True)
class Ranked:
    """A candidate that survived pruning, with its estimate."""

    candidate: space.Candidate
    spec: KernelSpec
    estimate: Estimate
    compiled: aot.Compiled | None
    num_splits: int  # the run-time rule's count for this candidate


@dataclass
class Shortlist:
    """One problem's offline result: its kernel, the ranked survivors, what was pruned."""

    problem: Problem
    kernel: Kernel
    ranked: list[Ranked] = field(default_factory=list)
    pruned: dict[str, str] = field(default_factory=dict)  # candidate -> why


def candidate_specs(k: Kernel, p: Problem, sm_count: int
                    ) -> list[tuple[space.Candidate, KernelSpec, int]]:
    """Each candidate's spec and the split count the run-time rule gives it (its key
    tile sets how many key blocks there are to split)."""
    from dataclasses import replace

    from kvcc.autotune.problems import split_rule

    out = []
    for c in space.candidates(k.spec, p.shape):
        spec = c.apply(k.spec)
        n = split_rule(spec, p.shape, k.op, sm_count)
        out.append((c, replace(spec, split=n > 1), n))
    return out


def compile_jobs(specs: list[KernelSpec], arch: int) -> list[tuple[KernelSpec, int, str | None]]:
    from kvcc.codegen.triton.emit import kernel_name

    jobs: list[tuple[KernelSpec, int, str | None]] = []
    for s in dict.fromkeys(specs):
        jobs.append((s, arch, None))
        if s.split:
            jobs.append((s, arch, kernel_name(s) + "_merge"))
    return jobs


def rank(p: Problem, k: Kernel, arch: int, peak: Peak,
         compiled: dict[KernelSpec, aot.Compiled | None], only_compiled: bool = False
         ) -> Shortlist:
    """Prune and rank one problem's candidates from their compile results (missing: not
    compiled, as in a dry run: kept unless ``only_compiled``, with shared memory
    estimated and registers assumed all used)."""
    from kvcc.codegen.triton.sass import programs_per_sm

    plan = Shortlist(p, k)
    kept: list[Ranked] = []
    spilled: list[Ranked] = []
    for cand, spec, n in candidate_specs(k, p, peak.sm_count):
        c = compiled.get(spec)
        name = cand.text()
        if c is None and only_compiled:
            plan.pruned[name] = "not compiled: the model ranked it below the shortlist"
            continue
        if c is not None and not c.ok:
            plan.pruned[name] = "compile failed: " + c.error.strip().splitlines()[0][:200] \
                if c.error.strip() else "compile failed"
            continue
        limit = MAX_SHARED.get(arch, MAX_SHARED[90])
        if c is not None and c.shared > limit:
            plan.pruned[name] = f"shared memory {c.shared} B > {limit} B"
            continue
        # not compiled: an estimate, for occupancy only (the compiler may need less)
        shared = c.shared if c is not None else min(limit, shared_bytes(spec))
        # registers unknown before compiling: assume the compiler uses them all
        pps = programs_per_sm(arch, c.registers if c is not None and c.registers else
                              65536 // (32 * spec.num_warps) // 2, spec.num_warps, shared)
        est = estimate(spec, p.shape, peak, n, pps, (c.spill or 0) if c else 0)
        r = Ranked(cand, spec, est, c, n)
        (spilled if c is not None and c.spill else kept).append(r)
    if not kept and spilled:  # every candidate spills: keep the least spilling
        least = min(r.compiled.spill for r in spilled if r.compiled)
        kept = [r for r in spilled if r.compiled and r.compiled.spill == least]
        spilled = [r for r in spilled if r not in kept]
    for r in spilled:
        plan.pruned[r.candidate.text()] = f"spills {r.compiled.spill} B per thread"
    plan.ranked = sorted(kept, key=lambda r: (r.estimate.seconds, r.candidate.text()))
    return plan


def offline(probs: list[Problem], arch: int, peak: Peak, out: pathlib.Path | None,
            python: str | None = None, workers: int | None = None, progress: bool | None = None,
            log=print, shortlist: int = 16) -> tuple[list[Shortlist], list[aot.Compiled]]:
    """Candidates of every problem ranked by the model; with ``out``, the heuristic one
    and the ``shortlist`` best of each are compiled for ``sm_<arch>`` into ``out``, pruned
    and ranked again with what the compiler reports. Returns the shortlists and every
    compile result (main and merge kernels)."""
    from kvcc.autotune._compat import progress as bar

    per: list[tuple[Problem, Kernel]] = []
    for p in probs:
        ks = kernels(p, arch, peak.sm_count)
        if len(ks) != 1:
            log(f"  {p.label}: {len(ks)} attention kernels after the pipeline; tuning takes "
                "problems of one kernel (skipped)")
            continue
        per.append((p, ks[0]))
    first = [rank(p, k, arch, peak, {}) for p, k in per]
    if out is None:
        return first, []
    specs = []
    for (p, k), sl in zip(per, first):
        specs.append(candidate_specs(k, p, peak.sm_count)[0][1])  # the heuristic's
        specs += [r.spec for r in sl.ranked[:shortlist]]
    jobs = compile_jobs(specs, arch)
    log(f"compiling {len(jobs)} candidate kernels for sm_{arch} ...")
    with bar(len(jobs), "compiling", progress) as b:
        res = aot.compile_kernels(jobs, out, workers=workers, python=python,
                                  on_done=lambda c: b.update(1))
    compiled: dict[KernelSpec, aot.Compiled | None] = {}
    for (s, _, f), c in zip(jobs, res):
        if f is None:
            compiled[s] = c
        elif not c.ok and compiled.get(s) is not None and compiled[s].ok:  # its merge
            compiled[s] = c
    return [rank(p, k, arch, peak, compiled, only_compiled=True) for p, k in per], res


# ---------------------------------------------------------------- measuring (GPU)


@dataclass
class Result:
    """One problem's measurements and the winner."""

    problem: Problem
    timings: dict[Config, float] = field(default_factory=dict)  # config -> median ms
    best: Config | None = None
    best_ms: float | None = None
    default_ms: float | None = None
    note: str = ""


def _copies(inputs: dict, l2_bytes: int, free_bytes: int) -> int:
    """Copies of the inputs to cycle through: together at least twice the L2 cache, at
    most 8 and 30% of the free memory."""
    size = sum(t.numel() * t.element_size() for t in inputs.values())
    want = max(1, math.ceil(2 * l2_bytes / max(size, 1)))
    return max(1, min(8, want, int(0.3 * free_bytes // max(size, 1))))


class Bench:
    """A problem's inputs on the GPU (rotating copies) and a timer for configurations."""

    def __init__(self, p: Problem, device, timer=None) -> None:
        import torch

        from kvcc.autotune.problems import attention_ops, instance

        self.p, self.timer = p, timer or _do_bench
        module, first = instance(p, device, seed=0)
        self.op = attention_ops(module)[0]
        if torch.device(device).type == "cuda":
            props = torch.cuda.get_device_properties(device)
            free, _ = torch.cuda.mem_get_info(device)
            n = _copies(first, getattr(props, "L2_cache_size", 50 << 20), free)
        else:  # the CPU interpreter (tests): two copies exercise the rotation
            n = 2
        self.inputs = [first] + [instance(p, device, seed=i)[1] for i in range(1, n)]
        self.reference = None

    def time(self, cfg: Config) -> float:
        """Median milliseconds of ``cfg`` (its split count: the rule's when None);
        ``ValueError`` when its output disagrees with the first configuration measured
        (the heuristic one)."""
        from kvcc.codegen.triton.op import plan

        s = self.p.shape
        ls = []
        for t in self.inputs:
            pl = plan(self.op, t, num_splits=cfg.num_splits, tiles=cfg.tiles(), tma=cfg.tma,
                      max_q_len=s.q_len, max_kv_len=s.kv_len)
            launcher = pl.launcher()
            bind_prebuilt(launcher, pl.num_splits)
            ls.append(launcher)
        o = ls[0]()[0].float()
        if self.reference is None:
            self.reference = o
        else:
            err = (o - self.reference).abs().max().item()
            tol = 2e-2 * max(1.0, self.reference.abs().max().item())
            if not err <= tol:
                raise ValueError(f"output differs from the heuristic configuration's by {err:.3g}")
        turn = itertools.cycle(ls)
        return float(self.timer(lambda: next(turn)()))


def _do_bench(fn) -> float:
    from triton.testing import do_bench

    return do_bench(fn, warmup=25, rep=100, return_mode="median")


def bind_prebuilt(launcher, num_splits: int) -> None:
    """Launch ``launcher``'s kernels from registered artifacts where there are some (what
    ``Launcher`` does itself once it asks :func:`artifacts.kernel_for`)."""
    from kvcc.autotune.artifacts import kernel_for
    from kvcc.codegen.triton.build import load
    from kvcc.codegen.triton.emit import kernel_name

    spec, dev = launcher.spec, launcher.device
    module, name = load(spec), kernel_name(spec)
    g0, g1, g2 = launcher.grid
    launcher.kernel = kernel_for(spec, name, getattr(module, name), dev)[launcher.grid]
    if launcher.merge is not None:  # its grid: one program per row block, sequence, head
        merge = kernel_for(spec, name + "_merge", getattr(module, name + "_merge"), dev)
        launcher.merge = merge[(g0, g1, g2 // max(1, num_splits))]


def config_of(c: space.Candidate, num_splits: int | None) -> Config:
    t = c.tiles
    return Config(t.block_m, t.block_n, t.num_warps, t.num_stages, num_splits, c.tma)


def measure(plans: list[Shortlist], budget_s: float, top: int = 6, progress: bool | None = None,
            log=print, on_result=None, device=None, timer=None) -> list[Result]:
    """Measure each plan's heuristic configuration and ``top`` best ranked candidates
    (at their rule's split count), then other split counts for the two fastest; stop
    starting measurements when ``budget_s`` is spent. ``on_result(plan, result)`` after
    each problem (to record it). ``device`` (default: the current GPU) and ``timer``
    (``fn -> ms``; default ``do_bench``'s median) let the CPU interpreter run it."""
    import torch

    if device is None:
        device = torch.device("cuda", torch.cuda.current_device())

    from kvcc.autotune._compat import progress as bar

    start = time.monotonic()
    left = lambda: budget_s - (time.monotonic() - start)  # noqa: E731
    results = []
    with bar(sum(min(top, len(pl.ranked)) + 5 for pl in plans), "measuring", progress) as b:
        for pl in plans:
            res = Result(pl.problem)
            results.append(res)
            if left() <= 0:
                res.note = "not measured: time budget spent"
                continue
            try:
                bench = Bench(pl.problem, device, timer)
            except (RuntimeError, ValueError) as e:
                res.note = f"inputs: {e}"
                continue
            d = space.default(pl.kernel.spec)
            heuristic = config_of(d, pl.kernel.num_splits)
            todo = [heuristic] + [config_of(r.candidate, r.num_splits) for r in pl.ranked[:top]]
            for cfg in dict.fromkeys(todo):
                if left() <= 0:
                    res.note = "time budget spent while measuring"
                    break
                _measure_one(bench, res, cfg)
                b.update(1)
            kv_len = pl.problem.shape.kv_len
            for cfg, _ in sorted(res.timings.items(), key=lambda kv: kv[1])[:2]:
                for n in space.split_counts(cfg.num_splits or 1, -(-kv_len // cfg.block_n)):
                    c = Config(cfg.block_m, cfg.block_n, cfg.num_warps, cfg.num_stages, n,
                               cfg.tma)
                    if c not in res.timings and left() > 0:
                        _measure_one(bench, res, c)
                        b.update(1)
            res.default_ms = res.timings.get(heuristic)
            if res.timings:
                res.best, res.best_ms = min(res.timings.items(), key=lambda kv: kv[1])
                log(f"  {pl.problem.label}: best {res.best.text()} {res.best_ms * 1e3:.1f} us"
                    + (f" (heuristic {res.default_ms * 1e3:.1f} us)" if res.default_ms else ""))
            if on_result is not None:
                on_result(pl, res)
            del bench
            if torch.device(device).type == "cuda":
                torch.cuda.empty_cache()
    return results


def _measure_one(bench: Bench, res: Result, cfg: Config) -> None:
    try:
        res.timings[cfg] = bench.time(cfg)
    except Exception as e:  # noqa: BLE001 - a configuration that fails is not a result
        res.note += f"; {cfg.text()}: {type(e).__name__}: {str(e)[:120]}"


def entry(pl: Shortlist, res: Result, triton: str, candidates: int) -> Entry | None:
    """The database entry of a measured problem."""
    from kvcc.autotune.db import now

    if res.best is None or res.best_ms is None:
        return None
    base = pl.kernel.spec
    return Entry(tuning_key(base), tuning_text(base), pl.problem.shape.bucket(),
                 triton_series(triton), res.best, res.best_ms / 1.0,
                 {"default_ms": res.default_ms, "candidates": candidates,
                  "measured": len(res.timings), "pruned": len(pl.pruned), "when": now()})


def tune(spec_file, db_path: pathlib.Path | None = None, budget_s: float = 600.0, top: int = 6,
         python: str | None = None, workers: int | None = None, progress: bool | None = None,
         log=print) -> list[Result]:
    """Tune every problem of a SPEC on this GPU and record the results (see the module
    docstring). ``db_path``: the database to write (default: the user's for this GPU)."""
    from kvcc.autotune import artifacts, db, lookup
    from kvcc.autotune.device import current_device, peak, triton_version
    from kvcc.autotune.problems import problems
    from kvcc.autotune.versions import metadata

    dev = current_device()
    if dev is None:
        raise RuntimeError("kvcc tune needs a CUDA GPU")
    pk = peak(dev.arch, dev.name)
    pk = Peak(pk.name, pk.tensor_flops, pk.fp32_flops, pk.bandwidth, dev.sm_count)
    path = db_path or lookup.user_dir() / f"{dev.key}.json"
    meta = metadata(dev)
    probs = problems(spec_file)
    log(f"kvcc tune: {len(probs)} problems on {dev.name} (sm_{dev.arch}, {dev.sm_count} SMs), "
        f"budget {budget_s:.0f} s, database {path}")
    with tempfile.TemporaryDirectory(prefix="kvcc-tune-") as tmp:
        t0 = time.monotonic()
        plans, compiled = offline(probs, dev.arch, pk, pathlib.Path(tmp), python, workers,
                                  progress, log)
        _register(pathlib.Path(tmp), compiled, dev.arch)
        n_cands = {id(pl): len(pl.ranked) + len(pl.pruned) for pl in plans}
        log(f"offline: {sum(len(pl.ranked) for pl in plans)} candidates kept, "
            f"{sum(len(pl.pruned) for pl in plans)} pruned, {time.monotonic() - t0:.0f} s")

        def record(pl: Shortlist, res: Result) -> None:
            e = entry(pl, res, triton_version() or "", n_cands[id(pl)])
            if e is not None:
                db.write(path, [e], meta)

        results = measure(plans, max(0.0, budget_s - (time.monotonic() - t0)), top, progress,
                          log, record)
        artifacts.clear()
    lookup.reload()
    return results


def _register(out: pathlib.Path, compiled: list[aot.Compiled], arch: int) -> None:
    """Register the compiled candidates as artifacts, so measuring launches them."""
    import json

    from kvcc.autotune import artifacts
    from kvcc.autotune.bundle import Target, manifest
    from kvcc.autotune.specfile import SpecFile
    from kvcc.autotune.versions import versions

    ok = [c for c in compiled if c.ok]
    if not ok:
        return
    m = manifest(SpecFile("tuning", "tuning", (), ""), Target("cuda", arch), ok,
                 [["tuning"]] * len(ok), versions(), False)
    (out / "manifest.json").write_text(json.dumps(m))
    artifacts.load_artifacts(out)


__all__ = ["Bench", "Ranked", "Result", "Shortlist", "compile_jobs", "entry", "measure",
           "offline", "rank", "tune"]
