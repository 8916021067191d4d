"""The versions a database or an artifact manifest records (tuner layer: it imports
kvcc itself for its version)."""

from __future__ import annotations

import platform

from kvcc.autotune.device import DeviceInfo, triton_version


def versions() -> dict[str, str | None]:
    """kvcc, torch (and its CUDA), triton and Python versions, for metadata blocks."""
    import torch

    import kvcc

    return {"kvcc": getattr(kvcc, "__version__", None), "torch": torch.__version__,
            "cuda": torch.version.cuda, "triton": triton_version(),
            "python": platform.python_version()}


def metadata(dev: DeviceInfo) -> dict:
    """The metadata block of a database file for ``dev``."""
    from kvcc.autotune.db import SCHEMA

    return {"schema": SCHEMA, "device_key": dev.key, "gpu": dev.name,
            "capability": list(dev.capability), "sm_count": dev.sm_count} | versions()
