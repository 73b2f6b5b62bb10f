"""A documents folder read into a corpus through the cache, or with ``--no-cache`` through a folder of the run's own.

Decides what a run does when the cache cannot serve it: it never fails for it. A cache folder
that cannot be made, or is held by another run past :data:`~factcheck.cache.limits.LOCK_WAIT`,
means every document is read as an uncached run reads it, with a warning saying why; a manifest
that cannot be written, a warning. A folder that is not the cache's to write (a link, a folder
of the user's, a link inside: :func:`~factcheck.cache.folder.check`), or no key of this user's to
seal it with (:func:`~factcheck.cache.seal.machine_seal`), means the run reads as ``--no-cache``
does, nothing of the folder read or written, with one warning saying why. ``--no-cache`` reads
through a private temporary folder (:mod:`.scratch`) so that a run still holds each document's
sentences only while it uses them; where none can be made, into memory, with a warning. Either way the
:class:`~factcheck.cache.store.Cache` comes back beside the corpus, as the run's store
(:class:`~factcheck.context.Store`), and the cache's warnings, those told now and those told
later, are the corpus's.
"""

from __future__ import annotations

import os
import tempfile
import weakref
from contextlib import ExitStack
from pathlib import Path

from factcheck.cache.folder import Refused, prepare
from factcheck.cache.lock import locked
from factcheck.cache.scratch import remove_scratch, scratch_folder
from factcheck.cache.seal import NoKey, machine_seal, project
from factcheck.cache.store import BuildProgress, Cache
from factcheck.corpus import Corpus, load_corpus


def load_cached(
    root: Path, folder: Path, context: float, allow_empty: bool = False, progress: BuildProgress | None = None
) -> tuple[Corpus, Cache | None]:
    """``load_corpus`` through the cache in ``folder``; without it (a warning says why) when it cannot be used."""
    try:
        seal = machine_seal(project(root, folder))
        prepare(folder)
    except (NoKey, Refused) as exc:  # read as --no-cache reads, nothing of the cache trusted or touched
        corpus, scratch = load_afresh(root, context, allow_empty, progress)
        corpus.warnings.append(f"{exc}; every document read without the cache")
        return corpus, scratch
    except OSError as exc:
        corpus = load_corpus(root, allow_empty)
        corpus.warnings.append(f"{folder}: cannot use the cache ({exc.strerror or exc}); reading every document")
        return corpus, None
    cache = Cache(folder, context, progress, seal=seal)
    with ExitStack() as stack:
        try:
            held = stack.enter_context(locked(folder))
        except OSError as exc:  # a read-only cache: its lock cannot be opened
            corpus = load_corpus(root, allow_empty)
            corpus.warnings.append(f"{folder}: cannot use the cache ({exc.strerror or exc}); reading every document")
            return corpus, None
        if not held:
            corpus = load_corpus(root, allow_empty)
            corpus.warnings.append(f"{folder}: the cache is busy (another run holds it); reading every document")
            return corpus, None
        cache.manifest.read()
        corpus = load_corpus(root, allow_empty, read=cache.read)
        try:
            cache.save(root)
        except OSError as exc:
            cache.warnings.append(f"{folder}: cannot update the cache ({exc.strerror or exc})")
    return _kept_by(corpus, cache)


def load_afresh(
    root: Path, context: float, allow_empty: bool = False, progress: BuildProgress | None = None
) -> tuple[Corpus, Cache | None]:
    """``--no-cache``: every document read and split again, through a temporary folder of this run's own.

    The entries go there, as a first cached run's do, so the run holds each document's
    sentences only while it uses them, not all of them at once; the folder is removed when the
    corpus is let go of, or the process ends. Nothing is read from or written to the cache.
    Where no temporary folder can be made or written (a full disk), the documents are held
    in memory instead, with a warning.
    """
    try:
        folder = scratch_folder()
        cache = Cache(folder, context, progress, kept=False)
        weakref.finalize(cache, remove_scratch, folder, os.getpid())  # with the cache, or at exit
        corpus = load_corpus(root, allow_empty, read=cache.read)
    except OSError as exc:
        corpus = load_corpus(root, allow_empty)
        where = tempfile.gettempdir()
        corpus.warnings.append(
            f"{where}: cannot hold the documents there ({exc.strerror or exc}); reading them into memory"
        )
        return corpus, None
    return _kept_by(corpus, cache)


def _kept_by(corpus: Corpus, cache: Cache) -> tuple[Corpus, Cache]:
    """The corpus and the cache that read it (its store): the cache's warnings first, and what it warns of
    later (an index damaged or not saved) reported with the rest. Every lazy document's loader holds the
    cache, so its folder stays while one is used."""
    corpus.warnings.extend(cache.warnings)
    cache.warnings = corpus.warnings
    return corpus, cache
