"""Masks compiled into the TVM CUDA kernels: any mask the TVM CPU kernels run.

The prebuilt decode and prefill kernels take ``causal``, ``sliding_window(w)`` and
``sinks(n) | sliding_window(w)`` (bottom-right) at run time (``cuda_ranges.py``), and in
decode also ``full`` and ``causal & (sinks(n) | sliding_window(w))`` (:func:`runtime`).
Every other mask of kvcc's algebra, as ``mask.py`` writes it for the CPU kernels
(``full``, top-left alignment, static documents, document ids, Quest's page
selections, ``|``, ``&``, ``~``, ``by_head``: a few key intervals per row, or past
:data:`~kvcc.codegen.tvm.mask.MAX_TERMS` one interval, the hull, each score tested
against the whole mask over the rows' positions ``rpos``/``rtl``) is compiled into a
kernel of its own, named with the suffix
``_m{digest}`` (:func:`suffix`: a hash of the mask's text, its run-time tensors
renamed ``ids0, ...`` and ``pages0, ...`` in order, so the same mask always names the
same kernel).

In such a kernel a program (a prefill's block of :data:`PRE_BM` query rows, or one
decode split, whose ``G`` query heads share one position)

1. evaluates its rows' terms once: thread ``i`` of the first ``R`` (the rows) writes
   row ``i``'s intervals, clipped to the sequence's keys, to the shared tables
   ``tlo``/``thi [R, terms]`` (a row past the queries sees nothing) and its document
   id per id tensor to ``rid{i}``;
2. derives per term the union of the rows' intervals (``mr``, registers of every
   thread) and its run of key tiles; the program walks the runs one after another (a
   decode's splits divide the walk evenly), and a tile an earlier run already held is
   skipped (a branch every thread of the block takes alike), so keys no row sees are
   never loaded;
3. with a page selection that is a conjunct of the whole mask (Quest's ``mask &
   page_select``), skips a tile none of whose pages one of its query heads selects;
4. stages each tile's document ids (``kid{i}``) beside its K and V rows, and sees a
   score when its key lies in one of its row's intervals where the term's predicate
   (same document id; the key's page selected for the score's query head) holds.

Names the term expressions read (``mask.py``): ``kv_total`` (the sequence's key
count), ``hk`` (the program's KV head), ``DLO{i}``/``DHI{i}`` (a static document
table: per key position its document's first key and end), ``ID{i} [IB{i}, IN{i}]``
int64 (document ids, ``IB{i}`` 1 or the batch; dense kernels only, as on the CPU),
``PG{i} [PB{i}, PH{i}, PN{i}]`` uint8 (page selections: 1 or the batch, 1, Hkv or Hq
heads, pages).
"""

# ruff: noqa: E501  (TVMScript statements: one per line)
from __future__ import annotations

import functools
import hashlib
from dataclasses import dataclass

from kvcc.codegen.tvm.cuda_ranges import J0, NTL, PER, TLO
from kvcc.codegen.tvm.mask import (
    INT_CAP,
    Term,
    doc_tables,
    generic,
    id_tensors,
    kernel_terms,
    page_tensors,
    skipping_pages,
)
from kvcc.codegen.tvm.ranges import walk_seen, walk_tile
from kvcc.ir.mask import Mask, rename_refs

_NONE = Term("0", "0")


def canonical(m: Mask) -> Mask:
    """``m`` with its run-time tensors renamed ``ids0, ids1, ...`` and ``pages0, ...``
    (in the order the kernel takes them) and unbound."""
    names = {n: f"ids{i}" for i, n in enumerate(id_tensors(m))}
    pages = dict.fromkeys(n for n, _ in page_tensors(m))
    names |= {n: f"pages{i}" for i, n in enumerate(pages)}
    return rename_refs(m, names, keep_data=False)


def text(m: Mask) -> str:
    from kvcc.ir.syntax import print_mask

    return print_mask(canonical(m))


@functools.lru_cache(maxsize=256)
def suffix(m: Mask) -> str:
    """The kernel-name suffix of a compiled-in mask (memoized: the launcher asks at every
    call; pass masks without bound tensors, which the cache would keep)."""
    return "_m" + hashlib.sha256(text(m).encode()).hexdigest()[:10]


def reason(m: Mask, packed: bool) -> str | None:
    """Why no TVM CUDA kernel compiles ``m`` in (None: one does); ``packed``: a varlen
    or paged kernel, which takes no document ids (as on the CPU)."""
    if packed and id_tensors(m):
        return "document ids in packed or paged sequences (dense q and K/V only)"
    return None


