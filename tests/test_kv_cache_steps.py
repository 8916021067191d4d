"""``KVCache`` steps: staleness and misuse, argument errors naming the argument, and
the no-host-sync property of the per-layer run path, proven on the CPU with meta tensors."""

from __future__ import annotations

import math

import pytest
import torch

from kvcc import masks as M
from kvcc.runtime.cache import KVCache
from tests.kv_cache_helpers import ATOL, BACKENDS, HKV, HQ, LAYERS, D, Mirror, cu_tensor, filled, kv, make
from tests.packed_oracle import assert_close, attend
from tests.triton_helpers import DEVICE, needs_triton


@pytest.mark.parametrize("event", ["plan", "fork", "free", "add+plan"])
def test_a_step_is_stale_after_another_plan_fork_or_free(event):
    m, a, b = filled()
    st = m.c.plan([a], [1])
    if event == "plan":
        m.c.plan([b], [1])
    elif event == "fork":
        m.c.fork(b)
    elif event == "free":
        m.c.free(b)
    else:
        m.c.plan([m.c.add_sequence()], [2])
    for call in (lambda: st.append(0, *kv(m, 1)), lambda: st.attend(0, m.rand(1, HQ, D))):
        with pytest.raises(ValueError, match="this step is stale"):
            call()
    assert m.c.length(a) == 6


def test_attend_only_plans_do_not_invalidate_steps():
    m, a, b = filled()
    st = m.c.plan([a], [1])
    m.c.plan([a, b], [2, 2], new_tokens=[0, 0])  # writes nothing, allocates nothing
    m.c.add_sequence()
    st.append(0, *kv(m, 1))
    assert m.c.length(a, 0) == 7


def test_attend_before_append_and_appending_twice_raise():
    m, a, b = filled()
    st = m.c.plan([a, b], [1, 2])
    with pytest.raises(ValueError, match="append layer 0's new tokens before attending"):
        st.attend(0, m.rand(3, HQ, D))
    st.append(0, *kv(m, 3))
    with pytest.raises(ValueError, match="layer 0's new tokens are already appended"):
        st.append(0, *kv(m, 3))
    st.attend(0, m.rand(3, HQ, D))
    with pytest.raises(ValueError, match="layer must be an int in \\[0, 2\\), got 2"):
        st.append(2, *kv(m, 3))
    with pytest.raises(ValueError, match="q has 2 heads; the step was planned for 4"):
        m.c.plan([a], [1], new_tokens=[0], num_q_heads=HQ, layer=0).attend(
            0, m.rand(1, 2, D), mask=M.sinks(1))


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("planned", [True, False])
def test_query_heads_are_fixed_per_step(backend, planned):
    """A step runs one query head count, given to plan or set by the first attend; other
    heads are refused on every backend (a planned launch is bound to its heads)."""
    m = Mirror(make(backend, num_pages=16, page_size=4), seed=9)
    a = m.add()
    m.step([a], [5], mask=M.causal())
    st = m.c.plan([a], [2], new_tokens=[0], mask=(M.causal(), M.sinks(1)),
                  num_q_heads=HQ if planned else None)
    st.attend(0, m.rand(2, HQ, D))
    for layer, mask in ((1, None), (0, None), (0, M.sliding_window(2))):
        with pytest.raises(ValueError, match=f"q has 2 heads; the step was planned for {HQ}"):
            st.attend(layer, m.rand(2, 2, D), mask=mask)


def test_layers_out_of_step():
    """After layer 0 alone is appended, a plan over all layers is refused; one against a
    given layer catches that layer up."""
    m, a, b = filled()
    st = m.c.plan([a], [2])
    k, v = kv(m, 2)
    st.append(0, k, v)
    assert (m.c.length(a, 0), m.c.length(a, 1)) == (8, 6)
    with pytest.raises(ValueError, match=f"sequence {a}: layers hold different lengths"):
        m.c.plan([a], [1])
    m.c.plan([a, b], [0, 0], new_tokens=[2, 0], layer=1).append(1, k, v)
    assert m.c.length(a, 1) == 8
    for layer in range(LAYERS):
        ka, va = m.c.read(a, layer)
        assert torch.equal(ka[6:], k) and torch.equal(va[6:], v)
    m.c.plan([a], [1])


