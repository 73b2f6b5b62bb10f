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

Entries are pickles of plain values only (tuples, strings, numbers, bytes): the loader
refuses any class, so a planted entry cannot run code. Writes go through a temporary
file and a rename; a lock file (``fcntl.flock``, else an exclusive create) keeps two
runs from updating it at once; an entry or manifest that cannot be read is reported,
rebuilt and overwritten. After a run, entries no file of the manifest uses are removed,
so the folder holds at most one entry per document seen (still on disk), about 3x its text.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import pickle
import shutil
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date
from functools import lru_cache, partial
from itertools import pairwise, repeat
from pathlib import Path
from typing import Any

import numpy as np

from factcheck import __version__
from factcheck.corpus import Corpus, Document, Sentence, load_corpus, parse_document
from factcheck.corpus.load import _read_bytes, read_documents
from factcheck.corpus.model import LazyDocument
from factcheck.corpus.readers import Unreadable, reader_for
from factcheck.files import write_atomic
from factcheck.limits import MAX_DOCUMENT_BYTES
from factcheck.memo import Memo, code_digest
from factcheck.retrieval import saved
from factcheck.retrieval.parts import F64, I32, U32, DocumentTerms, document_terms
from factcheck.retrieval.postings import Arrays, Updater
from factcheck.sanitize import visible

FORMAT = 4  # of the entries and the manifest; bump when either changes shape
FOLDER = ".factcheck"
ENV = "FACTCHECK_CACHE_DIR"
MAX_ENTRY_BYTES = 16 * MAX_DOCUMENT_BYTES  # an entry larger than this is damaged, not read
MAX_MANIFEST_BYTES = 256 * 1024 * 1024
LOCK_WAIT = 600.0  # seconds a run waits for another to finish with the cache, then runs without it
INDEX_LOCK_WAIT = 5.0  # seconds a run waits to save its index while another run holds the cache
RACY_NS = 2_000_000_000  # a file modified this close to being recorded is hashed again next time (as git does)
PARALLEL_DOCUMENTS = 64  # parse in worker processes when at least this many documents are new ...
PARALLEL_BYTES = 2 * 1024 * 1024  # ... and they hold at least this many bytes
BATCH_BYTES = 64 * 1024 * 1024  # new documents' bytes held at once before they are parsed and written
# the code an entry (and the saved index) depends on
SOURCES = (
    "corpus",
    "lang",
    "words.py",
    "retrieval/parts.py",
    "retrieval/postings.py",
    "retrieval/update.py",
    "retrieval/saved.py",
    "cache.py",
)

BuildProgress = Callable[[int, int, int], None]  # documents done, documents in all, sentences so far


