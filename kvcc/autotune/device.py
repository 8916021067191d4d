"""The GPU this process runs on, the versions a database or artifact records, and the
peak rates the roofline model uses."""

from __future__ import annotations

import importlib.metadata
from dataclasses import dataclass
from functools import lru_cache

from kvcc.autotune.keys import device_key


@dataclass(frozen=True)
class DeviceInfo:
    """One CUDA device: its name, compute capability, SM count and database key."""

    name: str
    capability: tuple[int, int]
    sm_count: int

    @property
    def key(self) -> str:
        return device_key(self.name, self.capability)

    @property
    def arch(self) -> int:
        return self.capability[0] * 10 + self.capability[1]


@lru_cache(maxsize=16)
def cuda_device(index: int) -> DeviceInfo:
    import torch

    p = torch.cuda.get_device_properties(index)
    return DeviceInfo(p.name, (p.major, p.minor), p.multi_processor_count)


def current_device() -> DeviceInfo | None:
    """The current CUDA device, or None when this process has no GPU."""
    import torch

    if not torch.cuda.is_available():
        return None
    return cuda_device(torch.cuda.current_device())


def no_gpu_reason() -> str:
    """Why there is no GPU here, in words."""
    import torch

    if torch.version.cuda is None:
        return f"this torch ({torch.__version__}) is a CPU-only build"
    try:
        n = torch.cuda.device_count()
    except Exception as e:  # noqa: BLE001 - any driver failure is the reason
        return f"the CUDA driver failed: {e}"
    return "no CUDA device is visible" if n == 0 else "CUDA is not available"


def version_of(dist: str) -> str | None:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return None


@lru_cache(maxsize=1)
def triton_version() -> str | None:
    """The Triton this process would import (read from its metadata, or by importing it
    when it runs from a source tree)."""
    v = version_of("triton")
    if v is None:
        try:
            import triton

            v = triton.__version__
        except ImportError:
            return None
    return v


@dataclass(frozen=True)
class Peak:
    """A GPU's peak rates: 16-bit tensor-core FLOP/s (dense), fp32 FLOP/s on CUDA cores,
    memory bandwidth in bytes/s, and its SM count."""

    name: str
    tensor_flops: float
    fp32_flops: float
    bandwidth: float
    sm_count: int


# Data-sheet figures (dense, no sparsity). A GPU not listed gets its architecture's.
PEAKS = {
    "H200": Peak("H200", 989e12, 67e12, 4.8e12, 132),
    "H100 PCIe": Peak("H100 PCIe", 756e12, 51e12, 2.0e12, 114),
    "H100": Peak("H100 SXM", 989e12, 67e12, 3.35e12, 132),
    "A100": Peak("A100 SXM", 312e12, 19.5e12, 2.0e12, 108),
}
BY_ARCH = {90: PEAKS["H100"], 80: PEAKS["A100"], 86: Peak("sm_86", 142e12, 35e12, 0.94e12, 84),
           89: Peak("sm_89", 362e12, 82e12, 1.0e12, 128)}


def peak(arch: int, name: str | None = None) -> Peak:
    """Peak rates for a device name (if known) or its architecture."""
    if name:
        for k in sorted(PEAKS, key=len, reverse=True):
            if k in name:
                p = PEAKS[k]
                return p
    return BY_ARCH.get(arch, BY_ARCH[90] if arch >= 90 else BY_ARCH[80])
