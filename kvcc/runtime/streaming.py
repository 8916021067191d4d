"""Bounded pages for streaming heads (StreamingLLM, DuoAttention) in a
:class:`~kvcc.runtime.cache.KVCache`.

``KVCache(..., streaming=StreamingHeads(heads, sinks=4, recent=256))`` names, per
layer, the KV heads that attend with ``m & streaming(sinks, recent)`` (the
``streaming-heads`` pass's ``by_head`` mask; ``m`` is the step's mask, full or
causal). Such a head never again reads a token that is neither a sink nor among the
last ``recent + q_len - 1`` of its sequence, so the cache keeps only those:

* the main pool holds the *retrieval* heads only (``Hkv - len(heads[l])`` per layer,
  the same count in every layer), in the usual pages, growing with the sequence;
* a second pool holds the streaming heads, a fixed row of pages per sequence (its
  own allocator, ``max_seqs`` rows): the sink pages (positions below ``sinks``
  rounded up to a page) and a ring of pages for the later tokens, slot ``(p - s0) %
  capacity``. The ring holds at least ``recent + chunk - 1`` tokens plus a page less
  one (whole pages), so newer tokens overwrite only tokens no query can see again;
  ``chunk`` bounds the queries of one sequence in a step (prefill in chunks of at most
  ``chunk``; new tokens beyond the ring's reach are not written).

Attention is one launch per layer over both pools (``AttentionOp.alt_heads``, two
sources of paged K/V): the retrieval heads read the main pages with the step's mask,
the streaming heads a per-sequence *view* of their row (sink pages, then the ring
pages oldest first, its length cut after the newest token) with ``m & streaming``,
bottom-right aligned to the view's length; the kernel picks pool, block table and
lengths per KV head. The view is exact: its tail holds the last ``recent + q_len - 1``
tokens or more in order, so windows and causality, relative to the end, are
unchanged; the sinks keep their positions; and the padding tokens between the sinks
and the tail are out of every query's window.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import torch

from kvcc import masks as M
from kvcc.checks import check_int
from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Packed, Paged
from kvcc.ir.mask import Mask
from kvcc.ir.ops import AttentionOp, Module
from kvcc.ir.types import Value, tensor
from kvcc.passes.pipeline import DEFAULT_PIPELINE, Pipeline
from kvcc.runtime.pages import CacheFull


@dataclass(frozen=True)
class StreamingHeads:
    """Streaming KV heads per layer (``heads[l]``, a tuple of KV head indices; the
    same count in every layer), their ``sinks`` and ``recent`` window, and ``chunk``,
    the most queries one sequence may have in a step."""

    heads: tuple[tuple[int, ...], ...]
    sinks: int = 4
    recent: int = 256
    chunk: int = 256

    def __post_init__(self) -> None:
        check_int("streaming sinks", self.sinks, 0)
        check_int("streaming recent", self.recent, 1)
        check_int("streaming chunk", self.chunk, 1)
        if isinstance(self.heads, (str, bytes)) or not isinstance(self.heads, (list, tuple)):
            raise TypeError("streaming heads must be one tuple of KV head indices per layer, "
                            f"got {type(self.heads).__name__}")
        rows = []
        for layer, hs in enumerate(self.heads):
            if isinstance(hs, (str, bytes)) or not isinstance(hs, (list, tuple)):
                raise TypeError(f"streaming heads[{layer}] must be a tuple of KV head indices, "
                                f"got {type(hs).__name__}")
            for h in hs:
                check_int(f"streaming heads[{layer}] entry", h, 0)
            if len(set(hs)) != len(hs):
                raise ValueError(f"streaming heads[{layer}] names a head twice: {list(hs)}")
            rows.append(tuple(sorted(hs)))
        object.__setattr__(self, "heads", tuple(rows))

    def check(self, num_layers: int, num_kv_heads: int) -> int:
        """The streaming head count per layer, after checking the heads against the cache."""
        if len(self.heads) != num_layers:
            raise ValueError(f"streaming heads: one tuple per layer expected ({num_layers}), "
                             f"got {len(self.heads)}")
        counts = {len(hs) for hs in self.heads}
        if len(counts) != 1:
            raise ValueError(f"streaming heads: every layer needs the same number of streaming "
                             f"heads (the pools are one tensor), got {[len(h) for h in self.heads]}")
        n = counts.pop()
        if not 0 < n < num_kv_heads:
            raise ValueError(f"streaming heads: each layer needs between 1 and {num_kv_heads - 1} "
                             f"streaming heads (at least one retrieval head), got {n}")
        for layer, hs in enumerate(self.heads):
            bad = [h for h in hs if h >= num_kv_heads]
            if bad:
                raise ValueError(f"streaming heads[{layer}]: {bad} out of range for "
                                 f"num_kv_heads={num_kv_heads}")
        return n


class StreamPages:
    """The streaming heads' pool and its allocator of per-sequence rows (see the module
    docstring); made by :class:`KVCache`."""

    def __init__(self, opts: StreamingHeads, cache, max_seqs: int) -> None:
        self.opts, self.count = opts, opts.check(cache.num_layers, cache.num_kv_heads)
        ps = self.page_size = cache.page_size
        self.sink_pages = math.ceil(opts.sinks / ps)
        self.s0 = self.sink_pages * ps
        self.ring_pages = math.ceil((opts.recent + opts.chunk - 1 + ps - 1) / ps)
        self.capacity = self.ring_pages * ps
        self.pages_per_seq = self.sink_pages + self.ring_pages
        dev = cache.device
        self.pool = torch.zeros(cache.num_layers, 2, max_seqs * self.pages_per_seq, ps,
                                self.count, cache.head_dim, dtype=cache.dtype, device=dev)
        hkv = cache.num_kv_heads
        self.heads = [torch.tensor(hs, dtype=torch.long, device=dev) for hs in opts.heads]
        self.retrieval = [torch.tensor([h for h in range(hkv) if h not in hs], dtype=torch.long,
                                       device=dev) for hs in opts.heads]
        self._free = list(range(max_seqs - 1, -1, -1))
        self.max_seqs = max_seqs

    @classmethod
    def make(cls, opts: object, cache, max_seqs: object, kv_format: object,
             page_stats: bool) -> StreamPages:
        """``KVCache``'s checks of its ``streaming`` argument, then the pool."""
        if not isinstance(opts, StreamingHeads):
            raise TypeError("streaming must be a kvcc.runtime.StreamingHeads, got "
                            f"{type(opts).__name__}")
        if kv_format is not None or page_stats:
            raise ValueError("streaming heads with kv_format or page_stats are not supported "
                             "yet; use one of them")
        return cls(opts, cache, check_int("max_seqs", max_seqs, 1))

    # ------------------------------------------------------------- rows

    def take_row(self) -> int:
        if not self._free:
            raise CacheFull(f"all {self.max_seqs} streaming rows are in use (one per live "
                            "sequence); free sequences or make the cache with a larger max_seqs")
        return self._free.pop()

    def release_row(self, row: int) -> None:
        self._free.append(row)
        self._free.sort(reverse=True)

    def _pages(self, row: int) -> torch.Tensor:
        a = row * self.pages_per_seq
        return torch.arange(a, a + self.pages_per_seq, device=self.pool.device)

    def copy_row(self, src: int, dst: int) -> None:
        """A forked sequence's row: a copy (a row is bounded, and rewritten every step)."""
        self.pool[:, :, self._pages(dst)] = self.pool[:, :, self._pages(src)]

    def nbytes(self) -> int:
        return self.pool.numel() * self.pool.element_size()

    def bytes_used(self) -> int:
        """Bytes of the rows of live sequences: constant in their lengths."""
        rows = self.max_seqs - len(self._free)
        return rows * self.nbytes() // self.max_seqs

    # ------------------------------------------------------------- positions

    def _slot(self, row: int, p: int) -> int:
        """Where position ``p`` of the sequence in ``row`` lives."""
        ps = self.page_size
        if p < self.s0:
            return (row * self.pages_per_seq) * ps + p
        return (row * self.pages_per_seq + self.sink_pages) * ps + (p - self.s0) % self.capacity

    def view(self, row: int, n: int) -> tuple[list[int], int]:
        """The block table row and length of the view of a sequence of ``n`` tokens."""
        base, ps = row * self.pages_per_seq, self.page_size
        sinks = list(range(base, base + self.sink_pages))
        ring = list(range(base + self.sink_pages, base + self.pages_per_seq))
        if n - self.s0 <= self.capacity:  # not wrapped: every token at its own position
            return sinks + ring, n
        e = (n - 1 - self.s0) % self.capacity  # the newest token's ring slot
        pe, oe = divmod(e, ps)
        return sinks + ring[pe + 1:] + ring[:pe + 1], self.s0 + (self.ring_pages - 1) * ps + oe + 1

    def positions(self, n: int) -> list[int]:
        """The positions the view of ``n`` tokens holds, in its order."""
        if n - self.s0 <= self.capacity:
            return list(range(n))
        _, length = self.view(0, n)
        tail = length - self.s0
        return list(range(self.s0)) + list(range(n - tail, n))

    def plan(self, rows, q_lens, start, new, masks, device) -> StreamIndex:
        """The step's writes (which new rows, into which slots; tokens overwritten in the
        same step are skipped) and the views' block tables and lengths; checks the
        step's queries per sequence and its masks."""
        for m in masks:
            self.mask(m)
        for q in q_lens:
            if q > self.opts.chunk:
                raise ValueError(f"q_lens: {q} queries in one sequence; a cache with streaming "
                                 f"heads takes at most chunk={self.opts.chunk} (prefill in chunks)")
        sel, slots, bt, lens = [], [], [], []
        at = 0
        for row, s, n in zip(rows, start, new):
            end = s + n
            for p in range(s, end):
                if p < self.s0 or p >= end - self.capacity:
                    sel.append(at + p - s)
                    slots.append(self._slot(row, p))
            at += n
            pages, length = self.view(row, end)
            bt.append(pages)
            lens.append(length)
        host = torch.tensor(sel + slots + [p for r in bt for p in r] + lens, dtype=torch.long)
        if device.type == "cuda":  # one asynchronous copy, as the cache's own index
            dev = host.pin_memory().to(device, non_blocking=True)
        else:
            dev = host.to(device)
        a, b = len(sel), 2 * len(sel)
        c = b + len(bt) * self.pages_per_seq
        return StreamIndex(dev[:a], dev[a:b], dev[b:c].view(len(bt), -1).to(torch.int32),
                           dev[c:].to(torch.int32))

    # ------------------------------------------------------------- running

    def write(self, layer: int, idx: StreamIndex, k: torch.Tensor, v: torch.Tensor) -> None:
        """The streaming heads' part of a step's new tokens (k/v ``[T_new, Hkv, D]``)."""
        hs = self.heads[layer]
        for role, t in enumerate((k, v)):
            flat = self.pool[layer, role].flatten(0, 1)
            flat[idx.slots] = t[idx.sel][:, hs]

    def read(self, layer: int, row: int, n: int) -> tuple[torch.Tensor, torch.Tensor, list[int]]:
        """The view's keys and values ``[len, heads, D]`` and the positions they hold."""
        pages, length = self.view(row, n)
        idx = torch.tensor(pages, dtype=torch.long, device=self.pool.device)
        k, v = (self.pool[layer, r][idx].flatten(0, 1)[:length] for r in (0, 1))
        return k, v, self.positions(n)

    def read_full(self, cache, pages: list[int], row: int, layer: int, n: int):
        """``KVCache.read``: ``[n, Hkv, D]`` keys and values, the retrieval heads from the
        main pages, the streaming heads from the view (zeros at dropped tokens)."""
        dev = cache.device
        idx = torch.tensor(pages[:math.ceil(n / cache.page_size)], dtype=torch.long, device=dev)
        sk, sv, pos = self.read(layer, row, n)
        kept = torch.tensor(pos, dtype=torch.long, device=dev)[:, None]
        out = []
        for main, part in ((cache.k(layer), sk), (cache.v(layer), sv)):
            t = torch.zeros(n, cache.num_kv_heads, cache.head_dim, dtype=cache.dtype, device=dev)
            t[:, self.retrieval[layer]] = main[idx].flatten(0, 1)[:n]
            t[kept, self.heads[layer]] = part
            out.append(t)
        return tuple(out)

    def mask(self, m: Mask) -> Mask:
        """The streaming heads' mask for the step's mask ``m``, which must be full or
        causal (bottom-right): the shifts of the view keep nothing else exact."""
        if m == M.full():
            return M.streaming(self.opts.sinks, self.opts.recent)
        if m == M.causal():
            return m & M.streaming(self.opts.sinks, self.opts.recent)
        raise ValueError(f"mask {m}: a cache with streaming heads takes a full or causal "
                         "(bottom-right) mask m per layer, not by_head(...): its streaming heads "
                         "see m & streaming(sinks, recent), the others m")


