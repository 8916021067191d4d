"""The mask's pieces of a kernel: per-row key intervals, the tiles a program visits,
which of them skip the per-element test, and that test.

A mask is a few *terms* per row (``mask.py``): intervals of keys, each optionally
filtered by a predicate over run-time tensors (document ids). A program

- evaluates each term once per row (:func:`key_ranges`: ``rlo``/``rhi`` for term 0,
  ``rlo{t}``/``rhi{t}`` for term ``t``; the rows' document ids ``rid{i}``), and per
  term the union over rows (the keys some row sees) and the intersection (the keys
  every row sees), ``rng[4 t : 4 t + 4]``;
- visits, per term, the tiles of its union (:func:`key_tiles`), a tile two terms
  share once, so keys no row's terms reach are never loaded: ``sinks | window`` at
  any context visits the sink tiles and the window's, not the tiles between;
- loads each tile's document ids once (:func:`tile_ids`, ``kid{i}``);
- skips a tile none of whose pages a row selects, when a page selection is a
  conjunct of the whole mask (:func:`key_tiles`);
- skips the element test on tiles inside the intersection of a predicate-free term
  (:func:`full_tile`), and elsewhere tests ``key in some term`` (:func:`visible`).

A mask that is a single interval (no ``|``, ``~`` or ids) emits exactly one range,
one tile loop and a test of ``rlo <= key < rhi``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from kvcc.codegen.tvm.mask import (
    INT_CAP,
    Term,
    generic,
    id_tensors,
    kernel_terms,
    page_tensors,
    skipping_pages,
    term_count,
)
from kvcc.codegen.tvm.script import Code
from kvcc.codegen.tvm.spec import TvmSpec


def _names(t: int) -> tuple[str, str]:
    return ("rlo", "rhi") if t == 0 else (f"rlo{t}", f"rhi{t}")


def _terms(spec: TvmSpec, p: str = "p", r: str = "r") -> tuple[Term, ...]:
    """The mask's terms (one empty interval when it has none)."""
    return kernel_terms(spec.mask_ir, p, r) or (Term("0", "0"),)


def key_ranges(c: Code, spec: TvmSpec, rows: int, query: str, valid: str | None,
               head: str) -> None:
    """Per-row key intervals and the program's key ranges, in local key indices
    (``0 .. Skv``): ``rlo{t}[i]``/``rhi{t}[i]`` for term ``t`` of row ``i`` (whose query
    index is the expression ``query`` of ``i``, its query head ``head``; a row where
    ``valid`` is false sees
    nothing and does not count; None: every row is valid), then per term
    ``rng[4t:4t+2]``, the union of the rows' intervals (the keys any row sees), and
    ``rng[4t+2:4t+4]``, their intersection (the keys every row sees). Also allocates
    the tables of document ids (``rid{i}`` per row, ``kid{i}`` per key of a tile) and
    each row's query head for the page selections (``rqh``)."""
    nt, ids = term_count(spec.mask_ir), id_tensors(spec.mask_ir)
    pages = page_tensors(spec.mask_ir)
    for t in range(nt):
        lo, hi = _names(t)
        c.tile(lo, (rows,), "int32")
        c.tile(hi, (rows,), "int32")
    for i in range(len(ids)):
        c.buffer(f"rid{i}", (rows,), "int64")
        c.buffer(f"kid{i}", (spec.block_n,), "int64")
    if pages:
        c.tile("rqh", (rows,), "int32")
    if generic(spec.mask_ir):  # the rows' positions, for the element test
        c.tile("rpos", (rows,), "int32")
        c.tile("rtl", (rows,), "int32")
    c.tile("rng", (4 * nt,), "int32")
    for t in range(nt):
        c(f"rng[{4 * t}] = Skv", f"rng[{4 * t + 1}] = 0", f"rng[{4 * t + 2}] = 0",
          f"rng[{4 * t + 3}] = Skv")
    with c.block(f"for i in range({rows})"):
        qi = c.let("qi", query)
        p = f"({qi} + p_shift)"
        for i in range(len(ids)):
            c(f"rid{i}[i] = ID{i}[T.min(b, IB{i} - 1), T.max(T.min({p}, kv_total - 1), 0)]")
        if pages:
            c(f"rqh[i] = {head}")
        if generic(spec.mask_ir):
            c(f"rpos[i] = {p}", f"rtl[i] = {qi} + r_shift")
        for t, term in enumerate(_terms(spec, p, f"({qi} + r_shift)")):
            lo, hi = f"T.max({term.lo} - kv_off, 0)", f"T.min({term.hi} - kv_off, Skv)"
            rlo, rhi = _names(t)
            if valid is None:
                c(f"{rlo}[i] = {lo}", f"{rhi}[i] = {hi}")
                _extend(c, t)
                continue
            c(f"{rlo}[i] = T.Select({valid}, {lo}, 0)", f"{rhi}[i] = T.Select({valid}, {hi}, 0)")
            with c.block(f"if {valid}"):
                _extend(c, t)


