"""One sentence against the claim: supports, contradicts, or neither, with the figures that decided.

A sentence supports a claim when it speaks of the same thing (enough of the claim's weighted
words) and every number of the claim finds a number there that makes it true, the wording's
latitude understood. It contradicts when it is clearly about the same thing and states a figure of
the same kind, for the same noun, that cannot be squared with the claim's: even beside figures
that agree ("2,301 paintings in 14 galleries" against 2,310 in 14). A loose match that merely
lacks the claim's numbers contradicts nothing. A claim naming its time is neither backed nor
contradicted by a figure for another time, and a value the sentence says was replaced ("cut from
$40 to $25") backs no claim of the present.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise

from factcheck.corpus.html import first_cell, is_row
from factcheck.judges.rules.figures import agrees, range_ends, ratio_fits, same_unit
from factcheck.lang import ENGLISH, Language
from factcheck.polarity import clause_starts
from factcheck.quantities import Quantity, comparable, compatible, entails, singular, statement_time
from factcheck.quantities.compare import bounds_apart
from factcheck.quantities.time import (
    Moment,
    When,
    after_turn,
    at_same_time,
    dated_figures,
    is_past,
    superseded,
    when_stated,
)
from factcheck.quantities.units import per_unit
from factcheck.quantities.versions import as_version
from factcheck.retrieval.base import Hit
from factcheck.settings import VerdictSettings
from factcheck.verdicts import CONTRADICTS, NEUTRAL, SUPPORTS, Evidence
from factcheck.words import stem, surface_words, tokens


@dataclass
class _Sides:
    """A claim's and a sentence's quantities, sorted into figures and dates, with the time each is for."""

    numbers: list[Quantity]
    dates: list[Quantity]
    own_numbers: list[Quantity]
    own_dates: list[Quantity]
    claim_text: str = ""
    sentence_text: str = ""
    language: Language = ENGLISH
    heading: list[Quantity] = field(default_factory=list)  # the versions and dates of the heading above it
    claim_times: dict[Quantity, When] = field(default_factory=dict)  # a claim figure -> the time it is for
    own_times: dict[Quantity, When] = field(default_factory=dict)  # a sentence figure -> its time, from its words
    heading_time: When | None = None
    document: date | None = None  # the document's date, as a year
    claim_past: bool = False  # the claim speaks of the past, undated ("the fee was $40")
    item: bool = False  # the sentence is a short line of its own, without a full stop: a list's item
    _nouns: set[str] | None = None  # the sentence's words, singular: read once, when a figure's noun is asked
    sole: list[Quantity] = field(default_factory=list)  # figures that alone back one of the claim's
    clashing: dict[Quantity, list[Quantity]] = field(default_factory=dict)  # a claim figure none backs -> its clashes
    set_aside: list[str] = field(default_factory=list)  # figures that would back the claim's but for their time
    heading_backs: bool = False  # a claim figure is backed by the heading the sentence stands under
    owned: dict[Quantity, list[Quantity]] = field(default_factory=dict)  # a version -> the claim's it is of

    @classmethod
    def of(
        cls,
        claim_qs: list[Quantity],
        found: list[Quantity],
        claim_text: str = "",
        sentence_text: str = "",
        language: Language = ENGLISH,
    ) -> _Sides:
        return cls(
            [q for q in claim_qs if not q.is_date],
            [q for q in claim_qs if q.is_date],
            [q for q in found if not q.is_date],
            [q for q in found if q.is_date],
            claim_text,
            sentence_text,
            language,
        )

    def timed(
        self, claim_qs: list[Quantity], found: list[Quantity], heading: list[Quantity], doc_date: date | None
    ) -> _Sides:
        """The time of each figure: the claim's from its own dates; the sentence's from its own words, else its
        heading's date, else its document's (as a year, and for support only when the sentence speaks of now)."""
        self.heading = [q for q in heading if q.is_version or q.is_date]
        self.claim_times = dated_figures(self.claim_text, claim_qs, doc_date, self.language)
        self.own_times = dated_figures(self.sentence_text, found, doc_date, self.language)
        self.heading_time = next((t for q in heading if q.is_date and (t := when_stated(q, doc_date))), None)
        self.document = Moment(doc_date.year) if doc_date else None
        self.claim_past = not self.dates and is_past(self.claim_text, self.language)
        return self

    @property
    def present(self) -> bool:
        """Whether the sentence speaks of now ("runs", not "ran"): its document's date is then its figures'."""
        return not is_past(self.sentence_text, self.language)

    def same_rate(self, c: Quantity, x: Quantity) -> bool:
        """Both totals, or both rates per the same thing: "3.4 million litres a day" is no tank's size."""
        return per_unit(self.claim_text, c.end, self.language) == per_unit(self.sentence_text, x.end, self.language)

    def names_noun(self, c: Quantity) -> bool:
        """Whether the sentence names what the claim's figure counts ("agreements" for "54 agreements")."""
        if not c.unit:
            return True
        if self._nouns is None:
            self._nouns = {singular(w, self.language) for w in surface_words(self.sentence_text, self.language)}
        return c.unit in self._nouns


