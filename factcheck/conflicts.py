"""Where the documents, or the claims, disagree about the same quantity.

Every number stated in the documents and the catalogue becomes a *statement*: its
value as worded, the noun it counts, when it was true (a date in the sentence, an era
such as "at the end of the Obama administration", else the document's own date), and
what it is about (the weighted words of its sentence). Statements counting the same
noun whose sentences are about the same thing form a group; a group whose values cannot
all be true is reported — as a *change* when the differing values carry different
stated times (shown as a timeline), as a *conflict* otherwise.

What is not a disagreement: the same figure rounded ("67%" and "nearly two-thirds"),
different things counted (48 hours, 100 organizations), a part against its whole ("54
agencies, about a third of all agreements"), two figures of one sentence, and a claim
against the sentence it was copied from.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from rapidfuzz import fuzz, utils

from factcheck.catalogue import Catalogue, Resolution
from factcheck.analysis import Analysis
from factcheck.quantities import Quantity, compatible, describe, distinctive, extract, statement_time
from factcheck.settings import ConflictSettings
from factcheck.words import tokens

CONFLICT, CHANGE = "conflict", "change"

_PART_BEFORE = re.compile(r"\b(?:those|these|of\s+them|of\s+those|including|among\s+them)\s*$", re.IGNORECASE)


@dataclass
class Statement:
    quantity: Quantity
    sentence: str
    line: int
    doc: str | None = None
    claim: str | None = None
    column: int | None = None
    as_of: date | None = None
    as_of_text: str | None = None
    dated_in_text: bool = False  # the time comes from the statement's own words, not its document
    unit: str = ""
    part: bool = False
    key: tuple[str, int] = ("", 0)  # the sentence (or claim) it comes from
    position: int = 0  # which of its sentence's figures it is
    words: Counter[str] = field(default_factory=Counter)
    vector: dict[str, float] = field(default_factory=dict)

    @property
    def source(self) -> str:
        return f"claim {self.claim}" if self.claim is not None else f"{self.doc}:{self.line}"

    @property
    def kind_class(self) -> str:
        return "share" if self.quantity.share else self.quantity.kind

    @property
    def value(self) -> float:
        """As written: a percent as 67, a fraction as 0.667, a count as itself."""
        return round(self.quantity.value, 3)

    def timed(self) -> bool:
        return self.as_of is not None or self.as_of_text is not None


@dataclass
class ConflictGroup:
    subject: str
    severity: str  # conflict | change
    statements: list[Statement]
    resolution: Resolution | None = None

    @property
    def resolved(self) -> bool:
        return self.resolution is not None

    @property
    def claims(self) -> set[str]:
        return {s.claim for s in self.statements if s.claim is not None}

    def timeline(self) -> list[Statement]:
        """Statements in time order, undated ones last."""
        return sorted(self.statements, key=lambda s: (s.as_of is None, s.as_of or date.max))


# ------------------------------------------------------------------- statements


def _is_part(text: str, q: Quantity, found: list[Quantity]) -> bool:
    """A count named as a part of a whole: "those 54", "54 agencies, about a third of all"."""
    if _PART_BEFORE.search(text[max(0, q.start - 14):q.start]):
        return True
    if q.kind == "count":
        for other in found:
            if other.share and other.start > q.start and re.match(r"\s+of\s+(?:all|the)\b", text[other.end:other.end + 9]):
                return True
    return False


PHRASE_MARK = 1000  # added to a word's count when it stands in the counted phrase


def _statements_of(text: str, found: list[Quantity], prev_units: list[tuple[str, str]], base: dict,
                   content: Callable[[str], list[str]], prev_words: list[str] | None = None) -> list[Statement]:
    """One statement per figure; a figure with no noun of its own ("there were 142.") takes the
    previous sentence's noun, phrase and words."""
    out = []
    for position, q in enumerate(found):
        if q.is_date or q.hedge == "vague":
            continue
        if re.match(r"[\s-]*(?:years?|months?|weeks?)[\s-]old\b", text[q.end:q.end + 14], re.IGNORECASE):
            continue  # an age describes someone; it is not a figure sources report
        if q.kind == "money":
            unit = "$"  # the currency is what is counted; the sentence says of what
        elif q.share:
            unit = q.unit or ""  # "turnout reached 64 percent": a share of something unnamed
        else:
            single = len([x for x in found if not x.is_date]) == 1
            unit = q.unit or (prev_units[-1][0] if prev_units and single else "")
            if not unit:
                continue
        st = Statement(quantity=q, unit=unit, part=_is_part(text, q, found), position=position, **base)
        phrase = q.phrase if q.unit or not prev_units else prev_units[-1][1]
        st.words = Counter(st.words)
        if not q.unit and prev_words:
            st.words.update(set(prev_words))
        head = set(content(q.unit or unit))
        for w in content(phrase):
            st.words[w] += PHRASE_MARK
        for w in head:
            st.words.pop(w, None)  # shared by every statement of the bucket: says nothing
        out.append(st)
    return out


