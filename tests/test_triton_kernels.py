"""Generated Triton kernels against the reference, on fresh random inputs, under
the CPU interpreter (TRITON_INTERPRET=1; fp32/fp16, as the interpreter's bf16 is
broken) or on a GPU when there is one."""

from __future__ import annotations

import math
import os
from dataclasses import replace

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import kvcc
from kvcc import masks as M
from kvcc.codegen.reference import merge_states
from kvcc.codegen.triton.spec import Tiles
from kvcc.ir import (
    Alibi,
    AttentionOp,
    DType,
    Module,
    Packed,
    Paged,
    Value,
    tensor,
)
from kvcc.ir.mask import Causal, data_refs
from kvcc.passes import Pipeline
from tests.triton_helpers import (
    DEVICE,
    assert_matches,
    needs_triton,
    rand,
    run_triton,
)

pytestmark = needs_triton
TD = {torch.float32: DType.f32, torch.float16: DType.f16, torch.bfloat16: DType.bf16}


def dense_module(b, hq, hkv, sq, skv, d, dtype=torch.float32, mask=Causal(), dv=None, **attrs):
    dt = TD[dtype]
    dv = dv or d
    q = Value("q", tensor([b, hq, sq, d], dt))
    k = Value("k", tensor([b, hkv, skv, d], dt))
    v = Value("v", tensor([b, hkv, skv, dv], dt))
    o = Value("o", tensor([b, hq, sq, dv], dt))
    lse = Value("lse", tensor([b, hq, sq], DType.f32))
    op = AttentionOp(q, k, v, o, lse, scale=1 / math.sqrt(d), mask=mask, **attrs)
    return Module("t", (q, k, v), (op,), (o, lse))


def dense_inputs(m, seed=0, dtype=torch.float32):
    return {a.name: rand(*[int(x) for x in a.type.shape], seed=seed + i, dtype=dtype)
            for i, a in enumerate(m.args)}


@pytest.mark.parametrize("sq,skv", [(1, 17), (17, 17), (129, 129), (33, 577), (77, 40)])
@pytest.mark.parametrize("hq,hkv", [(4, 1), (8, 2)])
def test_dense_causal_lengths_and_gqa(sq, skv, hq, hkv):
    m = dense_module(1, hq, hkv, sq, skv, 32)
    x = dense_inputs(m, seed=sq + skv)
    assert_matches(m, x, run_triton(m, x))  # fp32's default tiles (16x16)
    big = Tiles(16, 64, 4, 2) if sq == 1 else Tiles(128, 64, 8, 2)  # the 16-bit defaults
    assert_matches(m, x, run_triton(m, x, tiles=big))


@pytest.mark.parametrize("mask", [
    M.full(), M.causal(), M.causal("top_left"), M.sliding_window(9), M.sinks(3) | M.sliding_window(5),
    M.document([20, 31, 13]) & M.causal(), M.prefix_lm(10), ~M.causal(),
], ids=str)
def test_masks(mask):
    m = dense_module(2, 4, 2, 40, 64, 32, mask=mask)
    x = dense_inputs(m, seed=7)
    assert_matches(m, x, run_triton(m, x))


def test_runtime_document_ids_and_page_selection():
    ids = torch.sort(torch.randint(0, 4, (2, 48), generator=torch.Generator().manual_seed(1)),
                     dim=-1).values
    pages = torch.rand(2, 2, 6, generator=torch.Generator().manual_seed(2)) < 0.6
    q, k, v = rand(2, 4, 48, 32, seed=1), rand(2, 2, 48, 32, seed=2), rand(2, 2, 48, 32, seed=3)
    for mask in (M.document(seq_ids=ids) & M.causal(), M.page_selection(pages, 8)):
        o, lse = kvcc.attention(q, k, v, mask=mask, backend="triton", return_lse=True)
        r, rl = kvcc.attention(q.double(), k.double(), v.double(), mask=mask,
                               backend="reference", return_lse=True)
        assert (o.double() - r).abs().max() < 1e-5
        assert torch.equal(torch.isneginf(lse), torch.isneginf(rl))
        fin = torch.isfinite(rl)
        assert (lse.double()[fin] - rl[fin]).abs().max() < 1e-5


