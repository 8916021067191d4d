"""SPEC files: attention configurations for ``kvcc compile``, ``kvcc tune`` and
``kvcc explain``, written in TOML.

A SPEC holds one or more ``[[attention]]`` tables, each an attention configuration
and the lengths it runs at::

    name = "llama3-8b"                 # optional: names the artifacts and reports
    pipeline = "simplify-masks"        # optional: the default for every configuration

    [[attention]]
    name = "decode"                    # optional (default attention-<n>)
    heads = 32                         # query heads
    kv_heads = 8                       # KV heads (default: heads); heads % kv_heads == 0
    head_dim = 128
    dtype = "bf16"                     # f16 | bf16 | f32 (default bf16)
    layout = "paged"                   # dense | packed | paged (default dense)
    page_size = 16                     # paged only (default 16)
    mask = "causal"                    # kvcc's mask text (default "full")
    kv_format = "kivi2"                # a KV format name, or "none" (default)
    pipeline = "simplify-masks"        # kvcc pass pipeline (default: the file's)
    softcap = 30.0                     # optional
    return_lse = false                 # optional

    [attention.lengths]
    batch = [1, 8, 64]                 # sequences per call (default [1])
    q_len = [1]                        # query tokens per sequence (required)
    kv_len = [4096, 32768]             # keys per sequence (default: q_len, self-attention)

Layouts are those of kvcc's entry points: ``dense`` is ``kvcc.attention`` (q
``[B, Hq, Sq, D]``), ``packed`` is ``kvcc.attention_varlen`` (FlashAttention's
varlen layout) and ``paged`` is a ``kvcc.KVCache`` step (packed queries over
pages), so the kernels compiled or tuned for a SPEC are the ones those calls
launch. Masks use the IR's mask syntax (``causal``, ``sliding_window(4096)``,
``sinks(4) | sliding_window(256)``, ``causal & sliding_window(1024)``); run-time mask
tensors (``%ids``) cannot be named in a SPEC, but for ``kvcc compile --backend tvm``,
whose kernels read them at run time (``document(%ids)``, ``page_select(16, %pages)``;
each tensor read one way).
KV formats: ``fp8_e4m3``, ``fp8_e5m2``, ``int8``, ``int4``, ``kivi2``, ``kivi4``,
``quantspec`` (dense and paged layouts). Every (batch, q_len, kv_len) with ``q_len <=
kv_len`` is a problem.

A bad SPEC raises :class:`SpecError` naming the file, the key and what was expected.
Reading TOML needs Python 3.11 (``tomllib``) or the ``tomli`` package.
"""

from __future__ import annotations

import hashlib
import itertools
import pathlib
from dataclasses import dataclass

from kvcc.autotune.keys import Shape

DTYPES = {"f16": "f16", "float16": "f16", "bf16": "bf16", "bfloat16": "bf16", "f32": "f32",
          "float32": "f32"}
LAYOUTS = ("dense", "packed", "paged")
FORMATS = ("fp8_e4m3", "fp8_e5m2", "int8", "int4", "kivi2", "kivi4", "quantspec")
TOP_KEYS = {"name", "description", "pipeline", "attention"}
KEYS = {"name", "heads", "kv_heads", "head_dim", "dtype", "layout", "page_size", "mask",
        "kv_format", "pipeline", "softcap", "return_lse", "lengths"}
LENGTH_KEYS = {"batch", "q_len", "kv_len"}


class SpecError(ValueError):
    """A SPEC file that cannot be used; the message names the file, the key and what
    was expected."""


@dataclass(frozen=True)
class AttentionConfig:
    """One ``[[attention]]`` table, checked."""

    name: str
    heads: int
    kv_heads: int
    head_dim: int
    dtype: str
    layout: str
    page_size: int
    mask: str
    kv_format: str | None
    pipeline: str
    softcap: float | None
    return_lse: bool
    batch: tuple[int, ...]
    q_len: tuple[int, ...]
    kv_len: tuple[int, ...] | None

    def shapes(self) -> list[Shape]:
        """Every problem: (batch, q_len, kv_len) with q_len <= kv_len, in file order."""
        out = []
        for b, q in itertools.product(self.batch, self.q_len):
            for kv in (self.kv_len or (q,)):
                if q <= kv:
                    out.append(Shape(b, self.heads, self.kv_heads, q, kv))
        return out

    def describe(self) -> str:
        fmt = f", kv_format {self.kv_format}" if self.kv_format else ""
        page = f" (page {self.page_size})" if self.layout == "paged" else ""
        return (f"{self.layout}{page} {self.dtype}, heads {self.heads}/{self.kv_heads}, head dim "
                f"{self.head_dim}, mask {self.mask}{fmt}, pipeline {self.pipeline or '(none)'}")


@dataclass(frozen=True)
class SpecFile:
    """A parsed SPEC: its path, name, configurations and the hash of its text."""

    path: str
    name: str
    configs: tuple[AttentionConfig, ...]
    sha256: str


