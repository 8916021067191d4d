"""Host time per call: kvcc.attention, attention_varlen, a planned KVCache attend, and
torch's scaled_dot_product_attention, in the same run on the same small problem.

A decode step of a serving loop is short on the GPU, so the host's time per
attention call (validation, lowering, planning, launch) decides its speed. Each
entry is the mean wall time of many calls on a problem small enough that the device
keeps up (a sync after the loop counts the tail): on a GPU that is host time; on a
CPU it includes the (tiny) compute, on the reference backend for kvcc. Targets
(read here, never asserted in a test): a planned per-layer call (append, attend) at
most 2x SDPA's time, an unplanned ``kvcc.attention`` at most 5x.

    python -m benchmarks.host_overhead [--out DIR] [--calls N]
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys
import time

import torch

import kvcc
from kvcc import masks as M

TARGETS = {"kvcc.attention": 5.0, "KVCache step.attend (planned)": 2.0,
           "KVCache step.append (planned)": 2.0}


def _appends(b, hkv, d, dtype, dev, backend, calls, stub, r):
    """A planned decode step's per-layer append, one layer per call (a layer takes its
    new tokens once per step): a cache with a layer for every timed and warm-up call."""
    layers = calls + max(3, calls // 20)
    cache = kvcc.KVCache(layers, hkv, d, num_pages=b, page_size=16, dtype=dtype, device=dev,
                         backend=backend)
    step = cache.plan([cache.add_sequence() for _ in range(b)], [1] * b)
    if stub and step._append_kernel is not None:  # the launch itself, stubbed like the others
        step._append_kernel = (lambda *args, **kw: None, step._append_kernel[1])
    k, v = r(b, hkv, d), r(b, hkv, d)
    layer = iter(range(layers))
    return lambda: step.append(next(layer), k, v)


def _time(fn, calls: int, sync) -> float:
    for _ in range(max(3, calls // 20)):  # warm-up: kernels compiled, caches filled
        fn()
    sync()
    t0 = time.perf_counter()
    for _ in range(calls):
        fn()
    sync()
    return (time.perf_counter() - t0) / calls * 1e6


def measure(device: str, calls: int = 200, stub_launch: bool = False) -> dict:
    """Mean microseconds per call of each entry, and kvcc's ratios to SDPA.
    ``stub_launch``: kvcc on the generated-kernel path with each kernel launch replaced
    by its outputs' allocation, so on a CPU the time is kvcc's host work alone
    (validation, lowering, planning, arguments), what it adds to a GPU launch."""
    dev = torch.device(device)
    if stub_launch:
        return _stubbed(device, calls)
    return _measure(dev, calls, stub=False)


def _stubbed(device: str, calls: int) -> dict:
    """The generated-kernel path with launches replaced by output allocation (on a CPU
    through the interpreter's availability rule; nothing is interpreted)."""
    import os

    from kvcc.codegen.triton import launch

    os.environ.setdefault("TRITON_INTERPRET", "1")
    real = launch.Launcher._launch

    def outputs_only(self):
        return (torch.empty(self.o_shape, dtype=self.out_dtype, device=self.device),
                torch.empty(self.lse_shape, dtype=torch.float32, device=self.device))

    launch.Launcher._launch = outputs_only
    try:
        return _measure(torch.device(device), calls, stub=True)
    finally:
        launch.Launcher._launch = real


def _measure(dev: torch.device, calls: int, stub: bool) -> dict:
    dtype = torch.bfloat16 if dev.type == "cuda" else torch.float32
    sync = torch.cuda.synchronize if dev.type == "cuda" else (lambda: None)
    g = torch.Generator().manual_seed(0)
    b, hq, hkv, d, ctx = 4, 8, 2, 64, 64

    def r(*shape):
        return torch.randn(*shape, generator=g).to(dev, dtype)

    q, k, v = r(b, hq, 1, d), r(b, hkv, ctx, d), r(b, hkv, ctx, d)
    sdpa = torch.nn.functional.scaled_dot_product_attention
    qp, kp, vp = q.transpose(1, 2).reshape(b, hq, d), r(b * ctx, hkv, d), r(b * ctx, hkv, d)
    cu_q = torch.arange(b + 1, dtype=torch.int32, device=dev)
    cu_k = torch.arange(0, b * ctx + 1, ctx, dtype=torch.int32, device=dev)
    backend = "triton" if stub else "auto"
    cache = kvcc.KVCache(1, hkv, d, num_pages=b * 8, page_size=16, dtype=dtype, device=dev,
                         backend=backend)
    seqs = [cache.add_sequence() for _ in range(b)]
    fill = cache.plan(seqs, [ctx - 1] * b)
    fill.append(0, r(b * (ctx - 1), hkv, d), r(b * (ctx - 1), hkv, d))
    step = cache.plan(seqs, [1] * b, num_q_heads=hq, mask=M.causal())
    step.append(0, r(b, hkv, d), r(b, hkv, d))
    entries = {
        "torch SDPA": lambda: sdpa(q, k, v, enable_gqa=True),
        "kvcc.attention": lambda: kvcc.attention(q, k, v, mask=M.causal(), backend=backend),
        "kvcc.attention_varlen (max_seqlen given)": lambda: kvcc.attention_varlen(
            qp, kp, vp, cu_q, cu_k, max_seqlen_q=1, max_seqlen_k=ctx, mask=M.causal(),
            backend=backend),
        "KVCache step.attend (planned)": lambda: step.attend(0, qp),
    }
    entries["KVCache step.append (planned)"] = _appends(b, hkv, d, dtype, dev, backend, calls, stub, r)
    us = {name: _time(fn, calls, sync) for name, fn in entries.items()}
    base = us["torch SDPA"]
    return {"device": torch.cuda.get_device_name(dev) if dev.type == "cuda" else "cpu",
            "backend": cache.backend + (" (launches stubbed: host work only)" if stub else ""),
            "problem": f"decode B={b} Hq={hq} Hkv={hkv} D={d} "
            f"L={ctx} {str(dtype).removeprefix('torch.')}", "us_per_call": us,
            "ratio_to_sdpa": {n: t / base for n, t in us.items()},
            "targets": {n: {"max_ratio": t, "met": us[n] / base <= t} for n, t in TARGETS.items()}}


def report(res: dict) -> str:
    lines = [f"host time per call on {res['device']} (kvcc backend {res['backend']}), "
             f"{res['problem']}:"]
    for name, t in res["us_per_call"].items():
        tgt = res["targets"].get(name)
        note = "" if tgt is None else (f"  target <= {tgt['max_ratio']:g}x: "
                                       f"{'met' if tgt['met'] else 'NOT met'}")
        lines.append(f"  {name:<42} {t:9.1f} us  {res['ratio_to_sdpa'][name]:6.2f}x SDPA{note}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks.host_overhead",
                                 description=__doc__.splitlines()[0])
    ap.add_argument("--out", help="directory for host_overhead.json")
    ap.add_argument("--calls", type=int, default=200)
    ap.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
    args = ap.parse_args(argv)
    res = [measure(args.device, args.calls)]
    if args.device == "cpu":  # the CPU computes on the reference: show kvcc's host work alone
        res.append(measure(args.device, args.calls, stub_launch=True))
    print("\n".join(report(r) for r in res))
    if args.out:
        pathlib.Path(args.out).mkdir(parents=True, exist_ok=True)
        (pathlib.Path(args.out) / "host_overhead.json").write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
