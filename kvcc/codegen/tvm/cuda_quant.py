"""Quantized K/V in the TVM CUDA decode and prefill: a ``kvcc.KVCache`` layer's pages
of codes, or dense K/V as ``kvcc.attention(kv_format=...)`` stores it (codes ``[B, Hk,
N, W]``, scales and zeros by scope, then the full-precision residual ``[B, Hk, R, D]``:
:func:`dense_decl`, :func:`dense_tensors`, :func:`store`), dequantized as a tile is
staged into shared memory.

Every ``kvcc.quant`` format: ``int8``, ``int4``, ``fp8_e4m3``/``fp8_e5m2``, KIVI
(``kivi2``/``kivi4``, any group and residual: per-channel key scales, full-precision
residual rings) and QuantSpec (two 4-bit planes). The tensors are the cache's, per
layer and role (``kvcc/runtime/qpages.py``): codes ``[pages, P, Hk, W]`` (bytes, or
int32 words of packed codes), scales and zeros by scope (``[Hk]`` per head, ``[pages,
P, Hk, D / G]`` per token, ``[pages, ceil(P / G), Hk, D]`` per channel, a group's row
in the page of its first token), the rings ``[rows, R, Hk, D]`` in q's dtype and the
ring row of each sequence ``RS [B]``.

The element loads are the CPU kernels' (``quant.kv_load``, one expression per key and
channel, over a :class:`~kvcc.codegen.tvm.spec.TvmSpec` of the format with one lane, so
packed codes are read as int32 words): dequantized, rounded to q's dtype, and the ring
read in place of the codes past the quantized keys. The kernels bind ``b``, ``hk`` and
``Skv`` (the sequence, its KV head and its key count) for them. A kernel is named by the
format (``..._{name}``); a format is one ``kvcc.quant`` makes, checked field by field.
QuantSpec is read at full precision (both planes), or, in kernels built with
``kv_precision="upper"`` (named ``..._quantspec_upper``), as its draft view: the upper
plane alone, as the CPU kernels and the reference read it.
"""

from __future__ import annotations

import functools
import math
import re

from kvcc.codegen.tvm import quant
from kvcc.ir.formats import KVFormat, Scope

PRESETS = ("int8", "int4", "fp8_e4m3", "fp8_e5m2", "kivi2", "kivi4", "quantspec")
_NAME = re.compile(r"(int8|int4|fp8_e4m3|fp8_e5m2|kivi[24](?:_g\d+_r\d+)?|quantspec(?:_g\d+)?)$")
_TVM = {"f16": "float16", "bf16": "bfloat16", "f32": "float32"}


@functools.lru_cache(maxsize=64)
def resolve(fmt) -> KVFormat:
    """``fmt`` (a ``kvcc.quant`` format or its name) as the format the kernels read;
    ValueError for another format."""
    from kvcc import quant as kq

    name = getattr(fmt, "name", fmt)
    m = _NAME.match(name) if isinstance(name, str) else None
    if m is None:
        raise ValueError(f"kv_format {name!r}: the TVM CUDA kernels read the kvcc.quant formats "
                         f"({', '.join(PRESETS)}, kivi with another group and residual, "
                         "quantspec with another group)")
    if name.startswith("fp8"):
        want = kq.fp8(name[4:])
    elif name.startswith("kivi"):
        g = re.match(r"kivi(\d)(?:_g(\d+)_r(\d+))?$", name)
        want = kq.kivi(int(g[1]), *(int(x) for x in g.groups()[1:] if x is not None))
    elif name.startswith("quantspec"):
        want = kq.quantspec(*(int(x) for x in re.findall(r"_g(\d+)", name)))
    else:
        want = getattr(kq, name)()
    if isinstance(fmt, KVFormat) and fmt != want:
        raise ValueError(f"kv_format {name}: not the format kvcc.quant names so (its fields "
                         "differ); the TVM CUDA kernels read the kvcc.quant formats")
    return want


