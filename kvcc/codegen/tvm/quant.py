"""The load piece of the TVM kernels for quantized K/V: codes, scales, zeros and the
full-precision residual read and dequantized inside the kernel, after the load and
before the product (``KVFormat`` holds the rules; the tensors are laid out as for the
Triton kernels, ``kvcc/codegen/triton/kvload.py``).

Dense: codes ``K``/``V [B, Hkv, N, W]`` hold the ``N`` quantized tokens, ``W`` = D
codes as bytes (u8 codes, fp8 codes' bytes) or D / (32 / bits) int32 words with code
``i`` of a word in bits ``i*bits ..`` (QuantSpec: two planes of 4-bit words, upper
first). Scales ``KS``/``VS`` and zeros ``KZ``/``VZ`` (none for fp8) by scope:
``head`` ``[B, Hkv]``, ``token`` ``[B, Hkv, N, D / G]``, ``channel`` ``[B, Hkv, N / G,
D]`` (KIVI keys). Keys past the scalar ``n_kq`` (values past ``n_vq``) are the
full-precision residual ``KR``/``VR [B, Hkv, R, D]`` in q's dtype; ``n_kv`` is the
key count (also cut per sequence by ``kv_lens``). Empty tensors are passed as one
zero row (they are never selected).

Paged: codes and per-token scales are pages ``[P, page, Hkv, .]`` read through the
block table; per-channel scales ``[P, ceil(page / G), Hkv, D]`` sit in the page of
their group's first token; the per-head scale is ``[Hkv]``. The residual is a ring
per sequence, ``[S, R, Hkv, D]``, row ``RS[b]``, slot ``position mod R``; keys are
quantized up to the last whole block of ``k_ring`` tokens and values up to ``v_ring``
tokens from the end, computed from each sequence's length.

A load (:func:`kv_load`) is one float expression of the key and the channel, which
the kernels evaluate elementwise inside their vector loops: fp8 codes are decoded
from their bits in integer math (no fp8 type), packed codes are shifted and masked
out of their word (a vector's codes from one word: 4-bit codes on 16-lane machines
read the int32 words in pairs, as int64), then ``code * scale + zero``, rounded to q's
dtype as the Triton kernels do; a key past the quantized ones reads the residual instead (a select
between both reads, each at an in-range address).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import torch

from kvcc.codegen.tvm.script import Code, f32
from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Packed, Paged, Scope
from kvcc.ir.ops import AttentionOp
from kvcc.ir.types import as_int

if TYPE_CHECKING:
    from kvcc.codegen.tvm.spec import TvmSpec

ROLES = ("k", "v")
_BITS = {"u8": 8, "u4": 4, "u2": 2}
_SCALE_DTYPES = (DType.f16, DType.bf16, DType.f32)


# ---------------------------------------------------------------- lowering


def missing(op: AttentionOp) -> str | None:
    """What of ``op``'s quantized K/V the kernels do not read, in words (None: all)."""
    fmt = op.kv_format
    if Scope.tensor in (fmt.k_scope, fmt.v_scope):
        return (f"quantized KV ({fmt.name}) with one scale for the whole tensor (it runs "
                "per-head, per-token and per-channel scales)")
    if isinstance(op.kv_layout, Packed):
        return f"quantized KV ({fmt.name}) in the packed layout (it runs dense and paged)"
    if fmt.scale_dtype not in _SCALE_DTYPES:
        return f"quantized KV ({fmt.name}) with {fmt.scale_dtype.value} scales"
    dt = op.q.type.dtype
    for r in (op.k_residual, op.v_residual):
        if r is not None and r.type.dtype != dt:
            return (f"mixed dtypes (q {dt.value}, a full-precision residual "
                    f"{r.type.dtype.value})")
    rings = op.k_residual is not None or op.v_residual is not None
    if isinstance(op.kv_layout, Paged) and rings and op.residual_slot is None:
        return f"quantized KV ({fmt.name}) in pages with residual rings but no ring rows"
    return None


def spec_fields(op: AttentionOp) -> dict:
    """The TvmSpec fields of ``op``'s format (none for plain K/V)."""
    fmt = op.kv_format
    if fmt is None:
        return {}
    paged = isinstance(op.kv_layout, Paged)
    return dict(kv_code=fmt.code.value, k_scope=fmt.k_scope.value, v_scope=fmt.v_scope.value,
                kv_group=fmt.group_size, kv_packed=fmt.packed, kv_hier=fmt.hierarchical,
                kv_upper=op.kv_precision == "upper", kv_scale=fmt.scale_dtype.value,
                k_residual=op.k_residual is not None, v_residual=op.v_residual is not None,
                k_ring=fmt.key_block() if paged and op.k_residual is not None else 0,
                v_ring=fmt.residual if paged and op.v_residual is not None else 0)