def _toml():
    try:
        import tomllib
    except ImportError:
        try:
            import tomli as tomllib  # type: ignore[no-redef]
        except ImportError:
            raise SpecError("reading SPEC files (TOML) needs Python 3.11 or newer (tomllib), "
                            "or the tomli package (pip install tomli)") from None
    return tomllib


def load(path: str | pathlib.Path, mask_tensors: bool = False) -> SpecFile:
    """Read and check a SPEC file (``mask_tensors``: as :func:`parse`)."""
    p = pathlib.Path(path)
    try:
        raw = p.read_bytes()
    except OSError as e:
        raise SpecError(f"{p}: cannot read the SPEC file ({e.strerror or e})") from None
    return parse(raw.decode("utf-8", errors="replace"), str(p), mask_tensors)


def parse(text: str, path: str = "<spec>", mask_tensors: bool = False) -> SpecFile:
    """Check a SPEC's text (``path`` names it in errors). ``mask_tensors``: masks may name
    run-time tensors (``document(%ids)``, ``page_select(16, %pages)``), for a consumer
    whose kernels read them at run time (``kvcc compile --backend tvm``)."""
    tomllib = _toml()
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise SpecError(f"{path}: not valid TOML: {e}") from None
    _unknown(path, "the top level", data, TOP_KEYS)
    default_pipeline = _str(path, "pipeline", data.get("pipeline", "simplify-masks"))
    _check_pipeline(path, "pipeline", default_pipeline)
    tables = data.get("attention")
    if not isinstance(tables, list) or not tables or not all(isinstance(t, dict) for t in tables):
        raise SpecError(f"{path}: key 'attention': expected one or more [[attention]] tables")
    configs = []
    for i, t in enumerate(tables, 1):
        configs.append(_config(path, i, t, default_pipeline, mask_tensors))
    names = [c.name for c in configs]
    dup = next((n for n in names if names.count(n) > 1), None)
    if dup is not None:
        raise SpecError(f"{path}: attention name {dup!r} is used twice: expected unique names")
    name = _str(path, "name", data.get("name", pathlib.Path(path).stem))
    return SpecFile(path, name, tuple(configs), hashlib.sha256(text.encode()).hexdigest())


def _config(path: str, i: int, t: dict, default_pipeline: str,
            mask_tensors: bool = False) -> AttentionConfig:
    where = f"[[attention]] #{i}"
    name = _str(path, f"{where} name", t.get("name", f"attention-{i}"))
    where = f"[[attention]] {name!r}"
    _unknown(path, where, t, KEYS)

    def key(k: str) -> str:
        return f"{where} key '{k}'"

    heads = _pos_int(path, key("heads"), t.get("heads"))
    kv_heads = _pos_int(path, key("kv_heads"), t.get("kv_heads", heads))
    if heads % kv_heads:
        raise SpecError(f"{path}: {key('kv_heads')}: expected a divisor of heads={heads}, "
                        f"got {kv_heads}")
    head_dim = _pos_int(path, key("head_dim"), t.get("head_dim"))
    dtype = t.get("dtype", "bf16")
    if dtype not in DTYPES:
        raise SpecError(f"{path}: {key('dtype')}: expected one of f16, bf16, f32, got {dtype!r}")
    layout = t.get("layout", "dense")
    if layout not in LAYOUTS:
        raise SpecError(f"{path}: {key('layout')}: expected one of {', '.join(LAYOUTS)}, got "
                        f"{layout!r}")
    if "page_size" in t and layout != "paged":
        raise SpecError(f"{path}: {key('page_size')}: applies to layout = \"paged\" only "
                        f"(this one is {layout!r})")
    page_size = _pos_int(path, key("page_size"), t.get("page_size", 16)) if layout == "paged" \
        else 0
    mask = _mask(path, key("mask"), t.get("mask", "full"), mask_tensors)
    fmt = t.get("kv_format", "none")
    if fmt not in (*FORMATS, "none"):
        raise SpecError(f"{path}: {key('kv_format')}: expected none or one of "
                        f"{', '.join(FORMATS)}, got {fmt!r}")
    if fmt != "none" and layout == "packed":
        raise SpecError(f"{path}: {key('kv_format')}: quantized K/V needs layout \"dense\" or "
                        "\"paged\" (the packed layout reads K/V in full precision)")
    if fmt != "none":
        from kvcc.autotune.problems import kv_format

        try:
            kv_format(fmt).check_head_dim(head_dim)
        except ValueError as e:
            raise SpecError(f"{path}: {key('kv_format')}: {e}") from None
    pipeline = _str(path, key("pipeline"), t.get("pipeline", default_pipeline))
    _check_pipeline(path, key("pipeline"), pipeline)
    softcap = t.get("softcap")
    if softcap is not None and (isinstance(softcap, bool) or not isinstance(softcap, (int, float))
                                or not softcap > 0):
        raise SpecError(f"{path}: {key('softcap')}: expected a positive number, got {softcap!r}")
    lse = t.get("return_lse", False)
    if not isinstance(lse, bool):
        raise SpecError(f"{path}: {key('return_lse')}: expected true or false, got {lse!r}")
    lengths = t.get("lengths")
    if not isinstance(lengths, dict):
        raise SpecError(f"{path}: {key('lengths')}: expected a table [attention.lengths] with "
                        "q_len (and batch, kv_len)")
    _unknown(path, f"{where} [attention.lengths]", lengths, LENGTH_KEYS)

    def lkey(k: str) -> str:
        return f"{where} key 'lengths.{k}'"

    batch = _int_list(path, lkey("batch"), lengths.get("batch", [1]))
    if "q_len" not in lengths:
        raise SpecError(f"{path}: {lkey('q_len')}: missing; expected a list of query lengths, "
                        "e.g. [1] for decode")
    q_len = _int_list(path, lkey("q_len"), lengths["q_len"])
    kv_len = _int_list(path, lkey("kv_len"), lengths["kv_len"]) if "kv_len" in lengths else None
    cfg = AttentionConfig(name, heads, kv_heads, head_dim, DTYPES[dtype], layout, page_size, mask,
                          None if fmt == "none" else fmt, pipeline,
                          None if softcap is None else float(softcap), lse, batch, q_len, kv_len)
    if not cfg.shapes():
        raise SpecError(f"{path}: {lkey('kv_len')}: expected at least one kv_len >= a q_len "
                        f"(q_len {list(q_len)}, kv_len {list(kv_len or [])})")
    return cfg


