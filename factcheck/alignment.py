"""Which parts of a claim the evidence backs, and which it does not.

A claim is a set of parts — its figures, its names, its content words — and
``supported`` must mean every part is backed. Each part is looked for in an evidence
window (the deciding sentence, its neighbours, and the next best sentences of the same
document, since a claim is often backed by two or three sentences together): a figure
by a quantity the window states and that entails it, a word by its stem, a synonym (the
language's synonym groups) or a close spelling (rapidfuzz). Words that assert nothing
("according", "currently": the language's generic words) need no backing. A plain word found so by
none of them is backed by a like word: one of the window's plain words whose vector (the
language's word-vector table, :mod:`factcheck.lang.vectors`) is close enough ("purchased" ≈
"bought"), never an opposite. The words are a :class:`~factcheck.lang.Language`'s (English by
default).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

import numpy as np
from rapidfuzz import fuzz, process

from factcheck.lang import ENGLISH, Language
from factcheck.lang.vectors import Matrix, WordVectors, word_vectors
from factcheck.polarity import complements, denied_in_clause
from factcheck.quantities import Quantity, singular
from factcheck.settings import VerdictSettings
from factcheck.words import SURFACE_TOKEN, stemmer, surface_words

PartKind = Literal["number", "date", "name", "word"]
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


@cache
def _unalike_pairs(language: Language) -> frozenset[frozenset[str]]:
    """Stem pairs never alike: a word of one side of an opposite predicate or an unalike line and a word of
    another side."""
    stem = stemmer(language)
    pairs: set[frozenset[str]] = set()
    for line in (*language.antonyms, *language.complements, *language.unalike):
        for i, one in enumerate(line):
            pairs.update(frozenset((stem(a), stem(b))) for other in line[i + 1 :] for a in one for b in other)
    return frozenset(p for p in pairs if len(p) == 2)


def _unprefixed(word_stem: str, prefixes: tuple[str, ...]) -> str:
    """The stem without a negative prefix ("unemploy" -> "employ"), if what is left is a word's length."""
    for prefix in prefixes:
        if word_stem.startswith(prefix) and len(word_stem) - len(prefix) >= 4:
            return word_stem[len(prefix) :]
    return word_stem


def unalike(a: str, b: str, language: Language = ENGLISH) -> bool:
    """Whether two stems say different things however alike their vectors: opposites the language
    lists, one word with another negative prefix ("employ" / "unemploy", "increas" / "decreas"), or a
    word and its superlative ("rich" / "richest")."""
    if frozenset((a, b)) in _unalike_pairs(language):
        return True
    if any(b == a + end or a == b + end for end in language.degree_endings):
        return True
    prefixes = language.negative_prefixes
    bare_a, bare_b = _unprefixed(a, prefixes), _unprefixed(b, prefixes)
    return a != b and (bare_a in (b, bare_b) or bare_b == a)


@cache
def _vectors(language: Language) -> WordVectors | None:
    return word_vectors(language.word_vectors) if language.word_vectors else None


@cache
def _exact_only(language: Language) -> frozenset[str]:
    """Stems of words backed only as spelled and backing nothing by likeness: the words of opposite
    predicates (their vectors sit next to their opposites' and to words of no kin: "true" / "though"),
    number words ("third" / "three") and the language's literal words ("second" / "time")."""
    stem = stemmer(language)
    opposites = [word for line in (*language.antonyms, *language.complements) for side in line for word in side]
    counting = [*language.small, *language.tens, *language.scales, *language.denominators, *language.vague]
    return frozenset(stem(word) for word in (*opposites, *counting, *language.literal))


