"""A document's entry: its sentences and index parts as plain values, named by its content and our code.

Decides what an entry holds, how it is named, written and read back. One entry per document, named
by the sha256 of its bytes, its reader and everything that decides how it is read and indexed
(this package's reading and indexing code, :data:`SOURCES`; the neighbour weight): a change to any
of them names every entry anew, so no stale entry is ever read. An entry is two pickles, everything
but the sentences first, so a run reads a document's summary and index parts without its sentences,
and its sentences only when they are wanted; the two under one seal (:mod:`.seal`), bound to the
entry's name. A pickle is unpickled only once its seal verifies: only entries this user's factcheck
wrote on this machine are read, and a planted one is damaged before a byte of it is parsed. Pickle
stays (rather than a plain format) because its seal makes it as safe as any format read after a
MAC, and it is the fastest way CPython has to read lists of tuples back, which is what a warm run
does; the loader still refuses every class and function, a second wall in case of a bug of ours.
:class:`Entries` reads them for one run: one that cannot be read (too large, truncated, planted,
sealed elsewhere, not fitting together) is told once (:class:`~factcheck.cache.stats.Log`) and left
alone until it is rebuilt.
"""

from __future__ import annotations

import hashlib
import io
import pickle
import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from factcheck import __version__
from factcheck.cache.folder import ENTRIES, read, write
from factcheck.cache.limits import MAX_ENTRY_BYTES
from factcheck.cache.seal import HEADER, Seal
from factcheck.cache.stats import Log
from factcheck.corpus import Document, Sentence, parse_document
from factcheck.corpus.model import LazyDocument
from factcheck.corpus.readers import Unreadable
from factcheck.retrieval.parts import F64, I32, U32, DocumentTerms, document_terms
from factcheck.sanitize import visible

FORMAT = 5  # of the entries and the manifest; bump when either changes shape
# the code an entry (and the saved index) depends on, under factcheck/
SOURCES = (
    "corpus",
    "lang",
    "words.py",
    "retrieval/parts.py",
    "retrieval/postings.py",
    "retrieval/update.py",
    "retrieval/saved.py",
    "cache",
)


