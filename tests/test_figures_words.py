"""Figures, versions and dates the rules misread on real documents (issue 19), each with a made-up example.

Each test is one rule a careful reader follows, through the library (``verify`` over ``from_texts``).
"""

from __future__ import annotations

from factcheck import Catalogue, Claim, ClaimResult, from_texts, verify
from factcheck.quantities import extract
from factcheck.settings import VerdictSettings


def judge(claim: str, documents: dict[str, str]) -> ClaimResult:
    return verify(Catalogue([Claim("c", claim)]), from_texts(documents)).results[0]


# Vague counts -------------------------------------------------------------------------------------

KENNEL = """The Riverside kennel is a small shelter on the edge of town.
The Riverside kennel takes in about six stray dogs a week, most of them from the farms nearby.
Volunteers walk them twice a day.
"""


def test_a_vague_count_far_from_the_figure_contradicts() -> None:
    result = judge("The Riverside kennel takes in dozens of stray dogs a week.", {"kennel.txt": KENNEL})
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "number: dozens vs about six")


def test_a_vague_count_near_the_figure_is_no_clash() -> None:
    text = KENNEL.replace("about six", "about thirty")
    result = judge("The Riverside kennel takes in dozens of stray dogs a week.", {"kennel.txt": text})
    assert result.verdict != "contradicted"


# Units --------------------------------------------------------------------------------------------


def test_a_unit_joined_by_a_hyphen_is_the_figures_unit() -> None:
    (q,) = extract("Each record starts with a fixed 12-byte prefix.")
    assert (q.value, q.unit) == (12.0, "byte")
    text = {"format.txt": "Every record of the archive opens with a fixed prefix, occupying 12 bytes in all."}
    assert judge("Every record of the archive opens with a fixed 12-byte prefix.", text).verdict == "supported"


def test_a_k_glued_to_a_counted_figure_is_thousands() -> None:
    assert [(q.value, q.unit) for q in extract("The archive holds roughly 25K letters.")] == [(25000.0, "letter")]
    assert [(q.value, q.unit) for q in extract("Last spring we sold 40k tickets.")] == [(40000.0, "ticket")]
    assert extract("The lobby has a 4K display.") == []  # a name, not four thousand
    text = {"archive.txt": "The town archive holds roughly 25K letters written by its founders."}
    result = judge("The town archive holds about 25,000 letters written by its founders.", text)
    assert result.verdict == "supported"


# Versions -----------------------------------------------------------------------------------------

TOOLCHAIN = """The plugin is built on Linux and on macOS.
Supported compilers: the plugin builds with Clang >= 13 on both systems.
Operating System: Linux; Architectures: x64; Versions: >= 5; Support Type: Tier 1.
"""


def test_a_whole_number_with_a_bound_after_a_product_is_a_version() -> None:
    (clang,) = extract("It builds with Clang 15 or newer.")
    assert (clang.kind, clang.version, clang.hedge, clang.unit) == ("version", "15", "at_least", "clang")
    (label,) = extract("Operating System: Linux; Versions: >= 5; Support Type: Tier")
    assert (label.kind, label.version, label.unit) == ("version", "5", None)  # the cell's label, not "Linux"
    assert [q.kind for q in extract("Visitors aged 12 or older pay. Age 18 or above.")] == ["count", "count"]
    result = judge("The plugin builds with Clang 15 or newer.", {"BUILD.md": TOOLCHAIN})
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "number: 15 or newer vs >= 13")


# Dates of events ----------------------------------------------------------------------------------

TRUST = """The old mill stands on the river bank north of the town.
Its gardens are open to visitors from April to October.
The Hartley Trust was formed in 1998 by a group of former mill workers and their families.
A small cafe serves lunch on weekends.
The town council repaired the bridge over the river last summer.
"""


def test_a_sentence_naming_the_claims_subject_with_one_date_dates_its_event() -> None:
    claim = "The Hartley Trust of the mill workers began in 1995."
    result = judge(claim, {"trust.txt": TRUST})
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "date: 1995 vs 1998")
    assert result.evidence[0].score < VerdictSettings().contradict_unnamed  # the names decide, not the words
    assert judge(claim.replace("1995", "1998"), {"trust.txt": TRUST}).verdict != "contradicted"


def test_a_sentence_lacking_a_name_of_the_claim_dates_no_event_of_it() -> None:
    text = TRUST.replace("The Hartley Trust was formed", "The Bellamy Fund was formed")
    claim = "The Hartley Trust of the mill workers began in 1995."
    assert judge(claim, {"trust.txt": text}).verdict != "contradicted"


