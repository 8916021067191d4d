"""Hypothesis strategies shared by the tests: masks and IR programs."""

from __future__ import annotations

import torch
from hypothesis import strategies as st

from kvcc.ir.mask import (
    Align,
    And,
    Causal,
    Document,
    Empty,
    Full,
    Not,
    Or,
    PageSelect,
    Sinks,
    SlidingWindow,
)

aligns = st.sampled_from(list(Align))


def lengths_summing_to(total: int):
    @st.composite
    def strat(draw):
        cuts = sorted(set(draw(st.lists(st.integers(1, max(1, total - 1)), max_size=5))))
        cuts = [c for c in cuts if 0 < c < total]
        bounds = [0, *cuts, total]
        return tuple(b - a for a, b in zip(bounds, bounds[1:]))

    return strat()


def structured_atoms(kv_len: int):
    return st.one_of(
        st.just(Full()), st.just(Empty()),
        aligns.map(Causal),
        st.builds(SlidingWindow, st.integers(0, kv_len + 3), aligns),
        st.builds(Sinks, st.integers(0, kv_len + 2)),
        lengths_summing_to(kv_len).map(lambda ls: Document(lengths=ls)),
    )


def masks(kv_len: int, atoms=None):
    atoms = atoms if atoms is not None else structured_atoms(kv_len)
    return st.recursive(
        atoms,
        lambda inner: st.one_of(st.builds(And, inner, inner), st.builds(Or, inner, inner),
                                st.builds(Not, inner)),
        max_leaves=6,
    )


def data_atoms(kv_len: int, batch: int = 2, heads: int = 2, page: int = 4):
    @st.composite
    def doc(draw):
        seed = draw(st.integers(0, 2**16))
        g = torch.Generator().manual_seed(seed)
        ids = torch.sort(torch.randint(0, 3, (batch, kv_len), generator=g), dim=-1).values
        return Document(ids=f"ids{seed}", data=ids)

    @st.composite
    def pages(draw):
        seed = draw(st.integers(0, 2**16))
        g = torch.Generator().manual_seed(seed)
        n = -(-kv_len // page)
        sel = torch.rand((batch, heads, n), generator=g) < 0.5
        return PageSelect(page, f"pages{seed}", data=sel)

    return st.one_of(structured_atoms(kv_len), doc(), pages())
