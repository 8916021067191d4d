"""The eviction-score kernel's body (H2O, SnapKV): each key's softmax probability summed
over the last ``W`` query rows of its sequence (``W = 0``: every row) and over the
query heads of its KV head's GQA group, run after the attention kernel, whose lse
(natural log) makes each row's probabilities final.

Schedule (llvm): one parallel task per (sequence, KV head, tile of ``block_n`` keys),
so a task owns its keys' scores and no two tasks write one. A task walks the window's
rows in chunks of ``q_rows`` queries x the group's heads (``spec.rows`` rows, the
decode kernel's row layout); per chunk it evaluates the rows' key intervals
(``ranges.key_ranges``), and when some row's range reaches the tile it computes the
tile's scores as the decode kernel does (``decode._scores``: softcap, ALiBi at the
chunk's positions, the element test), then adds ``2**(s - lse log2 e)`` per key over
the chunk's rows. A masked score, a row past the sequence and a row that saw no key
(lse -inf) add exactly 0; keys no window row sees keep 0.

The scores tensor is the op's: dense ``[B, Hkv, Skv]``, paged or dense per sequence
``[B, Hkv, S]`` (positions within the sequence), packed ``[Hkv, Tk]``; the caller
passes it zeroed, with ``mk`` (a bound on the longest key sequence) sizing the tiles.
"""

from __future__ import annotations

from kvcc.codegen.tvm.decode import _scores
from kvcc.codegen.tvm.emit import o_at, q_at, seq_lets
from kvcc.codegen.tvm.mask import term_count
from kvcc.codegen.tvm.ranges import key_ranges, tile_ids
from kvcc.codegen.tvm.script import LOG2E, NEG_INF, Code, f32
from kvcc.codegen.tvm.spec import TvmSpec

# the window's rows (0: all) and a bound on the longest key sequence
SCALARS = ("W: T.int32", "mk: T.int32")


def body(c: Code, spec: TvmSpec) -> None:
    g, qr, bn, d, vec = spec.group, spec.q_rows, spec.block_n, spec.head_dim, spec.vec
    rows = spec.rows
    c.let("ntk", f"(mk + {bn - 1}) // {bn}")
    with c.block("for task in T.parallel(B * Hk * ntk)"):
        c.let("b", "task // (Hk * ntk)")
        c.let("hk", "task // ntk % Hk")
        c.let("j0", f"task % ntk * {bn}")
        seq_lets(c, spec)
        with c.block("if j0 < Skv"):
            c.let("nk", f"T.min({bn}, Skv - j0)")
            c.let("wlo", "T.Select(W > 0, T.max(Sq - W, 0), 0)")
            c.buffer("sc", (bn,))
            c.buffer("q", (rows, d))
            c.buffer("s", (rows, bn))
            c.tile("lz", (rows,))
            with c.lanes("j", bn, vec) as j:
                c(f"sc[{j}] = {f32(0.0)}")
            with c.block(f"for wc in range((Sq - wlo + {qr - 1}) // {qr})"):
                c.let("wq0", f"wlo + wc * {qr}")
                key_ranges(c, spec, rows, f"wq0 + i % {qr}", f"wq0 + i % {qr} < Sq",
                           f"hk * {g} + i // {qr}")
                with c.block(f"if {_reaches(spec)}"):
                    tile_ids(c, spec)
                    _chunk(c, spec)
            _store(c, spec)


def _reaches(spec: TvmSpec) -> str:
    """Whether some row's range of some term reaches the tile at ``j0``."""
    bn = spec.block_n
    return " or ".join(f"(rng[{4 * t}] < rng[{4 * t + 1}] and j0 < rng[{4 * t + 1}] and "
                       f"j0 + {bn} > rng[{4 * t}])" for t in range(term_count(spec.mask_ir)))


def _chunk(c: Code, spec: TvmSpec) -> None:
    """The chunk's rows' probabilities of the tile's keys, added into ``sc``."""
    g, qr, bn, d, vec = spec.group, spec.q_rows, spec.block_n, spec.head_dim, spec.vec
    with c.block(f"for r in range({spec.rows})"):
        h, row = f"hk * {g} + r // {qr}", f"T.min(wq0 + r % {qr}, Sq - 1)"
        with c.lanes("d", d, vec) as dd:
            c(f"q[r, {dd}] = T.Cast(\"float32\", {q_at(spec, h, row, dd)}) * qscale")
        c(f"lz[r] = T.Select(wq0 + r % {qr} < Sq, {o_at(spec, h, row)} * {f32(LOG2E)}, "
          f"{NEG_INF})")
    _scores(c, spec, q0="wq0")
    with c.block(f"for r in range({spec.rows})"):
        with c.block(f"if lz[r] > {NEG_INF}"):
            with c.lanes("j", bn, vec) as j:
                c.exp2(f"s[r, {j}]", f"s[r, {j}] - lz[r]")
                c(f"sc[{j}] = sc[{j}] + s[r, {j}]")


def _store(c: Code, spec: TvmSpec) -> None:
    at = "SC[hk, k0 + j0 + jj]" if spec.kv_layout == "packed" else "SC[b, hk, j0 + jj]"
    with c.block("for jj in range(nk)"):
        c(f"{at} = sc[jj]")
