"""Execute any kvcc IR module with plain torch.

Dims that are plain symbols in the argument types are bound from the actual
tensors; every op's results are checked against their IR types, so a pass that
mis-types a value fails here, at the op that produced it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sympy
import torch

from kvcc.codegen.reference.attention import (
    Placement,
    attention_dense,
    check_mask_for_varlen,
    merge_states,
)
from kvcc.codegen.reference.quant import dequantize, quantize
from kvcc.codegen.reference.quest import page_bounds, page_stats, select_pages
from kvcc.codegen.reference.two_sources import attention_by_head, per_head_pages
from kvcc.ir.formats import Dense, Packed, Paged
from kvcc.ir.mask import PageSelect, data_refs, walk
from kvcc.ir.ops import (
    AttentionOp,
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
from kvcc.ir.types import Value, sym


@dataclass(frozen=True)
class ReferenceOptions:
    """``compute_dtype``: float32 or float64. ``cast_outputs``: cast results to their
    IR dtypes. False is the oracle mode: float inputs may be wider than their IR
    types (float64 for an f16 program) and float results keep compute precision."""

    compute_dtype: torch.dtype = torch.float32
    cast_outputs: bool = True
    # Another backend may execute attention ops itself and leave the glue ops
    # (loops, slices, merges) to this interpreter:
    # (op, tensors by name, dim evaluator) -> (o, lse).
    attention_impl: Callable[..., tuple] | None = None


class _Ctx:
    """Interpreter state: values by name and dimension bindings. ``dim`` and ``check``
    let a caller that already evaluated and checked a module run single ops."""

    def __init__(self, opts: ReferenceOptions, dim=None, check: bool = True) -> None:
        self.opts = opts
        self.env: dict[str, torch.Tensor] = {}
        self.bind: dict[sympy.Symbol, sympy.Integer] = {}
        self.check = check
        self.device: torch.device | None = None
        if dim is not None:
            self.dim = dim  # type: ignore[method-assign]

    def dim(self, d: sympy.Expr) -> int:
        v = sympy.sympify(d.xreplace(self.bind)) if d.free_symbols else d
        if not v.is_Integer:
            raise ValueError(f"dimension {d} is not bound (unknown: {sorted(map(str, v.free_symbols))})")
        return int(v)

    def match(self, val: Value, t: torch.Tensor, what: str) -> None:
        """Bind unknown plain symbols of val's type from t, then check every dim."""
        ty = val.type
        if t.dim() != ty.rank:
            raise ValueError(f"{what} %{val.name}: expected rank {ty.rank} ({ty}), got shape "
                             f"{tuple(t.shape)}")
        for d, n in zip(ty.shape, t.shape):
            if isinstance(d, sympy.Symbol) and d not in self.bind:
                self.bind[d] = sympy.Integer(int(n))
        for d, n in zip(ty.shape, t.shape):
            if self.dim(d) != int(n):
                raise ValueError(f"{what} %{val.name}: expected {ty} with "
                                 f"{', '.join(f'{s}={v}' for s, v in self.bind.items())}, got "
                                 f"shape {tuple(t.shape)}")

    def set(self, val: Value | None, t: torch.Tensor, op: Op) -> None:
        if val is None:
            return
        if self.opts.cast_outputs or not val.type.dtype.is_float or not t.dtype.is_floating_point:
            t = t.to(val.type.dtype.to_torch())
        if self.check:
            self.match(val, t, f"result of {op.NAME}")
        self.env[val.name] = t

    def get(self, val: Value | None) -> torch.Tensor | None:
        return None if val is None else self.env[val.name]


def run(module: Module, *inputs: torch.Tensor, options: ReferenceOptions = ReferenceOptions(),
        **named: torch.Tensor) -> tuple[torch.Tensor, ...]:
    """Run ``module`` on tensors given positionally (in argument order) or by name."""
    ctx = _Ctx(options)
    if len(inputs) + len(named) != len(module.args):
        raise TypeError(f"module @{module.name} takes {len(module.args)} inputs "
                        f"({', '.join('%' + a.name for a in module.args)}), got "
                        f"{len(inputs) + len(named)}")
    given = dict(zip((a.name for a in module.args), inputs)) | named
    for a in module.args:
        if a.name not in given:
            raise TypeError(f"missing input %{a.name}")
        t = given[a.name]
        if not isinstance(t, torch.Tensor):
            raise TypeError(f"input %{a.name} must be a tensor, got {type(t).__name__}")
        want = a.type.dtype.to_torch()
        oracle_upcast = (not options.cast_outputs and t.is_floating_point()
                         and a.type.dtype.is_float)
        if t.dtype != want and not oracle_upcast:
            raise TypeError(f"input %{a.name} must be {want} ({a.type}), got {t.dtype}")
        ctx.match(a, t, "input")
        ctx.env[a.name] = t
        if ctx.device is None:
            ctx.device = t.device  # ops that make tensors (fill) follow the inputs
    _run_ops(module.ops, ctx)
    return tuple(ctx.env[o.name] for o in module.outputs)


