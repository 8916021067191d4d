"""Edge inputs of the public API (issue 15): each raises TypeError/ValueError naming
the argument before any compute, or gives the right answer; none gives NaN,
OverflowError, AttributeError, RecursionError or a lost gradient."""

from __future__ import annotations

from fractions import Fraction

import pytest
import torch

import kvcc
from kvcc import masks as M
from kvcc.ir import ParseError, parse_mask
from kvcc.ir.mask import MAX_DEPTH, Document, depth
from kvcc.passes import PassError, Pipeline
from tests.triton_helpers import needs_triton, rnd

Q = rnd(1, 1, 4, 16)


@pytest.mark.parametrize("dtype", [torch.float16, torch.bfloat16, torch.float32], ids=str)
@pytest.mark.parametrize("kw,name", [({"scale": 1e39}, "scale"), ({"softcap": 3.5e38}, "softcap"),
                                     ({"scale": 3e38}, "scale"), ({"softcap": 2.4e38}, "softcap")])
def test_scale_and_softcap_past_float32_are_refused(dtype, kw, name):
    q = Q.to(dtype)
    with pytest.raises(ValueError, match=f"{name}=.* exceeds the float32 range used to compute "
                                         f"{str(dtype)[6:]} attention"):
        kvcc.attention(q, q, q, **kw)


@pytest.mark.parametrize("backend", ["reference", pytest.param("triton", marks=needs_triton)])
def test_large_accepted_scales_compute_their_limit(backend):
    """Scores past float32 (scale * q.k) give the hard maximum, not NaN, on the reference
    and in the generated kernels (which scale after subtracting the row max); float64
    inputs take any finite scale."""
    q = Q
    want = q[0, 0][(q[0, 0] @ q[0, 0].T).argmax(-1)]  # each row's best key, alone
    for scale in (1e37, 1e38, 2.35e38):
        o = kvcc.attention(q, q, q, scale=scale, backend=backend)
        assert torch.equal(o[0, 0], want), scale
    if backend == "triton":
        return
    o = kvcc.attention(q.double(), q.double(), q.double(), scale=1e39)
    assert torch.equal(o[0, 0], want.double())
    o, lse = kvcc.attention(q, q, q, softcap=2.35e38, return_lse=True, backend="reference")
    ref, ref_lse = kvcc.attention(q, q, q, return_lse=True, backend="reference")
    assert torch.allclose(o, ref, atol=1e-6) and torch.allclose(lse, ref_lse, atol=1e-5)


@needs_triton
def test_largest_accepted_factors_run_on_the_kernels():
    q = Q
    o = kvcc.attention(q, q, q, softcap=2.35e38, backend="triton")
    assert torch.allclose(o, kvcc.attention(q, q, q, backend="reference"), atol=1e-5)
    z = torch.zeros_like(q)  # scores 0: the largest scale is still finite in the kernel
    o, lse = kvcc.attention(z, z, q, scale=2.35e38, return_lse=True, backend="triton")
    assert torch.allclose(o, q.mean(2, keepdim=True).expand_as(q), atol=1e-6)
    assert torch.isfinite(lse).all()


@pytest.mark.parametrize("kw", [{"scale": 10**400}, {"softcap": -(10**400)},
                                {"scale": Fraction(10**400)}])
def test_numbers_past_float64_are_value_errors(kw):
    name = next(iter(kw))
    with pytest.raises(ValueError, match=f"{name} must be .*positive finite number, got .* too "
                                         "large for a float"):
        kvcc.attention(Q, Q, Q, **kw)


@pytest.mark.parametrize("pipeline", [None, 123, ["split-kv"]])
def test_pipeline_that_is_not_a_string(pipeline):
    with pytest.raises(TypeError, match="pipeline must be a string"):
        kvcc.attention(Q, Q, Q, pipeline=pipeline)
    with pytest.raises(TypeError, match="pipeline must be a string"):
        Pipeline.parse(pipeline)


@pytest.mark.parametrize("text,msg", [
    ("split-kv{splits=1.5}", "splits='1.5' is not a valid int"),
    ("split-kv{splits=}", "splits='' is not a valid int"),
    ("split-kv{splits=true}", "splits='true' is not a valid int"),
    ("split-kv{splits=0}", "splits must be >= 1"),
    ("chunk-prefill{size=-4}", "size must be >= 1"),
    ("split-kv{parts=2}", "has no option 'parts'"),
    ("split-kv{splits=2", "bad pipeline syntax"),
    ("nope", "unknown pass 'nope'"),
])
def test_every_bad_pipeline_string_is_a_value_error(text, msg):
    with pytest.raises(ValueError, match=msg):
        Pipeline.parse(text)
    with pytest.raises(ValueError, match=msg):
        kvcc.attention(Q, Q, Q, pipeline=text)
    # a pass failing on valid input is not bad input: it stays a RuntimeError
    assert not issubclass(PassError, ValueError)


@pytest.mark.parametrize("mask", [M.sliding_window(0), M.empty(), M.sinks(0),
                                  M.causal() & ~M.causal()], ids=str)
