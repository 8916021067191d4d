"""Building TVMScript text: indented lines, SIMD loops, and vectorizable math.

Rules the emitters follow, each learned from what TVM 0.27 generates for x86:

- Scalars are ``name: T.let[...] = expr`` bindings. A plain ``name = expr`` makes a
  mutable one-element buffer that TVM allocates on the heap (and that a vectorized
  loop collapses to one lane).
- Buffers of ``scope="global"`` under 1 KiB become stack arrays that LLVM keeps in
  registers; any other buffer (``scope="local"`` included) is a heap workspace that
  LLVM must assume may alias the inputs, so an accumulator there is stored on every
  step. Register tiles are therefore small global buffers (:meth:`Code.tile`).
- Vector loops are power-of-two wide and branch-free (``T.Select``, never ``if`` or
  ``T.if_then_else``, which scalarize them): :meth:`Code.lanes` splits an extent into
  unrolled chunks of ``vec`` lanes.

``T.exp`` lowers to a scalar libm call per element; :meth:`Code.exp2` is a polynomial
that vectorizes. Accuracy, measured against float64 on 4M points of [-126, 0]: relative
error at most 7.9e-8 (mean 2.2e-8; torch's float32 exp2 is at 7.1e-8, one float32 ulp
at 1 is 1.2e-7; the polynomial's own error is 9e-9, the rest is float32 rounding), and
exactly 0 for inputs at or below -127, -inf included, which is what makes masked scores
vanish. :meth:`Code.tanh` (softcap): absolute error at most 1.1e-7 on [-20, 20].
The tests hold both to these bounds (with margin).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterator
from contextlib import contextmanager

LOG2E = 1.4426950408889634
LN2 = math.log(2.0)

# 2**f on [0, 1): coefficients of 1, f, ..., f**6, fitted in relative error (weighted
# least squares on Chebyshev nodes, reweighted toward equal ripple), rounded to float32
EXP2_COEFFS = (1.0, 0.6931470036506653, 0.24022983014583588, 0.05548335239291191,
               0.009678822942078114, 0.0012439850252121687, 0.00021701700461562723)
# tanh(x) = x + x**3 * P(x**2) on [0, TANH_SMALL], fitted the same way (error 1.6e-8
# relative); above it tanh(|x|) = (1 - e) / (1 + e) with e = 2**(-2 |x| log2(e)),
# where 1 - e no longer loses digits to cancellation
TANH_SMALL = 0.5
TANH_COEFFS = (-0.333331435918808, 0.13325883448123932, -0.05304582789540291,
               0.017242152243852615)


def f32(x: float) -> str:
    """A float32 constant."""
    if math.isinf(x):
        return "T.float32('-inf')" if x < 0 else "T.float32('inf')"
    return f"T.float32({float(x)!r})"


NEG_INF = f32(-math.inf)


class Code:
    """Indented TVMScript lines with unique names for temporaries."""

    def __init__(self, indent: int = 0) -> None:
        self.lines: list[str] = []
        self.depth = indent
        self._ids = itertools.count()

    def __call__(self, *lines: str) -> None:
        pad = "    " * self.depth
        self.lines.extend(pad + line for line in lines)

    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def fresh(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids)}"

    @contextmanager
    def block(self, head: str) -> Iterator[None]:
        """``head:`` and an indented body."""
        self(head + ":")
        self.depth += 1
        yield
        self.depth -= 1

    @contextmanager
    def lanes(self, var: str, extent: int, vec: int) -> Iterator[str]:
        """A vector loop over ``range(extent)``, as unrolled chunks of power-of-two
        width (at most ``vec``); yields the index expression."""
        w = simd_width(extent, vec)
        if w == extent:
            with self.block(f"for {var} in T.vectorized({w})"):
                yield var
            return
        outer = self.fresh(f"{var}o")
        with self.block(f"for {outer} in T.unroll({extent // w})"):
            with self.block(f"for {var} in T.vectorized({w})"):
                yield f"({outer} * {w} + {var})"

    def tile(self, name: str, shape: tuple[int, ...], dtype: str = "float32") -> None:
        """A register tile: a stack buffer LLVM promotes (under 1 KiB, global scope)."""
        assert math.prod(shape) * 4 < 1024, (name, shape)
        self(f"{name} = T.alloc_buffer({shape}, \"{dtype}\", scope=\"global\")")

    def buffer(self, name: str, shape: tuple[int, ...], dtype: str = "float32") -> None:
        """A per-program scratch buffer (a heap workspace when 1 KiB or larger)."""
        self(f"{name} = T.alloc_buffer({shape}, \"{dtype}\", scope=\"global\")")

    def let(self, name: str, expr: str, dtype: str = "int32") -> str:
        self(f"{name}: T.let[T.{dtype}] = {expr}")
        return name

    def exp2(self, dst: str, x: str, let: bool = False) -> None:
        """``dst = 2**x`` for x < 128, vectorizable (see the module docstring):
        ``2**n * p(f)`` with ``n = floor(x)``, ``f = x - n``, ``2**n`` built from its
        exponent bits; x at or below -127 gives 0 (the exponent field is 0)."""
        u = next(self._ids)
        xc = self.let(f"x{u}", f"T.min(T.max({x}, {f32(-127.0)}), {f32(127.0)})", "float32")
        n = self.let(f"n{u}", f"T.floor({xc})", "float32")
        fr = self.let(f"f{u}", f"{xc} - {n}", "float32")
        poly = f32(EXP2_COEFFS[-1])
        for c in reversed(EXP2_COEFFS[:-1]):
            poly = f"({poly} * {fr} + {f32(c)})"
        val = (f"{poly} * T.reinterpret(\"float32\", "
               f"T.shift_left(T.Cast(\"int32\", {n}) + 127, 23))")
        if let:
            self.let(dst, val, "float32")
        else:
            self(f"{dst} = {val}")

    def tanh(self, dst: str, x: str) -> None:
        """``dst = tanh(x)``, vectorizable, to a few float32 ulps (module docstring)."""
        u = next(self._ids)
        t = self.let(f"t{u}", x, "float32")
        a = self.let(f"a{u}", f"T.fabs({t})", "float32")
        e = f"e{u}"
        self.exp2(e, f"{a} * {f32(-2.0 * LOG2E)}", let=True)
        big = self.let(f"g{u}", f"({f32(1.0)} - {e}) / ({f32(1.0)} + {e})", "float32")
        sq = self.let(f"s{u}", f"{t} * {t}", "float32")
        poly = f32(TANH_COEFFS[-1])
        for c in reversed(TANH_COEFFS[:-1]):
            poly = f"({poly} * {sq} + {f32(c)})"
        small = f"({t} + {t} * {sq} * {poly})"
        self(f"{dst} = T.Select({a} < {f32(TANH_SMALL)}, {small}, "
             f"T.Select({t} < {f32(0.0)}, {f32(0.0)} - {big}, {big}))")


def simd_width(extent: int, vec: int) -> int:
    """The widest power of two, at most ``vec``, dividing ``extent`` (or ``extent``
    itself when it is a power of two no wider than ``vec``)."""
    w = 1
    while w * 2 <= vec and extent % (w * 2) == 0:
        w *= 2
    return w
