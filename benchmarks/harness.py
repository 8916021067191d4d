"""The benchmark harness: declarations, timing, ceilings, results.

A benchmark is one small declaration (:class:`Bench`): an id from anchors.md,
a label, and a ``setup(env)`` that builds inputs once and returns a
:class:`Case` — kvcc's call, the anchors' calls, and the work it counts (FLOPs
or bytes). The harness times each call (``triton.testing.do_bench`` medians on a
GPU), checks kvcc's output against the best anchor's on the same inputs, and
reports time, TFLOP/s or TB/s, the roofline fraction against ceilings measured
in the same run, and the speedup over the best anchor.
"""

from __future__ import annotations

import json
import math
import platform
import time
import traceback
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

import torch


@dataclass(frozen=True)
class Env:
    """Where and how the suite runs. ``tiny``: the CPU mode (small shapes, fp32,
    interpreter kernels, reference anchors) that keeps the suite from rotting."""

    device: torch.device
    dtype: torch.dtype
    tiny: bool

    def randn(self, *shape: int, seed: int) -> torch.Tensor:
        """Fresh normal values, generated on the device (large caches take seconds on a CPU)."""
        g = torch.Generator(device=self.device).manual_seed(seed)
        return torch.randn(*shape, generator=g, dtype=torch.float32,
                           device=self.device).to(self.dtype)


@dataclass
class Case:
    """One benchmark instance: callables that each return the output (for checking)."""

    kvcc: Callable[[], torch.Tensor]
    anchors: dict[str, Callable[[], torch.Tensor]]
    work: float  # FLOPs (unit "flop") or bytes (unit "byte")
    unit: str
    shape: str
    skipped: dict[str, str] = field(default_factory=dict)  # anchor -> why it cannot run
    # other kvcc configurations (tiles, split counts), timed for tuning, not compared
    variants: dict[str, Callable[[], torch.Tensor]] = field(default_factory=dict)
    # per call name: how to bring its output to the common layout for the check
    # (applied outside the timing, so each call is timed as its users would run it)
    compare_as: dict[str, Callable[[torch.Tensor], torch.Tensor]] = field(default_factory=dict)
    # what kvcc's output must equal when the anchors compute something else (quantized
    # K/V against bf16 anchors): computed once, outside the timing
    reference: Callable[[], torch.Tensor] | None = None


@dataclass(frozen=True)
class Bench:
    id: str  # P1, P2, P3, C1, D1, D4 ... (anchors.md)
    label: str
    setup: Callable[[Env], Case]


@dataclass
class Result:
    id: str
    label: str
    shape: str = ""
    unit: str = ""
    work: float = 0.0
    times_ms: dict[str, float] = field(default_factory=dict)
    rates: dict[str, float] = field(default_factory=dict)  # TFLOP/s or TB/s
    roofline: dict[str, float] = field(default_factory=dict)  # fraction of the ceiling
    best_anchor: str | None = None
    speedup: float | None = None  # best anchor time / kvcc time
    max_abs_diff: float | None = None
    mean_abs_diff: float | None = None
    correct: bool | None = None
    skipped: dict[str, str] = field(default_factory=dict)
    error: str | None = None
    diff_by_anchor: dict[str, float] = field(default_factory=dict)  # max |kvcc - anchor|
    variant_times_ms: dict[str, float] = field(default_factory=dict)
    variant_correct: dict[str, bool] = field(default_factory=dict)


def bench_fn(fn: Callable[[], object], env: Env) -> float:
    """Milliseconds of ``fn``: the median of ``do_bench`` on a GPU. The CPU mode (a
    smoke test: its times mean nothing) times one call, made after the call that
    produced the output for the check."""
    if env.device.type == "cuda":
        import triton.testing

        return float(triton.testing.do_bench(fn, warmup=25, rep=100, return_mode="median"))
    t0 = time.perf_counter()
    fn()
    return (time.perf_counter() - t0) * 1e3


