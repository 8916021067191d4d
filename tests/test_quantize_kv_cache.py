"""quantize-kv on KV caches: the cache inputs become the format's tensors, appends
quantize the new tokens, and attention over the cache equals kvcc.attention with the
format over each sequence's history (or the store's rule with a static fp8 scale)."""

from __future__ import annotations

import pytest
import torch

import kvcc
from kvcc import quant
from kvcc.codegen.reference import attention_dense, quantize, run
from kvcc.codegen.reference.kv_store import dequantized, store
from kvcc.ir import AttentionOp, DType, KVAppendOp, Module, SliceOp, Value, parse, print_module, tensor
from kvcc.ir.mask import Causal
from kvcc.passes import PassError, Pipeline
from tests.test_quantize_kv import close, rnd

B, HQ, HKV, SN, SMAX, D = 2, 4, 2, 3, 12, 16
LENS = torch.tensor([4, 7], dtype=torch.int32)


def cache_module(extra_use: bool = False) -> Module:
    """One decode/prefill step: append ``SN`` tokens after ``lens``, attend over
    ``total = lens + SN`` tokens of the cache, return o, lse and the caches."""
    T = lambda *s: tensor(list(s), DType.f32)  # noqa: E731
    q = Value("q", T(B, HQ, SN, D))
    kn, vn = Value("k_new", T(B, HKV, SN, D)), Value("v_new", T(B, HKV, SN, D))
    kc, vc = Value("k_cache", T(B, HKV, SMAX, D)), Value("v_cache", T(B, HKV, SMAX, D))
    lens, total = Value("lens", tensor([B], DType.i32)), Value("total", tensor([B], DType.i32))
    k1, v1 = Value("k1", kc.type), Value("v1", vc.type)
    o, lse = Value("o", q.type), Value("lse", tensor([B, HQ, SN], DType.f32))
    ops = [KVAppendOp(kc, kn, lens, k1), KVAppendOp(vc, vn, lens, v1),
           AttentionOp(q, k1, v1, o, lse, scale=0.3, mask=Causal(), kv_lens=total)]
    if extra_use:
        ops.append(SliceOp(k1, Value("k_head", T(B, HKV, 2, D)), axis=2, start=0))
    return Module("step", (q, kn, vn, kc, vc, lens, total), tuple(ops), (o, lse, k1, v1))


def history(seed: int):
    return {n: rnd(B, HKV, s, D, seed=seed + i) for i, (n, s) in
            enumerate((("k0", SMAX), ("v0", SMAX), ("k_new", SN), ("v_new", SN)))} | {
        "q": rnd(B, HQ, SN, D, seed=seed + 9)}


def run_step(m: Module, x: dict, cache: dict) -> tuple:
    return run(m, q=x["q"], k_new=x["k_new"], v_new=x["v_new"], lens=LENS, total=LENS + SN,
               **cache)


def stored(fmt, role, t, scale=None, prefix=""):
    codes, s, z = quantize(t, fmt, role, scale=scale)
    out = {f"{prefix}codes": codes, f"{prefix}scale": s}
    return out | ({} if z is None else {f"{prefix}zero": z})


@pytest.mark.parametrize("name,fmt", [("int8", quant.int8()), ("int4", quant.int4()),
                                      ("quantspec_g8", quant.quantspec(8))])
def test_per_token_cache_equals_kvcc_attention_over_each_history(name, fmt):
    m = cache_module()
    out = Pipeline.parse(f"quantize-kv{{format={name}}}").run(m)
    assert parse(print_module(out)) == out
    x = history(seed=10)
    cache = {f"k_cache_{n}": t for n, t in stored(fmt, "k", x["k0"]).items()} | {
        f"v_cache_{n}": t for n, t in stored(fmt, "v", x["v0"]).items()}
    o, lse, kc, ks, kz, vc, vs, vz = run_step(out, x, cache)
    new_k = stored(fmt, "k", x["k_new"])
    for b in range(B):
        n = int(LENS[b])
        # the append wrote the new tokens' codes and scales after each sequence's history
        assert torch.equal(kc[b, :, n:n + SN], new_k["codes"][b])
        assert torch.equal(ks[b, :, n:n + SN], new_k["scale"][b])
        assert torch.equal(kc[b, :, :n], cache["k_cache_codes"][b, :, :n])
        k_all = torch.cat([x["k0"][b:b + 1, :, :n], x["k_new"][b:b + 1]], 2)
        v_all = torch.cat([x["v0"][b:b + 1, :, :n], x["v_new"][b:b + 1]], 2)
        kw = dict(mask=kvcc.masks.causal(), scale=0.3, backend="reference", return_lse=True)
        want = kvcc.attention(x["q"][b:b + 1], k_all, v_all, kv_format=fmt, **kw)
        plain = kvcc.attention(x["q"][b:b + 1], k_all, v_all, **kw)
        close(o[b:b + 1], want[0], plain[0])
        close(lse[b:b + 1], want[1], plain[1])


