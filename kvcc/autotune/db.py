"""The tuning database: one JSON file per GPU, read without executing anything.

A file looks like this (``schema`` 1)::

    {"kvcc_tuning_db": 1,
     "metadata": {"device_key": "NVIDIA_H200-sm90", "gpu": "NVIDIA H200", "capability": [9, 0],
                  "sm_count": 132, "kvcc": "0.1.0", "torch": "2.11.0", "triton": "3.6.0",
                  "cuda": "13.0", "updated": "2026-12-03T10:00:00Z"},
     "entries": {"<tuning key>/b8.h32.kv8.q1.k4096/triton3.6": {
         "spec": "<the KernelSpec's canonical text without tiles, warps, stages, tma, split>",
         "bucket": {"batch": 8, "heads": 32, "kv_heads": 8, "q_len": 1, "kv_len": 4096},
         "triton": "3.6",
         "config": {"block_m": 16, "block_n": 64, "num_warps": 4, "num_stages": 2,
                    "num_splits": 4, "tma": false},
         "ms": 0.0123, "default_ms": 0.0150, "candidates": 12, "measured": "2026-12-03T10:00:00Z"}}}

Entries for the TVM CPU kernels (in a CPU's file, e.g. ``cpu-Intel_Xeon-avx512-2c``) say
``"backend": "tvm"`` and hold the TVM series under ``"tvm"`` instead of ``"triton"``;
their ``config`` is a :class:`TvmConfig` (``block_m``, ``block_n``, ``qk_keys``,
``pv_rows``, ``num_splits``).

Only measured entries are ever written. Reading is :func:`json.loads` and type checks:
a file that is not JSON (corrupt, truncated), JSON that is not a kvcc database
(foreign), a newer schema, or a file for another GPU (mismatched) gives one
:class:`TuningDatabaseWarning` naming the file and is ignored (kernels then use the
heuristic tiles); malformed entries are skipped with one warning per file.

Writes lock the file (``<file>.lock``), re-read it, merge (an entry written later
replaces one with the same key; no key is lost), write a temporary file beside it and
rename it over the old one, so readers see the old or the new file, never a mix.
"""

from __future__ import annotations

import datetime
import json
import math
import os
import pathlib
import tempfile
import warnings
from collections.abc import Iterable
from dataclasses import dataclass, field

from kvcc.autotune._compat import file_lock
from kvcc.autotune.keys import Bucket, entry_id
from kvcc.codegen.triton.spec import Tiles

MARK = "kvcc_tuning_db"
SCHEMA = 1


class TuningDatabaseWarning(UserWarning):
    """A tuning database could not be used (the message names the file and why)."""


_WARNED: set[tuple[str, str]] = set()


def warn_once(path: pathlib.Path | str, kind: str, message: str) -> None:
    """One warning per file and kind of problem, however often it is read."""
    key = (str(path), kind)
    if key in _WARNED:
        return
    _WARNED.add(key)
    warnings.warn(message, TuningDatabaseWarning, stacklevel=3)


@dataclass(frozen=True)
class Config:
    """A tuned configuration: tiles, warps, stages; the split count (None: the run-time
    rule) and TMA loads (None: the default for the device)."""

    block_m: int
    block_n: int
    num_warps: int
    num_stages: int
    num_splits: int | None = None
    tma: bool | None = None

    def tiles(self) -> Tiles:
        return Tiles(self.block_m, self.block_n, self.num_warps, self.num_stages)

    def text(self) -> str:
        s = f"{self.block_m}x{self.block_n} w{self.num_warps} s{self.num_stages}"
        if self.num_splits is not None:
            s += f" splits {self.num_splits}"
        if self.tma is not None:
            s += " tma" if self.tma else " pointers"
        return s

    def as_dict(self) -> dict:
        return {"block_m": self.block_m, "block_n": self.block_n, "num_warps": self.num_warps,
                "num_stages": self.num_stages, "num_splits": self.num_splits, "tma": self.tma}

    @staticmethod
    def from_dict(d: object) -> Config:
        if not isinstance(d, dict):
            raise ValueError(f"config must be an object, got {type(d).__name__}")
        vals: dict[str, object] = {}
        for name in ("block_m", "block_n", "num_warps", "num_stages"):
            v = d.get(name)
            if isinstance(v, bool) or not isinstance(v, int) or v < 1 or (
                    name != "num_stages" and v & (v - 1)):
                raise ValueError(f"config {name} must be a positive int"
                                 + (" and a power of two" if name != "num_stages" else "")
                                 + f", got {v!r}")
            vals[name] = v
        s = d.get("num_splits")
        if s is not None and (isinstance(s, bool) or not isinstance(s, int) or s < 1):
            raise ValueError(f"config num_splits must be null or an int >= 1, got {s!r}")
        t = d.get("tma")
        if t is not None and not isinstance(t, bool):
            raise ValueError(f"config tma must be null or a bool, got {t!r}")
        return Config(**vals, num_splits=s, tma=t)  # type: ignore[arg-type]


