"""``KVCCCache``: a transformers ``Cache`` whose K/V live in a paged :class:`kvcc.KVCache`.

``model.generate(..., past_key_values=KVCCCache(model.config, max_cache_len=...))``
decodes through kvcc's serving runtime: each forward is one planned step of the paged
cache (pages, block tables, slots and kernels chosen once, at the first layer), and each
layer appends its new tokens (``step.append``, quantizing as it writes with
``kv_format=``) and attends over its pages (``step.attend``), one launch each.

How it fits transformers' per-layer protocol: ``update`` returns the new tokens
themselves, marked with their cache layer, instead of the whole history; the "kvcc"
attention function sees the mark and does the append and the attention. So the cache
works only with a model whose attention is kvcc's, and says so at the first ``update``
otherwise (any other attention function would attend to the new tokens alone).

Padding: a sequence's pad tokens are never stored; its real tokens are packed (so a
left-padded batch holds only real history) and pad queries give output 0. Attention
over the pages is then bottom-right causal per sequence, which equals transformers'
causal mask with padding for any padding, and its sliding window for left padding (a
window over a row with padding in the middle is refused). Lengths reported to
transformers count the pad tokens, as its position bookkeeping expects.

Beam search reorders by ``fork`` (pages shared, copied on write) and ``free``.
``crop`` (rolling tokens back, for assisted decoding) is not supported: the paged cache
has no truncation.
"""

from __future__ import annotations

import math

import torch
from transformers.cache_utils import Cache, CacheLayerMixin

from kvcc import masks as M
from kvcc.integrations.hf_attention import REGISTERED
from kvcc.integrations.hf_masks import HFMask
from kvcc.ir.formats import KVFormat
from kvcc.ir.mask import Causal, SlidingWindow
from kvcc.runtime.cache import KVCache


class _PagedLayer(CacheLayerMixin):
    """One model layer's view of the shared paged cache (what transformers calls a layer)."""

    is_sliding = False  # every token is kept; windows are masks over the pages
    is_compileable = False
    is_croppable = False
    supports_early_init = False

    def __init__(self, owner: KVCCCache, index: int) -> None:
        super().__init__()
        self.owner, self.index = owner, index
        self.seen = 0  # tokens this layer has been given, pads included

    def lazy_initialization(self, key_states: torch.Tensor, value_states: torch.Tensor) -> None:
        self.owner._setup(key_states)
        self.is_initialized = True

    def update(self, key_states: torch.Tensor, value_states: torch.Tensor, *args, **kwargs
               ) -> tuple[torch.Tensor, torch.Tensor]:
        return self.owner._update(self, key_states, value_states)

    def attend(self, query, key, value, attention_mask, scaling, softcap, window, causal):
        """Called by the "kvcc" attention function with this layer's new K/V."""
        return self.owner._attend(self, query, key, value, attention_mask, scaling, softcap,
                                  window, causal)

    def get_mask_sizes(self, query_length: int) -> tuple[int, int]:
        return self.seen + query_length, 0

    def get_seq_length(self) -> int:
        return self.seen

    def get_max_length(self) -> int:
        return self.owner.max_cache_len

    def reset(self) -> None:
        self.seen = 0

    def crop(self, tokens_to_remove: int) -> None:
        self.owner.crop(tokens_to_remove)


