"""Optional helpers with fallbacks: a progress bar (tqdm) and an inter-process file lock
(filelock). Both are dependencies of kvcc, but the GPU machine runs kvcc from a plain
checkout and may lack them; without them there is no bar, and the lock is a file
created with ``O_EXCL``."""

from __future__ import annotations

import contextlib
import os
import pathlib
import sys
import time
from collections.abc import Iterator


class _NoBar:
    """What kvcc uses of a tqdm bar, doing nothing."""

    def __init__(self, total: int | None = None) -> None:
        self.total = total

    def update(self, n: int = 1) -> None:
        pass

    def set_postfix_str(self, s: str) -> None:
        pass

    def write(self, s: str) -> None:
        print(s, file=sys.stderr)

    def close(self) -> None:
        pass

    def __enter__(self) -> _NoBar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def progress(total: int, desc: str, enabled: bool | None = None, unit: str = "kernel"):
    """A progress bar on stderr, counting in ``unit`` (``enabled``: None shows it on a
    terminal only)."""
    if enabled is False:
        return _NoBar(total)
    try:
        from tqdm import tqdm
    except ImportError:
        return _NoBar(total)
    return tqdm(total=total, desc=desc, file=sys.stderr, unit=unit,
                disable=None if enabled is None else not enabled, dynamic_ncols=True)


class LockTimeout(TimeoutError):
    """Another process held the lock for longer than the timeout."""


@contextlib.contextmanager
def file_lock(path: pathlib.Path, timeout: float = 120.0) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (a ``.lock`` file beside the data) across
    processes. Uses ``filelock`` when installed, else ``flock`` on the same file (what
    filelock does on POSIX, so both kinds of process exclude each other), else, where
    there is no ``flock``, an ``O_EXCL`` lock file taken over once older than ``timeout``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        import filelock
    except ImportError:
        filelock = None
    if filelock is not None:
        lock = filelock.FileLock(str(path), timeout=timeout)
        try:
            lock.acquire()
        except filelock.Timeout:
            raise _timeout(path, timeout) from None
        try:
            yield
        finally:
            lock.release()
        return
    try:
        import fcntl
    except ImportError:
        fcntl = None
    deadline = time.monotonic() + timeout
    if fcntl is not None:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise _timeout(path, timeout) from None
                    time.sleep(0.02)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)
        return
    while True:
        try:
            fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
            os.write(fd, str(os.getpid()).encode())
            os.close(fd)
            break
        except FileExistsError:
            try:
                if time.time() - path.stat().st_mtime > timeout:
                    path.unlink(missing_ok=True)  # a holder that died
                    continue
            except FileNotFoundError:
                continue
            if time.monotonic() > deadline:
                raise _timeout(path, timeout) from None
            time.sleep(0.02)
    try:
        yield
    finally:
        path.unlink(missing_ok=True)


def _timeout(path: pathlib.Path, timeout: float) -> LockTimeout:
    return LockTimeout(f"could not lock {path} within {timeout:.0f} s (another kvcc tuner is "
                       "writing the database; if none is, remove the lock file)")
