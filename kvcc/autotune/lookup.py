"""The tuned configuration of a kernel for a shape: a plain function codegen may call.

``tuned_tiles(spec, shape)`` returns the tiles measured best for this kernel (the spec
without its tuned fields) on this GPU and Triton release, from the bucket nearest to
``shape``, or None (then the heuristic tiles stand). Sources, highest priority first:

1. files named with :func:`use_database` (``kvcc tune --db``, tests),
2. the user's database, ``$KVCC_CACHE_DIR/autotune/<device key>.json`` (what
   ``kvcc tune`` writes),
3. the database shipped with kvcc, ``kvcc/autotune/data/<device key>.json``.

The TVM CPU kernels look their configurations up in the CPU's files through the
same sources (:func:`find`, used by :mod:`kvcc.autotune.tvm_space`); a file named with
:func:`use_database` serves the lookups of its own kind (GPU or CPU) only.

Each file is read once per process, when the first lookup for its device happens;
after that a lookup is a dictionary access (answers are memoized per kernel and
bucket). A file that cannot be used gives one warning and is skipped
(:mod:`kvcc.autotune.db`). ``reload()`` forgets what was read (after a tuner wrote).
"""

from __future__ import annotations

import pathlib
import threading
from dataclasses import dataclass

from kvcc.autotune import db as _db
from kvcc.autotune.device import cuda_device, triton_version
from kvcc.autotune.keys import Bucket, Shape, as_shape, triton_series, tuning_key
from kvcc.codegen.triton.spec import KernelSpec, Tiles

DATA_DIR = pathlib.Path(__file__).resolve().parent / "data"

_LOCK = threading.Lock()
_EXTRA: list[pathlib.Path] = []
_INDEX: dict[tuple[str, str, str], dict[tuple, list[tuple[Bucket, _db.Config]]]] = {}
_MEMO: dict[tuple, tuple[KernelSpec, Match | None]] = {}
_FORGET: list = []  # other memos of lookups (tvm_space), cleared with this one's


def on_reload(clear) -> None:
    """Call ``clear()`` whenever the sources change or are forgotten (a memo built on
    :func:`find` registers its own clearing here)."""
    if clear not in _FORGET:
        _FORGET.append(clear)


def user_dir() -> pathlib.Path:
    """Where ``kvcc tune`` writes: ``autotune/`` beside the kernel cache
    (``$KVCC_CACHE_DIR``, else ``~/.cache/kvcc``)."""
    from kvcc.codegen.triton.build import cache_dir

    return cache_dir().parent / "autotune"


def sources(device_key: str) -> list[pathlib.Path]:
    """The database files a lookup for ``device_key`` reads, highest priority first."""
    return [*_EXTRA, user_dir() / f"{device_key}.json", DATA_DIR / f"{device_key}.json"]


def use_database(path: str | pathlib.Path) -> None:
    """Read ``path`` before the user's and the shipped databases (highest priority)."""
    p = pathlib.Path(path)
    with _LOCK:
        if p in _EXTRA:
            _EXTRA.remove(p)
        _EXTRA.insert(0, p)
        _INDEX.clear()
        _MEMO.clear()
        for clear in _FORGET:
            clear()


def reload(forget_databases: bool = False) -> None:
    """Forget what was read (and, with ``forget_databases``, the :func:`use_database` files)."""
    with _LOCK:
        _INDEX.clear()
        _MEMO.clear()
        for clear in _FORGET:
            clear()
        if forget_databases:
            _EXTRA.clear()


@dataclass(frozen=True)
class Match:
    """A lookup's answer: the configuration, the bucket it was measured for, and whether
    that is the query's own bucket (split counts are kept only then)."""

    config: _db.Config
    bucket: Bucket
    exact: bool

    def usable(self) -> _db.Config:
        """The configuration to run: a split count measured for another bucket is dropped
        (the run-time rule chooses it for this one)."""
        if self.exact:
            return self.config
        c = self.config
        return _db.Config(c.block_m, c.block_n, c.num_warps, c.num_stages, None, c.tma)


def _index(device_key: str, series: str, backend: str = "triton"
           ) -> dict[tuple, list[tuple[Bucket, _db.Config]]]:
    """The entries for ``backend`` at ``series`` in the device's files, by kernel and
    head counts."""
    hit = _INDEX.get((device_key, series, backend))
    if hit is not None:
        return hit
    with _LOCK:
        seen: set[str] = set()
        index: dict[tuple, list[tuple[Bucket, _db.Config]]] = {}
        for path in sources(device_key):
            if path in _EXTRA and _other_kind(path, device_key):
                continue  # a CPU's file named for GPU lookups, or the other way round
            d = _db.read(path, device_key)
            if d is None:
                continue
            for eid, e in d.entries.items():
                if eid in seen or e.triton != series or e.backend != backend:
                    continue
                seen.add(eid)  # a lower-priority file's entry with this id is shadowed
                index.setdefault((e.key, e.bucket.heads, e.bucket.kv_heads), []).append(
                    (e.bucket, e.config))
        _INDEX[(device_key, series, backend)] = index
        return index


