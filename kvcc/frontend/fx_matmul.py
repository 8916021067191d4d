"""Attention written out as matmul, softmax, matmul, as a kvcc attention.

Found from each softmax over the last dim whose probabilities feed ``p @ v``. Read
back from the softmax to ``q @ k^T``:

- ``k.transpose(-2, -1)`` (or ``transpose(2, 3)``, ``permute(0, 1, 3, 2)``, ``.mT``),
  or ``torch.einsum("bhqd,bhkd->bhqk", q, k)``;
- constant factors anywhere on q, k or the scores (``/ math.sqrt(d)``, ``* scale``);
- masks: additive (``+ mask``), ``masked_fill(m, -inf)``, ``torch.where(m, s, -inf)``,
  read by :mod:`kvcc.frontend.fx_masks` (fills at most ``NEG_LIMIT`` after later
  factors count as hidden keys);
- a softcap ``c * tanh(s / c)`` (masks after it, factors before it);
- casts (``.float()``, ``softmax(dtype=float32)``, ``.to(q.dtype)``, ``.type_as(q)``),
  and dropout that is off (``p=0`` or ``training=False``);
- grouped-query heads written out on k and v (``repeat_interleave(n, dim=1)``, or
  ``k[:, :, None].expand(...).reshape(...)``) undone, so kvcc sees ``Hkv`` heads.

Intermediate scores or probabilities used elsewhere (returned attention weights) keep
the region as written.
"""

from __future__ import annotations

import math

from torch.fx import Node

from kvcc.frontend.fx_mask_values import MaskRefused
from kvcc.frontend.fx_masks import NEG_LIMIT, MaskReader, to_kvcc
from kvcc.frontend.fx_nodes import (
    Call,
    bind,
    dtype_only,
    finite_or_inf,
    known_eq,
    mutated,
    norm_dim,
    number,
    shape,
    tensor_meta,
    value_users,
)
from kvcc.frontend.fx_region import (
    NotLowered,
    Region,
    check_qkv,
    same_heads,
    scores_shape,
    strip_factors,
    transposed,
)
from kvcc.ir.mask import Empty, Full, Mask


def einsum_kind(c: Call) -> str | None:
    """``"qk"`` for ``..id,..jd->..ij``, ``"pv"`` for ``..ij,..jd->..id``, else None."""
    eq, ops = c.get("equation"), c.get("operands", ())
    if not isinstance(eq, str) or len(ops) != 2 or "->" not in eq or "." in eq:
        return None
    ins, out = eq.replace(" ", "").split("->")
    if ins.count(",") != 1:
        return None
    a, b = ins.split(",")
    if not len(a) == len(b) == len(out) or len(a) not in (3, 4) or len(set(out)) != len(out):
        return None
    bat = a[:-2]
    if b[:-2] != bat or out[:-2] != bat or set(bat) & set(a[-2:] + b[-2:]):
        return None
    if a[-1] == b[-1] and out[-2:] == a[-2] + b[-2] and len(set(a[-2:] + b[-2])) == 3:
        return "qk"
    if a[-1] == b[-2] and out[-2:] == a[-2] + b[-1] and len(set(a[-2:] + b[-1])) == 3:
        return "pv"
    return None


def _pv(u: Node, cur: Node) -> Call | None:
    c = bind(u)
    if c is None:
        return None
    if c.name == "matmul" and c.get("input") is cur and c.get("other") is not cur:
        return c
    if c.name == "einsum" and einsum_kind(c) == "pv" and c.get("operands")[0] is cur:
        return c
    return None


def _forward(p: Node) -> tuple[Call | None, list[Node]]:
    """From the probabilities through casts and dropout to ``p @ v``."""
    chain, cur = [p], p
    while True:
        nxt = []
        for u in cur.users:
            c = bind(u)
            if _pv(u, cur) is not None or (
                    c is not None and c.name in ("cast", "identity", "dropout")
                    and c.get("input") is cur and tensor_meta(u) is not None
                    and tensor_meta(u).dtype.is_floating_point):
                nxt.append(u)
        if len(nxt) != 1:
            return None, chain
        pv = _pv(nxt[0], cur)
        if pv is not None:
            return pv, chain
        chain.append(nxt[0])
        cur = nxt[0]


def _softcap(a: Node, x: float) -> Node | None:
    """``y`` when ``a`` is ``tanh(y / x)`` (or ``tanh(y * (1/x))``)."""
    t = bind(a)
    if t is None or t.name != "tanh" or len(a.users) != 1:
        return None
    inner = t.get("input")
    d = bind(inner)
    if d is None or d.name not in ("div", "mul") or len(inner.users) != 1:
        return None
    f = number(d.get("other"))
    if f is None or not math.isclose(f if d.name == "div" else 1 / f, x, rel_tol=1e-9):
        return None
    return d.get("input")


