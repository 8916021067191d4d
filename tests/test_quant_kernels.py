"""The Triton kernels' dequantizing loads (kvload.py) against the reference applied to
the same stored K/V, under the interpreter (fp32/fp16) or on a GPU: every format,
prefill and decode (GQA packed, split-KV), masks with their three loop kinds, key
lengths below, at and past KIVI's residual block. Equal up to fp32 rounding."""

from __future__ import annotations

import pytest
import torch

import kvcc
from kvcc import masks as M
from kvcc import quant
from tests.triton_helpers import DEVICE, needs_triton, rand

pytestmark = needs_triton

# head dim 64 keeps the interpreter quick: QuantSpec takes groups of 64 channels here
# (its default of 128 has one decode case below)
FORMATS = [quant.fp8("e4m3"), quant.fp8("e5m2"), quant.int8(), quant.int4(), quant.kivi(2),
           quant.kivi(4, group=16, residual=32), quant.quantspec(group=64)]


def _check(fmt, b, hq, hkv, sq, skv, d, mask, dtype=torch.float32, num_splits=None, **kw):
    from kvcc.codegen import reference
    from kvcc.frontend.attention_call import lower_attention_call
    from tests.triton_helpers import run_triton

    q, k, v = (rand(b, h, s, d, seed=i, dtype=dtype) for i, (h, s) in
               enumerate(((hq, sq), (hkv, skv), (hkv, skv))))
    call = lower_attention_call(q, k, v, mask=mask, kv_format=fmt, return_lse=True, **kw)
    o, lse = run_triton(call.module, call.inputs, num_splits=num_splits)
    up = {n: t.float() if t.is_floating_point() and t.dtype != torch.float8_e4m3fn
          and t.dtype != torch.float8_e5m2 and n == "q" else t for n, t in call.inputs.items()}
    r, rl = reference.run(call.module, options=reference.ReferenceOptions(cast_outputs=False),
                          **up)
    tol = 1e-5 if dtype == torch.float32 else 2e-2
    assert torch.equal(torch.isneginf(lse), torch.isneginf(rl))
    fin = torch.isfinite(rl)
    assert (o.float() - r).abs().max() <= tol, (o.float() - r).abs().max()
    assert (lse[fin] - rl[fin]).abs().max() <= tol


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
@pytest.mark.parametrize("shape", [
    (1, 4, 2, 17, 200, 64),    # prefill, keys past one KIVI block (72 in the residual)
    (2, 8, 2, 1, 161, 64),     # decode, GQA rows packed
    (1, 4, 4, 7, 20, 64),      # fewer keys than one block: all residual for KIVI
], ids=["prefill", "decode-gqa", "short"])
def test_every_format_matches_the_reference_on_its_stored_kv(fmt, shape):
    _check(fmt, *shape, M.causal())


def test_quantspec_default_group_at_head_dim_128():
    _check(quant.quantspec(), 1, 8, 2, 1, 150, 128, M.causal())


@pytest.mark.parametrize("fmt", [quant.int4(), quant.kivi(2), quant.quantspec(group=64)],
                         ids=lambda f: f.name)
@pytest.mark.parametrize("mask", [None, M.sliding_window(50), M.sinks(4) | M.sliding_window(40),
                                  M.document([90, 110]) & M.causal()], ids=str)
def test_masks_and_their_loop_kinds_over_quantized_kv(fmt, mask):
    _check(fmt, 1, 4, 2, 20, 200, 64, mask)


@pytest.mark.parametrize("fmt", [quant.int8(), quant.kivi(2)], ids=lambda f: f.name)
def test_split_kv_decode_over_quantized_kv(fmt):
    _check(fmt, 1, 8, 2, 1, 700, 64, M.causal(), num_splits=3)


@pytest.mark.parametrize("fmt", [quant.int4(), quant.kivi(2), quant.fp8()], ids=lambda f: f.name)
def test_fp16_queries_over_quantized_kv(fmt):
    _check(fmt, 1, 4, 2, 17, 200, 64, M.causal(), dtype=torch.float16, softcap=20.0)


def test_the_kernels_read_the_codes_not_dequantized_copies():
    """The launched kernel's K and V arguments are the stored codes (int32 words for
    packed formats), so the bytes it can read are the quantized ones."""
    from kvcc.codegen.triton import launch

    seen = {}
    real = launch.Launcher._launch

    def spy(self):
        seen["k"], seen["v"] = self.args[1], self.args[2]
        return real(self)

    launch.Launcher._launch = spy
    try:
        q, k = rand(1, 2, 3, 64, seed=1), rand(1, 2, 256, 64, seed=2)
        kvcc.attention(q, k, k, kv_format=quant.kivi(2), backend="triton")
    finally:
        launch.Launcher._launch = real
    assert seen["k"].dtype == torch.int32 and seen["k"].shape == (1, 2, 256, 4)  # 16 per word
    assert seen["v"].shape == (1, 2, 128, 4)  # the last 128 values stay full precision
    assert DEVICE in str(seen["k"].device)


