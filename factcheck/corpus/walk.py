"""Finding the documents under a folder, without leaving it, and reading one safely.

A symbolic link whose target lies outside the documents folder is not followed (a pull
request could otherwise link ``/etc/passwd`` in and have its lines printed as evidence);
symlinked folders are never descended into (no loops, no escapes); a link that loops or
points at nothing, a named pipe, a device or a socket is named in a warning and never
opened (a FIFO would block the run for ever, ``/dev/zero`` fill its memory); a subfolder
that cannot be listed is named in a warning rather than skipped silently. Hidden files and
folders are left out. The number of documents is bounded (``factcheck.limits``).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from factcheck import files
from factcheck.corpus.extracted import Unreadable
from factcheck.errors import FactcheckError
from factcheck.limits import MAX_DOCUMENTS
from factcheck.sanitize import visible

SPECIAL = {
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


@dataclass
class Found:
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


LOOP = "a symbolic link that loops"


def inside(path: Path, root: Path) -> bool:
    """Whether ``path``, all links followed, lies within ``root`` (itself resolved)."""
    try:
        return path.resolve().is_relative_to(root)
    except (OSError, RuntimeError):  # a link loop
        return False


def is_loop(path: Path) -> bool:
    """Whether following ``path``'s links never ends (Python 3.13's ``resolve`` no longer says so)."""
    try:
        os.stat(path)
    except OSError as exc:
        return exc.errno == errno.ELOOP
    except RuntimeError:
        return True
    return False


def _rel(path: Path, root: Path) -> str:
    return visible(path.relative_to(root).as_posix())


def _entry(path: Path, root: Path, real_root: Path, found: Found) -> None:
    """One directory entry that may be a document: only a regular file inside the folder is one."""
    why = _not_a_document(path, real_root)
    if why is None:
        found.files.append(path)
    elif why:
        found.warnings.append(f"{_rel(path, root)}: skipped, {why}")


def _not_a_document(path: Path, real_root: Path) -> str | None:
    """Why ``path`` is not read ("" to say nothing: a folder), or None for a regular file inside the folder."""
    link = path.is_symlink()
    try:
        mode = path.stat().st_mode  # the link's target: its kind, never its contents
    except OSError as exc:
        if not link:
            return f"it cannot be read ({exc.strerror})"
        return LOOP if exc.errno == errno.ELOOP else "a symbolic link to nothing"
    if link and not inside(path, real_root):
        return "a symbolic link to a file outside the documents folder"
    if stat.S_ISREG(mode):
        return None
    kind = SPECIAL.get(stat.S_IFMT(mode))
    return f"{kind}, not a file: never opened" if kind else ""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (:func:`factcheck.files.read_regular`: opened
    without blocking, checked on the open file); anything else is :class:`Unreadable`, never waited on,
    so a document swapped for a FIFO or a device after the folder was listed is refused."""
    try:
        return files.read_regular(path, limit)
    except files.TooLarge:
        raise Unreadable(f"larger than {limit // (1024 * 1024)} MiB") from None
    except files.Unfit as exc:
        raise Unreadable(str(exc)) from None


def scan(root: Path, suffixes: tuple[str, ...]) -> Found:
    """The files under ``root`` whose suffix is known, sorted, and what was left out and why."""
    found = Found()
    real_root = root.resolve()

    def unlistable(exc: OSError) -> None:
        where = _rel(Path(exc.filename), root) if exc.filename and Path(exc.filename) != root else "."
        found.warnings.append(f"{where}/: folder skipped, it cannot be read ({exc.strerror})")

    for folder, dirs, names in os.walk(root, onerror=unlistable, followlinks=False):
        base = Path(folder)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for d in dirs:
            if (base / d).is_symlink():
                found.warnings.append(f"{_rel(base / d, root)}/: a symbolic link to a folder, not followed")
        for name in sorted(names):
            if not name.startswith(".") and name.lower().endswith(suffixes):
                _entry(base / name, root, real_root, found)
        if len(found.files) > MAX_DOCUMENTS:
            raise FactcheckError(
                f"more than {MAX_DOCUMENTS:,} documents", str(root), hint="point --docs at a smaller folder"
            )
    found.files.sort()
    return found
