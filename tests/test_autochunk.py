"""AutoChunk over FX graphs: estimated and measured activation peaks drop under the
budget, outputs stay equal, and graphs it cannot chunk get a clear error.

Measured peaks come from :class:`LiveStorageBytes`, not from the estimator. torch's
CPU allocator keeps no statistics, so the tracker watches the real run: a
``TorchDispatchMode`` sees every aten op the module executes (also the ones inside
``nn.Linear``, composite ops and the chunk loop's own ``new_empty``/``copy_``), notes
each output storage it has not seen before with its byte size, and holds a C++ weak
reference to it; after each op it drops the storages whose weak reference expired (the
tensor was freed) and records the sum of the rest. The peak is the largest such sum:
the bytes of activation storages alive at an op boundary. Inputs and parameters are
registered first and never counted; memory an op allocates and frees inside itself
(a kernel's scratch) is not seen, by the tracker or by the estimate.
"""

from __future__ import annotations

import pytest
import torch
import torch.nn.functional as F
from torch import nn
from torch.multiprocessing.reductions import StorageWeakRef
from torch.utils._python_dispatch import TorchDispatchMode
from torch.utils._pytree import tree_leaves

from kvcc.frontend.autochunk import AutoChunk, AutoChunkError, ChunkLoop, estimate_peak
from kvcc.frontend.autochunk_rules import reshape_source
from kvcc.passes.base import PassOptionError

MiB = 1 << 20


class LiveStorageBytes(TorchDispatchMode):
    """Peak bytes of storages created by the ops run under it and still alive."""

    def __init__(self, known: list[torch.Tensor]) -> None:
        super().__init__()
        # weak references keep each storage's identity unique while we hold them
        self.known = {StorageWeakRef(t.untyped_storage()) for t in known}
        self.live: dict[StorageWeakRef, int] = {}
        self.peak = 0

    def __torch_dispatch__(self, func, types, args=(), kwargs=None):
        out = func(*args, **(kwargs or {}))
        for ref in [r for r in self.live if r.expired()]:
            del self.live[ref]
        for t in tree_leaves(out):
            if isinstance(t, torch.Tensor):
                ref = StorageWeakRef(t.untyped_storage())
                if ref not in self.known and ref not in self.live:
                    self.live[ref] = t.untyped_storage().nbytes()
        self.peak = max(self.peak, sum(self.live.values()))
        return out


def measured_peak(gm: nn.Module, *inputs: torch.Tensor) -> tuple[int, object]:
    tracker = LiveStorageBytes(list(inputs) + list(gm.parameters()) + list(gm.buffers()))
    with torch.no_grad(), tracker:
        out = gm(*inputs)
    return tracker.peak, out


def loops(gm: nn.Module) -> list[ChunkLoop]:
    return [m for m in gm.modules() if isinstance(m, ChunkLoop)]


