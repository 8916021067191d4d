"""The ``kvcc`` command line.

    kvcc opt FILE --pipeline "simplify-masks,split-kv{splits=4}" [--print-ir-after-all]
    kvcc explain FILE.kvcc [--pipeline ...] [--sass]      IR: specs, tiles, source
    kvcc explain SPEC.toml [--target cuda:90] [--db PATH] a SPEC: IR per pass, specs,
                                                          tiles, source, roofline, tuned config
    kvcc passes
    kvcc env [--json]                                     device, versions, backends here
    kvcc compile SPEC --target cuda:90 --out DIR          ahead of time, no GPU needed
                 [--backend tvm [--skip-unsupported]]     (Triton, or TVM CUDA kernels)
    kvcc tune SPEC [--db PATH] [--budget S] [--dry-run]   measure on a GPU, record
    kvcc db ls | show | merge | export                    the tuning databases
    kvcc bench [ARGS ...]                                 python -m benchmarks.run (checkout)
    kvcc demo [--pipeline ...]

SPEC files are TOML (:mod:`kvcc.autotune.specfile` documents them; examples in
``examples/specs/``).
"""

from __future__ import annotations

import argparse
import sys

from kvcc.cli import ir

BENCH_HELP = """\
usage: kvcc bench [ARGS ...]

Run kvcc's benchmark suite (python -m benchmarks.run ARGS) from the source checkout
this kvcc was imported from; installed packages do not ship benchmarks/. On a GPU it
times kvcc against SDPA and FlexAttention on the anchor shapes; without one, pass
--cpu-tiny (tiny shapes under the Triton interpreter, the CI mode). Its options:
--cpu-tiny, --only P1,D1, --out DIR, --budget-s S (see python -m benchmarks.run --help).
"""


