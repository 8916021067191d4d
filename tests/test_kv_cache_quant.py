"""A KVCache storing K/V quantized (``kv_format=``): after any schedule of appends its
state is the reference's prefill rule applied to each sequence's whole history (codes,
scales, zeros and the full-precision window, exactly), whether the generated
quantize-on-append kernels (under the interpreter) or the reference wrote it;
attention over it (prefill, chunked prefill, decode with split-KV, GQA) equals the
reference on the dequantized cache; fork copies what a flush writes; the allocation
matches ``bytes_per_token``."""

from __future__ import annotations

import pytest
import torch

import kvcc
from kvcc import masks as M
from kvcc import quant
from kvcc.codegen.reference.kv_store import store
from kvcc.runtime.cache import KVCache
from kvcc.runtime.pages import CacheFull
from tests.triton_helpers import DEVICE, needs_triton

FORMATS = [quant.fp8("e4m3"), quant.fp8("e5m2"), quant.int8(), quant.int4(),
           quant.kivi(2, group=16, residual=32), quant.kivi(4, group=16, residual=0),
           quant.quantspec(group=32)]
BACKENDS = ["reference", pytest.param("triton", marks=needs_triton)]
HKV, D = 2, 64
# new tokens per sequence per step: prefills, decodes, a step past a whole KIVI block,
# value windows emptied by one step
SCHEDULE = [(37, 5), (1, 1), (30, 40), (1, 2), (3, 33)]


def _cache(fmt, backend, page_size=16, layers=2, num_pages=48, **kw) -> KVCache:
    return KVCache(layers, HKV, D, num_pages=num_pages, page_size=page_size,
                   dtype=torch.float32, device=DEVICE, backend=backend, kv_format=fmt, **kw)


def _fill(c: KVCache, seqs, schedule, gen) -> dict:
    """Append ``schedule`` to every layer; returns each sequence's history per layer."""
    hist = {(s, lay): ([], []) for s in seqs for lay in range(c.num_layers)}
    for n in schedule:
        step = c.plan(seqs, [0] * len(seqs), new_tokens=list(n))
        for lay in range(c.num_layers):
            k = torch.randn(sum(n), HKV, D, generator=gen).to(DEVICE)
            v = torch.randn(sum(n), HKV, D, generator=gen).to(DEVICE)
            step.append(lay, k, v)
            at = 0
            for s, m in zip(seqs, n):
                hist[s, lay][0].append(k[at:at + m])
                hist[s, lay][1].append(v[at:at + m])
                at += m
    return {key: tuple(torch.cat(x).permute(1, 0, 2)[None] for x in kv)
            for key, kv in hist.items()}


def _assert_state(c: KVCache, seq: int, layer: int, k: torch.Tensor, v: torch.Tensor) -> None:
    fmt = c.kv_format
    kw = {}
    if fmt.is_fp8:  # the cache's static scales, calibrated at the layer's first append
        kw = {f"{r}_scale": c.quant.scale[r][layer][None] for r in "kv"}
    want = store(k.cpu(), v.cpu(), fmt, **kw)
    s = c._seqs[seq]
    got = c.quant.stored(layer, s.pages, s.row, k.shape[2])
    for role in "kv":
        a, b = getattr(want, role), getattr(got, role)
        assert a.quantized == b.quantized, role
        for f in ("codes", "scale", "zero", "residual"):
            x, y = getattr(a, f), getattr(b, f)
            if x is None or (f == "scale" and fmt.is_fp8 and a.codes is None):
                continue
            if fmt.is_fp8 and f == "codes":
                x, y = x.view(torch.uint8), y.view(torch.uint8)
            assert torch.equal(x, y.cpu()), f"{fmt.name} {role} {f} differ"


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("page_size", [16, 8])
@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_state_after_any_schedule_is_the_prefill_rule(fmt, page_size, backend):
    """Page 16 holds whole KIVI key groups of 16; page 8 splits each across two pages."""
    c = _cache(fmt, backend, page_size)
    seqs = [c.add_sequence(), c.add_sequence()]
    hist = _fill(c, seqs, SCHEDULE, torch.Generator().manual_seed(1))
    for (s, lay), (k, v) in hist.items():
        _assert_state(c, s, lay, k, v)