def cache_folder(catalogue: Path | None) -> Path:
    """$FACTCHECK_CACHE_DIR, else ``.factcheck/`` beside the catalogue, else in the current folder."""
    named = os.environ.get(ENV)
    if named:
        return Path(named)
    return (catalogue.parent if catalogue is not None else Path(".")) / FOLDER


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A digest of the version and of the code that reads and indexes documents: a change rebuilds every entry."""
    digest = hashlib.sha256(f"{FORMAT}|{__version__}".encode())
    package = Path(__file__).resolve().parent
    for name in SOURCES:
        target = package / name
        files = sorted(p for p in target.rglob("*") if p.suffix in (".py", ".txt")) if target.is_dir() else [target]
        for path in files:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def entry_key(sha: str, reader: str, context: float) -> str:
    return hashlib.sha256(f"{fingerprint()}|{reader}|{context!r}|{sha}".encode()).hexdigest()


# ---------------------------------------------------------------- entries: plain values only


_ARRAYS = ("doc_ids", "doc_counts", "offsets", "ids", "own", "near", "lengths", "df_ids", "df_counts", "positions")


def build_entry(rel: str, raw: bytes, context: float) -> tuple[Any, ...]:
    """A document read, split and indexed, as plain values (run in a worker process when there are many)."""
    try:
        doc = parse_document(rel, raw)
    except Unreadable as exc:
        return ("unreadable", str(exc))
    t = document_terms(doc, context)
    sentences = [(s.text, s.line, s.column, s.evidence, s.section, s.question, s.page) for s in doc.sentences]
    arrays = [getattr(t, name).tobytes() for name in _ARRAYS]
    when = doc.date.isoformat() if doc.date else None
    return (
        "document",
        sentences,
        when,
        doc.date_text,
        (t.context, t.terms, t.words, t.stems, t.lowercase, *arrays),
        [n.removeprefix(doc.path) for n in doc.notes],  # the path is put back on reading: a file renamed
    )


def from_entry(rel: str, entry: tuple[Any, ...]) -> tuple[Document | Unreadable, DocumentTerms | None]:
    """The document (at ``rel``: a renamed file keeps its entry) and its index parts; ValueError when malformed."""
    if entry[0] == "unreadable" and len(entry) == 2 and isinstance(entry[1], str):
        return Unreadable(entry[1]), None
    if entry[0] != "document" or len(entry) != 6:
        raise ValueError("not an entry")
    _, rows, when, when_text, parts, notes = entry
    rel = visible(rel)  # as the uncached reader names it
    sentences = [Sentence(rel, i, *row) for i, row in enumerate(rows)]
    doc = Document(rel, sentences, date.fromisoformat(when) if when else None, when_text, [rel + str(n) for n in notes])
    found = _parts(parts)
    if len(found.positions) != sum(s.evidence for s in sentences):
        raise ValueError("parts do not fit the sentences")
    return doc, found


def _parts(parts: tuple[Any, ...]) -> DocumentTerms:
    """An entry's index parts; ValueError when they do not fit together."""
    context, terms, words, stems, lowercase, *arrays = parts
    kinds: tuple[np.dtype[Any], ...] = (I32, U32, I32, I32, U32, U32, F64, I32, I32, I32)
    named: dict[str, Any] = {name: np.frombuffer(b, dtype=k) for name, b, k in zip(_ARRAYS, arrays, kinds, strict=True)}
    if not all(isinstance(x, str) for x in (terms, words, stems, lowercase)):
        raise ValueError("word lists are not strings")
    found = DocumentTerms(float(context), terms, words, stems, **named, lowercase=lowercase)
    fit = (
        len(found.ids) == len(found.own) == len(found.near)
        and len(found.doc_ids) == len(found.doc_counts)
        and len(found.offsets) == len(found.positions) + 1
        and found.words.count("\n") == found.stems.count("\n")
    )
    if not fit:
        raise ValueError("parts do not fit together")
    return found


def store_entry(rel: str, raw: bytes, context: float, path: Path) -> list[Any]:
    """Build a document's entry and write it (in a worker process when there are many); its summary.

    The parts are not sent back: the index reads them from the entries once every document is
    read, so a first run over an archive does not hold every document's parts while reading.
    """
    entry = build_entry(rel, raw, context)
    _write(path, _dumps(entry))
    return summary(entry)


def summary(entry: tuple[Any, ...]) -> list[Any]:
    """What a run needs of an entry without its sentences (kept in the manifest): a lazy document's fields."""
    if entry[0] == "unreadable":
        return ["unreadable", entry[1]]
    _, rows, when, when_text, _, notes = entry
    count = rows if isinstance(rows, int) else len(rows)  # a head (read without its sentences) has their count
    return ["document", when, when_text, list(notes), count]


def _from_summary(rel: str, found: list[Any], load: Callable[[], list[Sentence]]) -> tuple[Document | Unreadable, int]:
    """The document a manifest summary describes (its sentences read by ``load`` when used), and its sentence count."""
    if found[0] == "unreadable" and len(found) == 2:
        return Unreadable(str(found[1])), 0
    if found[0] != "document" or len(found) != 5:
        raise ValueError("not a summary")
    _, when, when_text, notes, count = found
    if not isinstance(count, int) or count < 0:
        raise ValueError("not a sentence count")
    rel = visible(rel)
    when_date = date.fromisoformat(when) if when else None
    return LazyDocument(rel, load, when_date, when_text, [rel + str(n) for n in notes]), int(count)


class _PlainUnpickler(pickle.Unpickler):
    """Loads tuples, lists, strings, numbers and bytes; refuses every class and function."""

    def find_class(self, module: str, name: str) -> Any:
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in a cache entry")


