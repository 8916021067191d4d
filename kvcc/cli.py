"""The ``kvcc`` command line.

    kvcc opt FILE --pipeline "simplify-masks,split-kv{splits=4}" [--print-ir-after-all]
    kvcc explain FILE [--pipeline ...] [--sass]
    kvcc passes
    kvcc demo [--pipeline ...]
"""

from __future__ import annotations

import argparse
import sys

from kvcc.ir.parser import parse
from kvcc.ir.printer import print_module
from kvcc.ir.syntax import ParseError
from kvcc.ir.verifier import VerifyError, verify
from kvcc.passes import PASSES, PassError, Pipeline


def _opt(args: argparse.Namespace) -> int:
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


def _explain(args: argparse.Namespace) -> int:
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


def _passes(_: argparse.Namespace) -> int:
    for name, cls in sorted(PASSES.items()):
        doc = (cls.__module__ and sys.modules[cls.__module__].__doc__ or "").strip().splitlines()
        print(f"{name:<16} {doc[0] if doc else ''}")
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    ap = argparse.ArgumentParser(prog="kvcc", description="kvcc: a compiler for attention")
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("opt", help="parse IR, run a pipeline, print the result")
    p.add_argument("file", help="IR file, or - for stdin")
    p.add_argument("--pipeline", default="", help='e.g. "simplify-masks,split-kv{splits=4}"')
    p.add_argument("--print-ir-after-all", action="store_true", help="print IR after each pass "
                   "(to stderr)")
    p.add_argument("--no-verify", action="store_true", help="skip verification between passes")
    p.set_defaults(fn=_opt)
    p = sub.add_parser("explain", help="show the kernel spec, tile structure and generated "
                       "Triton source of each attention op")
    p.add_argument("file", help="IR file, or - for stdin")
    p.add_argument("--pipeline", default="simplify-masks")
    p.add_argument("--sass", action="store_true", help="also compile each kernel for sm_80 and "
                   "sm_90 (no GPU needed) and print its static profile: registers, spills, "
                   "shared memory, tensor-core and load instructions, SASS size, programs/SM")
    p.set_defaults(fn=_explain)
    sub.add_parser("passes", help="list the registered passes").set_defaults(fn=_passes)
    sub.add_parser("demo", help="run the demo (see `kvcc demo --help`)", add_help=False)
    if argv[:1] == ["demo"]:
        from kvcc.demo import main as demo_main

        return demo_main(argv[1:])
    args = ap.parse_args(argv)
    return args.fn(args)


if __name__ == "__main__":
    sys.exit(main())