def test_page_sizes_that_neither_divide_nor_are_divided_by_the_key_group():
    """A 12-token page: KIVI's 16-token key groups start at varying offsets; each group's
    scales still live in the page of its first token."""
    fmt = quant.kivi(2, group=16, residual=32)
    for backend in ("reference",) + (("triton",) if _triton() else ()):
        c = _cache(fmt, backend, page_size=12, layers=1)
        seqs = [c.add_sequence()]
        hist = _fill(c, seqs, [(45,), (1,), (50,), (3,)], torch.Generator().manual_seed(2))
        for (s, lay), (k, v) in hist.items():
            _assert_state(c, s, lay, k, v)
        q = torch.randn(1, 4, D, generator=torch.Generator().manual_seed(3)).to(DEVICE)
        _assert_attention(c, seqs, q, [1])


def _triton() -> bool:
    from kvcc.codegen.triton.op import available

    return available(torch.device(DEVICE)) is None


def _assert_attention(c: KVCache, seqs, q, q_lens, mask=None, atol=2e-5) -> None:
    """The cache's attention against the reference over its dequantized K/V (the last
    ``q_lens[i]`` tokens as queries, bottom-right aligned)."""
    cu = torch.tensor([0, *torch.tensor(q_lens).cumsum(0).tolist()], dtype=torch.int32,
                      device=DEVICE)
    o = c.attend(0, q, seqs, cu, mask=mask)
    for i, s in enumerate(seqs):
        k, v = c.read(s, 0)
        qs = q[cu[i]:cu[i + 1]].permute(1, 0, 2)[None]
        want = kvcc.attention(qs.cpu(), k.permute(1, 0, 2)[None].cpu(),
                              v.permute(1, 0, 2)[None].cpu(), mask=mask or M.full(),
                              backend="reference")[0].permute(1, 0, 2)
        torch.testing.assert_close(o[cu[i]:cu[i + 1]].cpu(), want, atol=atol, rtol=0)


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_attention_over_the_quantized_cache(fmt, backend):
    """Prefill (causal over the new tokens), then chunked prefill beside decodes in one
    step, then a decode of GQA heads (4 query heads per KV head: packed, split-KV)."""
    gen = torch.Generator().manual_seed(4)
    c = _cache(fmt, backend, layers=1, num_pages=40)
    seqs = [c.add_sequence() for _ in range(3)]
    hq = 4 * HKV
    lens = [40, 7, 33]
    step = c.plan(seqs, lens, mask=M.causal())
    k, v = (torch.randn(sum(lens), HKV, D, generator=gen).to(DEVICE) for _ in range(2))
    step.append(0, k, v)
    q = torch.randn(sum(lens), hq, D, generator=gen).to(DEVICE)
    o = step.attend(0, q)
    want = []
    at = 0
    for s, n in zip(seqs, lens):
        ks, vs = c.read(s, 0)
        qs = q[at:at + n].permute(1, 0, 2)[None].cpu()
        want.append(kvcc.attention(qs, ks.permute(1, 0, 2)[None].cpu(),
                                   vs.permute(1, 0, 2)[None].cpu(), mask=M.causal(),
                                   backend="reference")[0].permute(1, 0, 2))
        at += n
    torch.testing.assert_close(o.cpu(), torch.cat(want), atol=2e-5, rtol=0)
    # a chunk of 20 for one sequence, single tokens for the others
    new = [20, 1, 1]
    step = c.plan(seqs, new, mask=M.causal())
    step.append(0, *(torch.randn(sum(new), HKV, D, generator=gen).to(DEVICE) for _ in range(2)))
    _assert_attention(c, seqs, torch.randn(sum(new), hq, D, generator=gen).to(DEVICE), new,
                      M.causal())
    # decode only: 16 query rows per program, the key range split across programs
    _assert_attention(c, seqs, torch.randn(3, hq, D, generator=gen).to(DEVICE), [1, 1, 1])


