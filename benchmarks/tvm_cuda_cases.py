"""The cases of the TVM CUDA kernels' check (``tvm_cuda_check.py``): their inputs, the
fp32 reference they are held to, and each case's sequences as ``[H, S, D]`` tensors.

A case is a tuple: kernel kind (``prefill``, ``decode``, ``paged16``/``paged32`` (the
paged decode), ``chunk16``/``chunk32`` (the paged prefill: packed queries, the last of
their sequence's keys), ``varlen``, ``stream16`` (a decode step of a ``KVCache`` with
streaming heads, its window and sinks the streaming heads')), dtype, query and KV heads,
head dim, per-sequence query and key lengths, window (None: causal) and sinks, then
optionally a softcap, ALiBi (True), a ``kv_format`` and its ``kv_precision``
(``"upper"``: QuantSpec's draft view): paged kinds hold its codes in a quantized
``kvcc.KVCache``'s pages, dense kinds (``prefill``, ``decode``) take K/V as
``kvcc.attention(kv_format=...)`` stores them (quantized prefix, full-precision
residual); then a score window (not None: the call returns the eviction scores of its
last rows too, 0: of every row). A window given as text is a mask of kvcc's syntax
instead (sinks then 0), which runs on a kernel with that mask compiled in
(``kvcc/codegen/tvm/cuda_masks.py``); ``%doc`` names random sorted document ids ``[B,
L]`` (dense kinds), ``%pages`` and ``%qpages`` random page selections per KV head and
per query head (Quest's ``page_select``: ``[B, H, pages]``, over the block table's pages
in paged kinds; the page of each sequence's last key is kept). Tensors are made on the
device the check runs on (``"cuda"``, or ``"cpu"`` for the kernels' CPU emulation).
"""

from __future__ import annotations

import math

