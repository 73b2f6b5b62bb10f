"""Remembered verdicts on disk: one file of every claim's result, read at the start of a run, written at its end.

Decides where and how :mod:`factcheck.memo`'s results are kept (what a result's key is, and
which are kept, is the memo's). They are kept for the documents' entries and settings a run
read (:func:`~factcheck.cache.index.documents_key`, under the code's digest): documents the
cache did not read (URL snapshots) have none. The file is a pickle of plain values read through
the entries' loader, which refuses every class, so a planted file runs nothing; one that cannot
be read, or is larger than :data:`~factcheck.cache.limits.MAX_MANIFEST_BYTES`, is told and every
claim judged again. It is written only when the run judged a claim or dropped one, after the
run's index is saved, under the lock (waited for only briefly: a run that cannot have it keeps
nothing).
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

from factcheck.cache.entries import loads
from factcheck.cache.folder import VERDICTS, write
from factcheck.cache.limits import INDEX_LOCK_WAIT, MAX_MANIFEST_BYTES
from factcheck.cache.lock import locked
from factcheck.cache.stats import Log
from factcheck.memo import Memo, code_digest


def recall(folder: Path, key: str, log: Log) -> Memo:
    """The verdicts kept in ``folder`` by earlier runs, for the documents and settings whose key is ``key``."""
    path = folder / VERDICTS
    kept: Any = {}
    try:
        if path.stat().st_size > MAX_MANIFEST_BYTES:
            raise ValueError(f"larger than {MAX_MANIFEST_BYTES // 2**20} MiB")
        kept = loads(path.read_bytes())
        if not isinstance(kept, dict):
            raise ValueError("not a mapping")
    except FileNotFoundError:
        pass
    except Exception as exc:  # any failure to read them means: judge again
        log.damaged(path, exc)
        kept = {}
    return Memo(f"{code_digest()}|{key}", kept)


def keep(folder: Path, memo: Memo, log: Log) -> None:
    """The verdicts of this run kept in ``folder`` for the next, when it judged or dropped any."""
    if not memo.used or memo.recalled == len(memo.used) == len(memo.kept):
        return  # nothing new to keep
    with locked(folder, wait=INDEX_LOCK_WAIT) as held:
        if held:
            try:
                write(folder / VERDICTS, pickle.dumps(memo.to_keep(), protocol=5))
            except OSError as exc:
                log.warnings.append(f"{folder}: cannot save the verdicts ({exc.strerror or exc})")


def remembered(folder: Path) -> int | None:
    """How many verdicts ``folder`` keeps; None when none are, or they cannot be read (the next run says so)."""
    try:
        return len(loads((folder / VERDICTS).read_bytes()))
    except Exception:
        return None