# ---------------------------------------------------------------- signature


def _operands(spec: TvmSpec) -> list[str]:
    """The buffers beside the codes, in argument order."""
    zero = not spec.kv_code.startswith("f8")
    out = []
    for r in ROLES:
        out += [f"{r.upper()}S"] + ([f"{r.upper()}Z"] if zero else [])
    out += [f"{r.upper()}R" for r in ROLES if getattr(spec, f"{r}_residual")]
    if spec.k_ring or spec.v_ring:
        out.append("RS")
    return out


def handles(spec: TvmSpec) -> list[str]:
    """The kernel's handles for the scales, zeros, residuals and ring rows."""
    return [f"{n.lower()}_h" for n in _operands(spec)] if spec.kv_code else []


def scalars(spec: TvmSpec) -> tuple[str, ...]:
    """Dense codes: the quantized keys and values, and the keys in all."""
    if not spec.kv_code or spec.kv_layout == "paged":
        return ()
    return ("n_kq: T.int32", "n_vq: T.int32", "n_kv: T.int32")


def _width(spec: TvmSpec, role: str) -> int:
    """Codes per row: bytes, or int32 words (QuantSpec: both planes)."""
    d = spec.head_dim if role == "k" else spec.head_dim_v
    if not spec.kv_packed:
        return d
    return d * (2 if spec.kv_hier else 1) // (32 // _plane_bits(spec))


def _plane_bits(spec: TvmSpec) -> int:
    return 4 if spec.kv_hier else _BITS[spec.kv_code]


def _word_bits(spec: TvmSpec, role: str) -> int:
    """The packed codes' load word: 64 bits (two int32 words, the tensor viewed as
    int64) where an int32 holds fewer codes than a vector has lanes (4-bit codes on
    AVX-512), so that a vector's codes come from one word and the load is a broadcast,
    not a gather; else 32."""
    plane = _width(spec, role) // (2 if spec.kv_hier else 1)
    return 64 if spec.kv_packed and 32 // _plane_bits(spec) < spec.vec and plane % 2 == 0 \
        else 32


def _tvm(dt: str) -> str:
    return {"f16": "float16", "bf16": "bfloat16", "f32": "float32"}[dt]


def _match(c: Code, name: str, shape: tuple, dtype: str, size: int) -> None:
    """A match_buffer of any strides with a unit last one."""
    strides = ", ".join(["T.int32()"] * (len(shape) - 1) + ["1"])
    dims = ", ".join(str(s) for s in shape) + ("," if len(shape) == 1 else "")
    c(f"{name} = T.match_buffer({name.lower()}_h, ({dims}), \"{dtype}\", "
      f"strides=({strides}{',' if len(shape) == 1 else ''}), align={size})")


