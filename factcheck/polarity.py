"""Contradiction beyond numbers: a denial, an opposite predicate or a prospect, about the same thing.

Word overlap cannot see that "the striker is NOT quitting" denies "the striker has
quit". These rules look at a sentence already known to speak of the claim (most of
the claim's parts backed by it) and ask whether one of the two denies what the other
says, or uses the opposite predicate ("rose" against "fell"), or says only that what the claim
says is done is expected ("is likely to be removed"). Each finding carries a reason a reader can
check: ``negated: is NOT quitting``, ``opposite: rose vs fell``, ``not yet: LIKELY TO be removed``.
The cues and oppositions are a :class:`~factcheck.lang.Language`'s (English by default).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from factcheck.lang import ENGLISH, Language
from factcheck.settings import VerdictSettings
from factcheck.words import stemmer

_DEFAULTS = VerdictSettings()
CLAIM_DENIES = " (in the claim)"  # the end of a reason whose denial is the claim's


@dataclass(frozen=True)
class _Polarity:
    """A language's denials and oppositions, compiled once."""

    word: re.Pattern[str]  # a word, with its contraction ("isn't")
    negation: re.Pattern[str]  # a denial cue
    opposites: dict[str, set[str]]  # stem -> the stems of its opposites


@cache
def _polarity(language: Language) -> _Polarity:
    return _Polarity(
        re.compile(language.patterns.word.format()),
        re.compile(language.patterns.negation.format(cues=_alternatives(language.negations)), re.IGNORECASE),
        _both_ways((*language.antonyms, *language.complements), language),
    )


def _alternatives(phrases: tuple[str, ...]) -> str:
    """Cue phrases as one regular expression's alternatives, any run of spaces between their words."""
    return "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)


def _both_ways(
    oppositions: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...], language: Language
) -> dict[str, set[str]]:
    """Stem -> the stems of the other side, for each opposition read both ways."""
    stem = stemmer(language)
    table: dict[str, set[str]] = {}
    for one, other in oppositions:
        left, right = {stem(w) for w in one}, {stem(w) for w in other}
        for a in left:
            table.setdefault(a, set()).update(right)
        for b in right:
            table.setdefault(b, set()).update(left)
    return table


def negated_stems(
    text: str, language: Language = ENGLISH, reach: int = _DEFAULTS.negation_reach
) -> tuple[set[str], str | None]:
    """Stems of the words a negation cue reaches (``reach`` words after it), and the first cue with its words."""
    found = _polarity(language)
    stem = stemmer(language)
    reached: set[str] = set()
    first = None
    for m in found.negation.finditer(text):
        after = found.word.findall(text[m.end() :])[:reach]
        reached.update(stem(w.lower()) for w in after)
        if first is None:
            first = " ".join([m.group(0).upper(), *after[:2]])
    return reached, first


def denial(
    claim: str, sentence: str, shared: set[str], language: Language = ENGLISH, thresholds: VerdictSettings = _DEFAULTS
) -> str | None:
    """``negated: ...`` when exactly one side denies something both speak of (``shared`` stems), and the
    other does not say the denied word's complement ("refuses" for "no longer allows")."""
    claim_neg, claim_cue = negated_stems(claim, language, thresholds.negation_reach)
    sent_neg, sent_cue = negated_stems(sentence, language, thresholds.negation_reach)
    reach = thresholds.negation_reach
    claim_clause, sent_clause = denied_in_clause(claim, language, reach), denied_in_clause(sentence, language, reach)
    claim_plainly = _stems(claim, language) - claim_clause
    sent_plainly = _stems(sentence, language) - sent_clause
    if _said_by_complement(claim_clause, sent_plainly, language) or _said_by_complement(
        sent_clause, claim_plainly, language
    ):
        return None  # "refuses" says "no longer allows": one denial, in two words
    claim_denies = bool(claim_neg & shared)
    sent_denies = bool(sent_neg & shared)
    if claim_denies == sent_denies:
        return None
    return f"negated: {sent_cue if sent_denies else claim_cue}" + ("" if sent_denies else CLAIM_DENIES)


@cache
def _bounds(language: Language) -> re.Pattern[str]:
    phrases = sorted((h for h in language.hedges if " " in h), key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in phrases) + r")\b", re.I)


def _without_bounds(text: str, language: Language) -> str:
    """The text without the phrases that bound a figure ("more than", "at least"): a bound, not a predicate."""
    return _bounds(language).sub(" ", text)


def denied_in_clause(text: str, language: Language = ENGLISH, reach: int = _DEFAULTS.negation_reach) -> set[str]:
    """Stems a denial cue reaches within its own clause: up to ``reach`` words, not past a comma, a semicolon,
    a bracket or a word that opens a clause ("does not need a schema and accepts trailing commas" denies no
    "accepts"): what a denial says of a complement ("not allowed" / "refused") is that narrow."""
    found = _polarity(language)
    stem = stemmer(language)
    reached: set[str] = set()
    for m in found.negation.finditer(text):
        clause = clause_starts(language).split(text[m.end() :], maxsplit=1)[0]
        reached.update(stem(w.lower()) for w in found.word.findall(clause)[:reach])
    return reached


