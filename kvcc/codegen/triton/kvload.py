"""The load piece for quantized K/V: codes, scales and zeros read and dequantized in
the kernel, after the load and before the dot (``KVFormat`` holds the rules).

Codes ``K``/``V`` are ``[B, Hkv, N, W]`` (``N`` quantized tokens; ``W`` = D codes
(fp8 codes passed as their bytes),
or D / (32 / bits) int32 words with code ``i`` of a word in bits ``i*bits ..``;
QuantSpec: two such planes of 4-bit codes, upper first). Scales and zeros by scope:
``head`` ``[B, Hkv]``, ``token`` ``[B, Hkv, N, D / G]``, ``channel`` ``[B, Hkv, N / G,
D]`` (KIVI keys). Keys past ``nk`` (values past ``nv``) are the full-precision
residual ``KR``/``VR`` ``[B, Hkv, R, D]``. A tile's rows come from the codes or the
residual (masked loads of both, so no byte is read twice), dequantized to fp32 and
rounded to q's dtype for the dot.

Paged (``AttentionOp.residual_slot``): codes and per-token scales are pages ``[P,
page, Hkv, .]`` read through the tile's ``page``; per-channel scales ``[P, ceil(page /
G), Hkv, D]`` sit in the page of their group's first token; the per-head scale is
``[Hkv]``. The residual is a ring per sequence, ``[S, R, Hkv, D]``, row ``RSLOT[b]``,
slot ``position mod R``; keys are quantized up to the last whole block of
``kv_kblock`` tokens and values up to ``kv_window`` tokens from the end, computed from
each sequence's length.
"""

from __future__ import annotations

from kvcc.codegen.triton.spec import KernelSpec

TL = {"f16": "tl.float16", "bf16": "tl.bfloat16", "f32": "tl.float32"}
_BITS = {"u8": 8, "u4": 4, "u2": 2}


def params(spec: KernelSpec) -> list[tuple[str, str]]:
    """Extra kernel parameters of a quantized spec, with their Triton signature types."""
    if not spec.kv_code:
        return []
    sp = {"f16": "*fp16", "bf16": "*bf16", "f32": "*fp32"}[spec.kv_scale]
    res = {"f16": "*fp16", "bf16": "*bf16", "f32": "*fp32"}[spec.dtype]
    out = [("KS", sp), ("KZ", sp), ("VS", sp), ("VZ", sp), ("KR", res), ("VR", res)]
    for t in ("ks", "vs", "kr", "vr"):
        out += [(f"stride_{t}b", "i64"), (f"stride_{t}s", "i64"), (f"stride_{t}h", "i64")]
    out += [("nk", "i32"), ("nv", "i32")]
    return out + ([("RSLOT", "*i32")] if spec.kv_layout == "paged" else [])


def _rows(spec: KernelSpec, st: str) -> str:
    """Offsets of this tile's keys' rows in a per-token tensor with strides ``st``."""
    if spec.kv_layout == "paged":
        return (f"(page.to(tl.int64) * stride_{st}b + (kv % {spec.page_size}).to(tl.int64)"
                f" * stride_{st}s + hk.to(tl.int64) * stride_{st}h)")
    return (f"(b.to(tl.int64) * stride_{st}b + kv.to(tl.int64) * stride_{st}s"
            f" + hk.to(tl.int64) * stride_{st}h)")


