"""GPU check of kvcc's prebuilt TVM CUDA kernels (no TVM on the GPU machine).

The cubins are built on the development machine, where apache-tvm and nvcc are::

    python -m kvcc.codegen.tvm.cuda --out DIR

and DIR (``DIR/sm_80``, ``DIR/sm_90``) must be committed or carried to the GPU
machine. There::

    python -m benchmarks.tvm_cuda_check DIR      # or KVCC_TVM_CUDA_DIR=DIR

loads them through the CUDA driver (``kvcc/codegen/tvm/cuda_launch.py`` over
``cuda_driver.py``) and runs every kernel kind on fp16 and bf16 inputs: dense prefill
and decode, paged decode (pages gathered through a shuffled block table, sequences of
different lengths, an empty one), packed (varlen) prefill (an empty sequence, more
queries than keys), each causal and with a sliding window, with and without sinks.
Per case it compares the output with an fp32 reference of the same mask (per
sequence, on the gathered keys): the error must stay within a few times the error of
torch SDPA with that mask run in the same low precision, the lse within a small
absolute error of the fp32 log-sum-exp, and a row that sees no key must give o = 0
and lse = -inf exactly (outputs are poisoned with NaN before each run). Then it times
the kernel beside SDPA on the equivalent dense problem (padded, explicit mask).

Prints one ``PASS``/``FAIL`` line per case and one ``time`` line per timed case; a
failing case never stops the others (an error that loses the CUDA context reruns the
remaining cases in a fresh process). Exit status 0 when all pass, 1 when any fails,
2 when the check cannot run here.
"""

from __future__ import annotations

import math
import os
import subprocess
import sys

LOST = "CUDA context lost"
# kind, dtype, Hq, Hk, D, per-sequence query and key lengths, window, sinks, and
# optionally a softcap (float) and ALiBi (True: the standard slopes of kvcc's ``alibi``)
# (decode and paged: one query per sequence; window None: causal)
CASES = [
    ("prefill", "float16", 8, 8, 64, [256, 256], [256, 256], None, 0),
    ("prefill", "bfloat16", 8, 2, 128, [300], [300], None, 0),
    ("prefill", "float16", 4, 4, 128, [100], [357], None, 0),  # chunk: bottom-right causal
    ("prefill", "float16", 8, 2, 128, [500], [500], 100, 0),
    ("prefill", "bfloat16", 4, 4, 64, [300, 300], [700, 700], 96, 4),
    ("prefill", "float16", 4, 2, 64, [200], [150], 40, 3),  # rows before key 0: sinks only
    ("decode", "float16", 32, 8, 128, [1, 1], [4096, 4096], None, 0),
    ("decode", "bfloat16", 8, 8, 64, [1, 1, 1], [1000, 1000, 1000], None, 0),
    ("decode", "bfloat16", 16, 4, 128, [1], [77], None, 0),
    ("decode", "float16", 32, 8, 128, [1, 1], [4096, 4096], 1000, 4),
    ("decode", "bfloat16", 8, 8, 64, [1], [1000], 130, 0),
    ("paged16", "float16", 32, 8, 128, [1] * 4, [1, 77, 1000, 4096], None, 0),
    ("paged32", "bfloat16", 8, 2, 64, [1] * 3, [513, 0, 64], 200, 4),
    ("paged16", "float16", 8, 1, 128, [1] * 2, [300, 2000], 256, 0),
    ("varlen", "float16", 8, 2, 128, [100, 1, 0, 300], [100, 500, 7, 300], None, 0),
    ("varlen", "bfloat16", 4, 4, 64, [64, 200], [1000, 200], 128, 4),
    ("varlen", "float16", 4, 2, 64, [50, 10], [0, 5], 3, 0),  # no keys; more queries than keys
    ("prefill", "bfloat16", 8, 2, 128, [200], [260], None, 0, 30.0, False),  # Gemma-2 softcap
    ("prefill", "float16", 8, 8, 64, [150], [150], 64, 2, None, True),  # ALiBi
    ("decode", "float16", 16, 4, 128, [1, 1], [900, 900], None, 0, 50.0, True),
    ("paged16", "bfloat16", 8, 2, 64, [1] * 3, [1, 300, 700], 256, 4, None, True),
    ("varlen", "float16", 8, 2, 64, [70, 1, 120], [70, 33, 400], None, 0, 20.0, True),
]


