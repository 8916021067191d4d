"""The per-tile steps the TVM CUDA decode and prefill kernels share (``cuda_kernels.py``):
a visible score (softcap and ALiBi applied) and the online-softmax update of the
accumulators, as TVMScript lines."""

from __future__ import annotations

NEG_INF = "T.float32('-inf')"


def lines(indent: int, *stmts: str) -> str:
    return "\n".join(" " * indent + s for s in stmts)


def score(head: str, pos: str, key: str) -> str:
    """A visible score in log2 units: the dot product ``red[0]`` of the pre-scaled query
    and the key, soft-capped when ``cap > 0`` (``cap * tanh(red[0])``: the host then
    scales q by ``scale / softcap`` and passes ``cap = softcap * log2(e)``), minus the
    ALiBi bias ``SL[head] * |pos - key|`` (``SL``: slopes times log2(e), 0 without)."""
    return (f"T.Select(cap > T.float32(0), cap * T.tanh(red[0]), red[0]) - "
            f"SL[{head}] * T.Cast(\"float32\", T.max(({pos}) - ({key}), ({key}) - ({pos})))")


def pv_step(rows_expr: str, d: int, bn: int, nt: int, indent: int) -> str:
    """The online-softmax and PV step of accumulator ``k`` (row ``rows_expr``, head dim
    ``(k * NT + tx) % d``) over the tile's scores ``ss``: new running max, rescale
    ``2**(m_old - m_new)``, ``acc = acc * rescale + sum_j p_j V[j]`` and the running sum.
    Every thread keeps the max and sum of the rows it owns in registers, so no shared
    softmax state is written under a condition."""
    r = rows_expr
    return lines(
        indent,
        "red[0] = m[k]",
        f"for j in range({bn}):",
        f"    red[0] = T.max(red[0], ss[{r}, j])",
        # a row with no visible key yet keeps m = -inf and shifts by 0 (p and rescale 0)
        f"red[1] = T.Select(red[0] == {NEG_INF}, T.float32(0), red[0])",
        "red[2] = T.exp2(m[k] - red[1])",
        "red[3] = T.float32(0)",
        "acc[k] = acc[k] * red[2]",
        f"for j in range({bn}):",
        f"    red[4] = T.exp2(ss[{r}, j] - red[1])",
        "    red[3] = red[3] + red[4]",
        f"    acc[k] = acc[k] + red[4] * T.Cast(\"float32\", vs[j, (k * {nt} + tx) % {d}])",
        "l[k] = l[k] * red[2] + red[3]",
        "m[k] = red[0]",
    )
