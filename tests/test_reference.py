"""The reference backend: equal to torch SDPA in float64, defined behaviour on
fully masked rows, state merging, layouts, quantization and the KV append."""

from __future__ import annotations

import math

import pytest
import torch
import torch.nn.functional as F

from kvcc import masks as M
from kvcc.codegen.reference import (
    Placement,
    ReferenceOptions,
    attention_dense,
    dequantize,
    merge_states,
    pack_codes,
    quantize,
    run,
    unpack_codes,
)
from kvcc.ir import (
    AttentionOp,
    DType,
    KVAppendOp,
    Module,
    Packed,
    Paged,
    Value,
    kv_format,
    tensor,
)
from kvcc.ir.mask import Causal, Document, Empty, Not, SlidingWindow

F64 = torch.float64


def rnd(*shape, seed=0, dtype=F64):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(*shape, generator=g, dtype=dtype)


def sdpa(q, k, v, mask=None, scale=None):
    return F.scaled_dot_product_attention(q, k, v, attn_mask=mask, scale=scale, enable_gqa=True)


@pytest.mark.parametrize("hq,hkv", [(4, 4), (8, 2), (16, 1)])
@pytest.mark.parametrize("sq,skv", [(17, 17), (1, 129), (33, 77), (77, 33)])
@pytest.mark.parametrize("causal", [False, True])
def test_equals_sdpa_float64(hq, hkv, sq, skv, causal):
    q, k, v = rnd(2, hq, sq, 32, seed=1), rnd(2, hkv, skv, 32, seed=2), rnd(2, hkv, skv, 32, seed=3)
    mask = Causal() if causal else M.full()
    o, lse = attention_dense(q, k, v, scale=0.3, mask=mask, compute_dtype=F64)
    dense = torch.ones(sq, skv, dtype=torch.bool).tril(skv - sq) if causal else None
    ref = sdpa(q, k, v, dense, 0.3)
    rows = dense.any(-1) if causal else torch.ones(sq, dtype=torch.bool)
    assert torch.allclose(o[:, :, rows], ref[:, :, rows], atol=1e-12, rtol=1e-12)
    s = torch.einsum("bhqd,bhkd->bhqk", q, k.repeat_interleave(hq // hkv, 1)) * 0.3
    if causal:
        s = s.masked_fill(~dense, -math.inf)
    assert torch.allclose(lse[:, :, rows], torch.logsumexp(s, -1)[:, :, rows], atol=1e-12)


def test_fully_masked_rows_give_zero_and_minus_inf():
    q, k, v = rnd(1, 2, 6, 16), rnd(1, 2, 3, 16), rnd(1, 2, 3, 16)
    o, lse = attention_dense(q, k, v, scale=0.25, mask=Causal(), compute_dtype=F64)  # Sq > Skv
    assert not torch.isnan(o).any() and not torch.isnan(lse).any()
    assert (o[:, :, :3] == 0).all() and torch.isneginf(lse[:, :, :3]).all()
    assert torch.isfinite(lse[:, :, 3:]).all()
    o2, lse2 = attention_dense(q, k, v, scale=0.25, mask=Empty(), compute_dtype=F64)
    assert (o2 == 0).all() and torch.isneginf(lse2).all()


def test_window_and_complement_merge_to_causal():
    q, k, v = rnd(2, 4, 40, 16, seed=4), rnd(2, 2, 40, 16, seed=5), rnd(2, 2, 40, 16, seed=6)
    win = SlidingWindow(7)
    rest = Causal() & Not(win)
    oa, la = attention_dense(q, k, v, scale=0.25, mask=win, compute_dtype=F64)
    ob, lb = attention_dense(q, k, v, scale=0.25, mask=rest, compute_dtype=F64)
    om, lm = merge_states([oa, ob], [la, lb])
    oc, lc = attention_dense(q, k, v, scale=0.25, mask=Causal(), compute_dtype=F64)
    assert torch.allclose(om, oc, atol=1e-12) and torch.allclose(lm, lc, atol=1e-12)


def test_merge_identity_and_all_empty():
    o, lse = rnd(3, 5), rnd(3)
    e_o, e_l = torch.zeros(3, 5, dtype=F64), torch.full((3,), -math.inf, dtype=F64)
    mo, ml = merge_states([o, e_o], [lse, e_l])
    assert torch.allclose(mo, o) and torch.allclose(ml, lse)
    mo, ml = merge_states([e_o, e_o], [e_l, e_l])
    assert (mo == 0).all() and torch.isneginf(ml).all()


def test_placement_matches_full_problem():
    q, k, v = rnd(1, 2, 20, 16, seed=7), rnd(1, 2, 30, 16, seed=8), rnd(1, 2, 30, 16, seed=9)
    full, lfull = attention_dense(q, k, v, scale=0.2, mask=Causal(), compute_dtype=F64)
    part, lpart = attention_dense(q[:, :, 5:12], k, v, scale=0.2, mask=Causal(),
                                  place=Placement(q_offset=5, q_total=20), compute_dtype=F64)
    assert torch.allclose(part, full[:, :, 5:12], atol=1e-12)


def test_softcap_and_alibi():
    from kvcc.ir import Alibi

    q, k, v = rnd(1, 4, 5, 16, seed=10), rnd(1, 4, 9, 16, seed=11), rnd(1, 4, 9, 16, seed=12)
    o, _ = attention_dense(q, k, v, scale=0.5, softcap=2.0, compute_dtype=F64)
    s = 2.0 * torch.tanh(q @ k.transpose(-1, -2) * 0.5 / 2.0)
    assert torch.allclose(o, torch.softmax(s, -1) @ v, atol=1e-12)
    o, _ = attention_dense(q, k, v, scale=0.5, alibi=Alibi(), mask=Causal(), compute_dtype=F64)
    slopes = torch.tensor(Alibi().slopes(4), dtype=F64)
    qpos = torch.arange(5)[:, None] + 4
    bias = -slopes.view(4, 1, 1) * (qpos - torch.arange(9)[None, :]).abs()
    s = q @ k.transpose(-1, -2) * 0.5 + bias
    s = s.masked_fill(torch.arange(9)[None, :] > qpos, -math.inf)
    assert torch.allclose(o, torch.softmax(s, -1) @ v, atol=1e-12)
    assert Alibi().slopes(8)[0] == 2 ** -1 and len(Alibi().slopes(12)) == 12


def _vals(**shapes):
    return {n: Value(n, tensor(s, dt)) for n, (s, dt) in shapes.items()}


def test_packed_and_paged_layouts_match_dense_per_sequence():
    lens_q, lens_k, h, hkv, d, page = [3, 1, 7], [5, 9, 7], 4, 2, 16, 4
    qs = [rnd(1, h, n, d, seed=20 + i) for i, n in enumerate(lens_q)]
    ks = [rnd(1, hkv, n, d, seed=30 + i) for i, n in enumerate(lens_k)]
    vs = [rnd(1, hkv, n, d, seed=40 + i) for i, n in enumerate(lens_k)]
    want = [attention_dense(q, k, v, scale=0.25, mask=Causal(), compute_dtype=F64)
            for q, k, v in zip(qs, ks, vs)]
    # packed q, paged kv with a shuffled block table
    qp = torch.cat([q[0].transpose(0, 1) for q in qs])
    cu_q = torch.tensor([0, 3, 4, 11], dtype=torch.int32)
    n_pages = sum(-(-n // page) for n in lens_k)
    perm = torch.randperm(n_pages, generator=torch.Generator().manual_seed(0))
    kc = torch.zeros(n_pages, page, hkv, d, dtype=F64)
    vc = torch.zeros_like(kc)
    bt = torch.zeros(3, 3, dtype=torch.int32)
    nxt = 0
    for b, n in enumerate(lens_k):
        for p in range(-(-n // page)):
            phys = int(perm[nxt])
            nxt += 1
            bt[b, p] = phys
            rows = slice(p * page, min((p + 1) * page, n))
            kc[phys, : rows.stop - rows.start] = ks[b][0, :, rows].transpose(0, 1)
            vc[phys, : rows.stop - rows.start] = vs[b][0, :, rows].transpose(0, 1)
    V = _vals(q=(["T", h, d], DType.f64), k=(["P", page, hkv, d], DType.f64),
              v=(["P", page, hkv, d], DType.f64), cu=([4], DType.i32), bt=([3, 3], DType.i32),
              kl=([3], DType.i32), o=(["T", h, d], DType.f64), lse=(["T", h], DType.f32))
    op = AttentionOp(V["q"], V["k"], V["v"], V["o"], V["lse"], scale=0.25, mask=Causal(),
                     q_layout=Packed(), kv_layout=Paged(page), cu_seqlens_q=V["cu"],
                     block_table=V["bt"], kv_lens=V["kl"])
    m = Module("pp", tuple(V[n] for n in ("q", "k", "v", "cu", "bt", "kl")), (op,),
               (V["o"], V["lse"]))
    o, lse = run(m, qp, kc, vc, cu_q, bt, torch.tensor(lens_k, dtype=torch.int32),
                 options=ReferenceOptions(F64, cast_outputs=False))
    for b in range(3):
        rows = slice(int(cu_q[b]), int(cu_q[b + 1]))
        assert torch.allclose(o[rows], want[b][0][0].transpose(0, 1), atol=1e-12)
        assert torch.allclose(lse[rows], want[b][1][0].transpose(0, 1), atol=1e-12)


@pytest.mark.parametrize("name", ["int8", "int4", "kivi2", "kivi4", "fp8_e4m3", "fp8_e5m2"])
def test_quantize_roundtrip_error_is_bounded(name):
    fmt = kv_format(name)
    x = rnd(2, 2, 64, 32, seed=50, dtype=torch.float32)
    for role in ("k", "v"):
        codes, scale, zero = quantize(x, fmt, role)
        y = dequantize(codes, scale, zero, fmt, role)
        err = (y - x).abs()
        if fmt.is_fp8:
            rel = 2.0 ** -(3 if fmt.code == DType.f8e4m3 else 2)  # half-ulp of the mantissa
            assert (err <= rel * x.abs() + scale.max() * 2.0 ** -9 + 1e-6).all()
        else:
            # asymmetric rounding: at most half a step per element, for its own group's step
            assert err.max() <= 0.5 * scale.max() + 1e-5
            assert codes.dtype == (torch.int32 if fmt.packed else torch.uint8)


def test_pack_codes_roundtrip():
    for bits in (2, 4, 8):
        c = torch.randint(0, 2**bits, (3, 5, 32), generator=torch.Generator().manual_seed(bits),
                          dtype=torch.uint8)
        w = pack_codes(c, bits)
        assert w.shape[-1] == 32 * bits // 32 and w.dtype == torch.int32
        assert torch.equal(unpack_codes(w, bits), c)


def test_quantized_attention_runs_through_the_ir():
    fmt = kv_format("int8")
    q, k, v = (rnd(1, 4, 8, 32, seed=60 + i, dtype=torch.float32) for i in range(3))
    k = k[:, :2]
    v = v[:, :2]
    kc, ks, kz = quantize(k, fmt, "k")
    vc, vs, vz = quantize(v, fmt, "v")
    V = _vals(q=([1, 4, 8, 32], DType.f32), k=([1, 2, 8, 32], DType.u8),
              v=([1, 2, 8, 32], DType.u8), ks=([1, 2, 8, 1], DType.f32),
              kz=([1, 2, 8, 1], DType.f32), vs=([1, 2, 8, 1], DType.f32),
              vz=([1, 2, 8, 1], DType.f32), o=([1, 4, 8, 32], DType.f32))
    op = AttentionOp(V["q"], V["k"], V["v"], V["o"], scale=0.2, kv_format=fmt, k_scale=V["ks"],
                     k_zero=V["kz"], v_scale=V["vs"], v_zero=V["vz"])
    m = Module("q8", tuple(V[n] for n in ("q", "k", "v", "ks", "kz", "vs", "vz")), (op,), (V["o"],))
    (o,) = run(m, q, kc, vc, ks, kz, vs, vz)
    exact, _ = attention_dense(q, dequantize(kc, ks, kz, fmt, "k"), dequantize(vc, vs, vz, fmt, "v"),
                               scale=0.2)
    assert torch.allclose(o, exact, atol=1e-6)
    plain, _ = attention_dense(q, k, v, scale=0.2)
    assert (o - plain).abs().max() < 0.05  # int8 KV is close to the unquantized result


def test_kv_append_dense_and_paged():
    new = rnd(2, 2, 3, 8, dtype=torch.float32)
    lens = torch.tensor([1, 4], dtype=torch.int32)
    cache = torch.zeros(2, 2, 8, 8)
    V = _vals(c=([2, 2, 8, 8], DType.f32), n=([2, 2, 3, 8], DType.f32), l=([2], DType.i32),
              o=([2, 2, 8, 8], DType.f32))
    m = Module("app", (V["c"], V["n"], V["l"]), (KVAppendOp(V["c"], V["n"], V["l"], V["o"]),),
               (V["o"],))
    (out,) = run(m, cache, new, lens)
    assert torch.equal(out[0, :, 1:4], new[0]) and torch.equal(out[1, :, 4:7], new[1])
    assert (out[0, :, 4:] == 0).all()
    # paged: 4 pages of 4 slots, sequence 1 starts in its second logical page
    pc = torch.zeros(4, 4, 2, 8)
    bt = torch.tensor([[2, 0], [3, 1]], dtype=torch.int32)
    P = _vals(c=([4, 4, 2, 8], DType.f32), n=([2, 2, 3, 8], DType.f32), l=([2], DType.i32),
              bt=([2, 2], DType.i32), o=([4, 4, 2, 8], DType.f32))
    m = Module("app", (P["c"], P["n"], P["l"], P["bt"]),
               (KVAppendOp(P["c"], P["n"], P["l"], P["o"], layout=Paged(4), block_table=P["bt"]),),
               (P["o"],))
    (out,) = run(m, pc, new, lens, bt)
    assert torch.equal(out[2, 1:4], new[0].transpose(0, 1))
    assert torch.equal(out[1, 0:3], new[1].transpose(0, 1))
    with pytest.raises(ValueError, match="sequence 0 needs 9 slots"):
        run(m, pc, new, torch.tensor([6, 4], dtype=torch.int32), bt)


def test_document_mask_through_ir_with_runtime_ids():
    ids = torch.tensor([0, 0, 0, 1, 1, 2, 2, 2])
    q, k, v = rnd(1, 2, 8, 16, seed=70), rnd(1, 2, 8, 16, seed=71), rnd(1, 2, 8, 16, seed=72)
    o, _ = attention_dense(q, k, v, scale=0.25, mask=M.document(seq_ids=ids) & Causal(),
                           compute_dtype=F64)
    o2, _ = attention_dense(q, k, v, scale=0.25, mask=Document(lengths=(3, 2, 3)) & Causal(),
                            compute_dtype=F64)
    assert torch.allclose(o, o2, atol=1e-12)
