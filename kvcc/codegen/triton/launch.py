"""Launch generated attention kernels on tensors: argument marshalling per layout,
the run-time split-KV choice, the workspace and the merge launch."""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from functools import lru_cache

import torch

from kvcc.autotune.artifacts import kernel_for
from kvcc.codegen.triton.build import descriptors, load
from kvcc.codegen.triton.emit import kernel_name
from kvcc.codegen.triton.mask_emit import doc_tables, emit_mask
from kvcc.codegen.triton.spec import KernelSpec, mask_of
from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Alibi

DEFAULT_SM_COUNT = 132  # H100 SXM; used when no GPU is visible (interpreter runs)
GRID_YZ_MAX = 65535  # CUDA's limit on grid axes 1 and 2


@lru_cache(maxsize=4096)  # pure, and asked on every call
def choose_splits(programs: int, kv_blocks: int, sm_count: int, max_splits: int = 128) -> int:
    """The FlashAttention-3 rule: the fewest splits whose wave efficiency is within
    85% of the best. No split when the grid already fills 80% of the SMs."""
    if programs >= 0.8 * sm_count or kv_blocks <= 1:
        return 1
    limit = min(max_splits, sm_count, kv_blocks)
    effs = []
    for s in range(1, limit + 1):
        waves = programs * s / sm_count
        effs.append(waves / math.ceil(waves))
    best = max(effs)
    for s, e in enumerate(effs, start=1):
        # a split count that leaves the per-split block count unchanged is never better
        if s > 1 and math.ceil(kv_blocks / s) == math.ceil(kv_blocks / (s - 1)):
            continue
        if e >= 0.85 * best:
            return s
    return 1


def sm_count(device: torch.device) -> int:
    if device.type == "cuda":
        return torch.cuda.get_device_properties(device).multi_processor_count
    return DEFAULT_SM_COUNT


@dataclass(frozen=True)
class Problem:
    """The run-time sizes of one call."""

    batch: int
    max_q: int
    max_kv: int
    q_len_static: int
    kv_len_static: int


@lru_cache(maxsize=64)
def _doc_table(lengths: tuple[int, ...], device: str) -> tuple[torch.Tensor, torch.Tensor]:
    lo, hi = doc_tables(lengths)
    return (torch.tensor(lo, dtype=torch.int32, device=device),
            torch.tensor(hi, dtype=torch.int32, device=device))


def row_major_strides(shape) -> tuple[int, ...]:
    """The strides of a contiguous tensor of ``shape``."""
    out, acc = [], 1
    for n in reversed(tuple(shape)):
        out.append(acc)
        acc *= n
    return tuple(reversed(out))


def _strides3(t: torch.Tensor, layout: str) -> tuple[int, int, int]:
    """(sequence, row, head) strides for a q/o/k/v tensor in ``layout``."""
    if layout == "dense":  # [B, H, S, D]
        return t.stride(0), t.stride(2), t.stride(1)
    if layout == "packed":  # [T, H, D]
        return 0, t.stride(0), t.stride(1)
    return t.stride(0), t.stride(1), t.stride(2)  # paged [P, page, H, D]: page, slot, head


