"""One key tile of the attention kernel: load K, scores, score modifiers, mask,
online-softmax update, load V, accumulate.

A tile is emitted in one of three kinds, chosen per key loop from the mask's
static structure (see ``emit.loops``):

- ``full``: every (row, key) pair of the tile is visible and every key is in
  range. No predicate, no bounds check on loads (only the head-dim padding, when
  the head dim is not a power of two), and no guard for rows that see nothing.
- ``bounded``: every key of the tile is visible except those past the sequence's
  end (a mask with no masked tiles, whose only partial tile is the last one). One
  column check on the scores.
- ``masked``: the mask's predicate per element; rows may see nothing in the tile.

The pieces (address: dense, paged or TMA; score mods; mask) are small functions
of the spec, so a new KV format or layout adds a piece, not branches in the body.
"""

from __future__ import annotations

from kvcc.codegen.triton import kvload
from kvcc.codegen.triton.mask_emit import MaskCode
from kvcc.codegen.triton.spec import KernelSpec

KINDS = ("full", "bounded", "masked")


def precision(spec: KernelSpec) -> str:
    """fp32 dots must be exact (no TF32): the reference computes in fp32."""
    return ", input_precision='ieee'" if spec.dtype == "f32" else ""


def _kv_offsets(spec: KernelSpec, which: str) -> list[str]:
    """Row offsets of this tile's keys (``which`` is k or v), int64."""
    s = f"stride_{which}"
    if spec.kv_layout == "paged":
        ps = spec.page_size
        hk = "hkv" if spec.kv_alt else "hk"  # two sources: the head's index in its pool
        return [
            f"{which}_rows = (page.to(tl.int64) * {s}b + (kv % {ps}).to(tl.int64) * {s}s"
            f" + {hk}.to(tl.int64) * {s}h)",
        ]
    return [f"{which}_rows = (b.to(tl.int64) * {s}b + (k_start + kv).to(tl.int64) * {s}s"
            f" + hk.to(tl.int64) * {s}h)"]


def _page(spec: KernelSpec) -> str:
    """The page of each of the tile's keys, from the sequence's (or, with per-head pages,
    its KV head's) block table row."""
    row = "b.to(tl.int64) * stride_bt" + (" + hk.to(tl.int64) * stride_bth"
                                          if spec.bt_heads else "")
    return f"page = tl.load(BT + {row} + kv // {spec.page_size}, mask=kv_ok, other=0)"


def _load_mask(spec: KernelSpec, kind: str, keys: str, which: str) -> str:
    """The predicate of a pointer load of K (``which`` k, [D, N]) or V (v, [N, DV]):
    keys out of range (not in full tiles) and head-dim padding (when there is any)."""
    k_axis, d_axis = ("[None, :]", "[:, None]") if which == "k" else ("[:, None]", "[None, :]")
    parts = [] if kind == "full" else [f"{keys}{k_axis}"]
    width, pad = (spec.head_dim, spec.block_d) if which == "k" else (spec.head_dim_v,
                                                                     spec.block_dv)
    if width != pad:
        parts.append(("d_ok" if which == "k" else "dv_ok") + d_axis)
    return f", mask={' & '.join(parts)}, other=0.0" if parts else ""


def _load_k(spec: KernelSpec, kind: str, keys: str) -> list[str]:
    if spec.kv_code:  # quantized: codes, scales, residual (kvload.py)
        return kvload.load(spec, "k", keys) + [f"s = tl.dot(q, tl.trans(k){precision(spec)})"]
    if spec.tma:
        # [1, 1, BLOCK_N, BLOCK_D] boxes of the [B, Hkv, S, D] descriptor: rows past the
        # sequence's end and head-dim padding come back as zeros
        return ["k = K.load([b, hk, j * BLOCK_N, 0]).reshape(BLOCK_N, BLOCK_D)",
                f"s = tl.dot(q, tl.trans(k){precision(spec)})"]
    return _kv_offsets(spec, "k") + [
        f"k = tl.load(K + k_rows[None, :] + d[:, None]{_load_mask(spec, kind, keys, 'k')})",
        f"s = tl.dot(q, k{precision(spec)})",
    ]


def _load_v(spec: KernelSpec, kind: str, keys: str) -> list[str]:
    if spec.kv_code:
        return kvload.load(spec, "v", keys)
    if spec.tma:
        return ["v = V.load([b, hk, j * BLOCK_N, 0]).reshape(BLOCK_N, BLOCK_DV)"]
    return _kv_offsets(spec, "v") + [
        f"v = tl.load(V + v_rows[:, None] + dv[None, :]{_load_mask(spec, kind, keys, 'v')})"]


def _score_mods(spec: KernelSpec) -> list[str]:
    """Softcap or ALiBi on the scores, leaving them scaled, in base-2 units (plain scores
    stay unscaled until the softmax, see ``_softmax``)."""
    lines: list[str] = []
    if spec.softcap:
        lines += ["s = s * sm_scale / softcap",
                  "# softcap * tanh(s): a series near 0 (no cancellation), exp form elsewhere",
                  "e2 = tl.exp(-2.0 * tl.abs(s))",
                  "s2 = s * s",
                  "t = tl.where(tl.abs(s) < 0.1, s * (1.0 - s2 / 3.0 + s2 * s2 * 0.13333333),"
                  " tl.where(s < 0, -1.0, 1.0) * (1.0 - e2) / (1.0 + e2))",
                  "s = softcap * t * LOG2E"]
    elif spec.alibi:
        lines.append("s = s * qk_scale")
    if spec.alibi:
        lines.append("s = s - slope[:, None] * tl.abs(p[:, None] - kva[None, :]).to(tl.float32)"
                     " * LOG2E")
    return lines


