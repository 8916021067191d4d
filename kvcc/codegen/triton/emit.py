"""Emit Triton source for a KernelSpec.

One FlashAttention-2-style forward serves every variant: online softmax in base 2
over key tiles, fp32 accumulation, K and V read once per program. The spec picks
the pieces spliced in: sequence extents and row/key addressing for the layout
(dense, packed with ``cu_seqlens``, paged through a block table), GQA packing
(the query heads of one KV head stacked in the M tile, for decode), the mask
(key range per program, and only the key loops its tile structure needs, see
``loops``), score modifiers (softcap, ALiBi), and split-KV (partial states to a
workspace plus a merge kernel). One key tile's body is in ``tile.py``. Everything
kvcc can emit for Triton is in this file, ``tile.py`` and ``mask_emit.py``.
"""

from __future__ import annotations

import textwrap

from kvcc.codegen.triton import kvload
from kvcc.codegen.triton.mask_emit import MaskCode, emit_mask
from kvcc.codegen.triton.spec import KernelSpec, mask_of
from kvcc.codegen.triton.tile import score_tile, tile

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
# eviction scores (spec.scores), after the format's parameters: the output, its
# (sequence, KV head) strides, and the window (rows at q_len - score_rows and later)
SCORE_PARAMS = [("SC", "*fp32"), ("stride_sb", "i64"), ("stride_sh", "i64"),
                ("score_rows", "i32")]


def score_params(spec: KernelSpec) -> list[tuple[str, str]]:
    """The eviction-score parameters of ``spec``'s kernels, (name, Triton type)."""
    return SCORE_PARAMS if spec.scores else []


def alt_params(spec: KernelSpec) -> list[tuple[str, str]]:
    """The parameters of pages read per KV head, after the score parameters: per-head
    block tables' head stride and lengths' sequence stride (``spec.bt_heads``); the
    second K/V source's pools, block table and lengths, and their strides
    (``spec.kv_alt``)."""
    if spec.bt_heads:
        return [("stride_bth", "i64"), ("stride_klb", "i64")]
    if not spec.kv_alt:
        return []
    kv = {"f16": "*fp16", "bf16": "*bf16", "f32": "*fp32"}[spec.dtype]
    return [("K2", kv), ("V2", kv), ("BT2", "*i32"), ("KVL2", "*i32")] + [
        (f"stride_{n}", "i64") for n in ("k2b", "k2s", "k2h", "v2b", "v2s", "v2h", "bt2")]


def _alt_select(spec: KernelSpec) -> list[str]:
    """A program of a KV head in ``spec.alt_heads`` reads the second source: its pool,
    block table, lengths and strides replace the first's (selects, not branches, so a
    stride the JIT specialized to a constant still takes the other's value), and
    ``hkv`` is the head's index within its pool."""
    heads = spec.alt_heads
    return [
        f"# KV heads {spec.kv_alt} read the second source of K/V",
        "alt = " + " | ".join(f"(hk == {h})" for h in heads),
        "below = " + " + ".join(f"(hk > {h}).to(tl.int32)" for h in heads)
        + "  # alt heads before hk",
        "hkv = tl.where(alt, below, hk - below)",
    ] + [f"{a} = tl.where(alt, {b}, {a})" for a, b in (
        ("K", "K2"), ("V", "V2"), ("BT", "BT2"), ("KVL", "KVL2"), ("stride_kb", "stride_k2b"),
        ("stride_ks", "stride_k2s"), ("stride_kh", "stride_k2h"), ("stride_vb", "stride_v2b"),
        ("stride_vs", "stride_v2s"), ("stride_vh", "stride_v2h"), ("stride_bt", "stride_bt2"))]


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
        kv_lines = ["k_start = tl.load(CU_K + b).to(tl.int64)",
                    "kv_len = (tl.load(CU_K + b + 1) - tl.load(CU_K + b)).to(tl.int32)"]
    elif spec.bt_heads:  # this KV head's length (its pages: tile.py)
        kv_lines = ["k_start = 0", "kv_len = tl.load(KVL + b * stride_klb + hk).to(tl.int32)"]
    elif spec.kv_layout == "paged" or spec.kv_lens:
        kv_lines = ["k_start = 0", "kv_len = tl.load(KVL + b).to(tl.int32)"]
    else:
        kv_lines = ["k_start = 0", "kv_len = kv_len_static"]
    if not (spec.kv_alt or spec.bt_heads):  # (else the lengths follow the KV head)
        lines += kv_lines
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
    if spec.kv_alt:
        lines += _alt_select(spec)
    if spec.kv_alt or spec.bt_heads:
        lines += kv_lines
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


