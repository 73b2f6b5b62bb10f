"""Which parts of a claim the evidence backs, and which it does not.

A claim is a set of parts — its figures, its names, its content words — and
``supported`` must mean every part is backed. Each part is looked for in an evidence
window (the deciding sentence, its neighbours, and the next best sentences of the same
document, since a claim is often backed by two or three sentences together): a figure
by a quantity the window states and that entails it, a word by its stem, a synonym (the
language's synonym groups) or a close spelling (rapidfuzz). Words that assert nothing
("according", "currently": the language's generic words) need no backing. The words are
a :class:`~factcheck.lang.Language`'s (English by default).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

from rapidfuzz import fuzz, process

from factcheck.lang import ENGLISH, Language
from factcheck.quantities import Quantity, singular
from factcheck.settings import VerdictSettings
from factcheck.words import SURFACE_TOKEN, stemmer, surface_words

PartKind = Literal["number", "date", "name", "word"]
CLAUSE_PARTS = 3  # parts a clause needs to be a statement of its own ("formed in 1986"), not a phrase
_TOKEN = SURFACE_TOKEN
_DEFAULTS = VerdictSettings()


@dataclass(frozen=True)
class Part:
    """One thing the claim asserts: a figure, a name or a content word, with its place in the claim."""

    start: int
    end: int
    text: str
    kind: PartKind
    stem: str
    weight: float
    quantity: Quantity | None = None


@dataclass(frozen=True)
class Span:
    """A stretch of the claim's text: ``claim.text[start:end] == text``."""

    start: int
    end: int
    text: str


@cache
def _synonym_table(language: Language) -> dict[str, frozenset[int]]:
    """Stem -> the synonym groups (their numbers) it belongs to, once per language."""
    stem = stemmer(language)
    out: dict[str, set[int]] = {}
    for i, group in enumerate(language.synonyms):
        for word in group:
            out.setdefault(stem(word), set()).add(i)
    return {k: frozenset(v) for k, v in out.items()}


def synonym_groups(word_stem: str, language: Language = ENGLISH) -> frozenset[int]:
    return _synonym_table(language).get(word_stem, frozenset())


def _is_name(text: str, start: int, word: str, is_common: Callable[[str], bool], language: Language) -> bool:
    """A capitalised word that is not a common word capitalised to open the claim, an acronym, or an
    identifier ("287(g)", "G7")."""
    if any(ch.isdigit() for ch in word) and any(ch.isalpha() for ch in word):
        return True
    if len(word) >= 2 and word.isupper():
        return True
    if not word[:1].isupper() or word.lower() in language.months:
        return False
    opens = start == 0 or text[:start].rstrip().endswith((".", ":", '"', "“"))
    return not opens or not is_common(word)


def claim_parts(
    text: str,
    quantities: list[Quantity],
    weight: Callable[[str], float],
    is_common: Callable[[str], bool] = lambda word: True,
    language: Language = ENGLISH,
) -> list[Part]:
    """The claim's parts in order: one per figure (not dates' words), one per name or content word."""
    parts = [
        Part(q.start, q.end, text[q.start : q.end], "date" if q.is_date else "number", q.text, 2.0 * weight(q.text), q)
        for q in quantities
    ]
    figures = quantities
    generic, asserting = language.generic, language.asserting_small_words
    stem = stemmer(language)
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        lower = word.lower()
        small = lower in language.stopwords and lower not in asserting
        if small or lower in generic or any(q.start <= m.start() < q.end for q in figures):
            continue
        kind: PartKind = "name" if _is_name(text, m.start(), word, is_common, language) else "word"
        word_stem = stem(lower)
        parts.append(Part(m.start(), m.end(), word, kind, word_stem, weight(word_stem)))
    parts.sort(key=lambda p: p.start)
    return parts


@dataclass
class Window:
    """What a set of evidence sentences says: its words, stems, synonym groups and quantities."""

    words: set[str] = field(default_factory=set)
    stems: set[str] = field(default_factory=set)
    synonyms: set[int] = field(default_factory=set)
    singulars: set[str] = field(default_factory=set)
    quantities: list[Quantity] = field(default_factory=list)
    is_topic: Callable[[str], bool] = lambda name: False  # a name the document is about, wherever it stands
    language: Language = ENGLISH

    @classmethod
    def of(
        cls,
        texts: Iterable[str],
        quantities: Iterable[Quantity],
        is_topic: Callable[[str], bool] = lambda name: False,
        language: Language = ENGLISH,
        implied: Iterable[str] = (),
    ) -> Window:
        """``implied``: words the window says by where its sentences stand, not in their text (a changelog's)."""
        window = cls(quantities=list(quantities), is_topic=is_topic, language=language)
        window.words.update(implied)
        for text in texts:
            window.words.update(surface_words(text, language))
        stem = stemmer(language)
        window.stems = {stem(w) for w in window.words}
        window.singulars = {singular(w, language) for w in window.words}
        for s in window.stems:
            window.synonyms.update(synonym_groups(s, language))
        return window

    def backs_word(self, part: Part, thresholds: VerdictSettings = _DEFAULTS) -> bool:
        """Whether the window says the word: its stem, a synonym, its singular, a topic name, or a close spelling."""
        lower = part.text.lower()
        if part.stem in self.stems or lower in self.words or synonym_groups(part.stem, self.language) & self.synonyms:
            return True
        if singular(lower, self.language) in self.singulars:  # "bus" and "buses", which the stemmer keeps apart
            return True
        if part.kind == "name" and self.is_topic(part.text):
            return True
        shortest = thresholds.spelling_min_length
        if len(lower) < shortest:
            return False
        candidates = [w for w in self.words if len(w) >= shortest and w[0] == lower[0]]
        ratio = thresholds.spelling_ratio
        return process.extractOne(lower, candidates, scorer=fuzz.ratio, score_cutoff=ratio) is not None