class MLP(nn.Module):
    def __init__(self, dim: int = 64, hidden: int = 1024) -> None:
        super().__init__()
        self.fc1, self.act, self.fc2 = nn.Linear(dim, hidden), nn.GELU(), nn.Linear(hidden, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.fc2(self.act(self.fc1(x)))


class ScoresSoftmax(nn.Module):
    """Hand-written attention: the [B, H, S, S] scores are the peak."""

    def forward(self, q: torch.Tensor, k: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
        b, h, s, d = q.shape
        p = (q @ k.transpose(-2, -1) * d ** -0.5).softmax(dim=-1)
        return (p @ v).transpose(1, 2).reshape(b, s, h * d)


def check_chunked(gm, inputs, budget: int) -> tuple[nn.Module, dict[str, int]]:
    """Run the pass; check estimates, measurements and outputs; return the numbers."""
    est_before, _ = estimate_peak(gm, inputs)
    meas_before, want = measured_peak(gm, *inputs)
    code_before = gm.code
    out = AutoChunk(budget).run(gm, inputs)
    assert gm.code == code_before  # the input module is left as it was
    est_after, _ = estimate_peak(out, inputs)
    meas_after, got = measured_peak(out, *inputs)
    torch.testing.assert_close(got, want)
    assert set(out.state_dict()) == set(gm.state_dict())  # parameters keep their names
    assert est_before > budget >= est_after
    assert meas_before > budget >= meas_after
    # the estimate counts what the tracker sees
    assert est_before == meas_before and est_after == meas_after
    return out, dict(est_before=est_before, est_after=est_after, meas_before=meas_before,
                     meas_after=meas_after)


def test_mlp_chunked_along_sequence():
    torch.manual_seed(0)
    gm = torch.fx.symbolic_trace(MLP())
    x = torch.randn(1, 4096, 64)
    out, n = check_chunked(gm, (x,), 4 * MiB)
    assert n["est_before"] == 32 * MiB  # fc1 and GELU outputs, [4096, 1024] float32 each
    (loop,) = loops(out)
    assert loop.in_dims == (1,) and loop.out_dims == (1,) and loop.extent == 4096
    assert 1 < loop.chunk < 4096
    assert [n.name for n in loop.body.graph.nodes if n.op == "call_module"] == ["fc1", "act", "fc2"]


def test_attention_chunked_along_queries():
    torch.manual_seed(0)
    gm = torch.fx.symbolic_trace(ScoresSoftmax())
    q, k, v = (torch.randn(1, 4, 1024, 32) for _ in range(3))
    out, n = check_chunked(gm, (q, k, v), 4 * MiB)
    assert n["est_before"] == 32 * MiB  # scores and scaled scores, [4, 1024, 1024] each
    (loop,) = loops(out)
    # q sliced along its query dim; K^T and V read whole by every slice
    assert loop.in_dims == (2, None, None) and loop.out_dims == (2,)


class GQAProjected(nn.Module):
    """Projections, grouped KV heads repeated, scores, softmax, output projection."""

    def __init__(self, dim: int = 64, heads: int = 8, kv_heads: int = 2) -> None:
        super().__init__()
        self.h, self.hkv, self.d = heads, kv_heads, dim // heads
        self.wq, self.wo = nn.Linear(dim, dim), nn.Linear(dim, dim)
        self.wkv = nn.Linear(dim, 2 * kv_heads * self.d)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, s, _ = x.shape
        q = self.wq(x).view(b, s, self.h, self.d).transpose(1, 2)
        k, v = self.wkv(x).view(b, s, 2, self.hkv, self.d).permute(2, 0, 3, 1, 4)
        k = k.repeat_interleave(self.h // self.hkv, dim=1)
        v = v.repeat_interleave(self.h // self.hkv, dim=1)
        p = F.softmax(torch.matmul(q, k.transpose(-1, -2)) / self.d ** 0.5, dim=-1)
        return self.wo(torch.matmul(p, v).transpose(1, 2).reshape(b, s, self.h * self.d))


def test_exported_gqa_attention():
    """An aten graph from torch.export: repeat_interleave is not in the table, but it
    reads only K/V, so it stays before the loop as an invariant."""
    torch.manual_seed(0)
    x = torch.randn(1, 1024, 64)
    gm = torch.export.export(GQAProjected(), (x,)).module()
    out, n = check_chunked(gm, (x,), 4 * MiB)
    assert n["est_before"] > 60 * MiB
    (loop,) = loops(out)
    assert loop.in_dims[0] == 2 and loop.extent == 1024


class Reshaping(nn.Module):
    """Sizes read from the input (folded to constants) and views inside the region:
    the loop body rewrites their sizes for a slice."""

    def __init__(self) -> None:
        super().__init__()
        self.fc1, self.fc2 = nn.Linear(64, 1024), nn.Linear(1024, 64)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, s, _ = x.shape
        h = self.fc1(x).view(b, s, 16, -1).softmax(dim=-1)
        return self.fc2(h.reshape(b, s, 1024))


@pytest.mark.parametrize("tracer", ["symbolic_trace", "export"])
def test_views_with_traced_sizes_inside_the_loop(tracer):
    torch.manual_seed(0)
    x = torch.randn(2, 2048, 64)
    if tracer == "export":
        gm = torch.export.export(Reshaping(), (x,)).module()
    else:
        gm = torch.fx.symbolic_trace(Reshaping())
    out, _ = check_chunked(gm, (x,), 4 * MiB)
    (loop,) = loops(out)
    assert loop.in_dims[0] == 1 and set(loop.in_dims[1:]) <= {None}
    views = [n.args for n in loop.body.graph.nodes
             if getattr(n.target, "__name__", n.target) in ("view", "reshape", "view.default",
                                                             "reshape.default")]
    assert len(views) == 2 and all(args[1][1] == -1 for args in views)


def test_softmax_dim_is_never_chunked():
    """Softmax and sum over dim 0 mix its rows: the only dim that flows unreduced is dim 1."""
    gm = torch.fx.symbolic_trace(lambda x: (x.exp() * 2).softmax(dim=0).sum(dim=0))
    x = torch.randn(2048, 512)
    out, _ = check_chunked(gm, (x,), 3 * MiB)
    assert [loop.in_dims for loop in loops(out)] == [(1,)]


class RotateHalf(nn.Module):
    """RoPE's rotate-half: slices and a cat along the last dim keep the sequence whole."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = x.exp()
        r = torch.cat([-h[..., 128:], h[..., :128]], dim=-1) * 2 + h
        return r.sum(dim=-1)


def test_exported_slices_and_cat_along_another_dim():
    x = torch.randn(1, 2048, 256)
    gm = torch.export.export(RotateHalf(), (x,)).module()
    out, n = check_chunked(gm, (x,), MiB)
    assert n["est_before"] >= 4 * MiB
    assert [loop.in_dims for loop in loops(out)] == [(1,)]


class TwoLayers(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.a, self.norm, self.b = MLP(), nn.LayerNorm(64), MLP()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.b(self.norm(self.a(x)))


def test_two_peaks_get_two_loops():
    torch.manual_seed(0)
    gm = torch.fx.symbolic_trace(TwoLayers())
    out, _ = check_chunked(gm, (torch.randn(2, 2048, 64),), 6 * MiB)
    assert len(loops(out)) == 2


def test_estimate_counts_storages_not_views():
    def f(x):
        a = x * 2              # 1 MiB
        b = a.view(-1).exp()   # 1 MiB; the view allocates nothing
        return b.sum()
    gm = torch.fx.symbolic_trace(f)
    x = torch.randn(1024, 256)
    peak, node = estimate_peak(gm, (x,))
    assert (peak, node.name) == (2 * MiB, "exp")
    assert measured_peak(gm, x)[0] == 2 * MiB


def test_under_budget_is_returned_as_is():
    gm = torch.fx.symbolic_trace(MLP())
    assert AutoChunk(64 * MiB).run(gm, (torch.randn(1, 512, 64),)) is gm


def test_unknown_op_at_the_peak_is_an_error():
    gm = torch.fx.symbolic_trace(lambda x: torch.cumsum(x.exp(), dim=0).sum(-1))
    with pytest.raises(AutoChunkError, match=r"'cumsum' \(torch.cumsum\) is not an op AutoChunk "
                                             r"knows") as e:
        AutoChunk(MiB).run(gm, (torch.randn(4096, 256),))
    assert e.value.peak_bytes == 8 * MiB and e.value.node.name == "cumsum"


def test_budget_below_any_region_is_an_error():
    """The MLP's input and output are 1 MiB each: no slicing gets the whole under 1 MiB."""
    gm = torch.fx.symbolic_trace(MLP())
    with pytest.raises(AutoChunkError, match=r"over the budget of 1048576 bytes.*closest, .*needs "
                                             r"(at least )?\d+ bytes .* in slices of one.*raise "
                                             r"the budget"):
        AutoChunk(MiB).run(gm, (torch.randn(1, 4096, 64),))


@pytest.mark.parametrize("budget", [0, -5, 1.5, True, "1MiB", None])
def test_budget_validation(budget):
    with pytest.raises(PassOptionError, match="budget_bytes"):
        AutoChunk(budget)
    assert issubclass(PassOptionError, ValueError)


def test_run_needs_a_graph_module():
    with pytest.raises(TypeError, match="GraphModule"):
        AutoChunk(MiB).run(MLP(), (torch.randn(1, 8, 64),))


@pytest.mark.parametrize("src,dst,d,want", [
    ((2, 4096, 1024), (2, 4096, 16, 64), 1, 1),   # split the last dim: seq passes through
    ((2, 4096, 16, 64), (2, 4096, 1024), 1, 1),   # merge the last two
    ((2, 4096, 64), (8192, 64), 0, None),         # merged with batch: not one dim
    ((1, 4096, 64), (4096, 64), 0, 1),            # size-1 dims do not matter
    ((4096, 64), (64, 4096), 0, None),            # same sizes, different elements
])
def test_reshape_source(src, dst, d, want):
    assert reshape_source(src, dst, d) == want