SentenceWords = dict[tuple[str, int], list[str]]


def sentence_words(analysis: Analysis) -> SentenceWords:
    """The content words of every evidence sentence, in reading order (which names subjects)."""
    return {(s.doc, s.index): analysis.content_words(s) for s in analysis.evidence_sentences()}


def document_statements(analysis: Analysis) -> list[Statement]:
    words_of = sentence_words(analysis)
    statements: list[Statement] = []
    for doc in analysis.corpus.documents:
        prev_units: list[tuple[str, str]] = []
        prev_words: list[str] = []
        for sent in doc.sentences:
            if not sent.evidence:
                prev_units, prev_words = [], []
                continue
            found = analysis.quantities(sent)
            when, when_text, stated = statement_time(sent.text, found, doc.date, doc.date_text)
            own = words_of[(sent.doc, sent.index)]
            base = dict(sentence=sent.text, line=sent.line, doc=sent.doc, column=sent.column, as_of=when,
                        as_of_text=when_text, dated_in_text=stated, key=(sent.doc, sent.index), words=Counter(own))
            statements.extend(_statements_of(sent.text, found, prev_units, base, analysis.content, prev_words))
            prev_units = [(q.unit, q.phrase) for q in found if q.unit and not q.is_date]
            prev_words = own
    return statements


def claim_statements(catalogue: Catalogue, analysis: Analysis) -> list[Statement]:
    statements = []
    for claim in catalogue.claims:
        found = extract(claim.text)
        when, when_text, stated = statement_time(claim.text, found, None, None)
        base = dict(sentence=claim.text, line=claim.line, claim=claim.id, as_of=when, as_of_text=when_text,
                    dated_in_text=stated, key=("claim:" + claim.id, 0), words=Counter(analysis.content(claim.text)))
        statements.extend(_statements_of(claim.text, found, [], base, analysis.content))
    return statements


# --------------------------------------------------------------------- grouping


class Stories:
    """How alike two documents are: sources can only disagree if they cover one story.

    Documents of one story (the five 287(g) articles) are 0.17-0.24 alike; unrelated web
    pages (WiCE) 0.04 at the median and under 0.12 for 99% of pairs.
    """

    MAX_CELLS = 25_000_000  # documents x shared words for the all-pairs matrix; lazier beyond

    def __init__(self, analysis: Analysis):
        corpus = analysis.corpus
        words_of = sentence_words(analysis)
        bags = [
            Counter(w for s in d.sentences if s.evidence for w in words_of[(s.doc, s.index)]) for d in corpus.documents
        ]
        df: Counter[str] = Counter()
        for bag in bags:
            df.update(bag.keys())
        n = max(len(bags), 1)
        self._row = {doc.path: i for i, doc in enumerate(corpus.documents)}
        self._vectors = [
            _unit_vector({w: (1 + math.log(c)) * math.log(1 + n / df[w]) for w, c in bag.items()}) for bag in bags
        ]
        # Words in one document only add nothing to any pair: the matrix needs the shared ones.
        shared = {w: j for j, w in enumerate(w for w, d in df.items() if d > 1)}
        self._matrix: np.ndarray | None = None
        if len(bags) * len(shared) <= self.MAX_CELLS:
            dense = np.zeros((len(bags), len(shared)), dtype=np.float32)
            for i, vec in enumerate(self._vectors):
                for w, v in vec.items():
                    j = shared.get(w)
                    if j is not None:
                        dense[i, j] = v
            self._matrix = dense @ dense.T
        self._cache: dict[tuple[int, int], float] = {}

    def similarity(self, a: str, b: str) -> float:
        i, j = self._row[a], self._row[b]
        if self._matrix is not None:
            return float(self._matrix[i, j])
        key = (i, j) if i < j else (j, i)
        if key not in self._cache:
            self._cache[key] = _dot(self._vectors[i], self._vectors[j])
        return self._cache[key]

    def same_story(self, a: Statement, b: Statement, threshold: float) -> bool:
        """Claims speak of the corpus's story; two documents must share theirs."""
        if a.doc is None or b.doc is None or a.doc == b.doc:
            return True
        return self.similarity(a.doc, b.doc) >= threshold


