"""The ``--no-cache`` folders: a private temporary folder per run, and the sweep of those killed runs left.

Decides where a run that neither uses nor updates the cache keeps its documents' entries (so it
holds each document's sentences only while it uses them, as a cached run does): a new folder in
``$TMPDIR`` named for the process (:data:`SCRATCH_PREFIX`, then its id) and marked as ours
(:data:`SCRATCH_MARK`). It is removed when the corpus is let go of, or the process ends, by that
process only (a forked worker letting go of its copy leaves it). A run killed before it could
remove its folder leaves it behind; the next ``--no-cache`` run removes every marked folder of a
process no longer running, untouched for :data:`~factcheck.cache.limits.SCRATCH_STALE`, and
nothing else.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from factcheck.cache.limits import SCRATCH_STALE

SCRATCH_PREFIX = "factcheck-"  # then the process id: factcheck-1234-k2j3h4
SCRATCH_MARK = "factcheck-no-cache"  # a file in each such folder: only these are ever swept


def scratch_folder() -> Path:
    """A new private folder in $TMPDIR named for this process; first, the folders of runs that were killed
    (SIGKILL, out of memory, SIGTERM) and so could not remove theirs are removed."""
    _sweep(Path(tempfile.gettempdir()))
    folder = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-"))
    (folder / SCRATCH_MARK).write_bytes(b"")
    return folder


def _sweep(root: Path) -> None:
    try:
        found = list(root.glob(f"{SCRATCH_PREFIX}*-*"))
    except OSError:
        return
    now = time.time()
    for path in found:
        pid = path.name[len(SCRATCH_PREFIX) :].split("-", 1)[0]
        try:
            ours = (path / SCRATCH_MARK).is_file() and now - path.stat().st_mtime > SCRATCH_STALE
        except OSError:
            continue
        if ours and pid.isdigit() and not _running(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # another user's: running
        return True
    return True


def remove_scratch(folder: Path, owner: int) -> None:
    """Remove a --no-cache folder, in the process that made it only (a forked worker that lets go of its copy
    of the corpus must not remove the folder its parent still reads)."""
    if os.getpid() == owner:
        shutil.rmtree(folder, ignore_errors=True)