def stance(
    claim_qs: list[Quantity],
    hit: Hit,
    found: list[Quantity],
    context: list[Quantity],
    doc_date: date | None,
    doc_date_text: str | None,
    thresholds: VerdictSettings,
    claim_text: str = "",
    language: Language = ENGLISH,
    heading: tuple[str, list[Quantity]] | None = None,
    item: bool = False,
) -> Evidence:
    """One sentence against the claim: a question states nothing (never a stance); a claim without figures
    or dates is supported by a sentence covering ``support_text`` of its weighted words, unless the sentence
    says that was so once and is no longer (:func:`replaced`); with dates only, :func:`judge_dates` decides;
    with figures, :func:`judge_numbers`. The sentence's time (its own date or era, else its heading's, else
    its document's) is kept with it; ``item``: the sentence is a list's item under its ``heading``."""
    heading_text, heading_qs = heading or (None, [])
    claim_qs, found = _versions_read(claim_qs, found, heading_qs)
    sides = _Sides.of(claim_qs, found, claim_text, hit.sentence.text, language).timed(
        claim_qs, found, heading_qs, doc_date
    )
    sides.item = item
    dated_heading = isinstance(sides.heading_time, date)  # a heading's "April", without its year, dates nothing
    fallback = sides.heading_time if isinstance(sides.heading_time, date) else doc_date
    fallback_text = heading_text if dated_heading else doc_date_text
    as_of, as_of_text, _ = statement_time(hit.sentence.text, found, fallback, fallback_text, language)
    evidence = Evidence(hit.sentence, hit.score, NEUTRAL, as_of=as_of, as_of_text=as_of_text, context=hit.context)
    if hit.sentence.question:
        pass  # a question states nothing: shown, never a stance
    elif not sides.numbers and not sides.dates:
        if hit.score >= thresholds.support_text:
            evidence.stance = SUPPORTS
            replaced(evidence, sides)
    elif not sides.numbers:
        judge_dates(evidence, sides, thresholds, close=thresholds.contradict if one_event(sides) else None)
    else:

        def of(part: list[Quantity]) -> _Sides:
            clause = _Sides.of(claim_qs, part, claim_text, hit.sentence.text, language)
            return clause.timed(claim_qs, part, heading_qs, doc_date)

        if not by_clauses(evidence, sides, of, context, thresholds):
            judge_numbers(evidence, sides, context, thresholds)
    return evidence


def by_clauses(
    evidence: Evidence,
    sides: _Sides,
    of: Callable[[list[Quantity]], _Sides],
    context: list[Quantity],
    thresholds: VerdictSettings,
) -> bool:
    """A sentence of clauses joined by semicolons, each with figures of its own ("8.3 the version number is 4; 8.1
    and 8.2 used version number 3"), pairs the claim's figures clause by clause: a clause that backs every
    figure of the claim supports; else a clause that backs one of them and clashes with another contradicts
    ("8.2 wrote version 4" against the clause of 8.2 and 3). The 4 of 8.3's clause backs nothing of 8.2's. A
    claim of one figure, or a table's row (its cells are one statement), is judged whole. Returns whether a
    clause decided."""
    text = sides.sentence_text
    if len(sides.numbers) < 2 or ";" not in text or is_row(text):
        return False
    ends = [m.start() for m in re.finditer(";", text)] + [len(text)]
    judged = []
    for start, end in zip([0, *ends[:-1]], ends, strict=True):
        part = [q for q in sides.own_numbers + sides.own_dates if start <= q.start < end]
        if any(not q.is_date for q in part):
            clause = replace(evidence, agreeing=[], disagreeing=[])
            judge_numbers(clause, of(part), context, thresholds)
            judged.append(clause)
    decided = next((e for e in judged if e.stance == SUPPORTS), None) or next(
        (e for e in judged if e.stance == CONTRADICTS and e.agreeing), None
    )
    if decided is None:
        return False
    evidence.stance, evidence.agreeing, evidence.disagreeing = decided.stance, decided.agreeing, decided.disagreeing
    evidence.reason = decided.reason
    return True


