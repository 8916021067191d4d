"""Attention whose KV heads read their own pages (``AttentionOp``'s second source of
paged K/V, ``alt_heads``, and per-head block tables ``[B, Hkv, W]``): each KV head runs
alone, over its own source's pages and lengths, with the mask it sees (per-head choices
resolved), as a plain op of one KV head. The definition the generated kernels' one
launch is checked against."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import torch

from kvcc.ir.mask import for_kv_head
from kvcc.ir.ops import AttentionOp
from kvcc.ir.types import TensorType, Value


def per_head_pages(op: AttentionOp) -> bool:
    """Whether ``op``'s KV heads read pages of their own (run by :func:`attention_by_head`)."""
    return bool(op.alt_heads) or (op.block_table is not None and op.block_table.type.rank == 3)


def attention_by_head(op: AttentionOp, t: dict[str, torch.Tensor], dim: Callable,
                      run: Callable) -> tuple[torch.Tensor, torch.Tensor]:
    """(o, lse) of ``op`` in float64; ``run(op, tensors, dim)`` computes a plain op's
    (o, lse)."""
    q = t[op.q.name]
    alt = list(op.alt_heads)
    hkv = t[op.k.name].shape[2] + len(alt)
    main = [h for h in range(hkv) if h not in alt]
    g = q.shape[1] // hkv
    o = q.new_zeros(*q.shape[:-1], t[op.v.name].shape[-1], dtype=torch.float64)
    lse = torch.zeros(q.shape[:-1], dtype=torch.float64, device=q.device)
    plain = replace(op, k_alt=None, v_alt=None, block_table_alt=None, kv_lens_alt=None,
                    alt_heads=())
    if op.block_table.type.rank == 3:  # one head's table [B, W] and lengths [B]
        bt, kl = op.block_table, op.kv_lens
        plain = replace(plain, block_table=Value(bt.name, TensorType(
            (bt.type.shape[0], bt.type.shape[2]), bt.type.dtype)), kv_lens=Value(
            kl.name, TensorType(kl.type.shape[:1], kl.type.dtype)))
    for h in range(hkv):
        if h in alt:
            i = alt.index(h)
            k, v, bt, kl = (t[x.name] for x in (op.k_alt, op.v_alt, op.block_table_alt,
                                                op.kv_lens_alt))
        else:
            i = main.index(h)
            k, v, bt, kl = (t[x.name] for x in (op.k, op.v, op.block_table, op.kv_lens))
        if bt.dim() == 3:  # per-head pages: this head's table and lengths
            bt, kl = bt[:, h], kl[:, h]
        sub = dict(t)
        sub.update({op.q.name: q[:, h * g:(h + 1) * g], op.k.name: k[:, :, i:i + 1],
                    op.v.name: v[:, :, i:i + 1], op.block_table.name: bt,
                    op.kv_lens.name: kl})
        oh, lh = run(replace(plain, mask=for_kv_head(op.mask, h)), sub, dim)
        o[:, h * g:(h + 1) * g] = oh.to(torch.float64)
        if lh is not None:
            lse[:, h * g:(h + 1) * g] = lh.to(torch.float64)
    return o, lse
