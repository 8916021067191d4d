"""The TVM CPU kernels' tuning: what is tuned, which values are valid, and the lookup
the kernels make before they run.

A :class:`~kvcc.codegen.tvm.spec.TvmSpec`'s tuned fields are its tiles
(:data:`TUNED_FIELDS`: query rows per prefill program, keys per tile, the register
blocks of the prefill's QK and PV products); the decode split count is a run-time
argument, tuned beside them. Everything else in the spec (kind, mask, group, head
dims, dtypes, layouts, vector width) is the kernel, hashed into its tuning key.

:func:`configured` is what ``kvcc/codegen/tvm/op.py`` calls per launch: the spec with
the tiles recorded for the nearest bucket on this CPU, or the spec as lowered when
nothing is recorded; the answer is memoized per lowered spec and bucket, so after the
first launch of a shape it is a dictionary access. Inside :func:`forced`
(the tuner) a given configuration is used instead.
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import replace
from functools import lru_cache

from kvcc.autotune.db import TvmConfig
from kvcc.autotune.keys import Shape
from kvcc.codegen.tvm.spec import TvmSpec

TUNED_FIELDS = ("block_m", "block_n", "qk_keys", "pv_rows")
# register tiles stay under 1 KiB of float32 (kvcc/codegen/tvm/script.py Code.tile)
TILE_FLOATS = 256

_FORCED: ContextVar[TvmConfig | None] = ContextVar("kvcc_tvm_config", default=None)
# (id of the lowered spec, bucket) -> (that spec, the spec to build, the split count)
_MEMO: dict[tuple, tuple[TvmSpec, TvmSpec, int | None]] = {}


@lru_cache(maxsize=4096)
def tuning_text(spec: TvmSpec) -> str:
    """The spec's canonical text without its tuned fields."""
    return "".join(line + "\n" for line in spec.text().splitlines()
                   if line.partition(" =")[0] not in TUNED_FIELDS)


@lru_cache(maxsize=4096)
def tuning_key(spec: TvmSpec) -> str:
    """Content hash of :func:`tuning_text` (24 hex digits, as for Triton kernels)."""
    return hashlib.sha256(("tvm\n" + tuning_text(spec)).encode()).hexdigest()[:24]


@lru_cache(maxsize=1)
def tvm_series() -> str:
    """The TVM release series (``0.27``) of this process's apache-tvm."""
    from kvcc.autotune.device import version_of
    from kvcc.autotune.keys import triton_series

    v = version_of("apache-tvm")
    if v is None:
        import tvm

        v = tvm.__version__
    return triton_series(v)


def config_of(spec: TvmSpec, num_splits: int | None = None) -> TvmConfig:
    """The configuration ``spec`` holds (its tiles), with a split count."""
    return TvmConfig(spec.block_m, spec.block_n, spec.qk_keys, spec.pv_rows, num_splits)


def invalid(spec: TvmSpec, cfg: TvmConfig) -> str | None:
    """Why ``cfg`` cannot build ``spec``'s kernel, or None."""
    if spec.kind == "decode":
        if cfg.block_m or cfg.qk_keys or cfg.pv_rows:
            return "a decode kernel takes only block_n"
        return None if cfg.block_n >= spec.vec and cfg.block_n % spec.vec == 0 else \
            f"block_n {cfg.block_n} is not a multiple of the vector width {spec.vec}"
    bm, bn, jr, ri = cfg.block_m, cfg.block_n, cfg.qk_keys, cfg.pv_rows
    if not (bm and jr and ri):
        return "a prefill kernel needs block_m, qk_keys and pv_rows"
    if bm % spec.vec or bm >= TILE_FLOATS:
        return f"block_m {bm} must be a multiple of {spec.vec} under {TILE_FLOATS}"
    if bn % jr or jr * bm >= TILE_FLOATS:
        return f"qk_keys {jr} must divide block_n {bn} with qk_keys x block_m < {TILE_FLOATS}"
    if bm % ri:
        return f"pv_rows {ri} must divide block_m {bm}"
    return None


