"""The cache's tuned numbers in one place: how large its files may be, how long it waits, how much at once.

None of them changes an output byte: past each, a run reads a file as damaged and rebuilds it,
waits less or runs without the cache, or holds more or less memory, and prints what any other
run prints. That is why they are here, beside the code they tune, and not in
:mod:`factcheck.settings` (numbers that decide verdicts: part of every remembered verdict's key,
set in ``[tool.factcheck]``, tuned on a named data set) nor in :mod:`factcheck.limits` (bounds on
what a user gives factcheck to read, each with the README's line on what happens past it): these
bound the cache's own files and its use of time, memory and processes. Each line says what it
decides and what happens past it.
"""

from __future__ import annotations

from factcheck.limits import MAX_DOCUMENT_BYTES, MIB

# -- the cache's own files: one larger than this is damaged (reported, rebuilt), never read
MAX_ENTRY_BYTES = 16 * MAX_DOCUMENT_BYTES  # an entry: a document's sentences and index parts (about 6x its text)
MAX_MANIFEST_BYTES = 256 * MIB  # the manifest, and the remembered verdicts
DAMAGE_REASON_CHARS = 200  # of why a file is damaged, shown in the warning

# -- waiting for another run that holds the cache's lock
LOCK_WAIT = 600.0  # seconds a run waits for another to finish with the cache, then runs without it
INDEX_LOCK_WAIT = (
    5.0  # seconds a run waits to load or save the index, or save verdicts; then builds its own, keeps none
)
CLEAR_LOCK_WAIT = 30.0  # seconds ``cache clear`` waits for a run to finish; then it clears all the same
LOCK_POLL = 0.05  # seconds between two tries of a lock another run holds

# -- trusting a file's stat
RACY_NS = 2_000_000_000  # a file modified this close to being recorded is hashed again next time (as git does)

# -- new documents read and indexed
BATCH_BYTES = 64 * MIB  # new documents' bytes held at once before they are parsed and written
PARALLEL_DOCUMENTS = 64  # parse in worker processes when at least this many documents are new ...
PARALLEL_BYTES = 2 * MIB  # ... and they hold at least this many bytes (and there is more than one core)
PARALLEL_CHUNK = 8  # documents handed to a worker process at a time

# -- --no-cache folders
SCRATCH_STALE = 3600.0  # seconds: a folder of a process no longer running, untouched this long, is swept