# kind, dtype, Hq, Hk, D, per-sequence query and key lengths, window, sinks, and
# optionally a softcap (float), ALiBi (True: the standard slopes of kvcc's ``alibi``),
# a kv_format (the pages hold its codes; dense K/V is stored by its rule), its
# kv_precision and a score window (not None: the eviction scores too)
# (decode and paged: one query per sequence; window None: causal)
CASES = [
    ("prefill", "float16", 8, 8, 64, [256, 256], [256, 256], None, 0),
    ("prefill", "bfloat16", 8, 2, 128, [300], [300], None, 0),
    ("prefill", "float16", 4, 4, 128, [100], [357], None, 0),  # chunk: bottom-right causal
    ("prefill", "float16", 8, 2, 128, [500], [500], 100, 0),
    ("prefill", "bfloat16", 4, 4, 64, [300, 300], [700, 700], 96, 4),
    ("prefill", "float16", 4, 2, 64, [200], [150], 40, 3),  # rows before key 0: sinks only
    ("decode", "float16", 32, 8, 128, [1, 1], [4096, 4096], None, 0),
    ("decode", "bfloat16", 8, 8, 64, [1, 1, 1], [1000, 1000, 1000], None, 0),
    ("decode", "bfloat16", 16, 4, 128, [1], [77], None, 0),
    ("decode", "float16", 32, 8, 128, [1, 1], [4096, 4096], 1000, 4),
    ("decode", "bfloat16", 8, 8, 64, [1], [1000], 130, 0),
    ("paged16", "float16", 32, 8, 128, [1] * 4, [1, 77, 1000, 4096], None, 0),
    ("paged32", "bfloat16", 8, 2, 64, [1] * 3, [513, 0, 64], 200, 4),
    ("paged16", "float16", 8, 1, 128, [1] * 2, [300, 2000], 256, 0),
    ("varlen", "float16", 8, 2, 128, [100, 1, 0, 300], [100, 500, 7, 300], None, 0),
    ("varlen", "bfloat16", 4, 4, 64, [64, 200], [1000, 200], 128, 4),
    ("varlen", "float16", 4, 2, 64, [50, 10], [0, 5], 3, 0),  # no keys; more queries than keys
    ("prefill", "bfloat16", 8, 2, 128, [200], [260], None, 0, 30.0, False),  # Gemma-2 softcap
    ("prefill", "float16", 8, 8, 64, [150], [150], 64, 2, None, True),  # ALiBi
    ("decode", "float16", 16, 4, 128, [1, 1], [900, 900], None, 0, 50.0, True),
    ("paged16", "bfloat16", 8, 2, 64, [1] * 3, [1, 300, 700], 256, 4, None, True),
    ("varlen", "float16", 8, 2, 64, [70, 1, 120], [70, 33, 400], None, 0, 20.0, True),
    ("paged16", "float16", 32, 8, 128, [1] * 3, [1, 500, 2000], None, 0, None, False, "int8"),
    ("paged16", "bfloat16", 8, 8, 64, [1] * 2, [300, 77], 128, 4, None, False, "int4"),
    ("paged16", "bfloat16", 32, 8, 128, [1] * 2, [1000, 64], None, 0, None, False, "fp8_e4m3"),
    ("paged16", "float16", 8, 2, 64, [1] * 2, [700, 33], None, 0, 30.0, False, "fp8_e5m2"),
    ("chunk16", "float16", 8, 2, 128, [100, 1, 37], [100, 300, 900], None, 0),
    ("chunk32", "bfloat16", 4, 4, 64, [64, 200], [1000, 200], 128, 4, None, True),
    ("chunk16", "bfloat16", 8, 2, 64, [50, 20], [150, 20], None, 0, None, False, "int4"),
    ("chunk16", "float16", 8, 8, 128, [33, 70], [500, 70], 64, 0, 30.0, False, "int8"),
    ("chunk16", "bfloat16", 4, 1, 64, [40], [340], None, 0, None, False, "fp8_e4m3"),
    ("paged16", "float16", 32, 8, 128, [1] * 3, [100, 333, 1500], None, 0, None, False, "kivi2"),
    ("paged16", "bfloat16", 8, 8, 64, [1] * 2, [200, 129], 96, 4, None, False, "kivi4"),
    ("paged16", "bfloat16", 32, 8, 128, [1] * 2, [600, 45], None, 0, None, False, "quantspec"),
    ("chunk16", "float16", 8, 2, 128, [60, 1], [300, 170], None, 0, None, False, "kivi2"),
    ("chunk16", "float16", 4, 1, 128, [50], [250], 64, 0, 30.0, False, "quantspec"),
    ("chunk16", "float16", 8, 2, 64, [30, 2], [64, 400], None, 0, None, False, "fp8_e5m2"),
    ("chunk16", "bfloat16", 8, 8, 64, [100], [420], 128, 4, None, False, "kivi4"),
    # QuantSpec's draft view: the upper codes alone
    ("paged16", "float16", 32, 8, 128, [1] * 2, [500, 90], None, 0, None, False, "quantspec",
     "upper"),
    ("chunk16", "bfloat16", 8, 2, 128, [50, 3], [200, 300], 96, 2, None, False, "quantspec",
     "upper"),
    # masks compiled into kernels of their own (the default set's, cuda_kernel_set.MASK_KERNELS)
    ("prefill", "float16", 8, 2, 64, [200], [200], "full", 0),
    ("prefill", "bfloat16", 4, 4, 128, [100], [300], "causal(top_left)", 0),
    ("prefill", "float16", 8, 8, 64, [300, 300], [300, 300], "causal & document(%doc)", 0),
    ("prefill", "float16", 4, 4, 64, [150], [150], "full", 0, 30.0, True),
    ("varlen", "bfloat16", 8, 2, 128, [100, 37, 0], [100, 200, 5], "full", 0),
    ("decode", "float16", 16, 4, 64, [1, 1], [700, 700], "document(%doc)", 0),
    # Quest's page selection per KV head over a KVCache's pages (unselected tiles skipped)
    ("paged16", "float16", 32, 8, 128, [1] * 3, [2000, 900, 33], "causal & page_select(16, %pages)",
     0),
    ("paged16", "bfloat16", 16, 4, 64, [1] * 2, [1200, 300], "causal & page_select(16, %pages)", 0),
    # other head dims (cuda_kernel_set.OTHER_HEAD_DIMS)
    ("prefill", "float16", 4, 4, 80, [90], [90], None, 0),
    ("decode", "float16", 8, 8, 80, [1], [600], None, 0),
    ("paged16", "float16", 4, 4, 80, [1] * 2, [300, 17], 100, 2),
    ("prefill", "float16", 8, 2, 96, [130], [200], None, 0),
    ("varlen", "float16", 8, 2, 96, [50, 1, 90], [50, 300, 90], 64, 2),
    ("decode", "float16", 16, 4, 96, [1, 1], [900, 900], None, 0),
    ("chunk16", "float16", 8, 2, 96, [40, 7], [300, 7], None, 0),
    ("prefill", "bfloat16", 4, 4, 256, [100], [170], None, 0, 50.0, True),
    ("decode", "bfloat16", 8, 4, 256, [1], [1500], 512, 4),
    ("paged16", "bfloat16", 16, 4, 256, [1] * 2, [700, 33], None, 0),
    ("chunk16", "bfloat16", 4, 2, 256, [60], [250], None, 0, None, False, "int8"),
    # float32 (cuda_kernel_set.float32_kernels)
    ("prefill", "float32", 8, 2, 128, [150], [260], None, 0),
    ("decode", "float32", 8, 8, 64, [1, 1], [500, 33], 100, 4),
    ("paged16", "float32", 16, 4, 128, [1] * 2, [300, 1000], None, 0),
    ("varlen", "float32", 4, 4, 64, [30, 60], [30, 200], None, 0, 20.0, True),
    ("chunk16", "float32", 8, 2, 128, [40, 1], [100, 77], 50, 0),
    # dense quantized K/V as kvcc.attention(kv_format=...) stores it: the quantized prefix
    # and the full-precision residual (cuda_kernel_set.dense_quant_kernels)
    ("decode", "float16", 32, 8, 128, [1, 1], [1000, 1000], None, 0, None, False, "int8"),
    ("prefill", "bfloat16", 8, 2, 128, [200], [330], None, 0, None, False, "kivi2"),
    ("decode", "bfloat16", 16, 4, 128, [1], [700], 128, 4, 30.0, True, "quantspec", "upper"),
    ("prefill", "float16", 4, 4, 128, [100], [300], 64, 2, None, False, "fp8_e4m3"),
    ("decode", "float16", 8, 2, 128, [1, 1], [90, 90], None, 0, None, False, "int4"),
    ("decode", "bfloat16", 8, 2, 128, [1], [50], None, 0, None, False, "kivi4"),  # all residual
    ("prefill", "float16", 8, 2, 128, [64], [1000], None, 0, 20.0, False, "fp8_e5m2"),
    # eviction scores (H2O, SnapKV) after the attention kernel, over the last rows given
    # (0: all; cuda_kernel_set.scores_kernels)
    ("prefill", "float16", 8, 2, 64, [200], [300], None, 0, None, False, None, "full", 0),
    ("prefill", "bfloat16", 8, 2, 128, [300], [300], 100, 4, 30.0, True, None, "full", 32),
    ("decode", "float16", 32, 8, 128, [1, 1], [1000, 1000], None, 0, None, False, None, "full", 0),
    ("varlen", "float16", 8, 2, 64, [100, 1, 0, 50], [100, 300, 7, 200], None, 0, None, False,
     None, "full", 16),
    ("paged16", "bfloat16", 8, 2, 64, [1] * 3, [1, 300, 700], 256, 4, None, False, None, "full", 0),
    ("chunk16", "float16", 8, 2, 128, [40, 1], [300, 77], None, 0, None, False, None, "full", 32),
    ("paged16", "float16", 8, 2, 128, [1] * 2, [500, 90], None, 0, None, False, "kivi2", "full", 0),
    ("decode", "bfloat16", 8, 2, 128, [1], [300], 64, 2, None, False, "int8", "full", 0),
    ("prefill", "float16", 8, 2, 128, [100], [330], None, 0, None, False, "kivi2", "full", 32),
    ("chunk16", "bfloat16", 8, 2, 128, [30, 1], [200, 90], 64, 4, None, False, "int8", "full",
     0),
    # a KVCache with streaming heads (the odd KV heads; window: their recent keys), a
    # decode step over both pools (CudaKernels.paged_streaming)
    ("stream16", "float16", 8, 4, 64, [1] * 3, [3, 300, 1000], 64, 4),
    ("stream16", "bfloat16", 32, 8, 128, [1] * 2, [2000, 129], 256, 4, 30.0),
]


