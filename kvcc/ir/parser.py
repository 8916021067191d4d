"""Parse the IR text form (see :mod:`kvcc.ir.printer`) back into a Module."""

from __future__ import annotations

import enum
import re
import types
import typing
from dataclasses import fields

import sympy

from kvcc.ir.dtypes import DType
from kvcc.ir.formats import RECORDS, Record
from kvcc.ir.mask import Mask
from kvcc.ir.ops import OPS, Block, ForOp, Module, Op, op_fields
from kvcc.ir.syntax import ParseError, Tok, TokenStream, mask_from_ast, tokenize
from kvcc.ir.types import TensorType, Value, dim, parse_dim

_TYPE = re.compile(r"tensor<\[(.*)\],\s*(\w+)>")


def parse_type(text: str) -> TensorType:
    m = _TYPE.fullmatch(text)
    if not m:
        raise ParseError(f"not a tensor type: {text!r}")
    body, dt = m.groups()
    try:
        dtype = DType(dt)
    except ValueError:
        raise ParseError(f"unknown dtype {dt!r} in {text!r}") from None
    dims, depth, cur = [], 0, ""
    for ch in body:
        if ch == "," and depth == 0:
            dims.append(cur)
            cur = ""
            continue
        depth += ch == "("
        depth -= ch == ")"
        cur += ch
    if cur.strip():
        dims.append(cur)
    try:
        return TensorType(tuple(parse_dim(d) for d in dims), dtype)
    except ValueError as e:
        raise ParseError(f"{e} in {text!r}") from None


