"""``kvcc compile SPEC --backend tvm``: the TVM CUDA kernels a SPEC's problems launch,
built ahead of time for one architecture (no GPU needed).

Each problem maps to kernels of :mod:`kvcc.codegen.tvm.cuda_kernels`, the ones
:class:`~kvcc.codegen.tvm.cuda_launch.CudaKernels` launches for it:

- layout ``dense``, ``q_len == 1``: ``decode_{dtype}_d{D}_g{G}`` (``G = heads /
  kv_heads``, split-KV) and ``merge_{dtype}_d{D}``; otherwise ``prefill_{dtype}_d{D}``
  (with a ``kv_format``: ``..._{format}``, K/V as ``kvcc.attention`` stores them);
- layout ``paged`` (a ``kvcc.KVCache`` step), ``q_len == 1``:
  ``paged_decode_{dtype}_d{D}_g{G}_p{page_size}`` (with a ``kv_format``: ``..._{format}``)
  and the merge; otherwise ``paged_prefill_{dtype}_d{D}_p{page_size}`` (a chunk of
  packed queries over the pages; ``..._{format}`` likewise). Page size 16 or 32;
- layout ``packed`` (``kvcc.attention_varlen``): ``varlen_prefill_{dtype}_d{D}``.

Masks: ``causal``, ``sliding_window(w)`` (also written ``causal & sliding_window(w)``)
and ``sinks(n) | sliding_window(w)``, bottom-right aligned, and in decode also ``full``
and ``causal & (sinks(n) | sliding_window(w))``, run on the kernels that take the
window and sinks at run time (one kernel serves every size). Any other mask the TVM
CUDA kernels can compile in (``kvcc/codegen/tvm/cuda_masks.py``: top-left alignment,
``full`` prefill, static documents, ``|``, ``&``, ``~``, ``by_head``, masks of more
than four key intervals per row tested element by element, and masks that name run-time
tensors, which this command alone lets a SPEC name: document ids ``document(%ids)`` in
the dense layout and Quest's page selections ``page_select(n, %pages)``, read at run
time from the tensors a ``CudaKernels`` call binds; a kernel's name and the manifest's
``mask`` follow the mask with its tensors renamed ``%ids0``, ``%pages0``, ...)
gets a kernel with that mask compiled in (``..._m{digest}``), which is what
``CudaKernels`` launches for it.

What the kernels take besides: dtype ``f16``, ``bf16`` or ``f32``, a head dim that is a
multiple of 16 from 32 to 256 (decode at head dims over 128: groups up to 4),
full-precision K/V, or any ``kvcc.quant`` ``kv_format`` (``int8`` and ``int4`` with
float16 scales, fp8, KIVI, QuantSpec) dense, as ``kvcc.attention(kv_format=...)`` stores
it, or in pages as a ``KVCache`` does (``..._p{page_size}_{format}``), not packed, for
decode a group of 1, 2, 4, 8 or 16, and a pipeline of exact passes only
(``simplify-masks``, ``split-kv``, ``chunk-prefill``, ``pack``: the kernels compute the same
attention in their own schedule; a pass that changes the result, such as ``quantize-kv``
or ``quest``, is refused). A ``softcap`` is a run-time argument of every kernel. A
problem outside that is refused before anything is built, naming the file, the
configuration and the missing feature; with ``skip_unsupported`` it is left out and
listed under ``skipped``.

The kernels are deduplicated and built in one go by :func:`kvcc.codegen.tvm.cuda.build`
(its cache included). The output directory::

    DIR/manifest.json          this bundle's manifest (below)
    DIR/sm_90/kernels.cu       the CUDA source TVM generated
    DIR/sm_90/kernels.cubin    every kernel, one cubin
    DIR/sm_90/manifest.json    the TVM manifest: per kernel its entry symbol,
                               parameters, launch geometry and resource use

``DIR/sm_<arch>`` is the folder ``CudaKernels.from_dir(DIR)`` (or
``KVCC_TVM_CUDA_DIR=DIR``) picks on the GPU. The top-level manifest::

    {"kvcc_tvm_cuda": 1, "backend": "tvm", "kvcc": ..., "tvm": ..., "nvcc": ...,
     "torch": ..., "python": ..., "target": {"backend": "cuda", "arch": 90},
     "created": ..., "spec_file": "x.toml", "spec_name": ..., "spec_sha256": ...,
     "files": {"source": "sm_90/kernels.cu", "cubin": "sm_90/kernels.cubin",
               "manifest": "sm_90/manifest.json"},
     "sha256": {"source": ..., "cubin": ..., "manifest": ...},
     "kernels": [{"name": ..., "entry": ..., "kind": "decode" | "paged_decode" |
                  "merge" | "prefill" | "varlen_prefill" | "paged_prefill",
                  "dtype": ..., "head_dim": ...,
                  "group": ..., "page_size": ..., "mask": ... (a compiled-in mask's
                  text, when it has one), "problems": [...]}],
     "skipped": [{"config": ..., "problem": ..., "reason": ...}]}

Every kernel lives in the one cubin (``files``, hashed once); the TVM manifest holds
the launch details, the top-level one the SPEC, versions and which problems use each
kernel. It is not a Triton artifact manifest: ``kvcc.load_artifacts`` refuses it with
a warning. :func:`read_bundle` checks a directory on any machine, without TVM or a GPU.
As with the Triton bundle, the directory is built beside ``DIR`` and renamed into place
only when every kernel built.
"""

