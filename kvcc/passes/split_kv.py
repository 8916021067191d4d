"""``split-kv{splits=N}``: split the key axis of attention into N chunks and merge.

Flash-decoding at the IR level: a loop over KV chunks computes one attention
state ``(o, lse)`` per chunk (kept in f32, or f64 for f64 programs) and folds
it into an accumulator with
the attention-state merge; the mask keeps its meaning through ``kv_offset`` and
``kv_total``. Exact up to floating-point reassociation. Applies to dense-layout,
unquantized attention whose key length is static and longer than one chunk.
The run-time split choice inside kernels is the Triton backend's job; this pass
is the explicit, inspectable form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import ClassVar

import sympy

from kvcc.ir.dtypes import DType
from kvcc.ir.ops import (
    AttentionOp,
    Block,
    CastOp,
    FillOp,
    ForOp,
    MergeStatesOp,
    Op,
    SliceOp,
)
from kvcc.ir.types import TensorType, Value, as_int, sym
from kvcc.passes.rewrite import AttentionRewrite, Namer


@dataclass(frozen=True)
class SplitKV(AttentionRewrite):
    """Options: ``splits`` (>= 1). Requires nothing; ensures ``kv-split``."""

    name: ClassVar[str] = "split-kv"
    ensures: ClassVar[frozenset[str]] = frozenset({"kv-split"})
    positive: ClassVar[tuple[str, ...]] = ("splits",)
    splits: int = 4

    def rewrite_attention(self, op: AttentionOp, fresh: Namer) -> list[Op]:
        skv = as_int(op.k.type.shape[2])
        if skv is None or self.splits == 1 or skv < 2:
            return [op]
        chunk = -(-skv // self.splits)
        c = fresh("kv")
        size = sympy.Min(chunk, skv - sym(c))
        # partial states in f32 (f64 for f64 programs, which stay exact)
        acc = DType.f64 if op.q.type.dtype == DType.f64 else DType.f32
        o_t = TensorType(op.o.type.shape, acc)
        l_t = TensorType(op.q.type.shape[:-1], acc)
        init_o, init_l = Value(fresh("acc_o"), o_t), Value(fresh("acc_lse"), l_t)
        arg_o, arg_l = Value(fresh("acc_o"), o_t), Value(fresh("acc_lse"), l_t)
        k_c = Value(fresh("k"), TensorType(op.k.type.shape[:2] + (size,) + op.k.type.shape[3:],
                                           op.k.type.dtype))
        v_c = Value(fresh("v"), TensorType(op.v.type.shape[:2] + (size,) + op.v.type.shape[3:],
                                           op.v.type.dtype))
        o_c, l_c = Value(fresh("o"), o_t), Value(fresh("lse"), l_t)
        new_o, new_l = Value(fresh("acc_o"), o_t), Value(fresh("acc_lse"), l_t)
        body = Block(
            (arg_o, arg_l),
            (
                SliceOp(op.k, k_c, axis=2, start=sym(c)),
                SliceOp(op.v, v_c, axis=2, start=sym(c)),
                replace(op, k=k_c, v=v_c, o=o_c, lse=l_c, kv_offset=sym(c), kv_total=skv),
                MergeStatesOp((arg_o, o_c), (arg_l, l_c), new_o, new_l),
            ),
            (new_o, new_l),
        )
        res_o, res_l = Value(fresh("o"), o_t), Value(fresh("lse"), l_t)
        out: list[Op] = [
            FillOp(init_o, 0.0), FillOp(init_l, -math.inf),
            ForOp(c, sympy.Integer(skv), chunk, (init_o, init_l), body, (res_o, res_l)),
            CastOp(res_o, op.o),
        ]
        if op.lse is not None:
            out.append(CastOp(res_l, op.lse))
        return out
