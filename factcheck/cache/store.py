"""One run's use of a cache folder: the documents read through it, and the corpus's store after.

Decides, per file, where its document comes from: a file whose stat is as the manifest recorded
is not read (its hash is the recorded one); otherwise it is hashed. Its entry is named from the
hash; when the entry is there (for this file, or another with the same bytes: a copy or a
rename), the document is made from its summary and its sentences are read from it when wanted.
Otherwise the file's bytes wait, with others, to be parsed into entries (:mod:`.parse`). A lazy
document whose entry turns out damaged or gone is read from its file again. After the corpus is
read, :class:`Cache` is its store (:class:`factcheck.context.Store`): it gives the index each
document's parts from its entry, and keeps the index (:mod:`.index`) and the verdicts
(:mod:`.verdicts`) for the next run. Whatever it finds damaged it tells its :class:`~.stats.Log`.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from contextlib import suppress
from functools import partial
from pathlib import Path
from typing import Any

from factcheck.cache import verdicts
from factcheck.cache.entries import Entries, build_entry, entry_key, from_entry, from_summary
from factcheck.cache.folder import MANIFEST
from factcheck.cache.index import SavedIndex, documents_key, index_entries
from factcheck.cache.limits import BATCH_BYTES
from factcheck.cache.manifest import Manifest
from factcheck.cache.parse import Pending, parse
from factcheck.cache.seal import Seal
from factcheck.cache.stats import Log, Stats
from factcheck.corpus import Document, Sentence
from factcheck.corpus.load import _read_bytes, read_documents
from factcheck.corpus.readers import Unreadable, reader_for
from factcheck.limits import MAX_DOCUMENT_BYTES
from factcheck.memo import Memo
from factcheck.retrieval.parts import DocumentTerms
from factcheck.retrieval.postings import Arrays, Updater
from factcheck.sanitize import visible

BuildProgress = Callable[[int, int, int], None]  # documents done, documents in all, sentences so far


class Cache:
    """One run's use of the cache folder: :meth:`read` is a ``load_corpus`` reader (see
    :func:`~factcheck.cache.load.load_cached`).

    ``kept=False``: a private folder for this run alone (``--no-cache``,
    :func:`~factcheck.cache.load.load_afresh`): its entries hold the documents' sentences and
    parts on disk, but no index, verdict or manifest is kept, and no lock taken. ``seal``: this
    user's key (:func:`~factcheck.cache.seal.machine_seal`); none, for a private folder: a key of
    the run's own.
    """

    def __init__(
        self,
        folder: Path,
        context: float,
        progress: BuildProgress | None = None,
        kept: bool = True,
        seal: Seal | None = None,
    ):
        self.folder = folder
        self.kept = kept
        self.context = context
        self.progress = progress
        self.log = Log()
        self.seal = seal or Seal.ephemeral()  # a private folder's: good for this run only
        self.manifest = Manifest(folder / MANIFEST, self.log, self.seal)
        self.entries = Entries(folder, self.log, self.seal)
        self.saved_index = SavedIndex(folder, self.entries, self.log, self.seal)
        self._started = time.perf_counter()
        self.keys: dict[str, str] = {}  # relative path -> its entry's key, for the documents read this run
        self._counts: dict[str, int] = {}  # lazy documents' sentence counts, for progress
        self._told_unwritten = False

    @property
    def stats(self) -> Stats:
        return self.log.stats

    @property
    def warnings(self) -> list[str]:
        return self.log.warnings

    @warnings.setter
    def warnings(self, warnings: list[str]) -> None:
        self.log.warnings = warnings

    # -------------------------------------------------------------- reading

    def read(self, root: Path, files: list[Path]) -> list[Document | Unreadable]:
        """Each file as a document, from its entry where there is one, else parsed (and stored)."""
        out: list[Document | Unreadable | None] = [None] * len(files)
        if self.progress is not None:
            self.progress(0, len(files), 0)  # a count from the start, before the first document is read
        pending: list[Pending] = []
        held = 0  # bytes of the pending documents (a running total: summing per file was quadratic)
        for i, path in enumerate(files):
            rel = path.relative_to(root).as_posix()
            got = self._lookup(root, path, rel)
            if isinstance(got, Pending):
                got.index = i
                pending.append(got)
                held += len(got.raw)
                if held >= BATCH_BYTES:
                    self._build(pending, out, len(files))
                    pending, held = [], 0
            else:
                out[i] = got
                self._advance(got, len(files))
        self._build(pending, out, len(files))
        self.stats.documents = len(files)
        return [x if x is not None else Unreadable("not read") for x in out]

    def _lookup(self, root: Path, path: Path, rel: str) -> Document | Unreadable | Pending:
        """The document from its entry, or what is needed to build one."""
        reader = reader_for(rel)
        try:
            st = path.stat()
        except OSError:
            st = None
        if reader is None or st is None or st.st_size > MAX_DOCUMENT_BYTES:
            return read_documents(root, [path])[0]  # as an uncached run says why
        sha, raw = self.manifest.known_sha(path, st), None
        if sha is None:
            try:
                raw = _read_bytes(path, root.resolve())
            except Unreadable as exc:
                return exc
            sha = hashlib.sha256(raw).hexdigest()
            self.stats.hashed += 1
        row, known = self.manifest.record(path, rel, st, sha, reader.name)
        key = self.keys[rel] = entry_key(sha, reader.name, self.context)
        load = partial(self._sentences, key, rel, path, root)
        got = _summarised(rel, known, load) if known is not None and self.entries.path(key).is_file() else None
        if got is None:  # an entry made for another file with these bytes, or by an earlier run: read its head
            known = self.entries.head(key)
            got = _summarised(rel, known, load) if known is not None else None
        if got is not None:
            (found, count), row[5] = got, known
            self.stats.hits += 1
            self._counts[found.path if isinstance(found, Document) else rel] = count
            return found
        if raw is None:
            try:
                raw = _read_bytes(path, root.resolve())
            except Unreadable as exc:
                return exc
        return Pending(-1, rel, raw, key, path, root)

    def _sentences(self, key: str, rel: str, path: Path, root: Path) -> list[Sentence]:
        """A lazy document's sentences: from its entry; when that is damaged or gone, from the file again."""
        loaded = self.entries.document(key, rel) if key not in self.entries.bad else None
        if isinstance(loaded, Document):
            return loaded.sentences
        try:
            entry = build_entry(rel, _read_bytes(path, root.resolve()), self.context)
        except Unreadable as exc:
            self.warnings.append(f"{visible(rel)}: {exc}; its sentences are left out")
            return []
        with suppress(OSError):  # a full disk: the entry is written again next time
            self.entries.write(key, entry)
        doc, _ = from_entry(rel, entry)
        return doc.sentences if isinstance(doc, Document) else []

    def _build(self, pending: list[Pending], out: list[Document | Unreadable | None], total: int) -> None:
        """Parse the new documents (in worker processes when there are many), store and keep them."""
        if not pending:
            return
        built = parse(pending, self.context, [self.entries.path(p.key) for p in pending], self.seal)
        for p, (found, unwritten) in zip(pending, built, strict=True):
            p.raw = b""
            if unwritten is not None:
                self._unwritten(unwritten)
            self.manifest.summarise(p.rel, found)
            doc, count = from_summary(p.rel, found, partial(self._sentences, p.key, p.rel, p.path, p.root))
            out[p.index] = doc
            self.stats.misses += 1
            self._counts[doc.path if isinstance(doc, Document) else p.rel] = count
            self._advance(doc, total)

    def _unwritten(self, reason: str) -> None:
        """An entry that could not be written (a full disk): told once; its document is read again when wanted."""
        if not self._told_unwritten:
            self._told_unwritten = True
            self.warnings.append(f"{self.folder}: cannot write to the cache ({reason}); documents read again when used")

    def _advance(self, got: Document | Unreadable, total: int) -> None:
        if isinstance(got, Document):
            count = self._counts.pop(got.path, None)
            self.stats.sentences += len(got.sentences) if count is None else count
        if self.progress is not None:
            self.progress(self.stats.hits + self.stats.misses, total, self.stats.sentences)

    # -------------------------------------------------------------- the corpus's store

    def parts(self, path: str) -> DocumentTerms | None:
        """A document's index parts, read from its entry (None when it has none, or it is gone or damaged)."""
        key = self.keys.get(path)
        return None if key is None else self.entries.parts(key)

    def index(self, settings: str, documents: list[str], make: Callable[[], Arrays], update: Updater) -> Arrays:
        """The saved index when it was made from these documents' entries with these settings; else the saved
        one updated, when it was made from most of them; else made. Saved for next time (by a thread:
        :meth:`settle` waits for it)."""
        key = documents_key(settings, documents, self.keys)
        if key is None or not self.kept:
            return make()
        return self.saved_index.get(key, settings, documents, self.keys, make, update)

    def settle(self) -> None:
        """Wait for the index this run made to be saved."""
        self.saved_index.settle()

    def verdicts(self, settings: str, documents: list[str]) -> Memo | None:
        """The verdicts kept by earlier runs, for claims judged against these documents with these settings."""
        key = documents_key(settings, documents, self.keys)
        if key is None or not self.kept:
            return None
        return verdicts.recall(self.folder, key, self.log, self.seal)

    def keep(self, memo: Memo) -> None:
        """The verdicts of this run kept for the next, once the index this run made is saved."""
        self.settle()
        verdicts.keep(self.folder, memo, self.log, self.seal)

    # -------------------------------------------------------------- saving

    def save(self, root: Path) -> None:
        """The manifest (files still present), the run's figures; entries nothing uses any more removed."""
        self.stats.seconds = round(time.perf_counter() - self._started, 3)
        dropped = self.manifest.write(root)
        if self.stats.misses or self.stats.damaged or self.stats.hashed or dropped:
            self.prune()

    def prune(self) -> int:
        """Remove the entries no file of the manifest uses (settings or code changed, files edited or gone)."""
        used = self.manifest.entry_keys(self.context)
        used.update(index_entries(self.saved_index.path))  # an index is updated from its documents' parts
        return self.entries.prune(used)


def _summarised(
    rel: str, known: list[Any], load: Callable[[], list[Sentence]]
) -> tuple[Document | Unreadable, int] | None:
    """The lazy document a summary describes and its sentence count; None when the summary is malformed."""
    try:
        return from_summary(rel, known, load)
    except (ValueError, TypeError, IndexError):
        return None