def ceilings(env: Env) -> dict[str, float]:
    """Matmul rate (TFLOP/s) and copy bandwidth (TB/s, bytes read + written), measured now."""
    n = 512 if env.tiny else 8192
    a, b = env.randn(n, n, seed=1), env.randn(n, n, seed=2)
    t = bench_fn(lambda: a @ b, env)
    nbytes = (1 << 24) if env.tiny else (2 << 30)
    src = torch.empty(nbytes, dtype=torch.uint8, device=env.device).random_(0, 255)
    dst = torch.empty_like(src)
    tc = bench_fn(lambda: dst.copy_(src), env)
    return {"matmul_tflops": 2 * n**3 / (t * 1e-3) / 1e12,
            "copy_tbps": 2 * nbytes / (tc * 1e-3) / 1e12}


def _compare(a: torch.Tensor, b: torch.Tensor, env: Env) -> tuple[float, float, bool]:
    d = (a.float() - b.float()).abs()
    d = torch.where(torch.isnan(d), torch.full_like(d, math.inf), d)
    mx, mean = d.max().item(), d.mean().item()
    tol_max, tol_mean = (1e-4, 1e-5) if env.dtype == torch.float32 else (6e-2, 4e-3)
    return mx, mean, mx <= tol_max and mean <= tol_mean


def run_bench(bench: Bench, env: Env, ceil: dict[str, float], log=print) -> Result:
    try:
        case = bench.setup(env)
    except Exception as e:  # noqa: BLE001 - a broken setup is reported, not fatal
        return Result(bench.id, bench.label, error=f"setup: {type(e).__name__}: {e}")
    times, outs, skipped = {}, {}, dict(case.skipped)
    for name, fn in [("kvcc", case.kvcc), *case.anchors.items()]:
        try:
            outs[name] = case.compare_as.get(name, lambda o: o)(fn())
            times[name] = bench_fn(fn, env)
        except Exception as e:  # noqa: BLE001 - an anchor that cannot run is reported
            if name == "kvcc":
                return Result(bench.id, bench.label, case.shape, case.unit, case.work, times,
                              skipped=skipped, error=f"kvcc: {type(e).__name__}: {e}\n"
                                                     f"{traceback.format_exc(-3)}")
            skipped[name] = f"{type(e).__name__}: {str(e).splitlines()[0][:160]}"
        log(f"  {bench.id} {case.shape:<44} {name:<18} "
            + (f"{times[name]:9.3f} ms" if name in times else "skipped"))
    rates = {n: case.work / (t * 1e-3) / 1e12 for n, t in times.items()}  # T per second
    ceiling = ceil["matmul_tflops"] if case.unit == "flop" else ceil["copy_tbps"]
    roof = {n: r / ceiling for n, r in rates.items()}
    anchors = {n: t for n, t in times.items() if n != "kvcc"}
    best = min(anchors, key=anchors.get) if anchors else None
    mx = mean = ok = None
    if case.reference is not None:  # the anchors are speed baselines only
        outs["reference"] = case.reference()
        mx, mean, ok = _compare(outs["kvcc"], outs["reference"], env)
    elif best is not None:
        mx, mean, ok = _compare(outs["kvcc"], outs[best], env)
    by_anchor = {n: _compare(outs["kvcc"], outs[n], env)[0] for n in anchors}
    vtimes, vok = {}, {}
    for name, fn in case.variants.items():
        try:
            out = case.compare_as.get("kvcc", lambda o: o)(fn())
            vtimes[name] = bench_fn(fn, env)
            vok[name] = _compare(out, outs.get("reference", outs[best] if best else outs["kvcc"]),
                                 env)[2]
        except Exception as e:  # noqa: BLE001 - a variant that fails is reported
            skipped[name] = f"{type(e).__name__}: {str(e).splitlines()[0][:160]}"
            continue
        log(f"  {bench.id} {case.shape:<44} {name:<18} {vtimes[name]:9.3f} ms")
    return Result(bench.id, bench.label, case.shape, case.unit, case.work, times, rates, roof,
                  best, anchors[best] / times["kvcc"] if best else None, mx, mean, ok, skipped,
                  diff_by_anchor=by_anchor, variant_times_ms=vtimes, variant_correct=vok)


