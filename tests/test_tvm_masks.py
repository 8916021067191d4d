"""The TVM kernels' masks beyond one interval per row, and ALiBi, against the reference
on fresh random inputs: unions (``sinks | window``, prefix-LM), complements, per-head
choices of them, document ids (dense, placed), static documents over packed
sequences, ALiBi with and without softcap over dense, placed and packed layouts, and
fully masked rows. Keys no row's intervals reach are never read: they hold NaN here.
Head dim 16 and few distinct masks keep the kernels few (each builds in about a
second, once: they are cached on disk).
"""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
import torch

pytest.importorskip("tvm")

import kvcc  # noqa: E402
from kvcc import masks as M  # noqa: E402
from kvcc.codegen import reference  # noqa: E402
from kvcc.codegen.tvm.backend import TvmBackend  # noqa: E402
from kvcc.codegen.tvm.op import run_attention, spec_for  # noqa: E402
from kvcc.ir import Alibi, DType, Module, Value, tensor  # noqa: E402
from kvcc.ir.mask import Align, ByHead, Causal, Document, Sinks, SlidingWindow  # noqa: E402
from kvcc.passes import Pipeline  # noqa: E402
from kvcc.runtime.varlen import _build  # noqa: E402
from tests.test_tvm_backend import assert_matches, inputs, module, run_tvm  # noqa: E402
from tests.test_tvm_serving import assert_same, cu, rand  # noqa: E402
from tests.test_tvm_serving import varlen as serving_varlen  # noqa: E402

D = 16
STREAM = Sinks(4) | SlidingWindow(40)  # StreamingLLM
# kind -> (B, Hq, Hkv, Sq, Skv)
KINDS = {"prefill": (2, 4, 2, 77, 300), "gqa_decode": (2, 8, 2, 1, 333)}
MASKS = {
    "stream": STREAM,
    "prefix_lm": M.prefix_lm(50),  # causal | sinks: intervals that overlap
    "not_causal": ~Causal(),  # the last row sees nothing
    "not_stream": ~STREAM & SlidingWindow(90),  # a window with holes
    "by_head": None,  # KV head 1 streams, the others are causal (per kind, below)
}


