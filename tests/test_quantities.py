from __future__ import annotations

import pytest

from factcheck.quantities import compatible, extract


def one(text: str, kind: str | None = None):
    found = [q for q in extract(text) if kind is None or q.kind == kind]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    "text, kind, value",
    [
        ("about 1,200 officers", "count", 1200),
        ("a rate of 41.3 percent", "percent", 41.3),
        ("67% of agencies", "percent", 67),
        ("67 percent of agencies", "percent", 67),
        ("sixty-seven percent of agencies", "percent", 67),
        ("Two dozen House Democrats", "count", 24),
        ("one agreement was ended", "count", 1),
        ("about a third of all agreements", "fraction", 1 / 3),
        ("nearly two-thirds of agencies", "fraction", 2 / 3),
        ("more than half of the sheriffs", "fraction", 0.5),
        ("one in five residents", "fraction", 0.2),
        ("$5 million in fees", "money", 5_000_000),
    ],
)
def test_values(text: str, kind: str, value: float) -> None:
    q = one(text, kind)
    assert q.value == pytest.approx(value, rel=1e-3)


@pytest.mark.parametrize(
    "text, hedge",
    [
        ("more than 100 groups", "more"),
        ("over 100 groups", "more"),
        ("nearly 100 groups", "nearly"),
        ("about 100 groups", "approx"),
        ("fewer than 100 groups", "less"),
        ("at least 100 groups", "at_least"),
        ("100 groups", "exact"),
    ],
)
def test_hedges(text: str, hedge: str) -> None:
    assert one(text).hedge == hedge


def test_hedge_is_part_of_the_words_as_written() -> None:
    assert one("nearly two-thirds of agencies").text == "nearly two-thirds"


@pytest.mark.parametrize(
    "text",
    [
        "the 287(g) program",
        "call 555-123-4567 today",
        "at 10:30 a.m. sharp",
        "write to media@aclu.org now",
        "00:00 / 00:00",
    ],
)
def test_not_quantities(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    "text, year, month, day",
    [
        ("in April 2022", 2022, 4, None),
        ("As recent as April of 2022", 2022, 4, None),
        ("on May 25", None, 5, 25),
        ("June 14, 2023", 2023, 6, 14),
        ("during the 2020 election", 2020, None, None),
        ("By April, there were", None, 4, None),
    ],
)
def test_dates_are_kept_apart_from_counts(text: str, year: int | None, month: int | None, day: int | None) -> None:
    q = one(text)
    assert q.kind == "date"
    assert (q.year, q.month, q.day) == (year, month, day)


def test_a_year_is_never_a_count() -> None:
    kinds = {q.text: q.kind for q in extract("By April 2022 there were 142 agencies.")}
    assert kinds == {"April 2022": "date", "142": "count"}


def test_the_counted_noun_is_found() -> None:
    assert one("138 state and local law enforcement agencies take part").unit == "agency"
    assert one("more than half of the sheriffs participating in it").unit == "sheriff"
    assert one("48 hours past their release").unit == "hour"


def test_approximations_are_understood() -> None:
    nearly_two_thirds = one("nearly two-thirds of agencies")
    sixty_seven = one("67% of agencies")
    assert compatible(nearly_two_thirds, sixty_seven)
    assert not compatible(one("more than 100 groups"), one("50 groups"))
    assert compatible(one("more than 100 groups"), one("142 groups"))
    assert not compatible(one("142 agencies"), one("138 agencies"))
    assert compatible(one("about a third of agreements"), one("about 33% of agreements"))


def test_other_marks_a_partial_count() -> None:
    q = one("nearly 100 other organizations")
    assert q.partial
    assert compatible(q, one("more than 100 organizations"))


@pytest.mark.parametrize("text", ["the 1/10th Bn sailed", "open 24/7", "on 7/29/2015"])
def test_slashed_figures_are_not_counts(text: str) -> None:
    assert [q for q in extract(text) if not q.is_date] == []


def test_the_passes_keep_their_order() -> None:
    # The order decides which reading wins (a date before a count, a ratio before its numbers).
    from factcheck.quantities.extraction import PASSES

    assert [p.__name__ for p in PASSES] == [
        "full_dates",
        "numeric_dates",
        "era_dates",
        "month_names",
        "years",
        "versions",
        "ranges",
        "ratios",
        "measures",
        "glued_thousands",
        "digit_percents",
        "word_percents",
        "fractions",
        "digit_counts",
        "word_counts",
        "a_single",
        "vague_counts",
        "averages",
        "formers",
    ]


def test_a_long_line_reads_like_its_sentences() -> None:
    # Taken spans are checked per character, not per earlier figure: same readings, in linear time.
    sentence = "In 2020, 12 agencies reported 34 cases and 56% of 78 people, one in five. "
    alone = extract(sentence)
    n = 400
    found = extract(sentence * n, limit=None)  # past the per-sentence bound, to see every reading
    assert len(found) == len(alone) * n
    for i, q in enumerate(found):
        ref = alone[i % len(alone)]
        shift = len(sentence) * (i // len(alone))
        assert (q.kind, q.value, q.text, q.start - shift, q.end - shift, q.unit) == (
            ref.kind,
            ref.value,
            ref.text,
            ref.start,
            ref.end,
            ref.unit,
        )


@pytest.mark.parametrize(
    "text, month",
    [
        ("They met in May.", 5),
        ("by mid-May, it was", 5),
        ("in" + " " * 40 + "May it", 5),
        ("in -May", 5),
        ("Officials May agree", None),
        ("within May", None),
        ("in- May", None),
    ],
)
def test_may_is_a_month_only_after_a_cue(text: str, month: int | None) -> None:
    assert [q.month for q in extract(text) if q.is_date] == ([month] if month else [])


@pytest.mark.parametrize(
    "text, value, words",
    [
        ("about a half of them", 0.5, "about a half"),
        ("dozens of agencies", 24.0, "dozens"),
        ("not a single agency", 1.0, "a single"),
    ],
)
def test_words_as_written(text: str, value: float, words: str) -> None:
    q = one(text)
    assert (q.value, q.text) == (value, words)


@pytest.mark.parametrize("text", ["no one came", "one of the agencies", "one's duty", "the one"])
def test_one_as_a_pronoun_is_not_a_count(text: str) -> None:
    assert extract(text) == []
