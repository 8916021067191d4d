"""The TVM CUDA launcher's argument checks and conversions (``cuda_launch.py``): masks,
scalars, ALiBi slopes, index tables and packed offsets, dtypes and shapes. Everything
here runs on the host before a launch; nothing imports TVM or touches CUDA."""

from __future__ import annotations

import functools
import math

from kvcc.codegen.tvm.cuda_kernels import NO_WINDOW

LOG2E = 1.4426950408889634
_DTYPES = {"float16": "fp16", "bfloat16": "bf16"}


def _mask(window: int | None, sinks: int) -> dict:
    """The kernels' mask sizes: ``window`` (None: no window) and ``sinks``, ints >= 0."""
    for what, x in (("window", window), ("sinks", sinks)):
        if x is not None and (not isinstance(x, int) or isinstance(x, bool) or x < 0):
            raise ValueError(f"{what} must be an int >= 0 (or None for window), got {x!r}")
    return {"window": NO_WINDOW if window is None else min(window, NO_WINDOW),
            "sinks": min(sinks, NO_WINDOW)}


def _scalars(scale: float | None, d: int, softcap: float | None) -> dict:
    """``qscale`` (what q is multiplied by) and ``cap``: without a softcap, scores in
    log2 units (``scale * log2(e)``, cap 0); with one, ``scale / softcap`` and ``cap =
    softcap * log2(e)`` (the kernel computes ``cap * tanh(q.k * qscale)``)."""
    scale = d ** -0.5 if scale is None else float(scale)
    if softcap is None:
        return {"qscale": scale * LOG2E, "cap": 0.0}
    if not (isinstance(softcap, (int, float)) and not isinstance(softcap, bool)
            and math.isfinite(softcap) and softcap > 0):
        raise ValueError(f"softcap must be a finite number > 0 (or None), got {softcap!r}")
    return {"qscale": scale / softcap, "cap": softcap * LOG2E}


@functools.lru_cache(maxsize=64)
def _no_slopes(hq: int, device):
    """Zeros ``[hq]`` on ``device``, made once (the kernels only read them)."""
    import torch

    return torch.zeros(hq, device=device, dtype=torch.float32)


def _slopes(alibi_slopes, hq: int, device):
    """The kernels' ``SL [Hq]``: ALiBi slopes (natural units, one per query head) times
    log2(e) as float32, zeros without ALiBi."""
    import torch

    if alibi_slopes is None:
        return _no_slopes(hq, device)
    sl = torch.as_tensor(alibi_slopes, dtype=torch.float32, device=device)
    if sl.shape != (hq,):
        raise ValueError(f"alibi_slopes must have one slope per query head ({hq}), got shape "
                         f"{tuple(sl.shape)}")
    return (sl * LOG2E).contiguous()


def _no_format_tensors(kv_format, *tensors) -> None:
    if kv_format is None and any(t is not None for t in tensors):
        raise ValueError("scales, zeros, rings or ring rows given without a kv_format")


def _offsets(what: str, cu, total: int, bound: int | None) -> int:
    """Packed offsets checked on the host where that costs no GPU round trip (the table
    is on the CPU, or ``bound`` is None and its longest sequence must be read anyway): 0
    first, non-decreasing, ``total`` last, so no kernel indexes past the packed tensor.
    Returns the longest sequence, or ``bound`` when given (refused if shorter than a
    checked table's). A GPU table with a ``bound`` is trusted, as block tables are:
    checking it would stall the stream on every call."""
    if bound is not None and cu.device.type != "cpu":
        return int(bound)
    x = cu.tolist()
    if x[0] != 0 or x[-1] != total or any(b < a for a, b in zip(x, x[1:])):
        raise ValueError(f"{what} must start at 0, never decrease and end at {total} (the "
                         f"packed rows), got {x[:8]}{'...' if len(x) > 8 else ''}")
    longest = max((b - a for a, b in zip(x, x[1:])), default=0)
    if bound is not None and bound < longest:
        raise ValueError(f"max_seqlen_q {bound} is shorter than the longest sequence "
                         f"({longest}): its rows would be left unwritten")
    return longest if bound is None else int(bound)


def _table(what: str, t, dim: int):
    """An int32 index tensor (block table, lengths, offsets), contiguous."""
    import torch

    if not isinstance(t, torch.Tensor) or t.dtype != torch.int32 or t.dim() != dim:
        raise TypeError(f"{what} must be a {dim}-d int32 tensor, got "
                        f"{getattr(t, 'dtype', type(t).__name__)} {tuple(getattr(t, 'shape', ()))}")
    return t.contiguous()


def _dt(t) -> str:
    name = str(t.dtype).removeprefix("torch.")
    if name not in _DTYPES:
        raise TypeError(f"the prebuilt TVM CUDA kernels take float16 or bfloat16, not {t.dtype}")
    return _DTYPES[name]


def _heads(hq: int, hk: int) -> None:
    if hk == 0 or hq % hk:
        raise ValueError(f"query heads ({hq}) must be a multiple of KV heads ({hk})")


def _dtypes(q, k, v) -> None:
    if not (q.dtype == k.dtype == v.dtype):
        raise TypeError("q, k and v must share a dtype")
    _dt(q)


def _same(q, k, v, hq: int, hk: int) -> None:
    if k.shape != v.shape or q.shape[0] != k.shape[0] or q.shape[3] != k.shape[3]:
        raise ValueError(f"shapes do not match: q {tuple(q.shape)}, k {tuple(k.shape)}, "
                         f"v {tuple(v.shape)}")
    _heads(hq, hk)
    _dtypes(q, k, v)