def _versions_read(
    claim_qs: list[Quantity], found: list[Quantity], heading: list[Quantity]
) -> tuple[list[Quantity], list[Quantity]]:
    """Where versions are named (on either side), plain dotted figures are read as versions too: "coreutils 9.0"
    against "release 9.0", "in 3.10" against "Python 3.10", "Python 3.11 ... than 3.10"."""
    if any(q.is_version for q in (*claim_qs, *found, *heading)):
        claim_qs = [as_version(q) for q in claim_qs]
    if any(q.is_version for q in (*claim_qs, *found)):
        found = [as_version(q) for q in found]
    return claim_qs, found


def replaced(evidence: Evidence, sides: _Sides) -> None:
    """A sentence saying a state is no longer so ("Previously the files were owned by root", "used to") backs
    no claim of the present: it contradicts one that says it is so now, and is neutral to one of the past.
    Where it goes on to the new state ("used to use all refs, but now only those it advertised"), a claim
    using the new state's own words is of the new state, and stands."""
    cue = superseded(sides.sentence_text, sides.language)
    if cue is None or cue.lower() in sides.language.negations or superseded(sides.claim_text, sides.language):
        return  # "no longer" is a denial: the denial rule reads it (parts.denied)
    old, new = after_turn(sides.sentence_text, cue, sides.language)
    if set(tokens(new, sides.language)) - set(tokens(old, sides.language)) & set(tokens(sides.claim_text)):
        return  # "used to X, but now Y": the claim says what is so now
    if is_past(sides.claim_text, sides.language):
        evidence.stance = NEUTRAL
        return
    evidence.stance, evidence.reason = CONTRADICTS, f"replaced: {cue.upper()}"


def _shown(when: When | None) -> str:
    """A time as a reason shows it: "2023", "2021-03", or a date's words ("April")."""
    return when.text if isinstance(when, Quantity) else str(when)


def _listed(quantities: list[Quantity]) -> str:
    """The figures as written, each once: "2015, 2016"."""
    return ", ".join(dict.fromkeys(q.text for q in quantities))


def release_line(sides: _Sides) -> bool:
    """A claim of when a version came out ("released", "came out") against its release line: a short line with
    a date, and the claim's version in it or in the heading above it ("version 2.7 - 2019-03-14", "Release
    date: 2023-02-09" under "E.19. Release 15.2"): that date is the release's, however few words it shares."""
    words = {w.lower() for w in surface_words(sides.claim_text, sides.language)}
    versioned = any(q.is_version for q in (*sides.own_numbers, *sides.heading))
    return sides.item and bool(sides.own_dates) and versioned and bool(words & sides.language.release_words)


def one_event(sides: _Sides) -> bool:
    """A claim dating one event ("The Hartley Trust was set up in 1998") against a sentence that names everything
    the claim names (its capitalised words) and gives one date, of the claim's precision or finer: that date is
    the event's, and another contradicts at ``contradict`` coverage, not ``contradict_unnamed`` (the verb may
    be said otherwise: "was formed", "started"); the date's own clause must name something the claim names
    (:func:`_names_its_clause`)."""
    if len(sides.dates) != 1 or len({(x.year, x.month, x.day) for x in sides.own_dates}) != 1:
        return False
    (c,), x = sides.dates, sides.own_dates[0]
    if c.year is None or x.year is None or (c.month is not None and x.month is None):
        return False
    names = _names(sides.claim_text, sides.language)
    if not names or not names <= _names(sides.sentence_text, sides.language, every=True):
        return False
    return _names_its_clause(sides, x, names)