def test_the_cache_allocation_follows_the_format():
    out = Pipeline.parse("quantize-kv{format=int4}").run(cache_module())
    types = {a.name: a.type for a in out.args}
    assert types["k_cache_codes"] == tensor([B, HKV, SMAX, D // 8], DType.i32)
    assert types["k_cache_scale"] == types["k_cache_zero"] == tensor([B, HKV, SMAX, 1], DType.f16)
    assert types["v_cache_codes"] == tensor([B, HKV, SMAX, D // 8], DType.i32)
    assert "k_cache" not in types and "v_cache" not in types
    assert [v.name for v in out.outputs] == ["o", "lse", "k1_codes", "k1_scale", "k1_zero",
                                             "v1_codes", "v1_scale", "v1_zero"]
    fp8 = Pipeline.parse("quantize-kv{format=fp8_e5m2}").run(cache_module())
    types = {a.name: a.type for a in fp8.args}
    assert types["k_cache_codes"] == tensor([B, HKV, SMAX, D], DType.f8e5m2)
    assert types["k_cache_scale"] == tensor([B, HKV], DType.f32)  # static, calibrated
    assert [v.name for v in fp8.outputs] == ["o", "lse", "k1_codes", "v1_codes"]


def test_fp8_cache_keeps_its_static_scale():
    fmt = quant.fp8("e4m3")
    out = Pipeline.parse("quantize-kv{format=fp8_e4m3}").run(cache_module())
    x = history(seed=30)
    scales = {r: x[f"{r}0"].abs().amax((2, 3)) / 448 * 0.8 for r in "kv"}  # new tokens saturate
    cache = {}
    for r in "kv":
        cache |= {f"{r}_cache_{n}": t for n, t in stored(fmt, r, x[f"{r}0"], scales[r]).items()}
    o, lse, kc, vc = run_step(out, x, cache)
    for b in range(B):
        n = int(LENS[b])
        k_all = torch.cat([x["k0"][b:b + 1, :, :n], x["k_new"][b:b + 1]], 2)
        v_all = torch.cat([x["v0"][b:b + 1, :, :n], x["v_new"][b:b + 1]], 2)
        s = store(k_all, v_all, fmt, k_scale=scales["k"][b:b + 1], v_scale=scales["v"][b:b + 1])
        assert torch.equal(kc[b, :, :n + SN], s.k.codes[0])
        kd, vd = dequantized(s)
        want = attention_dense(x["q"][b:b + 1], kd, vd, scale=0.3, mask=Causal())
        plain = attention_dense(x["q"][b:b + 1], k_all, v_all, scale=0.3, mask=Causal())
        close(o[b:b + 1], want[0], plain[0])
        close(lse[b:b + 1], want[1], plain[1])


def test_per_head_cache_formats():
    """KV head 0 in int8, head 1 plain: each head's cache is its own input."""
    out = Pipeline.parse("quantize-kv{heads=0:int8;1:none}").run(cache_module())
    types = {a.name: a.type for a in out.args}
    assert types["k_cache_h0_codes"] == tensor([B, 1, SMAX, D], DType.u8)
    assert types["k_cache_h1"] == tensor([B, 1, SMAX, D], DType.f32)
    assert [v.name for v in out.outputs][2:4] == ["k1_h0_codes", "k1_h0_scale"]
    assert [v.name for v in out.outputs][5] == "k1_h1"
    x = history(seed=50)
    cache = {"k_cache_h1": x["k0"][:, 1:], "v_cache_h1": x["v0"][:, 1:]}
    for r in "kv":
        cache |= {f"{r}_cache_h0_{n}": t for n, t in
                  stored(quant.int8(), r, x[f"{r}0"][:, :1]).items()}
    o, lse = run_step(out, x, cache)[:2]
    for b in range(B):
        n = int(LENS[b])
        k_all = torch.cat([x["k0"][b:b + 1, :, :n], x["k_new"][b:b + 1]], 2)
        v_all = torch.cat([x["v0"][b:b + 1, :, :n], x["v_new"][b:b + 1]], 2)
        kw = dict(mask=kvcc.masks.causal(), scale=0.3, backend="reference", return_lse=True)
        q = x["q"][b:b + 1]
        plain = kvcc.attention(q[:, 2:], k_all[:, 1:], v_all[:, 1:], **kw)
        assert torch.allclose(o[b:b + 1, 2:], plain[0], atol=1e-6)
        want = kvcc.attention(q[:, :2], k_all[:, :1], v_all[:, :1], kv_format=quant.int8(), **kw)
        plain = kvcc.attention(q[:, :2], k_all[:, :1], v_all[:, :1], **kw)
        close(o[b:b + 1, :2], want[0], plain[0])


@pytest.mark.parametrize("pipeline,msg", [
    ("quantize-kv{format=kivi2_g8_r16}", "cache %k_cache in kivi2_g8_r16: KIVI keeps a full-precision "
     "residual window that each sequence flushes at its own"),
    ("quantize-kv{heads=1:kivi4_g4_r8}", "cache %k_cache in kivi4_g4_r8: KIVI"),
])
def test_kivi_caches_are_refused(pipeline, msg):
    with pytest.raises(PassError, match=msg):
        Pipeline.parse(pipeline).run(cache_module())


def test_other_uses_of_a_cache_are_refused():
    with pytest.raises(PassError, match=r"cache %k_cache is also used by slice %k_head \(x\)"):
        Pipeline.parse("quantize-kv").run(cache_module(extra_use=True))
    # a layer left unquantized leaves its cache alone
    m = cache_module(extra_use=True)
    assert Pipeline.parse("quantize-kv{format=none}").run(m) == m
