"""One step of a serving loop over a :class:`~kvcc.runtime.cache.KVCache`: planned
once, run per layer.

``KVCache.plan`` does the host work of a step (page allocation and copy-on-write,
block tables, the new tokens' slots, split choice, kernel selection) and uploads
its index tensors in one copy. :meth:`Step.append` and :meth:`Step.attend` then
only launch kernels: no device-to-host reads and no host-to-device copies, so the
per-layer calls of a step can be captured in a CUDA graph (FlashInfer's plan/run).
(The reference backend, for checks and CPUs, makes no such promise: a quantized
cache's reference path reads its scales back and dequantizes on the host side.)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import sympy
import torch

from kvcc.ir.dtypes import DType
from kvcc.ir.mask import Mask
from kvcc.ir.ops import AttentionOp, Module
from kvcc.runtime.modules import SELECTED, paged_heads_module, paged_module, paged_quant_module
from kvcc.runtime.qpages import ROLES, RoleWrites
from kvcc.runtime.streaming import plan_stream_attend, run_stream_attend
from kvcc.runtime.varlen import check_sequence_mask


class Step:
    """A planned step (see the module docstring); made by :meth:`KVCache.plan`.

    Per layer: ``append(layer, k, v)`` writes the step's new tokens (k/v ``[T_new,
    Hkv, D]``, sequence after sequence in ``seqs`` order), then ``attend(layer, q)``
    (q ``[T_q, Hq, D]``) attends each sequence's queries, its last tokens, to its
    cache. A step is valid until the cache is planned with new tokens, forked or freed
    (an attend-only step reads the lengths of when it was planned: plan it where it is
    used). A step planned with ``layer=`` serves that layer only.

    CUDA graphs: give ``num_q_heads`` (and every mask) to the plan, so nothing is planned
    lazily inside a capture; a captured graph replays this step (its index tensors and
    workspaces), so keep the step alive while the graph is, and capture one per step."""

    def __init__(self, cache, seqs: tuple[int, ...], q_lens: tuple[int, ...],
                 new: tuple[int, ...], start: tuple[int, ...], index: torch.Tensor,
                 max_pages: int, masks: tuple[Mask, ...], scale: float,
                 softcap: float | None, return_lse: bool, num_q_heads: int | None,
                 layer: int | None = None, write_sizes: Sequence[int] = (),
                 kv_precision: str = "full", quest=None,
                 score_window: int | None = None, stream=None) -> None:
        self.stream = stream  # the streaming heads' index tensors (a StreamIndex), or None
        self.cache, self.seqs, self.q_lens, self.new, self.start = cache, seqs, q_lens, new, start
        self.layer = layer
        self.kv_precision = kv_precision
        self.score_window = score_window
        self._epoch = cache._epoch
        b = len(seqs)
        self.total_q, self.total_new = sum(q_lens), sum(new)
        # one upload holds every index tensor of the step (views into it)
        o1, o2, o3 = b + 1, 2 * b + 1, 2 * b + 1 + self.total_new
        self.cu_q = index[:o1]
        self.kv_lens = index[o1:o2]
        self.slots = index[o2:o3]
        o4 = o3 + b * max_pages
        self.block_table = index[o3:o4].view(b, max_pages)
        self.rows = index[o4:o4 + b] if write_sizes else None  # ring rows (quantized)
        self.writes: dict[str, RoleWrites] = {}
        self.write_counts: dict[str, tuple[int, int, int]] = {}
        at = o4 + b
        for i, role in enumerate(ROLES):
            sizes = write_sizes[5 * i:5 * i + 5]
            parts = []
            for n in sizes:
                parts.append(index[at:at + n])
                at += n
            if sizes:
                self.writes[role] = RoleWrites(*parts)
                self.write_counts[role] = (sizes[0], sizes[2], sizes[3])
        self.max_q = max(q_lens, default=0)
        self.max_kv = max((s + n for s, n in zip(start, new)), default=0)
        self.masks, self.scale, self.softcap, self.return_lse = masks, scale, softcap, return_lse
        self._appended: set[int] = set()
        self._attend: dict[tuple[Mask, bool], object] = {}
        self._num_q_heads = num_q_heads
        self._append_kernel = self._plan_append()
        self.quest = None
        if quest is not None:
            from kvcc.runtime.quest import QuestSelector

            self.quest = QuestSelector(self, quest)
        self._page_of_new = None  # the new tokens' pages (a cache that keeps page stats)
        if num_q_heads is not None:
            for i, m in enumerate(masks):
                if stream is not None:  # one launch over both pools, per head set
                    key = ("stream", m, cache.stream.opts.heads[i])
                    if key not in self._attend:
                        self._attend[key] = plan_stream_attend(self, m, i, num_q_heads)
                    continue
                key = (m, self._selects(i))
                if key not in self._attend:
                    self._attend[key] = self._plan_attend(*key, num_q_heads)

    # ------------------------------------------------------------- planning

    def _plan_append(self):
        c = self.cache
        if c.backend != "triton" or self.total_new == 0:
            return None
        if c.quant is not None:
            return self._plan_quant_append()
        from kvcc.codegen.triton.append import AppendSpec, kernel_name
        from kvcc.codegen.triton.build import load

        spec = AppendSpec(DType.from_torch(c.dtype).value, c.head_dim, c.head_dim)
        fn = getattr(load(spec), kernel_name(spec))
        grid = (math.ceil(self.total_new / spec.block_t), c.pool_heads)
        meta = dict(BLOCK_T=spec.block_t, BLOCK_D=spec.block_d, BLOCK_DV=spec.block_dv,
                    num_warps=spec.num_warps)
        return fn[grid], meta

    def _plan_quant_append(self) -> dict:
        """The quantize-on-append kernel of each role (``codegen/triton/quant_append.py``)."""
        from kvcc.codegen.triton.build import load
        from kvcc.codegen.triton.quant_append import QuantAppendSpec, kernel_name

        c, fmt = self.cache, self.cache.kv_format
        out = {}
        for role in ROLES:
            spec = QuantAppendSpec(
                DType.from_torch(c.dtype).value, c.head_dim, fmt.code.value,
                fmt.scope(role).value, fmt.group_size, fmt.packed, fmt.hierarchical,
                fmt.scale_dtype.value, bool(c.quant.rlen[role]))
            out[role] = (getattr(load(spec), kernel_name(spec)),
                         dict(BLOCK_T=spec.block_t, BLOCK_D=spec.block_d,
                              num_warps=spec.num_warps, enable_fp_fusion=False))
        return out

    def _selects(self, layer: int) -> bool:
        """Whether ``layer`` attends over Quest's selected pages."""
        return self.quest is not None and self.quest.applies(layer)

    def _compacted(self, mask: Mask, select: bool) -> bool:
        """Whether a Quest layer attends over its selection compacted into per-head pages
        (``kvcc/runtime/quest.py``) rather than the sequences' pages with ``page_select``."""
        return (select and self.score_window is None
                and self.quest.compacts(self.cache, mask))

    def _module(self, mask: Mask, hq: int, select: bool) -> Module:
        c = self.cache
        if self._compacted(mask, select):
            return paged_heads_module(hq, c.num_kv_heads, c.head_dim, c.dtype, c.page_size,
                                      mask, self.scale, self.softcap, self.return_lse)
        if c.quant is not None:
            return paged_quant_module(hq, c.num_kv_heads, c.head_dim, c.dtype, c.page_size,
                                      c.kv_format, (c.quant.rlen["k"], c.quant.rlen["v"]),
                                      mask, self.scale, self.softcap, self.return_lse,
                                      self.kv_precision, select, self.score_window)
        return paged_module(hq, c.pool_heads, c.head_dim, c.dtype, c.page_size, mask,
                            self.scale, self.softcap, self.return_lse, select,
                            self.score_window)

    def _plan_attend(self, mask: Mask, select: bool, hq: int):
        """The kernel launch (or the reference op) for one mask (over Quest's selected
        pages when ``select``), bound to layer 0."""
        c = self.cache
        module = self._module(mask, hq, select)
        op = module.ops[0] if len(module.ops) == 1 else None
        if not isinstance(op, AttentionOp):  # the mask simplified away: fills (of the plain
            # module's inputs: no codes to read; scores, all zero, are made in attend)
            return ("module", paged_module(hq, c.pool_heads, c.head_dim, c.dtype,
                                           c.page_size, mask, self.scale, self.softcap,
                                           self.return_lse, select))
        if c.backend == "triton":
            from kvcc.codegen.triton.op import plan
            from kvcc.codegen.triton.spec import UnsupportedAttention

            q = torch.empty(self.total_q, hq, c.head_dim, dtype=c.dtype, device=c.device)
            try:
                p = plan(op, self._tensors(q, 0), self._dim, max_q_len=max(1, self.max_q),
                         max_kv_len=max(1, self.max_kv))
                return ("launch", p.launcher())
            except UnsupportedAttention:
                if not c.auto:
                    raise
        if c.backend == "tvm":
            from kvcc.runtime.tvm_step import plan_tvm

            planned = plan_tvm(self, op)
            if planned is not None:
                return planned
        if c.quant is not None:  # the reference reads the dequantized pages
            module = paged_module(hq, c.num_kv_heads, c.head_dim, c.dtype, c.page_size, mask,
                                  self.scale, self.softcap, self.return_lse, select,
                                  self.score_window)
            op = module.ops[0] if len(module.ops) == 1 else None
            if not isinstance(op, AttentionOp):
                return ("module", module)
        return ("reference", op)

    def _dim(self, d) -> int:
        """A planned module's sizes: the step's sequences, and the positions its block
        table holds (eviction scores' axis)."""
        b, np_ = self.block_table.shape
        sizes = {"B": b, "S": np_ * self.cache.page_size}
        e = sympy.sympify(d)
        return int(e.subs({x: sizes[x.name] for x in e.free_symbols}))

    def _tensors(self, q: torch.Tensor, layer: int) -> dict[str, torch.Tensor]:
        t = {"q": q, "k": self.cache.k(layer), "v": self.cache.v(layer), "cu": self.cu_q,
             "bt": self.block_table, "kl": self.kv_lens}
        if self.cache.quant is not None:
            for role in ROLES:
                _, sc, zz, ring = self.cache.quant.layer(layer, role)
                t |= {f"{role}s": sc, f"{role}z": zz, f"{role}r": ring}
            t["rs"] = self.rows
        if self.quest is not None:
            t |= {SELECTED: self.quest.pages, "qbt": self.quest.table, "qkl": self.quest.lens}
        return t

    def _kv_data(self, layer: int) -> list:
        """A quantized layer's scales, zeros and rings, in the launcher's order."""
        q = self.cache.quant
        (_, ks, kz, kr), (_, vs, vz, vr) = q.layer(layer, "k"), q.layer(layer, "v")
        return [ks, kz, vs, vz, kr, vr, self.rows]

    def _dequantized_pool(self, layer: int) -> tuple[torch.Tensor, torch.Tensor]:
        """The reference's view of a quantized layer: the step's sequences' tokens
        dequantized (rounded to the cache's dtype, as the kernels do) into pages of a
        plain pool, at their own slots."""
        from kvcc.codegen.reference.kv_store import dequantized

        c = self.cache
        pool = torch.zeros(2, c.num_pages * c.page_size, c.num_kv_heads, c.head_dim,
                           dtype=c.dtype, device=c.device)
        for sid, s, n in zip(self.seqs, self.start, self.new):
            seq = c._seqs[sid]
            length = s + n if layer in self._appended or not self.total_new else s
            if not length:
                continue
            k, v = dequantized(c.quant.stored(layer, seq.pages, seq.row, length), c.dtype,
                               self.kv_precision)
            pos = torch.arange(length, device=c.device)
            pages = torch.tensor(seq.pages, dtype=torch.long, device=c.device)
            slots = pages[pos // c.page_size] * c.page_size + pos % c.page_size
            pool[0, slots], pool[1, slots] = k[0].permute(1, 0, 2), v[0].permute(1, 0, 2)
        pool = pool.view(2, c.num_pages, c.page_size, c.num_kv_heads, c.head_dim)
        return pool[0], pool[1]

    def _check(self, layer: int) -> None:
        if self._epoch != self.cache._epoch:
            raise ValueError("this step is stale: the cache was planned with new tokens, forked or "
                             "freed since; plan the step again")
        if isinstance(layer, bool) or not isinstance(layer, int) or not (
                0 <= layer < self.cache.num_layers):
            raise ValueError(f"layer must be an int in [0, {self.cache.num_layers}), got {layer!r}")
        if self.layer is not None and layer != self.layer:
            raise ValueError(f"layer {layer}: this step was planned for layer {self.layer} (its "
                             "lengths); plan without layer= for a step of every layer")

    # ------------------------------------------------------------- running

    def append(self, layer: int, k: torch.Tensor, v: torch.Tensor) -> None:
        """Write this step's new tokens of ``layer`` (k, v ``[T_new, Hkv, D]``)."""
        self._check(layer)
        c = self.cache
        want = (self.total_new, c.num_kv_heads, c.head_dim)
        for name, t in (("k", k), ("v", v)):
            if not isinstance(t, torch.Tensor):
                raise TypeError(f"{name} must be a torch.Tensor, got {type(t).__name__}")
            if tuple(t.shape) != want or t.dtype != c.dtype or t.device != c.device:
                raise ValueError(f"{name} must be {list(want)} {c.dtype} on {c.device} (the "
                                 f"step's {self.total_new} new tokens), got {list(t.shape)} "
                                 f"{t.dtype} on {t.device}")
        if layer in self._appended:
            raise ValueError(f"layer {layer}'s new tokens are already appended in this step")
        if c.stream is not None and self.total_new:  # streaming heads to their rows
            c.stream.write(layer, self.stream, k, v)
            ret = c.stream.retrieval[layer]
            k, v = k[:, ret], v[:, ret]
        # the kernel reads rows with unit stride along the head dim
        k, v = (t if t.stride(-1) == 1 else t.contiguous() for t in (k, v))
        if self.total_new and c.quant is not None:  # quantize as it writes
            c.quant.write(layer, self.writes, {"k": k, "v": v}, self.write_counts,
                          self._append_kernel)
        elif self.total_new:
            kc, vc = c.k(layer).flatten(0, 1), c.v(layer).flatten(0, 1)  # [P * page, H, D]
            if self._append_kernel is not None:
                fn, meta = self._append_kernel
                fn(k, v, kc, vc, self.slots, self.total_new, k.stride(0), k.stride(1),
                   v.stride(0), v.stride(1), kc.stride(0), kc.stride(1), vc.stride(0),
                   vc.stride(1), **meta)
            else:
                idx = self.slots.long()
                kc[idx] = k
                vc[idx] = v
        if self.total_new and c.kmin is not None:  # the pages' key min and max
            if self._page_of_new is None:
                page = torch.div(self.slots, c.page_size, rounding_mode="floor").long()
                self._page_of_new = page.view(-1, 1, 1).expand_as(k)
            c.kmin[layer].scatter_reduce_(0, self._page_of_new, k, "amin")
            c.kmax[layer].scatter_reduce_(0, self._page_of_new, k, "amax")
        self._appended.add(layer)
        for seq, s, n in zip(self.seqs, self.start, self.new):
            c._seqs[seq].lens[layer] = s + n

    def attend(self, layer: int, q: torch.Tensor, *, mask: Mask | None = None):
        """Attention of the step's queries (q ``[T_q, Hq, D]``) over ``layer``'s cache,
        with the mask planned for that layer (or ``mask``: another one, planned at its first
        use, which a CUDA-graph capture must not be).
        Returns ``o [T_q, Hq, D]``, or ``(o, lse)`` when the plan asked for lse."""
        m = self.check_query(layer, q, mask)
        if self.cache.stream is not None:
            return self._attend_streaming(layer, q, m)
        return self._attend_main(layer, q, m)

    def check_query(self, layer: int, q: object, mask: Mask | None = None) -> Mask:
        """Check an attend's arguments against the step (layer, appended tokens, q's shape,
        dtype, device and head count, which it then binds); returns the layer's mask
        (or ``mask``, checked). For :meth:`attend` and the objects that attend a step
        their own way (``CascadeStep``)."""
        self._check(layer)
        c = self.cache
        if self.total_new and layer not in self._appended:
            raise ValueError(f"append layer {layer}'s new tokens before attending to them")
        if not isinstance(q, torch.Tensor):
            raise TypeError(f"q must be a torch.Tensor, got {type(q).__name__}")
        if (q.dim() != 3 or q.shape[0] != self.total_q or q.shape[2] != c.head_dim
                or q.shape[1] % c.num_kv_heads or q.dtype != c.dtype or q.device != c.device):
            raise ValueError(f"q must be [{self.total_q}, Hq, {c.head_dim}] (Hq a multiple of "
                             f"{c.num_kv_heads}) {c.dtype} on {c.device}, got {list(q.shape)} "
                             f"{q.dtype} on {q.device}")
        m = self.masks[layer] if mask is None else check_sequence_mask(mask)
        # one head count per step (a planned launch is bound to it): the reference ops
        # would otherwise run other heads than they were planned for
        if self._num_q_heads not in (None, q.shape[1]):
            raise ValueError(f"q has {q.shape[1]} heads; the step was planned for "
                             f"{self._num_q_heads}")
        self._num_q_heads = q.shape[1]
        return m

    def _attend_streaming(self, layer: int, q: torch.Tensor, m: Mask):
        """One launch over both pools: the retrieval heads over the main pages, the
        streaming heads over their rows' views (``kvcc/runtime/streaming.py``)."""
        key = ("stream", m, self.cache.stream.opts.heads[layer])
        plan = self._attend.get(key)
        if plan is None:
            plan = self._attend[key] = plan_stream_attend(self, m, layer, q.shape[1])
        o, lse = run_stream_attend(self, plan, layer, q)
        return (o, lse) if self.return_lse else o

    def _attend_main(self, layer: int, q: torch.Tensor, m: Mask):
        c = self.cache
        key = (m, self._selects(layer))
        plan = self._attend.get(key)
        if plan is None:
            plan = self._attend[key] = self._plan_attend(*key, q.shape[1])
        if self._compacted(*key):  # this layer's pages, into the per-head tables
            self.quest.compact(layer, q)
        elif key[1]:  # or into the mask's tensor
            self.quest.select(layer, q)
        kind, what = plan
        if kind == "launch":
            # the launch was planned for a contiguous q (a no-op when q is one)
            what.rebind(q.contiguous(), c.k(layer), c.v(layer),
                        self._kv_data(layer) if c.quant is not None else None)
            o, lse, *scores = what()
        elif kind == "tvm":
            o, lse, *scores = what(self._tensors(q, layer))
        else:
            from kvcc.codegen import reference
            from kvcc.codegen.reference.interpreter import reference_attention

            if c.quant is not None:
                kp, vp = self._dequantized_pool(layer)
                t = {"q": q, "k": kp, "v": vp, "cu": self.cu_q, "bt": self.block_table,
                     "kl": self.kv_lens}
                if self.quest is not None:
                    t[SELECTED] = self.quest.pages
            else:
                t = self._tensors(q, layer)
            if kind == "module":
                out = reference.run(what, **t)
                o, lse = out[0], (out[1] if self.return_lse else None)
                b, np_ = self.block_table.shape
                scores = ([torch.zeros(b, c.num_kv_heads, np_ * c.page_size,
                                       dtype=torch.float32, device=c.device)]
                          if self.score_window is not None else [])
            else:
                o, lse, *scores = reference_attention(what, t, self._dim)
        if scores:  # over the block table's positions
            return (o, lse, scores[0]) if self.return_lse else (o, scores[0])
        return (o, lse) if self.return_lse else o


def per_layer_masks(mask: Mask | Sequence[Mask | None] | None, num_layers: int) -> tuple[Mask, ...]:
    """One mask per layer from a mask, None (no mask), or a sequence of them."""
    if mask is None or isinstance(mask, Mask):
        return (check_sequence_mask(mask),) * num_layers
    if isinstance(mask, (list, tuple)):
        if len(mask) != num_layers:
            raise ValueError(f"mask: one per layer expected ({num_layers}), got {len(mask)}")
        return tuple(check_sequence_mask(m) for m in mask)
    raise TypeError(f"mask must be a kvcc.masks mask, None, or one per layer; got "
                    f"{type(mask).__name__}")
