"""A roofline cost model: what a kernel configuration should cost before it runs.

The work is counted from the mask's tile structure (``classify_tiles``: only non-empty
tiles are computed and loaded, each in full): FLOPs of the two dots per tile, K/V bytes
per tile and program (GQA-packed programs read each KV head once, others once per query
head), of which each KV head's bytes come from DRAM once and the re-reads from L2; Q and
O once. Time is the larger of FLOPs over the peak rate and bytes
over the bandwidth, scaled by how much of the GPU the grid occupies (programs against
SMs, and the last wave's fill), plus a split's merge pass and a launch per kernel;
spills cost extra in proportion. It ranks candidates; it does not replace measuring.

``floor`` is the problem's own roofline floor (useful FLOPs over the peak, the bytes
that must move over the bandwidth), which ``kvcc explain`` prints.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from kvcc.autotune.device import Peak
from kvcc.autotune.keys import Shape
from kvcc.codegen.triton.spec import KernelSpec, mask_of

LAUNCH_S = 4e-6  # host launch and ramp per kernel
L2_SPEEDUP = 3.0  # L2 bandwidth over DRAM bandwidth (Hopper: about 3x)


@dataclass(frozen=True)
class Floor:
    """A problem's roofline floor."""

    flops: float  # useful: visible (query, key) pairs x 2 x (D + Dv), all heads
    bytes: float  # Q, K, V (as stored) and O, once
    seconds: float
    bound: str  # "compute" or "memory"

    @property
    def intensity(self) -> float:
        return self.flops / self.bytes if self.bytes else 0.0


@dataclass(frozen=True)
class Estimate:
    """A configuration's estimated time and what it does."""

    seconds: float
    flops: float  # tile FLOPs computed (padding and masked entries included)
    bytes: float
    programs: int
    occupancy: float  # fraction of the GPU the grid keeps busy

    @property
    def us(self) -> float:
        return self.seconds * 1e6


def _elt(dtype: str) -> float:
    return 4.0 if dtype == "f32" else 2.0


def kv_bytes_per_element(spec: KernelSpec) -> float:
    """Bytes of stored K (or V) per element: the dtype's, or the code's plus its scale and
    zero (fp16) amortized over the group."""
    if not spec.kv_code:
        return _elt(spec.dtype)
    bits = {"u2": 2, "u4": 4}.get(spec.kv_code, 8)
    if spec.kv_hier:
        bits = 8
    group = spec.kv_group or spec.head_dim
    side = 0.0 if spec.kv_code.startswith("f8") else 4.0 / group
    return bits / 8 + side


