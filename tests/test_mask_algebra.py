"""Mask algebra against the dense oracle: evaluation, simplification, intervals,
the tile classifier (sound and, for structured masks, exact), printing."""

from __future__ import annotations

import numpy as np
import pytest
import torch
from hypothesis import given
from hypothesis import strategies as st

from kvcc import masks as M
from kvcc.ir.mask import (
    Align,
    And,
    ByHead,
    Causal,
    Document,
    Empty,
    Full,
    Not,
    Or,
    Sinks,
    SlidingWindow,
    check,
    evaluate,
    is_structured,
)
from kvcc.ir.mask_simplify import RULES, simplify
from kvcc.ir.mask_tiles import Tile, block_lists, classify_dense, classify_tiles, row_intervals
from kvcc.ir.syntax import ParseError, parse_mask, print_mask
from tests.strategies import data_atoms, masks

shapes = st.tuples(st.integers(1, 40), st.integers(1, 40))


def _dense(m, q_len, kv_len):
    return evaluate(m, q_len, kv_len)[0, 0].numpy()


def test_atoms_match_their_definitions():
    q_len, kv_len = 5, 9
    qi = np.arange(q_len)[:, None]
    ki = np.arange(kv_len)[None, :]
    p = qi + kv_len - q_len  # bottom-right position of each query
    assert (_dense(Causal(), q_len, kv_len) == (ki <= p)).all()
    assert (_dense(Causal(Align.top_left), q_len, kv_len) == (ki <= qi)).all()
    assert (_dense(SlidingWindow(3), q_len, kv_len) == ((ki <= p) & (ki >= p - 2))).all()
    assert (_dense(Sinks(2), q_len, kv_len) == np.broadcast_to(ki < 2, (q_len, kv_len))).all()
    doc = _dense(Document(lengths=(4, 5)), q_len, kv_len)
    assert (doc == ((ki < 4) == (p < 4))).all()
    assert (_dense(M.prefix_lm(3), q_len, kv_len) == ((ki <= p) | (ki < 3))).all()


def test_decode_row_sees_everything_under_bottom_right_causal():
    assert _dense(Causal(), 1, 17).all()
    assert _dense(Causal(Align.top_left), 1, 17).sum() == 1


@given(shapes.flatmap(lambda s: st.tuples(st.just(s), masks(s[1]), masks(s[1]))))
def test_operators_are_pointwise(arg):
    (q_len, kv_len), a, b = arg
    da, db = _dense(a, q_len, kv_len), _dense(b, q_len, kv_len)
    assert (_dense(a & b, q_len, kv_len) == (da & db)).all()
    assert (_dense(a | b, q_len, kv_len) == (da | db)).all()
    assert (_dense(~a, q_len, kv_len) == ~da).all()


@given(shapes.flatmap(lambda s: st.tuples(st.just(s), masks(s[1]))))
def test_simplify_preserves_meaning(arg):
    (q_len, kv_len), m = arg
    assert (_dense(simplify(m), q_len, kv_len) == _dense(m, q_len, kv_len)).all()


@pytest.mark.parametrize("name,rule", RULES, ids=[r[0] for r in RULES])
def test_every_rule_fires_somewhere_and_is_an_identity(name, rule):
    # hand-picked instances that each rule rewrites
    cands = [Not(Not(Causal())), Not(Full()), Not(Empty()), SlidingWindow(0), Sinks(0),
             And(Causal(), Full()), And(Empty(), Causal()), Or(Causal(), Empty()),
             Or(Full(), Sinks(2)), And(Sinks(3), Sinks(3)), Or(Sinks(3), Sinks(3)),
             And(Causal(), Not(Causal())), Or(Not(Sinks(2)), Sinks(2)),
             And(SlidingWindow(4), Causal()), Or(Causal(), SlidingWindow(4)),
             And(SlidingWindow(4), SlidingWindow(6)), Or(SlidingWindow(4), SlidingWindow(6)),
             And(Sinks(2), Sinks(5)), Or(Sinks(2), Sinks(5)),
             And(Causal(), Or(Causal(), Sinks(2))), Or(Sinks(2), And(Sinks(2), Causal())),
             ByHead((1,), 2, 2, Causal(), Causal()), ByHead((), 2, 2, Sinks(2), Causal()),
             ByHead((0, 1), 2, 2, Sinks(2), Causal())]
    fired = [(c, rule(c)) for c in cands if rule(c) is not None]
    assert fired, f"rule {name!r} never fired"
    for before, after in fired:
        assert (_dense(before, 7, 12) == _dense(after, 7, 12)).all(), (name, before, after)