@pytest.mark.parametrize("backend", ["reference", pytest.param("triton", marks=needs_triton)])
def test_masks_that_simplify_to_empty_keep_zero_gradients(mask, backend):
    q, k, v = (rnd(1, 2, 4, 16, seed=i) for i in range(3))
    inf_q = q.clone()
    inf_q[0, 0, 0, 0] = float("inf")  # zero gradients are exact, not 0 * inf
    runs = [(q, "simplify-masks"), (inf_q, "simplify-masks")]
    if backend == "reference":  # the unoptimized program; the kernels are forward only
        runs.append((q, ""))
    for q_in, pipeline in runs:
        ins = [t.clone().requires_grad_() for t in (q_in, k, v)]
        o, lse = kvcc.attention(*ins, mask=mask, return_lse=True, backend=backend,
                                pipeline=pipeline)
        (o.sum() + lse.clamp(min=0).sum()).backward()
        assert all(torch.equal(t.grad, torch.zeros_like(t)) for t in ins)
    ins = [q.clone().requires_grad_(), k, v]  # only q needs a gradient
    kvcc.attention(*ins, mask=mask, backend=backend).sum().backward()
    assert torch.equal(ins[0].grad, torch.zeros_like(q))


@pytest.mark.parametrize("dtype", [torch.int8, torch.uint8, torch.int16, torch.uint16,
                                   torch.int32, torch.uint32, torch.int64, torch.uint64], ids=str)
def test_seq_ids_of_every_integer_dtype(dtype):
    q, k, v = (rnd(1, 2, 6, 16, seed=i) for i in range(3))
    ids = torch.tensor([0, 0, 1, 1, 1, 2])
    want = kvcc.attention(q, k, v, mask=M.document(seq_ids=ids) & M.causal())
    got = kvcc.attention(q, k, v, mask=M.document(seq_ids=ids.to(dtype)) & M.causal())
    assert torch.equal(got, want)
    if dtype == torch.uint64:  # past int64: ids are compared, so wrapping keeps the mask
        big = torch.tensor([2**63, 2**63, 2**64 - 1, 2**64 - 1, 2**64 - 1, 5], dtype=dtype)
        got = kvcc.attention(q, k, v, mask=M.document(seq_ids=big) & M.causal())
        assert torch.equal(got, want)


@pytest.mark.parametrize("dtype", [torch.bool, torch.float32, torch.complex64], ids=str)
def test_seq_ids_that_are_not_integers_are_refused_when_built(dtype):
    with pytest.raises(TypeError, match=r"seq_ids must be an integer tensor \(int8 to int64, "
                                        r"uint8 to uint64\), got torch\."):
        M.document(seq_ids=torch.zeros(4, dtype=dtype))


def test_mask_tensors_of_other_dtypes_are_named_when_lowered():
    mask = Document(ids="ids", data=torch.zeros(4, dtype=torch.int16))  # IR node, no conversion
    with pytest.raises(TypeError, match=r"mask tensor %ids has dtype torch.int16"):
        kvcc.attention(Q, Q, Q, mask=mask)


def _chain(n: int, right: bool = False):
    m = M.sliding_window(1)
    for i in range(n - 1):
        m = (M.sliding_window(i + 2) & m) if right else (m & M.sliding_window(i + 2))
    return m


def test_masks_deeper_than_the_limit_are_refused():
    msg = f"nested {MAX_DEPTH + 1} levels deep; kvcc takes at most {MAX_DEPTH}"
    for build in (lambda: _chain(500), lambda: _chain(2000, right=True),
                  lambda: _chain(MAX_DEPTH) | M.causal()):
        with pytest.raises(ValueError, match=msg):
            build()
    m = M.causal()
    with pytest.raises(ValueError, match=msg):
        for _ in range(2000):
            m = ~m
    for text in (" & ".join(["causal"] * 2000), "~" * 2000 + "causal",
                 "(" * 2000 + "causal" + ")" * 2000):
        with pytest.raises(ParseError, match="levels deep"):
            parse_mask(text)


@pytest.mark.parametrize("right", [False, True])
def test_masks_at_the_depth_limit_work(right):
    m = M.causal() & _chain(MAX_DEPTH - 1, right)
    assert depth(m) == MAX_DEPTH
    assert parse_mask(str(m)) == m and hash(parse_mask(str(m))) == hash(m)
    q = rnd(1, 1, 6, 16)
    o = kvcc.attention(q, q, q, mask=m, pipeline="")
    assert torch.equal(o, kvcc.attention(q, q, q, mask=M.sliding_window(1), pipeline=""))
    assert torch.equal(kvcc.attention(q, q, q, mask=m), o)  # simplify-masks folds the chain
    if right:  # traced, the mask is printed and parsed by the opaque op, within dynamo's stack
        compiled = torch.compile(lambda x: kvcc.attention(x, x, x, mask=m), backend="eager",
                                 fullgraph=True)
        assert torch.equal(compiled(q), o)


def test_wrong_kinds_in_mask_constructors_say_what_was_expected():
    with pytest.raises(TypeError, match="document: lengths must be a sequence of ints"):
        M.document(5)
    for bad in (3, True, None):
        with pytest.raises(TypeError, match=f"masks combine only with masks, got "
                                            f"{type(bad).__name__}"):
            bad & M.causal()
        with pytest.raises(TypeError, match="masks combine only with masks"):
            bad | M.causal()