def _run_ops(ops: tuple[Op, ...], ctx: _Ctx) -> None:
    for op in ops:
        _IMPLS[type(op)](op, ctx)


# ------------------------------------------------------------------ attention


def reference_attention(op: AttentionOp, tensors: dict[str, torch.Tensor], dim) -> tuple:
    """One attention op on the reference (an ``attention_impl`` for backends that
    fall back per op). ``dim`` evaluates the op's symbolic attributes."""
    wide = tensors[op.q.name].dtype == torch.float64
    sub = _Ctx(ReferenceOptions(torch.float64 if wide else torch.float32), dim=dim, check=False)
    sub.env.update(tensors)
    _attention(op, sub)
    out = sub.env[op.o.name], (sub.env[op.lse.name] if op.lse is not None else None)
    return out if op.scores is None else (*out, sub.env[op.scores.name])


def _kv_for(op: AttentionOp, ctx: _Ctx, name: str) -> torch.Tensor:
    """k or v as a float tensor, dequantized and with the residual window appended."""
    t = ctx.get(getattr(op, name))
    fmt = op.kv_format
    if fmt is None:
        return t
    t = dequantize(t, ctx.get(getattr(op, f"{name}_scale")), ctx.get(getattr(op, f"{name}_zero")),
                   fmt, name, ctx.opts.compute_dtype, precision=op.kv_precision)
    res = ctx.get(getattr(op, f"{name}_residual"))
    return t if res is None else torch.cat([t, res.to(t.dtype)], dim=2)


