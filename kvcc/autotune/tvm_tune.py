"""``kvcc tune --backend tvm``: tune the TVM CPU kernels of a SPEC on this CPU.

Per problem of the SPEC (run as ``kvcc.attention``, ``attention_varlen`` or a
``KVCache`` step would run it, through :func:`kvcc.backends.execute` on the TVM
backend):

1. the kernel the problem launches (its :class:`~kvcc.codegen.tvm.spec.TvmSpec`) and
   the heuristic tiles it was lowered with;
2. a **coordinate search** (:func:`~kvcc.autotune.tvm_space.search_fields`): each
   tuned field in turn takes every valid value (:func:`~kvcc.autotune.tvm_space.
   neighbours`) with the others at the best found so far; for a decode kernel, split
   counts around the run-time rule's then. Each candidate is built (cached on disk,
   so a second run measures without compiling) and timed;
3. **timing**: the median of timed repetitions after a warm-up, cycling through copies
   of the inputs that together exceed the last-level cache (at most 4, within a
   quarter of the free memory), so a small problem's inputs are not all cached. Each
   candidate's output is checked against the heuristic configuration's; one that
   disagrees is dropped;
4. the fastest is **recorded** in this CPU's database (:mod:`kvcc.autotune.cpu`'s
   device key), merged under the file's lock, per problem, so a run cut short keeps
   what it measured. A time budget stops starting measurements when spent.

Problems the TVM backend does not run (a quantized format it lacks, a mask it refuses)
are reported and skipped.
"""

from __future__ import annotations

import math
import pathlib
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import torch

from kvcc.autotune import tvm_space
from kvcc.autotune.db import Entry, TvmConfig
from kvcc.autotune.problems import Problem

_REPS_S = 0.15  # seconds of timed repetitions per candidate (at least 5 of them)


@dataclass
class CpuResult:
    """One problem's measurements (config -> median ms) and the winner."""

    problem: Problem
    spec_key: str = ""
    spec_text: str = ""
    timings: dict[TvmConfig, float] = field(default_factory=dict)
    default: TvmConfig | None = None
    best: TvmConfig | None = None
    tried: int = 0  # configurations measured or failed
    note: str = ""

    @property
    def best_ms(self) -> float | None:
        return None if self.best is None else self.timings[self.best]

    @property
    def default_ms(self) -> float | None:
        return self.timings.get(self.default) if self.default is not None else None