class Launcher:
    """One kernel configuration bound to its inputs: every host-side decision and
    argument (strides, tables, workspace, kernel handle) is made once here; each
    call allocates the outputs and launches. ``KVCC_DEBUG_POISON=1`` fills the
    outputs with NaN first, so a row the kernel fails to write cannot pass a check.

    The launcher reads q, k, v in place on every call. Index tensors (cu_seqlens,
    block table, kv_lens) are used in place when they are contiguous int32, and
    mask tensors when they are contiguous int64 ids or uint8 pages; any other
    dtype or layout is converted once, here, so later in-place updates of the
    original are not seen: plan again, or pass them in the kernel's formats."""

    def __init__(
        self,
        spec: KernelSpec,
        *,
        q: torch.Tensor,
        k: torch.Tensor,
        v: torch.Tensor,
        problem: Problem,
        scale: float,
        softcap: float | None,
        alibi: Alibi | None,
        cu_q: torch.Tensor | None,
        cu_k: torch.Tensor | None,
        block_table: torch.Tensor | None,
        kv_lens: torch.Tensor | None,
        mask_data: list[torch.Tensor],
        placement: tuple[int, int, int, int] = (0, 0, 0, 0),
        num_splits: int = 1,
        kv_data: list[torch.Tensor | None] | None = None,
        scores_shape: tuple[int, ...] = (),
        score_window: int = 0,
        alt: list[torch.Tensor] | None = None,
    ) -> None:
        if not isinstance(num_splits, int) or num_splits < 1:
            raise ValueError(f"num_splits must be an int >= 1, got {num_splits!r}")
        if spec.split != (num_splits > 1):
            raise ValueError("spec.split must match num_splits > 1")
        dev = q.device
        q, k, v = (t if t.stride(-1) == 1 else t.contiguous() for t in (q, k, v))
        if spec.kv_code.startswith("f8"):  # fp8 codes: the kernel decodes their bytes
            k, v = k.view(torch.uint8), v.view(torch.uint8)
        self.spec, self.device = spec, dev
        self._layouts = tuple((t.shape, t.stride(), t.dtype, t.device) for t in (q, k, v))
        self.out_dtype = DType(spec.out_dtype).to_torch()
        self.o_shape = (*q.shape[:-1], spec.head_dim_v)
        self.lse_shape = tuple(q.shape[:-1])
        heads_q = q.shape[1]
        heads_prog = heads_q // spec.group if spec.pack_gqa else heads_q
        grid_m = max(1, math.ceil(problem.max_q * spec.rows_per_q / spec.block_m))
        rows_pad = grid_m * spec.block_m
        bh = problem.batch * heads_prog
        # CUDA grids stop at 65535 on axes 1 and 2 (sequences; heads x splits)
        if problem.batch > GRID_YZ_MAX or heads_prog * num_splits > GRID_YZ_MAX:
            raise ValueError(f"{problem.batch} sequences and {heads_prog} heads x {num_splits} "
                             f"splits per launch: each must be at most {GRID_YZ_MAX} (split "
                             "the batch, or use fewer splits)")
        dummy_i32, dummy_f32 = _placeholders(dev)
        if spec.split:
            opart = torch.empty(num_splits, bh, rows_pad, spec.block_dv, dtype=torch.float32,
                                device=dev)
            lpart = torch.empty(num_splits, bh, rows_pad, dtype=torch.float32, device=dev)
        else:
            opart = lpart = dummy_f32
        slopes = (torch.tensor(alibi.slopes(heads_q), dtype=torch.float32, device=dev)
                  if alibi is not None else dummy_f32)
        i32 = (lambda t: dummy_i32 if t is None  # noqa: E731
               else t.to(torch.int32).contiguous())
        bt = i32(block_table)
        # outputs are allocated row-major per call: their strides are known now
        o_st, l_st = row_major_strides(self.o_shape), row_major_strides(self.lse_shape)
        os_ = (o_st[0], o_st[2], o_st[1]) if spec.q_layout == "dense" else (0, o_st[0], o_st[1])
        ls = (l_st[0], l_st[2], l_st[1]) if spec.q_layout == "dense" else (0, l_st[0], l_st[1])
        boxes = descriptors(spec)
        qd, kd, vd = (_descriptor(t, boxes[n]) if n in boxes else t
                      for n, t in (("Q", q), ("K", k), ("V", v)))
        self.o_box = boxes.get("O")
        # O and LSE (positions 3 and 4) are filled in per call
        self.args = [qd, kd, vd, None, None, opart, lpart, i32(cu_q), i32(cu_k), bt, i32(kv_lens),
                     slopes, *_strides3(q, spec.q_layout), *_strides3(k, spec.kv_layout),
                     *_strides3(v, spec.kv_layout), *os_, *ls,
                     bt.stride(0) if block_table is not None else 0,
                     problem.q_len_static, problem.kv_len_static, *placement,
                     float(scale), float(softcap or 1.0), num_splits, rows_pad, heads_prog]
        self.args += _mask_args(spec, mask_data, heads_q, dev)
        if spec.kv_code:
            self._kv_at, self._dummy = len(self.args), dummy_f32
            self.args += _kv_args(kv_data or [None] * 6, k, v, dummy_f32, dummy_i32,
                                  spec.kv_layout == "paged")
            self._kv_layouts = _kv_layouts(self.args[self._kv_at:self._kv_at + 6])
        self.scores_shape, self._sc_at = tuple(scores_shape), None
        if spec.scores:
            if len(self.scores_shape) not in (2, 3):
                raise ValueError(f"eviction scores need their shape ([B, Hkv, S] or [Hkv, Tk]), "
                                 f"got {self.scores_shape}")
            if not isinstance(score_window, int) or score_window < 0:
                raise ValueError(f"score_window must be an int >= 0, got {score_window!r}")
            st = row_major_strides(self.scores_shape)
            # the output is filled in per call; a window of 0 means every row
            self._sc_at = len(self.args)
            self.args += [None, *((0, st[0]) if len(st) == 2 else st[:2]),
                          score_window or 2**30]
        self._alt_at = None
        if spec.bt_heads:  # per-head pages: [B, Hkv, W] tables, [B, Hkv] lengths (the
            # contiguous int32 ones passed above)
            self.args += [bt.stride(1), self.args[10].stride(0)]
        if spec.kv_alt:  # the second source: pools, block table, lengths, their strides
            if alt is None or len(alt) != 4:
                raise ValueError("a spec with two K/V sources needs alt = [k2, v2, "
                                 "block_table2, kv_lens2]")
            k2, v2 = (t if t.stride(-1) == 1 else t.contiguous() for t in alt[:2])
            bt2 = i32(alt[2])
            self._alt_at, self._alt_layouts = len(self.args), _kv_layouts([k2, v2])
            self.args += [k2, v2, bt2, i32(alt[3]), *_strides3(k2, "paged"),
                          *_strides3(v2, "paged"), bt2.stride(0)]
        module = load(spec)
        name = kernel_name(spec)
        self.grid = (grid_m, problem.batch, heads_prog * num_splits)
        # a prebuilt cubin (kvcc.load_artifacts) where one matches, else the JIT kernel
        self.kernel = kernel_for(spec, name, getattr(module, name), dev)[self.grid]
        self.merge = (kernel_for(spec, name + "_merge", getattr(module, name + "_merge"),
                                 dev)[(grid_m, problem.batch, heads_prog)] if spec.split else None)
        self.meta = dict(BLOCK_M=spec.block_m, BLOCK_N=spec.block_n, BLOCK_D=spec.block_d,
                         BLOCK_DV=spec.block_dv, num_warps=spec.num_warps,
                         num_stages=spec.num_stages)
        self.poison = os.environ.get("KVCC_DEBUG_POISON") == "1"

    def rebind(self, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor,
               kv_data: list[torch.Tensor | None] | None = None,
               alt: tuple[torch.Tensor, torch.Tensor] | None = None) -> None:
        """Point the launch at other q, k, v of the planned shapes, strides, dtype and
        device (the next layer's queries and cache pages; quantized K/V: ``kv_data``,
        the layer's scales, zeros and residual rings): no host work beyond this check,
        so a serving loop plans once per step and launches per layer."""
        if self.spec.tma:
            raise ValueError("a launch through TMA descriptors cannot be rebound; plan again")
        if bool(self.spec.kv_code) != (kv_data is not None):
            raise ValueError("quantized K/V are rebound with their kv_data (scales, zeros, "
                             "residuals), plain K/V without")
        if self.spec.kv_code.startswith("f8"):
            k, v = k.view(torch.uint8), v.view(torch.uint8)
        for name, t, want in zip("qkv", (q, k, v), self._layouts):
            _same_layout(name, t, want)
        if kv_data is not None:  # scales, zeros, rings (residual slots are the step's)
            planned = self.args[self._kv_at:self._kv_at + 6]
            for i, (t, want, old) in enumerate(zip(kv_data[:6], self._kv_layouts, planned)):
                if (t is None) != (old is self._dummy):
                    raise ValueError(f"kv_data[{i}]: planned {'without' if t is not None else 'with'}"
                                     " this tensor")
                if t is not None:
                    _same_layout(f"kv_data[{i}]", t, want)
            for i, t in enumerate(kv_data[:6]):
                if t is not None:
                    self.args[self._kv_at + i] = t
        if (self._alt_at is not None) != (alt is not None):
            raise ValueError("a launch with two K/V sources is rebound with alt=(k2, v2), "
                             "one without takes none")
        if alt is not None:
            for name, t, want in zip(("k2", "v2"), alt, self._alt_layouts):
                _same_layout(name, t, want)
            self.args[self._alt_at], self.args[self._alt_at + 1] = alt
        self.args[0], self.args[1], self.args[2] = q, k, v

    def __call__(self) -> tuple[torch.Tensor, ...]:
        """Launch; returns ``(o, lse)`` (lse float32, written only when the spec asks), and
        the eviction scores (float32) third when the spec returns them.
        Triton launches on the current CUDA device, so a call on another GPU's tensors
        makes theirs current for the launch."""
        if self.device.type == "cuda" and self.device.index != torch.cuda.current_device():
            with torch.cuda.device(self.device):
                return self._launch()
        return self._launch()

    def _launch(self) -> tuple[torch.Tensor, ...]:
        alloc = torch.full if self.poison else torch.empty
        extra = (math.nan,) if self.poison else ()
        o = alloc(self.o_shape, *extra, dtype=self.out_dtype, device=self.device)
        lse = alloc(self.lse_shape, *extra, dtype=torch.float32, device=self.device)
        args = self.args
        args[3], args[4] = (o if self.o_box is None else _descriptor(o, self.o_box)), lse
        sc = None
        if self._sc_at is not None:  # added to by several programs: starts at zero
            sc = args[self._sc_at] = torch.zeros(self.scores_shape, dtype=torch.float32,
                                                 device=self.device)
        self.kernel(*args, **self.meta)
        if self.merge is not None:
            self.merge(*args, **self.meta)
        args[3] = args[4] = None  # do not keep the outputs alive
        if sc is None:
            return o, lse
        args[self._sc_at] = None
        return o, lse, sc


