"""Figures, versions, dates and time read as a careful reader would (issue 19), through the library and the CLI.

Each class of the issue as made-up documents: a wrong figure beside a right one, bounds read in their
direction, versions as versions, ranges, unit symbols, dates in every common form and at the precision
written, figures judged for the time they are stated for, values a later statement replaced, a half-true
claim, and the heading a sentence stands under. None of these texts comes from a benchmark set.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from factcheck import Catalogue, Claim, ClaimResult, from_texts, verify
from factcheck.cli import cli
from factcheck.quantities import compatible, entails, extract
from factcheck.quantities.time import Moment, later, same_time
from factcheck.quantities.versions import as_version
from factcheck.settings import Settings, VerdictSettings


def judge(claim: str, documents: dict[str, str]) -> ClaimResult:
    return verify(Catalogue([Claim("c", claim)]), from_texts(documents)).results[0]


def unsupported(result: ClaimResult) -> list[str]:
    return [span.text for span in result.unsupported]


MUSEUM = """The city museum reopened in 2021 after a long refit.
The museum shows 2,301 paintings in 14 galleries, most of them by local artists.
Its sculpture garden holds 85 pieces.
Entry is free for children under 12.
The fee for adults was cut from $40 to $25 last year.
Previously the collection was owned by the Hartley family.
"""

PARK = """The national park covers 1,200 square kilometres of forest.
More than 40 rangers retired from the park service this year.
The park had 212 rangers at the start of the season, a spokesperson said.
Visitors rose to 2 million.
"""

NEWS = """Noteworthy changes in the packer tool

version 2.7 - 2019-03-14

* Faster start-up when many archives are listed.
* The --quiet option now silences warnings too.

version 2.6 - 2018-11-02

* Support for lzip archives
* The default compression level is now 6.
* Build: CMake 3.20 or later is required to build the project.

version 2.5 - 2018-05-20

* 2.4.12 was the final 2.4 release; the 2.4 branch gets no more fixes.
* Python 3.10 is the oldest Python the test suite runs on.
"""

FLEET_2021 = """Fleet report, March 2021

In March 2021 the city's bus fleet ran 38 buses on its routes.
Ridership fell by a third during the year.
"""

FLEET_2023 = """Updated: June 1, 2023