def _extend(c: Code, t: int) -> None:
    rlo, rhi = _names(t)
    u, v, x, y = (f"rng[{4 * t + k}]" for k in range(4))
    with c.block(f"if {rlo}[i] < {rhi}[i]"):
        c(f"{u} = T.min({u}, {rlo}[i])", f"{v} = T.max({v}, {rhi}[i])")
    c(f"{x} = T.max({x}, {rlo}[i])", f"{y} = T.min({y}, {rhi}[i])")


@contextmanager
def key_tiles(c: Code, spec: TvmSpec, split: bool) -> Iterator[None]:
    """The loop over the tiles a program visits, with ``j0`` (the tile's first key) in
    scope inside. ``split``: the tiles are divided among ``NS`` splits, this program's
    being split ``sp``. Each term's union range is a run of tiles; the runs are walked
    one after another and a tile an earlier run holds is skipped."""
    bn, nt = spec.block_n, term_count(spec.mask_ir)
    if nt == 1:
        c.let("t_lo", f"rng[0] // {bn}")
        count = f"T.Select(rng[0] < rng[1], (rng[1] + {bn - 1}) // {bn} - t_lo, 0)"
        if split:
            c.let("t_all", count)
            c.let("per", "(t_all + NS - 1) // NS")
            with c.block("for kt in range(T.max(T.min(per, t_all - sp * per), 0))"):
                c.let("j0", f"(t_lo + sp * per + kt) * {bn}")
                with _selected(c, spec):
                    yield
        else:
            c.let("nt", count)
            with c.block("for kt in range(nt)"):
                c.let("j0", f"(t_lo + kt) * {bn}")
                with _selected(c, spec):
                    yield
        return
    for t in range(nt):
        c.let(f"tl{t}", f"rng[{4 * t}] // {bn}")
        c.let(f"tn{t}", f"T.Select(rng[{4 * t}] < rng[{4 * t + 1}], "
                        f"(rng[{4 * t + 1}] + {bn - 1}) // {bn} - tl{t}, 0)")
    starts = ["0"]  # each run's first index in the walk
    for t in range(1, nt + 1):
        starts.append(c.let(f"tc{t}", f"{starts[-1]} + tn{t - 1}"))
    if split:
        c.let("per", f"(tc{nt} + NS - 1) // NS")
        loop = f"for kt in range(T.max(T.min(per, tc{nt} - sp * per), 0))"
    else:
        loop = f"for kt in range(tc{nt})"
    # the tile and whether an earlier run held it go through a buffer: as let-bound
    # expressions TVM's simplifier carries the selects and the branch condition into
    # every index of the body, and the build takes ten times longer
    c.tile("tix", (2,), "int32")
    with c.block(loop):
        ft = c.let("ft", "sp * per + kt" if split else "kt")
        tl, tn = [f"tl{t}" for t in range(nt)], [f"tn{t}" for t in range(nt)]
        c(f"tix[0] = {walk_tile(ft, tl, starts)}")
        c(f"tix[1] = T.Select({walk_seen(ft, 'tix[0]', tl, tn, starts)}, 1, 0)")
        with c.block("if tix[1] == 0"):
            c.let("j0", f"tix[0] * {bn}")
            with _selected(c, spec):
                yield