@dataclass(frozen=True)
class StreamIndex:
    """One step's index tensors for the streaming pool (on the device)."""

    sel: torch.Tensor  # new-token rows written
    slots: torch.Tensor  # their slots in the pool
    block_table: torch.Tensor  # [B, pages_per_seq] int32: each sequence's view
    lens: torch.Tensor  # [B] int32: the views' lengths


@lru_cache(maxsize=256)
def two_source_module(hq: int, hkv: int, heads: tuple[int, ...], d: int, dtype: torch.dtype,
                      page: int, mask: Mask, streaming: Mask, scale: float,
                      softcap: float | None, return_lse: bool) -> Module:
    """Attention of packed queries over both pools in one op: the streaming ``heads``
    read their rows' views (the second source) with ``streaming``, the others the main
    pages with ``mask``. Lengths are symbols: one module (and kernel) per head set."""
    dt = DType.from_torch(dtype)
    i32 = DType.i32
    vq = Value("q", tensor(["Tq", hq, d], dt))
    vk = Value("k", tensor(["P", page, hkv - len(heads), d], dt))
    vv = Value("v", vk.type)
    ka = Value("ka", tensor(["P2", page, len(heads), d], dt))
    va = Value("va", ka.type)
    cu, bt = Value("cu", tensor(["B1"], i32)), Value("bt", tensor(["B", "NP"], i32))
    kl, bta = Value("kl", tensor(["B"], i32)), Value("bta", tensor(["B", "NA"], i32))
    kla = Value("kla", tensor(["B"], i32))
    vo = Value("o", tensor(["Tq", hq, d], dt))
    vl = Value("lse", tensor(["Tq", hq], DType.f32)) if return_lse else None
    both = M.by_head(heads, streaming, mask, num_kv_heads=hkv, group=hq // hkv)
    op = AttentionOp(vq, vk, vv, vo, vl, scale=scale, softcap=softcap, mask=both,
                     q_layout=Packed(), kv_layout=Paged(page), cu_seqlens_q=cu,
                     block_table=bt, kv_lens=kl, k_alt=ka, v_alt=va, block_table_alt=bta,
                     kv_lens_alt=kla, alt_heads=heads)
    m = Module("cache_attend_streaming", (vq, vk, vv, ka, va, cu, bt, kl, bta, kla), (op,),
               (vo,) + ((vl,) if vl else ()))
    return Pipeline.parse(DEFAULT_PIPELINE).run(m)


def plan_stream_attend(step, mask: Mask, layer: int, hq: int):
    """The one launch (or reference op; on TVM, one launch per pool) of a step's
    attention over both pools, for ``layer``'s streaming heads."""
    c, sp = step.cache, step.cache.stream
    heads = sp.opts.heads[layer]
    module = two_source_module(hq, c.num_kv_heads, heads, c.head_dim, c.dtype, c.page_size,
                               mask, sp.mask(mask), step.scale, step.softcap,
                               step.return_lse)
    op = module.ops[0]
    assert isinstance(op, AttentionOp)
    if c.backend == "tvm":  # one launch per pool
        from kvcc.runtime.tvm_step import plan_tvm_stream

        planned = plan_tvm_stream(step, mask, layer, hq)
        if planned is not None:
            return planned
    if c.backend == "triton":
        from kvcc.codegen.triton.op import plan
        from kvcc.codegen.triton.spec import UnsupportedAttention

        q = torch.empty(step.total_q, hq, c.head_dim, dtype=c.dtype, device=c.device)
        try:
            p = plan(op, stream_tensors(step, q, layer), step._dim,
                     max_q_len=max(1, step.max_q), max_kv_len=max(1, step.max_kv))
            return ("launch", p.launcher())
        except UnsupportedAttention:
            if not c.auto:  # (auto: the reference, as for the cache's other steps)
                raise
    return ("reference", op)


def stream_tensors(step, q: torch.Tensor, layer: int) -> dict[str, torch.Tensor]:
    c, sp, idx = step.cache, step.cache.stream, step.stream
    return {"q": q, "k": c.k(layer), "v": c.v(layer), "ka": sp.pool[layer, 0],
            "va": sp.pool[layer, 1], "cu": step.cu_q, "bt": step.block_table,
            "kl": step.kv_lens, "bta": idx.block_table, "kla": idx.lens}


def run_stream_attend(step, plan, layer: int, q: torch.Tensor):
    """(o, lse) of the step's queries ``q`` over both pools of ``layer``."""
    kind, what = plan
    if kind == "tvm":
        return what(layer, q)
    if kind == "launch":
        c, sp = step.cache, step.cache.stream
        what.rebind(q.contiguous(), c.k(layer), c.v(layer), None,
                    alt=(sp.pool[layer, 0], sp.pool[layer, 1]))
        o, lse, *_ = what()
        return o, lse
    from kvcc.codegen.reference.interpreter import reference_attention

    o, lse, *_ = reference_attention(what, stream_tensors(step, q, layer), step._dim)
    return o, lse
