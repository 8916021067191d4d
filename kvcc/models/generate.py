"""Greedy generation with the built-in model through a :class:`~kvcc.KVCache`.

Prefill: every prompt's tokens, packed, in one planned step (one append and one
attention launch per layer for the whole batch). Decode: one token per sequence
per step. Each step is planned once (pages, block tables, slots, kernels) and its
layers only launch. :func:`generate_reference` is the same greedy loop on the plain
torch model, recomputing the whole sequence each step, to check against.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import torch

from kvcc.ir.formats import KVFormat
from kvcc.models.tiny import TinyDecoder
from kvcc.runtime.cache import KVCache


@dataclass(frozen=True)
class Generation:
    """Generated token ids per prompt, and what it took."""

    tokens: list[list[int]]
    steps: int
    seconds: float
    bytes_per_token: float
    bytes_used: float

    @property
    def tokens_per_second(self) -> float:
        return sum(len(t) for t in self.tokens) / max(self.seconds, 1e-9)


def _check_prompts(prompts: object, vocab: int) -> list[list[int]]:
    if not isinstance(prompts, (list, tuple)) or not prompts:
        raise TypeError("prompts must be a non-empty list of token-id lists")
    out = []
    for i, p in enumerate(prompts):
        ids = p.tolist() if isinstance(p, torch.Tensor) else list(p)
        if not ids or any(not isinstance(t, int) or not 0 <= t < vocab for t in ids):
            raise ValueError(f"prompts[{i}] must be a non-empty list of token ids in [0, {vocab})")
        out.append(ids)
    return out


@torch.no_grad()
def generate(model: TinyDecoder, prompts, max_new_tokens: int, *, cache: KVCache | None = None,
             page_size: int = 16, backend: str = "auto",
             kv_format: KVFormat | None = None) -> Generation:
    """Greedy decoding of ``max_new_tokens`` tokens for each prompt through a KV cache
    (made to fit when not given: the model's layers, KV heads and dtype, on its device,
    storing K/V in ``kv_format`` when given)."""
    cfg = model.cfg
    prompts = _check_prompts(prompts, cfg.vocab)
    if isinstance(max_new_tokens, bool) or not isinstance(max_new_tokens, int) or \
            max_new_tokens < 1:
        raise ValueError(f"max_new_tokens must be an int >= 1, got {max_new_tokens!r}")
    param = next(model.parameters())
    if cache is None:
        pages = sum(math.ceil((len(p) + max_new_tokens) / page_size) for p in prompts)
        cache = KVCache(cfg.layers, cfg.kv_heads, cfg.head_dim, num_pages=pages,
                        page_size=page_size, dtype=param.dtype, device=param.device,
                        backend=backend, kv_format=kv_format, max_seqs=len(prompts))
    elif kv_format is not None:
        raise ValueError("kv_format is for the cache generate makes; a given cache has its own")
    seqs = [cache.add_sequence() for _ in prompts]
    try:
        return _decode(model, cache, seqs, prompts, max_new_tokens)
    finally:  # the sequences leave the cache however the loop ends (CacheFull included)
        for s in seqs:
            cache.free(s)


def _decode(model: TinyDecoder, cache: KVCache, seqs: list[int], prompts: list[list[int]],
            max_new_tokens: int) -> Generation:
    cfg = model.cfg
    masks = model.layer_masks()
    param = next(model.parameters())
    dev = param.device
    t0 = time.perf_counter()
    lens = [len(p) for p in prompts]
    step = cache.plan(seqs, lens, num_q_heads=cfg.heads, mask=masks)
    tokens = torch.tensor([t for p in prompts for t in p], device=dev)
    positions = torch.cat([torch.arange(n, device=dev) for n in lens])
    logits = model.forward_cached(tokens, positions, step)
    last = torch.tensor(lens, device=dev).cumsum(0) - 1
    nxt = logits[last].argmax(-1)
    out = [[] for _ in prompts]
    for i in range(max_new_tokens):
        ids = nxt.tolist()  # the host needs the tokens (as any sampler does)
        for o, t in zip(out, ids):
            o.append(t)
        if i + 1 == max_new_tokens:
            break
        step = cache.plan(seqs, [1] * len(seqs), num_q_heads=cfg.heads, mask=masks)
        positions = torch.tensor([n + i for n in lens], device=dev)
        nxt = model.forward_cached(nxt, positions, step).argmax(-1)
    seconds = time.perf_counter() - t0
    return Generation(out, max_new_tokens, seconds, cache.bytes_per_token, cache.bytes_used())


@torch.no_grad()
def generate_reference(model: TinyDecoder, prompts, max_new_tokens: int) -> list[list[int]]:
    """The same greedy decoding on the plain model (SDPA, no cache), one prompt at a
    time, recomputing the whole sequence every step."""
    prompts = _check_prompts(prompts, model.cfg.vocab)
    dev = next(model.parameters()).device
    out = []
    for p in prompts:
        seq = list(p)
        for _ in range(max_new_tokens):
            logits = model(torch.tensor([seq], device=dev))
            seq.append(int(logits[0, -1].argmax()))
        out.append(seq[len(p):])
    return out
