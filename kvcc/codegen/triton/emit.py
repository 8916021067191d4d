"""Emit Triton source for a KernelSpec.

One FlashAttention-2-style forward serves every variant: online softmax in base 2
over key tiles, fp32 accumulation, K and V read once per program. The spec picks
the pieces spliced in: sequence extents and row/key addressing for the layout
(dense, packed with ``cu_seqlens``, paged through a block table), GQA packing
(the query heads of one KV head stacked in the M tile, for decode), the mask
(key range per program, tiles that skip the predicate, see ``mask_emit``), score
modifiers (softcap, ALiBi), and split-KV (partial states to a workspace plus a
merge kernel). Everything kvcc can emit for Triton is in this file and
``mask_emit.py``.
"""

from __future__ import annotations

import textwrap

from kvcc.codegen.triton.mask_emit import MaskCode, emit_mask
from kvcc.codegen.triton.spec import KernelSpec, mask_of

TL_DTYPES = {"f16": "tl.float16", "bf16": "tl.bfloat16", "f32": "tl.float32"}

# The fixed parameters of every kernel; the launcher passes them in this order.
PARAMS = [
    "Q", "K", "V", "O", "LSE", "OPART", "LPART", "CU_Q", "CU_K", "BT", "KVL", "SLOPES",
    "stride_qb", "stride_qs", "stride_qh", "stride_kb", "stride_ks", "stride_kh",
    "stride_vb", "stride_vs", "stride_vh", "stride_ob", "stride_os", "stride_oh",
    "stride_lb", "stride_ls", "stride_lh", "stride_bt",
    "q_len_static", "kv_len_static", "q_shift_in", "r_off_in", "kv_off_in", "kv_total_in",
    "sm_scale", "softcap", "num_splits", "rows_pad", "heads_prog",
]
CONSTEXPRS = ["BLOCK_M", "BLOCK_N", "BLOCK_D", "BLOCK_DV"]


def kernel_name(spec: KernelSpec) -> str:
    return f"kvcc_attn_{spec.key()}"


def _indent(lines: list[str], n: int = 4) -> str:
    return textwrap.indent("\n".join(lines), " " * n)


def _prologue(spec: KernelSpec) -> list[str]:
    """Sequence extents, this program's rows, heads and positions (shared by the
    attention and merge kernels)."""
    g = spec.rows_per_q
    lines = [
        "# grid: (row blocks, sequences, heads x splits), as CUDA caps axes 1 and 2 at 65535",
        "pid_m = tl.program_id(0)",
        "b = tl.program_id(1)",
        "hp = tl.program_id(2) % heads_prog",
        "pid_bh = b * heads_prog + hp",
        "n_bh = tl.num_programs(1) * heads_prog",
    ]
    if spec.q_layout == "packed":
        lines += ["q_start = tl.load(CU_Q + b).to(tl.int64)",
                  "q_len = (tl.load(CU_Q + b + 1) - tl.load(CU_Q + b)).to(tl.int32)"]
    else:
        lines += ["q_start = 0", "q_len = q_len_static"]
    if spec.kv_layout == "packed":
        lines += ["k_start = tl.load(CU_K + b).to(tl.int64)",
                  "kv_len = (tl.load(CU_K + b + 1) - tl.load(CU_K + b)).to(tl.int32)"]
    elif spec.kv_layout == "paged" or spec.kv_lens:
        lines += ["k_start = 0", "kv_len = tl.load(KVL + b).to(tl.int32)"]
    else:
        lines += ["k_start = 0", "kv_len = kv_len_static"]
    lines += [
        "rows = pid_m * BLOCK_M + tl.arange(0, BLOCK_M)",
        f"qrow = rows // {g}" if g > 1 else "qrow = rows",
        "row_ok = qrow < q_len",
        f"qrow_lo = (pid_m * BLOCK_M) // {g}",
        f"qrow_hi = tl.minimum(((pid_m + 1) * BLOCK_M - 1) // {g}, q_len - 1)",
    ]
    if spec.pack_gqa:
        lines += ["hk = hp", f"hq_row = hk * {spec.group} + rows % {spec.group}"]
    else:
        lines += ["hq_row = hp + 0 * rows", f"hk = hp // {spec.group}"]
    if spec.placed:
        lines += ["q_shift = q_shift_in", "r_off = r_off_in", "kv_off = kv_off_in",
                  "kv_total = kv_total_in"]
    else:
        lines += ["q_shift = kv_len - q_len", "r_off = 0", "kv_off = 0", "kv_total = kv_len"]
    lines += [
        "p = qrow + q_shift  # aligned (bottom-right) position of each row",
        "r = qrow + r_off  # top-left row index",
        "p_lo = qrow_lo + q_shift",
        "p_hi = qrow_hi + q_shift",
        "r_lo = qrow_lo + r_off",
        "r_hi = qrow_hi + r_off",
        "o_rows = (b.to(tl.int64) * stride_ob + (q_start + qrow).to(tl.int64) * stride_os"
        " + hq_row.to(tl.int64) * stride_oh)",
        "l_rows = (b.to(tl.int64) * stride_lb + (q_start + qrow).to(tl.int64) * stride_ls"
        " + hq_row.to(tl.int64) * stride_lh)",
        "dv = tl.arange(0, BLOCK_DV)",
        f"dv_ok = dv < {spec.head_dim_v}",
    ]
    return lines


