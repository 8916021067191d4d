"""The key tiles the TVM CUDA kernels visit (``kvcc/codegen/tvm/cuda_ranges.py``): their
index statements run as plain Python against the mask, for every window and sinks
shape, so a program visits exactly the tiles its rows see, each once."""

from __future__ import annotations

import itertools

import pytest

from kvcc.codegen.tvm import cuda_kernels, cuda_ranges


class _T:
    """The TensorIR operators of the kernels' index statements, in plain Python."""

    max, min = max, min

    @staticmethod
    def Select(c, a, b):  # noqa: N802
        return a if c else b


def _run(stmts: list[str], env: dict) -> list[int]:
    iv = [0] * 16
    for s in stmts:
        exec(s, {"T": _T}, {**env, "iv": iv})
    return iv


@pytest.mark.parametrize("sinks, window", [(0, None), (0, 1), (0, 100), (4, 100), (70, 100),
                                           (200, 64), (3, 0), (5000, 10)])
def test_decode_splits_visit_exactly_the_visible_keys_once(sinks, window):
    bn = cuda_kernels.DEC_BN
    win = cuda_kernels.NO_WINDOW if window is None else window
    stmts = cuda_ranges.decode_ranges(bn)
    for nk, ns in itertools.product((0, 1, 63, 64, 65, 300, 1000), (1, 2, 3, 7, 40)):
        seen, tiles = set(), []
        for bx in range(ns):
            env = {"window": win, "sinks": sinks, "NS": ns, "bx": bx}
            iv = [0] * 16
            iv[cuda_ranges.NK] = nk
            for s in stmts:
                exec(s, {"T": _T}, {**env, "iv": iv})
            for t in range(iv[cuda_ranges.NTL]):
                exec(cuda_ranges.decode_tile(bn), {"T": _T}, {**env, "iv": iv, "t": t})
                j0 = iv[cuda_ranges.J0]
                assert 0 <= j0 < nk, (nk, ns, bx, t, j0)  # loads stay in the sequence
                tiles.append(j0)
                seen |= {j for j in range(j0, j0 + bn)
                         if eval(cuda_ranges.decode_visible("j"), {}, {"j": j, "iv": iv})}
        assert len(tiles) == len(set(tiles)), (nk, ns, tiles)  # no tile twice
        want = {j for j in range(nk) if j < sinks or nk - 1 - win < j}
        assert seen == want, (nk, ns)
        assert len(tiles) <= max(1, _visible_tiles_bound(nk, win, sinks, bn))


def _visible_tiles_bound(nk: int, win: int, sinks: int, bn: int) -> int:
    return cuda_ranges.visible_tiles(nk, win, sinks, bn)


@pytest.mark.parametrize("sinks, window", [(0, None), (0, 1), (0, 50), (3, 40), (40, 33),
                                           (0, 0), (2, 0)])
def test_prefill_blocks_visit_exactly_the_visible_keys(sinks, window):
    bm, bn = cuda_kernels.PRE_BM, cuda_kernels.PRE_BN
    win = cuda_kernels.NO_WINDOW if window is None else window
    stmts = cuda_ranges.prefill_ranges(bm, bn)
    for s_len, n in ((1, 1), (40, 40), (100, 100), (33, 200), (100, 37), (64, 0), (5, 131)):
        for bx in range(-(-s_len // bm)):
            r0 = bx * bm
            env = {"window": win, "sinks": sinks, "S": s_len, "L": n, "r0": r0}
            iv = _run(stmts, env)
            tiles, seen = [], {r: set() for r in range(r0, min(r0 + bm, s_len))}
            for t in range(iv[cuda_ranges.NTL]):
                exec(cuda_ranges.prefill_tile(bn), {"T": _T}, {**env, "iv": iv, "t": t})
                j0 = iv[cuda_ranges.J0]
                assert 0 <= j0 < n, (s_len, n, r0, t, j0)
                tiles.append(j0)
                for r, j in itertools.product(seen, range(j0, j0 + bn)):
                    p = r + n - s_len
                    if eval(cuda_ranges.prefill_visible("j", "p"), {},
                            {"j": j, "p": p, "L": n, "iv": iv}):
                        seen[r].add(j)
            assert len(tiles) == len(set(tiles)), (s_len, n, r0, tiles)
            for r, keys in seen.items():
                p = r + n - s_len
                assert keys == {j for j in range(n) if j < sinks or p - win < j <= p}, (s_len, n, r)
            # no tile is visited that no row of the block sees
            for j0 in tiles:
                assert any(seen[r] & set(range(j0, j0 + bn)) for r in seen), (s_len, n, r0, j0)