@cache
def clause_starts(language: Language, commas: bool = True) -> re.Pattern[str]:
    """Where a clause begins: a word that opens one ("and", "who", "which") or a semicolon; with ``commas``, a
    comma, colon or bracket too (how far a denial reaches); without, "In 2001, the PSF was formed" is one."""
    words = "|".join(re.escape(w) for w in language.clause_breaks)
    marks = r"[,;:()\[\]]" if commas else ";"
    return re.compile(rf"{marks}|\b(?:{words})\b", re.IGNORECASE)


def _stems(text: str, language: Language) -> set[str]:
    stem = stemmer(language)
    return {stem(w.lower()) for w in _polarity(language).word.findall(text)}


def _said_by_complement(denied: set[str], plainly: set[str], language: Language) -> bool:
    """Whether the other text says, in a word of its own (``plainly``: its stems no denial reaches), the
    complement of a stem one text's denial reaches in its clause (``denied``: "not allowed" / "refused"), and
    does not also state the denied word plainly ("allows dogs but refuses bicycles" answers no "does not
    allow dogs")."""
    return any(complements(d, language) & plainly and d not in plainly for d in denied)


def opposite(
    claim: str, sentence: str, language: Language = ENGLISH, thresholds: VerdictSettings = _DEFAULTS
) -> str | None:
    """``opposite: a vs b`` when the claim says a, the sentence b, and neither says the other.

    A denied word is left out: "not allowed" says what "prohibition" says; so are the words of a figure's
    bound ("less than about 100 bytes" says no "less" of anything: :func:`_without_bounds`).
    """
    found = _polarity(language)
    stem = stemmer(language)
    claim_denied, _ = negated_stems(claim, language, thresholds.negation_reach)
    sent_denied, _ = negated_stems(sentence, language, thresholds.negation_reach)
    claim, sentence = _without_bounds(claim, language), _without_bounds(sentence, language)
    claim_words = {s: w for w in found.word.findall(claim) if (s := stem(w.lower())) not in claim_denied}
    sent_words = {s: w for w in found.word.findall(sentence) if (s := stem(w.lower())) not in sent_denied}
    table = found.opposites
    for c_stem, c_word in claim_words.items():
        for other in sorted(table.get(c_stem, ())):
            says_both = bool(table[other] & sent_words.keys())  # the sentence says both: no opposition
            if other in sent_words and other not in claim_words and c_stem not in sent_words and not says_both:
                return f"opposite: {c_word} vs {sent_words[other]}"
    return None


@cache
def _complements(language: Language) -> dict[str, frozenset[str]]:
    return {k: frozenset(v) for k, v in _both_ways(language.complements, language).items()}


def complements(word_stem: str, language: Language = ENGLISH) -> frozenset[str]:
    """The stems whose denial says this stem's word: "allow", "accept" for "refus" (en-complements.txt)."""
    return _complements(language).get(word_stem, frozenset())


@cache
def _prospect(language: Language) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-])(?:{_alternatives(language.prospects)})(?![\w-])", re.IGNORECASE)


def prospective(
    claim: str,
    sentence: str,
    shared: set[str],
    names: set[str],
    language: Language = ENGLISH,
    thresholds: VerdictSettings = _DEFAULTS,
) -> str | None:
    """``not yet: ...`` when the sentence says only that something the claim names is expected, planned or
    likely ("Support for psycopg2 is likely to be removed in the future") and the claim says it is so, with no
    word of what is to come of its own ("will", "plans"). The prospect must be the claim's: one of its names
    (``names`` stems) in the clause before the cue, one of the words both say (``shared``) in reach after it;
    and not a past one ("was expected to build it in 2020, and built it in 2022")."""
    stem = stemmer(language)
    found = _polarity(language)
    if not names or any(w.lower() in language.future_words for w in found.word.findall(claim)):
        return None
    for m in _prospect(language).finditer(sentence):
        before = found.word.findall(clause_starts(language).split(sentence[: m.start()])[-1])
        after = found.word.findall(sentence[m.end() :])[: thresholds.negation_reach]
        if before and before[-1].lower() in language.past_auxiliaries:
            continue
        if {stem(w.lower()) for w in before} & names and {stem(w.lower()) for w in after} & shared:
            return "not yet: " + " ".join([m.group(0).upper(), *after[:2]])
    return None


def may_gainsay(text: str, language: Language = ENGLISH) -> bool:
    """Whether a text has a denial cue or a prospect's cue at all: a cheap look before reading it closely."""
    return bool(_polarity(language).negation.search(text) or _prospect(language).search(text))
