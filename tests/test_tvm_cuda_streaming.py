"""Streaming heads (DuoAttention) in the TVM CUDA kernels: ``CudaKernels.paged_streaming``
over both pools of a ``kvcc.KVCache`` with ``StreamingHeads`` (one paged launch per
pool), run through the CUDA emulation against the cache's own attention (the reference
backend's two-source op) on prefill chunks and decode steps, causal and full, as the
rings wrap."""

from __future__ import annotations

import pytest
import torch

from kvcc import masks as M
from kvcc.codegen.tvm import cuda, cuda_emulate
from kvcc.codegen.tvm import cuda_kernels as ck
from kvcc.runtime import KVCache, StreamingHeads

pytestmark = pytest.mark.skipif(
    cuda_emulate.cxx_path() is None or cuda.nvcc_path() is None,
    reason="needs g++ (the emulation) and nvcc (the build)")

HKV, HQ, D, PAGE, SINKS, RECENT = 4, 8, 64, 16, 4, 40
HEADS = (1, 2)


@pytest.fixture(scope="module")
def kernels():
    from kvcc.codegen.tvm.cuda_emulate import EmulatedKernels

    stream = M.causal() & M.streaming(SINKS, RECENT)  # a chunk's streaming heads: compiled in
    ks = [ck.decode("float16", D, HQ // HKV, PAGE), ck.merge("float16", D),
          ck.prefill("float16", D, True, PAGE), ck.prefill("float16", D, True, PAGE, mask=stream),
          ck.prefill("float16", D, True, PAGE, mask=M.full())]  # a full chunk's retrieval heads
    return EmulatedKernels(cuda.build("sm_90", ks))


def _pools(st, c):
    return ((c.k(0), c.v(0), st.block_table, st.kv_lens),
            (c.stream.pool[0, 0], c.stream.pool[0, 1], st.stream.block_table, st.stream.lens))


def test_both_pools_equal_the_caches_attention(kernels):
    c = KVCache(1, HKV, D, num_pages=64, page_size=PAGE, dtype=torch.float16, backend="reference",
                max_seqs=3, streaming=StreamingHeads((HEADS,), sinks=SINKS, recent=RECENT, chunk=32))
    g = torch.Generator().manual_seed(0)
    rnd = lambda *s: torch.randn(*s, generator=g).half()  # noqa: E731
    a, b = c.add_sequence(), c.add_sequence()
    steps = [([a, b], [32, 20], [150, 20], True), ([a, b], [1, 1], [1, 1], True),
             ([a, b], [20, 1], [20, 1], True), ([a, b], [16, 16], [16, 16], False),
             ([a, b], [1, 1], [1, 1], False)]
    steps += [([a, b], [1, 1], [1, 1], True)] * 3 + [([a, b], [1, 30], [1, 100], True),
                                                      ([a, b], [1, 1], [1, 1], True)]
    used = set()
    for seqs, q_lens, new, causal in steps:
        st = c.plan(seqs, q_lens, new_tokens=new, mask=M.causal() if causal else None,
                    return_lse=True, num_q_heads=HQ)
        st.append(0, rnd(sum(new), HKV, D), rnd(sum(new), HKV, D))
        q = rnd(sum(q_lens), HQ, D)
        want_o, want_lse = st.attend(0, q)
        main, stream = _pools(st, c)
        kernels.launches.clear()
        if max(q_lens) == 1:  # decode: one query per sequence
            o, lse = kernels.paged_streaming(q, HEADS, main, stream, sinks=SINKS, recent=RECENT,
                                             causal=causal, num_splits=2)
        else:
            o, lse = kernels.paged_streaming(q, HEADS, main, stream, sinks=SINKS, recent=RECENT,
                                             cu_seqlens_q=st.cu_q, causal=causal)
        used |= {name for name, _ in kernels.launches}
        torch.testing.assert_close(o.float(), want_o.float(), atol=2e-3, rtol=2e-3)
        torch.testing.assert_close(lse, want_lse.float(), atol=1e-4, rtol=1e-4)
    # the rings wrapped: each view is shorter than its sequence, its pages reordered
    assert (st.stream.lens < st.kv_lens).all(), (st.stream.lens, st.kv_lens)
    assert len({n for n in used if "paged_prefill" in n}) == 3  # causal, full, compiled in


def test_a_wrong_pool_or_heads_is_refused(kernels):
    c = KVCache(1, HKV, D, num_pages=16, page_size=PAGE, dtype=torch.float16, backend="reference",
                max_seqs=1, streaming=StreamingHeads((HEADS,), sinks=SINKS, recent=RECENT, chunk=8))
    a = c.add_sequence()
    st = c.plan([a], [1], new_tokens=[5], num_q_heads=HQ)
    st.append(0, torch.randn(5, HKV, D).half(), torch.randn(5, HKV, D).half())
    main, stream = _pools(st, c)
    q = torch.randn(1, HQ, D).half()
    kernels.launches.clear()
    with pytest.raises(ValueError, match="the streaming pool holds 2 heads"):
        kernels.paged_streaming(q, (1,), main, stream, sinks=SINKS, recent=RECENT)
    with pytest.raises(ValueError, match="names a head twice"):
        kernels.paged_streaming(q, (1, 1), main, stream, sinks=SINKS, recent=RECENT)
    o, _ = kernels.paged_streaming(q, (h for h in HEADS), main, stream, sinks=SINKS,
                                   recent=RECENT)  # any iterable of heads
    assert o.shape == q.shape
    kernels.launches.clear()
    with pytest.raises(TypeError, match="alibi_slopes"):  # the views move the sinks
        kernels.paged_streaming(q, HEADS, main, stream, sinks=SINKS, recent=RECENT,
                                alibi_slopes=torch.ones(HQ))
    assert kernels.launches == []


def test_a_missing_kernel_is_named_before_any_launch():
    """The committed default set has no streaming-heads prefill kernel (a compiled-in
    ``causal & (sinks | window)``): a chunk is refused naming it, before the main pool's
    prefill launches."""
    from kvcc.codegen.tvm.cuda_emulate import EmulatedKernels
    from tests.tvm_cuda_helpers import ART

    ks = EmulatedKernels(ART / "sm_90")
    c = KVCache(1, HKV, D, num_pages=16, page_size=PAGE, dtype=torch.float16, backend="reference",
                max_seqs=1, streaming=StreamingHeads((HEADS,), sinks=SINKS, recent=RECENT, chunk=8))
    a = c.add_sequence()
    st = c.plan([a], [4], new_tokens=[20], num_q_heads=HQ)
    st.append(0, torch.randn(20, HKV, D).half(), torch.randn(20, HKV, D).half())
    with pytest.raises(KeyError, match="paged_prefill_fp16_d64_p16_m.*sinks.*kvcc compile"):
        ks.paged_streaming(torch.randn(4, HQ, D).half(), HEADS, *_pools(st, c), sinks=SINKS,
                           recent=RECENT, cu_seqlens_q=st.cu_q)
    assert ks.launches == []