def _dumps(entry: tuple[Any, ...]) -> bytes:
    """An entry as two pickles: everything but the sentences (their count in their place), then the sentences
    (read only when wanted)."""
    if entry[0] != "document":
        return pickle.dumps(entry, protocol=5)
    return pickle.dumps((entry[0], len(entry[1]), *entry[2:]), protocol=5) + pickle.dumps(entry[1], protocol=5)


def _loads(data: bytes, sentences: bool = True) -> Any:
    """An entry written by :func:`_dumps`; in place of its sentences their count unless they are asked for."""
    stream = io.BytesIO(data)
    head = _PlainUnpickler(stream).load()
    if not isinstance(head, tuple) or not head or head[0] != "document" or not sentences:
        return head
    return (head[0], _PlainUnpickler(stream).load(), *head[2:])


def _parts_alone(entry: tuple[Any, ...]) -> DocumentTerms | None:
    """The index parts of an entry read without its sentences; ValueError when they do not fit together."""
    if entry[0] == "unreadable" and len(entry) == 2:
        return None
    if entry[0] != "document" or len(entry) != 6:
        raise ValueError("not an entry")
    return _parts(entry[4])


def _write(path: Path, data: bytes) -> None:
    """Atomically, without fsync: a lost entry is rebuilt."""
    write_atomic(path, data, sync=False)


# ---------------------------------------------------------------- the lock


@contextmanager
def locked(folder: Path, wait: float = LOCK_WAIT) -> Iterator[bool]:
    """Hold the cache's lock (True), or give up after ``wait`` seconds (False) and run without the cache."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        with _lock_file(folder, wait) as got:
            yield got
        return
    with open(folder / "lock", "a+b") as fh:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    yield False
                    return
                time.sleep(0.05)
        try:
            yield True
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


@contextmanager
def _lock_file(folder: Path, wait: float) -> Iterator[bool]:  # pragma: no cover - Windows
    """Without fcntl: an exclusively created file; one older than ``wait`` is a crashed run's, and taken over."""
    path = folder / "lock.held"
    deadline = time.monotonic() + wait
    while True:
        try:
            os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            break
        except FileExistsError:
            try:
                if time.time() - path.stat().st_mtime > wait:
                    path.unlink(missing_ok=True)
                    continue
            except OSError:
                continue
            if time.monotonic() > deadline:
                yield False
                return
            time.sleep(0.05)
    try:
        yield True
    finally:
        path.unlink(missing_ok=True)


# ---------------------------------------------------------------- the cache


@dataclass
class Stats:
    """What the last run found: documents hit (read from the cache), missed (parsed), damaged entries."""

    documents: int = 0
    hits: int = 0
    misses: int = 0
    hashed: int = 0  # files whose bytes were read to learn their hash (new, touched or renamed)
    damaged: int = 0
    sentences: int = 0
    seconds: float = 0.0


@dataclass
class _Pending:
    index: int
    rel: str
    raw: bytes
    key: str
    path: Path
    root: Path