@pytest.mark.parametrize("d", [64, 80, 96, 128, 256])
def test_head_dims(d):
    m = dense_module(1, 2, 1, 19, 37, d)
    x = dense_inputs(m, seed=d)
    assert_matches(m, x, run_triton(m, x))


@pytest.mark.parametrize("case", [
    (2, 4, 2, 40, 70, 32, M.causal(), None), (1, 8, 2, 1, 300, 64, M.causal(), 3),
    (2, 4, 4, 33, 33, 80, M.sliding_window(7), None),
    (1, 2, 2, 17, 129, 16, M.document([100, 29]) & M.causal(), None),
    (1, 2, 1, 64, 64, 32, M.sinks(2) | M.sliding_window(5), None),  # generic: pointer loads
    (2, 2, 1, 20, 50, 256, M.causal(), None),
], ids=["prefill", "decode-split", "d80-window", "document", "generic", "d256"])
def test_tma_descriptor_loads(case):
    """K/V through TMA tensor descriptors (the Hopper path), rows of the next head masked."""
    b, hq, hkv, sq, skv, d, mask, splits = case
    m = dense_module(b, hq, hkv, sq, skv, d, mask=mask)
    x = dense_inputs(m, seed=d + sq)
    assert_matches(m, x, run_triton(m, x, num_splits=splits, tma=True))


@pytest.mark.parametrize("mask", [M.full(), M.causal(), M.sliding_window(20)], ids=str)
def test_tma_on_bshd_layouts_and_ragged_lengths(mask):
    """Q, K, V, O through 4-D descriptors with the tensors' own strides: q/k/v stored
    [B, S, H, D] (as most models keep them) and seen as [B, H, S, D], lengths that are
    not multiples of the tiles (rows past the end come back as zeros, stores past it are
    dropped), compared with the reference on the same views."""
    m = dense_module(2, 4, 2, 45, 83, 32, mask=mask)
    x = {n: rand(b, s, h, d, seed=i).transpose(1, 2) for i, (n, (b, h, s, d)) in enumerate(
        (a.name, tuple(int(t) for t in a.type.shape)) for a in m.args)}
    assert not x["q"].is_contiguous()
    for tiles in (None, Tiles(32, 16, 4, 2)):
        assert_matches(m, x, run_triton(m, x, tma=True, tiles=tiles))


def test_tma_falls_back_to_pointers_for_a_q_it_cannot_address():
    """A q whose strides are not 16-byte multiples keeps the kernel on pointer loads
    (and the result right); k and v that TMA cannot address are refused when forced."""
    from kvcc.codegen.triton.op import plan, tma_layout_ok

    m = dense_module(1, 2, 2, 9, 40, 16)
    x = dense_inputs(m, seed=4)
    x["q"] = rand(1 * 2 * 9 * 16 + 1, seed=9)[1:].view(1, 2, 9, 16)  # 4-byte aligned base
    assert not tma_layout_ok(x["q"]) and tma_layout_ok(x["k"])
    assert not plan(m.ops[0], x, tma=True).spec.tma
    assert_matches(m, x, run_triton(m, x, tma=True))


def test_fp16_and_value_head_dim():
    m = dense_module(1, 4, 2, 33, 70, 64, dtype=torch.float16, dv=32)
    x = dense_inputs(m, seed=3, dtype=torch.float16)
    assert_matches(m, x, run_triton(m, x))


@pytest.mark.parametrize("mods", [{"softcap": 2.5}, {"alibi": Alibi()},
                                  {"softcap": 5.0, "alibi": Alibi(4.0)}],
                         ids=["softcap", "alibi", "both"])
def test_score_mods(mods):
    m = dense_module(1, 4, 2, 25, 41, 32, **mods)
    x = dense_inputs(m, seed=11)
    assert_matches(m, x, run_triton(m, x))


def test_fully_masked_rows_are_zero_and_minus_inf():
    m = dense_module(1, 2, 2, 30, 12, 32)  # Sq > Skv: the first 18 rows see nothing
    x = dense_inputs(m, seed=5)
    o, lse = run_triton(m, x)
    assert (o[:, :, :18] == 0).all() and torch.isneginf(lse[:, :, :18]).all()
    assert_matches(m, x, (o, lse))


