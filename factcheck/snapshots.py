"""Snapshots of cited URLs: the lock file beside the catalogue and the files it names.

``factcheck fetch`` writes them; ``verify``, ``conflicts`` and ``lint`` read them and never
touch the network. The lock file (``sources.lock.yaml``) records, per URL, the final URL
after redirects, when it was fetched, its content type, HTTP status, sha256 and size, and
the snapshot file (under ``.snapshots/``, a hidden folder, so a documents folder that holds
the catalogue does not read it twice). A snapshot reads as a document whose path is its URL
and whose date is the day it was fetched.

A pull request can edit the lock file, so it is read strictly (every field checked, its line
named when one is wrong) and every file it names must lie inside the project
(:mod:`factcheck.confine`). Whether a snapshot can be used is decided once,
:func:`read_snapshot`, for ``verify`` and ``fetch`` alike.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from factcheck.confine import Project, way_out
from factcheck.corpus.load import parse_document
from factcheck.corpus.model import Document
from factcheck.corpus.readers import Unreadable, reader_for_type
from factcheck.errors import FactcheckError
from factcheck.files import Unfit, read_regular, write_atomic
from factcheck.limits import MAX_DOCUMENT_BYTES, MAX_LOCK_BYTES
from factcheck.sanitize import one_line

LOCK_NAME = "sources.lock.yaml"
SNAPSHOT_DIR = ".snapshots"
FETCHED_TYPES = ("text/html", "application/xhtml+xml", "application/pdf")  # what 'fetch' accepts
LOCK_HEADER = "# Written by 'factcheck fetch': one entry per cited URL. Commit it with .snapshots/.\n"
REFETCH = "delete the entry (or the lock file) and run 'factcheck fetch' again"
_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)")  # as fetch writes it, every Python reads it
_SHA256 = re.compile(r"[0-9a-f]{64}")


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


FIELDS: dict[str, type] = {name: int if kind == "int" else str for name, kind in Entry.__annotations__.items()}


class Unusable(Exception):
    """Why a snapshot cannot be read (one line): missing, not a regular file, too large, unreadable."""


@dataclass
class Lock:
    path: Path
    entries: dict[str, Entry]
    project: Project | None = None  # where its files may lie (None: a lock made in memory, anywhere)
    lines: dict[str, int] = field(default_factory=dict)  # each URL's entry's line in the file

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


# ------------------------------------------------------------------- reading the lock file


def _damaged(path: Path, at: Any, what: str) -> FactcheckError:
    """The lock file is bad input, at the line of ``at`` (a node, a mark, or None)."""
    mark = getattr(at, "start_mark", at)
    line = mark.line + 1 if mark is not None else None
    return FactcheckError(f"lock file is damaged: {what}", str(path), line, hint=REFETCH)


def _lock_text(path: Path, project: Project) -> str | None:
    """The lock file's text, None when there is none; a link out of the project, a FIFO or a device refused."""
    refused = project.refusal(path) if path.is_symlink() else None
    if refused is not None:
        raise FactcheckError(f"the lock file is {refused}", str(path), hint=way_out(refused, REFETCH))
    if not path.exists():
        return None
    try:
        return read_regular(path, MAX_LOCK_BYTES).decode("utf-8")
    except Unfit as exc:
        raise FactcheckError(f"the lock file is {exc}", str(path), hint=REFETCH) from None
    except UnicodeDecodeError:
        raise _damaged(path, None, "not UTF-8") from None
    except OSError as exc:
        raise FactcheckError(f"cannot read the lock file ({exc.strerror})", str(path)) from None


