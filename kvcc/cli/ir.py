"""The IR commands: ``kvcc opt``, ``kvcc explain FILE.kvcc``, ``kvcc passes``."""

from __future__ import annotations

import argparse
import sys

from kvcc.ir.parser import parse
from kvcc.ir.printer import print_module
from kvcc.ir.syntax import ParseError
from kvcc.ir.verifier import VerifyError, verify
from kvcc.passes import PASSES, PassError, Pipeline


def opt(args: argparse.Namespace) -> int:
    text = sys.stdin.read() if args.file == "-" else open(args.file, encoding="utf-8").read()
    try:
        module = verify(parse(text))
        out = Pipeline.parse(args.pipeline).run(
            module, verify_each=not args.no_verify,
            print_ir_after_all=(lambda s: print(s, file=sys.stderr)) if args.print_ir_after_all
            else False)
    except (ParseError, VerifyError, PassError, ValueError) as e:
        print(f"kvcc opt: error: {e}", file=sys.stderr)
        return 1
    sys.stdout.write(print_module(out))
    return 0


def explain(args: argparse.Namespace) -> int:
    """For each attention op after the pipeline: its KernelSpec, its tile structure
    (when lengths are static) and the generated Triton source."""
    from kvcc.codegen.triton.emit import emit
    from kvcc.codegen.triton.spec import UnsupportedAttention, lower
    from kvcc.ir.mask import is_structured
    from kvcc.ir.mask_tiles import Tile, classify_tiles
    from kvcc.ir.ops import AttentionOp
    from kvcc.ir.types import as_int

    text = sys.stdin.read() if args.file == "-" else open(args.file, encoding="utf-8").read()
    try:
        module = Pipeline.parse(args.pipeline).run(verify(parse(text)))
    except (ParseError, VerifyError, PassError, ValueError) as e:
        print(f"kvcc explain: error: {e}", file=sys.stderr)
        return 1
    for op in module.walk():
        if not isinstance(op, AttentionOp):
            continue
        print(f"// attention %{op.o.name}: mask {op.mask}")
        try:
            spec = lower(op)
        except UnsupportedAttention as e:
            print(f"//   not supported by the Triton backend: {e}\n")
            continue
        print("// KernelSpec " + spec.key() + ":\n" + "".join(f"//   {ln}\n"
                                                            for ln in spec.text().splitlines()))
        sq, skv = as_int(op.q.type.shape[2]), as_int(op.k.type.shape[2])
        if sq and skv and is_structured(op.mask) and spec.q_layout == spec.kv_layout == "dense":
            t = classify_tiles(op.mask, sq, skv, spec.block_m // spec.rows_per_q or 1, spec.block_n)
            n = {k.name.lower(): int((t == k).sum()) for k in Tile}
            print(f"// tiles {spec.block_m}x{spec.block_n}: {n['full']} full (no mask), "
                  f"{n['partial']} partial (masked), {n['empty']} empty (never loaded)")
        print(emit(spec))
        if args.sass:
            print(_static_profile(op, spec))
    return 0


def _static_profile(op, spec) -> str:
    """The kernel compiled for sm_80 and sm_90 (and with TMA loads on sm_90 where the op
    allows them), as a table of what the SASS says."""
    from dataclasses import replace

    from kvcc.codegen.triton.build import compile_aot_many
    from kvcc.codegen.triton.emit import kernel_name
    from kvcc.codegen.triton.sass import markdown
    from kvcc.codegen.triton.spec import lower, tma_eligible

    specs = [(spec, 80), (spec, 90)]
    if tma_eligible(op) and lower(op, tma=True).tma:
        specs.append((replace(spec, tma=True), 90))
    jobs = [(s, a, f) for s, a in specs
            for f in ((None, kernel_name(s) + "_merge") if s.split else (None,))]
    print(f"// compiling {len(jobs)} kernels for sm_80 and sm_90 ...", file=sys.stderr)
    try:
        kernels = compile_aot_many(jobs)
    except RuntimeError as e:
        return f"// static profile unavailable: {e}"
    rows = [replace(k.profile, name=("tma " if s.tma else "") + (f or "attention").split("_")[-1])
            for (s, _, f), k in zip(jobs, kernels) if k.profile is not None]
    if not rows:
        return "// static profile unavailable: cuobjdump (shipped with Triton) was not found"
    return "\n".join("// " + ln for ln in markdown(rows, "static profile (SASS)").splitlines())


def passes(_: argparse.Namespace) -> int:
    for name, cls in sorted(PASSES.items()):
        doc = (cls.__module__ and sys.modules[cls.__module__].__doc__ or "").strip().splitlines()
        print(f"{name:<16} {doc[0] if doc else ''}")
    return 0
