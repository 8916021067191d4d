"""An attention region of a model graph, as the patterns find it, and the checks every
pattern shares: shapes and dtypes kvcc takes, grouped-query heads written out by
``repeat_interleave`` or ``expand`` + ``reshape``, scalar factors on q and k."""

from __future__ import annotations

from dataclasses import dataclass, field

from torch.fx import Node
from torch.fx.experimental.symbolic_shapes import guard_int

from kvcc.checks import FLOAT_DTYPES, check_factor, check_head_dim
from kvcc.frontend.fx_mask_values import DataRef
from kvcc.frontend.fx_nodes import (
    bind,
    known_eq,
    mutated,
    norm_dim,
    number,
    shape,
    static_int,
    tensor_meta,
    writes,
)
from kvcc.frontend.fx_views import view_map
from kvcc.ir.mask import Mask


class NotLowered(Exception):
    """An attention region kvcc leaves as written; the message is the one-line reason."""


@dataclass
class Region:
    """A matched attention: ``out`` (the node whose value kvcc computes) equals
    ``kvcc.attention(q, k, v, mask=mask, scale=scale, softcap=softcap)``; ``data`` are
    the mask's run-time tensors by the names ``mask`` reads; ``rank3``: q, k, v are
    ``[N, S, D]``;
    ``dtype_users``: (user, node) pairs where a user outside reads only the dtype of a
    replaced node (``x.type_as(scores)``), rewritten to read the dtype as a constant;
    ``start``: the region's first node (q and k are read there)."""

    kind: str
    q: Node
    k: Node
    v: Node
    mask: Mask
    data: dict[str, DataRef]
    scale: float | None
    softcap: float | None
    out: Node
    rank3: bool = False
    dtype_users: list[tuple[Node, Node]] = field(default_factory=list)
    start: Node | None = None


def check_qkv(q: Node, k: Node, v: Node, gqa: bool = True) -> bool:
    """Raise :class:`NotLowered` unless kvcc takes these q, k, v as they are; returns
    whether they are 3-D (``[N, S, D]``, run as one head)."""
    tq, tk, tv = (tensor_meta(x) for x in (q, k, v))
    if tq is None or tk is None or tv is None:
        raise NotLowered("q, k or v is not a tensor")
    if not tq.dtype == tk.dtype == tv.dtype or tq.dtype not in FLOAT_DTYPES:
        raise NotLowered(f"q, k, v dtypes {tq.dtype}, {tk.dtype}, {tv.dtype}: kvcc takes one "
                         "float dtype")
    if not tq.device == tk.device == tv.device:
        raise NotLowered("q, k and v are on different devices")
    if tq.requires_grad or tk.requires_grad or tv.requires_grad:
        raise NotLowered("q, k or v needs gradients, and kvcc's attention op is forward only "
                         "(compile under torch.no_grad() or inference_mode for kvcc)")
    qs, ks, vs = shape(q), shape(k), shape(v)
    if not len(qs) == len(ks) == len(vs) or len(qs) not in (3, 4):
        raise NotLowered(f"q, k, v of {len(qs)}, {len(ks)}, {len(vs)} dims: kvcc takes [B, H, S, D] "
                         "or [N, S, D]")
    if not all(known_eq(a, b) for a, b in zip(ks[:-1], vs[:-1])):
        raise NotLowered(f"k {ks} and v {vs} differ before the head dim")
    if not known_eq(qs[0], ks[0]):
        raise NotLowered(f"q and k batch sizes {qs[0]} and {ks[0]} differ (broadcast batch)")
    if any(static_int(d) == 0 for d in (*qs, *ks, *vs)):
        raise NotLowered("empty q, k or v")
    if not known_eq(qs[-1], ks[-1]):
        raise NotLowered(f"q head dim {qs[-1]} and k head dim {ks[-1]} differ")
    # Head counts and head dims decide whether kvcc takes the call: where they are
    # symbolic (dynamic=True), the graph is specialized to them (a guard; models do not
    # change them), never to the sequence lengths.
    if len(qs) == 4 and not known_eq(qs[1], ks[1]):
        hq, hkv = guard_int(tq.shape[1]), guard_int(tk.shape[1])
        if hq % hkv or (hq != hkv and not gqa):
            raise NotLowered(f"{hq} query heads and {hkv} key heads")
    for name, d in (("q/k", tq.shape[-1]), ("v", tv.shape[-1])):
        try:
            check_head_dim(name, guard_int(d))
        except ValueError as e:
            raise NotLowered(str(e)) from None
    return len(qs) == 3


