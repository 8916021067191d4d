"""Prepacking: the first-fit-decreasing packer and the ``pack`` pass (per-prompt prefill
attentions packed into rows with a document mask), equal to the per-prompt program."""

from __future__ import annotations

import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from kvcc.codegen.reference import ReferenceOptions, run
from kvcc.ir import AttentionOp, DType, Module, SliceOp, Value, parse, print_module, tensor
from kvcc.ir.formats import Alibi
from kvcc.ir.mask import Align, Causal, Full, Not, Sinks, SlidingWindow
from kvcc.passes import PassError, PassOptionError, Pipeline
from kvcc.passes.binpack import Packing, first_fit_decreasing
from kvcc.passes.pack import Pack
from tests.triton_helpers import DEVICE, needs_triton, run_triton

F64 = ReferenceOptions(torch.float64, cast_outputs=False)

# ------------------------------------------------------------------ the packer


def test_first_fit_decreasing_places_longest_first_into_the_first_row_with_room():
    p = first_fit_decreasing([6, 2, 3, 4])  # capacity: the longest prompt, 6
    assert p.capacity == 6 and p.rows == ((0,), (3, 1), (2,))
    assert p.width == 6 and p.order == (0, 3, 1, 2)
    assert [p.fill(r) for r in range(3)] == [6, 6, 3]
    assert first_fit_decreasing([6, 2, 3, 4], 8).rows == ((0, 1), (3, 2))


def test_ties_go_in_prompt_order_and_the_result_is_deterministic():
    assert first_fit_decreasing([3, 5, 3, 5, 2], 10).rows == ((1, 3), (0, 2, 4))
    assert first_fit_decreasing([4, 4, 4]).rows == ((0,), (1,), (2,))
    assert first_fit_decreasing([1] * 5, 2).rows == ((0, 1), (2, 3), (4,))


def test_the_map_back_to_prompt_and_position():
    p = first_fit_decreasing([6, 2, 3, 4], 8)
    assert p.place(3) == (1, 0) and p.place(2) == (1, 4) and p.place(1) == (0, 6)
    assert p.locate(0, 7) == (1, 1) and p.locate(1, 5) == (2, 1) and p.locate(1, 7) is None
    assert p.seq_ids() == [[0] * 6 + [1] * 2, [3] * 4 + [2] * 3 + [-1]]
    assert p.position_ids() == [[0, 1, 2, 3, 4, 5, 0, 1], [0, 1, 2, 3, 0, 1, 2, 0]]
    with pytest.raises(IndexError):
        p.locate(2, 0)


@given(st.lists(st.integers(1, 30), min_size=1, max_size=12), st.integers(0, 40))
def test_every_token_has_one_slot_and_rows_keep_the_capacity(lengths, extra):
    cap = max(lengths) + extra
    p = first_fit_decreasing(lengths, cap)
    assert sorted(p.order) == list(range(len(lengths)))
    assert all(p.fill(r) <= cap for r in range(len(p.rows)))
    for i, n in enumerate(lengths):
        row, start = p.place(i)
        assert [p.locate(row, start + j) for j in range(n)] == [(i, j) for j in range(n)]
    # first fit, longest first: replaying the placements, no prompt fit an earlier row
    fill = [0] * len(p.rows)
    for i in sorted(range(len(lengths)), key=lambda i: (-lengths[i], i)):
        row = p.place(i)[0]
        assert all(fill[r] + lengths[i] > cap for r in range(row))
        fill[row] += lengths[i]
    assert p == first_fit_decreasing(lengths, cap)


def test_the_packer_refuses_bad_input_naming_it():
    with pytest.raises(ValueError, match="prompt 1 has 9 tokens, more than the capacity 8"):
        first_fit_decreasing([3, 9, 2], 8)
    with pytest.raises(ValueError, match="lengths\\[1\\] = 0"):
        first_fit_decreasing([3, 0])
    with pytest.raises(TypeError, match="lengths\\[0\\] must be an int"):
        first_fit_decreasing([2.5])
    with pytest.raises(ValueError, match="nothing to pack"):
        first_fit_decreasing([])
    with pytest.raises(ValueError, match="capacity must be >= 1"):
        first_fit_decreasing([1], 0)
    with pytest.raises(TypeError, match="capacity must be an int"):
        first_fit_decreasing([1], True)
    with pytest.raises(ValueError, match="more than the capacity"):
        Packing((3, 3), 4, ((0, 1),))
    with pytest.raises(ValueError, match="in no row"):
        Packing((3, 3), 4, ((0,),))