from __future__ import annotations

import hashlib
import json
import pathlib
import shutil
import tempfile
from dataclasses import dataclass, field

from kvcc.autotune.specfile import AttentionConfig, SpecFile
from kvcc.codegen.tvm import cuda_kernels as ck
from kvcc.codegen.tvm import cuda_quant as cq
from kvcc.codegen.tvm.cuda_kernels import KernelDef

MARK = "kvcc_tvm_cuda"
SCHEMA = 1
DTYPES = {"f16": "float16", "bf16": "bfloat16", "f32": "float32"}
EXACT_PASSES = ("simplify-masks", "split-kv", "chunk-prefill", "pack")


class Unsupported(ValueError):
    """SPEC problems the TVM CUDA kernels cannot run; the message names each."""


@dataclass
class Plan:
    """The kernels a SPEC needs (name -> (kernel, problem labels)) and what it skips
    ((index of the configuration in the SPEC, problem label, reason))."""

    kernels: dict[str, tuple[KernelDef, list[str]]] = field(default_factory=dict)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)


def config_reason(c: AttentionConfig) -> str | None:
    """Why no TVM CUDA kernel runs configuration ``c`` at any length (None: some may)."""
    from kvcc.passes import Pipeline

    if c.layout == "paged" and c.page_size not in ck.PAGE_SIZES:
        return (f"page_size {c.page_size}: the TVM CUDA paged decode is built for page sizes "
                f"{' and '.join(map(str, ck.PAGE_SIZES))} only")
    if c.dtype not in DTYPES:
        return f'dtype "{c.dtype}": the TVM CUDA kernels take f16, bf16 and f32 only'
    why = ck.head_dim_reason(c.head_dim)
    if why is not None:
        return why
    if c.kv_format is not None:
        try:
            cq.resolve(c.kv_format).check_head_dim(c.head_dim)
        except ValueError as e:
            return f"{e}"
        if c.layout == "packed":
            return (f'kv_format "{c.kv_format}" in the packed layout: the TVM CUDA kernels '
                    "read quantized K/V dense (as kvcc.attention stores it) or in pages (a "
                    "KVCache's)")
    for p in Pipeline.parse(c.pipeline).passes:
        if p.name not in EXACT_PASSES:
            return (f'pipeline pass "{p.name}": it changes what attention computes, and the '
                    f"TVM CUDA kernels compute exact attention (passes allowed: "
                    f"{', '.join(EXACT_PASSES)})")
    from kvcc.codegen.tvm import cuda_masks
    from kvcc.ir.mask import ByHead, walk
    from kvcc.ir.syntax import parse_mask

    m = parse_mask(c.mask)
    why = cuda_masks.reason(m, packed=c.layout != "dense")
    if why is not None:
        return f'mask "{c.mask}": the TVM CUDA kernels cannot run {why}'
    for n in walk(m):
        if isinstance(n, ByHead) and (n.num_heads != c.kv_heads or n.num_heads * n.group != c.heads):
            return (f'mask "{c.mask}": by_head for {n.num_heads} KV heads of group {n.group}, '
                    f"but the configuration has {c.kv_heads} KV heads and {c.heads} heads (the "
                    "TVM CUDA kernel would refuse every call)")
    return None