def visible(s: int, length: int, window: int | str | None, sinks: int, device, mask=None,
            data=None):
    """``[s, length]``: key ``j`` visible to query ``i`` (position ``i + length - s``);
    with ``mask`` (a kvcc mask, ``data`` its tensors), kvcc's own evaluation of it
    (``[H, s, length]`` for a mask per head)."""
    import torch

    if mask is not None:
        from kvcc.ir.mask import evaluate

        return evaluate(mask, s, length, data, device=device)[0]

    p = torch.arange(s, device=device)[:, None] + (length - s)
    j = torch.arange(length, device=device)[None, :]
    w = length + s + 1 if window is None else window
    return (j < sinks) | ((j <= p) & (j > p - w))


def bias(s: int, length: int, slopes, device):
    """``[Hq, s, length]``: the ALiBi bias ``-slope * |p - j|`` (query ``i`` at key
    position ``p = i + length - s``), or None without slopes."""
    import torch

    if slopes is None:
        return None
    p = torch.arange(s, device=device)[:, None] + (length - s)
    j = torch.arange(length, device=device)[None, :]
    return -torch.tensor(slopes, device=device)[:, None, None] * (p - j).abs().float()


def reference(q, k, v, vis, softcap=None, slopes=None):
    """fp32 attention and its natural-log lse: q ``[Hq, S, D]``, K/V ``[Hk, L, D]``;
    scores soft-capped (``softcap``), then ALiBi (``slopes``, one per query head)."""
    import torch

    g = q.shape[0] // k.shape[0]
    kf, vf = k.float().repeat_interleave(g, 0), v.float().repeat_interleave(g, 0)
    s = (q.float() @ kf.transpose(-1, -2)) / math.sqrt(q.shape[-1])
    if softcap is not None:
        s = softcap * torch.tanh(s / softcap)
    b = bias(q.shape[1], k.shape[1], slopes, q.device)
    if b is not None:
        s = s + b
    s = s.masked_fill(~vis, float("-inf"))
    return torch.softmax(s, dim=-1).nan_to_num(0.0) @ vf, torch.logsumexp(s, dim=-1)


