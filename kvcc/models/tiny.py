"""A tiny Llama-style decoder: RMSNorm, RoPE, GQA attention, SwiGLU MLP.

Random weights from a seed; every other layer uses a sliding window (as in
Mistral/Gemma), so the model exercises more than one mask. Attention goes
through ``attn_fn(q, k, v, mask)`` so a caller can route it to kvcc, to SDPA,
or to a recorder; ``forward_cached`` runs packed tokens through a planned step of
a :class:`~kvcc.runtime.cache.KVCache` (generation, :mod:`kvcc.models.generate`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import nn

from kvcc import masks
from kvcc.ir.mask import Mask, evaluate
from kvcc.runtime.step import Step

AttnFn = Callable[[torch.Tensor, torch.Tensor, torch.Tensor, Mask], torch.Tensor]


@dataclass(frozen=True)
class TinyConfig:
    vocab: int = 512
    dim: int = 256
    layers: int = 2
    heads: int = 8
    kv_heads: int = 2
    head_dim: int = 32
    window: int = 48
    rope_theta: float = 10000.0
    seed: int = 0

    def layer_mask(self, layer: int) -> Mask:
        """Causal on even layers, causal & sliding window on odd ones."""
        m = masks.causal()
        return m & masks.sliding_window(self.window) if layer % 2 else m


def sdpa_attention(q: torch.Tensor, k: torch.Tensor, v: torch.Tensor, mask: Mask) -> torch.Tensor:
    """The plain-torch path: SDPA with the mask evaluated densely."""
    dense = evaluate(mask, q.shape[2], k.shape[2], device=q.device)[0, 0]
    return torch.nn.functional.scaled_dot_product_attention(q, k, v, attn_mask=dense,
                                                            enable_gqa=True)


class RMSNorm(nn.Module):
    def __init__(self, dim: int) -> None:
        super().__init__()
        self.weight = nn.Parameter(torch.ones(dim))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * self.weight


def rope(x: torch.Tensor, theta: float, positions: torch.Tensor | None = None) -> torch.Tensor:
    """Rotary embedding (half-split convention) on [B, H, S, D] at positions 0..S-1, or
    on packed [T, H, D] at ``positions [T]``."""
    d = x.shape[-1]
    inv = 1.0 / theta ** (torch.arange(0, d, 2, device=x.device, dtype=torch.float32) / d)
    if positions is None:
        pos = torch.arange(x.shape[-2], device=x.device, dtype=torch.float32)
        ang = pos[:, None] * inv[None, :]  # [S, D/2], broadcast over batch and heads
    else:
        ang = (positions.to(torch.float32)[:, None] * inv[None, :])[:, None, :]  # [T, 1, D/2]
    cos, sin = ang.cos().to(x.dtype), ang.sin().to(x.dtype)
    x1, x2 = x[..., : d // 2], x[..., d // 2:]
    return torch.cat([x1 * cos - x2 * sin, x1 * sin + x2 * cos], dim=-1)


class Attention(nn.Module):
    def __init__(self, cfg: TinyConfig, layer: int) -> None:
        super().__init__()
        self.cfg, self.mask = cfg, cfg.layer_mask(layer)
        self.wq = nn.Linear(cfg.dim, cfg.heads * cfg.head_dim, bias=False)
        self.wk = nn.Linear(cfg.dim, cfg.kv_heads * cfg.head_dim, bias=False)
        self.wv = nn.Linear(cfg.dim, cfg.kv_heads * cfg.head_dim, bias=False)
        self.wo = nn.Linear(cfg.heads * cfg.head_dim, cfg.dim, bias=False)

    def forward(self, x: torch.Tensor, attn_fn: AttnFn) -> torch.Tensor:
        b, s, _ = x.shape
        c = self.cfg
        q = self.wq(x).view(b, s, c.heads, c.head_dim).transpose(1, 2)
        k = self.wk(x).view(b, s, c.kv_heads, c.head_dim).transpose(1, 2)
        v = self.wv(x).view(b, s, c.kv_heads, c.head_dim).transpose(1, 2)
        q, k = rope(q, c.rope_theta), rope(k, c.rope_theta)
        o = attn_fn(q, k, v, self.mask)
        return self.wo(o.transpose(1, 2).reshape(b, s, c.heads * c.head_dim))

    def forward_cached(self, x: torch.Tensor, positions: torch.Tensor, step: Step,
                       layer: int) -> torch.Tensor:
        """Packed tokens ``x [T, dim]`` of a planned cache step: their K/V appended to
        the cache, their queries attending over it (one launch each)."""
        t, c = x.shape[0], self.cfg
        q = rope(self.wq(x).view(t, c.heads, c.head_dim), c.rope_theta, positions)
        k = rope(self.wk(x).view(t, c.kv_heads, c.head_dim), c.rope_theta, positions)
        v = self.wv(x).view(t, c.kv_heads, c.head_dim)
        step.append(layer, k.contiguous(), v.contiguous())
        o = step.attend(layer, q.contiguous())
        return self.wo(o.reshape(t, c.heads * c.head_dim))


class Block(nn.Module):
    def __init__(self, cfg: TinyConfig, layer: int) -> None:
        super().__init__()
        self.norm1, self.norm2 = RMSNorm(cfg.dim), RMSNorm(cfg.dim)
        self.attn = Attention(cfg, layer)
        hidden = 2 * cfg.dim
        self.w1 = nn.Linear(cfg.dim, hidden, bias=False)
        self.w3 = nn.Linear(cfg.dim, hidden, bias=False)
        self.w2 = nn.Linear(hidden, cfg.dim, bias=False)

    def forward(self, x: torch.Tensor, attn_fn: AttnFn) -> torch.Tensor:
        x = x + self.attn(self.norm1(x), attn_fn)
        return self._mlp(x)

    def forward_cached(self, x: torch.Tensor, positions: torch.Tensor, step: Step,
                       layer: int) -> torch.Tensor:
        return self._mlp(x + self.attn.forward_cached(self.norm1(x), positions, step, layer))

    def _mlp(self, x: torch.Tensor) -> torch.Tensor:
        h = self.norm2(x)
        return x + self.w2(torch.nn.functional.silu(self.w1(h)) * self.w3(h))


class TinyDecoder(nn.Module):
    """Token ids ``[B, S]`` -> logits ``[B, S, vocab]``."""

    def __init__(self, cfg: TinyConfig = TinyConfig()) -> None:
        super().__init__()
        if cfg.heads % cfg.kv_heads:
            raise ValueError("heads must be a multiple of kv_heads")
        self.cfg = cfg
        gen = torch.Generator().manual_seed(cfg.seed)
        self.embed = nn.Embedding(cfg.vocab, cfg.dim)
        self.blocks = nn.ModuleList(Block(cfg, i) for i in range(cfg.layers))
        self.norm = RMSNorm(cfg.dim)
        self.head = nn.Linear(cfg.dim, cfg.vocab, bias=False)
        with torch.no_grad():
            for p in self.parameters():
                if p.dim() > 1:
                    p.copy_(torch.randn(p.shape, generator=gen) / p.shape[-1] ** 0.5)

    def forward(self, tokens: torch.Tensor, attn_fn: AttnFn = sdpa_attention) -> torch.Tensor:
        x = self.embed(tokens)
        for blk in self.blocks:
            x = blk(x, attn_fn)
        return self.head(self.norm(x))

    def forward_cached(self, tokens: torch.Tensor, positions: torch.Tensor,
                       step: Step) -> torch.Tensor:
        """Packed token ids ``[T]`` at ``positions [T]`` through a planned
        :class:`~kvcc.runtime.step.Step` (see :func:`kvcc.models.generate.generate`)
        -> logits ``[T, vocab]``."""
        x = self.embed(tokens)
        for layer, blk in enumerate(self.blocks):
            x = blk.forward_cached(x, positions, step, layer)
        return self.head(self.norm(x))

    def layer_masks(self) -> list[Mask]:
        return [self.cfg.layer_mask(i) for i in range(self.cfg.layers)]