@pytest.mark.parametrize("mask_name", list(MASKS))
@pytest.mark.parametrize("kind", list(KINDS))
def test_unions_and_complements(kind, mask_name):
    b, hq, hkv, sq, skv = KINDS[kind]
    mask = MASKS[mask_name]
    if mask is None:
        mask = ByHead((1,), hkv, hq // hkv, STREAM, Causal())
    m = module(b, hq, hkv, sq, skv, D, mask=mask)
    assert spec_for(m.ops[0], sq).kind == ("prefill" if kind == "prefill" else "decode")
    x = inputs(m, seed=len(mask_name) + sq)
    got = run_tvm(m, x)
    assert_matches(m, x, got)
    if mask_name == "not_causal":  # fully masked rows: 0 and -inf
        dead = torch.isneginf(got[1])
        assert dead.any() and (got[0][dead] == 0).all()


def poisoned(m: Module, seed: int, lo: int, hi: int) -> tuple[dict, dict]:
    """Inputs with K and V NaN at keys ``[lo, hi)`` (a tile read there makes the output
    NaN: masked scores are 0, and 0 * NaN is NaN), and the same with finite values for
    the reference."""
    x = inputs(m, seed)
    bad = {n: t.clone() for n, t in x.items()}
    for n in ("k", "v"):
        bad[n][:, :, lo:hi] = math.nan
    return bad, x


@pytest.mark.parametrize("splits", [1, 3])
def test_streaming_decode_reads_only_sink_and_window_tiles(splits):
    """sinks | window at a long context visits the sink tile and the window's tiles,
    not the ones between (split or not)."""
    skv = 8000
    m = module(2, 8, 2, 1, skv, D, mask=STREAM)
    bad, x = poisoned(m, seed=splits, lo=64, hi=(skv - 40) // 64 * 64)
    got = run_tvm(m, bad, num_splits=splits)
    assert_matches(m, x, got)


def test_streaming_prefill_reads_only_sink_and_window_tiles():
    b, hq, hkv, sq, _ = KINDS["prefill"]
    skv = 3000
    m = module(b, hq, hkv, sq, skv, D, mask=STREAM)
    bad, x = poisoned(m, seed=7, lo=64, hi=(skv - sq - 40) // 64 * 64)
    assert_matches(m, x, run_tvm(m, bad))


# ------------------------------------------------------------------ document ids


def ids_module(b, hq, hkv, sq, skv, mask, ids: torch.Tensor, **attrs):
    """A dense module whose mask reads the ids tensor ``ids``."""
    m = module(b, hq, hkv, sq, skv, D, mask=mask, **attrs)
    vi = Value("ids", tensor(list(ids.shape), DType.i64))
    op = replace(m.ops[0], mask_args=(vi,))
    return Module("t", m.args + (vi,), (op,), m.outputs)


def random_ids(*shape: int, seed: int) -> torch.Tensor:
    """Sorted document ids: runs of a few documents per sequence."""
    g = torch.Generator().manual_seed(seed)
    return torch.randint(0, 4, shape, generator=g).sort(-1).values


IDS = Document(ids="ids")


@pytest.mark.parametrize(("kind", "mask", "batched"), [
    ("prefill", IDS, True),
    ("prefill", IDS & Causal(), False),
    ("gqa_decode", IDS & Causal(), True),
    ("gqa_decode", ~IDS | Sinks(3), False),
], ids=["prefill", "prefill_causal", "decode_causal", "decode_not_or_sinks"])
def test_document_ids(kind, mask, batched):
    b, hq, hkv, sq, skv = KINDS[kind]
    ids = random_ids(*((b, skv) if batched else (skv,)), seed=sq)
    m = ids_module(b, hq, hkv, sq, skv, mask, ids)
    x = inputs(module(b, hq, hkv, sq, skv, D), seed=3) | {"ids": ids}
    assert_matches(m, x, run_tvm(m, x))


def test_document_ids_through_the_api_and_placed():
    """``kvcc.attention`` with seq_ids on backend="tvm"; a chunked prefill (placed ops)
    keeps each query's document, and rows before key 0 see nothing."""
    b, hq, hkv, sq, skv = KINDS["prefill"]
    ids = random_ids(b, skv, seed=1)
    q, k, v = rand(b, hq, sq, D, seed=1), rand(b, hkv, skv, D, seed=2), rand(b, hkv, skv, D, seed=3)
    mask = M.document(seq_ids=ids) & M.causal()
    got = kvcc.attention(q, k, v, mask=mask, return_lse=True, backend="tvm")
    assert_same(got, kvcc.attention(q, k, v, mask=mask, return_lse=True, backend="reference"))
    m = Pipeline.parse("chunk-prefill{size=32}").run(ids_module(b, hq, hkv, sq, skv,
                                                                IDS & Causal(), ids))
    x = {"q": q, "k": k, "v": v, "ids": ids}
    assert_matches(m, x, run_tvm(m, x))
    short = ids_module(1, hq, hkv, sq, 50, IDS, ids[:1, :50])
    xs = inputs(module(1, hq, hkv, sq, 50, D), seed=4) | {"ids": ids[:1, :50]}
    o, lse = run_tvm(short, xs)
    assert torch.isneginf(lse[:, :, :sq - 50]).all() and (o[:, :, :sq - 50] == 0).all()
    assert_matches(short, xs, (o, lse))


def test_document_ids_over_packed_sequences_are_refused():
    m = _build(4, 2, D, D, torch.float32, IDS, 0.25, None, True)
    reason = TvmBackend().supports(m.ops[0])
    assert reason is not None and "document ids over packed" in reason


# ------------------------------------------------------------------ more than 4 intervals

# each is more than MAX_TERMS intervals per row: one hull, each element tested
GENERIC = {
    # 3 x 2 intervals per row (the complement of a union of two is two intervals)
    "holes": (Sinks(2) | SlidingWindow(40) | Causal(Align.top_left))
    & ~(Sinks(1) | SlidingWindow(20)),
    "docs_or_sinks": (Sinks(8) | SlidingWindow(60)) & ~(Sinks(3) | SlidingWindow(10))
    & (M.document([100, 150, 83]) | Sinks(50)),
    "ids_by_head": None,  # KV head 1: (STREAM | IDS) & ~(sinks | window), the others causal
    # two document tables: each leaf reads its own
    "two_docs": (Sinks(8) | SlidingWindow(60)) & ~(Sinks(3) | SlidingWindow(10))
    & (M.document([100, 150, 83]) | M.document([30, 303])),
}


@pytest.mark.parametrize("name", list(GENERIC))
@pytest.mark.parametrize("kind", list(KINDS))
def test_masks_of_more_than_four_intervals(kind, name):
    """Masks beyond the interval form run too (the kernels test the whole mask per
    element, over the tiles of its hull; the CUDA kernels compile them in alike)."""
    from kvcc.codegen.tvm import cuda_masks
    from kvcc.codegen.tvm.mask import generic

    b, hq, hkv, sq, skv = KINDS[kind]
    skv = 333  # the static documents' total
    mask = GENERIC[name] or ByHead((1,), hkv, hq // hkv,
                                   (STREAM | IDS) & ~(Sinks(1) | SlidingWindow(5)), Causal())
    assert generic(mask) and cuda_masks.reason(mask, False) is None
    ids = random_ids(b, skv, seed=5)
    m = ids_module(b, hq, hkv, sq, skv, mask, ids)
    assert TvmBackend().supports(m.ops[0]) is None
    x = inputs(module(b, hq, hkv, sq, skv, D), seed=6) | {"ids": ids}
    assert_matches(m, x, run_tvm(m, x))


def test_more_than_four_intervals_visit_only_their_hull():
    """``(...) & sliding_window(90)``: keys before the window's tiles are never read
    (NaN there), at a long context, split or not."""
    skv = 5000
    mask = GENERIC["holes"] & SlidingWindow(90)
    m = module(2, 8, 2, 1, skv, D, mask=mask)
    bad, x = poisoned(m, seed=8, lo=64, hi=(skv - 90) // 64 * 64 - 64)
    for splits in (1, 3):
        assert_matches(m, x, run_tvm(m, bad, num_splits=splits))


# ------------------------------------------------------------------ packed and paged


def varlen(lens_q, lens_k, hq, hkv, mask, seed=0, **kw):
    serving_varlen(lens_q, lens_k, hq, hkv, mask, seed, d=D, **kw)


DOCS = M.document([20, 30, 13]) & M.causal()


def packed(mask, lens_q, lens_k, hq=8, hkv=2, seed=0, alibi=None, **hints):
    """A packed IR op (``attention_varlen`` takes no documents: its sequences are the
    documents; IR ops from passes may) on the TVM kernels against the reference."""
    m = _build(hq, hkv, D, D, torch.float32, mask, 0.25, None, True)
    m = Module(m.name, m.args, (replace(m.ops[0], alibi=alibi),), m.outputs)
    t = {"q": rand(sum(lens_q), hq, D, seed=seed), "k": rand(sum(lens_k), hkv, D, seed=seed + 1),
         "v": rand(sum(lens_k), hkv, D, seed=seed + 2), "cu_q": cu(lens_q), "cu_k": cu(lens_k)}
    assert_same(run_attention(m.ops[0], t, int, **hints), reference.run(m, **t),
                f"{lens_q} {lens_k} {mask}")


@pytest.mark.parametrize("mask", [M.streaming(3, 20), DOCS], ids=["stream", "docs"])
def test_packed_prefill_and_decode(mask):
    """Each sequence is its own problem: its windows, its documents (a sequence with
    keys must hold exactly the documents' total, as the reference requires)."""
    lens_k = [63, 63, 0, 63, 63] if mask is DOCS else [63, 200, 0, 9, 131]
    packed(mask, [63, 5, 0, 70, 1], lens_k, seed=1)
    packed(mask, [1, 2, 0, 1, 2], lens_k, seed=2, max_q_len=2)


def test_packed_documents_must_cover_each_sequence():
    m = _build(4, 2, D, D, torch.float32, DOCS, 0.25, None, True)
    t = {"q": rand(6, 4, D, seed=1), "k": rand(100, 2, D, seed=2),
         "v": rand(100, 2, D, seed=3), "cu_q": cu([3, 3]), "cu_k": cu([63, 37])}
    with pytest.raises(ValueError, match="lengths sum to 63"):
        run_attention(m.ops[0], t, int)
    with pytest.raises(ValueError, match="lengths sum to 63"):
        reference.run(m, **t)


def test_paged_cache_streaming_mask():
    """A KVCache on "tvm" with sinks | window: chunked prefill, then decode."""
    from tests.test_tvm_serving import run_steps

    run_steps([([40, 17, 0], [40, 17, 0]), ([23, 5, 3], [23, 5, 3]),
               ([1, 1, 1], [1, 1, 1])], M.streaming(4, 20))


# ------------------------------------------------------------------ ALiBi


@pytest.mark.parametrize(("kind", "mask", "softcap"), [
    ("prefill", Causal(), None),
    ("prefill", STREAM, 10.0),
    ("gqa_decode", Causal(), 10.0),
    ("gqa_decode", STREAM, None),
])
def test_alibi(kind, mask, softcap):
    """The bias -slope_h |position - key| after the scale and the softcap, per query
    head (GQA: the group's heads differ in slope)."""
    b, hq, hkv, sq, skv = KINDS[kind]
    m = module(b, hq, hkv, sq, skv, D, mask=mask, softcap=softcap, alibi=Alibi(8.0))
    assert spec_for(m.ops[0], sq).alibi
    x = inputs(m, seed=11)
    assert_matches(m, x, run_tvm(m, x))


def test_alibi_placed_and_packed():
    """Chunked and split ops keep each row's and key's position; packed sequences use
    their own (bottom-right); 6 query heads take the interleaved slopes."""
    m = Pipeline.parse("split-kv{splits=3}").run(
        module(1, 4, 2, 77, 300, D, mask=STREAM, softcap=10.0, alibi=Alibi(8.0)))
    x = inputs(m, seed=12)
    assert_matches(m, x, run_tvm(m, x))
    packed(M.causal(), [37, 0, 5, 70], [37, 12, 0, 131], hq=6, seed=13, alibi=Alibi(4.0))
    # the decode form, a program over every KV head of a sequence: each row its head's slope
    packed(M.causal(), [1, 2, 0, 1], [37, 12, 0, 131], hq=8, seed=14, alibi=Alibi(4.0),
           max_q_len=2, num_splits=3)