class _Scores:
    """Reads the scores from the softmax input back to ``q @ k^T``."""

    def __init__(self, reader: MaskReader, scores: tuple) -> None:
        self.reader, self.scores = reader, scores
        self.outer = 1.0  # factors after every softcap (and after the masks seen so far)
        self.inner = 1.0  # factors before the softcap
        self.softcap: float | None = None
        self.masks: list[Mask] = []
        self.data: dict = {}
        self.dtype_users: list[tuple[Node, Node]] = []

    def factor(self, x: float) -> None:
        if not x > 0:
            raise NotLowered(f"the scores are multiplied by {x:g}, not a positive constant")
        if self.softcap is None:
            self.outer *= x
        else:
            self.inner *= x

    def mask(self, node: Node, how: str, fill: float | None = None) -> None:
        if self.softcap is not None:
            raise NotLowered("a mask applied before the softcap (tanh would unhide its keys)")
        limit = NEG_LIMIT / self.outer
        if fill is not None and not fill <= limit:
            raise NotLowered(f"a masked_fill with {finite_or_inf(fill)}, not -inf (or at most "
                             f"{limit:g})")
        try:
            m, self.data = to_kvcc(self.reader, node, self.scores, how, limit, self.data)
        except MaskRefused as e:
            raise NotLowered(f"mask: {e}") from None
        self.masks.append(m)

    def walk(self, cur: Node) -> Call:
        while True:
            if len(value_users(cur)) != 1 or mutated(cur):
                raise NotLowered(f"the scores ({cur.name}) are also used elsewhere")
            self.dtype_users += [(u, cur) for u in cur.users if dtype_only(u, cur)]
            s = shape(cur)
            if s is None or len(s) != len(self.scores) or not all(
                    known_eq(a, b) for a, b in zip(s, self.scores)):
                raise NotLowered(f"{cur.name} of shape {s} is not the scores' shape")
            c = bind(cur)
            if c is None:
                raise NotLowered(f"the scores come from {cur.op} {cur.target}")
            n = c.name
            if n == "matmul" or (n == "einsum" and einsum_kind(c) == "qk"):
                return c
            if n == "identity" or (n == "cast" and tensor_meta(cur).dtype.is_floating_point):
                cur = c.get("input")
            elif n in ("mul", "div"):
                a, b = c.get("input"), c.get("other")
                if n == "mul" and number(a) is not None:
                    a, b = b, a
                x = number(b)
                if x is None or tensor_meta(a) is None:
                    raise NotLowered(f"the scores are {n} by a tensor ({cur.name})")
                y = _softcap(a, x) if n == "mul" else None
                if y is not None:
                    if self.softcap is not None or self.outer != 1.0:
                        raise NotLowered("a factor after the softcap")
                    self.softcap = x
                    cur = y
                else:
                    self.factor(x if n == "mul" else 1 / x)
                    cur = a
            elif n == "add" and c.get("alpha", 1) == 1:
                a, b = c.get("input"), c.get("other")
                try:
                    self.mask(b, "additive")
                    cur = a
                except NotLowered as e:
                    if tensor_meta(a) is None or not self._try(a, "additive"):
                        raise e from None
                    cur = b
            elif n == "masked_fill":
                self.mask(c.get("mask"), "fill", self._fill(c.get("value")))
                cur = c.get("input")
            elif n == "where" and self.reader.constant(c.get("other")) is not None:
                self.mask(c.get("condition"), "bool", self.reader.constant(c.get("other")))
                cur = c.get("input")
            elif n == "where" and self.reader.constant(c.get("input")) is not None:
                self.mask(c.get("condition"), "fill", self.reader.constant(c.get("input")))
                cur = c.get("other")
            else:
                raise NotLowered(f"the scores pass through {n} ({cur.name})")

    def _fill(self, x) -> float:
        v = self.reader.constant(x)
        if v is None:
            raise NotLowered(f"a masked_fill with {x!r}, not a constant")
        return v

    def _try(self, node: Node, how: str) -> bool:
        try:
            self.mask(node, how)
            return True
        except NotLowered:
            return False


def match_softmax(c: Call, reader: MaskReader) -> Region | None:
    """The region around one softmax; None when the softmax is not attention's (its
    probabilities do not feed ``p @ v``); raises :class:`NotLowered` with the reason."""
    node = c.node
    s = shape(node)
    if s is None or len(s) not in (3, 4) or norm_dim(c.get("dim"), len(s)) != -1:
        return None
    pv, chain = _forward(node)
    if pv is None:
        return None
    dtype_users = []
    for n in chain:
        if len(value_users(n)) != 1 or mutated(n):
            raise NotLowered(f"the attention probabilities ({n.name}) are also used elsewhere")
        dtype_users += [(u, n) for u in n.users if dtype_only(u, n)]
        d = bind(n)
        if d is not None and d.name == "dropout" and not (
                number(d.get("p")) == 0.0 or d.get("training") is False):
            raise NotLowered("dropout in training mode: kvcc attention has no dropout")
    v = pv.get("other") if pv.name == "matmul" else pv.get("operands")[1]
    scores = _Scores(reader, s)
    qk = scores.walk(c.get("input"))
    if qk.name == "einsum":
        a, k = qk.get("operands")
        f = 1.0
    else:
        a = qk.get("input")
        b, f = strip_factors(qk.get("other"))
        k = transposed(b)
        if k is None:
            raise NotLowered("the right operand of q @ k is not k with its last two dims swapped")
    k, fk = strip_factors(k)
    q, fq = strip_factors(a)
    scores.factor(f * fk * fq)
    k, v = same_heads(k, v)
    rank3 = check_qkv(q, k, v)
    if not all(known_eq(x, y) for x, y in zip(scores_shape(q, k), s)):
        raise NotLowered(f"scores {s} are not q x k {scores_shape(q, k)}")
    mask: Mask = Full()
    for m in scores.masks:
        mask = m if mask == Full() else mask & m
    if mask == Empty():
        raise NotLowered("the mask hides every key")
    scale = scores.inner if scores.softcap is not None else scores.outer
    return Region("matmul-softmax", q, k, v, mask, scores.data, scale, scores.softcap, pv.node,
                  rank3=rank3, dtype_users=dtype_users + scores.dtype_users, start=qk.node)
