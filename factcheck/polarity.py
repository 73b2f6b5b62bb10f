"""Contradiction beyond numbers: a denial, or an opposite predicate, about the same thing.

Word overlap cannot see that "the striker is NOT quitting" denies "the striker has
quit". These rules look at a sentence already known to speak of the claim (most of
the claim's parts backed by it) and ask whether one of the two denies what the other
says, or uses the opposite predicate ("rose" against "fell"). Each finding carries a
reason a reader can check: ``negated: is NOT quitting``, ``opposite: rose vs fell``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from factcheck.lang import groups, phrases
from factcheck.words import stem

_WORD = re.compile(r"[^\W_]+(?:n['’]t)?")
NEGATION_REACH = 6  # words after a cue that it denies ("not" ... "quitting"); by hand


@lru_cache(maxsize=1)
def _negation_pattern() -> re.Pattern[str]:
    cues = [re.escape(p).replace(r"\ ", r"\s+") for p in phrases("en-negations.txt")]
    not_denials = r"(?!no\s+(?:more|fewer|less)\s+than\b)(?!not\s+only\b)(?!no\.)"  # hedges and "No. 5"
    return re.compile(r"(?<![\w-])" + not_denials + r"(?:" + "|".join(cues) + r")(?![\w-])|\w+n['’]t\b", re.IGNORECASE)


@lru_cache(maxsize=1)
def _opposites() -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for line in groups("en-antonyms.txt"):
        bar = line.index("|")
        left, right = {stem(w) for w in line[:bar]}, {stem(w) for w in line[bar + 1 :]}
        for a in left:
            out.setdefault(a, set()).update(right)
        for b in right:
            out.setdefault(b, set()).update(left)
    return out


def negated_stems(text: str) -> tuple[set[str], str | None]:
    """Stems of the words a negation cue reaches, and the first cue with its words, as written."""
    reached: set[str] = set()
    first = None
    for m in _negation_pattern().finditer(text):
        after = _WORD.findall(text[m.end() :])[:NEGATION_REACH]
        reached.update(stem(w.lower()) for w in after)
        if first is None:
            first = " ".join([m.group(0).upper(), *after[:2]])
    return reached, first


def denial(claim: str, sentence: str, shared: set[str]) -> str | None:
    """``negated: ...`` when exactly one side denies something both speak of (``shared`` stems)."""
    claim_neg, claim_cue = negated_stems(claim)
    sent_neg, sent_cue = negated_stems(sentence)
    claim_denies = bool(claim_neg & shared)
    sent_denies = bool(sent_neg & shared)
    if claim_denies == sent_denies:
        return None
    return f"negated: {sent_cue if sent_denies else claim_cue}" + ("" if sent_denies else " (in the claim)")


def opposite(claim: str, sentence: str) -> str | None:
    """``opposite: a vs b`` when the claim says a, the sentence b, and neither says the other.

    A denied word is left out: "not allowed" says what "prohibition" says.
    """
    claim_denied, _ = negated_stems(claim)
    sent_denied, _ = negated_stems(sentence)
    claim_words = {s: w for w in _WORD.findall(claim) if (s := stem(w.lower())) not in claim_denied}
    sent_words = {s: w for w in _WORD.findall(sentence) if (s := stem(w.lower())) not in sent_denied}
    table = _opposites()
    for c_stem, c_word in claim_words.items():
        for other in sorted(table.get(c_stem, ())):
            says_both = bool(table[other] & sent_words.keys())  # the sentence says both: no opposition
            if other in sent_words and other not in claim_words and c_stem not in sent_words and not says_both:
                return f"opposite: {c_word} vs {sent_words[other]}"
    return None