@pytest.mark.parametrize("backend", BACKENDS)
def test_fork_copies_the_pages_a_flush_writes(backend):
    """A fork shares pages; a later KIVI key block that fills writes codes into pages
    of tokens older than the step (shared ones): those are copied first, and each
    sequence keeps its own ring."""
    fmt = quant.kivi(2, group=16, residual=32)
    gen = torch.Generator().manual_seed(5)
    c = _cache(fmt, backend, page_size=8, layers=1)
    a = c.add_sequence()
    base = _fill(c, [a], [(20,)], gen)[a, 0]
    b = c.fork(a)
    ha = _fill(c, [a], [(20,)], gen)[a, 0]
    hb = _fill(c, [b], [(13,)], gen)[b, 0]
    _assert_state(c, a, 0, *(torch.cat([x, y], 2) for x, y in zip(base, ha)))
    _assert_state(c, b, 0, *(torch.cat([x, y], 2) for x, y in zip(base, hb)))


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_the_allocation_matches_bytes_per_token(fmt):
    """Pages take bytes_per_token per slot (codes, scales, zeros); beside them, the rings
    of the full-precision window (max_seqs rows) and fp8's per-head scales."""
    layers, pages, ps, max_seqs = 3, 20, 16, 5
    c = _cache(fmt, "reference", ps, layers=layers, num_pages=pages, max_seqs=max_seqs)
    rings = sum(c.quant.rlen.values()) * max_seqs * HKV * D * 4 * layers
    head = layers * 2 * HKV * 4 if fmt.is_fp8 else 0
    assert c.bytes_per_token == layers * fmt.bytes_per_token(HKV, D)
    assert c.allocated_bytes == pages * ps * c.bytes_per_token + rings + head
    assert c.bytes_per_token < layers * 2 * HKV * D * 2  # under a 16-bit cache


def test_bad_arguments_are_refused_before_anything_is_allocated():
    with pytest.raises(TypeError, match="kv_format must be a kvcc.quant format"):
        KVCache(1, HKV, D, num_pages=4, kv_format="int4")
    with pytest.raises(ValueError, match="kv_scale is for fp8"):
        KVCache(1, HKV, D, num_pages=4, kv_format=quant.int4(), kv_scale=torch.ones(1, 2, HKV))
    with pytest.raises(ValueError, match="kv_scale must be a positive"):
        KVCache(1, HKV, D, num_pages=4, kv_format=quant.fp8(), kv_scale=torch.ones(2, HKV))
    with pytest.raises(ValueError, match="group 48 does not divide the head dim 64"):
        KVCache(1, HKV, D, num_pages=4, kv_format=quant.quantspec(group=48))
    with pytest.raises(ValueError, match="float64"):
        KVCache(1, HKV, D, num_pages=4, kv_format=quant.int8(), dtype=torch.float64,
                backend="reference")
    with pytest.raises(ValueError, match="max_seqs"):
        KVCache(1, HKV, D, num_pages=4, kv_format=quant.kivi(), max_seqs=0)
    with pytest.raises(ValueError, match="power-of-two head dim"):
        KVCache(1, HKV, 48, num_pages=4, kv_format=quant.int8(), backend="triton",
                device=DEVICE)


def test_live_sequences_are_bounded_by_the_window_rows():
    c = _cache(quant.kivi(2, group=16, residual=32), "reference", max_seqs=2)
    a = c.add_sequence()
    c.add_sequence()
    with pytest.raises(CacheFull, match="residual rows"):
        c.add_sequence()
    with pytest.raises(CacheFull, match="residual rows"):
        c.fork(a)
    c.free(a)
    c.add_sequence()  # its row is free again


def test_static_fp8_scales_are_used_as_given():
    scale = torch.full((2, 2, HKV), 0.01)
    c = _cache(quant.fp8(), "reference", kv_scale=scale)
    s = c.add_sequence()
    hist = _fill(c, [s], [(10,)], torch.Generator().manual_seed(6))
    assert torch.equal(c.quant.scale["k"].cpu(), scale[:, 0])
    _assert_state(c, s, 0, *hist[s, 0])  # values past 448 x 0.01 saturate