# ------------------------------------------------------------- argument errors


BAD = [
    (lambda m, a, b: m.c.plan([a, 99], [1, 1]), ValueError, "seqs=99 is not a live sequence"),
    (lambda m, a, b: m.c.plan([a, a], [1, 1]), ValueError, "seqs lists a sequence twice"),
    (lambda m, a, b: m.c.plan([], []), ValueError, "seqs is empty"),
    (lambda m, a, b: m.c.plan(a, [1]), TypeError, "seqs must be a list of sequence ids"),
    (lambda m, a, b: m.c.plan(["0"], [1]), TypeError, "seqs must be a sequence id"),
    (lambda m, a, b: m.c.plan([a], [1, 1]), ValueError, "q_lens has 2 entries for 1 sequences"),
    (lambda m, a, b: m.c.plan([a], [-1]), ValueError, r"q_lens\[0\] must be >= 0"),
    (lambda m, a, b: m.c.plan([a], [1.0]), TypeError, r"q_lens\[0\] must be an int"),
    (lambda m, a, b: m.c.plan([a], [1], new_tokens=[-2]), ValueError,
     r"new_tokens\[0\] must be >= 0"),
    (lambda m, a, b: m.c.plan([a], [8], new_tokens=[1]), ValueError,
     "q_lens: sequence 0 would hold 7 tokens, fewer than its 8 queries"),
    (lambda m, a, b: m.c.plan([a], [1], num_q_heads=3), ValueError,
     "num_q_heads=3 must be a multiple of num_kv_heads=2"),
    (lambda m, a, b: m.c.plan([a], [1], num_q_heads=0), ValueError, "num_q_heads must be >= 1"),
    (lambda m, a, b: m.c.plan([a], [1], layer=2), ValueError, "layer must be an int in"),
    (lambda m, a, b: m.c.plan([a], [1], mask=[M.causal()]), ValueError,
     r"mask: one per layer expected \(2\), got 1"),
    (lambda m, a, b: m.c.plan([a], [1], mask="causal"), TypeError, "mask must be a kvcc.masks"),
    (lambda m, a, b: m.c.plan([a], [1], mask=M.document([3, 4])), ValueError,
     r"mask: document\(...\) does not apply"),
    (lambda m, a, b: m.c.plan([a], [1], mask=M.document(seq_ids=torch.zeros(7).long())),
     ValueError, "mask: masks that read run-time tensors"),
    (lambda m, a, b: m.c.plan([a], [1], scale=-1.0), ValueError, "scale must be a positive"),
    (lambda m, a, b: m.c.free(99), ValueError, "seq=99 is not a live sequence"),
    (lambda m, a, b: m.c.fork(True), TypeError, "seq must be a sequence id"),
    (lambda m, a, b: m.c.read(a, layer=-1), ValueError, "layer must be an int in"),
    (lambda m, a, b: m.c.length(a, layer=1.0), ValueError, "layer must be an int in"),
    # Step.append: k/v shape, dtype, device
    (lambda m, a, b: m.c.plan([a], [2]).append(0, *kv(m, 3)), ValueError,
     rf"k must be \[2, 2, 16\] torch.float32 on {DEVICE} \(the step's 2 new tokens\), got "
     r"\[3, 2, 16\]"),
    (lambda m, a, b: m.c.plan([a], [2]).append(0, m.rand(2, HKV, D), m.rand(2, HKV, D).half()),
     ValueError, r"v must be \[2, 2, 16\] torch.float32"),
    (lambda m, a, b: m.c.plan([a], [2]).append(0, m.rand(2, HKV, D),
                                               torch.empty(2, HKV, D, device="meta")),
     ValueError, f"v must be .* on {DEVICE} .*, got .* on meta"),
    (lambda m, a, b: m.c.plan([a], [2]).append(0, m.rand(2, 1, D), m.rand(2, 1, D)),
     ValueError, r"k must be \[2, 2, 16\]"),
    (lambda m, a, b: m.c.plan([a], [2]).append(0, "k", "v"), TypeError,
     "k must be a torch.Tensor"),
    # Step.attend: q
    (lambda m, a, b: m.c.plan([a], [1], new_tokens=[0]).attend(0, m.rand(1, HQ, 8)), ValueError,
     r"q must be \[1, Hq, 16\] .*, got \[1, 4, 8\]"),
    (lambda m, a, b: m.c.plan([a], [1], new_tokens=[0]).attend(0, m.rand(1, 3, D)), ValueError,
     r"q must be .*\(Hq a multiple of 2\)"),
    (lambda m, a, b: m.c.plan([a], [1], new_tokens=[0]).attend(0, m.rand(2, HQ, D)), ValueError,
     r"q must be \[1, Hq, 16\]"),
    (lambda m, a, b: m.c.plan([a], [1], new_tokens=[0]).attend(0, m.rand(1, HQ, D).double()),
     ValueError, "q must be .* torch.float32"),
    (lambda m, a, b: m.c.plan([a], [1], new_tokens=[0]).attend(0, None), TypeError,
     "q must be a torch.Tensor"),
    (lambda m, a, b: m.c.plan([a], [1], new_tokens=[0]).attend(5, m.rand(1, HQ, D)), ValueError,
     "layer must be an int in"),
    # the convenience calls: cu_seqlens against seqs and the rows given
    (lambda m, a, b: m.c.append(0, [a, b], *kv(m, 3), cu_tensor(0, 3)),
     ValueError, "cu_seqlens has 2 entries; 2 sequences need 3"),
    (lambda m, a, b: m.c.append(0, [a, b], *kv(m, 3),
                                cu_tensor(0, 1, 2)),
     ValueError, r"cu_seqlens must start at 0, never decrease and end at 3 \(the rows of k\)"),
    (lambda m, a, b: m.c.append(0, [a, b], *kv(m, 3),
                                cu_tensor(0, 2, 1, 3)),
     ValueError, "cu_seqlens has 4 entries"),
    (lambda m, a, b: m.c.append(0, [a, b], *kv(m, 3), cu_tensor(0, 1, 3, dtype=torch.float32)),
     TypeError, "cu_seqlens must be int32"),
    (lambda m, a, b: m.c.append(0, [a, 42], *kv(m, 3), cu_tensor(0, 1, 3, dtype=torch.int64)),
     ValueError, "seqs=42 is not a live sequence"),
    (lambda m, a, b: m.c.append(3, [a], *kv(m, 1), cu_tensor(0, 1)), ValueError,
     "layer must be an int in"),
    (lambda m, a, b: m.c.attend(0, m.rand(3, HQ, D), [a, b], cu_tensor(0, 2, 4)),
     ValueError, r"cu_seqlens_q must start at 0, never decrease and end at 3"),
    (lambda m, a, b: m.c.attend(0, m.rand(3, HQ, D), [a], cu_tensor(0, 3), mask="x"),
     TypeError, "mask must be a kvcc.masks mask"),
    (lambda m, a, b: m.c.attend(0, m.rand(3, HQ, D), [a], cu_tensor(0, 3).view(1, 2)),
     ValueError, r"cu_seqlens_q must have shape \[B\+1\]"),
    (lambda m, a, b: m.c.attend(0, m.rand(3, HQ, D), [a], cu_tensor(0, 3, device="meta")),
     ValueError, "cu_seqlens_q is on meta"),
]


