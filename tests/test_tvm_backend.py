"""Generated TVM kernels (llvm, this CPU) against the reference, on fresh random inputs.

Every single-interval mask runs as prefill, decode and GQA decode (unions, complements,
document ids and ALiBi: ``test_tvm_masks.py``); head dims 64, 80, 128 and
softcap on and off run as each kind; f16/bf16 inputs, placed (chunked, split) ops,
fully masked rows, split-KV decode, the disk cache and the refusals each have a test.
Kernels are cached on disk, so a second run of this file mostly loads them.
"""

from __future__ import annotations

import math
import os
import stat

import pytest
import torch

pytest.importorskip("tvm")

from kvcc import masks as M  # noqa: E402
from kvcc.codegen import reference  # noqa: E402
from kvcc.codegen.tvm import build, script  # noqa: E402
from kvcc.codegen.tvm.backend import TvmBackend  # noqa: E402
from kvcc.codegen.tvm.op import run_attention, spec_for  # noqa: E402
from kvcc.codegen.tvm.spec import lower  # noqa: E402
from kvcc.ir import AttentionOp, DType, Module, Value, tensor  # noqa: E402
from kvcc.ir.mask import ByHead, Causal, Document, Empty, Full, Sinks, SlidingWindow  # noqa: E402
from kvcc.passes import Pipeline  # noqa: E402

TD = {torch.float32: DType.f32, torch.float16: DType.f16, torch.bfloat16: DType.bf16}
TOP_LEFT = M.causal("top_left")

# kind -> (B, Hq, Hkv, Sq, Skv): lengths that divide no tile
KINDS = {"prefill": (2, 2, 2, 77, 131), "decode": (2, 2, 2, 1, 300),
         "gqa_decode": (1, 8, 2, 1, 333)}


