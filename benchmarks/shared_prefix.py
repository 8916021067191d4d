"""S1 of anchors.md: decode over a shared prefix, cascaded against plain decode.

64 requests forked from one 4096-token prompt, each with 256 tokens of its own (the
last one the query), GQA 32/8, D=128, page 16, one decode step of one layer. kvcc's
call is :class:`kvcc.runtime.cascade.CascadeStep` (the prefix's pages read once for
every query, each request's own pages, a merge); the anchors are the plain decode of
the same cache (``step.attend``, one launch, every request reading the prefix's pages
through its block table) and SDPA over the same K/V copied contiguously per request.
The work counted is the KV bytes the cascade reads: 13.6x fewer than plain decode's
(64 x 4352 tokens against 4096 + 64 x 256). (The prefix launch packs a KV head's 4
query heads into 64-row tiles, so its 64 queries form 4 sequences that each walk the
prefix's pages, concurrently: the repeats come from L2. ``kvcc-prefix-chunk64``
keeps the 64 queries in one sequence, per query head, with half-empty 128-row tiles.)
Target (a GPU run measures it): 8x faster than plain decode.

On a GPU both kvcc calls are timed as CUDA-graph replays (how a serving loop runs a
planned step): the cascade's two launches and merge cost host time an eager loop pays
per layer, which the ``-eager`` variants show.
"""

from __future__ import annotations

import os

import torch

import kvcc
from benchmarks.harness import Bench, Case, Env
from kvcc import masks as M
from kvcc.runtime.cascade import CascadeStep

HQ, HKV = 32, 8
TARGET = 8.0  # anchors.md: speedup over plain decode


def graphed(fn):
    """``fn`` captured in a CUDA graph (warmed up on a side stream first); each call
    replays it and returns the captured output."""
    side = torch.cuda.Stream()
    side.wait_stream(torch.cuda.current_stream())
    with torch.cuda.stream(side):
        fn()
    torch.cuda.current_stream().wait_stream(side)
    graph = torch.cuda.CUDAGraph()
    with torch.cuda.graph(graph):
        out = fn()

    def replay():
        graph.replay()
        return out
    return replay


def forked_cache(env: Env, b: int, prefix: int, own: int, d: int, page: int):
    """A one-layer cache holding a ``prefix``-token prompt forked into ``b`` requests,
    each with ``own`` tokens after it; returns the cache, the requests and their dense
    K/V ``[b, Hkv, prefix + own, D]`` (for the SDPA anchors)."""
    interp = os.environ.get("TRITON_INTERPRET") == "1"
    backend = "triton" if env.device.type == "cuda" or interp else "reference"
    pages = -(-prefix // page) + b * -(-own // page) + 1
    cache = kvcc.KVCache(1, HKV, d, num_pages=pages, page_size=page, dtype=env.dtype,
                         device=env.device, backend=backend)
    root = cache.add_sequence()
    pk, pv = (env.randn(prefix, HKV, d, seed=80 + i) for i in range(2))
    cache.plan([root], [0], new_tokens=[prefix]).append(0, pk, pv)
    seqs = [root] + [cache.fork(root) for _ in range(b - 1)]
    ok, ov = (env.randn(b * own, HKV, d, seed=82 + i) for i in range(2))
    cache.plan(seqs, [0] * b, new_tokens=[own] * b).append(0, ok, ov)
    dense = [torch.cat([p.expand(b, -1, -1, -1), o.view(b, own, HKV, d)], 1)
             .permute(0, 2, 1, 3).contiguous() for p, o in ((pk, ok), (pv, ov))]
    return cache, seqs, dense


def s1(b: int = 64, prefix: int = 4096, own: int = 256) -> Bench:
    def setup(env: Env) -> Case:
        from benchmarks.suite import sdpa_anchors

        B, P, N = (3, 32, 16) if env.tiny else (b, prefix, own)
        D, page = (32, 16) if env.tiny else (128, 16)
        cache, seqs, (k, v) = forked_cache(env, B, P, N, D, page)
        q = env.randn(B, HQ, D, seed=84)
        # one decode step's attention: each request's last token is its query
        step = cache.plan(seqs, [1] * B, new_tokens=[0] * B, num_q_heads=HQ, mask=M.causal())
        casc = CascadeStep(step)
        if len(casc.groups) != 1 or casc.groups[0].tokens != P:
            raise AssertionError(f"expected one group sharing {P} tokens, found {casc.groups}")
        wide = CascadeStep(step, prefix_chunk=64)  # the prefix launch without GQA packing
        calls = {"kvcc": lambda: casc.attend(0, q), "kvcc-plain": lambda: step.attend(0, q),
                 "kvcc-prefix-chunk64": lambda: wide.attend(0, q)}
        eager = dict(calls)
        if env.device.type == "cuda":
            calls = {n: graphed(f) for n, f in calls.items()}
        anchors = {"kvcc-plain": calls["kvcc-plain"]}
        anchors |= sdpa_anchors(env, q.unsqueeze(2), k, v)  # (no causal flag: one query)
        per_token = 2 * HKV * D * q.element_size()
        plain_b, casc_b = casc.tokens_plain * per_token, casc.tokens_read * per_token
        flat = (lambda o: o.view(B, HQ, 1, D))  # noqa: E731
        variants = {"kvcc-prefix-chunk64": calls["kvcc-prefix-chunk64"]}
        if not env.tiny:  # (the CPU mode has no graphs: its eager calls are the ones above)
            variants |= {"kvcc-eager": eager["kvcc"], "kvcc-plain-eager": eager["kvcc-plain"]}
        return Case(calls["kvcc"], anchors, casc_b, "byte",
                    f"B={B} prefix={P} own={N} page={page} GQA 32/8 D={D}: KV read "
                    f"{casc_b / 1e6:.1f} MB, plain {plain_b / 1e6:.1f} MB "
                    f"({plain_b / casc_b:.1f}x); target {TARGET:g}x over plain",
                    variants=variants,
                    compare_as={"kvcc": flat, "kvcc-plain": flat})
    return Bench("S1", f"shared-prefix cascade decode B={b} prefix={prefix} own={own}", setup)
