"""The cache's lock: one run at a time updates the folder; a run that cannot have it goes on without it.

Decides how runs share a cache folder. A run holds the lock while it reads the manifest and
records what it read, and briefly while it loads or saves the index and saves its verdicts; a
second run waits (:data:`~factcheck.cache.limits.LOCK_WAIT`, or less where it has something
else to do) and then runs without the cache rather than fail. The lock is ``fcntl.flock`` on
a file in the folder, released by the system when a run dies; without fcntl (Windows) it is a
file created exclusively, which a crashed run leaves behind, so one older than the wait is
taken over. The lock file is never opened through a link; one that cannot be opened (a read-only
cache) is an OSError for the caller. Either way :func:`locked` tries it in one loop, every
:data:`~factcheck.cache.limits.LOCK_POLL` seconds until the wait is over.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import IO

from factcheck.cache.folder import LOCK
from factcheck.cache.limits import LOCK_POLL, LOCK_WAIT


@contextmanager
def locked(folder: Path, wait: float = LOCK_WAIT) -> Iterator[bool]:
    """Hold the cache's lock (True), or give up after ``wait`` seconds (False) and run without the cache."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        held = folder / f"{LOCK}.held"
        with _holding(partial(_create, held, wait), partial(held.unlink, missing_ok=True), wait) as got:
            yield got
        return
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    with os.fdopen(os.open(folder / LOCK, flags, 0o644), "r+b") as fh:  # never through a link
        take = partial(_flock, fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        with _holding(take, partial(_flock, fh, fcntl.LOCK_UN), wait) as got:
            yield got


@contextmanager
def _holding(take: Callable[[], bool], release: Callable[[], object], wait: float) -> Iterator[bool]:
    """The one wait for the lock: ``take`` tried until it succeeds (True, and ``release`` on the way out) or
    ``wait`` seconds are over (False)."""
    deadline = time.monotonic() + wait
    while not take():
        if time.monotonic() > deadline:
            yield False
            return
        time.sleep(LOCK_POLL)
    try:
        yield True
    finally:
        release()


def _flock(fh: IO[bytes], operation: int) -> bool:
    """``fcntl.flock``; False when another process holds the lock (asked not to block)."""
    import fcntl

    try:
        fcntl.flock(fh.fileno(), operation)
    except BlockingIOError:
        return False
    return True


def _create(path: Path, wait: float) -> bool:  # pragma: no cover - Windows
    """Without fcntl: create ``path`` exclusively; one older than ``wait`` is a crashed run's, and taken over."""
    while True:
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            return True
        except FileExistsError:
            try:
                if time.time() - path.stat().st_mtime <= wait:
                    return False
                path.unlink(missing_ok=True)
            except OSError:
                continue  # gone meanwhile: try again at once