def _descriptor(t: torch.Tensor, box: tuple[int, int]):
    """A TMA descriptor over a ``[B, H, S, D]`` tensor with its own strides, read and
    written in ``[1, 1, rows, width]`` boxes (out-of-range rows and columns: zeros on
    load, dropped on store)."""
    from triton.tools.tensor_descriptor import TensorDescriptor

    return TensorDescriptor(t, list(t.shape), list(t.stride()), [1, 1, *box])


@lru_cache(maxsize=16)
def _placeholders(device: torch.device) -> tuple[torch.Tensor, torch.Tensor]:
    """Pointers for the kernel parameters a spec does not use (never read or written
    by it), made once per device: the custom op builds a launcher per call, and fresh
    ones would cost two allocations and two fills on the GPU each time."""
    return (torch.zeros(1, dtype=torch.int32, device=device),
            torch.zeros(1, dtype=torch.float32, device=device))


def _same_layout(name: str, t: torch.Tensor, want: tuple) -> None:
    if (t.shape, t.stride(), t.dtype, t.device) != want:
        raise ValueError(f"{name}: planned for shape {tuple(want[0])}, strides "
                         f"{want[1]}, {want[2]} on {want[3]}; got {tuple(t.shape)}, "
                         f"{t.stride()}, {t.dtype} on {t.device}")


