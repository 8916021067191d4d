"""``pack{capacity=N}``: pack per-prompt prefill attentions into rows (Prepacking).

Rewrites a batch of prompts, each its own attention (``q [1, Hq, L_i, D]``, ``k``/``v
[1, Hkv, L_i, D]``, its own length ``L_i``), into one attention over packed rows ``[R,
Hq, W, D]``: prompts placed by first-fit-decreasing into rows of at most ``capacity``
tokens (default 0: the longest prompt; :mod:`kvcc.passes.binpack`), ``W`` the fullest
row's fill. The row attention's mask is ``document(%ids) & <the prompts' mask>``, with
``%ids [R, W]`` each slot's prompt index (-1 for padding) built in the IR: the
document mask, plus each prompt's own mask on positions that restart at 0 for each
prompt. Each prompt's ``o`` (and ``lse``) is sliced back out of its row at its (row,
offset): the map back to (prompt, position).

Requires, of the attentions it packs: top level of the module, dense layouts, batch
1, static ``L_i`` with as many keys as queries (a prompt's prefill), no KV format,
offsets or ``kv_lens``, and a mask that depends only on ``q_idx - kv_idx`` (causal,
sliding windows, ``full``, ``empty`` and their ``&``, ``|``, ``~``; not sinks or
documents). Packed together are attentions that agree on heads, head dims, dtypes,
scale, softcap, ALiBi, mask and whether they return ``lse``, and that do not read one
another's results before the last of them; a group of one is left alone.

Exact: every valid query sees the same keys with the same scores as in its own
attention (the document mask removes the other prompts and the padding, and the
prompt's mask is unchanged by a shift of both positions), so results are equal up
to floating-point summation order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

import sympy

from kvcc.ir.dtypes import DType
from kvcc.ir.mask import And, Causal, Document, Empty, Full, Mask, Not, Or, SlidingWindow, walk
from kvcc.ir.ops import AttentionOp, FillOp, Module, Op, SliceOp, UpdateSliceOp
from kvcc.ir.types import TensorType, Value, as_int
from kvcc.passes.base import Pass, PassOptionError
from kvcc.passes.binpack import Packing, first_fit_decreasing
from kvcc.passes.rewrite import Namer, plain_dense

# mask nodes that depend on q_idx - kv_idx only when there are as many queries as keys
_SHIFT_INVARIANT = (Full, Empty, Causal, SlidingWindow, And, Or, Not)


def prompt_length(op: AttentionOp) -> int | None:
    """The prompt length of an attention ``pack`` can take (see the module docstring),
    else None."""
    if not plain_dense(op):
        return None
    q, k, v = (t.type.shape for t in (op.q, op.k, op.v))
    if any(as_int(s[0]) != 1 for s in (q, k, v)):
        return None
    n = as_int(q[2])
    if n is None or as_int(k[2]) != n or as_int(v[2]) != n:
        return None
    if not all(isinstance(m, _SHIFT_INVARIANT) for m in walk(op.mask)):
        return None
    return n


def _key(op: AttentionOp) -> tuple:
    """What attentions packed into one must share."""
    q, k, v = op.q.type, op.k.type, op.v.type
    return (q.dtype, q.shape[1], q.shape[3], k.dtype, k.shape[1], k.shape[3], v.shape[3],
            op.o.type.dtype, op.scale, op.softcap, op.alibi, op.mask,
            None if op.lse is None else op.lse.type.dtype)


def _conjuncts(m: Mask) -> list[Mask]:
    """``a & b & c`` as ``[a, b, c]`` (``full``: none), so the packed mask prints flat."""
    if isinstance(m, Full):
        return []
    if isinstance(m, And):
        return _conjuncts(m.a) + _conjuncts(m.b)
    return [m]


def _uses(op: Op) -> set[str]:
    """Names of the values ``op`` reads, its regions included."""
    out = {v.name for v in op.operands()}
    for b in op.regions():
        for inner in b.ops:
            out |= _uses(inner)
    return out


@dataclass(frozen=True)
class Pack(Pass):
    """Options: ``capacity`` (tokens per row; 0, the default: the longest prompt of each
    group). Requires nothing; ensures ``prompts-packed``. Exact (module docstring)."""

    name: ClassVar[str] = "pack"
    ensures: ClassVar[frozenset[str]] = frozenset({"prompts-packed"})
    capacity: int = 0

    def __post_init__(self) -> None:
        if isinstance(self.capacity, bool) or not isinstance(self.capacity, int) or \
                self.capacity < 0:
            raise ValueError(f"capacity must be an int >= 0 (0: the longest prompt), got "
                             f"{self.capacity!r}")

    def run(self, module: Module) -> Module:
        fresh = Namer(module)
        ops = list(module.ops)
        groups: dict[tuple, list[int]] = {}
        for i, op in enumerate(ops):
            if isinstance(op, AttentionOp) and prompt_length(op) is not None:
                groups.setdefault(_key(op), []).append(i)
        uses = [_uses(op) for op in ops]
        at: dict[int, list[Op]] = {}
        gone: set[int] = set()
        for members in groups.values():
            last = members[-1]
            # the packed op stands where the last member stood: a member whose results
            # are read before that stays where it is
            keep = [i for i in members if i == last or not any(
                {r.name for r in ops[i].results()} & uses[j] for j in range(i + 1, last + 1))]
            if len(keep) < 2:
                continue
            at[last] = self._pack([ops[i] for i in keep], fresh)
            gone.update(keep)
        if not at:
            return module
        out: list[Op] = []
        for i, op in enumerate(ops):
            if i in at:
                out += at[i]
            elif i not in gone:
                out.append(op)
        return replace(module, ops=tuple(out))

    def _pack(self, members: list[AttentionOp], fresh: Namer) -> list[Op]:
        lengths = [prompt_length(op) for op in members]
        cap = self.capacity or max(lengths)
        for op, n in zip(members, lengths):
            if n > cap:
                raise PassOptionError(self.name, f"capacity={cap} is less than the {n} tokens "
                                      f"of the prompt of attention %{op.o.name}; use a capacity "
                                      "of at least the longest prompt (or 0 for it)")
        packing = first_fit_decreasing(lengths, cap)
        body: list[Op] = []
        rows = {name: _gather([getattr(op, name) for op in members], packing, fresh, body)
                for name in ("q", "k", "v")}
        ids = _ids(packing, fresh, body)
        t = members[0]
        r, w = len(packing.rows), packing.width
        hq, dv = t.q.type.shape[1], t.v.type.shape[3]
        o = Value(fresh("o"), TensorType((r, hq, w, dv), t.o.type.dtype))
        lse = None if t.lse is None else Value(fresh("lse"), TensorType((r, hq, w),
                                                                         t.lse.type.dtype))
        mask: Mask = Document(ids=ids.name)
        for m in _conjuncts(t.mask):
            mask = mask & m
        body.append(replace(t, q=rows["q"], k=rows["k"], v=rows["v"], o=o, lse=lse, mask=mask,
                            mask_args=(ids,)))
        for name, packed in (("o", o), ("lse", lse)):
            if packed is not None:
                _scatter(packed, [getattr(op, name) for op in members], packing, fresh, body)
        return body


def _stack(rows: list[Value], shape: tuple, dtype: DType, fresh: Namer, body: list[Op],
           base: str) -> Value:
    """Rows ``[1, ...]`` stacked on axis 0 (the row itself when there is one)."""
    if len(rows) == 1:
        return rows[0]
    cur = Value(fresh(base), TensorType((len(rows),) + shape[1:], dtype))
    body.append(FillOp(cur, 0.0))
    for r, row in enumerate(rows):
        nxt = Value(fresh(base), cur.type)
        body.append(UpdateSliceOp(cur, row, nxt, axis=0, start=sympy.Integer(r)))
        cur = nxt
    return cur


def _gather(vals: list[Value], packing: Packing, fresh: Namer, body: list[Op]) -> Value:
    """The prompts' ``[1, H, L_i, D]`` tensors laid into zero-padded rows ``[R, H, W, D]``."""
    t = vals[0].type
    shape = (1, t.shape[1], packing.width, t.shape[3])
    base = vals[0].name.rstrip("0123456789") or "x"
    out = []
    for row in packing.rows:
        if packing.lengths[row[0]] == packing.width:  # one prompt fills the row
            out.append(vals[row[0]])
            continue
        cur = Value(fresh(base), TensorType(shape, t.dtype))
        body.append(FillOp(cur, 0.0))
        for p in row:
            nxt = Value(fresh(base), cur.type)
            body.append(UpdateSliceOp(cur, vals[p], nxt, axis=2,
                                      start=sympy.Integer(packing.place(p)[1])))
            cur = nxt
        out.append(cur)
    return _stack(out, shape, t.dtype, fresh, body, base)