# ------------------------------------------------------------------ the pass


def prompts_module(lengths, *, hq=4, hkv=2, d=8, dv=None, mask=Causal(), lse=False,
                   dt=DType.f32, scale=0.3, alibi=None) -> Module:
    """One prefill attention per prompt: q ``[1, hq, L, d]``, k/v ``[1, hkv, L, d]``."""
    args, ops, outs = [], [], []
    for i, n in enumerate(lengths):
        q = Value(f"q{i}", tensor([1, hq, n, d], dt))
        k = Value(f"k{i}", tensor([1, hkv, n, d], dt))
        v = Value(f"v{i}", tensor([1, hkv, n, dv or d], dt))
        o = Value(f"o{i}", tensor([1, hq, n, dv or d], dt))
        lv = Value(f"lse{i}", tensor([1, hq, n], DType.f32)) if lse else None
        args += [q, k, v]
        ops.append(AttentionOp(q, k, v, o, lv, scale=scale, mask=mask, alibi=alibi))
        outs += [o] + ([lv] if lv else [])
    return Module("prompts", tuple(args), tuple(ops), tuple(outs))


def _inputs(m: Module, seed: int) -> dict[str, torch.Tensor]:
    g = torch.Generator().manual_seed(seed)
    return {a.name: torch.randn([int(x) for x in a.type.shape], generator=g, dtype=torch.float64)
            for a in m.args}


def _check_equal(m: Module, pipeline: str, seed: int = 0, roundtrip: bool = True) -> Module:
    out = Pipeline.parse(pipeline).run(m)
    if roundtrip:  # (parsing costs sympy time: the property test leaves it to the others)
        assert parse(print_module(out)) == out
    x = _inputs(m, seed)
    for a, b in zip(run(m, options=F64, **x), run(out, options=F64, **x)):
        torch.testing.assert_close(a, b, rtol=1e-10, atol=1e-10)
    return out


def _attentions(m: Module) -> list[AttentionOp]:
    return [op for op in m.walk() if isinstance(op, AttentionOp)]


_MASKS = [Causal(), Causal() & SlidingWindow(3), Full(), Not(Causal()),
          Causal() | SlidingWindow(2), SlidingWindow(4, Align.top_left) & Causal(Align.top_left)]


@given(st.lists(st.integers(1, 12), min_size=2, max_size=6), st.integers(0, 8),
       st.sampled_from(_MASKS), st.booleans(), st.integers(0, 2**16))
def test_packed_equals_per_prompt(lengths, extra, mask, lse, seed):
    cap = max(lengths) + extra
    m = prompts_module(lengths, mask=mask, lse=lse)
    out = _check_equal(m, f"pack{{capacity={cap}}}", seed, roundtrip=False)
    (op,) = _attentions(out)
    packing = first_fit_decreasing(lengths, cap)
    assert op.q.type.shape[0] == len(packing.rows) and op.q.type.shape[2] == packing.width
    assert str(op.mask).startswith(f"document(%{op.mask_args[0].name})")


def test_pack_keeps_gqa_value_head_dims_alibi_and_half_precision_exact():
    m = prompts_module([5, 2, 7, 3], hq=6, hkv=2, d=8, dv=16, lse=True, alibi=Alibi())
    _check_equal(m, "pack")
    m = prompts_module([5, 2, 3], dt=DType.bf16)
    out = Pipeline.parse("pack").run(m)
    x = {n: t.to(torch.bfloat16) for n, t in _inputs(m, 1).items()}
    for a, b in zip(run(m, **x), run(out, **x)):
        torch.testing.assert_close(a, b, rtol=0, atol=0)  # same f32 sums, one rounding


