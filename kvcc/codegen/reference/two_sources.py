"""Attention over two sources of paged K/V (``AttentionOp.alt_heads``): each KV head
runs alone, over its own source's pages and lengths, with the mask it sees (per-head
choices resolved), as a plain op of one KV head. The definition the generated kernel's
one launch is checked against."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import torch

from kvcc.ir.mask import for_kv_head
from kvcc.ir.ops import AttentionOp


def attention_two_sources(op: AttentionOp, t: dict[str, torch.Tensor], dim: Callable,
                          run: Callable) -> tuple[torch.Tensor, torch.Tensor]:
    """(o, lse) of ``op``; ``run(op, tensors, dim)`` computes a plain op's (o, lse)."""
    q = t[op.q.name]
    alt = list(op.alt_heads)
    hkv = t[op.k.name].shape[2] + len(alt)
    main = [h for h in range(hkv) if h not in alt]
    g = q.shape[1] // hkv
    o = q.new_zeros(*q.shape[:-1], t[op.v.name].shape[-1], dtype=torch.float64)
    lse = torch.zeros(q.shape[:-1], dtype=torch.float64, device=q.device)
    plain = replace(op, k_alt=None, v_alt=None, block_table_alt=None, kv_lens_alt=None,
                    alt_heads=())
    for h in range(hkv):
        if h in alt:
            i = alt.index(h)
            k, v, bt, kl = (t[x.name] for x in (op.k_alt, op.v_alt, op.block_table_alt,
                                                op.kv_lens_alt))
        else:
            i = main.index(h)
            k, v, bt, kl = (t[x.name] for x in (op.k, op.v, op.block_table, op.kv_lens))
        sub = dict(t)
        sub.update({op.q.name: q[:, h * g:(h + 1) * g], op.k.name: k[:, :, i:i + 1],
                    op.v.name: v[:, :, i:i + 1], op.block_table.name: bt,
                    op.kv_lens.name: kl})
        oh, lh = run(replace(plain, mask=for_kv_head(op.mask, h)), sub, dim)
        o[:, h * g:(h + 1) * g] = oh.to(torch.float64)
        if lh is not None:
            lse[:, h * g:(h + 1) * g] = lh.to(torch.float64)
    return o, lse
