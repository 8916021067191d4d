"""The IR modules a :class:`~kvcc.runtime.step.Step` plans and runs: attention of packed
queries over the paged cache (plain or quantized pages; over Quest's selected pages;
with eviction scores), after the default pipeline, cached by their parameters.
Lengths are symbols, so one module (and one kernel) serves every batch.
"""

from __future__ import annotations

from functools import lru_cache

import torch

from kvcc.ir.dtypes import DType
from kvcc.ir.formats import KVFormat, Packed, Paged, Scope
from kvcc.ir.mask import Mask, PageSelect
from kvcc.ir.ops import AttentionOp, Module
from kvcc.ir.types import Value, tensor
from kvcc.passes.pipeline import DEFAULT_PIPELINE, Pipeline
from kvcc.runtime.qpages import ROLES

SELECTED = "quest_pages"  # the page-selection tensor of a Quest step's mask


def with_selection(mask: Mask, page: int, hkv: int, select: bool) -> tuple[Mask, tuple]:
    """``mask`` and its mask arguments, with Quest's selected pages when ``select``."""
    if not select:
        return mask, ()
    return mask & PageSelect(page, SELECTED), (Value(SELECTED, tensor(["B", hkv, "NP"],
                                                                      DType.u8)),)


@lru_cache(maxsize=256)
def paged_module(hq: int, hkv: int, d: int, dtype: torch.dtype, page: int, mask: Mask,
                 scale: float, softcap: float | None, return_lse: bool,
                 select: bool = False, score_window: int | None = None) -> Module:
    """Attention of packed queries over the paged cache, after the default pipeline.
    Lengths are symbols: one module (and one kernel) serves every batch. ``select``:
    over Quest's selected pages only (a ``[B, Hkv, pages]`` tensor). ``score_window``
    (not None): also each key's eviction score ``[B, Hkv, S]`` over that window."""
    dt = DType.from_torch(dtype)
    vq = Value("q", tensor(["Tq", hq, d], dt))
    vk = Value("k", tensor(["P", page, hkv, d], dt))
    vv = Value("v", vk.type)
    cu, bt = Value("cu", tensor(["B1"], DType.i32)), Value("bt", tensor(["B", "NP"], DType.i32))
    kl = Value("kl", tensor(["B"], DType.i32))
    vo = Value("o", tensor(["Tq", hq, d], dt))
    vl = Value("lse", tensor(["Tq", hq], DType.f32)) if return_lse else None
    mask, margs = with_selection(mask, page, hkv, select)
    vs = (Value("scores", tensor(["B", hkv, "S"], DType.f32)) if score_window is not None
          else None)
    op = AttentionOp(vq, vk, vv, vo, vl, scale=scale, softcap=softcap, mask=mask,
                     q_layout=Packed(), kv_layout=Paged(page), cu_seqlens_q=cu,
                     block_table=bt, kv_lens=kl, mask_args=margs, scores=vs,
                     score_window=score_window or 0)
    m = Module("cache_attend", (vq, vk, vv, cu, bt, kl) + margs, (op,),
               (vo,) + ((vl,) if vl else ()) + ((vs,) if vs else ()))
    return Pipeline.parse(DEFAULT_PIPELINE).run(m)


@lru_cache(maxsize=256)
def paged_heads_module(hq: int, hkv: int, d: int, dtype: torch.dtype, page: int, mask: Mask,
                       scale: float, softcap: float | None, return_lse: bool) -> Module:
    """Attention of packed queries over pages chosen per KV head (Quest's selection,
    compacted): block table ``[B, Hkv, W]`` and lengths ``[B, Hkv]``, in the cache's pool."""
    dt, i32 = DType.from_torch(dtype), DType.i32
    vq = Value("q", tensor(["Tq", hq, d], dt))
    vk = Value("k", tensor(["P", page, hkv, d], dt))
    vv = Value("v", vk.type)
    cu = Value("cu", tensor(["B1"], i32))
    # (the step's compacted selection: QuestSelector.table and .lens)
    bt, kl = Value("qbt", tensor(["B", hkv, "W"], i32)), Value("qkl", tensor(["B", hkv], i32))
    vo = Value("o", tensor(["Tq", hq, d], dt))
    vl = Value("lse", tensor(["Tq", hq], DType.f32)) if return_lse else None
    op = AttentionOp(vq, vk, vv, vo, vl, scale=scale, softcap=softcap, mask=mask,
                     q_layout=Packed(), kv_layout=Paged(page), cu_seqlens_q=cu,
                     block_table=bt, kv_lens=kl)
    m = Module("cache_attend_selected", (vq, vk, vv, cu, bt, kl), (op,),
               (vo,) + ((vl,) if vl else ()))
    return Pipeline.parse(DEFAULT_PIPELINE).run(m)