def _kv_offsets(spec: KernelSpec, which: str) -> list[str]:
    """Row offsets of this tile's keys (``which`` is k or v), int64."""
    s = f"stride_{which}"
    if spec.kv_layout == "paged":
        ps = spec.page_size
        return [
            f"{which}_rows = (page.to(tl.int64) * {s}b + (kv % {ps}).to(tl.int64) * {s}s"
            f" + hk.to(tl.int64) * {s}h)",
        ]
    return [f"{which}_rows = (b.to(tl.int64) * {s}b + (k_start + kv).to(tl.int64) * {s}s"
            f" + hk.to(tl.int64) * {s}h)"]


def _tile(spec: KernelSpec, mc: MaskCode, masked: bool) -> list[str]:
    """The body for key tile ``j``: load K, scores, (mask), online softmax, load V."""
    lines = [
        "kv = j * BLOCK_N + tl.arange(0, BLOCK_N)",
        "kv_ok = kv < kv_len",
        "kva = kv + kv_off",
    ]
    if spec.kv_layout == "paged":
        lines.append(f"page = tl.load(BT + b.to(tl.int64) * stride_bt + kv // {spec.page_size},"
                     " mask=kv_ok, other=0)")
    vis = None
    load_ok = "kv_ok"
    if masked:
        vis = "row_ok[:, None] & kv_ok[None, :]"
        if mc.predicate:
            vis += f" & {mc.predicate}"
        lines.append(f"vis = {vis}")
        if mc.generic:
            # generic masks: K/V rows no query row can see are predicated off, so
            # empty tiles cost no memory traffic (a branch around the body instead
            # crashes triton 3.6's ptxas on sm_90)
            lines.append("load_ok = kv_ok & (tl.max(vis.to(tl.int32), 0) > 0)")
            load_ok = "load_ok"
    if spec.tma:
        # K and V through TMA descriptors over the [B*Hkv*S, D] view; rows past this
        # sequence belong to the next head and are masked (scores) or zeroed (values)
        body = ["k = K.load([kv_row0 + j * BLOCK_N, 0])",
                f"s = tl.dot(q, tl.trans(k){_precision(spec)})"]
    else:
        body = _kv_offsets(spec, "k") + [
            f"k = tl.load(K + k_rows[None, :] + d[:, None], mask={load_ok}[None, :] & d_ok[:, None],"
            " other=0.0)",
            f"s = tl.dot(q, k{_precision(spec)})",
        ]
    if spec.softcap:
        body += ["s = s * sm_scale / softcap",
                 "# softcap * tanh(s): a series near 0 (no cancellation), exp form elsewhere",
                 "e2 = tl.exp(-2.0 * tl.abs(s))",
                 "s2 = s * s",
                 "t = tl.where(tl.abs(s) < 0.1, s * (1.0 - s2 / 3.0 + s2 * s2 * 0.13333333),"
                 " tl.where(s < 0, -1.0, 1.0) * (1.0 - e2) / (1.0 + e2))",
                 "s = softcap * t * LOG2E"]
    elif spec.alibi:
        body.append("s = s * qk_scale")
    # plain scores stay unscaled: the row max is scaled instead (scale > 0, checked by
    # the verifier), so each score takes one fma in exp2's argument, not a mul and a sub
    plain = not (spec.softcap or spec.alibi)
    if spec.alibi:
        body.append("s = s - slope[:, None] * tl.abs(p[:, None] - kva[None, :]).to(tl.float32)"
                    " * LOG2E")
    if masked:
        body.append("s = tl.where(vis, s, float('-inf'))")
    body += [
        "m_new = tl.maximum(m_i, tl.max(s, 1) * qk_scale)" if plain
        else "m_new = tl.maximum(m_i, tl.max(s, 1))",
        "m_use = tl.where(m_new == float('-inf'), 0.0, m_new)",
        "p_ij = tl.exp2(s * qk_scale - m_use[:, None])" if plain
        else "p_ij = tl.exp2(s - m_use[:, None])",
        "alpha = tl.exp2(m_i - m_use)",
        "l_i = l_i * alpha + tl.sum(p_ij, 1)",
    ]
    if spec.tma:
        body.append("v = V.load([kv_row0 + j * BLOCK_N, 0])")
        if masked:
            body.append("v = tl.where(kv_ok[:, None], v, 0.0)  # 0 * (next head's rows)")
    else:
        body += _kv_offsets(spec, "v") + [
            f"v = tl.load(V + v_rows[:, None] + dv[None, :], mask={load_ok}[:, None] & dv_ok[None, :],"
            " other=0.0)"]
    body += [
        f"acc = acc * alpha[:, None] + tl.dot(p_ij.to(v.dtype), v{_precision(spec)})",
        "m_i = m_new",
    ]
    return lines + body


