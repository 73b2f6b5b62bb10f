"""Property tests (hypothesis) for the invariants hostile input must not break.

The same targets run at volume in the fuzzer (``python -m tests.fuzz --minutes 10``); here a
few hundred examples each, on every test run.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz import targets as t

PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(st.one_of(t.catalogue_text(), t.quoted_catalogue(), t.hostile_text))
def test_the_catalogue_loader_loads_or_raises_the_one_error_type(text: str) -> None:
    t.catalogue_loads_or_says_why(text)


@PROPERTY
@given(st.sampled_from(["a.txt", "b.md"]), st.one_of(t.hostile_text.map(str.encode), st.binary()))
def test_every_sentence_points_at_its_text_in_the_file(name: str, raw: bytes) -> None:
    t.sentences_point_at_their_text(name, raw)


@PROPERTY
@given(st.one_of(t.hostile_text.map(str.encode), st.binary()))
def test_html_sentences_point_inside_the_file(raw: bytes) -> None:
    t.html_positions_lie_in_the_file(raw)


@PROPERTY
@given(t.hostile_text)
def test_the_quantity_extractor_never_raises_and_its_spans_lie_in_the_text(text: str) -> None:
    t.quantities_lie_in_their_text(text)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(t.documents, st.one_of(t.catalogue_text(), t.quoted_catalogue()))
def test_formats_always_produce_valid_json_xml_sarif(texts: dict[str, str], catalogue: str) -> None:
    t.formats_stay_valid(texts, catalogue)


@PROPERTY
@given(t.hostile_text, t.hostile_text)
def test_errors_quoting_hostile_text_stay_valid_in_every_format(message: str, path: str) -> None:
    t.errors_stay_valid(message, path)


_SEEDS_CORPUS = None


def _seeds() -> object:
    global _SEEDS_CORPUS
    if _SEEDS_CORPUS is None:
        from pathlib import Path

        from factcheck import load_corpus

        _SEEDS_CORPUS = load_corpus(Path(__file__).resolve().parent.parent / "seeds")
    return _SEEDS_CORPUS


_CLAIM_WORDS = st.sampled_from(
    [
        "The",
        "287(g)",
        "program",
        "had",
        "142",
        "agencies",
        "not",
        "never",
        "by",
        "April",
        "2022",
        "ACLU",
        "Mayorkas",
        "about",
        "a",
        "third",
        "of",
        "67%",
        "more",
        "than",
        "100",
        "rose",
        "fell",
        "below",
        "only",
        "COVID-19",
        "—",
        ",",
        "“quoted”",
        "Hernández",
        "naïve",
        "Ünïcode",
        "?",
        "!",
        "-3%",
        "$1.2bn",
        "once",
        "twice",
        "off",
        "and",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.lists(_CLAIM_WORDS, min_size=1, max_size=25).map(" ".join), t.hostile_text))
def test_verify_never_raises_and_unsupported_spans_are_the_claims_own_text(text: str) -> None:
    from factcheck import Catalogue, Claim, FactcheckError, verify

    if not text.strip():
        return
    try:
        result = verify(Catalogue([Claim("c", text)]), _seeds()).results[0]  # type: ignore[arg-type]
    except FactcheckError:
        return
    assert result.verdict in ("supported", "partial", "contradicted", "unverified", "disputed")
    shown = result.claim.text  # control characters made visible, one for one
    assert len(shown) == len(text)
    for span in result.unsupported:
        assert 0 <= span.start < span.end <= len(shown) and shown[span.start : span.end] == span.text
    if result.verdict == "supported":
        assert not result.unsupported
