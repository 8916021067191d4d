"""KV formats (kvcc.quant): the user constructors and their checks, the byte counts,
the exact storage rules (KIVI's residual, QuantSpec's planes, bit packing), the
prefill rule equal to any schedule of appends, and kvcc.attention(kv_format=...)."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import kvcc
from kvcc import masks as M
from kvcc import quant
from kvcc.codegen.reference.kv_store import append, dequantized, store
from kvcc.codegen.reference.quant import FP8_MAX, dequantize, pack_codes, quantize, unpack_codes
from kvcc.ir.dtypes import DType
from tests.triton_helpers import rnd

FORMATS = [quant.fp8("e4m3"), quant.fp8("e5m2"), quant.int8(), quant.int4(), quant.kivi(2),
           quant.kivi(4), quant.kivi(2, group=16, residual=32), quant.quantspec(),
           quant.quantspec(group=32)]
IDS = [f.name for f in FORMATS]


@pytest.mark.parametrize("make,err,match", [
    (lambda: quant.kivi(bits=3), ValueError, "bits must be 2 or 4"),
    (lambda: quant.kivi(group=32, residual=100), ValueError, "residual=100 must be a multiple"),
    (lambda: quant.kivi(group=0), ValueError, "group must be >= 1"),
    (lambda: quant.kivi(residual=-32), ValueError, "residual must be >= 0"),
    (lambda: quant.kivi(bits=2.0), TypeError, "bits must be an int"),
    (lambda: quant.fp8("e3m4"), ValueError, "kind must be 'e4m3' or 'e5m2'"),
    (lambda: quant.quantspec(group=0), ValueError, "group must be >= 1"),
], ids=["bits3", "residual", "group0", "residual<0", "bits-float", "fp8-kind", "quantspec-group"])
def test_bad_formats_name_the_option(make, err, match):
    with pytest.raises(err, match=match):
        make()


def test_formats_that_do_not_fit_the_head_dim_are_refused_before_any_compute():
    q, k = rnd(1, 2, 4, 128, seed=1), rnd(1, 2, 40, 128, seed=2)
    with pytest.raises(ValueError, match="kv_format: kv_format kivi2_g48_r96: group 48 does not "
                                         "divide the head dim 128"):
        kvcc.attention(q, k, k, kv_format=quant.kivi(group=48, residual=96))
    with pytest.raises(ValueError, match="group 128 does not divide the head dim 96"):
        kvcc.attention(rnd(1, 2, 4, 96, seed=1), rnd(1, 2, 9, 96, seed=2),
                       rnd(1, 2, 9, 96, seed=3), kv_format=quant.quantspec())
    with pytest.raises(TypeError, match="kv_format must be a kvcc.quant format"):
        kvcc.attention(q, k, k, kv_format="int4")


def test_bytes_per_token_counts_codes_scales_zeros_and_the_residual():
    h, d = 8, 128
    # per KV head and role: codes + scale/zero (fp16, 2 bytes each)
    assert quant.int8().bytes_per_token(h, d) == 2 * h * (128 + 4)
    assert quant.int4().bytes_per_token(h, d) == 2 * h * (64 + 4)
    assert quant.fp8().bytes_per_token(h, d) == 2 * h * 128  # per-head scale: nothing per token
    # KIVI 2-bit: keys 32 code bytes + a scale and zero per channel per 32 tokens (16 B),
    # values 32 + one per 32 channels (4 groups x 4 B): 16/3 = 5.3x fewer than bf16
    kivi = quant.kivi()
    assert kivi.bytes_per_token(h, d) == h * (48 + 48)
    assert 2 * h * d * 2 / kivi.bytes_per_token(h, d) == pytest.approx(16 / 3)
    assert quant.quantspec().bytes_per_token(h, d) == 2 * h * (128 + 4)
    # amortized residual at L = 32768: keys all quantized (a multiple of 128), values keep 128
    share = (32768 - 128) / 32768
    want = h * (48 + share * 48 + (1 - share) * d * 2)
    assert kivi.bytes_per_token(h, d, context=32768) == pytest.approx(want)
    assert kivi.bytes_per_token(h, d, context=100) == 2 * h * d * 2  # all residual


def test_kivi_keeps_its_residual_window():
    fmt = quant.kivi()  # G=32, R=128
    k, v = rnd(1, 2, 300, 64, seed=1), rnd(1, 2, 300, 64, seed=2)
    s = store(k, v, fmt)
    assert (s.k.quantized, s.k.residual.shape[2]) == (256, 44)  # L mod R = 44 stay full
    assert (s.v.quantized, s.v.residual.shape[2]) == (172, 128)  # the last R values stay full
    assert torch.equal(s.k.residual, k[:, :, 256:]) and torch.equal(s.v.residual, v[:, :, 172:])
    assert s.k.scale.shape == (1, 2, 256 // 32, 64)  # per channel, per group of 32 tokens
    assert s.v.scale.shape == (1, 2, 172, 64 // 32)  # per token, per group of 32 channels
    short = store(k[:, :, :100], v[:, :, :100], fmt)
    assert short.k.quantized == short.v.quantized == 0


@settings(max_examples=25, deadline=None)
@given(st.sampled_from(range(len(FORMATS))), st.lists(st.integers(1, 140), min_size=1, max_size=6),
       st.integers(0, 2**16))
def test_any_schedule_of_appends_equals_the_prefill_rule(i, chunks, seed):
    fmt = FORMATS[i]
    total = sum(chunks)
    k, v = rnd(2, 2, total, 128, seed=seed), rnd(2, 2, total, 128, seed=seed + 1) * 3
    static = {}
    if fmt.is_fp8:  # fp8's per-head scale is static (calibrated): the same for both
        static = {"k_scale": k.abs().amax((2, 3)) / FP8_MAX[fmt.code],
                  "v_scale": v.abs().amax((2, 3)) / FP8_MAX[fmt.code]}
    whole = store(k, v, fmt, **static)
    s, pos = store(k[:, :, :chunks[0]], v[:, :, :chunks[0]], fmt, **static), chunks[0]
    for n in chunks[1:]:
        s = append(s, k[:, :, pos:pos + n], v[:, :, pos:pos + n])
        pos += n
    for a, b in ((whole.k, s.k), (whole.v, s.v)):
        assert a.quantized == b.quantized
        for x, y in ((a.codes, b.codes), (a.scale, b.scale), (a.zero, b.zero),
                     (a.residual, b.residual)):
            assert (x is None and y is None) or torch.equal(x, y)


@pytest.mark.parametrize("bits", [2, 4, 8])
def test_bit_packing_order(bits):
    """Code i of a word sits in bits i*b .. i*b + b - 1 (lowest first)."""
    per = 32 // bits
    codes = (torch.arange(per) * 37 % (2 ** bits)).to(torch.uint8)
    word = int(pack_codes(codes.view(1, per), bits)[0, 0]) & 0xFFFFFFFF
    assert word == sum(int(c) << (i * bits) for i, c in enumerate(codes))
    assert torch.equal(unpack_codes(pack_codes(codes.view(1, per), bits), bits)[0], codes)


def test_quantspec_planes_upper_first_and_the_draft_view():
    fmt = quant.quantspec(group=64)
    x = rnd(1, 2, 7, 64, seed=3) * 2
    codes, scale, zero = quantize(x, fmt, "k")
    assert codes.shape == (1, 2, 7, 16) and codes.dtype == torch.int32  # 8 + 8 words
    upper = unpack_codes(codes[..., :8], 4).float()
    s, z = scale.float(), zero.float()  # [1, 2, 7, 1]: one group of 64 channels per token
    # the upper plane is 4-bit asymmetric quantization over s = (max - min) / 15
    assert torch.equal(upper, torch.clamp(torch.round((x - z) / s), 0, 15))
    draft = dequantize(codes, scale, zero, fmt, "k", precision="upper")
    full = dequantize(codes, scale, zero, fmt, "k")
    assert torch.allclose(draft, upper * s + z)
    assert ((draft - x).abs() <= s / 2 + 1e-5).all()  # half an upper step
    # the lower code refines by s/16 steps over [-8, 7]: half a step, or s/16 where the
    # remainder passes 7s/16 (the code's top); never more
    err = (full - x).abs()
    assert (err <= s / 16 + 1e-5).all() and err.mean() < (draft - x).abs().mean() / 8
    with pytest.raises(ValueError, match="precision must be"):
        dequantize(codes, scale, zero, fmt, "k", precision="lower")


@pytest.mark.parametrize("fmt", FORMATS, ids=IDS)
def test_attention_over_a_format_reads_what_it_stores(fmt):
    """kvcc.attention(kv_format=fmt) equals attention over the dequantized store (the
    only change is the format's), with a run-time mask and GQA; the error against
    the unquantized attention is bounded by the format's precision."""
    q, k, v = rnd(2, 4, 33, 128, seed=1), rnd(2, 2, 200, 128, seed=2), rnd(2, 2, 200, 128, seed=3)
    ids = torch.tensor([0] * 120 + [1] * 80)
    mask = M.document(seq_ids=ids) & M.causal()
    o, lse = kvcc.attention(q, k, v, mask=mask, kv_format=fmt, return_lse=True)
    kd, vd = dequantized(store(k, v, fmt))
    o2, lse2 = kvcc.attention(q, kd, vd, mask=mask, return_lse=True)
    assert torch.allclose(o, o2, atol=1e-6) and torch.allclose(lse, lse2, atol=1e-5)
    exact = kvcc.attention(q, k, v, mask=mask)
    # bounds from the formats' steps (measured errors on these inputs are about a third)
    bound = {"fp8_e4m3": 0.08, "fp8_e5m2": 0.15, "int8": 0.02, "int4": 0.2}.get(
        fmt.name, 0.6 if fmt.bits == 2 else 0.2 if fmt.bits == 4 else 0.04)
    assert 0 < (o - exact).abs().max() < bound, (o - exact).abs().max()


def test_scale_dtypes():
    assert quant.int4().scale_dtype == quant.kivi().scale_dtype == DType.f16
    assert quant.fp8().scale_dtype == DType.f32


def test_formats_that_cannot_hold_their_data_say_so():
    from kvcc.ir.formats import KVFormat, Scope

    with pytest.raises(ValueError, match="channel scope is for keys"):
        KVFormat("v-chan", DType.u4, Scope.channel, Scope.channel, group_size=16, packed=True)
    k = rnd(1, 2, 40, 64, seed=1)
    k[0, 0, 3, 5] = -7e4  # past float16: the zero of its group would be -inf
    with pytest.raises(ValueError, match="do not fit its f16 scales and zeros"):
        kvcc.attention(rnd(1, 2, 2, 64, seed=2), k, k, kv_format=quant.int8())
    per_head = KVFormat("u8-head", DType.u8, Scope.head, Scope.head, scale_dtype=DType.f16)
    s = store(k[:, :, :20] * 0 + 1, k[:, :, :20] * 0 + 1, per_head)
    with pytest.raises(ValueError, match="cannot append to what it holds"):
        append(s, rnd(1, 2, 3, 64, seed=3), rnd(1, 2, 3, 64, seed=4))