def test_generation_through_a_quantized_cache():
    """The built-in model decodes through an int8 cache to the tokens of a 32-bit one
    (int8's error is far below the logit gaps of this seed), and KIVI 2-bit's window
    keeps short prompts exact: every token stays in full precision."""
    from kvcc.models import TinyDecoder
    from kvcc.models.generate import generate

    torch.manual_seed(0)
    model = TinyDecoder().eval()
    prompts = [[3, 14, 15, 92, 65, 35], [2, 71, 82]]
    plain = generate(model, prompts, 6, backend="reference").tokens
    assert generate(model, prompts, 6, backend="reference", kv_format=quant.int8()).tokens == plain
    run = generate(model, prompts, 6, backend="reference", kv_format=quant.kivi(2))
    assert run.tokens == plain
    assert run.bytes_per_token < generate(model, prompts, 1, backend="reference").bytes_per_token


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("fmt", [quant.int4(), quant.kivi(2, group=16, residual=32),
                                 quant.quantspec(group=32), quant.fp8()], ids=lambda f: f.name)
def test_attention_varlen_over_a_format(fmt, backend):
    """attention_varlen(kv_format=) equals kvcc.attention(kv_format=) per sequence (each
    sequence's K/V stored by the prefill rule). fp8's per-head scale is one over the
    call's sequences (the cache's static scale), not one per sequence: within fp8's
    error of it."""
    gen = torch.Generator().manual_seed(7)
    q_lens, k_lens = [3, 1, 20], [45, 9, 20]
    q = torch.randn(sum(q_lens), 8, D, generator=gen).to(DEVICE)
    k, v = (torch.randn(sum(k_lens), HKV, D, generator=gen).to(DEVICE) for _ in range(2))
    cu = [torch.tensor([0, *torch.tensor(n).cumsum(0).tolist()], dtype=torch.int32,
                       device=DEVICE) for n in (q_lens, k_lens)]
    o, lse = kvcc.attention_varlen(q, k, v, *cu, mask=M.causal(), kv_format=fmt,
                                   backend=backend, return_lse=True)
    for i in range(3):
        rows = slice(int(cu[0][i]), int(cu[0][i + 1]))
        keys = slice(int(cu[1][i]), int(cu[1][i + 1]))
        want, want_lse = kvcc.attention(
            q[rows].permute(1, 0, 2)[None].cpu(), k[keys].permute(1, 0, 2)[None].cpu(),
            v[keys].permute(1, 0, 2)[None].cpu(), mask=M.causal(), kv_format=fmt,
            backend="reference", return_lse=True)
        got, want = o[rows].cpu(), want[0].permute(1, 0, 2)
        if fmt.is_fp8:  # as close to exact attention as the per-sequence scales' result
            exact = kvcc.attention(q[rows].permute(1, 0, 2)[None].cpu(),
                                   k[keys].permute(1, 0, 2)[None].cpu(),
                                   v[keys].permute(1, 0, 2)[None].cpu(), mask=M.causal(),
                                   backend="reference")[0].permute(1, 0, 2)
            assert (got - exact).norm() <= 2 * (want - exact).norm()
            continue
        torch.testing.assert_close(got, want, atol=2e-5, rtol=0)
        torch.testing.assert_close(lse[rows].cpu(), want_lse[0].permute(1, 0), atol=2e-5, rtol=0)


def test_attention_varlen_format_errors():
    q, k = torch.randn(5, 4, D), torch.randn(4, HKV, D)
    cu_q, cu_k = torch.tensor([0, 5], dtype=torch.int32), torch.tensor([0, 4], dtype=torch.int32)
    with pytest.raises(ValueError, match="5 queries but 4 keys"):
        kvcc.attention_varlen(q, k, k, cu_q, cu_k, kv_format=quant.int8())
    with pytest.raises(TypeError, match="kv_format must be a kvcc.quant format"):
        kvcc.attention_varlen(q[:4], k, k, cu_k, cu_k, kv_format="int8")