@pytest.mark.parametrize("what,err,match", BAD, ids=[m for _, _, m in BAD])
def test_bad_arguments_name_the_argument(what, err, match):
    m, a, b = filled()
    before = m.snapshot()
    with pytest.raises(err, match=match):
        what(m, a, b)
    assert m.snapshot()[2] == before[2], "a refused call changed no lengths"


def test_freed_sequence_ids_are_refused_everywhere():
    m, a, b = filled()
    m.free(b)
    calls = [lambda: m.c.plan([a, b], [1, 1]), lambda: m.c.fork(b), lambda: m.c.free(b),
             lambda: m.c.read(b), lambda: m.c.length(b),
             lambda: m.c.append(0, [b], *kv(m, 1), cu_tensor(0, 1)),
             lambda: m.c.attend(0, m.rand(1, HQ, D), [b], cu_tensor(0, 1))]
    for call in calls:
        with pytest.raises(ValueError, match=f"{b} is not a live sequence of this cache"):
            call()
    m.check()


@pytest.mark.parametrize("kw,err,match", [
    (dict(num_layers=0), ValueError, "num_layers must be >= 1"),
    (dict(num_kv_heads=1.5), TypeError, "num_kv_heads must be an int"),
    (dict(head_dim=12), ValueError, "head_dim head dim 12 is not supported"),
    (dict(num_pages=0), ValueError, "num_pages must be >= 1"),
    (dict(page_size=0), ValueError, "page_size must be >= 1"),
    (dict(dtype=torch.int32), TypeError, "dtype must be float16"),
    (dict(backend="tvm2"), ValueError, "backend must be one of"),
], ids=str)
def test_bad_constructor_arguments(kw, err, match):
    args = dict(num_layers=2, num_kv_heads=2, head_dim=16) | {
        k: kw.pop(k) for k in ("num_layers", "num_kv_heads", "head_dim") if k in kw}
    with pytest.raises(err, match=match):
        KVCache(**args, num_pages=kw.pop("num_pages", 4), **kw)


