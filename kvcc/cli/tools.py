"""``kvcc env``, ``kvcc db ...`` and ``kvcc bench``."""

from __future__ import annotations

import argparse
import json
import os
import pathlib
import subprocess
import sys

import kvcc


def _environment() -> dict:
    """What ``kvcc env`` reports."""
    import torch

    from kvcc.autotune import lookup
    from kvcc.autotune.artifacts import ENV
    from kvcc.autotune.device import current_device, no_gpu_reason, version_of
    from kvcc.autotune.versions import versions

    info: dict = {"versions": versions() | {"tvm": version_of("apache-tvm")}}
    dev = current_device()
    if dev is None:
        info["gpu"] = None
        info["no_gpu"] = no_gpu_reason()
    else:
        info["gpu"] = {"name": dev.name, "capability": f"{dev.capability[0]}.{dev.capability[1]}",
                       "sm_count": dev.sm_count, "device_key": dev.key}
    device = torch.device("cuda") if dev is not None else torch.device("cpu")
    info["backends"] = _backends(device)
    info["aot"] = _aot()
    key = dev.key if dev is not None else None
    from kvcc.autotune.cpu import cpu_device

    cpu = cpu_device()
    info["cpu"] = None if cpu is None else {"name": cpu.name, "isa": cpu.isa, "cores": cpu.cores,
                                            "device_key": cpu.key}
    info["tuning_databases"] = {
        "shipped": str(lookup.DATA_DIR), "user": str(lookup.user_dir()),
        "this_gpu": [str(p) for p in lookup.sources(key)] if key else None,
        "this_cpu": [str(p) for p in lookup.sources(cpu.key)] if cpu else None}
    info["artifacts"] = os.environ.get(ENV) or None
    info["triton_interpret"] = os.environ.get("TRITON_INTERPRET") == "1"
    return info


def _backends(device) -> dict[str, str]:
    """Each backend: "yes" or why not, on ``device``."""
    from kvcc.backends import BACKENDS, BackendUnavailable, resolve

    out = {}
    for name in BACKENDS:
        if name == "auto":
            continue
        try:
            resolve(name, device)
            out[name] = f"yes ({device.type}" + (", Triton's interpreter)" if name == "triton"
                                                and device.type == "cpu" else ")")
        except (BackendUnavailable, ValueError) as e:
            out[name] = f"no: {e}"
    return out


def _aot() -> str:
    try:
        import triton  # noqa: F401

        from kvcc.codegen.triton.sass import cuobjdump
    except ImportError:
        return "no: Triton is not installed"
    try:
        cuobjdump()
        tools = "with cuobjdump (registers, spills)"
    except FileNotFoundError:
        tools = "without cuobjdump (no register counts)"
    return f"yes: kvcc compile builds cubins for sm_80/sm_90 with Triton's ptxas, {tools}"


def env(args: argparse.Namespace) -> int:
    info = _environment()
    if args.json:
        print(json.dumps(info, indent=1))
        return 0
    v = info["versions"]
    if info["gpu"] is None:
        print(f"GPU: none: {info['no_gpu']}. Generated kernels run here only under "
              "TRITON_INTERPRET=1 (Triton's CPU interpreter, fp32/fp16) or on the reference "
              "backend; kvcc compile still builds GPU kernels ahead of time; kvcc tune needs a GPU "
              "(kvcc tune --backend tvm tunes the CPU kernels).")
    else:
        g = info["gpu"]
        print(f"GPU: {g['name']} (compute capability {g['capability']}, {g['sm_count']} SMs); "
              f"tuning database key {g['device_key']}")
    print(f"versions: kvcc {v['kvcc']}, Python {v['python']}, torch {v['torch']} (CUDA "
          f"{v['cuda'] or 'none: CPU build'}), triton {v['triton'] or 'not installed'}, "
          f"tvm {v['tvm'] or 'not installed'}")
    print("backends here:")
    for name, state in info["backends"].items():
        print(f"  {name:<10} {state}")
    print(f"ahead-of-time compile: {info['aot']}")
    t = info["tuning_databases"]
    print(f"tuning databases: shipped {t['shipped']}, user {t['user']}"
          + ("" if t["this_gpu"] else " (GPU entries are read only on a GPU)"))
    if info["cpu"] is not None:
        c = info["cpu"]
        print(f"CPU: {c['name']} ({c['isa']}, {c['cores']} cores); TVM kernels' tuning database "
              f"key {c['device_key']} (kvcc tune --backend tvm)")
    print(f"prebuilt kernels ($KVCC_ARTIFACTS): {info['artifacts'] or 'none'}")
    if info["triton_interpret"]:
        print("TRITON_INTERPRET=1: Triton kernels run in the CPU interpreter")
    return 0


# ---------------------------------------------------------------- db


def _db_files() -> list[tuple[str, pathlib.Path]]:
    from kvcc.autotune import lookup

    out = []
    for where, d in (("shipped", lookup.DATA_DIR), ("user", lookup.user_dir())):
        for p in sorted(d.glob("*.json")) if d.is_dir() else []:
            out.append((where, p))
    return out