class Cache:
    """One run's use of the cache folder: :meth:`read` is a ``load_corpus`` reader (see :func:`load_cached`).

    ``kept=False``: a private folder for this run alone (``--no-cache``, :func:`load_afresh`): its
    entries hold the documents' sentences and parts on disk, but no index, verdict or manifest is
    kept, and no lock taken.
    """

    def __init__(self, folder: Path, context: float, progress: BuildProgress | None = None, kept: bool = True):
        self.folder = folder
        self.kept = kept
        self.context = context
        self.progress = progress
        self.stats = Stats()
        self.warnings: list[str] = []
        self.files: dict[str, list[Any]] = {}  # absolute path -> [size, mtime_ns, sha256, reader, trusted, summary]
        self._started = time.perf_counter()
        self._seen: set[str] = set()  # files recorded this run
        self.keys: dict[str, str] = {}  # relative path -> its entry's key, for the documents read this run
        self._rows: dict[str, list[Any]] = {}  # relative path -> its manifest row, this run
        self._bad: set[str] = set()  # entries found damaged this run
        self._counts: dict[str, int] = {}  # lazy documents' sentence counts, for progress
        self._saving: threading.Thread | None = None  # the index being saved

    @property
    def manifest_path(self) -> Path:
        return self.folder / "manifest.json"

    def entry_path(self, key: str) -> Path:
        return self.folder / "entries" / key[:2] / f"{key}.pkl"

    def prepare(self) -> None:
        """The folder, its .gitignore (everything in it) and CACHEDIR.TAG; OSError when it cannot be made."""
        self.folder.mkdir(parents=True, exist_ok=True)
        for name, text in (
            (".gitignore", "# made by factcheck: the cache is never committed\n*\n"),
            (
                "CACHEDIR.TAG",
                "Signature: 8a477f597d28d172789f06886806bc55\n# factcheck's cache (https://bford.info/cachedir/)\n",
            ),
        ):
            if not (self.folder / name).exists():
                _write(self.folder / name, text.encode())

    def read_manifest(self) -> None:
        path = self.manifest_path
        if not path.exists():
            return
        try:
            if path.stat().st_size > MAX_MANIFEST_BYTES:
                raise ValueError(f"larger than {MAX_MANIFEST_BYTES // 2**20} MiB")
            data = json.loads(path.read_bytes())
            if data.get("format") != FORMAT:
                return
            files = data["files"]
            if not isinstance(files, dict) or not all(isinstance(r, list) and len(r) == 6 for r in files.values()):
                raise ValueError("files are not a mapping of rows")
            self.files = files
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            self.stats.damaged += 1
            self.warnings.append(f"{path}: cache manifest damaged ({exc}); rebuilding it")

    # -------------------------------------------------------------- reading

    def read(self, root: Path, files: list[Path]) -> list[Document | Unreadable]:
        """Each file as a document, from its entry where there is one, else parsed (and stored)."""
        out: list[Document | Unreadable | None] = [None] * len(files)
        pending: list[_Pending] = []
        held = 0  # bytes of the pending documents (a running total: summing per file was quadratic)
        for i, path in enumerate(files):
            rel = path.relative_to(root).as_posix()
            got = self._lookup(root, path, rel)
            if isinstance(got, _Pending):
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

    def _lookup(self, root: Path, path: Path, rel: str) -> Document | Unreadable | _Pending:
        """The document from its entry, or what is needed to build one."""
        reader = reader_for(rel)
        try:
            st = path.stat()
        except OSError:
            st = None
        if reader is None or st is None or st.st_size > MAX_DOCUMENT_BYTES:
            return read_documents(root, [path])[0]  # as an uncached run says why
        sha, raw = self._known_sha(path, st.st_size, st.st_mtime_ns), None
        if sha is None:
            try:
                raw = _read_bytes(path, root.resolve())
            except Unreadable as exc:
                return exc
            sha = hashlib.sha256(raw).hexdigest()
            self.stats.hashed += 1
        trusted = time.time_ns() - st.st_mtime_ns > RACY_NS
        where = os.path.abspath(path)
        self._seen.add(where)
        before = self.files.get(where)
        known = before[5] if before and before[2] == sha and before[3] == reader.name else None
        row = self.files[where] = self._rows[rel] = [st.st_size, st.st_mtime_ns, sha, reader.name, trusted, None]
        key = self.keys[rel] = entry_key(sha, reader.name, self.context)
        load = partial(self._sentences, key, rel, path, root)
        got = self._summarised(rel, known, load) if known is not None and self.entry_path(key).is_file() else None
        if got is None:  # an entry made for another file with these bytes, or by an earlier run: read its head
            known = self._head(key)
            got = self._summarised(rel, known, load) if known is not None else None
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
        return _Pending(-1, rel, raw, key, path, root)

    def _known_sha(self, path: Path, size: int, mtime_ns: int) -> str | None:
        row = self.files.get(os.path.abspath(path))
        if row is not None and row[0] == size and row[1] == mtime_ns and row[4] is True and isinstance(row[2], str):
            return row[2]
        return None

    def _read_entry(self, key: str) -> bytes | None:
        path = self.entry_path(key)
        try:
            if path.stat().st_size > MAX_ENTRY_BYTES:
                raise ValueError(f"larger than {MAX_ENTRY_BYTES // 2**20} MiB")
            return path.read_bytes()
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            self._damaged(path, exc)
            self._bad.add(key)
            return None

    def _load(self, key: str, rel: str) -> Document | Unreadable | None:
        """The entry's document; None when it is missing or damaged (then reported)."""
        data = self._read_entry(key)
        if data is None:
            return None
        try:
            doc, _ = from_entry(rel, _loads(data))
        except Exception as exc:  # any failure to read an entry means: rebuild it
            self._damaged(self.entry_path(key), exc)
            self._bad.add(key)
            return None
        return doc

    @staticmethod
    def _summarised(
        rel: str, known: list[Any], load: Callable[[], list[Sentence]]
    ) -> tuple[Document | Unreadable, int] | None:
        """The lazy document a summary describes and its sentence count; None when the summary is malformed."""
        try:
            return _from_summary(rel, known, load)
        except (ValueError, TypeError, IndexError):
            return None

    def _head(self, key: str) -> list[Any] | None:
        """The summary of the entry ``key`` read without its sentences (they are read when wanted, the parts
        when the index is built: a first run over a folder of copies holds neither); None when it is missing
        or damaged (then reported)."""
        data = self._read_entry(key) if key not in self._bad else None
        if data is None:
            return None
        try:
            head = _loads(data, sentences=False)
            _parts_alone(head)
            return summary(head)
        except Exception as exc:  # any failure to read an entry means: rebuild it
            self._damaged(self.entry_path(key), exc)
            self._bad.add(key)
            return None

    def _sentences(self, key: str, rel: str, path: Path, root: Path) -> list[Sentence]:
        """A lazy document's sentences: from its entry; when that is damaged or gone, from the file again."""
        loaded = self._load(key, rel) if key not in self._bad else None
        if isinstance(loaded, Document):
            return loaded.sentences
        try:
            entry = build_entry(rel, _read_bytes(path, root.resolve()), self.context)
        except Unreadable as exc:
            self.warnings.append(f"{visible(rel)}: {exc}; its sentences are left out")
            return []
        with contextlib.suppress(OSError):  # a full disk: the entry is written again next time
            _write(self.entry_path(key), _dumps(entry))
        doc, _ = from_entry(rel, entry)
        return doc.sentences if isinstance(doc, Document) else []

    def parts(self, path: str) -> DocumentTerms | None:
        """A document's index parts, read from its entry (None when it has none, or it is gone or damaged)."""
        key = self.keys.get(path)
        return None if key is None else self._parts_of(key)

    def _parts_of(self, key: str) -> DocumentTerms | None:
        """The index parts of the entry ``key``; None when it has none, or is gone or damaged."""
        if key in self._bad:
            return None
        data = self._read_entry(key)
        try:
            return _parts_alone(_loads(data, sentences=False)) if data is not None else None
        except Exception as exc:  # the index computes them from the sentences, which rebuild the entry
            self._damaged(self.entry_path(key), exc)
            self._bad.add(key)
            return None

    def _damaged(self, path: Path, exc: BaseException) -> None:
        self.stats.damaged += 1
        reason = str(exc) or type(exc).__name__
        self.warnings.append(f"{path}: cache entry damaged ({reason[:200]}); rebuilt")

    def _build(self, pending: list[_Pending], out: list[Document | Unreadable | None], total: int) -> None:
        """Parse the new documents (in worker processes when there are many), store and keep them."""
        if not pending:
            return
        rels, raws = [p.rel for p in pending], [p.raw for p in pending]
        paths = [self.entry_path(p.key) for p in pending]
        if len(pending) >= PARALLEL_DOCUMENTS and sum(map(len, raws)) >= PARALLEL_BYTES and (os.cpu_count() or 1) > 1:
            with ProcessPoolExecutor() as pool:
                built = list(pool.map(store_entry, rels, raws, repeat(self.context), paths, chunksize=8))
        else:
            built = [store_entry(r, b, self.context, e) for r, b, e in zip(rels, raws, paths, strict=True)]
        for p, found in zip(pending, built, strict=True):
            p.raw = b""
            self._record(p.rel, found)
            doc, count = _from_summary(p.rel, found, partial(self._sentences, p.key, p.rel, p.path, p.root))
            out[p.index] = doc
            self.stats.misses += 1
            self._counts[doc.path if isinstance(doc, Document) else p.rel] = count
            self._advance(doc, total)

    def _record(self, rel: str, found: list[Any]) -> None:
        """The entry's summary in the manifest row of the file at ``rel`` (read this run)."""
        self._rows[rel][5] = found

    def _advance(self, got: Document | Unreadable, total: int) -> None:
        if isinstance(got, Document):
            count = self._counts.pop(got.path, None)
            self.stats.sentences += len(got.sentences) if count is None else count
        if self.progress is not None:
            self.progress(self.stats.hits + self.stats.misses, total, self.stats.sentences)

    # -------------------------------------------------------------- the index

    @property
    def index_path(self) -> Path:
        return self.folder / "index"

    def _documents_key(self, settings: str, documents: list[str]) -> str | None:
        """A digest of the documents' entries (paths and contents, in order) and settings; None if one has none."""
        if not all(path in self.keys for path in documents):
            return None  # documents from elsewhere (URL snapshots): not kept
        digest = hashlib.sha256(f"{fingerprint()}|{settings}".encode())
        for path in documents:
            digest.update(f"\0{path}\0{self.keys[path]}".encode())
        return digest.hexdigest()

    def _made_with(self, settings: str) -> str:
        """What an index must have been made with to be updated rather than made again."""
        return hashlib.sha256(f"{fingerprint()}|{settings}".encode()).hexdigest()

    def index(self, settings: str, documents: list[str], make: Callable[[], Arrays], update: Updater) -> Arrays:
        """The saved index when it was made from these documents' entries with these settings; else the saved
        one updated, when it was made from most of them; else made. Saved for next time (by a thread:
        :meth:`settle` waits for it)."""
        key = self._documents_key(settings, documents)
        if key is None or not self.kept:
            return make()
        base, made_of = self._saved()
        if base is not None and made_of.get("key") == key:
            return base  # the documents and settings it was made from are these
        arrays = self._updated(settings, documents, update, base, made_of) if base is not None else None
        if arrays is None:
            arrays = make()
        made_of = {
            "key": key,
            "with": self._made_with(settings),
            "documents": [[path, self.keys[path]] for path in documents],
        }
        self._saving = threading.Thread(target=self._save_index, args=(arrays, key, made_of), name="factcheck-index")
        self._saving.start()  # written while claims are judged
        return arrays

    def _saved(self) -> tuple[Arrays | None, dict[str, Any]]:
        """The saved index (memory-mapped: it stays whole if a later save replaces the folder) and what it was
        made of, read together under the lock, so that a save in between cannot pair one with another's."""
        with locked(self.folder, wait=INDEX_LOCK_WAIT) as held:
            found = saved.saved_key(self.index_path)
            if not held or found is None:
                return None, {}  # nothing saved; or another run is saving one: this run makes its own
            told = saved.made_of(self.index_path)
            try:
                base = saved.load(self.index_path)
            except Exception as exc:  # any failure to read the index means: rebuild it
                self._damaged(self.index_path, exc)
                return None, {}
        return base, {**(told if isinstance(told, dict) else {}), "key": found}

    def settle(self) -> None:
        """Wait for the index this run made to be saved."""
        if self._saving is not None:
            self._saving.join()
            self._saving = None

    def _save_index(self, arrays: Arrays, key: str, made_of: dict[str, Any]) -> None:
        with locked(self.folder, wait=INDEX_LOCK_WAIT) as held:
            if held:  # else another run is saving one: this run's is used, not kept
                try:
                    saved.save(arrays, self.index_path, key, made_of)
                except Exception as exc:  # a thread's failure is a warning of the run, not a traceback
                    reason = getattr(exc, "strerror", None) or exc
                    self.warnings.append(f"{self.folder}: cannot save the index ({reason})")

    def _updated(
        self, settings: str, documents: list[str], update: Updater, base: Arrays, told: dict[str, Any]
    ) -> Arrays | None:
        """The saved index updated to these documents; None when it was made otherwise, or from too few of them."""
        if told.get("with") != self._made_with(settings):
            return None
        try:
            before = [(str(path), str(key)) for path, key in told["documents"]]
        except (KeyError, TypeError, ValueError):
            return None
        plan = changes(before, [(path, self.keys[path]) for path in documents])
        if plan is None:
            return None
        kept, gone = plan
        removed = {}
        for j in gone:
            part = self._parts_of(before[j][1])
            if part is None:
                return None
            removed[j] = part
        try:
            return update(base, kept, removed)
        except Exception as exc:  # parts that do not fit the index it was saved with: build it again
            self._damaged(self.index_path, exc)
            return None

    # -------------------------------------------------------------- verdicts

    @property
    def verdicts_path(self) -> Path:
        return self.folder / "verdicts.pkl"

    def verdicts(self, settings: str, documents: list[str]) -> Memo | None:
        """The verdicts kept by earlier runs, for claims judged against these documents with these settings."""
        key = self._documents_key(settings, documents)
        if key is None or not self.kept:
            return None
        kept: Any = {}
        try:
            if self.verdicts_path.stat().st_size > MAX_MANIFEST_BYTES:
                raise ValueError(f"larger than {MAX_MANIFEST_BYTES // 2**20} MiB")
            kept = _loads(self.verdicts_path.read_bytes())
            if not isinstance(kept, dict):
                raise ValueError("not a mapping")
        except FileNotFoundError:
            pass
        except Exception as exc:  # any failure to read them means: judge again
            self._damaged(self.verdicts_path, exc)
            kept = {}
        return Memo(f"{code_digest()}|{key}", kept)

    def keep(self, memo: Memo) -> None:
        """The verdicts of this run kept for the next, once the index this run made is saved."""
        self.settle()
        if not memo.used or memo.recalled == len(memo.used) == len(memo.kept):
            return  # nothing new to keep
        with locked(self.folder, wait=INDEX_LOCK_WAIT) as held:
            if held:
                try:
                    _write(self.verdicts_path, pickle.dumps(memo.to_keep(), protocol=5))
                except OSError as exc:
                    self.warnings.append(f"{self.folder}: cannot save the verdicts ({exc.strerror or exc})")

    # -------------------------------------------------------------- saving

    def save(self, root: Path) -> None:
        """The manifest (files still present), the run's figures; entries nothing uses any more removed."""
        self.stats.seconds = round(time.perf_counter() - self._started, 3)
        prefix = os.path.abspath(root) + os.sep
        before = len(self.files)
        self.files = {p: r for p, r in self.files.items() if not p.startswith(prefix) or p in self._seen}
        data = {"format": FORMAT, "files": self.files, "last_run": asdict(self.stats)}
        _write(self.manifest_path, json.dumps(data, separators=(",", ":")).encode())
        if self.stats.misses or self.stats.damaged or self.stats.hashed or len(self.files) < before:
            self.prune()

    def prune(self) -> int:
        """Remove the entries no file of the manifest uses (settings or code changed, files edited or gone)."""
        used = {entry_key(r[2], r[3], self.context) for r in self.files.values()}
        used.update(_index_entries(self.index_path))  # an index is updated from its documents' parts
        removed = 0
        for path in (self.folder / "entries").glob("*/*.pkl"):
            if path.stem not in used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


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