def test_the_rewrite_places_each_prompt_at_its_row_and_offset():
    out = Pipeline.parse("pack{capacity=8}").run(prompts_module([6, 2, 3, 4]))
    (op,) = _attentions(out)
    assert str(op.mask) == "document(%ids12) & causal" and op.mask_args[0].name == "ids12"
    assert [int(x) for x in op.q.type.shape] == [2, 4, 8, 8]
    # o1 (2 tokens) at row 0 offset 6; o2 (3 tokens) at row 1 offset 4
    slices = {op.out.name: op for op in out.ops if isinstance(op, SliceOp)}
    assert int(slices["o1"].start) == 6 and int(slices["o2"].start) == 4
    assert [o.name for o in out.outputs] == ["o0", "o1", "o2", "o3"]


def _merged(*parts: tuple[str, Module]) -> Module:
    """One module holding the attentions of several, their names prefixed."""
    args, ops, outs = [], [], []
    for tag, m in parts:
        for op in m.ops:
            q, k, v, o = (Value(f"{tag}{x.name}", x.type) for x in (op.q, op.k, op.v, op.o))
            args += [q, k, v]
            ops.append(AttentionOp(q, k, v, o, scale=op.scale, mask=op.mask))
            outs.append(o)
    return Module("prompts", tuple(args), tuple(ops), tuple(outs))


def test_pack_groups_compatible_prompts_and_leaves_the_rest():
    m = _merged(("a", prompts_module([4, 3])), ("h", prompts_module([2, 5], hq=2, hkv=2)),
                ("s", prompts_module([3], mask=Sinks(1))))
    out = _check_equal(m, "pack", seed=3)
    shapes = sorted(tuple(int(d) for d in op.q.type.shape) for op in _attentions(out))
    # [4, 3] -> 2 rows of 4; [2, 5] (2 heads) -> 2 rows of 5; the sinks prompt alone
    assert shapes == [(1, 4, 3, 8), (2, 2, 5, 8), (2, 4, 4, 8)]


def test_pack_leaves_prompts_read_before_the_last_one_and_single_prompts():
    m = prompts_module([3, 3, 3])
    o0 = m.ops[0].o
    # the second prompt's queries are the first one's output: packing would reorder
    op1 = AttentionOp(o0, m.ops[1].k, m.ops[1].v, m.ops[1].o, scale=0.3, mask=Causal())
    m2 = Module("prompts", m.args, (m.ops[0], op1, m.ops[2]), m.outputs)
    out = _check_equal(m2, "pack")
    assert [int(op.q.type.shape[0]) for op in _attentions(out)] == [1, 2]  # o0 stays
    single = prompts_module([5])
    assert Pipeline.parse("pack").run(single) == single
    bad = prompts_module([4, 4], mask=Sinks(2) | Causal())
    assert Pipeline.parse("pack").run(bad) == bad  # sinks read absolute positions


def test_pack_in_pipelines_and_its_errors():
    assert Pipeline.parse("pack{capacity=4096}").passes == (Pack(4096),)
    assert str(Pipeline.parse("pack{capacity=16},simplify-masks")) == \
        "pack{capacity=16},simplify-masks"
    with pytest.raises(ValueError, match="capacity must be an int >= 0"):
        Pipeline.parse("pack{capacity=-1}")
    with pytest.raises(ValueError, match="not a valid int"):
        Pipeline.parse("pack{capacity=big}")
    with pytest.raises(PassOptionError, match="capacity=4 is less than the 6 tokens of the "
                       "prompt of attention %o0"):
        Pipeline.parse("pack{capacity=4}").run(prompts_module([6, 2]))
    assert issubclass(PassOptionError, PassError)


@needs_triton
def test_the_packed_rows_run_on_the_generated_kernels():
    m = prompts_module([9, 4, 13, 6], hq=4, hkv=2, d=16, lse=True,
                       mask=Causal() & SlidingWindow(5))
    out = Pipeline.parse("pack{capacity=16}").run(m)
    x = {n: t.float().to(DEVICE) for n, t in _inputs(m, 5).items()}
    for a, b in zip(run(m, **x), run_triton(out, x)):
        torch.testing.assert_close(a, b, rtol=2e-5, atol=2e-5)