def apply(spec: TvmSpec, cfg: TvmConfig) -> TvmSpec:
    """``spec`` with ``cfg``'s tiles (ValueError when they are invalid for it)."""
    why = invalid(spec, cfg)
    if why is not None:
        raise ValueError(f"TVM config {cfg.text()}: {why}")
    return replace(spec, block_m=cfg.block_m, block_n=cfg.block_n, qk_keys=cfg.qk_keys,
                   pv_rows=cfg.pv_rows)


@contextlib.contextmanager
def forced(cfg: TvmConfig | None) -> Iterator[None]:
    """Within the block, TVM kernels run ``cfg`` (tiles and split count) instead of what
    the database or the heuristics choose (the tuner measures candidates this way)."""
    token = _FORCED.set(cfg)
    try:
        yield
    finally:
        _FORCED.reset(token)


def configured(spec: TvmSpec, shape: Shape) -> tuple[TvmSpec, int | None]:
    """The spec to build for a launch of ``shape`` and the split count to use (None: the
    run-time rule): the forced configuration, else the one recorded for the nearest
    bucket on this CPU (its split count only when measured for this very bucket), else
    ``spec`` itself."""
    cfg = _FORCED.get()
    if cfg is not None:
        return _applied(spec, cfg), cfg.num_splits
    bucket = shape.bucket()
    memo = (id(spec), bucket)
    hit = _MEMO.get(memo)
    if hit is not None and hit[0] is spec:
        return hit[1], hit[2]
    cfg = _recorded(spec, shape)
    out = (spec, None) if cfg is None else (_applied(spec, cfg), cfg.num_splits)
    if len(_MEMO) > 65536:
        _MEMO.clear()
    _MEMO[memo] = (spec, *out)
    return out


def _applied(spec: TvmSpec, cfg: TvmConfig) -> TvmSpec:
    return spec if config_of(spec) == replace(cfg, num_splits=None) else apply(spec, cfg)


def _recorded(spec: TvmSpec, shape: Shape) -> TvmConfig | None:
    """The configuration this CPU's databases record for ``spec`` nearest to ``shape``
    (a split count only for this very bucket), None when there is none or it does not
    fit the spec."""
    from kvcc.autotune import lookup
    from kvcc.autotune.cpu import cpu_device

    dev = cpu_device()
    if dev is None:
        return None
    m = lookup.find(tuning_key(spec), shape, dev.key, "tvm", tvm_series())
    if m is None or not isinstance(m.config, TvmConfig) or invalid(spec, m.config) is not None:
        return None
    return m.config if m.exact else replace(m.config, num_splits=None)


def recorded(spec: TvmSpec, shape: Shape) -> bool:
    """Whether this CPU's databases hold a configuration for ``spec`` near ``shape``."""
    return _recorded(spec, shape) is not None


def reload() -> None:
    """Forget the lookups made (``kvcc.autotune.lookup.reload`` calls it too)."""
    _MEMO.clear()


def _register() -> None:
    from kvcc.autotune import lookup

    lookup.on_reload(reload)


_register()


def neighbours(spec: TvmSpec, cfg: TvmConfig, field: str) -> list[TvmConfig]:
    """``cfg`` with ``field`` set to each value the search tries, the valid ones."""
    vec = spec.vec
    values = {"block_n": (16, 32, 64, 128, 256) if spec.kind == "decode" else (16, 32, 64, 128),
              "block_m": (vec, 2 * vec, 4 * vec, 8 * vec),
              "qk_keys": (1, 2, 3, 4, 8),
              "pv_rows": (1, 2, 4, 8)}[field]
    out = []
    for v in values:
        c = replace(cfg, **{field: v})
        if invalid(spec, c) is None and c not in out:
            out.append(c)
    return out


def search_fields(spec: TvmSpec) -> tuple[str, ...]:
    """The fields a coordinate search walks, in order."""
    return ("block_n",) if spec.kind == "decode" else ("block_n", "block_m", "qk_keys",
                                                      "pv_rows")


__all__ = ["TUNED_FIELDS", "apply", "config_of", "configured", "forced", "invalid",
           "neighbours", "recorded", "reload", "search_fields", "tuning_key", "tuning_text",
           "tvm_series"]