def _index_entries(folder: Path) -> set[str]:
    """The entries the saved index in ``folder`` was made from."""
    told = saved.made_of(folder)
    try:
        return {str(key) for _, key in told["documents"]} if isinstance(told, dict) else set()
    except (KeyError, TypeError, ValueError):
        return set()


def load_cached(
    root: Path, folder: Path, context: float, allow_empty: bool = False, progress: BuildProgress | None = None
) -> Corpus:
    """``load_corpus`` through the cache in ``folder``; without it (a warning says why) when it cannot be used."""
    cache = Cache(folder, context, progress)
    try:
        cache.prepare()
    except OSError as exc:
        corpus = load_corpus(root, allow_empty)
        corpus.warnings.append(f"{folder}: cannot use the cache ({exc.strerror or exc}); reading every document")
        return corpus
    with locked(folder) as held:
        if not held:
            corpus = load_corpus(root, allow_empty)
            corpus.warnings.append(f"{folder}: the cache is busy (another run holds it); reading every document")
            return corpus
        cache.read_manifest()
        corpus = load_corpus(root, allow_empty, read=cache.read)
        try:
            cache.save(root)
        except OSError as exc:
            cache.warnings.append(f"{folder}: cannot update the cache ({exc.strerror or exc})")
    return _kept_by(corpus, cache)