def masks(hkv: int, group: int, skv: int) -> dict:
    """Every mask structure the backend runs, for a problem of this shape."""
    docs = Document(lengths=(skv // 3, skv // 2, skv - skv // 3 - skv // 2))
    return {
        "full": Full(), "causal": Causal(), "causal_tl": TOP_LEFT,
        "window": SlidingWindow(37), "window_tl": M.sliding_window(50, align="top_left"),
        "sinks": Sinks(5), "docs": docs, "causal_window": Causal() & SlidingWindow(40),
        "docs_causal": docs & Causal(), "window_sinks": SlidingWindow(64) & Sinks(40),
        "by_head": ByHead((0,), hkv, group, SlidingWindow(16), Causal()),
    }


def module(b, hq, hkv, sq, skv, d, *, mask=Causal(), dtype=torch.float32, softcap=None,
           dv=None, **attrs):
    dt, dv = TD[dtype], dv or d
    q = Value("q", tensor([b, hq, sq, d], dt))
    k = Value("k", tensor([b, hkv, skv, d], dt))
    v = Value("v", tensor([b, hkv, skv, dv], dt))
    o = Value("o", tensor([b, hq, sq, dv], dt))
    lse = Value("lse", tensor([b, hq, sq], DType.f32))
    op = AttentionOp(q, k, v, o, lse, scale=1 / math.sqrt(d), mask=mask, softcap=softcap,
                     **attrs)
    return Module("t", (q, k, v), (op,), (o, lse))


def inputs(m: Module, seed: int, dtype=torch.float32) -> dict[str, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return {a.name: torch.randn(*[int(x) for x in a.type.shape], generator=g).to(dtype)
            for a in m.args}


def run_tvm(m: Module, x: dict[str, torch.Tensor], **kw):
    def impl(op, t, dim):
        return run_attention(op, t, dim, **kw)

    return reference.run(m, options=reference.ReferenceOptions(attention_impl=impl), **x)


def assert_matches(m: Module, x: dict[str, torch.Tensor], got) -> None:
    """Each output within the inputs' own-precision reference's error of float64."""
    up = {n: t.double() if t.is_floating_point() else t for n, t in x.items()}
    want = reference.run(m, options=reference.ReferenceOptions(torch.float64, False), **up)
    base = reference.run(m, **x)
    for name, g, w, b in zip(("o", "lse"), got, want, base):
        assert g.shape == w.shape, name
        assert not torch.isnan(g).any(), f"{name} has NaN"
        assert torch.equal(torch.isneginf(g), torch.isneginf(w)), f"{name}: -inf rows differ"
        inf = torch.isneginf(w)
        g, w, b = (torch.where(inf, 0, t.double()) for t in (g, w, b))
        err, ref_err = (g - w).abs(), (b - w).abs()
        tol_mean = 2.0 * ref_err.mean().item() + 1e-6
        tol_max = 4.0 * ref_err.max().item() + 2e-5
        assert err.mean().item() <= tol_mean, f"{name}: mean err {err.mean():.3g} > {tol_mean:.3g}"
        assert err.max().item() <= tol_max, f"{name}: max err {err.max():.3g} > {tol_max:.3g}"


def check(kind: str, mask_name: str, d: int = 64, softcap=None, seed: int = 0):
    b, hq, hkv, sq, skv = KINDS[kind]
    m = module(b, hq, hkv, sq, skv, d, mask=masks(hkv, hq // hkv, skv)[mask_name],
               softcap=softcap)
    x = inputs(m, seed)
    assert spec_for(m.ops[0], sq).kind == ("prefill" if kind == "prefill" else "decode")
    assert_matches(m, x, run_tvm(m, x))


MASK_NAMES = list(masks(2, 1, 300))


@pytest.mark.parametrize("mask_name", MASK_NAMES)
@pytest.mark.parametrize("kind", ["prefill", "gqa_decode"])
def test_masks(kind, mask_name):
    check(kind, mask_name, seed=hash((kind, mask_name)) % 1000)


@pytest.mark.slow
@pytest.mark.parametrize("mask_name", MASK_NAMES)
def test_masks_mha_decode(mask_name):
    check("decode", mask_name, seed=len(mask_name))


@pytest.mark.parametrize("softcap", [None, 20.0])
@pytest.mark.parametrize("d", [64, 80, 128])
@pytest.mark.parametrize("kind", ["prefill", "gqa_decode"])
def test_head_dims_and_softcap(kind, d, softcap):
    check(kind, "causal", d, softcap, seed=d + (softcap is not None))


@pytest.mark.slow
@pytest.mark.parametrize("softcap", [None, 20.0])
@pytest.mark.parametrize("d", [80, 128])
def test_head_dims_and_softcap_mha_decode(d, softcap):
    check("decode", "window", d, softcap, seed=d)


@pytest.mark.parametrize("sq", [2, 50])
def test_value_head_dim_differs_and_odd_dims(sq):
    """Dv != D, neither a multiple of the SIMD width (narrower vectors); GQA prefill and
    a two-query decode with a per-head mask."""
    mask = ByHead((1,), 2, 2, Causal() & SlidingWindow(30), Causal())
    m = module(1, 4, 2, sq, 90, 72, dv=40, mask=mask, softcap=10.0)
    x = inputs(m, seed=sq)
    assert_matches(m, x, TvmBackend().run_attention(m.ops[0], x, int))


@pytest.mark.slow
@pytest.mark.parametrize("sq", [1, 70])
def test_avx2_schedule(sq, monkeypatch):
    """The tiles chosen for 8-lane (AVX2) machines, run here (any x86 runs them)."""
    monkeypatch.setattr(build, "simd_lanes", lambda: 8)
    m = module(1, 4, 2, sq, 150, 80, mask=Causal() & Sinks(100), softcap=15.0)
    assert spec_for(m.ops[0], sq).vec == 8
    x = inputs(m, seed=sq)
    assert_matches(m, x, run_tvm(m, x))


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16])
@pytest.mark.parametrize("sq", [1, 45])
def test_half_inputs_compute_in_f32(dtype, sq):
    m = module(1, 4, 2, sq, 150, 64, mask=Causal() & SlidingWindow(70), dtype=dtype)
    x = inputs(m, seed=sq, dtype=dtype)
    o, lse = run_tvm(m, x)
    assert o.dtype == dtype and lse.dtype == torch.float32
    up = {n: t.float() for n, t in x.items()}
    want = reference.run(module(1, 4, 2, sq, 150, 64, mask=Causal() & SlidingWindow(70)), **up)
    # the output is rounded to the input dtype once: its error is that rounding
    assert (o.float() - want[0]).abs().max() <= 2 * (want[0].to(dtype).float() - want[0]).abs().max()
    assert (lse - want[1]).abs().max() < 1e-5


def test_fully_masked_rows_give_zero_and_neg_inf():
    # more queries than keys: bottom-right causal rows before key 0 see nothing; an
    # empty mask sees nothing anywhere; a window of 0 too
    for mask, sq, skv in ((Causal(), 90, 50), (Empty(), 70, 40), (SlidingWindow(0), 1, 30)):
        m = module(1, 2, 2, sq, skv, 64, mask=mask)
        x = inputs(m, seed=sq)
        o, lse = run_tvm(m, x)
        want = reference.run(m, **x)
        dead = torch.isneginf(want[1])
        assert dead.any() and torch.equal(torch.isneginf(lse), dead)
        assert (o[dead] == 0).all() and not torch.isnan(o).any()
        assert_matches(m, x, (o, lse))


@pytest.mark.parametrize("pipeline", ["chunk-prefill{size=32}", "split-kv{splits=3}"])
def test_placed_ops_from_passes(pipeline):
    """Ops inside a larger problem (query and key offsets) keep the mask's meaning."""
    m = Pipeline.parse(pipeline).run(module(1, 4, 2, 77, 131, 64,
                                            mask=Causal() & SlidingWindow(50)))
    x = inputs(m, seed=5)
    assert_matches(m, x, run_tvm(m, x))


@pytest.mark.parametrize("splits", [1, 3, 16])
def test_split_kv_decode_merges_exactly(splits):
    # 16 splits of 6 tiles: some splits see no tile at all (an empty partial state)
    m = module(1, 8, 2, 1, 333, 64, mask=SlidingWindow(200))
    x = inputs(m, seed=splits)
    assert_matches(m, x, run_tvm(m, x, num_splits=splits))


def test_speculative_decode_rows_and_strided_views():
    """Several queries per GQA group in one program; q, k and v as strided views."""
    m = module(2, 8, 2, 3, 200, 64, mask=Causal())
    x = inputs(m, seed=3)
    views = {"q": x["q"].transpose(1, 2).contiguous().transpose(1, 2),
             "k": torch.cat([x["k"], x["k"]], dim=2)[:, :, :200],
             "v": x["v"][:, :, :, :].contiguous()}
    assert not views["q"].is_contiguous() and not views["k"].is_contiguous()
    assert spec_for(m.ops[0], 3).kind == "decode"
    assert_matches(m, x, run_tvm(m, views))


def test_exp2_and_tanh_accuracy():
    """The vectorizable exp2 and tanh against float64, and exp2's exact zero."""
    import tvm

    c = script.Code()
    c("@T.prim_func")
    with c.block("def f(x_h: T.handle, e_h: T.handle, t_h: T.handle)"):
        c("n = T.int32()", "X = T.match_buffer(x_h, (n, 16), \"float32\")",
          "E = T.match_buffer(e_h, (n, 16), \"float32\")",
          "Y = T.match_buffer(t_h, (n, 16), \"float32\")")
        with c.block("for i in range(n)"):
            with c.block("for j in T.vectorized(16)"):
                c.exp2("E[i, j]", "X[i, j]")
                c.tanh("Y[i, j]", "X[i, j] * T.float32(0.05)")
    f = tvm.compile(tvm.script.from_source(c.text()), build.target()).jit()["f"]
    x = torch.cat([torch.linspace(-126, 0, 400_000), torch.tensor([-127.0, -200.0, -math.inf])])
    x = torch.cat([x, torch.zeros(16 - x.numel() % 16)])
    e, t = torch.empty_like(x), torch.empty_like(x)
    f(x.view(-1, 16), e.view(-1, 16), t.view(-1, 16))
    live = x > -126
    rel = ((e.double() - torch.exp2(x.double())) / torch.exp2(x.double()))[live].abs()
    assert rel.max() < 2e-7, rel.max()
    assert (e[x <= -127] == 0).all()
    want = torch.tanh(x.double() * 0.05)
    assert (t.double() - want).abs().max() < 3e-7


def test_disk_cache_loads_and_rejects_tampered_builds(tmp_path, monkeypatch):
    monkeypatch.setenv("KVCC_CACHE_DIR", str(tmp_path / "c"))
    m = module(1, 2, 2, 1, 40, 16, mask=Sinks(3))
    spec = lower(m.ops[0], 1, build.simd_lanes())
    build.forget()
    first = build.load(spec)
    assert first.origin == "compiled" and first.path.parent == tmp_path / "c" / "tvm"
    for p in (tmp_path / "c", first.path.parent):
        assert stat.S_IMODE(p.stat().st_mode) == 0o700
    assert not list(first.path.parent.glob(".tmp-*"))  # written atomically
    assert (first.path.parent / f"{first.name}_{build.build_key(spec)}.py").read_text() \
        == first.source
    build.forget()
    again = build.load(spec)
    assert again.origin == "disk" and again.path == first.path
    x = inputs(m, seed=1)
    assert_matches(m, x, run_tvm(m, x))
    # a library whose bytes no longer match its name is deleted and rebuilt, never loaded
    # (replaced, not edited in place: this process has the original mapped)
    build.forget()
    data = bytearray(first.path.read_bytes())
    data[len(data) // 2] ^= 0xFF
    (tmp_path / "bad").write_bytes(bytes(data))
    os.replace(tmp_path / "bad", first.path)
    rebuilt = build.load(spec)
    assert rebuilt.origin == "compiled"
    assert rebuilt.path.read_bytes() != bytes(data)
    assert_matches(m, x, run_tvm(m, x))
    os.chmod(tmp_path / "c", 0o755)
    build.cache_dir()
    assert stat.S_IMODE((tmp_path / "c").stat().st_mode) == 0o700
    build.forget()


def test_unsupported_features_name_themselves():
    m = module(1, 2, 2, 8, 40, 16, dtype=torch.float32)
    op = m.ops[0]
    from dataclasses import replace

    from kvcc.ir import Alibi

    assert TvmBackend().supports(replace(op, alibi=Alibi(8.0))) is None
    scores = Value("sc", tensor([1, 2, 40], DType.f32))
    assert TvmBackend().supports(replace(op, scores=scores)) is None  # (test_tvm_scores.py)
    from kvcc.runtime.varlen import _build

    packed_ids = _build(4, 2, 16, 16, torch.float32, Document(ids="ids"), 0.25, None, True)
    assert "document ids over packed" in TvmBackend().supports(packed_ids.ops[0])
    f64 = module(1, 2, 2, 8, 40, 16).ops[0]
    f64 = replace(f64, q=Value("q", tensor([1, 2, 8, 16], DType.f64)))
    assert "f64" in TvmBackend().supports(f64)
    assert TvmBackend().available(torch.device("meta")) is not None
    assert TvmBackend().available(torch.device("cpu")) is None