def loops(mc: MaskCode) -> list[tuple[str, str, str]]:
    """The key loops a mask needs, as (first tile, end tile, tile kind), from its static
    structure: a mask with no masked tiles takes one loop (its last tile checks the
    sequence's end); a generic mask, whose tiles are classified only at run time, one
    masked loop; a mask whose visible keys start at key 0 (causal, sinks) an unmasked
    loop and a masked trailing edge; windows and documents, which can hide leading
    keys, a masked leading edge, the unmasked middle and a masked trailing edge."""
    if mc.all_visible:
        return [("s_lo", "s_hi", "bounded")]
    if mc.generic and mc.gap:  # the tiles before and after the keys no row sees
        return [("s_lo", "gap_a", "masked"), ("gap_b", "s_hi", "masked")]
    if mc.generic:
        return [("s_lo", "s_hi", "masked")]
    if mc.lead_free:
        return [("s_lo", "tl.minimum(fb_hi, s_hi)", "full"),
                ("tl.maximum(fb_hi, s_lo)", "s_hi", "masked")]
    return [("s_lo", "tl.minimum(fb_lo, s_hi)", "masked"),
            ("tl.maximum(fb_lo, s_lo)", "tl.minimum(fb_hi, s_hi)", "full"),
            ("tl.maximum(fb_hi, s_lo)", "s_hi", "masked")]


def _loop_header(lo: str, hi: str, edge: bool) -> str:
    """With TMA loads, an edge loop (a masked edge beside an unmasked loop, a few tiles
    long) is not software-pipelined, which would hold a second tile in flight for
    little gain: at 128x64 tiles with 4 warps, causal prefill spilled 64 bytes per
    thread on sm_90 pipelined, 16-24 not (triton 3.6). Pointer loads keep the pipeline:
    unpipelined, they go through registers (LDG instead of asynchronous copies) and
    spill more."""
    if edge:
        return f"for j in tl.range({lo}, {hi}, num_stages=1):"
    return f"for j in range({lo}, {hi}):"


