"""``F.scaled_dot_product_attention`` in a model graph as a kvcc attention.

Every form lowers: no mask, ``is_causal`` (top-left aligned, as SDPA defines it), a
boolean ``attn_mask`` (True attends) or an additive one (0 and -inf, or a fill at most
:data:`~kvcc.frontend.fx_masks.NEG_LIMIT`), ``scale``, ``enable_gqa``, ``dropout_p=0``,
as long as the mask reads as a mask of kvcc's algebra (:mod:`kvcc.frontend.fx_masks`).
A dense mask tensor from outside the graph has no such reading: the call stays SDPA.
"""

from __future__ import annotations

import torch

from kvcc.frontend.fx_mask_values import MaskRefused
from kvcc.frontend.fx_masks import MaskReader, to_kvcc
from kvcc.frontend.fx_nodes import Call, known_eq, number, tensor_meta
from kvcc.frontend.fx_region import NotLowered, Region, check_qkv, scores_shape
from kvcc.ir.mask import Align, Causal, Empty, Full


def match_sdpa(c: Call, reader: MaskReader) -> Region:
    """The region of one SDPA call; raises :class:`NotLowered` with the reason."""
    q, k, v = c.get("query"), c.get("key"), c.get("value")
    p = number(c.get("dropout_p"))
    if p != 0.0:
        raise NotLowered(f"dropout_p={c.get('dropout_p')}: kvcc attention has no dropout")
    is_causal, gqa = c.get("is_causal"), c.get("enable_gqa")
    if not isinstance(is_causal, bool) or not isinstance(gqa, bool):
        raise NotLowered("is_causal or enable_gqa is not a constant")
    scale = c.get("scale")
    if scale is not None:
        scale = number(scale)
        if scale is None or not scale > 0:
            raise NotLowered(f"scale {c.get('scale')!r} is not a positive constant")
    rank3 = check_qkv(q, k, v, gqa=gqa)
    scores = scores_shape(q, k)
    am = c.get("attn_mask")
    data: dict = {}
    if am is not None:
        t = tensor_meta(am)
        if t is None:
            raise NotLowered("attn_mask is not a tensor")
        if is_causal:
            raise NotLowered("attn_mask together with is_causal")
        try:
            mask, data = to_kvcc(reader, am, scores,
                                 "bool" if t.dtype == torch.bool else "additive")
        except MaskRefused as e:
            raise NotLowered(f"attn_mask: {e}") from None
    elif is_causal:
        mask = Causal() if known_eq(scores[-2], scores[-1]) else Causal(Align.top_left)
    else:
        mask = Full()
    if mask == Empty():
        raise NotLowered("the mask hides every key")
    return Region("sdpa", q, k, v, mask, data, scale, None, c.node, rank3=rank3, start=c.node)