def _parser() -> argparse.ArgumentParser:
    fmt = argparse.RawDescriptionHelpFormatter
    ap = argparse.ArgumentParser(prog="kvcc", description="kvcc: a compiler for attention",
                                 formatter_class=fmt)
    sub = ap.add_subparsers(dest="cmd", required=True, metavar="COMMAND")
    p = sub.add_parser("opt", help="parse IR, run a pipeline, print the result")
    p.add_argument("file", help="IR file, or - for stdin")
    p.add_argument("--pipeline", default="", help='e.g. "simplify-masks,split-kv{splits=4}"')
    p.add_argument("--print-ir-after-all", action="store_true", help="print IR after each pass "
                   "(to stderr)")
    p.add_argument("--no-verify", action="store_true", help="skip verification between passes")
    p.set_defaults(fn=ir.opt)

    p = sub.add_parser(
        "explain", formatter_class=fmt,
        help="show what kvcc makes of an IR file (.kvcc) or a SPEC (.toml)",
        description="For an IR file (FILE.kvcc, or - for stdin): each attention op's kernel "
        "spec, tile structure and generated Triton source after --pipeline.\n"
        "For a SPEC (FILE.toml): per configuration, the IR after each pass of its pipeline; "
        "per kernel, the KernelSpec, the tile structure, the generated source, the roofline "
        "estimate of every problem on --target, and the tuned configuration it would use "
        "(from --db, or this GPU's databases).")
    p.add_argument("file", help="IR file (.kvcc, or - for stdin) or SPEC file (.toml)")
    p.add_argument("--pipeline", default="simplify-masks", help="IR files: the pipeline to run")
    p.add_argument("--sass", action="store_true", help="also compile each kernel for sm_80 and "
                   "sm_90 (no GPU needed) and print its static profile: registers, spills, "
                   "shared memory, tensor-core and load instructions, SASS size, programs/SM")
    p.add_argument("--target", default="cuda:90", help="SPEC files: the GPU architecture of "
                   "the kernels and the roofline (default cuda:90: H100/H200)")
    p.add_argument("--db", help="SPEC files: a tuning database to look tuned configurations up in")
    p.set_defaults(fn=_explain)

    sub.add_parser("passes", help="list the registered passes").set_defaults(fn=ir.passes)

    p = sub.add_parser(
        "env", help="this machine: GPU and its database key, versions, which backends work",
        description="Print the GPU (its name, compute capability, SM count and tuning database "
        "key) or say plainly that there is none and why; the versions of kvcc, Python, torch "
        "(and its CUDA), Triton and TVM; which backends run here and why not; whether "
        "ahead-of-time compilation works; the tuning databases and artifacts in use.")
    p.add_argument("--json", action="store_true", help="print the same as JSON")
    p.set_defaults(fn=_tools("env"))

    p = sub.add_parser(
        "compile", formatter_class=fmt,
        help="compile a SPEC's kernels ahead of time (no GPU needed)",
        description="Compile every kernel the SPEC's problems launch for --target, without "
        "a GPU.\n\n"
        "--backend triton (default): per kernel its cubin and PTX, the generated source and "
        "Triton's launch metadata, and a manifest.json naming them with their hashes. Load "
        "them at run time with kvcc.load_artifacts(DIR) or KVCC_ARTIFACTS=DIR: matching "
        "kernels launch the cubins instead of compiling.\n\n"
        "--backend tvm: the TVM CUDA kernels the problems need (TVM + nvcc), in one cubin: "
        "DIR/sm_<arch>/ holds kernels.cu, kernels.cubin and the TVM manifest, DIR/"
        "manifest.json the SPEC, versions, hashes and the problems of each kernel; on the "
        "GPU, CudaKernels.from_dir(DIR) (kvcc.codegen.tvm.cuda_launch) or "
        "KVCC_TVM_CUDA_DIR=DIR. It compiles f16, bf16 and f32 attention at head dims 32 to "
        "256 (multiples of 16), for "
        "cuda:80 and cuda:90: dense decode (q_len 1, GQA group 1, 2, 4, 8 or 16; up to 4 "
        "above head dim 128) and prefill, "
        "paged decode and prefill (a KVCache step, page size 16 or 32, plain or any "
        "kv_format) and packed (varlen) prefill, with a softcap, under causal, "
        "sliding_window(w) and sinks(n) | sliding_window(w) masks (run-time sizes) and any "
        "other mask kvcc's algebra writes without run-time tensors (compiled into a "
        "kernel of its own; a SPEC names no document-id or page-selection tensors). "
        "Other configurations (quantized dense or packed K/V, other head dims, page "
        "sizes or groups, passes that change the result) are refused "
        "before anything is built, "
        "naming the file, configuration and feature; --skip-unsupported leaves them out and "
        "lists them.\n\n"
        "The directory is replaced only when every kernel compiled.")
    p.add_argument("spec", help="SPEC file (.toml)")
    p.add_argument("--target", required=True, help="cuda:90 (H100, H200) or cuda:80 (A100)")
    p.add_argument("--backend", default="triton", help="code generator: triton (default) or "
                   "tvm (TVM CUDA kernels; see above for the configurations it takes)")
    p.add_argument("--skip-unsupported", action="store_true", help="--backend tvm: leave out "
                   "the problems its kernels cannot run (listed in the output and the "
                   "manifest) instead of refusing the SPEC")
    p.add_argument("--out", required=True, help="output directory")
    p.add_argument("--db", help="triton: take tiles from this tuning database, as planning on "
                   "the GPU will (use the database that GPU reads, or the kernels will not "
                   "match; default: heuristic tiles)")
    p.add_argument("--python", help="triton: compile with this Python's Triton (e.g. the GPU "
                   "machine's triton 3.6: artifacts load only under the Triton that built them)")
    p.add_argument("--jobs", type=int, help="triton: compiler processes (default: one per "
                   "core, <= 16)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(fn=_spec("compile"))

    p = sub.add_parser(
        "tune", formatter_class=fmt, help="tune a SPEC's kernels on this GPU and record them",
        description="On a GPU: per problem of the SPEC, compile the candidate configurations "
        "(tiles, warps, stages, TMA or pointer loads) ahead of time, drop those that overflow "
        "shared memory or spill, rank the rest with a roofline model, measure the best with "
        "do_bench medians over rotating inputs, try split counts, and record the fastest in "
        "the tuning database (--db, else the user's database for this GPU), within --budget "
        "seconds. Without a GPU it checks the SPEC and exits with status 2; --dry-run then "
        "ranks the candidates for --target without measuring.\n"
        "With --backend tvm, on this CPU: per problem the TVM kernel's tiles are searched one "
        "field at a time (keys per tile, query rows, register blocks; then decode split "
        "counts), each candidate built and timed (medians over rotating inputs, checked "
        "against the heuristic tiles' output), and the fastest recorded in this CPU's "
        "database, which TVM kernels then read (kvcc env names its key).")
    p.add_argument("spec", help="SPEC file (.toml)")
    p.add_argument("--backend", default="triton", choices=("triton", "tvm"),
                   help="triton: the GPU kernels (default); tvm: the TVM kernels on this CPU")
    p.add_argument("--db", help="database file to write (default: the user's for this GPU, "
                   "or this CPU with --backend tvm)")
    p.add_argument("--budget", type=float, default=600.0, help="seconds for the whole run "
                   "(default 600); no measurement starts after it")
    p.add_argument("--top", type=int, default=6, help="ranked candidates measured per problem")
    p.add_argument("--dry-run", action="store_true", help="rank candidates without measuring "
                   "(no GPU needed); with --compile, compile them first to prune")
    p.add_argument("--compile", action="store_true", help="with --dry-run: compile candidates "
                   "for --target to prune by spills and shared memory (slow on a CPU)")
    p.add_argument("--target", default="cuda:90", help="with --dry-run: the architecture")
    p.add_argument("--python", help="compile candidates with this Python's Triton")
    p.add_argument("--jobs", type=int, help="compiler processes (default: one per core, <= 16)")
    p.add_argument("--no-progress", action="store_true", help="no progress bars")
    p.set_defaults(fn=_spec("tune"))

    p = sub.add_parser(
        "db", formatter_class=fmt, help="list, show, merge and export tuning databases",
        description="ls: the database files kvcc reads (shipped, user, this GPU's), with their "
        "device, entry count and status.\nshow [FILE|DEVICE_KEY]: a database's metadata and "
        "entries.\nmerge SRC ... --into DST: merge entries into DST (locked, atomic).\n"
        "export --out FILE [--device KEY]: write the entries kvcc would use for a device "
        "(user over shipped) into one file, e.g. to ship it in kvcc/autotune/data/.")
    dsub = p.add_subparsers(dest="db_cmd", required=True, metavar="ACTION")
    q = dsub.add_parser("ls", help="list the database files kvcc reads")
    q.set_defaults(fn=_tools("db_ls"))
    q = dsub.add_parser("show", help="print a database's metadata and entries")
    q.add_argument("what", nargs="?", help="a file, or a device key (default: this GPU's)")
    q.set_defaults(fn=_tools("db_show"))
    q = dsub.add_parser("merge", help="merge databases into one (locked, atomic)")
    q.add_argument("sources", nargs="+", help="database files to merge")
    q.add_argument("--into", required=True, help="the database file to merge into")
    q.set_defaults(fn=_tools("db_merge"))
    q = dsub.add_parser("export", help="write the entries kvcc uses for a device to one file")
    q.add_argument("--device", help="device key (default: this GPU's)")
    q.add_argument("--out", required=True, help="file to write")
    q.set_defaults(fn=_tools("db_export"))

    sub.add_parser("bench", help="run the benchmark suite (python -m benchmarks.run; source "
                   "checkout only)", add_help=False)
    sub.add_parser("demo", help="run the demo (see `kvcc demo --help`)", add_help=False)
    return ap


def _explain(args: argparse.Namespace) -> int:
    if args.file.endswith(".toml"):
        return _spec("explain")(args)
    return ir.explain(args)


def _spec(name: str):
    def run(args: argparse.Namespace) -> int:
        from kvcc.cli import spec

        return getattr(spec, name)(args)
    return run


def _tools(name: str):
    def run(args: argparse.Namespace) -> int:
        from kvcc.cli import tools

        return getattr(tools, name)(args)
    return run


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["demo"]:
        from kvcc.demo import main as demo_main

        return demo_main(argv[1:])
    if argv[:1] == ["bench"]:
        if argv[1:2] in (["-h"], ["--help"]):
            print(BENCH_HELP, end="")
            return 0
        from kvcc.cli.tools import bench

        return bench(argv[1:])
    args = _parser().parse_args(argv)
    return args.fn(args)


__all__ = ["main"]
