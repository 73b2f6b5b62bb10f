"""Every number of the documents and the catalogue as a statement: what it counts, when, and about what.

A statement's words are those of its sentence; the words of the counted noun phrase are
marked (:attr:`Statement.phrase_words`) so that they weigh more, and the head noun itself
is dropped, since every statement it is compared with counts the same noun.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache
from typing import TypedDict

from factcheck.analysis import Analysis
from factcheck.catalogue import Catalogue
from factcheck.corpus import Document
from factcheck.disagreements.model import Statement
from factcheck.lang import ENGLISH, Language
from factcheck.quantities import Quantity, extract, statement_time

Content = Callable[[str], list[str]]  # text -> stemmed content words (Analysis.content)
SentenceWords = dict[tuple[str, int], list[str]]
UnitPhrase = tuple[str, str]  # a figure's head noun and noun phrase, which the next sentence may borrow


@dataclass(frozen=True)
class _Patterns:
    part_before: re.Pattern[str]  # "those 54"
    whole_after: re.Pattern[str]  # "a third of all"
    age_after: re.Pattern[str]  # "54 years old"


@cache
def _patterns(language: Language) -> _Patterns:
    p = language.patterns
    return _Patterns(
        re.compile(p.part_before.format(), re.IGNORECASE),
        re.compile(p.whole_after.format()),
        re.compile(p.age_after.format(), re.IGNORECASE),
    )


class _RequiredOrigin(TypedDict):
    sentence: str
    line: int
    as_of: date | None
    as_of_text: str | None
    dated_in_text: bool
    key: tuple[str, int]
    words: Counter[str]


class Origin(_RequiredOrigin, total=False):
    """What every figure of one sentence or claim shares: its text, place, time and words."""

    doc: str
    article: str
    claim: str
    column: int


def _is_part(text: str, q: Quantity, found: list[Quantity], p: _Patterns) -> bool:
    """A count named as a part of a whole: "those 54", "54 agencies, about a third of all"."""
    if p.part_before.search(text[max(0, q.start - 14) : q.start]):
        return True
    if q.kind == "count":
        for other in found:
            if other.share and other.start > q.start and p.whole_after.match(text[other.end : other.end + 9]):
                return True
    return False


def _counted_unit(
    text: str, q: Quantity, found: list[Quantity], prev_units: list[UnitPhrase], p: _Patterns
) -> str | None:
    """What the figure counts, or None when it is no statement sources report."""
    if q.is_date or q.is_version or q.hedge == "vague":
        return None  # a version names a release, not an amount sources report
    if p.age_after.match(text[q.end : q.end + 14]):
        return None  # an age describes someone; it is not a figure sources report
    if q.kind == "money":
        return "$"  # the currency is what is counted; the sentence says of what
    if q.share:
        return q.unit or ""  # "turnout reached 64 percent": a share of something unnamed
    single = len([x for x in found if not x.is_date]) == 1
    unit = q.unit or (prev_units[-1][0] if prev_units and single else "")
    return unit or None  # a count of nothing named is no statement


def _weigh_words(st: Statement, phrase: str, content: Content, borrowed: list[str] | None) -> None:
    """The statement's own copy of its words: borrowed ones added, the phrase's marked, the head noun out.

    The order of ``content`` calls matters: it records the readable form of each stem.
    """
    st.words = Counter(st.words)
    if borrowed:
        st.words.update(set(borrowed))
    head = set(content(st.quantity.unit or st.unit))
    phrase_words = content(phrase)
    for w in phrase_words:
        if w not in st.words:
            st.words[w] = 1  # a phrase word counts once even where the sentence lacks it (a borrowed phrase)
    for w in head:
        st.words.pop(w, None)  # shared by every statement of the bucket: says nothing
    st.phrase_words = {w for w in phrase_words if w not in head}


def _statements_of(
    text: str,
    found: list[Quantity],
    prev_units: list[UnitPhrase],
    origin: Origin,
    content: Content,
    prev_words: list[str] | None = None,
    language: Language = ENGLISH,
) -> list[Statement]:
    """One statement per figure; a figure with no noun of its own ("there were 142.") takes the
    previous sentence's noun, phrase and words."""
    p = _patterns(language)
    out = []
    for position, q in enumerate(found):
        unit = _counted_unit(text, q, found, prev_units, p)
        if unit is None:
            continue
        st = Statement(quantity=q, unit=unit, part=_is_part(text, q, found, p), position=position, **origin)
        phrase = q.phrase if q.unit or not prev_units else prev_units[-1][1]
        _weigh_words(st, phrase, content, None if q.unit else prev_words)
        out.append(st)
    return out


def sentence_words(analysis: Analysis) -> SentenceWords:
    """The content words of every evidence sentence, in reading order (which names subjects)."""
    return {(s.doc, s.index): analysis.content_words(s) for s in analysis.evidence_sentences()}