def tensors(m: Mask) -> tuple[str, ...]:
    """The mask's tensor parameters, by the names the launcher binds."""
    out: list[str] = []
    for i in range(len(doc_tables(m))):
        out += [f"dlo{i}", f"dhi{i}"]
    return (*out, *(f"id{i}" for i in range(len(id_tensors(m)))),
            *(f"pg{i}" for i in range(len(page_tensors(m)))))


def handles(m: Mask) -> str:
    return "".join(f"{t}_h: T.handle, " for t in tensors(m))


def decl(m: Mask) -> list[str]:
    out = []
    for i in range(len(doc_tables(m))):
        out += [f'DLO{i} = T.match_buffer(dlo{i}_h, (T.int32(),), "int32")',
                f'DHI{i} = T.match_buffer(dhi{i}_h, (T.int32(),), "int32")']
    for i in range(len(id_tensors(m))):
        out += [f"IB{i} = T.int32()", f"IN{i} = T.int32()",
                f'ID{i} = T.match_buffer(id{i}_h, (IB{i}, IN{i}), "int64")']
    for i in range(len(page_tensors(m))):
        out += [f"PB{i} = T.int32()", f"PH{i} = T.int32()", f"PN{i} = T.int32()",
                f'PG{i} = T.match_buffer(pg{i}_h, (PB{i}, PH{i}, PN{i}), "uint8")']
    return out


def _terms(m: Mask, p: str = "p", r: str = "r") -> tuple[Term, ...]:
    """The CPU kernels' terms (``mask.kernel_terms``): a mask of more than 4 intervals
    per row is one term, its hull, tested element by element over the rows' positions
    ``rpos``/``rtl``."""
    return kernel_terms(m, p, r) or (_NONE,)