def _names_its_clause(sides: _Sides, x: Quantity, names: set[str]) -> bool:
    """Whether the clause the sentence's date stands in names something the claim names: "... with William DuVall
    taking over at the mic for the late Layne Staley, who died ... back in 2002" dates Staley's death, not
    DuVall's tour."""
    text = sides.sentence_text
    bounds = [0, *(m.start() for m in clause_starts(sides.language, commas=False).finditer(text)), len(text)]
    for start, end in pairwise(bounds):
        if start <= x.start < end:
            return bool(names & _names(text[start:end], sides.language, every=True))
    return False


def _names(text: str, language: Language, every: bool = False) -> set[str]:
    """The capitalised words of a text, lowercased, stopwords and months aside ("Debian's" is "debian"); with
    ``every``, all its words (a name said in lower case still names)."""
    written = (m.group(0) for m in _WORD.finditer(text))
    words = (w.lower().removesuffix("'s").removesuffix("’s") for w in written if every or w[0].isupper())
    return {w for w in words if w not in language.stopwords and w not in language.months}


_WORD = re.compile(r"[^\W\d_][\w'’]*")


def judge_dates(
    evidence: Evidence,
    sides: _Sides,
    thresholds: VerdictSettings,
    close: float | None = None,
    support_at: float | None = None,
) -> None:
    """The dates are the claim's content ("released in April 2022"): every claim date matched by the sentence
    (or, where it has none, by the heading it stands under) supports (at ``support_numbers`` coverage);
    another date contradicts only in a close sentence (``contradict_unnamed``, or ``close`` where the
    sentence's version is the claim's), since a sentence's other date is often another event's; a release
    line (:func:`release_line`) decides at any coverage (``support_at``, ``close``). A date is compared at the
    precision written: 2019 fits 14 March 2019."""
    own = sides.own_dates or [q for q in sides.heading if q.is_date]
    agree = [x for c in sides.dates for x in sides.own_dates if compatible(c, x)]
    clash = [x for c in sides.dates for x in sides.own_dates if not compatible(c, x)]
    if own and all(any(compatible(c, x) for x in own) for c in sides.dates):
        if evidence.score >= (thresholds.support_numbers if support_at is None else support_at):
            evidence.stance, evidence.agreeing = SUPPORTS, agree
    elif clash and evidence.score >= (thresholds.contradict_unnamed if close is None else close):
        # Another date in a sentence is often another event's: only a close sentence contradicts.
        evidence.stance, evidence.disagreeing = CONTRADICTS, clash
        evidence.reason = f"date: {_listed(sides.dates)} vs {_listed(clash)}"


def clashes(c: Quantity, sides: _Sides, cover: float, thresholds: VerdictSettings) -> list[Quantity]:
    """The sentence's figures that measure what the claim's ``c`` measures, for its time, and cannot equal it:
    a cap or a floor another bound of the same kind does not equal (:func:`~factcheck.quantities.compare.bounds_apart`:
    "up to 256" against "up to 100"). A figure naming nothing it counts clashes only as :func:`unnamed_clash` says.
    A value the sentence says was replaced clashes only with a claim's replaced value; a vague count ("dozens of")
    only with a plain figure far outside it (:func:`_vague_apart`: "about five")."""
    return [
        x
        for x in sides.own_numbers
        if comparable(c, x)
        and (not compatible(c, x) or bounds_apart(c, x))
        and _vague_apart(c, x)
        and not _average_and_range(c, x)
        and x.former == c.former
        and sides.same_rate(c, x)
        and not about_another_time(c, x, sides, support=False)
        and not conditional_bound(x, sides)
        and (
            _same_thing(c, x, sides)
            or respective(c, x, sides)
            or (same_unit(c, x) is None and unnamed_clash(c, sides, cover, thresholds))
        )
    ]


BOUNDS = ("more", "less", "at_least", "at_most")


def conditional_bound(x: Quantity, sides: _Sides) -> bool:
    """A bound in a condition's clause ("fix a crash if an input number has more than 127 digits") says when
    something happens, not what the quantity is: it clashes with no claim figure."""
    if x.hedge not in BOUNDS:
        return False
    clause = re.split(r"[,;:()]", sides.sentence_text[: x.start])[-1]
    return any(w in sides.language.conditionals for w in re.findall(r"[a-z]+", clause.lower()))


