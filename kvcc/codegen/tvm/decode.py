"""The decode kernel's body: GQA-packed split-KV attention for CPU SIMD.

Schedule (llvm): one parallel task per (sequence, KV head, split). A task's rows are
its KV head's ``group`` query heads x the ``q_rows`` queries, so each K and V row is
read once for all of them; the splits divide the tiles of the keys some row sees
(``ranges.key_ranges``), so a single sequence still fills every core. Over K/V whose
heads interleave (paged or packed, ``spec.wide``) a task is (sequence, split) and its
rows are every KV head's, in register blocks of one head each: the scores read each
key's row, all its heads, whole and in order (one head per task read K rows a
page-crossing stride apart, 1.4x slower); ``acc += p V`` still walks the tile's V
rows one head block at a time. Per tile of ``block_n`` keys:

- ``s[row, key] = q . k``, vectorized over the head dim: a register block of
  (up to 8) rows x one SIMD vector accumulates the products, then a halving tree adds
  its lanes (the one horizontal step, once per key and row);
- softcap, ALiBi, the keys past the end and, on tiles not entirely visible, each
  element tested against its row's intervals and document ids (-inf);
- online softmax per row, vectorized over keys (running max and sum);
- ``acc += p V`` in register blocks of rows x a chunk of the head dim.

Each task then writes its rows' ``O``/``lse`` directly (one split) or its normalized
partial state and log2-sum-exp to the workspace, and a second parallel loop merges the
splits exactly: ``o = sum_s w_s o_s / sum_s w_s`` with ``w_s = 2**(lse_s - max)``
(an empty split has lse -inf and weight 0; all empty gives 0 and -inf).
"""

from __future__ import annotations

from contextlib import nullcontext

from kvcc.codegen.tvm.emit import (
    divisor_chunk,
    kv_at,
    o_at,
    q_at,
    seq_lets,
    tvm_dtype,
)
from kvcc.codegen.tvm.ranges import full_tile, key_ranges, key_tiles, tile_ids, visible
from kvcc.codegen.tvm.script import LN2, NEG_INF, Code, f32, simd_width
from kvcc.codegen.tvm.spec import TvmSpec


