"""``cascade{prefix=N}``: the prefix every sequence shares is read once, for all queries.

Cascade attention (FlashInfer's cascade, RelayAttention, ChunkAttention) at the IR
level, for packed queries over paged K/V (the serving layout). The batch declares
that the first ``prefix`` tokens of every sequence hold the same keys and values
(a system prompt, a retrieved document; after ``KVCache.fork`` they are the same
pages). The op becomes

- the **prefix part**: all queries of the batch as *one* packed sequence over the
  first ``prefix`` tokens of sequence 0 (``block_table[0:1]``, length ``prefix``),
  with no mask, so those keys are read once for the whole batch, not once per
  sequence; it returns ``(o, lse)``;
- the **own part**: the original op with ``~sinks(prefix)`` added to its mask, so
  each sequence attends only to its tokens after the prefix (masks are predicates
  on each sequence's own positions, so the mask keeps its meaning; the kernels load
  none of the prefix's tiles);
- ``merge_states`` of the two, cast to the op's results (partial states are f32,
  f64 in f64 programs).

Requires, of the op: packed q, paged unquantized K/V, no ALiBi, a mask that is
``full`` or bottom-right ``causal`` (or their conjunction). Requires, of the data
(which the IR cannot see; :class:`kvcc.runtime.cascade.CascadeStep` finds and checks
it from a cache's block tables): every sequence's first ``prefix`` keys and values
equal sequence 0's, and every query sits after the prefix (``kv_lens[b] - q_len[b]
>= prefix``; with a full mask, ``kv_lens[b] >= prefix`` is enough), so each query
sees every prefix key. Under these, exact: each query's
softmax is over the same visible keys, split in two disjoint sets and merged (up to
floating-point reassociation). Ops it does not apply to are left as they are.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

import sympy

from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Packed, Paged
from kvcc.ir.mask import And, Causal, Full, Mask, Not, Sinks
from kvcc.ir.mask_simplify import simplify
from kvcc.ir.ops import (
    AttentionOp,
    CastOp,
    FillOp,
    MergeStatesOp,
    Module,
    Op,
    SliceOp,
    UpdateSliceOp,
)
from kvcc.ir.types import TensorType, Value
from kvcc.passes.base import Pass, PassOptionError
from kvcc.passes.rewrite import Namer, map_ops


def prefix_fully_visible(mask: Mask) -> bool:
    """True when a query after the prefix sees every prefix key and the mask keeps its
    meaning once the prefix's keys are set aside: ``full``, bottom-right ``causal``
    (the relative position of query and key is all it reads), and conjunctions of them."""
    if isinstance(mask, Full):
        return True
    if isinstance(mask, Causal):
        return mask.align.value == "bottom_right"
    if isinstance(mask, And):
        return prefix_fully_visible(mask.a) and prefix_fully_visible(mask.b)
    return False


def applies(op: AttentionOp) -> str | None:
    """None when the rewrite applies to ``op``, else why not."""
    if not isinstance(op.q_layout, Packed) or not isinstance(op.kv_layout, Paged):
        return "needs packed q over paged K/V (the serving layout)"
    if op.kv_format is not None:
        return f"K/V are quantized ({op.kv_format.name})"
    if op.alt_heads or op.block_table.type.rank == 3:
        return "KV heads read pages of their own (a second source, or per-head block tables)"
    if op.scores is not None:
        return "it returns eviction scores (over the whole cache, not a prefix and a rest)"
    if op.alibi is not None:  # its bias reads positions, which the prefix part renumbers
        return "ALiBi"
    if op.mask_args or not prefix_fully_visible(simplify(op.mask)):
        return f"mask {op.mask} is not full or bottom-right causal"
    return None


@dataclass(frozen=True)
class Cascade(Pass):
    """Options: ``prefix`` (tokens every sequence of the batch shares, >= 1; required).
    Requires nothing; ensures ``cascade``. Exact under the data requirements of the
    module docstring (shared first ``prefix`` tokens, queries after them)."""

    name: ClassVar[str] = "cascade"
    ensures: ClassVar[frozenset[str]] = frozenset({"cascade"})
    prefix: int = 0

    def __post_init__(self) -> None:
        if isinstance(self.prefix, bool) or not isinstance(self.prefix, int) or self.prefix < 1:
            raise PassOptionError(self.name, f"prefix must be the number of tokens every "
                                  f"sequence shares (an int >= 1, e.g. cascade{{prefix=4096}}), "
                                  f"got {self.prefix!r}")
        if self.prefix >= 2**31:
            raise PassOptionError(self.name, f"prefix={self.prefix} does not fit the int32 "
                                  "lengths kernels read")

    def run(self, module: Module) -> Module:
        fresh = Namer(module)
        return map_ops(module, lambda op: self._rewrite(op, fresh)
                       if isinstance(op, AttentionOp) and applies(op) is None else [op])

    def _rewrite(self, op: AttentionOp, fresh: Namer) -> list[Op]:
        cu, bt, kl = op.cu_seqlens_q, op.block_table, op.kv_lens
        n_cu = cu.type.shape[0]
        # one packed sequence of every query: cu = [0, cu[-1]]
        zero = Value(fresh("cascade_cu"), TensorType((2,), cu.type.dtype))
        total = Value(fresh("cascade_tq"), TensorType((1,), cu.type.dtype))
        cu1 = Value(fresh("cascade_cu"), TensorType((2,), cu.type.dtype))
        # ... over sequence 0's pages, the first `prefix` tokens of them
        bt1 = Value(fresh("cascade_bt"), TensorType((1, bt.type.shape[1]), bt.type.dtype))
        kl1 = Value(fresh("cascade_kl"), TensorType((1,), kl.type.dtype))
        acc = DType.f64 if op.q.type.dtype == DType.f64 else DType.f32
        o_t = TensorType(op.o.type.shape, acc)
        l_t = TensorType(op.q.type.shape[:-1], acc)
        o_pre, l_pre = Value(fresh("o_prefix"), o_t), Value(fresh("lse_prefix"), l_t)
        o_own, l_own = Value(fresh("o_own"), o_t), Value(fresh("lse_own"), l_t)
        o_m = op.o if op.o.type == o_t else Value(fresh("o"), o_t)
        l_m = op.lse if op.lse is not None and op.lse.type == l_t else Value(fresh("lse"), l_t)
        out: list[Op] = [
            FillOp(zero, 0.0),
            SliceOp(cu, total, axis=0, start=n_cu - 1),
            UpdateSliceOp(zero, total, cu1, axis=0, start=sympy.Integer(1)),
            SliceOp(bt, bt1, axis=0, start=sympy.Integer(0)),
            FillOp(kl1, float(self.prefix)),
            replace(op, o=o_pre, lse=l_pre, mask=Full(), cu_seqlens_q=cu1, block_table=bt1,
                    kv_lens=kl1),
            replace(op, o=o_own, lse=l_own, mask=simplify(op.mask & Not(Sinks(self.prefix)))),
            MergeStatesOp((o_pre, o_own), (l_pre, l_own), o_m, l_m),
        ]
        if o_m is not op.o:
            out.append(CastOp(o_m, op.o))
        if op.lse is not None and l_m is not op.lse:
            out.append(CastOp(l_m, op.lse))
        return out
