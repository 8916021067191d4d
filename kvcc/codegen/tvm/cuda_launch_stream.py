"""Streaming heads (StreamingLLM, DuoAttention) in :class:`~kvcc.codegen.tvm.cuda_launch.
CudaKernels`: attention over a ``kvcc.KVCache`` with ``streaming=StreamingHeads(...)``,
whose two page pools (``kvcc/runtime/streaming.py``) the CPU kernels read in one paged
launch per pool (``kvcc/runtime/tvm_step.py``). Here likewise: the retrieval heads'
query heads over the main pages with the step's mask ``m`` (causal or full), the
streaming heads' over their pool's per-sequence views with ``m & streaming(sinks,
recent)``, each positioned by its own pool's lengths (bottom-right), the two launches'
outputs scattered back into one ``o`` and ``lse``.
"""

from __future__ import annotations


class StreamMixin:
    """:meth:`paged_streaming`, over the paged decode and paged prefill."""

    def paged_streaming(self, q, streaming_heads, main: tuple, stream: tuple, *, sinks: int,
                        recent: int, cu_seqlens_q=None, max_seqlen_q: int | None = None,
                        causal: bool = True, scale: float | None = None,
                        softcap: float | None = None, num_splits: int | None = None):
        """One step's attention over both pools of a cache with streaming heads.

        ``q``: one query per sequence ``[B, Hq, D]`` (decode), or packed queries ``[Tq,
        Hq, D]`` with ``cu_seqlens_q`` (a prefill chunk: each sequence's queries the
        last of its keys). ``streaming_heads``: the layer's streaming KV heads (of
        ``Hk`` in all). ``main``: ``(k_pages, v_pages, block_table, kv_lens)`` of the
        retrieval heads (``KVCache.k(layer)``, ``v(layer)``, the step's block table and
        lengths: ``Hk - len(streaming_heads)`` heads, in order); ``stream``: the same of
        the streaming heads' pool and each sequence's view of it:
        ``(cache.stream.pool[layer, 0], cache.stream.pool[layer, 1],
        step.stream.block_table, step.stream.lens)``. One artifact folder holds every
        kernel the step launches (a decode step's are in the default set; a prefill
        chunk's streaming heads need ``causal & (sinks(n) | sliding_window(w))`` compiled
        in, from a paged SPEC with that mask and the step's other problems). ``sinks``/``recent``: the
        ``StreamingHeads``'. ``causal``: the step's mask ``m`` is causal (else full).
        Softcap and splits as in ``paged_decode`` (no ALiBi: the views keep the sinks'
        positions while the query's is the view's end, so a sink's distance is not its
        own, as for the cache, which takes none). Returns ``o`` like q and ``lse``
        float32, per query head."""
        import torch

        from kvcc import masks as M

        given = list(streaming_heads)
        heads = sorted(set(int(h) for h in given))
        if len(heads) != len(given):
            raise ValueError(f"streaming_heads names a head twice: {given}")
        hq = q.shape[1]
        hk = main[0].shape[2] + stream[0].shape[2]
        if stream[0].shape[2] != len(heads) or any(h < 0 or h >= hk for h in heads):
            raise ValueError(f"streaming_heads {heads}: the streaming pool holds "
                             f"{stream[0].shape[2]} heads of {hk} (main pool: {main[0].shape[2]})")
        if hk == 0 or hq % hk:
            raise ValueError(f"query heads ({hq}) must be a multiple of KV heads ({hk})")
        g = hq // hk
        m = M.causal() if causal else M.full()
        ms = m & M.streaming(sinks, recent) if causal else M.streaming(sinks, recent)
        parts = []
        for kv_heads, pool, mask in (([h for h in range(hk) if h not in heads], main, m),
                                     (heads, stream, ms)):
            if kv_heads:
                rows = [h * g + j for h in kv_heads for j in range(g)]
                parts.append((torch.tensor(rows, device=q.device), pool, mask))
        self._stream_kernels(q, g, [(pool[0], mask) for _, pool, mask in parts],
                             cu_seqlens_q is None)
        o = torch.empty_like(q)
        lse = torch.empty(q.shape[:2], dtype=torch.float32, device=q.device)
        for rows, (k, v, bt, kvl), mask in parts:
            kw = dict(scale=scale, softcap=softcap, mask=mask)
            qq = q.index_select(1, rows).contiguous()
            if cu_seqlens_q is None:
                po, pl = self.paged_decode(qq, k, v, bt, kvl, num_splits=num_splits, **kw)
            else:
                po, pl = self.paged_prefill(qq, k, v, bt, kvl, cu_seqlens_q, max_seqlen_q, **kw)
            o[:, rows], lse[:, rows] = po, pl
        return o, lse

    def _stream_kernels(self, q, g: int, pools: list, decode: bool) -> None:
        """KeyError before any launch when a pool's kernel is not built (a prefill chunk's
        streaming heads take ``causal & (sinks(n) | sliding_window(w))`` compiled in,
        which ``kvcc compile --backend tvm`` builds for a paged SPEC with that mask)."""
        from kvcc.codegen.tvm import cuda_masks as cm
        from kvcc.codegen.tvm.cuda_args import _dt

        dt, d = _dt(q), q.shape[-1]
        missing = []
        for k, mask in pools:
            page = k.shape[1]
            sfx = "" if cm.runtime(mask, decode) is not None else cm.suffix(mask)
            need = [f"kvcc_cuda_paged_decode_{dt}_d{d}_g{g}_p{page}{sfx}",
                    f"kvcc_cuda_merge_{dt}_d{d}"] if decode else [
                f"kvcc_cuda_paged_prefill_{dt}_d{d}_p{page}{sfx}"]
            missing += [f"{n} ({mask})" for n in need if n not in self.manifest["kernels"]]
        if missing:
            raise KeyError(f"no prebuilt kernel {', '.join(missing)}: kvcc compile --backend tvm "
                           "builds it for a paged SPEC with that mask")