@contextmanager
def _selected(c: Code, spec: TvmSpec) -> Iterator[None]:
    """Inside, only tiles at ``j0`` some row of the program has a selected page in,
    for each page selection that is a conjunct of the whole mask (the others: every
    tile)."""
    skip = skipping_pages(spec.mask_ir)
    if not skip:
        yield
        return
    bn, pages = spec.block_n, page_tensors(spec.mask_ir)
    # the rows of distinct heads: a prefill program's rows share one; a decode's heads
    # are its rows in steps of q_rows
    step = spec.rows if spec.kind == "prefill" else spec.q_rows
    c.tile("tsel", (len(skip),), "int32")
    for n, i in enumerate(skip):
        ps = min(pages[i][1], INT_CAP)
        c(f"tsel[{n}] = 0")
        first = c.let(f"pg_lo{n}", f"(kv_off + j0) // {ps}")
        last = c.let(f"pg_hi{n}", f"T.min((kv_off + T.min(j0 + {bn}, Skv) - 1) // {ps} + 1, "
                                  f"PN{i})")
        with c.block(f"for hi in range({spec.rows // step})"):
            with c.block(f"for pg in range({first}, {last})"):
                c(f"tsel[{n}] = T.max(tsel[{n}], T.Cast(\"int32\", "
                  f"PG{i}[T.min(b, PB{i} - 1), rqh[hi * {step}] // (Hq // PH{i}), pg]))")
    with c.block("if " + " and ".join(f"tsel[{n}] != 0" for n in range(len(skip)))):
        yield


def walk_tile(ft: str, tl: list[str], starts: list[str]) -> str:
    """The tile at index ``ft`` of a walk of runs one after another: run ``t`` holds
    ``tn`` tiles from tile ``tl[t]`` and starts at walk index ``starts[t]`` (expressions;
    ``starts`` has one more entry, the end). Used by the CPU and the CUDA kernels."""
    n = len(tl)
    expr = f"{tl[n - 1]} + {ft} - ({starts[n - 1]})"
    for t in reversed(range(n - 1)):
        expr = f"T.Select({ft} < {starts[t + 1]}, {tl[t]} + {ft} - ({starts[t]}), {expr})"
    return expr


def walk_seen(ft: str, tix: str, tl: list[str], tn: list[str], starts: list[str]) -> str:
    """Whether tile ``tix`` (at walk index ``ft``, of :func:`walk_tile`) lies in a run
    before its own: the walk visits it there already."""
    seen = []
    for t in range(1, len(tl)):
        held = " or ".join(f"({tix} >= {tl[s]} and {tix} < {tl[s]} + {tn[s]})" for s in range(t))
        end = f" and {ft} < {starts[t + 1]}" if t + 1 < len(tl) else ""
        seen.append(f"({ft} >= {starts[t]}{end} and ({held}))")
    return " or ".join(seen)


def tile_ids(c: Code, spec: TvmSpec) -> None:
    """The document ids of the tile's keys (``kid{i}``; keys past the end read the
    last key's, and are masked anyway)."""
    for i in range(len(id_tensors(spec.mask_ir))):
        with c.block(f"for jj in range({spec.block_n})"):
            c(f"kid{i}[jj] = ID{i}[T.min(b, IB{i} - 1), "
              "T.min(kv_off + j0 + jj, kv_total - 1)]")


def full_tile(spec: TvmSpec) -> str:
    """True for the tile at ``j0`` when every row sees every key of it: the tile lies
    in the intersection range of a term without a predicate."""
    bn = spec.block_n
    parts = [f"j0 >= rng[{4 * t + 2}] and j0 + {bn} <= rng[{4 * t + 3}]"
             for t, term in enumerate(_terms(spec)) if term.pred is None]
    if not parts:
        return "T.bool(False)"
    return parts[0] if len(parts) == 1 else " or ".join(f"({x})" for x in parts)


def visible(spec: TvmSpec, key: str, row: str) -> str:
    """Whether row ``row`` sees the tile's key ``key`` (an index within the tile)."""
    parts = []
    for t, term in enumerate(_terms(spec)):
        rlo, rhi = _names(t)
        x = f"j0 + {key} >= {rlo}[{row}] and j0 + {key} < {rhi}[{row}]"
        if term.pred is not None:
            x += f" and ({term.test(key, row, f'kv_off + j0 + {key}', 'b', f'rqh[{row}]', 'Hq')})"
        parts.append(x)
    return parts[0] if len(parts) == 1 else " or ".join(f"({x})" for x in parts)