def _precision(spec: KernelSpec) -> str:
    return ", input_precision='ieee'" if spec.dtype == "f32" else ""


def _loop(spec: KernelSpec, mc: MaskCode, lo: str, hi: str, masked: bool) -> list[str]:
    return [f"for j in range({lo}, {hi}):"] + ["    " + ln for ln in _tile(spec, mc, masked)]


def emit(spec: KernelSpec) -> str:
    """Triton source for ``spec``: one attention kernel, plus a merge kernel when split."""
    mc = emit_mask(mask_of(spec))
    name = kernel_name(spec)
    params = ",\n    ".join(PARAMS + [p.name for p in mc.params]
                              + [f"{c}: tl.constexpr" for c in CONSTEXPRS])
    pro = _prologue(spec)
    main = list(pro)
    main += [
        "if qrow_lo >= q_len:",
        "    return",
        "d = tl.arange(0, BLOCK_D)",
        f"d_ok = d < {spec.head_dim}",
        "q_rows = (b.to(tl.int64) * stride_qb + (q_start + qrow).to(tl.int64) * stride_qs"
        " + hq_row.to(tl.int64) * stride_qh)",
        "q = tl.load(Q + q_rows[:, None] + d[None, :], mask=row_ok[:, None] & d_ok[None, :],"
        " other=0.0)",
        "qk_scale = sm_scale * LOG2E",
    ]
    if spec.alibi:
        main.append("slope = tl.load(SLOPES + hq_row)")
    if spec.tma:
        main.append("kv_row0 = ((b.to(tl.int64) * stride_kb + hk.to(tl.int64) * stride_kh)"
                    " // stride_ks).to(tl.int32)  # this sequence's first row in the 2-D view")
    main += mc.prologue
    main += [
        "# the keys this program can see, and the tiles every row sees whole",
        f"kv_lo = tl.minimum(tl.maximum({mc.lo} - kv_off, 0), kv_len)",
        f"kv_hi = tl.minimum(tl.maximum({mc.hi} - kv_off, 0), kv_len)",
        f"full_lo = {mc.full_lo} - kv_off",
        f"full_hi = tl.minimum({mc.full_hi} - kv_off, kv_len)",
        "blk_lo = kv_lo // BLOCK_N",
        "blk_hi = tl.maximum(tl.cdiv(kv_hi, BLOCK_N), blk_lo)",
        "fb_lo = tl.minimum(tl.maximum(tl.cdiv(tl.maximum(full_lo, 0), BLOCK_N), blk_lo), blk_hi)",
        "fb_hi = tl.minimum(tl.maximum(full_hi // BLOCK_N, fb_lo), blk_hi)",
    ]
    if spec.split:
        main += [
            "pid_s = tl.program_id(2) // heads_prog",
            "per_split = tl.cdiv(blk_hi - blk_lo, num_splits)",
            "s_lo = tl.minimum(blk_lo + pid_s * per_split, blk_hi)",
            "s_hi = tl.minimum(s_lo + per_split, blk_hi)",
        ]
    else:
        main += ["s_lo = blk_lo", "s_hi = blk_hi"]
    main += [
        "m_i = tl.full([BLOCK_M], float('-inf'), tl.float32)",
        "l_i = tl.zeros([BLOCK_M], tl.float32)",
        "acc = tl.zeros([BLOCK_M, BLOCK_DV], tl.float32)",
        "# masked edge, unmasked middle, masked edge",
    ]
    main += _loop(spec, mc, "s_lo", "tl.minimum(fb_lo, s_hi)", True)
    main += _loop(spec, mc, "tl.maximum(fb_lo, s_lo)", "tl.minimum(fb_hi, s_hi)", False)
    main += _loop(spec, mc, "tl.maximum(fb_hi, s_lo)", "s_hi", True)
    main += [
        "l_safe = tl.where(l_i > 0.0, l_i, 1.0)",
        "o = acc / l_safe[:, None]",
        "lse = tl.where(l_i > 0.0, (m_i + tl.log2(l_safe)) * LN2, float('-inf'))",
    ]
    if spec.split:
        main += [
            "w_rows = ((pid_s * n_bh + pid_bh).to(tl.int64) * rows_pad + rows)",
            "tl.store(OPART + w_rows[:, None] * BLOCK_DV + dv[None, :], o, mask=row_ok[:, None])",
            "tl.store(LPART + w_rows, lse, mask=row_ok)",
        ]
    else:
        main += _store(spec)
    out = [
        f'"""Generated by kvcc from KernelSpec {spec.key()}:',
        textwrap.indent(spec.text(), "    ").rstrip(),
        '"""',
        "",
        "import triton.language as tl",
        "",
        "LOG2E = tl.constexpr(1.4426950408889634)",
        "LN2 = tl.constexpr(0.6931471805599453)",
        "",
        "",
        "@jit",
        f"def {name}(\n    {params},\n):",
        _indent(main),
    ]
    if spec.split:
        out += ["", "", "@jit", f"def {name}_merge(\n    {params},\n):", _indent(_merge(spec, pro))]
    return "\n".join(out) + "\n"


