"""The verifier's shared pieces (its error, the rule checker, dim helpers) and the
rules of attention's results and page sources: eviction scores, per-head pages, a
second source of paged K/V (``kvcc/ir/verifier.py`` holds the rest)."""

from __future__ import annotations

import sympy

from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Dense, Packed, Paged
from kvcc.ir.ops import AttentionOp, Op
from kvcc.ir.types import TensorType


class VerifyError(ValueError):
    """Broken IR: ``op`` is the op's name, ``rule`` the short name of the broken rule."""

    def __init__(self, op: str, rule: str, message: str) -> None:
        super().__init__(f"{op}: [{rule}] {message}")
        self.op, self.rule = op, rule


class Fail:
    def __init__(self, op: Op) -> None:
        first = op.results()[0].name if op.results() else "?"
        self.where = f"{op.NAME} %{first}"

    def __call__(self, cond: bool, rule: str, msg: str) -> None:
        if not cond:
            raise VerifyError(self.where, rule, msg)


def eq(a: sympy.Expr, b: sympy.Expr) -> bool:
    """Dims are equal unless provably different."""
    d = sympy.simplify(a - b)
    return not (d.is_number and d != 0)


def index_type(t: TensorType) -> bool:
    return t.dtype in (DType.i32, DType.i64)


def as_int(d: sympy.Expr) -> int | None:
    return int(d) if d.is_Integer else None


def per_head(op: AttentionOp) -> bool:
    """Paged K/V with a block table and lengths per KV head (``[B, Hkv, W]``, ``[B, Hkv]``)."""
    return (isinstance(op.kv_layout, Paged) and op.block_table is not None
            and op.kv_lens is not None and op.block_table.type.rank == 3
            and op.kv_lens.type.rank == 2)


def check_per_head(op: AttentionOp, fail: Fail, hk: sympy.Expr) -> None:
    """Per-head pages: tables and lengths of every KV head, plain K/V, no second source."""
    if not per_head(op):
        return
    for name in ("block_table", "kv_lens"):
        fail(eq(getattr(op, name).type.shape[1], hk), "per-head-pages",
             f"{name} {getattr(op, name).type} should have Hkv={hk} on axis 1")
    fail(not op.alt_heads and op.kv_format is None and op.scores is None
         and op.alibi is None and not op.mask_args, "per-head-pages",
         "per-head pages take plain K/V of one source, no eviction scores, no ALiBi and no "
         "run-time mask tensors")
    fail(eq(op.kv_lens.type.shape[0], op.block_table.type.shape[0]), "per-head-pages",
         f"kv_lens {op.kv_lens.type} and block_table {op.block_table.type} differ in batch")


def check_alt(op: AttentionOp, fail: Fail, hk: sympy.Expr) -> None:
    """The second source of paged K/V (``alt_heads``): all of it or none, over paged
    plain K/V of the same page, dtype and head dim, with structured masks."""
    names = ("k_alt", "v_alt", "block_table_alt", "kv_lens_alt")
    given = [getattr(op, n) is not None for n in names]
    if not op.alt_heads:
        fail(not any(given), "alt-kv", "k_alt/v_alt/block_table_alt/kv_lens_alt need alt_heads")
        return
    fail(all(given), "alt-kv", f"alt_heads need all of {', '.join(names)}")
    if not all(given):
        return
    heads = list(op.alt_heads)
    fail(heads == sorted(set(heads)) and heads[0] >= 0
         and (as_int(hk) is None or heads[-1] < as_int(hk)), "alt-kv",
         f"alt_heads must be distinct KV heads in increasing order, below Hkv={hk}; got {heads}")
    fail(isinstance(op.kv_layout, Paged), "alt-kv", "alt_heads take paged k/v")
    fail(op.kv_format is None and op.scores is None and not op.mask_args and op.alibi is None,
         "alt-kv", "alt_heads take plain k/v, no eviction scores, no ALiBi and no run-time "
         "mask tensors")
    for name, main in (("k_alt", op.k), ("v_alt", op.v)):
        t = getattr(op, name).type
        fail(t.rank == 4 and t.dtype == main.type.dtype and eq(t.shape[1], main.type.shape[1])
             and eq(t.shape[3], main.type.shape[3])
             and eq(t.shape[2], sympy.Integer(len(heads))), "alt-kv",
             f"{name} should be [P2, {main.type.shape[1]}, {len(heads)}, {main.type.shape[3]}] "
             f"{main.type.dtype.value}, got {t}")
    for name, rank in (("block_table_alt", 2), ("kv_lens_alt", 1)):
        t = getattr(op, name).type
        fail(index_type(t) and t.rank == rank, "alt-kv", f"{name} must be a rank-{rank} i32/i64 tensor")
        if op.block_table is not None:
            fail(eq(t.shape[0], op.block_table.type.shape[0]), "alt-kv",
                 f"{name} {t} and block_table {op.block_table.type} differ in batch")


def check_scores(op: AttentionOp, fail: Fail, hk: sympy.Expr) -> None:
    """Eviction scores: f32, shaped like the keys without the head dim (see AttentionOp)."""
    w = op.score_window
    fail(isinstance(w, int) and not isinstance(w, bool) and w >= 0, "scores",
         f"score_window must be an int >= 0 (0: every query row), got {w!r}")
    if op.scores is None:
        fail(w == 0, "scores", "score_window given without a scores result")
        return
    t, kl = op.scores.type, op.kv_layout
    fail(t.dtype == DType.f32, "scores", f"scores must be f32, got {t.dtype.value}")
    if isinstance(kl, Packed):
        want = (hk, op.k.type.shape[0])
        fail(t.rank == 2 and all(eq(a, b) for a, b in zip(t.shape, want)), "scores",
             f"scores over packed keys should be [Hkv, Tk] = {list(want)}, got {t}")
        return
    batch = (op.q.type.shape[0] if isinstance(op.q_layout, Dense)
             else op.cu_seqlens_q.type.shape[0] - 1 if op.cu_seqlens_q is not None else None)
    ok = t.rank == 3 and eq(t.shape[1], hk) and (batch is None or eq(t.shape[0], batch))
    keys = op.k.type.shape[2]  # dense: the quantized tokens, then the residual's
    if isinstance(kl, Dense) and op.k_residual is not None:
        keys = keys + op.k_residual.type.shape[2]
    if isinstance(kl, Dense):
        ok = ok and eq(t.shape[2], keys)
    fail(ok, "scores", f"scores should be [B, Hkv={hk}, "
         f"{keys if isinstance(kl, Dense) else 'S'}], got {t}")
