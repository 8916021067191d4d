"""Two sources of paged K/V in one attention op (``AttentionOp.alt_heads``, what a
cache with streaming heads in bounded pages attends with): the verifier's rules, the
text form, the reference against attention computed head by head from gathered keys,
and the generated kernel (one launch; decode with GQA packing, prefill, split-KV)
against the reference."""

from __future__ import annotations

import importlib.util
import math
from dataclasses import replace

import pytest
import torch

from kvcc import masks as M
from kvcc.codegen.reference.interpreter import reference_attention
from kvcc.ir import parse, print_module
from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Packed, Paged
from kvcc.ir.ops import AttentionOp, Module
from kvcc.ir.types import Value, tensor
from kvcc.ir.verifier import VerifyError, verify
from tests.triton_helpers import DEVICE, RUNS_TRITON, needs_triton

HKV, G, D, PAGE = 4, 2, 16, 4
ALT = (0, 3)
STREAM = M.causal() & M.streaming(2, 5)


def module(alt=ALT, mask=None, **over) -> Module:
    f32, i32 = DType.f32, DType.i32
    hq = HKV * G
    q = Value("q", tensor(["T", hq, D], f32))
    k = Value("k", tensor(["P", PAGE, HKV - len(alt), D], f32))
    ka = Value("ka", tensor(["P2", PAGE, len(alt), D], f32))
    vals = dict(q=q, k=k, v=Value("v", k.type), o=Value("o", tensor(["T", hq, D], f32)),
                lse=Value("lse", tensor(["T", hq], f32)), scale=D ** -0.5,
                mask=mask or M.by_head(alt, STREAM, M.causal(), num_kv_heads=HKV, group=G),
                q_layout=Packed(), kv_layout=Paged(PAGE),
                cu_seqlens_q=Value("cu", tensor(["B1"], i32)),
                block_table=Value("bt", tensor(["B", "NP"], i32)),
                kv_lens=Value("kl", tensor(["B"], i32)), k_alt=ka, v_alt=Value("va", ka.type),
                block_table_alt=Value("bta", tensor(["B", "NA"], i32)),
                kv_lens_alt=Value("kla", tensor(["B"], i32)), alt_heads=alt)
    vals.update(over)
    op = AttentionOp(**vals)
    ins = tuple(x for x in op.operands())
    return Module("two", ins, (op,), (op.o, op.lse))


def test_verifier_and_text_form():
    m = verify(module())
    text = print_module(m)
    assert "alt_heads=[0, 3]" in text and "k_alt=%ka" in text
    assert parse(text) == m
    bad = [
        (dict(alt=(3, 0)), "increasing"),
        (dict(alt=(0, 4)), "below Hkv"),
        (dict(k_alt=None), "need all of"),
    ]
    for over, msg in bad:
        alt = over.pop("alt", ALT)
        with pytest.raises((VerifyError, ValueError), match=msg):
            verify(module(alt, M.causal(), **over))
    # a second source without alt_heads
    full = Value("k", tensor(["P", PAGE, HKV, D], DType.f32))
    with pytest.raises(VerifyError, match="need alt_heads"):
        verify(module((), M.causal(), k=full, v=Value("v", full.type)))
    # the second source with quantized K/V, eviction scores or mask tensors is refused
    with pytest.raises(VerifyError, match="no eviction scores"):
        verify(module(scores=Value("sc", tensor(["B", HKV, "S"], DType.f32))))