def article_key(doc: Document) -> bytes:
    """A digest of a document's sentences and date: documents with the same are one article (a page copied)."""
    digest = hashlib.blake2b(f"{doc.date}|{doc.date_text}".encode("utf-8", "surrogatepass"), digest_size=16)
    for sent in doc.sentences:
        digest.update(b"\0")
        digest.update(sent.text.encode("utf-8", "surrogatepass"))
    return digest.digest()


def _copied_statements(originals: list[Statement], doc: Document) -> list[Statement]:
    """A copied page's statements: the original's, at this document's place (words and figures shared)."""
    out = []
    for st in originals:
        sent = doc.sentences[st.key[1]]
        out.append(replace(st, doc=doc.path, line=sent.line, column=sent.column))
    return out


def _own_statements(analysis: Analysis, doc: Document, article: str) -> list[Statement]:
    """The statements of one document's evidence sentences, read in order (which names subjects), questions too."""
    statements: list[Statement] = []
    prev_units: list[UnitPhrase] = []
    prev_words: list[str] = []
    for sent in doc.sentences:
        if not sent.evidence:
            prev_units, prev_words = [], []
            continue
        own = analysis.content_words(sent)
        found = [] if sent.question else analysis.quantities(sent)  # a question states no figure
        if not found:
            prev_units, prev_words = [], ([] if sent.question else own)
            continue
        when, when_text, stated = statement_time(sent.text, found, doc.date, doc.date_text, analysis.language)
        origin = Origin(
            sentence=sent.text,
            line=sent.line,
            doc=sent.doc,
            article=article,
            column=sent.column,
            as_of=when,
            as_of_text=when_text,
            dated_in_text=stated,
            key=(article, sent.index),
            words=Counter(own),
        )
        statements.extend(
            _statements_of(sent.text, found, prev_units, origin, analysis.content, prev_words, analysis.language)
        )
        prev_units = [(q.unit, q.phrase) for q in found if q.unit and not q.is_date]
        prev_words = own
    return statements


@dataclass
class Reading:
    """What one pass over the documents gives ``conflicts``: their statements, and each article's words
    (its first copy's evidence sentences', in reading order) for :meth:`Stories.of_bags`."""

    statements: list[Statement] = field(default_factory=list)
    articles: list[str] = field(default_factory=list)  # the first copy of each article, in reading order
    bags: list[Counter[str]] = field(default_factory=list)  # ... its words
    article_of: dict[str, str] = field(default_factory=dict)  # each document's article


def read_documents_once(analysis: Analysis) -> Reading:
    """The statements of every evidence sentence (a figure may borrow its noun from the sentence before),
    and each article's words, in one pass that lets go of each document's sentences once read.

    A page copied under another name (same sentences and date) is one article, read once: its
    statements are the first copy's, with its own place. A lazy document's sentences are released
    after its turn, so the pass holds one document's sentences at a time, not the corpus's.
    """
    reading = Reading()
    by_article: dict[str, list[Statement]] = {}
    first: dict[bytes, str] = {}
    for doc in analysis.corpus.documents:
        article = reading.article_of[doc.path] = first.setdefault(article_key(doc), doc.path)
        if article in by_article:
            reading.statements.extend(_copied_statements(by_article[article], doc))
        else:
            by_article[article] = _own_statements(analysis, doc, article)
            reading.statements.extend(by_article[article])
            reading.articles.append(doc.path)
            reading.bags.append(Counter(w for s in doc.sentences if s.evidence for w in analysis.content_words(s)))
        doc.release()
    return reading


def document_statements(analysis: Analysis) -> list[Statement]:
    """The statements of every evidence sentence (see :func:`read_documents_once`)."""
    return read_documents_once(analysis).statements


def claim_statements(catalogue: Catalogue, analysis: Analysis) -> list[Statement]:
    """The statements of every claim, dated only by its own words."""
    statements = []
    for claim in catalogue.claims:
        found = extract(claim.text, language=analysis.language)
        when, when_text, stated = statement_time(claim.text, found, None, None, analysis.language)
        origin = Origin(
            sentence=claim.text,
            line=claim.line,
            claim=claim.id,
            as_of=when,
            as_of_text=when_text,
            dated_in_text=stated,
            key=("claim:" + claim.id, 0),
            words=Counter(analysis.content(claim.text)),
        )
        statements.extend(_statements_of(claim.text, found, [], origin, analysis.content, None, analysis.language))
    return statements


def statements_for(analysis: Analysis, catalogue: Catalogue | None, reading: Reading | None = None) -> list[Statement]:
    """The documents' statements (from ``reading`` when the documents were read already), then the catalogue's."""
    out: list[Statement] = []
    out.extend((reading or read_documents_once(analysis)).statements)
    if catalogue is not None:
        out.extend(claim_statements(catalogue, analysis))
    return out
