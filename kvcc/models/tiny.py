"""A tiny Llama-style decoder: RMSNorm, RoPE, GQA attention, SwiGLU MLP.

Random weights from a seed; every other layer uses a sliding window (as in
Mistral/Gemma), so the model exercises more than one mask. Attention goes
through ``attn_fn(q, k, v, mask)`` so a caller can route it to kvcc, to SDPA,
or to a recorder.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import nn

from kvcc import masks
from kvcc.ir.mask import Mask, evaluate

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


def rope(x: torch.Tensor, theta: float) -> torch.Tensor:
    """Rotary embedding on [B, H, S, D], positions 0..S-1 (half-split convention)."""
    d, s = x.shape[-1], x.shape[-2]
    inv = 1.0 / theta ** (torch.arange(0, d, 2, device=x.device, dtype=torch.float32) / d)
    ang = torch.arange(s, device=x.device, dtype=torch.float32)[:, None] * inv[None, :]
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
