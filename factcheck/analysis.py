"""The corpus analysed once: words, stems and quantities of every sentence.

``verify`` (retrieval and verdicts) and ``conflicts`` read the same sentences; each
piece of analysis is computed on first use and kept, so neither pipeline repeats the
other's work. The readable form of each stem (for subject names) is kept per run, in
the order the text was read, so a name never depends on what the process read before.
"""

from __future__ import annotations

from datetime import date

from factcheck.corpus import Corpus, Sentence
from factcheck.quantities import Quantity, extract
from factcheck.words import stem, words


class Analysis:
    """Per-sentence analysis of a corpus, computed lazily and cached."""

    def __init__(self, corpus: Corpus):
        self.corpus = corpus
        self.surface: dict[str, str] = {}  # stem -> the first word read for it
        self._quantities: dict[tuple[str, int], list[Quantity]] = {}
        self._content: dict[tuple[str, int], list[str]] = {}
        self.dates: dict[str, tuple[date | None, str | None]] = {d.path: (d.date, d.date_text) for d in corpus.documents}

    def quantities(self, sentence: Sentence) -> list[Quantity]:
        """The sentence's quantities, extracted once."""
        key = (sentence.doc, sentence.index)
        found = self._quantities.get(key)
        if found is None:
            found = self._quantities[key] = extract(sentence.text)
        return found

    def content_words(self, sentence: Sentence) -> list[str]:
        """Stemmed content words of a sentence, numbers out (see :meth:`content`)."""
        key = (sentence.doc, sentence.index)
        found = self._content.get(key)
        if found is None:
            found = self._content[key] = self.content(sentence.text)
        return found

    def content(self, text: str) -> list[str]:
        """Stemmed content words, numbers out ("287(g)" is a name and stays); remembers a readable form."""
        out = []
        for w in words(text):
            if w[0].isdigit() and not w.endswith(")"):
                continue
            st = stem(w)
            self.surface.setdefault(st, w)
            out.append(st)
        return out

    def evidence_sentences(self) -> list[Sentence]:
        return [s for d in self.corpus.documents for s in d.sentences if s.evidence]