def _unknown(path: str, where: str, t: dict, known: set[str]) -> None:
    extra = sorted(set(t) - known)
    if extra:
        raise SpecError(f"{path}: {where}: unknown key {extra[0]!r}; expected one of "
                        f"{', '.join(sorted(known))}")


def _str(path: str, key: str, v: object) -> str:
    if not isinstance(v, str):
        raise SpecError(f"{path}: {key}: expected a string, got {v!r}")
    return v


def _pos_int(path: str, key: str, v: object) -> int:
    if v is None:
        raise SpecError(f"{path}: {key}: missing; expected a positive integer")
    if isinstance(v, bool) or not isinstance(v, int) or v < 1:
        raise SpecError(f"{path}: {key}: expected a positive integer, got {v!r}")
    return v


def _int_list(path: str, key: str, v: object) -> tuple[int, ...]:
    vals = [v] if isinstance(v, int) and not isinstance(v, bool) else v
    if not isinstance(vals, list) or not vals or any(
            isinstance(x, bool) or not isinstance(x, int) or x < 1 for x in vals):
        raise SpecError(f"{path}: {key}: expected a positive integer or a non-empty list of "
                        f"them, got {v!r}")
    return tuple(dict.fromkeys(vals))


def _mask(path: str, key: str, v: object, tensors: bool = False) -> str:
    from kvcc.ir.mask import Document, PageSelect, data_refs, walk
    from kvcc.ir.syntax import ParseError, parse_mask, print_mask

    text = _str(path, key, v)
    try:
        m = parse_mask(text)
    except (ParseError, ValueError) as e:
        raise SpecError(f"{path}: {key}: expected a kvcc mask such as \"causal\" or "
                        f"\"causal & sliding_window(4096)\"; {e}") from None
    uses: dict[str, set] = {}  # each run-time tensor read one way (ids, or one selection)
    for n in walk(m):
        if isinstance(n, Document) and n.ids is not None:
            uses.setdefault(n.ids, set()).add("document ids")
        elif isinstance(n, PageSelect):
            uses.setdefault(n.pages, set()).add(f"a selection of pages of {n.page_size}")
    both = {r: u for r, u in uses.items() if len(u) > 1}
    if both:
        r, u = next(iter(both.items()))
        raise SpecError(f"{path}: {key}: %{r} is read as {' and as '.join(sorted(u))}; a run-time "
                        "tensor has one shape: name each use's tensor on its own")
    if data_refs(m) and not tensors:
        raise SpecError(f"{path}: {key}: run-time mask tensors ({', '.join('%' + r for r in data_refs(m))}) "
                        "cannot be named in a SPEC (kvcc compile --backend tvm excepted); "
                        "expected a mask of static terms")
    return print_mask(m)


def _check_pipeline(path: str, key: str, text: str) -> None:
    from kvcc.passes import PassError, Pipeline

    try:
        Pipeline.parse(text)
    except (PassError, ValueError) as e:
        raise SpecError(f"{path}: {key}: expected a pass pipeline such as \"simplify-masks\"; "
                        f"{e}") from None


__all__ = ["AttentionConfig", "SpecError", "SpecFile", "load", "parse"]