def _other_kind(path: pathlib.Path, device_key: str) -> bool:
    """Whether the file at ``path`` is for a CPU while ``device_key`` is a GPU's, or the
    other way round (such a file is skipped without a warning: :func:`use_database`
    files serve both kinds of lookup)."""
    try:
        d = _db.parse(path.read_text(encoding="utf-8"), path)
    except (ValueError, OSError, UnicodeDecodeError):
        return False  # read() warns about it
    return d.device_key is not None and (d.device_key.startswith("cpu-")
                                         != device_key.startswith("cpu-"))


def lookup(spec: KernelSpec, shape: Shape | tuple, device: object = None) -> Match | None:
    """The tuned configuration for ``spec`` at ``shape`` on ``device`` (a
    ``torch.device``, a device key string, or None: the current CUDA device if this
    process has started CUDA), from the nearest bucket; None without one."""
    key = _device_key(device)
    if key is None:
        return None
    bucket = as_shape(shape).bucket()
    # memoized by the spec's identity (planning lowers each op once and keeps its spec):
    # hashing a spec's fields on every call would cost more than the rest of the lookup
    memo = (id(spec), key, bucket)
    hit = _MEMO.get(memo)
    if hit is not None and hit[0] is spec:
        return hit[1]
    series = triton_series(triton_version() or "")
    best = nearest(_index(key, series).get((tuning_key(spec), bucket.heads, bucket.kv_heads), []),
                   bucket)
    if len(_MEMO) > 65536:
        _MEMO.clear()
    _MEMO[memo] = (spec, best)
    return best


def find(key: str, shape: Shape | tuple, device_key: str, backend: str, series: str
         ) -> Match | None:
    """The entry for the kernel with tuning key ``key`` nearest to ``shape`` among the
    device's files, for one code generator and series (any backend; uncached)."""
    bucket = as_shape(shape).bucket()
    return nearest(_index(device_key, series, backend).get(
        (key, bucket.heads, bucket.kv_heads), []), bucket)


def nearest(cands: list[tuple[Bucket, _db.Config]], bucket: Bucket) -> Match | None:
    """The candidate measured at the bucket nearest to ``bucket`` (same head counts)."""
    cands = [bc for bc in cands if bc[0].distance(bucket) != float("inf")]
    if not cands:
        return None
    b, cfg = min(cands, key=lambda bc: (bc[0].distance(bucket), bc[0].text()))
    return Match(cfg, b, b == bucket)


def in_database(d: _db.Database, spec: KernelSpec, shape: Shape | tuple,
                triton: str | None = None) -> Match | None:
    """:func:`lookup` in one database, whatever its device (``kvcc explain --db``)."""
    series = triton_series(triton or triton_version() or "")
    key, bucket = tuning_key(spec), as_shape(shape).bucket()
    return nearest([(e.bucket, e.config) for e in d.entries.values()
                    if e.key == key and e.triton == series and e.backend == "triton"], bucket)


def tuned_config(spec: KernelSpec, shape: Shape | tuple, device: object = None
                 ) -> _db.Config | None:
    """The tuned configuration (tiles, and the split count and TMA choice when it was
    measured for this very bucket), or None."""
    m = lookup(spec, shape, device)
    return None if m is None else m.usable()


def tuned_tiles(spec: KernelSpec, shape: Shape | tuple, device: object = None) -> Tiles | None:
    """The tuned tiles for ``spec`` (its tuned fields are ignored) at ``shape``
    (:class:`~kvcc.autotune.keys.Shape` or ``(batch, heads, kv_heads, q_len,
    kv_len)``), or None: then the heuristic tiles stand."""
    m = lookup(spec, shape, device)
    return None if m is None else m.config.tiles()


def _device_key(device: object) -> str | None:
    if isinstance(device, str):
        return device
    if device is not None:
        if getattr(device, "type", None) != "cuda":
            return None
        index = device.index  # type: ignore[attr-defined]
    else:
        index = None
    import torch

    if not torch.cuda.is_initialized():  # no kernel has run on a GPU in this process
        return None
    return cuda_device(torch.cuda.current_device() if index is None else index).key


__all__ = ["DATA_DIR", "Match", "find", "in_database", "lookup", "nearest", "on_reload", "reload",
           "sources", "tuned_config", "tuned_tiles", "use_database", "user_dir"]