def _softmax(spec: KernelSpec, kind: str) -> list[str]:
    """The online-softmax update. Plain scores keep their running max unscaled and are
    scaled after the subtraction, ``exp2((s - m) * qk_scale)``: the scaled form (one
    fma, ``s * qk_scale - m * qk_scale``) gives inf - inf = NaN once ``scale * score``
    passes the float32 range, where this form gives the limit (scale > 0 is a verifier
    rule, so the max commutes with the scaling). Only a masked tile can leave a row with
    no visible key so far (max -inf), so only there is the max guarded."""
    plain = not (spec.softcap or spec.alibi)
    lines = ["m_new = tl.maximum(m_i, tl.max(s, 1))"]
    m = "m_new"
    if kind == "masked":
        lines.append("m_use = tl.where(m_new == float('-inf'), 0.0, m_new)")
        m = "m_use"
    lines += [
        f"p_ij = tl.exp2((s - {m}[:, None]) * qk_scale)" if plain
        else f"p_ij = tl.exp2(s - {m}[:, None])",
        f"alpha = tl.exp2((m_i - {m}) * qk_scale)" if plain else f"alpha = tl.exp2(m_i - {m})",
        "l_i = l_i * alpha + tl.sum(p_ij, 1)",
    ]
    return lines


def tile(spec: KernelSpec, mc: MaskCode, kind: str) -> list[str]:
    """The body for key tile ``j`` of the given kind (see the module docstring)."""
    assert kind in KINDS, kind
    lines = ["kv = j * BLOCK_N + tl.arange(0, BLOCK_N)"]
    if kind != "full" or spec.kv_layout == "paged" or spec.kv_code:
        lines.append("kv_ok = kv < kv_len")
    if spec.alibi or (kind == "masked" and mc.predicate):
        lines.append("kva = kv + kv_off")
    if spec.kv_layout == "paged":
        lines.append(_page(spec))
    keys = "kv_ok"
    if kind == "masked":
        # rows past q_len matter only where they could make a generic mask load a tile
        # no real row sees; elsewhere their results are simply not stored
        vis = "row_ok[:, None] & kv_ok[None, :]" if mc.generic else "kv_ok[None, :]"
        if mc.predicate:
            vis += f" & {mc.predicate}"
        lines.append(f"vis = {vis}")
        if mc.generic:
            # generic masks: K/V rows no query row can see are predicated off, so
            # empty tiles cost no memory traffic (a branch around the body instead
            # crashes triton 3.6's ptxas on sm_90)
            lines.append("load_ok = kv_ok & (tl.max(vis.to(tl.int32), 0) > 0)")
            keys = "load_ok"
    body = _load_k(spec, kind, keys) + _score_mods(spec)
    if kind == "masked":
        body.append("s = tl.where(vis, s, float('-inf'))")
    elif kind == "bounded":
        body.append("s = tl.where(kv_ok[None, :], s, float('-inf'))")
    body += _softmax(spec, kind) + _load_v(spec, kind, keys) + [
        "acc = acc * alpha[:, None]",
        f"acc = tl.dot(p_ij.to(v.dtype), v, acc{precision(spec)})",
        "m_i = m_new",
    ]
    return lines + body


def score_tile(spec: KernelSpec, mc: MaskCode) -> list[str]:
    """Eviction scores for key tile ``j``: the scores again, for the rows in the window
    (``sc_row``), as probabilities under the rows' final softmax (``sc_m``, ``sc_inv``:
    the max in the main loop's units and 1 / l), summed over rows into the KV head's
    scores. Several programs add to one key (row blocks; the query heads of a group when
    they are not packed in one program), hence the atomic add."""
    lines = ["kv = j * BLOCK_N + tl.arange(0, BLOCK_N)", "kv_ok = kv < kv_len"]
    if spec.alibi or mc.predicate:
        lines.append("kva = kv + kv_off")
    if spec.kv_layout == "paged":
        lines.append(_page(spec))
    vis = "sc_row[:, None] & kv_ok[None, :]" + (f" & {mc.predicate}" if mc.predicate else "")
    plain = not (spec.softcap or spec.alibi)
    return lines + _load_k(spec, "masked", "kv_ok") + _score_mods(spec) + [
        f"vis = {vis}",
        "p_sc = tl.where(vis, tl.exp2(" + ("(s - sc_m[:, None]) * qk_scale" if plain
                                         else "s - sc_m[:, None]") + ") * sc_inv[:, None], 0.0)",
        "tl.atomic_add(SC + b.to(tl.int64) * stride_sb + hk.to(tl.int64) * stride_sh"
        " + (k_start + kv).to(tl.int64), tl.sum(p_sc, 0), mask=kv_ok)",
    ]
