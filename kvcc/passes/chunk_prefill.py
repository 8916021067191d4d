"""``chunk-prefill{size=512}``: process the queries of an attention in chunks.

SARATHI's chunked prefill, at the IR level: a loop over query chunks of
``size`` rows; chunk ``[c, c+n)`` attends to the keys its rows can see and
writes its rows of ``o`` and ``lse``. When the mask never lets a row see a key
past its own (bottom-right) position — causal, windows, and combinations of
them with anything, decided exactly from the mask's row intervals — each chunk
reads only keys ``[0, c + n + Skv - Sq)``, which is what makes chunking pay.
Exact: every row's attention is computed over the same visible keys.
Applies to dense, unquantized attention with static lengths and more than one
chunk of queries. Appending each chunk's KV to a cache first (the serving form)
comes with the KV-cache passes.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import ClassVar

import numpy as np
import sympy

from kvcc.ir.dtypes import DType
from kvcc.ir.mask import Mask, is_structured
from kvcc.ir.mask_tiles import row_intervals
from kvcc.ir.ops import AttentionOp, Block, FillOp, ForOp, Op, SliceOp, UpdateSliceOp
from kvcc.ir.types import TensorType, Value, as_int, sym
from kvcc.passes.rewrite import AttentionRewrite, Namer


def shape(t: TensorType, axis: int, d) -> tuple:
    """``t``'s shape with ``axis`` replaced by ``d``."""
    return t.shape[:axis] + (d,) + t.shape[axis + 1:]


def causally_bounded(mask: Mask, sq: int, skv: int) -> bool:
    """True when no query row sees a key after its own bottom-right position."""
    if skv < sq or not is_structured(mask):
        return False
    lo, hi = row_intervals(mask, sq, skv)
    last = np.where(lo < hi, hi - 1, -1).max(axis=1)
    return bool((last <= np.arange(sq) + (skv - sq)).all())


@dataclass(frozen=True)
class ChunkPrefill(AttentionRewrite):
    """Options: ``size`` (query rows per chunk, >= 1). Ensures ``prefill-chunked``."""

    name: ClassVar[str] = "chunk-prefill"
    ensures: ClassVar[frozenset[str]] = frozenset({"prefill-chunked"})
    positive: ClassVar[tuple[str, ...]] = ("size",)
    size: int = 512

    def rewrite_attention(self, op: AttentionOp, fresh: Namer) -> list[Op]:
        sq, skv = as_int(op.q.type.shape[2]), as_int(op.k.type.shape[2])
        if sq is None or skv is None or sq <= self.size:
            return [op]
        c = fresh("q")
        n = sympy.Min(self.size, sq - sym(c))
        q_c = Value(fresh("q"), TensorType(shape(op.q.type, 2, n), op.q.type.dtype))
        body: list[Op] = [SliceOp(op.q, q_c, axis=2, start=sym(c))]
        k, v = op.k, op.v
        if causally_bounded(op.mask, sq, skv):
            kv_n = sympy.Min(sym(c) + self.size, sq) + (skv - sq)
            k = Value(fresh("k"), TensorType(shape(op.k.type, 2, kv_n), op.k.type.dtype))
            v = Value(fresh("v"), TensorType(shape(op.v.type, 2, kv_n), op.v.type.dtype))
            body += [SliceOp(op.k, k, axis=2, start=sympy.Integer(0)),
                     SliceOp(op.v, v, axis=2, start=sympy.Integer(0))]
        l_t = TensorType(op.q.type.shape[:-1], DType.f32)
        o_c = Value(fresh("o"), TensorType(shape(op.o.type, 2, n), op.o.type.dtype))
        l_c = Value(fresh("lse"), TensorType(shape(l_t, 2, n), DType.f32))
        init_o, init_l = Value(fresh("o"), op.o.type), Value(fresh("lse"), l_t)
        arg_o, arg_l = Value(fresh("o"), op.o.type), Value(fresh("lse"), l_t)
        new_o, new_l = Value(fresh("o"), op.o.type), Value(fresh("lse"), l_t)
        body += [
            replace(op, q=q_c, k=k, v=v, o=o_c, lse=l_c, q_offset=sym(c), q_total=sq,
                    kv_total=skv),
            UpdateSliceOp(arg_o, o_c, new_o, axis=2, start=sym(c)),
            UpdateSliceOp(arg_l, l_c, new_l, axis=2, start=sym(c)),
        ]
        res_l = op.lse if op.lse is not None else Value(fresh("lse"), l_t)
        return [
            FillOp(init_o, 0.0), FillOp(init_l, -math.inf),
            ForOp(c, sympy.Integer(sq), self.size, (init_o, init_l),
                  Block((arg_o, arg_l), tuple(body), (new_o, new_l)), (op.o, res_l)),
        ]
