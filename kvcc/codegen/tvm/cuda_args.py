"""The TVM CUDA launcher's argument checks and conversions (``cuda_launch.py``): masks,
scalars, ALiBi slopes, index tables and packed offsets, dtypes and shapes. Everything
here runs on the host before a launch; nothing imports TVM or touches CUDA."""

from __future__ import annotations

import functools
import math

from kvcc.codegen.tvm import cuda_quant as cq
from kvcc.codegen.tvm.cuda_kernels import NO_WINDOW

LOG2E = 1.4426950408889634
_DTYPES = {"float16": "fp16", "bfloat16": "bf16", "float32": "f32"}


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
        raise TypeError(f"the prebuilt TVM CUDA kernels take float16, bfloat16 or float32, not "
                        f"{t.dtype}")
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


def _masking(mask, mask_tensors, window: int | None, sinks: int, *, decode: bool,
             packed: bool, keys: int, batch: int, hq: int, hk: int, device, seq_keys=None):
    """A launch's mask: ``(kernel-name suffix, tensors, sizes)``. Without ``mask``, the
    run-time ``window`` and ``sinks``. A ``mask`` (a ``kvcc.masks`` mask or its text)
    the run-time kernels run exactly (``cuda_masks.runtime``) becomes window and
    sinks too; any other runs on the kernel with that mask compiled in
    (``cuda_masks.suffix``), with its tables: per static document the first key and end
    of each position's document over ``keys`` positions (a bound on every sequence's
    keys; positions past the documents see nothing), per document-id tensor (dense
    only: ``[keys]`` or ``[1 or batch, keys]``, from ``mask_tensors`` by the mask's
    name for it, or bound in the mask) an int64 copy on ``device``. Static documents
    must cover each sequence's keys exactly: checked for dense K/V, and for packed or
    paged ones on the CPU (``seq_keys()``: each sequence's key count, computed only
    then); GPU tables are trusted, as block tables are (a sequence of another length reads
    positions past the documents, which see nothing)."""
    if mask is None:
        return "", {}, _mask(window, sinks)
    import torch

    from kvcc.codegen.tvm import cuda_masks as cm
    from kvcc.codegen.tvm.mask import doc_tables, id_tensors, page_tensors
    from kvcc.ir.mask import ByHead, Mask, data_refs, unbind, walk

    if window is not None or sinks:
        raise ValueError("give either mask or window/sinks, not both")
    if isinstance(mask, str):
        from kvcc.ir.syntax import parse_mask

        mask = parse_mask(mask)
    if not isinstance(mask, Mask):
        raise TypeError(f"mask must be a kvcc.masks mask or its text, got {type(mask).__name__}")
    # unbound before any cached analysis, which would keep the tensors alive
    refs = data_refs(mask)
    mask, _ = unbind(mask)
    given_name = {f"mask{i}": n for i, n in enumerate(refs)}  # the caller's name for each
    rt = cm.runtime(mask, decode)
    if rt is not None:
        return "", {}, _mask(*rt)
    why = cm.reason(mask, packed)
    if why is not None:
        raise ValueError(f"the TVM CUDA kernels cannot run this mask: {why}")
    for n in walk(mask):
        if isinstance(n, ByHead) and (n.num_heads != hk or n.num_heads * n.group != hq):
            raise ValueError(f"by_head mask for {n.num_heads} KV heads of group {n.group}, "
                             f"but the call has {hk} KV heads and {hq} query heads")
    tensors: dict = {}
    for i, lengths in enumerate(doc_tables(mask)):
        if not packed and sum(lengths) != keys:
            raise ValueError(f"mask document(lengths): lengths sum to {sum(lengths)} but the "
                             f"key length is {keys}")
        if packed and seq_keys is not None and torch.device(device).type == "cpu":
            bad = [(b, n) for b, n in enumerate(seq_keys().tolist()) if n and n != sum(lengths)]
            if bad:
                raise ValueError(f"mask document(lengths): lengths sum to {sum(lengths)} but "
                                 f"sequence {bad[0][0]} has {bad[0][1]} keys; the documents "
                                 "must cover every sequence's keys exactly once")
        tensors[f"dlo{i}"], tensors[f"dhi{i}"] = _doc_table(lengths, max(keys, 1), device)
    sizes = {}
    given = dict(mask_tensors or {})
    for i, ref in enumerate(id_tensors(mask)):
        name = given_name[ref]
        ids = given.get(name, refs.get(name))
        if ids is None:
            raise ValueError(f"mask document(%{name}): no tensor given for {name!r} "
                             "(pass mask_tensors={name: ids})")
        if not isinstance(ids, torch.Tensor) or ids.dim() not in (1, 2) or \
                ids.shape[-1] != keys or (ids.dim() == 2 and ids.shape[0] not in (1, batch)):
            raise ValueError(f"mask document: seq_ids must have shape [{keys}] or [{batch}, "
                             f"{keys}] (one id per key), got {tuple(getattr(ids, 'shape', ()))}")
        if ids.is_floating_point() or ids.is_complex() or ids.dtype == torch.bool:
            raise TypeError(f"mask document: seq_ids must be integers, got {ids.dtype}")
        if keys == 0:  # no keys: one placeholder id, which the kernel reads and no key uses
            ids = torch.zeros((1, 1), dtype=torch.int64, device=device)
        ids = ids.to(device=device, dtype=torch.int64).reshape(-1, max(keys, 1)).contiguous()
        tensors[f"id{i}"], sizes[f"IB{i}"], sizes[f"IN{i}"] = ids, ids.shape[0], ids.shape[1]
    for i, (ref, size) in enumerate(page_tensors(mask)):
        name = given_name[ref]
        pages = given.get(name, refs.get(name))
        pages = _pages(name, pages, size, packed, keys, batch, hq, hk, device, seq_keys)
        tensors[f"pg{i}"] = pages
        sizes[f"PB{i}"], sizes[f"PH{i}"], sizes[f"PN{i}"] = pages.shape
    return cm.suffix(mask), tensors, {**_mask(None, 0), **sizes}


