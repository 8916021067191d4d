"""Launch kvcc's prebuilt TVM CUDA attention kernels from torch, with no TVM on the machine.

The cubins and their manifest are built ahead of time on a machine with apache-tvm
and nvcc (``python -m kvcc.codegen.tvm.cuda --out DIR``, see ``cuda.py``); on the GPU
machine this module needs only torch and the CUDA driver: :class:`CudaKernels` picks
the artifact folder for the GPU and turns each attention call into launches of the
kernels by name (``cuda_driver.py`` loads the cubin and launches through ``ctypes``).

Importing this module touches neither CUDA nor TVM; without a driver or a GPU, the
first launch raises :class:`CudaUnavailable` saying why.

API::

    kernels = CudaKernels.from_dir(DIR)      # picks DIR/sm_90 or DIR/sm_80 for the GPU
    o, lse = kernels.prefill(q, k, v)        # causal, [B, Hq, S, D] -> o, lse [B, Hq, S]
    o, lse = kernels.decode(q, k, v)         # q [B, Hq, 1, D], K/V [B, Hk, L, D]
    o, lse = kernels.paged_decode(q, k_pages, v_pages, block_table, kv_lens)
    o, lse = kernels.varlen_prefill(q, k, v, cu_seqlens_q, cu_seqlens_k)
    o, lse = kernels.paged_prefill(q, k_pages, v_pages, block_table, kv_lens, cu_seqlens_q)
    # a KVCache with streaming heads: both pools, one launch each
    o, lse = kernels.paged_streaming(q, heads, main=(k, v, bt, kvl), stream=(ks, vs, bts, kvls),
                                     sinks=4, recent=256)
    # quantized dense K/V (as kvcc.attention(kv_format=...) stores them):
    o, lse = kernels.decode(q, **cuda_quant.store(k, v, "int8"))   # or prefill
    # quantized pages (any kvcc.quant format, as a KVCache stores them):
    o, lse = kernels.paged_decode(q, k_codes, v_codes, block_table, kv_lens,
                                  kv_format=fmt, k_scale=..., k_zero=..., v_scale=...,
                                  v_zero=..., k_ring=..., v_ring=..., ring_rows=...)

Every attention call but ``paged_streaming`` takes ``return_scores=True`` (and
``score_window``, 0: every row)
for H2O's and SnapKV's eviction scores too, returned last: each key's attention
probability summed over the last ``score_window`` query rows of its sequence and over
the query heads of its KV head (``[B, Hk, L]`` dense, ``[Hk, Tk]`` packed, ``[B, Hk,
max_pages * page]`` over pages), from a second kernel after the attention
(``cuda_scores.py``; under the run-time window and sinks, not a compiled-in mask).

Every attention call takes ``softcap`` (None: none; scores become ``softcap * tanh(s /
softcap)``). All but ``paged_streaming`` (whose pools' masks come from the cache's
``StreamingHeads``, with no ALiBi) also take ``alibi_slopes`` (None, or one slope per
query head: the score of key ``j`` at query position ``p`` loses ``slope * |p - j|``,
after the softcap), and ``window`` (None: no window) and ``sinks`` (default 0): key
``j`` is visible to the query at position ``p`` when ``j < sinks`` or ``p - window < j
<= p``, bottom-right aligned, which is kvcc's ``causal()``, ``sliding_window(window)``
and ``sinks(n) | sliding_window(window)`` (see ``cuda_kernels.py``). Or ``mask`` (in
place of window and sinks): any ``kvcc.masks`` mask, or its text, that the kernels run,
either through the run-time window and sinks or compiled into a kernel of its own
(``cuda_masks.py``: that kernel must be in the artifact folder, as the default set's
and those ``kvcc compile --backend tvm`` builds for a SPEC are); ``mask_tensors``
(dense ``prefill`` and ``decode``) gives the tensors of ``document(seq_ids=...)`` and
``page_selection(...)`` masks by the mask's name for them, when the mask does not hold
them. Offsets are int32
in the kernels: every tensor must have fewer than 2**31 elements.
"""

from __future__ import annotations

import math
import os
import pathlib