def _kv_layouts(args: list) -> list[tuple]:
    return [(t.shape, t.stride(), t.dtype, t.device) for t in args]


def _kv_args(data: list[torch.Tensor | None], k: torch.Tensor, v: torch.Tensor,
             dummy: torch.Tensor, dummy_i32: torch.Tensor, paged: bool) -> list:
    """Arguments of a quantized spec (``kvload.params`` order): scales, zeros and
    residuals, their (sequence, row, head) strides (paged: page, slot, head; a per-head
    scale ``[Hkv]``), the quantized lengths (dense), each sequence's residual ring
    (paged)."""
    # rows are read with unit stride along their last axis; other strides are passed
    slots = data[6] if len(data) > 6 else None
    ks, kz, vs, vz, kr, vr = (None if t is None else t if t.stride(-1) == 1 else t.contiguous()
                              for t in data[:6])
    if ks is not None and kz is not None and ks.stride() != kz.stride():
        ks, kz = ks.contiguous(), kz.contiguous()  # zeros are read with the scales' strides
    if vs is not None and vz is not None and vs.stride() != vz.stride():
        vs, vz = vs.contiguous(), vz.contiguous()

    def strides(t):
        if t is None:
            return [0, 0, 0]
        if t.dim() == 1:  # a per-head scale of a paged cache [H]
            return [0, 0, t.stride(0)]
        if t.dim() == 2:  # a per-head scale [B, H]
            return [t.stride(0), 0, t.stride(1)]
        if paged:  # pages [P, page, H, .] and rings [S, R, H, D]
            return [t.stride(0), t.stride(1), t.stride(2)]
        return [t.stride(0), t.stride(2), t.stride(1)]

    out = [x if x is not None else dummy for x in (ks, kz, vs, vz, kr, vr)]
    for t in (ks, vs, kr, vr):
        out += strides(t)
    if paged:
        return out + [0, 0, dummy_i32 if slots is None else slots.to(torch.int32).contiguous()]
    return out + [k.shape[2], v.shape[2]]