@lru_cache(maxsize=1)
def fingerprint() -> str:
    """A digest of the version and of the code that reads and indexes documents: a change rebuilds every entry."""
    digest = hashlib.sha256(f"{FORMAT}|{__version__}".encode())
    package = Path(__file__).resolve().parent.parent
    for name in SOURCES:
        target = package / name
        files = sorted(p for p in target.rglob("*") if p.suffix in (".py", ".txt")) if target.is_dir() else [target]
        for path in files:
            digest.update(path.relative_to(package).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def entry_key(sha: str, reader: str, context: float) -> str:
    return hashlib.sha256(f"{fingerprint()}|{reader}|{context!r}|{sha}".encode()).hexdigest()


# ---------------------------------------------------------------- an entry as plain values


_HEX = re.compile(r"[0-9a-f]{66}")
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


def store_entry(rel: str, raw: bytes, context: float, path: Path, seal: Seal) -> tuple[list[Any], str | None]:
    """Build a document's entry and write it (in a worker process when there are many); its summary, and why
    it could not be written (a full disk: the document is read again when its sentences are wanted).

    The parts are not sent back: the index reads them from the entries once every document is
    read, so a first run over an archive does not hold every document's parts while reading.
    """
    entry = build_entry(rel, raw, context)
    try:
        write(path, seal.seal(purpose(path.stem), dumps(entry)))
    except OSError as exc:
        return summary(entry), str(exc.strerror or exc)
    return summary(entry), None


def purpose(key: str) -> str:
    """What an entry's seal is bound to: its name, so that one entry cannot stand in for another."""
    return f"entry:{key}"


def summary(entry: tuple[Any, ...]) -> list[Any]:
    """What a run needs of an entry without its sentences (kept in the manifest): a lazy document's fields."""
    if entry[0] == "unreadable":
        return ["unreadable", entry[1]]
    _, rows, when, when_text, _, notes = entry
    count = rows if isinstance(rows, int) else len(rows)  # a head (read without its sentences) has their count
    return ["document", when, when_text, list(notes), count]


def from_summary(rel: str, found: list[Any], load: Callable[[], list[Sentence]]) -> tuple[Document | Unreadable, int]:
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


def dumps(entry: tuple[Any, ...]) -> bytes:
    """An entry as two pickles: everything but the sentences (their count in their place), then the sentences
    (read only when wanted)."""
    if entry[0] != "document":
        return pickle.dumps(entry, protocol=5)
    return pickle.dumps((entry[0], len(entry[1]), *entry[2:]), protocol=5) + pickle.dumps(entry[1], protocol=5)


def loads(data: bytes | memoryview, sentences: bool = True) -> Any:
    """An entry written by :func:`dumps` (or any pickle of plain values); in place of its sentences their count
    unless they are asked for."""
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


# ---------------------------------------------------------------- one run's reading of the entries


class Entries:
    """The entries in a cache folder as one run reads them: one found damaged is told once, then left alone."""

    def __init__(self, folder: Path, log: Log, seal: Seal):
        self.folder = folder
        self.log = log
        self.seal = seal
        self.bad: set[str] = set()  # entries found damaged this run

    def path(self, key: str) -> Path:
        return self.folder / ENTRIES / key[:2] / f"{key}.pkl"

    def write(self, key: str, entry: tuple[Any, ...]) -> None:
        write(self.path(key), self.seal.seal(purpose(key), dumps(entry)))

    def _damaged(self, key: str, exc: BaseException) -> None:
        self.log.damaged(self.path(key), exc)
        self.bad.add(key)

    def _read(self, key: str) -> memoryview | None:
        """The entry's pickles once its seal verifies; None when it is missing, or damaged (then told)."""
        try:
            return self.seal.open(purpose(key), read(self.path(key), MAX_ENTRY_BYTES + HEADER))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            self._damaged(key, exc)
            return None

    def document(self, key: str, rel: str) -> Document | Unreadable | None:
        """The entry's document; None when it is missing or damaged (then reported)."""
        data = self._read(key)
        if data is None:
            return None
        try:
            doc, _ = from_entry(rel, loads(data))
        except Exception as exc:  # any failure to read an entry means: rebuild it
            self._damaged(key, exc)
            return None
        return doc

    def head(self, key: str) -> list[Any] | None:
        """The summary of the entry ``key`` read without its sentences (they are read when wanted, the parts
        when the index is built: a first run over a folder of copies holds neither); None when it is missing
        or damaged (then reported)."""
        data = self._read(key) if key not in self.bad else None
        if data is None:
            return None
        try:
            head = loads(data, sentences=False)
            _parts_alone(head)
            return summary(head)
        except Exception as exc:  # any failure to read an entry means: rebuild it
            self._damaged(key, exc)
            return None

    def parts(self, key: str) -> DocumentTerms | None:
        """The index parts of the entry ``key``; None when it has none, or is gone or damaged."""
        if key in self.bad:
            return None
        data = self._read(key)
        try:
            return _parts_alone(loads(data, sentences=False)) if data is not None else None
        except Exception as exc:  # the index computes them from the sentences, which rebuild the entry
            self._damaged(key, exc)
            return None

    def prune(self, used: set[str]) -> int:
        """Remove the entries not ``used``; how many."""
        removed = 0
        for path in entry_files(self.folder):
            if path.stem not in used:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def entry_files(folder: Path) -> list[Path]:
    """The entries in a cache folder: ``entries/<2 hex digits>/<64 hex digits>.pkl``, nothing else found there."""
    out = []
    for path in (folder / ENTRIES).glob("*/*.pkl"):
        if _HEX.fullmatch(path.parent.name + path.stem) and path.stem.startswith(path.parent.name):
            out.append(path)
    return out