@cache
def _negation_words(language: Language) -> frozenset[str]:
    return frozenset(cue for cue in language.negations if " " not in cue)


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
    denied: set[str] = field(default_factory=set)  # stems a denial in its first text reaches, in its clause
    quantities: list[Quantity] = field(default_factory=list)
    is_topic: Callable[[str], bool] = lambda name: False  # a name the document is about, wherever it stands
    language: Language = ENGLISH
    texts: list[str] = field(default_factory=list, repr=False)  # its sentences, read again for like words
    _plain: tuple[dict[str, str], list[str], Matrix] | None = field(default=None, repr=False)  # made when asked

    @classmethod
    def of(
        cls,
        texts: Iterable[str],
        quantities: Iterable[Quantity],
        is_topic: Callable[[str], bool] = lambda name: False,
        language: Language = ENGLISH,
    ) -> Window:
        window = cls(quantities=list(quantities), is_topic=is_topic, language=language, texts=list(texts))
        for text in window.texts:
            window.words.update(surface_words(text, language))
        if window.texts:  # the sentence the window is built around: another's "not" is about something else
            window.denied = denied_in_clause(window.texts[0], language)
        stem = stemmer(language)
        window.stems = {stem(w) for w in window.words}
        window.singulars = {singular(w, language) for w in window.words}
        for s in window.stems:
            window.synonyms.update(synonym_groups(s, language))
        return window

    def backs_word(self, part: Part, thresholds: VerdictSettings = _DEFAULTS) -> bool:
        """Whether the window says the word: its stem, a synonym, its singular, a topic name, its complement
        denied ("refuses" by "no longer allows"), or a close spelling."""
        lower = part.text.lower()
        if part.stem in self.stems or lower in self.words or synonym_groups(part.stem, self.language) & self.synonyms:
            return True
        if singular(lower, self.language) in self.singulars:  # "bus" and "buses", which the stemmer keeps apart
            return True
        if part.kind == "name" and self.is_topic(part.text):
            return True
        if complements(part.stem, self.language) & self.denied:  # "refuses" said as "no longer allows"
            return True
        shortest = thresholds.spelling_min_length
        if len(lower) < shortest:
            return False
        candidates = [w for w in self.words if len(w) >= shortest and w[0] == lower[0]]
        ratio = thresholds.spelling_ratio
        return process.extractOne(lower, candidates, scorer=fuzz.ratio, score_cutoff=ratio) is not None

    def alike(self, part: Part, thresholds: VerdictSettings = _DEFAULTS) -> str | None:
        """The window's plain word most like a plain word of the claim (the cosine of their vectors at
        least ``word_cosine``), never an opposite (:func:`unalike`); None when none is. Never for a
        figure, date, name or denial cue."""
        table = _vectors(self.language)
        lower = part.text.lower()
        if table is None or part.kind != "word" or not lower.isalpha():
            return None
        if lower in _negation_words(self.language) or part.stem in _exact_only(self.language):
            return None
        vector = table.vector(part.stem)
        if vector is None:
            return None
        plain, stems, matrix = self._plain_words(table)
        cosines = matrix @ vector
        for i in np.argsort(-cosines):
            if cosines[i] < thresholds.word_cosine:
                break
            if not unalike(part.stem, stems[i], self.language):
                return plain[stems[i]]
        return None

    def _plain_words(self, table: WordVectors) -> tuple[dict[str, str], list[str], Matrix]:
        """The window's plain words by stem (what a claim word may be like), and the vectors the table has
        for them: made on the first like word asked for, once."""
        if self._plain is None:
            plain: dict[str, str] = {}
            for text in self.texts:
                plain.update(plain_words(text, self.language))
            self._plain = (plain, *table.known(plain))
        return self._plain


def literal_word(part: Part, language: Language = ENGLISH) -> bool:
    """A denial cue, or a word backed only as spelled (an opposite predicate, a number word, a literal word)."""
    return part.text.lower() in _negation_words(language) or part.stem in _exact_only(language)


def plain_words(text: str, language: Language = ENGLISH) -> dict[str, str]:
    """The text's plain words by stem: written in lowercase letters (a name is capitalised), no stopword,
    generic word, denial cue or word backed only as spelled."""
    stem = stemmer(language)
    skip, literal = language.stopwords | language.generic | _negation_words(language), _exact_only(language)
    found = {}
    for m in _TOKEN.finditer(text):
        word = m.group(0)
        if word.isalpha() and word.islower() and word not in skip and (word_stem := stem(word)) not in literal:
            found[word_stem] = word
    return found


@dataclass
class Alignment:
    """Each part of the claim and whether the window backs it."""

    text: str
    parts: list[Part]
    backed: list[bool]
    alike: list[str] = field(default_factory=list)  # the words backed by a like word: "purchased ≈ bought"

    def missing(self, *kinds: PartKind) -> list[Part]:
        return [p for p, ok in zip(self.parts, self.backed, strict=True) if not ok and (not kinds or p.kind in kinds)]

    def share(self) -> float:
        """Share (0-1) of the parts that are backed, each counting once: how much of what the claim says is found."""
        return sum(self.backed) / len(self.parts) if self.parts else 0.0

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
            backed.append(window.backs_word(part, thresholds) or joined_with_particle(text, part, window))
    return Alignment(text, parts, backed)


_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


def joined_with_particle(text: str, part: Part, window: Window) -> bool:
    """A verb and the particle after it, said as one word: "starts up" as "startup", "logs in" as "login",
    "set up" as "setup" (the language's particles)."""
    after = _NEXT_WORD.match(text, part.end)
    language = window.language
    if part.kind != "word" or after is None or after.group(1).lower() not in language.particles:
        return False
    stem = stemmer(language)
    joined = stem(part.text.lower()) + after.group(1).lower()
    return joined in window.words or stem(joined) in window.stems


def with_like_words(alignment: Alignment, window: Window, thresholds: VerdictSettings = _DEFAULTS) -> Alignment:
    """The alignment with each unbacked plain word looked for once more, by a like word of the window
    (:meth:`Window.alike`); the words so backed named in ``alike``."""
    backed = list(alignment.backed)
    alike = []
    for i, (part, ok) in enumerate(zip(alignment.parts, alignment.backed, strict=True)):
        like = None if ok else window.alike(part, thresholds)
        if like is not None:
            backed[i] = True
            alike.append(f"{part.text} ≈ {like}")
    return Alignment(alignment.text, alignment.parts, backed, alike)