from kvcc.codegen.tvm import cuda_quant as cq
from kvcc.codegen.tvm.cuda_args import (
    _dense,
    _dt,
    _dtypes,
    _heads,
    _masking,
    _no_format_tensors,
    _offsets,
    _scalars,
    _slopes,
    _table,
    _upper,
)
from kvcc.codegen.tvm.cuda_driver import INT32_MAX, CubinKernels, CudaError, CudaUnavailable, arch_for
from kvcc.codegen.tvm.cuda_launch_scores import ScoresMixin
from kvcc.codegen.tvm.cuda_launch_stream import StreamMixin
from kvcc.codegen.tvm.cuda_ranges import visible_tiles

ENV = "KVCC_TVM_CUDA_DIR"


class CudaKernels(ScoresMixin, StreamMixin, CubinKernels):
    """One artifact folder's attention kernels (:class:`CubinKernels` launches them)."""

    @classmethod
    def from_dir(cls, root: os.PathLike | str | None = None, device=None) -> CudaKernels:
        """The folder under ``root`` (default ``$KVCC_TVM_CUDA_DIR``) for ``device``'s
        arch (``root/sm_90`` on Hopper, ``root/sm_80`` on Ampere and Ada)."""
        import torch

        if not torch.cuda.is_available():
            raise CudaUnavailable("torch sees no CUDA GPU here: the prebuilt TVM CUDA kernels "
                                  "run only on an NVIDIA GPU (sm_80 or sm_90)")
        root = root or os.environ.get(ENV)
        if not root:
            raise CudaUnavailable(f"no artifact folder: pass one or set {ENV} (built with "
                                  "python -m kvcc.codegen.tvm.cuda --out DIR)")
        arch = arch_for(torch.cuda.get_device_capability(device))
        d = pathlib.Path(root) / arch
        if not (d / "manifest.json").is_file():
            raise CudaUnavailable(f"{d}/manifest.json is missing: build it with "
                                  f"python -m kvcc.codegen.tvm.cuda --out {root}")
        return cls(d)

    def multiprocessors(self, device) -> int:
        """The SM count of ``device`` (the decode's default split count fills it twice)."""
        import torch

        return torch.cuda.get_device_properties(device).multi_processor_count

    # -- attention -------------------------------------------------------------------

    def prefill(self, q, k, v, scale: float | None = None, window: int | None = None,
                sinks: int = 0, softcap: float | None = None, alibi_slopes=None, mask=None,
                mask_tensors=None, kv_format=None, k_scale=None, k_zero=None, v_scale=None,
                v_zero=None, k_residual=None, v_residual=None, kv_precision: str = "full",
                return_scores: bool = False, score_window: int = 0):
        """Causal attention, bottom-right aligned (query ``i`` at key position ``i + L -
        S``), within ``window`` keys and with ``sinks``, or under ``mask`` (with
        ``mask_tensors``; module docstring): q ``[B, Hq, S, D]``, K/V ``[B, Hk, L, D]``,
        fp16, bf16 or f32, or with ``kv_format`` K/V as that format stores them
        (``cuda_args._dense``). Returns ``o`` like q and ``lse [B, Hq, S]`` float32 (natural
        log; a row that sees no key: 0 and -inf), and with ``return_scores`` the
        eviction scores ``[B, Hk, L]`` float32 last (module docstring)."""
        import torch

        b, hq, s, d = q.shape
        kv, sz, q8 = _dense(q, k, v, kv_format, kv_precision,
                            {"ks": k_scale, "kz": k_zero, "vs": v_scale, "vz": v_zero,
                             "kr": k_residual, "vr": v_residual})
        hk, length = sz["Hk"], sz["L"]
        sfx, mt, ms = _masking(mask, mask_tensors, window, sinks, decode=False, packed=False,
                               keys=length, batch=b, hq=hq, hk=hk, device=q.device)
        sc_name = self._scores_kernel("dense", _dt(q), d, q8, sfx, score_window,
                                      (b, hk, length)) if return_scores else None
        q = q.contiguous()
        o = torch.empty_like(q)
        lse = torch.empty((b, hq, s), device=q.device, dtype=torch.float32)
        sl, scal, sizes = _slopes(alibi_slopes, hq, q.device), _scalars(scale, d, softcap), \
            {"B": b, "Hq": hq, "S": s, **sz, **ms}
        self.launch(f"kvcc_cuda_prefill_{_dt(q)}_d{d}{q8}{sfx}",
                    {"q": q, **kv, **mt, "sl": sl, "o": o, "lse": lse}, sizes, scal)
        if sc_name is None:
            return o, lse
        return o, lse, self._scores(sc_name, {"q": q, **kv, "lse": lse, "sl": sl}, sizes, scal,
                                    (b, hk, length), length, score_window)

    def varlen_prefill(self, q, k, v, cu_seqlens_q, cu_seqlens_k, max_seqlen_q: int | None = None,
                       scale: float | None = None, window: int | None = None, sinks: int = 0,
                       softcap: float | None = None, alibi_slopes=None, mask=None,
                       return_scores: bool = False, score_window: int = 0):
        """Packed sequences (``kvcc.attention_varlen``'s layout): q ``[Tq, Hq, D]``, K/V
        ``[Tk, Hk, D]``, ``cu_seqlens_q``/``cu_seqlens_k`` int32 ``[B + 1]``; sequence
        ``b``'s queries (rows ``cu_seqlens_q[b]:cu_seqlens_q[b+1]``) attend to its keys,
        bottom-right aligned, causal within ``window`` and with ``sinks``.
        ``max_seqlen_q`` bounds the longest query sequence; when None it is read from
        ``cu_seqlens_q``, and the offsets are checked on the host (from 0,
        non-decreasing, ending at the rows of q and k) before anything launches, as they
        are whenever they are CPU tensors; GPU offsets with a ``max_seqlen_q`` are
        trusted (no round trip per call), but with ``return_scores``, whose kernel writes
        a score per key of each sequence: ``cu_seqlens_k`` is then read and checked on
        the host. Returns ``o`` like q and ``lse [Tq, Hq]`` float32, and with
        ``return_scores`` the eviction scores ``[Hk, Tk]`` (per packed key) last."""
        import torch

        tq, hq, d = q.shape
        hk = k.shape[1]
        if k.shape != v.shape or k.dim() != 3 or k.shape[2] != d:
            raise ValueError(f"shapes do not match: q {tuple(q.shape)}, k {tuple(k.shape)}, "
                             f"v {tuple(v.shape)}")
        _heads(hq, hk)
        _dtypes(q, k, v)
        cuq, cuk = _table("cu_seqlens_q", cu_seqlens_q, 1), _table("cu_seqlens_k", cu_seqlens_k, 1)
        if cuq.shape != cuk.shape or cuq.numel() < 1:
            raise ValueError(f"cu_seqlens_q {tuple(cuq.shape)} and cu_seqlens_k "
                             f"{tuple(cuk.shape)} must both be [B + 1]")
        b = cuq.numel() - 1
        longest = 0
        if cuk.device.type == "cpu" or max_seqlen_q is None or return_scores:
            longest = _offsets("cu_seqlens_k", cuk, k.shape[0], None)
        max_seqlen_q = _offsets("cu_seqlens_q", cuq, tq, max_seqlen_q)
        sfx, mt, ms = _masking(mask, None, window, sinks, decode=False, packed=True,
                               keys=k.shape[0], batch=b, hq=hq, hk=hk, device=q.device,
                               seq_keys=lambda: cuk[1:] - cuk[:-1])
        sc_name = self._scores_kernel("varlen", _dt(q), d, "", sfx, score_window,
                                      (hk, k.shape[0])) if return_scores else None
        q, k, v = q.contiguous(), k.contiguous(), v.contiguous()
        o = torch.empty_like(q)
        lse = torch.empty((tq, hq), device=q.device, dtype=torch.float32)
        sl, scal = _slopes(alibi_slopes, hq, q.device), _scalars(scale, d, softcap)
        sizes = {"B": b, "Hq": hq, "Hk": hk, "TQ": tq, "TK": k.shape[0],
                 "MQ": int(max_seqlen_q), **ms}
        if tq:
            self.launch(f"kvcc_cuda_varlen_prefill_{_dt(q)}_d{d}{sfx}",
                        {"q": q, "k": k, "v": v, "cuq": cuq, "cuk": cuk, **mt, "sl": sl, "o": o,
                         "lse": lse}, sizes, scal)
        if sc_name is None:
            return o, lse
        return o, lse, self._scores(sc_name, {"q": q, "k": k, "cuq": cuq, "cuk": cuk,
                                              "lse": lse, "sl": sl}, sizes, scal,
                                    (hk, k.shape[0]), longest if tq else 0, score_window)

    def decode(self, q, k, v, scale: float | None = None, num_splits: int | None = None,
               window: int | None = None, sinks: int = 0, softcap: float | None = None,
               alibi_slopes=None, mask=None, mask_tensors=None, kv_format=None, k_scale=None,
               k_zero=None, v_scale=None, v_zero=None, k_residual=None, v_residual=None,
               kv_precision: str = "full", return_scores: bool = False, score_window: int = 0):
        """One query per sequence (the last position) against its ``L`` keys, within
        ``window`` and with ``sinks``: q ``[B, Hq, 1, D]``, K/V ``[B, Hk, L, D]``, or
        with ``kv_format`` as in :meth:`prefill`; split-KV over ``num_splits`` blocks
        (default: enough blocks to fill the GPU twice, at most one per key tile the
        window and sinks leave; a compiled-in mask counts every tile), then the merge;
        ``mask``/``mask_tensors`` as in :meth:`prefill`. Returns ``o [B, Hq, 1, D]`` and
        ``lse [B, Hq, 1]``, and with ``return_scores`` the eviction scores ``[B, Hk, L]``
        last."""
        b, hq, one, d = q.shape
        if one != 1:
            raise ValueError(f"decode takes one query per sequence, not {one}")
        kv, sz, q8 = _dense(q, k, v, kv_format, kv_precision,
                            {"ks": k_scale, "kz": k_zero, "vs": v_scale, "vz": v_zero,
                             "kr": k_residual, "vr": v_residual})
        hk, length = sz["Hk"], sz["L"]
        masking = _masking(mask, mask_tensors, window, sinks, decode=True, packed=False,
                           keys=length, batch=b, hq=hq, hk=hk, device=q.device)
        name = f"kvcc_cuda_decode_{_dt(q)}_d{d}_g{hq // hk}{q8}"
        return self._split_decode(name, q.contiguous(), kv, {"B": b, "Hq": hq, **sz},
                                  length, scale, num_splits, masking, softcap, alibi_slopes,
                                  ("dense", q8, score_window) if return_scores else None)

    def paged_decode(self, q, k_pages, v_pages, block_table, kv_lens, scale: float | None = None,
                     num_splits: int | None = None, window: int | None = None, sinks: int = 0,
                     softcap: float | None = None, alibi_slopes=None, kv_format=None,
                     k_scale=None, k_zero=None, v_scale=None, v_zero=None, k_ring=None,
                     v_ring=None, ring_rows=None, mask=None, kv_precision: str = "full",
                     return_scores: bool = False, score_window: int = 0):
        """One query per sequence over a ``kvcc.KVCache`` layer's pages: q ``[B, Hq, D]``
        (sequence ``b``'s last token), ``k_pages``/``v_pages [P, page, Hk, D]``
        (``KVCache.k(layer)``/``v(layer)``), ``block_table [B, max_pages]`` and
        ``kv_lens [B]`` int32 (sequence ``b``'s key ``j`` is in page ``block_table[b, j
        // page]``, slot ``j % page``; it has ``kv_lens[b]`` keys). A ``kv_lens`` entry
        beyond ``max_pages * page`` is clamped to it in the kernel (the sequence's last
        key is then the last slot of its last block-table page): no page past its
        block-table row is read, and no error is raised (the launcher reads nothing back
        from the GPU). Window, sinks and splits as in :meth:`decode` (splits chosen from
        the bound ``max_pages * page``). Returns ``o [B, Hq, D]`` and ``lse [B, Hq]``,
        and with ``return_scores`` the eviction scores ``[B, Hk, max_pages * page]`` (per
        position in the sequence; 0 past its keys) last.

        ``kv_format`` (a ``kvcc.quant`` format, or its name: ``"int8"``, ``"kivi2"``...):
        the pages hold codes, and ``k_scale``, ``k_zero``, ``v_scale``, ``v_zero`` are
        the layer's scales and zeros (fp8: scales only), ``k_ring``/``v_ring`` its
        full-precision rings and ``ring_rows [B]`` int32 each sequence's ring row (KIVI),
        as a quantized ``KVCache`` keeps them (``cuda_quant.py``); the kernel dequantizes
        each element as it loads it. ``kv_precision="upper"`` (QuantSpec): the upper
        codes alone, the draft view (a kernel ``..._quantspec_upper``)."""
        b, hq, d = q.shape
        _no_format_tensors(kv_format, k_scale, k_zero, v_scale, v_zero, k_ring, v_ring,
                           ring_rows)
        up = _upper(kv_format, kv_precision)
        if kv_format is not None:
            return self._quant_paged_decode(
                q, k_pages, v_pages, block_table, kv_lens, kv_format,
                {"ks": k_scale, "kz": k_zero, "vs": v_scale, "vz": v_zero, "kr": k_ring,
                 "vr": v_ring, "rs": ring_rows},
                dict(scale=scale, num_splits=num_splits, window=window, sinks=sinks,
                     softcap=softcap, alibi_slopes=alibi_slopes, mask=mask, upper=up,
                     scores=score_window if return_scores else None))
        if k_pages.shape != v_pages.shape or k_pages.dim() != 4 or k_pages.shape[3] != d:
            raise ValueError(f"shapes do not match: q {tuple(q.shape)}, k_pages "
                             f"{tuple(k_pages.shape)}, v_pages {tuple(v_pages.shape)}")
        page, hk = k_pages.shape[1], k_pages.shape[2]
        _dtypes(q, k_pages, v_pages)
        name = f"kvcc_cuda_paged_decode_{_dt(q)}_d{d}_g{hq // hk}_p{page}"
        return self._pages(name, q, {"k": k_pages, "v": v_pages}, block_table, kv_lens, page, hk,
                           scale, num_splits, (mask, window, sinks), softcap, alibi_slopes,
                           scores=("", score_window) if return_scores else None)

    def _pages(self, name: str, q, kv: dict, block_table, kv_lens, page: int, hk: int,
               scale, num_splits, mask_args: tuple, *rest, scores: tuple | None = None):
        """The paged decode ``name`` over K/V pages and their tensors ``kv``;
        ``mask_args``: the call's mask, window and sinks; ``scores``: the format's name
        suffix and the score window, for the eviction scores."""
        b, hq, _ = q.shape
        _heads(hq, hk)
        bt, kvl = _table("block_table", block_table, 2), _table("kv_lens", kv_lens, 1)
        if bt.shape[0] != b or kvl.shape[0] != b:
            raise ValueError(f"block_table {tuple(bt.shape)} and kv_lens {tuple(kvl.shape)} "
                             f"must have one row per sequence ({b})")
        if bt.shape[1] * page > INT32_MAX:
            raise ValueError(f"block_table {tuple(bt.shape)}: max_pages * page = "
                             f"{bt.shape[1] * page} keys does not fit the kernels' int32")
        mask, window, sinks = mask_args
        masking = _masking(mask, None, window, sinks, decode=True, packed=True,
                           keys=bt.shape[1] * page, batch=b, hq=hq, hk=hk, device=q.device,
                           seq_keys=lambda: kvl.clamp(max=bt.shape[1] * page))
        kv = {n: t.contiguous() for n, t in kv.items()}
        return self._split_decode(name, q.contiguous(), {**kv, "bt": bt, "kvl": kvl},
                                  {"B": b, "Hq": hq, "Hk": hk, "MP": bt.shape[1]},
                                  bt.shape[1] * page, scale, num_splits, masking, *rest,
                                  None if scores is None else (f"paged{page}", *scores))

    def _quant_paged_decode(self, q, k_codes, v_codes, block_table, kv_lens, kv_format,
                            given: dict, kw: dict):
        """:meth:`paged_decode` over pages of ``kv_format`` codes."""
        b, hq, d = q.shape
        fmt, kv, page, hk = cq.layer_tensors(kv_format, d, q.dtype, b, k_codes, v_codes, given)
        name = f"kvcc_cuda_paged_decode_{_dt(q)}_d{d}_g{hq // max(hk, 1)}_p{page}_{fmt.name}" \
            + ("_upper" if kw["upper"] else "")
        return self._pages(name, q, kv, block_table, kv_lens, page, hk, kw["scale"],
                           kw["num_splits"], (kw["mask"], kw["window"], kw["sinks"]),
                           kw["softcap"], kw["alibi_slopes"],
                           scores=None if kw["scores"] is None else (
                               f"_{fmt.name}" + ("_upper" if kw["upper"] else ""), kw["scores"]))

    def _split_decode(self, name: str, q, kv: dict, sizes: dict, max_len: int,
                      scale: float | None, num_splits: int | None, masking: tuple,
                      softcap: float | None, alibi_slopes, scores: tuple | None = None):
        """Decode kernel ``name`` over ``NS`` splits into a float32 workspace, then the
        merge; ``o`` and ``lse`` shaped as q's rows (``[B, Hq, 1, D]`` or ``[B, Hq, D]``).
        ``masking``: the name suffix, tensors and sizes of :func:`_masking`. ``scores``:
        the eviction scores' layout (``dense``, or ``paged{P}``: q's rows as packed
        queries, one per sequence), format suffix and window; they are returned last,
        ``[B, Hk, max_len]``."""
        import torch

        b, hq, hk, d = sizes["B"], sizes["Hq"], sizes["Hk"], q.shape[-1]
        sfx, mt, mask = masking
        name += sfx
        if name not in self.manifest["kernels"]:
            raise KeyError(f"no prebuilt kernel {name} (GQA group {hq // hk}, head dim {d}, "
                           f"{q.dtype}); built: {sorted(self.manifest['kernels'])}")
        sc_name = None if scores is None else self._scores_kernel(
            scores[0], _dt(q), d, scores[1], sfx, scores[2], (b, hk, max_len))
        if num_splits is None:
            entry = self.manifest["kernels"][name]
            tiles = visible_tiles(max_len, mask["window"], mask["sinks"],
                                  entry.get("block_n") or self.manifest["decode_block_n"])
            sms = self.multiprocessors(q.device)
            num_splits = max(1, min(tiles, math.ceil(2 * sms / max(1, b * hk))))
        ns = max(1, int(num_splits))
        wo = torch.empty((b, hq, ns, d), device=q.device, dtype=torch.float32)
        wl = torch.empty((b, hq, ns), device=q.device, dtype=torch.float32)
        o = torch.empty_like(q)
        lse = torch.empty(q.shape[:-1], device=q.device, dtype=torch.float32)
        sizes = {**sizes, "NS": ns, **mask}
        sl, scal = _slopes(alibi_slopes, hq, q.device), _scalars(scale, d, softcap)
        self.launch(name, {"q": q, **kv, **mt, "sl": sl, "wo": wo, "wl": wl}, sizes, scal)
        self.launch(f"kvcc_cuda_merge_{_dt(q)}_d{d}", {"wo": wo, "wl": wl, "o": o, "lse": lse},
                    sizes)
        if sc_name is None:
            return o, lse
        rows = ({"cuq": torch.arange(b + 1, dtype=torch.int32, device=q.device)}, {"TQ": b}) \
            if scores[0].startswith("paged") else ({}, {"S": 1})
        return o, lse, self._scores(sc_name, {"q": q, **kv, **rows[0], "lse": lse, "sl": sl},
                                    {**sizes, **rows[1]}, scal, (b, hk, max_len), max_len,
                                    scores[2])

    def paged_prefill(self, q, k_pages, v_pages, block_table, kv_lens, cu_seqlens_q,
                      max_seqlen_q: int | None = None, scale: float | None = None,
                      window: int | None = None, sinks: int = 0, softcap: float | None = None,
                      alibi_slopes=None, kv_format=None, k_scale=None, k_zero=None,
                      v_scale=None, v_zero=None, k_ring=None, v_ring=None, ring_rows=None,
                      mask=None, kv_precision: str = "full", return_scores: bool = False,
                      score_window: int = 0):
        """Packed queries over a ``kvcc.KVCache`` layer's pages (a chunked prefill step):
        q ``[Tq, Hq, D]`` with ``cu_seqlens_q`` int32 ``[B + 1]``, sequence ``b``'s
        queries the last of its ``kv_lens[b]`` keys (bottom-right aligned), the pages,
        block table and lengths as in :meth:`paged_decode` (a length past ``max_pages *
        page`` is clamped to it), ``kv_format``, its tensors and ``kv_precision`` too.
        Mask, softcap, ALiBi, ``max_seqlen_q`` and the checks of ``cu_seqlens_q`` as in
        :meth:`varlen_prefill`. Returns ``o`` like q and ``lse [Tq, Hq]`` float32, and
        with ``return_scores`` the eviction scores ``[B, Hk, max_pages * page]`` last, as
        :meth:`paged_decode` gives them."""
        import torch

        tq, hq, d = q.shape
        _no_format_tensors(kv_format, k_scale, k_zero, v_scale, v_zero, k_ring, v_ring,
                           ring_rows)
        up = _upper(kv_format, kv_precision)
        if kv_format is not None:
            fmt, kv, page, hk = cq.layer_tensors(
                kv_format, d, q.dtype, _table("cu_seqlens_q", cu_seqlens_q, 1).numel() - 1,
                k_pages, v_pages,
                {"ks": k_scale, "kz": k_zero, "vs": v_scale, "vz": v_zero, "kr": k_ring,
                 "vr": v_ring, "rs": ring_rows})
            suffix = f"_{fmt.name}" + ("_upper" if up else "")
        else:
            if k_pages.shape != v_pages.shape or k_pages.dim() != 4 or k_pages.shape[3] != d:
                raise ValueError(f"shapes do not match: q {tuple(q.shape)}, k_pages "
                                 f"{tuple(k_pages.shape)}, v_pages {tuple(v_pages.shape)}")
            _dtypes(q, k_pages, v_pages)
            kv, page, hk, suffix = {"k": k_pages, "v": v_pages}, k_pages.shape[1], \
                k_pages.shape[2], ""
        _heads(hq, hk)
        _dt(q)
        cuq = _table("cu_seqlens_q", cu_seqlens_q, 1)
        bt, kvl = _table("block_table", block_table, 2), _table("kv_lens", kv_lens, 1)
        b = cuq.numel() - 1
        if b < 0 or bt.shape[0] != b or kvl.shape[0] != b:
            raise ValueError(f"cu_seqlens_q {tuple(cuq.shape)}, block_table {tuple(bt.shape)} "
                             f"and kv_lens {tuple(kvl.shape)} must describe the same sequences")
        if bt.shape[1] * page > INT32_MAX:
            raise ValueError(f"block_table {tuple(bt.shape)}: max_pages * page = "
                             f"{bt.shape[1] * page} keys does not fit the kernels' int32")
        max_seqlen_q = _offsets("cu_seqlens_q", cuq, tq, max_seqlen_q)
        sfx, mt, ms = _masking(mask, None, window, sinks, decode=False, packed=True,
                               keys=bt.shape[1] * page, batch=b, hq=hq, hk=hk, device=q.device,
                               seq_keys=lambda: kvl.clamp(max=bt.shape[1] * page))
        sc_name = self._scores_kernel(f"paged{page}", _dt(q), d, suffix, sfx, score_window,
                                      (b, hk, bt.shape[1] * page)) if return_scores else None
        q = q.contiguous()
        o = torch.empty_like(q)
        lse = torch.empty((tq, hq), device=q.device, dtype=torch.float32)
        kv = {n: t.contiguous() for n, t in kv.items()}
        sl, scal = _slopes(alibi_slopes, hq, q.device), _scalars(scale, d, softcap)
        sizes = {"B": b, "Hq": hq, "Hk": hk, "TQ": tq, "MQ": int(max_seqlen_q),
                 "MP": bt.shape[1], **ms}
        if tq:
            self.launch(f"kvcc_cuda_paged_prefill_{_dt(q)}_d{d}_p{page}{suffix}{sfx}",
                        {"q": q, **kv, "cuq": cuq, "bt": bt, "kvl": kvl, **mt, "sl": sl, "o": o,
                         "lse": lse}, sizes, scal)
        if sc_name is None:
            return o, lse
        keys = bt.shape[1] * page
        return o, lse, self._scores(sc_name, {"q": q, **kv, "cuq": cuq, "bt": bt, "kvl": kvl,
                                              "lse": lse, "sl": sl}, sizes, scal,
                                    (b, hk, keys), keys if tq else 0, score_window)


__all__ = ["ENV", "CudaError", "CudaKernels", "CudaUnavailable", "arch_for", "visible_tiles"]