def test_a_date_in_a_clause_about_someone_else_dates_no_event_of_the_claim() -> None:
    text = TRUST.replace(
        "The Hartley Trust was formed in 1998 by a group of former mill workers and their families.",
        "The Hartley Trust of the mill workers took over the mill from Edwin Cole, who died back in 1998.",
    )
    claim = "The Hartley Trust of the mill workers began in 1995."
    assert judge(claim, {"trust.txt": text}).verdict != "contradicted"


CLUB = """The rowing club was founded by students on the north bank of the river.
In March 2015, the rowing club opened its first boathouse near the bridge.
In June of the same year, the rowing club hired its first coach from the national team.
The club's colours are green and white.
"""


def test_a_month_of_the_same_year_takes_its_year_from_the_sentence_before() -> None:
    result = judge("The rowing club hired its first coach in June 2015.", {"club.txt": CLUB})
    assert result.verdict == "supported"
    assert judge("The rowing club hired its first coach in June 2016.", {"club.txt": CLUB}).verdict != "supported"
    following = CLUB.replace("of the same year", "of the following year")
    assert judge("The rowing club hired its first coach in June 2016.", {"club.txt": following}).verdict == "supported"


def test_a_vague_count_is_no_clash_with_a_bound() -> None:
    text = KENNEL.replace("about six stray dogs a week", "more than 400 stray dogs a week")
    result = judge("The Riverside kennel takes in dozens of stray dogs a week.", {"kennel.txt": text})
    assert result.verdict != "contradicted"


# Bounds -------------------------------------------------------------------------------------------

FERRY = """The Harbour Line ferry crosses the bay every hour in summer.
The Harbour Line ferry carries up to 120 passengers on each crossing.
Bicycles travel free of charge.
"""


def test_a_cap_states_its_value_another_cap_contradicts() -> None:
    result = judge("The Harbour Line ferry carries up to 300 passengers on each crossing.", {"ferry.txt": FERRY})
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "number: up to 300 vs up to 120")


def test_the_same_cap_in_other_words_backs() -> None:
    result = judge("The Harbour Line ferry carries at most 120 passengers on each crossing.", {"ferry.txt": FERRY})
    assert result.verdict == "supported"


def test_a_floor_states_its_value_another_floor_contradicts() -> None:
    text = {"rules.txt": "Members must give at least 14 days of notice before leaving the club."}
    result = judge("Members must give at least 30 days of notice before leaving the club.", text)
    assert result.verdict == "contradicted"


# Figure pairing -----------------------------------------------------------------------------------


def test_scientific_notation_is_no_count() -> None:
    assert [q.value for q in extract("Its values range from about 1E-37 to 1E+37, or 6.02e23 at most.")] == []


def test_an_unnamed_figure_is_not_the_counterpart_of_a_named_one() -> None:
    text = {"tower.txt": "In the ranking, the Castle Hill tower is 3 and has at least 12 floors above the street."}
    result = judge("The Castle Hill tower has about 12 floors above the street.", text)
    assert result.verdict != "contradicted"


def test_numbers_listed_after_a_version_are_versions_of_its_product() -> None:
    found = extract("Orchard 5.1 runs on Tablet 4.6, 4.7, and 4.10 or later.")
    assert [(q.kind, q.version, q.unit, q.hedge) for q in found[1:]] == [
        ("version", "4.6", "tablet", "exact"),
        ("version", "4.7", "tablet", "exact"),
        ("version", "4.10", "tablet", "at_least"),
    ]
    assert [q.kind for q in extract("Build 11.10.051, and 1.74 times faster.")] == ["version", "count"]


ORCHARD = """Orchard 5.1 release notes.
Support for the previous release, Orchard 4.8, will end in May 2025.
Orchard 5.1 runs on Tablet 4.6, 4.7, 4.9 and 4.10 (as of 5.1.3).
"""


def test_another_products_versions_in_a_list_are_no_clash() -> None:
    result = judge("Support for Orchard 4.8, the release before 5.1, ends in May 2025.", {"orchard.txt": ORCHARD})
    assert result.verdict != "contradicted"


def test_figures_are_paired_clause_by_clause() -> None:
    text = {
        "gizmo.txt": "Beginning with Gizmo 3.0 the file format is 7; Gizmo 2.1 and 2.2 used format 6; Gizmo 2.0 used 5."
    }
    result = judge("Gizmo 2.2 used file format 7.", text)
    assert result.verdict == "contradicted"
    assert judge("Gizmo 2.2 used file format 6.", text).verdict != "contradicted"