def precision(fmt: KVFormat | None, kv_precision: str) -> bool:
    """Whether a kernel reads ``fmt``'s upper codes only (``kv_precision="upper"``, for a
    hierarchical format: QuantSpec's draft view); ValueError for another precision."""
    from kvcc.checks import check_precision

    return check_precision(kv_precision, fmt) == "upper"


def spec(fmt: KVFormat, dtype: str, d: int, page_size: int | None, upper: bool = False):
    """The TvmSpec of the format's fields that the CPU loader reads (one lane): over
    pages of ``page_size`` keys, or dense (``page_size`` None: codes ``[B, Hk, N, W]``
    and both residuals, as ``kvcc.attention(kv_format=...)`` stores K/V)."""
    from kvcc.codegen.tvm.spec import TvmSpec
    from kvcc.ir.dtypes import DType

    dt = {"float16": "f16", "bfloat16": "bf16", "float32": "f32"}[dtype]
    paged = page_size is not None
    rk = fmt.key_block() if fmt.key_block() > 1 and paged else 0
    rv = fmt.residual if paged else 0
    return TvmSpec(kind="decode", mask="causal", group=1, q_rows=1, head_dim=d, head_dim_v=d,
                   dtype=dt, out_dtype=dt, softcap=False, vec=1, block_m=1, block_n=1,
                   qk_keys=1, pv_rows=1, q_layout="packed" if paged else "dense",
                   kv_layout="paged" if paged else "dense", page_size=page_size or 0,
                   kv_code=fmt.code.value, k_scope=fmt.k_scope.value,
                   v_scope=fmt.v_scope.value, kv_group=fmt.group_size, kv_packed=fmt.packed,
                   kv_hier=fmt.hierarchical, kv_upper=upper,
                   kv_scale=DType(fmt.scale_dtype).value,
                   k_residual=rk > 0 or not paged, v_residual=rv > 0 or not paged, k_ring=rk,
                   v_ring=rv)


@functools.lru_cache(maxsize=64)
def names(fmt: KVFormat, dense: bool = False) -> tuple[str, ...]:
    """The format's buffers beside the codes, in argument order (``KS``, ``KZ``, ``VS``,
    ``VZ``, then over pages the rings ``KR``/``VR`` and their rows ``RS``, as it has
    them, and for ``dense`` codes both residuals ``KR``/``VR``)."""
    return tuple(quant._operands(spec(fmt, "float16", 128, None if dense else 16)))


def tensors(fmt: KVFormat, dense: bool = False) -> tuple[str, ...]:
    """The same, by the names the launcher binds (lower case)."""
    return tuple(n.lower() for n in names(fmt, dense))


def handles(fmt: KVFormat, dense: bool = False) -> str:
    return ", ".join(f"{n.lower()}_h: T.handle" for n in names(fmt, dense))


def decl(fmt: KVFormat, dtype: str, d: int, ps: int) -> list[str]:
    """The match_buffers of the codes ``K``/``V`` and of the format's other buffers
    (contiguous; ``NP`` pages, ``B`` sequences)."""
    sp = spec(fmt, dtype, d, ps)
    width = quant._width(sp, "k")
    code = "int32" if fmt.packed else "uint8"
    out = [f'{t} = T.match_buffer({t.lower()}_h, (NP, {ps}, Hk, {width}), "{code}")'
           for t in "KV"]
    sdt = _TVM[fmt.scale_dtype.value]
    if sp.k_ring or sp.v_ring:
        out.insert(0, "NR = T.int32()")  # ring rows
    for n in names(fmt):
        role = n[0].lower()
        if n == "RS":
            shape, dt = "(B,)", "int32"
        elif n[1] == "R":
            shape, dt = f"(NR, {getattr(sp, f'{role}_ring')}, Hk, {d})", dtype
        else:
            scope = fmt.scope(role)
            if scope is Scope.head:
                shape = "(Hk,)"
            elif scope is Scope.channel:
                shape = f"(NP, {math.ceil(ps / fmt.group_size)}, Hk, {d})"
            else:
                shape = f"(NP, {ps}, Hk, {d // (fmt.group_size or d)})"
            dt = sdt
        out.append(f'{n} = T.match_buffer({n.lower()}_h, {shape}, "{dt}")')
    return out