class _Rows:
    """A decode task's rows (module docstring): ``n`` of them (an expression), ``per``
    per KV head; a row's query head, its KV head's row index and its mask row."""

    def __init__(self, spec: TvmSpec) -> None:
        self.wide, self.qr, self.g, self.per = spec.wide, spec.q_rows, spec.group, spec.rows
        self.n = f"Hk * {self.per}" if self.wide else str(self.per)

    def head(self, r: str) -> str:
        return f"{r} // {self.qr}" if self.wide else f"hk * {self.g} + {r} // {self.qr}"

    def mask_row(self, r: str) -> str:
        """The row of the mask's tables (wide: one per query; the heads share it)."""
        return f"{r} % {self.qr}" if self.wide else r

    def blocks(self, k: str | int) -> str:
        """Register blocks of ``k`` rows (``k`` divides ``per``: a block is one head's)."""
        return f"Hk * {self.per // int(k)}" if self.wide else str(self.per // int(k))

    def bind_head(self, c: Code, first: str) -> None:
        """In a block whose first row is ``first``: ``hk``, its KV head (wide)."""
        if self.wide:
            c.let("hk", f"({first}) // {self.per}")

    def alloc(self, c: Code, name: str, *shape: int) -> None:
        if self.wide:  # a run-time row count: a heap workspace
            c(f"{name} = T.alloc_buffer(({', '.join((self.n, *map(str, shape)))},), "
              "\"float32\", scope=\"global\")")
        elif shape:
            c.buffer(name, (self.per, *shape))
        else:
            c.tile(name, (self.per,))


def body(c: Code, spec: TvmSpec) -> None:
    R = _Rows(spec)
    qr, g, bn = spec.q_rows, spec.group, spec.block_n
    d, dv, vec = spec.head_dim, spec.head_dim_v, spec.vec
    with c.block(f"for task in T.parallel(B * {'' if R.wide else 'Hk * '}NS)"):
        if R.wide:
            c.let("b", "task // NS")
        else:
            c.let("b", "task // (Hk * NS)")
            c.let("hk", "task // NS % Hk")
        c.let("sp", "task % NS")
        seq_lets(c, spec)
        if R.wide:  # the heads share the mask: one row of intervals per query
            key_ranges(c, spec, qr, "i", _valid(spec, "i"), "0")
        else:
            key_ranges(c, spec, R.per, f"i % {qr}", _valid(spec, "i"), f"hk * {g} + i // {qr}")
        R.alloc(c, "q", d)
        R.alloc(c, "s", bn)
        R.alloc(c, "acc", dv)
        for n in ("m", "ms", "al", "l"):
            R.alloc(c, n)
        with c.block(f"for r in range({R.n})"):
            with c.lanes("d", d, vec) as dd:
                c(f"q[r, {dd}] = T.Cast(\"float32\", "
                  f"{q_at(spec, R.head('r'), f'r % {qr}', dd)}) * qscale")
            with c.lanes("d", dv, vec) as dd:
                c(f"acc[r, {dd}] = {f32(0.0)}")
            c(f"m[r] = {NEG_INF}", f"l[r] = {f32(0.0)}")
        with key_tiles(c, spec, split=True):
            c.let("nk", f"T.min({bn}, Skv - j0)")
            tile_ids(c, spec)
            _scores(c, spec)
            _softmax(c, spec)
            _pv(c, spec)
        _write(c, spec)
    with c.block("if NS > 1"):
        _merge(c, spec)


def _scores(c: Code, spec: TvmSpec, q0: str | None = None) -> None:
    """``s`` = the tile's scores of the rows ``q`` holds (row ``r``: query ``r % q_rows``,
    after ``q0`` when given, of head ``hk * group + r // q_rows``, or ``r // q_rows``
    wide), log2 units, masked elements -inf."""
    R = _Rows(spec)
    rows, d, bn, vec = spec.rows, spec.head_dim, spec.block_n, spec.vec
    w = simd_width(d, vec)
    rc = max(r for r in range(1, min(rows, 8) + 1) if rows % r == 0)
    with c.block("for jj in range(nk)"):
        with c.block(f"for rc in range({R.blocks(rc)})"):
            R.bind_head(c, f"rc * {rc}")
            c.tile("pr", (rc, w))
            with c.block(f"for rr in T.unroll({rc})"):
                with c.block(f"for v in T.vectorized({w})"):
                    c(f"pr[rr, v] = {f32(0.0)}")
            with c.block(f"for c in range({d // w})"):
                with c.block(f"for rr in T.unroll({rc})"):
                    with c.block(f"for v in T.vectorized({w})"):
                        c(f"pr[rr, v] = pr[rr, v] + q[rc * {rc} + rr, c * {w} + v] * "
                          f"T.Cast(\"float32\", {kv_at(spec, 'K', 'j0 + jj', f'c * {w} + v')})")
            with c.block(f"for rr in T.unroll({rc})"):
                width = w
                while width > 1:
                    width //= 2
                    with c.block(f"for v in T.vectorized({width})"):
                        c(f"pr[rr, v] = pr[rr, v] + pr[rr, v + {width}]")
                c(f"s[rc * {rc} + rr, jj] = pr[rr, 0]")
    with c.block(f"for r in range({R.n})"):
        if spec.softcap:
            with c.lanes("j", bn, vec) as j:
                c.tanh(f"s[r, {j}]", f"s[r, {j}]")
                c(f"s[r, {j}] = s[r, {j}] * cap")
        if spec.alibi:  # the row's query head and its distance to key j0 + j
            slope = c.let("slope", f"SL[{R.head('r')}]", "float32")
            row = f"r % {spec.q_rows}" if q0 is None else f"{q0} + r % {spec.q_rows}"
            at = c.let("at", f"{row} + p_shift - kv_off - j0")
            with c.lanes("j", bn, vec) as j:
                c(f"s[r, {j}] = s[r, {j}] - {slope} * T.Cast(\"float32\", T.abs({at} - {j}))")
        with c.block(f"for j in range(nk, {bn})"):
            c(f"s[r, j] = {NEG_INF}")
        with c.block(f"if not ({full_tile(spec)})"):
            with c.lanes("j", bn, vec) as j:
                c(f"s[r, {j}] = T.Select({visible(spec, j, R.mask_row('r'))}, s[r, {j}], "
                  f"{NEG_INF})")


def _softmax(c: Code, spec: TvmSpec) -> None:
    bn, vec = spec.block_n, spec.vec
    w = simd_width(bn, vec)
    with c.block(f"for r in range({_Rows(spec).n})"):
        c.tile("red", (w,))
        with c.block(f"for v in T.vectorized({w})"):
            c("red[v] = s[r, v]")
        with c.block(f"for jc in range(1, {bn // w})"):
            with c.block(f"for v in T.vectorized({w})"):
                c(f"red[v] = T.max(red[v], s[r, jc * {w} + v])")
        width = w
        while width > 1:
            width //= 2
            with c.block(f"for v in T.vectorized({width})"):
                c(f"red[v] = T.max(red[v], red[v + {width}])")
        c("ms[r] = T.max(m[r], red[0])")
        safe = f"T.Select(ms[r] == {NEG_INF}, {f32(0.0)}, ms[r])"
        c.exp2("al[r]", f"m[r] - {safe}")
        c("m[r] = ms[r]", f"ms[r] = {safe}")
        with c.lanes("j", bn, vec) as j:
            c.exp2(f"s[r, {j}]", f"s[r, {j}] - ms[r]")
        with c.block(f"for v in T.vectorized({w})"):
            c("red[v] = s[r, v]")
        with c.block(f"for jc in range(1, {bn // w})"):
            with c.block(f"for v in T.vectorized({w})"):
                c(f"red[v] = red[v] + s[r, jc * {w} + v]")
        width = w
        while width > 1:
            width //= 2
            with c.block(f"for v in T.vectorized({width})"):
                c(f"red[v] = red[v] + red[v + {width}]")
        c("l[r] = l[r] * al[r] + red[0]")


def _pv(c: Code, spec: TvmSpec) -> None:
    R = _Rows(spec)
    rows, dv, vec = spec.rows, spec.head_dim_v, spec.vec
    rp = max(r for r in range(1, min(rows, 4) + 1) if rows % r == 0)
    dc = divisor_chunk(dv, rp, vec)
    with c.block(f"for rc in range({R.blocks(rp)})"):
        R.bind_head(c, f"rc * {rp}")
        with c.block(f"for dc in range({dv // dc})"):
            c.tile("pv", (rp, dc))
            with c.block(f"for rr in T.unroll({rp})"):
                with c.lanes("d", dc, vec) as d:
                    c(f"pv[rr, {d}] = acc[rc * {rp} + rr, dc * {dc} + {d}] * al[rc * {rp} + rr]")
            with c.block("for jj in range(nk)"):
                with c.block(f"for rr in T.unroll({rp})"):
                    with c.lanes("d", dc, vec) as d:
                        c(f"pv[rr, {d}] = pv[rr, {d}] + s[rc * {rp} + rr, jj] * "
                          f"T.Cast(\"float32\", {kv_at(spec, 'V', 'j0 + jj', f'dc * {dc} + {d}')})")
            with c.block(f"for rr in T.unroll({rp})"):
                with c.lanes("d", dc, vec) as d:
                    c(f"acc[rc * {rp} + rr, dc * {dc} + {d}] = pv[rr, {d}]")


def _write(c: Code, spec: TvmSpec) -> None:
    R = _Rows(spec)
    qr, dv, vec = spec.q_rows, spec.head_dim_v, spec.vec
    odt = tvm_dtype(spec.out_dtype)
    h, row = R.head("r"), f"r % {qr}"
    # the workspace's KV head and row (wide: the row's head's)
    wk, wr = (f"r // {R.per}", f"r % {R.per}") if R.wide else ("hk", "r")
    with c.block(f"for r in range({R.n})"):
        li = c.let("li", "l[r]", "float32")
        c.let("inv", f"T.Select({li} > {f32(0.0)}, {f32(1.0)} / {li}, {f32(0.0)})", "float32")
        with c.block("if NS == 1" + (f" and {_valid(spec, 'r')}" if _valid(spec, "r") else "")):
            with c.lanes("d", dv, vec) as d:
                c(f"{o_at(spec, h, row, d)} = T.Cast(\"{odt}\", acc[r, {d}] * inv)")
            c(f"{o_at(spec, h, row)} = T.Select({li} > {f32(0.0)}, "
              f"(m[r] + T.log2({li})) * {f32(LN2)}, {NEG_INF})")
        with c.block("if NS > 1"):
            with c.lanes("d", dv, vec) as d:
                c(f"WO[b, {wk}, sp, {wr}, {d}] = acc[r, {d}] * inv")
            c(f"WL[b, {wk}, sp, {wr}] = T.Select({li} > {f32(0.0)}, m[r] + T.log2({li}), "
              f"{NEG_INF})")


def _merge(c: Code, spec: TvmSpec) -> None:
    rows, qr, g, dv, vec = spec.rows, spec.q_rows, spec.group, spec.head_dim_v, spec.vec
    with c.block(f"for task in T.parallel(B * Hk * {rows})"):
        c.let("b", f"task // (Hk * {rows})")
        c.let("hk", f"task // {rows} % Hk")
        c.let("r", f"task % {rows}")
        seq_lets(c, spec)
        c.tile("st", (2,))
        c.buffer("o", (dv,))
        c(f"st[0] = {NEG_INF}", f"st[1] = {f32(0.0)}")
        with c.block("for sp in range(NS)"):
            c("st[0] = T.max(st[0], WL[b, hk, sp, r])")
        c.let("mx", f"T.Select(st[0] == {NEG_INF}, {f32(0.0)}, st[0])", "float32")
        with c.lanes("d", dv, vec) as d:
            c(f"o[{d}] = {f32(0.0)}")
        with c.block("for sp in range(NS)"):
            c.exp2("w", "WL[b, hk, sp, r] - mx", let=True)
            c("st[1] = st[1] + w")
            with c.lanes("d", dv, vec) as d:
                c(f"o[{d}] = o[{d}] + w * WO[b, hk, sp, r, {d}]")
        c.let("den", "st[1]", "float32")
        c.let("inv", f"T.Select(den > {f32(0.0)}, {f32(1.0)} / den, {f32(0.0)})", "float32")
        h, row, odt = f"hk * {g} + r // {qr}", f"r % {qr}", tvm_dtype(spec.out_dtype)
        valid = _valid(spec, "r")
        with c.block(f"if {valid}") if valid else nullcontext():
            with c.lanes("d", dv, vec) as d:
                c(f"{o_at(spec, h, row, d)} = T.Cast(\"{odt}\", o[{d}] * inv)")
            c(f"{o_at(spec, h, row)} = T.Select(den > {f32(0.0)}, "
              f"(st[0] + T.log2(den)) * {f32(LN2)}, {NEG_INF})")


def _valid(spec: TvmSpec, r: str) -> str | None:
    """Whether row ``r`` of a program is a query of its sequence (packed q: sequences
    may be shorter than the ``q_rows`` the kernel is built for); None: every row is."""
    return f"{r} % {spec.q_rows} < Sq" if spec.q_layout == "packed" else None