def buffers(c: Code, spec: TvmSpec) -> None:
    """The codes ``K``/``V`` and the format's other buffers; dense kernels also bind
    their key count (``Skv``, or ``SKV`` per sequence) to ``n_kv``."""
    paged = spec.kv_layout == "paged"
    sdt, ssize = _tvm(spec.kv_scale), DType(spec.kv_scale).to_torch().itemsize
    dt, es = _tvm(spec.dtype), DType(spec.dtype).to_torch().itemsize
    batch = "KB" if spec.varlen else "B"
    if paged:
        rows = {r: ("NP", spec.page_size, "Hk") for r in ROLES}
    else:
        if spec.varlen:
            c("KB = T.int32()")
        c("KQN = T.int32()", "VQN = T.int32()")
        rows = {r: (batch, "Hk", f"{r.upper()}QN") for r in ROLES}
    for r in ROLES:
        wb = _word_bits(spec, r) if spec.kv_packed else 8
        words = _width(spec, r) * 32 // wb if spec.kv_packed else _width(spec, r)
        _match(c, r.upper(), rows[r] + (words,), "int64" if wb == 64 else
               "int32" if wb == 32 else "uint8", wb // 8)
    for n in _operands(spec):
        r = n[0].lower()
        d = spec.head_dim if r == "k" else spec.head_dim_v
        if n == "RS":
            _match(c, n, ("T.int32()",), "int32", 4)
        elif n[1] == "R":
            ring = getattr(spec, f"{r}_ring")
            shape = ("T.int32()", ring, "Hk", d) if paged else (batch, "Hk", "T.int32()", d)
            _match(c, n, shape, dt, es)
        else:
            scope = Scope(getattr(spec, f"{r}_scope"))
            if scope is Scope.head:
                shape = ("Hk",) if paged else (batch, "Hk")
            elif scope is Scope.channel:
                g = spec.kv_group
                shape = (("T.int32()", -(-spec.page_size // g), "Hk", d) if paged
                         else (batch, "Hk", "T.int32()", d))
            else:
                ng = d // (spec.kv_group or d)
                shape = ("T.int32()", spec.page_size, "Hk", ng) if paged else (
                    batch, "Hk", "T.int32()", ng)
            _match(c, n, shape, sdt, ssize)
    if not paged:
        c.let("SKV" if spec.varlen else "Skv", "n_kv")


# ---------------------------------------------------------------- loads


def kv_load(spec: TvmSpec, t: str, j: str, d: str) -> str:
    """K or V (``t``) of KV head ``hk``, key ``j`` (``0 <= j < Skv``) of sequence ``b``,
    channel ``d``: the dequantized element rounded to q's dtype, as float32."""
    r = t.lower()
    ring = getattr(spec, f"{r}_ring")
    if spec.kv_layout == "paged":
        ps = spec.page_size
        jc = j
        n = None
        if ring:
            n = f"(Skv - Skv % {ring})" if r == "k" else f"T.max(Skv - {ring}, 0)"

        def at(w: str) -> str:
            return f"{t}[BT[b, ({j}) // {ps}], ({j}) % {ps}, hk, {w}]"
        res = f"T.Cast(\"float32\", {t}R[RS[b], ({j}) % {ring}, hk, {d}])"
    else:
        jc, n = f"T.min({j}, {t}QN - 1)", f"n_{r}q"

        def at(w: str) -> str:
            return f"{t}[b, hk, {jc}, {w}]"
        res = f"T.Cast(\"float32\", {t}R[b, hk, T.max({j} - {n}, 0), {d}])"
    x = _codes(spec, r, at, d)
    s, z = _scale(spec, r, j, jc, d)
    x = f"{x} * T.Cast(\"float32\", {s})" + (f" + T.Cast(\"float32\", {z})" if z else "")
    x = _round(spec, x)
    if not getattr(spec, f"{r}_residual") or (spec.kv_layout == "paged" and not ring):
        return x
    return f"T.Select({j} < {n}, {x}, {res})"


def _round(spec: TvmSpec, x: str) -> str:
    """``x`` rounded to q's dtype (as the residual is), as float32. bfloat16 by its bits
    (to nearest, ties to even): TVM computes bfloat16 in float32 and drops a cast there
    and back."""
    if spec.dtype == "f16":
        return f"T.Cast(\"float32\", T.Cast(\"float16\", {x}))"
    if spec.dtype == "bf16":
        bits = f"T.reinterpret(\"int32\", {x})"
        odd = f"T.bitwise_and(T.shift_right({bits}, 16), 1)"
        return (f"T.reinterpret(\"float32\", T.bitwise_and({bits} + {odd} + 32767, "
                f"{-65536}))")
    return x


def fp8_value(code: str, byte: str) -> str:
    """The float32 value of the fp8 code (``f8e4m3``/``f8e5m2``) whose byte is the
    expression ``byte``, in integer math: its bits become a float32's, exponent rebased
    and mantissa shifted up; subnormals (exponent 0) are mantissa x 2**(1 - bias -
    mantissa bits). The top exponent decodes as a number (the codes stored never hold
    inf or NaN: quantization saturates)."""
    e_bits, bias = (4, 7) if code == "f8e4m3" else (5, 15)
    m_bits = 7 - e_bits
    c = f"T.Cast(\"int32\", {byte})"
    e = f"T.bitwise_and(T.shift_right({c}, {m_bits}), {2 ** e_bits - 1})"
    m = f"T.bitwise_and({c}, {2 ** m_bits - 1})"
    normal = (f"T.reinterpret(\"float32\", T.bitwise_or(T.shift_left({e} + {127 - bias}, "
              f"23), T.shift_left({m}, {23 - m_bits})))")
    sub = f"T.Cast(\"float32\", {m}) * {f32(2.0 ** (1 - bias - m_bits))}"
    mag = f"T.Select({e} == 0, {sub}, {normal})"
    return f"T.Select(T.bitwise_and({c}, 128) != 0, {f32(-1.0)} * {mag}, {mag})"


def _codes(spec: TvmSpec, role: str, at, d: str) -> str:
    """The code of channel ``d`` as float32 (before its scale)."""
    if spec.kv_code.startswith("f8"):
        return fp8_value(spec.kv_code, at(d))
    if not spec.kv_packed:
        return f"T.Cast(\"float32\", {at(d)})"
    bits, wb = _plane_bits(spec), _word_bits(spec, role)
    per = wb // bits
    cast = (lambda x: x) if wb == 32 else (lambda x: f"T.Cast(\"int64\", {x})")  # noqa: E731

    def plane(offset: str) -> str:
        word = at(f"{offset}({d}) // {per}")
        code = f"T.bitwise_and(T.shift_right({word}, {cast(f'({d}) % {per} * {bits}')}), " \
               f"{cast(2 ** bits - 1)})"
        if wb == 64:
            code = f"T.Cast(\"int32\", {code})"
        return f"T.Cast(\"float32\", {code})"
    if spec.kv_hier and not spec.kv_upper:  # QuantSpec: the lower correction in sixteenths
        half = _width(spec, role) * 32 // wb // 2
        return f"({plane('')} + ({plane(f'{half} + ')} - {f32(8.0)}) * {f32(1 / 16)})"
    return plane("")


def _scale(spec: TvmSpec, role: str, j: str, jc: str, d: str) -> tuple[str, str | None]:
    """The scale and zero (None for fp8) of key ``j`` (``jc``: its row in dense codes),
    channel ``d``."""
    s = role.upper() + "S"
    scope = Scope(getattr(spec, f"{role}_scope"))
    paged, ps, g = spec.kv_layout == "paged", spec.page_size, spec.kv_group
    if scope is Scope.head:
        idx = "hk" if paged else "b, hk"
    elif scope is Scope.channel:
        if not paged:
            idx = f"b, hk, {jc} // {g}, {d}"
        elif ps % g == 0:  # the group starts in the key's page
            idx = f"BT[b, ({j}) // {ps}], ({j}) % {ps} // {g}, hk, {d}"
        else:  # in the page of its first token
            g0 = f"({j}) // {g} * {g}"
            idx = f"BT[b, {g0} // {ps}], {g0} % {ps} // {g}, hk, {d}"
    else:
        width = spec.head_dim if role == "k" else spec.head_dim_v
        gi = "0" if (g or width) == width else f"({d}) // {g}"
        idx = (f"BT[b, ({j}) // {ps}], ({j}) % {ps}, hk, {gi}" if paged
               else f"b, hk, {jc}, {gi}")
    zero = None if spec.kv_code.startswith("f8") else f"{role.upper()}Z[{idx}]"
    return f"{s}[{idx}]", zero


# ---------------------------------------------------------------- arguments


def sizes(op: AttentionOp, t: dict[str, torch.Tensor]) -> tuple[int, int]:
    """A dense quantized op's key count (the quantized keys and the residual) and value
    head dim."""
    res = [t[x.name].shape[2] if x is not None else 0 for x in (op.k_residual, op.v_residual)]
    nk, nv = t[op.k.name].shape[2] + res[0], t[op.v.name].shape[2] + res[1]
    if nk != nv:
        raise ValueError(f"quantized k holds {nk} tokens, v {nv}")
    return nk, as_int(op.o.type.shape[-1])


def _ready(x: torch.Tensor) -> torch.Tensor:
    """A kernel argument: unit last stride, fp8 as its bytes, an empty one as a zero row
    (never read: the selects pick the other operand)."""
    if x.dtype in (torch.float8_e4m3fn, torch.float8_e5m2):
        x = x.view(torch.uint8)
    if x.numel() == 0:
        return x.new_zeros([max(n, 1) for n in x.shape])
    return x if x.stride(-1) == 1 else x.contiguous()


def bind(op: AttentionOp, t: dict[str, torch.Tensor], spec: TvmSpec, k: torch.Tensor,
         v: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, list, list]:
    """The codes as the kernel takes them, and the format's tensors and scalars in
    argument order."""
    vals = {"KS": op.k_scale, "KZ": op.k_zero, "VS": op.v_scale, "VZ": op.v_zero,
            "KR": op.k_residual, "VR": op.v_residual, "RS": op.residual_slot}
    extra = []
    for n in _operands(spec):
        x = t[vals[n].name]
        extra.append(_ready(x.to(torch.int32) if n == "RS" else x))
    sc = [] if spec.kv_layout == "paged" else [k.shape[2], v.shape[2], sizes(op, t)[0]]
    return _words(spec, "k", _ready(k)), _words(spec, "v", _ready(v)), extra, sc


def _words(spec: TvmSpec, role: str, codes: torch.Tensor) -> torch.Tensor:
    """Packed codes viewed as the kernel's load words (:func:`_word_bits`)."""
    if not spec.kv_packed or _word_bits(spec, role) == 32:
        return codes
    try:
        return codes.view(torch.int64)
    except RuntimeError:  # odd strides or offset: a copy that can be viewed
        return codes.contiguous().view(torch.int64)