@dataclass(frozen=True)
class TvmConfig:
    """A tuned configuration of a TVM CPU kernel (``kvcc.codegen.tvm.spec.TvmSpec``'s
    tile fields): query rows per prefill program (0 for decode), keys per tile, the
    register blocks of the prefill's QK and PV products (0 for decode), and the decode
    split count (None: the run-time rule)."""

    block_m: int
    block_n: int
    qk_keys: int
    pv_rows: int
    num_splits: int | None = None

    def text(self) -> str:
        s = (f"{self.block_m}x{self.block_n} qk{self.qk_keys} pv{self.pv_rows}"
             if self.block_m else f"decode n{self.block_n}")
        return s + (f" splits {self.num_splits}" if self.num_splits is not None else "")

    def as_dict(self) -> dict:
        return {"block_m": self.block_m, "block_n": self.block_n, "qk_keys": self.qk_keys,
                "pv_rows": self.pv_rows, "num_splits": self.num_splits}

    @staticmethod
    def from_dict(d: object) -> TvmConfig:
        if not isinstance(d, dict):
            raise ValueError(f"config must be an object, got {type(d).__name__}")
        vals: dict[str, int] = {}
        for name in ("block_m", "block_n", "qk_keys", "pv_rows"):
            v = d.get(name)
            low = 1 if name == "block_n" else 0
            if isinstance(v, bool) or not isinstance(v, int) or not low <= v <= 4096:
                raise ValueError(f"config {name} must be an int in [{low}, 4096], got {v!r}")
            vals[name] = v
        if bool(vals["block_m"]) != bool(vals["qk_keys"]) or \
                bool(vals["block_m"]) != bool(vals["pv_rows"]):
            raise ValueError("config block_m, qk_keys and pv_rows are all 0 (decode) or all "
                             f"positive (prefill), got {vals}")
        s = d.get("num_splits")
        if s is not None and (isinstance(s, bool) or not isinstance(s, int) or s < 1):
            raise ValueError(f"config num_splits must be null or an int >= 1, got {s!r}")
        return TvmConfig(**vals, num_splits=s)


CONFIGS: dict[str, type] = {"triton": Config, "tvm": TvmConfig}


@dataclass(frozen=True)
class Entry:
    """One measured result: the kernel (its tuning key and text), the bucket, the code
    generator's series (``triton``: the Triton release; ``tvm``: TVM's), the best
    configuration and its median time."""

    key: str
    spec: str
    bucket: Bucket
    triton: str  # the series of ``backend``'s code generator
    config: Config | TvmConfig
    ms: float
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    backend: str = "triton"

    @property
    def id(self) -> str:
        return entry_id(self.key, self.bucket, self.triton, self.backend)

    def as_dict(self) -> dict:
        gen = {"triton": self.triton} if self.backend == "triton" else \
            {"backend": self.backend, self.backend: self.triton}
        return {"spec": self.spec, "bucket": self.bucket.as_dict(), **gen,
                "config": self.config.as_dict(), "ms": self.ms, **self.extra}

    @staticmethod
    def from_dict(eid: str, d: object) -> Entry:
        if not isinstance(d, dict):
            raise ValueError("an entry must be an object")
        key = eid.split("/", 1)[0]
        backend = d.get("backend", "triton")
        if backend not in CONFIGS:
            raise ValueError(f"an entry's 'backend' must be one of {', '.join(CONFIGS)}, got "
                             f"{backend!r}")
        spec, series, ms = d.get("spec"), d.get(backend), d.get("ms")
        if not isinstance(spec, str) or not isinstance(series, str):
            raise ValueError(f"an entry needs 'spec' and {backend!r} strings")
        if isinstance(ms, bool) or not isinstance(ms, (int, float)) or not math.isfinite(ms) \
                or ms <= 0:
            raise ValueError(f"an entry's 'ms' must be a positive time, got {ms!r}")
        if not isinstance(d.get("bucket"), dict):
            raise ValueError("an entry needs a 'bucket' object")
        known = ("spec", "bucket", "backend", backend, "config", "ms")
        e = Entry(key, spec, Bucket.from_dict(d["bucket"]), series,
                  CONFIGS[backend].from_dict(d.get("config")), float(ms),
                  {k: v for k, v in d.items() if k not in known}, backend)
        if e.id != eid:
            raise ValueError(f"entry key {eid!r} does not match its contents ({e.id!r})")
        return e