def visible(s: int, length: int, window: int | None, sinks: int, device):
    """``[s, length]``: key ``j`` visible to query ``i`` (position ``i + length - s``)."""
    import torch

    p = torch.arange(s, device=device)[:, None] + (length - s)
    j = torch.arange(length, device=device)[None, :]
    w = length + s + 1 if window is None else window
    return (j < sinks) | ((j <= p) & (j > p - w))


def bias(s: int, length: int, slopes, device):
    """``[Hq, s, length]``: the ALiBi bias ``-slope * |p - j|`` (query ``i`` at key
    position ``p = i + length - s``), or None without slopes."""
    import torch

    if slopes is None:
        return None
    p = torch.arange(s, device=device)[:, None] + (length - s)
    j = torch.arange(length, device=device)[None, :]
    return -torch.tensor(slopes, device=device)[:, None, None] * (p - j).abs().float()


def reference(q, k, v, vis, softcap=None, slopes=None):
    """fp32 attention and its natural-log lse: q ``[Hq, S, D]``, K/V ``[Hk, L, D]``;
    scores soft-capped (``softcap``), then ALiBi (``slopes``, one per query head)."""
    import torch

    g = q.shape[0] // k.shape[0]
    kf, vf = k.float().repeat_interleave(g, 0), v.float().repeat_interleave(g, 0)
    s = (q.float() @ kf.transpose(-1, -2)) / math.sqrt(q.shape[-1])
    if softcap is not None:
        s = softcap * torch.tanh(s / softcap)
    b = bias(q.shape[1], k.shape[1], slopes, q.device)
    if b is not None:
        s = s + b
    s = s.masked_fill(~vis, float("-inf"))
    return torch.softmax(s, dim=-1).nan_to_num(0.0) @ vf, torch.logsumexp(s, dim=-1)


def sdpa(q, k, v, vis):
    """SDPA in q's dtype with the boolean mask (a row with no key: 0)."""
    import torch
    import torch.nn.functional as F

    if k.shape[-2] == 0:
        return torch.zeros_like(q)
    return F.scaled_dot_product_attention(q[None], k[None], v[None], attn_mask=vis,
                                          enable_gqa=True)[0].nan_to_num(0.0)


