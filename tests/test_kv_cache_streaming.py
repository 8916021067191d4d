"""``KVCache(..., streaming=StreamingHeads(...))``: the streaming heads' bytes stay
constant as sequences grow, attention equals ``kvcc.attention`` over each sequence's
full history with the ``by_head`` mask (decode, prefill chunks, GQA, fork and free),
and bad inputs get clear errors."""

from __future__ import annotations

import pytest
import torch

import kvcc
from kvcc import masks as M
from kvcc.runtime import KVCache, StreamingHeads
from kvcc.runtime.pages import CacheFull
from tests.triton_helpers import DEVICE, needs_triton, needs_tvm

# (on TVM: one launch per pool)
BACKENDS = ["reference", pytest.param("triton", marks=needs_triton),
            pytest.param("tvm", marks=needs_tvm)]
HKV, HQ, D = 4, 8, 16
HEADS = ((1, 2), (0, 3))  # per layer


def make(backend="reference", *, sinks=3, recent=8, chunk=6, page_size=4, num_pages=64,
         heads=HEADS, max_seqs=4) -> KVCache:
    return KVCache(len(heads), HKV, D, num_pages=num_pages, page_size=page_size,
                   dtype=torch.float32, device=DEVICE, backend=backend, max_seqs=max_seqs,
                   streaming=StreamingHeads(heads, sinks=sinks, recent=recent, chunk=chunk))


LAUNCHES: list = []  # the generated kernels' launches (a test that counts them patches)


@pytest.fixture(autouse=True)
def _count_launches(monkeypatch):
    try:
        from kvcc.codegen.triton.launch import Launcher
    except ImportError:
        yield
        return
    orig = Launcher._launch
    monkeypatch.setattr(Launcher, "_launch", lambda self: (LAUNCHES.append(self), orig(self))[1])
    yield
    LAUNCHES.clear()


