"""Run the benchmark suite: ``python -m benchmarks.run [--cpu-tiny] [--out DIR] [--only P1,D1]``.

On a GPU: bf16, full anchors.md shapes, do_bench medians. ``--cpu-tiny``: the CI
mode (tiny shapes, fp32, Triton interpreter kernels, reference anchors). Writes
``results.json`` and ``results.md`` (and plots, when matplotlib is there) to
``--out`` (default ``$OUT``), and prints the table last.
"""

from __future__ import annotations

import argparse
import os
import pathlib
import sys
import time


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="benchmarks.run", description=__doc__.splitlines()[0])
    ap.add_argument("--cpu-tiny", action="store_true", help="tiny shapes on the CPU (CI mode)")
    ap.add_argument("--out", default=os.environ.get("OUT") or "benchmarks/results/latest")
    ap.add_argument("--only", default="", help="comma-separated ids, e.g. P1,D1")
    ap.add_argument("--budget-s", type=float, default=0, help="stop starting benchmarks after "
                    "this many seconds (0: no limit); the rest are reported as not run")
    args = ap.parse_args(argv)
    if args.cpu_tiny:
        os.environ.setdefault("TRITON_INTERPRET", "1")  # before triton is imported
    import torch

    from benchmarks.harness import (
        Env,
        Result,
        ceilings,
        environment,
        markdown,
        run_bench,
        to_json,
    )
    from benchmarks.suite import SUITE

    if args.cpu_tiny:
        env = Env(torch.device("cpu"), torch.float32, tiny=True)
    elif torch.cuda.is_available():
        env = Env(torch.device("cuda"), torch.bfloat16, tiny=False)
        # every Flex anchor compiles flex_attention anew; dynamo's per-function recompile
        # limit (8) would silently drop the later ones to the unfused eager path
        import torch._dynamo

        for knob in ("cache_size_limit", "recompile_limit", "accumulated_cache_size_limit",
                     "accumulated_recompile_limit"):
            if hasattr(torch._dynamo.config, knob):
                setattr(torch._dynamo.config, knob, 256)
    else:
        print("benchmarks.run: no GPU here; use --cpu-tiny for the CPU mode", file=sys.stderr)
        return 2
    only = {s.strip() for s in args.only.split(",") if s.strip()}
    benches = [b for b in SUITE if not only or b.id in only]
    info = environment(env)
    print(f"kvcc benchmarks: {info['gpu']}, torch {info['torch']}, triton {info['triton']}, "
          f"{len(benches)} benchmarks", flush=True)
    t0 = time.time()
    ceil = ceilings(env)
    print(f"ceilings: matmul {ceil['matmul_tflops']:.1f} TFLOP/s, copy {ceil['copy_tbps']:.2f} TB/s",
          flush=True)
    results = []
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)

    def save() -> str:
        """Write what has been measured so far (a killed run keeps its results)."""
        (out / "results.json").write_text(to_json(results, info, ceil))
        table = markdown(results, info, ceil)
        (out / "results.md").write_text(table)
        return table

    for i, b in enumerate(benches, 1):
        if args.budget_s and time.time() - t0 > args.budget_s:
            results.append(Result(b.id, b.label,
                                  error=f"not run: time budget {args.budget_s:.0f}s spent"))
            continue
        print(f"[{i}/{len(benches)}] {b.id} {b.label}", flush=True)
        results.append(run_bench(b, env, ceil, log=lambda s: print(s, flush=True)))
        if results[-1].error:
            print(f"  error: {results[-1].error.splitlines()[0]}", flush=True)
        save()
    table = save()
    try:
        from benchmarks.plot import plot

        plot(out / "results.json", out)
    except ImportError as e:
        print(f"(no plots: {e})")
    print(f"\nwrote {out}/results.json and results.md in {time.time() - t0:.0f}s\n")
    print(table)
    bad = [r for r in results if (r.error and not r.error.startswith("not run"))
           or r.correct is False]
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
