"""Tile skipping is real: the generated kernels load K and V of exactly the tiles the
mask's classifier marks non-empty, no more and no fewer.

Observed on the production kernels under Triton's interpreter: every load a kernel
makes goes through ``InterpreterBuilder.create_masked_load``, which knows the program
running it (``grid_idx``). From the addresses a program loads from K and V with a true
mask we recover the key positions (dense ``[B, Hkv, S, D]``; packed ``[T, Hkv, D]``
through ``cu_seqlens_k``; paged ``[P, page, Hkv, D]`` back through the block table),
hence the (q-block, kv-block) tiles that program visited, and compare them with
``kvcc.ir.classify_tiles`` at the kernel's own ``BLOCK_M x BLOCK_N`` (its KernelSpec),
where a GQA-packed M tile holds ``BLOCK_M / group`` query rows of ``group`` heads.

Counted: K and V loads only. A tile is visited when any of its K or V elements is
loaded; the K and V tile sets must be equal (no tile whose K is read and V not). Loads
of metadata (q, block tables, cu_seqlens, document tables, seq ids, page flags) are not
tile data and are not counted. Split-KV programs (one per split) are folded into their
tile; no tile may be visited by two splits.

Iterations are counted too (the K load statement run, whatever its mask): for masks
with interval bounds (causal, windows, sinks, static documents and their ``&``) the
key loops run over the visited tiles only, and so do ``|`` masks (the streaming head's
``sinks | sliding_window``), whose loops step over the gap between their two ranges.
Other generic masks (``~``, seq ids, page selections) walk every tile of the program's
range and predicate the K/V loads per key on the tile's predicate, so their empty
tiles are iterated but move no K/V data; that is what is asserted for them.
"""

from __future__ import annotations

import linecache
import os
import sys
from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np
import pytest
import torch

import kvcc
from kvcc import masks as M
from kvcc.codegen.triton.emit import PARAMS
from kvcc.codegen.triton.launch import Launcher
from kvcc.codegen.triton.mask_emit import emit_mask
from kvcc.codegen.triton.spec import mask_of
from kvcc.frontend.attention_call import lower_attention_call
from kvcc.ir.mask_tiles import Tile, classify_tiles
from tests.triton_helpers import rnd, run_triton

# the loads are observed in Triton's interpreter; compiled GPU kernels cannot be hooked
pytestmark = pytest.mark.skipif(os.environ.get("TRITON_INTERPRET") != "1",
                                reason="observes loads under TRITON_INTERPRET=1")

D = 16  # fp32 inputs: the interpreter's bf16 is broken; fp32 kernels use 16x16 tiles


def _span(t: torch.Tensor) -> tuple[int, int]:
    """The byte addresses ``[lo, hi)`` a strided tensor covers."""
    size = t.element_size()
    return t.data_ptr(), t.data_ptr() + (sum((n - 1) * s for n, s in zip(t.shape, t.stride()))
                                         + 1) * size


def _unravel(off: np.ndarray, t: torch.Tensor) -> list[np.ndarray]:
    """Coordinates of element offsets of a (non-overlapping) strided tensor."""
    coords: list[np.ndarray] = [np.zeros_like(off)] * t.dim()
    rest = off.copy()
    for dim in sorted(range(t.dim()), key=lambda i: -t.stride(i)):
        coords[dim], rest = rest // t.stride(dim), rest % t.stride(dim)
    for dim, c in enumerate(coords):
        assert (c < t.shape[dim]).all(), "an address inside no element of the tensor"
    return coords