The city's bus fleet runs 44 buses on its routes.
Ridership has recovered since the pandemic.
"""

FLEET = {"report-2021.txt": FLEET_2021, "page-2023.txt": FLEET_2023}


# Figures ------------------------------------------------------------------------------------------


def test_a_wrong_figure_beside_a_right_one_contradicts() -> None:
    result = judge("The museum shows 2,310 paintings in 14 galleries.", {"museum.txt": MUSEUM})
    assert result.verdict == "contradicted"
    assert result.evidence[0].reason == "number: 2,310 vs 2,301"


def test_the_same_figures_side_by_side_support() -> None:
    assert judge("The museum shows 2,301 paintings in 14 galleries.", {"museum.txt": MUSEUM}).verdict == "supported"


def test_a_figure_that_backs_another_of_the_claims_is_no_clash() -> None:
    # "34 agencies" backs the 34; the claim's 142 is simply not there: not a contradiction of 142 by 34.
    result = judge(
        "The program grew from 34 agencies to 142 agencies.",
        {"p.txt": "The program started with 34 agencies in its first year.\n\nIt is run from the capital."},
    )
    assert result.verdict != "contradicted"


def test_a_bound_does_not_back_an_exact_figure_nor_become_its_evidence() -> None:
    result = judge("The park had 212 rangers.", {"park.txt": PARK})
    assert result.verdict == "supported"
    assert result.evidence[0].sentence.text.startswith("The park had 212 rangers")
    bound = next(e for e in result.evidence if e.sentence.text.startswith("More than 40"))
    assert (bound.stance, bound.agreeing) == ("neutral", [])


def test_a_bound_alone_does_not_support_an_exact_figure() -> None:
    result = judge("The park had 212 rangers.", {"park.txt": "More than 40 rangers retired from the park this year."})
    assert result.verdict != "supported"
    assert all(e.agreeing == [] for e in result.evidence)


def test_an_exact_figure_backs_a_bound() -> None:
    result = judge(
        "More than 40 rangers retired from the park this year.",
        {"park.txt": "Exactly 212 rangers retired from the park this year, a record."},
    )
    assert result.verdict == "supported"


def test_a_sentence_sharing_only_a_number_is_no_evidence() -> None:
    result = judge(
        "The park had 212 rangers.",
        {"p.txt": "The park has rangers on patrol every day.\n\n212 visitors came to the park on Sunday."},
    )
    assert result.verdict == "unverified"
    assert all(e.stance == "neutral" and e.agreeing == [] for e in result.evidence)


# Versions -----------------------------------------------------------------------------------------


def test_a_higher_minimum_version_contradicts() -> None:
    result = judge("The project requires CMake 3.18 or newer to build.", {"NEWS.txt": NEWS})
    assert result.verdict == "contradicted"
    assert result.evidence[0].reason == "number: 3.18 or newer vs 3.20 or later"


def test_a_later_last_release_of_a_series_contradicts() -> None:
    result = judge("2.4.7 was the last release of the 2.4 series.", {"NEWS.txt": NEWS})
    assert result.verdict == "contradicted"
    assert result.evidence[0].reason == "number: 2.4.7 vs 2.4.12"


def test_versions_are_no_decimals() -> None:
    py310, py39, py31 = (extract(f"It needs Python {v}.")[0] for v in ("3.10", "3.9", "3.1"))
    assert (py310.kind, py310.version, py310.unit) == ("version", "3.10", "python")
    assert py39.version_key() < py310.version_key()
    assert not compatible(py31, py310)  # 3.1 is not 3.10, though 3.1 == 3.10 as decimals
    result = judge("Python 3.1 is the oldest Python the test suite runs on.", {"NEWS.txt": NEWS})
    assert result.verdict == "contradicted"


def test_a_series_is_backed_by_its_releases_not_the_reverse() -> None:
    series, release = extract("the 2.4 series")[0], extract("version 2.4.12")[0]
    assert entails(release, series) and not entails(series, release)


def test_figures_in_names_and_documents_are_no_versions() -> None:
    assert [q.kind for q in extract("See Figure 3.2 for the 12 agents.")] == ["count"]
    assert [q.kind for q in extract("Nearly 2.5 million people came.")] == ["count"]


# Ranges and units ---------------------------------------------------------------------------------


def test_a_range_against_an_average_is_no_dispute() -> None:
    text = (
        "In the trial, the drug cut symptoms by between 10% and 60%, depending on the group.\n\n"
        "In the trial, the drug cut symptoms by 25% on average across all groups."
    )
    for claim in ("The drug cut symptoms by 25% on average.", "The drug cut symptoms by between 10% and 60%."):
        assert judge(claim, {"trial.txt": text}).verdict == "supported"
    one_way = judge("The drug cut symptoms by between 10% and 60%.", {"t.txt": text.split("\n\n")[1]})
    assert one_way.verdict not in ("supported", "disputed", "contradicted")


def test_a_range_is_one_figure() -> None:
    (q,) = extract("The drug cut symptoms by between 10% and 60%.")
    assert (q.kind, q.hedge, q.text) == ("percent", "range", "between 10% and 60%")


def test_a_unit_symbol_is_part_of_the_figure() -> None:
    (q,) = extract("The server needs 1GB of memory.")
    assert (q.text, q.unit, q.value) == ("1GB", "byte", 1e9)
    server = {"server.txt": "The server needs 4GB of memory and two cores.\n\nIt runs on any recent Linux."}
    result = judge("The server needs 1GB of memory.", server)
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "number: 1GB vs 4GB")
    assert judge("The server needs 4 GB of memory.", server).verdict == "supported"


# Dates --------------------------------------------------------------------------------------------


def test_an_iso_date_matches_a_written_one() -> None:
    result = judge("Version 2.7 was released on 14 March 2019.", {"NEWS.txt": NEWS})
    assert result.verdict == "supported"
    assert [q.text for q in result.evidence[0].agreeing] == ["version 2.7", "2019-03-14"]


def test_a_version_given_another_date_is_contradicted() -> None:
    result = judge("Version 2.7 was released on 2 April 2019.", {"NEWS.txt": NEWS})
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "date: 2 April 2019 vs 2019-03-14")


def test_numeric_dates_in_other_common_forms() -> None:
    found = extract("Built on 14.03.2019, tagged 2019/03/14, shipped 3/14/2019; a copy is dated 3/4/2019.")
    assert [(q.year, q.month, q.day) for q in found] == [(2019, 3, 14)] * 3 + [(2019, None, None)]


def test_a_date_alone_on_a_line_is_evidence() -> None:
    page = {"release.txt": "The widget\n\nRelease date: 2021-06-30\n\nThe widget adds a dark theme."}
    result = judge("The widget's release date was 30 June 2021.", page)
    assert result.evidence[0].sentence.text == "Release date: 2021-06-30"
    assert result.evidence[0].stance == "supports"


def test_a_year_is_a_year() -> None:
    year, month, day = Moment(1987), Moment(1987, 3), Moment(1987, 3, 14)
    assert (year.isoformat(), month.isoformat(), day.isoformat()) == ("1987", "1987-03", "1987-03-14")
    assert later(year, month) is None and later(month, year) is None  # 1987 holds March 1987
    assert later(Moment(1988), month) is True and later(month, Moment(1988)) is False
    assert same_time(year, day) and not same_time(Moment(1986), day)
    assert day == date(1987, 3, 14) and year != date(1987, 12, 28)


def test_a_year_is_shown_as_a_year(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "mill.txt").write_text("The mill closed in 1987 after a long strike.\n\nIts site is a park.\n")
    (tmp_path / "claims.yaml").write_text("claims:\n  - id: mill\n    text: The mill closed in 1987.\n")
    args = ["verify", "--claims", str(tmp_path / "claims.yaml"), "--docs", str(tmp_path / "docs"), "--format", "json"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    claim = json.loads(result.stdout)["claims"][0]
    assert (claim["verdict"], claim["evidence"][0]["as_of"]) == ("supported", "1987")


# Time ---------------------------------------------------------------------------------------------


def test_a_figure_for_another_time_neither_backs_nor_contradicts() -> None:
    result = judge("In March 2021 the fleet ran 44 buses.", FLEET)
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "number: 44 vs 38")
    later_page = next(e for e in result.evidence if e.doc == "page-2023.txt" and "44" in e.sentence.text)
    assert (later_page.stance, later_page.reason) == ("neutral", "another time: 44 (2023)")
    assert judge("In March 2021 the fleet ran 38 buses.", FLEET).verdict == "supported"


def test_the_earlier_figure_for_the_later_time_is_contradicted() -> None:
    result = judge("In 2023 the city's bus fleet runs 38 buses.", FLEET)
    assert (result.verdict, result.evidence[0].doc) == ("contradicted", "page-2023.txt")


def test_an_undated_claim_is_judged_by_the_latest_figure() -> None:
    assert judge("The city's bus fleet runs 38 buses.", FLEET).verdict == "contradicted"
    assert judge("The city's bus fleet runs 44 buses.", FLEET).verdict == "supported"


def test_the_time_of_each_figure_is_its_own_clause() -> None:
    text = {"f.txt": "In 2019 the fleet had 30 buses, and in 2023 it had 44 buses.\n\nFares rose twice."}
    assert judge("In 2023 the fleet had 44 buses.", text).verdict == "supported"
    assert judge("In 2019 the fleet had 44 buses.", text).verdict == "contradicted"


def test_a_month_without_its_year_is_still_not_another_month() -> None:
    seeds = {
        "story.txt": "The program lets local police enforce immigration law.\n\n"
        "At the end of the Obama administration, 34 agencies were in the program.\n\n"
        "By April, when the report was released, there were 142 agencies in the program.\n\n"
        "Critics say it encourages racial profiling."
    }
    result = judge("At the end of the Obama administration, 142 agencies were in the program.", seeds)
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "number: 142 vs 34")
    april = next(e for e in result.evidence if e.sentence.text.startswith("By April"))
    assert (april.stance, april.reason) == ("neutral", "another time: 142 (April)")


def test_the_seeds_story_each_figure_for_its_time(seeds: Path, tmp_path: Path) -> None:
    claims = tmp_path / "claims.yaml"
    claims.write_text(
        f"documents: {seeds}\nclaims:\n"
        "  - {id: april, text: In April 2022 the 287(g) program had 138 partner agencies.}\n"
        "  - {id: obama, text: 'When Obama left office, 142 local agencies were in the 287(g) program.'}\n"
        "  - {id: obama-34, text: 'At the end of the Obama administration, 34 local law enforcement agencies "
        "were in the 287(g) program.'}\n"
    )
    result = CliRunner().invoke(cli, ["verify", "--claims", str(claims), "--format", "json", "--no-cache"])
    verdicts = {c["id"]: c["verdict"] for c in json.loads(result.stdout)["claims"]}
    assert verdicts == {"april": "contradicted", "obama": "contradicted", "obama-34": "supported"}


# Replaced values ----------------------------------------------------------------------------------


def test_a_replaced_figure_backs_no_present_claim() -> None:
    result = judge("The fee for adults is $40.", {"museum.txt": MUSEUM})
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "number: $40 vs $25")
    assert judge("The fee for adults is $25.", {"museum.txt": MUSEUM}).verdict == "supported"


def test_a_past_claim_may_rest_on_a_replaced_figure() -> None:
    assert judge("The fee for adults was $40.", {"museum.txt": MUSEUM}).verdict != "contradicted"


def test_up_from_marks_the_old_value() -> None:
    daemon = {"d.txt": "The daemon now listens on port 9090, up from port 8080 in earlier releases.\n\nIt is in C."}
    assert judge("The daemon listens on port 8080.", daemon).verdict == "contradicted"
    assert [q.former for q in extract("It runs 44 buses, up from 38.")] == [False, True]


def test_a_state_said_to_be_over_backs_no_present_claim() -> None:
    result = judge("The collection is owned by the Hartley family.", {"museum.txt": MUSEUM})
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "replaced: PREVIOUSLY")
    used_to = {"l.txt": "The library used to be maintained by the Debian team.\n\nIt is written in C."}
    assert judge("The library is maintained by the Debian team.", used_to).verdict == "contradicted"
    assert judge("The library was maintained by the Debian team.", used_to).verdict != "contradicted"


def test_a_range_is_not_a_change() -> None:
    rents = extract("Rents range from $500 to $900.")
    assert [(q.text, q.hedge, q.former) for q in rents] == [("from $500 to $900", "range", False)]
    cut = extract("The fee was cut from $40 to $25.")
    assert [(q.text, q.former) for q in cut] == [("$40", True), ("$25", False)]


# Parts and windows --------------------------------------------------------------------------------


def test_a_half_true_claim_is_partial() -> None:
    band = {
        "band.txt": "The band was formed in 1986 by two San Diego journalists who met at a newspaper.\n\n"
        "Its singer had worked as a court reporter for a decade.\n\n"
        "A local label signed them two years later."
    }
    result = judge("The band was formed in 1986 and toured Japan with Metallica.", band)
    assert (result.verdict, unsupported(result)) == ("partial", ["and toured Japan with Metallica"])


def test_an_item_under_a_version_heading_backs_the_version_claim() -> None:
    result = judge("Version 2.6 added support for lzip archives.", {"NEWS.txt": NEWS})
    assert (result.verdict, result.evidence[0].sentence.text) == ("supported", "Support for lzip archives")
    assert judge("Version 2.7 added support for lzip archives.", {"NEWS.txt": NEWS}).verdict != "supported"


def test_a_markdown_changelog_heading_dates_and_versions_its_items() -> None:
    changelog = {
        "CHANGES.md": "# Changes\n\n## 2.6 (2018-11-02)\n\n* The default compression level is now 6.\n"
        "* Support for lzip archives.\n\n## 2.5 (2018-05-20)\n\n* Bug fixes.\n"
    }
    assert judge("Version 2.6 made 6 the default compression level.", changelog).verdict == "supported"
    assert judge("Support for lzip archives arrived in November 2018.", changelog).verdict == "supported"
    assert judge("Support for lzip archives arrived in May 2018.", changelog).verdict != "supported"


def test_a_release_table_row_dates_its_version() -> None:
    table = {
        "releases.md": "# Releases\n\n| version | date |\n|---|---|\n| 3.2 | May 5, 2018 |\n| 3.1 | Jan 9, 2018 |\n"
    }
    assert judge("Release 3.2 came out on May 5, 2018.", table).verdict == "supported"
    assert judge("Release 3.2 came out on May 9, 2018.", table).verdict == "contradicted"


def test_the_changelog_verdicts_through_the_cli(tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "NEWS.txt").write_text(NEWS)
    (tmp_path / "claims.yaml").write_text(
        "claims:\n"
        "  - {id: lzip, text: Version 2.6 added support for lzip archives., expect: supported}\n"
        "  - {id: cmake, text: The project requires CMake 3.18 or newer to build., expect: contradicted}\n"
        "  - {id: date, text: Version 2.7 was released on 14 March 2019., expect: supported}\n"
    )
    args = ["verify", "--claims", str(tmp_path / "claims.yaml"), "--docs", str(tmp_path / "docs"), "--no-cache"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("all as expected")
    shown = json.loads(CliRunner().invoke(cli, [*args, "--format", "json"]).stdout)
    reasons = {c["id"]: c["evidence"][0]["reason"] for c in shown["claims"]}
    assert reasons["cmake"] == "number: 3.18 or newer vs 3.20 or later"


# Versions in release notes, READMEs and NEWS files ------------------------------------------------

RELEASE_NOTES = """<html><body><h1>E.19. Release 15.2</h1>
<p>Release date: 2023-02-09</p>
<p>This release of PostgreSQL contains a variety of fixes from 15.1.</p>
<h2>Changes</h2><p>The planner now handles large joins faster.</p>
</body></html>"""

README = """# Widget