def _codes(spec: KernelSpec, ptr: str, rows: str, width: int, block: str, ok: str) -> list[str]:
    """``c`` ``[BLOCK_N, block]``: a tile's codes as fp32, rows contiguous along the
    channels (so words and bytes load in wide vectors)."""
    if spec.kv_code.startswith("f8"):
        # fp8 codes arrive as bytes and are decoded in integer math: Triton has no e4m3
        # type before sm_89, and one path serves every GPU and the interpreter
        e_bits, bias = (4, 7) if spec.kv_code == "f8e4m3" else (5, 15)
        m_bits = 7 - e_bits
        return [
            f"c = tl.load({ptr} + {rows}[:, None] + ch[None, :], mask={ok}, other=0)"
            ".to(tl.int32)",
            f"e = (c >> {m_bits}) & {2 ** e_bits - 1}",
            f"m = (c & {2 ** m_bits - 1}).to(tl.float32) / {2 ** m_bits}.0",
            f"mag = tl.where(e == 0, m * {2.0 ** (1 - bias)!r},"
            f" (1.0 + m) * tl.exp2((e - {bias}).to(tl.float32)))",
            "c = tl.where((c & 128) != 0, -mag, mag)",
        ]
    if not spec.kv_packed:
        return [f"c = tl.load({ptr} + {rows}[:, None] + ch[None, :], mask={ok}, other=0)"
                ".to(tl.float32)"]
    bits = 4 if spec.kv_hier else _BITS[spec.kv_code]
    per = 32 // bits
    lines = [f"wi = tl.arange(0, {block} // {per})",
             f"w_ok = {ok.replace('ch[None, :] <', f'wi[None, :] * {per} <')}",
             f"sh = tl.arange(0, {per}) * {bits}"]

    def unpack(offset: str) -> list[str]:
        return [f"w = tl.load({ptr} + {rows}[:, None] + {offset}wi[None, :], mask=w_ok, other=0)",
                f"u = ((w[:, :, None] >> sh[None, None, :]) & {2 ** bits - 1})"
                f".reshape(BLOCK_N, {block}).to(tl.float32)"]
    if spec.kv_hier and spec.kv_upper:  # QuantSpec's draft view: the upper plane alone
        return lines + unpack("") + ["c = u"]
    if spec.kv_hier:  # QuantSpec: the upper plane, then the lower correction in sixteenths
        return lines + unpack("") + ["c = u"] + unpack(f"{width // 8} + ") + [
            "c += (u - 8.0) / 16.0"]
    return lines + unpack("") + ["c = u"]


def _scale(spec: KernelSpec, role: str, kv: str, block: str, width: int, ok: str) -> list[str]:
    """``x = c * scale (+ zero)`` for the role's scope, ``[BLOCK_N, block]``."""
    s, z = ("KS", "KZ") if role == "k" else ("VS", "VZ")
    st = "ks" if role == "k" else "vs"
    scope = spec.k_scope if role == "k" else spec.v_scope
    zero = not spec.kv_code.startswith("f8")
    paged = spec.kv_layout == "paged"
    base = (f"hk.to(tl.int64) * stride_{st}h" if paged
            else f"b.to(tl.int64) * stride_{st}b + hk.to(tl.int64) * stride_{st}h")
    if scope == "head":
        lines = [f"x = c * tl.load({s} + {base}).to(tl.float32)"]
        return lines + ([f"x += tl.load({z} + {base}).to(tl.float32)"] if zero else [])
    if scope == "channel":  # per channel over groups of G tokens: rows repeat within a group
        g, ps = spec.kv_group, spec.page_size
        lines = []
        if not paged:
            idx = (f"{base} + ({kv} // {g}).to(tl.int64)[:, None] * stride_{st}s"
                   " + ch[None, :]")
        else:  # the group's scales are in the page of its first token
            if ps % g == 0:
                lines.append(f"c_pg = page.to(tl.int64) * stride_{st}b + (({kv} % {ps}) // {g})"
                             f".to(tl.int64) * stride_{st}s")
            else:
                lines += [f"g0 = ({kv} // {g}) * {g}",
                          f"c_pg = tl.load(BT + b.to(tl.int64) * stride_bt + g0 // {ps}, "
                          f"mask={kv} < n_rows, other=0).to(tl.int64) * stride_{st}b"
                          f" + ((g0 % {ps}) // {g}).to(tl.int64) * stride_{st}s"]
            idx = f"{base} + c_pg[:, None] + ch[None, :]"
        lines += [f"x = c * tl.load({s} + {idx}, mask={ok}, other=0.0).to(tl.float32)"]
        return lines + ([f"x += tl.load({z} + {idx}, mask={ok}, other=0.0).to(tl.float32)"]
                        if zero else [])
    g = spec.kv_group or width
    row = _rows(spec, st) if paged else f"({base} + {kv}.to(tl.int64) * stride_{st}s)"
    if g == width:  # one scale per token
        lines = [f"sc = tl.load({s} + {row}, mask={kv} < n_rows, other=0.0).to(tl.float32)",
                 "x = c * sc[:, None]"]
        return lines + ([f"x += tl.load({z} + {row}, mask={kv} < n_rows, other=0.0)"
                         ".to(tl.float32)[:, None]"] if zero else [])
    if g & (g - 1) == 0:  # groups of a power-of-two width: scales broadcast per group
        gi = f"tl.arange(0, {block} // {g})"
        gok = f"({kv} < n_rows)[:, None] & ({gi}[None, :] < {width // g})"
        idx = f"{row}[:, None] + {gi}[None, :]"
        lines = [f"sc = tl.load({s} + {idx}, mask={gok}, other=0.0).to(tl.float32)",
                 f"x = c.reshape(BLOCK_N, {block} // {g}, {g}) * sc[:, :, None]"]
        if zero:
            lines += [f"zz = tl.load({z} + {idx}, mask={gok}, other=0.0).to(tl.float32)",
                      "x += zz[:, :, None]"]
        return lines + [f"x = x.reshape(BLOCK_N, {block})"]
    idx = f"{row}[:, None] + ch[None, :] // {g}"  # other widths: a scale per element
    lines = [f"x = c * tl.load({s} + {idx}, mask={ok}, other=0.0).to(tl.float32)"]
    return lines + ([f"x += tl.load({z} + {idx}, mask={ok}, other=0.0).to(tl.float32)"]
                    if zero else [])


