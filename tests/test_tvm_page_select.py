"""Page selections (Quest's ``page_select``) in the TVM CPU kernels, against the
reference on fresh random inputs: every tensor shape the mask takes (``[pages]``,
``[B, pages]``, per KV head, per query head), as a conjunct (whose unselected tiles
are skipped: they hold NaN here), under ``|`` and ``~``, over packed sequences, and in
a ``KVCache`` step with Quest over plain and quantized pages and a non-causal mask
(which keep the sequences' pages rather than compacting them). Head dim 16 keeps the
kernels small; they are cached on disk.
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
import torch

pytest.importorskip("tvm")

import kvcc  # noqa: E402
from kvcc import masks as M  # noqa: E402
from kvcc import quant as Q  # noqa: E402
from kvcc.codegen.tvm.backend import TvmBackend  # noqa: E402
from kvcc.codegen.tvm.mask import generic, page_tensors  # noqa: E402
from kvcc.codegen.tvm.op import run_attention  # noqa: E402
from kvcc.codegen.tvm.spec import lower  # noqa: E402
from kvcc.runtime.modules import paged_heads_module  # noqa: E402
from tests.test_tvm_backend import module, run_tvm  # noqa: E402
from tests.test_tvm_masks import packed  # noqa: E402
from tests.test_tvm_serving import assert_same, quest_steps, rand  # noqa: E402

D = 16
B, HQ, HK = 2, 8, 2


def selection(*shape: int, seed: int) -> torch.Tensor:
    g = torch.Generator().manual_seed(seed)
    return torch.rand(*shape, generator=g) < 0.5


def both(q, k, v, mask, **kw):
    """(o, lse) on the TVM kernels and on the reference (float64, cast back)."""
    got = kvcc.attention(q, k, v, mask=mask, return_lse=True, backend="tvm", **kw)
    want = kvcc.attention(q.double(), k.double(), v.double(), mask=mask, return_lse=True,
                          backend="reference", **kw)
    return got, (want[0].float(), want[1].float())


COMBOS = {
    "and_causal": lambda p: p & M.causal(),  # a conjunct: tiles skipped
    "or_window": lambda p: M.sliding_window(40) | p,  # not a conjunct: every tile tested
    "not_and_causal": lambda p: ~p & M.causal(),
    # more than 4 intervals per row (tested element by element), and a second selection:
    # each leaf reads its own tensor
    "generic_two": lambda p: (M.sinks(2) | M.sliding_window(60)) & ~(M.sinks(1) | M.sliding_window(9))
    & (p | M.page_selection(p.data.flip(-1), 32)),
}


@pytest.mark.parametrize("combo", list(COMBOS))
@pytest.mark.parametrize("sq", [1, 77], ids=["decode", "prefill"])
def test_page_selections_every_shape(sq, combo):
    """Pages of 32 keys over 300 keys (the last page partial); the selection shared,
    per sequence, per KV head (GQA 4) and per query head."""
    skv, ps = 300, 32
    q, k, v = rand(B, HQ, sq, D, seed=sq), rand(B, HK, skv, D, seed=1), rand(B, HK, skv, D, seed=2)
    n = -(-skv // ps)
    for i, shape in enumerate([(n,), (B, n), (B, HK, n), (B, HQ, n), (1, 1, n)]):
        mask = COMBOS[combo](M.page_selection(selection(*shape, seed=i), ps))
        if combo == "generic_two":
            assert generic(mask) and len(page_tensors(mask)) == 2
        got, want = both(q, k, v, mask)
        assert_same(got, want, f"{combo} {shape}")


@pytest.mark.parametrize("sq", [1, 40], ids=["decode", "prefill"])
def test_unselected_tiles_are_never_read(sq):
    """``causal & page_select``: a tile whose pages no row of a program selects is not
    loaded (its K and V are NaN; a loaded tile would make the output NaN, since 0 * NaN
    is NaN). Pages of 128 keys, unselected in aligned pairs, so every tile size the
    kernels use (up to 256 keys) lies in unselected pages only."""
    skv, ps = 4000, 128
    n = -(-skv // ps)
    keep = selection(B, HK, n // 2 + 1, seed=3).repeat_interleave(2, -1)[..., :n]
    keep[..., -1] = True  # the page of the last key (Quest keeps it)
    q, k, v = rand(B, HQ, sq, D, seed=4), rand(B, HK, skv, D, seed=5), rand(B, HK, skv, D, seed=6)
    bad_k, bad_v = k.clone(), v.clone()
    for b in range(B):
        for h in range(HK):
            for p in (~keep[b, h]).nonzero().flatten().tolist():
                bad_k[b, h, p * ps:(p + 1) * ps] = math.nan
                bad_v[b, h, p * ps:(p + 1) * ps] = math.nan
    mask = M.page_selection(keep, ps) & M.causal()
    _, want = both(q, k, v, mask)
    m = module(B, HQ, HK, sq, skv, D, mask=mask)
    for splits in (None, 3) if sq == 1 else (None,):
        got = run_tvm(m, {"q": q, "k": bad_k, "v": bad_v}, num_splits=splits)
        assert_same(got, want, f"splits {splits}")


def test_page_selections_over_packed_sequences():
    """Each sequence's row of ``[B, pages]`` over its own key positions (a decode with
    two queries per sequence, and a prefill)."""
    lens_k = [63, 200, 0, 9, 131]
    pg = selection(5, 13, seed=7)
    packed(M.page_selection(pg, 16) & M.causal(), [63, 5, 0, 70, 1], lens_k, seed=1)
    packed(~M.page_selection(pg, 16), [1, 2, 0, 1, 2], lens_k, seed=2, max_q_len=2)


@pytest.mark.parametrize(("fmt", "mask"), [
    (None, M.streaming(4, 40)),
    (Q.int8(), M.causal()),
    (Q.kivi(2, 16, 32), M.causal()),
], ids=["plain_streaming", "int8", "kivi2"])
def test_quest_page_select_in_a_cache_step(fmt, mask):
    """Quest over pages it does not compact (a mask that reads positions, quantized
    pages): the step's ``causal & page_select`` runs on the TVM kernels, and matches
    the reference's step (GQA 4/2, sequences shorter and longer than the budget)."""
    kinds, outs = quest_steps(mask, fmt, HQ, HK)
    assert kinds == [{"tvm"}, {"reference"}]
    assert_same(*outs, f"quest {fmt} {mask}")