@dataclass
class Database:
    """A database file's contents."""

    path: pathlib.Path | None
    metadata: dict
    entries: dict[str, Entry]

    @property
    def device_key(self) -> str | None:
        k = self.metadata.get("device_key")
        return k if isinstance(k, str) else None

    def to_json(self) -> str:
        return json.dumps({MARK: SCHEMA, "metadata": self.metadata,
                           "entries": {i: self.entries[i].as_dict() for i in sorted(self.entries)}},
                          indent=1) + "\n"


def now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse(text: str, path: pathlib.Path | str | None = None,
          device_key: str | None = None) -> Database:
    """A database from its text; raises ``ValueError`` saying what is wrong (the first
    word: corrupt, foreign, schema, mismatched). Bad entries are dropped and counted
    in ``metadata["_skipped"]``."""
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ValueError(f"corrupt: not JSON ({e.msg} at line {e.lineno})"
                         if isinstance(e, json.JSONDecodeError) else f"corrupt: {e}") from None
    if not isinstance(data, dict) or MARK not in data:
        raise ValueError(f"foreign: not a kvcc tuning database (no {MARK!r} field)")
    schema = data[MARK]
    if isinstance(schema, bool) or not isinstance(schema, int) or schema < 1:
        raise ValueError(f"foreign: {MARK} must be a schema number, got {schema!r}")
    if schema > SCHEMA:
        raise ValueError(f"schema: written by a newer kvcc (schema {schema}; this kvcc reads "
                         f"{SCHEMA})")
    meta, raw = data.get("metadata"), data.get("entries")
    if not isinstance(meta, dict) or not isinstance(raw, dict):
        raise ValueError("corrupt: 'metadata' and 'entries' must be objects")
    if device_key is not None and meta.get("device_key") != device_key:
        raise ValueError(f"mismatched: written for {meta.get('device_key')!r}, not "
                         f"{device_key!r}")
    entries, skipped = {}, []
    for eid, d in raw.items():
        try:
            entries[eid] = Entry.from_dict(eid, d)
        except (ValueError, TypeError, KeyError) as e:
            skipped.append(f"{eid}: {e}")
    meta = dict(meta)
    if skipped:
        meta["_skipped"] = skipped
    return Database(pathlib.Path(path) if path is not None else None, meta, entries)


def read(path: pathlib.Path, device_key: str | None = None) -> Database | None:
    """The database at ``path``; None (after one warning) when it cannot be used, None
    silently when there is no file."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as e:
        warn_once(path, "unreadable", f"tuning database {path} cannot be read ({e}); using "
                  "heuristic tiles")
        return None
    try:
        db = parse(text, path, device_key)
    except ValueError as e:
        kind = str(e).split(":", 1)[0]
        warn_once(path, kind, f"tuning database {path} is ignored: {e}; using heuristic tiles")
        return None
    if db.metadata.get("_skipped"):
        bad = db.metadata["_skipped"]
        warn_once(path, "entries", f"tuning database {path}: {len(bad)} malformed entries "
                  f"ignored (first: {bad[0]})")
    return db


def write(path: pathlib.Path, entries: Iterable[Entry], metadata: dict,
          timeout: float = 120.0) -> Database:
    """Merge ``entries`` into the database at ``path`` (created if missing) under its
    lock, and replace the file atomically. ``metadata`` (device key, versions) is
    written as given, with ``updated`` set. A corrupt or foreign file already there is
    kept beside it (``.bad-<time>``) and replaced. Raises ``ValueError`` when the file
    belongs to another device."""
    path = pathlib.Path(path)
    new = list(entries)
    with file_lock(path.with_name(path.name + ".lock"), timeout):
        old: dict[str, Entry] = {}
        if path.exists():
            try:
                cur = parse(path.read_text(encoding="utf-8"), path)
            except (ValueError, OSError, UnicodeDecodeError) as e:
                if str(e).startswith("schema"):
                    raise ValueError(f"{path}: {e}; refusing to overwrite it") from None
                keep = path.with_name(f"{path.name}.bad-{now().replace(':', '')}")
                os.replace(path, keep)
                warn_once(path, "replaced", f"tuning database {path} was unusable ({e}); moved "
                          f"to {keep.name} and replaced")
            else:
                have, want = cur.device_key, metadata.get("device_key")
                if have and want and have != want:
                    raise ValueError(f"{path} holds entries for {have}, not {want}")
                old = cur.entries
        merged = old | {e.id: e for e in new}
        db = Database(path, {k: v for k, v in metadata.items() if not k.startswith("_")}
                      | {"updated": now()}, merged)
        _atomic_write(path, db.to_json())
    return db


def _atomic_write(path: pathlib.Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        pathlib.Path(tmp).unlink(missing_ok=True)
        raise


__all__ = ["CONFIGS", "Config", "Database", "Entry", "TuningDatabaseWarning", "TvmConfig",
           "parse", "read", "write"]
