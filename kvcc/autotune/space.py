"""The search space of one kernel: tiles, warps, stages, TMA or pointer loads, and
split counts.

Candidates keep to what the emitter builds well: tile sides of 16 to 128 (``tl.dot``
needs 16), M tiles no taller than the rows a program has (GQA-packed decode holds
``group x q_len`` rows), 16x16 to 32x32 tiles for fp32 (exact fp32 dots spill beyond),
at most 32-key tiles above 64 for quantized K/V (dequantized tiles live in registers),
TMA only where the base spec could use it. Paged K/V look up the page of every key,
so the page tile is the key tile: the candidates cover the page size and its
multiples up to 128. The heuristic tiles are always a candidate.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, replace

from kvcc.autotune.keys import Shape, pow2_ceil
from kvcc.codegen.triton.spec import KernelSpec, Tiles


@dataclass(frozen=True)
class Candidate:
    """Tiles and the load path of one compiled variant."""

    tiles: Tiles
    tma: bool

    def apply(self, spec: KernelSpec) -> KernelSpec:
        t = self.tiles
        return replace(spec, block_m=t.block_m, block_n=t.block_n, num_warps=t.num_warps,
                       num_stages=t.num_stages, tma=self.tma)

    def text(self) -> str:
        t = self.tiles
        return (f"{t.block_m}x{t.block_n} w{t.num_warps} s{t.num_stages}"
                + (" tma" if self.tma else ""))


def default(spec: KernelSpec) -> Candidate:
    return Candidate(Tiles(spec.block_m, spec.block_n, spec.num_warps, spec.num_stages), spec.tma)


def candidates(spec: KernelSpec, shape: Shape) -> list[Candidate]:
    """Every candidate for ``spec`` (whose own tiles are the heuristic's) at ``shape``."""
    rows = shape.q_len * spec.rows_per_q
    if spec.dtype == "f32":
        ms, ns, ws, ss = (16, 32), (16, 32), (4,), (1, 2)
    elif spec.pack_gqa:
        ms = tuple(m for m in (16, 32, 64) if m <= max(16, pow2_ceil(rows)))
        ns = (16, 32, 64) if spec.kv_code else (32, 64, 128)
        ws, ss = (4, 8), (2, 3, 4) if not spec.kv_code else (1, 2, 3)
    else:
        ms = tuple(m for m in (64, 128) if m <= max(64, pow2_ceil(rows)))
        ns = (16, 32, 64) if spec.kv_code else (32, 64, 128)
        ws, ss = (4, 8), (2, 3)
    if spec.head_dim > 128 or spec.head_dim_v > 128:
        ns = tuple(n for n in ns if n <= 64)
    if spec.kv_layout == "paged" and spec.page_size:
        ns = tuple(sorted({*ns, *(n for n in (16, 32, 64, 128)
                                  if n >= spec.page_size and n % spec.page_size == 0
                                  and n <= max(ns))}))
    loads = (False, True) if spec.tma else (False,)
    out = [default(spec)]
    for m, n, w, s, tma in itertools.product(ms, ns, ws, ss, loads):
        if m * n >= 128 * 128 and w < 8:  # a 128x128 tile needs 8 warps' registers
            continue
        c = Candidate(Tiles(m, n, w, s), tma)
        if c not in out:
            out.append(c)
    return out


def split_counts(rule: int, kv_blocks: int) -> list[int]:
    """Split counts to measure beside the run-time rule's choice ``rule``: none, half and
    twice the rule, within the key blocks there are to split."""
    vals = {1, rule, max(1, rule // 2), rule * 2}
    return sorted(v for v in vals if v <= max(1, kv_blocks))


__all__ = ["Candidate", "candidates", "default", "split_counts"]