def unnamed_clash(c: Quantity, sides: _Sides, cover: float, thresholds: VerdictSettings) -> bool:
    """A figure that names nothing it counts clashes with the claim's only in a close sentence
    (``contradict_unnamed``), and never where the sentence gives a figure of what the claim's counts (the same
    noun) that can be it: that one is the claim's figure's counterpart, and the unnamed one is of another thing
    ("about 6 decimal digits" against "a range of around 1E-37 to 1E+37 with ... at least 6 decimal digits")."""
    if cover < thresholds.contradict_unnamed:
        return False
    return not any(same_unit(c, y) and comparable(c, y) and compatible(c, y) for y in sides.own_numbers)


VAGUE_APART = 2.0  # how many times smaller (or larger) than a vague count's least (greatest) value a figure must be


def _vague_apart(c: Quantity, x: Quantity) -> bool:
    """A vague count ("dozens of") clashes only with a plain figure (exact or about) far outside what it allows:
    "about five" is no "dozens" (under half its least, 24); 20 may be, in loose speech; a bound ("more than 400")
    may hold it; two vague counts never clash."""
    if "vague" not in (c.hedge, x.hedge):
        return True
    if c.hedge == x.hedge:
        return False
    vague, plain = (c, x) if c.hedge == "vague" else (x, c)
    if plain.hedge not in ("exact", "approx"):
        return False  # "more than 400 centers" may hold the "dozens" bought: a bound is no clash
    (lo, hi), (p_lo, p_hi) = vague.interval(), plain.interval()
    return p_hi * VAGUE_APART < lo or p_lo > hi * VAGUE_APART


def _average_and_range(c: Quantity, x: Quantity) -> bool:
    """An average against a range of values ("25% on average", "between 10% and 60%"): two statistics, which
    neither back nor contradict each other."""
    return (c.hedge == "range") != (x.hedge == "range") and (c.average or x.average)


def respective(c: Quantity, x: Quantity, sides: _Sides) -> bool:
    """A figure the sentence gives "respectively" is its name's: in "the default for UID_MIN (resp. UID_MAX) is
    1000 (resp. 60000)", 60000 is UID_MAX's and 1000 UID_MIN's. The claim's figure is the name's said last before
    it ("the default UID_MAX is 65535"): the same name on both sides makes them one thing."""
    names = _respective_names(sides.sentence_text, sides.language)
    if x.start not in names and x.end not in names:
        return False
    claimed = _name_before(sides.claim_text, c.start, sides.language)
    return claimed is not None and claimed == names.get(x.start, names.get(x.end))


def _respective_names(text: str, language: Language) -> dict[int, str]:
    """The figures of a sentence with "resp." (one pair of names, one pair of figures): each figure's start (the
    one in parentheses) or end (the one before them) -> its name, lowercased."""
    words = "|".join(re.escape(w) for w in language.respectively)
    groups = list(re.finditer(rf"(?P<before>[\w.,-]+)\s*\(\s*(?:{words})\s*(?P<inner>[^()]+?)\s*\)", text))
    named = [m for m in groups if not any(ch.isdigit() for ch in m.group("inner"))]
    figures = [m for m in groups if re.fullmatch(r"[\d.,]+", m.group("inner"))]
    if len(named) != 1 or len(figures) != 1:
        return {}
    (n,), (f,) = named, figures
    return {f.end("before"): n.group("before").lower(), f.start("inner"): n.group("inner").lower()}


def _name_before(text: str, start: int, language: Language) -> str | None:
    """The last word before a figure in its clause that is no stopword ("UID_MAX" of "the default UID_MAX is
    65535"), lowercased."""
    clause = re.split(r"[,;:()]", text[:start])[-1]
    words = [w.lower() for w in re.findall(r"[A-Za-z_][\w]*", clause)]
    return next((w for w in reversed(words) if w not in language.stopwords), None)


def _same_thing(c: Quantity, x: Quantity, sides: _Sides) -> bool:
    """Both count the same named thing; for versions, also where the sentence names the claim's product
    ("(use 1.11.3 or later)" beside "Automake")."""
    same = same_unit(c, x)
    return bool(same) or (same is None and c.is_version and x.is_version and bool(c.unit) and sides.names_noun(c))