def _store(spec: KernelSpec) -> list[str]:
    lines = [f"tl.store(O + o_rows[:, None] + dv[None, :], o.to({TL_DTYPES[spec.out_dtype]}),"
             " mask=row_ok[:, None] & dv_ok[None, :])"]
    if spec.return_lse:
        lines.append("tl.store(LSE + l_rows, lse, mask=row_ok)")
    return lines


def _merge(spec: KernelSpec, pro: list[str]) -> list[str]:
    """Merge the split states of each row: the attention-state merge (techniques.md)."""
    return list(pro) + [
        "if qrow_lo >= q_len:",
        "    return",
        "m = tl.full([BLOCK_M], float('-inf'), tl.float32)",
        "for s in range(0, num_splits):",
        "    w_rows = (s * n_bh + pid_bh).to(tl.int64) * rows_pad + rows",
        "    m = tl.maximum(m, tl.load(LPART + w_rows, mask=row_ok, other=float('-inf')))",
        "m_use = tl.where(m == float('-inf'), 0.0, m)",
        "total = tl.zeros([BLOCK_M], tl.float32)",
        "acc = tl.zeros([BLOCK_M, BLOCK_DV], tl.float32)",
        "for s in range(0, num_splits):",
        "    w_rows = (s * n_bh + pid_bh).to(tl.int64) * rows_pad + rows",
        "    w = tl.exp(tl.load(LPART + w_rows, mask=row_ok, other=float('-inf')) - m_use)",
        "    total += w",
        "    acc += w[:, None] * tl.load(OPART + w_rows[:, None] * BLOCK_DV + dv[None, :],"
        " mask=row_ok[:, None], other=0.0)",
        "t_safe = tl.where(total > 0.0, total, 1.0)",
        "o = acc / t_safe[:, None]",
        "lse = tl.where(total > 0.0, m_use + tl.log(t_safe), float('-inf'))",
    ] + _store(spec)
