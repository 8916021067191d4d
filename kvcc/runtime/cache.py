"""``KVCache``: one pool of pages for all layers' keys and values, a page allocator,
per-sequence block tables, fork with copy-on-write, a fused append kernel, and
attention of packed queries over the pages (prefill, chunked prefill, decode, or a
mix of them, in one launch per layer).

Page ``p`` holds ``page_size`` consecutive tokens of one sequence in every layer (K
and V), so one block table per sequence serves all layers (vLLM's layout): the
pool is ``[layers, 2, pages, page_size, Hkv, D]``. With ``kv_format`` (from
:mod:`kvcc.quant`) the pages hold codes, scales and zeros instead, quantized as they
are appended, and formats with a full-precision window (KIVI) keep each sequence's
recent tokens in a ring (``kvcc/runtime/qpages.py``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import torch

from kvcc import backends
from kvcc.checks import (
    FLOAT_DTYPES,
    check_factor,
    check_format,
    check_head_dim,
    check_int,
    check_precision,
)
from kvcc.ir.formats import KVFormat
from kvcc.ir.mask import Mask
from kvcc.runtime.inputs import check_lens, step_counts, step_index
from kvcc.runtime.pages import CacheFull, PageAllocator
from kvcc.runtime.qpages import QuantPages, kernels_refuse
from kvcc.runtime.quest import Quest
from kvcc.runtime.step import Step, per_layer_masks
from kvcc.runtime.streaming import StreamingHeads, StreamPages


@dataclass
class _Seq:
    pages: list[int] = field(default_factory=list)
    lens: list[int] = field(default_factory=list)  # tokens per layer
    row: int | None = None  # its residual rings' row (quantized formats with a window)
    srow: int | None = None  # its streaming heads' row (a cache with streaming heads)


class KVCache:
    """A paged KV cache shared by ``num_layers`` layers (see the module docstring).

    ``backend``: ``"auto"`` (generated Triton kernels on CUDA, generated TVM kernels
    on the CPU when apache-tvm is installed, else the reference), ``"triton"``,
    ``"tvm"`` (generated CPU kernels for plain and quantized pages, Quest, streaming
    heads and eviction scores) or ``"reference"``. Errors for bad arguments are
    ``ValueError``/``TypeError`` naming the argument; running out of pages raises
    :class:`CacheFull` before anything is written.

    ``kv_format``: store K and V quantized (``kvcc.quant.int4()``, ``kivi()``, ...;
    ``dtype`` is then the dtype of the tokens appended, of the full-precision window
    and of attention). ``max_seqs``: live sequences at most, for formats with a
    full-precision window (each holds a row of the rings). ``kv_scale``: fp8's static
    per-head scales ``[num_layers, 2, num_kv_heads]`` (default: each layer's first
    append calibrates them, ``amax / fp8 max``).

    ``page_stats``: keep each page's per-channel key min and max per layer and KV head,
    updated by every append (what Quest's page selection reads: ``plan(...,
    quest=kvcc.runtime.Quest(budget=2048))``, see ``kvcc/runtime/quest.py``).

    ``streaming``: :class:`~kvcc.runtime.streaming.StreamingHeads`, KV heads per layer
    whose pages are bounded (sinks and a ring of recent tokens, ``max_seqs`` rows); the
    main pages then hold the retrieval heads only (``pool_heads`` of them), and attention
    equals ``by_head(heads, m & streaming(sinks, recent), m)`` (``kvcc/runtime/streaming.py``).
    """

    def __init__(self, num_layers: int, num_kv_heads: int, head_dim: int, *, num_pages: int,
                 page_size: int = 16, dtype: torch.dtype = torch.bfloat16,
                 device: torch.device | str | None = None, backend: str = "auto",
                 kv_format: KVFormat | None = None, max_seqs: int = 64,
                 kv_scale: torch.Tensor | None = None, page_stats: bool = False,
                 streaming: StreamingHeads | None = None) -> None:
        self.num_layers = check_int("num_layers", num_layers, 1)
        self.num_kv_heads = check_int("num_kv_heads", num_kv_heads, 1)
        self.head_dim = check_int("head_dim", head_dim, 1)
        check_head_dim("head_dim", self.head_dim)
        self.num_pages = check_int("num_pages", num_pages, 1)
        self.page_size = check_int("page_size", page_size, 1)
        if dtype not in FLOAT_DTYPES:
            raise TypeError(f"dtype must be float16, bfloat16, float32 or float64, got {dtype}")
        self.dtype = dtype
        if device is None:
            device = "cuda" if torch.cuda.is_available() else "cpu"
        self.device = torch.device(device)
        self.backend = backends.resolve(backend, self.device)
        self.auto = backend == "auto"
        if self.backend == "tvm" and dtype == torch.float64:  # the kernels compute float32
            if not self.auto:
                raise ValueError("dtype float64 is not supported by the TVM kernels; use "
                                 "backend='reference' (or 'auto', which picks it) for a "
                                 "float64 cache")
            self.backend = "reference"
        if self.backend == "triton" and dtype == torch.float64 and self.auto:
            self.backend = "reference"  # the kernels compute float32: auto takes the reference
        if self.backend == "triton" and dtype == torch.float64:
            raise ValueError("dtype float64 is not supported by the Triton kernels; use "
                             "backend='reference' (or 'auto', which picks it) for a float64 cache")
        if self.num_pages * self.page_size >= 2**31:
            raise ValueError(f"num_pages x page_size = {self.num_pages * self.page_size} slots: "
                             "at most 2^31 - 1 (slots are int32); use fewer or larger caches")
        self.kv_format = kv_format
        self.quant: QuantPages | None = None
        self.stream: StreamPages | None = None
        self.pool_heads = self.num_kv_heads  # the main pages' heads (the retrieval heads)
        if streaming is not None:
            self.stream = StreamPages.make(streaming, self, max_seqs, kv_format, page_stats)
            self.pool_heads -= self.stream.count
        if kv_format is None:
            self.pool = torch.zeros(self.num_layers, 2, self.num_pages, self.page_size,
                                    self.pool_heads, self.head_dim, dtype=dtype,
                                    device=self.device)
            self.device = self.pool.device  # "cuda" -> "cuda:0": tensors report the index
        else:
            self.quant = self._quant_pages(kv_format, check_int("max_seqs", max_seqs, 1),
                                           kv_scale)
            self.pool = None
            self.device = self.quant.codes["k"].device
        self.kmin = self.kmax = None
        if page_stats:
            shape = (self.num_layers, self.num_pages, self.num_kv_heads, self.head_dim)
            self.kmin = torch.full(shape, float("inf"), dtype=dtype, device=self.device)
            self.kmax = torch.full(shape, float("-inf"), dtype=dtype, device=self.device)
        self._alloc = PageAllocator(self.num_pages)
        self._seqs: dict[int, _Seq] = {}
        self._next_id = 0
        self._epoch = 0  # bumped by whatever invalidates planned steps

    def _quant_pages(self, fmt: object, max_seqs: int, kv_scale: object) -> QuantPages:
        fmt = check_format(fmt, self.head_dim)
        if self.backend == "triton":
            why = kernels_refuse(self.head_dim, fmt)
            if why and not self.auto:
                raise ValueError(f"kv_format {fmt.name}: {why}; use backend='reference'")
            if why:
                self.backend = "reference"
        return QuantPages(fmt, self.num_layers, self.num_pages, self.page_size,
                          self.num_kv_heads, self.head_dim, self.dtype, self.device, max_seqs,
                          kv_scale)

    # ------------------------------------------------------------- storage

    def k(self, layer: int) -> torch.Tensor:
        """Layer ``layer``'s key pages ``[pages, page_size, Hkv, D]`` (a view; a quantized
        cache: the codes)."""
        if self.quant is not None:
            return self.quant.layer(layer, "k")[0]
        return self.pool[layer, 0]

    def v(self, layer: int) -> torch.Tensor:
        """Layer ``layer``'s value pages ``[pages, page_size, Hkv, D]`` (a view; a quantized
        cache: the codes)."""
        if self.quant is not None:
            return self.quant.layer(layer, "v")[0]
        return self.pool[layer, 1]

    @property
    def bytes_per_token(self) -> float:
        """Bytes one token's page slot takes across all layers (K and V; the retrieval heads
        of a cache with streaming heads): codes, scales and
        zeros for a quantized cache (``KVFormat.bytes_per_token``; per-channel scales when
        the group divides the page size)."""
        if self.quant is not None:
            return self.num_layers * self.kv_format.bytes_per_token(self.num_kv_heads,
                                                                     self.head_dim)
        return self.num_layers * 2 * self.pool_heads * self.head_dim * self.pool.element_size()

    @property
    def allocated_bytes(self) -> int:
        """Bytes the cache holds on its device: pages, and a quantized cache's rings and
        per-head scales."""
        if self.quant is not None:
            return self.quant.nbytes()
        extra = self.stream.nbytes() if self.stream is not None else 0
        return self.pool.numel() * self.pool.element_size() + extra

    def bytes_used(self) -> float:
        """Bytes of the main pages in use (a partly filled page counts whole; streaming
        heads' rows: ``stream.bytes_used()``)."""
        return self._alloc.in_use * self.page_size * self.bytes_per_token

    @property
    def pages_free(self) -> int:
        return self._alloc.available

    @property
    def sequences(self) -> tuple[int, ...]:
        return tuple(self._seqs)

    # ------------------------------------------------------------- sequences

    def add_sequence(self) -> int:
        """A new, empty sequence; returns its id."""
        srow = self.stream.take_row() if self.stream is not None else None
        try:
            row = self.quant.take_row() if self.quant is not None else None
        except CacheFull:
            if srow is not None:
                self.stream.release_row(srow)
            raise
        sid = self._next_id
        self._next_id += 1
        self._seqs[sid] = _Seq([], [0] * self.num_layers, row, srow)
        return sid

    def _seq(self, seq: object, name: str = "seq") -> _Seq:
        if isinstance(seq, bool) or not isinstance(seq, int):
            raise TypeError(f"{name} must be a sequence id (int), got {type(seq).__name__}")
        s = self._seqs.get(seq)
        if s is None:
            raise ValueError(f"{name}={seq} is not a live sequence of this cache (freed, or never "
                             "added)")
        return s

    def free(self, seq: int) -> None:
        """Drop a sequence; pages no other sequence shares become free."""
        s = self._seq(seq)
        self._alloc.release(s.pages)
        if self.quant is not None:
            self.quant.release_row(s.row)
        if self.stream is not None:
            self.stream.release_row(s.srow)
        del self._seqs[seq]
        self._epoch += 1

    def fork(self, seq: int) -> int:
        """A new sequence sharing ``seq``'s pages (reference counted); the first write
        into a shared page, by either, copies it."""
        s = self._seq(seq)
        sid = self.add_sequence()  # (a quantized cache: its ring row, or CacheFull)
        self._alloc.share(s.pages)
        row = self._seqs[sid].row
        if self.quant is not None:
            self.quant.copy_row(s.row, row)
        srow = self._seqs[sid].srow
        if self.stream is not None:
            self.stream.copy_row(s.srow, srow)
        self._seqs[sid] = _Seq(list(s.pages), list(s.lens), row, srow)
        self._epoch += 1
        return sid

    def length(self, seq: int, layer: int = 0) -> int:
        """Tokens of ``seq`` cached in ``layer``."""
        return self._seq(seq).lens[self._layer(layer)]

    def _layer(self, layer: object) -> int:
        if isinstance(layer, bool) or not isinstance(layer, int) or not (
                0 <= layer < self.num_layers):
            raise ValueError(f"layer must be an int in [0, {self.num_layers}), got {layer!r}")
        return layer

    def read(self, seq: int, layer: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
        """``seq``'s cached keys and values in ``layer``, each ``[L, Hkv, D]`` (a gather;
        for checks and debugging, not the serving path). With streaming heads, their
        dropped tokens read as zeros."""
        s, layer = self._seq(seq), self._layer(layer)
        n = s.lens[layer]
        if self.stream is not None:
            return self.stream.read_full(self, s.pages, s.srow, layer, n)
        if self.quant is not None:  # dequantized, in the cache's dtype (what attention reads)
            from kvcc.codegen.reference.kv_store import dequantized

            k, v = dequantized(self.quant.stored(layer, s.pages, s.row, n), self.dtype)
            return k[0].permute(1, 0, 2), v[0].permute(1, 0, 2)
        idx = torch.tensor(s.pages[:math.ceil(n / self.page_size)], dtype=torch.long,
                           device=self.device)
        return tuple(t[idx].flatten(0, 1)[:n] for t in (self.k(layer), self.v(layer)))

    # ------------------------------------------------------------- steps

    def plan(self, seqs: Sequence[int], q_lens: Sequence[int], *,
             new_tokens: Sequence[int] | None = None, layer: int | None = None,
             num_q_heads: int | None = None,
             mask: Mask | Sequence[Mask | None] | None = None, scale: float | None = None,
             softcap: float | None = None, return_lse: bool = False,
             kv_precision: str = "full", quest: Quest | None = None,
             return_scores: bool = False, score_window: int = 0) -> Step:
        """Plan one step: sequence ``seqs[i]`` gets ``new_tokens[i]`` new tokens
        (default ``q_lens[i]``) and attends with its last ``q_lens[i]`` tokens as
        queries. Allocates pages (copying shared pages about to be written), builds
        the block tables and slots, and selects the kernels (for ``num_q_heads``
        query heads, at once when given, else at the first ``attend``); ``mask`` is
        one mask or one per layer. Raises :class:`CacheFull`, with the cache
        unchanged, when pages run out. ``layer``: plan against that layer's lengths
        (default: every layer, which must agree). ``kv_precision="upper"``: a QuantSpec
        cache read through its upper codes alone (the draft view of self-speculative
        decoding). ``quest``: Quest's page selection for the step's decodes (a cache with
        ``page_stats=True``; see ``kvcc/runtime/quest.py``). ``return_scores``: ``attend``
        also returns each key's eviction score ``[B, Hkv, positions]`` float32 (its
        probability summed over the sequence's last ``score_window`` queries, 0: all, and
        over the KV head's query heads; positions past a sequence's length score 0),
        what ``kvcc.runtime.eviction`` selects from (H2O accumulates it per step)."""
        seqs_t = self._check_seqs(seqs)
        q_t = check_lens("q_lens", q_lens, len(seqs_t))
        new_t = q_t if new_tokens is None else check_lens("new_tokens", new_tokens,
                                                                 len(seqs_t))
        masks = per_layer_masks(mask, self.num_layers)
        check_precision(kv_precision, self.kv_format)
        score_window = check_int("score_window", score_window)
        if quest is not None and return_scores:
            raise ValueError("return_scores with quest: scores of unselected pages are not "
                             "computed; plan the two separately")
        if self.stream is not None and (quest is not None or return_scores):
            raise ValueError("quest and return_scores are not supported with streaming heads yet")
        if quest is not None and not isinstance(quest, Quest):
            raise TypeError(f"quest must be a kvcc.runtime.Quest, got {type(quest).__name__}")
        if quest is not None and self.kmin is None:
            raise ValueError("quest needs a cache that keeps page stats: "
                             "KVCache(..., page_stats=True)")
        scale = check_factor("scale", 1 / math.sqrt(self.head_dim) if scale is None else scale,
                             self.dtype)
        if softcap is not None:
            softcap = check_factor("softcap", softcap, self.dtype, "None or ")
        if num_q_heads is not None:
            num_q_heads = check_int("num_q_heads", num_q_heads, 1)
            if num_q_heads % self.num_kv_heads:
                raise ValueError(f"num_q_heads={num_q_heads} must be a multiple of "
                                 f"num_kv_heads={self.num_kv_heads}")
        start = tuple(self._start(sid, layer) for sid in seqs_t)
        for sid, s, n, ql in zip(seqs_t, start, new_t, q_t):
            if ql > s + n:
                raise ValueError(f"q_lens: sequence {sid} would hold {s + n} tokens, fewer than "
                                 f"its {ql} queries (queries are its last tokens)")
        stream = (self.stream.plan([self._seqs[sid].srow for sid in seqs_t], q_t, start, new_t,
                                   masks, self.device) if self.stream is not None else None)
        self._allocate(seqs_t, start, new_t)
        index, max_pages, sizes = step_index(self, seqs_t, q_t, new_t, start)
        return Step(self, seqs_t, q_t, new_t, start, index, max_pages, masks, scale, softcap,
                    bool(return_lse), num_q_heads, layer, sizes, kv_precision, quest,
                    score_window if return_scores else None, stream)

    def append(self, layer: int, seqs: Sequence[int], k: torch.Tensor, v: torch.Tensor,
               cu_seqlens: torch.Tensor) -> None:
        """Write new tokens of ``seqs`` into ``layer``: k/v ``[T, Hkv, D]``, sequence
        ``seqs[i]``'s tokens at rows ``cu_seqlens[i]:cu_seqlens[i+1]`` (reads
        ``cu_seqlens`` once; a planned step does not)."""
        layer = self._layer(layer)
        new = step_counts("cu_seqlens", cu_seqlens, self._check_seqs(seqs), "k", k)
        self.plan(seqs, [0] * len(new), new_tokens=new, layer=layer).append(layer, k, v)

    def attend(self, layer: int, q: torch.Tensor, seqs: Sequence[int], cu_seqlens_q: torch.Tensor,
               *, mask: Mask | None = None, scale: float | None = None,
               softcap: float | None = None, return_lse: bool = False):
        """Attention of each sequence's queries (its last tokens; q ``[T, Hq, D]``,
        rows ``cu_seqlens_q[i]:cu_seqlens_q[i+1]`` for ``seqs[i]``) over ``layer``'s
        cache, bottom-right aligned: one call serves prefill, chunked prefill, decode
        and a mix of them. Returns ``o [T, Hq, D]``, or ``(o, lse)``."""
        layer = self._layer(layer)
        q_lens = step_counts("cu_seqlens_q", cu_seqlens_q, self._check_seqs(seqs), "q", q)
        if not isinstance(mask, (Mask, type(None))):
            raise TypeError(f"mask must be a kvcc.masks mask, got {type(mask).__name__}")
        step = self.plan(seqs, q_lens, new_tokens=[0] * len(q_lens), layer=layer,
                         num_q_heads=q.shape[1] if q.dim() == 3 else None, mask=mask,
                         scale=scale, softcap=softcap, return_lse=return_lse)
        return step.attend(layer, q)

    # ------------------------------------------------------------- host work of a plan

    def _check_seqs(self, seqs: object) -> tuple[int, ...]:
        if isinstance(seqs, (str, bytes)) or not isinstance(seqs, Sequence):
            raise TypeError(f"seqs must be a list of sequence ids, got {type(seqs).__name__}")
        out = tuple(seqs)
        if not out:
            raise ValueError("seqs is empty: a step needs at least one sequence")
        for sid in out:
            self._seq(sid, "seqs")
        if len(set(out)) != len(out):
            raise ValueError(f"seqs lists a sequence twice: {list(out)}")
        return out

    def _start(self, sid: int, layer: int | None) -> int:
        lens = self._seqs[sid].lens
        if layer is not None:
            return lens[self._layer(layer)]
        if len(set(lens)) != 1:
            raise ValueError(f"sequence {sid}: layers hold different lengths {lens} (a step "
                             "half appended); finish it, or plan with layer=")
        return lens[0]

    def _allocate(self, seqs: tuple[int, ...], start: tuple[int, ...],
                  new: tuple[int, ...]) -> None:
        """Pages for the new tokens, and copies of shared pages they would write into;
        all or nothing."""
        ps = self.page_size
        grow, writers = [], {}
        for sid, s, n in zip(seqs, start, new):
            pages = self._seqs[sid].pages
            total = math.ceil((s + n) / ps) if n else 0
            grow.append(max(0, total - len(pages)))
            first = self.quant.first_write(s, n) if self.quant is not None and n else s
            for i in range(first // ps, min(len(pages), total)):
                if self._alloc.shared(pages[i]):
                    writers.setdefault(pages[i], []).append((sid, i))
        # a shared page every holder writes this step: the last writer keeps it
        cow = [w for p, ws in writers.items()
               for w in (ws[:-1] if len(ws) == self._alloc.refs(p) else ws)]
        need = sum(grow) + len(cow)
        if need > self._alloc.available:
            raise CacheFull(f"this step needs {need} free pages ({sum(grow)} new, {len(cow)} "
                            f"copies of shared pages); {self._alloc.available} of "
                            f"{self.num_pages} are free. Free sequences or make the cache larger")
        if not need and not any(new):
            return
        self._epoch += 1
        if cow:
            dst = self._alloc.take(len(cow))
            src = [self._seqs[sid].pages[i] for sid, i in cow]
            dev = self.device
            src_t, dst_t = torch.tensor(src, device=dev), torch.tensor(dst, device=dev)
            if self.quant is not None:
                self.quant.copy_pages(src_t, dst_t)
            else:
                self.pool[:, :, dst_t] = self.pool[:, :, src_t]
            if self.kmin is not None:
                self.kmin[:, dst_t], self.kmax[:, dst_t] = self.kmin[:, src_t], self.kmax[:, src_t]
            self._alloc.release(src)
            for (sid, i), p in zip(cow, dst):
                self._seqs[sid].pages[i] = p
        for sid, g in zip(seqs, grow):
            taken = self._alloc.take(g)
            self._seqs[sid].pages += taken
            if self.kmin is not None and taken:  # a page's stats start empty
                idx = torch.tensor(taken, device=self.device)
                self.kmin[:, idx], self.kmax[:, idx] = float("inf"), float("-inf")


__all__ = ["CacheFull", "KVCache", "Step"]