def load(spec: KernelSpec, role: str, keys: str) -> list[str]:
    """Lines that leave the tile's dequantized rows, ``[BLOCK_N, D]`` in q's dtype, in
    ``k`` (role ``k``; the dot takes its transpose) or ``v`` (role ``v``)."""
    width, block, n = ((spec.head_dim, "BLOCK_D", "nk") if role == "k"
                       else (spec.head_dim_v, "BLOCK_DV", "nv"))
    p = role.upper()
    ring = spec.kv_kblock if role == "k" else spec.kv_window
    paged = spec.kv_layout == "paged"
    if paged:  # quantized up to a whole key block, or all but the value window
        n = (f"kv_len - kv_len % {ring}" if role == "k" else f"tl.maximum(kv_len - {ring}, 0)"
             ) if ring else "kv_len"
    lines = [f"ch = tl.arange(0, {block})", f"n_rows = {n}"]
    kv = "kv"
    quant_ok = f"({keys} & (kv < n_rows))[:, None] & (ch[None, :] < {width})"
    res_ok = f"({keys} & (kv >= n_rows))[:, None] & (ch[None, :] < {width})"
    lines += [f"c_rows = {_rows(spec, role)}"]
    lines += _codes(spec, p, "c_rows", width, block, quant_ok)
    lines += _scale(spec, role, kv, block, width, quant_ok)
    if spec.kv_residual and (ring or not paged):
        r = f"{role}r"
        slot = f"(kv % {ring})" if paged else "(kv - n_rows)"
        seq = "tl.load(RSLOT + b).to(tl.int64)" if paged else "b.to(tl.int64)"
        rrows = (f"({seq} * stride_{r}b + {slot}.to(tl.int64) * stride_{r}s"
                 f" + hk.to(tl.int64) * stride_{r}h)")
        lines += [f"xr = tl.load({p}R + {rrows}[:, None] + ch[None, :], mask={res_ok},"
                  " other=0.0).to(tl.float32)",
                  "x = tl.where((kv < n_rows)[:, None], x, xr)"]
    lines.append(f"{role} = x.to({TL[spec.dtype]})")
    return lines
