"""Shared helpers for the TVM CUDA kernels' emulated tests: the committed artifacts, the
GPU check's module, and a copy of the committed sm_90 build with its source changed."""

from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
ART = ROOT / "benchmarks" / "tvm_cuda"  # the committed default set, per arch


def checks():
    """``benchmarks.tvm_cuda_check`` (its cases and ``run_checks``)."""
    sys.path.insert(0, str(ROOT))
    from benchmarks import tvm_cuda_check

    return tvm_cuda_check


def mutated_sm90(tmp_path: pathlib.Path, source: str) -> pathlib.Path:
    """An artifact folder of the committed sm_90 manifest and cubin with ``source`` as its
    ``kernels.cu`` (what the emulation compiles)."""
    bad = tmp_path / "sm_90"
    bad.mkdir()
    for name in ("manifest.json", "kernels.cubin"):
        (bad / name).write_bytes((ART / "sm_90" / name).read_bytes())
    (bad / "kernels.cu").write_text(source)
    return bad