def load_afresh(root: Path, context: float, allow_empty: bool = False, progress: BuildProgress | None = None) -> Corpus:
    """``--no-cache``: every document read and split again, through a temporary folder of this run's own.

    The entries go there, as a first cached run's do, so the run holds each document's
    sentences only while it uses them, not all of them at once; the folder is removed when the
    corpus is let go of, or the process ends. Nothing is read from or written to the cache.
    Where no temporary folder can be made or written (a full disk), the documents are held
    in memory instead, with a warning.
    """
    try:
        folder = _scratch_folder()
        cache = Cache(folder, context, progress, kept=False)
        weakref.finalize(cache, _remove_scratch, folder, os.getpid())  # with the cache, or at exit
        corpus = load_corpus(root, allow_empty, read=cache.read)
    except OSError as exc:
        corpus = load_corpus(root, allow_empty)
        where = tempfile.gettempdir()
        corpus.warnings.append(
            f"{where}: cannot hold the documents there ({exc.strerror or exc}); reading them into memory"
        )
        return corpus
    return _kept_by(corpus, cache)


def _kept_by(corpus: Corpus, cache: Cache) -> Corpus:
    """The corpus with the cache that read it as its store: the cache's warnings first, and what it warns of
    later (an index damaged or not saved) reported with the rest. Every lazy document's loader holds the
    cache, so its folder stays while one is used."""
    corpus.warnings.extend(cache.warnings)
    cache.warnings = corpus.warnings
    corpus.store = cache
    return corpus