def _fits(c: Quantity, sides: _Sides, cover: float, thresholds: VerdictSettings) -> list[Quantity]:
    """The sentence's figures (its heading's versions and dates too) that back the claim's ``c``, for its time;
    one that would but for its time, or for being replaced, is noted in ``sides.set_aside``."""
    own = []
    for x in sides.own_numbers:
        if not agrees(c, x, cover, thresholds, lambda: sides.names_noun(c)):
            continue
        if about_another_time(c, x, sides, support=True):
            sides.set_aside.append(f"another time: {x.text} ({_shown(_time_of(x, sides, support=True))})")
        elif x.former and not (c.former or sides.claim_past):
            sides.set_aside.append(f"replaced: {x.text}")
        elif not c.former or x.former or not sides.present:
            own.append(x)
    if not own:
        own = range_ends(c, [x for x in sides.own_numbers if not x.former])
    if not own and c.share:
        own = ratio_fits(c, [x for x in sides.own_numbers if x.kind == "count" and not x.former])
    if not own and c.is_version and not any(x.is_version and same_unit(c, x) is not False for x in sides.own_numbers):
        # a line with a version is its own; one of another product ("tzdata release 2022g") stands under the heading
        own = [x for x in sides.heading if agrees(c, x, cover, thresholds)]
    return own


def align_numbers(
    sides: _Sides, context: list[Quantity], cover: float, thresholds: VerdictSettings
) -> tuple[list[Quantity], list[Quantity], bool]:
    """Each claim figure against the sentence: (agreeing, disagreeing, whether every figure agrees). Only the
    sentence's own figures are listed (a heading's back the claim without being listed). A figure that is
    the only one backing one of the claim's figures is kept in ``sides.sole``; a version of the release or
    series of a claim's version, in ``sides.owned``."""
    agreeing: list[Quantity] = []
    disagreeing: list[Quantity] = []
    all_agree = True
    for c in sides.numbers:
        fits = _fits(c, sides, cover, thresholds)
        if (
            not fits
            and cover >= thresholds.support_text
            and any(not x.is_date and agrees(c, x, cover, thresholds) for x in context)
        ):
            all_agree = False  # a neighbour's figure: enough not to contradict, not enough to support
            continue
        if fits:
            agreeing.extend(x for x in fits if x in sides.own_numbers)
            sides.heading_backs = sides.heading_backs or any(x in sides.heading for x in fits)
            if len({x.version or x.value for x in fits}) == 1:  # "Python 1.6.1 ... Python 1.6.1": one, said twice
                sides.sole.extend(fits)
            for x in fits:
                if _of_release(c, x):
                    sides.owned.setdefault(x, []).append(c)
            continue
        all_agree = False
        sides.clashing[c] = clashes(c, sides, cover, thresholds)
        disagreeing.extend(sides.clashing[c])
    return agreeing, disagreeing, all_agree


def _of_release(c: Quantity, x: Quantity) -> bool:
    """Whether a version backing the claim's version ``c`` is of its release or series ("4.2", "as of 4.2.8" for
    the claim's 4.2)."""
    ck = c.version_key()
    return c.is_version and x.is_version and len(ck) > 0 and x.version_key()[: len(ck)] == ck


def about_another_time(c: Quantity, x: Quantity, sides: _Sides, support: bool) -> bool:
    """A claim figure naming its time ("In March 2021 the fleet ran 44 buses") is neither backed nor contradicted
    by a figure for another time: the time the sentence's own words give it, else its heading's, else its
    document's date (as a year) — for backing only when the sentence speaks of now ("runs", not "ran").
    A version's date is what the claim says of it, not its time (:func:`judge_numbers`)."""
    claimed = sides.claim_times.get(c)
    if claimed is None or c.is_version:
        return False
    when = _time_of(x, sides, support)
    return when is not None and not at_same_time(claimed, when)


def _time_of(x: Quantity, sides: _Sides, support: bool) -> When | None:
    """The time a sentence's figure is for (see :func:`about_another_time`), or None where nothing says."""
    when = sides.own_times.get(x) or sides.heading_time
    if when is None and (sides.present or not support):
        when = sides.document
    return when


def _support_at(sides: _Sides, agreeing: list[Quantity], thresholds: VerdictSettings) -> float:
    """The coverage a sentence whose figures all agree needs: ``support_numbers``; but ``support_text`` where
    the claim's figures are versions the sentence names itself ("In Python 3.11, the core modules are
    frozen") or its heading names above prose: the version says where, the words say what. A changelog's
    item under its version ("* Support for lzip archives" under "version 2.6", "cksum -a now supports the
    'sm3' argument." under "release 9.0") that says most of the claim's words (``item_words``) is what the
    heading's version brought: ``support_numbers``. A minimum or maximum version ("gcc 10.1 or later") is what the
    claim says, not where: a figure like any other."""
    versions = bool(sides.numbers) and all(c.is_version and c.hedge == "exact" for c in sides.numbers)
    if versions and (agreeing or not sides.heading or _item_words(sides) < thresholds.item_words):
        return thresholds.support_text
    return thresholds.support_numbers


