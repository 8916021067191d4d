"""Lower ``kvcc.attention(q, k, v, kv_format=fmt)``: attention over K and V as ``fmt``
stores them.

K and V are stored by the format's prefill rule (:func:`kvcc.codegen.reference.
kv_store.store`: quantized prefix, full-precision residual), and the module's one
attention op reads the codes, scales, zeros and residuals, dequantizing as it loads
(the generated kernels through ``codegen/triton/kvload.py``). Forward only: gradients
do not flow through the codes.
"""

from __future__ import annotations

from functools import lru_cache

import torch

from kvcc.checks import check_format, check_precision  # noqa: F401 (re-exported)
from kvcc.codegen.reference.kv_store import KVStore, RoleStore, store
from kvcc.ir.dtypes import DType
from kvcc.ir.formats import KVFormat, Scope
from kvcc.ir.mask import Mask
from kvcc.ir.ops import AttentionOp, Module
from kvcc.ir.types import Value, tensor


def _role_tensors(r: RoleStore, fmt: KVFormat, role: str, like: torch.Tensor) -> list:
    """codes, scale, zero, residual of one role; an empty quantized prefix (fewer tokens
    than one block) as zero-token tensors of the right kinds."""
    if r.codes is not None:
        return [r.codes, r.scale, r.zero, r.residual]
    b, h, _, d = like.shape
    width = d * (2 if fmt.hierarchical else 1) // (32 // fmt.plane_bits) if fmt.packed else d
    code_dt = fmt.code.to_torch() if fmt.is_fp8 else (torch.int32 if fmt.packed else torch.uint8)
    codes = torch.empty(b, h, 0, width, dtype=code_dt, device=like.device)
    sdt = fmt.scale_dtype.to_torch()
    scope = fmt.scope(role)
    sshape = {Scope.tensor: (1,), Scope.head: (b, h),
              Scope.token: (b, h, 0, d // (fmt.group_size or d)),
              Scope.channel: (b, h, 0, d)}[scope]
    scale = torch.ones(sshape, dtype=sdt, device=like.device)
    zero = None if fmt.is_fp8 else torch.zeros(sshape, dtype=sdt, device=like.device)
    return [codes, scale, zero, r.residual]


def quantized_inputs(k: torch.Tensor, v: torch.Tensor, fmt: KVFormat) -> dict[str, torch.Tensor]:
    """K and V stored by ``fmt``, as the module's inputs by name."""
    s: KVStore = store(k, v, fmt)
    names = ("codes", "scale", "zero", "residual")
    out = {}
    for role, r, like in (("k", s.k, k), ("v", s.v, v)):
        for n, t in zip(names, _role_tensors(r, fmt, role, like)):
            if t is not None:
                out[f"{role}_{n}"] = t
    return out


def build_quantized(q: torch.Tensor, inputs: dict[str, torch.Tensor], fmt: KVFormat, mask: Mask,
                    margs_spec: tuple, scale: float, softcap: float | None, return_lse: bool,
                    dv: int, precision: str = "full", scores_len: int | None = None,
                    score_window: int = 0) -> Module:
    """The module over stored K/V and the mask's tensors (``margs_spec``: name, shape,
    dtype), cached by shapes: a loop of equal calls builds once. ``scores_len`` (the
    keys' length, not None): also each key's eviction score ``[B, Hkv, Skv]``."""
    spec = tuple((n, tuple(t.shape), t.dtype) for n, t in inputs.items())
    return _build(tuple(q.shape), q.dtype, spec, margs_spec, fmt, mask, scale, softcap,
                  return_lse, dv, precision, scores_len, score_window)


@lru_cache(maxsize=128)
def _build(qs: tuple, dtype: torch.dtype, spec: tuple, margs_spec: tuple, fmt: KVFormat,
           mask: Mask, scale: float, softcap: float | None, return_lse: bool, dv: int,
           precision: str, scores_len: int | None, score_window: int) -> Module:
    dt = DType.from_torch(dtype)
    vals = {n: Value(n, tensor(list(s), DType.from_torch(d))) for n, s, d in spec}
    margs = tuple(Value(r, tensor(list(s), DType.from_torch(d))) for r, s, d in margs_spec)
    vq = Value("q", tensor(list(qs), dt))
    vo = Value("o", tensor([*qs[:3], dv], dt))
    vl = Value("lse", tensor(list(qs[:3]), DType.f32)) if return_lse else None
    hkv = vals["k_codes"].type.shape[1]
    vs = (Value("scores", tensor([qs[0], hkv, scores_len], DType.f32))
          if scores_len is not None else None)
    op = AttentionOp(vq, vals["k_codes"], vals["v_codes"], vo, vl, scale=scale, softcap=softcap,
                     mask=mask, kv_format=fmt, k_scale=vals["k_scale"], k_zero=vals.get("k_zero"),
                     v_scale=vals["v_scale"], v_zero=vals.get("v_zero"),
                     k_residual=vals["k_residual"], v_residual=vals["v_residual"],
                     mask_args=margs, kv_precision=precision, scores=vs,
                     score_window=score_window)
    return Module("attention_quantized", (vq, *vals.values(), *margs), (op,),
                  (vo,) + ((vl,) if vl else ()) + ((vs,) if vs else ()))
