"""The IR verifier: structural SSA rules plus one checker per op.

Errors name the op, the rule and the values involved, e.g.
``attention %o: [gqa-heads] Hq=6 is not a multiple of Hkv=4``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

import sympy

from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Dense, Packed, Paged
from kvcc.ir.mask import data_refs
from kvcc.ir.ops import (
    AttentionOp,
    Block,
    CastOp,
    DequantizeOp,
    FillOp,
    ForOp,
    KVAppendOp,
    MergeStatesOp,
    Module,
    Op,
    PackOp,
    QuantizeOp,
    QuestSelectOp,
    SliceOp,
    UnpackOp,
    UpdateSliceOp,
)
from kvcc.ir.types import Value
from kvcc.ir.verify_rules import (
    Fail,
    VerifyError,
    as_int,
    check_alt,
    check_per_head,
    check_scores,
    eq,
    index_type,
    per_head,
)

_NAME = re.compile(r"[A-Za-z_][\w.]*", re.ASCII)


def verify(m: Module) -> Module:
    """Check ``m``; return it unchanged or raise :class:`VerifyError`."""
    if not _NAME.fullmatch(m.name):
        raise VerifyError(f"module @{m.name}", "name", "module names are [A-Za-z_][A-Za-z0-9_.]*")
    for v in (*m.args, *(r for op in m.walk() for r in op.results()),
              *(a for op in m.walk() for b in op.regions() for a in b.args)):
        if not _NAME.fullmatch(v.name):
            raise VerifyError(f"module @{m.name}", "name",
                              f"value name {v.name!r} is not [A-Za-z_][A-Za-z0-9_.]*")
    scope: set[str] = set()
    for a in m.args:
        if a.name in scope:
            raise VerifyError(f"module @{m.name}", "ssa", f"argument %{a.name} declared twice")
        scope.add(a.name)
    env = {a.name: a for a in m.args}
    _verify_ops(m.ops, scope, env)
    for o in m.outputs:
        if o.name not in scope or env[o.name] != o:
            raise VerifyError(f"module @{m.name}", "ssa", f"returns undefined value %{o.name}")
    return m


def _verify_ops(ops: tuple[Op, ...], scope: set[str], env: dict[str, Value]) -> None:
    for op in ops:
        fail = Fail(op)
        for v in op.operands():
            fail(v.name in scope, "ssa", f"uses %{v.name} before it is defined")
            fail(env[v.name] == v, "ssa", f"%{v.name} used with type {v.type}, defined as "
                 f"{env[v.name].type}")
        CHECKS[type(op)](op, fail)
        for b in op.regions():
            inner, inner_env = set(scope), dict(env)
            for a in b.args:
                fail(a.name not in inner, "ssa", f"region argument %{a.name} shadows a value")
                inner.add(a.name)
                inner_env[a.name] = a
            _verify_ops(b.ops, inner, inner_env)
            for y in b.yields:
                fail(y.name in inner, "ssa", f"region yields undefined %{y.name}")
        for r in op.results():
            fail(r.name not in scope, "ssa", f"%{r.name} is defined twice")
            scope.add(r.name)
            env[r.name] = r


# ------------------------------------------------------------------ helpers


# ------------------------------------------------------------------ attention


def _heads_dim(v: Value, layout) -> tuple[sympy.Expr, sympy.Expr]:
    """(heads, head_dim) of a q/k/v tensor in ``layout``."""
    s = v.type.shape
    if isinstance(layout, Dense):
        return s[1], s[3]
    if isinstance(layout, Packed):
        return s[1], s[2]
    return s[2], s[3]  # paged [P, page, H, D]


def _check_attention(op: AttentionOp, fail: Fail) -> None:
    ql, kl = op.q_layout, op.kv_layout
    fail(not isinstance(ql, Paged), "layout", "q cannot be paged")
    fail(op.q.type.dtype in (DType.f16, DType.bf16, DType.f32, DType.f64), "dtype",
         f"q must be f16, bf16, f32 or f64, got {op.q.type.dtype.value}")
    fail(op.q.type.rank == (3 if isinstance(ql, Packed) else 4), "rank",
         f"q has rank {op.q.type.rank}; the {ql.KEYWORD} layout needs "
         f"{3 if isinstance(ql, Packed) else 4}")
    for name in ("k", "v"):
        t = getattr(op, name).type
        want = 3 if isinstance(kl, Packed) else 4
        fail(t.rank == want, "rank", f"{name} has rank {t.rank}; the {kl.KEYWORD} layout needs {want}")
        if op.kv_format is None:
            fail(t.dtype == op.q.type.dtype, "dtype",
                 f"{name} is {t.dtype.value} but q is {op.q.type.dtype.value} (no kv_format)")
    fail(op.k.type.shape[:-1] == op.v.type.shape[:-1] or op.kv_format is not None, "kv-shape",
         f"k {op.k.type} and v {op.v.type} differ outside the head dim")
    if isinstance(ql, Packed):
        fail(op.cu_seqlens_q is not None, "layout", "packed q needs cu_seqlens_q")
    if isinstance(kl, Packed):
        fail(op.cu_seqlens_k is not None, "layout", "packed k/v need cu_seqlens_k")
    if isinstance(kl, Paged):
        fail(op.block_table is not None and op.kv_lens is not None, "layout",
             "paged k/v need block_table and kv_lens")
        fail(eq(op.k.type.shape[1], sympy.Integer(kl.page_size)), "layout",
             f"paged k has page axis {op.k.type.shape[1]}, layout says {kl.page_size}")
    for name in ("cu_seqlens_q", "cu_seqlens_k", "block_table", "kv_lens",
                 "residual_slot"):
        v = getattr(op, name)
        if v is not None:
            fail(index_type(v.type), "dtype", f"{name} must be i32 or i64, got {v.type.dtype.value}")
            fail(v.type.rank == (2 if name == "block_table" else 1)
                 or (name in ("block_table", "kv_lens") and per_head(op)), "rank",
                 f"{name} has rank {v.type.rank}")
    hq, dq = _heads_dim(op.q, ql)
    hk, dk = _heads_dim(op.k, kl)
    _, dv = _heads_dim(op.v, kl)
    hk = hk + len(op.alt_heads)  # every KV head, both sources
    check_alt(op, fail, hk)
    check_per_head(op, fail, hk)
    if as_int(hq) is not None and as_int(hk) is not None:
        fail(as_int(hk) > 0 and as_int(hq) % as_int(hk) == 0, "gqa-heads",
             f"Hq={hq} is not a multiple of Hkv={hk}")
    refs = set(data_refs(op.mask))
    args = {v.name for v in op.mask_args}
    fail(refs == args, "mask-args", f"mask reads {sorted(refs) or 'nothing'} but mask_args are "
         f"{sorted(args) or 'empty'}")
    for a in op.mask_args:
        fail(1 <= a.type.rank <= 3, "mask-args", f"%{a.name} must have rank 1 to 3 "
             "([keys], [B, keys] or [B, H, pages])")
        if a.type.rank == 3 and None not in (as_int(a.type.shape[1]), as_int(hq), as_int(hk)):
            fail(as_int(a.type.shape[1]) in (1, as_int(hk), as_int(hq)), "mask-args",
                 f"%{a.name} has {a.type.shape[1]} heads; use 1, Hkv={hk} or Hq={hq}")
    fmt = op.kv_format
    per_word = fmt.per_word if fmt is not None else 1
    fail(eq(dk * per_word, dq), "head-dim", f"q head dim {dq} but k head dim {dk}"
         + (f" x {per_word} codes per word" if per_word > 1 else ""))
    dv = dv * (fmt.per_word if fmt is not None else 1)
    if isinstance(ql, Dense) and isinstance(kl, Dense):
        fail(eq(op.q.type.shape[0], op.k.type.shape[0]), "batch",
             f"q batch {op.q.type.shape[0]} != k batch {op.k.type.shape[0]}")
    want_o = op.q.type.shape[:-1] + (dv,)
    fail(all(eq(a, b) for a, b in zip(op.o.type.shape, want_o)) and op.o.type.rank == len(want_o),
         "result-type", f"o should have shape {list(want_o)}, got {op.o.type}")
    fail(op.o.type.dtype.is_float, "dtype", "o must be a float type")
    if op.lse is not None:
        ok = op.lse.type.dtype == DType.f32 or (op.lse.type.dtype == DType.f64
                                                 and op.q.type.dtype == DType.f64)
        fail(ok, "dtype", f"lse must be f32 (f64 allowed for f64 q), got {op.lse.type.dtype.value}")
        fail(op.lse.type.shape == op.q.type.shape[:-1], "result-type",
             f"lse should have shape {list(op.q.type.shape[:-1])}, got {op.lse.type}")
    check_scores(op, fail, hk)
    fail(math.isfinite(op.scale) and op.scale > 0, "scale", f"scale must be > 0, got {op.scale}")
    fail(op.softcap is None or (math.isfinite(op.softcap) and op.softcap > 0), "softcap",
         f"softcap must be > 0, got {op.softcap}")

    if fmt is None:
        for name in ("k_scale", "k_zero", "v_scale", "v_zero", "k_residual", "v_residual",
                     "residual_slot"):
            fail(getattr(op, name) is None, "kv-format", f"{name} given without a kv_format")
        fail(op.kv_precision == "full", "kv-format", "kv_precision given without a kv_format")
    else:
        fail(op.k_scale is not None and op.v_scale is not None, "kv-format",
             f"kv_format {fmt.name} needs k_scale and v_scale")
        has_zero = op.k_zero is not None and op.v_zero is not None
        fail(has_zero != fmt.is_fp8, "kv-format",
             f"kv_format {fmt.name} {'has no' if fmt.is_fp8 else 'needs'} k_zero/v_zero")
        code = fmt.code if fmt.is_fp8 else (DType.i32 if fmt.packed else DType.u8)
        for name in ("k", "v"):
            t = getattr(op, name).type
            fail(t.dtype == code, "kv-format", f"{name} holds {fmt.name} codes as "
                 f"{code.value}, got {t.dtype.value}")
        fail(op.kv_precision in ("full", "upper"), "kv-format",
             f"kv_precision must be 'full' or 'upper', got {op.kv_precision!r}")
        fail(op.kv_precision == "full" or fmt.hierarchical, "kv-format",
             f"kv_precision='upper' reads hierarchical codes' upper plane; {fmt.name} has one")
        fail(isinstance(kl, (Dense, Paged)), "kv-format",
             "quantized k/v use the dense or paged layout")
        rings = op.k_residual is not None or op.v_residual is not None
        fail(op.residual_slot is None or (isinstance(kl, Paged) and rings), "kv-format",
             "residual_slot indexes the residual rings of paged quantized k/v")
        fail(not (isinstance(kl, Paged) and rings) or op.residual_slot is not None, "kv-format",
             "paged quantized k/v with residuals need residual_slot (each sequence's ring)")
    fail(op.kv_lens is None or isinstance(kl, (Dense, Paged)), "layout",
         "kv_lens applies to dense caches and paged k/v (packed k/v take cu_seqlens_k)")
    dense = isinstance(ql, Dense) and isinstance(kl, Dense) and op.kv_lens is None
    fail(dense or (op.q_offset == 0 and op.kv_offset == 0 and op.q_total is None
                   and op.kv_total is None), "offsets", "offsets need dense layouts")


# ------------------------------------------------------------------ the others


def _check_append(op: KVAppendOp, fail: Fail) -> None:
    fail(op.out.type == op.cache.type, "result-type", f"out must have the cache's type {op.cache.type}")
    fail(index_type(op.kv_lens.type) and op.kv_lens.type.rank == 1, "kv-lens",
         "kv_lens must be a rank-1 i32/i64 tensor")
    fail(op.new.type.dtype == op.cache.type.dtype, "dtype",
         f"new is {op.new.type.dtype.value}, cache is {op.cache.type.dtype.value}")
    fail(op.cache.type.rank == 4 and op.new.type.rank == 4, "rank", "cache and new have rank 4")
    if isinstance(op.layout, Paged):
        fail(op.block_table is not None, "layout", "a paged cache needs block_table")
        fail(eq(op.cache.type.shape[1], sympy.Integer(op.layout.page_size)), "layout",
             "paged cache's page axis does not match the layout")
    else:
        fail(isinstance(op.layout, Dense), "layout", "cache is dense or paged")


def _check_quantize(op: QuantizeOp, fail: Fail) -> None:
    fail(op.role in ("k", "v"), "role", f"role must be 'k' or 'v', got {op.role!r}")
    fail(op.x.type.dtype.is_float and op.x.type.rank == 4, "input", "x must be a rank-4 float tensor")
    fail((op.zero is None) == op.format.is_fp8, "zero", "integer formats have a zero, fp8 none")
    fail(op.scale.type.dtype == op.format.scale_dtype, "dtype", "scale dtype differs from format")
    if op.static_scale is not None:
        fail(op.format.is_fp8, "static-scale", f"a static scale is for fp8 formats, not "
             f"{op.format.name} (integer scales follow the data)")
        fail(op.static_scale.type == op.scale.type, "static-scale",
             f"static_scale {op.static_scale.type} must have the scale's type {op.scale.type}")


def _check_dequantize(op: DequantizeOp, fail: Fail) -> None:
    fail(op.role in ("k", "v"), "role", f"role must be 'k' or 'v', got {op.role!r}")
    fail(op.out.type.dtype.is_float and op.out.type.rank == 4, "result-type",
         "out must be a rank-4 float tensor")
    fail((op.zero is None) == op.format.is_fp8, "zero", "integer formats have a zero, fp8 none")


def _check_pack(op: PackOp, fail: Fail) -> None:
    fail(op.x.type.rank == 4 and op.out.type.rank == 3, "rank", "pack takes [B,H,S,D] to [T,H,D]")
    fail(index_type(op.lens.type) and index_type(op.cu_seqlens.type), "dtype", "lengths must be i32/i64")


def _check_unpack(op: UnpackOp, fail: Fail) -> None:
    fail(op.x.type.rank == 3 and op.out.type.rank == 4, "rank", "unpack takes [T,H,D] to [B,H,S,D]")
    fail(index_type(op.cu_seqlens.type), "dtype", "cu_seqlens must be i32/i64")


def _check_quest(op: QuestSelectOp, fail: Fail) -> None:
    q, k, p = op.q.type, op.k.type, op.pages.type
    fail(q.rank == 4 and k.rank == 4, "rank", "quest_select takes dense q and k [B, H, S, D]")
    fail(isinstance(op.page, int) and op.page > 0, "page", f"page must be > 0, got {op.page}")
    fail(isinstance(op.budget, int) and op.budget >= op.page, "budget",
         f"budget must be at least one page ({op.page}), got {op.budget}")
    fail(p.dtype == DType.i1 and p.rank == 3, "result-type", "pages must be i1 [B, Hkv, P]")
    if q.rank == 4 and k.rank == 4 and p.rank == 3:
        n = sympy.ceiling(k.shape[2] / op.page)
        fail(eq(p.shape[0], k.shape[0]) and eq(p.shape[1], k.shape[1]) and eq(p.shape[2], n),
             "result-type", f"pages should be [{k.shape[0]}, {k.shape[1]}, {n}], got {p}")
        hq, hk = as_int(q.shape[1]), as_int(k.shape[1])
        if hq is not None and hk is not None:
            fail(hk > 0 and hq % hk == 0, "gqa-heads", f"Hq={hq} is not a multiple of Hkv={hk}")


def _check_merge(op: MergeStatesOp, fail: Fail) -> None:
    fail(len(op.os) == len(op.lses) >= 1, "arity", "needs one lse per o, at least one state")
    fail(all(o.type.shape == op.o.type.shape for o in op.os), "types",
         "every o must have the result's shape (dtypes may differ: merging computes in f32)")
    fail(all(lse.type == op.lse.type for lse in op.lses), "types", "every lse must match")
    fail(op.lse.type.dtype in (DType.f32, DType.f64), "dtype", "lse must be f32 or f64")
    fail(op.o.type.shape[:-1] == op.lse.type.shape, "types", "lse is o's shape without the head dim")


def _check_fill(op: FillOp, fail: Fail) -> None:
    fail(op.out.type.dtype.is_float or not math.isinf(op.value), "value",
         "an integer tensor cannot hold inf")


def _check_cast(op: CastOp, fail: Fail) -> None:
    fail(op.x.type.shape == op.out.type.shape, "types", "cast keeps the shape")


def _check_slice(op: SliceOp, fail: Fail) -> None:
    fail(0 <= op.axis < op.x.type.rank, "axis", f"axis {op.axis} out of range for {op.x.type}")
    fail(op.out.type.rank == op.x.type.rank and op.out.type.dtype == op.x.type.dtype, "types",
         "out must have x's rank and dtype")
    fail(all(eq(a, b) for i, (a, b) in enumerate(zip(op.x.type.shape, op.out.type.shape))
             if i != op.axis), "types", "slice changes only its axis")


def _check_update(op: UpdateSliceOp, fail: Fail) -> None:
    fail(0 <= op.axis < op.dst.type.rank, "axis", f"axis {op.axis} out of range")
    fail(op.out.type == op.dst.type, "types", "out has dst's type")
    fail(op.src.type.rank == op.dst.type.rank and op.src.type.dtype == op.dst.type.dtype, "types",
         "src must have dst's rank and dtype")


def _check_for(op: ForOp, fail: Fail) -> None:
    b: Block = op.body
    fail(op.step > 0, "step", f"step must be > 0, got {op.step}")
    n = len(op.inits)
    fail(len(b.args) == n and len(b.yields) == n and len(op.outs) == n, "arity",
         f"{n} inits need as many region args, yields and results")
    for i, a, y, r in zip(op.inits, b.args, b.yields, op.outs):
        fail(i.type == a.type == y.type == r.type, "types",
             f"loop-carried %{a.name}: init {i.type}, arg {a.type}, yield {y.type}, result {r.type}")


CHECKS: dict[type, Callable] = {
    AttentionOp: _check_attention, KVAppendOp: _check_append, QuantizeOp: _check_quantize,
    DequantizeOp: _check_dequantize, PackOp: _check_pack, UnpackOp: _check_unpack,
    MergeStatesOp: _check_merge, FillOp: _check_fill, CastOp: _check_cast, SliceOp: _check_slice,
    UpdateSliceOp: _check_update, ForOp: _check_for, QuestSelectOp: _check_quest,
}
