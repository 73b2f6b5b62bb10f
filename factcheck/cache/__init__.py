"""The persistent, incremental cache: every document read, split and indexed once.

A folder (``.factcheck/`` beside the catalogue, or ``$FACTCHECK_CACHE_DIR``) holds one
entry per document, named by the sha256 of its bytes, its reader and everything that
decides how it is read and indexed (this package's reading and indexing code, the
neighbour weight): its sentences with their positions and flags, its date, and its
index parts (:class:`~factcheck.retrieval.parts.DocumentTerms`, plain arrays). A
manifest maps each file seen (absolute path, size, mtime) to its sha256, so a run where
nothing changed reads no document at all; a file whose size or mtime moved is hashed,
and parsed only when no entry has its content (a renamed or touched file is a hit).
The index is then merged from the parts; its global statistics are sums over them, so
results are those of an uncached run, to the byte.

The cache trusts only what it wrote (:mod:`.seal`): every file it writes is sealed with an
HMAC keyed by a secret of the user's own, kept outside the project, and read only once its seal
verifies; it writes, rewrites and removes only in a folder marked as a factcheck cache, never
through a symbolic link (:mod:`.folder`). Entries are pickles of plain values only (tuples,
strings, numbers, bytes), unpickled once sealed by an unpickler that refuses any class; the
verdicts are checked JSON. Writes go through a temporary file and a rename; a lock file
(``fcntl.flock``, else an exclusive create) keeps two runs from updating it at once; a file that
cannot be read or is not sealed is reported, rebuilt and overwritten. After a run, entries no
file of the manifest uses are removed, so the folder holds at most one entry per document seen
(still on disk); the whole cache is about 10x the documents' text (the README says how measured).

A module per trade: ``folder`` where the cache is, how it reads and writes, and whether it is the
cache's; ``seal`` the key and the seals; ``limits`` its tuned
numbers; ``entries`` an entry's format; ``manifest`` the files seen; ``lock``; ``parse``
new documents, in worker processes when many; ``store`` the :class:`Cache`, one run's use of
the folder and the corpus's store; ``index`` the saved index; ``verdicts`` the remembered
verdicts; ``load`` a corpus read through it; ``scratch`` the ``--no-cache`` folders; ``admin``
``cache info`` and ``cache clear``; ``stats`` a run's figures and warnings. The names below are
imported on first use, so that ``factcheck cache info`` reads no more than it needs.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from factcheck.cache.admin import clear, describe
    from factcheck.cache.entries import FORMAT
    from factcheck.cache.folder import ENV, FOLDER, cache_folder
    from factcheck.cache.index import changes
    from factcheck.cache.load import load_afresh, load_cached
    from factcheck.cache.lock import locked
    from factcheck.cache.scratch import SCRATCH_MARK, SCRATCH_PREFIX
    from factcheck.cache.stats import Stats
    from factcheck.cache.store import Cache

_EXPORTS = {
    "Cache": "factcheck.cache.store",
    "ENV": "factcheck.cache.folder",
    "FOLDER": "factcheck.cache.folder",
    "FORMAT": "factcheck.cache.entries",
    "SCRATCH_MARK": "factcheck.cache.scratch",
    "SCRATCH_PREFIX": "factcheck.cache.scratch",
    "Stats": "factcheck.cache.stats",
    "cache_folder": "factcheck.cache.folder",
    "changes": "factcheck.cache.index",
    "clear": "factcheck.cache.admin",
    "describe": "factcheck.cache.admin",
    "load_afresh": "factcheck.cache.load",
    "load_cached": "factcheck.cache.load",
    "locked": "factcheck.cache.lock",
}
__all__ = [
    "ENV",
    "FOLDER",
    "FORMAT",
    "SCRATCH_MARK",
    "SCRATCH_PREFIX",
    "Cache",
    "Stats",
    "cache_folder",
    "changes",
    "clear",
    "describe",
    "load_afresh",
    "load_cached",
    "locked",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'factcheck.cache' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return __all__