def _attention(op: AttentionOp, ctx: _Ctx) -> None:
    if ctx.opts.attention_impl is not None:
        # (o, lse), and the scores third when the op returns them
        res = ctx.opts.attention_impl(op, {v.name: ctx.env[v.name] for v in op.operands()},
                                      ctx.dim)
        ctx.set(op.o, res[0], op)
        if op.lse is not None:
            ctx.set(op.lse, res[1], op)
        if op.scores is not None:
            ctx.set(op.scores, res[2], op)
        return
    if per_head_pages(op):  # KV heads with pages of their own: one at a time
        o, lse = attention_by_head(op, {v.name: ctx.get(v) for v in op.operands()}, ctx.dim,
                                   lambda sop, t, d: reference_attention(sop, t, d)[:2])
        ctx.set(op.o, o.to(ctx.opts.compute_dtype), op)
        if op.lse is not None:
            ctx.set(op.lse, lse.to(ctx.opts.compute_dtype), op)
        return
    q = ctx.get(op.q)
    k, v = _kv_for(op, ctx, "k"), _kv_for(op, ctx, "v")
    data = {a.name: ctx.get(a) for a in op.mask_args}
    common = dict(scale=op.scale, mask=op.mask, mask_data=data, softcap=op.softcap,
                  alibi=op.alibi, compute_dtype=ctx.opts.compute_dtype,
                  score_window=None if op.scores is None else op.score_window)
    ql, kl = op.q_layout, op.kv_layout
    scores = None
    if op.scores is not None:
        scores = torch.zeros([ctx.dim(d) for d in op.scores.type.shape],
                             dtype=ctx.opts.compute_dtype, device=q.device)
    if isinstance(ql, Dense) and isinstance(kl, Dense) and op.kv_lens is None:
        place = Placement(ctx.dim(op.q_offset), ctx.dim(op.kv_offset),
                          None if op.q_total is None else ctx.dim(op.q_total),
                          None if op.kv_total is None else ctx.dim(op.kv_total))
        o, lse, *sc = attention_dense(q, k, v, place=place, **common)
        if scores is not None:
            scores.copy_(sc[0])
    else:
        check_mask_for_varlen(op.mask)
        cu_q, cu_k = ctx.get(op.cu_seqlens_q), ctx.get(op.cu_seqlens_k)
        bt, lens = ctx.get(op.block_table), ctx.get(op.kv_lens)
        batch = (len(cu_q) - 1 if isinstance(ql, Packed) else q.shape[0])
        page_sizes = {n.pages: n.page_size for n in walk(op.mask) if isinstance(n, PageSelect)}
        # tensors bound to the mask count as its arguments (as in the dense path)
        data = {n: t for n, t in data_refs(op.mask).items() if t is not None} | data
        o = torch.zeros(*q.shape[:-1], v.shape[-1], dtype=ctx.opts.compute_dtype, device=q.device)
        lse = torch.zeros(q.shape[:-1], dtype=ctx.opts.compute_dtype, device=q.device)
        for b in range(batch):
            if isinstance(ql, Packed):
                rows = slice(int(cu_q[b]), int(cu_q[b + 1]))
                qb = q[rows].permute(1, 0, 2).unsqueeze(0)
            else:
                qb = q[b:b + 1]
            kb, vb = (_seq_kv(t, kl, b, cu_k, bt, lens) for t in (k, v))
            # page selections are per sequence ([B, H, pages]): this sequence's row,
            # over its own pages
            seq = {n: t[b:b + 1] if t.dim() >= 2 and t.shape[0] == batch else t
                   for n, t in data.items()}
            for n, ps in page_sizes.items():
                seq[n] = seq[n][..., :-(-kb.shape[2] // ps)]
            ob, lb, *sc = attention_dense(qb, kb, vb, **(common | {"mask_data": seq}))
            if scores is not None:  # [Hkv, Tk] over packed keys, else [B, Hkv, S]
                n = kb.shape[2]
                if isinstance(kl, Packed):
                    scores[:, int(cu_k[b]):int(cu_k[b]) + n] = sc[0][0]
                else:
                    scores[b, :, :n] = sc[0][0]
            if isinstance(ql, Packed):
                o[rows] = ob[0].permute(1, 0, 2)
                lse[rows] = lb[0].permute(1, 0)
            else:
                o[b], lse[b] = ob[0], lb[0]
    ctx.set(op.o, o, op)
    if op.lse is not None:
        ctx.set(op.lse, lse, op)
    if scores is not None:
        ctx.set(op.scores, scores, op)


def _seq_kv(t: torch.Tensor, layout, b: int, cu_k, block_table, kv_lens) -> torch.Tensor:
    """One sequence's keys or values as ``[1, H, L, D]``."""
    if isinstance(layout, Dense):
        return t[b:b + 1] if kv_lens is None else t[b:b + 1, :, :int(kv_lens[b])]
    if isinstance(layout, Packed):
        return t[int(cu_k[b]):int(cu_k[b + 1])].permute(1, 0, 2).unsqueeze(0)
    n = int(kv_lens[b])
    pages = -(-n // layout.page_size)
    rows = t[block_table[b, :pages].long()].flatten(0, 1)[:n]  # [L, H, D]
    return rows.permute(1, 0, 2).unsqueeze(0)


# ------------------------------------------------------------------ the others


def _append(op: KVAppendOp, ctx: _Ctx) -> None:
    cache, new, lens = ctx.get(op.cache).clone(), ctx.get(op.new), ctx.get(op.kv_lens)
    snew = new.shape[2]
    for b in range(new.shape[0]):
        start = int(lens[b])
        if isinstance(op.layout, Paged):
            ps, bt = op.layout.page_size, ctx.get(op.block_table)
            if -(-(start + snew) // ps) > bt.shape[1]:
                raise ValueError(f"kv_append: sequence {b} needs {start + snew} slots, its block "
                                 f"table holds {bt.shape[1] * ps}")
            for t in range(snew):
                pos = start + t
                cache[int(bt[b, pos // ps]), pos % ps] = new[b, :, t]
        else:
            if start + snew > cache.shape[2]:
                raise ValueError(f"kv_append: sequence {b} needs {start + snew} slots, the cache "
                                 f"holds {cache.shape[2]}")
            cache[b, :, start:start + snew] = new[b]
    ctx.set(op.out, cache, op)


def _quantize(op: QuantizeOp, ctx: _Ctx) -> None:
    codes, scale, zero = quantize(ctx.get(op.x), op.format, op.role,
                                  scale=ctx.get(op.static_scale))
    ctx.set(op.codes, codes, op)
    ctx.set(op.scale, scale, op)
    ctx.set(op.zero, zero, op) if op.zero is not None else None


def _dequantize(op: DequantizeOp, ctx: _Ctx) -> None:
    out = dequantize(ctx.get(op.codes), ctx.get(op.scale), ctx.get(op.zero), op.format, op.role,
                     ctx.opts.compute_dtype)
    ctx.set(op.out, out, op)


def _pack(op: PackOp, ctx: _Ctx) -> None:
    x, lens = ctx.get(op.x), ctx.get(op.lens)
    parts = [x[b, :, :int(lens[b])].permute(1, 0, 2) for b in range(x.shape[0])]
    cu = torch.zeros(len(parts) + 1, dtype=torch.int64, device=x.device)
    cu[1:] = torch.cumsum(lens.to(torch.int64), 0)
    ctx.set(op.out, torch.cat(parts, 0), op)
    ctx.set(op.cu_seqlens, cu, op)


def _unpack(op: UnpackOp, ctx: _Ctx) -> None:
    x, cu = ctx.get(op.x), ctx.get(op.cu_seqlens)
    shape = [ctx.dim(d) for d in op.out.type.shape]
    out = torch.zeros(shape, dtype=x.dtype, device=x.device)
    for b in range(len(cu) - 1):
        seg = x[int(cu[b]):int(cu[b + 1])]
        out[b, :, :seg.shape[0]] = seg.permute(1, 0, 2)
    ctx.set(op.out, out, op)


def _quest(op: QuestSelectOp, ctx: _Ctx) -> None:
    q, k = ctx.get(op.q), ctx.get(op.k)
    kmin, kmax = page_stats(k, op.page)
    n = torch.full((k.shape[0],), kmin.shape[2], dtype=torch.long)
    ctx.set(op.pages, select_pages(page_bounds(q, kmin, kmax), n, op.budget // op.page), op)


def _merge(op: MergeStatesOp, ctx: _Ctx) -> None:
    o, lse = merge_states([ctx.get(v) for v in op.os], [ctx.get(v) for v in op.lses])
    ctx.set(op.o, o, op)
    ctx.set(op.lse, lse, op)


def _fill(op: FillOp, ctx: _Ctx) -> None:
    shape = [ctx.dim(d) for d in op.out.type.shape]
    dt = op.out.type.dtype.to_torch()
    if not ctx.opts.cast_outputs and op.out.type.dtype.is_float:
        dt = ctx.opts.compute_dtype  # oracle mode keeps compute precision throughout
    ctx.set(op.out, torch.full(shape, op.value, dtype=dt, device=ctx.device or "cpu"), op)


def _cast(op: CastOp, ctx: _Ctx) -> None:
    x = ctx.get(op.x)
    if ctx.opts.cast_outputs or not (x.is_floating_point() and op.out.type.dtype.is_float):
        x = x.to(op.out.type.dtype.to_torch())
    ctx.set(op.out, x, op)


def _slice(op: SliceOp, ctx: _Ctx) -> None:
    x = ctx.get(op.x)
    start, size = ctx.dim(op.start), ctx.dim(op.out.type.shape[op.axis])
    if start < 0 or start + size > x.shape[op.axis]:
        raise ValueError(f"slice %{op.out.name}: [{start}, {start + size}) is outside axis "
                         f"{op.axis} of length {x.shape[op.axis]}")
    ctx.set(op.out, x.narrow(op.axis, start, size), op)


def _update(op: UpdateSliceOp, ctx: _Ctx) -> None:
    dst, src = ctx.get(op.dst).clone(), ctx.get(op.src)
    start = ctx.dim(op.start)
    if start + src.shape[op.axis] > dst.shape[op.axis]:
        raise ValueError(f"update_slice %{op.out.name}: writes past the end of axis {op.axis}")
    dst.narrow(op.axis, start, src.shape[op.axis]).copy_(src)
    ctx.set(op.out, dst, op)


def _for(op: ForOp, ctx: _Ctx) -> None:
    idx = sym(op.index)
    carried = [ctx.get(v) for v in op.inits]
    for i in range(0, ctx.dim(op.extent), op.step):
        ctx.bind[idx] = sympy.Integer(i)
        for a, t in zip(op.body.args, carried):
            ctx.env[a.name] = t
        _run_ops(op.body.ops, ctx)
        carried = [ctx.env[y.name] for y in op.body.yields]
    ctx.bind.pop(idx, None)
    for r, t in zip(op.outs, carried):
        ctx.set(r, t, op)


_IMPLS = {
    AttentionOp: _attention, KVAppendOp: _append, QuantizeOp: _quantize,
    DequantizeOp: _dequantize, PackOp: _pack, UnpackOp: _unpack, MergeStatesOp: _merge,
    FillOp: _fill, CastOp: _cast, SliceOp: _slice, UpdateSliceOp: _update, ForOp: _for,
    QuestSelectOp: _quest,
}
