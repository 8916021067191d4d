"""The TVM kernels over quantized K/V (``kvcc/codegen/tvm/quant.py``) against the
reference, on fresh random inputs: every preset format and QuantSpec (its full read and
its upper-plane draft view), dense K/V (``kvcc.attention(kv_format=)``'s module) and
paged K/V (a quantized ``KVCache`` on ``backend="tvm"`` against one on the reference,
fed the same tokens), decode (GQA rows packed, speculative rows, split-KV) and prefill
kernels, odd lengths, keys below, at and past KIVI's residual block, pages that split
KIVI's key groups. The kernels read the stored codes as the reference does: they differ
from it by float32 rounding, far below the format's own error (the reference's distance
from attention over the unquantized K/V), which bounds them too. Each format builds one
or two kernels, so the builds are few.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
import torch

pytest.importorskip("tvm")

import kvcc  # noqa: E402
from kvcc import masks as M  # noqa: E402
from kvcc import quant  # noqa: E402
from kvcc.codegen.tvm.backend import TvmBackend  # noqa: E402
from kvcc.codegen.tvm.op import run_attention, spec_for  # noqa: E402
from kvcc.frontend.attention_call import lower_attention_call  # noqa: E402
from kvcc.runtime import KVCache  # noqa: E402
from tests.test_tvm_serving import D, assert_same, rand  # noqa: E402

HKV = 2
# the kernels' distance from the reference, as a share of the format's own error
SHARE = 0.02


def assert_within(got, want, exact, what: str, dtype=torch.float32,
                  lse_atol: float = 1e-2) -> None:
    """``got`` equals ``want`` (the reference over the same stored K/V): to float32
    rounding (half inputs: o to the output's rounding, lse within ``lse_atol``), and far
    inside the format's error, ``want``'s distance from ``exact`` (none when every key
    is in the full-precision residual)."""
    own = (want[0].float() - exact.float()).abs().max()
    if dtype == torch.float32:
        assert_same(got, want, what)
        share = SHARE
    else:
        fin = torch.isfinite(want[1])
        assert torch.equal(torch.isfinite(got[1]), fin), what
        torch.testing.assert_close(got[1][fin], want[1][fin], atol=lse_atol, rtol=0, msg=what)
        share = 0.1
    err = (got[0].float() - want[0].float()).abs().max()
    assert own == 0 or err <= share * own, f"{what}: {err} against the format's {own}"


def check_dense(fmt, b, hq, hkv, sq, skv, *, dtype=torch.float32, precision="full",
                num_splits=None, seed=0) -> None:
    q = rand(b, hq, sq, D, seed=seed).to(dtype)
    k, v = (rand(b, hkv, skv, D, seed=seed + i).to(dtype) for i in (1, 2))
    call = lower_attention_call(q, k, v, mask=M.causal(), kv_format=fmt, return_lse=True,
                                kv_precision=precision)
    got = run_attention(call.module.ops[0], call.inputs, num_splits=num_splits)
    want = kvcc.attention(q, k, v, mask=M.causal(), kv_format=fmt, kv_precision=precision,
                          return_lse=True, backend="reference")
    exact = kvcc.attention(q, k, v, mask=M.causal(), backend="reference")
    assert_within(got, want, exact, f"{fmt.name} {(b, hq, hkv, sq, skv)}", dtype)


# (format, batch, Hq, Hkv, queries, keys, options): one kernel per format, the kinds
# and shapes spread across them (decode: GQA group x queries <= 32 rows per program)
DENSE = [
    (quant.fp8("e4m3"), 2, 8, 2, 1, 161, {}),  # decode, GQA rows packed
    (quant.fp8("e5m2"), 1, 4, 2, 17, 200, {"dtype": torch.float16}),  # prefill, half inputs
    (quant.int8(), 2, 6, 3, 33, 77, {}),  # prefill, odd lengths
    (quant.int4(), 1, 8, 2, 3, 95, {}),  # decode of 3 speculative rows
    (quant.kivi(2), 1, 4, 2, 17, 300, {}),  # prefill: 256 keys quantized, 44 full precision
    (quant.kivi(2), 1, 4, 2, 17, 20, {}),  # fewer keys than one block: no codes at all
    (quant.kivi(2), 1, 4, 2, 17, 256, {}),  # whole blocks: keys without a residual
    (quant.kivi(4, group=16, residual=32), 1, 8, 2, 1, 400, {"num_splits": 3}),  # split-KV
    (quant.quantspec(group=64), 1, 4, 4, 20, 150, {}),  # prefill, MHA
    (quant.quantspec(group=64), 1, 8, 2, 1, 150, {"precision": "upper"}),  # the draft view
]


@pytest.mark.parametrize("case", DENSE, ids=lambda c: f"{c[0].name}-{c[4]}x{c[5]}")
def test_dense_formats_match_the_reference(case):
    fmt, *shape, kw = case
    check_dense(fmt, *shape, **kw)


def test_dense_codes_cut_by_kv_lens():
    """Dense codes and residual with per-sequence lengths (the per-sequence kernel over
    dense K/V): each sequence reads its first keys only, as the reference does."""
    from kvcc.codegen import reference
    from kvcc.ir import DType, Module, Value, tensor

    q, k, v = rand(3, 8, 1, D, seed=1), rand(3, HKV, 90, D, seed=2), rand(3, HKV, 90, D, seed=3)
    call = lower_attention_call(q, k, v, mask=M.causal(), return_lse=True,
                                kv_format=quant.kivi(2, group=16, residual=32))
    kl = Value("kl", tensor([3], DType.i32))
    op = replace(call.module.ops[0], kv_lens=kl)
    m = Module("cut", call.module.args + (kl,), (op,), call.module.outputs)
    x = dict(call.inputs, kl=torch.tensor([90, 37, 5], dtype=torch.int32))
    assert_same(run_attention(op, x), reference.run(m, **x), "kv_lens")


@pytest.mark.parametrize("code,dtype", [("f8e4m3", torch.float8_e4m3fn),
                                        ("f8e5m2", torch.float8_e5m2)])
def test_fp8_bytes_decode_exactly(code, dtype):
    """Every fp8 byte a quantizer can store (subnormals and signed zeros included; not
    inf or NaN) decodes to torch's value of it, vectorized."""
    import tvm

    from kvcc.codegen.tvm import build
    from kvcc.codegen.tvm.quant import fp8_value

    src = (f"@T.prim_func\ndef f(a_h: T.handle, o_h: T.handle):\n"
           f"    A = T.match_buffer(a_h, (256,), \"uint8\")\n"
           f"    O = T.match_buffer(o_h, (256,), \"float32\")\n"
           f"    for i in T.vectorized(256):\n        O[i] = {fp8_value(code, 'A[i]')}\n")
    fn = tvm.compile(tvm.script.from_source(src), build.target()).jit()["f"]
    codes = torch.arange(256, dtype=torch.int32).to(torch.uint8)
    got = torch.empty(256)
    fn(tvm.runtime.from_dlpack(codes), tvm.runtime.from_dlpack(got))
    want = codes.view(dtype).float()
    ok = torch.isfinite(want)
    assert ok.sum() >= 240 and torch.equal(got[ok], want[ok])
    assert torch.equal(torch.signbit(got[ok]), torch.signbit(want[ok]))


def test_four_bit_codes_load_in_words_a_vector_wide(monkeypatch):
    """4-bit codes: int64 words (16 codes) for 16-lane vectors, int32 words (8) for 8."""
    from kvcc.codegen.tvm import build

    q, k = rand(1, 4, 3, D, seed=1), rand(1, 2, 40, D, seed=2)
    op = lower_attention_call(q, k, k, kv_format=quant.int4()).module.ops[0]
    assert "K = T.match_buffer(k_h, (B, Hk, KQN, 4), \"int64\"" in build.emit(
        replace(spec_for(op, 3), vec=16))
    monkeypatch.setattr(build, "simd_lanes", lambda: 8)
    check_dense(quant.int4(), 1, 8, 2, 2, 70)  # (a shape of its own: a fresh lowering)
    op = lower_attention_call(rand(1, 8, 2, D, seed=0), k, k,
                              kv_format=quant.int4()).module.ops[0]
    assert "(B, Hk, KQN, 8), \"int32\"" in build.emit(spec_for(op, 2))


def cache_steps(fmt, steps, page_size: int = 16, hq: int = 8, dtype=torch.float32) -> None:
    """Feed a quantized cache on ``tvm``, one on the reference and a plain reference
    cache the same tokens, ``steps`` of (queries, new tokens) per sequence; compare
    every attention (causal over each sequence). Both quantized caches round the
    dequantized K/V to the cache's dtype: in bfloat16, lse agrees to float32 rounding."""
    caches = [KVCache(1, HKV, D, num_pages=48, page_size=page_size, dtype=dtype,
                      device="cpu", backend=b, kv_format=f, max_seqs=4)
              for b, f in (("tvm", fmt), ("reference", fmt), ("reference", None))]
    ids = [[c.add_sequence() for _ in range(3)] for c in caches]
    for n, (q_lens, new) in enumerate(steps):
        planned = [c.plan(s, q_lens, new_tokens=new, mask=M.causal(), return_lse=True)
                   for c, s in zip(caches, ids)]
        k, v = (rand(sum(new), HKV, D, seed=10 * n + i).to(dtype) for i in (1, 2))
        for st in planned:
            st.append(0, k, v)
        if not sum(q_lens):
            continue
        q = rand(sum(q_lens), hq, D, seed=10 * n).to(dtype)
        got, want, (exact, _) = (st.attend(0, q) for st in planned)
        assert [kind for kind, _ in planned[0]._attend.values()] == ["tvm"]
        assert_within(got, want, exact, f"{fmt.name} page {page_size} step {n}", dtype, 1e-4)


def test_cache_decode_loop_kivi_pages_of_whole_key_groups():
    """Chunked prefill, then decodes across a key block's flush (sequence 0 reaches 64
    tokens: keys 32..63 leave the ring) and past the value window."""
    cache_steps(quant.kivi(2, group=16, residual=32),
                [([45, 9, 30], [45, 9, 30]),  # prefill
                 ([17, 1, 1], [17, 1, 1]),  # a chunk beside decodes
                 ([1, 1, 1], [1, 1, 1]), ([1, 1, 1], [1, 1, 1]), ([1, 1, 1], [1, 1, 1])])


# paged: one kernel per format (the dense set above has the decode/prefill mix too);
# 12-token pages split KIVI's 16-token key groups across pages
PAGED = [
    (quant.fp8("e4m3"), 16, "prefill"), (quant.fp8("e5m2"), 16, "decode"),
    (quant.int8(), 16, "decode"), (quant.int4(), 12, "prefill"),
    (quant.kivi(4, group=16, residual=0), 12, "decode"),
    (quant.quantspec(group=32), 16, "prefill"),
    (quant.kivi(2, group=16, residual=32), 16, "decode-bf16"),
]


@pytest.mark.parametrize("fmt,page,kind", PAGED, ids=lambda x: getattr(x, "name", x))
def test_paged_formats_match_the_reference(fmt, page, kind):
    ask = [20, 3, 9] if kind == "prefill" else [1, 1, 1]
    dtype = torch.bfloat16 if kind.endswith("bf16") else torch.float32
    cache_steps(fmt, [([0, 0, 0], [45, 9, 70]), ([0, 0, 0], [1, 1, 1]), (ask, ask)], page,
                dtype=dtype)


def test_auto_cache_runs_quantized_pages_on_tvm():
    c = KVCache(1, HKV, D, num_pages=8, page_size=16, dtype=torch.float32, device="cpu",
                kv_format=quant.int8())
    s = c.add_sequence()
    step = c.plan([s], [1], mask=M.causal(), num_q_heads=8)
    assert c.backend == "tvm" and [k for k, _ in step._attend.values()] == ["tvm"]


def test_the_spec_names_the_format_and_unsupported_formats_fall_back():
    """The format's fields are in the spec's text (the kernel's hash); a format with one
    scale for the whole tensor is refused with its reason, and auto runs the reference."""
    from kvcc.ir.dtypes import DType
    from kvcc.ir.formats import KVFormat, Scope

    q, k = rand(1, 4, 3, D, seed=1), rand(1, 2, 40, D, seed=2)
    texts = set()
    for fmt in (quant.int4(), quant.kivi(2), quant.quantspec(group=32)):
        op = lower_attention_call(q, k, k, kv_format=fmt).module.ops[0]
        text = spec_for(op, 3).text()
        assert f"kv_code = {fmt.code.value}\n" in text and f"kv_group = {fmt.group_size}\n" in text
        assert TvmBackend().supports(op) is None
        texts.add(text)
    assert len(texts) == 3
    whole = KVFormat("whole", DType.f8e4m3, Scope.tensor, Scope.tensor)
    op = lower_attention_call(q, k, k, kv_format=whole).module.ops[0]
    assert "one scale for the whole tensor" in TvmBackend().supports(op)
    want = kvcc.attention(q, k, k, kv_format=whole, backend="reference")
    assert torch.equal(kvcc.attention(q, k, k, kv_format=whole), want)
