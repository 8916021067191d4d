"""Run IR attention ops with generated TVM kernels on CPU tensors.

Dense ops take ``[B, H, S, D]`` tensors; per-sequence ops (packed q, packed or paged
K/V, ``kv_lens``) take the layouts' tensors and int32 tables as they are (int64
tables are converted) and the longest query sequence from the ``max_q_len`` hint,
else from ``cu_seqlens_q`` (see :func:`run_varlen`). Quantized K/V (dense or paged)
pass their codes, scales, zeros and residuals as they are stored (``quant.bind``).
The mask's tables come from the host: static document tables (per-sequence ops check
every sequence's key count against them, as the reference does), document ids from
the call's tensors (as int64 ``[1 or B, keys]``), and the ALiBi slopes per query head.

:func:`run_attention` mirrors the Triton backend's entry point: it lowers the op (for
the call's query length), builds or loads the kernel, and calls it on the torch
tensors themselves (zero-copy through DLPack; q, k and v may be strided views with a
unit last stride). The outputs are allocated here as torch tensors and written in
place by the kernel. The tiles are the lowering's unless this CPU's tuning database
records others for the kernel at the nearest shape bucket (``kvcc tune --backend tvm``;
:func:`kvcc.autotune.tvm_space.configured`); the split count of decode kernels is the
recorded one for this very bucket, else chosen per call from the batch, KV heads (a
wide decode: one task per sequence), key length and the cores. Forward only: the kernels have no
backward, so inputs that need gradients are refused (the reference backend is
differentiable).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

import torch

from kvcc.autotune.keys import Shape
from kvcc.autotune.tvm_space import configured
from kvcc.codegen.tvm import build, quant
from kvcc.codegen.tvm.mask import doc_tables, id_tensors, page_tensors, table_values
from kvcc.codegen.tvm.script import LOG2E
from kvcc.codegen.tvm.spec import TvmSpec, UnsupportedAttention, lower, scores_spec
from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Alibi
from kvcc.ir.mask import data_refs
from kvcc.ir.ops import AttentionOp

_INT32 = 2**31 - 1


def available(device: torch.device) -> str | None:
    """None when TVM kernels can run on ``device``, else the reason they cannot."""
    try:
        import tvm  # noqa: F401
    except ImportError:
        return "apache-tvm is not installed (pip install apache-tvm)"
    if device.type != "cpu":
        return (f"the TVM backend runs on CPU tensors (got {device.type}); use "
                "backend='triton' on GPUs")
    return None


_LOWERED: dict[tuple, tuple[AttentionOp, TvmSpec]] = {}


def spec_for(op: AttentionOp, q_len: int) -> TvmSpec:
    """``lower``, memoized by the op's identity (ops come from cached modules)."""
    key = (id(op), q_len)
    hit = _LOWERED.get(key)
    if hit is not None and hit[0] is op:
        return hit[1]
    spec = lower(op, q_len, build.simd_lanes())
    if len(_LOWERED) >= 4096:
        _LOWERED.clear()
    _LOWERED[key] = (op, spec)
    return spec


def planned_spec(op: AttentionOp, q_len: int, batch: int, kv_len: int) -> TvmSpec:
    """The spec a launch of ``op`` over ``batch`` sequences of at most ``q_len`` queries
    and ``kv_len`` keys builds (tuned tiles included): what a caller that plans ahead
    (a ``KVCache`` step) loads before the first launch."""
    from kvcc.ir.formats import Paged
    from kvcc.ir.types import as_int

    paged = isinstance(op.kv_layout, Paged)
    hq, hk = as_int(op.q.type.shape[1]), as_int(op.k.type.shape[2 if paged else 1])
    spec = spec_for(op, q_len)
    return configured(spec, Shape(batch, hq, hk, q_len, kv_len))[0] if hq and hk else spec


