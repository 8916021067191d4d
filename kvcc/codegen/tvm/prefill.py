"""The prefill kernel's body: a flash-attention forward scheduled for CPU SIMD.

Schedule (llvm): one parallel task per (sequence, query head, block of ``block_m``
query rows); blocks are taken in a zig-zag order (first, last, second, ...) so the
contiguous chunk of tasks each thread gets holds as much causal work as any other.
A task

1. evaluates its rows' key intervals (``ranges.key_ranges``) and visits only the key
   tiles some row's intervals reach;
2. copies its queries transposed and pre-scaled, ``qT [D, block_m]``, so that every
   product below is a broadcast of one scalar times a vector of rows or of head
   dims, with no horizontal reduction;
3. per tile of ``block_n`` keys: ``S^T [block_n, block_m] = K qT`` in register blocks
   of ``qk_keys`` keys x ``block_m`` rows (K rows clamped in range, the surplus masked
   below); softcap; ALiBi; on tiles not entirely visible, each element tested against
   its row's intervals and document ids; then the online softmax vectorized over rows
   (running max and sum per row, rescale factor ``2**(m_old - m_new)``), and
   ``acc += P^T V`` in register blocks of ``pv_rows`` rows x a chunk of the head dim,
   the rescale folded into the block's load;
4. writes ``O = acc / l`` and ``lse = (m + log2 l) ln 2``; a row that saw no key gets
   0 and -inf.
"""

from __future__ import annotations

from kvcc.codegen.tvm.emit import (
    divisor_chunk,
    kv_at,
    o_at,
    q_at,
    seq_lets,
    tvm_dtype,
)
from kvcc.codegen.tvm.ranges import full_tile, key_ranges, key_tiles, tile_ids, visible
from kvcc.codegen.tvm.script import LN2, NEG_INF, Code, f32
from kvcc.codegen.tvm.spec import TvmSpec


def body(c: Code, spec: TvmSpec) -> None:
    bm, bn, d, vec = spec.block_m, spec.block_n, spec.head_dim, spec.vec
    c.let("nqb", f"({'mq' if spec.varlen else 'Sq'} + {bm - 1}) // {bm}")
    with c.block("for task in T.parallel(B * Hq * nqb)"):
        c.let("bh", "task // nqb")
        c.let("t", "task % nqb")
        c.let("qb", "T.Select(t % 2 == 0, t // 2, nqb - 1 - t // 2)")
        c.let("b", "bh // Hq")
        c.let("h", "bh % Hq")
        c.let("hk", f"h // {spec.group}")
        seq_lets(c, spec)
        c.let("r0", f"qb * {bm}")
        c.let("nr", f"T.min({bm}, Sq - r0)")
        key_ranges(c, spec, bm, "r0 + i", "i < nr", "h")
        c.buffer("qT", (d, bm))
        c.buffer("sT", (bn, bm))
        c.buffer("acc", (bm, spec.head_dim_v))
        for n in ("m", "ms", "al", "l"):
            c.tile(n, (bm,))
        with c.block(f"for i in range({bm})"):
            with c.block(f"for d in range({d})"):
                qv = q_at(spec, "h", "T.max(T.min(r0 + i, Sq - 1), 0)", "d")
                c(f"qT[d, i] = T.Select(i < nr, T.Cast(\"float32\", {qv}) * qscale, "
                  f"{f32(0.0)})")
            with c.lanes("d", spec.head_dim_v, vec) as dd:
                c(f"acc[i, {dd}] = {f32(0.0)}")
        with c.lanes("i", bm, vec) as i:
            c(f"m[{i}] = {NEG_INF}", f"l[{i}] = {f32(0.0)}")
        if spec.alibi:
            c.let("slope", "SL[h]", "float32")
        with key_tiles(c, spec, split=False):
            tile_ids(c, spec)
            _scores(c, spec)
            _softmax(c, spec)
            _pv(c, spec)
        with c.block("for i in range(nr)"):
            li = c.let("li", "l[i]", "float32")
            c.let("inv", f"T.Select({li} > {f32(0.0)}, {f32(1.0)} / {li}, {f32(0.0)})",
                  "float32")
            with c.lanes("d", spec.head_dim_v, vec) as dd:
                c(f"{o_at(spec, 'h', 'r0 + i', dd)} = "
                  f"T.Cast(\"{tvm_dtype(spec.out_dtype)}\", acc[i, {dd}] * inv)")
            c(f"{o_at(spec, 'h', 'r0 + i')} = T.Select({li} > {f32(0.0)}, "
              f"(m[i] + T.log2({li})) * {f32(LN2)}, {NEG_INF})")


