"""The CPU this process runs on, as the TVM kernels' tuning database names it.

A CPU's database file is keyed by its model, its widest vector unit and the cores this
process may use (``cpu-Intel_Xeon_Platinum_8481C-avx512-2c``): the best tiles depend
on the model and the vector width, the best split count of a decode on the cores.
Reading the model needs no TVM (``/proc/cpuinfo``, else :mod:`platform`); the vector
width and the cores are what the TVM build uses (``kvcc.codegen.tvm.build``).
"""

from __future__ import annotations

import os
import pathlib
import platform
from dataclasses import dataclass
from functools import lru_cache

from kvcc.autotune.keys import device_slug

ISA = {16: "avx512", 8: "avx2"}


@dataclass(frozen=True)
class CpuInfo:
    """One CPU: its model name, float32 SIMD lanes, the cores this process may use, and
    its last-level cache in bytes (0 when unknown)."""

    name: str
    lanes: int
    cores: int
    cache_bytes: int = 0

    @property
    def isa(self) -> str:
        return ISA.get(self.lanes, f"{platform.machine() or 'cpu'}{self.lanes * 32}")

    @property
    def key(self) -> str:
        return f"cpu-{device_slug(self.name)}-{self.isa}-{self.cores}c"


def model_name() -> str:
    """The CPU's model name (``/proc/cpuinfo``'s ``model name``, else the platform's)."""
    try:
        for line in pathlib.Path("/proc/cpuinfo").read_text().splitlines():
            k, _, v = line.partition(":")
            if k.strip() in ("model name", "Model", "cpu model") and v.strip():
                return " ".join(v.split())
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown"


def last_level_cache() -> int:
    """Bytes of the largest cache sysfs lists for CPU 0 (0 when it lists none)."""
    best = 0
    for d in pathlib.Path("/sys/devices/system/cpu/cpu0/cache").glob("index*"):
        try:
            text = (d / "size").read_text().strip()
        except OSError:
            continue
        mult = {"K": 1 << 10, "M": 1 << 20, "G": 1 << 30}.get(text[-1:], 1)
        digits = text.rstrip("KMG")
        if digits.isdigit():
            best = max(best, int(digits) * mult)
    return best


@lru_cache(maxsize=1)
def cpu_device() -> CpuInfo | None:
    """This CPU, or None when TVM (which decides the vector width) is not installed."""
    try:
        import tvm  # noqa: F401
    except ImportError:
        return None
    from kvcc.codegen.tvm import build

    return CpuInfo(model_name(), build.simd_lanes(), build.cores(), last_level_cache())


def free_memory() -> int:
    """Bytes of memory available now (a conservative 1 GiB when unknown)."""
    try:
        return os.sysconf("SC_AVPHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    except (ValueError, OSError, AttributeError):
        return 1 << 30


__all__ = ["CpuInfo", "cpu_device", "free_memory", "last_level_cache", "model_name"]
