"""Generated kernels behind a torch custom op, so they compose with torch.compile
and torch.export; and the executor that runs IR attention ops with them."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import torch

from kvcc.autotune.lookup import tuned_config
from kvcc.codegen.triton.launch import (
    GRID_YZ_MAX,
    Launcher,
    Problem,
    choose_splits,
    sm_count,
)
from kvcc.codegen.triton.spec import KernelSpec, Tiles, UnsupportedAttention, lower, tma_eligible
from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Alibi, Packed, Paged
from kvcc.ir.mask import Document, data_refs, walk
from kvcc.ir.ops import AttentionOp


def _absent_as_none(kv_data: list[torch.Tensor]) -> list[torch.Tensor | None]:
    """The custom ops' ``kv_data``: a tensor absent from the format (fp8 has no zero)
    travels as a 1-D empty tensor (the schema takes tensors); back to None here."""
    return [None if t.dim() == 1 and t.numel() == 0 else t for t in kv_data]


@torch.library.custom_op("kvcc::attention", mutates_args=())
def attention_kernel(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    cu_q: torch.Tensor | None,
    cu_k: torch.Tensor | None,
    block_table: torch.Tensor | None,
    kv_lens: torch.Tensor | None,
    mask_data: list[torch.Tensor],
    spec_text: str,
    scale: float,
    softcap: float | None,
    alibi_max_bias: float | None,
    sizes: list[int],
    placement: list[int],
    num_splits: int,
    kv_data: list[torch.Tensor],
) -> tuple[torch.Tensor, torch.Tensor]:
    """One generated kernel launch: a :class:`Plan`'s fields, the spec as its text.
    ``sizes``: batch, max_q, max_kv, q_len, kv_len. ``kv_data``: a quantized K/V's
    scales, zeros and residuals (a 1-D empty tensor for one that is absent)."""
    kv = _absent_as_none(kv_data)
    return Plan(KernelSpec.from_text(spec_text), q, k, v, cu_q, cu_k, block_table, kv_lens,
                mask_data, scale, softcap, alibi_max_bias, sizes, placement,
                num_splits, kv).launcher()()


@attention_kernel.register_fake
def _(q, k, v, cu_q, cu_k, block_table, kv_lens, mask_data, spec_text, scale, softcap,
      alibi_max_bias, sizes, placement, num_splits, kv_data):
    spec = KernelSpec.from_text(spec_text)
    o = q.new_empty(*q.shape[:-1], spec.head_dim_v, dtype=DType(spec.out_dtype).to_torch())
    return o, q.new_empty(q.shape[:-1], dtype=torch.float32)


@torch.library.custom_op("kvcc::attention_scores", mutates_args=())
def attention_scores_kernel(
    q: torch.Tensor,
    k: torch.Tensor,
    v: torch.Tensor,
    cu_q: torch.Tensor | None,
    cu_k: torch.Tensor | None,
    block_table: torch.Tensor | None,
    kv_lens: torch.Tensor | None,
    mask_data: list[torch.Tensor],
    spec_text: str,
    scale: float,
    softcap: float | None,
    alibi_max_bias: float | None,
    sizes: list[int],
    placement: list[int],
    num_splits: int,
    scores_shape: list[int],
    score_window: int,
    kv_data: list[torch.Tensor],
) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """``kvcc::attention`` with eviction scores: ``(o, lse, scores)``."""
    kv = _absent_as_none(kv_data)
    return Plan(KernelSpec.from_text(spec_text), q, k, v, cu_q, cu_k, block_table, kv_lens,
                mask_data, scale, softcap, alibi_max_bias, sizes, placement, num_splits, kv,
                scores_shape, score_window).launcher()()


@attention_scores_kernel.register_fake
def _(q, k, v, cu_q, cu_k, block_table, kv_lens, mask_data, spec_text, scale, softcap,
      alibi_max_bias, sizes, placement, num_splits, scores_shape, score_window, kv_data):
    spec = KernelSpec.from_text(spec_text)
    o = q.new_empty(*q.shape[:-1], spec.head_dim_v, dtype=DType(spec.out_dtype).to_torch())
    return (o, q.new_empty(q.shape[:-1], dtype=torch.float32),
            q.new_empty(scores_shape, dtype=torch.float32))


def available(device: torch.device) -> str | None:
    """None when Triton can run on ``device``, else the reason it cannot."""
    try:
        import triton  # noqa: F401
    except ImportError:
        return "triton is not installed (pip install 'kvcc[triton]')"
    if device.type == "cuda":
        major, minor = torch.cuda.get_device_capability(device)
        if major < 8:  # Triton's supported GPUs; bf16 and the kernels' MMA shapes need it
            return (f"Triton kernels need a GPU of compute capability 8.0 or newer (this one "
                    f"is {major}.{minor})")
        return None
    if os.environ.get("TRITON_INTERPRET") == "1":
        return None
    return (f"Triton kernels need CUDA tensors (got {device.type}); set TRITON_INTERPRET=1 "
            "before starting Python to run them in the CPU interpreter")


@dataclass(frozen=True)
class Plan:
    """Everything one launch needs, decided on the host once: the spec and the
    custom op's arguments."""

    spec: KernelSpec
    q: torch.Tensor
    k: torch.Tensor
    v: torch.Tensor
    cu_q: torch.Tensor | None
    cu_k: torch.Tensor | None
    block_table: torch.Tensor | None
    kv_lens: torch.Tensor | None
    mask_data: list[torch.Tensor]
    scale: float
    softcap: float | None
    alibi_max_bias: float | None
    sizes: list[int]
    placement: list[int]
    num_splits: int
    # quantized K/V's rest; with two K/V sources (spec.kv_alt), the second's pools,
    # block table and lengths
    kv_data: list[torch.Tensor | None] = field(default_factory=list)
    scores_shape: list[int] = field(default_factory=list)  # eviction scores' shape
    score_window: int = 0

    def run(self) -> tuple[torch.Tensor, ...]:
        """Launch through the custom op (composes with torch.compile/export); ``(o, lse)``,
        plus the eviction scores when the spec returns them."""
        # the op's schema takes tensors: an absent one (fp8 has no zero) travels empty
        kv = [self.q.new_empty(0) if t is None else t for t in self.kv_data]
        if self.spec.scores:
            return torch.ops.kvcc.attention_scores(
                self.q, self.k, self.v, self.cu_q, self.cu_k, self.block_table, self.kv_lens,
                self.mask_data, self.spec.text(), self.scale, self.softcap,
                self.alibi_max_bias, self.sizes, self.placement, self.num_splits,
                self.scores_shape, self.score_window, kv)
        return torch.ops.kvcc.attention(
            self.q, self.k, self.v, self.cu_q, self.cu_k, self.block_table, self.kv_lens,
            self.mask_data, self.spec.text(), self.scale, self.softcap, self.alibi_max_bias,
            self.sizes, self.placement, self.num_splits, kv)

    def launcher(self) -> Launcher:
        """The kernel bound to these inputs with all host work done once: a callable
        for serving loops and benchmarks that call the same shapes many times."""
        return Launcher(self.spec, q=self.q, k=self.k, v=self.v, problem=Problem(*self.sizes),
                        scale=self.scale, softcap=self.softcap,
                        alibi=None if self.alibi_max_bias is None else Alibi(self.alibi_max_bias),
                        cu_q=self.cu_q, cu_k=self.cu_k, block_table=self.block_table,
                        kv_lens=self.kv_lens, mask_data=self.mask_data,
                        placement=tuple(self.placement), num_splits=self.num_splits,
                        kv_data=None if self.spec.kv_alt else self.kv_data,
                        scores_shape=tuple(self.scores_shape),
                        score_window=self.score_window,
                        alt=list(self.kv_data) if self.spec.kv_alt else None)