def scores_reference(q, k, vis, window_rows: int, softcap=None, slopes=None):
    """Eviction scores ``[Hk, L]`` in float64: each key's softmax probability (q
    ``[Hq, S, D]``, K ``[Hk, L, D]``, soft-capped, ALiBi) summed over the last
    ``window_rows`` query rows (0: all) and the query heads of its KV head; rows that
    see no key add 0."""
    import torch

    hk = k.shape[0]
    g = q.shape[0] // hk
    s = (q.double() @ k.double().repeat_interleave(g, 0).transpose(-1, -2)) / math.sqrt(q.shape[-1])
    if softcap is not None:
        s = softcap * torch.tanh(s / softcap)
    b = bias(q.shape[1], k.shape[1], slopes, q.device)
    if b is not None:
        s = s + b.double()
    p = torch.softmax(s.masked_fill(~vis, float("-inf")), dim=-1).nan_to_num(0.0)
    lo = max(q.shape[1] - window_rows, 0) if window_rows else 0
    return p[:, lo:].sum(1).view(hk, g, -1).sum(1)


def sdpa(q, k, v, vis):
    """SDPA in q's dtype with the boolean mask (a row with no key: 0)."""
    import torch
    import torch.nn.functional as F

    if k.shape[-2] == 0:
        return torch.zeros_like(q)
    return F.scaled_dot_product_attention(q[None], k[None], v[None], attn_mask=vis,
                                          enable_gqa=True)[0].nan_to_num(0.0)