@dataclass
class Launch:
    """One kernel launch as observed: its spec, grid, K/V operands, and per program
    ``(pid_m, b, hp, split)`` the kv-blocks whose K (and V) it loaded."""

    spec: object
    grid: tuple[int, int, int]
    heads_prog: int
    kv: dict[str, torch.Tensor]
    cu_k: torch.Tensor | None
    pages_of: list[dict[int, int]] | None  # paged: per sequence, page -> logical index
    blocks: dict[str, dict[tuple, set[int]]] = field(
        default_factory=lambda: {"k": defaultdict(set), "v": defaultdict(set)})
    strays: list[str] = field(default_factory=list)  # loads of another sequence or head
    k_loads: int = 0  # K load statements executed, loading or not: tiles iterated

    @staticmethod
    def of(ln: Launcher) -> Launch:
        from triton.tools.tensor_descriptor import TensorDescriptor

        # TMA launches pass descriptors; their loads reach create_masked_load as the
        # box's pointers, masked to the tensor's bounds
        a = {n: x.base if isinstance(x, TensorDescriptor) else x
             for n, x in zip(PARAMS, ln.args)}
        spec = ln.spec
        pages_of = None
        if spec.kv_layout == "paged":
            pages_of = [{int(p): i for i, p in enumerate(row)} for row in a["BT"].tolist()]
        (k0, k1), (v0, v1) = _span(a["K"]), _span(a["V"])
        assert k1 <= v0 or v1 <= k0, "K and V overlap: loads could not be told apart"
        return Launch(spec, ln.grid, int(a["heads_prog"]), {"k": a["K"], "v": a["V"]},
                      a["CU_K"] if spec.kv_layout == "packed" else None, pages_of)

    def observe(self, grid_idx: tuple[int, int, int], addrs: np.ndarray, k_stmt: bool) -> None:
        self.k_loads += k_stmt
        pid_m, b, z = (int(x) for x in grid_idx)
        hp, split = z % self.heads_prog, z // self.heads_prog
        hk = hp if self.spec.pack_gqa else hp // self.spec.group
        for which, t in self.kv.items():
            base, end = _span(t)
            inside = addrs[(addrs >= base) & (addrs < end)]
            if not len(inside):
                continue
            c = _unravel(((inside - base) // t.element_size()).astype(np.int64), t)
            if self.spec.kv_layout == "dense":  # [B, Hkv, S, D]
                seq, head, pos = c[0], c[1], c[2]
            elif self.spec.kv_layout == "packed":  # [T, Hkv, D]
                lo, hi = int(self.cu_k[b]), int(self.cu_k[b + 1])
                seq = np.where((c[0] >= lo) & (c[0] < hi), b, -1)
                head, pos = c[1], c[0] - lo
            else:  # paged [P, page, Hkv, D]
                own = self.pages_of[b]
                idx = np.array([own.get(int(p), -1) for p in c[0]])
                seq = np.where(idx >= 0, b, -1)
                head, pos = c[2], idx * t.shape[1] + c[1]
            if (seq != b).any() or (head != hk).any():
                self.strays.append(f"program {grid_idx} (sequence {b}, KV head {hk}) loaded "
                                   f"{which} of sequences {set(seq.tolist())}, heads "
                                   f"{set(head.tolist())}")
            self.blocks[which][pid_m, b, hp, split] |= set((pos // self.spec.block_n).tolist())


def _kernel_line() -> str:
    """The generated kernel's source line executing now (the interpreter runs it as Python)."""
    f = sys._getframe(1)
    while f is not None and not os.path.basename(f.f_code.co_filename).startswith("kvcc_attn_"):
        f = f.f_back
    return "" if f is None else linecache.getline(f.f_code.co_filename, f.f_lineno).strip()


def visited_tiles(fn):
    """Run ``fn()`` with every kernel launch and every interpreted load observed;
    returns ``(fn's result, [Launch, ...])`` in launch order."""
    from triton.runtime import interpreter

    launches: list[Launch] = []
    current: list[Launch | None] = [None]
    real_launch, real_load = Launcher._launch, interpreter.InterpreterBuilder.create_masked_load

    def launch(self):
        current[0] = Launch.of(self)
        launches.append(current[0])
        try:
            return real_launch(self)
        finally:
            current[0] = None

    def load(self, ptrs, mask, other, *args, **kwargs):
        if current[0] is not None:
            addrs = np.asarray(ptrs.data)[np.asarray(mask.data, dtype=bool)].ravel()
            current[0].observe(self.grid_idx, addrs, _kernel_line().startswith("k = "))
        return real_load(self, ptrs, mask, other, *args, **kwargs)

    Launcher._launch, interpreter.InterpreterBuilder.create_masked_load = launch, load
    try:
        out = fn()
    finally:
        Launcher._launch, interpreter.InterpreterBuilder.create_masked_load = real_launch, real_load
    return out, launches


def expected_tiles(ln: Launch, mask, q_lens, kv_lens, hq: int) -> tuple[set, int]:
    """Non-empty tiles ``(b, hp, q-block, kv-block)`` per the classifier at the kernel's
    tile size, and the number of tiles in all."""
    spec, g = ln.spec, ln.spec.group
    rows = spec.block_m // spec.rows_per_q  # query rows per M tile
    assert rows * spec.rows_per_q == spec.block_m, "a GQA-packed tile splits a query row"
    mask = M.full() if mask is None else mask
    want, total = set(), 0
    for b, (ql, kl) in enumerate(zip(q_lens, kv_lens)):
        if not ql or not kl:
            continue
        cls = classify_tiles(mask, ql, kl, rows, spec.block_n)  # [Bm, Hm, nq, nk]
        bm, hm = cls.shape[0], cls.shape[1]
        for hp in range(ln.heads_prog):
            heads = range(hp * g, hp * g + g) if spec.pack_gqa else [hp]
            total += cls.shape[2] * cls.shape[3]
            for h in heads:
                t = cls[b if bm > 1 else 0, h // (hq // hm)]
                want |= {(b, hp, i, j) for i, j in zip(*np.nonzero(t != Tile.EMPTY))}
    return want, total


def check(launches: list[Launch], mask, q_lens, kv_lens, hq: int,
          splits: bool | None = None) -> tuple[int, int, int, int]:
    """The one attention launch visited exactly the classifier's non-empty tiles, each
    from one split, reading only its own sequence and KV head; with a structured mask it
    also iterated no other tile. Returns the tile counts: visited, non-empty, in all,
    and iterated (K load statements run, loading or not)."""
    (ln,) = launches
    assert not ln.strays, ln.strays[:3]
    k, v = ({key + (j,) for key, js in ln.blocks[w].items() for j in js} for w in "kv")
    assert k == v, f"tiles with K loaded but not V: {sorted(k - v)[:5]}, V not K: {sorted(v - k)[:5]}"
    per_tile = defaultdict(list)
    for pid_m, b, hp, split, j in k:
        per_tile[b, hp, pid_m, j].append(split)
    twice = {t: s for t, s in per_tile.items() if len(s) > 1}
    assert not twice, f"tiles loaded by more than one split: {list(twice.items())[:5]}"
    if splits is not None:
        assert ln.spec.split == splits, f"split-KV expected {splits}, spec.split={ln.spec.split}"
    got = set(per_tile)
    want, total = expected_tiles(ln, mask, q_lens, kv_lens, hq)
    where = (f"{mask} {ln.spec.kv_layout} KV, tiles {ln.spec.block_m}x{ln.spec.block_n} "
             f"(GQA packed: {ln.spec.pack_gqa}), grid {ln.grid}: visited {len(got)} tiles, "
             f"classifier non-empty {len(want)} of {total}")
    assert not got - want, f"{where}; EMPTY tiles loaded (b, hp, q-block, kv-block): " \
                           f"{sorted(got - want)[:8]}"
    assert not want - got, f"{where}; non-empty tiles never loaded: {sorted(want - got)[:8]}"
    assert ln.k_loads >= len(got), f"{where}, but only {ln.k_loads} K load statements ran"
    mc = emit_mask(mask_of(ln.spec))
    if not mc.generic or mc.gap:
        # key ranges from the mask's bounds: the loops run over the visited tiles only
        # (a ``|`` steps over the gap between its ranges; other generic masks walk every
        # tile and predicate the loads of the empty ones)
        assert ln.k_loads == len(got), f"{where}, but {ln.k_loads} tiles iterated"
    return len(got), len(want), total, ln.k_loads


# ---------------------------------------------------------------- the three layouts


def run_dense(mask, b, hq, hkv, sq, skv, splits=None, tma=False):
    """``kvcc.attention`` on [B, H, S, D] tensors; ``tma``: the same op planned with
    K/V read through TMA descriptors (Hopper's path, which the interpreter runs too)."""
    q, k, v = rnd(b, hq, sq, D, seed=1), rnd(b, hkv, skv, D, seed=2), rnd(b, hkv, skv, D, seed=3)
    if tma:
        call = lower_attention_call(q, k, v, mask=mask)
        _, launches = visited_tiles(lambda: run_triton(call.module, call.inputs, tma=True))
        assert launches[0].spec.tma
    else:
        _, launches = visited_tiles(lambda: kvcc.attention(q, k, v, mask=mask, backend="triton"))
    return check(launches, mask, [sq] * b, [skv] * b, hq, splits)


def run_varlen(mask, lens_q, lens_k, hq, hkv, splits=None):
    """``kvcc.attention_varlen``: each packed sequence is its own document."""
    q, k, v = (rnd(sum(lens_q), hq, D, seed=4), rnd(sum(lens_k), hkv, D, seed=5),
               rnd(sum(lens_k), hkv, D, seed=6))
    cq, ck = (torch.tensor(np.cumsum([0, *x]), dtype=torch.int32) for x in (lens_q, lens_k))
    _, launches = visited_tiles(lambda: kvcc.attention_varlen(q, k, v, cq, ck, mask=mask,
                                                              backend="triton"))
    return check(launches, mask, lens_q, lens_k, hq, splits)


def filled_cache(page_size: int, lens: list[int], hkv: int = 2):
    """A one-layer triton KVCache holding sequences of these lengths, appended in
    interleaved chunks beside a filler sequence freed after the first round, so each
    block table is neither contiguous nor ascending."""
    c = kvcc.KVCache(1, hkv, D, num_pages=sum(-(-n // page_size) + 1 for n in lens) + 8,
                     page_size=page_size, dtype=torch.float32, device="cpu", backend="triton")
    seqs = [c.add_sequence() for _ in lens]
    filler = c.add_sequence()
    done, rnd_no = [0] * len(lens), 0
    while done != lens:
        new = [min(n - d, 7 + 3 * ((i + rnd_no) % 3)) for i, (n, d) in enumerate(zip(lens, done))]
        both = [filler] + seqs if rnd_no == 0 else seqs
        new_all = [4 * page_size] + new if rnd_no == 0 else new
        st = c.plan(both, [0] * len(both), new_tokens=new_all)
        st.append(0, rnd(sum(new_all), hkv, D, seed=rnd_no), rnd(sum(new_all), hkv, D, seed=100 + rnd_no))
        if rnd_no == 0:
            c.free(filler)
        done, rnd_no = [d + n for d, n in zip(done, new)], rnd_no + 1
    tables = [c._seqs[s].pages for s in seqs]
    assert any(t != sorted(t) for t in tables if len(t) > 2), tables
    return c, seqs


def run_paged(mask, page_size, lens, q_lens, hq, hkv=2, splits=None):
    """``KVCache`` attend (backend triton): each sequence's queries are its last tokens."""
    c, seqs = filled_cache(page_size, lens, hkv)
    st = c.plan(seqs, q_lens, new_tokens=[0] * len(seqs), num_q_heads=hq, mask=mask)
    q = rnd(sum(q_lens), hq, D, seed=7)
    _, launches = visited_tiles(lambda: st.attend(0, q))
    return check(launches, mask, q_lens, lens, hq, splits)


# ---------------------------------------------------------------- masks and shapes


def _pages(b, h, n, seed):
    """A Quest-like selection: about a third of the pages per (sequence, head), and the last."""
    sel = torch.rand(b, h, n, generator=torch.Generator().manual_seed(seed)) < 0.35
    sel[..., -1] = True
    return sel


def _doc_ids(b, skv):
    cuts = [(0, 23, 61, skv), (0, 5, 70, 71, skv)]
    ids = torch.zeros(b, skv, dtype=torch.int64)
    for i in range(b):
        c = cuts[i % len(cuts)]
        for d, (lo, hi) in enumerate(zip(c, c[1:])):
            ids[i, lo:hi] = d
    return ids


PREFILL = [
    M.causal(), M.causal("top_left"), M.sliding_window(9), M.sinks(5),
    M.causal() & M.sliding_window(20), M.sinks(4) | M.sliding_window(12),  # streaming head
    M.document([30, 50, 20]), M.document([30, 50, 20]) & M.causal(),
    M.document([30, 50, 20]) & M.sliding_window(15), M.document(seq_ids=_doc_ids(2, 100)),
    M.document(seq_ids=_doc_ids(2, 100)) & M.causal(),
    M.page_selection(_pages(2, 2, 13, seed=1), 8),
    M.page_selection(_pages(2, 2, 13, seed=2), 8) & M.causal(),
    M.prefix_lm(20), M.sinks(3) | (M.document([30, 50, 20]) & M.sliding_window(6)),
]


@pytest.mark.parametrize("mask", PREFILL, ids=str)
def test_dense_prefill(mask):
    """B=2, Hq=4, Hkv=2: 40 queries at the end of 100 keys (3 q-blocks, the last ragged;
    7 kv-blocks, the last ragged)."""
    run_dense(mask, 2, 4, 2, 40, 100)


DECODE = [
    M.causal(), M.sliding_window(40), M.sinks(4), M.sinks(4) | M.sliding_window(40),
    M.page_selection(_pages(2, 2, 19, seed=3), 16),  # Quest, per KV head: a page is a tile
    M.page_selection(_pages(2, 8, 38, seed=4), 8),  # per query head, two pages a tile
    M.page_selection(_pages(2, 2, 13, seed=5), 24),  # pages straddle tiles
    M.page_selection(_pages(1, 1, 19, seed=6)[0, 0], 16) | M.sinks(4),
]


@pytest.mark.parametrize("sq", [1, 3])
@pytest.mark.parametrize("mask", DECODE, ids=str)
def test_dense_decode(mask, sq):
    """Decode (one query) and a 3-token verify step over 300 keys, Hq=8 over Hkv=2: the
    4 heads of a KV head packed in one M tile, split-KV (a program per split)."""
    run_dense(mask, 2, 8, 2, sq, 300, splits=True)


STRUCTURED = [M.causal(), M.sliding_window(9), M.sinks(5), M.document([30, 50, 20]) & M.causal()]


@pytest.mark.parametrize("mask", STRUCTURED, ids=str)
def test_dense_tma_prefill(mask):
    """K/V (and Q, O) through TMA descriptors, Hopper's path (generic masks keep pointer
    loads, so only structured masks here): boxes past the end read nothing."""
    run_dense(mask, 2, 4, 2, 40, 100, tma=True)


@pytest.mark.parametrize("mask", STRUCTURED[:3], ids=str)
def test_dense_tma_decode(mask):
    """Split decode with GQA rows packed: K/V through descriptors, Q by pointers."""
    run_dense(mask, 2, 8, 2, 1, 300, splits=True, tma=True)


SEQUENCE_MASKS = [None, M.causal(), M.causal("top_left"), M.sliding_window(9), M.sinks(5),
                  M.sinks(3) | M.sliding_window(7), M.causal() & ~M.sliding_window(20)]


@pytest.mark.parametrize("mask", SEQUENCE_MASKS, ids=str)
def test_varlen_prefill(mask):
    """Packed sequences, documents by cu_seqlens: a sequence without queries, one with
    more queries than keys (rows before key 0), ragged last tiles."""
    run_varlen(mask, [17, 40, 0, 12, 33], [17, 73, 5, 4, 50], 4, 2)


@pytest.mark.parametrize("mask", SEQUENCE_MASKS[1:], ids=str)
def test_varlen_decode(mask):
    """Decode and a 2-token step over packed caches of 300, 33 and 150 keys (GQA
    packed, split-KV)."""
    run_varlen(mask, [1, 2, 1], [300, 33, 150], 8, 2, splits=True)


@pytest.mark.parametrize("page_size", [4, 32])
@pytest.mark.parametrize("mask", SEQUENCE_MASKS[1:], ids=str)
def test_paged_decode_and_chunk(mask, page_size):
    """Two decoding sequences and a 5-token chunk in one launch (GQA packed, split-KV);
    pages of 4 (four per tile) and of 32 (two tiles per page), shuffled."""
    run_paged(mask, page_size, [150, 61, 97], [1, 5, 1], 8, splits=True)


@pytest.mark.parametrize("mask", SEQUENCE_MASKS[1:], ids=str)
def test_paged_prefill(mask):
    """Prefill of the last 40 and 23 tokens of two cached sequences (not GQA packed)."""
    run_paged(mask, 8, [70, 23], [40, 23], 4)


# ---------------------------------------------------------------- per-head masks

def _by_head(streaming: list[int], hq: int, hkv: int, window: bool = False):
    """Streaming heads (sinks and a window: generic) or window heads (interval bounds)
    beside causal retrieval heads, per KV head."""
    sel = M.sliding_window(9) if window else M.causal() & M.streaming(3, 9)
    return M.by_head(streaming, sel, M.causal(), num_kv_heads=hkv, group=hq // hkv)


@pytest.mark.parametrize("window", [False, True])
def test_by_head_dense(window):
    """One launch serves both kinds of head: prefill (Hq=4 over Hkv=2, not packed) and
    split decode (Hq=8, the 4 heads of a KV head packed in one M tile); window heads'
    programs iterate their window's tiles only (checked where the mask is not generic)."""
    run_dense(_by_head([1], 4, 2, window), 2, 4, 2, 40, 100)
    run_dense(_by_head([0], 8, 2, window), 2, 8, 2, 1, 300, splits=True)


@pytest.mark.parametrize("window", [False, True])
def test_by_head_varlen_and_paged(window):
    """Packed sequences and the paged cache, decode and a chunk, GQA packed."""
    run_varlen(_by_head([1], 4, 2, window), [17, 40, 12], [17, 73, 50], 4, 2)
    run_paged(_by_head([0], 8, 2, window), 4, [150, 61, 97], [1, 5, 1], 8, splits=True)


# ---------------------------------------------------------------- empty key ranges

@pytest.mark.parametrize("run", [
    # sinks & window: rows past n + w - 1 see nothing; L = p - w + 1 lands inside tile 0
    pytest.param(lambda: run_dense(M.sinks(4) & M.sliding_window(50), 2, 4, 2, 40, 100),
                 id="dense-prefill-sinks4&window50"),
    pytest.param(lambda: run_dense(M.sinks(4) & M.sliding_window(290), 2, 8, 2, 1, 300),
                 id="dense-decode-sinks4&window290"),
    pytest.param(lambda: run_varlen(M.sinks(4) & M.sliding_window(30), [17, 40, 33],
                                    [17, 73, 50], 4, 2), id="varlen-sinks4&window30"),
    pytest.param(lambda: run_paged(M.sinks(4) & M.sliding_window(140), 4, [150, 61, 97],
                                   [1, 5, 1], 8), id="paged-decode-sinks4&window140"),
    # a top-left window with more queries than keys: rows r >= kv_len + w - 1 see
    # nothing; L clamps to kv_len, H = kv_len, and the last (ragged) tile is loaded
    pytest.param(lambda: run_dense(M.sliding_window(9, "top_left"), 1, 2, 2, 40, 20),
                 id="dense-topleft-window9-sq40-skv20"),
    pytest.param(lambda: run_varlen(M.sliding_window(9, "top_left"), [36, 5], [4, 5], 2, 2),
                 id="varlen-topleft-window9-q36-k4"),
])
def test_a_program_with_an_empty_key_range_loads_nothing(run):
    """A program whose rows see no key at all loads no K/V: its key range [L, H) is
    empty (L >= H) though floor(L / BLOCK_N) < ceil(H / BLOCK_N), and the tile between
    is iterated by no loop (the emitter's blk_hi for an empty range)."""
    run()


def test_the_observer_sees_extra_and_missing_tiles():
    """The comparison is not vacuous: a launch checked against another mask's tiles fails
    both ways (full mask's tiles against causal's, and causal's against full's)."""
    b, hq, hkv, sq, skv = 1, 2, 1, 40, 100
    q, k, v = rnd(b, hq, sq, D, seed=1), rnd(b, hkv, skv, D, seed=2), rnd(b, hkv, skv, D, seed=3)
    for ran, against, says in ((M.full(), M.causal(), "EMPTY tiles loaded"),
                               (M.causal(), M.full(), "non-empty tiles never loaded")):
        _, launches = visited_tiles(lambda m=ran: kvcc.attention(q, k, v, mask=m,
                                                                 backend="triton"))
        with pytest.raises(AssertionError, match=says):
            check(launches, against, [sq] * b, [skv] * b, hq)