def tma_layout_ok(*tensors: torch.Tensor) -> bool:
    """Tensors TMA can address as ``[B, H, S, D]`` with their own strides: unit stride
    on the head dim, every other stride and the base address 16-byte aligned (the
    descriptor's rules), and rows of a whole number of 16-byte units."""
    return all(t.stride(-1) == 1 and t.data_ptr() % 16 == 0
               and all(s * t.element_size() % 16 == 0 for s in t.stride()[:-1])
               and (t.shape[-1] * t.element_size()) % 16 == 0 for t in tensors)


def use_tma(device: torch.device, *tensors: torch.Tensor) -> bool:
    """TMA descriptors on Hopper and later, when the layouts allow them."""
    if device.type != "cuda" or torch.cuda.get_device_capability(device)[0] < 9:
        return False
    return tma_layout_ok(*tensors)


def plan(op: AttentionOp, t: dict[str, torch.Tensor], dim: Callable = int,
         num_splits: int | None = None, tiles: Tiles | None = None,
         tma: bool | None = None, max_q_len: int | None = None,
         max_kv_len: int | None = None) -> Plan:
    """Decide the kernel and its arguments for one IR attention op on these tensors.
    The split count is chosen here, at run time, from batch, heads, key length and
    the GPU's SM count, unless ``num_splits`` is given; ``tiles`` overrides the
    default tile sizes (else the tuning database's entry for this GPU and shape, when
    there is one: ``kvcc/autotune/lookup.py``); ``tma`` forces TMA loads on or off (default: on
    Hopper and later when K/V allow it). ``max_q_len``: the longest sequence of a
    packed q (an upper bound is fine); without it ``cu_seqlens_q`` is read back from
    the device once, a host sync. ``max_kv_len``: the longest key sequence (packed or
    paged; it informs the split choice, default the tensor's capacity)."""
    q, k, v = t[op.q.name], t[op.k.name], t[op.v.name]
    get = (lambda val: None if val is None else t[val.name])  # noqa: E731
    cu_q, cu_k, bt, kvl = (get(op.cu_seqlens_q), get(op.cu_seqlens_k), get(op.block_table),
                           get(op.kv_lens))
    if isinstance(op.q_layout, Packed):
        batch, q_static = cu_q.shape[0] - 1, 0
        if max_q_len is None:
            lens = (cu_q[1:] - cu_q[:-1]).tolist()
            max_q_len = max(lens, default=0)
        max_q = max(1, max_q_len)
    else:
        batch, max_q, q_static = q.shape[0], q.shape[2], q.shape[2]
    kl = op.kv_layout
    if isinstance(kl, Paged):
        max_kv, kv_static = bt.shape[-1] * kl.page_size, 0  # the block table's capacity
    elif isinstance(kl, Packed):
        max_kv, kv_static = k.shape[0], 0
    else:
        max_kv, kv_static = k.shape[2], k.shape[2]
    kv_data = None
    if op.alt_heads:  # the second source of K/V
        kv_data = [get(x) for x in (op.k_alt, op.v_alt, op.block_table_alt, op.kv_lens_alt)]
        max_kv = max(max_kv, kv_data[2].shape[1] * kl.page_size)
    if op.kv_format is not None and isinstance(kl, Paged):  # pages, and rings per sequence
        kv_data = [get(x) for x in (op.k_scale, op.k_zero, op.v_scale, op.v_zero,
                                    op.k_residual, op.v_residual, op.residual_slot)]
    elif op.kv_format is not None:  # codes hold the quantized tokens, the residual the rest
        kv_data = [get(x) for x in (op.k_scale, op.k_zero, op.v_scale, op.v_zero,
                                    op.k_residual, op.v_residual)]
        kr, vr = kv_data[4], kv_data[5]
        max_kv = kv_static = k.shape[2] + (kr.shape[2] if kr is not None else 0)
        if v.shape[2] + (vr.shape[2] if vr is not None else 0) != kv_static:
            raise ValueError(f"quantized k holds {kv_static} tokens, v "
                             f"{v.shape[2] + (vr.shape[2] if vr is not None else 0)}")
    if max_kv_len is not None and not kv_static:
        max_kv = max(1, min(max_kv, max_kv_len))
    q_total = dim(op.q_total) if op.q_total is not None else dim(op.q_offset) + q_static
    kv_total = dim(op.kv_total) if op.kv_total is not None else dim(op.kv_offset) + kv_static
    placement = [dim(op.q_offset) + kv_total - q_total, dim(op.q_offset), dim(op.kv_offset),
                 kv_total]
    auto_tma = tma is None
    if tma is None:
        tma = use_tma(q.device, k, v)
    elif tma and tma_eligible(op) and not tma_layout_ok(k, v):
        raise ValueError("tma=True needs K and V with unit stride on the head dim and "
                         "16-byte aligned strides and rows (.contiguous() gives that)")
    if num_splits is not None and (not isinstance(num_splits, int) or num_splits < 1):
        raise ValueError(f"num_splits must be an int >= 1, got {num_splits!r}")
    _check_static_documents(op, kv_static if not isinstance(kl, (Paged, Packed)) else None,
                            dim(op.kv_total) if op.kv_total is not None else None)
    probe = _lower(op, max_q, tiles, tma)
    if tiles is None and q.device.type == "cuda":  # tuned for this GPU, when recorded
        tuned = tuned_config(probe, (batch, q.shape[1], q.shape[1] // probe.group, max_q,
                                     max_kv), q.device)
        if tuned is not None:
            tma = tma and (tuned.tma is not False or not auto_tma)
            probe = _lower(op, max_q, tuned.tiles(), tma)
            num_splits = tuned.num_splits if num_splits is None else num_splits
    if probe.tma_qo and not tma_layout_ok(q):
        # Q and O go through TMA with K and V; a q that TMA cannot address keeps the
        # whole kernel on pointer loads (one kernel per spec, not one per operand)
        probe = replace(probe, tma=False)
    if num_splits is None:
        heads_prog = q.shape[1] // probe.group if probe.pack_gqa else q.shape[1]
        grid_m = -(-max_q * probe.rows_per_q // probe.block_m)
        num_splits = choose_splits(grid_m * batch * heads_prog, -(-max_kv // probe.block_n),
                                   sm_count(q.device),
                                   max_splits=min(128, max(1, GRID_YZ_MAX // heads_prog)))
    spec = replace(probe, split=num_splits > 1)  # the split count is all that is left
    scores_shape = [] if op.scores is None else [dim(d) for d in op.scores.type.shape]
    if op.scores is not None and isinstance(kl, Paged) and scores_shape[2] < max_kv:
        # scores are indexed by position: room for every key the block table can hold
        raise ValueError(f"scores {scores_shape} over a paged cache need a position axis of "
                         f"at least the block table's capacity {max_kv}")
    return Plan(spec, q, k, v, cu_q, cu_k, bt, kvl, [t[n] for n in data_refs(op.mask)],
                op.scale, op.softcap, op.alibi.max_bias if op.alibi is not None else None,
                [batch, max_q, max_kv, q_static, kv_static], placement, num_splits,
                kv_data or [], scores_shape, op.score_window)


def _check_static_documents(op: AttentionOp, kv_len: int | None, kv_total: int | None) -> None:
    """Static document lengths must cover the keys exactly (as the reference checks);
    kernels read them from tables of that length."""
    docs = [n for n in walk(op.mask) if isinstance(n, Document) and n.lengths is not None]
    if not docs:
        return
    if kv_len is None or op.kv_lens is not None:
        raise UnsupportedAttention("static document(lengths) masks need a dense KV of that "
                                   "length; use document(seq_ids=...) or packed sequences")
    total = kv_total if kv_total is not None else kv_len
    for d in docs:
        if sum(d.lengths) != total:
            raise ValueError(f"mask document(lengths): lengths sum to {sum(d.lengths)} but the "
                             f"key length is {total}")


_LOWERED: dict[tuple, tuple[AttentionOp, KernelSpec]] = {}


def _lower(op: AttentionOp, max_q: int, tiles: Tiles | None, tma: bool) -> KernelSpec:
    """``lower``, memoized by the op's identity (ops come from cached modules; hashing
    one deeply costs more than the rest of planning)."""
    key = (id(op), max_q, tiles, tma)
    hit = _LOWERED.get(key)
    if hit is not None and hit[0] is op:
        return hit[1]
    spec = lower(op, max_q_len=max_q, tiles=tiles, tma=tma)
    if len(_LOWERED) >= 4096:
        _LOWERED.clear()
    _LOWERED[key] = (op, spec)
    return spec


def run_attention(op: AttentionOp, t: dict[str, torch.Tensor], dim: Callable,
                  num_splits: int | None = None, **hints) -> tuple[torch.Tensor, ...]:
    """Execute one IR attention op with a generated kernel: ``(o, lse)``, and the
    eviction scores third when the op returns them; ``hints``:
    ``max_q_len``/``max_kv_len`` for :func:`plan`. Through the custom op when q, k or
    v need gradients (it has no backward and says so); otherwise the launch is
    direct, which skips the op's dispatch (tens of microseconds of host time)."""
    p = plan(op, t, dim, num_splits, **hints)
    if torch.is_grad_enabled() and any(x.requires_grad for x in (p.q, p.k, p.v)):
        return p.run()
    return p.launcher()()


__all__ = ["Plan", "attention_kernel", "attention_scores_kernel", "available", "plan",
           "run_attention"]