def _item_words(sides: _Sides) -> float:
    """The share of the claim's words, outside its figures and dates, an item says (a changelog's words it
    says by standing under a version count: "added", "new"); none where it lacks one of the claim's
    identifiers ("tzdata 2022f")."""
    figures = [(q.start, q.end) for q in (*sides.numbers, *sides.dates)]
    outside = "".join(ch if not any(a <= i < b for a, b in figures) else " " for i, ch in enumerate(sides.claim_text))
    wanted = set(tokens(outside, sides.language))
    if not wanted:
        return 1.0
    said = set(tokens(sides.sentence_text, sides.language))
    said |= {stem(w, sides.language) for w in sides.language.changelog_words}
    if any(w not in said for w in wanted if any(ch.isdigit() for ch in w)):
        return 0.0  # an identifier the item lacks ("2022f" against "2022g"): another change
    return len(wanted & said) / len(wanted)


def decisive(c: Quantity, x: Quantity, sides: _Sides) -> bool:
    """A clash that decides even beside agreeing figures: the same noun (or product, or version series) named
    on both sides ("2,301 paintings" against 2,310 paintings in 14 galleries), and not the one figure backing
    another of the claim's ("grew from 34 to 142 agencies" against "34 agencies": no clash of 142 with 34), nor a
    version of the release or series of another claim version apart from ``c``'s ("Support for Django 3.2, the
    LTS before 4.2" against "Django 4.2 supports ... (as of 4.2.8)": 4.2.8 is 4.2's, no clash with 3.2; but
    2.4.12, of the claim's "2.4 series", still clashes with its 2.4.7)."""
    others = sides.owned.get(x, [])
    apart = any(not (_of_release(o, c) or _of_release(c, o)) for o in others if o is not c)
    return (_same_thing(c, x, sides) or respective(c, x, sides)) and x not in sides.sole and not apart


def judge_numbers(evidence: Evidence, sides: _Sides, context: list[Quantity], thresholds: VerdictSettings) -> None:
    """Figures are the content and the claim's dates say when: every figure agreeing supports (at
    ``support_numbers`` coverage); a clashing figure contradicts (at ``contradict``) when none agrees, or
    when it counts the same named thing as the claim's (:func:`decisive`: then at ``support_numbers``, the
    agreeing figures showing the sentence is about the claim's subject); a figure for another time than
    the claim names does neither (:func:`about_another_time`). A claim's versions are dated by what it says:
    "version 2.7 was released on 14 March 2019" against "version 2.7 - 2019-04-02" is contradicted."""
    agreeing, disagreeing, all_agree = align_numbers(sides, context, evidence.score, thresholds)
    evidence.agreeing = agreeing
    if all_agree and sides.dates and all(c.is_version for c in sides.numbers):
        at = 0.0 if release_line(sides) else None  # "PostgreSQL 15.2 came out in January 2023": its release line
        judge_dates(evidence, sides, thresholds, close=thresholds.contradict if at is None else at, support_at=at)
        if evidence.stance == SUPPORTS:
            evidence.agreeing = agreeing + evidence.agreeing
        return
    deciding = {c: [x for x in xs if decisive(c, x, sides)] for c, xs in sides.clashing.items()}
    deciding = {c: xs for c, xs in deciding.items() if xs}
    if another_release({c: xs for c, xs in sides.clashing.items() if xs}, agreeing, sides):
        deciding, disagreeing = {}, []
    # A clash beside agreeing figures is as sure of its subject as those figures would be backing it.
    minimums = any(
        c.is_version and c.hedge != "exact" and any(x.hedge != "exact" for x in xs) for c, xs in deciding.items()
    )
    # A product's minimum version against another ("1.12 or later", "use 1.11.3 or later") names its subject too.
    # A claim figure the heading above backs ("Git 2.39" over "git apply limits its input to ... 1 GiB") names the
    # subject as surely as one the sentence backs.
    named = agreeing or minimums or sides.heading_backs
    close = thresholds.support_numbers if deciding and named else thresholds.contradict
    if all_agree and evidence.score >= _support_at(sides, agreeing, thresholds):
        evidence.stance = SUPPORTS
        if all(c.is_version for c in sides.numbers):
            replaced(evidence, sides)  # the version says where; the words, and whether they still hold, what
    elif disagreeing and evidence.score >= close and (deciding or not agreeing):
        chosen = deciding or {c: xs for c, xs in sides.clashing.items() if xs}
        clashing = list(dict.fromkeys(x for xs in chosen.values() for x in xs))
        evidence.stance, evidence.disagreeing = CONTRADICTS, clashing
        evidence.reason = f"number: {_listed(list(chosen))} vs {_listed(clashing)}"
    else:
        under_another_version(evidence, sides, thresholds)
    if evidence.stance == NEUTRAL and sides.set_aside:
        evidence.reason = "; ".join(dict.fromkeys(sides.set_aside))  # neutral, and why: see parts.by_parts