# ------------------------------------------------------------- no host sync in the run path


class Recorder:
    """Stands in for a kernel launch: records its arguments."""

    def __init__(self) -> None:
        self.calls: list[tuple[tuple, dict]] = []

    def __call__(self, *args, **kw) -> None:
        self.calls.append((args, kw))


READS = ("tolist", "item", "__bool__", "__int__", "__float__", "__index__")


def _no_host_io(monkeypatch, uploads: bool = True) -> None:
    """Every read of a tensor's values on the host raises from here on; with
    ``uploads``, every copy between host and device and every tensor built from host
    data too (the interpreter needs those to run real kernels)."""
    def refuse(*a, **kw):
        raise AssertionError("host read or upload in the run path")

    for name in READS + (("numpy", "cpu", "to", "copy_") if uploads else ()):
        monkeypatch.setattr(torch.Tensor, name, refuse)
    if uploads:
        monkeypatch.setattr(torch, "tensor", refuse)
        monkeypatch.setattr(torch, "as_tensor", refuse)


@needs_triton
def test_the_run_path_reads_nothing_on_meta_tensors(monkeypatch):
    """The per-layer calls of a planned step (Triton backend) run on tensors that hold no
    data: the cache pool, k/v and q on the meta device, the kernel launches stubbed by
    recorders, and every host read or upload refused while they run. So append and
    attend do no device-to-host reads (and no uploads): a step can be captured in a CUDA
    graph. The recorders see the planned grids and the layer's tensors."""
    c = make("triton", num_pages=64, page_size=16, device="meta")
    seqs = [c.add_sequence() for _ in range(3)]
    masks = (M.causal(), M.sliding_window(8))
    st = c.plan(seqs, [5, 1, 0], new_tokens=[40, 1, 3], mask=masks, num_q_heads=HQ,
                return_lse=True)
    _, meta = st._append_kernel
    append = Recorder()
    st._append_kernel = (append, meta)
    launchers = {}
    for m in masks:
        kind, launcher = st._attend[m, False]  # (False: not over Quest's selected pages)
        assert kind == "launch"
        launcher.kernel = Recorder()
        if launcher.merge is not None:
            launcher.merge = Recorder()
        launchers[m] = launcher
    _no_host_io(monkeypatch)
    outs = []
    for layer in range(LAYERS):
        k = torch.empty(44, HKV, D, device="meta")
        v = torch.empty(44, HKV, D, device="meta")
        st.append(layer, k, v)
        q = torch.empty(6, HQ, D, device="meta")
        outs.append(st.attend(layer, q))
        args, kw = append.calls[-1]
        assert args[0] is k and args[1] is v and args[4] is st.slots and args[5] == 44
        kc, vc = args[2], args[3]
        assert kc.shape == vc.shape == (64 * 16, HKV, D)
        assert kc.storage_offset() == c.k(layer).storage_offset()
        assert vc.storage_offset() == c.v(layer).storage_offset()
        assert kw["BLOCK_T"] == meta["BLOCK_T"]
        launcher = launchers[masks[layer]]
        largs, _ = launcher.kernel.calls[-1]
        assert largs[0] is q and largs[1].storage_offset() == c.k(layer).storage_offset()
        assert largs[3] is outs[-1][0] and largs[4] is outs[-1][1]
        spec = launcher.spec
        assert launcher.grid[:2] == (math.ceil(5 * spec.rows_per_q / spec.block_m), 3)
        assert launcher.grid[2] % (HQ // spec.group if spec.pack_gqa else HQ) == 0
    monkeypatch.undo()
    assert len(append.calls) == LAYERS
    assert all(len(lr.kernel.calls) == 1 for lr in launchers.values())
    assert [c.length(s, i) for s in seqs for i in range(LAYERS)] == [40, 40, 1, 1, 3, 3]
    o, lse = outs[0]
    assert o.shape == (6, HQ, D) and lse.shape == (6, HQ) and o.device.type == "meta"


@needs_triton
def test_the_run_path_reads_nothing_with_real_kernels(monkeypatch):
    """The same on the CPU with the interpreter running the real kernels: with host
    reads refused, append and attend of a planned step give the oracle's results."""
    m = Mirror(make("triton", num_pages=16, page_size=4), seed=8)
    a, b = m.add(), m.add()
    m.step([a, b], [6, 2], mask=M.causal())
    st = m.c.plan([a, b], [1, 3], mask=M.causal(), num_q_heads=HQ)
    k, v, q = m.rand(4, HKV, D), m.rand(4, HKV, D), m.rand(4, HQ, D)
    with monkeypatch.context() as p:
        _no_host_io(p, uploads=False)
        st.append(0, k, v)
        o = st.attend(0, q)
        with pytest.raises(AssertionError, match="host read"):
            m.c.plan([a], [1], layer=0)  # planning does host work: the guard is live
    ka, va = m.c.read(a, 0)
    kb, vb = m.c.read(b, 0)
    assert torch.equal(ka[6:], k[:1]) and torch.equal(kb[2:], k[1:])
    assert_close(o[:1], attend(q[:1], ka, va, M.causal())[0], ATOL[torch.float32])
    assert_close(o[1:], attend(q[1:], kb, vb, M.causal())[0], ATOL[torch.float32])


# ------------------------------------------------------------- review findings, kept fixed


def test_a_step_planned_for_one_layer_serves_that_layer_only():
    c = make()
    s = c.add_sequence()
    g = torch.Generator().manual_seed(1)
    k = torch.randn(5, HKV, D, generator=g)
    c.append(0, [s], k, k, cu_tensor(0, 5))
    step = c.plan([s], [1], layer=0)
    with pytest.raises(ValueError, match="planned for layer 0"):
        step.append(1, k[:1], k[:1])  # layer 1 holds 0 tokens, not 5: it would corrupt it
    assert c.length(s, 1) == 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_new_keys_with_any_strides_are_stored_as_given(backend):
    c = make(backend)
    s = c.add_sequence()
    g = torch.Generator().manual_seed(2)
    k = torch.randn(7, D, HKV, generator=g).transpose(1, 2).to(DEVICE)  # head-dim stride 2
    v = torch.randn(7, HKV, 2 * D, generator=g)[..., ::2].to(DEVICE)
    assert k.stride(-1) != 1 and v.stride(-1) != 1
    step = c.plan([s], [7], num_q_heads=HQ)
    for layer in range(LAYERS):
        step.append(layer, k, v)
    rk, rv = c.read(s, 1)
    assert torch.equal(rk, k) and torch.equal(rv, v)
    q = torch.randn(7, HQ * 2, D, generator=g)[:, ::2].to(DEVICE)  # a q view, not contiguous
    o = step.attend(1, q)
    assert_close(o, attend(q, k, v, M.full())[0], ATOL[torch.float32])


def test_attend_checks_a_mask_given_at_run_time():
    m, a, b = filled()
    step = m.c.plan([a, b], [1, 1], new_tokens=[0, 0], num_q_heads=HQ)
    q = m.rand(2, HQ, D)
    with pytest.raises(TypeError, match="mask must be a kvcc.masks mask"):
        step.attend(0, q, mask="causal")
    with pytest.raises(ValueError, match="document"):
        step.attend(0, q, mask=M.document([3, 4]))


def test_convenience_calls_name_their_arguments():
    c = make()
    s = c.add_sequence()
    k = torch.zeros(2, HKV, D, device=DEVICE)
    with pytest.raises(TypeError, match="seqs must be a list of sequence ids"):
        c.append(0, 5, k, k, cu_tensor(0, 2))
    with pytest.raises(TypeError, match="k must be a torch.Tensor"):
        c.append(0, [s], [1.0], k, cu_tensor(0, 2))
    with pytest.raises(TypeError, match="q must be a torch.Tensor"):
        c.attend(0, None, [s], cu_tensor(0, 1))


def test_the_cache_device_is_its_pool_device_and_float64_takes_the_reference():
    c = make()
    assert c.device == c.pool.device and c.k(0).device == c.device
    assert make("auto", dtype=torch.float64).backend == "reference"
    if needs_triton.args[0]:  # the Triton kernels are unavailable here anyway
        return
    with pytest.raises(ValueError, match="float64 is not supported by the Triton kernels"):
        make("triton", dtype=torch.float64)


@needs_triton
def test_plan_reads_the_key_extent_of_each_layout_without_hints():
    """The split choice sees the block table's capacity (paged) or the packed length,
    not a dense axis; a dense op takes a key-length hint without effect."""
    from kvcc.codegen.triton.op import plan
    from kvcc.frontend.attention_call import lower_attention_call
    from kvcc.runtime.modules import paged_module

    c = make("triton", num_pages=40, page_size=4)
    s = c.add_sequence()
    step = c.plan([s], [1], new_tokens=[150], num_q_heads=HQ)
    op = paged_module(HQ, HKV, D, torch.float32, 4, M.causal(), 0.25, None, False).ops[0]
    t = step._tensors(torch.zeros(1, HQ, D, device=DEVICE), 0)
    assert plan(op, t, max_q_len=1).sizes[2] == step.block_table.shape[1] * 4 == 152
    assert plan(op, t, max_q_len=1, max_kv_len=150).sizes[2] == 150
    call = lower_attention_call(*(torch.zeros(1, 2, n, 16, device=DEVICE) for n in (3, 9, 9)))
    assert plan(call.module.ops[0], call.inputs, max_kv_len=5).sizes[2] == 9