def test_fresh_masks_share_one_kernel():
    """The kernel does not depend on the tensors' names: two selections made apart
    lower to one spec."""
    a = module(B, HQ, HK, 1, 300, D, mask=M.page_selection(selection(10, seed=1), 32))
    b = module(B, HQ, HK, 1, 300, D, mask=M.page_selection(selection(10, seed=2), 32))
    assert a.ops[0].mask != b.ops[0].mask
    assert lower(a.ops[0], 1).key() == lower(b.ops[0], 1).key()


def test_bad_selections_are_refused_before_any_launch():
    t = {"q": rand(B, HQ, 1, D, seed=1), "k": rand(B, HK, 300, D, seed=2),
         "v": rand(B, HK, 300, D, seed=3)}
    for shape, what in [((9,), "10 entries"), ((3, 10), "B = 2"), ((B, 3, 10), "H = 2 or 8"),
                        ((B, HK, 1, 10), "10 entries")]:
        mask = M.page_selection(torch.ones(*shape, dtype=torch.bool), 32)
        with pytest.raises(ValueError, match=what):
            run_attention(module(B, HQ, HK, 1, 300, D, mask=mask).ops[0], t, int)
    # over Quest's compacted per-head pages, key positions are not the sequence's
    op = paged_heads_module(HQ, HK, D, torch.float32, 16, M.causal(), 0.25, None, True).ops[0]
    assert TvmBackend().supports(op) is None
    op = replace(op, mask=op.mask & M.page_selection(torch.ones(4, dtype=torch.bool), 16))
    reason = TvmBackend().supports(op)
    assert reason is not None and "page selections over per-head pages" in reason
