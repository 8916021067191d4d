"""``quantize-kv{format=kivi2}``: store K and V quantized; attention reads them dequantized.

Approximate, on purpose: results change by the format's quantization error, and are
exactly what ``kvcc.attention(q, k, v, kv_format=fmt)`` computes (the tests compare the
two on the reference backend). Options (syntax in :mod:`kvcc.passes.quantize_kv_plan`):
``format`` for every attention op, ``layers`` per layer (the attention op's index in
program order), ``heads`` per KV head, e.g. ``heads=0-1:int4;2-7:kivi2`` for 4-bit
retrieval heads and 2-bit streaming heads.

- **Reads of plain K/V** (module inputs or computed tensors): the op stores them by the
  format's prefill rule in the program (``quantize`` of the tokens the format quantizes,
  ``slice`` of the full-precision residual, ``KVFormat.quantized_tokens``) and the
  attention op reads codes, scales, zeros and residual with ``kv_format`` set. Lengths
  may be symbolic.
- **Caches**: a module input written by ``kv_append`` and read by ``attention`` becomes
  the format's tensors (codes, scale, zero: the module's input types change, the
  cache allocation follows the format); each append quantizes its new tokens and
  appends codes and per-token scales; a returned cache returns what the appends wrote.
  fp8 caches take a calibrated per-head scale ``[B, Hkv]`` as an input (fixed, as
  ``kv_store`` keeps it).
- **Per-head formats** split the op by runs of KV heads of one format (the matching
  query heads under GQA), one attention op each, and join the outputs with
  ``update_slice``.

Refused with a :class:`PassError` naming the layer: KIVI formats on caches (their
residual window flushes at each sequence's run-time length, which ``kv_append`` on a
dense cache cannot express), formats whose scales span tokens on K/V read with
``kv_lens`` (padding would enter the scales), non-dense layouts, ops already placed in
a loop (run ``quantize-kv`` before ``split-kv`` and ``chunk-prefill``), and per-head
splits of ops with ALiBi or per-head mask tensors. Ops that already read a
``kv_format`` are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar, NoReturn

from kvcc.ir.formats import Dense, KVFormat, Scope
from kvcc.ir.ops import AttentionOp, FillOp, KVAppendOp, Module, Op, UpdateSliceOp, op_fields
from kvcc.ir.types import TensorType, Value, as_int
from kvcc.passes.base import Pass, PassError
from kvcc.passes.quantize_kv_ir import (
    Stored,
    code_type,
    head_slice,
    per_token,
    quantize,
    scale_type,
)
from kvcc.passes.quantize_kv_plan import Group, Plan
from kvcc.passes.rewrite import Namer


@dataclass(frozen=True)
class QuantizeKV(Pass):
    """Options: ``format`` (default ``int8``), ``layers``, ``heads`` (see the module
    docstring). Requires nothing; ensures ``kv-quantized``. Approximate by the format's
    error; equal to ``kvcc.attention(..., kv_format=fmt)``."""

    name: ClassVar[str] = "quantize-kv"
    ensures: ClassVar[frozenset[str]] = frozenset({"kv-quantized"})
    format: str = "int8"
    layers: str = ""
    heads: str = ""

    def __post_init__(self) -> None:
        self.plan()  # bad option values fail when the pipeline is parsed

    def plan(self) -> Plan:
        return Plan.parse(self.name, self.format, self.layers, self.heads)

    def run(self, module: Module) -> Module:
        return _Rewrite(module, self.plan()).run()

    def summarize(self, before: Module, after: Module) -> str:
        fmts = [op.kv_format.name for op in after.walk()
                if isinstance(op, AttentionOp) and op.kv_format is not None]
        was = sum(1 for op in before.walk() if isinstance(op, AttentionOp) and op.kv_format)
        if len(fmts) == was:
            return "no change"
        return f"{len(fmts)} attention ops read quantized KV ({', '.join(sorted(set(fmts)))})"


def _kv_heads(op: AttentionOp) -> int | None:
    return as_int(op.k.type.shape[2 if op.kv_layout.KEYWORD == "paged" else 1])


class _Rewrite:
    """One run of the pass over one module."""

    def __init__(self, m: Module, plan: Plan) -> None:
        self.m, self.plan = m, plan
        self.namer = Namer(m)
        self.ops: list[Op] = []
        self.groups: dict[str, tuple[Group, ...]] = {}  # attention o -> head groups
        self.layer: dict[str, int] = {}
        self.root: dict[str, str] = {}  # cache value -> the module input it started as
        self.caches: dict[str, tuple[str, tuple[Group, ...]]] = {}  # input -> role, groups
        self.state: dict[str, list[Stored]] = {}  # cache value -> stored tensors per group

    def fail(self, msg: str) -> NoReturn:
        raise PassError(QuantizeKV.name, msg)

    def name(self, base: str) -> str:
        """``base`` itself when no value has it, else a fresh variant."""
        if base in self.namer.used:
            return self.namer(base)
        self.namer.used.add(base)
        return base

    # ---------------------------------------------------------------- analysis

    def run(self) -> Module:
        attention = [op for op in self.m.walk() if isinstance(op, AttentionOp)]
        self.plan.check_layers(len(attention))
        for i, op in enumerate(attention):
            if op.kv_format is not None:
                continue  # already reads a stored format
            groups = self.plan.groups(i, _kv_heads(op))
            if all(g.fmt is None for g in groups):
                continue
            self.layer[op.o.name] = i
            self._check(op, i, groups)
            self.groups[op.o.name] = groups
        self._find_caches()
        args: list[Value] = []
        for a in self.m.args:
            if a.name not in self.caches:
                args.append(a)
                continue
            role, groups = self.caches[a.name]
            self.state[a.name] = [self._cache_input(a, role, g, len(groups) > 1) for g in groups]
            args += [v for s in self.state[a.name] for v in (s.data, s.scale, s.zero) if v is not None]
        for op in self.m.ops:
            if isinstance(op, KVAppendOp) and op.cache.name in self.state:
                self._append(op)
            elif isinstance(op, AttentionOp) and op.o.name in self.groups:
                self._attention(op)
            else:
                self.ops.append(op)
        outs = [v for o in self.m.outputs
                for v in ([w for s in self.state[o.name] for w in s.written()]
                          if o.name in self.state else [o])]
        return Module(self.m.name, tuple(args), tuple(self.ops), tuple(outs))

    def _check(self, op: AttentionOp, i: int, groups: tuple[Group, ...]) -> None:
        where = f"layer {i} (attention %{op.o.name})"
        if not any(op is top for top in self.m.ops):
            self.fail(f"{where} is inside a loop; run quantize-kv before split-kv and "
                      "chunk-prefill")
        if not (isinstance(op.q_layout, Dense) and isinstance(op.kv_layout, Dense)):
            self.fail(f"{where} reads {op.kv_layout.KEYWORD} K/V; quantize-kv rewrites the "
                      "dense layout (paged quantized caches: KVCache(kv_format=...))")
        if (op.q_offset, op.kv_offset, op.q_total, op.kv_total) != (0, 0, None, None):
            self.fail(f"{where} is a chunk of a larger attention (offsets); run quantize-kv "
                      "before split-kv and chunk-prefill")
        dk, dv = as_int(op.k.type.shape[3]), as_int(op.v.type.shape[3])
        if dk is None or dv is None:
            self.fail(f"{where} has a symbolic head dim; quantized formats need it static")
        for g in groups:
            if g.fmt is not None:
                try:
                    g.fmt.check_head_dim(dk)
                    g.fmt.check_head_dim(dv)
                except ValueError as e:
                    self.fail(f"{where}: {e}")
        if len(groups) > 1:
            if op.alibi is not None:
                self.fail(f"{where}: per-head formats split the op by heads, which would "
                          "change its ALiBi slopes (they depend on the head count)")
            if as_int(op.q.type.shape[1]) is None:
                self.fail(f"{where}: per-head formats need a static number of query heads")
            for a in op.mask_args:
                if a.type.rank == 3 and a.type.shape[1] != 1:
                    self.fail(f"{where}: per-head formats split the op by heads; mask tensor "
                              f"%{a.name} has a head axis")

    def _find_caches(self) -> None:
        """Caches: module inputs written by top-level kv_append and read by attention ops
        this run quantizes. Any other use of them is refused."""
        args = {a.name for a in self.m.args}
        for op in self.m.ops:
            if isinstance(op, KVAppendOp) and (op.cache.name in args or op.cache.name in self.root):
                self.root.setdefault(op.cache.name, op.cache.name)
                self.root[op.out.name] = self.root[op.cache.name]
        seen: dict[str, tuple[str, tuple[Group, ...] | None]] = {}
        for op in self.m.ops:
            if not isinstance(op, AttentionOp):
                continue
            for role in ("k", "v"):
                r = self.root.get(getattr(op, role).name)
                if r is None:
                    continue
                want = (role, self.groups.get(op.o.name))
                if seen.setdefault(r, want) != want:
                    self.fail(f"cache %{r} is read by attention ops that store it differently "
                              f"(as {seen[r][0]} and {role}, or in other formats); give them "
                              "one format")
        self.caches = {r: (role, g) for r, (role, g) in seen.items() if g is not None}
        for op in self.m.walk():
            for f in op_fields(type(op)).operands:
                for v in _values(getattr(op, f)):
                    if self.root.get(v.name) not in self.caches:
                        continue
                    ok = any(op is top for top in self.m.ops) and (
                        isinstance(op, KVAppendOp) and f == "cache"
                        or isinstance(op, AttentionOp) and f in ("k", "v"))
                    if not ok:
                        first = op.results()[0].name if op.results() else "?"
                        self.fail(f"cache %{self.root[v.name]} is also used by {op.NAME} "
                                  f"%{first} ({f}); quantize-kv rewrites caches that only "
                                  "kv_append writes and attention reads")

    # ---------------------------------------------------------------- caches

    def _cache_input(self, a: Value, role: str, g: Group, split: bool) -> Stored:
        b, h, s, d = a.type.shape
        hg = h if g.stop is None else g.stop - g.start
        base = f"{a.name}_h{g.start}" if split else a.name
        if g.fmt is None:
            return Stored(None, Value(self.name(base), TensorType((b, hg, s, d), a.type.dtype)))
        fmt = g.fmt
        if fmt.residual or fmt.scope(role) is Scope.channel:
            self.fail(f"cache %{a.name} in {fmt.name}: KIVI keeps a full-precision residual "
                      "window that each sequence flushes at its own (run-time) length, which "
                      "kv_append on a dense cache cannot express; use int8, int4, quantspec "
                      "or fp8 for caches")
        if not fmt.is_fp8 and not per_token(fmt):
            self.fail(f"cache %{a.name} in {fmt.name}: an integer format with one scale per "
                      f"{fmt.scope(role).value} cannot append without requantizing the cache")
        dim = int(d)
        st = scale_type(fmt, role, b, hg, s, dim)
        return Stored(fmt, Value(self.name(f"{base}_codes"), code_type(fmt, b, hg, s, dim)),
                      Value(self.name(f"{base}_scale"), st),
                      None if fmt.is_fp8 else Value(self.name(f"{base}_zero"), st))

    def _append(self, op: KVAppendOp) -> None:
        if not isinstance(op.layout, Dense):
            self.fail(f"kv_append %{op.out.name} writes a {op.layout.KEYWORD} cache; "
                      "quantize-kv rewrites dense caches")
        role, groups = self.caches[self.root[op.cache.name]]
        out: list[Stored] = []
        for g, st in zip(groups, self.state[op.cache.name], strict=True):
            new, base = op.new, op.out.name
            if len(groups) > 1:
                ops, new = head_slice(new, g.start, g.stop, self.name)
                self.ops += ops
                base = f"{base}_h{g.start}"
            if st.fmt is None:
                res = Value(self.name(base), st.data.type)
                self.ops.append(KVAppendOp(st.data, new, op.kv_lens, res))
                out.append(Stored(None, res))
                continue
            ops, q = quantize(new, st.fmt, role, self.name,
                              static_scale=None if per_token(st.fmt) else st.scale)
            self.ops += ops
            written = []
            for old, piece, what in zip(st.written(), q.written(), ("codes", "scale", "zero")):
                res = Value(self.name(f"{base}_{what}"), old.type)
                self.ops.append(KVAppendOp(old, piece, op.kv_lens, res))
                written.append(res)
            codes, *rest = written
            scale, zero = rest if rest else (st.scale, st.zero)
            out.append(Stored(st.fmt, codes, scale, zero))
        self.state[op.out.name] = out

    # ---------------------------------------------------------------- attention

    def _source(self, op: AttentionOp, role: str, g: Group, index: int, split: bool) -> Stored:
        x: Value = getattr(op, role)
        if self.root.get(x.name) in self.caches:
            return self.state[x.name][index]
        if split:
            ops, x = head_slice(x, g.start, g.stop, self.name)
            self.ops += ops
        if g.fmt is None:
            return Stored(None, x)
        if op.kv_lens is not None and not per_token(g.fmt):
            self.fail(f"layer {self.layer[op.o.name]} (attention %{op.o.name}): {g.fmt.name} "
                      f"on {role} read with kv_lens: its scales or residual span tokens, so "
                      "each sequence's length decides them; use int8, int4 or quantspec here")
        ops, st = quantize(x, g.fmt, role, self.name)
        self.ops += ops
        return st

    def _attention(self, op: AttentionOp) -> None:
        groups = self.groups[op.o.name]
        split = len(groups) > 1
        rep = (as_int(op.q.type.shape[1]) or 0) // (_kv_heads(op) or 1)  # query heads per KV head
        parts: list[tuple[int, Value, Value | None]] = []
        for i, g in enumerate(groups):
            q, o, lse = op.q, op.o, op.lse
            if split:
                ops, q = head_slice(op.q, g.start * rep, g.stop * rep, self.name)
                self.ops += ops
                o = Value(self.name(f"{op.o.name}_h{g.start}"), _heads(op.o.type, q))
                if lse is not None:
                    lse = Value(self.name(f"{op.lse.name}_h{g.start}"), _heads(lse.type, q))
            k, v = (self._source(op, r, g, i, split) for r in ("k", "v"))
            self.ops.append(_read(op, q, k, v, o, lse, g.fmt))
            parts.append((g.start * rep, o, lse))
        if split:
            self._join(op.o, [(s, o) for s, o, _ in parts])
            if op.lse is not None:
                self._join(op.lse, [(s, lse) for s, _, lse in parts])

    def _join(self, result: Value, parts: list[tuple[int, Value]]) -> None:
        acc = Value(self.name(result.name), result.type)
        self.ops.append(FillOp(acc, 0.0))
        for n, (start, part) in enumerate(parts):
            out = result if n == len(parts) - 1 else Value(self.name(result.name), result.type)
            self.ops.append(UpdateSliceOp(acc, part, out, axis=1, start=start))
            acc = out


def _read(op: AttentionOp, q: Value, k: Stored, v: Stored, o: Value, lse: Value | None,
          fmt: KVFormat | None) -> AttentionOp:
    new = replace(op, q=q, k=k.data, v=v.data, o=o, lse=lse)
    if fmt is None:
        return new
    return replace(new, kv_format=fmt, k_scale=k.scale, k_zero=k.zero, v_scale=v.scale,
                   v_zero=v.zero, k_residual=k.residual, v_residual=v.residual)


def _heads(t: TensorType, q: Value) -> TensorType:
    return TensorType(t.shape[:1] + (q.type.shape[1],) + t.shape[2:], t.dtype)


def _values(x) -> tuple[Value, ...]:
    if x is None:
        return ()
    return (x,) if isinstance(x, Value) else tuple(x)
