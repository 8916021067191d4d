"""``KVCache``: random schedules of add / plan+append+attend / fork / free (hypothesis),
always equal to attention over each sequence's dense history (a hand-written float64
oracle, tests/packed_oracle.py); page reuse after free; fork and copy-on-write;
CacheFull leaving everything as it was; page sizes 1, 16 and 128; the byte counts;
the append kernel writing exactly its slots."""

from __future__ import annotations

import math

import pytest
import torch
from hypothesis import given, settings
from hypothesis import strategies as st

import kvcc
from kvcc import masks as M
from kvcc.runtime.pages import CacheFull
from tests.kv_cache_helpers import BACKENDS, EXAMPLES, HKV, HQ, LAYERS, D, Mirror, cu_tensor, make
from tests.triton_helpers import DEVICE, needs_triton

# ------------------------------------------------------------- random schedules

MASKS = [M.causal(), M.sliding_window(3), M.sinks(1) | M.sliding_window(2), M.empty(),
         (M.causal(), M.sliding_window(5))]


def run_schedule(data, backend: str, ops: tuple[int, int]) -> None:
    page = data.draw(st.sampled_from([1, 3, 4, 16]), label="page_size")
    pages = data.draw(st.integers(4, 40), label="num_pages")
    m = Mirror(make(backend, num_pages=pages, page_size=page), seed=page * 100 + pages)
    m.add()
    for _ in range(data.draw(st.integers(*ops), label="ops")):
        live = list(m.hist)
        op = data.draw(st.sampled_from(["step"] * 4 + ["add", "fork", "free"])
                       if live else st.just("add"))
        if op == "add" or not live:
            m.add()
        elif op == "fork":
            m.fork(data.draw(st.sampled_from(live)))
        elif op == "free":
            m.free(data.draw(st.sampled_from(live)))
        else:
            seqs = data.draw(st.lists(st.sampled_from(live), min_size=1, max_size=4, unique=True))
            # decode (1), nothing (0), or a chunk of prefill; queries: the new tokens, or
            # any number of the sequence's last tokens
            new = [data.draw(st.sampled_from([0, 1, 1, 2, 5, 17])) for _ in seqs]
            q_lens = [data.draw(st.sampled_from([n, n, 0, 1, 3])) for n in new]
            q_lens = [min(q, m.c.length(s) + n) for q, s, n in zip(q_lens, seqs, new)]
            m.step(seqs, q_lens, new, mask=data.draw(st.sampled_from(MASKS)),
                   num_q_heads=data.draw(st.sampled_from([None, HQ])),
                   return_lse=data.draw(st.booleans()), fits=False)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.data())
def test_random_schedules_reference(data):
    run_schedule(data, "reference", (4, 14))


@needs_triton
@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None)
@given(st.data())
def test_random_schedules_triton(data):
    run_schedule(data, "triton", (3, 8))


# ------------------------------------------------------------- pages, fork, CacheFull



@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("page", [1, 16, 128])
def test_page_sizes(page, backend):
    """A prefill across page boundaries (130 tokens: past a page of 128; its last 3 as
    queries), then decode and a mixed step, with lse; one page per ``page`` tokens."""
    m = Mirror(make(backend, num_pages=math.ceil(150 / page) + 3, page_size=page), seed=page)
    a, b = m.add(), m.add()
    m.step([a, b], [3, 7], [130, 7], mask=M.causal(), return_lse=True)
    assert m.c.pages_free == m.c.num_pages - math.ceil(130 / page) - math.ceil(7 / page)
    m.step([b, a], [1, 1], mask=M.sliding_window(9), num_q_heads=HQ)
    m.step([a, b], [1, 4], mask=(M.causal(), M.sinks(2) | M.sliding_window(3)))


@pytest.mark.parametrize("backend", BACKENDS)
def test_page_reuse_after_free(backend):
    m = Mirror(make(backend, num_pages=8, page_size=4), seed=1)
    a, b = m.add(), m.add()
    m.step([a, b], [10, 6], mask=M.causal())
    assert m.c.pages_free == 8 - 3 - 2
    a_pages = list(m.c._seqs[a].pages)
    m.free(a)
    assert m.c.pages_free == 6
    with pytest.raises(ValueError, match=f"seq={a} is not a live sequence"):
        m.c.length(a)
    c = m.add()
    m.step([c], [12], mask=M.causal())  # exactly the freed pages, holding a's old keys
    assert sorted(m.c._seqs[c].pages) == sorted(a_pages) and m.c.pages_free == 3
    m.step([b, c], [1, 1], mask=M.causal())
    m.free(b)
    m.free(c)
    assert m.c.pages_free == 8 and m.c.bytes_used() == 0