def test_a_bound_of_other_releases_does_not_date_a_release() -> None:
    text = {
        "notes.txt": "Tallow 6.3 was released on May 14, 2024.\n\n"
        "These Tallow release notes cover the changes you will want to know about when upgrading from Tallow 6.2 or "
        "earlier.\n"
    }
    assert judge("Tallow 6.3 was released on 14 May 2024.", text).verdict == "supported"


def test_a_release_identifier_ending_in_a_letter_is_a_version() -> None:
    (q,) = extract("The maps come from geodata 2023c.")
    assert (q.kind, q.version, q.unit) == ("version", "2023c", "geodata")
    assert extract("Weigh out flour 500g first.")[0].kind == "count"  # grams
    older, newer = (extract(f"It ships geodata release {v}.")[0] for v in ("2023c", "2023d"))
    assert older.version_key() < newer.version_key()


ATLAS = """# Atlas 7.2 release notes

- The map data files bundled with Atlas are updated to geodata release 2023d, for new roads in Chile and Peru.
"""


def test_a_release_identifiers_letter_is_compared() -> None:
    result = judge("The map data bundled with Atlas 7.2 is geodata 2023c.", {"atlas.md": ATLAS})
    assert result.verdict == "contradicted"
    assert judge("The map data bundled with Atlas 7.2 is geodata 2023d.", {"atlas.md": ATLAS}).verdict != "contradicted"


def test_a_figure_given_respectively_is_its_names() -> None:
    text = {"pool.txt": "The default size for POOL_MIN (resp. POOL_MAX) is 20 (resp. 400) connections."}
    result = judge("The default POOL_MIN is 20 and the default POOL_MAX is 500 connections.", text)
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "number: 500 vs 400")
    assert (
        judge("The default POOL_MIN is 20 and the default POOL_MAX is 400 connections.", text).verdict != "contradicted"
    )


def test_an_adverb_after_the_counted_noun_ends_its_phrase() -> None:
    (q,) = extract("Baking bread with three large ovens usually needs a whole morning.")
    assert q.unit == "oven"
    (q,) = extract("The crew of 3 tired sailors quickly rowed ashore.")
    assert q.unit == "sailor"


def test_a_sentence_lacking_the_claims_name_speaks_of_another_thing() -> None:
    report = (
        "This report describes a new merge sort that sorts 3.1 million keys per second on one machine.\n"
        "Timings were taken on a quiet machine.\n"
        "Given that Quicksortly takes 5.9-6.2 million keys per second and others are slower, the result holds.\n"
    )
    result = judge("In the report, Quicksortly sorts roughly 6 million keys per second.", {"report.txt": report})
    assert result.verdict == "supported"


def test_a_bound_in_a_condition_states_no_value() -> None:
    notes = (
        "Release 4.1 of the Lantern editor fixes several bugs.\n"
        "Fix the Lantern importer to not hang if an input line has more than 512 characters.\n"
    )
    result = judge("Lantern 4.1 raised the importer's line limit to 512 characters.", {"notes.txt": notes})
    assert result.verdict != "contradicted"


def test_a_version_changed_from_is_the_old_value_not_a_minimum() -> None:
    old, new = extract("The bundled zone data moved from tzdata 2021a to 2021b.")
    assert (old.version, old.hedge, old.former) == ("2021a", "exact", True)
    assert (new.version, new.former) == ("2021b", False)


def test_a_minus_sign_makes_a_figure_negative() -> None:
    (q,) = extract("The freezer can hold any temperature between -25 and 4 degrees.")
    assert (q.hedge, q.lo, q.hi) == ("range", -25.0, 4.0)
    offset, _ = extract("An offset of -4 moves the mark back by 4 places.")
    assert offset.value == -4.0


def test_kbytes_and_an_amount_of_memory_are_bytes() -> None:
    (q,) = extract("The decoder needs about 640 kbytes to run.")
    assert (q.value, q.unit) == (640_000.0, "byte")
    (q,) = extract("The decoder runs in about 300 k of memory.")
    assert (q.value, q.unit) == (300_000.0, "byte")


def test_a_subsection_without_a_version_stands_under_the_versioned_heading_above() -> None:
    notes = "# Lantern 3.4\n\n## Changes\n\n- The importer now reads TSV files.\n\n# Lantern 3.3\n\n## Changes\n\n- Faster startup.\n"
    result = judge("Lantern 3.4 added TSV import.", {"NEWS.md": notes})
    assert result.verdict != "unverified"
    assert "3.4" not in " ".join(s.text for s in result.unsupported)


def test_a_verb_with_its_object_after_a_figure_is_no_counted_noun() -> None:
    (q,) = extract("Setting the queue limit to 0 doubles the throughput.")
    assert q.unit is None
    (q,) = extract("The hotel has 40 rooms and a pool.")
    assert q.unit == "room"
