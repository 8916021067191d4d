"""Tensor types with symbolic dimensions, and SSA values.

Dimensions are sympy integers or expressions over non-negative integer symbols
(``B``, ``S``, ``T``...). They print with ``str`` and parse with :func:`parse_dim`,
so ``parse_dim(str(d)) == d``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import sympy

from kvcc.ir.dtypes import DType

Dim = sympy.Expr


@lru_cache(maxsize=4096)
def sym(name: str) -> sympy.Symbol:
    """The canonical symbol for a dimension name: a non-negative integer (loop
    indices start at 0, so positivity would let sympy fold ``Min(n, L - c)`` wrongly)."""
    return sympy.Symbol(name, integer=True, nonnegative=True)


def dim(x: int | str | sympy.Expr) -> Dim:
    """Coerce an int, a name or an expression to a canonical dimension."""
    if isinstance(x, bool):
        raise TypeError("a dimension cannot be a bool")
    if isinstance(x, int):
        return sympy.Integer(x)
    if isinstance(x, str):
        return parse_dim(x)
    if isinstance(x, sympy.Expr):
        return x.xreplace({s: sym(s.name) for s in x.free_symbols})  # type: ignore[attr-defined]
    raise TypeError(f"cannot make a dimension from {x!r}")


def parse_dim(text: str) -> Dim:
    """Parse a dimension expression such as ``S + 1`` or ``floor(T/16)``."""
    text = text.strip()
    if not text:
        raise ValueError("empty dimension")
    if not _DIM_CHARS.fullmatch(text) or "**" in text or len(text) > 200:
        # no powers: sympify would evaluate 9**9**9 before we could look at it
        raise ValueError(f"not a dimension expression: {text!r}")
    names = {n: _FUNCS.get(n) or sym(n) for n in re.findall(r"[A-Za-z_]\w*", text)}
    try:
        expr = sympy.sympify(text, locals=names, rational=True)
    except (sympy.SympifyError, SyntaxError, TypeError) as e:
        raise ValueError(f"not a dimension expression: {text!r}") from e
    if not isinstance(expr, sympy.Expr):
        raise ValueError(f"not a dimension expression: {text!r}")
    return dim(expr)


_DIM_CHARS = re.compile(r"[\w\s+\-*/(),]+")
_FUNCS = {"floor": sympy.floor, "ceiling": sympy.ceiling, "Max": sympy.Max,
          "Min": sympy.Min, "Mod": sympy.Mod}


def dim_str(d: Dim) -> str:
    return str(d)


def as_int(d: Dim) -> int | None:
    """The dimension as a Python int, or None when symbolic."""
    return int(d) if d.is_Integer else None


@dataclass(frozen=True, slots=True)
class TensorType:
    """A tensor of ``dtype`` with (possibly symbolic) ``shape``."""

    shape: tuple[Dim, ...]
    dtype: DType

    def __post_init__(self) -> None:
        object.__setattr__(self, "shape", tuple(dim(d) for d in self.shape))

    @property
    def rank(self) -> int:
        return len(self.shape)

    def __str__(self) -> str:
        return f"tensor<[{', '.join(dim_str(d) for d in self.shape)}], {self.dtype.value}>"


def tensor(shape: tuple[int | str | Dim, ...] | list, dtype: DType) -> TensorType:
    return TensorType(tuple(dim(d) for d in shape), dtype)


@dataclass(frozen=True, slots=True)
class Value:
    """An SSA value: a name (without ``%``) and its type."""

    name: str
    type: TensorType

    def __str__(self) -> str:
        return f"%{self.name}"