def dense_decl(fmt: KVFormat, dtype: str, d: int) -> list[str]:
    """The match_buffers of dense codes ``K [B, Hk, KQN, W]``/``V [B, Hk, VQN, W]``, their
    scales and zeros by scope (``[B, Hk]`` per head, ``[B, Hk, KQN, D / G]`` per token,
    ``[B, Hk, ceil(KQN / G), D]`` per channel) and the residuals ``KR [B, Hk, KRN, D]``/
    ``VR [B, Hk, VRN, D]`` in q's dtype (contiguous). The loads also read the sizes
    ``n_kq``/``n_vq`` (the quantized keys and values; an empty part is passed as one
    row, never read)."""
    sp = spec(fmt, dtype, d, None)
    width = quant._width(sp, "k")
    code = "int32" if fmt.packed else "uint8"
    out = ["KQN = T.int32()", "VQN = T.int32()", "KRN = T.int32()", "VRN = T.int32()"]
    out += [f'{t} = T.match_buffer({t.lower()}_h, (B, Hk, {t}QN, {width}), "{code}")'
            for t in "KV"]
    sdt = _TVM[fmt.scale_dtype.value]
    for n in names(fmt, True):
        role = n[0].upper()
        if n[1] == "R":
            shape, dt = f"(B, Hk, {role}RN, {d})", dtype
        else:
            scope = fmt.scope(role.lower())
            if scope is Scope.head:
                shape = "(B, Hk)"
            elif scope is Scope.channel:
                g = fmt.group_size
                shape = f"(B, Hk, ({role}QN + {g - 1}) // {g}, {d})"
            else:
                shape = f"(B, Hk, {role}QN, {d // (fmt.group_size or d)})"
            dt = sdt
        out.append(f'{n} = T.match_buffer({n.lower()}_h, {shape}, "{dt}")')
    return out


def dense_splice(fmt: KVFormat, dtype: str, d: int, upper: bool, hs: str, decl: str,
                 ts: tuple[str, ...], col: str) -> tuple[str, str, str, str, tuple, str]:
    """A dense kernel's text over dense codes in place of K/V: its handles ``hs`` with the
    format's (before ``sl_h``), ``decl`` with :func:`dense_decl` for ``L``/``K``/``V``,
    the loads of K and V (the key in ``iv[KEY]``, channel ``col``), the tensors ``ts``
    with the format's after q, k, v, and the run-time sizes to add to the signature."""
    from kvcc.codegen.tvm.cuda_ranges import KEY

    hs = hs.replace("sl_h: T.handle", f"{handles(fmt, True)}, sl_h: T.handle")
    decl = "\n".join(ln for ln in decl.splitlines()
                     if not any(x in ln for x in ("L = ", "K = ", "V = ")))
    decl += "\n" + "\n".join("    " + x for x in dense_decl(fmt, dtype, d))
    k_at, v_at = (load(fmt, dtype, d, None, t, f"iv[{KEY}]", col, upper) for t in "KV")
    return (hs, decl, k_at, v_at, ts[:3] + tensors(fmt, True) + ts[3:],
            ", L: T.int32, n_kq: T.int32, n_vq: T.int32")


def load(fmt: KVFormat, dtype: str, d: int, ps: int | None, t: str, key: str, col: str,
         upper: bool = False) -> str:
    """Channel ``col`` of K or V (``t``) of key ``key`` of sequence ``b``, KV head ``hk``
    (``0 <= key < Skv``), in pages of ``ps`` keys or dense (None): dequantized in
    float32 and rounded to ``dtype`` once, by the cast (the CPU loader's own rounding,
    by the bits for bfloat16, is left out: taking a float's bits by address puts it on
    the stack in CUDA); ``upper``: the upper codes alone (:func:`precision`)."""
    return f'T.Cast("{dtype}", {quant.kv_load(spec(fmt, "float32", d, ps, upper), t, key, col)})'