def problem(q_lens, lens, alt_lens, seed=0):
    """Random pools (pages shuffled), block tables and queries."""
    g = torch.Generator().manual_seed(seed)
    b = len(q_lens)
    npg, npa = (max(-(-n // PAGE) for n in ls) for ls in (lens, alt_lens))
    pm, pa = b * npg + 3, b * npa + 2
    t = {"k": torch.randn(pm, PAGE, HKV - len(ALT), D, generator=g),
         "v": torch.randn(pm, PAGE, HKV - len(ALT), D, generator=g),
         "ka": torch.randn(pa, PAGE, len(ALT), D, generator=g),
         "va": torch.randn(pa, PAGE, len(ALT), D, generator=g),
         "q": torch.randn(sum(q_lens), HKV * G, D, generator=g),
         "bt": torch.randperm(pm, generator=g)[:b * npg].view(b, npg).int(),
         "bta": torch.randperm(pa, generator=g)[:b * npa].view(b, npa).int(),
         "kl": torch.tensor(lens, dtype=torch.int32), "kla": torch.tensor(alt_lens, dtype=torch.int32),
         "cu": torch.tensor([0, *torch.tensor(q_lens).cumsum(0).tolist()], dtype=torch.int32)}
    return {n: x.to(DEVICE) for n, x in t.items()}


def truth(t, q_lens):
    """Each query head over its KV head's keys, gathered from its source by hand."""
    main = [h for h in range(HKV) if h not in ALT]
    o = torch.zeros_like(t["q"], dtype=torch.float64)
    for b, nq in enumerate(q_lens):
        q0 = int(t["cu"][b])
        for h in range(HKV):
            alt = h in ALT
            k, v, bt, n = ((t["ka"], t["va"], t["bta"], int(t["kla"][b])) if alt else
                           (t["k"], t["v"], t["bt"], int(t["kl"][b])))
            i = ALT.index(h) if alt else main.index(h)
            kk, vv = (x[bt[b].long()].flatten(0, 1)[:n, i].double() for x in (k, v))
            for r in range(nq):
                p = n - nq + r  # bottom-right: this head's source sets the positions
                ok = torch.arange(n) <= p
                if alt:
                    ok &= (torch.arange(n) < 2) | (torch.arange(n) > p - 5)
                for hq in range(h * G, (h + 1) * G):
                    s = (kk @ t["q"][q0 + r, hq].double()) / math.sqrt(D)
                    s[~ok.to(s.device)] = -math.inf
                    o[q0 + r, hq] = torch.softmax(s, 0) @ vv
    return o


CASES = [([1, 1, 1], [9, 30, 1], [7, 12, 1]),  # decode: GQA heads packed
         ([6, 3], [17, 6], [11, 6])]  # prefill chunks


@pytest.mark.parametrize("q_lens,lens,alt_lens", CASES)
def test_reference_equals_attention_head_by_head(q_lens, lens, alt_lens):
    t = problem(q_lens, lens, alt_lens)
    op = verify(module()).ops[0]
    o, lse = reference_attention(op, t, int)
    torch.testing.assert_close(o.double(), truth(t, q_lens), atol=1e-5, rtol=1e-5)
    assert torch.isfinite(lse).all()


@needs_triton
@pytest.mark.parametrize("q_lens,lens,alt_lens", CASES)
@pytest.mark.parametrize("splits", [1, 3])
def test_kernel_equals_reference_in_one_launch(q_lens, lens, alt_lens, splits):
    from kvcc.codegen.triton.launch import Launcher
    from kvcc.codegen.triton.op import plan

    t = problem(q_lens, lens, alt_lens, seed=splits)
    op = verify(module()).ops[0]
    p = plan(op, t, int, num_splits=splits, max_q_len=max(q_lens))
    assert p.spec.kv_alt == "0,3"
    launches = []
    orig = Launcher._launch
    Launcher._launch = lambda self: (launches.append(self), orig(self))[1]
    try:
        o, lse = p.launcher()()
    finally:
        Launcher._launch = orig
    assert len(launches) == 1
    wo, wl = reference_attention(op, t, int)
    torch.testing.assert_close(o, wo.float(), atol=2e-5, rtol=1e-4)
    torch.testing.assert_close(lse, wl.float(), atol=2e-5, rtol=1e-4)


def per_head_module(mask) -> Module:
    """Paged K/V with a block table and lengths per KV head."""
    f32, i32 = DType.f32, DType.i32
    q = Value("q", tensor(["T", HKV * G, D], f32))
    k = Value("k", tensor(["P", PAGE, HKV, D], f32))
    op = AttentionOp(q, k, Value("v", k.type), Value("o", q.type),
                     Value("lse", tensor(["T", HKV * G], f32)), scale=D ** -0.5, mask=mask,
                     q_layout=Packed(), kv_layout=Paged(PAGE),
                     cu_seqlens_q=Value("cu", tensor(["B1"], i32)),
                     block_table=Value("bt", tensor(["B", HKV, "W"], i32)),
                     kv_lens=Value("kl", tensor(["B", HKV], i32)))
    return Module("per_head", op.operands(), (op,), (op.o, op.lse))


def per_head_problem(q_lens, seed=0):
    """Each (sequence, KV head) its own random pages and length."""
    g = torch.Generator().manual_seed(seed)
    b, w = len(q_lens), 5
    pool = b * HKV * w + 3
    lens = torch.randint(1, w * PAGE + 1, (b, HKV), generator=g)
    lens = torch.maximum(lens, torch.tensor(q_lens).view(-1, 1))
    t = {"k": torch.randn(pool, PAGE, HKV, D, generator=g),
         "v": torch.randn(pool, PAGE, HKV, D, generator=g),
         "q": torch.randn(sum(q_lens), HKV * G, D, generator=g),
         "bt": torch.randperm(pool, generator=g)[:b * HKV * w].view(b, HKV, w).int(),
         "kl": lens.int(),
         "cu": torch.tensor([0, *torch.tensor(q_lens).cumsum(0).tolist()], dtype=torch.int32)}
    return {n: x.to(DEVICE) for n, x in t.items()}


def per_head_truth(t, q_lens, causal):
    o = torch.zeros_like(t["q"], dtype=torch.float64)
    for b, nq in enumerate(q_lens):
        q0 = int(t["cu"][b])
        for h in range(HKV):
            n = int(t["kl"][b, h])
            kk, vv = (x[t["bt"][b, h].long()].flatten(0, 1)[:n, h].double()
                      for x in (t["k"], t["v"]))
            for r in range(nq):
                ok = torch.arange(n) <= n - nq + r if causal else torch.ones(n, dtype=torch.bool)
                for hq in range(h * G, (h + 1) * G):
                    s = (kk @ t["q"][q0 + r, hq].double()) / math.sqrt(D)
                    s[~ok.to(s.device)] = -math.inf
                    o[q0 + r, hq] = torch.softmax(s, 0) @ vv
    return o


@pytest.mark.parametrize("q_lens,causal", [([1, 1, 1], False), ([1, 3], True)])
def test_per_head_pages_reference_and_kernel(q_lens, causal):
    mask = M.causal() if causal else M.full()
    m = verify(per_head_module(mask))
    assert parse(print_module(m)) == m
    t = per_head_problem(q_lens)
    op = m.ops[0]
    wo, wl = reference_attention(op, t, int)
    torch.testing.assert_close(wo.double(), per_head_truth(t, q_lens, causal), atol=1e-5,
                               rtol=1e-5)
    if str(DEVICE) == "cpu" and importlib.util.find_spec("tvm") is not None:
        from kvcc.codegen.tvm.op import run_varlen

        for splits in (1, 2):  # the TVM kernels read each head's own pages too
            o, lse = run_varlen(op, t, num_splits=splits, max_q_len=max(q_lens))
            torch.testing.assert_close(o, wo.float(), atol=2e-5, rtol=1e-4)
            torch.testing.assert_close(lse, wl.float(), atol=2e-5, rtol=1e-4)
    if not RUNS_TRITON:
        return
    from kvcc.codegen.triton.op import plan

    for splits in (1, 2):
        p = plan(op, t, int, num_splits=splits, max_q_len=max(q_lens))
        assert p.spec.bt_heads
        o, lse = p.launcher()()
        torch.testing.assert_close(o, wo.float(), atol=2e-5, rtol=1e-4)
        torch.testing.assert_close(lse, wl.float(), atol=2e-5, rtol=1e-4)


def test_per_head_pages_verifier():
    op = per_head_module(M.full()).ops[0]
    bad = replace(op, block_table=Value("bt", tensor(["B", 3, "W"], DType.i32)))
    with pytest.raises(VerifyError, match="Hkv=4 on axis 1"):
        verify(Module("bad", bad.operands(), (bad,), (bad.o, bad.lse)))


def test_per_head_and_alt_sources_refuse_alibi_tensors_and_other_batches():
    """Head and position indices would not follow a KV head's own pages: ALiBi and mask
    tensors are refused; the second source's batch must be the first's; the cascade
    pass leaves such ops alone."""
    from kvcc.ir.formats import Alibi
    from kvcc.passes.cascade import applies

    op = per_head_module(M.causal()).ops[0]
    for bad, msg in ((replace(op, alibi=Alibi()), "no ALiBi"),
                     (replace(op, kv_lens=Value("kl", tensor([3, HKV], DType.i32)),
                              block_table=Value("bt", tensor([2, HKV, "W"], DType.i32))),
                      "differ in batch")):
        with pytest.raises(VerifyError, match=msg):
            verify(Module("bad", bad.operands(), (bad,), (bad.o, bad.lse)))
    assert "pages of their own" in applies(op)
    two = module().ops[0]
    assert "pages of their own" in applies(two)
    for bad, msg in ((replace(two, alibi=Alibi()), "no ALiBi"),
                     (replace(two, kv_lens_alt=Value("kla", tensor([3], DType.i32)),
                              block_table=Value("bt", tensor([2, "NP"], DType.i32))),
                      "differ in batch")):
        with pytest.raises(VerifyError, match=msg):
            verify(Module("bad", bad.operands(), (bad,), (bad.o, bad.lse)))