## Building from git

Building the widget from git needs these tools:

* Automake (use 1.11.3 or later)
* Python (use 3.6 or later)
"""

GNU_NEWS = """GNU coreutils NEWS

* Noteworthy changes in release 9.1 (2022-04-15) [stable]

** Bug fixes

  chmod -R no longer exits with an error status when a symlink is seen.
  [bug introduced in coreutils-9.0]

* Noteworthy changes in release 9.0 (2021-09-24) [stable]

** New features

  cksum now supports the -a (--algorithm) option to select any of the existing sum programs.
"""


def test_a_release_line_dates_its_version_however_few_words_it_shares() -> None:
    assert (
        judge("PostgreSQL 15.2 was released on 9 February 2023.", {"15.2.html": RELEASE_NOTES}).verdict == "supported"
    )
    result = judge("PostgreSQL 15.2 came out in January 2023.", {"15.2.html": RELEASE_NOTES})
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "date: January 2023 vs 2023-02-09")


def test_a_plain_dotted_figure_is_read_as_the_version_it_meets() -> None:
    result = judge("GNU coreutils 9.0 was released on 24 September 2021.", {"NEWS.txt": GNU_NEWS})
    assert result.verdict == "supported"
    assert [q.text for q in result.evidence[0].agreeing] == ["release 9.0", "2021-09-24"]


def test_a_change_under_another_versions_heading_contradicts_the_version_claimed() -> None:
    result = judge("The --algorithm option of cksum was introduced in coreutils 9.1.", {"NEWS.txt": GNU_NEWS})
    assert result.verdict == "contradicted"
    assert result.evidence[0].reason == "version: 9.1 vs release 9.0 (the heading it stands under)"


def test_a_version_named_in_passing_is_no_heading() -> None:
    # "[bug introduced in coreutils-9.0]" is a reference; the item stands under release 9.1
    (q,) = extract("[bug introduced in coreutils-9.0]")
    assert (q.kind, q.version, q.unit) == ("version", "9.0", "coreutils")
    result = judge("chmod -R no longer fails on symlinks since coreutils 9.1.", {"NEWS.txt": GNU_NEWS})
    assert result.verdict != "contradicted"


def test_two_minimum_versions_of_one_product_clash() -> None:
    result = judge("Building the widget from git requires Automake 1.12 or later.", {"README.md": README})
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "number: 1.12 or later vs 1.11.3 or later")


def test_a_version_within_a_bound_is_no_clash() -> None:
    since, later_one = extract("since Python 3.8.6")[0], extract("the Python 3.11.2 documentation")[0]
    assert (since.hedge, since.text) == ("at_least", "since Python 3.8.6")
    assert compatible(since, later_one) and not entails(later_one, since)
    too_old, minimum = extract("Automake 1.9 works")[0], extract("use Automake 1.11.3 or later")[0]
    assert not compatible(too_old, minimum)


def test_the_new_state_after_used_to_stands() -> None:
    notes = {
        "notes.txt": "Git v2.39 Release Notes\n\n"
        '"git receive-pack" used to use all the local refs as the boundary for checking connectivity, '
        "but now it uses only the refs that it advertised to the pusher.\n\n"
        "Other changes are listed below."
    }
    old = judge("In Git 2.39, receive-pack uses all the local refs as the boundary for checking connectivity.", notes)
    assert (old.verdict, old.evidence[0].reason) == ("contradicted", "replaced: USED TO")
    new = judge("In Git 2.39, receive-pack checks connectivity with only the refs it advertised.", notes)
    assert new.verdict != "contradicted"


def test_ranges_in_words_and_with_units() -> None:
    assert [(q.text, q.lo, q.hi) for q in extract("It costs between six and seven CPU cycles per byte.")] == [
        ("between six and seven", 6.0, 7.0)
    ]
    assert [(q.text, q.hedge) for q in extract("Byte-wise CRC takes 6-7 CPU cycles per byte.")] == [("6-7", "range")]
    assert [q.hedge for q in extract("won 3-2 at home")] == ["exact", "exact"]  # a score, no range
    assert [(q.text, q.average) for q in extract("It is on average 25% faster.")] == [("25%", True)]


def test_a_year_stays_a_year_when_kept_and_sent() -> None:
    import pickle

    from factcheck.memo import decode, encode

    for when in (Moment(1987), Moment(1987, 3), Moment(1987, 3, 14)):
        assert pickle.loads(pickle.dumps(when)).isoformat() == when.isoformat()  # to a worker process and back
        assert decode(encode(when)).isoformat() == when.isoformat()  # into the verdict memory and back


def test_another_versions_item_about_another_thing_contradicts_nothing() -> None:
    notes = {
        "NEWS.txt": "version 2.7 - 2019-03-14\n\n* Update the bundled time zone data to tzdata release 2019a.\n\n"
        "version 2.6 - 2018-11-02\n\n* Update the bundled time zone data to tzdata release 2018g.\n"
    }
    result = judge("Version 2.6 ships time zone data from tzdata release 2018g.", notes)
    assert result.verdict == "supported"
    assert judge("Version 2.7 ships time zone data from tzdata release 2018g.", notes).verdict != "supported"


def test_versions_are_no_figures_sources_disagree_on() -> None:
    from factcheck import conflicts

    docs = from_texts(
        {
            "a.txt": "The build needs Python 3.9 on the server.\n\nIt runs nightly.",
            "b.txt": "The build needs Python 3.12 on the server.\n\nIt runs nightly.",
        }
    )
    report = conflicts(docs)
    assert report.groups == [] and report.statements == 0  # "3.9" and "3.12" are releases, not amounts


# A dispute only between sentences of one subject; another release; factors; the document's name -------------

SPEC = {
    "layout.md": "# Page header\n\n| Field | Type | Length | Description |\n|---|---|---|---|\n"
    "| alpha_mark | Pointer | 8 bytes | next byte after the last change to this page |\n"
    "| beta_sum | uint16 | 2 bytes | checksum of the page header field |\n"
    "| gamma_flags | uint16 | 2 bytes | flag bits of the page header field |\n"
}


def test_a_row_of_another_field_does_not_dispute_the_claim() -> None:
    """alpha_mark's 8 bytes say nothing of beta_sum's 2: the claim that beta_sum takes 8 is contradicted by its
    row, the alpha_mark row (which 'agrees' on 8 bytes) set aside as another subject, not a dispute; nor do the
    other rows of a table lend a row their words (beta_sum's 8 bytes was supported by alpha_mark's row)."""
    assert judge("The alpha_mark field takes 8 bytes of the page header.", SPEC).verdict == "supported"
    result = judge("The beta_sum field takes 8 bytes of the page header.", SPEC)
    assert result.verdict == "contradicted"
    assert [e.reason for e in result.evidence[:2]] == [
        "number: 8 bytes vs 2 bytes",
        "another subject: lacks beta, sum, header",
    ]
    rows = {"layout.md": "| Field | Length |\n|---|---|\n| alpha_mark | 8 bytes |\n| beta_sum | 2 bytes |\n"}
    assert judge("The beta_sum field takes 8 bytes.", rows).verdict != "supported"


def test_two_sentences_of_the_claims_subject_still_dispute() -> None:
    docs = {"a.txt": "The Delta bridge is 410 metres long.", "b.txt": "The Delta bridge is 440 metres long."}
    assert judge("The Delta bridge is 410 metres long.", docs).verdict == "disputed"


def test_another_release_of_the_product_contradicts_nothing() -> None:
    """ "Widget 2.1.3 came out in 2002" against a licence for Widget 3.11.2: another release, not a contradiction;
    against the history line that gives 2.1.3 another year, a contradiction."""
    licence = {"licence.txt": "Licence agreement for Widget 3.11.2 and the PSF.\n"}
    result = judge("Widget 2.1.3 was released by the PSF in 2002.", licence)
    assert result.verdict != "contradicted"
    assert result.evidence[0].reason == "another release: 3.11.2"
    history = {"history.txt": "Widget 2.1.3 was released by the PSF in 2003.\n"}
    assert judge("Widget 2.1.3 was released by the PSF in 2002.", history).verdict == "contradicted"


FILLER = {f"club{i}.txt": f"The garden club met on Tuesday {i}. Roses were planted by volunteers.\n" for i in range(6)}


def test_a_version_said_twice_is_one_version() -> None:
    """ "Python 1.6.1 ... Python 1.6.1" backs the claim's 1.6.1 and clashes with none of its other versions (it was
    'number: 2.0 vs 1.6.1')."""
    doc = {
        "licence.txt": "CNRI grants a licence to use Python 1.6.1 alone, provided that the notice Copyright "
        "1995-2001 is retained in Python 1.6.1 alone.\n"
    }
    result = judge("Python 1.6.1 came out in 2001, a year after Python 2.0.", {**FILLER, **doc})
    assert result.verdict != "contradicted" and result.evidence[0].stance == "neutral"


def test_a_factor_is_no_version() -> None:
    """Beside a claim's versions, a plain dotted figure may be one ("coreutils 9.1"); a factor never is ("a 1.25x
    speedup" was read as version 1.25 against the claim's 3.10)."""
    (factor,) = extract("On average, we measured a 1.25x speedup.")
    (plain,) = extract("coreutils 9.1 gave dircolors an option.")
    assert (as_version(factor).kind, as_version(plain).kind) == ("count", "version")