class CpuBench:
    """A problem's module and rotating inputs on the CPU, and a timer of configurations."""

    def __init__(self, p: Problem, cache_bytes: int = 0, free_bytes: int = 1 << 30,
                 timer: Callable[[Callable[[], object], TvmConfig], float] | None = None
                 ) -> None:
        from kvcc.autotune.problems import attention_ops, instance
        from kvcc.codegen.tvm.op import spec_for

        self.p = p
        self.timer = timer or median_ms
        self.module, first = instance(p, "cpu", seed=0)
        ops = attention_ops(self.module)
        if len(ops) != 1:
            raise ValueError(f"{len(ops)} attention ops: the tuner runs problems with one")
        self.op = ops[0]
        self.spec = spec_for(self.op, max(1, p.shape.q_len))
        size = sum(t.numel() * t.element_size() for t in first.values())
        n = max(1, min(4, math.ceil(2 * cache_bytes / max(size, 1)),
                       int(0.25 * free_bytes // max(size, 1))))
        self.inputs = [first] + [instance(p, "cpu", seed=i)[1] for i in range(1, n)]
        self.hints = {"max_q_len": max(1, p.shape.q_len), "max_kv_len": max(1, p.shape.kv_len)}
        self.reference = None

    def run(self, inputs: dict, cfg: TvmConfig) -> object:
        from kvcc.backends import execute

        with tvm_space.forced(cfg):
            return execute("tvm", self.module, inputs, hints=self.hints)

    def time(self, cfg: TvmConfig) -> float:
        """Median milliseconds of ``cfg``; ``ValueError`` when its output disagrees with
        the first configuration measured (the heuristic one)."""
        from kvcc.codegen.tvm import build

        build.load(tvm_space.apply(self.spec, cfg))  # compiled here, not timed
        out = self.run(self.inputs[0], cfg)[0]
        o = out.float()
        if self.reference is None:
            self.reference = o
        else:  # tiles change the fp32 summation order; half outputs round once more
            err = (o - self.reference).abs().max().item()
            rel = 1e-3 if out.dtype == torch.float32 else 2e-2
            tol = rel * max(1.0, self.reference.abs().max().item())
            if not err <= tol:
                raise ValueError(f"output differs from the heuristic configuration's by {err:.3g}")
        turn = [0]

        def call() -> None:
            turn[0] += 1
            self.run(self.inputs[turn[0] % len(self.inputs)], cfg)

        return float(self.timer(call, cfg))


def median_ms(fn: Callable[[], object], cfg: TvmConfig | None = None) -> float:
    """Median milliseconds of ``fn`` (which runs ``cfg``) over repetitions filling about
    :data:`_REPS_S` seconds (at least 5), after two warm-up calls."""
    fn()
    fn()
    times: list[float] = []
    start = time.perf_counter()
    while len(times) < 5 or (time.perf_counter() - start < _REPS_S and len(times) < 200):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times) * 1e3


def split_counts(rule: int, cores: int) -> list[int]:
    """Split counts a decode tries: the rule's, and powers of two up to twice the cores."""
    out = [rule]
    n = 1
    while n <= 2 * cores:
        if n not in out:
            out.append(n)
        n *= 2
    return out


def search(bench: CpuBench, res: CpuResult, left: Callable[[], float], cores: int,
           tick: Callable[[], None] = lambda: None) -> None:
    """The coordinate search of one problem (module docstring), into ``res``."""
    spec = bench.spec
    res.default = tvm_space.config_of(spec)
    measure(bench, res, res.default)
    tick()
    if res.default not in res.timings:
        return
    best = res.default
    for name in tvm_space.search_fields(spec):
        for cfg in tvm_space.neighbours(spec, best, name):
            if cfg not in res.timings and left() > 0:
                measure(bench, res, cfg)
                tick()
        best = min((c for c in res.timings if c.num_splits is None), key=res.timings.__getitem__)
    if spec.kind == "decode":
        from kvcc.codegen.tvm.op import choose_splits

        s = bench.p.shape
        tasks = s.batch * (1 if spec.wide else s.kv_heads)  # (wide: a task per sequence)
        rule = choose_splits(tasks, -(-s.kv_len // best.block_n), cores)
        for n in split_counts(rule, cores):
            cfg = replace(best, num_splits=n)
            if left() > 0:
                measure(bench, res, cfg)
                tick()
    res.best = min(res.timings, key=res.timings.__getitem__)


def measure(bench: CpuBench, res: CpuResult, cfg: TvmConfig) -> None:
    res.tried += 1
    try:
        res.timings[cfg] = bench.time(cfg)
    except Exception as e:  # noqa: BLE001 - a configuration that fails is not a result
        res.note += f"; {cfg.text()}: {type(e).__name__}: {str(e)[:120]}"


def entry(res: CpuResult) -> Entry | None:
    """The database entry of a measured problem (None when nothing was measured)."""
    from kvcc.autotune.db import now

    if res.best is None or res.best_ms is None:
        return None
    return Entry(res.spec_key, res.spec_text, res.problem.shape.bucket(), tvm_space.tvm_series(),
                 res.best, res.best_ms,
                 {"default_ms": res.default_ms, "candidates": res.tried,
                  "measured": len(res.timings), "when": now()},
                 backend="tvm")


def metadata(dev) -> dict:
    """The metadata block of a CPU's database file."""
    from kvcc.autotune.db import SCHEMA
    from kvcc.autotune.device import version_of
    from kvcc.autotune.versions import versions

    return {"schema": SCHEMA, "device_key": dev.key, "cpu": dev.name, "isa": dev.isa,
            "cores": dev.cores, "tvm": version_of("apache-tvm")} | versions()


def tune_cpu(spec_file, db_path: pathlib.Path | None = None, budget_s: float = 600.0,
             progress: bool | None = None, log=print, timer=None) -> list[CpuResult]:
    """Tune every problem of a SPEC on this CPU's TVM kernels and record the results
    (see the module docstring). ``db_path``: the database to write (default: the
    user's for this CPU). ``timer`` (``(fn, config) -> ms``) replaces the clock (tests)."""
    from kvcc.autotune import db, lookup
    from kvcc.autotune._compat import progress as bar
    from kvcc.autotune.cpu import cpu_device, free_memory
    from kvcc.autotune.problems import problems
    from kvcc.codegen.backend import UnsupportedOp

    dev = cpu_device()
    if dev is None:
        raise RuntimeError("kvcc tune --backend tvm needs apache-tvm (pip install apache-tvm)")
    path = db_path or lookup.user_dir() / f"{dev.key}.json"
    probs = problems(spec_file)
    log(f"kvcc tune: {len(probs)} problems on {dev.name} ({dev.isa}, {dev.cores} cores), TVM "
        f"{tvm_space.tvm_series()}, budget {budget_s:.0f} s, database {path}")
    start = time.monotonic()
    left = lambda: budget_s - (time.monotonic() - start)  # noqa: E731
    results = []
    with bar(len(probs), "tuning", progress) as b:
        for p in probs:
            res = CpuResult(p)
            results.append(res)
            if left() <= 0:
                res.note = "not measured: time budget spent"
            else:
                try:
                    bench = CpuBench(p, dev.cache_bytes, free_memory(), timer)
                    res.spec_key = tvm_space.tuning_key(bench.spec)
                    res.spec_text = tvm_space.tuning_text(bench.spec)
                    search(bench, res, left, dev.cores)
                except (UnsupportedOp, ValueError, RuntimeError) as e:
                    res.note = f"not on TVM: {e}"
            _report(res, log)
            e = entry(res)
            if e is not None:
                db.write(path, [e], metadata(dev))
            b.update(1)
    lookup.reload()  # and the TVM kernels' memo of lookups
    return results


def _report(res: CpuResult, log) -> None:
    label = res.problem.label
    if res.best is None:
        log(f"  {label}: {res.note.lstrip('; ') or 'nothing measured'}")
        return
    gain = f", {res.default_ms / res.best_ms:.2f}x over heuristic {res.default.text()} " \
           f"{res.default_ms:.3f} ms" if res.default_ms and res.default else ""
    log(f"  {label}: best {res.best.text()} {res.best_ms:.3f} ms ({len(res.timings)} measured"
        f"{gain})")


__all__ = ["CpuBench", "CpuResult", "entry", "median_ms", "search", "split_counts", "tune_cpu"]
