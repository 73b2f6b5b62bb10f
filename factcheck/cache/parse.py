"""New documents read, split and indexed into their entries: in worker processes when there are many.

Decides how the documents no entry holds are parsed. They are gathered in batches of at most
:data:`~factcheck.cache.limits.BATCH_BYTES` (a first run over an archive holds one batch's
bytes, not the archive's); a batch of at least :data:`~factcheck.cache.limits.PARALLEL_DOCUMENTS`
documents and :data:`~factcheck.cache.limits.PARALLEL_BYTES` is parsed in a pool of worker
processes, one per core, when there is more than one; a smaller one here, where starting the
pool would cost more than it saves. Each worker writes its entries itself, sealed with the run's
key (given to it), and sends back only their summaries (and, when the disk is full, why an entry
was not written): the index parts are read from the entries when the index is built.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from factcheck.cache.entries import store_entry
from factcheck.cache.limits import PARALLEL_BYTES, PARALLEL_CHUNK, PARALLEL_DOCUMENTS
from factcheck.cache.seal import Seal


@dataclass
class Pending:
    """A document with no entry yet: where it goes in the corpus, its bytes, and its entry's key."""

    index: int
    rel: str
    raw: bytes
    key: str
    path: Path
    root: Path


def parse(
    pending: list[Pending], context: float, entries: list[Path], seal: Seal
) -> Iterator[tuple[list[Any], str | None]]:
    """Each document's entry built, sealed and written to its path in ``entries``; their summaries, in order,
    each with why its entry could not be written (None when it was), each as soon as it is built (so that a
    run's progress counts documents while a batch is parsed)."""
    rels, raws = [p.rel for p in pending], [p.raw for p in pending]
    if len(pending) >= PARALLEL_DOCUMENTS and sum(map(len, raws)) >= PARALLEL_BYTES and (os.cpu_count() or 1) > 1:
        with ProcessPoolExecutor() as pool:
            yield from pool.map(
                store_entry, rels, raws, repeat(context), entries, repeat(seal), chunksize=PARALLEL_CHUNK
            )
        return
    for rel, raw, entry in zip(rels, raws, entries, strict=True):
        yield store_entry(rel, raw, context, entry, seal)