def test_a_claim_of_when_something_started_is_a_bound() -> None:
    """ "started with Python 3.10" against "Starting with Python 3.8.6": two first versions, a contradiction."""
    doc = {"licence.txt": "Starting with Python 3.8.6, code in the documentation is dual licensed under BSD terms.\n"}
    assert judge("Code in the documentation has been under BSD terms since Python 3.8.6.", doc).verdict == "supported"
    result = judge("Dual licensing of code in the documentation under BSD terms started with Python 3.10.", doc)
    assert result.verdict == "contradicted"


def test_the_documents_name_says_what_the_reader_reads(tmp_path: Path) -> None:
    """ "The README's benchmark" in a file called README.md: the claim's words name the document itself."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "README.md").write_text(
        "# Squash\n\n## Benchmark\n\nSquash level 1 compresses at 530 MB/s on the benchmark machine.\n"
    )
    (tmp_path / "claims.yaml").write_text(
        "documents: docs\nclaims:\n"
        '  - {id: readme, text: "In the README\'s benchmark, Squash level 1 compresses at 530 MB/s.", expect: supported}\n'
    )
    result = CliRunner().invoke(cli, ["verify", "--claims", str(tmp_path / "claims.yaml"), "--no-cache"])
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip().endswith("all as expected")


def test_a_month_alone_on_a_line_is_an_archives_link_not_evidence() -> None:
    """A short line states something when it has a version, an identifier, a label or a day: "Release date:
    2023-02-09", "(CVE-2022-41862)", "September 3, 2010"; "August 2019" in a blog's archive list does not."""
    page = {"blog.txt": "Archive\n\nAugust 2019\n\nJuly 2019\n\nThe blog moved to a new host in 2019.\n"}
    result = judge("The blog moved to a new host in 2019.", page)
    assert all(e.sentence.text not in ("August 2019", "July 2019") for e in result.evidence)
    paper = {"paper.txt": "Fast checksums\n\nA. Author\n\nSeptember 3, 2010\n\nWe describe a faster checksum.\n"}
    dated = judge("The checksum paper is dated 3 September 2010.", paper)
    assert any(e.sentence.text == "September 3, 2010" for e in dated.evidence)
    fix = {"notes.txt": "Fix a buffer overrun in the client library.\n\n(CVE-2022-41862)\n"}
    assert any(e.sentence.text == "(CVE-2022-41862)" for e in judge("The fix is CVE-2022-41862.", fix).evidence)


