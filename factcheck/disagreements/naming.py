"""What a group of statements is called: the noun it counts and the words its statements share."""

from __future__ import annotations

from collections import Counter, defaultdict

from factcheck.disagreements.model import Statement
from factcheck.words import tokens


def plural(noun: str) -> str:
    if noun == "$":
        return "amounts of money"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def subject_name(group: list[Statement], names: dict[str, str]) -> str:
    """What the group counts, and the words its statements share: "agencies: local obama program".

    Shared words are the (up to) three heaviest that two or more statements have, each
    shown as ``names`` reads its stem, in alphabetical order.
    """
    noun = plural(group[0].unit)
    if group[0].quantity.share:
        noun = "share of " + noun
    weight: dict[str, float] = defaultdict(float)
    present: Counter[str] = Counter()
    for st in group:
        for w, v in st.vector.items():
            weight[w] += v
            present[w] += 1
    unit_stem = set(tokens(group[0].unit))
    ranked = sorted(weight, key=weight.__getitem__, reverse=True)
    shared = [w for w in ranked if present[w] >= 2 and w not in unit_stem][:3]
    surface = [names.get(w, w) for w in shared]
    return f"{noun}: {' '.join(sorted(surface))}" if surface else noun
