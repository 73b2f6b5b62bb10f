"""Loading a folder of documents: find the files, read each with its reader, split it."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from pathlib import Path

from factcheck.corpus.dates import document_date
from factcheck.corpus.model import Corpus, Document, Sentence
from factcheck.corpus.readers import Unreadable, reader_for, suffixes
from factcheck.corpus.sentences import bounded_spans, is_furniture, is_question, split_spans
from factcheck.corpus.walk import inside, read_regular, scan
from factcheck.errors import FactcheckError
from factcheck.lang import ENGLISH, Language
from factcheck.limits import MAX_CORPUS_BYTES, MAX_DOCUMENT_BYTES, MAX_NUMBERS_PER_SENTENCE, MAX_SENTENCE_CHARS
from factcheck.sanitize import visible

_DIGITS = re.compile(r"\d+")
Reading = Callable[[Path, list[Path]], "list[Document | Unreadable]"]


def parse_document(rel: str, raw: bytes | str, language: Language = ENGLISH) -> Document:
    """Read one document with the reader of its suffix and split it into sentences (of ``language``)."""
    return read_document(rel, raw, language)[0]


def read_document(rel: str, raw: bytes | str, language: Language = ENGLISH) -> tuple[Document, list[str]]:
    """:func:`parse_document`, and warnings for the bounds it met (sentence length, numbers).

    Control characters are replaced one for one (``factcheck.sanitize``), so positions hold.
    """
    reader = reader_for(rel)
    if reader is None:
        raise Unreadable(f"no reader for this kind of file (known: {', '.join(suffixes())})")
    rel = visible(rel)
    extracted = reader.read(raw.encode("utf-8") if isinstance(raw, str) else raw)
    text, positions = visible(extracted.text), extracted.positions
    spans, cut = bounded_spans(text, split_spans(text, language), MAX_SENTENCE_CHARS)
    warnings = (
        [
            f"{rel}:{positions.locate(cut[0])[0]}: a sentence of {cut[1]:,} characters cut into pieces of at most "
            f"{MAX_SENTENCE_CHARS:,} (a table of contents, or a list without full stops?)"
        ]
        if cut
        else []
    )
    warnings[:0] = [f"{rel}: {note}" for note in extracted.notes]
    starts = [offset for offset, _ in extracted.sections]
    sentences: list[Sentence] = []
    for s, e in spans:
        line, column = positions.locate(s)
        body = " ".join(text[s:e].split())
        under = bisect.bisect_right(starts, s) - 1
        section = extracted.sections[under][1] if under >= 0 and extracted.sections[under][0] < s else None
        page = bisect.bisect_right(extracted.pages, s) or None if extracted.pages else None
        sentences.append(
            Sentence(
                rel,
                len(sentences),
                body,
                line,
                column,
                evidence=not is_furniture(body, language),
                section=section,
                page=page,
                question=is_question(body, language),
            )
        )
    crowded = next((s for s in sentences if _too_many_numbers(s.text)), None)
    if crowded is not None:
        warnings.append(
            f"{rel}:{crowded.line}: a sentence with more than {MAX_NUMBERS_PER_SENTENCE} numbers; "
            f"only the first {MAX_NUMBERS_PER_SENTENCE} are read"
        )
    when, when_text = document_date(text, language)
    return Document(rel, sentences, when, when_text, warnings), warnings


def _too_many_numbers(sentence: str) -> bool:
    """More figures than the extractor reads in one sentence (each needs a digit and a space)."""
    return len(sentence) > 2 * MAX_NUMBERS_PER_SENTENCE and len(_DIGITS.findall(sentence)) > MAX_NUMBERS_PER_SENTENCE


def find_files(root: Path) -> list[Path]:
    """Readable files under ``root``, recursively; hidden files and folders, links out of it left out."""
    return scan(root, suffixes()).files


def read_documents(root: Path, files: list[Path]) -> list[Document | Unreadable]:
    """Each file read and split, in order; an unreadable one as the reason why."""
    out: list[Document | Unreadable] = []
    real_root = root.resolve()
    for path in files:
        rel = path.relative_to(root).as_posix()
        try:
            out.append(parse_document(rel, _read_bytes(path, real_root)))
        except Unreadable as exc:
            out.append(exc)
    return out


def load_corpus(folder: Path | str, allow_empty: bool = False, read: Reading = read_documents) -> Corpus:
    """Read every document under ``folder``; unreadable ones become warnings.

    ``allow_empty``: a folder with no documents is not an error (the caller has others, e.g. snapshots).
    ``read``: how the files become documents (:func:`read_documents`, or the cache's).
    """
    root = Path(folder)
    if not root.exists():
        raise FactcheckError("documents folder not found", str(root))
    if not root.is_dir():
        raise FactcheckError("documents path is not a folder", str(root))
    found = scan(root, suffixes())
    if not found.files and allow_empty:
        return Corpus(root, [], [])
    if not found.files:
        raise FactcheckError(
            f"no documents found ({', '.join(suffixes())})", str(root), hint="put the source documents there"
        )
    warnings = found.warnings
    documents = []
    _check_total(sum(_size(path) for path in found.files), root)
    for path, got in zip(found.files, read(root, found.files), strict=True):
        if isinstance(got, Unreadable):
            warnings.append(f"{visible(path.relative_to(root).as_posix())}: skipped, {got}")
        else:
            documents.append(got)
            warnings.extend(got.notes)
    if not documents:
        raise FactcheckError("no readable documents", str(root), hint="; ".join(warnings) or None)
    return Corpus(root, documents, warnings)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # reading it will say why


def _check_total(total: int, root: Path) -> None:
    if total > MAX_CORPUS_BYTES:
        raise FactcheckError(
            f"the documents come to more than {MAX_CORPUS_BYTES // (1024 * 1024)} MiB",
            str(root),
            hint="point --docs at a smaller folder, or name the documents each claim rests on",
        )


def _read_bytes(path: Path, real_root: Path) -> bytes:
    """The file's bytes; checked again here, as the folder may have changed since it was listed."""
    try:
        if not inside(path, real_root):
            raise Unreadable("it now links outside the documents folder")
        return read_regular(path, MAX_DOCUMENT_BYTES)
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror})") from None


def from_texts(texts: dict[str, str], root: Path = Path(".")) -> Corpus:
    """A corpus held in memory: relative path -> text, each read by the reader of its suffix."""
    documents = [parse_document(path, text) for path, text in texts.items()]
    return Corpus(root, documents, [note for doc in documents for note in doc.notes])
