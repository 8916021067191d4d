"""Shared pieces of the KVCache tests: a cache factory and a Python mirror of every
sequence's dense history, checked against a float64 oracle after each operation."""

from __future__ import annotations

import math
import os

import pytest
import torch

from kvcc import masks as M
from kvcc.runtime.cache import KVCache
from kvcc.runtime.pages import CacheFull
from tests.packed_oracle import assert_close, attend, cumsum
from tests.triton_helpers import DEVICE, needs_triton

LAYERS, HKV, HQ, D = 2, 2, 4, 16
EXAMPLES = int(os.environ.get("KVCC_CACHE_EXAMPLES", "15"))
BACKENDS = ["reference", pytest.param("triton", marks=needs_triton)]
ATOL = {torch.float32: 2e-5, torch.float16: 3e-3}


def make(backend="reference", *, num_pages=32, page_size=4, dtype=torch.float32, layers=LAYERS,
         hkv=HKV, d=D, device=DEVICE) -> KVCache:
    return KVCache(layers, hkv, d, num_pages=num_pages, page_size=page_size, dtype=dtype,
                   device=device, backend=backend)


class Mirror:
    """A cache under test beside what it must hold: each live sequence's K/V history per
    layer, kept densely in Python. Every call checks the cache against it."""

    def __init__(self, cache: KVCache, seed: int = 0, hq: int = HQ) -> None:
        self.c, self.hq = cache, hq
        self.gen = torch.Generator().manual_seed(seed)
        self.hist: dict[int, list[tuple[torch.Tensor, torch.Tensor]]] = {}

    def rand(self, *shape) -> torch.Tensor:
        return torch.randn(*shape, generator=self.gen).to(self.c.dtype).to(self.c.device)

    def add(self) -> int:
        sid = self.c.add_sequence()
        empty = torch.zeros(0, self.c.num_kv_heads, self.c.head_dim, dtype=self.c.dtype)
        self.hist[sid] = [(empty, empty)] * self.c.num_layers
        self.check()
        return sid

    def fork(self, sid: int) -> int:
        free = self.c.pages_free
        child = self.c.fork(sid)
        assert self.c.pages_free == free, "fork copies nothing"
        self.hist[child] = list(self.hist[sid])
        self.check()
        return child

    def free(self, sid: int) -> None:
        self.c.free(sid)
        del self.hist[sid]
        self.check()

    def step(self, seqs, q_lens, new=None, mask=None, fits=True, **kw):
        """Plan, then per layer append random tokens and attend random queries; returns
        the outputs per layer. ``fits=False``: the cache may be full, then nothing must
        have changed (and None is returned)."""
        new = list(q_lens) if new is None else list(new)
        before = self.snapshot()
        try:
            st = self.c.plan(seqs, q_lens, new_tokens=new, mask=mask, **kw)
        except CacheFull as e:
            if fits:
                raise
            assert f"needs {self.pages_needed(seqs, new)} free pages" in str(e), str(e)
            assert self.snapshot() == before
            self.check()
            return None
        outs = []
        for layer in range(self.c.num_layers):
            k, v = (self.rand(sum(new), self.c.num_kv_heads, self.c.head_dim) for _ in "kv")
            st.append(layer, k, v)
            ck = cumsum(new)
            for i, sid in enumerate(seqs):
                hk, hv = self.hist[sid][layer]
                self.hist[sid][layer] = (torch.cat([hk, k[ck[i]:ck[i + 1]].cpu()]),
                                         torch.cat([hv, v[ck[i]:ck[i + 1]].cpu()]))
            q = self.rand(sum(q_lens), self.hq, self.c.head_dim)
            out = st.attend(layer, q)
            m = mask[layer] if isinstance(mask, (list, tuple)) else mask
            self.check_attention(seqs, q_lens, q, out, layer, m, kw.get("return_lse", False))
            outs.append(out)
        self.check()
        return outs

    def check_attention(self, seqs, q_lens, q, out, layer, mask, with_lse) -> None:
        o, lse = out if with_lse else (out, None)
        assert o.shape == q.shape and o.dtype == self.c.dtype
        cq = cumsum(q_lens)
        for i, sid in enumerate(seqs):
            hk, hv = self.hist[sid][layer]
            rows = slice(cq[i], cq[i + 1])
            want_o, want_lse = attend(q[rows].cpu(), hk, hv, mask)
            assert_close(o[rows], want_o, ATOL[self.c.dtype], f"o of sequence {sid}")
            if with_lse:
                assert_close(lse[rows], want_lse, ATOL[self.c.dtype], f"lse of sequence {sid}")

    def check(self) -> None:
        """Lengths and contents equal the histories; the page accounting adds up."""
        c = self.c
        assert set(c.sequences) == set(self.hist)
        used = set()
        for sid, layers in self.hist.items():
            for layer, (hk, hv) in enumerate(layers):
                assert c.length(sid, layer) == hk.shape[0]
                k, v = c.read(sid, layer)
                assert torch.equal(k.cpu(), hk) and torch.equal(v.cpu(), hv), (sid, layer)
            pages = c._seqs[sid].pages
            longest = max(hk.shape[0] for hk, _ in layers)
            assert len(pages) == math.ceil(longest / c.page_size), "no page beyond the tokens"
            used |= set(pages)
        assert c.pages_free == c.num_pages - len(used)
        assert c.bytes_used() == len(used) * c.page_size * c.bytes_per_token

    def snapshot(self):
        c = self.c
        return (c.pages_free, c.sequences,
                {s: [c.length(s, i) for i in range(c.num_layers)] for s in c.sequences},
                {s: list(c._seqs[s].pages) for s in c.sequences})

    def pages_needed(self, seqs, new) -> int:
        """New pages plus copies of the shared pages the step writes (the last of a
        page's holders to write it keeps it)."""
        c, need, writers = self.c, 0, {}
        for sid, n in zip(seqs, new):
            pages, s = c._seqs[sid].pages, c.length(sid)
            total = math.ceil((s + n) / c.page_size) if n else 0
            need += max(0, total - len(pages))
            for i in range(s // c.page_size, min(len(pages), total)):
                writers[pages[i]] = writers.get(pages[i], 0) + 1
        alloc = c._alloc
        return need + sum(w - (w == alloc.refs(p)) for p, w in writers.items() if alloc.shared(p))



def filled(backend="reference"):
    m = Mirror(make(backend, num_pages=16, page_size=4), seed=7)
    a, b = m.add(), m.add()
    m.step([a, b], [6, 3], mask=M.causal())
    return m, a, b


def kv(m, n):
    return m.rand(n, HKV, D), m.rand(n, HKV, D)


def cu_tensor(*xs, dtype=torch.int32, device=DEVICE):
    return torch.tensor(xs, dtype=dtype, device=device)