@dataclass(frozen=True)
class MaskCode:
    """The TVMScript pieces of a compiled-in mask for one kernel: ``rows`` mask rows
    per program, ``bn`` keys per tile. ``p``/``r``/``valid`` are templates over
    ``{i}``, a row of the program: its bottom-right key position, its top-left query
    index, whether it is a query of the sequence. ``heads`` (a template over ``{h}``,
    ``0 <= h < nheads``) are the program's query heads, of ``hq`` (page selections
    read the row's head)."""

    mask: Mask
    rows: int
    bn: int
    p: str
    r: str
    valid: str
    heads: str = "by"
    nheads: int = 1
    hq: str = "Hq"

    @property
    def count(self) -> int:
        return len(_terms(self.mask))

    def shared_bytes(self) -> int:
        """The shared memory of :meth:`allocations`."""
        return 8 * self.rows * (self.count + generic(self.mask)) + \
            8 * (self.rows + self.bn) * len(id_tensors(self.mask))

    def _slots(self) -> int:
        return 4 * self.count + 3 + len(skipping_pages(self.mask))

    def allocations(self) -> list[str]:
        """Shared row tables and the range registers ``mr`` (indent 16)."""
        n = self.count
        out = [f'tlo = T.alloc_buffer(({self.rows}, {n}), "int32", scope="shared")',
               f'thi = T.alloc_buffer(({self.rows}, {n}), "int32", scope="shared")',
               f'mr = T.alloc_buffer(({self._slots()},), "int32", scope="local")']
        for i in range(len(id_tensors(self.mask))):
            out += [f'rid{i} = T.alloc_buffer(({self.rows},), "int64", scope="shared")',
                    f'kid{i} = T.alloc_buffer(({self.bn},), "int64", scope="shared")']
        if generic(self.mask):  # the rows' positions, for the element test
            out += [f'rpos = T.alloc_buffer(({self.rows},), "int32", scope="shared")',
                    f'rtl = T.alloc_buffer(({self.rows},), "int32", scope="shared")']
        return out

    def splice(self, kernel_handles: str, kernel_decl: str, kernel_tensors: tuple[str, ...],
               outputs: tuple[str, ...]) -> tuple[str, str, tuple[str, ...], str, str]:
        """A kernel's handles, declarations, tensors (``outputs`` last, after the slopes
        ``sl``), float parameters and allocations, with the mask's tables in place of the
        run-time window and sinks."""
        lines = lambda n, xs: "\n".join(" " * n + x for x in xs)  # noqa: E731
        rest = ("sl", *outputs)
        return (kernel_handles.replace("sl_h: T.handle", f"{handles(self.mask)}sl_h: T.handle"),
                kernel_decl + "\n" + lines(4, decl(self.mask)),
                tuple(x for x in kernel_tensors if x not in rest) + tensors(self.mask) + rest,
                "qscale: T.float32, cap: T.float32",
                "\n" + lines(16, self.allocations()))

    def setup(self, split: bool) -> list[str]:
        """The rows' intervals, the program's runs of tiles, and ``iv[NTL]``/``iv[TLO]``
        (its tiles, the first one's index in the walk); ``split``: a decode's split
        ``bx`` of ``NS`` takes its share of the walk (indent 20)."""
        n, bn = self.count, self.bn
        p, r, ok = (x.format(i="tx") for x in (self.p, self.r, self.valid))
        out = [f"if tx < {self.rows}:"]
        for t, term in enumerate(_terms(self.mask, f"({p})", f"({r})")):
            out += [f"    tlo[tx, {t}] = T.Select({ok}, T.max({term.lo}, 0), 0)",
                    f"    thi[tx, {t}] = T.Select({ok}, T.min({term.hi}, kv_total), 0)"]
        for i in range(len(id_tensors(self.mask))):
            out.append(f"    rid{i}[tx] = ID{i}[T.min(bz, IB{i} - 1), T.max(T.min({p}, kv_total - 1), 0)]")
        if generic(self.mask):
            out += [f"    rpos[tx] = {p}", f"    rtl[tx] = {r}"]
        out.append('T.evaluate(T.tvm_storage_sync("shared"))')
        for t in range(n):
            out += [f"mr[{2 * t}] = kv_total", f"mr[{2 * t + 1}] = 0"]
        out.append(f"for i in range({self.rows}):")
        for t in range(n):
            # (a Select, not an if: TVM's barrier planner takes no shared read in a branch
            # condition)
            some = f"tlo[i, {t}] < thi[i, {t}]"
            out += [f"    mr[{2 * t}] = T.Select({some}, T.min(mr[{2 * t}], tlo[i, {t}]), mr[{2 * t}])",
                    f"    mr[{2 * t + 1}] = T.Select({some}, T.max(mr[{2 * t + 1}], thi[i, {t}]), mr[{2 * t + 1}])"]
        for t in range(n):
            lo, hi, tl = f"mr[{2 * t}]", f"mr[{2 * t + 1}]", f"mr[{2 * n + 2 * t}]"
            out += [f"{tl} = {lo} // {bn}",
                    f"mr[{2 * n + 2 * t + 1}] = T.Select({lo} < {hi}, ({hi} + {bn - 1}) // {bn} - {tl}, 0)"]
        tot = f"mr[{4 * n}]"
        out.append(f"{tot} = " + " + ".join(f"mr[{2 * n + 2 * t + 1}]" for t in range(n)))
        if split:
            out += [f"iv[{PER}] = ({tot} + NS - 1) // NS", f"iv[{TLO}] = bx * iv[{PER}]",
                    f"iv[{NTL}] = T.max(T.min(iv[{PER}], {tot} - iv[{TLO}]), 0)"]
        else:
            out += [f"iv[{TLO}] = 0", f"iv[{NTL}] = {tot}"]
        return out

    def tile(self) -> list[str]:
        """Statements setting the walk's tile ``iv[TLO] + t``: its first key ``iv[J0]``
        and, with several runs, whether an earlier run held it (``mr`` slot
        :meth:`skip`)."""
        n, bn = self.count, self.bn
        tl = [f"mr[{2 * n + 2 * t}]" for t in range(n)]
        tn = [f"mr[{2 * n + 2 * t + 1}]" for t in range(n)]
        ft, tix = f"(iv[{TLO}] + t)", f"mr[{4 * n + 1}]"
        starts = ["0"] + [" + ".join(tn[:t]) for t in range(1, n + 1)]
        out = [f"{tix} = {walk_tile(ft, tl, starts)}"]
        if n > 1:
            out.append(f"{self.skip()} = T.Select({walk_seen(ft, tix, tl, tn, starts)}, 1, 0)")
        out.append(f"iv[{J0}] = {tix} * {bn}")
        return out + self._selected()

    def _selected(self) -> list[str]:
        """Per page selection that is a conjunct of the whole mask, whether one of the
        program's heads selects a page of the tile (``mr`` slots after :meth:`skip`): a
        tile none selects is skipped, never loaded (the same for every thread)."""
        pages, bn = page_tensors(self.mask), self.bn
        out = []
        for n, i in enumerate(skipping_pages(self.mask)):
            sel, ps = f"mr[{4 * self.count + 3 + n}]", min(pages[i][1], INT_CAP)
            head = self.heads.format(h="sh")
            out += [f"{sel} = 0",
                    f"for sh in range({self.nheads}):",
                    f"    for sg in range(iv[{J0}] // {ps}, T.min((T.min(iv[{J0}] + {bn}, "
                    f"kv_total) - 1) // {ps} + 1, PN{i})):",
                    f'        {sel} = T.max({sel}, T.Cast("int32", PG{i}[T.min(bz, PB{i} - 1), '
                    f"({head}) // ({self.hq} // PH{i}), sg]))"]
        return out

    def skip(self) -> str:
        return f"mr[{4 * self.count + 2}]"

    def guard(self) -> str | None:
        """The condition a tile's work runs under (None: every tile of the walk runs)."""
        parts = [f"{self.skip()} == 0"] if self.count > 1 else []
        parts += [f"mr[{4 * self.count + 3 + n}] != 0"
                  for n in range(len(skipping_pages(self.mask)))]
        return " and ".join(parts) or None

    def stage(self, nt: int) -> list[str]:
        """The tile's document ids, staged with its K and V rows (``nt`` threads)."""
        ids = id_tensors(self.mask)
        if not ids:
            return []
        if nt >= self.bn:  # one id per thread
            out = [f"if tx < {self.bn}:"]
            out += [f"    kid{i}[tx] = ID{i}[T.min(bz, IB{i} - 1), T.max(T.min(iv[{J0}] + tx, kv_total - 1), 0)]"
                    for i in range(len(ids))]
            return out
        assert self.bn % nt == 0  # a decode block of fewer threads than keys: a few each
        out = [f"for s in range({self.bn // nt}):"]
        out += [f"    kid{i}[s * {nt} + tx] = ID{i}[T.min(bz, IB{i} - 1), T.max(T.min(iv[{J0}] + s * {nt} + tx, kv_total - 1), 0)]"
                for i in range(len(ids))]
        return out

    def visible(self, row: str, kin: str, key: str, h: str = "0") -> str:
        """Whether mask row ``row`` sees the tile's key ``kin`` (index in the tile),
        whose position is ``key``, for the program's query head ``h``."""
        parts = []
        for t, term in enumerate(_terms(self.mask)):
            x = f"tlo[{row}, {t}] <= {key} and {key} < thi[{row}, {t}]"
            if term.pred is not None:
                x += (f" and ({term.test(kin, row, key, 'bz', self.heads.format(h=h), self.hq)})")
            parts.append(f"({x})")
        return " or ".join(parts)