def another_release(deciding: dict[Quantity, list[Quantity]], agreeing: list[Quantity], sides: _Sides) -> bool:
    """A release against another of the same product, and nothing else the claim says of it in the sentence:
    "Python 2.1.3 was released in 2002" against "PSF licence agreement for Python 3.11.2" speaks of another
    release, and contradicts nothing (noted in ``sides.set_aside``). Where the sentence says the claim's other
    figures or dates ("2.4.12 was the final 2.4 release" against "2.4.7 ... of the 2.4 series"), or the claim
    says nothing but its version, or a bound is read ("3.18 or newer"), or the heading above backs the claim's
    other version ("tzdata release 2022g" under "Release 15.2" against "15.2 is tzdata 2022f"), the clash
    stands, unless the claim dates its release ("Django 4.2 was released on 3 April 2023" against "upgrading
    from Django 4.1 or earlier": a bound names other releases and dates none); but a table's row whose own
    release (its first cell) is the other stands for that release ("Release: 1.6; ...; GPL compatible?: no"
    says nothing of 2.1)."""
    clashing = [(c, x) for c, xs in deciding.items() for x in xs]
    if (
        not clashing
        or agreeing
        or sides.heading_backs
        or any(compatible(c, x) for c in sides.dates for x in sides.own_dates)
    ):
        return False
    dating = bool(sides.dates) and all(c.is_version for c in sides.numbers)  # "4.2 was released on 3 April"
    if not all(
        c.is_version and x.is_version and c.hedge == "exact" and (dating or x.hedge == "exact") for c, x in clashing
    ):
        return False
    others = [q for q in (*sides.numbers, *sides.dates) if q not in deciding]
    key = first_cell(sides.sentence_text)  # a table's row of another release: "Release: 1.6; ..."
    if not others and not any(x.end <= key for _, x in clashing):
        return False
    sides.set_aside.append(f"another release: {_listed([x for _, x in clashing])}")
    return True


def under_another_version(evidence: Evidence, sides: _Sides, thresholds: VerdictSettings) -> None:
    """A sentence with no version of its own, under a heading naming another version than the claim's, speaks
    of that version: it backs nothing of the claim's ("under another version"), and contradicts a claim of
    which version brought a change ("introduced in 9.1") when it says the change (``item_words``, and the
    claim's other figures) in a close sentence (``contradict``): "cksum now supports the -a option" under
    "release 9.0"."""
    claimed = [c for c in sides.numbers if c.is_version]
    heading = [x for x in sides.heading if x.is_version]
    if not claimed or not heading or any(x.is_version for x in sides.own_numbers):
        return
    if any(entails(x, c) for c in claimed for x in heading):
        return
    names = _listed(heading)
    words = {w.lower() for w in surface_words(sides.claim_text, sides.language)}
    brought = bool(words & sides.language.changelog_words)
    others = [c for c in sides.numbers if not c.is_version]  # the change's own figures: the item must say them
    same = all(_fits(c, sides, evidence.score, thresholds) for c in others)
    if brought and same and evidence.score >= thresholds.contradict and _item_words(sides) >= thresholds.item_words:
        evidence.stance = CONTRADICTS
        evidence.reason = f"version: {_listed(claimed)} vs {names} (the heading it stands under)"
        return
    sides.set_aside.append(f"under another version: {names}")
