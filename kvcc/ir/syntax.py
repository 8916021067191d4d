"""The attribute language of the IR text: tokens, expressions, masks.

Attribute values print as ``none``, ``true``, ints, floats (``repr``, so they
round-trip), ``"strings"``, ``[lists]``, ``%refs``, ``name(args, key=value)``
records and mask expressions with ``&``, ``|``, ``~`` (``~`` binds tightest, then
``&``, then ``|``; ``&`` and ``|`` associate to the left). Tensor types are one
token: ``tensor<[B, 8, S + 1, 128], bf16>``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from kvcc.ir.mask import (
    MAX_DEPTH,
    Align,
    And,
    ByHead,
    Causal,
    Document,
    Empty,
    Full,
    Mask,
    Not,
    Or,
    PageSelect,
    Sinks,
    SlidingWindow,
)


class ParseError(ValueError):
    """Malformed IR text; the message gives the line and what was expected."""


# Parentheses and brackets nest this deep at most: a mask's levels plus a call's
# argument list, which keeps the recursive descent far from Python's recursion limit.
MAX_NESTING = MAX_DEPTH + 4


_TOKEN = re.compile(r"""(?x)(?a)
    (?P<ws>\s+)
  | (?P<type>tensor<\[[^\]]*\],\s*\w+>)
  | (?P<ref>%[A-Za-z_][\w.]*)
  | (?P<sym>@[A-Za-z_][\w.]*)
  | (?P<num>-?(?:\d+\.\d*(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|\d+)(?![\w.]))
  | (?P<ident>-?[A-Za-z_]\w*)
  | (?P<str>"(?:[^"\\]|\\.)*")
  | (?P<punct>->|[()\[\]{},=&|~:])
