"""Reading and writing files safely: never half a file written, never a FIFO or a device read.

The cache, the URL snapshots, the lock file and ``report -o`` write through :func:`write_atomic`;
the catalogue, the lock file and the snapshots are read through :func:`read_regular`.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}


class Unfit(Exception):
    """Why a file was not read: it is not a regular file, or it is over the size limit (one line)."""


class TooLarge(Unfit):
    """Over the size limit: ``size`` bytes, or more than the limit when it grew while being read."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"{size:,} bytes, over the limit of {limit:,}")
        self.size = size
        self.limit = limit


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes (symbolic links followed).

    Opened without blocking (a FIFO would wait for a writer forever) and checked on the open
    descriptor, so a file swapped for a FIFO or a device after a check cannot slip through; at
    most ``limit + 1`` bytes are read, so neither ``/dev/zero`` nor a file growing meanwhile can
    fill the memory. Raises :class:`Unfit`, or ``OSError`` when it cannot be opened.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise Unfit(f"not a regular file but {_KINDS.get(stat.S_IFMT(mode), 'a special file')}")
        size = os.fstat(fd).st_size
        if size > limit:
            raise TooLarge(size, limit)
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(len(data), limit)
    return data


def write_atomic(
    path: Path, data: bytes, sync: bool = True, make_parents: bool = True, mode: int | None = None
) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    ``sync``: flush to disk before the rename (a snapshot or report the user relies on); the
    cache skips it, since a lost entry is rebuilt. A failure (a full disk) leaves ``path`` as it
    was and no temporary file. ``make_parents``: create the missing folders (``report -o`` names
    its folder and wants an error when it is missing). ``mode``: the file's permissions (a temporary
    file is made readable by its owner alone).
    """
    if make_parents:
        path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            if mode is not None and hasattr(os, "fchmod"):
                os.fchmod(fd, mode)
            fh.write(data)
            if sync:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
