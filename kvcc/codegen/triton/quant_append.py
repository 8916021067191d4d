"""Quantize-on-append: the kernels that write new tokens into a quantized paged cache.

A step's cache writes are lists of rows the plan computes once (``kvcc/runtime/
qpages.py``): each row's source (``SRC[i] >= 0``: row ``i`` of the new tokens;
``< 0``: row ``-SRC[i] - 1`` of the role's full-precision ring, a token leaving the
residual window) and its destination slot in the pages (``DST``). Two kernel kinds:

- ``tokens``: one row per token, scales per token over groups of ``group`` channels
  (int8, int4, KIVI values, QuantSpec's two planes) or a static per-head scale
  (fp8, encoded in integer math: round to nearest even, saturating, as torch's cast
  after the reference's clamp). Grid: (row blocks, KV heads).
- ``groups``: KIVI keys, per channel over ``group`` tokens: one program quantizes a
  group (its rows listed ``group`` at a time) and writes the group's scales to row
  ``SDST[g]`` of the scale pages. Grid: (groups, KV heads).

The arithmetic is the reference's (``kvcc/codegen/reference/quant.py``) op for op in
float32: correctly rounded divisions (``div_rn``: a GPU's plain float32 division is
not), no fused multiply-adds (the launch and AOT turn FP fusion off), scales and
zeros rounded to their dtype before use, codes rounded half to even (``(y + 1.5 *
2^23) - 1.5 * 2^23``), packed lowest bits first, so the cache holds exactly what the
reference's prefill rule stores. Values whose scales overflow their dtype store inf
there (the reference refuses them; a kernel cannot raise).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields
from functools import lru_cache

from kvcc.codegen.triton.append import kernel_module

PTR = {"f16": "*fp16", "bf16": "*bf16", "f32": "*fp32"}
TL = {"f16": "tl.float16", "bf16": "tl.bfloat16", "f32": "tl.float32"}
PARAMS = ["X", "RING", "C", "S", "Z", "SRC", "DST", "SDST", "n_rows", "stride_xt", "stride_xh",
          "stride_rt", "stride_rh", "stride_ct", "stride_ch", "stride_st", "stride_sh"]
CONSTEXPRS = ["BLOCK_T", "BLOCK_D"]
RNE = "12582912.0"  # 1.5 * 2^23: adding and subtracting it rounds |y| < 2^22 half to even
_FP8 = {"f8e4m3": (3, -6, 448.0), "f8e5m2": (2, -14, 57344.0)}  # mantissa bits, min exp, max


@dataclass(frozen=True)
class QuantAppendSpec:
    """One quantize-on-append kernel: the cache's dtype and head dim, one role's format
    (code type, scale scope, group, packing, QuantSpec's planes, scale dtype), the
    kernel kind, and whether rows may come from the ring."""

    dtype: str
    head_dim: int
    code: str
    scope: str  # token | head | channel
    group: int
    packed: bool
    hier: bool
    scale: str
    ring: bool
    block_t: int = 16
    num_warps: int = 4
    num_stages: int = 1

    @property
    def kind(self) -> str:
        return "groups" if self.scope == "channel" else "tokens"

    def text(self) -> str:
        return "kind = quant_append\n" + "".join(f"{f.name} = {getattr(self, f.name)}\n"
                                                 for f in fields(self))

    @staticmethod
    def from_text(text: str) -> QuantAppendSpec:
        kv = dict(line.split(" = ", 1) for line in text.strip().splitlines()[1:])
        conv = {"int": int, "bool": lambda s: s == "True", "str": str}
        return QuantAppendSpec(**{f.name: conv[str(f.type)](kv[f.name])
                                  for f in fields(QuantAppendSpec)})

    def key(self) -> str:
        return _key(self)

    @property
    def block_d(self) -> int:
        return self.head_dim


@lru_cache(maxsize=64)
def _key(spec: QuantAppendSpec) -> str:
    return hashlib.sha256(spec.text().encode()).hexdigest()[:24]


def kernel_name(spec: QuantAppendSpec) -> str:
    return f"kvcc_qappend_{spec.key()}"


def check(head_dim: int, group: int) -> str | None:
    """Why these kernels cannot serve a head dim and group (tiles are whole powers of two),
    or None."""
    for name, n in (("head dim", head_dim), ("group", group)):
        if n & (n - 1) or n < 1:
            return f"the quantized cache's Triton kernels need a power-of-two {name}, got {n}"
    return None


def _levels(spec: QuantAppendSpec) -> int:
    return 15 if spec.hier else 2 ** {"u8": 8, "u4": 4, "u2": 2}[spec.code] - 1


def _load_rows(spec: QuantAppendSpec, rows: str, ok: str) -> list[str]:
    """``x [rows, D]`` fp32: each row from the new tokens or the ring."""
    lines = [f"src = tl.load(SRC + {rows}, mask={ok}, other=0)",
             f"dst = tl.load(DST + {rows}, mask={ok}, other=0).to(tl.int64)",
             "d = tl.arange(0, BLOCK_D)",
             "new = src >= 0",
             f"x = tl.load(X + src.to(tl.int64)[:, None] * stride_xt + h * stride_xh + d[None, :],"
             f" mask=({ok} & new)[:, None], other=0.0).to(tl.float32)"]
    if spec.ring:
        lines += [f"xr = tl.load(RING + (-src - 1).to(tl.int64)[:, None] * stride_rt + h * "
                  f"stride_rh + d[None, :], mask=({ok} & (src < 0))[:, None], other=0.0)"
                  ".to(tl.float32)",
                  "x = tl.where(new[:, None], x, xr)"]
    return lines


def _round(y: str) -> str:
    return f"(({y}) + {RNE}) - {RNE}"


def _store_codes(spec: QuantAppendSpec, rows: int | str, ok: str) -> list[str]:
    """Store ``code [rows, D]`` (int32 values) at the ``dst`` slots."""
    base = "C + dst[:, None] * stride_ct + h * stride_ch"
    if not spec.packed:
        return [f"tl.store({base} + d[None, :], code.to(tl.uint8), mask={ok}[:, None])"]
    bits = 4 if spec.hier else {"u4": 4, "u2": 2}[spec.code]
    per, d = 32 // bits, spec.head_dim
    lines = [f"wi = tl.arange(0, {d // per})", f"sh = tl.arange(0, {per}) * {bits}"]
    planes = [("code", 0)] if not spec.hier else [("code", 0), ("low", d // per)]
    for name, off in planes:
        lines += [f"w = tl.reduce({name}.reshape({rows}, {d // per}, {per}) << sh[None, None, :],"
                  " 2, _or)",
                  f"tl.store({base} + {off} + wi[None, :], w, mask={ok}[:, None])"]
    return lines


def _fp8(spec: QuantAppendSpec) -> list[str]:
    """``code`` (fp8 bytes) of ``x`` over the static per-head scale."""
    mb, emin, top = _FP8[spec.code]
    return [
        "sc = tl.load(S + h * stride_sh).to(tl.float32)",
        f"y = tl.minimum(tl.maximum(tl.math.div_rn(x, sc), -{top}), {top})",
        "bits = y.to(tl.int32, bitcast=True)",
        "a = bits & 0x7FFFFFFF",
        "e = (a >> 23) - 127",
        "m = (a & 0x7FFFFF) | 0x800000",
        f"sh = tl.minimum({23 - mb} + tl.maximum({emin} - e, 0), 30)",
        "q = m >> sh",
        "rem = m - (q << sh)",
        "unit = (sh * 0 + 1) << sh",
        "q += ((2 * rem > unit) | ((2 * rem == unit) & ((q & 1) == 1))).to(tl.int32)",
        f"code = tl.where(e >= {emin}, ((e - {emin}) << {mb}) + q, q)",
        "code = tl.where(bits < 0, code | 128, code)",
    ]


def _int_codes(spec: QuantAppendSpec, axis: int, rows: str, ng: str, g: str) -> list[str]:
    """Asymmetric codes of ``xg`` with ``sc``/``zz`` reduced over ``axis``."""
    lv = _levels(spec)
    sdt = TL[spec.scale]
    bc = "[:, :, None]" if axis == 2 else "[None, :]"
    lines = [f"mn = tl.min(xg, {axis})", f"mx = tl.max(xg, {axis})",
             f"sc = tl.math.div_rn(mx - mn, {lv}.0).to({sdt}).to(tl.float32)",
             f"zz = mn.to({sdt}).to(tl.float32)",
             "safe = tl.where(sc > 0, sc, 1.0)",
             f"y = tl.math.div_rn(xg - zz{bc}, safe{bc})",
             f"up = tl.minimum(tl.maximum({_round('y')}, 0.0), {lv}.0)"]
    if spec.hier:  # QuantSpec: the lower correction in sixteenths of the step
        lines += [f"rest = xg - (up * sc{bc} + zz{bc})",
                  f"lo = tl.minimum(tl.maximum({_round(f'rest / (safe{bc} / 16.0)')}, -8.0), 7.0)"
                  " + 8.0",
                  f"low = lo.to(tl.int32).reshape({rows}, {spec.head_dim})"]
    return lines + [f"code = up.to(tl.int32).reshape({rows}, {spec.head_dim})"]


def _body(spec: QuantAppendSpec) -> list[str]:
    d = spec.head_dim
    if spec.kind == "groups":
        g = spec.group
        lines = ["gi = tl.program_id(0)", "h = tl.program_id(1).to(tl.int64)",
                 f"r = gi * {g} + tl.arange(0, {g})", "r_ok = r < n_rows"]
        lines += _load_rows(spec, "r", "r_ok") + ["xg = x"]
        lines += _int_codes(spec, 0, str(g), "", str(g)) + _store_codes(spec, g, "r_ok")
        srow = "tl.load(SDST + gi).to(tl.int64) * stride_st + h * stride_sh + d"
        return lines + [f"tl.store(S + {srow}, sc.to({TL[spec.scale]}))",
                        f"tl.store(Z + {srow}, zz.to({TL[spec.scale]}))"]
    lines = ["r = tl.program_id(0) * BLOCK_T + tl.arange(0, BLOCK_T)",
             "h = tl.program_id(1).to(tl.int64)", "r_ok = r < n_rows"]
    lines += _load_rows(spec, "r", "r_ok")
    if spec.code.startswith("f8"):
        return lines + _fp8(spec) + _store_codes(spec, "BLOCK_T", "r_ok")
    g = spec.group or d
    lines += [f"xg = x.reshape(BLOCK_T, {d // g}, {g})"]
    lines += _int_codes(spec, 2, "BLOCK_T", str(d // g), str(g))
    lines += _store_codes(spec, "BLOCK_T", "r_ok")
    gi = f"tl.arange(0, {d // g})"
    srow = f"dst[:, None] * stride_st + h * stride_sh + {gi}[None, :]"
    sdt = TL[spec.scale]
    return lines + [f"tl.store(S + {srow}, sc.to({sdt}), mask=r_ok[:, None])",
                    f"tl.store(Z + {srow}, zz.to({sdt}), mask=r_ok[:, None])"]


def emit_quant_append(spec: QuantAppendSpec) -> str:
    """Triton source of the kernel."""
    params = ",\n    ".join(PARAMS + [f"{c}: tl.constexpr" for c in CONSTEXPRS])
    return kernel_module(spec, kernel_name(spec), params, _body(spec),
                         "@jit\ndef _or(a, b):\n    return a | b\n\n\n")


def signature(spec: QuantAppendSpec) -> dict[str, str]:
    code = "*i32" if spec.packed else "*u8"
    sp = PTR[spec.scale]
    sig = {"X": PTR[spec.dtype], "RING": PTR[spec.dtype], "C": code, "S": sp, "Z": sp,
           "SRC": "*i32", "DST": "*i32", "SDST": "*i32", "n_rows": "i32"}
    sig |= {p: "i64" for p in PARAMS if p.startswith("stride")}
    return sig | {c: "constexpr" for c in CONSTEXPRS}


def constexprs(spec: QuantAppendSpec) -> dict[str, int]:
    return {"BLOCK_T": spec.block_t, "BLOCK_D": spec.block_d}


def divisibility(spec: QuantAppendSpec) -> dict[tuple[int], list]:
    """16-byte aligned pointers, as the JIT infers for the new rows and the cache's
    pools (the write lists are views at any offset of the step's index buffer, and
    fp8's per-head scales a layer's row of them)."""
    names = list(signature(spec))
    aligned = ("X", "RING", "C") + (() if spec.code.startswith("f8") else ("S", "Z"))
    return {(names.index(n),): [["tt.divisibility", 16]] for n in aligned}