def runtime(m: Mask, decode: bool) -> tuple[int | None, int] | None:
    """``(window, sinks)`` when the run-time kernels run ``m`` exactly at every length
    (``window`` None: none), else None (the mask is compiled in). Bottom-right
    ``causal``, ``sliding_window(w)``, ``causal & sliding_window(w)`` and ``sinks(n) |
    sliding_window(w)``; in a decode kernel (one query, the last key) also ``full`` and
    ``causal & (sinks(n) | sliding_window(w))``, which causality does not cut there."""
    from kvcc.ir.mask import Align, And, Causal, Full, Or, Sinks, SlidingWindow

    def pair(x, a, b):  # (u, v) with u an ``a`` and v a ``b``, in either order
        for u, v in ((x.a, x.b), (x.b, x.a)):
            if isinstance(u, a) and isinstance(v, b):
                return u, v
        return None

    def br(x) -> bool:
        return x.align is Align.bottom_right

    def window_or(x):  # sinks(n) | sliding_window(w), bottom-right
        p = pair(x, Sinks, SlidingWindow) if isinstance(x, Or) else None
        return (p[1].size, p[0].n) if p and br(p[1]) else None

    if isinstance(m, Full):
        return (None, 0) if decode else None
    if isinstance(m, Causal):
        return (None, 0) if br(m) else None
    if isinstance(m, SlidingWindow):
        return (m.size, 0) if br(m) else None
    if isinstance(m, Or):
        return window_or(m)
    if isinstance(m, And):
        p = pair(m, Causal, SlidingWindow)  # the window is causal already
        if p and br(p[0]) and br(p[1]):
            return (p[1].size, 0)
        p = pair(m, Causal, Or)
        if decode and p and br(p[0]):
            return window_or(p[1])
    return None

