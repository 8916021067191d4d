"""Cold and warm start of one generated kernel, each in a fresh process (GPU).

Cold: empty kvcc and Triton caches, so the time covers emitting the source,
compiling it and the first launch (and, with an empty Triton cache, building
Triton's own launcher stub once, which a user pays once per machine). Warm: the
same caches again, so the source and binary come from disk.
Targets (issue 3): cold under 2 s, warm under 50 ms.
Run: ``python -m benchmarks.compile_time [OUT_DIR]``.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import tempfile

CHILD = r"""
import time, torch
import kvcc
q = torch.randn(2, 16, 1024, 128, device="cuda", dtype=torch.bfloat16)
k = torch.randn(2, 16, 1024, 128, device="cuda", dtype=torch.bfloat16)
torch.cuda.synchronize()
t0 = time.perf_counter()
kvcc.attention(q, k, k, mask=kvcc.masks.causal(), backend="triton")
torch.cuda.synchronize()
print((time.perf_counter() - t0) * 1e3)
"""


def measure() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as d:
        env = dict(os.environ, KVCC_CACHE_DIR=f"{d}/kvcc", TRITON_CACHE_DIR=f"{d}/triton")
        runs = []
        for _ in range(2):
            r = subprocess.run([sys.executable, "-c", CHILD], env=env, capture_output=True,
                               text=True)
            if r.returncode != 0:
                raise RuntimeError(f"compile-time child failed:\n{r.stderr[-3000:]}")
            runs.append(float(r.stdout.strip().splitlines()[-1]))
    return {"cold_first_call_ms": runs[0], "warm_first_call_ms": runs[1]}


def main() -> int:
    res = measure()
    print(f"first call, empty caches: {res['cold_first_call_ms']:.0f} ms (target < 2000); "
          f"with source and binary cached: {res['warm_first_call_ms']:.0f} ms (target < 50)")
    if len(sys.argv) > 1:
        pathlib.Path(sys.argv[1], "compile.json").write_text(json.dumps(res, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
