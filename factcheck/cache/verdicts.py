"""Remembered verdicts on disk: one file of every claim's result, read at the start of a run, written at its end.

Decides where and how :mod:`factcheck.memo`'s results are kept (what a result's key is, and
which are kept, is the memo's). They are kept for the documents' entries and settings a run
read (:func:`~factcheck.cache.index.documents_key`, under the code's digest): documents the
cache did not read (URL snapshots) have none. The file is JSON (no pickle: nothing in it can name
a class, share a reference or run code), sealed (:mod:`.seal`): a file this user's factcheck did
not write, or one edited since, is damaged and every claim judged again, so a verdict cannot be
forged by committing a file. Its shape is checked on load (a mapping of digests to results; each
result's types, ranges and depth, at most :data:`~factcheck.memo.MAX_DEPTH`, when it is recalled,
:func:`factcheck.memo.decode`: one that does not fit is judged again); one larger than
:data:`~factcheck.cache.limits.MAX_MANIFEST_BYTES` is damaged unread. It is written only when the
run judged a claim or dropped one, after the run's index is saved, under the lock (waited for only
briefly: a run that cannot have it keeps nothing).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from factcheck.cache.folder import OLD_VERDICTS, VERDICTS, read, write
from factcheck.cache.limits import INDEX_LOCK_WAIT, MAX_MANIFEST_BYTES
from factcheck.cache.lock import locked
from factcheck.cache.seal import HEADER, Seal
from factcheck.cache.stats import Log
from factcheck.memo import FORMAT, Memo, code_digest

PURPOSE = "verdicts"
_KEY = re.compile(r"[0-9a-f]{64}")


def recall(folder: Path, key: str, log: Log, seal: Seal) -> Memo:
    """The verdicts kept in ``folder`` by earlier runs, for the documents and settings whose key is ``key``."""
    path = folder / VERDICTS
    kept: dict[str, Any] = {}
    shared: list[Any] = []
    try:
        kept, shared = load(path, seal)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:  # any failure to read them means: judge again
        log.damaged(path, exc)
    return Memo(f"{code_digest()}|{key}", kept, shared)


def load(path: Path, seal: Seal) -> tuple[dict[str, Any], list[Any]]:
    """The verdicts kept at ``path`` and the sentences they share, once their seal verifies and their shape is
    checked; FileNotFoundError when there are none; OSError or ValueError when they are damaged or planted."""
    data = seal.open(PURPOSE, read(path, MAX_MANIFEST_BYTES + HEADER))
    try:
        found = json.loads(bytes(data))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(found, dict) or found.get("format") != FORMAT:
        raise ValueError("not the verdicts of this version")
    kept, shared = found.get("verdicts"), found.get("shared")
    if not isinstance(kept, dict) or not isinstance(shared, list):
        raise ValueError("not the verdicts of this version")
    for claim, result in kept.items():
        if not _KEY.fullmatch(claim) or not isinstance(result, list):
            raise ValueError("not a mapping of digests to results")
    return kept, shared


def keep(folder: Path, memo: Memo, log: Log, seal: Seal) -> None:
    """The verdicts of this run kept in ``folder`` for the next, when it judged or dropped any."""
    if not memo.used or memo.recalled == len(memo.used) == len(memo.kept):
        return  # nothing new to keep
    with locked(folder, wait=INDEX_LOCK_WAIT) as held:
        if held:
            data = json.dumps({"format": FORMAT, **memo.to_keep()}, separators=(",", ":"))
            try:
                write(folder / VERDICTS, seal.seal(PURPOSE, data.encode()))
                (folder / OLD_VERDICTS).unlink(missing_ok=True)  # an earlier version's pickle: never read
            except OSError as exc:
                log.warnings.append(f"{folder}: cannot save the verdicts ({exc.strerror or exc})")


def remembered(folder: Path, seal: Seal | None) -> int | None:
    """How many verdicts ``folder`` keeps; None when none are, or they cannot be trusted (the next run says so)."""
    if seal is None:
        return None
    try:
        return len(load(folder / VERDICTS, seal)[0])
    except (OSError, ValueError):
        return None
