"""The ``cascade{prefix=N}`` pass: options, where it applies, and its meaning: the
rewritten program equals the unoptimized one on fresh random paged batches whose
sequences share their first N tokens (as the same pages, or as equal copies), on the
reference backend (float64) and on the generated kernels (interpreter, fp32)."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest
import torch

from kvcc import masks as M
from kvcc.codegen import reference
from kvcc.ir import AttentionOp, DType, Module, Packed, Paged, Value, tensor
from kvcc.ir.mask import Mask
from kvcc.passes import PASSES, PassOptionError, Pipeline
from kvcc.passes.cascade import Cascade, applies
from tests.triton_helpers import needs_triton, run_triton

F64 = reference.ReferenceOptions(torch.float64, cast_outputs=False)


def paged_module(hq: int, hkv: int, d: int, page: int, mask: Mask, lse: bool = True,
                 dt: DType = DType.f32, softcap: float | None = None) -> Module:
    vq = Value("q", tensor(["Tq", hq, d], dt))
    vk = Value("k", tensor(["P", page, hkv, d], dt))
    vv = Value("v", vk.type)
    cu, bt = Value("cu", tensor(["B1"], DType.i32)), Value("bt", tensor(["B", "NP"], DType.i32))
    kl = Value("kl", tensor(["B"], DType.i32))
    vo = Value("o", tensor(["Tq", hq, d], dt))
    vl = Value("lse", tensor(["Tq", hq], DType.f32)) if lse else None
    op = AttentionOp(vq, vk, vv, vo, vl, scale=1 / math.sqrt(d), softcap=softcap, mask=mask,
                     q_layout=Packed(), kv_layout=Paged(page), cu_seqlens_q=cu, block_table=bt,
                     kv_lens=kl)
    return Module("cache", (vq, vk, vv, cu, bt, kl), (op,), (vo,) + ((vl,) if vl else ()))


def shared_batch(own: list[int], q_lens: list[int], prefix: int, *, hq: int, hkv: int, d: int,
                 page: int, share_pages: bool, seed: int) -> dict[str, torch.Tensor]:
    """Sequences of ``prefix + own[b]`` tokens whose first ``prefix`` are the same keys
    and values: the same pages (``share_pages``, prefix a whole number of pages) or
    equal copies in pages of their own; pages in a shuffled pool, block tables padded
    with pages of other sequences (never read)."""
    g = torch.Generator().manual_seed(seed)
    pre_pages = -(-prefix // page)
    need = [-(-(prefix + n) // page) for n in own]
    n_pool = pre_pages + sum(need) + 3
    perm = torch.randperm(n_pool, generator=g).tolist()
    k = torch.randn(n_pool, page, hkv, d, generator=g, dtype=torch.float64)
    v = torch.randn(n_pool, page, hkv, d, generator=g, dtype=torch.float64)
    pk = torch.randn(prefix, hkv, d, generator=g, dtype=torch.float64)
    pv = torch.randn(prefix, hkv, d, generator=g, dtype=torch.float64)
    shared, rows, at = perm[:pre_pages], [], pre_pages
    for n in need:
        first = 0 if not share_pages else pre_pages
        row = (shared if share_pages else []) + perm[at:at + n - first]
        at += n - first
        rows.append(row)
    for row in rows:  # the prefix's tokens in every row (shared pages: written again)
        flat = torch.tensor(row).repeat_interleave(page)[:prefix]
        slot = torch.arange(prefix) % page
        k[flat, slot], v[flat, slot] = pk, pv
    width = max(need) + 2
    bt = torch.tensor([row + perm[-2:] + [perm[0]] * (width - len(row) - 2) for row in rows],
                      dtype=torch.int32)
    kl = torch.tensor([prefix + n for n in own], dtype=torch.int32)
    cu = torch.tensor([0, *torch.cumsum(torch.tensor(q_lens), 0).tolist()], dtype=torch.int32)
    q = torch.randn(sum(q_lens), hq, d, generator=g, dtype=torch.float64)
    return {"q": q, "k": k, "v": v, "cu": cu, "bt": bt, "kl": kl}


def as_f32(t: dict[str, torch.Tensor]) -> dict[str, torch.Tensor]:
    return {n: x.float() if x.is_floating_point() else x for n, x in t.items()}


CASES = [  # own tokens, query rows, prefix, page, share pages, mask
    ([1, 5, 9], [1, 1, 1], 16, 4, True, M.causal()),  # decode after fork
    ([3, 7, 2, 6], [3, 1, 2, 4], 12, 4, True, M.causal()),  # prefill chunks after the prefix
    ([4, 1], [2, 1], 13, 4, False, M.causal()),  # a prefix that ends inside a page (copies)
    ([2, 6, 3], [2, 6, 3], 8, 8, True, M.full()),  # no mask: queries anywhere after it
    ([5, 5], [1, 5], 7, 2, False, M.causal() & M.causal()),
]


@pytest.mark.parametrize("own,q_lens,prefix,page,share,mask", CASES)
@pytest.mark.parametrize("seed", [0, 1])
def test_cascade_equals_the_unoptimized_program(own, q_lens, prefix, page, share, mask, seed):
    m = paged_module(8, 2, 16, page, mask)
    out = Pipeline.parse(f"cascade{{prefix={prefix}}}").run(m)
    assert sum(isinstance(op, AttentionOp) for op in out.walk()) == 2
    t = shared_batch(own, q_lens, prefix, hq=8, hkv=2, d=16, page=page, share_pages=share,
                     seed=seed)
    want = reference.run(m, options=F64, **t)
    got = reference.run(out, options=F64, **t)
    for a, b in zip(got, want):
        torch.testing.assert_close(a, b, rtol=1e-12, atol=1e-12)
    # float32 through the default (casting) reference: the program's own dtypes
    got32 = reference.run(out, **as_f32(t))
    for a, b in zip(got32, want):
        torch.testing.assert_close(a.double(), b, rtol=2e-5, atol=2e-5)


@needs_triton
@pytest.mark.parametrize("own,q_lens,prefix,page,share,mask", CASES[:3])
def test_cascade_on_the_generated_kernels(own, q_lens, prefix, page, share, mask):
    m = paged_module(8, 2, 16, page, mask, softcap=20.0)
    out = Pipeline.parse(f"cascade{{prefix={prefix}}}").run(m)
    t = shared_batch(own, q_lens, prefix, hq=8, hkv=2, d=16, page=page, share_pages=share,
                     seed=7)
    want = reference.run(m, options=F64, **t)
    dev = {n: x.to("cuda" if torch.cuda.is_available() else "cpu") for n, x in as_f32(t).items()}
    got = run_triton(out, dev)
    for a, b in zip(got, want):
        torch.testing.assert_close(a.double().cpu(), b, rtol=3e-5, atol=3e-5)


def test_a_bf16_program_merges_in_f32_and_casts():
    m = paged_module(8, 2, 16, 4, M.causal(), dt=DType.bf16)
    out = Pipeline.parse("cascade{prefix=8}").run(m)
    atts = [op for op in out.walk() if isinstance(op, AttentionOp)]
    assert [a.o.type.dtype for a in atts] == [DType.f32, DType.f32]
    assert out.ops[-1].NAME == "cast" and out.ops[-1].out.type.dtype == DType.bf16
    t = shared_batch([3, 2], [1, 1], 8, hq=8, hkv=2, d=16, page=4, share_pages=True, seed=2)
    t = {n: x.to(torch.bfloat16) if x.is_floating_point() else x for n, x in t.items()}
    want = reference.run(m, **t)
    got = reference.run(out, **t)
    torch.testing.assert_close(got[0].float(), want[0].float(), rtol=1e-2, atol=1e-2)
    torch.testing.assert_close(got[1], want[1], rtol=1e-5, atol=1e-5)


@pytest.mark.parametrize("mask,why", [
    (M.sliding_window(8), "not full or bottom-right causal"),
    (M.causal(align="top_left"), "not full or bottom-right causal"),
    (M.sinks(2) | M.causal(), "not full or bottom-right causal"),
])
def test_ops_it_does_not_apply_to_stay(mask, why):
    m = paged_module(4, 2, 16, 4, mask)
    assert why in applies(m.ops[0])
    assert Pipeline.parse("cascade{prefix=8}").run(m) == m


@pytest.mark.parametrize("text,msg", [
    ("cascade", "prefix must be the number of tokens"),
    ("cascade{prefix=0}", "prefix must be the number of tokens"),
    ("cascade{prefix=-4}", "prefix must be the number of tokens"),
    ("cascade{prefix=x}", "not a valid int"),
    ("cascade{prefix=4294967296}", "does not fit"),
])
def test_option_errors(text, msg):
    with pytest.raises(ValueError, match=msg):
        Pipeline.parse(text)


def test_registered_spelled_and_listed():
    assert PASSES["cascade"] is Cascade
    p = Pipeline.parse("simplify-masks, cascade{prefix=4096}")
    assert str(p) == "simplify-masks,cascade{prefix=4096}"
    assert Pipeline.parse(str(p)) == p
    with pytest.raises(PassOptionError):
        Cascade(prefix=True)
    out = subprocess.run([sys.executable, "-m", "kvcc.cli", "passes"], capture_output=True,
                         text=True, check=True).stdout
    assert any(line.startswith("cascade ") and "shares" in line for line in out.splitlines())