@pytest.mark.skipif(DEVICE != "cpu", reason="counts the interpreter's loads")
@pytest.mark.parametrize("fmt,precision", [
    (quant.int8(), "full"), (quant.int4(), "full"), (quant.kivi(2), "full"),
    (quant.quantspec(), "full"), (quant.fp8(), "full"), (quant.quantspec(), "upper")],
    ids=lambda x: getattr(x, "name", x))
def test_a_decode_reads_every_stored_byte_and_nothing_else(fmt, precision):
    """Every load the kernel makes, counted under the interpreter by distinct address:
    from K and V it reads every byte of the stored codes, scales, zeros and residual and
    no other memory outside q, and those bytes are bytes_per_token x the tokens read (a
    per-head scale aside). (Distinct addresses: a byte loaded twice counts once.)
    QuantSpec's draft view reads the upper plane, half the codes, and nothing of the
    lower."""
    import numpy as np
    from triton.runtime import interpreter

    from kvcc.frontend.attention_call import lower_attention_call

    b, hq, hkv, skv, d = 2, 8, 2, 300, 128
    q, k, v = rand(b, hq, 1, d, seed=1), rand(b, hkv, skv, d, seed=2), rand(b, hkv, skv, d, seed=3)
    call = lower_attention_call(q, k, v, mask=M.causal(), kv_format=fmt, kv_precision=precision)
    stored = {n: t for n, t in call.inputs.items() if n != "q"}
    seen: list[tuple[np.ndarray, int]] = []
    real = interpreter.InterpreterBuilder.create_masked_load

    def counting(self, ptrs, mask, other, *args):
        size = np.dtype(interpreter._get_np_dtype(ptrs.get_element_ty())).itemsize
        seen.append((np.asarray(ptrs.data)[np.asarray(mask.data, dtype=bool)].ravel(), size))
        return real(self, ptrs, mask, other, *args)

    interpreter.InterpreterBuilder.create_masked_load = counting
    try:
        from tests.triton_helpers import run_triton

        run_triton(call.module, call.inputs, num_splits=1)  # one kernel, no workspace
    finally:
        interpreter.InterpreterBuilder.create_masked_load = real
    # the address span of each input (residuals are strided views of the history)
    spans = {n: (t.data_ptr(), t.data_ptr() + (sum((s - 1) * st for s, st in
                                                   zip(t.shape, t.stride())) + 1)
                 * t.element_size()) for n, t in call.inputs.items()}
    read = {n: set() for n in spans}
    for addrs, size in seen:
        for n, (lo, hi) in spans.items():
            inside = addrs[(addrs >= lo) & (addrs < hi)]
            for off in range(size):
                read[n].update((inside + off).tolist())
        known = np.zeros(len(addrs), dtype=bool)
        for lo, hi in spans.values():
            known |= (addrs >= lo) & (addrs < hi)
        assert known.all(), "the kernel read memory outside q and the stored K/V"
    half = precision == "upper"
    for n, t in stored.items():
        size = t.numel() * t.element_size() // (2 if half and n.endswith("codes") else 1)
        assert len(read[n]) == size, f"{n}: read {len(read[n])} of {size} bytes"
        if half and n.endswith("codes"):  # the upper plane: the first half of each row
            lo = t.data_ptr()
            assert all((a - lo) % (t.shape[-1] * 4) < t.shape[-1] * 2 for a in read[n])
    head_scales = sum(t.numel() * t.element_size() for n, t in stored.items()
                      if n.endswith("scale") and t.dim() == 2)
    total = sum(len(read[n]) for n in stored) - head_scales
    lower = d * 4 / 8 * 2 * hkv if half else 0  # the lower plane's bytes per token
    assert total == pytest.approx((fmt.bytes_per_token(hkv, d, context=skv, full_bytes=4)
                                   - lower) * skv * b)


@pytest.mark.parametrize("fmt", [quant.int4(), quant.kivi(2, group=16, residual=32),
                                 quant.quantspec(group=48), quant.quantspec(group=96)],
                         ids=lambda f: f.name)
def test_padded_head_dims_and_groups_of_any_width(fmt):
    """D=96 pads to a 128-wide tile (masked words and channels); a 48-channel group takes
    the per-element scale path, a 96-channel one the per-token path."""
    _check(fmt, 1, 4, 2, 5, 100, 96, M.causal())


def test_formats_the_kernels_do_not_take_fall_back_or_are_refused():
    from kvcc.codegen.triton.spec import UnsupportedAttention
    from kvcc.ir.dtypes import DType
    from kvcc.ir.formats import KVFormat, Scope

    whole = KVFormat("whole", DType.f8e4m3, Scope.tensor, Scope.tensor)
    q, k = rand(1, 2, 3, 32, seed=1), rand(1, 2, 40, 32, seed=2)
    with pytest.raises(UnsupportedAttention, match="one scale for the whole tensor"):
        kvcc.attention(q, k, k, kv_format=whole, backend="triton")
    want = kvcc.attention(q, k, k, kv_format=whole, backend="reference")
    assert torch.equal(kvcc.attention(q, k, k, kv_format=whole), want)  # auto: the reference