def _mask_args(spec: KernelSpec, data: list[torch.Tensor], heads_q: int, dev) -> list:
    """Kernel arguments for the mask's tables and run-time tensors, in emit order.

    Run-time tensors are passed contiguous: ids as int64 ``[B?, kv]``, pages as
    uint8 ``[B?, H?, n_pages]``; a batch or head axis of size 1 gets stride 0, and a
    page tensor per KV head is read with head index ``hq // group``."""
    code = emit_mask(mask_of(spec))
    by_name = dict(zip(spec.data_refs, data))
    tables = [_doc_table(lengths, str(dev)) for _, lengths in code.tables]
    out: list = []
    for p in code.params:
        if p.kind in ("doc_lo", "doc_hi"):
            out.append(tables[p.source][0 if p.kind == "doc_lo" else 1])
            continue
        t = by_name[p.source]
        if p.kind == "ids":
            out.append(t.to(device=dev, dtype=torch.int64).contiguous())
        elif p.kind == "pages":
            out.append(t.to(device=dev, dtype=torch.uint8).contiguous())
        elif p.kind == "batch_stride":  # contiguous: the product of the later axes
            out.append(math.prod(t.shape[1:]) if t.dim() >= 2 and t.shape[0] > 1 else 0)
        elif p.kind == "head_stride":
            out.append(t.shape[2] if t.dim() == 3 and t.shape[1] > 1 else 0)
        elif p.kind == "head_div":
            h = t.shape[1] if t.dim() == 3 else 1
            out.append(heads_q // h if h not in (1, heads_q) else 1)
        else:
            raise AssertionError(f"unknown mask parameter kind {p.kind!r}")
    return out