def test_minimum_versions_written_with_symbols_and_lower_case_names() -> None:
    """ ">=" before a version is its minimum, as "or newer" after it is; a bound makes a lower-case name a
    product ("glibc", "kernel"); "(use 1.11.3 or later)" takes its product from before the aside."""
    (kernel, glibc) = extract("Versions: kernel >= 4.18, glibc >= 2.28")
    assert [(q.unit, q.hedge, q.version) for q in (kernel, glibc)] == [
        ("kernel", "at_least", "4.18"),
        ("glibc", "at_least", "2.28"),
    ]
    assert [(q.unit, q.hedge) for q in extract("It needs at least kernel 4.9.")] == [("kernel", "at_least")]
    assert [(q.unit, q.hedge) for q in extract("Automake (use 1.11.3 or later)")] == [("automake", "at_least")]
    assert [q.kind for q in extract("The ratio was >= 2.5 and grew by at least 2.5 percent.")] == ["count", "percent"]
    table = {
        "BUILDING.md": "# Supported platforms\n\n| System | Versions | Support |\n|---|---|---|\n"
        "| Linux | kernel >= 4.18, glibc >= 2.28 | Tier 1 |\n| SmartOS | >= 18 | Tier 2 |\n"
    }
    result = judge("Tier 1 support on Linux needs at least kernel 4.9.", {**FILLER, **table})
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "number: at least kernel 4.9 vs >= 4.18")


