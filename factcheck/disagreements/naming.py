"""What a group of statements is called, in the words of its sentences.

A subject is the counted noun phrase as written ("local law enforcement agencies", or its
head noun, "agencies", when the group's statements word it differently), followed by the
phrase its sentences use for what they share: "agencies in the 287(g) program". Never
stems: every word shown is one a source wrote.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from factcheck.disagreements.model import Statement
from factcheck.lang.en import SCALES, SMALL, TENS
from factcheck.words import stem, tokens

PREPOSITIONS = {"in", "of", "at", "for", "on", "from", "by", "with", "past", "under", "across", "per", "about"}
DETERMINERS = {"the", "a", "an", "their", "its", "his", "her", "our", "this", "that", "these", "those", "all"}
_WORD = re.compile(r"[\w()’'.&-]*\w[\w()’']*|[,;:!?“”\"]")
_TIME_WORDS = {"year", "month", "day", "week", "time", "end", "administr"}
MAX_QUALIFIER_WORDS = 5
NUMBER_WORDS = {stem(w) for w in (*SMALL, *TENS, *SCALES)}


def plural(noun: str) -> str:
    if noun == "$":
        return "amounts of money"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def _phrase(group: list[Statement]) -> str:
    """The counted noun phrase; "share of ..." for percents and fractions."""
    phrase = _noun_phrase(group)
    if group[0].quantity.share and group[0].quantity.phrase:
        return "share of " + phrase
    return phrase


def _noun_phrase(group: list[Statement]) -> str:
    """The counted noun phrase: the one most statements use when most use it, else its head noun."""
    phrases = Counter(" ".join(s.quantity.phrase.split()) for s in group if s.quantity.phrase)
    if not phrases:
        if not group[0].unit:
            return "shares" if group[0].quantity.share else "values"
        noun = plural(group[0].unit)
        return ("share of " + noun) if group[0].quantity.share else noun
    ((best, n),) = phrases.most_common(1)
    best = _after_number(best)
    if n * 2 >= len(group) or len(phrases) == 1:
        return best
    heads = Counter(_after_number(p).split()[-1] for p in phrases)
    return heads.most_common(1)[0][0]


def _after_number(phrase: str) -> str:
    """ "sons three daughters" is a list: the phrase is what follows its last number word."""
    from factcheck.quantities import extract

    found = extract(phrase)
    if found:
        rest = phrase[found[-1].end :].strip()
        if rest:
            return rest
    return phrase


def distinct(group: list[Statement]) -> list[Statement]:
    """The group without copies: one statement per (sentence of an article, figure), the first read."""
    return list({(st.key, st.position): st for st in group}.values())


def _shared_stems(group: list[Statement], exclude: set[str]) -> list[str]:
    """Stems two or more statements share, the most widely shared (then heaviest) first.

    A statement's copies (the same sentence of a copied page) count once.
    """
    weight: dict[str, float] = defaultdict(float)
    present: Counter[str] = Counter()
    for st in distinct(group):
        for w, v in st.vector.items():
            weight[w] += v
            present[w] += 1
    shared = [
        w for w in weight if present[w] >= 2 and w not in exclude and w not in _TIME_WORDS and w not in NUMBER_WORDS
    ]
    return sorted(shared, key=lambda w: (-present[w], -weight[w], w))


def _qualifier_at(toks: list[str], i: int, shared: set[str]) -> str:
    """The phrase from a preposition through ``toks[i]`` and the shared words after it
    ("in the 287(g) program"), if a preposition leads to it."""
    from factcheck.quantities import extract

    while i + 1 < len(toks) and stem(toks[i + 1].lower()) in shared:
        i += 1
    for j in range(i - 1, max(i - MAX_QUALIFIER_WORDS, -1), -1):
        if not toks[j][0].isalnum():
            return ""
        if toks[j].lower() in PREPOSITIONS:
            following = toks[j + 1]
            if following.lower() not in DETERMINERS and not following[0].isupper():
                return ""
            text = " ".join(toks[j : i + 1])
            after = toks[i + 1] if i + 1 < len(toks) else ""
            return "" if extract(text) or extract(f"{after} things") else text
    return ""


def _qualifier(group: list[Statement], stems: list[str]) -> str:
    """The prepositional phrase most sentences use around the most shared word: "in the 287(g) program"."""
    sentences = [_WORD.findall(s) for s in dict.fromkeys(st.sentence for st in group)]  # reading order: no hash order
    shared = set(stems)
    for wanted in stems[:3]:
        found: Counter[str] = Counter()
        for toks in sentences:
            for i, tok in enumerate(toks):
                if stem(tok.lower()) == wanted and (text := _qualifier_at(toks, i, shared)):
                    found[text] += 1
        if found:
            return max(found, key=lambda t: (found[t], -len(t)))
    return ""


def subject_name(group: list[Statement], names: dict[str, str]) -> str:
    """What the group counts and what its sentences share: "agencies in the 287(g) program".

    Without a phrase the sentences share, the noun phrase alone, with (up to) two shared words
    as ``names`` reads them: "tackles (defensed, fumble)".
    """
    phrase = _phrase(group)
    exclude = set(tokens(phrase)) | set(tokens(group[0].unit))
    stems = _shared_stems(group, exclude)
    qualifier = _qualifier(group, stems)
    if qualifier:
        return f"{phrase} {qualifier}"
    surface = [names.get(w, w) for w in stems[:2]]
    return f"{phrase} ({', '.join(surface)})" if surface else phrase
