"""IR: printing and parsing round-trip on generated programs; the verifier
rejects malformed IR naming the op and the rule."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
import sympy
from hypothesis import given
from hypothesis import strategies as st

from kvcc.ir import (
    Alibi,
    AttentionOp,
    Block,
    CastOp,
    DequantizeOp,
    DType,
    FillOp,
    ForOp,
    KVAppendOp,
    MergeStatesOp,
    Module,
    Packed,
    PackOp,
    Paged,
    ParseError,
    QuantizeOp,
    SliceOp,
    UnpackOp,
    UpdateSliceOp,
    Value,
    VerifyError,
    dim,
    kv_format,
    parse,
    parse_dim,
    print_module,
    tensor,
    verify,
)
from kvcc.ir.mask import Document, PageSelect
from tests.strategies import masks

FLOATS = [DType.f16, DType.bf16, DType.f32]


@st.composite
def attention_modules(draw):
    """Random dense/packed/paged attention programs, with optional extras."""
    dt = draw(st.sampled_from(FLOATS))
    hkv = draw(st.sampled_from([1, 2, 4]))
    hq = hkv * draw(st.sampled_from([1, 2, 4]))
    d = draw(st.sampled_from([16, 64, 80, 128]))
    b = draw(st.sampled_from([1, 3, "B"]))
    sq = draw(st.sampled_from([1, 17, "S", "S + 1"]))
    skv = draw(st.sampled_from([5, 129, "L", "2*L"]))
    layout = draw(st.sampled_from(["dense", "packed", "paged"]))
    args, extra = [], {}
    if layout == "dense":
        q = Value("q", tensor([b, hq, sq, d], dt))
        k = Value("k", tensor([b, hkv, skv, d], dt))
        o = Value("o", tensor([b, hq, sq, d], dt))
    elif layout == "packed":
        q = Value("q", tensor(["T", hq, d], dt))
        k = Value("k", tensor(["Tk", hkv, d], dt))
        o = Value("o", tensor(["T", hq, d], dt))
        cq, ck = Value("cu_q", tensor([4], DType.i32)), Value("cu_k", tensor([4], DType.i32))
        args += [cq, ck]
        extra = dict(q_layout=Packed(), kv_layout=Packed(), cu_seqlens_q=cq, cu_seqlens_k=ck)
    else:
        page = draw(st.sampled_from([1, 16]))
        q = Value("q", tensor([b, hq, sq, d], dt))
        k = Value("k", tensor(["P", page, hkv, d], dt))
        o = Value("o", tensor([b, hq, sq, d], dt))
        bt, kl = Value("bt", tensor([b, 8], DType.i32)), Value("kl", tensor([b], DType.i32))
        args += [bt, kl]
        extra = dict(kv_layout=Paged(page), block_table=bt, kv_lens=kl)
    v = Value("v", k.type)
    lse = draw(st.sampled_from([None, Value("lse", tensor(q.type.shape[:-1], DType.f32))]))
    mask = draw(masks(40))
    op = AttentionOp(q, k, v, o, lse, scale=draw(st.floats(0.01, 2.0)),
                     softcap=draw(st.sampled_from([None, 30.0])),
                     alibi=draw(st.sampled_from([None, Alibi(), Alibi(4.0)])), mask=mask, **extra)
    ops = [op]
    outs = [o] + ([lse] if lse else [])
    if draw(st.booleans()):
        c = Value("c", o.type)
        ops.append(CastOp(o, c))
        outs.append(c)
    return Module("gen", (q, k, v, *args), tuple(ops), tuple(outs))


@given(attention_modules())
def test_roundtrip_generated(m):
    verify(m)
    text = print_module(m)
    assert parse(text) == m
    assert print_module(parse(text)) == text


def _chunked_program() -> Module:
    q = Value("q", tensor([1, 2, "S", 16], DType.f32))
    acc = Value("acc", q.type)
    a, y = Value("a", q.type), Value("y", q.type)
    s = Value("s", tensor([1, 2, "Min(4, S - c)", 16], DType.f32))
    u = Value("u", q.type)
    body = Block((a,), (SliceOp(q, s, axis=2, start=dim("c")),
                        UpdateSliceOp(a, s, u, axis=2, start=dim("c"))), (u,))
    return Module("loop", (q,), (FillOp(acc, 0.0), ForOp("c", dim("S"), 4, (acc,), body, (y,))),
                  (y,))


def test_roundtrip_every_op_kind():
    x = Value("x", tensor([2, 4, 64, 32], DType.f16))
    lens = Value("lens", tensor([2], DType.i32))
    fmt = kv_format("kivi2")
    codes, sc, ze = (Value("codes", tensor([2, 4, 64, 2], DType.i32)),
                     Value("sc", tensor([2, 4, 2, 32], DType.f32)),
                     Value("ze", tensor([2, 4, 2, 32], DType.f32)))
    deq = Value("deq", tensor([2, 4, 64, 32], DType.f32))
    packed, cu = Value("packed", tensor(["T", 4, 32], DType.f16)), Value("cu", tensor([3], DType.i64))
    unp = Value("unp", x.type)
    lse = Value("lse", tensor([2, 4, 64], DType.f32))
    mo, ml = Value("mo", tensor([2, 4, 64, 32], DType.f32)), Value("ml", lse.type)
    cache = Value("cache", tensor([2, 4, 128, 32], DType.f16))
    cache2 = Value("cache2", cache.type)
    m = Module("all", (x, lens, lse, cache), (
        QuantizeOp(x, codes, sc, ze, fmt, "k"),
        DequantizeOp(codes, sc, ze, deq, fmt, "k"),
        PackOp(x, lens, packed, cu),
        UnpackOp(packed, cu, unp),
        MergeStatesOp((deq, deq), (lse, lse), mo, ml),
        KVAppendOp(cache, x, lens, cache2),
    ), (deq, unp, mo, ml, cache2))
    verify(m)
    assert parse(print_module(m)) == m
    loop = _chunked_program()
    verify(loop)
    assert parse(print_module(loop)) == loop


def test_dims_parse_and_normalize():
    assert parse_dim("S + 1") == dim("S") + 1
    assert parse_dim(str(sympy.Min(4, dim("S") - dim("c")))) == sympy.Min(4, dim("S") - dim("c"))
    with pytest.raises(ValueError):
        parse_dim("S; import os")


# ------------------------------------------------------------------ verifier


def _attn(**kw) -> Module:
    q = kw.pop("q", Value("q", tensor([2, 8, 16, 64], DType.f16)))
    k = kw.pop("k", Value("k", tensor([2, 2, 32, 64], DType.f16)))
    v = kw.pop("v", Value("v", k.type))
    o = kw.pop("o", Value("o", tensor(list(q.type.shape[:-1]) + [v.type.shape[-1]], q.type.dtype)))
    extra_args = kw.pop("extra_args", ())
    op = AttentionOp(q, k, v, o, scale=kw.pop("scale", 0.125), **kw)
    return Module("m", (q, k, v, *extra_args), (op,), (o,))


BAD = [
    ("gqa-heads", lambda: _attn(q=Value("q", tensor([2, 6, 16, 64], DType.f16)),
                                k=Value("k", tensor([2, 4, 32, 64], DType.f16)))),
    ("head-dim", lambda: _attn(k=Value("k", tensor([2, 2, 32, 32], DType.f16)),
                               v=Value("v", tensor([2, 2, 32, 64], DType.f16)))),
    ("dtype", lambda: _attn(k=Value("k", tensor([2, 2, 32, 64], DType.f32)),
                            v=Value("v", tensor([2, 2, 32, 64], DType.f32)))),
    ("rank", lambda: _attn(q=Value("q", tensor([2, 8, 64], DType.f16)),
                           o=Value("o", tensor([2, 8, 64], DType.f16)))),
    ("scale", lambda: _attn(scale=-1.0)),
    ("softcap", lambda: _attn(softcap=0.0)),
    ("batch", lambda: _attn(k=Value("k", tensor([3, 2, 32, 64], DType.f16)))),
    ("result-type", lambda: _attn(o=Value("o", tensor([2, 8, 15, 64], DType.f16)))),
    ("layout", lambda: _attn(kv_layout=Paged(16), k=Value("k", tensor([9, 16, 2, 64], DType.f16)))),
    ("mask-args", lambda: _attn(mask=Document(ids="ids"))),
    ("kv-format", lambda: _attn(kv_format=kv_format("int8"))),
    ("offsets", lambda: _attn(q_layout=Packed(), q=Value("q", tensor([16, 8, 64], DType.f16)),
                              o=Value("o", tensor([16, 8, 64], DType.f16)),
                              cu_seqlens_q=Value("cu", tensor([3], DType.i32)),
                              extra_args=(Value("cu", tensor([3], DType.i32)),), q_offset=4)),
]


@pytest.mark.parametrize("rule,build", BAD, ids=[b[0] for b in BAD])
def test_verifier_rejects(rule, build):
    with pytest.raises(VerifyError) as e:
        verify(build())
    assert e.value.rule == rule
    assert "attention %o" in str(e.value)


def test_verifier_ssa_rules():
    m = _attn()
    q = m.args[0]
    with pytest.raises(VerifyError, match=r"\[ssa\].*before it is defined"):
        verify(replace(m, args=m.args[1:]))
    with pytest.raises(VerifyError, match=r"\[ssa\].*defined twice"):
        verify(replace(m, ops=m.ops + (FillOp(m.ops[0].o),)))
    with pytest.raises(VerifyError, match="returns undefined"):
        verify(replace(m, outputs=(Value("nope", q.type),)))
    with pytest.raises(VerifyError, match=r"used with type"):
        verify(replace(m, ops=(replace(m.ops[0], q=Value("q", tensor([2, 8, 16, 64], DType.f32))),)))


def test_verifier_loop_rules():
    loop = _chunked_program()
    f = loop.ops[1]
    with pytest.raises(VerifyError, match=r"for %y: \[arity\]"):
        verify(replace(loop, ops=(loop.ops[0], replace(f, inits=()))))
    with pytest.raises(VerifyError, match=r"\[step\]"):
        verify(replace(loop, ops=(loop.ops[0], replace(f, step=0))))


def test_verifier_merge_and_quant_rules():
    o = Value("o", tensor([2, 4, 8, 16], DType.f32))
    lse = Value("lse", tensor([2, 4, 8], DType.f16))
    mo, ml = Value("mo", o.type), Value("ml", lse.type)
    with pytest.raises(VerifyError, match=r"merge_states %mo: \[dtype\]"):
        verify(Module("m", (o, lse), (MergeStatesOp((o,), (lse,), mo, ml),), (mo,)))
    x = Value("x", tensor([1, 2, 32, 16], DType.f16))
    c, s = Value("c", tensor([1, 2, 32, 16], DType.u8)), Value("s", tensor([1, 2, 32, 1], DType.f32))
    with pytest.raises(VerifyError, match=r"\[zero\]"):
        verify(Module("m", (x,), (QuantizeOp(x, c, s, None, kv_format("int8"), "k"),), (c,)))


PARSE_BAD = [
    ("module @m() {\n  return\n", "missing"),
    ("module @m(%q: tensor<[2], f32>) {\n  %o: tensor<[2], f32> = bogus {}\n  return %o\n}",
     "unknown op"),
    ("module @m(%q: tensor<[2], f32>) {\n  %o: tensor<[2], f32> = cast {x=%zz}\n  return %o\n}",
     "undefined value %zz"),
    ("module @m(%q: tensor<[2], f32>) {\n  %o: tensor<[2], f32> = cast {x=%q, y=1}\n"
     "  return %o\n}", "no attribute 'y'"),
    ("module @m(%q: tensor<[2], f99>) {\n  return %q\n}", "unknown dtype"),
    ("module @m(%q: tensor<[2], f32>) {\n  %q: tensor<[2], f32> = cast {x=%q}\n  return %q\n}",
     "defined twice"),
]


@pytest.mark.parametrize("text,msg", PARSE_BAD)
def test_parse_errors(text, msg):
    with pytest.raises(ParseError, match=msg):
        parse(text)


def test_inf_and_formats_print():
    out = Value("out", tensor([2], DType.f32))
    m = Module("m", (), (FillOp(out, -math.inf),), (out,))
    assert "value=-inf" in print_module(m)
    assert parse(print_module(m)) == m
    ps = PageSelect(16, "pg")
    assert str(ps) == "page_select(16, %pg)"
