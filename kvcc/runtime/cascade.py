"""Cascade attention over a :class:`~kvcc.runtime.cache.KVCache`: prefixes that the
step's sequences share (after ``fork``, the same pages) are read once for all of their
queries (FlashInfer's cascade, RelayAttention, ChunkAttention).

:func:`shared_prefixes` finds them from a planned step's block tables: sequences whose
first ``n`` block-table entries are the same page ids share those ``n * page_size``
tokens. Only whole pages before a sequence's first query count, so every query sees
the whole prefix (bottom-right causal) and copy-on-write cannot have changed them.
:class:`CascadeStep` wraps the step: per layer, one launch attends every grouped query
to its group's prefix pages (the group's queries as packed sequences over one block
table row), one launch attends each sequence's queries to its pages after its prefix
(the mask keeps its meaning: it reads relative positions), and the two attention
states merge. Equal to the step's plain ``attend`` up to floating-point
reassociation; the merge is the attention-state merge in RelayAttention's two-state
form (``kvcc.codegen.reference.merge_states`` defines it).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import torch

from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Packed, Paged
from kvcc.ir.mask import Full, Mask
from kvcc.ir.mask_simplify import simplify
from kvcc.ir.ops import AttentionOp, Module
from kvcc.ir.types import Value, tensor
from kvcc.passes.cascade import prefix_fully_visible
from kvcc.passes.pipeline import DEFAULT_PIPELINE, Pipeline
from kvcc.runtime.step import Step


@dataclass(frozen=True)
class PrefixGroup:
    """Sequences of a step that share their first ``len(pages)`` pages: ``members``
    are positions in the step's ``seqs``, ``tokens`` the shared prefix's length."""

    members: tuple[int, ...]
    pages: tuple[int, ...]
    tokens: int


def find_groups(rows: Sequence[Sequence[int]], min_pages: int = 1
                ) -> list[tuple[tuple[int, ...], int]]:
    """Group rows (each sequence's shareable page ids, in order) by common leading pages:
    ``[(members, n_pages)]``, disjoint groups of two or more rows whose first ``n_pages``
    entries are equal, ``n_pages >= min_pages``, chosen to save the most page reads,
    ``sum (members - 1) * n_pages`` (over the trie of the rows: at each branch, one
    group for the whole subtree or the best groups of its branches)."""

    def best(members: list[int], depth: int) -> tuple[int, list]:
        # members share rows[:depth]; follow the trie while it does not branch
        while all(len(rows[i]) > depth for i in members) and \
                len({rows[i][depth] for i in members}) == 1:
            depth += 1
        here = ((len(members) - 1) * depth, [(tuple(members), depth)]) \
            if depth >= min_pages and len(members) >= 2 else (0, [])
        branches: dict[int, list[int]] = defaultdict(list)
        for i in members:
            if len(rows[i]) > depth:
                branches[rows[i][depth]].append(i)
        saved, groups = 0, []
        for sub in branches.values():
            if len(sub) >= 2:
                s, g = best(sub, depth + 1)
                saved, groups = saved + s, groups + g
        return here if here[0] >= saved and here[1] else (saved, groups)

    return sorted(best(list(range(len(rows))), 0)[1]) if rows else []


def shared_prefixes(step: Step, min_pages: int = 1) -> tuple[PrefixGroup, ...]:
    """The shared prefixes of a planned step's sequences (see the module docstring).
    Reads the step's block table back to the host once."""
    return _groups(step, step.block_table.cpu().tolist(), min_pages)


def _groups(step: Step, table: list[list[int]], min_pages: int) -> tuple[PrefixGroup, ...]:
    ps = step.cache.page_size
    rows = [row[:(s + n - ql) // ps] if ql else []  # whole pages before the first query
            for row, s, n, ql in zip(table, step.start, step.new, step.q_lens)]
    return tuple(PrefixGroup(m, tuple(rows[m[0]][:n]), n * ps) for m, n in
                 find_groups(rows, min_pages))


@lru_cache(maxsize=256)
def _op(hq: int, hkv: int, d: int, dtype: torch.dtype, page: int, mask: Mask, scale: float,
        softcap: float | None) -> AttentionOp:
    """Packed queries over paged K/V returning an f32 (f64) attention state: one part of
    a cascade, after the default pipeline."""
    dt = DType.from_torch(dtype)
    acc = DType.f64 if dt == DType.f64 else DType.f32
    vq = Value("q", tensor(["Tq", hq, d], dt))
    vk = Value("k", tensor(["P", page, hkv, d], dt))
    cu, bt = Value("cu", tensor(["B1"], DType.i32)), Value("bt", tensor(["B", "NP"], DType.i32))
    kl = Value("kl", tensor(["B"], DType.i32))
    vo, vl = Value("o", tensor(["Tq", hq, d], acc)), Value("lse", tensor(["Tq", hq], acc))
    op = AttentionOp(vq, vk, Value("v", vk.type), vo, vl, scale=scale, softcap=softcap,
                     mask=mask, q_layout=Packed(), kv_layout=Paged(page), cu_seqlens_q=cu,
                     block_table=bt, kv_lens=kl)
    m = Module("cascade_part", (vq, vk, op.v, cu, bt, kl), (op,), (vo, vl))
    (out,) = Pipeline.parse(DEFAULT_PIPELINE).run(m).ops
    return out


def merge_into(o_a: torch.Tensor, lse_a: torch.Tensor, o_b: torch.Tensor,
               lse_b: torch.Tensor, with_lse: bool = True) -> None:
    """Merge attention state ``a`` into ``b`` (float32, disjoint keys), in place,
    RelayAttention's way: ``o_b += sigmoid(lse_a - lse_b) (o_a - o_b)`` and, with
    ``with_lse``, ``lse_b = logaddexp(lse_a, lse_b)``. ``lse_a`` must be finite (a
    prefix state: it sees every prefix key); ``lse_b = -inf`` (no key of its own)
    gives ``a``."""
    w = (lse_a - lse_b).sigmoid_().unsqueeze_(-1)
    o_b.lerp_(o_a, w)
    if with_lse:
        torch.logaddexp(lse_a, lse_b, out=lse_b)


class CascadeStep:
    """A planned step attended through its shared prefixes (see the module docstring).

    ``CascadeStep(step)`` finds the groups (``groups``) and builds the index tensors
    once (one upload); ``attend(layer, q)`` then replaces ``step.attend(layer, q)``:
    two launches and a merge per layer, no host work, so it can be captured in a CUDA
    graph as the step can. Layers whose mask is not ``full`` or bottom-right
    ``causal``, and steps with no shared prefix, go through ``step.attend``.

    ``min_pages``: the fewest shared pages worth a group. ``prefix_chunk``: query rows
    per packed sequence of the prefix launch (default ``64 // group`` under GQA, so
    the generated kernel stacks a KV head's query heads in one tile and reads each
    prefix page once per chunk; without GQA, a group's queries in one sequence).

    ``tokens_read`` and ``tokens_plain``: key positions one layer reads, cascaded and
    plain (per KV head; bytes are these times ``2 * Hkv * D * element size``)."""

    def __init__(self, step: Step, *, min_pages: int = 1, prefix_chunk: int | None = None
                 ) -> None:
        if not isinstance(step, Step):
            raise TypeError(f"step must be a planned kvcc Step (KVCache.plan), got "
                            f"{type(step).__name__}")
        c = step.cache
        if c.quant is not None:
            raise ValueError(f"cascade attention reads unquantized pages; this cache stores "
                             f"{c.kv_format.name} (use step.attend)")
        if getattr(step, "quest", None) is not None:
            raise ValueError("cascade attention and Quest's page selection do not combine in "
                             "one step; plan the step without quest=")
        if isinstance(min_pages, bool) or not isinstance(min_pages, int) or min_pages < 1:
            raise ValueError(f"min_pages must be an int >= 1, got {min_pages!r}")
        if prefix_chunk is not None and (isinstance(prefix_chunk, bool) or not isinstance(
                prefix_chunk, int) or prefix_chunk < 1):
            raise ValueError(f"prefix_chunk must be None or an int >= 1, got {prefix_chunk!r}")
        step._check(step.layer if step.layer is not None else 0)  # not stale
        self.step, self.min_pages, self.prefix_chunk = step, min_pages, prefix_chunk
        self._table = step.block_table.cpu()  # one read, at plan time
        self.groups = _groups(step, self._table.tolist(), min_pages)
        self.tokens_plain = sum(s + n for s, n in zip(step.start, step.new))
        self.tokens_read = self.tokens_plain - sum(g.tokens * (len(g.members) - 1)
                                                    for g in self.groups)
        self._plans: dict[tuple, tuple] = {}
        self._masks: dict[Mask, bool] = {}  # whether a mask cascades
        self._tables: dict[int | None, dict[str, torch.Tensor]] = {}
        if not self.groups:
            return
        cu = [0]
        for n in step.q_lens:
            cu.append(cu[-1] + n)
        self._prefix_of = [0] * len(step.seqs)  # pages each sequence reads as its prefix
        self._rows: list[int] = []  # the prefix launch's query rows, group after group
        self._group_rows = []
        for g in self.groups:
            for b in g.members:
                self._prefix_of[b] = len(g.pages)
                self._rows += range(cu[b], cu[b + 1])
            self._group_rows.append(sum(step.q_lens[b] for b in g.members))
        self._lens = [s + n for s, n in zip(step.start, step.new)]
        # the grouped rows lead the step's (views suffice), or are gathered
        self._layout = "lead" if self._rows == list(range(len(self._rows))) else "gather"
        if step._num_q_heads is not None:  # plan now, as the step did (no lazy planning)
            for m in set(step.masks):
                if self._cascades(m):
                    self._plan(m, step._num_q_heads)

    # ------------------------------------------------------------- planning

    def _cascades(self, mask: Mask) -> bool:
        ok = self._masks.get(mask)
        if ok is None:
            ok = self._masks[mask] = bool(self.groups) and prefix_fully_visible(simplify(mask))
        return ok

    def _index(self, chunk: int | None) -> dict[str, torch.Tensor]:
        """The launches' index tensors, for prefix sequences of at most ``chunk`` rows
        (None: one per group), uploaded in one copy."""
        hit = self._tables.get(chunk)
        if hit is not None:
            return hit
        s, c = self.step, self.step.cache
        ps = c.page_size
        pre_cu, pre_group = [0], []
        for gi, n in enumerate(self._group_rows):
            size = n if chunk is None else chunk
            for at in range(0, n, size):
                pre_cu.append(pre_cu[-1] + min(size, n - at))
                pre_group.append(gi)
        width = max(len(g.pages) for g in self.groups)
        pre_bt = [list(self.groups[gi].pages) + [0] * (width - len(self.groups[gi].pages))
                  for gi in pre_group]
        pre_kl = [self.groups[gi].tokens for gi in pre_group]
        table = self._table
        own_pages = [math.ceil(n / ps) - p for n, p in zip(self._lens, self._prefix_of)]
        own_w = max(max(own_pages), 1)
        own_bt = torch.zeros(len(self._lens), own_w, dtype=torch.int32)
        for b, (p, n) in enumerate(zip(self._prefix_of, own_pages)):
            own_bt[b, :n] = table[b, p:p + n]
        own_kl = [n - p * ps for n, p in zip(self._lens, self._prefix_of)]

        def i32(x) -> torch.Tensor:
            return torch.tensor(x, dtype=torch.int32)

        parts = {"pre_cu": i32(pre_cu), "pre_kl": i32(pre_kl), "own_kl": i32(own_kl),
                 "rows": i32(self._rows), "pre_bt": i32(pre_bt), "own_bt": own_bt}
        host = torch.cat([t.flatten() for t in parts.values()])
        dev = (host.pin_memory().to(c.device, non_blocking=True) if c.device.type == "cuda"
               else host.to(c.device))
        out, at = {}, 0
        for name, t in parts.items():
            out[name] = dev[at:at + t.numel()].view(t.shape)
            at += t.numel()
        out["sizes"] = (max(b - a for a, b in zip(pre_cu, pre_cu[1:])), max(pre_kl),
                        s.max_q, max(own_kl))
        self._tables[chunk] = out
        return out

    def _plan(self, mask: Mask, hq: int) -> tuple:
        key = (mask, hq)
        hit = self._plans.get(key)
        if hit is not None:
            return hit
        c, s = self.step.cache, self.step
        group = hq // c.num_kv_heads
        chunk = self.prefix_chunk
        if chunk is None and group > 1:
            chunk = max(1, 64 // group)  # GQA: a KV head's query heads stack in one tile
        t = self._index(chunk)
        mq_pre, mkv_pre, mq_own, mkv_own = t["sizes"]
        args = (hq, c.num_kv_heads, c.head_dim, c.dtype, c.page_size)
        pre = self._launch(_op(*args, Full(), s.scale, s.softcap),
                           {"cu": t["pre_cu"], "bt": t["pre_bt"], "kl": t["pre_kl"]},
                           t["rows"].numel(), hq, mq_pre, mkv_pre)
        own = self._launch(_op(*args, mask, s.scale, s.softcap),
                           {"cu": s.cu_q, "bt": t["own_bt"], "kl": t["own_kl"]},
                           s.total_q, hq, mq_own, mkv_own)
        self._plans[key] = plan = (pre, own, t["rows"].long())
        return plan

    def _launch(self, op: AttentionOp, t: dict, rows: int, hq: int, max_q: int, max_kv: int):
        c = self.step.cache
        t = t | {"k": c.k(0), "v": c.v(0)}
        if c.backend == "triton":
            from kvcc.codegen.triton.op import plan
            from kvcc.codegen.triton.spec import UnsupportedAttention

            q = torch.empty(rows, hq, c.head_dim, dtype=c.dtype, device=c.device)
            try:
                p = plan(op, t | {"q": q}, max_q_len=max(1, max_q), max_kv_len=max(1, max_kv))
                return ("launch", p.launcher(), t)
            except UnsupportedAttention:
                if not c.auto:
                    raise
        return ("reference", op, t)

    # ------------------------------------------------------------- running

    def attend(self, layer: int, q: torch.Tensor, *, mask: Mask | None = None):
        """``step.attend(layer, q, mask=mask)`` through the shared prefixes: returns
        ``o [T_q, Hq, D]``, or ``(o, lse)`` when the step was planned with
        ``return_lse``."""
        s = self.step
        m = s.check_query(layer, q, mask)
        if not self._cascades(m):
            return s.attend(layer, q, mask=mask)
        pre, own, rows = self._plan(m, q.shape[1])
        q = q.contiguous()
        n = rows.numel()
        gather = self._layout == "gather"
        q_pre = q.index_select(0, rows) if gather else q if n == q.shape[0] else q[:n]
        o_pre, l_pre = self._run(pre, q_pre, layer)
        o, lse = self._run(own, q, layer)
        if gather:  # only the grouped rows have a prefix state
            ob, lb = o.index_select(0, rows), lse.index_select(0, rows)
            merge_into(o_pre, l_pre, ob, lb, s.return_lse)
            o.index_copy_(0, rows, ob)
            if s.return_lse:
                lse.index_copy_(0, rows, lb)
        else:  # the grouped rows lead: views
            merge_into(o_pre, l_pre, o[:n], lse[:n], s.return_lse)
        o = o.to(s.cache.dtype)
        return (o, lse) if s.return_lse else o

    def _run(self, plan: tuple, q: torch.Tensor, layer: int):
        kind, what, t = plan
        c = self.step.cache
        if kind == "launch":
            what.rebind(q, c.k(layer), c.v(layer))
            return what()
        from kvcc.codegen.reference.interpreter import reference_attention

        return reference_attention(what, t | {"q": q, "k": c.k(layer), "v": c.v(layer)}, int)


__all__ = ["CascadeStep", "PrefixGroup", "find_groups", "merge_into", "shared_prefixes"]