RELEASES_HTML = """<html><body><main>
<h1>Widget releases</h1>
<p>The table lists every release of the widget.</p>
<table>
<thead><tr><th>Version</th><th>Date</th><th>Owner</th></tr></thead>
<tbody>
<tr><td>3.1</td><td>Jan 9, 2018</td><td>Acme</td></tr>
<tr><td>3.2</td><td>May 5, 2018</td><td><p>Bolt</p></td></tr>
</tbody>
</table>
<table><tr><td><table><tr><td>Layout cell text.</td></tr></table></td></tr></table>
</main></body></html>
"""


def test_an_html_tables_rows_are_sentences(tmp_path: Path) -> None:
    """An HTML table's row reads as Markdown's do: one sentence, each cell with its column's name, at the row's
    line ("3.2 | May 5, 2018" was three lines of one word); a table laid out in tables is read as text."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "releases.html").write_text(RELEASES_HTML)
    (tmp_path / "claims.yaml").write_text(
        "documents: docs\nclaims:\n"
        "  - {id: right, text: Widget 3.2 came out on May 5 2018., expect: supported}\n"
        "  - {id: wrong, text: Widget 3.2 came out on May 9 2018., expect: contradicted}\n"
    )
    args = ["verify", "--claims", str(tmp_path / "claims.yaml"), "--format", "json", "--no-cache"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    shown = {c["id"]: c["evidence"][0] for c in json.loads(result.stdout)["claims"]}
    assert shown["right"]["sentence"] == "Version: 3.2; Date: May 5, 2018; Owner: Bolt."
    assert (shown["right"]["line"], shown["wrong"]["line"]) == (8, 8)  # the row of 3.2
    corpus = from_texts({"layout.html": RELEASES_HTML.replace("releases", "layout")})
    texts = [s.text for d in corpus.documents for s in d.sentences]
    assert "Layout cell text." in texts and "Version: 3.1; Date: Jan 9, 2018; Owner: Acme." in texts


def test_a_row_of_another_release_says_nothing_of_this_one() -> None:
    """ "Release: 1.6; ...; GPL compatible?: no" is the row of release 1.6: no clash with a claim of 2.1."""
    table = {
        "licence.md": "# History\n\nHistorically, most, but not all, Python releases have also been GPL-compatible.\n\n"
        "| Release | Derived from | Year | Owner | GPL compatible? |\n|---|---|---|---|---|\n"
        "| 1.6 | 1.5.2 | 2000 | CNRI | no |\n| 2.0 | 1.6 | 2000 | BeOpen.com | no |\n| 2.1 | 2.0+1.6.1 | 2001 | PSF | no |\n"
    }
    result = judge("Python 2.1 was released under a GPL-compatible licence.", {**FILLER, **table})
    assert result.verdict != "contradicted"  # it was: "number: 2.1 vs Release: 1.6, 1.5.2"
    assert result.evidence[0].reason == "another release: Release: 1.6, 1.5.2"


def test_a_line_break_inside_an_html_paragraph_is_a_space(tmp_path: Path) -> None:
    """HTML's soft line breaks join words ("a DO\\n NOTHING action" was cut into two sentences, the first
    without its object); a sentence starting on a later line of the paragraph is placed on that line; a <pre>
    keeps its line breaks."""
    page = (
        "<html><body><main><ul><li><p>\n  In MERGE, don't count a <code>DO\n  NOTHING</code> action as a processed\n"
        "  tuple. The count is\n  now right.\n</p></li></ul>\n<pre>Make it\nTest it</pre></main></body></html>\n"
    )
    corpus = from_texts({"notes.html": page})
    sentences = [(s.text, s.line, s.column) for d in corpus.documents for s in d.sentences]
    assert ("In MERGE, don't count a DO NOTHING action as a processed tuple.", 2, 3) in sentences
    assert ("The count is now right.", 4, 10) in sentences
    assert [t for t, _, _ in sentences if t.endswith(" it")] == ["Make it", "Test it"]  # <pre> keeps its lines


PACKER_NEWS = """packer NEWS

