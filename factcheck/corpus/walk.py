"""Finding the documents under a folder, without leaving it.

A symbolic link whose target lies outside the documents folder is not followed (a pull
request could otherwise link ``/etc/passwd`` in and have its lines printed as evidence);
symlinked folders are never descended into (no loops, no escapes); a subfolder that cannot
be listed is named in a warning rather than skipped silently. Hidden files and folders are
left out. The number of documents is bounded (``factcheck.limits``).
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass, field
from pathlib import Path

from factcheck.errors import FactcheckError
from factcheck.limits import MAX_DOCUMENTS
from factcheck.sanitize import visible


@dataclass
class Found:
    files: list[Path] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


LOOP = "a symbolic link loop"


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
    """One directory entry that may be a document: links out of the folder are refused."""
    if path.is_symlink() and is_loop(path):
        found.warnings.append(f"{_rel(path, root)}: skipped, {LOOP}")
        return
    if path.is_symlink() and not inside(path, real_root):
        found.warnings.append(f"{_rel(path, root)}: skipped, a symbolic link to a file outside the documents folder")
        return
    if path.is_file():
        found.files.append(path)


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
