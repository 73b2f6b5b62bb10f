"""What a group of statements is called, in the words of its sentences.

A subject is the counted noun phrase as written ("local law enforcement agencies", or its
head noun, "agencies", when the group's statements word it differently), followed by the
phrase its sentences use for what they share: "agencies in the 287(g) program". Never
stems: every word shown is one a source wrote, and the words joining them ("share of")
are the :class:`~factcheck.lang.Language`'s (English by default).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache

from factcheck.disagreements.model import Statement
from factcheck.lang import ENGLISH, Language
from factcheck.settings import ConflictSettings
from factcheck.words import stemmer, tokens

_WORD = re.compile(r"[\w()’'.&-]*\w[\w()’']*|[,;:!?“”\"]")
_DEFAULTS = ConflictSettings()


@cache
def _unshared(language: Language) -> frozenset[str]:
    """Stems never shown as what a group's statements share: words of time and number words."""
    stem = stemmer(language)
    numbers = (*language.small, *language.tens, *language.scales)
    return frozenset(stem(w) for w in (*language.time_words, *numbers))


def plural(noun: str, language: Language = ENGLISH) -> str:
    """The plural of a counted noun; what "$" counts."""
    if noun == "$":
        return language.money
    return language.plural(noun)


def _phrase(group: list[Statement], language: Language) -> str:
    """The counted noun phrase; "share of ..." for percents and fractions."""
    phrase = _noun_phrase(group, language)
    if group[0].quantity.share and group[0].quantity.phrase:
        return f"{language.share_of} {phrase}"
    return phrase


def _noun_phrase(group: list[Statement], language: Language) -> str:
    """The counted noun phrase: the one most statements use when most use it, else its head noun."""
    phrases = Counter(" ".join(s.quantity.phrase.split()) for s in group if s.quantity.phrase)
    if not phrases:
        if not group[0].unit:
            return language.shares if group[0].quantity.share else language.values
        noun = plural(group[0].unit, language)
        return f"{language.share_of} {noun}" if group[0].quantity.share else noun
    ((best, n),) = phrases.most_common(1)
    best = _after_number(best, language)
    if n * 2 >= len(group) or len(phrases) == 1:
        return best
    heads = Counter(_after_number(p, language).split()[-1] for p in phrases)
    return heads.most_common(1)[0][0]


def _after_number(phrase: str, language: Language) -> str:
    """ "sons three daughters" is a list: the phrase is what follows its last number word."""
    from factcheck.quantities import extract

    found = extract(phrase, language=language)
    if found:
        rest = phrase[found[-1].end :].strip()
        if rest:
            return rest
    return phrase


def distinct(group: list[Statement]) -> list[Statement]:
    """The group without copies: one statement per (sentence of an article, figure), the first read."""
    return list({(st.key, st.position): st for st in group}.values())


def _shared_stems(group: list[Statement], exclude: set[str], language: Language) -> list[str]:
    """Stems two or more statements share, the most widely shared (then heaviest) first.

    A statement's copies (the same sentence of a copied page) count once.
    """
    weight: dict[str, float] = defaultdict(float)
    present: Counter[str] = Counter()
    for st in distinct(group):
        for w, v in st.vector.items():
            weight[w] += v
            present[w] += 1
    unshared = _unshared(language)
    shared = [w for w in weight if present[w] >= 2 and w not in exclude and w not in unshared]
    return sorted(shared, key=lambda w: (-present[w], -weight[w], w))


def _qualifier_at(toks: list[str], i: int, shared: set[str], language: Language, reach: int) -> str:
    """The phrase from a preposition (at most ``reach`` words back) through ``toks[i]`` and the shared
    words after it ("in the 287(g) program"), if a preposition leads to it."""
    from factcheck.quantities import extract

    stem = stemmer(language)
    while i + 1 < len(toks) and stem(toks[i + 1].lower()) in shared:
        i += 1
    for j in range(i - 1, max(i - reach, -1), -1):
        if not toks[j][0].isalnum():
            return ""
        if toks[j].lower() in language.prepositions:
            following = toks[j + 1]
            if following.lower() not in language.determiners and not following[0].isupper():
                return ""
            text = " ".join(toks[j : i + 1])
            after = toks[i + 1] if i + 1 < len(toks) else ""
            probe = f"{after} {language.probe_noun}"
            return "" if extract(text, language=language) or extract(probe, language=language) else text
    return ""


def _qualifier(group: list[Statement], stems: list[str], language: Language, reach: int) -> str:
    """The prepositional phrase most sentences use around the most shared word: "in the 287(g) program"."""
    sentences = [_WORD.findall(s) for s in dict.fromkeys(st.sentence for st in group)]  # reading order: no hash order
    shared = set(stems)
    stem = stemmer(language)
    for wanted in stems[:3]:
        found: Counter[str] = Counter()
        for toks in sentences:
            for i, tok in enumerate(toks):
                if stem(tok.lower()) == wanted and (text := _qualifier_at(toks, i, shared, language, reach)):
                    found[text] += 1
        if found:
            return max(found, key=lambda t: (found[t], -len(t)))
    return ""


def subject_name(
    group: list[Statement],
    names: dict[str, str],
    language: Language = ENGLISH,
    settings: ConflictSettings = _DEFAULTS,
) -> str:
    """What the group counts and what its sentences share: "agencies in the 287(g) program".

    Without a phrase the sentences share, the noun phrase alone, with (up to) two shared words
    as ``names`` reads them: "tackles (defensed, fumble)".
    """
    phrase = _phrase(group, language)
    exclude = set(tokens(phrase, language)) | set(tokens(group[0].unit, language))
    stems = _shared_stems(group, exclude, language)
    qualifier = _qualifier(group, stems, language, settings.qualifier_words)
    if qualifier:
        return f"{phrase} {qualifier}"
    surface = [names.get(w, w) for w in stems[:2]]
    return f"{phrase} ({', '.join(surface)})" if surface else phrase