def _check_shape(path: Path, text: str) -> None:
    """No anchors or aliases, and no deeper than the lock's own three levels (read lazily, event by event)."""
    depth = 0
    for event in yaml.parse(text, Loader=yaml.SafeLoader):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise _damaged(path, event.start_mark, "YAML anchors and aliases are not written by 'factcheck fetch'")
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > 3:
                raise _damaged(path, event.start_mark, "nested deeper than 'sources:', a list, an entry")
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _entry_nodes(path: Path, text: str) -> list[yaml.MappingNode]:
    try:
        _check_shape(path, text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        what = f"YAML syntax error: {exc.problem or exc.context}"
        raise _damaged(path, exc.problem_mark or exc.context_mark, what) from None
    except yaml.YAMLError as exc:
        raise _damaged(path, None, f"YAML error: {type(exc).__name__}") from None
    if root is None:
        return []
    if not isinstance(root, yaml.MappingNode) or [k.value for k, _ in root.value] != ["sources"]:
        raise _damaged(path, root, "the lock file holds one key, 'sources:'")
    sources = root.value[0][1]
    if isinstance(sources, yaml.ScalarNode) and sources.tag.endswith(":null"):
        return []
    if not isinstance(sources, yaml.SequenceNode) or not all(isinstance(n, yaml.MappingNode) for n in sources.value):
        raise _damaged(path, sources, "'sources:' is a list of entries, each with url, file, fetched...")
    return list(sources.value)


def _value(path: Path, key: str, node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode):
        raise _damaged(path, node, f"'{key}' is not a single value")
    value = yaml.constructor.SafeConstructor().construct_object(node)
    want = FIELDS[key]
    if type(value) is not want or (want is str and not value):
        kind = "a whole number" if want is int else "text"
        raise _damaged(path, node, f"'{key}' must be {kind}, not {one_line(str(node.value))[:40]!r}")
    if isinstance(value, str) and one_line(value) != value:
        raise _damaged(path, node, f"'{key}' holds a control character or a line break")
    return value


def _entry(path: Path, node: yaml.MappingNode) -> Entry:
    values: dict[str, Any] = {}
    for key_node, value_node in node.value:
        key = str(key_node.value)
        if key not in FIELDS or key in values:
            raise _damaged(path, key_node, f"{'unknown' if key not in FIELDS else 'repeated'} key {one_line(key)!r}")
        values[key] = _value(path, key, value_node)
    missing = [k for k in FIELDS if k not in values]
    if missing:
        raise _damaged(path, node, f"an entry has no '{missing[0]}'")
    entry = Entry(**values)
    problem = _field_problem(entry)
    if problem is not None:
        raise _damaged(path, node, problem)
    return entry


def _field_problem(entry: Entry) -> str | None:
    """What is wrong with an entry's values, each of the right type."""
    if not entry.url.lower().startswith(("http://", "https://")):
        return f"'url' is not an http(s) URL: {entry.url[:60]!r}"
    if not _TIME.fullmatch(entry.fetched):
        return f"'fetched' is not a time such as 2025-11-24T09:12:03Z: {entry.fetched[:40]!r}"
    try:
        _ = entry.fetched_at
    except ValueError:
        return f"'fetched' is not a time of the calendar: {entry.fetched!r}"
    if entry.content_type not in FETCHED_TYPES:
        return f"'content_type' is not one 'factcheck fetch' keeps: {entry.content_type[:40]!r}"
    if not 100 <= entry.status <= 599 or entry.bytes < 0:
        return "'status' is not an HTTP status" if not 100 <= entry.status <= 599 else "'bytes' is below 0"
    if not _SHA256.fullmatch(entry.sha256):
        return "'sha256' is not 64 hexadecimal digits"
    return None


def read_lock(path: Path, project: Project) -> Lock:
    """The lock file (an empty lock when there is none), every entry checked; a damaged one, or one
    naming a file outside ``project``, is bad input with its line."""
    text = _lock_text(path, project)
    lock = Lock(path, {}, project)
    for node in _entry_nodes(path, text) if text else []:
        entry = _entry(path, node)
        line = node.start_mark.line + 1
        if entry.url in lock.entries:
            raise _damaged(path, node, f"{entry.url} is listed twice (first on line {lock.lines[entry.url]})")
        refused = project.refusal(lock.folder / entry.file)
        if refused is not None:
            raise FactcheckError(
                f"the snapshot file '{entry.file}' of {entry.url} is {refused}",
                str(path),
                line,
                hint=way_out(refused, REFETCH),
            )
        lock.entries[entry.url] = entry
        lock.lines[entry.url] = line
    return lock


# ------------------------------------------------------------------- reading the snapshots


def read_snapshot(lock: Lock, entry: Entry) -> Document:
    """The snapshot of ``entry`` as a document (its path still the file's name); :class:`Unusable`
    says why not. ``verify`` warns and ``fetch`` downloads again on the same answer."""
    file = lock.folder / entry.file
    name = one_line(entry.file)
    refused = lock.project.refusal(file) if lock.project is not None else None
    if refused is not None:  # linked out since the lock was read
        raise Unusable(f"snapshot {name} is {refused}")
    try:
        raw = read_regular(file, MAX_DOCUMENT_BYTES)
    except FileNotFoundError:
        raise Unusable(f"snapshot {name} is missing") from None
    except OSError as exc:
        raise Unusable(f"snapshot {name} cannot be read ({exc.strerror})") from None
    except Unfit as exc:
        raise Unusable(f"snapshot {name} is {exc}") from None
    try:
        return parse_document(file.name, raw)
    except Unreadable as exc:
        raise Unusable(f"snapshot {name} cannot be read: {exc}") from None


def snapshot_documents(lock: Lock, urls: list[str]) -> tuple[list[Document], dict[str, str]]:
    """The snapshots of ``urls`` as documents (path: the URL; date: the day it was fetched), and
    why each of the others that has an entry cannot be read."""
    documents: list[Document] = []
    unusable: dict[str, str] = {}
    for url in urls:
        entry = lock.entries.get(url)
        if entry is None:
            continue
        try:
            doc = read_snapshot(lock, entry)
        except Unusable as exc:
            unusable[url] = str(exc)
            continue
        for sentence in doc.sentences:
            sentence.doc = url
        doc.path = url
        doc.date = entry.fetched_at.date()
        doc.date_text = f"snapshot of {doc.date.isoformat()}"
        documents.append(doc)
    return documents, unusable