def test_simplify_examples():
    assert simplify(Causal() & SlidingWindow(64)) == SlidingWindow(64)
    assert simplify(Causal() & ~Causal()) == Empty()
    assert simplify(~~(Sinks(4) | Sinks(2))) == Sinks(4)


@given(shapes.flatmap(lambda s: st.tuples(st.just(s), masks(s[1]))))
def test_row_intervals_match_dense(arg):
    (q_len, kv_len), m = arg
    lo, hi = row_intervals(m, q_len, kv_len)
    dense = np.zeros((q_len, kv_len), bool)
    for r in range(q_len):
        for a, b in zip(lo[r], hi[r]):
            assert not dense[r, a:b].any(), "intervals overlap"
            dense[r, a:b] = True
    assert (dense == _dense(m, q_len, kv_len)).all()


@given(shapes.flatmap(lambda s: st.tuples(st.just(s), masks(s[1]), st.integers(1, 9),
                                          st.integers(1, 9))))
def test_tile_classifier_is_exact_for_structured_masks(arg):
    (q_len, kv_len), m, bm, bn = arg
    assert (classify_tiles(m, q_len, kv_len, bm, bn)
            == classify_dense(m, q_len, kv_len, bm, bn)).all()


@given(shapes.flatmap(lambda s: st.tuples(st.just(s), masks(s[1], data_atoms(s[1])),
                                          st.integers(1, 9), st.integers(1, 9))))
def test_tile_classifier_is_sound(arg):
    (q_len, kv_len), m, bm, bn = arg
    tiles = classify_tiles(m, q_len, kv_len, bm, bn)
    dense = evaluate(m, q_len, kv_len).numpy()
    for (b, h, i, j), t in np.ndenumerate(tiles):
        block = dense[min(b, dense.shape[0] - 1), min(h, dense.shape[1] - 1),
                      i * bm:(i + 1) * bm, j * bn:(j + 1) * bn]
        if t == Tile.EMPTY:
            assert not block.any()
        elif t == Tile.FULL:
            assert block.all()
        else:
            assert block.any() and not block.all()


def test_classifier_on_causal_blocks():
    t = classify_tiles(Causal(), 8, 8, 4, 4)[0, 0]
    assert t.tolist() == [[Tile.PARTIAL, Tile.EMPTY], [Tile.FULL, Tile.PARTIAL]]
    counts, idx, full = block_lists(t[None, None])
    assert counts[0, 0].tolist() == [1, 2]
    assert idx[0, 0, 1].tolist() == [0, 1] and full[0, 0, 1].tolist() == [True, False]


@given(shapes.flatmap(lambda s: masks(s[1], data_atoms(s[1]))))
def test_print_parse_roundtrip(m):
    assert parse_mask(print_mask(m)) == m


def test_parse_errors_are_clear():
    with pytest.raises(ParseError, match="unknown mask"):
        parse_mask("caussal")
    with pytest.raises(ParseError):
        parse_mask("sliding_window(-3)")


def test_mask_checks_lengths():
    with pytest.raises(ValueError, match="sum to 7 but the key length is 9"):
        check(Document(lengths=(3, 4)), 9, 9)
    m = M.document(seq_ids=torch.zeros(5, dtype=torch.long))
    with pytest.raises(ValueError, match="one id per key"):
        check(m, 6, 6)
    with pytest.raises(ValueError):
        M.sliding_window(-1)
    with pytest.raises(TypeError):
        M.causal() & 3
    assert not is_structured(M.page_selection(torch.ones(3, dtype=torch.bool), 4))


def test_data_masks_evaluate_per_batch_and_head():
    ids = torch.tensor([[0, 0, 1, 1], [0, 1, 1, 1]])
    d = evaluate(M.document(seq_ids=ids), 4, 4)
    assert d.shape == (2, 1, 4, 4)
    assert d[1, 0, 0].tolist() == [True, False, False, False]
    pages = torch.tensor([[[True, False], [False, True]]])
    p = evaluate(M.page_selection(pages, 2), 1, 4)
    assert p.shape == (1, 2, 1, 4)
    assert p[0, 1, 0].tolist() == [False, False, True, True]