* Noteworthy changes in release 9.1 (2022-04-15) [stable]

** New features

  pack now accepts the --level option, to choose how hard it compresses.

* Noteworthy changes in release 9.0 (2021-09-24) [stable]

** New features

  sum -a now supports the 'blake3' argument, to use the BLAKE3 digest algorithm.

  unpack is now twice as fast on large archives.

  list now shows the size of each member, and sorts them by name.

  check reports damaged members by their offset in the archive.
"""


def test_a_full_sentence_item_under_a_release_heading_says_what_it_brought() -> None:
    """A NEWS file's items are often whole sentences ("sum -a now supports the 'blake3' argument."): under the
    heading "release 9.0", one that says most of the claim's words backs "... with packer 9.0" as a short
    line does; under another release's heading it backs nothing."""
    news = {**FILLER, "packer-NEWS.txt": PACKER_NEWS}
    assert judge("Support for the BLAKE3 digest argument in sum -a came with packer 9.0.", news).verdict == "supported"
    assert judge("Support for the BLAKE3 digest argument in sum -a came with packer 9.1.", news).verdict != "supported"


WIDGET_NOTES = """Widget v3.2 Release Notes
=========================

Updates since v3.1
------------------

 * "wid sync" learned to skip files it cannot read, and says which.

 * "wid show" prints the commit's notes below its message.

Fixes since v3.1
----------------

 * "wid apply" limits its input to a bit less than 1 GiB.

 * "wid log" no longer crashes on an empty repository.
"""