def choose_splits(tasks: int, tiles: int, cores: int) -> int:
    """Splits of the keys per decode program: enough tasks for two per core, each
    split at least two tiles long."""
    if tasks >= 2 * cores or tiles < 4:
        return 1
    return max(1, min(-(-2 * cores // tasks), tiles // 2))


def run_attention(op: AttentionOp, t: dict[str, torch.Tensor], dim: Callable = int,
                  num_splits: int | None = None, **hints) -> tuple[torch.Tensor, ...]:
    """Execute one IR attention op with a generated TVM kernel: ``(o, lse)``, lse
    float32 in natural log, and the eviction scores when the op asks for them (a second
    kernel, ``scores.py``, from the lse). ``num_splits`` forces the decode split count;
    ``hints`` (sizes other backends use) are accepted and unused."""
    q, k, v = t[op.q.name], t[op.k.name], t[op.v.name]
    if op.q.type.rank != 4 or op.k.type.rank != 4 or op.kv_lens is not None:
        return run_varlen(op, t, num_splits=num_splits, dim=dim, **hints)
    for name, x in (("q", q), ("k", k), ("v", v)):
        if x.device.type != "cpu":
            raise ValueError(f"the TVM backend runs on CPU tensors; {name} is on {x.device}")
        if x.dim() != 4:
            raise ValueError(f"{name} must have 4 dims ([B, H, S, D]), got {tuple(x.shape)}")
    if torch.is_grad_enabled() and any(x.requires_grad for x in (q, k, v)):
        raise RuntimeError("the TVM backend is forward only and q, k or v requires grad; "
                           "use backend='reference' to differentiate, or torch.no_grad()")
    b, hq, sq, _ = q.shape
    hk, skv, dv = k.shape[1], k.shape[2], v.shape[3]
    if op.kv_format is not None:  # codes: the keys and the value head dim are the op's
        skv, dv = quant.sizes(op, t)
    spec, tuned_splits = configured(spec_for(op, sq), Shape(b, hq, hk, sq, skv))
    o = torch.empty(b, hq, sq, dv, dtype=DType(spec.out_dtype).to_torch())
    lse = torch.empty(b, hq, sq, dtype=torch.float32)
    q_total = dim(op.q_total) if op.q_total is not None else dim(op.q_offset) + sq
    kv_total = dim(op.kv_total) if op.kv_total is not None else dim(op.kv_offset) + skv
    tables = _tables(op, spec, t, kv_total, b, hq, hk)
    sc = (torch.zeros(b, hk, skv) if op.scores is not None else None)
    if o.numel() == 0:
        return _out(o, lse, sc)
    if skv == 0:
        return _out(o.zero_(), lse.fill_(-math.inf), sc)
    q, k, v = (x if x.stride(-1) == 1 else x.contiguous() for x in (q, k, v))
    for name, x in (("q", q), ("k", k), ("v", v), ("o", o)):
        if sum((n - 1) * s for n, s in zip(x.shape, x.stride())) >= _INT32:
            raise UnsupportedAttention(f"the TVM backend indexes with int32: {name} "
                                       f"{tuple(x.shape)} spans over 2**31 elements")
    if op.softcap is not None:
        scalars = (op.scale / op.softcap, op.softcap * LOG2E)
    else:
        scalars = (op.scale * LOG2E, 0.0)
    q_off = dim(op.q_offset)
    scalars += (q_off + kv_total - q_total, q_off, dim(op.kv_offset), kv_total)
    qargs, qscalars = [], []
    if op.kv_format is not None:  # scales, zeros, residuals (quant.py)
        k, v, qargs, qscalars = quant.bind(op, t, spec, k, v)
    args: list = [q, k, v, o, lse]
    if spec.kind == "decode":
        ns = num_splits or tuned_splits or choose_splits(
            b * hk, -(-skv // spec.block_n), build.cores())
        args += [torch.empty(b, hk, ns, spec.rows, dv), torch.empty(b, hk, ns, spec.rows)]
    build.load(spec).fn(*args, *tables, *qargs, *scalars, *qscalars)
    if sc is not None:
        build.load(scores_spec(spec)).fn(q, k, v, o, lse, sc, *tables, *qargs, *scalars,
                                         *qscalars, op.score_window, skv)
    return _out(o, lse, sc)


def _out(o: torch.Tensor, lse: torch.Tensor, sc: torch.Tensor | None) -> tuple[torch.Tensor, ...]:
    return (o, lse) if sc is None else (o, lse, sc)


def run_varlen(op: AttentionOp, t: dict[str, torch.Tensor], num_splits: int | None = None,
               max_q_len: int | None = None, max_kv_len: int | None = None,
               dim: Callable = int, **hints) -> tuple[torch.Tensor, ...]:
    """A per-sequence op (packed q; packed or paged K/V; ``kv_lens``): ``(o, lse)``, and
    the eviction scores when the op asks for them (their key axis sized by ``dim``).
    ``max_q_len``/``max_kv_len``: bounds on the longest query and key sequences (when
    not given, read from the tables on the host at every call; ``KVCache`` steps and
    ``attention_varlen`` give them)."""
    q, k, v = t[op.q.name], t[op.k.name], t[op.v.name]
    for name, x in (("q", q), ("k", k), ("v", v)):
        if x.device.type != "cpu":
            raise ValueError(f"the TVM backend runs on CPU tensors; {name} is on {x.device}")
    if torch.is_grad_enabled() and any(x.requires_grad for x in (q, k, v)):
        raise RuntimeError("the TVM backend is forward only and q, k or v requires grad; "
                           "use backend='reference' to differentiate, or torch.no_grad()")
    packed_q = q.dim() == 3
    cu_q = _i32(t[op.cu_seqlens_q.name]) if op.cu_seqlens_q is not None else None
    nseq = len(cu_q) - 1 if packed_q else q.shape[0]
    if max_q_len is None:
        max_q_len = (int((cu_q[1:] - cu_q[:-1]).max()) if nseq > 0 else 0) if packed_q \
            else q.shape[2]
    spec = spec_for(op, max(1, max_q_len))
    hq, dv = q.shape[1], spec.head_dim_v
    hk = k.shape[2] if spec.kv_layout == "paged" else k.shape[1]
    odt = DType(spec.out_dtype).to_torch()
    if packed_q:
        o, lse = torch.empty(q.shape[0], hq, dv, dtype=odt), torch.empty(q.shape[0], hq)
    else:
        o, lse = torch.empty(*q.shape[:3], dv, dtype=odt), torch.empty(q.shape[:3])
    sc = None
    if op.scores is not None:  # packed keys: [Hk, Tk]; else [B, Hk, positions]
        sc = torch.zeros(hk, k.shape[0]) if spec.kv_layout == "packed" else \
            torch.zeros(nseq, hk, dim(op.scores.type.shape[-1]))
    if o.numel() == 0:
        return _out(o, lse, sc)
    if nseq == 0 or (k.numel() == 0 and op.kv_format is None) or max_q_len <= 0:
        return _out(o.zero_(), lse.fill_(-math.inf), sc)
    q, k, v = (x if x.stride(-1) == 1 else x.contiguous() for x in (q, k, v))
    for name, x in (("q", q), ("k", k), ("v", v), ("o", o)):
        if sum((n - 1) * s for n, s in zip(x.shape, x.stride())) >= _INT32:
            raise UnsupportedAttention(f"the TVM backend indexes with int32: {name} "
                                       f"{tuple(x.shape)} spans over 2**31 elements")
    named = {"CUQ": op.cu_seqlens_q, "CUK": op.cu_seqlens_k, "BT": op.block_table,
             "KVL": op.kv_lens}
    tables = {n: _i32(t[val.name]) for n, val in named.items() if val is not None}
    # dense K/V: the keys each sequence may have (codes: the quantized ones and the residual)
    dense_keys = 0 if spec.kv_layout != "dense" else (
        quant.sizes(op, t)[0] if op.kv_format is not None else k.shape[2])
    if max_kv_len is None:
        max_kv_len = _longest_kv(spec, dense_keys, tables)
    longest = max_kv_len
    if sc is not None or page_tensors(spec.mask_ir):  # the tables' own longest sequence
        longest = _longest_kv(spec, dense_keys, tables)
    if sc is not None and sc.dim() == 3 and sc.shape[2] < longest:
        raise ValueError(f"eviction scores: {sc.shape[2]} positions per sequence, but a "
                         f"sequence has {longest} keys")
    spec, tuned_splits = configured(spec, Shape(nseq, hq, hk, max_q_len, max(1, max_kv_len)))
    from kvcc.codegen.tvm.emit import seq_tables

    qargs, qscalars = [], []
    if op.kv_format is not None:  # scales, zeros, residuals, ring rows (quant.py)
        k, v, qargs, qscalars = quant.bind(op, t, spec, k, v)
    work = []  # decode: the split-KV workspace
    if spec.kind == "decode":
        ns = num_splits or tuned_splits or choose_splits(  # (wide: a task per sequence)
            nseq * (1 if spec.wide else hk), -(-max_kv_len // spec.block_n), build.cores())
        work = [torch.empty(nseq, hk, ns, spec.rows, dv), torch.empty(nseq, hk, ns, spec.rows)]
    rest = [tables[n] for n in seq_tables(spec)]
    rest += _varlen_tables(spec, dense_keys, tables, nseq)
    if page_tensors(spec.mask_ir):  # checked against the longest sequence, not a bound
        rest += _pages(op, spec, t, nseq, hq, hk, longest, exact=False)
    if spec.alibi:
        rest.append(_slopes(op.alibi.max_bias, hq))
    if op.softcap is not None:
        scalars = (op.scale / op.softcap, op.softcap * LOG2E, nseq, max_q_len)
    else:
        scalars = (op.scale * LOG2E, 0.0, nseq, max_q_len)
    build.load(spec).fn(q, k, v, o, lse, *work, *rest, *qargs, *scalars, *qscalars)
    if sc is not None:
        build.load(scores_spec(spec)).fn(q, k, v, o, lse, sc, *rest, *qargs, *scalars,
                                         *qscalars, op.score_window, longest)
    return _out(o, lse, sc)


def _i32(x: torch.Tensor) -> torch.Tensor:
    return x if x.dtype == torch.int32 else x.to(torch.int32)


def _longest_kv(spec: TvmSpec, dense_keys: int, tables: dict[str, torch.Tensor]) -> int:
    """The longest key sequence (a host read of the tables); ``dense_keys``: the keys of
    dense K/V, which cut ``kv_lens``."""
    if spec.kv_layout == "packed":
        cu = tables["CUK"]
        return int((cu[1:] - cu[:-1]).max()) if len(cu) > 1 else 0
    if "KVL" in tables:
        longest = int(tables["KVL"].max()) if len(tables["KVL"]) else 0
        return min(longest, dense_keys) if spec.kv_layout == "dense" else longest
    return dense_keys


def _tables(op: AttentionOp, spec: TvmSpec, t: dict[str, torch.Tensor], kv_total: int,
            batch: int, hq: int, hk: int) -> list[torch.Tensor]:
    """A dense kernel's mask tables (``emit.mask_buffers``): the document tables of
    ``spec``'s mask, checked against the key count, the document ids (int64 ``[1 or B,
    kv_total]``), the page selections and the ALiBi slopes."""
    out: list[torch.Tensor] = []
    for lengths in doc_tables(spec.mask_ir):
        if sum(lengths) != kv_total:
            raise ValueError(f"mask document(lengths): lengths sum to {sum(lengths)} but the "
                             f"key length is {kv_total}")
        out += _table(lengths)
    for name in id_tensors(spec.mask_ir):
        name, ids = _mask_tensor(op, t, name)
        if ids is None:
            raise ValueError(f"mask document(ids=%{name}): no tensor bound to %{name}")
        if ids.dim() not in (1, 2) or ids.shape[-1] != kv_total or (
                ids.dim() == 2 and ids.shape[0] not in (1, batch)):
            raise ValueError(f"mask document: seq_ids must have shape [{kv_total}] or "
                             f"[{batch}, {kv_total}] (one id per key), got {tuple(ids.shape)}")
        out.append(ids.to(device="cpu", dtype=torch.int64).reshape(-1, kv_total).contiguous())
    out += _pages(op, spec, t, batch, hq, hk, kv_total, exact=True)
    if spec.alibi:
        out.append(_slopes(op.alibi.max_bias, hq))
    return out


def _mask_tensor(op: AttentionOp, t: dict[str, torch.Tensor],
                 canonical: str) -> tuple[str, torch.Tensor | None]:
    """The op's name and the call's tensor for the spec's mask tensor ``m{i}`` (the
    op mask's ``i``-th run-time tensor, ``spec.lower``): the call's tensor of that name,
    else the one bound to the mask."""
    refs = data_refs(op.mask)
    name = list(refs)[int(canonical[1:])]
    return name, t.get(name, refs[name])


def _pages(op: AttentionOp, spec: TvmSpec, t: dict[str, torch.Tensor], batch: int, hq: int,
           hk: int, keys: int, exact: bool) -> list[torch.Tensor]:
    """The page selections of ``spec``'s mask as uint8 ``[1 or B, 1 or Hk or Hq,
    pages]`` (a bool tensor is viewed, not copied), checked: ``exact``, the pages of
    ``keys`` keys (dense, as the reference checks); else at least those of the
    longest sequence's ``keys``."""
    out: list[torch.Tensor] = []
    for name, size in page_tensors(spec.mask_ir):
        name, pages = _mask_tensor(op, t, name)
        if pages is None:
            raise ValueError(f"mask page_select: no tensor bound to %{name}")
        need = -(-keys // size)
        n = pages.shape[-1] if pages.dim() else -1
        if pages.dim() not in (1, 2, 3) or (n != need if exact else n < need):
            raise ValueError(f"mask page_select: pages must have {need} entries on the last "
                             f"axis{'' if exact else ' (at least)'} (ceil({keys}/{size})), "
                             f"got shape {tuple(pages.shape)}")
        if pages.dim() < 3:  # [pages] or [B, pages]
            pages = pages.reshape(-1, 1, n)
        if pages.shape[0] not in (1, batch) or pages.shape[1] not in (1, hk, hq):
            raise ValueError(f"mask page_select: pages must be [pages], [B, pages] or "
                             f"[B, H, pages] with B = {batch} (or 1) and H = {hk} or {hq} "
                             f"(or 1), got shape {tuple(pages.shape)}")
        pages = pages.to("cpu")
        pages = (pages if pages.dtype == torch.bool else pages != 0).contiguous()
        out.append(pages.view(torch.uint8))
    return out


def _varlen_tables(spec: TvmSpec, dense_keys: int, tables: dict[str, torch.Tensor],
                   nseq: int) -> list[torch.Tensor]:
    """A per-sequence kernel's document tables, over each sequence's own keys (so every
    sequence with keys must hold exactly the documents' total, as the reference checks;
    a host read of the length tables; ``dense_keys`` cut dense K/V's ``kv_lens``)."""
    out: list[torch.Tensor] = []
    docs = doc_tables(spec.mask_ir)
    if docs:
        if spec.kv_layout == "packed":
            lens = tables["CUK"][1:nseq + 1] - tables["CUK"][:nseq]
        elif "KVL" in tables:
            lens = tables["KVL"][:nseq]
            if spec.kv_layout == "dense":
                lens = lens.clamp(max=dense_keys)
        else:
            lens = torch.full((nseq,), dense_keys)
        for lengths in docs:
            bad = (lens > 0) & (lens != sum(lengths))
            if bool(bad.any()):
                n = int(lens[bad][0])
                raise ValueError(f"mask document(lengths): lengths sum to {sum(lengths)} but "
                                 f"sequence {int(bad.nonzero()[0])} has {n} keys; the "
                                 "documents must cover every sequence's keys exactly once")
            out += _table(lengths)
    return out


@lru_cache(maxsize=64)
def _slopes(max_bias: float, hq: int) -> torch.Tensor:
    """ALiBi slopes per query head, times log2(e) (the kernels' scores are in log2)."""
    return torch.tensor(Alibi(max_bias).slopes(hq), dtype=torch.float64).mul(LOG2E).float()


@lru_cache(maxsize=64)
def _table(lengths: tuple[int, ...]) -> tuple[torch.Tensor, torch.Tensor]:
    lo, hi = table_values(lengths)
    return (torch.tensor(lo, dtype=torch.int32), torch.tensor(hi, dtype=torch.int32))


__all__ = ["available", "choose_splits", "planned_spec", "run_attention", "run_varlen",
           "spec_for"]