def layer_tensors(kv_format, d: int, dtype, batch: int, k_codes, v_codes, given: dict
                  ) -> tuple[KVFormat, dict, int, int]:
    """A quantized layer's tensors checked and as the kernels take them: (format,
    {k, v, ks, ...}, page size, KV heads). ``given``: the scales, zeros, rings and ring
    rows by kernel name (``ks``, ``kz``, ``vs``, ``vz``, ``kr``, ``vr``, ``rs``); the
    ring rows are one per sequence of the ``batch``, rings have at least one row. As with
    block-table entries, the row numbers themselves are not read back from the GPU: a
    row past the rings is the caller's error."""
    import torch

    fmt = resolve(kv_format)
    fmt.check_head_dim(d)
    sp = spec(fmt, "float16", d, 16)
    width, code = quant._width(sp, "k"), torch.int32 if fmt.packed else torch.uint8
    kv = {}
    for role, t in (("k", k_codes), ("v", v_codes)):
        if t.dtype in (torch.float8_e4m3fn, torch.float8_e5m2):
            t = t.view(torch.uint8)
        if t.dim() != 4 or t.shape[3] != width or t.dtype != code or t.shape != k_codes.shape:
            raise ValueError(f"{fmt.name} {role} codes must be [pages, page, Hk, {width}] "
                             f"{code} like k's, got {tuple(t.shape)} {t.dtype}")
        kv[role] = t
    pages, page, hk = kv["k"].shape[:3]
    sdt = fmt.scale_dtype.to_torch()
    for n in names(fmt):
        t = given.get(n.lower())
        role = n[0].lower()
        if n == "RS":  # one ring row per sequence (the kernels read RS[b])
            want, dt = (batch,), torch.int32
        elif n[1] == "R":
            want, dt = (None, fmt.key_block() if role == "k" else fmt.residual, hk, d), dtype
        else:
            scope = fmt.scope(role)
            if scope is Scope.head:
                want = (hk,)
            elif scope is Scope.channel:
                want = (pages, math.ceil(page / fmt.group_size), hk, d)
            else:
                want = (pages, page, hk, d // (fmt.group_size or d))
            dt = sdt
        ok = t is not None and t.dtype == dt and (want is None or (
            t.dim() == len(want) and all(w is None or w == s for w, s in zip(want, t.shape))))
        ok = ok and t.numel() > 0
        if not ok:
            raise ValueError(f"{fmt.name}: {n.lower()} must be {dt} shaped {want} (None: any), "
                             f"got {None if t is None else (tuple(t.shape), t.dtype)}")
        kv[n.lower()] = t
    extra = sorted(n for n in set(given) - set(tensors(fmt)) if given[n] is not None)
    if extra:
        raise ValueError(f"{fmt.name} has no {', '.join(extra)}")
    return fmt, kv, page, hk


def dense_tensors(kv_format, d: int, dtype, batch: int, k_codes, v_codes, given: dict
                  ) -> tuple[KVFormat, dict, dict]:
    """Dense quantized K/V checked and as the kernels take them: (format, {k, v, ks, ...},
    sizes). The tensors are those ``kvcc.attention(kv_format=...)`` stores (:func:`store`):
    codes ``[B, Hk, N, W]``, scales and zeros by scope, and the full-precision residuals
    ``[B, Hk, R, D]`` in q's dtype (None: no residual tokens). ``given``: the scales,
    zeros and residuals by kernel name (``ks``, ``kz``, ``vs``, ``vz``, ``kr``, ``vr``).
    Keys are the quantized ones, then the residual: both roles must hold as many. An
    empty part is passed as one zero row, never read. Sizes: the key count ``L``, the
    quantized counts ``n_kq``/``n_vq`` and the rows of each buffer."""
    import torch

    fmt = resolve(kv_format)
    fmt.check_head_dim(d)
    sp = spec(fmt, "float16", d, None)
    width, code = quant._width(sp, "k"), torch.int32 if fmt.packed else torch.uint8
    kv, sizes = {}, {}
    for role, t in (("k", k_codes), ("v", v_codes)):
        if t.dtype in (torch.float8_e4m3fn, torch.float8_e5m2):
            t = t.view(torch.uint8)
        if t.dim() != 4 or t.shape[3] != width or t.dtype != code or t.shape[:2] != k_codes.shape[:2] \
                or t.shape[0] != batch:
            raise ValueError(f"{fmt.name} {role} codes must be [B={batch}, Hk, N, {width}] {code} "
                             f"(k's B and Hk), got {tuple(t.shape)} {t.dtype}")
        kv[role] = t
    hk = kv["k"].shape[1]
    sdt = fmt.scale_dtype.to_torch()
    for n in names(fmt, True):
        role = n[0].lower()
        nq = kv[role].shape[2]
        t = given.get(n.lower())
        if n[1] == "R":
            if t is None:
                t = torch.empty((batch, hk, 0, d), dtype=dtype, device=kv[role].device)
            want, dt = (batch, hk, None, d), dtype
        else:
            scope = fmt.scope(role)
            if scope is Scope.head:
                want = (batch, hk)
            elif scope is Scope.channel:
                want = (batch, hk, math.ceil(nq / fmt.group_size), d)
            else:
                want = (batch, hk, nq, d // (fmt.group_size or d))
            dt = sdt
        if t is None or t.dtype != dt or t.dim() != len(want) or any(
                w is not None and w != s for w, s in zip(want, t.shape)):
            raise ValueError(f"{fmt.name}: {n.lower()} must be {dt} shaped {want} (None: any), "
                             f"got {None if t is None else (tuple(t.shape), t.dtype)}")
        kv[n.lower()] = t
    extra = sorted(n for n in set(given) - set(tensors(fmt, True)) if given[n] is not None)
    if extra:
        raise ValueError(f"{fmt.name} has no {', '.join(extra)}")
    nk, nv = (kv[r].shape[2] + kv[f"{r}r"].shape[2] for r in "kv")
    if nk != nv:
        raise ValueError(f"{fmt.name}: k holds {nk} tokens (codes and residual), v {nv}")
    for n in ("k", "v", "kr", "vr", *(x for x in tensors(fmt, True) if x[1] != "r")):
        t = kv[n]
        if t.numel() == 0:  # an empty part: one zero row, never read
            t = t.new_zeros([max(s, 1) for s in t.shape])
        kv[n] = t.contiguous()
    sizes = {"L": nk, "n_kq": k_codes.shape[2], "n_vq": v_codes.shape[2],
             "KQN": kv["k"].shape[2], "VQN": kv["v"].shape[2], "KRN": kv["kr"].shape[2],
             "VRN": kv["vr"].shape[2]}
    return fmt, kv, sizes


def store(k, v, kv_format) -> dict:
    """``k``/``v [B, Hk, L, D]`` stored as ``kv_format`` stores them (the prefill rule of
    ``kvcc.attention(kv_format=...)``: the quantized prefix and the full-precision
    residual), as keyword arguments of ``CudaKernels.decode``/``prefill``: ``k``, ``v``
    (the codes), ``kv_format``, ``k_scale``, ``k_zero``, ``v_scale``, ``v_zero``,
    ``k_residual``, ``v_residual``."""
    from kvcc.frontend.quantized_call import quantized_inputs

    fmt = resolve(kv_format)
    t = quantized_inputs(k, v, fmt)
    out = {"k": t.pop("k_codes"), "v": t.pop("v_codes"), "kv_format": fmt}
    return out | t
