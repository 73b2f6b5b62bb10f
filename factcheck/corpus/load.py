"""Loading a folder of documents: find the files, read each with its reader, split it."""

from __future__ import annotations

import bisect
from collections.abc import Callable
from pathlib import Path

from factcheck.corpus.dates import document_date
from factcheck.corpus.model import Corpus, Document, Sentence
from factcheck.corpus.readers import Unreadable, reader_for, suffixes
from factcheck.corpus.sentences import is_furniture, is_question, split_spans
from factcheck.errors import FactcheckError

MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
Reading = Callable[[Path, list[Path]], "list[Document | Unreadable]"]


def parse_document(rel: str, raw: bytes | str) -> Document:
    """Read one document with the reader of its suffix and split it into sentences."""
    reader = reader_for(rel)
    if reader is None:
        raise Unreadable(f"no reader for this kind of file (known: {', '.join(suffixes())})")
    extracted = reader.read(raw.encode("utf-8") if isinstance(raw, str) else raw)
    text, positions = extracted.text, extracted.positions
    starts = [offset for offset, _ in extracted.sections]
    sentences: list[Sentence] = []
    for s, e in split_spans(text):
        line, column = positions.locate(s)
        body = " ".join(text[s:e].split())
        under = bisect.bisect_right(starts, s) - 1
        section = extracted.sections[under][1] if under >= 0 and extracted.sections[under][0] < s else None
        page = bisect.bisect_right(extracted.pages, s) or None if extracted.pages else None
        sentences.append(Sentence(rel, len(sentences), body, line, column, evidence=not is_furniture(body),
                                  section=section, page=page, question=is_question(body)))
    when, when_text = document_date(text)
    return Document(rel, sentences, when, when_text)


def find_files(root: Path) -> list[Path]:
    """Readable files under ``root``, recursively; hidden files and folders left out."""
    known = suffixes()
    return sorted(
        p for p in root.rglob("*")
        if p.is_file() and p.suffix.lower() in known
        and not any(part.startswith(".") for part in p.relative_to(root).parts)
    )


def read_documents(root: Path, files: list[Path]) -> list[Document | Unreadable]:
    """Each file read and split, in order; an unreadable one as the reason why."""
    out: list[Document | Unreadable] = []
    for path in files:
        rel = path.relative_to(root).as_posix()
        try:
            out.append(parse_document(rel, _read_bytes(path, rel)))
        except Unreadable as exc:
            out.append(exc)
    return out


def load_corpus(root: Path, allow_empty: bool = False, read: Reading = read_documents) -> Corpus:
    """Read every document under ``root``; unreadable ones become warnings.

    ``allow_empty``: a folder with no documents is not an error (the caller has others, e.g. snapshots).
    ``read``: how the files become documents (:func:`read_documents`, or the cache's).
    """
    if not root.exists():
        raise FactcheckError("documents folder not found", str(root))
    if not root.is_dir():
        raise FactcheckError("documents path is not a folder", str(root))
    files = find_files(root)
    if not files and allow_empty:
        return Corpus(root, [], [])
    if not files:
        raise FactcheckError(f"no documents found ({', '.join(suffixes())})", str(root),
                             hint="put the source documents there")
    warnings: list[str] = []
    documents = []
    for path, got in zip(files, read(root, files), strict=True):
        if isinstance(got, Unreadable):
            warnings.append(f"{path.relative_to(root).as_posix()}: skipped, {got}")
        else:
            documents.append(got)
    if not documents:
        raise FactcheckError("no readable documents", str(root), hint="; ".join(warnings) or None)
    return Corpus(root, documents, warnings)


def _read_bytes(path: Path, rel: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise Unreadable(f"larger than {MAX_DOCUMENT_BYTES // (1024 * 1024)} MiB")
        return path.read_bytes()
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror})") from None