@lru_cache(maxsize=256)
def paged_quant_module(hq: int, hkv: int, d: int, dtype: torch.dtype, page: int, fmt: KVFormat,
                       rings: tuple[int, int], mask: Mask, scale: float, softcap: float | None,
                       return_lse: bool, precision: str = "full",
                       select: bool = False, score_window: int | None = None) -> Module:
    """Attention of packed queries over a quantized paged cache (codes, scales and zeros
    in pages, each sequence's recent tokens in rings ``rings`` long per role);
    ``score_window`` (not None): also each key's eviction score ``[B, Hkv, S]``."""
    dt = DType.from_torch(dtype)
    i32 = DType.i32
    width = (d * (2 if fmt.hierarchical else 1) // (32 // fmt.plane_bits) if fmt.packed else d)
    code = fmt.code if fmt.is_fp8 else (i32 if fmt.packed else DType.u8)
    vq = Value("q", tensor(["Tq", hq, d], dt))
    vals = {}
    for role, ring in zip(ROLES, rings):
        vals[role] = Value(role, tensor(["P", page, hkv, width], code))
        scope = fmt.scope(role)
        sshape = {Scope.head: [hkv],
                  Scope.channel: ["P", -(-page // max(1, fmt.group_size)), hkv, d],
                  Scope.token: ["P", page, hkv, d // (fmt.group_size or d)]}[scope]
        vals[f"{role}s"] = Value(f"{role}s", tensor(sshape, fmt.scale_dtype))
        if not fmt.is_fp8:
            vals[f"{role}z"] = Value(f"{role}z", tensor(sshape, fmt.scale_dtype))
        if ring:
            vals[f"{role}r"] = Value(f"{role}r", tensor(["S", ring, hkv, d], dt))
    cu, bt = Value("cu", tensor(["B1"], i32)), Value("bt", tensor(["B", "NP"], i32))
    kl = Value("kl", tensor(["B"], i32))
    rs = Value("rs", tensor(["B"], i32)) if any(rings) else None
    vo = Value("o", tensor(["Tq", hq, d], dt))
    vl = Value("lse", tensor(["Tq", hq], DType.f32)) if return_lse else None
    mask, margs = with_selection(mask, page, hkv, select)
    vs = (Value("scores", tensor(["B", hkv, "S"], DType.f32)) if score_window is not None
          else None)
    op = AttentionOp(vq, vals["k"], vals["v"], vo, vl, scale=scale, softcap=softcap, mask=mask,
                     q_layout=Packed(), kv_layout=Paged(page), cu_seqlens_q=cu,
                     block_table=bt, kv_lens=kl, kv_format=fmt, k_scale=vals["ks"],
                     k_zero=vals.get("kz"), v_scale=vals["vs"], v_zero=vals.get("vz"),
                     k_residual=vals.get("kr"), v_residual=vals.get("vr"), residual_slot=rs,
                     kv_precision=precision, mask_args=margs, scores=vs,
                     score_window=score_window or 0)
    ins = (vq, *vals.values(), cu, bt, kl) + ((rs,) if rs is not None else ()) + margs
    m = Module("cache_attend_quantized", ins, (op,),
               (vo,) + ((vl,) if vl else ()) + ((vs,) if vs else ()))
    return Pipeline.parse(DEFAULT_PIPELINE).run(m)
