"""GPU check of kvcc's prebuilt TVM CUDA kernels (no TVM on the GPU machine).

The cubins are built on the development machine, where apache-tvm and nvcc are::

    python -m kvcc.codegen.tvm.cuda --out DIR

and DIR (``DIR/sm_80``, ``DIR/sm_90``) must be committed or carried to the GPU
machine. There::

    python -m benchmarks.tvm_cuda_check DIR      # or KVCC_TVM_CUDA_DIR=DIR

loads them through the CUDA driver (``kvcc/codegen/tvm/cuda_launch.py``), launches
the causal prefill and the GQA split-KV decode on fp16 and bf16 inputs, and compares
them with torch SDPA: the output's error against an fp32 reference must stay within
a few times the error of SDPA run in the same low precision, and the lse within a
small absolute error of the fp32 log-sum-exp. Prints one ok/FAIL line per case;
exit status 0 when all pass, 1 when any fails, 2 when the check cannot run here.
"""

from __future__ import annotations

import math
import os
import sys


def _ref(q, k, v, causal_offset: int | None):
    """fp32 attention and its lse; ``causal_offset``: key ``j`` visible to query ``i``
    when ``j <= i + offset`` (None: all keys)."""
    import torch

    g = q.shape[1] // k.shape[1]
    kf = k.float().repeat_interleave(g, dim=1)
    vf = v.float().repeat_interleave(g, dim=1)
    s = q.float() @ kf.transpose(-1, -2) / math.sqrt(q.shape[-1])
    if causal_offset is not None:
        i = torch.arange(q.shape[2], device=q.device)[:, None]
        j = torch.arange(k.shape[2], device=q.device)[None, :]
        s = s.masked_fill(j > i + causal_offset, float("-inf"))
    lse = torch.logsumexp(s, dim=-1)
    p = torch.softmax(s, dim=-1).nan_to_num(0.0)
    return p @ vf, lse


def _sdpa_lowp(q, k, v, causal_offset: int | None):
    import torch
    import torch.nn.functional as F

    mask = None
    if causal_offset is not None:
        i = torch.arange(q.shape[2], device=q.device)[:, None]
        j = torch.arange(k.shape[2], device=q.device)[None, :]
        mask = j <= i + causal_offset
    return F.scaled_dot_product_attention(q, k, v, attn_mask=mask, enable_gqa=True)


CASES = [
    # kind, dtype, B, Hq, Hk, S, L, D
    ("prefill", "float16", 2, 8, 8, 256, 256, 64),
    ("prefill", "bfloat16", 1, 8, 2, 300, 300, 128),
    ("prefill", "float16", 1, 4, 4, 100, 357, 128),  # chunk: bottom-right causal
    ("decode", "float16", 2, 32, 8, 1, 4096, 128),
    ("decode", "bfloat16", 3, 8, 8, 1, 1000, 64),
    ("decode", "bfloat16", 1, 16, 4, 1, 77, 128),
]


def run_checks(kernels, cases=CASES) -> list[tuple[str, bool, str]]:
    """(label, ok, detail) per case, against SDPA (outputs poisoned before each run)."""
    import torch

    out = []
    gen = torch.Generator(device="cuda").manual_seed(0)
    for kind, dt, b, hq, hk, s, length, d in cases:
        dtype = getattr(torch, dt)
        label = f"tvm-cuda {kind} {dt} B={b} Hq={hq} Hk={hk} S={s} L={length} D={d}"
        try:
            q = torch.randn(b, hq, s, d, device="cuda", dtype=dtype, generator=gen)
            k = torch.randn(b, hk, length, d, device="cuda", dtype=dtype, generator=gen)
            v = torch.randn(b, hk, length, d, device="cuda", dtype=dtype, generator=gen)
            off = (length - s) if kind == "prefill" else None
            if kind == "prefill":
                o, lse = kernels.prefill(q, k, v)
            else:
                o, lse = kernels.decode(q, k, v)
            torch.cuda.synchronize()
            ref, ref_lse = _ref(q, k, v, off)
            base = (_sdpa_lowp(q, k, v, off).float() - ref).abs().max().item()
            err = (o.float() - ref).abs().max().item()
            lse_err = (lse - ref_lse).abs().max().item()
            tol = 3 * base + 1e-3
            ok = err <= tol and lse_err <= 1e-3 * max(1.0, ref_lse.abs().max().item()) + 1e-3
            ok = ok and bool(torch.isfinite(o).all())
            out.append((label, ok, f"max err {err:.2e} (SDPA {base:.2e}, tol {tol:.2e}), "
                                   f"lse err {lse_err:.2e}"))
        except Exception as e:  # one failing case does not hide the others
            out.append((label, False, f"{type(e).__name__}: {e}"))
    return out


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
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
    print(f"tvm-cuda: {kernels.folder} ({kernels.manifest['arch']}, "
          f"built with TVM {kernels.manifest['tvm']}, {kernels.manifest['nvcc']})")
    results = run_checks(kernels)
    for label, ok, detail in results:
        print(f"{'ok  ' if ok else 'FAIL'} {label}: {detail}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
