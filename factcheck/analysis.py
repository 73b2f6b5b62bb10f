"""The corpus analysed once: words, stems and quantities of every sentence.

``verify`` (retrieval and verdicts) and ``conflicts`` read the same sentences; each
piece of analysis is computed on first use and kept, so neither pipeline repeats the
other's work. The readable form of each stem (for subject names) is kept per run, in
the order the text was read, so a name never depends on what the process read before.
Everything is read in the analysis's :class:`~factcheck.lang.Language` (English by
default), which the steps after it take from ``analysis.language``.
"""

from __future__ import annotations

import bisect
import re
from datetime import date
from functools import lru_cache, partial
from itertools import islice

from factcheck import lang
from factcheck.corpus import Corpus, Sentence
from factcheck.lang import ENGLISH, Language
from factcheck.quantities import Quantity, extract
from factcheck.words import acronyms, stemmer, words

TEXTS_KEPT = 1 << 16  # distinct sentence texts whose quantities and words are kept (the most recently used)
HEADING_WORDS = 10  # a line of more words is prose, not a heading
_DOTTED = re.compile(r"\d\.\d")


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


class Analysis:
    """Per-sentence analysis of a corpus, computed lazily and cached."""

    def __init__(self, corpus: Corpus, language: Language = ENGLISH):
        self.corpus = corpus
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
        self._headings: dict[str, list[int]] = {}

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
        nearest line above it that reads as one (:meth:`_is_heading`): "version 2.6", "Releases in 2018"."""
        if sentence.section:
            return sentence.section
        doc = self._documents.get(sentence.doc)
        if doc is None:
            return None
        found = self._headings.get(sentence.doc)
        if found is None:
            sentences = doc.sentences
            found = self._headings[sentence.doc] = [
                i for i, s in enumerate(sentences) if self._is_heading(s, sentences[i + 1 : i + 2])
            ]
        i = bisect.bisect_left(found, sentence.index) - 1
        return doc.sentences[found[i]].text if i >= 0 else None

    def _is_heading(self, s: Sentence, following: list[Sentence]) -> bool:
        """A line of its own, short, without a full stop, that names a version for what follows: a changelog's
        "version 2.6", "2.4.12 (2021-03-01)", "* Noteworthy changes in release 1.12 (2022-04-07)". A line with
        a date alone is not taken for one (a web page's datelines and captions are no sections)."""
        text = s.text
        if text[-1:] in ".!?;," or not _DOTTED.search(text) or len(text.split()) > HEADING_WORDS:
            return False  # every version is a dotted number: most lines are gone without reading their figures
        if following and following[0].line <= s.line:
            return False
        return any(q.is_version for q in self._heading_quantities(text))

    def quantities(self, sentence: Sentence) -> list[Quantity]:
        """The sentence's quantities, extracted once per text while it recurs."""
        return self._quantities(sentence.text)

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
