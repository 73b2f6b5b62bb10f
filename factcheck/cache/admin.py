"""``factcheck cache info`` and ``factcheck cache clear``: the cache as its user sees it.

Decides what a user is told of the cache (where it is, its size, its documents, the last run's
figures as the manifest keeps them, the saved index and the remembered verdicts) and what
``clear`` removes: only what the cache wrote (entries, the manifest, the index and its temporary
folders, the verdicts, the lock, and the ``.gitignore`` and ``CACHEDIR.TAG`` it made, when they
still begin as it wrote them), under the lock (waited for :data:`~factcheck.cache.limits.CLEAR_LOCK_WAIT`,
then cleared all the same), and the folder itself only when nothing else is left in it.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from factcheck.cache.folder import ENTRIES, INDEX, LOCK, MANIFEST, OURS, VERDICTS
from factcheck.cache.limits import CLEAR_LOCK_WAIT
from factcheck.cache.lock import locked
from factcheck.cache.stats import Stats
from factcheck.cache.verdicts import remembered
from factcheck.retrieval.saved import saved_items


def _size(folder: Path) -> tuple[int, int]:
    """Entries and bytes under the folder."""
    entries = list((folder / ENTRIES).glob("*/*.pkl"))
    total = 0
    for path in folder.rglob("*"):
        try:
            total += path.stat().st_size if path.is_file() else 0
        except OSError:
            continue
    return len(entries), total


def describe(folder: Path) -> list[str]:
    """``factcheck cache info``: where, how big, how many documents, and the last run's hits and misses."""
    if not folder.is_dir():
        return [f"cache: {folder} (none yet)"]
    entries, total = _size(folder)
    lines = [f"cache: {folder}", f"size: {total / 2**20:.1f} MiB in {entries} entries"]
    try:
        data = json.loads((folder / MANIFEST).read_bytes())
        run = Stats(**data["last_run"])
        lines.append(f"documents: {len(data['files'])}")
    except (OSError, ValueError, KeyError, TypeError):
        return [*lines, "last run: unknown (no manifest)"]
    lines.append(
        f"last run: {run.documents} documents, {run.hits} from the cache, {run.misses} read and indexed, "
        f"{run.hashed} hashed, {run.damaged} damaged, {run.sentences} sentences, {run.seconds:.2f} s"
    )
    return [*lines, *_kept(folder)]


def _kept(folder: Path) -> list[str]:
    """The saved index (sentences in it) and the remembered verdicts, where there are any."""
    out = []
    items = saved_items(folder / INDEX)
    if items is not None:
        out.append(f"index: {items} evidence sentences, kept for the documents of the last run")
    count = remembered(folder)
    if count is not None:  # none, or damaged: the next run says so
        out.append(f"verdicts: {count} remembered")
    return out


def clear(folder: Path) -> int | None:
    """``factcheck cache clear``: remove what the cache wrote (and nothing else); the entries removed, None if none."""
    if not folder.is_dir():
        return None
    removed = 0
    with locked(folder, wait=CLEAR_LOCK_WAIT):
        for path in sorted((folder / ENTRIES).rglob("*"), reverse=True):
            if path.is_dir():
                path.rmdir()
            else:
                removed += path.suffix == ".pkl"
                path.unlink(missing_ok=True)
        if (folder / ENTRIES).is_dir():
            (folder / ENTRIES).rmdir()
        for path in [folder / INDEX, *folder.glob(".tmp-*"), *folder.glob(".old-*")]:
            if path.is_dir():
                shutil.rmtree(path)
        (folder / MANIFEST).unlink(missing_ok=True)
        (folder / VERDICTS).unlink(missing_ok=True)
        for name, mark in OURS.items():
            path = folder / name
            if path.is_file() and path.read_bytes().startswith(mark):
                path.unlink()
    (folder / LOCK).unlink(missing_ok=True)
    if not any(folder.iterdir()):
        folder.rmdir()
    return removed
