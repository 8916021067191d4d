"""What every backend is: a small object with a name, its capabilities as data, and
three questions — can it run here (``available``), can it run this op (``supports``),
run it (``run_attention``). ``kvcc/backends.py`` holds the one table of them and picks
among them (``auto``: per op, by capability).

A capability answers from the op alone, before anything is launched; an op a backend
refuses gets a reason naming the backend and the missing capability, which is the
error a user sees (or, with ``auto``, the reason the op ran elsewhere).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

import torch

from kvcc.ir.dtypes import DType
from kvcc.ir.formats import Dense, Packed, Paged
from kvcc.ir.ops import AttentionOp

LAYOUTS = {Dense: "dense", Packed: "packed", Paged: "paged"}


class UnsupportedOp(ValueError):
    """A backend cannot run an op; the message names the backend and what is missing."""


@dataclass(frozen=True)
class Capabilities:
    """What a backend can run, as data: devices (``cpu``, ``cuda``), q dtypes, q and KV
    layouts, quantized KV formats (names, or ``all``), eviction scores."""

    devices: frozenset[str]
    dtypes: frozenset[DType]
    q_layouts: frozenset[str]
    kv_layouts: frozenset[str]
    kv_formats: frozenset[str]
    scores: bool

    def missing(self, op: AttentionOp) -> str | None:
        """The first capability ``op`` needs that these lack, in words; None if none."""
        dt = op.q.type.dtype
        if dt not in self.dtypes:
            return f"q dtype {dt.value} (it runs {', '.join(sorted(d.value for d in self.dtypes))})"
        for what, layout, have in (("q", op.q_layout, self.q_layouts),
                                   ("K/V", op.kv_layout, self.kv_layouts)):
            name = LAYOUTS[type(layout)]
            if name not in have:
                return f"the {name} layout for {what} (it runs {', '.join(sorted(have))})"
        fmt = op.kv_format
        if fmt is not None and "all" not in self.kv_formats and fmt.name not in self.kv_formats:
            return f"quantized KV in {fmt.name}"
        if op.scores is not None and not self.scores:
            return "eviction scores"
        return None


class Backend:
    """Base of the backends (see the module docstring). Subclasses set ``name`` and
    ``caps`` and implement ``available`` and ``run_attention``; ``supports`` checks
    the capabilities, then ``_supports_more`` (what capabilities cannot say)."""

    name: ClassVar[str]
    caps: ClassVar[Capabilities]
    # no backward: ``auto`` runs calls that need gradients on the reference instead
    forward_only: ClassVar[bool] = False

    def available(self, device: torch.device) -> str | None:
        """None when the backend can run on ``device``, else why not (and what to use)."""
        raise NotImplementedError

    def supports(self, op: AttentionOp) -> str | None:
        """None when the backend runs ``op``, else the missing capability. Answers are
        kept by the op's identity (ops come from cached modules, and every call asks)."""
        answers = self.__dict__.setdefault("_answers", {})
        hit = answers.get(id(op))
        if hit is not None and hit[0] is op:
            return hit[1]
        reason = self._check(op)
        if len(answers) >= 4096:
            answers.clear()
        answers[id(op)] = (op, reason)
        return reason

    def _check(self, op: AttentionOp) -> str | None:
        """``supports`` without the memo: the capabilities, then ``_supports_more``."""
        missing = self.caps.missing(op)
        return missing if missing is not None else self._supports_more(op)

    def _supports_more(self, op: AttentionOp) -> str | None:
        return None

    def refuse(self, reason: str) -> Exception:
        """The error for an op this backend does not run."""
        return UnsupportedOp(f"backend {self.name!r} does not support this attention op: "
                             f"{reason}")

    def run_attention(self, op: AttentionOp, tensors: dict[str, torch.Tensor], dim: Callable,
                      **hints) -> tuple[torch.Tensor, ...]:
        """``(o, lse)``, plus the eviction scores when the op returns them."""
        raise NotImplementedError


ALL_FLOATS = frozenset({DType.f16, DType.bf16, DType.f32, DType.f64})
ALL_LAYOUTS = frozenset(LAYOUTS.values())
