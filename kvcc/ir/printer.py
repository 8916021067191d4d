"""The IR's text form. :func:`print_module` and :func:`kvcc.ir.parser.parse`
are inverses: ``parse(print_module(m)) == m`` for every module.

    module @name(%q: tensor<[B, 8, S, 64], f16>, ...) {
      %o: tensor<...>, _ = attention {q=%q, k=%k, v=%v, scale=0.125, mask=causal}
      %r: tensor<...> = for {index="c", extent="S", step=64, inits=[%x]} (%x: tensor<...>) {
        ...
        yield %y
      }
      return %o
    }

Attributes equal to their defaults are left out; ``_`` stands for an absent
result, and absent trailing results are left out.
"""

from __future__ import annotations

import enum
import json
from dataclasses import MISSING, fields

import sympy

from kvcc.ir.formats import Record
from kvcc.ir.mask import Mask
from kvcc.ir.ops import Block, Module, Op, op_fields
from kvcc.ir.syntax import print_mask
from kvcc.ir.types import TensorType, Value


def print_value_decl(v: Value) -> str:
    return f"%{v.name}: {v.type}"


def print_attr(x) -> str:
    """One attribute value in the text syntax."""
    if x is None:
        return "none"
    if isinstance(x, bool):
        return "true" if x else "false"
    if isinstance(x, int):
        return str(x)
    if isinstance(x, float):
        return repr(x)
    if isinstance(x, str):
        return json.dumps(x)
    if isinstance(x, enum.Enum):
        return str(x.value)
    if isinstance(x, sympy.Expr):
        return str(int(x)) if x.is_Integer and x >= 0 else json.dumps(str(x))
    if isinstance(x, Value):
        return f"%{x.name}"
    if isinstance(x, TensorType):
        return str(x)
    if isinstance(x, Mask):
        return print_mask(x)
    if isinstance(x, Record):
        parts = [f"{f.name}={print_attr(getattr(x, f.name))}" for f in fields(x)
                 if not _is_default(x, f)]
        return f"{x.KEYWORD}({', '.join(parts)})" if parts else x.KEYWORD
    if isinstance(x, tuple):
        return "[" + ", ".join(print_attr(i) for i in x) + "]"
    raise TypeError(f"cannot print attribute {x!r}")


def _is_default(obj, f) -> bool:
    if f.default is not MISSING:
        return getattr(obj, f.name) == f.default and type(getattr(obj, f.name)) is type(f.default)
    return False


def print_op(op: Op, indent: str = "  ") -> str:
    kinds = op_fields(type(op))
    lhs = []
    for r in kinds.results:
        val = getattr(op, r)
        if isinstance(val, tuple):
            lhs.extend(print_value_decl(v) for v in val)
        else:
            lhs.append("_" if val is None else print_value_decl(val))
    while len(lhs) > 1 and lhs[-1] == "_":
        lhs.pop()  # absent trailing results are left out
    attrs = [f"{f.name}={print_attr(getattr(op, f.name))}" for f in fields(op)
             if f.name not in kinds.results and f.name not in kinds.regions
             and not _is_default(op, f)]
    head = f"{indent}{', '.join(lhs) or '_'} = {op.NAME} {{{', '.join(attrs)}}}"
    for r in kinds.regions:
        head += " " + _print_block(getattr(op, r), indent)
    return head


def _print_block(b: Block, indent: str) -> str:
    args = ", ".join(print_value_decl(a) for a in b.args)
    inner = indent + "  "
    lines = [f"({args}) {{"]
    lines += [print_op(o, inner) for o in b.ops]
    lines.append(f"{inner}yield {', '.join(f'%{v.name}' for v in b.yields)}")
    lines.append(f"{indent}}}")
    return "\n".join(lines)


def print_module(m: Module) -> str:
    args = ", ".join(print_value_decl(a) for a in m.args)
    lines = [f"module @{m.name}({args}) {{"]
    lines += [print_op(o) for o in m.ops]
    lines.append(f"  return {', '.join(f'%{v.name}' for v in m.outputs)}")
    lines.append("}")
    return "\n".join(lines) + "\n"
