"""Pipelines are data: ``Pipeline.parse("simplify-masks,split-kv{splits=4}")``.

Running a pipeline verifies the IR after every pass (on by default), checks
each pass's ``requires`` against what earlier passes ``ensure``, and can print
the IR after every pass.
"""

from __future__ import annotations

import re
import typing
from collections.abc import Callable
from dataclasses import dataclass, field, fields

from kvcc.ir.ops import Module
from kvcc.ir.printer import print_module
from kvcc.ir.verifier import VerifyError, verify
from kvcc.passes.base import Pass, PassError, PassOptionError
from kvcc.passes.registry import PASSES

_ITEM = re.compile(r"\s*([a-z][a-z0-9-]*)\s*(?:\{([^{}]*)\})?\s*(?:,|$)")


def _convert(pass_name: str, opt: str, text: str, hint) -> object:
    try:
        if hint is bool:
            if text.lower() not in ("true", "false", "1", "0"):
                raise ValueError
            return text.lower() in ("true", "1")
        if hint is int:
            return int(text)
        if hint is float:
            return float(text)
        if hint is str:
            return text
    except ValueError:
        pass
    else:  # the pass declares an option this parser cannot read: the pass's bug
        raise PassError(pass_name, f"option {opt} has unsupported type {hint}")
    raise PassOptionError(pass_name, f"option {opt}={text!r} is not a valid {hint.__name__}")


@dataclass(frozen=True)
class PassRecord:
    """What one pass did in a run: its spelling, a summary line, the IR after it."""

    spelling: str
    summary: str
    module: Module


@dataclass(frozen=True)
class Pipeline:
    passes: tuple[Pass, ...] = ()
    initial: frozenset[str] = field(default=frozenset())

    @staticmethod
    def parse(text: str) -> Pipeline:
        """Parse ``"name,name{opt=value,opt=value}"``; whitespace is ignored. A bad
        string or option value raises ``ValueError``."""
        if not isinstance(text, str):
            raise TypeError(f"pipeline must be a string such as 'simplify-masks,split-kv"
                            f"{{splits=4}}' ('' for none), got {type(text).__name__}")
        text = text.strip()
        passes: list[Pass] = []
        pos = 0
        while pos < len(text):
            m = _ITEM.match(text, pos)
            if not m or m.end() == pos:
                raise ValueError(f"bad pipeline syntax at {text[pos:]!r}; expected "
                                 "name or name{opt=value,...}")
            name, opts = m.group(1), m.group(2)
            cls = PASSES.get(name)
            if cls is None:
                raise ValueError(f"unknown pass {name!r}; known passes: {', '.join(sorted(PASSES))}")
            hints = typing.get_type_hints(cls)
            known = {f.name: f for f in fields(cls)}
            kwargs = {}
            for item in filter(None, (s.strip() for s in (opts or "").split(","))):
                key, eq, val = item.partition("=")
                key = key.strip()
                if not eq or key not in known:
                    raise ValueError(f"pass {name!r} has no option {key!r}; options: "
                                     f"{', '.join(known) or 'none'}")
                kwargs[key] = _convert(name, key, val.strip(), hints[key])
            try:
                passes.append(cls(**kwargs))
            except PassOptionError:
                raise  # already names the pass and the option
            except (TypeError, ValueError) as e:
                raise ValueError(f"pass {name!r}: {e}") from None
            pos = m.end()
        return Pipeline(tuple(passes))

    def __str__(self) -> str:
        return ",".join(p.spelling() for p in self.passes)

    def check_order(self) -> None:
        """Raise ValueError when a pass requires a property no earlier pass ensures."""
        have = set(self.initial)
        for p in self.passes:
            missing = p.requires - have
            if missing:
                raise ValueError(f"pass {p.name!r} requires {sorted(missing)}, which no earlier "
                                 f"pass in {str(self)!r} ensures")
            have -= p.invalidates
            have |= p.ensures

    def run(
        self,
        module: Module,
        *,
        verify_each: bool = True,
        print_ir_after_all: bool | Callable[[str], None] = False,
        trace: list[PassRecord] | None = None,
    ) -> Module:
        """Apply the passes in order. ``print_ir_after_all`` may be a callable taking text."""
        self.check_order()
        emit = print_ir_after_all if callable(print_ir_after_all) else print
        if verify_each:
            try:
                verify(module)
            except VerifyError as e:
                raise ValueError(f"the input module is invalid: {e}") from None
        for p in self.passes:
            before = module
            try:
                module = p.run(module)
            except PassError:
                raise
            except Exception as e:
                raise PassError(p.name, f"failed: {type(e).__name__}: {e}") from e
            if verify_each:
                try:
                    verify(module)
                except VerifyError as e:
                    raise PassError(p.name, f"produced invalid IR: {e}") from e
            summary = p.summarize(before, module)
            if trace is not None:
                trace.append(PassRecord(p.spelling(), summary, module))
            if print_ir_after_all:
                emit(f"// -----// IR after {p.spelling()} ({summary}) //----- //\n"
                     + print_module(module))
        return module


DEFAULT_PIPELINE = "simplify-masks"


_RUNS: dict[tuple[int, str], tuple[Module, Module]] = {}


def run_cached(module: Module, pipeline: str) -> Module:
    """``Pipeline.parse(pipeline).run(module)``, memoized by the module's identity: the
    entry points build one module object per call shape (cached), so a repeated call
    finds its optimized module without hashing the IR (a deep hash costs more than the
    rest of a call's host work)."""
    key = (id(module), pipeline)
    hit = _RUNS.get(key)
    if hit is not None and hit[0] is module:
        return hit[1]
    out = Pipeline.parse(pipeline).run(module)
    if len(_RUNS) >= 1024:
        _RUNS.clear()
    _RUNS[key] = (module, out)  # holds the module, so its id is not reused while cached
    return out