class Case:
    """One case's inputs, the launch, and its sequences in ``[H, S, D]`` form."""

    def __init__(self, spec, gen, device="cuda"):
        import torch

        self.kind, dt, self.hq, self.hk, self.d, self.ql, self.kl, self.window, self.sinks = spec[:9]
        self.mask, self.mask_text, self.ids = None, None, None
        if isinstance(self.window, str):
            from kvcc.ir.syntax import parse_mask

            self.mask_text, self.mask, self.window = self.window, parse_mask(self.window), None
        self.softcap, alibi, self.kv_format, self.precision, self.score_window = (
            spec[9:] + (None, False, None, "full", None)[len(spec) - 9:])
        from kvcc.ir.formats import Alibi

        self.slopes = Alibi().slopes(self.hq) if alibi else None
        self.dtype = getattr(torch, dt)
        b = len(self.ql)
        self.device = device
        rnd = lambda *s: torch.randn(*s, device=device, dtype=self.dtype, generator=gen)  # noqa: E731
        if self.kind in ("prefill", "decode"):
            s, n = self.ql[0], self.kl[0]
            self.q, self.k, self.v = rnd(b, self.hq, s, self.d), rnd(b, self.hk, n, self.d), \
                rnd(b, self.hk, n, self.d)
            if self.mask_text and "%doc" in self.mask_text:  # about 5 documents a sequence
                self.ids = torch.randint(0, 5, (b, n), device=device, generator=gen).sort(-1).values
            if self.kv_format:
                self._quantized_dense()
        elif self.kind.startswith("stream"):  # a KVCache with streaming heads: decode
            self._streaming_cache(rnd, device)
        elif self.kind.startswith(("paged", "chunk")):  # pages: decode, or a prefill chunk
            self.page = int(self.kind[5:])
            need = [-(-n // self.page) for n in self.kl]
            total = sum(need) + 3
            self.k, self.v = (rnd(total, self.page, self.hk, self.d) for _ in range(2))
            perm = torch.randperm(total, generator=torch.Generator().manual_seed(1)).tolist()
            self.bt = torch.zeros(b, max(1, max(need)), dtype=torch.int32)
            for i, c in enumerate(need):
                self.bt[i, :c] = torch.tensor(perm[:c], dtype=torch.int32)
                perm = perm[c:]
            self.bt = self.bt.to(device)
            self.kvl = torch.tensor(self.kl, dtype=torch.int32, device=device)
            self.q = rnd(b, self.hq, self.d)
            if self.kind.startswith("chunk"):
                self.q = rnd(sum(self.ql), self.hq, self.d)
                self.cuq = torch.tensor([0, *self.ql], device=device).cumsum(0).to(torch.int32)
            if self.kv_format:
                self._quantized_cache(rnd, device)
        else:
            self.q = rnd(sum(self.ql), self.hq, self.d)
            self.k, self.v = (rnd(sum(self.kl), self.hk, self.d) for _ in range(2))
            cu = lambda x: torch.tensor([0, *x], device=device).cumsum(0).to(torch.int32)  # noqa: E731
            self.cuq, self.cuk = cu(self.ql), cu(self.kl)
        self.pages = self._pages(gen) if self.mask is not None else {}

    def _pages(self, gen) -> dict:
        """The mask's page selections by name (module docstring)."""
        import torch

        from kvcc.ir.mask import PageSelect, walk

        out = {}
        for n in walk(self.mask):
            if not isinstance(n, PageSelect):
                continue
            h = self.hq if n.pages == "qpages" else self.hk
            paged = self.kind.startswith(("paged", "chunk"))
            count = self.bt.shape[1] * self.page if paged else max(self.kl)
            npg = -(-count // n.page_size)
            sel = torch.rand(len(self.kl), h, npg, generator=gen).to(self.device) < 0.5
            for i, length in enumerate(self.kl):  # the last key's page, as Quest keeps it
                if length:
                    sel[i, :, (length - 1) // n.page_size] = True
            out[n.pages] = sel
        return out

    def _streaming_cache(self, rnd, device) -> None:
        """A ``kvcc.KVCache`` (reference backend) whose odd KV heads stream (StreamingLLM:
        ``sinks`` and a ``window`` of recent keys, in a pool of their own), holding each
        sequence's keys, the last appended in a decode step; its two pools go to the
        kernels, the full history (``self.hist``) to the reference, under the cache's
        ``by_head`` mask."""
        import torch

        from kvcc import masks as M
        from kvcc.runtime import KVCache, StreamingHeads

        self.page = int(self.kind[6:])
        self.heads = tuple(range(1, self.hk, 2))
        b = len(self.kl)
        sp = StreamingHeads((self.heads,), sinks=self.sinks, recent=self.window, chunk=8)
        need = sum(-(-n // self.page) for n in self.kl) + 8
        cache = KVCache(1, self.hk, self.d, num_pages=need, page_size=self.page,
                        dtype=self.dtype, device=device, backend="reference", max_seqs=b,
                        streaming=sp)
        seqs = [cache.add_sequence() for _ in range(b)]
        self.hist = [(rnd(n, self.hk, self.d), rnd(n, self.hk, self.d)) for n in self.kl]
        for last in (False, True):  # every key but the last, then a decode step
            new = [1 if last else n - 1 for n in self.kl]
            step = cache.plan(seqs, [1 if last else 0] * b, new_tokens=new,
                              num_q_heads=self.hq)
            k, v = (torch.cat([t[-1:] if last else t[:-1] for t in ts])
                    for ts in zip(*self.hist))
            step.append(0, k, v)
        self.pools = ((cache.k(0), cache.v(0), step.block_table, step.kv_lens),
                      (cache.stream.pool[0, 0], cache.stream.pool[0, 1],
                       step.stream.block_table, step.stream.lens))
        self.q = rnd(b, self.hq, self.d)
        self.mask = M.by_head(list(self.heads), M.causal() & M.streaming(self.sinks, self.window),
                              M.causal(), num_kv_heads=self.hk, group=self.hq // self.hk)
        self.mask_text = f"streaming heads {list(self.heads)}: causal & streaming({self.sinks}, " \
            f"{self.window}), the others causal"
        self.recent, self.stream_sinks, self.window, self.sinks = self.window, self.sinks, None, 0

    def _quantized_dense(self) -> None:
        """K/V as ``kvcc.attention(kv_format=...)`` stores them (quantized prefix,
        full-precision residual): the codes and the rest go to the kernel; K/V become
        what a reader of the store sees, rounded to the dtype as the kernels round."""
        from kvcc.codegen.reference.kv_store import dequantized, store
        from kvcc.codegen.tvm.cuda_quant import resolve
        from kvcc.frontend.quantized_call import quantized_inputs

        fmt = resolve(self.kv_format)
        t = quantized_inputs(self.k, self.v, fmt)
        self.k, self.v = dequantized(store(self.k, self.v, fmt), self.dtype, self.precision)
        self.q_tensors = {"k": t.pop("k_codes"), "v": t.pop("v_codes"), **t}

    def _quantized_cache(self, rnd, device) -> None:
        """The pages as a quantized ``kvcc.KVCache`` (reference backend) stores the
        sequences' keys, appended in one step: its codes, scales, zeros, rings, block
        table and ring rows go to the kernel; K/V become the dequantized pool (rounded to
        the dtype, as the kernels round), what the reference attends to."""
        import torch

        from kvcc.codegen.tvm.cuda_quant import resolve, tensors
        from kvcc.runtime.cache import KVCache

        fmt = resolve(self.kv_format)
        b = len(self.kl)
        pages = sum(-(-n // self.page) for n in self.kl) + 16
        cache = KVCache(1, self.hk, self.d, num_pages=pages, page_size=self.page,
                        dtype=self.dtype, device=device, backend="reference", kv_format=fmt,
                        max_seqs=b + 2)
        # two other sequences first, the first freed again: the case's ring rows and
        # pages are neither 0, 1, .. nor contiguous
        other = [cache.add_sequence() for _ in range(2)]
        st = cache.plan(other, [1, 1], new_tokens=[3 * self.page, 5 * self.page])
        st.append(0, rnd(8 * self.page, self.hk, self.d), rnd(8 * self.page, self.hk, self.d))
        cache.free(other[0])
        seqs = [cache.add_sequence() for _ in range(b)]
        step = cache.plan(seqs, self.ql, new_tokens=self.kl, num_q_heads=self.hq,
                          kv_precision=self.precision)
        step.append(0, rnd(sum(self.kl), self.hk, self.d), rnd(sum(self.kl), self.hk, self.d))
        self.bt, self.kvl = step.block_table.contiguous(), step.kv_lens.contiguous()
        self.k, self.v = step._dequantized_pool(0)
        self.q_tensors = {}
        for role in ("k", "v"):
            codes, scale, zero, ring = cache.quant.layer(0, role)
            self.q_tensors |= {role: codes, f"{role}_scale": scale}
            if zero is not None:
                self.q_tensors[f"{role}_zero"] = zero
            if ring is not None:
                self.q_tensors[f"{role}_ring"] = ring
        if "rs" in tensors(fmt):
            self.q_tensors["ring_rows"] = step.rows.to(torch.int32).contiguous()

    def label(self) -> str:
        mask = (f'mask "{self.mask_text}"' if self.mask_text else
                "causal" if self.window is None else f"window {self.window}") + \
            (f" + sinks {self.sinks}" if self.sinks else "") + \
            (f", softcap {self.softcap:g}" if self.softcap else "") + \
            (", ALiBi" if self.slopes else "") + \
            (f", {self.kv_format} {'K/V' if self.kind in ('prefill', 'decode') else 'pages'}"
             if self.kv_format else "") + \
            (f" ({self.precision} codes)" if self.precision != "full" else "") + \
            (f", scores over {self.score_window or 'all'} rows" if self.score_window is not None
             else "")
        return (f"tvm-cuda {self.kind} {str(self.dtype)[6:]} Hq={self.hq} Hk={self.hk} "
                f"D={self.d} q={self.ql} kv={self.kl} {mask}")

    def run(self, ks):
        """The case's launch: ``(o, lse)``, and the eviction scores last when the case
        asks for them."""
        mask = self.mask
        if self.pages:  # bound to the mask: every kernel kind reads them so
            from kvcc.ir.mask import bind_data

            mask = bind_data(mask, self.pages)
        m = {"window": self.window, "sinks": self.sinks, "softcap": self.softcap,
             "alibi_slopes": self.slopes, "mask": mask}
        ids = {"mask_tensors": {"doc": self.ids}} if self.ids is not None else {}
        if self.score_window is not None:
            m |= {"return_scores": True, "score_window": self.score_window}
        if self.kind in ("prefill", "decode"):
            t = {"k": self.k, "v": self.v}
            if self.kv_format:  # the codes and the rest, as the store holds them
                t = {**self.q_tensors, "kv_format": self.kv_format,
                     "kv_precision": self.precision}
            return getattr(ks, self.kind)(self.q, **t, **m, **ids)
        if self.kind.startswith("stream"):
            return ks.paged_streaming(self.q, self.heads, *self.pools, sinks=self.stream_sinks,
                                      recent=self.recent, softcap=self.softcap)
        if self.kind.startswith("chunk"):
            t = dict(self.q_tensors) if self.kv_format else {"k": self.k, "v": self.v}
            q8 = {"kv_format": self.kv_format, "kv_precision": self.precision} if self.kv_format \
                else {}
            return ks.paged_prefill(self.q, t.pop("k"), t.pop("v"), self.bt, self.kvl, self.cuq,
                                    max(self.ql), **m, **q8, **t)
        if self.kind.startswith("paged") and self.kv_format:
            t = dict(self.q_tensors)
            return ks.paged_decode(self.q, t.pop("k"), t.pop("v"), self.bt, self.kvl, **m,
                                   kv_format=self.kv_format, kv_precision=self.precision, **t)
        if self.kind.startswith("paged"):
            return ks.paged_decode(self.q, self.k, self.v, self.bt, self.kvl, **m)
        return ks.varlen_prefill(self.q, self.k, self.v, self.cuq, self.cuk, max(self.ql), **m)

    def visible(self, i: int, s: int, n: int):
        """Sequence ``i``'s visibility, ``s`` queries over ``n`` keys."""
        from kvcc.ir.mask import PageSelect, walk

        data = {"doc": self.ids[i]} if self.ids is not None else {}
        sizes = {x.pages: x.page_size for x in walk(self.mask) if isinstance(x, PageSelect)} \
            if self.pages else {}
        for name, sel in self.pages.items():  # the sequence's pages, per query head
            sel = sel[i, :, :-(-n // sizes[name])]
            data[name] = sel.repeat_interleave(self.hq // sel.shape[0], 0)[None]
        return visible(s, n, self.window, self.sinks, self.device, self.mask, data or None)

    def scores_of(self, sc):
        """Per sequence, its keys' eviction scores ``[Hk, n]`` out of the launch's."""
        out, k0 = [], 0
        for i, n in enumerate(self.kl):
            out.append(sc[:, k0:k0 + n] if self.kind == "varlen" else sc[i, :, :n])
            k0 += n
        return out

    def sequences(self, o, lse):
        """Per sequence: (q, k, v, o, lse) as ``[H, S, D]`` / ``[H, S]``."""
        out, q0, k0 = [], 0, 0
        for i, (s, n) in enumerate(zip(self.ql, self.kl)):
            if self.kind in ("prefill", "decode"):
                out.append((self.q[i], self.k[i], self.v[i], o[i], lse[i]))
            elif self.kind.startswith("stream"):  # the full history
                k, v = (t.transpose(0, 1) for t in self.hist[i])
                out.append((self.q[i][:, None], k, v, o[i][:, None], lse[i][:, None]))
            elif self.kind.startswith(("paged", "chunk")):
                pages = self.bt[i, :-(-n // self.page)].long()
                k, v = (t[pages].flatten(0, 1)[:n].transpose(0, 1) for t in (self.k, self.v))
                if self.kind.startswith("chunk"):
                    q, oi, li = (t[q0:q0 + s].transpose(0, 1) for t in (self.q, o, lse))
                    out.append((q, k, v, oi, li))
                else:
                    out.append((self.q[i][:, None], k, v, o[i][:, None], lse[i][:, None]))
            else:
                q, oi, li = (t[q0:q0 + s].transpose(0, 1) for t in (self.q, o, lse))
                k, v = (t[k0:k0 + n].transpose(0, 1) for t in (self.k, self.v))
                out.append((q, k, v, oi, li))
            q0, k0 = q0 + s, k0 + n
        return out

    def dense(self):
        """The problem padded to dense ``[B, H, S, D]`` with a ``[B, 1, S, L]`` mask, for
        timing SDPA beside the kernel."""
        import torch

        seqs = self.sequences(*self.run_shapes())
        s, n = max(x[0].shape[1] for x in seqs), max(1, max(x[1].shape[1] for x in seqs))
        b = len(seqs)
        q = torch.zeros(b, self.hq, s, self.d, device=self.device, dtype=self.dtype)
        k = torch.zeros(b, self.hk, n, self.d, device=self.device, dtype=self.dtype)
        vis = [self.visible(i, x[0].shape[1], x[1].shape[1]) for i, x in enumerate(seqs)]
        h = max((x.shape[0] for x in vis if x.dim() == 3), default=1)
        v, mask = torch.zeros_like(k), torch.zeros(b, h, s, n, device=self.device, dtype=torch.bool)
        for i, (qi, ki, vi, _, _) in enumerate(seqs):
            si, ni = qi.shape[1], ki.shape[1]
            q[i, :, :si], k[i, :, :ni], v[i, :, :ni] = qi, ki, vi
            mask[i, :, :si, :ni] = vis[i]
        mask[..., 0] |= ~mask.any(-1)  # SDPA's kernels need a key per row
        return q, k, v, mask

    def run_shapes(self):
        import torch

        if self.kind in ("prefill", "decode"):
            o = torch.empty_like(self.q)
            return o, o[..., 0].float()
        return torch.empty_like(self.q), self.q[..., 0].float()