def _scores(c: Code, spec: TvmSpec) -> None:
    """``sT`` = the tile's scores in log2 units, masked elements -inf."""
    bm, bn, jr, vec = spec.block_m, spec.block_n, spec.qk_keys, spec.vec
    with c.block(f"for jo in range({bn // jr})"):
        c.tile("qk", (jr, bm))
        with c.block(f"for ji in T.unroll({jr})"):
            with c.lanes("i", bm, vec) as i:
                c(f"qk[ji, {i}] = {f32(0.0)}")
        with c.block(f"for d in range({spec.head_dim})"):
            with c.block(f"for ji in T.unroll({jr})"):
                with c.lanes("i", bm, vec) as i:
                    c(f"qk[ji, {i}] = qk[ji, {i}] + T.Cast(\"float32\", "
                      f"{kv_at(spec, 'K', f'T.min(j0 + jo * {jr} + ji, Skv - 1)', 'd')}) * qT[d, {i}]")
        with c.block(f"for ji in T.unroll({jr})"):
            if spec.alibi:  # distance of the block's first row to the key
                c.let("at", f"r0 + p_shift - kv_off - j0 - jo * {jr} - ji")
            with c.lanes("i", bm, vec) as i:
                if spec.softcap:
                    c.tanh(f"sT[jo * {jr} + ji, {i}]", f"qk[ji, {i}]")
                    c(f"sT[jo * {jr} + ji, {i}] = sT[jo * {jr} + ji, {i}] * cap")
                else:
                    c(f"sT[jo * {jr} + ji, {i}] = qk[ji, {i}]")
                if spec.alibi:
                    c(f"sT[jo * {jr} + ji, {i}] = sT[jo * {jr} + ji, {i}] - slope * "
                      f"T.Cast(\"float32\", T.abs(at + {i}))")
    with c.block(f"if not ({full_tile(spec)})"):
        with c.block(f"for jj in range({bn})"):
            with c.lanes("i", bm, vec) as i:
                c(f"sT[jj, {i}] = T.Select({visible(spec, 'jj', i)}, sT[jj, {i}], {NEG_INF})")


def _softmax(c: Code, spec: TvmSpec) -> None:
    """Online softmax over the tile, vectorized over rows: ``sT`` becomes P^T."""
    bm, bn, vec = spec.block_m, spec.block_n, spec.vec
    with c.lanes("i", bm, vec) as i:
        c(f"ms[{i}] = m[{i}]")
    with c.block(f"for jj in range({bn})"):
        with c.lanes("i", bm, vec) as i:
            c(f"ms[{i}] = T.max(ms[{i}], sT[jj, {i}])")
    with c.lanes("i", bm, vec) as i:
        # rescale by 2**(m_old - m_new); a row with no visible key yet keeps m = -inf
        # and shifts by 0 instead (its p and rescale are both 0)
        safe = f"T.Select(ms[{i}] == {NEG_INF}, {f32(0.0)}, ms[{i}])"
        c.exp2(f"al[{i}]", f"m[{i}] - {safe}")
        c(f"l[{i}] = l[{i}] * al[{i}]", f"m[{i}] = ms[{i}]", f"ms[{i}] = {safe}")
    with c.block(f"for jj in range({bn})"):
        with c.lanes("i", bm, vec) as i:
            c.exp2(f"sT[jj, {i}]", f"sT[jj, {i}] - ms[{i}]")
            c(f"l[{i}] = l[{i}] + sT[jj, {i}]")


def _pv(c: Code, spec: TvmSpec) -> None:
    """``acc = acc * rescale + P^T V`` over the tile's keys in range."""
    bm, bn, ri, dv, vec = spec.block_m, spec.block_n, spec.pv_rows, spec.head_dim_v, spec.vec
    dc = divisor_chunk(dv, ri, vec)
    c.let("nk", f"T.min({bn}, Skv - j0)")
    with c.block(f"for io in range({bm // ri})"):
        with c.block(f"for dc in range({dv // dc})"):
            c.tile("pv", (ri, dc))
            with c.block(f"for ii in T.unroll({ri})"):
                with c.lanes("d", dc, vec) as d:
                    c(f"pv[ii, {d}] = acc[io * {ri} + ii, dc * {dc} + {d}] * al[io * {ri} + ii]")
            with c.block("for jj in range(nk)"):
                with c.block(f"for ii in T.unroll({ri})"):
                    with c.lanes("d", dc, vec) as d:
                        c(f"pv[ii, {d}] = pv[ii, {d}] + sT[jj, io * {ri} + ii] * "
                          f"T.Cast(\"float32\", {kv_at(spec, 'V', 'j0 + jj', f'dc * {dc} + {d}')})")
            with c.block(f"for ii in T.unroll({ri})"):
                with c.lanes("d", dc, vec) as d:
                    c(f"acc[io * {ri} + ii, dc * {dc} + {d}] = pv[ii, {d}]")
