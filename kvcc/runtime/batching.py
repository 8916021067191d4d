"""Mixed batches (Sarathi-Serve): decodes and prefill chunks in one cache step.

:class:`MixedBatcher` schedules requests over a :class:`~kvcc.runtime.cache.KVCache`.
Each :meth:`~MixedBatcher.next_batch` fills a token budget: first one token for
every request that is decoding, then the next prefill chunk (at most ``chunk``
tokens) of each request whose prompt is partly in the cache, then of waiting
requests, first come first served, admitting them as sequences of the cache (while
it has a row for one: formats with a full-precision window hold ``max_seqs``). The
batch is one ``cache.plan(seqs, q_lens, new_tokens=...)`` step: one append and one
``attend`` launch per layer for decodes and chunks together. A chunk appends its K/V
first and its queries attend bottom-right aligned (query ``i`` of a chunk after ``p``
cached tokens sees keys ``0 .. p + i``: SARATHI's chunked prefill), so every request
gets what it would alone. The defaults are the paper's strict setting: a budget of
512 tokens, chunks as large as the budget allows.

A loop::

    batcher = MixedBatcher(cache, token_budget=512)
    rid = batcher.add(prompt, max_new_tokens=64)
    while (batch := batcher.next_batch()) is not None:
        step = batch.plan(num_q_heads=hq, mask=masks)
        logits = model.forward_cached(batch.tokens, batch.positions, step)
        batcher.complete(batch, logits[list(batch.sample_rows)].argmax(-1).tolist())
    batcher.result(rid)  # the generated tokens
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import torch

from kvcc.checks import check_int
from kvcc.runtime.cache import KVCache
from kvcc.runtime.pages import CacheFull
from kvcc.runtime.prepack import check_prompts
from kvcc.runtime.step import Step


@dataclass
class Request:
    """One request: its prompt, how many tokens to generate, and its progress
    (``prefilled`` prompt tokens in the cache as sequence ``seq``, ``generated``)."""

    id: int
    prompt: tuple[int, ...]
    max_new_tokens: int
    seq: int | None = None
    prefilled: int = 0
    generated: list[int] = field(default_factory=list)

    @property
    def done(self) -> bool:
        return len(self.generated) >= self.max_new_tokens

    @property
    def decoding(self) -> bool:
        """Prompt cached, a token generated and more to come: it takes one token a step."""
        return self.prefilled == len(self.prompt) and bool(self.generated) and not self.done


@dataclass(frozen=True, eq=False)
class MixedBatch:
    """One step's work, entry ``i`` for request ``requests[i]`` (sequence ``seqs[i]``):
    ``new_tokens[i]`` tokens appended and as many queries (``q_lens[i]``); the first
    ``num_decodes`` entries are decodes, the others prefill chunks. ``tokens`` and
    ``positions`` ``[T]`` are the new tokens, entry after entry (the rows of the step's
    k, v and q). ``sample_rows[j]``'s logits give request ``sampled[j]`` its next token
    (each decode, and each chunk that ends its prompt)."""

    seqs: tuple[int, ...]
    new_tokens: tuple[int, ...]
    q_lens: tuple[int, ...]
    requests: tuple[int, ...]
    num_decodes: int
    tokens: torch.Tensor
    positions: torch.Tensor
    sample_rows: tuple[int, ...]
    sampled: tuple[int, ...]
    batcher: MixedBatcher = field(repr=False, compare=False)

    def plan(self, **options) -> Step:
        """``cache.plan(seqs, q_lens, new_tokens=new_tokens, **options)``: the step
        (options such as ``num_q_heads``, ``mask``, ``scale`` as :meth:`KVCache.plan`
        takes them)."""
        return self.batcher._plan(self, options)


class MixedBatcher:
    """Sarathi-Serve's scheduler over ``cache`` (see the module docstring).

    ``token_budget``: tokens per step (decodes and chunks together), default 512;
    ``chunk``: the most prompt tokens of one request per step (default: the budget).
    ``add`` queues a request; ``next_batch`` gives the next step's work (None when
    every request is done); ``complete`` records the sampled tokens once the step has
    run and frees the sequences of finished requests. A planned batch must be
    completed before the next one; one whose plan failed (``CacheFull``, with the
    cache unchanged) leaves the batcher as it was, to try again."""

    def __init__(self, cache: KVCache, *, token_budget: int = 512,
                 chunk: int | None = None) -> None:
        if not isinstance(cache, KVCache):
            raise TypeError(f"cache must be a kvcc.KVCache, got {type(cache).__name__}")
        self.cache = cache
        self.token_budget = check_int("token_budget", token_budget, 1)
        self.chunk = self.token_budget if chunk is None else check_int("chunk", chunk, 1)
        self._requests: dict[int, Request] = {}
        self._waiting: list[Request] = []
        self._running: list[Request] = []
        self._next_id = 0
        self._batch: MixedBatch | None = None
        self._planned = False

    # ------------------------------------------------------------- requests

    def add(self, prompt: Sequence[int], max_new_tokens: int) -> int:
        """Queue a request (token ids, ``max_new_tokens >= 1``); returns its id."""
        (ids,) = check_prompts([prompt])
        n = check_int("max_new_tokens", max_new_tokens, 1)
        r = Request(self._next_id, tuple(ids), n)
        self._next_id += 1
        self._requests[r.id] = r
        self._waiting.append(r)
        return r.id

    def request(self, rid: int) -> Request:
        r = self._requests.get(rid)
        if r is None:
            raise ValueError(f"request {rid!r} is not a request of this batcher")
        return r

    def result(self, rid: int) -> list[int]:
        """The tokens request ``rid`` has generated so far (all of them once done)."""
        return list(self.request(rid).generated)

    @property
    def done(self) -> bool:
        """Every request added so far is done."""
        return not self._waiting and not self._running

    # ------------------------------------------------------------- steps

    def next_batch(self) -> MixedBatch | None:
        """The next step: decodes first, then prefill chunks, up to the token budget."""
        if self._batch is not None and self._planned:
            raise ValueError("the previous batch was planned but not completed: run its step "
                             "and call complete(batch, tokens) first")
        budget = self.token_budget
        work: list[tuple[Request, int]] = []
        for r in self._running:
            if r.decoding and budget:
                work.append((r, 1))
                budget -= 1
        num_decodes = len(work)
        for r in self._running:
            if r.prefilled < len(r.prompt) and budget:
                n = min(self.chunk, budget, len(r.prompt) - r.prefilled)
                work.append((r, n))
                budget -= n
        while self._waiting and budget:
            r = self._waiting[0]
            try:
                r.seq = self.cache.add_sequence()
            except CacheFull:  # no row for another sequence (a windowed format): wait
                break
            self._running.append(self._waiting.pop(0))
            n = min(self.chunk, budget, len(r.prompt))
            work.append((r, n))
            budget -= n
        if not work:
            self._batch = None
            return None
        tokens, positions, rows, sampled = [], [], [], []
        for r, n in work:
            if r.prefilled == len(r.prompt):  # a decode: the last generated token
                tokens.append(r.generated[-1])
                positions.append(len(r.prompt) + len(r.generated) - 1)
            else:
                tokens += r.prompt[r.prefilled:r.prefilled + n]
                positions += range(r.prefilled, r.prefilled + n)
            if r.prefilled + n >= len(r.prompt):
                rows.append(len(tokens) - 1)
                sampled.append(r.id)
        dev = self.cache.device
        counts = tuple(n for _, n in work)
        self._batch = MixedBatch(
            tuple(r.seq for r, _ in work), counts, counts, tuple(r.id for r, _ in work),
            num_decodes, torch.tensor(tokens, dtype=torch.long, device=dev),
            torch.tensor(positions, dtype=torch.long, device=dev), tuple(rows), tuple(sampled),
            self)
        self._planned = False
        return self._batch

    def _plan(self, batch: MixedBatch, options: dict) -> Step:
        self._check_current(batch)
        step = self.cache.plan(batch.seqs, batch.q_lens, new_tokens=batch.new_tokens, **options)
        self._planned = True
        return step

    def _check_current(self, batch: object) -> None:
        if not isinstance(batch, MixedBatch) or batch is not self._batch:
            raise ValueError("batch is not this batcher's current batch (each next_batch "
                             "replaces the one before)")

    def complete(self, batch: MixedBatch, next_tokens: Sequence[int] | torch.Tensor) -> None:
        """Record a batch whose step has run (every layer appended): ``next_tokens[j]``
        is request ``batch.sampled[j]``'s next token. Finished requests leave the cache."""
        self._check_current(batch)
        if isinstance(next_tokens, torch.Tensor):
            next_tokens = next_tokens.tolist()
        if isinstance(next_tokens, (str, bytes)) or not isinstance(next_tokens, Sequence) or \
                len(next_tokens) != len(batch.sampled):
            raise ValueError(f"next_tokens must hold {len(batch.sampled)} token ids, one per "
                             f"sampled request, got {next_tokens!r}")
        for t in next_tokens:
            if isinstance(t, bool) or not isinstance(t, int) or t < 0:
                raise ValueError(f"next_tokens must be token ids (ints >= 0), got {t!r}")
        work = [(self._requests[rid], n) for rid, n in zip(batch.requests, batch.new_tokens)]
        for r, n in work:
            decode = r.prefilled == len(r.prompt)  # its last token enters the cache
            want = len(r.prompt) + len(r.generated) if decode else r.prefilled + n
            have = [self.cache.length(r.seq, layer) for layer in range(self.cache.num_layers)]
            if any(h != want for h in have):
                raise ValueError(f"request {r.id}: its sequence holds {have} tokens per layer, "
                                 f"the batch leaves {want}; run the batch's step (append every "
                                 "layer) before complete")
        for r, n in work:
            if r.prefilled < len(r.prompt):
                r.prefilled += n
        for rid, t in zip(batch.sampled, next_tokens):
            self._requests[rid].generated.append(t)
        for r, _ in work:
            if r.done:
                self.cache.free(r.seq)
                r.seq = None
                self._running.remove(r)
        self._batch = None
        self._planned = False
