"""Snapshots of cited URLs: the lock file beside the catalogue and the files it names.

``factcheck fetch`` writes them; ``verify``, ``conflicts`` and ``lint`` read them and never
touch the network. The lock file (``sources.lock.yaml``) records, per URL, the final URL
after redirects, when it was fetched, its content type, HTTP status, sha256 and size, and
the snapshot file (under ``.snapshots/``, a hidden folder, so a documents folder that holds
the catalogue does not read it twice). A snapshot reads as a document whose path is its URL
and whose date is the day it was fetched.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

import yaml

from factcheck.corpus.load import parse_document
from factcheck.corpus.model import Document
from factcheck.corpus.readers import Unreadable, reader_for_type
from factcheck.errors import FactcheckError
from factcheck.files import write_atomic

LOCK_NAME = "sources.lock.yaml"
SNAPSHOT_DIR = ".snapshots"
FETCHED_TYPES = ("text/html", "application/xhtml+xml", "application/pdf")  # what 'fetch' accepts
LOCK_HEADER = "# Written by 'factcheck fetch': one entry per cited URL. Commit it with .snapshots/.\n"


def is_url(source: str) -> bool:
    return "://" in source or source.lower().startswith(("file:", "data:", "javascript:"))


@dataclass
class Entry:
    url: str
    final_url: str
    fetched: str  # ISO 8601, UTC
    content_type: str
    status: int
    sha256: str
    bytes: int
    file: str  # relative to the lock file's folder

    @property
    def fetched_at(self) -> datetime:
        return datetime.fromisoformat(self.fetched.replace("Z", "+00:00"))


@dataclass
class Lock:
    path: Path
    entries: dict[str, Entry]

    @property
    def folder(self) -> Path:
        return self.path.parent

    def snapshot_path(self, url: str, content_type: str) -> Path:
        reader = reader_for_type(content_type)
        suffix = reader.suffixes[0] if reader is not None else ".bin"
        name = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16] + suffix
        return self.folder / SNAPSHOT_DIR / name

    def save(self) -> None:
        data = {"sources": [asdict(e) for e in sorted(self.entries.values(), key=lambda e: e.url)]}
        write_atomic(self.path, (LOCK_HEADER + yaml.safe_dump(data, sort_keys=False)).encode("utf-8"))


def lock_path(catalogue_path: Path) -> Path:
    return catalogue_path.parent / LOCK_NAME


def read_lock(path: Path) -> Lock:
    """The lock file (an empty lock when there is none); a damaged one is bad input."""
    if not path.exists():
        return Lock(path, {})
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        entries = {}
        for item in data.get("sources", []):
            entry = Entry(**item)
            entries[entry.url] = entry
    except (yaml.YAMLError, TypeError, AttributeError, UnicodeDecodeError) as exc:
        raise FactcheckError(
            f"lock file is damaged ({type(exc).__name__})", str(path), hint="delete it and run 'factcheck fetch' again"
        ) from None
    return Lock(path, entries)


def snapshot_documents(lock: Lock, urls: list[str]) -> tuple[list[Document], list[str]]:
    """The snapshots of ``urls`` as documents (path: the URL; date: the day it was fetched)."""
    documents: list[Document] = []
    warnings: list[str] = []
    for url in urls:
        entry = lock.entries.get(url)
        if entry is None:
            continue
        file = lock.folder / entry.file
        try:
            raw = file.read_bytes()
            doc = parse_document(file.name, raw)
        except OSError:
            warnings.append(f"{url}: snapshot {entry.file} is missing; run 'factcheck fetch'")
            continue
        except Unreadable as exc:
            warnings.append(f"{url}: skipped, {exc}")
            continue
        for sentence in doc.sentences:
            sentence.doc = url
        doc.path = url
        doc.date = entry.fetched_at.date()
        doc.date_text = f"snapshot of {doc.date.isoformat()}"
        documents.append(doc)
    return documents, warnings