def test_a_heading_of_changes_since_a_version_is_no_version_of_its_own() -> None:
    """ "Fixes since v3.1" heads what came after 3.1, in the notes of 3.2: it puts no item under another version;
    the version the notes' title backs names the subject as a figure in the sentence would, so "as large as 2
    GiB" against "a bit less than 1 GiB" is contradicted at the coverage of a backed figure."""
    notes = {**FILLER, "widget-3.2-notes.txt": WIDGET_NOTES}
    result = judge("With Widget 3.2, wid apply accepts input as large as 2 GiB.", notes)  # coverage 39: under 45
    assert (result.verdict, result.evidence[0].reason) == ("contradicted", "number: 2 GiB vs less than 1 GiB")


def test_a_range_is_backed_by_its_two_ends() -> None:
    """ "between 1000 and 60000" against a manual that gives the least and the most as two figures ("resp." ends
    no sentence); one end alone, or another end, backs nothing."""
    manual = {
        **FILLER,
        "useradd.txt": "UID_MIN and UID_MAX give the range of user IDs useradd picks from for regular users. "
        "The default value for UID_MIN (resp. UID_MAX) is 1000 (resp. 60000).\n",
    }
    claim = "By default, useradd gives regular users user IDs between 1000 and 60000."
    assert judge(claim, manual).verdict == "supported"
    assert judge(claim.replace("60000", "65535"), manual).verdict != "supported"


def test_a_minimum_version_is_what_the_claim_says() -> None:
    """ "gcc and g++ 10.1 or later" is the claim's content, as any figure is (a version alone says only where, and
    needs the words' full coverage): the requirement's line backs it at the coverage a figure needs."""
    building = {
        **FILLER,
        "BUILDING.md": "# Building Widget\n\nWidget builds on Unix and Windows.\n\n## Unix prerequisites\n\n"
        "Building Widget on Unix needs:\n\n* `gcc` and `g++` >= 10.1 or newer\n* GNU Make 3.81 or newer\n"
        "* Python 3.8 or newer\n",
    }
    assert judge("Building Widget on Unix needs gcc and g++ 10.1 or later.", building).verdict == "supported"
    assert judge("Building Widget on Unix needs gcc and g++ 12.1 or later.", building).verdict == "contradicted"


def test_what_heads_a_changelogs_items_is_a_setting() -> None:
    """A versioned line of more than ``heading_words`` words is prose, heading nothing; the settings say how many
    ([tool.factcheck.thresholds] heading_words), and the run reads them."""
    news = {
        **FILLER,
        "packer-NEWS.txt": "packer NEWS\n\nNoteworthy changes and fixes that came with the packer tool's "
        "long awaited release 2.6\n\n  Support for lzip archives\n",
    }
    claim = Catalogue([Claim("c", "Version 2.6 of the packer added support for lzip archives.")])
    short = verify(claim, from_texts(news)).results[0]
    wide = verify(claim, from_texts(news), Settings(verdicts=VerdictSettings(heading_words=15))).results[0]
    assert (short.verdict, wide.verdict) == ("partial", "supported")
