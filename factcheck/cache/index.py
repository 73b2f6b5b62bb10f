"""The saved index: loaded when it was made from these documents, updated when from most of them, else made.

Decides when a run may use the index an earlier run saved (through
:mod:`factcheck.retrieval.saved`, memory-mapped). Its key is a digest of the code, the index's
settings and the documents' entries in order (:func:`documents_key`); the same key: loaded as
it is. Else, when it was made with the same code and settings from most of these documents in
the same order (:func:`changes`), it is updated in place for the few that changed, from the
parts of the entries of those gone (which is why pruning keeps them) and of those new. Else it
is made. Either way it is saved for the next run, by a thread while claims are judged, sealed
(:mod:`.seal`): a saved index whose seal does not verify, or whose values are out of range, is
damaged and made again. It is loaded and saved under the lock, waited for only briefly
(:data:`~factcheck.cache.limits.INDEX_LOCK_WAIT`): a run that cannot have it makes its own index
and keeps none.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import Any

from factcheck.cache.entries import Entries, fingerprint
from factcheck.cache.folder import INDEX
from factcheck.cache.limits import INDEX_LOCK_WAIT
from factcheck.cache.lock import locked
from factcheck.cache.seal import Seal
from factcheck.cache.stats import Log
from factcheck.retrieval import saved
from factcheck.retrieval.postings import Arrays, Updater


def documents_key(settings: str, documents: list[str], keys: dict[str, str]) -> str | None:
    """A digest of the documents' entries (paths and contents, in order) and settings; None if one has none."""
    if not all(path in keys for path in documents):
        return None  # documents from elsewhere (URL snapshots): not kept
    digest = hashlib.sha256(f"{fingerprint()}|{settings}".encode())
    for path in documents:
        digest.update(f"\0{path}\0{keys[path]}".encode())
    return digest.hexdigest()


def _made_with(settings: str) -> str:
    """What an index must have been made with to be updated rather than made again."""
    return hashlib.sha256(f"{fingerprint()}|{settings}".encode()).hexdigest()


def changes(before: list[tuple[str, str]], now: list[tuple[str, str]]) -> tuple[list[int], list[int]] | None:
    """Which document of ``before`` each of ``now`` is (-1: new or edited), and those of ``before`` gone;
    None when an update would not pay (nothing in common, or more than half changed) or order changed."""
    at = {doc: j for j, doc in enumerate(before)}
    kept = [at.get(doc, -1) for doc in now]
    order = [j for j in kept if j >= 0]
    if any(later <= earlier for earlier, later in pairwise(order)):
        return None
    changed = max(len(now), len(before)) - len(order)  # documents edited, added or removed
    if not order or changed == 0 or 2 * changed > len(now):
        return None
    still = set(order)
    return kept, [j for j in range(len(before)) if j not in still]


def index_entries(folder: Path) -> set[str]:
    """The entries the saved index in ``folder`` was made from."""
    told = saved.made_of(folder)
    try:
        return {str(key) for _, key in told["documents"]} if isinstance(told, dict) else set()
    except (KeyError, TypeError, ValueError):
        return set()


class SavedIndex:
    """The index kept in a cache folder, as one run uses it (its entries give the parts of documents gone)."""

    def __init__(self, folder: Path, entries: Entries, log: Log, seal: Seal):
        self.folder = folder
        self.seal = seal
        self.path = folder / INDEX
        self.entries = entries
        self.log = log
        self._saving: threading.Thread | None = None  # the index being saved

    def get(
        self,
        key: str,
        settings: str,
        documents: list[str],
        keys: dict[str, str],
        make: Callable[[], Arrays],
        update: Updater,
    ) -> Arrays:
        """The saved index when its key is ``key``; else the saved one updated, when it was made from most of
        these documents; else made. Saved for next time (by a thread: :meth:`settle` waits for it)."""
        base, made_of = self._saved()
        if base is not None and made_of.get("key") == key:
            return base  # the documents and settings it was made from are these
        arrays = self._updated(settings, documents, keys, update, base, made_of) if base is not None else None
        if arrays is None:
            arrays = make()
        made_of = {
            "key": key,
            "with": _made_with(settings),
            "documents": [[path, keys[path]] for path in documents],
        }
        self._saving = threading.Thread(target=self._save, args=(arrays, key, made_of), name="factcheck-index")
        self._saving.start()  # written while claims are judged
        return arrays

    def _saved(self) -> tuple[Arrays | None, dict[str, Any]]:
        """The saved index (memory-mapped: it stays whole if a later save replaces the folder) and what it was
        made of, read together under the lock, so that a save in between cannot pair one with another's."""
        with locked(self.folder, wait=INDEX_LOCK_WAIT) as held:
            found = saved.saved_key(self.path)
            if not held or found is None:
                return None, {}  # nothing saved; or another run is saving one: this run makes its own
            try:
                base, told = saved.load_saved(self.path, self.seal)
            except Exception as exc:  # any failure to read the index means: rebuild it
                self.log.damaged(self.path, exc)
                return None, {}
        return base, {**(told if isinstance(told, dict) else {}), "key": found}

    def settle(self) -> None:
        """Wait for the index this run made to be saved."""
        if self._saving is not None:
            self._saving.join()
            self._saving = None

    def _save(self, arrays: Arrays, key: str, made_of: dict[str, Any]) -> None:
        with locked(self.folder, wait=INDEX_LOCK_WAIT) as held:
            if held:  # else another run is saving one: this run's is used, not kept
                try:
                    saved.save(arrays, self.path, key, made_of, self.seal)
                except Exception as exc:  # a thread's failure is a warning of the run, not a traceback
                    reason = getattr(exc, "strerror", None) or exc
                    self.log.warnings.append(f"{self.folder}: cannot save the index ({reason})")

    def _updated(
        self,
        settings: str,
        documents: list[str],
        keys: dict[str, str],
        update: Updater,
        base: Arrays,
        told: dict[str, Any],
    ) -> Arrays | None:
        """The saved index updated to these documents; None when it was made otherwise, or from too few of them."""
        if told.get("with") != _made_with(settings):
            return None
        try:
            before = [(str(path), str(key)) for path, key in told["documents"]]
        except (KeyError, TypeError, ValueError):
            return None
        plan = changes(before, [(path, keys[path]) for path in documents])
        if plan is None:
            return None
        kept, gone = plan
        removed = {}
        for j in gone:
            part = self.entries.parts(before[j][1])
            if part is None:
                return None
            removed[j] = part
        try:
            return update(base, kept, removed)
        except Exception as exc:  # parts that do not fit the index it was saved with: build it again
            self.log.damaged(self.path, exc)
            return None