def kernels_for(c: AttentionConfig, q_len: int, kv_len: int) -> list[KernelDef]:
    """The kernels one problem launches; :class:`Unsupported` says why there are none."""
    why = config_reason(c)
    if why is not None:
        raise Unsupported(why)
    from kvcc.codegen.tvm import cuda_masks
    from kvcc.codegen.tvm.mask import doc_tables
    from kvcc.ir.syntax import parse_mask

    dt, d, m = DTYPES[c.dtype], c.head_dim, parse_mask(c.mask)
    for lengths in doc_tables(m):
        if sum(lengths) != kv_len:
            raise Unsupported(f'mask "{c.mask}" with kv_len {kv_len}: the documents cover '
                              f"{sum(lengths)} keys, and must cover every key exactly once (the "
                              "TVM CUDA kernel would refuse the call)")
    decode = q_len == 1 and c.layout != "packed"  # the kernel CudaKernels launches
    compiled = None if cuda_masks.runtime(m, decode) is not None else m
    if c.layout == "packed":
        return [ck.prefill(dt, d, varlen=True, mask=compiled)]
    if q_len > 1:
        if c.layout == "paged":
            return [ck.prefill(dt, d, True, c.page_size, c.kv_format, mask=compiled)]
        return [ck.prefill(dt, d, kv_format=c.kv_format, mask=compiled)]
    g = c.heads // c.kv_heads
    if g not in ck.DECODE_GROUPS:
        raise Unsupported(f"GQA group {g} (heads {c.heads} / kv_heads {c.kv_heads}) in "
                          "decode: the TVM CUDA decode kernel takes groups "
                          f"{', '.join(map(str, ck.DECODE_GROUPS))}")
    page = c.page_size if c.layout == "paged" else None
    try:
        return [ck.decode(dt, d, g, page, c.kv_format, mask=compiled), ck.merge(dt, d)]
    except ValueError as e:  # a limit of the kernel at this group (registers, shared memory)
        raise Unsupported(f"{e} in the TVM CUDA decode") from e


def plan(spec: SpecFile, skip_unsupported: bool = False) -> Plan:
    """The deduplicated kernels of ``spec``'s problems (sorted by name). Raises
    :class:`Unsupported` naming every problem no kernel runs, unless ``skip_unsupported``."""
    from kvcc.autotune.problems import Problem

    out = Plan()
    for i, c in enumerate(spec.configs):
        for s in c.shapes():
            label = Problem(c, s).label
            try:
                ks = kernels_for(c, s.q_len, s.kv_len)
            except Unsupported as e:
                out.skipped.append((i, label, str(e)))
                continue
            for k in ks:
                out.kernels.setdefault(k.name, (k, []))[1].append(label)
    if out.skipped and not skip_unsupported:
        raise Unsupported(_refusal(spec, out.skipped))
    if not out.kernels:
        raise Unsupported(f"{spec.path}: no problem of the SPEC runs on the TVM CUDA kernels; "
                          "nothing to compile:\n" + _refusal(spec, out.skipped))
    out.kernels = dict(sorted(out.kernels.items()))
    return out


def _refusal(spec: SpecFile, skipped: list[tuple[int, str, str]]) -> str:
    # grouped by configuration index: two configurations may share a name
    groups: dict[tuple[int, str], list[str]] = {}
    for i, label, why in skipped:
        groups.setdefault((i, why), []).append(label)
    lines = [f"{_count(len(skipped), 'problem')} of {spec.path} cannot run on the TVM CUDA kernels "
             "(nothing was built; --skip-unsupported compiles the rest):"]
    for (i, why), labels in groups.items():
        name, n = spec.configs[i].name, len(spec.configs[i].shapes())
        which = ("its one problem" if n == 1 else f"all {n} problems" if len(labels) == n
                 else f"{len(labels)} of {n} problems, first {labels[0]!r}")
        lines.append(f"  {spec.path}: [[attention]] {name!r} ({which}): {why}")
    return "\n".join(lines)