def environment(env: Env) -> dict[str, str]:
    info = {"torch": torch.__version__, "python": platform.python_version(),
            "device": str(env.device), "dtype": str(env.dtype).replace("torch.", ""),
            "mode": "cpu-tiny" if env.tiny else "gpu"}
    try:
        import triton

        info["triton"] = triton.__version__
    except ImportError:
        info["triton"] = "absent"
    if env.device.type == "cuda":
        info["gpu"] = torch.cuda.get_device_name(env.device)
    else:
        info["gpu"] = "none (CPU)"
    return info


def markdown(results: list[Result], info: dict[str, str], ceil: dict[str, float]) -> str:
    lines = [
        f"kvcc benchmarks on **{info['gpu']}** ({info['mode']}), torch {info['torch']}, "
        f"triton {info['triton']}, {info['dtype']}. Ceilings measured in this run: matmul "
        f"{ceil['matmul_tflops']:.1f} TFLOP/s, copy {ceil['copy_tbps']:.2f} TB/s.",
        "",
        "| id | shape | kvcc ms | rate | roofline | best anchor | anchor ms | speedup | "
        "check (max/mean diff) |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        if r.error:
            lines.append(f"| {r.id} | {r.label} | error: {r.error.splitlines()[0][:80]} "
                         "| | | | | | |")
            continue
        unit = "TFLOP/s" if r.unit == "flop" else "TB/s"
        k = r.times_ms.get("kvcc")
        best = r.best_anchor
        check = ("n/a" if r.correct is None else
                 f"{'ok' if r.correct else 'MISMATCH'} ({r.max_abs_diff:.1e}/{r.mean_abs_diff:.1e})")
        lines.append(
            f"| {r.id} | {r.shape} | {k:.4g} | {r.rates['kvcc']:.4g} {unit} | "
            f"{r.roofline['kvcc']:.1%} | {best} | "
            f"{r.times_ms[best]:.4g} | {r.speedup:.3g}x | {check} |" if best else
            f"| {r.id} | {r.shape} | {k:.4g} | {r.rates['kvcc']:.4g} {unit} | "
            f"{r.roofline['kvcc']:.1%} | - | - | - | n/a |")
    anchors_seen = sorted({a for r in results for a in r.times_ms if a != "kvcc"})
    if anchors_seen:
        lines += ["", "All anchors (ms): " + "; ".join(
            f"{r.id} {r.shape}: " + ", ".join(f"{a} {r.times_ms[a]:.3f}" for a in anchors_seen
                                              if a in r.times_ms)
            for r in results if not r.error)]
    tuned = [r for r in results if r.variant_times_ms]
    if tuned:
        lines += ["", "kvcc configurations (ms; default first): " + "; ".join(
            f"{r.id} {r.shape}: default {r.times_ms['kvcc']:.4g}, " + ", ".join(
                f"{n} {t:.4g}{'' if r.variant_correct.get(n) else ' (MISMATCH)'}"
                for n, t in r.variant_times_ms.items()) for r in tuned)]
    skipped = [(r.id, r.shape, a, why) for r in results for a, why in r.skipped.items()]
    if skipped:
        lines += ["", "Anchors that could not run: " + "; ".join(
            f"{i} {s} {a}: {w}" for i, s, a, w in skipped)]
    return "\n".join(lines) + "\n"


def to_json(results: list[Result], info: dict[str, str], ceil: dict[str, float]) -> str:
    return json.dumps({"environment": info, "ceilings": ceil,
                       "results": [asdict(r) for r in results]}, indent=2)
