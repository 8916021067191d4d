"""Local algebra on masks: a table of ``(identity, rewrite)`` rules.

Each rule is a function from a node to a simpler equal node, or None when it
does not apply. :func:`simplify` rewrites bottom-up to a fixpoint; chains of
``&`` (or of ``|``) are flattened first and the binary rules tried on every
pair, since both operators are associative and commutative. Every rule
is an identity of predicates, checked against the dense oracle by the tests.
"""

from __future__ import annotations

from collections.abc import Callable

from kvcc.ir.mask import (
    And,
    ByHead,
    Causal,
    Document,
    Empty,
    Full,
    Mask,
    Not,
    Or,
    Sinks,
    SlidingWindow,
)

Rule = Callable[[Mask], "Mask | None"]


def _binary(kind: type, fn: Callable[[Mask, Mask], Mask | None]) -> Rule:
    """Lift a rule on (a, b) to a commutative rule on ``kind(a, b)``."""

    def rule(m: Mask) -> Mask | None:
        if not isinstance(m, kind):
            return None
        r = fn(m.a, m.b)  # type: ignore[attr-defined]
        return r if r is not None else fn(m.b, m.a)  # type: ignore[attr-defined]

    return rule


def _not(m: Mask) -> Mask | None:
    if not isinstance(m, Not):
        return None
    if isinstance(m.a, Not):  # ~~x = x
        return m.a.a
    if isinstance(m.a, Full):  # ~full = empty
        return Empty()
    if isinstance(m.a, Empty):  # ~empty = full
        return Full()
    return None


def _degenerate(m: Mask) -> Mask | None:
    if isinstance(m, SlidingWindow) and m.size == 0:  # window of 0 keys sees nothing
        return Empty()
    if isinstance(m, Sinks) and m.n == 0:  # no sinks
        return Empty()
    if isinstance(m, Document) and m.lengths is not None and len(m.lengths) == 1:
        return None  # one document is full, but keep it: it still checks kv_len
    return None


def _by_head(m: Mask) -> Mask | None:
    if not isinstance(m, ByHead):
        return None
    if m.a == m.b:  # both branches alike: the head does not matter
        return m.a
    if not m.heads:  # no head takes a
        return m.b
    if len(m.heads) == m.num_heads:  # every head takes a
        return m.a
    return None


def _same_align(a: Mask, b: Mask) -> bool:
    return getattr(a, "align", None) == getattr(b, "align", None)


RULES: tuple[tuple[str, Rule], ...] = (
    ("~~x = x; ~full = empty; ~empty = full", _not),
    ("window(0) = empty; sinks(0) = empty", _degenerate),
    ("by_head(h, x, x) = x; by_head([], x, y) = y; by_head(all, x, y) = x", _by_head),
    ("x & full = x", _binary(And, lambda a, b: a if isinstance(b, Full) else None)),
    ("x & empty = empty", _binary(And, lambda a, b: Empty() if isinstance(b, Empty) else None)),
    ("x | empty = x", _binary(Or, lambda a, b: a if isinstance(b, Empty) else None)),
    ("x | full = full", _binary(Or, lambda a, b: Full() if isinstance(b, Full) else None)),
    ("x & x = x", _binary(And, lambda a, b: a if a == b else None)),
    ("x | x = x", _binary(Or, lambda a, b: a if a == b else None)),
    ("x & ~x = empty", _binary(And, lambda a, b: Empty() if b == Not(a) else None)),
    ("x | ~x = full", _binary(Or, lambda a, b: Full() if b == Not(a) else None)),
    # a window is causal already: window(w) & causal = window(w), | = causal
    ("window(w) & causal = window(w)", _binary(And, lambda a, b: a if isinstance(a, SlidingWindow)
                                               and isinstance(b, Causal) and _same_align(a, b)
                                               else None)),
    ("window(w) | causal = causal", _binary(Or, lambda a, b: b if isinstance(a, SlidingWindow)
                                            and isinstance(b, Causal) and _same_align(a, b)
                                            else None)),
    ("window(a) & window(b) = window(min(a, b))",
     _binary(And, lambda a, b: SlidingWindow(min(a.size, b.size), a.align)
             if isinstance(a, SlidingWindow) and isinstance(b, SlidingWindow)
             and _same_align(a, b) else None)),
    ("window(a) | window(b) = window(max(a, b))",
     _binary(Or, lambda a, b: SlidingWindow(max(a.size, b.size), a.align)
             if isinstance(a, SlidingWindow) and isinstance(b, SlidingWindow)
             and _same_align(a, b) else None)),
    ("sinks(a) & sinks(b) = sinks(min(a, b))",
     _binary(And, lambda a, b: Sinks(min(a.n, b.n))
             if isinstance(a, Sinks) and isinstance(b, Sinks) else None)),
    ("sinks(a) | sinks(b) = sinks(max(a, b))",
     _binary(Or, lambda a, b: Sinks(max(a.n, b.n))
             if isinstance(a, Sinks) and isinstance(b, Sinks) else None)),
    ("x & (x | y) = x", _binary(And, lambda a, b: a if isinstance(b, Or) and a in (b.a, b.b)
                                else None)),
    ("x | (x & y) = x", _binary(Or, lambda a, b: a if isinstance(b, And) and a in (b.a, b.b)
                                else None)),
)


def simplify(m: Mask, rules: tuple[tuple[str, Rule], ...] = RULES) -> Mask:
    """Rewrite bottom-up with ``rules`` until nothing changes."""
    while True:
        new = _rewrite(m, rules)
        if new == m:
            return new
        m = new


def _rewrite(m: Mask, rules: tuple[tuple[str, Rule], ...]) -> Mask:
    if isinstance(m, (And, Or)):
        m = _chain(type(m), [_rewrite(x, rules) for x in _flatten(m, type(m))], rules)
    elif isinstance(m, Not):
        m = Not(_rewrite(m.a, rules))
    elif isinstance(m, ByHead):
        m = m.with_children(_rewrite(m.a, rules), _rewrite(m.b, rules))
    for _, rule in rules:
        r = rule(m)
        if r is not None:
            return r
    return m


def _flatten(m: Mask, kind: type) -> list[Mask]:
    """Operands of a chain of one associative operator: a & (b & c) -> [a, b, c]."""
    if isinstance(m, kind):
        return _flatten(m.a, kind) + _flatten(m.b, kind)  # type: ignore[attr-defined]
    return [m]


def _chain(kind: type, items: list[Mask], rules: tuple[tuple[str, Rule], ...]) -> Mask:
    """Apply the binary rules to every pair of a chain (& and | are associative and
    commutative), then rebuild it left to right."""
    changed = True
    while changed and len(items) > 1:
        changed = False
        for i in range(len(items)):
            for j in range(i + 1, len(items)):
                pair = kind(items[i], items[j])
                for _, rule in rules:
                    r = rule(pair)
                    if r is not None:
                        items = items[:i] + [r] + items[i + 1:j] + items[j + 1:]
                        changed = True
                        break
                if changed:
                    break
            if changed:
                break
    out = items[0]
    for x in items[1:]:
        out = kind(out, x)
    return out