def _status(path: pathlib.Path) -> tuple[str, object]:
    from kvcc.autotune import db

    try:
        d = db.parse(path.read_text(encoding="utf-8"), path)
    except (ValueError, OSError, UnicodeDecodeError) as e:
        return f"unusable ({e})", None
    if d.device_key and d.device_key != path.stem:
        return f"mismatched (holds {d.device_key})", d
    return "ok", d


def db_ls(args: argparse.Namespace) -> int:
    files = _db_files()
    from kvcc.autotune import lookup

    print(f"shipped: {lookup.DATA_DIR}\nuser:    {lookup.user_dir()}")
    if not files:
        print("no tuning databases yet (kvcc tune writes the user's; the shipped ones come "
              "from measured GPU runs)")
        return 0
    for where, p in files:
        status, d = _status(p)
        n = len(d.entries) if d is not None else 0
        print(f"{where:<8} {p.stem:<40} {n:>5} entries  {status}")
    return 0


def _resolve(what: str | None) -> pathlib.Path | None:
    from kvcc.autotune import lookup
    from kvcc.autotune.device import current_device

    if what and (os.sep in what or what.endswith(".json")):
        return pathlib.Path(what)
    key = what
    if key is None:
        dev = current_device()
        if dev is None:
            return None
        key = dev.key
    for p in lookup.sources(key):
        if p.exists():
            return p
    return lookup.user_dir() / f"{key}.json"


def db_show(args: argparse.Namespace) -> int:
    from kvcc.autotune import db

    path = _resolve(args.what)
    if path is None:
        print("kvcc db show: no GPU here to name a database; give a file or a device key",
              file=sys.stderr)
        return 2
    if not path.exists():
        print(f"kvcc db show: {path}: no such database", file=sys.stderr)
        return 1
    try:
        d = db.parse(path.read_text(encoding="utf-8"), path)
    except (ValueError, OSError) as e:
        print(f"kvcc db show: {path}: {e}", file=sys.stderr)
        return 1
    print(f"{path}")
    for k, v in d.metadata.items():
        print(f"  {k}: {v}")
    print(f"{len(d.entries)} entries:")
    for eid in sorted(d.entries):
        e = d.entries[eid]
        dm = e.extra.get("default_ms")
        gain = f" ({dm / e.ms:.2f}x over heuristic)" if isinstance(dm, (int, float)) and dm else ""
        print(f"  {e.key} {e.bucket.text()} {e.backend} {e.triton}: {e.config.text()} "
              f"{e.ms * 1e3:.1f} us{gain}")
    return 0


def db_merge(args: argparse.Namespace) -> int:
    from kvcc.autotune import db

    into = pathlib.Path(args.into)
    entries, meta = [], None
    for src in args.sources:
        p = pathlib.Path(src)
        try:
            d = db.parse(p.read_text(encoding="utf-8"), p)
        except (ValueError, OSError) as e:
            print(f"kvcc db merge: {p}: {e}", file=sys.stderr)
            return 1
        if meta is not None and d.device_key != meta.get("device_key"):
            print(f"kvcc db merge: {p} is for {d.device_key}, the others for "
                  f"{meta.get('device_key')}: one device per database", file=sys.stderr)
            return 1
        meta = meta or d.metadata
        entries += d.entries.values()
    try:
        out = db.write(into, entries, meta or {})
    except (ValueError, OSError) as e:
        print(f"kvcc db merge: {e}", file=sys.stderr)
        return 1
    print(f"{into}: {len(out.entries)} entries ({len(entries)} merged from "
          f"{len(args.sources)} files)")
    return 0


def db_export(args: argparse.Namespace) -> int:
    from kvcc.autotune import db, lookup
    from kvcc.autotune.device import current_device

    key = args.device
    if key is None:
        dev = current_device()
        if dev is None:
            print("kvcc db export: no GPU here; name the device with --device KEY (kvcc db ls "
                  "lists them)", file=sys.stderr)
            return 2
        key = dev.key
    merged: dict = {}
    meta: dict = {}
    for p in reversed(lookup.sources(key)):  # lowest priority first, overridden by higher
        d = db.read(p, key)
        if d is not None:
            merged |= d.entries
            meta = d.metadata
    if not merged:
        print(f"kvcc db export: no entries for {key}", file=sys.stderr)
        return 1
    out = pathlib.Path(args.out)
    if out.exists():
        out.unlink()
    db.write(out, merged.values(), meta)
    print(f"{out}: {len(merged)} entries for {key}")
    return 0


# ---------------------------------------------------------------- bench


def bench(argv: list[str]) -> int:
    """``python -m benchmarks.run ARGS`` from the checkout kvcc was imported from."""
    root = pathlib.Path(kvcc.__file__).resolve().parents[1]
    if not (root / "benchmarks" / "run.py").is_file():
        print(f"kvcc bench: the benchmark suite is not here: it lives in kvcc's source checkout "
              f"(benchmarks/), which installed packages do not ship (looked in {root}). Run "
              "it from a clone: python -m benchmarks.run", file=sys.stderr)
        return 2
    env = dict(os.environ)
    env["PYTHONPATH"] = str(root) + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH")
                                     else "")
    return subprocess.call([sys.executable, "-m", "benchmarks.run", *argv], cwd=root, env=env)
