"""Pass infrastructure and the passes: parsing pipelines, ordering, verification
after every pass, and each pass's meaning checked against the reference."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from kvcc.codegen.reference import ReferenceOptions, run
from kvcc.ir import AttentionOp, DType, FillOp, ForOp, Module, Value, parse, print_module, tensor
from kvcc.ir.mask import Causal, Not, Sinks, SlidingWindow
from kvcc.passes import PASSES, Pass, PassError, Pipeline, registry
from tests.strategies import masks

F64 = ReferenceOptions(torch.float64, cast_outputs=False)


def attn_module(b=2, hq=4, hkv=2, sq=37, skv=45, d=16, mask=Causal(), lse=True, dt=DType.f32):
    q = Value("q", tensor([b, hq, sq, d], dt))
    k, v = Value("k", tensor([b, hkv, skv, d], dt)), Value("v", tensor([b, hkv, skv, d], dt))
    o = Value("o", q.type)
    lv = Value("lse", tensor([b, hq, sq], DType.f32)) if lse else None
    op = AttentionOp(q, k, v, o, lv, scale=0.25, mask=mask)
    return Module("t", (q, k, v), (op,), (o,) + ((lv,) if lv else ()))


def inputs(m: Module, seed=0):
    g = torch.Generator().manual_seed(seed)
    return [torch.randn([int(d) for d in a.type.shape], generator=g, dtype=torch.float64)
            for a in m.args]


def test_parse_pipeline_with_options():
    p = Pipeline.parse(" simplify-masks , split-kv{splits=3}, chunk-prefill{size=64} ")
    assert [x.name for x in p.passes] == ["simplify-masks", "split-kv", "chunk-prefill"]
    assert p.passes[1].splits == 3 and p.passes[2].size == 64
    assert str(p) == "simplify-masks,split-kv{splits=3},chunk-prefill{size=64}"
    assert Pipeline.parse(str(p)) == p


@pytest.mark.parametrize("text,msg", [
    ("nope", "unknown pass 'nope'; known passes: cascade, chunk-prefill, pack, quantize-kv, "
             "quest, simplify-masks, split-kv, streaming-heads"),
    ("split-kv{parts=2}", "has no option 'parts'"),
    ("split-kv{splits=two}", "not a valid int"),
    ("split-kv{splits=0}", "splits must be >= 1"),
    ("split-kv{splits=2", "bad pipeline syntax"),
])
def test_pipeline_errors(text, msg):
    with pytest.raises((ValueError, PassError), match=msg):
        Pipeline.parse(text)


def test_registry_is_explicit_and_names_are_kebab_case():
    assert set(PASSES) == {"simplify-masks", "split-kv", "chunk-prefill", "quantize-kv", "pack",
                           "quest", "cascade", "streaming-heads"}
    for name, cls in PASSES.items():
        assert cls.name == name and name == name.lower() and " " not in name
        assert cls.__doc__ and "ensures" in cls.__doc__.lower()


@dataclass(frozen=True)
class _Breaks(Pass):
    """Test pass that drops the module's ops. Ensures nothing."""

    name: ClassVar[str] = "breaks"

    def run(self, module):
        return replace(module, ops=())


@dataclass(frozen=True)
class _NeedsSplit(Pass):
    """Test pass that requires kv-split. Ensures nothing."""

    name: ClassVar[str] = "needs-split"
    requires: ClassVar[frozenset[str]] = frozenset({"kv-split"})

    def run(self, module):
        return module


def test_verification_after_each_pass_names_the_pass():
    with pytest.raises(PassError, match=r"pass 'breaks': produced invalid IR: module @t: \[ssa\]"):
        Pipeline((_Breaks(),)).run(attn_module())


def test_requires_are_checked():
    with pytest.raises(ValueError, match="requires \\['kv-split'\\]"):
        Pipeline((_NeedsSplit(),)).run(attn_module())
    Pipeline((registry.SplitKV(2), _NeedsSplit())).run(attn_module())