def from_ast(node, hint, scope: dict[str, Value], where: str):
    """Convert an attribute AST node to a value of type ``hint``."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if node == ("ident", "none") and type(None) in args:
            return None
        choices = [a for a in args if a is not type(None)]
        recs = [a for a in choices if isinstance(a, type) and issubclass(a, Record)]
        if len(recs) > 1:
            return _record(node, tuple(recs), scope, where)
        if len(choices) == 1:
            return from_ast(node, choices[0], scope, where)
        raise ParseError(f"{where}: cannot decide between {choices}")
    if origin is tuple:
        if node[0] != "list":
            raise ParseError(f"{where}: expected a list, found {node!r}")
        return tuple(from_ast(n, args[0], scope, where) for n in node[1])
    if hint is Value:
        if node[0] != "ref":
            raise ParseError(f"{where}: expected a %value, found {node!r}")
        if node[1] not in scope:
            raise ParseError(f"{where}: use of undefined value %{node[1]}")
        return scope[node[1]]
    if hint is bool:
        if node not in (("ident", "true"), ("ident", "false")):
            raise ParseError(f"{where}: expected true or false, found {node!r}")
        return node[1] == "true"
    if hint is int:
        if node[0] != "num" or not isinstance(node[1], int):
            raise ParseError(f"{where}: expected an int, found {node!r}")
        return node[1]
    if hint is float:
        if node[0] != "num":
            raise ParseError(f"{where}: expected a number, found {node!r}")
        return float(node[1])
    if hint is str:
        if node[0] != "str":
            raise ParseError(f"{where}: expected a \"string\", found {node!r}")
        return node[1]
    if hint is sympy.Expr:
        if node[0] == "num" and isinstance(node[1], int):
            return dim(node[1])
        if node[0] == "str":
            try:
                return parse_dim(node[1])
            except ValueError as e:
                raise ParseError(f"{where}: {e}") from None
        raise ParseError(f"{where}: expected a dimension, found {node!r}")
    if hint is Mask:
        return mask_from_ast(node)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        if node[0] != "ident":
            raise ParseError(f"{where}: expected one of {[e.value for e in hint]}")
        try:
            return hint(node[1])
        except ValueError:
            raise ParseError(f"{where}: {node[1]!r} is not one of "
                             f"{[e.value for e in hint]}") from None
    if isinstance(hint, type) and issubclass(hint, Record):
        return _record(node, (hint,), scope, where)
    raise ParseError(f"{where}: no parser for attributes of type {hint}")


def _record(node, allowed: tuple[type, ...], scope, where: str) -> Record:
    if node[0] == "ident":
        name, kwargs = node[1], {}
    elif node[0] == "call" and not node[2]:
        name, kwargs = node[1], node[3]
    else:
        raise ParseError(f"{where}: expected a record like name(key=value), found {node!r}")
    cls = RECORDS.get(name)
    if cls is None or cls not in allowed:
        raise ParseError(f"{where}: expected one of {[c.KEYWORD for c in allowed]}, got {name!r}")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in fields(cls)}
    for k in kwargs:
        if k not in known:
            raise ParseError(f"{where}: {name} has no field {k!r}")
    vals = {k: from_ast(v, hints[k], scope, f"{where}.{k}") for k, v in kwargs.items()}
    try:
        return cls(**vals)
    except (TypeError, ValueError) as e:
        raise ParseError(f"{where}: {e}") from None


class _Parser:
    def __init__(self, text: str) -> None:
        self.lines = [(i + 1, ln) for i, ln in enumerate(text.splitlines())
                      if ln.strip() and not ln.strip().startswith("//")]
        self.pos = 0

    def line(self) -> tuple[int, str]:
        if self.pos >= len(self.lines):
            raise ParseError("unexpected end of input: missing '}'")
        self.pos += 1
        return self.lines[self.pos - 1]

    def module(self) -> Module:
        no, text = self.line()
        ts = TokenStream(tokenize(text), text)
        if ts.next().text != "module":
            raise ParseError(f"line {no}: expected 'module @name(...) {{'")
        name = ts.expect_kind("sym").text[1:]
        ts.expect("(")
        args = self._decls(ts, no, ")")
        ts.expect("{")
        scope: dict[str, Value] = {}
        for a in args:
            self._define(scope, a, no)
        ops, outs = self._body(scope, "return")
        no, text = self.line()
        if text.strip() != "}":
            raise ParseError(f"line {no}: expected '}}' closing the module")
        if self.pos != len(self.lines):
            raise ParseError(f"line {self.lines[self.pos][0]}: text after the module")
        return Module(name, tuple(args), tuple(ops), tuple(outs))

    def _decls(self, ts: TokenStream, no: int, close: str) -> list[Value | None]:
        out: list[Value | None] = []
        while not ts.peek(close):
            t = ts.next()
            if t.text == "_":
                out.append(None)
            elif t.kind == "ref":
                ts.expect(":")
                ty = ts.expect_kind("type")
                out.append(Value(t.text[1:], parse_type(ty.text)))
            else:
                raise ParseError(f"line {no}: expected '%name: tensor<...>', found {t.text!r}")
            if not ts.peek(close):
                ts.expect(",")
        ts.next()
        return out

    @staticmethod
    def _define(scope: dict[str, Value], v: Value | None, no: int) -> None:
        if v is None:
            return
        if v.name in scope:
            raise ParseError(f"line {no}: %{v.name} is defined twice")
        scope[v.name] = v

    def _body(self, scope: dict[str, Value], terminator: str) -> tuple[list[Op], list[Value]]:
        ops: list[Op] = []
        while True:
            no, text = self.line()
            toks = tokenize(text)
            if toks and toks[0].text == terminator:
                refs = []
                for t in toks[1:]:
                    if t.kind == "ref":
                        if t.text[1:] not in scope:
                            raise ParseError(f"line {no}: {terminator} of undefined {t.text}")
                        refs.append(scope[t.text[1:]])
                    elif t.text != ",":
                        raise ParseError(f"line {no}: unexpected {t.text!r}")
                return ops, refs
            ops.append(self._op(no, text, toks, scope))

    def _op(self, no: int, text: str, toks: list[Tok], scope: dict[str, Value]) -> Op:
        ts = TokenStream(toks, text)
        results = self._decls(ts, no, "=")
        opname = ts.expect_kind("ident").text
        cls = OPS.get(opname)
        if cls is None:
            raise ParseError(f"line {no}: unknown op {opname!r}; known: {', '.join(OPS)}")
        kinds = op_fields(cls)
        ts.expect("{")
        kw: dict[str, object] = {}
        while not ts.peek("}"):
            key = ts.expect_kind("ident").text
            ts.expect("=")
            node = ts.expr()
            if key in kw:
                raise ParseError(f"line {no}: {opname}: attribute {key!r} given twice")
            if key not in kinds.operands and key not in kinds.attrs:
                raise ParseError(f"line {no}: {opname} has no attribute {key!r}")
            kw[key] = from_ast(node, kinds.hints[key], scope, f"line {no}: {opname}.{key}")
            if not ts.peek("}"):
                ts.expect(",")
        ts.next()
        for r in kinds.regions:
            ts.expect("(")
            bargs = self._decls(ts, no, ")")
            ts.expect("{")
            inner = dict(scope)
            for a in bargs:
                self._define(inner, a, no)
            bops, yields = self._body(inner, "yield")
            cno, ctext = self.line()
            if ctext.strip() != "}":
                raise ParseError(f"line {cno}: expected '}}' closing the {opname} region")
            kw[r] = Block(tuple(bargs), tuple(bops), tuple(yields))
        if not ts.at_end():
            raise ParseError(f"line {no}: trailing {ts.peek().text!r}")
        if cls is ForOp:
            kw["outs"] = tuple(results)
        else:
            optional = [r for r in kinds.results
                        if type(None) in typing.get_args(kinds.hints[r])]
            while len(results) < len(kinds.results) and kinds.results[len(results)] in optional:
                results.append(None)  # trailing optional results may be left out
            if len(results) != len(kinds.results):
                raise ParseError(f"line {no}: {opname} defines {len(kinds.results)} results "
                                 f"({', '.join(kinds.results)}), found {len(results)}")
            kw.update(zip(kinds.results, results))
        for v in results:
            self._define(scope, v, no)
        try:
            return cls(**kw)
        except (TypeError, ValueError) as e:
            raise ParseError(f"line {no}: {opname}: {e}") from None


def parse(text: str) -> Module:
    """Parse a module from its text form; raises :class:`ParseError` with a line number."""
    return _Parser(text).module()
