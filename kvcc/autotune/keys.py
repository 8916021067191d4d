"""What tuning results are keyed by: the kernel without its tuned fields, the problem's
shape bucket, the GPU, and the Triton release.

- The **tuning key** of a :class:`~kvcc.codegen.triton.spec.KernelSpec` is the hash of
  its canonical text with the tuned fields left out (tiles, warps, stages, TMA, split):
  every candidate of one kernel shares it.
- A **bucket** keeps what changes the best configuration a lot exactly (query heads,
  KV heads; head dim, page size and KV format are in the spec) and rounds batch and
  lengths up to powers of two.
- A **device key** names a GPU model and compute capability the way vLLM names its
  tuned configs (the device name with spaces as underscores), e.g. ``NVIDIA_H100_80GB_HBM3-sm90``;
  one database file per device key.
- The **Triton series** (``3.6``) is part of an entry's key: configurations measured
  with one Triton release are not trusted for another. Entries for the TVM CPU kernels
  carry the TVM series instead (``tvm0.27``), their kernel's key comes from its
  ``TvmSpec`` (:mod:`kvcc.autotune.tvm_space`) and their device key names the CPU
  (:mod:`kvcc.autotune.cpu`).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, fields
from functools import lru_cache

from kvcc.codegen.triton.spec import KernelSpec

TILE_FIELDS = ("block_m", "block_n", "num_warps", "num_stages")
# left out of the tuning key: what the tuner chooses, and the split flag (the split
# count is chosen per call; the tuner may pick it)
TUNED_FIELDS = (*TILE_FIELDS, "tma", "split")


@lru_cache(maxsize=4096)
def tuning_text(spec: KernelSpec) -> str:
    """The spec's canonical text without the tuned fields."""
    return "".join(line + "\n" for line in spec.text().splitlines()
                   if line.partition(" =")[0] not in TUNED_FIELDS)


@lru_cache(maxsize=4096)
def tuning_key(spec: KernelSpec) -> str:
    """Content hash of :func:`tuning_text` (24 hex digits, like ``KernelSpec.key``)."""
    return hashlib.sha256(tuning_text(spec).encode()).hexdigest()[:24]


def pow2_ceil(n: int) -> int:
    """The smallest power of two >= ``n`` (1 for ``n <= 1``)."""
    return 1 if n <= 1 else 1 << (int(n) - 1).bit_length()


@dataclass(frozen=True)
class Shape:
    """The run-time sizes a configuration depends on: sequences, query and KV heads, the
    longest query and key sequence."""

    batch: int
    heads: int
    kv_heads: int
    q_len: int
    kv_len: int

    def bucket(self) -> Bucket:
        return Bucket(pow2_ceil(self.batch), self.heads, self.kv_heads, pow2_ceil(self.q_len),
                      pow2_ceil(self.kv_len))


@dataclass(frozen=True)
class Bucket(Shape):
    """A :class:`Shape` with batch and lengths rounded up to powers of two."""

    def text(self) -> str:
        return (f"b{self.batch}.h{self.heads}.kv{self.kv_heads}.q{self.q_len}"
                f".k{self.kv_len}")

    @staticmethod
    def from_dict(d: dict) -> Bucket:
        vals = {f.name: d[f.name] for f in fields(Bucket)}
        for name, v in vals.items():
            if isinstance(v, bool) or not isinstance(v, int) or v < 1:
                raise ValueError(f"bucket {name} must be a positive int, got {v!r}")
        return Bucket(**vals)

    def as_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(Bucket)}

    def distance(self, other: Shape) -> float:
        """How far two buckets are apart: log2 steps of batch and lengths (infinite when
        the head counts differ, which are kept exactly)."""
        if (self.heads, self.kv_heads) != (other.heads, other.kv_heads):
            return float("inf")
        return sum(abs(a.bit_length() - b.bit_length()) for a, b in
                   ((self.batch, other.batch), (self.q_len, other.q_len),
                    (self.kv_len, other.kv_len)))


def as_shape(shape: Shape | tuple) -> Shape:
    """A :class:`Shape` from itself or a ``(batch, heads, kv_heads, q_len, kv_len)`` tuple."""
    if isinstance(shape, Shape):
        return shape
    if len(shape) != 5:
        raise ValueError(f"shape must be (batch, heads, kv_heads, q_len, kv_len), got {shape!r}")
    return Shape(*(int(x) for x in shape))


def entry_id(key: str, bucket: Bucket, series: str, backend: str = "triton") -> str:
    """An entry's key in a database file: the tuning key, the bucket, and the code
    generator with its release series (``triton3.6``, ``tvm0.27``)."""
    return f"{key}/{bucket.text()}/{backend}{series}"


def device_slug(name: str) -> str:
    """A GPU name as part of a file name: spaces as underscores, nothing but letters,
    digits, ``_``, ``-`` and ``.``."""
    return re.sub(r"[^A-Za-z0-9_.-]", "", name.strip().replace(" ", "_")) or "unknown"


def device_key(name: str, capability: tuple[int, int]) -> str:
    """``NVIDIA_H200-sm90``: the database file's stem for a GPU."""
    return f"{device_slug(name)}-sm{capability[0]}{capability[1]}"


def triton_series(version: str) -> str:
    """``3.6`` of ``3.6.0``: the release whose configurations an entry holds."""
    parts = version.split(".")
    return ".".join(parts[:2]) if len(parts) >= 2 else version


__all__ = ["TILE_FIELDS", "TUNED_FIELDS", "Bucket", "Shape", "as_shape", "device_key",
           "device_slug", "entry_id", "pow2_ceil", "triton_series", "tuning_key", "tuning_text"]