def tile_counts(spec: KernelSpec, q_len: int, kv_len: int, block_m: int, block_n: int
                ) -> tuple[int, int, int]:
    """(full, partial, total) tiles of one sequence and head for an M tile of ``block_m``
    rows (query rows when GQA is packed: ``block_m / group`` of them) and ``block_n`` keys."""
    from kvcc.ir.mask_tiles import Tile, classify_tiles

    rows = max(1, block_m // spec.rows_per_q)
    mt, nt = -(-q_len // rows), -(-kv_len // block_n)
    try:
        if mt * nt > 4_000_000:
            raise ValueError("too many tiles to classify")
        t = classify_tiles(mask_of(spec), q_len, kv_len, rows, block_n)[0, 0]
        return int((t == Tile.FULL).sum()), int((t == Tile.PARTIAL).sum()), mt * nt
    except (ValueError, TypeError, KeyError, NotImplementedError):
        return 0, mt * nt, mt * nt  # a mask the host cannot classify: every tile visited


def floor(spec: KernelSpec, shape: Shape, peak: Peak) -> Floor:
    """The problem's roofline floor on ``peak``'s GPU."""
    full, partial, _ = tile_counts(spec, shape.q_len, shape.kv_len, 16 * spec.rows_per_q, 16)
    pairs = (full + 0.5 * partial) * 256  # partial 16x16 tiles: about half visible
    pairs = min(pairs, shape.q_len * shape.kv_len)
    d, dv = spec.head_dim, spec.head_dim_v
    flops = 2.0 * pairs * (d + dv) * shape.heads * shape.batch
    elt = _elt(spec.dtype)
    qo = shape.batch * shape.heads * shape.q_len * (d * elt + dv * _elt(spec.out_dtype))
    kv = shape.batch * shape.kv_heads * shape.kv_len * (d + dv) * kv_bytes_per_element(spec)
    rate = peak.fp32_flops if spec.dtype == "f32" else peak.tensor_flops
    tc, tm = flops / rate, (qo + kv) / peak.bandwidth
    return Floor(flops, qo + kv, max(tc, tm), "compute" if tc >= tm else "memory")


def efficiency(spec: KernelSpec) -> float:
    """The fraction of the peak a program's main loop reaches, by its shape: larger tiles
    reuse each load for more FLOPs (0.75 at 64x32 rising to 1 at 128x128, by area in
    log2), deeper pipelines hide latency (1 stage 0.85, 2 stages 0.95, 3 or more 1), and
    TMA loads free the warps from address arithmetic (pointer loads 0.92)."""
    area = math.log2(max(1, spec.block_m * spec.block_n))
    tile = min(1.0, max(0.6, 0.75 + 0.25 * (area - 11) / 3))
    stages = {1: 0.85, 2: 0.95}.get(spec.num_stages, 1.0)
    return tile * stages * (1.0 if spec.tma else 0.92)


def shared_bytes(spec: KernelSpec) -> int:
    """Shared memory a program needs, as the compiler lays it out roughly: the pipelined
    K and V tiles, and Q's tile (what ``kvcc compile`` measures exactly)."""
    elt = _elt(spec.dtype)
    kv = spec.num_stages * spec.block_n * (spec.block_d + spec.block_dv) * elt
    return int(kv + spec.block_m * spec.block_d * elt)


def estimate(spec: KernelSpec, shape: Shape, peak: Peak, num_splits: int = 1,
             programs_per_sm: int | None = None, spill: int = 0) -> Estimate:
    """The estimated time of ``spec`` (its tiles, warps, split) at ``shape`` on ``peak``'s
    GPU. ``programs_per_sm``: from the compiled kernel's registers and shared memory
    (``sass.programs_per_sm``; 1 when unknown); ``spill``: its stack bytes per thread."""
    full, partial, _ = tile_counts(spec, shape.q_len, shape.kv_len, spec.block_m,
                                         spec.block_n)
    tiles = full + partial
    heads_prog = shape.heads // spec.group if spec.pack_gqa else shape.heads
    rows = max(1, spec.block_m // spec.rows_per_q)
    m_tiles = -(-shape.q_len // rows)
    d, dv = spec.head_dim, spec.head_dim_v
    work = shape.batch * heads_prog
    flops = 2.0 * tiles * spec.block_m * spec.block_n * (d + dv) * work
    elt = _elt(spec.dtype)
    kv = tiles * spec.block_n * (d + dv) * kv_bytes_per_element(spec) * work
    # K/V come from DRAM about once per KV head: the programs reading one head's tiles
    # again (other row blocks, the group's other query heads) run together and hit L2
    unique = min(kv, shape.batch * shape.kv_heads * shape.kv_len * (d + dv)
                 * kv_bytes_per_element(spec))
    qo = shape.batch * shape.heads * shape.q_len * (d * elt + dv * _elt(spec.out_dtype))
    programs = m_tiles * work * max(1, num_splits)
    slots = peak.sm_count * max(1, programs_per_sm or 1)
    waves = programs / slots
    fill = waves / math.ceil(waves) if waves > 0 else 1.0
    busy = min(1.0, programs / peak.sm_count) * fill
    mem_busy = min(1.0, 2 * programs / peak.sm_count) * fill
    rate = (peak.fp32_flops if spec.dtype == "f32" else peak.tensor_flops) * efficiency(spec)
    moved = (unique + qo) / peak.bandwidth + (kv - unique) / (L2_SPEEDUP * peak.bandwidth)
    t = max(flops / (rate * max(busy, 1e-6)), moved / max(mem_busy, 1e-6))
    t += LAUNCH_S
    if num_splits > 1:  # partial states written and read back, and a second launch
        part = 2 * num_splits * shape.batch * shape.heads * shape.q_len * (dv + 1) * 4
        t += part / peak.bandwidth + LAUNCH_S
    if spill:
        t *= 1 + spill / 256
    return Estimate(t, flops, kv + qo, programs, busy)


__all__ = ["Estimate", "Floor", "efficiency", "estimate", "floor", "kv_bytes_per_element",
           "shared_bytes", "tile_counts"]