def _ids(packing: Packing, fresh: Namer, body: list[Op]) -> Value:
    """``%ids [R, W]`` (i32): each slot's prompt index, -1 for padding."""
    w = packing.width
    out = []
    for row in packing.rows:
        cur = Value(fresh("ids"), TensorType((1, w), DType.i32))
        lone = packing.lengths[row[0]] == w
        body.append(FillOp(cur, float(row[0] if lone else -1)))
        for p in ([] if lone else row):
            piece = Value(fresh("ids"), TensorType((1, packing.lengths[p]), DType.i32))
            nxt = Value(fresh("ids"), cur.type)
            body += [FillOp(piece, float(p)),
                     UpdateSliceOp(cur, piece, nxt, axis=1,
                                   start=sympy.Integer(packing.place(p)[1]))]
            cur = nxt
        out.append(cur)
    return _stack(out, (1, w), DType.i32, fresh, body, "ids")


def _scatter(packed: Value, results: list[Value], packing: Packing, fresh: Namer,
             body: list[Op]) -> None:
    """Each prompt's result sliced out of its row: defines ``results[i]``."""
    single = len(packing.rows) == 1
    for r, row in enumerate(packing.rows):
        if single:
            row_val = packed
        elif packing.lengths[row[0]] == packing.width:  # the row is the prompt's result
            body.append(SliceOp(packed, results[row[0]], axis=0, start=sympy.Integer(r)))
            continue
        else:
            row_val = Value(fresh(packed.name.rstrip("0123456789")),
                            TensorType((1,) + packed.type.shape[1:], packed.type.dtype))
            body.append(SliceOp(packed, row_val, axis=0, start=sympy.Integer(r)))
        for p in row:
            body.append(SliceOp(row_val, results[p], axis=2,
                                start=sympy.Integer(packing.place(p)[1])))