class Case:
    """One case's inputs, the launch, and its sequences in ``[H, S, D]`` form."""

    def __init__(self, spec, gen, device="cuda"):
        import torch

        self.kind, dt, self.hq, self.hk, self.d, self.ql, self.kl, self.window, self.sinks = spec[:9]
        self.softcap, alibi = (spec[9:] + (None, False))[:2]
        from kvcc.ir.formats import Alibi

        self.slopes = Alibi().slopes(self.hq) if alibi else None
        self.dtype = getattr(torch, dt)
        b = len(self.ql)
        self.device = device
        rnd = lambda *s: torch.randn(*s, device=device, dtype=self.dtype, generator=gen)  # noqa: E731
        if self.kind in ("prefill", "decode"):
            s, n = self.ql[0], self.kl[0]
            self.q, self.k, self.v = rnd(b, self.hq, s, self.d), rnd(b, self.hk, n, self.d), \
                rnd(b, self.hk, n, self.d)
        elif self.kind.startswith("paged"):
            self.page = int(self.kind[5:])
            need = [-(-n // self.page) for n in self.kl]
            total = sum(need) + 3
            self.k, self.v = (rnd(total, self.page, self.hk, self.d) for _ in range(2))
            perm = torch.randperm(total, generator=torch.Generator().manual_seed(1)).tolist()
            self.bt = torch.zeros(b, max(1, max(need)), dtype=torch.int32)
            for i, c in enumerate(need):
                self.bt[i, :c] = torch.tensor(perm[:c], dtype=torch.int32)
                perm = perm[c:]
            self.bt = self.bt.to(device)
            self.kvl = torch.tensor(self.kl, dtype=torch.int32, device=device)
            self.q = rnd(b, self.hq, self.d)
        else:
            self.q = rnd(sum(self.ql), self.hq, self.d)
            self.k, self.v = (rnd(sum(self.kl), self.hk, self.d) for _ in range(2))
            cu = lambda x: torch.tensor([0, *x], device=device).cumsum(0).to(torch.int32)  # noqa: E731
            self.cuq, self.cuk = cu(self.ql), cu(self.kl)

    def label(self) -> str:
        mask = ("causal" if self.window is None else f"window {self.window}") + \
            (f" + sinks {self.sinks}" if self.sinks else "") + \
            (f", softcap {self.softcap:g}" if self.softcap else "") + \
            (", ALiBi" if self.slopes else "")
        return (f"tvm-cuda {self.kind} {str(self.dtype)[6:]} Hq={self.hq} Hk={self.hk} "
                f"D={self.d} q={self.ql} kv={self.kl} {mask}")

    def run(self, ks):
        m = {"window": self.window, "sinks": self.sinks, "softcap": self.softcap,
             "alibi_slopes": self.slopes}
        if self.kind == "prefill":
            return ks.prefill(self.q, self.k, self.v, **m)
        if self.kind == "decode":
            return ks.decode(self.q, self.k, self.v, **m)
        if self.kind.startswith("paged"):
            return ks.paged_decode(self.q, self.k, self.v, self.bt, self.kvl, **m)
        return ks.varlen_prefill(self.q, self.k, self.v, self.cuq, self.cuk, max(self.ql), **m)

    def sequences(self, o, lse):
        """Per sequence: (q, k, v, o, lse) as ``[H, S, D]`` / ``[H, S]``."""
        out, q0, k0 = [], 0, 0
        for i, (s, n) in enumerate(zip(self.ql, self.kl)):
            if self.kind in ("prefill", "decode"):
                out.append((self.q[i], self.k[i], self.v[i], o[i], lse[i]))
            elif self.kind.startswith("paged"):
                pages = self.bt[i, :-(-n // self.page)].long()
                k, v = (t[pages].flatten(0, 1)[:n].transpose(0, 1) for t in (self.k, self.v))
                out.append((self.q[i][:, None], k, v, o[i][:, None], lse[i][:, None]))
            else:
                q, oi, li = (t[q0:q0 + s].transpose(0, 1) for t in (self.q, o, lse))
                k, v = (t[k0:k0 + n].transpose(0, 1) for t in (self.k, self.v))
                out.append((q, k, v, oi, li))
            q0, k0 = q0 + s, k0 + n
        return out

    def dense(self):
        """The problem padded to dense ``[B, H, S, D]`` with a ``[B, 1, S, L]`` mask, for
        timing SDPA beside the kernel."""
        import torch

        seqs = self.sequences(*self.run_shapes())
        s, n = max(x[0].shape[1] for x in seqs), max(1, max(x[1].shape[1] for x in seqs))
        b = len(seqs)
        q = torch.zeros(b, self.hq, s, self.d, device=self.device, dtype=self.dtype)
        k = torch.zeros(b, self.hk, n, self.d, device=self.device, dtype=self.dtype)
        v, mask = torch.zeros_like(k), torch.zeros(b, 1, s, n, device=self.device, dtype=torch.bool)
        for i, (qi, ki, vi, _, _) in enumerate(seqs):
            si, ni = qi.shape[1], ki.shape[1]
            q[i, :, :si], k[i, :, :ni], v[i, :, :ni] = qi, ki, vi
            mask[i, 0, :si, :ni] = visible(si, ni, self.window, self.sinks, self.device)
        mask[..., 0] |= ~mask.any(-1)  # SDPA's kernels need a key per row
        return q, k, v, mask

    def run_shapes(self):
        import torch

        if self.kind in ("prefill", "decode"):
            o = torch.empty_like(self.q)
            return o, o[..., 0].float()
        return torch.empty_like(self.q), self.q[..., 0].float()


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


def check(case: Case, o, lse) -> tuple[bool, str]:
    import torch

    err = base = lse_err = 0.0
    ok = True
    for q, k, v, oi, li in case.sequences(o, lse):
        vis = visible(q.shape[1], k.shape[1], case.window, case.sinks, q.device)
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
    tol = 3 * base + 1e-3
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
            o, lse = case.run(kernels)
            if on_gpu:
                torch.cuda.synchronize()
            ok, detail = check(case, o, lse)
            if time_it:
                q, k, v, mask = case.dense()
                t_k = _bench(lambda c=case: c.run(kernels))
                t_s = _bench(lambda a=(q, k, v), m=mask: F.scaled_dot_product_attention(
                    *a, attn_mask=m, enable_gqa=True))
                detail += f"; time {t_k * 1e3:.1f} us, SDPA {t_s * 1e3:.1f} us ({t_s / t_k:.2f}x)"
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