@pytest.mark.parametrize("splits", [2, 3, 7])
def test_split_kv_decode(splits):
    m = dense_module(3, 8, 2, 1, 577, 64)
    x = dense_inputs(m, seed=splits)
    assert_matches(m, x, run_triton(m, x, num_splits=splits))


def test_split_count_is_chosen_at_run_time():
    from kvcc.codegen.triton.launch import choose_splits

    assert choose_splits(programs=1 * 8, kv_blocks=2048, sm_count=132) > 8  # B=1, long context
    assert choose_splits(programs=64 * 8, kv_blocks=64, sm_count=132) == 1  # grid already full
    assert choose_splits(programs=4, kv_blocks=1, sm_count=132) == 1
    s = choose_splits(programs=8 * 8, kv_blocks=512, sm_count=132)
    waves = 64 * s / 132
    assert waves / math.ceil(waves) >= 0.85 * max(64 * t / 132 / math.ceil(64 * t / 132)
                                                  for t in range(1, 129))


def test_window_plus_complement_merged_equals_causal():
    q, k, v = rand(1, 4, 50, 32, seed=1), rand(1, 2, 50, 32, seed=2), rand(1, 2, 50, 32, seed=3)
    ow, lw = kvcc.attention(q, k, v, mask=M.sliding_window(8), backend="triton", return_lse=True)
    oc, lc = kvcc.attention(q, k, v, mask=M.causal() & ~M.sliding_window(8), backend="triton",
                            return_lse=True)
    om, lm = merge_states([ow, oc], [lw, lc])
    o, lse = kvcc.attention(q, k, v, mask=M.causal(), backend="triton", return_lse=True)
    assert torch.allclose(om.float(), o, atol=1e-5) and torch.allclose(lm.float(), lse, atol=1e-5)


