"""GPU check of kvcc's prebuilt TVM CUDA kernels (no TVM on the GPU machine).

The cubins are built on the development machine, where apache-tvm and nvcc are::

    python -m kvcc.codegen.tvm.cuda --out DIR

and DIR (``DIR/sm_80``, ``DIR/sm_90``) must be committed or carried to the GPU
machine. There::

    python -m benchmarks.tvm_cuda_check DIR      # or KVCC_TVM_CUDA_DIR=DIR

loads them through the CUDA driver (``kvcc/codegen/tvm/cuda_launch.py`` over
``cuda_driver.py``) and runs every kernel kind on fp16, bf16 and fp32 inputs (head dims
64 to 256, masks compiled into kernels of their own too): dense prefill
and decode, paged decode and paged prefill (pages gathered through a shuffled block
table, sequences of different lengths, an empty one; pages of every ``kvcc.quant``
format's codes, from a ``KVCache``), packed (varlen) prefill (an empty sequence, more
queries than keys), dense quantized K/V (as ``kvcc.attention(kv_format=...)`` stores
it), a decode step of a ``KVCache`` with streaming heads over both its pools, each
causal and with a sliding window, with and without sinks, some with a softcap or ALiBi,
some returning the eviction scores too (the cases: ``tvm_cuda_cases.py``).
Per case it compares the output with an fp32 reference of the same mask (per
sequence, on the gathered keys): the error must stay within a few times the error of
torch SDPA with that mask run in the same low precision (in fp32, within 5e-5), the
lse within a small
absolute error of the fp32 log-sum-exp, and a row that sees no key must give o = 0
and lse = -inf exactly (outputs are poisoned with NaN before each run); eviction scores
within 2e-4 of a float64 reference (relative to the largest, at least 1), exactly 0
where no window row sees the key. Then it times
the kernel beside SDPA on the equivalent dense problem (padded, explicit mask).

Prints one ``PASS``/``FAIL`` line per case and one ``time`` line per timed case; a
failing case never stops the others (an error that loses the CUDA context reruns the
remaining cases in a fresh process). Exit status 0 when all pass, 1 when any fails,
2 when the check cannot run here.

The same cases run without a GPU through the kernels' CPU emulation
(``run_checks(EmulatedKernels(DIR/sm_90), device="cpu")``, see
``kvcc/codegen/tvm/cuda_emulate.py``): the tests do that on the committed artifacts.
"""

from __future__ import annotations

import os
import subprocess
import sys

from benchmarks.tvm_cuda_cases import CASES, Case, bias, reference, scores_reference, sdpa

LOST = "CUDA context lost"

def low(case: Case, q, k, v, vis):
    """The error floor of the case's low precision: SDPA in q's dtype with the mask (and
    the ALiBi bias as a float mask); with a softcap, which SDPA lacks, the fp32
    reference rounded to q's dtype."""
    import torch

    if case.softcap is not None:
        return reference(q, k, v, vis, case.softcap, case.slopes)[0].to(q.dtype)
    b = bias(q.shape[1], k.shape[1], case.slopes, q.device)
    if b is None:
        return sdpa(q, k, v, vis)
    m = b.masked_fill(~vis, float("-inf")).to(q.dtype)
    m[..., 0] = torch.where(vis.any(-1), m[..., 0], torch.zeros_like(m[..., 0]))
    return sdpa(q, k, v, m) * vis.any(-1)[..., None]


def check_scores(case: Case, o, lse, sc) -> tuple[bool, str]:
    """Eviction scores against the float64 reference: within 2e-4 of the largest score
    (at least 1), and exactly 0 where no window row sees the key and, over pages, past a
    sequence's keys."""
    import torch

    err, ok = 0.0, bool(torch.isfinite(sc).all())
    if case.kind.startswith(("paged", "chunk")):
        ok &= all(bool((sc[i, :, n:] == 0).all()) for i, n in enumerate(case.kl))
    for i, ((q, k, _, _, _), si) in enumerate(zip(case.sequences(o, lse), case.scores_of(sc))):
        vis = case.visible(i, q.shape[1], k.shape[1])
        ref = scores_reference(q, k, vis, case.score_window, case.softcap, case.slopes)
        if ref.numel():
            err = max(err, ((si.double() - ref).abs().max() / max(1.0, ref.abs().max())).item())
            ok &= bool((si[ref == 0] == 0).all())
    ok = ok and err <= 2e-4
    return ok, f"scores rel err {err:.2e}"


def check(case: Case, o, lse) -> tuple[bool, str]:
    import torch

    err = base = lse_err = 0.0
    ok = True
    for i, (q, k, v, oi, li) in enumerate(case.sequences(o, lse)):
        vis = case.visible(i, q.shape[1], k.shape[1])
        ref, ref_lse = reference(q, k, v, vis, case.softcap, case.slopes)
        empty = ~vis.any(-1).expand_as(ref_lse)
        if empty.any():  # rows that see no key: exactly 0 and -inf
            ok &= bool((oi[empty] == 0).all()) and bool(torch.isneginf(li[empty]).all())
        err = max(err, (oi.float() - ref).abs().max().item() if ref.numel() else 0.0)
        base = max(base, (low(case, q, k, v, vis).float() - ref).abs().max().item()
                   if ref.numel() else 0.0)
        full = ~empty
        if full.any():
            d = (li[full] - ref_lse[full]).abs().max().item()
            lse_err = max(lse_err, d / max(1.0, ref_lse[full].abs().max().item()))
        ok &= bool(torch.isfinite(oi).all())
    # float32: SDPA is no low-precision baseline there (its error is the reference's), so
    # the floor alone bounds the kernel's error (about 1e-6 expected)
    tol = 3 * base + (5e-5 if case.dtype == torch.float32 else 1e-3)
    ok = ok and err <= tol and lse_err <= 2e-3
    return ok, f"max err {err:.2e} (SDPA {base:.2e}, tol {tol:.2e}), rel lse err {lse_err:.2e}"


