"""The corpus analysed once: words, stems and quantities of every sentence.

``verify`` (retrieval and verdicts) and ``conflicts`` read the same sentences; each
piece of analysis is computed on first use and kept, so neither pipeline repeats the
other's work. The readable form of each stem (for subject names) is kept per run, in
the order the text was read, so a name never depends on what the process read before.
Everything is read in the analysis's :class:`~factcheck.lang.Language` (English by
default), which the steps after it take from ``analysis.language``.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import lru_cache, partial
from itertools import islice

from factcheck import lang
from factcheck.corpus import Corpus, Sentence
from factcheck.lang import ENGLISH, Language
from factcheck.quantities import Quantity, extract
from factcheck.settings import VerdictSettings
from factcheck.words import acronyms, stemmer, words

TEXTS_KEPT = 1 << 16  # distinct sentence texts whose quantities and words are kept (the most recently used)
_DOTTED = re.compile(r"\d\.\d")  # every version holds one: most lines are passed over without reading figures
_LETTERED = re.compile(r"\S*[^\W\d_]\S*")  # a word with a letter in it: not "->", "|" or a figure


def _content(text: str, surface: dict[str, str], language: Language = ENGLISH) -> list[str]:
    """Stemmed content words, numbers out; the first word read for each stem recorded in ``surface``."""
    stem = stemmer(language)
    out = []
    for w in words(text, language):
        if w[0].isdigit() and not w.endswith(")"):
            continue
        st = stem(w)
        surface.setdefault(st, w)
        out.append(st)
    return out


def _in_runs(flags: list[bool], length: int) -> list[bool]:
    """Which flags stand in a run of at least ``length`` set flags in a row."""
    out = [False] * len(flags)
    start = 0
    for i in range(len(flags) + 1):
        if i == len(flags) or not flags[i]:
            if i - start >= length:
                out[start:i] = [True] * (i - start)
            start = i + 1
    return out


class Analysis:
    """Per-sentence analysis of a corpus, computed lazily and cached."""

    def __init__(self, corpus: Corpus, language: Language = ENGLISH, thresholds: VerdictSettings | None = None):
        self.corpus = corpus
        self.thresholds = thresholds or VerdictSettings()  # what a heading line is (heading_words, table_rows)
        self.language = lang.registered(language)  # its quantities name it
        self.surface: dict[str, str] = {}  # stem -> the first word read for it
        # By sentence text: a sentence repeated (boilerplate, a page copied) is analysed once while it
        # recurs; the last TEXTS_KEPT texts are kept, not every one a corpus has (its size, again).
        self._quantities = lru_cache(maxsize=TEXTS_KEPT)(partial(extract, language=language))
        self._heading_quantities = lru_cache(maxsize=TEXTS_KEPT)(partial(extract, language=language, heading=True))
        # no cycle to self
        self._content = lru_cache(maxsize=TEXTS_KEPT)(partial(_content, surface=self.surface, language=language))
        self.dates: dict[str, tuple[date | None, str | None]] = {
            d.path: (d.date, d.date_text) for d in corpus.documents
        }
        self._documents = {d.path: d for d in corpus.documents}
        self._topics: dict[tuple[str, str], bool] = {}
        self._doc_acronyms: dict[str, set[str]] = {}
        self._texts: dict[str, str] = {}
        self._lowered: dict[str, str] = {}
        self._headings: dict[str, list[int]] = {}  # path -> each sentence's version heading (its index, or -1)

    def is_topic(self, path: str, name: str) -> bool:
        """Whether a document is about ``name``: uses it at least twice, or spells out its acronym ("ICE")."""
        key = (path, name.lower())
        found = self._topics.get(key)
        if found is None:
            lower = self._lowered.get(path)
            if lower is None:
                lower = self._lowered[path] = self._document_text(path).lower()
            found = len(re.findall(r"(?<!\w)" + re.escape(key[1]) + r"(?!\w)", lower)) >= 2
            if not found and name.isupper():
                found = key[1] in self._acronyms(path)
            self._topics[key] = found
        return found

    def _document_text(self, path: str) -> str:
        """The document's sentences, joined once per document (names are looked up in it per claim)."""
        found = self._texts.get(path)
        if found is None:
            doc = self._documents.get(path)
            found = self._texts[path] = "\n".join(s.text for s in doc.sentences) if doc else ""
        return found

    def _acronyms(self, path: str) -> set[str]:
        found = self._doc_acronyms.get(path)
        if found is None:
            found = self._doc_acronyms[path] = acronyms(self._document_text(path), self.language)
        return found

    def lede(self, path: str, n: int) -> list[Sentence]:
        """The document's first ``n`` evidence sentences: headline, dek and lede, the context of all the rest."""
        doc = self._documents.get(path)
        return list(islice((s for s in doc.sentences if s.evidence), n)) if doc else []

    def heading(self, sentence: Sentence) -> str | None:
        """The heading a sentence stands under: its section where the format has headings (Markdown), else the
        line above it that versions it (:meth:`_version_headings`): "version 2.6", "Git v2.39 Release Notes". A
        section naming no version ("## Changes" under "# 2.6") stands under the versioned line above it, if any."""
        if sentence.section and self._names_version(sentence.section):
            return sentence.section
        doc = self._documents.get(sentence.doc)
        if doc is None:
            return sentence.section
        heads = self._headings.get(sentence.doc)
        if heads is None:
            heads = self._headings[sentence.doc] = self._version_headings(doc.sentences)
        under = heads[sentence.index] if sentence.index < len(heads) else -1
        return doc.sentences[under].text if under >= 0 else sentence.section

    def _version_headings(self, sentences: list[Sentence]) -> list[int]:
        """For each sentence, the index of the line that versions it, or -1. A short line without a full stop
        naming a version ("version 2.6", "* Noteworthy changes in release 9.1 (2022-04-15)", "E.20. Release
        15.1") heads what follows it; not in a run of three or more such lines (a table of releases). A
        sentence ending in a colon ("Previously in 3.10, execution looked like this:") heads the short lines
        right after it instead: they are what it introduces."""
        versioned = [
            bool(_DOTTED.search(s.text)) and self.is_line(s) and self._names_version(s.text) for s in sentences
        ]
        if not any(versioned) and not any(s.text.endswith(":") for s in sentences):
            return [-1] * len(sentences)  # most documents: nothing heads anything (read once, cheaply)
        tabled = _in_runs(versioned, self.thresholds.table_rows)
        heads, current, local = [], -1, -1
        for i, s in enumerate(sentences):
            if local >= 0 and not self.is_line(s):
                local = -1  # prose ends the lines a colon opened
            heads.append(local if local >= 0 else current)
            if versioned[i] and not tabled[i]:
                current = i
            if s.text.endswith(":"):
                local = i
        return heads

    def is_line(self, s: Sentence) -> bool:
        """Whether a sentence is a short text without a full stop: a list's item, a heading, a table's row; a
        text block of its own (the splitter ends a sentence only at a stop or at the end of a block), in plain
        text, Markdown and HTML alike."""
        text = s.text
        if text[-1:] in ".!?;,:" or len(text) > self.thresholds.heading_chars:
            return False
        return len(_LETTERED.findall(text)) <= self.thresholds.heading_words

    def _names_version(self, text: str) -> bool:
        """Whether a line names the version of what follows it: with its date ("release 9.0 (2021-09-24)"),
        in a version's words ("version 2.6", "E.20. Release 15.1"), or near its start ("Git v2.39 Release
        Notes", "What's New In Python 3.11"); not a reference in passing ("[bug introduced in coreutils-8.31]",
        "Fixes since v2.38", a bound: what came after it), nor a number alone (a table's cell)."""
        if not _DOTTED.search(text):
            return False
        found = self._heading_quantities(text)
        versions = [q for q in found if q.is_version]
        if not versions:
            return False
        versions = [q for q in versions if q.hedge == "exact" and not self._relative(text[: q.start])]
        if not versions or not _LETTERED.search(text):
            return False  # "Fixes since v2.38" is about what came after it; "2.1.1" alone, a table's cell
        if any(q.is_date and q.year for q in found):
            return True
        return any(
            q.text[:1].isalpha()
            or (text[q.start - 1 : q.start] != "-" and len(_LETTERED.findall(text[: q.start])) <= 4)
            for q in versions
        )

    def _relative(self, before: str) -> bool:
        """Whether the words before a version make it a reference point ("since v2.38", "before 3.0")."""
        words = before.lower().split()[-2:]
        return any(" ".join(words[i:]) in self.language.version_relative for i in range(len(words)))

    def quantities(self, sentence: Sentence) -> list[Quantity]:
        """The sentence's quantities, extracted once per text while it recurs; a month without its year takes
        it from the sentence before where the words say so (:meth:`_year_before`)."""
        found = self._quantities(sentence.text)
        if any(q.is_date and q.month and q.year is None for q in found):
            return self._year_before(sentence, found)
        return found

    def _year_before(self, sentence: Sentence, found: list[Quantity]) -> list[Quantity]:
        """ "In October of the same year" after "In May 2000": October 2000. The year is the last one the
        sentence before names, shifted as the words say ("the following year": one later)."""
        lower = sentence.text.lower()
        shift = next((n for words, n in self.language.year_anaphora.items() if words in lower), None)
        doc = self._documents.get(sentence.doc)
        if shift is None or doc is None or not 0 < sentence.index < len(doc.sentences):
            return found
        before = [q.year for q in self._quantities(doc.sentences[sentence.index - 1].text) if q.is_date and q.year]
        if not before:
            return found
        year = before[-1] + shift
        return [replace(q, year=year, value=float(year)) if q.is_date and q.year is None else q for q in found]

    def heading_quantities(self, text: str) -> list[Quantity]:
        """The quantities of a heading (its opening number a version: "2.6 (2018-11-02)"), kept as a sentence's."""
        return self._heading_quantities(text)

    def content_words(self, sentence: Sentence) -> list[str]:
        """Stemmed content words of a sentence, numbers out (see :meth:`content`), once per text while it recurs."""
        return self._content(sentence.text)

    def content(self, text: str) -> list[str]:
        """Stemmed content words, numbers out ("287(g)" is a name and stays); remembers a readable form."""
        return _content(text, self.surface, self.language)

    def evidence_sentences(self) -> list[Sentence]:
        return [s for d in self.corpus.documents for s in d.sentences if s.evidence]