def emit(spec: KernelSpec) -> str:
    """Triton source for ``spec``: one attention kernel, plus a merge kernel when split."""
    mc = emit_mask(mask_of(spec))
    name = kernel_name(spec)
    params = ",\n    ".join(PARAMS + [p.name for p in mc.params]
                              + [n for n, _ in kvload.params(spec)]
                              + [n for n, _ in score_params(spec)]
                              + [n for n, _ in alt_params(spec)]
                              + [f"{c}: tl.constexpr" for c in CONSTEXPRS])
    pro = _prologue(spec)
    main = list(pro)
    main += ["if qrow_lo >= q_len:", "    return", "d = tl.arange(0, BLOCK_D)",
             f"d_ok = d < {spec.head_dim}"]
    main += _load_q(spec)
    main.append("qk_scale = sm_scale * LOG2E")
    if spec.alibi:
        main.append("slope = tl.load(SLOPES + hq_row)")
    main += mc.prologue
    plan = loops(mc)
    main += _key_blocks(mc)
    if len(plan) == 3:
        main += [f"full_lo = {mc.full_lo} - kv_off",
                 "fb_lo = tl.minimum(tl.maximum(tl.cdiv(tl.maximum(full_lo, 0), BLOCK_N), blk_lo),"
                 " blk_hi)"]
    if len(plan) > 1 and not mc.generic:
        main += [f"full_hi = tl.minimum({mc.full_hi} - kv_off, kv_len)",
                 "fb_hi = tl.minimum(tl.maximum(full_hi // BLOCK_N, "
                 f"{'fb_lo' if len(plan) == 3 else 'blk_lo'}), blk_hi)"]
    if spec.split:
        main += [
            "pid_s = tl.program_id(2) // heads_prog",
            "per_split = tl.cdiv(blk_hi - blk_lo, num_splits)",
            "s_lo = tl.minimum(blk_lo + pid_s * per_split, blk_hi)",
            "s_hi = tl.minimum(s_lo + per_split, blk_hi)",
        ]
    else:
        main += ["s_lo = blk_lo", "s_hi = blk_hi"]
    if mc.generic and mc.gap:
        main += [
            "# the tiles wholly inside the keys no row sees: stepped over",
            f"gap_lo = tl.maximum({mc.gap[0]} - kv_off, 0)",
            f"gap_hi = tl.maximum({mc.gap[1]} - kv_off, 0)",
            "gap_a = tl.minimum(tl.maximum(tl.cdiv(gap_lo, BLOCK_N), s_lo), s_hi)",
            "gap_b = tl.minimum(tl.maximum(gap_hi // BLOCK_N, gap_a), s_hi)",
        ]
    main += [
        "m_i = tl.full([BLOCK_M], float('-inf'), tl.float32)",
        "l_i = tl.zeros([BLOCK_M], tl.float32)",
        "acc = tl.zeros([BLOCK_M, BLOCK_DV], tl.float32)",
        "# key loops: " + ", ".join(kind for _, _, kind in plan),
    ]
    for lo, hi, kind in plan:
        main.append(_loop_header(lo, hi, edge=spec.tma and kind == "masked" and len(plan) > 1))
        main += ["    " + ln for ln in tile(spec, mc, kind)]
    main += [
        "l_safe = tl.where(l_i > 0.0, l_i, 1.0)",
        "o = acc * (1.0 / l_safe)[:, None]  # one division per row, not per element",
        "lse = tl.where(l_i > 0.0, (m_i" + (" * qk_scale" if not (spec.softcap or spec.alibi)
                                            else "") + " + tl.log2(l_safe)) * LN2, float('-inf'))",
    ]
    if spec.split:
        main += [
            "w_rows = ((pid_s * n_bh + pid_bh).to(tl.int64) * rows_pad + rows)",
            "tl.store(OPART + w_rows[:, None] * BLOCK_DV + dv[None, :], o, mask=row_ok[:, None])",
            "tl.store(LPART + w_rows, lse, mask=row_ok)",
        ]
    else:
        main += _store(spec, spec.tma_qo)
        if spec.scores:
            main += _score_pass(spec, mc, "tl.where(m_i == float('-inf'), 0.0, m_i)",
                                "tl.where(l_i > 0.0, 1.0 / l_safe, 0.0)")
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
        out += ["", "", "@jit", f"def {name}_merge(\n    {params},\n):",
                _indent(_merge(spec, pro, mc))]
    return "\n".join(out) + "\n"


def _key_blocks(mc: MaskCode) -> list[str]:
    """The key tiles ``[blk_lo, blk_hi)`` this program's rows can see."""
    return [
        "# the keys this program can see, and the tiles every row sees whole",
        f"kv_lo = tl.minimum(tl.maximum({mc.lo} - kv_off, 0), kv_len)",
        f"kv_hi = tl.minimum(tl.maximum({mc.hi} - kv_off, 0), kv_len)",
        "blk_lo = kv_lo // BLOCK_N",
        "# a program that sees no key iterates no tile (not the one holding kv_lo)",
        "blk_hi = tl.where(kv_hi > kv_lo, tl.maximum(tl.cdiv(kv_hi, BLOCK_N), blk_lo), blk_lo)",
    ]


