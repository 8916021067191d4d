"""``torch.compile(model, backend="kvcc")``: attention through kvcc, the rest through
Inductor.

Registered as a Dynamo backend by the package's entry point
(``torch_dynamo_backends``), so ``torch._dynamo.list_backends()`` lists ``"kvcc"``
without importing kvcc first. For each graph Dynamo captures, :func:`kvcc_backend`
lowers the attention regions (:func:`kvcc.frontend.fx_lower.lower_graph`) to kvcc's
opaque attention op and hands the graph to Inductor (or ``aot_eager`` where Inductor
cannot run: no C++ compiler for CPU code). Options come through
``torch.compile(model, backend="kvcc", options={...})`` (:class:`CompileOptions`).

Counters in ``torch._dynamo.utils.counters["kvcc"]``: ``graphs`` (graphs compiled),
``attention_lowered`` and ``attention_fallback`` (regions), and per pattern
``sdpa_lowered``, ``matmul-softmax_lowered``, ``sdpa_fallback``,
``matmul-softmax_fallback``. Each fallback is logged on the ``"kvcc"`` logger with
its reason.

Importing this module imports neither Dynamo nor Triton: they load when a graph is
compiled.
"""

from __future__ import annotations

import functools
import logging
import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields
from typing import Any

import torch

from kvcc.frontend.fx_lower import LoweringReport, lower_graph
from kvcc.ir.formats import KVFormat
from kvcc.passes.pipeline import DEFAULT_PIPELINE, Pipeline

log = logging.getLogger("kvcc")

BACKENDS = ("auto", "triton", "reference")
GRAPH_BACKENDS = ("inductor", "aot_eager", "eager")


@dataclass(frozen=True)
class CompileOptions:
    """What ``options={...}`` of ``torch.compile(..., backend="kvcc")`` may hold.

    - ``pipeline``: kvcc pass pipeline for every lowered attention (default
      ``"simplify-masks"``), e.g. ``"simplify-masks,split-kv{splits=4}"``;
    - ``kv_format``: read K and V in a KV format (a :mod:`kvcc.quant` format or its name,
      ``"int8"``, ``"kivi2"``, ...): runs ``quantize-kv{format=...}`` first;
    - ``backend``: ``"auto"`` (generated kernels on CUDA, the reference elsewhere),
      ``"triton"`` or ``"reference"``;
    - ``tuning_db``: path of a tuning database (kept with the options for the tuner);
    - ``graph_backend``: what compiles the rest of the graph: ``"inductor"`` (default),
      ``"aot_eager"`` or ``"eager"``.
    """

    pipeline: str = DEFAULT_PIPELINE
    kv_format: str | None = None
    backend: str = "auto"
    tuning_db: str | None = None
    graph_backend: str = "inductor"

    @staticmethod
    def parse(options: Mapping[str, Any] | None) -> CompileOptions:
        """Validate ``options``; a bad key or value raises naming the valid ones."""
        if options is None:
            return CompileOptions()
        if not isinstance(options, Mapping):
            raise TypeError(f"kvcc options must be a dict, got {type(options).__name__}")
        valid = [f.name for f in fields(CompileOptions)]
        unknown = sorted(set(options) - set(valid))
        if unknown:
            raise ValueError(f"unknown kvcc option(s) {', '.join(map(repr, unknown))}; valid "
                             f"options: {', '.join(valid)}")
        kw = dict(options)
        if "kv_format" in kw and kw["kv_format"] is not None:
            kw["kv_format"] = _format_name(kw["kv_format"])
        if "tuning_db" in kw and kw["tuning_db"] is not None:
            if not isinstance(kw["tuning_db"], (str, os.PathLike)):
                raise TypeError(f"kvcc option tuning_db must be a path, got "
                                f"{type(kw['tuning_db']).__name__}")
            kw["tuning_db"] = os.fspath(kw["tuning_db"])
        for name, allowed in (("backend", BACKENDS), ("graph_backend", GRAPH_BACKENDS)):
            if name in kw and kw[name] not in allowed:
                raise ValueError(f"kvcc option {name} must be one of {', '.join(allowed)}; got "
                                 f"{kw[name]!r}")
        opts = CompileOptions(**kw)
        if not isinstance(opts.pipeline, str):
            raise TypeError(f"kvcc option pipeline must be a string, got "
                            f"{type(opts.pipeline).__name__}")
        Pipeline.parse(opts.attention_pipeline())  # a bad pipeline fails here, not per call
        return opts

    def attention_pipeline(self) -> str:
        """The pipeline each lowered attention runs: ``quantize-kv`` first for a format."""
        if self.kv_format is None:
            return self.pipeline
        q = f"quantize-kv{{format={self.kv_format}}}"
        return f"{q},{self.pipeline}" if self.pipeline.strip() else q


