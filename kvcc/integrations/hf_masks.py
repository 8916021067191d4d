"""The "kvcc" mask function for transformers' ``AttentionMaskInterface``.

transformers builds one mask per forward and per kind of layer (full, sliding) by
calling the registered mask function with the sizes, the offsets, a *mask function*
(``mask_function(b, h, q_idx, kv_idx) -> bool``, causal, a causal window, or the
model's own) and the 2D padding mask. kvcc's answer is an :class:`HFMask`: the pattern
as kvcc's mask algebra (``causal()``, ``sliding_window(w)``, ``full()``), so the
kernels skip the tiles it excludes, plus the keys padding hides as a per-key selection
(``page_selection(keys, 1)``); where the pattern is none of those, the dense boolean
mask and the reason, for the attention function's fallback.

The pattern is never guessed: the two functions transformers uses for plain causal
and bidirectional masks are recognized by identity (when queries and keys line up
bottom-right, as kvcc aligns them); any other function is evaluated densely, as the
eager mask would be, and compared with each candidate exactly.
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from kvcc import masks as M
from kvcc.ir.mask import Mask, evaluate


@dataclass(frozen=True, eq=False)
class HFMask:
    """What a model hands kvcc's attention function as ``attention_mask``.

    ``pattern``: the mask in kvcc's algebra over ``q_len`` queries and the first
    ``kv_used`` of ``kv_len`` keys (bottom-right aligned; a static cache's slots past the
    queries hold no token yet, so ``kv_used`` stops there), or None when it is not one;
    ``keys``: ``[B, kv_used]`` bool, the keys padding leaves visible (None: all);
    ``dense``: ``[B, 1, q_len, kv_len]`` bool, the whole mask, only when ``pattern`` is
    None, with ``reason`` saying why."""

    batch: int
    q_len: int
    kv_len: int
    kv_used: int
    pattern: Mask | None
    keys: torch.Tensor | None = None
    dense: torch.Tensor | None = None
    reason: str = ""

    @property
    def shape(self) -> tuple[int, int, int, int]:
        return (self.batch, 1, self.q_len, self.kv_len)

    @property
    def ndim(self) -> int:  # transformers asks a given mask whether it is a 2D padding mask
        return 4

    def kvcc_mask(self) -> Mask | None:
        """The pattern and the padding as one kvcc mask (None when not expressible)."""
        if self.pattern is None:
            return None
        if self.keys is None:
            return self.pattern
        return self.pattern & M.page_selection(self.keys, 1)

    def __repr__(self) -> str:
        what = str(self.pattern) if self.pattern is not None else f"dense ({self.reason})"
        pad = ", padded" if self.keys is not None else ""
        used = f", first {self.kv_used} keys" if self.kv_used < self.kv_len else ""
        return f"HFMask([{self.batch}, 1, {self.q_len}, {self.kv_len}], {what}{used}{pad})"


def kvcc_mask_function(batch_size: int, q_length: int, kv_length: int, q_offset=0,
                       kv_offset: int = 0, mask_function=None, attention_mask=None,
                       local_size: int | None = None, use_vmap: bool = False,
                       device: torch.device | str = "cpu", **kwargs) -> HFMask:
    """transformers' mask-interface signature (``sdpa_mask``'s arguments); returns an
    :class:`HFMask` for kvcc's attention function (a given one as it is: ``generate``
    builds masks ahead for static caches and the model passes them back)."""
    from transformers import masking_utils as mu

    if isinstance(attention_mask, HFMask):
        return attention_mask
    fn = mu.causal_mask_function if mask_function is None else mask_function
    q_offset = int(q_offset)  # static caches give a tensor
    dense_args = dict(batch_size=batch_size, q_length=q_length, kv_length=kv_length,
                      q_offset=q_offset, kv_offset=kv_offset, mask_function=fn,
                      allow_is_causal_skip=False, allow_is_bidirectional_skip=False,
                      use_vmap=use_vmap, device=device)
    pattern, used = _pattern(mu, fn, dense_args, local_size)
    if pattern is None:
        dense = mu.sdpa_mask(attention_mask=attention_mask, **dense_args)
        return HFMask(batch_size, q_length, kv_length, kv_length, None, dense=dense,
                      reason="the model's mask is not causal, a causal window or full, with "
                             f"padding, at q_offset={q_offset}, kv_offset={kv_offset}")
    keys = None
    if attention_mask is not None:
        padded = mu.prepare_padding_mask(attention_mask.to(torch.bool), kv_length, kv_offset)
        keys = padded[:, kv_offset:kv_offset + used].to(device).expand(batch_size, used)
        if bool(keys.all()):
            keys = None
    return HFMask(batch_size, q_length, kv_length, used, pattern, keys)


def _pattern(mu, fn, args: dict, local_size: int | None) -> tuple[Mask | None, int]:
    """The mask function as kvcc's pattern over the keys it can see, and how many keys."""
    q_len, kv_len, q_off, kv_off = (args[n] for n in ("q_length", "kv_length", "q_offset",
                                                       "kv_offset"))
    used = kv_len
    if q_off != kv_off + kv_len - q_len and kv_off == 0 and q_off + q_len < kv_len:
        used = q_off + q_len  # a static cache: the slots past the queries are empty
    # kvcc puts query i at key i + used - q_len; transformers at q_offset + i and
    # kv_offset + j: the same when these agree (dynamic caches, static ones cut at
    # `used`, no cache)
    aligned = q_off == kv_off + used - q_len
    if fn is mu.causal_mask_function and aligned:
        return M.causal(), used
    if fn is mu.bidirectional_mask_function and used == kv_len:
        return M.full(), used
    candidates = []
    if aligned:
        if local_size is not None and local_size > 0:
            candidates.append(M.sliding_window(int(local_size)))
        candidates.append(M.causal())
    if used == kv_len:
        candidates.append(M.full())
    want = mu.sdpa_mask(attention_mask=None, **args)
    if not candidates or bool(want[..., used:].any()):
        return None, kv_len
    want = want[..., :used]
    for c in candidates:
        got = evaluate(c, q_len, used, device=want.device)
        if torch.equal(want, got.expand_as(want)):
            return c, used
    return None, kv_len


def register_mask(interface: type, name: str) -> None:
    """Register :func:`kvcc_mask_function` under ``name`` with transformers'
    ``AttentionMaskInterface`` (the class, given by the caller)."""
    interface.register(name, kvcc_mask_function)


__all__ = ["HFMask", "kvcc_mask_function", "register_mask"]