@pytest.mark.parametrize("backend", BACKENDS)
def test_fork_then_diverging_appends_leave_the_parent_untouched(backend):
    m = Mirror(make(backend, num_pages=16, page_size=4), seed=2)
    parent = m.add()
    m.step([parent], [10], mask=M.causal())  # pages: 2 full, 1 holding 2 tokens
    child = m.fork(parent)
    assert m.c._seqs[child].pages == m.c._seqs[parent].pages
    free = m.c.pages_free
    probe = m.rand(1, HQ, D)

    def parent_output():
        st = m.c.plan([parent], [1], new_tokens=[0], mask=M.causal())
        return st.attend(0, probe), [m.c.read(parent, i) for i in range(LAYERS)]

    o0, kv0 = parent_output()
    m.step([child], [5], mask=M.causal())  # copies the shared partial page, then grows by 1
    assert m.c.pages_free == free - 1 - 1, "full shared pages are not copied"
    shared = set(m.c._seqs[child].pages) & set(m.c._seqs[parent].pages)
    assert shared == set(m.c._seqs[parent].pages[:2])
    o1, kv1 = parent_output()
    assert torch.equal(o0, o1)
    assert all(torch.equal(x, y) for a, b in zip(kv0, kv1) for x, y in zip(a, b))
    child_kv = [m.c.read(child, i) for i in range(LAYERS)]
    m.step([parent], [3], mask=M.causal())  # its partial page is its own now: no copy
    assert m.c.pages_free == free - 2 - 1
    assert all(torch.equal(x, y) for i in range(LAYERS)
               for x, y in zip(child_kv[i], m.c.read(child, i)))
    m.free(parent)  # the child keeps the shared full pages
    assert m.c.pages_free == free - 2 - 1 + 2
    m.step([child], [1], mask=M.causal())


@pytest.mark.parametrize("backend", BACKENDS)
def test_copy_on_write_when_every_holder_writes_the_shared_page(backend):
    """Parent and two children write their shared partial page in one step: two copies,
    the last writer keeps the original, so a cache with exactly two free pages fits it."""
    m = Mirror(make(backend, num_pages=5, page_size=4), seed=3)
    a = m.add()
    m.step([a], [10], mask=M.causal())
    b, c = m.fork(a), m.fork(a)
    assert m.c.pages_free == 2
    m.step([c, a, b], [1, 2, 1], mask=M.causal())
    assert m.c.pages_free == 0
    parts = [m.c._seqs[s].pages[2] for s in (a, b, c)]
    assert len(set(parts)) == 3 and m.c._seqs[a].pages[:2] == m.c._seqs[b].pages[:2]


@pytest.mark.parametrize("backend", BACKENDS)
def test_cache_full_changes_nothing(backend):
    m = Mirror(make(backend, num_pages=6, page_size=4), seed=4)
    a = m.add()
    m.step([a], [9], mask=M.causal())  # 3 pages, the last holds 1 token
    b = m.fork(a)
    planned = m.c.plan([a, b], [1, 1], new_tokens=[0, 0], mask=M.causal())
    q = m.rand(2, HQ, D)
    before = [planned.attend(i, q) for i in range(LAYERS)]
    # a: 8 more tokens -> 2 new pages + 1 copy; b: 4 more -> 1 new page (it keeps the
    # original partial page, a writes a copy): 4 > 3 free
    with pytest.raises(CacheFull, match="needs 4 free pages .3 new, 1 copies of shared pages.; "
                                        "3 of 6 are free"):
        m.c.plan([a, b], [8, 4], mask=M.causal())
    assert m.step([a, b], [8, 4], mask=M.causal(), fits=False) is None  # the mirror's checks
    assert m.c.pages_free == 3 and m.c.length(a) == m.c.length(b) == 9
    # nothing changed: not even the earlier step is stale, and it attends as before
    assert all(torch.equal(x, planned.attend(i, q)) for i, x in enumerate(before))
    assert isinstance(CacheFull("x"), RuntimeError) and kvcc.CacheFull is CacheFull
    m.step([a, b], [4, 4], mask=M.causal())  # fits: 1 copy + 1 new for a, 1 new for b