def _paged(kv: list[torch.Tensor], page: int, seed: int):
    """Scatter per-sequence [H, L, D] tensors into a shuffled page pool."""
    hkv, d = kv[0].shape[0], kv[0].shape[2]
    need = [-(-t.shape[1] // page) for t in kv]
    total = sum(need) + 3
    perm = torch.randperm(total, generator=torch.Generator().manual_seed(seed))
    pool = torch.zeros(total, page, hkv, d, dtype=kv[0].dtype)
    bt = torch.zeros(len(kv), max(need) + 1, dtype=torch.int32)
    nxt = 0
    for b, t in enumerate(kv):
        for p in range(need[b]):
            phys = int(perm[nxt])
            nxt += 1
            bt[b, p] = phys
            chunk = t[:, p * page:(p + 1) * page].transpose(0, 1)
            pool[phys, :chunk.shape[0]] = chunk
    return pool.to(DEVICE), bt.to(DEVICE)


def mixed_module(hq, hkv, d, page, t_q, n_pages, batch, max_pages, mask=Causal()):
    f = DType.f32
    q = Value("q", tensor([t_q, hq, d], f))
    k = Value("k", tensor([n_pages, page, hkv, d], f))
    v = Value("v", k.type)
    cu = Value("cu", tensor([batch + 1], DType.i32))
    bt = Value("bt", tensor([batch, max_pages], DType.i32))
    kl = Value("kl", tensor([batch], DType.i32))
    o = Value("o", q.type)
    lse = Value("lse", tensor([t_q, hq], DType.f32))
    op = AttentionOp(q, k, v, o, lse, scale=1 / math.sqrt(d), mask=mask, q_layout=Packed(),
                     kv_layout=Paged(page), cu_seqlens_q=cu, block_table=bt, kv_lens=kl)
    return Module("mixed", (q, k, v, cu, bt, kl), (op,), (o, lse))


@pytest.mark.parametrize("page", [1, 16])
def test_mixed_batch_paged_decode_and_prefill_chunks(page):
    """One launch: decodes (1 query), a prefill chunk against its cache, a fresh prompt."""
    hq, hkv, d = 8, 2, 32
    q_lens, kv_lens = [1, 17, 1, 40], [129, 50, 33, 40]
    kvs = [rand(hkv, n, d, seed=10 + i) for i, n in enumerate(kv_lens)]
    vvs = [rand(hkv, n, d, seed=20 + i) for i, n in enumerate(kv_lens)]
    kp, bt = _paged(kvs, page, seed=1)
    vp, _ = _paged(vvs, page, seed=1)
    q = rand(sum(q_lens), hq, d, seed=3)
    cu = torch.tensor([0, *torch.cumsum(torch.tensor(q_lens), 0).tolist()], dtype=torch.int32)
    m = mixed_module(hq, hkv, d, page, q.shape[0], kp.shape[0], 4, bt.shape[1])
    x = {"q": q, "k": kp, "v": vp, "cu": cu.to(DEVICE), "bt": bt,
         "kl": torch.tensor(kv_lens, dtype=torch.int32, device=DEVICE)}
    assert_matches(m, x, run_triton(m, x))


def test_packed_varlen_q_and_kv():
    hq, hkv, d = 4, 1, 32
    lq, lk = [5, 33, 1], [9, 33, 70]
    f = DType.f32
    V = {n: Value(n, tensor(s, dt)) for n, s, dt in [
        ("q", [sum(lq), hq, d], f), ("k", [sum(lk), hkv, d], f), ("v", [sum(lk), hkv, d], f),
        ("cq", [4], DType.i32), ("ck", [4], DType.i32), ("o", [sum(lq), hq, d], f),
        ("lse", [sum(lq), hq], f)]}
    op = AttentionOp(V["q"], V["k"], V["v"], V["o"], V["lse"], scale=0.2, mask=Causal(),
                     q_layout=Packed(), kv_layout=Packed(), cu_seqlens_q=V["cq"],
                     cu_seqlens_k=V["ck"])
    m = Module("varlen", tuple(V[n] for n in ("q", "k", "v", "cq", "ck")), (op,),
               (V["o"], V["lse"]))
    cum = lambda ls: torch.tensor([0, *torch.cumsum(torch.tensor(ls), 0).tolist()],  # noqa: E731
                                  dtype=torch.int32, device=DEVICE)
    x = {"q": rand(sum(lq), hq, d, seed=1), "k": rand(sum(lk), hkv, d, seed=2),
         "v": rand(sum(lk), hkv, d, seed=3), "cq": cum(lq), "ck": cum(lk)}
    assert_matches(m, x, run_triton(m, x))


def test_prefill_chunk_against_dense_cache_with_lengths():
    """A chunk of queries attends to cached + chunk keys, causal bottom-right, per sequence."""
    b, hq, hkv, d, chunk, cap = 2, 4, 2, 32, 24, 96
    f = DType.f32
    q = Value("q", tensor([b, hq, chunk, d], f))
    k = Value("k", tensor([b, hkv, cap, d], f))
    v = Value("v", k.type)
    kl = Value("kl", tensor([b], DType.i32))
    o, lse = Value("o", q.type), Value("lse", tensor([b, hq, chunk], f))
    op = AttentionOp(q, k, v, o, lse, scale=0.2, mask=Causal(), kv_lens=kl)
    m = Module("chunk", (q, k, v, kl), (op,), (o, lse))
    x = {"q": rand(b, hq, chunk, d, seed=1), "k": rand(b, hkv, cap, d, seed=2),
         "v": rand(b, hkv, cap, d, seed=3),
         "kl": torch.tensor([chunk + 40, chunk + 7], dtype=torch.int32, device=DEVICE)}
    assert_matches(m, x, run_triton(m, x))


@pytest.mark.parametrize("pipeline", ["split-kv{splits=3}", "chunk-prefill{size=16}"])
def test_pass_outputs_run_on_triton(pipeline):
    """Placed attention (offsets inside a larger problem) from the chunking passes."""
    m = Pipeline.parse(pipeline).run(dense_module(1, 4, 2, 40, 70, 32,
                                                  mask=M.sinks(2) | M.sliding_window(20)))
    x = dense_inputs(m, seed=9)
    assert_matches(m, x, run_triton(m, x))


def test_public_api_backend_triton_matches_reference():
    q, k, v = rand(2, 8, 21, 64, seed=1), rand(2, 2, 21, 64, seed=2), rand(2, 2, 21, 64, seed=3)
    o = kvcc.attention(q, k, v, mask=M.causal(), backend="triton")
    r = kvcc.attention(q.double(), k.double(), v.double(), mask=M.causal(), backend="reference")
    assert (o.double() - r).abs().max() < 1e-5


def _kernel_cases():
    from tests.strategies import data_atoms, masks

    def with_heads(heads):
        hq, hkv = heads
        return st.integers(1, 70).flatmap(lambda skv: st.tuples(
            st.just(heads), st.integers(1, 70), st.just(skv),
            masks(skv, data_atoms(skv, batch=1, heads=hkv, page=8))))

    return st.sampled_from([(2, 2), (4, 1), (4, 2)]).flatmap(with_heads)


# the 16-bit defaults (prefill, generic masks, decode), a middle size, and fp32's 16x16
TILES = [Tiles(128, 64, 8, 2), Tiles(128, 32, 8, 2), Tiles(16, 64, 4, 2), Tiles(32, 16, 4, 1),
         None]


@settings(max_examples=int(os.environ.get("KVCC_KERNEL_EXAMPLES", "25")), deadline=None)
@given(_kernel_cases(), st.booleans(), st.sampled_from(TILES))
def test_random_masks_and_shapes(case, tma, tiles):
    """Any mask of the algebra (band atoms, documents, page selections, &, |, ~) at any
    lengths and tile sizes, with pointer or TMA loads: the kernel's key ranges,
    full-tile skipping and load predication must never change results."""
    (hq, hkv), sq, skv, mask = case
    m = dense_module(1, hq, hkv, sq, skv, 16, mask=mask,
                     mask_args=tuple(Value(n, tensor(list(t.shape), DType.from_torch(t.dtype)))
                                     for n, t in data_refs(mask).items()))
    x = dense_inputs(m, seed=sq * 100 + skv)
    x |= {n: t for n, t in data_refs(mask).items()}
    m = replace(m, args=m.args + m.ops[0].mask_args)
    assert_matches(m, x, run_triton(m, x, tma=tma, tiles=tiles))



def test_grid_stays_within_cuda_limits_for_many_sequences_and_heads():
    """CUDA caps grid axes 1 and 2 at 65535: sequences go on axis 1 and heads x splits
    on axis 2, so 4096 sequences of 32 heads (131072 programs) launch, and what cannot
    is refused with the reason, before any work."""
    from kvcc.codegen.triton.op import plan

    def launcher(batch, heads, splits):
        m = dense_module(batch, heads, heads, 1, 8, 16)
        t = {a.name: torch.empty(*[int(x) for x in a.type.shape]) for a in m.args}
        return plan(m.ops[0], t, num_splits=splits).launcher()

    assert launcher(4096, 32, 2).grid == (1, 4096, 64)
    with pytest.raises(ValueError, match="at most 65535"):
        launcher(70000, 1, 1)
    with pytest.raises(ValueError, match="64 heads x 1024 splits"):
        launcher(1, 64, 1024)


@pytest.mark.parametrize("splits", [1, 3])
def test_every_program_finds_its_rows_sequence_head_and_split(splits):
    """Several row blocks, sequences, heads and splits in one grid."""
    from kvcc.codegen.triton.op import plan

    m = dense_module(3, 6, 2, 37, 45, 16)
    t = dense_inputs(m, seed=70)
    got = plan(m.ops[0], t, num_splits=splits, tiles=Tiles(16, 16, 4, 1)).run()
    assert_matches(m, t, got)


def test_launch_on_another_gpu_makes_it_current(monkeypatch):
    """Triton launches on the current device: tensors on cuda:1 while cuda:0 is current
    must launch inside ``torch.cuda.device(cuda:1)`` (the dispatch, with CUDA stubbed)."""
    import contextlib

    from kvcc.codegen.triton.op import plan

    m = dense_module(1, 2, 2, 4, 4, 16)
    launcher = plan(m.ops[0], dense_inputs(m)).launcher()
    entered = []

    @contextlib.contextmanager
    def device(d):
        entered.append(d)
        yield

    monkeypatch.setattr(torch.cuda, "current_device", lambda: 0)
    monkeypatch.setattr(torch.cuda, "device", device)
    monkeypatch.setattr(launcher, "_launch", lambda: ("launched", entered[:]))
    launcher.device = torch.device("cuda", 1)
    assert launcher() == ("launched", [torch.device("cuda", 1)])
    entered.clear()
    launcher.device = torch.device("cuda", 0)
    assert launcher() == ("launched", [])