""")


@dataclass(frozen=True, slots=True)
class Tok:
    kind: str
    text: str
    pos: int


def tokenize(text: str) -> list[Tok]:
    out: list[Tok] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ParseError(f"unexpected character {text[pos]!r} at column {pos + 1}: {text!r}")
        if m.lastgroup != "ws":
            out.append(Tok(m.lastgroup or "", m.group(), pos))
        pos = m.end()
    return out


# AST nodes of attribute expressions: plain tuples keep the parser small.
#   ("num", int|float) ("str", s) ("ident", name) ("ref", name) ("type", text)
#   ("list", [items]) ("call", name, [args], {kwargs}) ("and"|"or", a, b) ("not", a)


class TokenStream:
    def __init__(self, toks: list[Tok], source: str = "") -> None:
        self.toks, self.i, self.source = toks, 0, source
        self.nesting = 0

    def peek(self, text: str | None = None) -> Tok | None:
        t = self.toks[self.i] if self.i < len(self.toks) else None
        if text is not None and (t is None or t.text != text):
            return None
        return t

    def next(self) -> Tok:
        if self.i >= len(self.toks):
            raise ParseError(f"unexpected end of input in {self.source!r}")
        self.i += 1
        return self.toks[self.i - 1]

    def expect(self, text: str) -> Tok:
        t = self.next()
        if t.text != text:
            raise ParseError(f"expected {text!r}, found {t.text!r} in {self.source!r}")
        return t

    def expect_kind(self, kind: str) -> Tok:
        t = self.next()
        if t.kind != kind:
            raise ParseError(f"expected a {kind}, found {t.text!r} in {self.source!r}")
        return t

    def at_end(self) -> bool:
        return self.i >= len(self.toks)

    # expr := and ('|' and)* ; and := unary ('&' unary)* ; unary := '~' unary | atom
    def expr(self):
        self.nesting += 1
        if self.nesting > MAX_NESTING:
            raise ParseError(f"expression nested more than {MAX_NESTING} levels deep in "
                             f"{self.source[:80]!r}")
        node = self._and()
        while self.peek("|"):
            self.next()
            node = ("or", node, self._and())
        self.nesting -= 1
        return node

    def _and(self):
        node = self._unary()
        while self.peek("&"):
            self.next()
            node = ("and", node, self._unary())
        return node

    def _unary(self):
        nots = 0
        while self.peek("~"):
            self.next()
            nots += 1
        node = self._atom()
        for _ in range(nots):
            node = ("not", node)
        return node

    def _atom(self):
        t = self.next()
        if t.kind == "num":
            return ("num", float(t.text) if any(c in t.text for c in ".eE") else int(t.text))
        if t.kind == "str":
            return ("str", json.loads(t.text))
        if t.kind == "ref":
            return ("ref", t.text[1:])
        if t.kind == "type":
            return ("type", t.text)
        if t.text == "(":
            node = self.expr()
            self.expect(")")
            return node
        if t.text == "[":
            items = []
            while not self.peek("]"):
                items.append(self.expr())
                if not self.peek("]"):
                    self.expect(",")
            self.next()
            return ("list", items)
        if t.kind == "ident":
            if t.text in ("inf", "-inf", "nan"):
                return ("num", float(t.text))
            if self.peek("("):
                self.next()
                args, kwargs = [], {}
                while not self.peek(")"):
                    if self.peek() and self.peek().kind == "ident" and self._lookahead_is("="):
                        key = self.next().text
                        self.expect("=")
                        kwargs[key] = self.expr()
                    else:
                        args.append(self.expr())
                    if not self.peek(")"):
                        self.expect(",")
                self.next()
                return ("call", t.text, args, kwargs)
            return ("ident", t.text)
        raise ParseError(f"unexpected {t.text!r} in {self.source!r}")

    def _lookahead_is(self, text: str) -> bool:
        return self.i + 1 < len(self.toks) and self.toks[self.i + 1].text == text


def parse_expr(text: str):
    ts = TokenStream(tokenize(text), text)
    node = ts.expr()
    if not ts.at_end():
        raise ParseError(f"trailing input {ts.peek().text!r} in {text!r}")
    return node


# ------------------------------------------------------------------ masks

_PREC = {Or: 1, And: 2, Not: 3}


def print_mask(m: Mask, parent: int = 0, right: bool = False) -> str:
    p = _PREC.get(type(m), 4)
    if isinstance(m, (And, Or)):
        op = " & " if isinstance(m, And) else " | "
        s = print_mask(m.a, p) + op + print_mask(m.b, p, right=True)
    elif isinstance(m, Not):
        s = "~" + print_mask(m.a, p)
    elif isinstance(m, ByHead):
        s = (f"by_head([{', '.join(map(str, m.heads))}], of={m.num_heads}, group={m.group}, "
             f"{print_mask(m.a)}, {print_mask(m.b)})")
    else:
        s = _print_atom(m)
    need = p < parent or (right and p == parent and p in (1, 2))
    return f"({s})" if need else s


def _print_atom(m: Mask) -> str:
    if isinstance(m, Full):
        return "full"
    if isinstance(m, Empty):
        return "empty"
    al = "" if getattr(m, "align", Align.bottom_right) is Align.bottom_right else "top_left"
    if isinstance(m, Causal):
        return f"causal({al})" if al else "causal"
    if isinstance(m, SlidingWindow):
        return f"sliding_window({m.size}, {al})" if al else f"sliding_window({m.size})"
    if isinstance(m, Sinks):
        return f"sinks({m.n})"
    if isinstance(m, Document):
        if m.lengths is not None:
            return f"document([{', '.join(map(str, m.lengths))}])"
        return f"document(%{m.ids})"
    if isinstance(m, PageSelect):
        return f"page_select({m.page_size}, %{m.pages})"
    raise TypeError(f"cannot print mask node {type(m).__name__}")


def mask_from_ast(node) -> Mask:
    kind = node[0]
    # chains (a & b & c, ~~a) are as deep as they are long: build them in a loop, and
    # let the nodes refuse what is deeper than MAX_DEPTH
    if kind in ("and", "or"):
        rights = []
        while node[0] == kind:
            rights.append(node[2])
            node = node[1]
        m = mask_from_ast(node)
        for r in reversed(rights):
            m = _combine(And if kind == "and" else Or, m, mask_from_ast(r))
        return m
    if kind == "not":
        nots = 0
        while node[0] == "not":
            nots += 1
            node = node[1]
        m = mask_from_ast(node)
        for _ in range(nots):
            m = _combine(Not, m)
        return m
    if kind == "call" and node[1] == "by_head":
        return _by_head(node)
    if kind == "ident":
        name, args = node[1], []
    elif kind == "call":
        name, args = node[1], node[2]
    else:
        raise ParseError(f"not a mask: {node!r}")
    vals = [_mask_arg(a) for a in args]
    align = Align.top_left if "top_left" in vals else Align.bottom_right
    nums = [v for v in vals if v != "top_left"]
    try:
        if name == "full" and not args:
            return Full()
        if name == "empty" and not args:
            return Empty()
        if name == "causal" and not nums:
            return Causal(align)
        if name == "sliding_window" and len(nums) == 1:
            return SlidingWindow(nums[0], align)
        if name == "sinks" and len(vals) == 1:
            return Sinks(vals[0])
        if name == "document" and len(vals) == 1:
            v = vals[0]
            return Document(ids=v[1]) if isinstance(v, tuple) else Document(lengths=tuple(v))
        if name == "page_select" and len(vals) == 2:
            return PageSelect(vals[0], vals[1][1])
    except (TypeError, ValueError) as e:
        raise ParseError(f"bad mask {name}: {e}") from e
    raise ParseError(f"unknown mask {name!r} with arguments {vals!r}")


def _by_head(node) -> Mask:
    """``by_head([HEADS], of=KV_HEADS, group=G, A, B)``."""
    _, _, args, kw = node
    if len(args) != 3 or args[0][0] != "list" or set(kw) != {"of", "group"}:
        raise ParseError("by_head takes ([kv heads], of=N, group=G, mask, mask)")
    nums = [_mask_arg(x) for x in (kw["of"], kw["group"])]
    heads = _mask_arg(args[0])
    try:
        return ByHead(tuple(heads), nums[0], nums[1], mask_from_ast(args[1]),
                      mask_from_ast(args[2]))
    except (TypeError, ValueError) as e:
        raise ParseError(f"bad mask by_head: {e}") from e


def _combine(cls: type, *args: Mask) -> Mask:
    try:
        return cls(*args)
    except ValueError as e:
        raise ParseError(str(e)) from None


def _mask_arg(node):
    if node[0] == "num":
        return node[1]
    if node[0] == "ident":
        return node[1]
    if node[0] == "ref":
        return ("ref", node[1])
    if node[0] == "list":
        return [_mask_arg(x) for x in node[1]]
    raise ParseError(f"bad mask argument {node!r}")


def parse_mask(text: str) -> Mask:
    return mask_from_ast(parse_expr(text))