def scores_shape(q: Node, k: Node) -> tuple:
    qs, ks = shape(q), shape(k)
    return (*qs[:-1], ks[-2])


def _unsqueezed_at(node: Node, dim: int) -> Node | None:
    """The input of ``node`` when ``node`` only inserts a size-1 dim at ``dim``."""
    c = bind(node)
    if c is None or c.name not in ("getitem", "unsqueeze", "reshape"):
        return None
    src = c.get("input")
    si, so = shape(src), shape(node)
    if si is None or so is None or len(so) != len(si) + 1:
        return None
    m = view_map(c, si, so)
    if m is None or m[1]:
        return None
    want = [(d - len(si), 0) for d in range(len(si))]
    want.insert(dim, (None, 0))
    return src if [(s, int(o)) for s, o in m[0]] == want else None


def unrepeat(node: Node) -> tuple[Node, int]:
    """``(base, n)`` when ``node`` is a ``[B, H, S, D]`` tensor whose head ``h`` is head
    ``h // n`` of ``base`` (GQA written out); ``(node, 1)`` otherwise."""
    c = bind(node)
    s = shape(node)
    if c is None or s is None or len(s) != 4:
        return node, 1
    if c.name == "repeat_interleave":
        n = c.get("repeats")
        if isinstance(n, int) and not isinstance(n, bool) and n > 0 and norm_dim(c.get("dim"), 4) == -3:
            return c.get("input"), n
    if c.name == "reshape":
        e = bind(c.get("input"))
        es = shape(c.get("input"))
        if e is not None and e.name == "expand" and es is not None and len(es) == 5:
            base = _unsqueezed_at(e.get("input"), 2)
            bs = shape(base) if base is not None else None
            n = static_int(es[2])
            if (bs is not None and n and all(known_eq(a, b) for a, b in zip(bs, es[:2] + es[3:]))
                    and known_eq(s[1], bs[1] * n) and known_eq(s[2], bs[2])):
                return base, n
    return node, 1


def strip_factors(node: Node) -> tuple[Node, float]:
    """``(x, f)`` when ``node`` is ``x`` times and divided by constants, ``f`` their product."""
    f = 1.0
    while True:
        c = bind(node)
        if c is None or c.name not in ("mul", "div"):
            return node, f
        a, b = c.get("input"), c.get("other")
        if c.name == "mul" and number(a) is not None and tensor_meta(b) is not None:
            a, b = b, a
        x = number(b)
        if x is None or tensor_meta(a) is None or x == 0:
            return node, f
        f = f * x if c.name == "mul" else f / x
        node = a


def transposed(node: Node) -> Node | None:
    """``x`` when ``node`` is ``x`` with its last two dims swapped."""
    c = bind(node)
    s = shape(node)
    if c is None or s is None:
        return None
    if c.name == "mT":
        return c.get("input")
    if c.name in ("transpose", "permute"):
        m = view_map(c, s, s)
        n = len(s)
        want = [(d - n, 0) for d in range(n)]
        want[-2], want[-1] = want[-1], want[-2]
        if m is not None and not m[1] and [(a, int(o)) for a, o in m[0]] == want:
            return c.get("input")
    return None


def same_heads(k: Node, v: Node) -> tuple[Node, Node]:
    """k and v with GQA repeats undone when both undo the same way."""
    (kb, kn), (vb, vn) = unrepeat(k), unrepeat(v)
    if kn == vn and kn > 1:
        return kb, vb
    return k, v


def check_region(r: Region) -> Region:
    """Raise :class:`NotLowered` unless kvcc takes the region's scale, softcap and mask
    tensors (what kvcc would otherwise reject when the compiled code runs)."""
    t = tensor_meta(r.q)
    for name, x in (("scale", r.scale), ("softcap", r.softcap)):
        if x is not None:
            try:
                check_factor(name, x, t.dtype)
            except ValueError as e:
                raise NotLowered(str(e)) from None
    for ref in r.data.values():
        d = tensor_meta(ref.node)
        if d is None or d.device != t.device:
            raise NotLowered(f"mask tensor {ref.node.name} is not on q's device")
    # kvcc reads q, k, v and the mask tensors where the region ends: nothing may write
    # them (or anything else, which could be a view of them) in between
    for x in (r.q, r.k, r.v, *(ref.node for ref in r.data.values())):
        if mutated(x):
            raise NotLowered(f"{x.name} is changed in place")
    n = r.start
    while n is not None and n is not r.out:
        if writes(n):
            raise NotLowered(f"{n.name} writes a tensor in place inside the attention")
        n = n.next
    return r
