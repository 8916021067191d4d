"""The quantize-kv pass: options, reads of plain K/V equal to kvcc.attention(kv_format=),
per-layer and per-head formats, refusals, the CLI. Caches: test_quantize_kv_cache.py."""

from __future__ import annotations

import pytest
import torch

import kvcc
from kvcc import cli, quant
from kvcc.codegen.reference import run
from kvcc.ir import AttentionOp, DType, Module, QuantizeOp, Value, parse, print_module, tensor
from kvcc.ir.formats import Alibi
from kvcc.ir.mask import Causal
from kvcc.passes import PassError, PassOptionError, Pipeline
from kvcc.passes.quantize_kv import QuantizeKV
from tests.triton_helpers import DEVICE, needs_triton

FORMATS = {
    "int8": quant.int8(), "int4": quant.int4(), "fp8_e4m3": quant.fp8("e4m3"),
    "fp8_e5m2": quant.fp8("e5m2"), "kivi2_g4_r8": quant.kivi(2, 4, 8),
    "kivi4_g4_r0": quant.kivi(4, 4, 0), "quantspec_g8": quant.quantspec(8),
}


def rnd(*shape, seed, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    return (torch.randn(*shape, generator=g, dtype=torch.float64) + 0.1).to(dtype)


def attn(name, q, k, v, mask=Causal(), lse=True, **kw) -> tuple[AttentionOp, tuple[Value, ...]]:
    o = Value(f"o{name}", tensor([*q.type.shape[:3], v.type.shape[3]], q.type.dtype))
    lv = Value(f"lse{name}", tensor(list(q.type.shape[:3]), DType.f32)) if lse else None
    return AttentionOp(q, k, v, o, lv, scale=0.3, mask=mask, **kw), (o,) + ((lv,) if lse else ())


def qkv(b=2, hq=4, hkv=2, sq=3, skv=21, d=16, dt=DType.f32, tag=""):
    return (Value(f"q{tag}", tensor([b, hq, sq, d], dt)), Value(f"k{tag}", tensor([b, hkv, skv, d], dt)),
            Value(f"v{tag}", tensor([b, hkv, skv, d], dt)))


def one_op(lse=True, **kw) -> Module:
    q, k, v = qkv(**kw)
    op, outs = attn("", q, k, v, lse=lse)
    return Module("t", (q, k, v), (op,), outs)


def inputs(m: Module, seed: int) -> dict[str, torch.Tensor]:
    return {a.name: rnd(*[int(d) for d in a.type.shape], seed=seed + i,
                        dtype=a.type.dtype.to_torch()) for i, a in enumerate(m.args)}


def close(got, want, plain, quantized=True):
    """``got`` equals ``want`` (the same quantized computation) far inside the format's
    own error (``want`` against the unquantized result), which must be visible when
    some token is ``quantized``."""
    own = (want.float() - plain.float()).abs().max()
    assert (own > 0) == quantized, "was anything quantized?"
    assert (got.float() - want.float()).abs().max() <= 1e-3 * own + 1e-6


# ---------------------------------------------------------------- options


def test_options_parse_and_spell_back():
    p = Pipeline.parse("quantize-kv{format=kivi2, layers=0:int4;2-3:none, "
                       "heads=0-1:int4;1/2-3:kivi2_g8_r16}")
    (qk,) = p.passes
    assert (qk.format, qk.layers, qk.heads) == ("kivi2", "0:int4;2-3:none",
                                                "0-1:int4;1/2-3:kivi2_g8_r16")
    assert Pipeline.parse(str(p)) == p
    plan = qk.plan()
    # layer 0: heads 0-1 int4 (all layers), 2-3 from layers=0:int4 -> one group
    assert [(g.start, g.stop, g.fmt.name) for g in plan.groups(0, 4)] == [(0, None, "int4")]
    # layer 1: heads 0-1 int4, 2-3 kivi2_g8_r16 (layer 1's own entry)
    assert [(g.start, g.stop, g.fmt.name) for g in plan.groups(1, 4)] == [
        (0, 2, "int4"), (2, 4, "kivi2_g8_r16")]
    # layer 2: heads 0-1 int4, the rest none (layers=2-3:none)
    assert [(g.start, g.stop, g.fmt and g.fmt.name) for g in plan.groups(2, 4)] == [
        (0, 2, "int4"), (2, 4, None)]
    assert QuantizeKV().plan().default == quant.int8()
    for name, fmt in FORMATS.items():
        assert QuantizeKV(format=name).plan().default == fmt
    assert QuantizeKV(format="kivi2").plan().default == quant.kivi(2)
    assert QuantizeKV(format="none").plan().default is None


@pytest.mark.parametrize("opts,msg", [
    ("format=int3", "option format: unknown format 'int3'; formats: none, fp8_e4m3"),
    ("format=kivi2_g32_r48", "option format: format 'kivi2_g32_r48': kivi: residual=48"),
    ("layers=0-:int4", "option layers: '0-' is not an index or a range"),
    ("layers=3-1:int4", "option layers: '3-1' is not an index or a range"),
    ("layers=0-2:int4;2:none", "option layers: entries overlap at '2:none'"),
    ("layers=int4", "option layers: 'int4' is not LAYERS:FORMAT"),
    ("heads=0-1", r"option heads: '0-1' is not \[LAYERS/\]HEADS:FORMAT"),
    ("heads=0-3:int4;2:int8", "option heads: entries overlap at '2:int8'"),
    ("heads=/1:int4", "option heads: '' is not an index"),
    ("heads=1/x:int4", "option heads: 'x' is not an index"),
])
def test_bad_options_name_the_option(opts, msg):
    with pytest.raises(PassOptionError, match=msg):
        Pipeline.parse(f"quantize-kv{{{opts}}}")


def test_options_checked_against_the_module():
    m = one_op()
    with pytest.raises(PassOptionError, match=r"option layers: layer 5 does not exist; the "
                       r"module has 1 attention ops \(layers 0-0\)"):
        Pipeline.parse("quantize-kv{layers=5:int4}").run(m)
    with pytest.raises(PassOptionError, match=r"option heads: KV head 2 does not exist in "
                       r"layer 0 \(Hkv=2\)"):
        Pipeline.parse("quantize-kv{heads=1-2:int4}").run(m)
    with pytest.raises(PassOptionError, match="option heads: layer 3 does not exist"):
        Pipeline.parse("quantize-kv{heads=3/0:int4}").run(m)


# ---------------------------------------------------------------- plain K/V


@pytest.mark.parametrize("skv", [16, 21, 5], ids=lambda s: f"skv{s}")
@pytest.mark.parametrize("name", list(FORMATS))
def test_reads_equal_kvcc_attention_with_the_format(name, skv):
    """Fresh random inputs; kivi2_g4_r8 at 16 (a multiple of its window), 21 and 5
    (fewer tokens than one window: keys all residual)."""
    m = one_op(skv=skv)
    out = Pipeline.parse(f"quantize-kv{{format={name}}}").run(m)
    assert parse(print_module(out)) == out
    (op,) = [o for o in out.ops if isinstance(o, AttentionOp)]
    assert op.kv_format == FORMATS[name]
    x = inputs(m, seed=skv)
    o, lse = run(out, **x)
    want_o, want_l = kvcc.attention(x["q"], x["k"], x["v"], mask=kvcc.masks.causal(), scale=0.3,
                                    kv_format=FORMATS[name], backend="reference",
                                    return_lse=True)
    plain_o, plain_l = kvcc.attention(x["q"], x["k"], x["v"], mask=kvcc.masks.causal(),
                                      scale=0.3, backend="reference", return_lse=True)
    quantized = skv > FORMATS[name].residual  # else every token is in the residual
    close(o, want_o, plain_o, quantized)
    close(lse, want_l, plain_l, quantized)


def test_kivi_residual_is_sliced_as_the_store_keeps_it():
    out = Pipeline.parse("quantize-kv{format=kivi2_g4_r8}").run(one_op(skv=21))
    (op,) = [o for o in out.ops if isinstance(o, AttentionOp)]
    # keys: 16 quantized (two blocks of 8), 5 residual; values: 13 quantized, the last 8
    assert op.k.type == tensor([2, 2, 16, 1], DType.i32) and op.k_scale.type.shape[2] == 4
    assert op.k_residual.type == tensor([2, 2, 5, 16], DType.f32)
    assert op.v.type == tensor([2, 2, 13, 1], DType.i32)
    assert op.v_residual.type == tensor([2, 2, 8, 16], DType.f32)
    whole = Pipeline.parse("quantize-kv{format=int4}").run(one_op())
    assert [o.NAME for o in whole.ops] == ["quantize", "quantize", "attention"]  # no residual


@pytest.mark.parametrize("length", [13, 16, 3])
def test_symbolic_lengths(length):
    m = one_op(b="B", skv="L", sq=1)
    out = Pipeline.parse("quantize-kv{format=kivi4_g4_r8}").run(m)
    assert parse(print_module(out)) == out
    assert "L - Mod(L, 8)" in print_module(out)
    x = {"q": rnd(2, 4, 1, 16, seed=1), "k": rnd(2, 2, length, 16, seed=2),
         "v": rnd(2, 2, length, 16, seed=3)}
    o, _ = run(out, **x)
    want = kvcc.attention(x["q"], x["k"], x["v"], mask=kvcc.masks.causal(), scale=0.3,
                          kv_format=quant.kivi(4, 4, 8), backend="reference")
    plain = kvcc.attention(x["q"], x["k"], x["v"], mask=kvcc.masks.causal(), scale=0.3,
                           backend="reference")
    close(o, want, plain, quantized=length > 8)


def test_f16_inputs_and_the_public_pipeline_argument():
    q, k, v = (rnd(1, 4, 6, 32, seed=s, dtype=torch.float16) for s in (7, 8, 9))
    got = kvcc.attention(q, k, v, pipeline="quantize-kv{format=int4}", backend="reference")
    want = kvcc.attention(q, k, v, kv_format=quant.int4(), backend="reference")
    close(got, want, kvcc.attention(q, k, v, backend="reference"))


@needs_triton
@pytest.mark.parametrize("name", ["int4", "kivi2_g8_r16", "fp8_e4m3"])
def test_generated_kernels_read_what_the_pass_stores(name):
    q, k, v = (rnd(1, 4, 2, 32, seed=s).to(DEVICE) for s in (11, 12, 13))
    got = kvcc.attention(q, k, v, pipeline=f"quantize-kv{{format={name}}}", backend="triton")
    want = kvcc.attention(q, k, v, kv_format=FORMATS.get(name) or quant.kivi(2, 8, 16),
                          backend="reference")
    plain = kvcc.attention(q, k, v, backend="reference")
    assert (got - want).abs().max() <= 1e-2 * (want - plain).abs().max() + 1e-5


def test_already_quantized_ops_are_left_alone():
    once = Pipeline.parse("quantize-kv{format=int4}").run(one_op())
    assert Pipeline.parse("quantize-kv{format=kivi2}").run(once) == once
    trace = []
    Pipeline.parse("quantize-kv{format=int4}").run(one_op(), trace=trace)
    assert trace[0].summary == "1 attention ops read quantized KV (int4)"


# ---------------------------------------------------------------- layers and heads


def three_layers() -> Module:
    ops, args, outs = [], [], []
    for i in range(3):
        q, k, v = qkv(skv=19, tag=str(i))
        op, o = attn(str(i), q, k, v, lse=False)
        ops.append(op)
        args += [q, k, v]
        outs += o
    return Module("layers", tuple(args), tuple(ops), tuple(outs))


def test_per_layer_formats():
    m = three_layers()
    out = Pipeline.parse("quantize-kv{format=kivi2_g4_r8,layers=0:int4;2:none}").run(m)
    got = [op.kv_format for op in out.ops if isinstance(op, AttentionOp)]
    want = [quant.int4(), quant.kivi(2, 4, 8), None]
    assert got == want
    x = inputs(m, seed=40)
    outs = run(out, **x)
    for i, (o, fmt) in enumerate(zip(outs, want)):
        q, k, v = x[f"q{i}"], x[f"k{i}"], x[f"v{i}"]
        kw = dict(mask=kvcc.masks.causal(), scale=0.3, backend="reference")
        plain = kvcc.attention(q, k, v, **kw)
        if fmt is None:
            assert torch.equal(o, plain)
        else:
            close(o, kvcc.attention(q, k, v, kv_format=fmt, **kw), plain)


@pytest.mark.parametrize("heads", ["3/0:int4;3/1-2:kivi2_g4_r8",
                                   "3/0:int8;3/3:fp8_e4m3;0-1:int4"])
def test_per_head_formats_equal_each_head_group_alone(heads):
    """GQA: 8 query heads over 4 KV heads; each run of KV heads of one format is its
    own attention op, whose result is that head group attended alone."""
    m = three_layers()
    q, k, v = qkv(hq=8, hkv=4, skv=19, tag="3")
    op, o = attn("3", q, k, v)
    m = Module("heads", m.args + (q, k, v), m.ops + (op,), m.outputs + o)
    pipeline = Pipeline.parse(f"quantize-kv{{format=none,heads={heads}}}")
    out = pipeline.run(m)
    assert parse(print_module(out)) == out
    groups = pipeline.passes[0].plan().groups(3, 4)
    assert len(groups) > 1
    x = inputs(m, seed=60)
    o, lse = run(out, **x)[3:]
    kw = dict(mask=kvcc.masks.causal(), scale=0.3, backend="reference", return_lse=True)
    q, k, v = x["q3"], x["k3"], x["v3"]
    for g in groups:
        hs, qs = slice(g.start, g.stop), slice(2 * g.start, 2 * g.stop)
        plain = kvcc.attention(q[:, qs], k[:, hs], v[:, hs], **kw)
        if g.fmt is None:
            assert torch.equal(o[:, qs], plain[0]) and torch.equal(lse[:, qs], plain[1])
            continue
        want = kvcc.attention(q[:, qs], k[:, hs], v[:, hs], kv_format=g.fmt, **kw)
        close(o[:, qs], want[0], plain[0])
        close(lse[:, qs], want[1], plain[1])


def test_per_head_split_ops_and_names():
    out = Pipeline.parse("quantize-kv{heads=0:int4;1:none}").run(one_op())
    names = [o.NAME for o in out.ops]
    assert names.count("attention") == 2 and names.count("update_slice") == 4
    assert out.outputs == one_op().outputs  # the joined results keep their names


# ---------------------------------------------------------------- refusals


def test_refusals_name_the_layer_and_the_reason():
    with pytest.raises(PassError, match=r"layer 0 \(attention %o0\) is inside a loop; run "
                       "quantize-kv before split-kv"):
        Pipeline.parse("split-kv{splits=2},quantize-kv").run(one_op())
    q, k, v = qkv()
    op, outs = attn("", q, k, v, alibi=Alibi())
    with pytest.raises(PassError, match="would change its ALiBi slopes"):
        Pipeline.parse("quantize-kv{heads=0:int4}").run(Module("a", (q, k, v), (op,), outs))
    lens = Value("lens", tensor([2], DType.i32))
    op, outs = attn("", q, k, v, kv_lens=lens)
    padded = Module("p", (q, k, v, lens), (op,), outs)
    with pytest.raises(PassError, match="fp8_e4m3 on k read with kv_lens: its scales or "
                       "residual span tokens"):
        Pipeline.parse("quantize-kv{format=fp8_e4m3}").run(padded)
    with pytest.raises(PassError, match="kv_format int4: the head dim 12"):
        Pipeline.parse("quantize-kv{format=int4}").run(one_op(d=12))
    # per-token formats quantize a padded tensor token by token: accepted
    Pipeline.parse("quantize-kv{format=int8}").run(padded)


def test_quantize_with_a_static_scale_verifies_and_round_trips():
    x = Value("x", tensor([2, 2, 5, 16], DType.f32))
    s = Value("s", tensor([2, 2], DType.f32))
    c, s2 = Value("c", tensor([2, 2, 5, 16], DType.f8e4m3)), Value("s2", s.type)
    m = Module("m", (x, s), (QuantizeOp(x, c, s2, None, quant.fp8(), "k", static_scale=s),),
               (c,))
    assert "static_scale=%s" in print_module(m) and parse(print_module(m)) == m
    (codes,) = run(m, rnd(2, 2, 5, 16, seed=3), torch.full((2, 2), 1e-3))
    assert codes.float().abs().max() == 448  # past the static scale's range: saturates


def test_cli_lists_the_pass(capsys):
    assert cli.main(["passes"]) == 0
    line = next(ln for ln in capsys.readouterr().out.splitlines() if ln.startswith("quantize-kv"))
    assert "quantize-kv{format=kivi2}" in line