def _poison() -> None:
    """Fill free memory of torch's allocator with NaN, so unwritten outputs show."""
    import torch

    x = torch.full((64 << 20,), float("nan"), device="cuda")
    del x


def _bench(fn) -> float:
    """Median milliseconds of ``fn``."""
    import torch

    try:
        from triton.testing import do_bench

        return float(do_bench(fn, warmup=10, rep=50, return_mode="median"))
    except ImportError:
        start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
        fn()
        times = []
        for _ in range(20):
            start.record()
            fn()
            end.record()
            torch.cuda.synchronize()
            times.append(start.elapsed_time(end))
        return sorted(times)[len(times) // 2]


def _lost() -> bool:
    import torch

    try:
        torch.cuda.synchronize()
        return False
    except Exception:  # noqa: BLE001  (a sticky error: every later call fails)
        return True


def run_checks(kernels, cases=CASES, time_it: bool = False, report=None, device: str = "cuda"
               ) -> list[tuple[str, bool, str]]:
    """(label, ok, detail) per case, in order; stops after a case that loses the CUDA
    context (its detail then starts with :data:`LOST`). ``report(label, ok, detail)``
    sees each result as it comes; with ``time_it`` a timing line follows each case.
    ``device="cpu"`` runs the cases on CPU tensors, for the kernels' CPU emulation
    (``kvcc/codegen/tvm/cuda_emulate.py``, which poisons outputs itself)."""
    import torch
    import torch.nn.functional as F

    out: list[tuple[str, bool, str]] = []
    gen = torch.Generator(device=device).manual_seed(0)
    on_gpu = device != "cpu"
    for spec in cases:
        label = f"tvm-cuda {spec[0]} {spec[1]} (inputs)"
        try:
            case = Case(spec, gen, device)
            label = case.label()
            if on_gpu:
                _poison()
            res = case.run(kernels)
            if on_gpu:
                torch.cuda.synchronize()
            o, lse = res[:2]
            ok, detail = check(case, o, lse)
            if case.score_window is not None:
                ok_s, detail_s = check_scores(case, o, lse, res[2])
                ok, detail = ok and ok_s, f"{detail}, {detail_s}"
            if time_it:
                q, k, v, mask = case.dense()
                t_k = _bench(lambda c=case: c.run(kernels))
                t_s = _bench(lambda a=(q, k, v), m=mask: F.scaled_dot_product_attention(
                    *a, attn_mask=m, enable_gqa=True))
                what = " (attention and scores)" if case.score_window is not None else ""
                detail += (f"; time {t_k * 1e3:.1f} us{what}, SDPA {t_s * 1e3:.1f} us "
                           f"({t_s / t_k:.2f}x)")
        except Exception as e:  # noqa: BLE001  (one failing case does not hide the others)
            ok, detail = False, f"{type(e).__name__}: {e}"
            if on_gpu and _lost():
                detail = f"{LOST}: {detail}"
        out.append((label, ok, detail))
        if report is not None:
            report(label, ok, detail)
        if detail.startswith(LOST):
            break
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    start = 0
    if "--start" in argv:  # the rest of a run whose CUDA context was lost
        i = argv.index("--start")
        start, argv = int(argv[i + 1]), argv[:i] + argv[i + 2:]
    try:
        import torch

        from kvcc.codegen.tvm.cuda_launch import CudaKernels, CudaUnavailable
    except ImportError as e:
        print(f"tvm-cuda: SKIP ({e})")
        return 2
    root = argv[0] if argv else os.environ.get("KVCC_TVM_CUDA_DIR")
    if not torch.cuda.is_available():
        print("tvm-cuda: SKIP (no CUDA GPU)")
        return 2
    try:
        kernels = CudaKernels.from_dir(root)
    except (CudaUnavailable, OSError, ValueError) as e:
        print(f"tvm-cuda: SKIP ({e})")
        return 2
    if start == 0:
        print(f"tvm-cuda: {kernels.folder} ({kernels.manifest['arch']}, "
              f"built with TVM {kernels.manifest['tvm']}, {kernels.manifest['nvcc']})")

    def report(label: str, ok: bool, detail: str) -> None:
        print(f"{'PASS' if ok else 'FAIL'} {label}: {detail}", flush=True)

    results = run_checks(kernels, CASES[start:], time_it=True, report=report)
    ok = all(r[1] for r in results)
    done = start + len(results)
    if results and results[-1][2].startswith(LOST) and done < len(CASES):
        print(f"tvm-cuda: rerunning the {len(CASES) - done} remaining cases in a new process",
              flush=True)
        rc = subprocess.run([sys.executable, "-m", "benchmarks.tvm_cuda_check", str(root),
                             "--start", str(done)]).returncode
        ok = ok and rc == 0
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