class History:
    """Each sequence's full K/V history per layer, and the oracle over it."""

    def __init__(self, c: KVCache, seed: int = 0) -> None:
        self.c, self.gen = c, torch.Generator().manual_seed(seed)
        self.kv: dict[int, list[tuple[torch.Tensor, torch.Tensor]]] = {}

    def rand(self, *shape) -> torch.Tensor:
        return torch.randn(*shape, generator=self.gen).to(DEVICE)

    def add(self) -> int:
        sid = self.c.add_sequence()
        e = torch.zeros(0, HKV, D, device=DEVICE)
        self.kv[sid] = [(e, e)] * self.c.num_layers
        return sid

    def step(self, seqs, q_lens, new, causal=True):
        """Plan, append and attend one step; check every layer against the oracle."""
        mask = M.causal() if causal else None
        st = self.c.plan(seqs, q_lens, new_tokens=new, mask=mask, return_lse=True,
                         num_q_heads=HQ)  # planned here (CUDA graphs)
        sp = self.c.stream.opts
        for layer in range(self.c.num_layers):
            k, v = self.rand(sum(new), HKV, D), self.rand(sum(new), HKV, D)
            st.append(layer, k, v)
            at = 0
            for sid, n in zip(seqs, new):
                hk, hv = self.kv[sid][layer]
                self.kv[sid][layer] = (torch.cat([hk, k[at:at + n]]),
                                       torch.cat([hv, v[at:at + n]]))
                at += n
            q = self.rand(sum(q_lens), HQ, D)
            before = len(LAUNCHES)
            o, lse = st.attend(layer, q)
            if self.c.backend == "triton":  # both head kinds in one launch
                assert len(LAUNCHES) == before + 1
                assert LAUNCHES[-1].spec.kv_alt == ",".join(map(str, HEADS[layer]))
            if self.c.backend == "tvm":  # generated kernels, not the reference
                assert {kind for kind, _ in st._attend.values()} == {"tvm"}
            at = 0
            base = M.causal() if causal else M.full()
            want_mask = M.by_head(list(HEADS[layer]), base & M.streaming(sp.sinks, sp.recent),
                                  base, num_kv_heads=HKV, group=HQ // HKV)
            for sid, nq in zip(seqs, q_lens):
                hk, hv = self.kv[sid][layer]
                qs = q[at:at + nq].transpose(0, 1)[None]
                wo, wl = kvcc.attention(qs, hk.transpose(0, 1)[None], hv.transpose(0, 1)[None],
                                        mask=want_mask, return_lse=True, backend="reference")
                torch.testing.assert_close(o[at:at + nq], wo[0].transpose(0, 1),
                                           atol=2e-5, rtol=1e-4)
                torch.testing.assert_close(lse[at:at + nq], wl[0].transpose(0, 1),
                                           atol=2e-5, rtol=1e-4)
                at += nq
        return st


def test_streaming_bytes_stay_constant_while_retrieval_bytes_grow():
    c = make(sinks=4, recent=256, chunk=64, page_size=16, num_pages=600, heads=((1, 2),) * 2)
    sid = c.add_sequence()
    stream, main = [], []
    for n in (1024, 2048, 3072, 4096):
        grow = n - c.length(sid)
        st = c.plan([sid], [0], new_tokens=[grow])
        for layer in range(2):
            st.append(layer, torch.randn(grow, HKV, D, device=DEVICE),
                      torch.randn(grow, HKV, D, device=DEVICE))
        stream.append(c.stream.bytes_used())
        main.append(c.bytes_used())
    assert len(set(stream)) == 1, stream
    assert main == sorted(main) and main[-1] == 4 * main[0], main
    # per sequence: sink page + ring of (256 + 64 - 1 + 15) tokens, for 2 heads, 2 layers
    assert stream[0] == (1 + 21) * 16 * 2 * 2 * D * 4 * 2
    # the main pages hold the 2 retrieval heads only
    assert main[-1] == 4096 * 2 * 2 * 2 * D * 4


@pytest.mark.parametrize("backend", BACKENDS)
def test_attend_equals_the_by_head_program(backend):
    h = History(make(backend))
    a = h.add()
    h.step([a], [6], [20])  # a prefill chunk (the last 6 of 20 new tokens)
    h.step([a], [5], [5])
    b = h.add()
    h.step([a, b], [1, 6], [1, 6])  # decode beside a prefill chunk
    c = h.c.fork(a)
    h.kv[c] = list(h.kv[a])
    for i in range(14):  # the rings wrap
        h.step([a, b, c], [1, 1, 2], [1, 1, 2], causal=i % 3 != 0)
    h.c.free(b)
    del h.kv[b]
    h.step([c, a], [1, 3], [1, 3])
    d = h.add()  # b's row, reused
    h.step([d, a], [4, 1], [4, 1])
    for sid in (a, c):  # read: the retrieval heads whole, the streaming heads' view
        k, _ = h.c.read(sid, 1)
        torch.testing.assert_close(k[:, [1, 2]], h.kv[sid][1][0][:, [1, 2]])
        kept = h.c.stream.positions(len(k))  # sink pages, then the ring's tail, in order
        assert kept[:4] == [0, 1, 2, 3] and len(kept) < len(k)
        torch.testing.assert_close(k[kept][:, [0, 3]], h.kv[sid][1][0][kept][:, [0, 3]])
        dropped = sorted(set(range(len(k))) - set(kept))
        assert k[dropped][:, [0, 3]].abs().sum() == 0


def test_short_sequences_and_attend_only_steps():
    h = History(make())
    a = h.add()
    h.step([a], [2], [2])  # fewer tokens than the sinks
    h.step([a], [1], [0])  # attend only
    h.step([a], [6], [6])
    h.step([a], [6], [40])  # more new tokens than the ring holds
    st = h.step([a], [6], [6], causal=False)  # a full chunk after the ring wrapped
    q = h.rand(6, HQ, D)  # KVCache.attend (no lse) reads the same
    o, _ = st.attend(1, q)
    cu = torch.tensor([0, 6], dtype=torch.int32, device=DEVICE)
    torch.testing.assert_close(h.c.attend(1, q, [a], cu), o)


def test_errors():
    def bad(exc, match, **kw):
        with pytest.raises(exc, match=match):
            make(**kw)

    bad(ValueError, "out of range", heads=((1, 4), (0, 1)))
    bad(ValueError, "names a head twice", heads=((1, 1), (0, 1)))
    with pytest.raises(ValueError, match="one tuple per layer"):
        KVCache(2, HKV, D, num_pages=4, streaming=StreamingHeads(((1,),)))
    bad(ValueError, "same number", heads=((1,), (0, 1)))
    bad(ValueError, "at least one retrieval head", heads=((0, 1, 2, 3), (0, 1, 2, 3)))
    bad(ValueError, "between 1 and", heads=((), ()))
    bad(TypeError, "must be an int", heads=((1.0,), (0,)))
    bad(TypeError, "one tuple of KV head indices per layer", heads="01")
    bad(ValueError, "streaming sinks must be >= 0", sinks=-1)
    bad(ValueError, "streaming recent must be >= 1", recent=0)
    bad(TypeError, "streaming recent must be an int", recent=2.5)
    bad(ValueError, "streaming chunk must be >= 1", chunk=0)
    with pytest.raises(TypeError, match="StreamingHeads"):
        KVCache(2, HKV, D, num_pages=4, streaming=((1,), (0,)))
    with pytest.raises(ValueError, match="kv_format or page_stats"):
        KVCache(2, HKV, D, num_pages=4, page_stats=True, streaming=StreamingHeads(HEADS))
    c = make(max_seqs=1)
    a = c.add_sequence()
    with pytest.raises(CacheFull, match="streaming rows"):
        c.add_sequence()
    with pytest.raises(ValueError, match="at most chunk=6"):
        c.plan([a], [7])
    with pytest.raises(ValueError, match="full or causal"):
        c.plan([a], [1], mask=M.sliding_window(4))
    assert c.length(a) == 0 and c.pages_free == 64
