"""Where generated code is cached on disk: ``$KVCC_CACHE_DIR``, else
``$XDG_CACHE_HOME/kvcc``, else ``~/.cache/kvcc``, one private (mode 0700) folder per
backend. Shared by the backends so every build cache keeps the same rules."""

from __future__ import annotations

import os
import pathlib


def private_cache_dir(name: str) -> pathlib.Path:
    """``<cache root>/<name>``, created with mode 0700; a root or folder of this user's
    that others can read is made private again."""
    base = os.environ.get("KVCC_CACHE_DIR")
    if base:
        root = pathlib.Path(base)
    else:
        xdg = os.environ.get("XDG_CACHE_HOME")
        root = (pathlib.Path(xdg) if xdg else pathlib.Path.home() / ".cache") / "kvcc"
    d = root / name
    d.mkdir(parents=True, exist_ok=True, mode=0o700)
    for p in (root, d):
        if p.stat().st_uid == os.getuid() and p.stat().st_mode & 0o077:
            p.chmod(0o700)
    return d