def _score_pass(spec: KernelSpec, mc: MaskCode, m: str, inv_l: str) -> list[str]:
    """Eviction scores: once a row's softmax is final (its max ``m`` in the main loop's
    units and ``inv_l`` = 1 / l), a second loop over this program's key tiles recomputes
    the scores of the window's rows and adds their probabilities into ``SC`` (tile.py's
    ``score_tile``). Programs with no window row loop over nothing."""
    return [
        "# eviction scores: the window rows' probabilities, summed per key",
        "sc_row = row_ok & (qrow >= q_len - score_rows)",
        f"sc_m = {m}",
        f"sc_inv = {inv_l}",
        "sc_hi = tl.where(qrow_hi >= q_len - score_rows, s_hi, s_lo)",
        "for j in range(s_lo, sc_hi):",
    ] + ["    " + ln for ln in score_tile(spec, mc)]


def _load_q(spec: KernelSpec) -> list[str]:
    if spec.tma_qo:
        # a [1, 1, BLOCK_M, BLOCK_D] box of the [B, Hq, Sq, D] descriptor: rows past the
        # end and head-dim padding come back as zeros
        return ["q = Q.load([b, hp, pid_m * BLOCK_M, 0]).reshape(BLOCK_M, BLOCK_D)"]
    mask = "row_ok[:, None]" + (" & d_ok[None, :]" if spec.head_dim != spec.block_d else "")
    return [
        "q_rows = (b.to(tl.int64) * stride_qb + (q_start + qrow).to(tl.int64) * stride_qs"
        " + hq_row.to(tl.int64) * stride_qh)",
        f"q = tl.load(Q + q_rows[:, None] + d[None, :], mask={mask}, other=0.0)",
    ]


def _store(spec: KernelSpec, tma: bool = False) -> list[str]:
    """Store o (and lse); ``tma``: o through the descriptor, which drops the rows and
    columns past the tensor's end."""
    dt = TL_DTYPES[spec.out_dtype]
    if tma:
        lines = [f"O.store([b, hp, pid_m * BLOCK_M, 0], o.to({dt}).reshape(1, 1, BLOCK_M,"
                 " BLOCK_DV))"]
    else:
        mask = "row_ok[:, None]" + (" & dv_ok[None, :]" if spec.head_dim_v != spec.block_dv
                                    else "")
        lines = [f"tl.store(O + o_rows[:, None] + dv[None, :], o.to({dt}), mask={mask})"]
    if spec.return_lse:
        lines.append("tl.store(LSE + l_rows, lse, mask=row_ok)")
    return lines


def _merge(spec: KernelSpec, pro: list[str], mc: MaskCode) -> list[str]:
    """Merge the split states of each row: the attention-state merge (techniques.md).
    With eviction scores, the merged lse is the rows' final softmax: the score pass over
    all of the row block's key tiles runs here."""
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
    ] + _store(spec, spec.tma_qo) + (_merge_scores(spec, mc) if spec.scores else [])


def _merge_scores(spec: KernelSpec, mc: MaskCode) -> list[str]:
    """The score pass of a split kernel: q, the mask's prologue and the row block's key
    tiles again; the probabilities are ``exp(score - lse)``."""
    plain = not (spec.softcap or spec.alibi)
    lines = ["d = tl.arange(0, BLOCK_D)", f"d_ok = d < {spec.head_dim}"] + _load_q(spec)
    lines.append("qk_scale = sm_scale * LOG2E")
    if spec.alibi:
        lines.append("slope = tl.load(SLOPES + hq_row)")
    lines += mc.prologue + _key_blocks(mc) + ["s_lo = blk_lo", "s_hi = blk_hi"]
    m = "tl.where(lse == float('-inf'), 0.0, lse * LOG2E" + (" / qk_scale)" if plain else ")")
    # the split loops above left ``s`` an int; the tiles' scores take that name, and a
    # name a loop reassigns must keep its type
    lines.append("s = tl.zeros([BLOCK_M, BLOCK_N], tl.float32)")
    return lines + _score_pass(spec, mc, m, "tl.where(lse == float('-inf'), 0.0, 1.0)")
