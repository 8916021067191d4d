"""Ahead-of-time compilation: the kernels of two attention calls (a causal prefill and a
GQA decode over a long cache) compiled for sm_80 (A100) and sm_90 (H100/H200) on a
machine without a GPU, with Triton's bundled ptxas. Prints each cubin's registers,
spills and shared memory, and writes the cubins and PTX to a directory.

    python examples/aot_compile.py [OUT_DIR]    # default: a temporary directory
"""

import pathlib
import sys
import tempfile

import torch

from kvcc import masks as M
from kvcc.codegen.triton.build import compile_aot_many
from kvcc.codegen.triton.emit import kernel_name
from kvcc.codegen.triton.spec import lower
from kvcc.frontend import lower_attention_call
from kvcc.ir import AttentionOp
from kvcc.passes import DEFAULT_PIPELINE, Pipeline

out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="kvcc-aot-"))
out.mkdir(parents=True, exist_ok=True)
bf = torch.bfloat16
# the calls, on meta tensors: only shapes and dtypes matter
calls = {
    "prefill_causal": (torch.empty(1, 16, 4096, 128, dtype=bf, device="meta"),
                       torch.empty(1, 16, 4096, 128, dtype=bf, device="meta"), M.causal(), False),
    "decode_gqa_split": (torch.empty(8, 32, 1, 128, dtype=bf, device="meta"),
                         torch.empty(8, 8, 32768, 128, dtype=bf, device="meta"), M.causal(), True),
}
specs = {}
for name, (q, k, mask, split) in calls.items():
    module = Pipeline.parse(DEFAULT_PIPELINE).run(lower_attention_call(q, k, k, mask=mask).module)
    op = next(o for o in module.walk() if isinstance(o, AttentionOp))
    specs[name] = lower(op, split=split)  # decode: the split-KV kernel and its merge
jobs, names = [], []
for name, spec in specs.items():
    for arch in (80, 90):
        for fn in [None] + ([kernel_name(spec) + "_merge"] if spec.split else []):
            jobs.append((spec, arch, fn))
            names.append(name + ("  (merge)" if fn else ""))
kernels = compile_aot_many(jobs)  # in child processes, one per core
print(f"{'call':<26} {'kernel':<40} {'arch':>5} {'regs':>5} {'spill B':>8} {'smem B':>7}")
for (_, arch, _), name, kern in zip(jobs, names, kernels):
    assert kern.cubin[:4] == b"\x7fELF", "a cubin is an ELF file"
    assert kern.arch == arch and kern.ptx.lstrip().startswith("//"), "PTX text"
    stem = out / f"{kern.name}.sm_{arch}"
    stem.with_suffix(".cubin").write_bytes(kern.cubin)
    stem.with_suffix(".ptx").write_text(kern.ptx)
    print(f"{name:<26} {kern.name:<40} sm_{arch:<3} {kern.registers!s:>5} {kern.stack!s:>8} "
          f"{kern.shared:>7}")
print(f"{len(kernels)} cubins and their PTX in {out}")