@pytest.mark.parametrize("backend", BACKENDS)
def test_quantspec_upper_codes_alone_give_the_draft_view(backend):
    """kv_precision="upper" reads QuantSpec's upper plane only: kvcc.attention and a
    cache step equal the reference over the upper codes dequantized (the 4-bit view),
    which differs from the full 8-bit read; formats without planes refuse it."""
    from kvcc.codegen.reference.kv_store import dequantized

    fmt = quant.quantspec(group=32)
    gen = torch.Generator().manual_seed(8)
    q = torch.randn(2, 8, 3, D, generator=gen).to(DEVICE)
    k, v = (torch.randn(2, HKV, 70, D, generator=gen).to(DEVICE) for _ in range(2))
    ku, vu = dequantized(store(k.cpu(), v.cpu(), fmt), precision="upper")
    want = kvcc.attention(q.cpu(), ku, vu, mask=M.causal(), backend="reference")
    got = kvcc.attention(q, k, v, mask=M.causal(), kv_format=fmt, kv_precision="upper",
                         backend=backend)
    full = kvcc.attention(q, k, v, mask=M.causal(), kv_format=fmt, backend=backend)
    torch.testing.assert_close(got.cpu(), want, atol=2e-5, rtol=0)
    assert (full.cpu() - want).abs().max() > 1e-3  # the lower plane matters
    c = _cache(fmt, backend, layers=1)
    s = c.add_sequence()
    _fill(c, [s], [(70,)], gen)
    step = c.plan([s], [3], new_tokens=[0], kv_precision="upper", mask=M.causal())
    qc = torch.randn(3, 8, D, generator=gen).to(DEVICE)
    ks, vs = dequantized(c.quant.stored(0, c._seqs[s].pages, c._seqs[s].row, 70),
                         precision="upper")
    want = kvcc.attention(qc.permute(1, 0, 2)[None].cpu(), ks.cpu(), vs.cpu(), mask=M.causal(),
                          backend="reference")[0].permute(1, 0, 2)
    torch.testing.assert_close(step.attend(0, qc).cpu(), want, atol=2e-5, rtol=0)
    with pytest.raises(ValueError, match="kv_precision='upper' reads the upper codes"):
        kvcc.attention(q, k, v, kv_format=quant.int4(), kv_precision="upper")
    with pytest.raises(ValueError, match="kv_precision must be 'full' or 'upper'"):
        c.plan([s], [1], new_tokens=[0], kv_precision="half")


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_mask_that_hides_every_key_gives_zeros(backend):
    """A mask simplified to empty: o = 0, lse = -inf (no codes to read)."""
    c = _cache(quant.kivi(2, group=16, residual=32), backend, layers=1)
    s = c.add_sequence()
    _fill(c, [s], [(40,)], torch.Generator().manual_seed(9))
    q = torch.randn(2, 4, D).to(DEVICE)
    cu = torch.tensor([0, 2], dtype=torch.int32, device=DEVICE)
    o, lse = c.attend(0, q, [s], cu, mask=M.causal() & ~M.causal(), return_lse=True)
    assert torch.equal(o.cpu(), torch.zeros_like(o.cpu()))
    assert torch.isneginf(lse).all()


def test_a_refused_append_leaves_the_cache_as_it_was():
    """Values past float16's range refuse int8 (its scales are float16): the keys, whose
    rows were fine, are not half-written either, and the step can be planned again."""
    c = _cache(quant.int8(), "reference", layers=1)
    s = c.add_sequence()
    hist = _fill(c, [s], [(40,)], torch.Generator().manual_seed(10))
    before = [t.clone() for t in c.quant.tensors()]
    step = c.plan([s], [0], new_tokens=[30])
    k, v = torch.randn(30, HKV, D), torch.randn(30, HKV, D)
    v[0, 0, 0] = 1e6
    with pytest.raises(ValueError, match="do not fit its f16 scales"):
        step.append(0, k.to(DEVICE), v.to(DEVICE))
    assert all(torch.equal(a, b) for a, b in zip(before, c.quant.tensors()))
    assert c.length(s) == 40
    _assert_state(c, s, 0, *hist[s, 0])


def test_fp8_with_per_token_scales_is_refused_by_the_cache():
    from kvcc.ir.dtypes import DType
    from kvcc.ir.formats import KVFormat, Scope

    fmt = KVFormat("f8tok", DType.f8e4m3, Scope.token, Scope.token)
    with pytest.raises(ValueError, match="static per-head scale"):
        KVCache(1, HKV, D, num_pages=4, kv_format=fmt)


def test_attention_varlen_format_with_no_sequences():
    q, k = torch.randn(0, 4, D), torch.randn(0, HKV, D)
    cu = torch.zeros(1, dtype=torch.int32)
    o = kvcc.attention_varlen(q, k, k, cu, cu, kv_format=quant.int8())
    assert o.shape == (0, 4, D)