def _vectorise(statements: list[Statement], settings: ConflictSettings) -> None:
    """IDF-weighted, length-normalised word vectors; words of the counted phrase weigh more."""
    per_source: dict[tuple[str, int], set[str]] = defaultdict(set)
    for st in statements:
        per_source[st.key].update(st.words.keys())
    df: Counter[str] = Counter()
    for vocabulary in per_source.values():
        df.update(vocabulary)
    n = max(len(per_source), 1)
    for st in statements:
        vec: dict[str, float] = {}
        for w, c in st.words.items():
            boost = settings.phrase_weight if c >= PHRASE_MARK else 1.0
            count = c % PHRASE_MARK or 1
            vec[w] = boost * (1 + math.log(count)) * math.log(1 + n / df[w])
        st.vector = _unit_vector(vec)


def _unit_vector(weights: dict[str, float]) -> dict[str, float]:
    norm = math.sqrt(sum(v * v for v in weights.values())) or 1.0
    return {w: v / norm for w, v in weights.items()}


def _dot(a: dict[str, float], b: dict[str, float]) -> float:
    """Cosine of two unit vectors, walking the shorter one."""
    small, big = (a, b) if len(a) <= len(b) else (b, a)
    return sum(v * big.get(w, 0.0) for w, v in small.items())


def similarity(a: Statement, b: Statement) -> float:
    return _dot(a.vector, b.vector)


def _copied(a: Statement, b: Statement, cutoff: float) -> bool:
    """Whether the two sentences are one text, quoted or copied (a claim from its source)."""
    return fuzz.ratio(a.sentence, b.sentence, processor=utils.default_process) >= cutoff


def comparable_pair(a: Statement, b: Statement, settings: ConflictSettings, stories: Stories | None = None) -> bool:
    """Whether two statements speak of the same quantity of the same thing."""
    if a.key == b.key or a.kind_class != b.kind_class or a.unit != b.unit:
        return False
    if a.doc is not None and a.doc == b.doc and disagree(a, b) and not _stated_times_differ(a, b):
        # One document giving two figures for one noun speaks of two things (or two times).
        return False
    if stories is not None and not stories.same_story(a, b, settings.same_story):
        return False
    if _copied(a, b, settings.copied):
        # A copy is no second source; but a copy that changed a figure has drifted.
        return a.position == b.position and disagree(a, b)
    # A part ("54 agencies, a third of all") is compared with a total only when worded alike.
    if a.part != b.part:
        return similarity(a, b) >= settings.mirrors_part
    # One distinctive figure repeated by two sources is one fact, however differently worded.
    both = distinctive(a.quantity) and distinctive(b.quantity)
    if both and a.quantity.value == b.quantity.value:
        needed = settings.same_figure
    elif both:
        needed = settings.same_subject_cosine
    else:
        needed = max(settings.same_subject_cosine, settings.small_figure)
    return similarity(a, b) >= needed


def _stated_times_differ(a: Statement, b: Statement) -> bool:
    return a.dated_in_text and b.dated_in_text and (a.as_of != b.as_of or a.as_of_text != b.as_of_text)


def disagree(a: Statement, b: Statement) -> bool:
    return not compatible(a.quantity, b.quantity)


def relation(a: list[Statement], b: list[Statement], context: list[Statement], settings: ConflictSettings | None = None) -> str:
    """How two texts' statements relate: "conflict", "consistent" or "different" (subject)."""
    settings = settings or ConflictSettings()
    _vectorise(context + a + b, settings)
    _inherit_parts(context + a + b, settings)
    pairs = [(x, y) for x in a for y in b if comparable_pair(x, y, settings)]
    if any(disagree(x, y) for x, y in pairs):
        return CONFLICT
    return "consistent" if pairs else "different"


def _inherit_parts(statements: list[Statement], settings: ConflictSettings) -> None:
    """A statement repeating a part (a claim, a headline) is that part too.

    "ACLU: end deals with 54 local agencies" repeats the body's "54 ... agencies, about a
    third of all agreements": the same figure for the same thing, so not a total either.
    """
    parts = [s for s in statements if s.part]
    for st in statements:
        if st.part:
            continue
        for p in parts:
            if p.unit != st.unit or p.kind_class != st.kind_class or p.key == st.key:
                continue
            if p.quantity.value == st.quantity.value and similarity(p, st) >= settings.same_part:
                st.part = True
                break