class KVCCCache(Cache):
    """A transformers ``Cache`` over a paged :class:`kvcc.KVCache` (module docstring).

    ``config``: the model's config (its layer count and ``_attn_implementation``, which
    must be a name kvcc registered, e.g. ``"kvcc"``). ``max_cache_len``: tokens per
    sequence at most (pads not stored); ``num_pages`` defaults to what the batch of the
    first forward needs for that, plus a page per sequence for copy-on-write after
    beam-search forks. ``kv_format``: store K/V quantized (``kvcc.quant.int8()``,
    ``kivi()``, ...): attention then reads the stored (dequantized) K/V, a documented
    approximation. ``backend``: ``"auto"`` (generated kernels on CUDA, the reference
    elsewhere), ``"triton"`` or ``"reference"``. ``max_seqs``: live sequences at most for
    formats with a full-precision window (default: twice the first batch, for forks).
    The pool is made at the first ``update``, in the dtype and on the device of its K/V;
    ``kvcache`` is the :class:`kvcc.KVCache` (None before)."""

    def __init__(self, config, max_cache_len: int, *, page_size: int = 16,
                 num_pages: int | None = None, kv_format: KVFormat | None = None,
                 backend: str = "auto", max_seqs: int | None = None) -> None:
        text = config.get_text_config(decoder=True) if hasattr(config, "get_text_config") \
            else config
        layers = getattr(text, "num_hidden_layers", None)
        if not isinstance(layers, int) or layers < 1:
            raise ValueError("config must be a transformers model config with num_hidden_layers "
                             f">= 1, got {type(config).__name__}")
        for name, x, allow_none in (("max_cache_len", max_cache_len, False),
                                    ("page_size", page_size, False),
                                    ("num_pages", num_pages, True), ("max_seqs", max_seqs, True)):
            if (x is None and not allow_none) or (x is not None and (
                    isinstance(x, bool) or not isinstance(x, int) or x < 1)):
                raise ValueError(f"{name} must be an int >= 1{' or None' if allow_none else ''}, "
                                 f"got {x!r}")
        if kv_format is not None and not isinstance(kv_format, KVFormat):
            raise TypeError(f"kv_format must be a kvcc.quant format (kvcc.quant.int8(), ...), "
                            f"got {type(kv_format).__name__}")
        if backend not in ("auto", "reference", "triton"):
            raise ValueError(f"backend must be 'auto', 'reference' or 'triton', got {backend!r}")
        super().__init__(layers=[_PagedLayer(self, i) for i in range(layers)])
        self.config = text  # the language model's config: its attention implementation
        self.max_cache_len, self.page_size, self.num_pages = max_cache_len, page_size, num_pages
        self.kv_format, self.backend, self.max_seqs = kv_format, backend, max_seqs
        self.kvcache: KVCache | None = None
        self.seqs: list[int] = []  # one kvcc sequence per batch row
        self._step = None  # (step, new-token rows [B, S] or None, q_lens, scale, softcap)
        self._done: set[int] = set()  # layers that attended in the current step
        self._masks: list = [None] * layers  # each layer's mask, learned at its first step

    # ------------------------------------------------------------- transformers' side

    def _setup(self, k: torch.Tensor) -> None:
        b, hkv, _, d = k.shape
        pages = self.num_pages or b * (math.ceil(self.max_cache_len / self.page_size) + 1)
        self.kvcache = KVCache(len(self.layers), hkv, d, num_pages=pages,
                               page_size=self.page_size, dtype=k.dtype, device=k.device,
                               backend=self.backend, kv_format=self.kv_format,
                               max_seqs=self.max_seqs or 2 * b)

    def _update(self, layer: _PagedLayer, k: torch.Tensor, v: torch.Tensor):
        impl = getattr(self.config, "_attn_implementation", None)
        if impl not in REGISTERED:
            raise ValueError(f"KVCCCache attends through kvcc's attention function, but the model "
                             f"uses attn_implementation={impl!r}: load it with "
                             "attn_implementation='kvcc' (or model.set_attn_implementation('kvcc'))")
        if torch.is_grad_enabled() and (k.requires_grad or v.requires_grad):
            raise ValueError("KVCCCache is for inference (no gradients flow through its pages): "
                             "call the model under torch.no_grad(), as generate() does, or "
                             "train without a cache")
        if not layer.is_initialized:
            if self.kvcache is None:
                self._setup(k)
            layer.is_initialized = True
        kv = self.kvcache
        if k.shape[1:] != (kv.num_kv_heads, k.shape[2], kv.head_dim) or k.shape != v.shape:
            raise ValueError(f"KVCCCache layer {layer.index}: key/value must be [B, "
                             f"{kv.num_kv_heads}, S, {kv.head_dim}], got {list(k.shape)} and "
                             f"{list(v.shape)}")
        if not self.seqs:
            self.seqs = [kv.add_sequence() for _ in range(k.shape[0])]
        if k.shape[0] != len(self.seqs):
            raise ValueError(f"KVCCCache holds {len(self.seqs)} sequences, got a batch of "
                             f"{k.shape[0]} (reset() the cache for a new batch)")
        layer.seen += k.shape[2]
        marked = []
        for t in (k, v):
            t = t.view(t.shape)  # a new tensor object to carry the mark
            t._kvcc_layer = layer
            marked.append(t)
        return marked[0], marked[1]

    def reset(self) -> None:
        """Drop every sequence (the pool stays); the next forward starts a new batch."""
        if self.kvcache is not None:
            for s in self.seqs:
                self.kvcache.free(s)
        self.seqs, self._step, self._done = [], None, set()
        for layer in self.layers:
            layer.reset()

    def reorder_cache(self, beam_idx: torch.LongTensor) -> None:
        self._reseat(beam_idx.tolist())

    def batch_select_indices(self, indices: torch.Tensor) -> None:
        self._reseat(indices.tolist() if isinstance(indices, torch.Tensor) else list(indices))

    def batch_repeat_interleave(self, repeats: int) -> None:
        self._reseat([i for i in range(len(self.seqs)) for _ in range(repeats)])

    def _reseat(self, rows: list[int]) -> None:
        """Batch row i becomes a fork of old row ``rows[i]`` (pages shared)."""
        if not self.seqs:
            return
        kv, old = self.kvcache, self.seqs
        self.seqs = [kv.fork(old[r]) for r in rows]
        for s in old:
            kv.free(s)
        self._step, self._done = None, set()

    def crop(self, tokens_to_remove: int) -> None:
        if tokens_to_remove != 0:
            raise NotImplementedError("KVCCCache cannot drop tokens (kvcc.KVCache has no "
                                      "truncation); decoding that rolls back needs DynamicCache")

    # ------------------------------------------------------------- kvcc's side

    def _attend(self, layer: _PagedLayer, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor,
                attention_mask: object, scaling, softcap, window, causal: bool) -> torch.Tensor:
        """Append a layer's new tokens to the pages and attend over them -> [B, S, Hq, D]."""
        b, hq, s, d = q.shape
        mask, keys = self._layer_mask(layer, attention_mask, window, causal, s)
        if self._step is None or layer.index in self._done:
            self._plan(q, keys, s, mask, scaling, softcap)
        step, rows, q_lens, plan_scale, plan_softcap = self._step
        if (rows is None) != (keys is None) or (rows is not None and
                                                 not torch.equal(rows, keys[:, -s:])):
            raise ValueError("KVCCCache: layers of one forward were given different padding")
        qp, kp, vp = (_pack(t, rows) for t in (q, k, v))
        step.append(layer.index, kp, vp)
        if (scaling, softcap) != (plan_scale, plan_softcap):  # this layer's own attend plan
            step = self.kvcache.plan(self.seqs, q_lens, new_tokens=[0] * len(q_lens),
                                     layer=layer.index, num_q_heads=hq, mask=mask,
                                     scale=scaling, softcap=softcap)
        o = step.attend(layer.index, qp, mask=mask)
        self._done.add(layer.index)
        self._masks[layer.index] = mask
        if rows is None:
            return o.view(b, s, hq, d)
        out = q.new_zeros(b, s, hq, d)
        out[rows] = o
        return out

    def _plan(self, q: torch.Tensor, keys: torch.Tensor | None, s: int, mask, scaling,
              softcap) -> None:
        rows = keys[:, -s:].contiguous() if keys is not None else None
        q_lens = rows.sum(1).tolist() if rows is not None else [s] * q.shape[0]
        known = all(m is not None for m in self._masks)  # after the first step: plan it all
        step = self.kvcache.plan(self.seqs, q_lens, num_q_heads=q.shape[1] if known else None,
                                 mask=list(self._masks) if known else None, scale=scaling,
                                 softcap=softcap)
        self._step, self._done = (step, rows, q_lens, scaling, softcap), set()

    def _layer_mask(self, layer: _PagedLayer, attention_mask: object, window, causal: bool,
                    s: int):
        """The layer's mask over its pages (bottom-right causal, maybe a window) and the
        padding's visible keys [B, seen] (None: no padding)."""
        if attention_mask is None:
            if not causal:
                raise ValueError("KVCCCache: non-causal attention over a cache is not supported")
            return (M.sliding_window(int(window)) if window is not None else M.causal()), None
        if not isinstance(attention_mask, HFMask):
            raise ValueError("KVCCCache needs the mask from kvcc's mask function (load the model "
                             "with attn_implementation='kvcc'); got a "
                             f"{type(attention_mask).__name__}")
        if (attention_mask.q_len, attention_mask.kv_len) != (s, layer.seen):
            raise ValueError(f"KVCCCache layer {layer.index}: the mask covers {attention_mask.q_len}"
                             f" queries and {attention_mask.kv_len} keys, the cache {s} and "
                             f"{layer.seen}")
        pattern = attention_mask.pattern
        if attention_mask.kv_used != attention_mask.kv_len:
            pattern = None
        if not isinstance(pattern, (Causal, SlidingWindow)):
            why = attention_mask.reason or f"the mask is {pattern}"
            raise ValueError(f"KVCCCache attends causally (or in a causal window) over its pages; "
                             f"this model's mask is not that: {why}")
        keys = attention_mask.keys
        if keys is not None and keys.shape[1] > 1 and isinstance(pattern, SlidingWindow):
            # windows count pad positions: equal to a window over the stored real tokens
            # only when a row's pads all come before its first real token
            if bool((keys[:, 1:].int() - keys[:, :-1].int()).min() < 0):
                raise ValueError("KVCCCache: a sliding window over a batch padded other than on "
                                 "the left is not supported (pad on the left)")
        return pattern, keys


def _pack(t: torch.Tensor, rows: torch.Tensor | None) -> torch.Tensor:
    """[B, H, S, D] -> the rows' tokens, sequence after sequence, [T, H, D]."""
    t = t.transpose(1, 2)
    return (t.reshape(-1, *t.shape[2:]) if rows is None else t[rows]).contiguous()


__all__ = ["KVCCCache"]
