"""Quantized K/V in the TVM CUDA paged decode and prefill: a ``kvcc.KVCache`` layer's
pages of codes, dequantized as a tile is staged into shared memory.

The formats (``kvcc.quant``) and their tensors, per layer and role, as the cache holds
them (``kvcc/runtime/qpages.py``):

- ``int8``: codes ``[pages, P, Hk, D]`` uint8, a scale and a zero per token
  ``[pages, P, Hk, 1]`` float16: ``x = code * scale + zero``;
- ``int4``: codes ``[pages, P, Hk, D / 8]`` int32 words, channel ``c`` in bits ``4 (c
  mod 8) ..`` of word ``c / 8``; scale and zero as int8;
- ``fp8_e4m3``/``fp8_e5m2``: codes ``[pages, P, Hk, D]`` as their bytes (uint8), one
  float32 scale per KV head ``[Hk]``: ``x = value(code) * scale``, the fp8 value
  decoded from its bits in integer math (``quant.fp8_value``, shared with the CPU
  kernels).

The dequantized element is rounded to q's dtype as it is stored into the tile (the
Triton and CPU kernels round the same way), and the rest of the kernel is the plain
paged decode. Formats with a full-precision residual ring (KIVI) or two code planes
(QuantSpec) are not built for CUDA.
"""

from __future__ import annotations

from kvcc.codegen.tvm.quant import fp8_value

FORMATS = ("int8", "int4", "fp8_e4m3", "fp8_e5m2")  # ``kvcc.quant`` format names
SUFFIX = {"int8": "int8", "int4": "int4", "fp8_e4m3": "fp8e4m3", "fp8_e5m2": "fp8e5m2"}


def check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"the TVM CUDA paged decode reads kv formats {', '.join(FORMATS)}, "
                         f"not {fmt!r}")


def is_fp8(fmt: str) -> bool:
    return fmt.startswith("fp8")


def tensors(fmt: str) -> tuple[str, ...]:
    """The format's tensors beside the codes, by the names the launcher binds."""
    return ("kscale", "vscale") if is_fp8(fmt) else ("kscale", "kzero", "vscale", "vzero")


def handles(fmt: str) -> str:
    return ", ".join(f"{t}_h: T.handle" for t in tensors(fmt))


def decl(fmt: str, d: int, ps: int) -> list[str]:
    """The match_buffers of the codes ``K``/``V`` and of the scales and zeros."""
    width, code = (d // 8, "int32") if fmt == "int4" else (d, "uint8")
    out = [f'{t} = T.match_buffer({t.lower()}_h, (NP, {ps}, Hk, {width}), "{code}")'
           for t in "KV"]
    for t in tensors(fmt):
        shape, dt = ("(Hk,)", "float32") if is_fp8(fmt) else (f"(NP, {ps}, Hk, 1)", "float16")
        out.append(f'{t.upper()} = T.match_buffer({t}_h, {shape}, "{dt}")')
    return out


def load(fmt: str, dtype: str, t: str, page: str, slot: str, col: str, head: str = "by") -> str:
    """Channel ``col`` of K or V (``t``) at ``page``, ``slot``, KV head ``head``,
    dequantized and rounded to ``dtype``."""
    r = t.lower()
    if is_fp8(fmt):
        code = fp8_value("f8e4m3" if fmt == "fp8_e4m3" else "f8e5m2",
                         f"{t}[{page}, {slot}, {head}, {col}]")
        x = f"{code} * {r.upper()}SCALE[{head}]"
    else:
        if fmt == "int4":
            word = f"{t}[{page}, {slot}, {head}, ({col}) // 8]"
            code = f"T.Cast(\"float32\", T.bitwise_and(T.shift_right({word}, ({col}) % 8 * 4), 15))"
        else:
            code = f"T.Cast(\"float32\", {t}[{page}, {slot}, {head}, {col}])"
        at = f"[{page}, {slot}, {head}, 0]"
        x = (f"{code} * T.Cast(\"float32\", {r.upper()}SCALE{at}) + "
             f"T.Cast(\"float32\", {r.upper()}ZERO{at})")
    return f"T.Cast(\"{dtype}\", {x})"


def layer_tensors(kv_format, d: int, k_codes, v_codes, scales
                  ) -> tuple[str, dict, int, int]:
    """A quantized layer's tensors checked and as the kernels take them: (format name,
    {k, v, kscale, ...}, page size, KV heads)."""
    import torch

    fmt = getattr(kv_format, "name", kv_format)
    if fmt not in FORMATS:
        raise ValueError(f"kv_format {fmt!r}: the prebuilt TVM CUDA kernels read "
                         f"{', '.join(FORMATS)}")
    width, code = (d // 8, torch.int32) if fmt == "int4" else (d, torch.uint8)
    kv = {}
    for role, t in (("k", k_codes), ("v", v_codes)):
        if t.dtype in (torch.float8_e4m3fn, torch.float8_e5m2):
            t = t.view(torch.uint8)
        if t.dim() != 4 or t.shape[3] != width or t.dtype != code or t.shape != k_codes.shape:
            raise ValueError(f"{fmt} {role} codes must be [pages, page, Hk, {width}] "
                             f"{code} like k's, got {tuple(t.shape)} {t.dtype}")
        kv[role] = t
    page, hk = kv["k"].shape[1], kv["k"].shape[2]
    want = (hk,) if is_fp8(fmt) else (*kv["k"].shape[:3], 1)
    sdt = torch.float32 if is_fp8(fmt) else torch.float16
    for n, t in zip(("kscale", "kzero", "vscale", "vzero"), scales):
        if n not in tensors(fmt):
            if t is not None:
                raise ValueError(f"{fmt} has no zeros ({n} given)")
            continue
        if t is None or tuple(t.shape) != want:
            raise ValueError(f"{fmt}: {n} must be shaped {want}, got "
                             f"{None if t is None else tuple(t.shape)}")
        kv[n] = t.to(sdt)
    return fmt, kv, page, hk