@dataclass
class Alignment:
    """Each part of the claim and whether the window backs it."""

    text: str
    parts: list[Part]
    backed: list[bool]

    def missing(self, *kinds: PartKind) -> list[Part]:
        return [p for p, ok in zip(self.parts, self.backed, strict=True) if not ok and (not kinds or p.kind in kinds)]

    def share(self) -> float:
        """Share (0-1) of the parts that are backed, each counting once: how much of what the claim says is found."""
        return sum(self.backed) / len(self.parts) if self.parts else 0.0

    def clause_backed(self, language: Language = ENGLISH) -> bool:
        """Whether one clause of the claim is wholly backed while another is not: "formed in 1986 | and toured
        Japan". A clause counts with at least ``CLAUSE_PARTS`` parts, one of them a plain word (a statement,
        not a date or a name alone)."""
        held = missed = False
        for start, end in clauses(self.text, language):
            inside = [(p, ok) for p, ok in zip(self.parts, self.backed, strict=True) if start <= p.start < end]
            if all(ok for _, ok in inside):
                substantial = len(inside) >= CLAUSE_PARTS and any(p.kind == "word" for p, _ in inside)
                held = held or substantial
            else:
                missed = True
        return held and missed

    def coverage(self) -> float:
        """Share (0-1) of the parts' weight that is backed."""
        total = sum(p.weight for p in self.parts)
        return sum(p.weight for p, ok in zip(self.parts, self.backed, strict=True) if ok) / total if total else 0.0

    def unsupported(self, language: Language = ENGLISH) -> list[Span]:
        """Runs of unbacked parts, joined across the small words between them, and taking in the
        small words (of ``language``) that lead into them ("is the only one dedicated"), as a reader
        would mark them."""
        spans: list[Span] = []
        run: list[Part] = []
        previous_end = 0
        for part, ok in [*zip(self.parts, self.backed, strict=True), (None, True)]:
            if not ok and part is not None:
                if not run:
                    start = _lead_in(self.text, previous_end, part.start, language.stopwords)
                run.append(part)
                continue
            if run:
                spans.append(Span(start, run[-1].end, self.text[start : run[-1].end]))
                run = []
            if part is not None:
                previous_end = part.end
        return spans


@cache
def _clause_break(language: Language) -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in language.clause_breaks)
    return re.compile(rf"\s*;\s*|,\s+(?:(?:{words})\s+)?|\s+(?:{words})\s+", re.IGNORECASE)


def clauses(text: str, language: Language = ENGLISH) -> list[tuple[int, int]]:
    """The claim's clauses as (start, end): split at semicolons, commas and the words that open a clause."""
    bounds = [0]
    for m in _clause_break(language).finditer(text):
        bounds += [m.start(), m.end()]
    bounds.append(len(text))
    return [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2) if bounds[i + 1] > bounds[i]]


def _lead_in(text: str, floor: int, start: int, stopwords: frozenset[str]) -> int:
    """Where the small words before ``start`` begin: back to the previous part or punctuation."""
    lead = start
    for m in reversed(list(_TOKEN.finditer(text, floor, start))):
        between = text[m.end() : lead]
        if between.strip() or m.group(0).lower() not in stopwords:
            break
        lead = m.start()
    return start if lead == 0 else lead  # the claim's opening words are its subject, not part of the gap


def align(
    text: str,
    parts: list[Part],
    window: Window,
    backs_figure: Callable[[Quantity, list[Quantity]], bool],
    thresholds: VerdictSettings = _DEFAULTS,
) -> Alignment:
    """Look for every part in the window; figures through ``backs_figure`` (the verdict's number rules)."""
    backed = []
    for part in parts:
        if part.quantity is not None:
            backed.append(backs_figure(part.quantity, window.quantities))
        else:
            backed.append(window.backs_word(part, thresholds))
    return Alignment(text, parts, backed)