def _pages(name: str, pages, size: int, packed: bool, keys: int, batch: int, hq: int,
           hk: int, device, seq_keys):
    """A page selection as the kernels read it: uint8 ``[1 or B, 1 or Hkv or Hq, pages]``
    on ``device``, checked: ``[pages]``, ``[B, pages]`` or ``[B, H, pages]``; dense, the
    pages of the ``keys`` keys exactly (as the reference); packed or paged, at least
    those of the longest sequence when the call runs on the CPU (on a GPU the tables
    are trusted, as block tables are: a page past the tensor reads its last one)."""
    import torch

    if pages is None:
        raise ValueError(f"mask page_select(%{name}): no tensor for {name!r} (bind it to the "
                         "mask: masks.page_selection(pages, page_size); the dense prefill "
                         f"and decode also take mask_tensors={{{name!r}: pages}})")
    if not isinstance(pages, torch.Tensor) or pages.dim() not in (1, 2, 3) or \
            pages.is_floating_point() or pages.is_complex():
        raise ValueError(f"mask page_select: pages must be a bool or integer tensor [pages], "
                         f"[B, pages] or [B, H, pages], got {getattr(pages, 'shape', pages)!r}")
    longest = keys
    if packed:
        longest = int(seq_keys().max()) if seq_keys is not None and torch.device(
            device).type == "cpu" and batch else 0
    need, n = -(-longest // size), pages.shape[-1]
    if (n != need) if not packed else (n < need):
        raise ValueError(f"mask page_select: pages must have {need} entries on the last axis"
                         f"{' (at least)' if packed else ''} (ceil({longest}/{size})), got "
                         f"shape {tuple(pages.shape)}")
    if pages.dim() < 3:
        pages = pages.reshape(-1, 1, n)
    if pages.shape[0] not in (1, batch) or pages.shape[1] not in (1, hk, hq):
        raise ValueError(f"mask page_select: pages must be [pages], [B, pages] or [B, H, "
                         f"pages] with B = {batch} (or 1) and H = {hk} or {hq} (or 1), got "
                         f"shape {tuple(pages.shape)}")
    if n == 0:  # no keys: one placeholder page, which no key reads
        return torch.zeros((1, 1, 1), dtype=torch.uint8, device=device)
    pages = pages if pages.dtype == torch.bool else pages != 0
    return pages.to(device=device).contiguous().view(torch.uint8)


@functools.lru_cache(maxsize=64)
def _doc_table(lengths: tuple[int, ...], n: int, device):
    """A static document table over ``n`` positions, int32 on ``device``: per position
    its document's first key and end; positions past the documents get an empty
    ``[total, total)``."""
    import torch

    from kvcc.codegen.tvm.mask import table_values

    lo, hi = table_values(lengths)
    total = len(lo)
    lo, hi = (x[:n] + [total] * max(0, n - total) for x in (lo, hi))
    return (torch.tensor(lo, dtype=torch.int32, device=device),
            torch.tensor(hi, dtype=torch.int32, device=device))


def _dense(q, k, v, kv_format, kv_precision: str, given: dict):
    """Dense K/V as the kernels take them: (tensors, sizes with ``Hk`` and the key
    count ``L``, kernel-name suffix of the format). With ``kv_format`` (a
    ``kvcc.quant`` format or its name), ``k``/``v`` are the codes ``[B, Hk, N, W]``
    and ``given`` the scales, zeros and full-precision residuals, as
    ``kvcc.attention(kv_format=...)`` stores K/V (``cuda_quant.store(k, v, fmt)``
    gives them as keyword arguments); keys are the quantized ones, then the
    residual's. ``kv_precision="upper"``: QuantSpec's upper codes alone."""
    _no_format_tensors(kv_format, *given.values())
    up = _upper(kv_format, kv_precision)
    hq = q.shape[1]
    if kv_format is None:
        _same(q, k, v, hq, k.shape[1])
        return ({"k": k.contiguous(), "v": v.contiguous()},
                {"Hk": k.shape[1], "L": k.shape[2]}, "")
    _dt(q)
    fmt, kv, sizes = cq.dense_tensors(kv_format, q.shape[-1], q.dtype, q.shape[0], k, v, given)
    _heads(hq, kv["k"].shape[1])
    return kv, {"Hk": kv["k"].shape[1], **sizes}, f"_{fmt.name}" + ("_upper" if up else "")


def _upper(kv_format, kv_precision: str) -> bool:
    """Whether a call reads QuantSpec's upper codes alone; ValueError for a precision the
    format lacks."""
    return cq.precision(cq.resolve(kv_format) if kv_format is not None else None, kv_precision)