def test_bytes_per_token_and_bytes_used():
    c = make(num_pages=10, page_size=16, dtype=torch.float16, layers=3, hkv=2, d=64)
    assert c.bytes_per_token == 3 * 2 * 2 * 64 * 2
    assert c.bytes_used() == 0 and c.pages_free == 10
    m = Mirror(c)
    a = m.add()
    m.step([a], [17], mask=M.causal())
    assert c.bytes_used() == 2 * 16 * c.bytes_per_token  # a partly filled page counts whole
    b = m.fork(a)
    assert c.bytes_used() == 2 * 16 * c.bytes_per_token  # shared, counted once
    m.step([b], [1], mask=M.causal())
    assert c.bytes_used() == 3 * 16 * c.bytes_per_token
    m.free(a)
    assert c.bytes_used() == 2 * 16 * c.bytes_per_token
    assert make(dtype=torch.float32).bytes_per_token == LAYERS * 2 * HKV * D * 4
    assert c.pool.shape == (3, 2, 10, 16, 2, 64)


@needs_triton
def test_fp16_on_triton():
    m = Mirror(make("triton", num_pages=12, page_size=16, dtype=torch.float16), seed=5)
    a, b = m.add(), m.add()
    m.step([a, b], [20, 3], mask=M.causal(), return_lse=True)
    c = m.fork(a)
    m.step([a, b, c], [1, 1, 2], mask=M.sliding_window(4), return_lse=True)


def test_convenience_append_and_attend_equal_a_step():
    """``cache.append`` and ``cache.attend`` (cu_seqlens read once) are a planned step."""
    m = Mirror(make(num_pages=16, page_size=4), seed=6)
    a, b = m.add(), m.add()
    m.step([a, b], [5, 2], mask=M.causal())
    k, v = m.rand(4, HKV, D), m.rand(4, HKV, D)
    cu = cu_tensor(0, 3, 4)
    for layer in range(LAYERS):
        m.c.append(layer, [a, b], k, v, cu)
    q = m.rand(3, HQ, D)
    cq = cu_tensor(0, 2, 3)
    o, lse = m.c.attend(1, q, [a, b], cq, mask=M.causal(), return_lse=True)
    st = m.c.plan([a, b], [2, 1], new_tokens=[0, 0], mask=M.causal(), return_lse=True)
    o2, lse2 = st.attend(1, q)
    assert torch.equal(o, o2) and torch.equal(lse, lse2)
    assert m.c.length(a) == 8 and m.c.length(b) == 3
    ka, _ = m.c.read(a, 1)
    assert torch.equal(ka[5:], k[:3])


# ------------------------------------------------------------- the append kernel


@needs_triton
@pytest.mark.parametrize("page,d", [(1, 16), (16, 24), (128, 16)])
def test_append_kernel_writes_exactly_its_slots(page, d):
    """The fused append writes each new token's K and V rows to its slot in the layer
    appended, and nothing else anywhere in the pool (a head dim of 24 is masked to its
    width: the rows beside it stay as they were)."""
    c = make("triton", num_pages=6, page_size=page, d=d)
    g = torch.Generator().manual_seed(page)
    c.pool.copy_(torch.randn(c.pool.shape, generator=g))  # a pool full of old values
    seqs = [c.add_sequence() for _ in range(3)]
    st = c.plan(seqs, [0, 0, 0], new_tokens=[page + 1, 0, 2])
    assert st._append_kernel is not None, "the Triton append kernel is planned"
    before = c.pool.cpu().clone()
    k, v = torch.randn(page + 3, HKV, d, generator=g), torch.randn(page + 3, HKV, d, generator=g)
    st.append(1, k.to(DEVICE), v.to(DEVICE))
    slots = st.slots.long().cpu()
    after = c.pool.cpu().clone()
    for which, new in ((0, k), (1, v)):
        flat = after[1, which].flatten(0, 1)
        assert torch.equal(flat[slots], new)
        keep = torch.ones(flat.shape[0], dtype=torch.bool)
        keep[slots] = False
        assert torch.equal(flat[keep], before[1, which].flatten(0, 1)[keep])
    assert torch.equal(after[0], before[0]), "layer 0 untouched"
    pages = c._seqs[seqs[0]].pages + c._seqs[seqs[2]].pages
    want = [p * page + i for p in c._seqs[seqs[0]].pages for i in range(page)][:page + 1] + \
        [c._seqs[seqs[2]].pages[0] * page + i for i in range(2)]
    assert slots.tolist() == want and len(set(pages)) == len(pages)
    assert torch.equal(c.read(seqs[0], 1)[0].cpu(), k[:page + 1])
