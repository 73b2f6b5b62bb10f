"""``factcheck cache info`` and ``factcheck cache clear``: the cache as its user sees it.

Decides what a user is told of the cache (where it is, its size, its documents, the last run's
figures as the manifest keeps them, the saved index and the remembered verdicts: each only when
its seal verifies, :mod:`.seal`) and what ``clear`` removes: only what the cache writes, by name
(entries named ``entries/<2 hex>/<64 hex>.pkl``, the manifest, the index's files and its temporary
folders, the verdicts, the temporary files of an interrupted write), each folder only once it
is empty; then, when nothing else is left, the lock, the ``.gitignore`` and ``CACHEDIR.TAG`` it
made (when they still begin as it wrote them) and the folder itself. A folder still holding
files of others keeps its tag: it is still a factcheck cache, which the next run may use. It
clears only a factcheck cache (:func:`~.folder.is_ours`) with no symbolic link in it; anything
else, or a file it cannot remove (a read-only cache), is a :class:`~factcheck.errors.FactcheckError`
saying what was removed before. It clears under the lock (waited for
:data:`~factcheck.cache.limits.CLEAR_LOCK_WAIT`, then cleared all the same).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from factcheck.cache import manifest, verdicts
from factcheck.cache.entries import entry_files
from factcheck.cache.folder import (
    ENTRIES,
    INDEX,
    LOCK,
    MANIFEST,
    OLD_VERDICTS,
    OURS,
    TAG,
    VERDICTS,
    Refused,
    check,
)
from factcheck.cache.limits import CLEAR_LOCK_WAIT
from factcheck.cache.lock import locked
from factcheck.cache.seal import NoKey, Seal, machine_seal, project
from factcheck.cache.stats import Stats
from factcheck.errors import FactcheckError
from factcheck.retrieval import saved

_TEMPORARY = re.compile(r"\..+\.[A-Za-z0-9_]+\.tmp")  # a write interrupted: .<name>.<random>.tmp
_INDEX_FILES = {f"{name}.npy" for name in saved.array_names()} | {"words.json", "made_of.json", saved.SEAL}


def _size(folder: Path) -> tuple[int, int]:
    """Entries and bytes under the folder."""
    total = 0
    for path in folder.rglob("*"):
        try:
            st = path.lstat()
        except OSError:
            continue
        total += st.st_size if path.is_file() and not path.is_symlink() else 0
    return len(entry_files(folder)), total


def _seal(folder: Path) -> Seal | None:
    try:
        return machine_seal(project(folder))
    except NoKey:
        return None


def describe(folder: Path) -> list[str]:
    """``factcheck cache info``: where, how big, how many documents, and the last run's hits and misses."""
    if not os.path.lexists(folder):
        return [f"cache: {folder} (none yet)"]
    try:
        check(folder)
    except Refused as exc:
        return [f"cache: {folder} (not used: {exc})"]
    except OSError as exc:
        return [f"cache: {folder} (not used: {exc.strerror or exc})"]
    entries, total = _size(folder)
    lines = [f"cache: {folder}", f"size: {total / 2**20:.1f} MiB in {entries} entries"]
    seal = _seal(folder)
    try:
        data = manifest.load(folder / MANIFEST, seal) if seal is not None else None
        if data is None:
            raise ValueError("of another version, or no key to check it with")
        run = Stats(**data["last_run"])
    except FileNotFoundError:
        return [*lines, "last run: unknown (no manifest)"]
    except (OSError, ValueError, TypeError) as exc:
        return [*lines, f"last run: unknown (manifest not trusted: {getattr(exc, 'strerror', None) or exc})"]
    lines.append(f"documents: {len(data['files'])}")
    lines.append(
        f"last run: {run.documents} documents, {run.hits} from the cache, {run.misses} read and indexed, "
        f"{run.hashed} hashed, {run.damaged} damaged, {run.sentences} sentences, {run.seconds:.2f} s"
    )
    return [*lines, *_kept(folder, seal)]


def _kept(folder: Path, seal: Seal | None) -> list[str]:
    """The saved index (sentences in it) and the remembered verdicts, where there are any to trust."""
    out = []
    items = saved.saved_items(folder / INDEX, seal) if seal is not None else None
    if items is not None:
        out.append(f"index: {items} evidence sentences, kept for the documents of the last run")
    count = verdicts.remembered(folder, seal)
    if count is not None:  # none, or damaged: the next run says so
        out.append(f"verdicts: {count} remembered")
    return out


def clear(folder: Path) -> int | None:
    """``factcheck cache clear``: remove what the cache wrote (and nothing else); the entries removed, None when
    there is no cache; FactcheckError when the folder is not one to clear, or a file cannot be removed."""
    if not os.path.lexists(folder):
        return None
    try:
        check(folder)
        if not any(folder.iterdir()):
            return None
    except Refused as exc:
        raise FactcheckError(f"{exc.reason}; nothing removed", str(exc.path), hint=exc.hint) from None
    except OSError as exc:
        raise FactcheckError(f"cannot clear the cache ({exc.strerror or exc}); nothing removed", str(folder)) from None
    removed = [0]
    try:
        with locked(folder, wait=CLEAR_LOCK_WAIT):
            _remove_all(folder, removed)
        if {p.name for p in folder.iterdir()} <= {LOCK, *OURS}:  # else still a cache, holding files of others
            _remove_marks(folder)
            _remove(folder / LOCK)
            folder.rmdir()
    except OSError as exc:
        raise FactcheckError(
            f"cannot clear the cache: {exc.filename or folder}: {exc.strerror or exc}",
            str(folder),
            hint=f"{removed[0]} cache entries removed before; check the folder's permissions",
        ) from None
    return removed[0]


def _remove_all(folder: Path, removed: list[int]) -> None:
    """Every file the cache writes, by name; then the folders it made, once empty. ``removed``: the entries."""
    for path in entry_files(folder):
        _remove(path)
        removed[0] += 1
    for sub in _folders(folder / ENTRIES):
        _remove_temporary(sub)
        _rmdir(sub)
    _rmdir(folder / ENTRIES)
    for sub in [folder / INDEX, *folder.glob(".tmp-*"), *folder.glob(".old-*")]:
        if sub.is_dir() and not sub.is_symlink():
            for name in _INDEX_FILES:
                _remove(sub / name)
            _rmdir(sub)
    for name in (MANIFEST, VERDICTS, OLD_VERDICTS):
        _remove(folder / name)
    _remove_temporary(folder)


def _remove_marks(folder: Path) -> None:
    """The .gitignore and the tag, when they begin as the cache wrote them (the tag last: until then the
    folder is still a factcheck cache)."""
    for name in (".gitignore", TAG):
        path = folder / name
        if path.is_file() and not path.is_symlink() and path.read_bytes().startswith(OURS[name]):
            _remove(path)


def _folders(folder: Path) -> list[Path]:
    """The entries' subfolders (two hex digits), real folders only."""
    if not folder.is_dir():
        return []
    return [p for p in folder.iterdir() if re.fullmatch(r"[0-9a-f]{2}", p.name) and p.is_dir() and not p.is_symlink()]


def _remove_temporary(folder: Path) -> None:
    for path in folder.iterdir():
        if _TEMPORARY.fullmatch(path.name) and path.is_file() and not path.is_symlink():
            _remove(path)


def _remove(path: Path) -> None:
    path.unlink(missing_ok=True)


def _rmdir(path: Path) -> None:
    """A folder the cache made, once nothing is left in it (files of others keep it)."""
    if path.is_dir() and not path.is_symlink() and not any(path.iterdir()):
        path.rmdir()