def test_print_ir_after_all():
    seen: list[str] = []
    Pipeline.parse("simplify-masks,split-kv{splits=2}").run(
        attn_module(mask=Causal() & SlidingWindow(5)), print_ir_after_all=seen.append)
    assert len(seen) == 2
    assert "IR after simplify-masks (1 of 1 masks simplified)" in seen[0]
    assert "mask=sliding_window(5)" in seen[0]
    assert "IR after split-kv{splits=2}" in seen[1] and "merge_states" in seen[1]


def test_simplify_masks_removes_empty_attention():
    m = Pipeline.parse("simplify-masks").run(attn_module(mask=Causal() & Not(Causal())))
    assert all(isinstance(op, FillOp) for op in m.ops)
    o, lse = run(m, *[x.float() for x in inputs(m)])
    assert (o == 0).all() and torch.isneginf(lse).all()


def _lengths_and_mask():
    return st.integers(1, 40).flatmap(lambda skv: st.tuples(st.integers(1, 40), st.just(skv),
                                                             masks(skv)))


@given(_lengths_and_mask(), st.integers(1, 6))
def test_split_kv_preserves_results(case, splits):
    sq, skv, mask = case
    m = attn_module(b=1, hq=2, hkv=1, sq=sq, skv=skv, d=8, mask=mask)
    _check_equal(m, f"split-kv{{splits={splits}}}")


@given(_lengths_and_mask(), st.integers(1, 16))
def test_chunk_prefill_preserves_results(case, size):
    sq, skv, mask = case
    m = attn_module(b=1, hq=2, hkv=1, sq=sq, skv=skv, d=8, mask=mask)
    _check_equal(m, f"chunk-prefill{{size={size}}}")


def _check_equal(m: Module, pipeline: str):
    out = Pipeline.parse(pipeline).run(m)
    assert parse(print_module(out)) == out
    xs = inputs(m, seed=3)
    want = run(m, *xs, options=F64)
    got = run(out, *xs, options=F64)
    assert len(got) == len(want) == len(m.outputs)
    for a, b in zip(want, got):
        both_inf = torch.isneginf(a) & torch.isneginf(b)
        assert torch.allclose(torch.where(both_inf, 0, a), torch.where(both_inf, 0, b), atol=1e-10)


def test_chunk_prefill_reads_only_needed_keys():
    m = Pipeline.parse("chunk-prefill{size=8}").run(attn_module(sq=32, skv=32, mask=Causal()))
    loop = next(op for op in m.ops if isinstance(op, ForOp))
    slices = [op for op in loop.body.ops if op.NAME == "slice"]
    assert len(slices) == 3  # q, and k/v truncated to the chunk's last visible key
    m2 = Pipeline.parse("chunk-prefill{size=8}").run(attn_module(sq=32, skv=32, mask=Sinks(4)
                                                                 | SlidingWindow(3)))
    loop2 = next(op for op in m2.ops if isinstance(op, ForOp))
    # row 0 sees sink keys 1..3, after its own position: keys cannot be truncated
    assert len([op for op in loop2.body.ops if op.NAME == "slice"]) == 1
    m3 = Pipeline.parse("chunk-prefill{size=8}").run(attn_module(sq=32, skv=32, mask=~Causal()))
    loop3 = next(op for op in m3.ops if isinstance(op, ForOp))
    assert len([op for op in loop3.body.ops if op.NAME == "slice"]) == 1  # keys all needed


def test_passes_leave_small_or_unsupported_ops_alone():
    m = attn_module(sq=4, skv=4)
    assert Pipeline.parse("chunk-prefill{size=8},split-kv{splits=1}").run(m) == m


def test_split_kv_handles_empty_rows():
    m = attn_module(sq=10, skv=6, mask=Causal())  # first 4 rows see no key
    _check_equal(m, "split-kv{splits=3}")