def _format_name(fmt: object) -> str:
    from kvcc.passes.quantize_kv_plan import parse_format

    if isinstance(fmt, KVFormat):
        fmt = fmt.name
    if not isinstance(fmt, str):
        raise TypeError(f"kvcc option kv_format must be a kvcc.quant format or its name, got "
                        f"{type(fmt).__name__}")
    try:
        parse_format("quantize-kv", "format", fmt)
    except ValueError as e:  # the message names the known formats
        raise ValueError(f"kvcc option kv_format={fmt!r} is not a KV format ({e})") from None
    return fmt.strip()


def kvcc_backend(gm: torch.fx.GraphModule, example_inputs: Sequence[Any], *,
                 options: Mapping[str, Any] | None = None, mode: str | None = None) -> Callable:
    """The Dynamo backend: lower attention regions of ``gm`` to kvcc, compile the rest."""
    from torch._dynamo.utils import counters

    opts = CompileOptions.parse(options)
    report = lower_graph(gm, backend=opts.backend, pipeline=opts.attention_pipeline())
    _count(counters["kvcc"], report)
    return _compile_rest(gm, example_inputs, opts.graph_backend, mode)


def _count(stats, report: LoweringReport) -> None:
    stats["graphs"] += 1
    stats["attention_lowered"] += len(report.lowered)
    stats["attention_fallback"] += len(report.fallbacks)
    for r in report.lowered:
        stats[f"{r.kind}_lowered"] += 1
        log.info("kvcc: attention %s (%s) lowered, mask %s", r.node, r.kind, r.mask)
    for f in report.fallbacks:
        stats[f"{f.kind}_fallback"] += 1
        log.warning("kvcc: attention %s (%s) left as written: %s", f.node, f.kind, f.reason)


def _compile_rest(gm: torch.fx.GraphModule, example_inputs: Sequence[Any], graph_backend: str,
                  mode: str | None) -> Callable:
    if graph_backend == "eager":
        return gm.forward
    if graph_backend == "inductor":
        on_cpu = not any(isinstance(x, torch.Tensor) and x.is_cuda for x in example_inputs)
        reason = _inductor_unavailable() if on_cpu else None
        if reason is None:
            from torch._inductor import list_mode_options
            from torch._inductor.compile_fx import compile_fx

            patches = list_mode_options(mode) if mode else None
            return compile_fx(gm, example_inputs, config_patches=patches)
        _warn_once(reason)
    from torch._dynamo.backends.debugging import aot_eager

    return aot_eager(gm, example_inputs)


@functools.cache
def _inductor_unavailable() -> str | None:
    """Why Inductor cannot compile CPU code here (None when it can)."""
    try:
        from torch._inductor.cpp_builder import get_cpp_compiler

        get_cpp_compiler()
    except Exception as e:  # the compiler probe raises many kinds
        return f"Inductor needs a C++ compiler for CPU code ({type(e).__name__}: {e})"
    return None


@functools.cache
def _warn_once(reason: str) -> None:
    log.warning("kvcc: %s; compiling the rest of the graph with aot_eager", reason)