def plural(noun: str) -> str:
    if noun == "$":
        return "amounts of money"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    return noun + "s"


def _subject(group: list[Statement], names: dict[str, str]) -> str:
    """What the group counts, and the words its statements share: "agencies: local obama program"."""
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


def _severity(group: list[Statement], settings: ConflictSettings, stories: Stories | None) -> str | None:
    """None when the values agree; a change when they differ only across stated times.

    Parts are weighed against totals only where the two are worded alike.
    """
    severity = None
    for i, a in enumerate(group):
        for b in group[i + 1:]:
            if a.key == b.key or not disagree(a, b):
                continue
            if (a.part != b.part or a.doc == b.doc) and not comparable_pair(a, b, settings, stories):
                continue
            if _copied(a, b, settings.copied) and a.position != b.position:
                continue
            if stories is not None and not stories.same_story(a, b, settings.same_story):
                continue
            if a.timed() and b.timed() and (a.as_of != b.as_of or a.as_of_text != b.as_of_text) and not (
                a.as_of and b.as_of and a.as_of == b.as_of
            ):
                severity = severity or CHANGE
            else:
                return CONFLICT
    return severity


def find_conflicts(statements: list[Statement], settings: ConflictSettings | None = None,
                   stories: Stories | None = None, names: dict[str, str] | None = None) -> list[ConflictGroup]:
    """Group statements about the same quantity and keep the groups that disagree.

    ``names``: a readable word for each stem (:attr:`Analysis.surface`), for subjects.
    """
    settings = settings or ConflictSettings()
    names = names or {}
    _vectorise(statements, settings)
    _inherit_parts(statements, settings)
    buckets: dict[tuple[str, str], list[int]] = defaultdict(list)
    for i, st in enumerate(statements):
        buckets[(st.kind_class, st.unit)].append(i)
    parent = list(range(len(statements)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for members in buckets.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                if comparable_pair(statements[i], statements[j], settings, stories):
                    parent[find(i)] = find(j)
    components: dict[int, list[Statement]] = defaultdict(list)
    for members in buckets.values():
        for i in members:
            components[find(i)].append(statements[i])
    groups = []
    for component in components.values():
        if len(component) < 2:
            continue
        severity = _severity(component, settings, stories)
        if severity:
            _borrow_years(component)
            groups.append(ConflictGroup(_subject(component, names), severity, component))
    groups.sort(key=lambda g: (g.severity != CONFLICT, g.subject))
    return groups


def _borrow_years(group: list[Statement]) -> None:
    """ "By April" with no year takes the year another statement of the group gives that month."""
    known: dict[tuple[int | None, float], date] = {
        (s.as_of.month, s.quantity.value): s.as_of for s in group if s.as_of and s.dated_in_text
    }
    for st in group:
        if st.as_of is None and st.as_of_text:
            found = [q for q in extract(st.as_of_text) if q.is_date and q.month and not q.year]
            if found:
                match = known.get((found[0].month, st.quantity.value))
                if match:
                    st.as_of = match


def apply_resolutions(groups: list[ConflictGroup], resolutions: list[Resolution],
                      settings: ConflictSettings | None = None) -> list[Resolution]:
    """Mark the groups a writer has decided; return resolutions that matched nothing."""
    cutoff = (settings or ConflictSettings()).resolution_match
    unused = []
    for res in resolutions:
        matched = False
        for group in groups:
            by_claims = bool(res.claims) and bool(set(res.claims) & group.claims)
            by_subject = fuzz.token_set_ratio(res.subject, group.subject, processor=utils.default_process) >= cutoff
            if not (by_claims or by_subject):
                continue
            if res.value is not None and not _value_in_group(res.value, group):
                continue
            group.resolution = res
            matched = True
        if not matched:
            unused.append(res)
    return unused


def _value_in_group(value: str, group: ConflictGroup) -> bool:
    wanted = extract(value)
    if not wanted:
        return any(value.strip().lower() == s.quantity.text.lower() for s in group.statements)
    return any(compatible(wanted[0], s.quantity) or describe(wanted[0]) == describe(s.quantity) for s in group.statements)


def statements_for(analysis: Analysis, catalogue: Catalogue | None) -> list[Statement]:
    out: list[Statement] = []
    out.extend(document_statements(analysis))
    if catalogue is not None:
        out.extend(claim_statements(catalogue, analysis))
    return out

