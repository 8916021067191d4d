#!/usr/bin/env bash
# The one-run GPU check (see ../shared/design/gpu.md): bf16/fp16 correctness of the
# generated kernels (the checks behind the GPU-marked tests, run without pytest,
# which the GPU machine may lack; the KVCache append + attend path and a decode step
# captured in a CUDA graph included), cold/warm compile times, host time per call
# against SDPA, then the benchmark suite against the anchors, then kvcc tune on the
# anchors' shapes with the time left. Runs from a plain checkout with what the GPU machine
# has (torch 2.11, triton 3.6, Python 3.12):
#   OUT=/some/dir bash benchmarks/gpu_check.sh
# Writes results.json, results.md (and plots when matplotlib is present) to $OUT,
# and prints the table last. KVCC_GPU_TESTS=1 also runs the kernel test suite on
# the GPU (fp32, every path; pytest and, for speed, pytest-xdist there).
# Budget: about 8 minutes on an H100 or H200 (no benchmark starts after 420 s;
# one already started finishes). Then, on the development machine:
# python -m benchmarks.archive $OUT (files the run under
# benchmarks/results/<gpu>-<date>/ and updates the README; plots from
# python -m benchmarks.plot when the GPU machine had no matplotlib).
set -uo pipefail
cd "$(dirname "$0")/.."
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
export KVCC_CACHE_DIR="${KVCC_CACHE_DIR:-$PWD/.kvcc-cache}"
OUT="${OUT:-benchmarks/results/latest}"
mkdir -p "$OUT"
PY="${PYTHON:-python3}"
start=$(date +%s)
if ! "$PY" -c "import numpy, sympy, networkx" 2>/dev/null; then
    echo "gpu_check: kvcc needs numpy, sympy and networkx on this machine" >&2
    exit 2
fi
"$PY" -c "import torch, triton; print('torch', torch.__version__, 'triton', triton.__version__, torch.cuda.get_device_name())"
KVCC_DEBUG_POISON=1 "$PY" -m benchmarks.gpu_correctness 2>&1 | tee "$OUT/correctness.txt"
rc_correct=${PIPESTATUS[0]}
if [ "$rc_correct" -eq 3 ]; then
    echo "gpu_check: every correctness case failed; skipping the benchmarks" >&2
    exit 1
fi
# TVM's CUDA kernels, built ahead of time on the development machine (no TVM here):
# python -m kvcc.codegen.tvm.cuda --out benchmarks/tvm_cuda, committed
TVM_CUDA_DIR="${KVCC_TVM_CUDA_DIR:-benchmarks/tvm_cuda}"
if [ -d "$TVM_CUDA_DIR" ]; then
    # 83 cases (every kernel kind and KV format, dense and paged, eviction scores, streaming
    # heads, compiled-in masks and page selections, head dims 64 to 256,
    # f32), each checked and timed: well under the limit, which only keeps a hung launch
    # from eating the benchmarks' time
    timeout 150 "$PY" -m benchmarks.tvm_cuda_check "$TVM_CUDA_DIR" 2>&1 | tee "$OUT/tvm_cuda.txt"
fi
if [ "${KVCC_GPU_TESTS:-0}" = 1 ]; then
    # Opt-in: the kernel test suite (every layout, mask and split path, fp32) on real
    # hardware instead of the interpreter; its time comes out of the benchmarks' budget.
    xdist=$("$PY" -c "import xdist" 2>/dev/null && echo "-n 8")
    timeout 240 "$PY" -m pytest -q -p no:cacheprovider $xdist tests/test_triton_kernels.py \
        tests/test_api.py 2>&1 | tail -40 | tee "$OUT/tests.txt"
fi
"$PY" -m benchmarks.compile_time "$OUT" 2>&1 | tee "$OUT/compile.txt"
"$PY" -m benchmarks.host_overhead --out "$OUT" 2>&1 | tee "$OUT/host_overhead.txt"
# the benchmarks, leaving 90 s for tuning the anchors' shapes (kvcc tune) at the end
budget=$((330 - ($(date +%s) - start)))
[ "$budget" -lt 60 ] && budget=60  # benchmarks.run reads 0 as no limit
"$PY" -m benchmarks.run --out "$OUT" --budget-s "$budget" 2>&1 \
    | tee "$OUT/bench.log"
rc_bench=${PIPESTATUS[0]}
tune=$((450 - ($(date +%s) - start)))
if [ "$tune" -ge 45 ]; then  # measured tile configs for kvcc/autotune/data (autotune/README.md)
    OUT="$OUT/tuning" BUDGET="$tune" bash autotune/tune_gpu.sh 2>&1 | tail -30 \
        | tee "$OUT/tuning.txt"
fi
echo "gpu_check: correctness rc=$rc_correct, benchmarks rc=$rc_bench, $(( $(date +%s) - start ))s"
echo
cat "$OUT/results.md" 2>/dev/null  # the table last
[ "$rc_correct" -eq 0 ] && [ "$rc_bench" -eq 0 ]