SCRATCH_PREFIX = "factcheck-"  # then the process id: factcheck-1234-k2j3h4
SCRATCH_MARK = "factcheck-no-cache"  # a file in each such folder: only these are ever swept
SCRATCH_STALE = 3600.0  # seconds: a folder of a process no longer running, untouched this long, is swept


def _scratch_folder() -> Path:
    """A new private folder in $TMPDIR named for this process; first, the folders of runs that were killed
    (SIGKILL, out of memory, SIGTERM) and so could not remove theirs are removed."""
    _sweep_scratch(Path(tempfile.gettempdir()))
    folder = Path(tempfile.mkdtemp(prefix=f"{SCRATCH_PREFIX}{os.getpid()}-"))
    (folder / SCRATCH_MARK).write_bytes(b"")
    return folder


def _sweep_scratch(root: Path) -> None:
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


def _remove_scratch(folder: Path, owner: int) -> None:
    """Remove a --no-cache folder, in the process that made it only (a forked worker that lets go of its copy
    of the corpus must not remove the folder its parent still reads)."""
    if os.getpid() == owner:
        shutil.rmtree(folder, ignore_errors=True)


def _size(folder: Path) -> tuple[int, int]:
    """Entries and bytes under the folder."""
    entries = list((folder / "entries").glob("*/*.pkl"))
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
        data = json.loads((folder / "manifest.json").read_bytes())
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
    items = saved.saved_items(folder / "index")
    if items is not None:
        out.append(f"index: {items} evidence sentences, kept for the documents of the last run")
    try:
        kept = _loads((folder / "verdicts.pkl").read_bytes())
        out.append(f"verdicts: {len(kept)} remembered")
    except Exception:  # none, or damaged: the next run says so
        pass
    return out


_OURS = {".gitignore": b"# made by factcheck", "CACHEDIR.TAG": b"Signature: 8a477f597d28d172789f06886806bc55"}


def clear(folder: Path) -> int | None:
    """``factcheck cache clear``: remove what the cache wrote (and nothing else); the entries removed, None if none."""
    if not folder.is_dir():
        return None
    removed = 0
    with locked(folder, wait=30.0):
        for path in sorted((folder / "entries").rglob("*"), reverse=True):
            if path.is_dir():
                path.rmdir()
            else:
                removed += path.suffix == ".pkl"
                path.unlink(missing_ok=True)
        if (folder / "entries").is_dir():
            (folder / "entries").rmdir()
        for path in [folder / "index", *folder.glob(".tmp-*"), *folder.glob(".old-*")]:
            if path.is_dir():
                shutil.rmtree(path)
        (folder / "manifest.json").unlink(missing_ok=True)
        (folder / "verdicts.pkl").unlink(missing_ok=True)
        for name, mark in _OURS.items():
            path = folder / name
            if path.is_file() and path.read_bytes().startswith(mark):
                path.unlink()
    (folder / "lock").unlink(missing_ok=True)
    if not any(folder.iterdir()):
        folder.rmdir()
    return removed