def _count(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def compile_spec(spec: SpecFile, arch: int, out: pathlib.Path, *, skip_unsupported: bool = False,
                 progress: bool | None = None, log=print) -> dict:
    """Build the kernels of ``spec`` for ``sm_<arch>`` into ``out``; returns the manifest.
    Raises :class:`Unsupported` or ``ValueError`` before building, and
    :class:`~kvcc.codegen.tvm.cuda.BuildError` when the build fails; ``out`` is left
    as it was in every case."""
    from kvcc.autotune._compat import progress as bar
    from kvcc.autotune.bundle import _replace_dir
    from kvcc.codegen.tvm import cuda

    sm = f"sm_{arch}"
    if sm not in cuda.ARCHS:
        raise ValueError(f"target cuda:{arch}: the TVM CUDA kernels are built for "
                         f"{' and '.join('cuda:' + a[3:] for a in cuda.ARCHS)} only")
    from kvcc.autotune.bundle import check_out_dir

    out = check_out_dir(out)
    pl = plan(spec, skip_unsupported)
    n_probs = sum(len(c.shapes()) for c in spec.configs)
    log(f"kvcc compile: {len(pl.kernels)} TVM CUDA kernels for {sm} from {spec.path} "
        f"({n_probs} problems" + (f", {len(pl.skipped)} skipped" if pl.skipped else "") + ")")
    kernels = [k for k, _ in pl.kernels.values()]
    with bar(3, f"building ({sm})", progress, unit="step") as b:
        def step(name: str) -> None:
            b.update(b.total if name == "cached" else 1)
            b.set_postfix_str(name)
        built = cuda.build(sm, kernels, on_step=step)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = pathlib.Path(tempfile.mkdtemp(prefix=f".{out.name}.", dir=out.parent))
    try:
        (tmp / sm).mkdir()
        cuda.copy_artifacts(built, tmp / sm)
        m = manifest(spec, arch, tmp, pl)
        (tmp / "manifest.json").write_text(json.dumps(m, indent=1) + "\n")
        _replace_dir(tmp, out)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return m


def manifest(spec: SpecFile, arch: int, d: pathlib.Path, pl: Plan) -> dict:
    """The top-level manifest of the bundle in ``d`` (its ``sm_<arch>/`` already there)."""
    from kvcc.autotune.db import now
    from kvcc.autotune.versions import versions

    sm = f"sm_{arch}"
    tvm_man = json.loads((d / sm / "manifest.json").read_text())
    files = {"source": f"{sm}/kernels.cu", "cubin": f"{sm}/kernels.cubin",
             "manifest": f"{sm}/manifest.json"}
    vers = versions()
    return {
        MARK: SCHEMA, "backend": "tvm", "kvcc": vers["kvcc"], "tvm": tvm_man["tvm"],
        "nvcc": tvm_man["nvcc"], "torch": vers["torch"], "python": vers["python"],
        "target": {"backend": "cuda", "arch": arch}, "created": now(),
        "spec_file": pathlib.Path(spec.path).name, "spec_name": spec.name,
        "spec_sha256": spec.sha256, "files": files,
        "sha256": {kind: _sha256(d / f) for kind, f in files.items()},
        "kernels": [{"name": name, "entry": tvm_man["kernels"][name]["entry"], "kind": k.kind,
                     "dtype": k.dtype, "head_dim": k.head_dim, "group": k.group,
                     "page_size": k.page_size, **({"mask": k.mask} if k.mask else {}),
                     "problems": probs} for name, (k, probs) in pl.kernels.items()],
        "skipped": [{"config": spec.configs[i].name, "problem": label, "reason": why}
                    for i, label, why in pl.skipped],
    }


def _sha256(path: pathlib.Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_bundle(directory: str | pathlib.Path) -> dict:
    """A bundle's top-level manifest, after checking its fields and types, that every
    file it names is ``sm_<arch>/<file name>`` inside the bundle, every file's hash, the
    TVM manifest's own cubin hash, and that every kernel listed is in the TVM manifest
    (no TVM, no GPU needed); ``ValueError`` naming the field or file that does not match."""
    from kvcc.codegen.tvm.cuda_driver import read_manifest

    d = pathlib.Path(directory)
    where = f"{d}/manifest.json"
    try:
        m = json.loads((d / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise ValueError(f"{where} cannot be read ({e})") from None
    if not isinstance(m, dict) or m.get(MARK) != SCHEMA:
        raise ValueError(f"{where} is not a kvcc TVM CUDA bundle (schema {SCHEMA})")
    arch = _field(where, _field(where, m, "target", dict), "arch", int, "target.")
    if arch <= 0:
        raise ValueError(f"{where}: target.arch {arch} is not a CUDA architecture")
    sm = f"sm_{arch}"
    files, sums = _field(where, m, "files", dict), _field(where, m, "sha256", dict)
    for kind in dict.fromkeys(("source", "cubin", "manifest", *files)):
        name = _field(where, files, kind, str, "files.")
        base = name.removeprefix(f"{sm}/")
        if base == name or base in ("", ".", "..") or "/" in base or "\\" in base:
            raise ValueError(f"{where}: files.{kind} {name!r} must be {sm}/<file name> (no "
                             "absolute path, '..' or further folders)")
        _field(where, sums, kind, str, "sha256.")
    for key, strs in (("kernels", ("name", "entry")), ("skipped", ("config", "problem", "reason"))):
        for x in _field(where, m, key, list):
            if not (isinstance(x, dict) and all(isinstance(x.get(f), str) for f in strs)):
                raise ValueError(f"{where}: {key} holds {x!r}, not an object with strings "
                                 f"{', '.join(strs)}")
    for kind, name in files.items():
        if not (d / name).is_file() or _sha256(d / name) != sums.get(kind):
            raise ValueError(f"{d}/{name} is missing or does not match its SHA-256")
    try:
        tvm_man = read_manifest(d / sm)
    except OSError as e:
        raise ValueError(f"{d}/{sm}: the TVM manifest cannot be read ({e})") from None
    if files["manifest"] != f"{sm}/manifest.json" or files["cubin"] != f"{sm}/{tvm_man['cubin']}":
        raise ValueError(f"{where}: files.manifest and files.cubin must be the TVM manifest "
                         f"{sm}/manifest.json and the cubin it names ({sm}/{tvm_man['cubin']})")
    for k in m["kernels"]:
        entry = tvm_man["kernels"].get(k["name"])
        if not isinstance(entry, dict) or entry.get("entry") != k["entry"]:
            raise ValueError(f"{d}: kernel {k['name']} is not in the TVM manifest")
    return m


_JSON = {dict: "an object", list: "an array", str: "a string", int: "an integer"}


def _field(where: str, m: dict, key: str, kind: type, prefix: str = ""):
    """``m[key]``, checked to be a ``kind`` (``ValueError`` naming ``prefix + key``)."""
    v = m.get(key)
    if not isinstance(v, kind) or (kind is int and isinstance(v, bool)):
        raise ValueError(f"{where}: {prefix}{key} is missing or not {_JSON[kind]}")
    return v


def summary(m: dict, directory: pathlib.Path) -> str:
    """A table of the kernels of the bundle in ``directory`` (resource use from its TVM
    manifest), and what it skipped."""
    res = json.loads((pathlib.Path(directory) / m["files"]["manifest"]).read_text())["kernels"]
    rows = [f"{'kernel':<40} {'kind':<14} {'regs':>5} {'spill B':>7} {'smem B':>7} {'problems':>8}"]
    for k in m["kernels"]:
        r = res[k["name"]]
        rows.append(f"{k['name']:<40} {k['kind']:<14} {r['registers']:>5} "
                    f"{r['spill_stores'] + r['spill_loads']:>7} {r['shared_bytes']:>7} "
                    f"{len(k['problems']):>8}")
    for s in m["skipped"]:
        rows.append(f"skipped {s['problem']}: {s['reason']}")
    return "\n".join(rows)


__all__ = ["MARK", "Plan", "Unsupported", "compile_spec", "config_reason",
           "kernels_for", "manifest", "plan", "read_bundle", "summary"]
