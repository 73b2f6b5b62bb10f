"""Data out: csv and jsonl read back as the report's rows, to_records() for a DataFrame, the JSON's schema,
dates as precise as written, paths that open from the working directory, short reprs, py.typed shipped."""

from __future__ import annotations

import csv
import io
import json
import shutil
from datetime import date
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

from factcheck import Catalogue, Claim, conflicts, from_texts, load_catalogue, load_corpus, verify
from factcheck.output.json import SCHEMA_VERSION, schema, verify_chunks
from factcheck.quantities import extract
from factcheck.quantities.time import Moment, as_written, later, precision, same_time, statement_time
from factcheck.records import CONFLICT_COLUMNS, VERIFY_COLUMNS

from .conftest import CATALOGUE, ROOT, SEEDS, build_package, run, write_catalogue

DATED = (
    "claims:\n"
    "  - id: year\n    text: In 1987 the program had 34 partner agencies.\n"
    "  - id: month\n    text: By March 2020 the program had 150 partner agencies.\n"
    "  - id: day\n    text: On 5 May 2021 the program had 160 partner agencies.\n"
)
DATED_DOC = (
    "In 1987 the program had 34 partner agencies.\n"
    "By March 2020 the program had 150 partner agencies.\n"
    "On 5 May 2021 the program had 160 partner agencies.\n"
)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A catalogue in the working directory, its documents in a folder beside it (one under a sub-folder
    with a space in its name), and the working directory there."""
    docs = tmp_path / "my docs"
    (docs / "sub").mkdir(parents=True)
    (docs / "sub" / "dated.txt").write_text(DATED_DOC, encoding="utf-8")
    write_catalogue(tmp_path / "claims.yaml", "documents: my docs\n" + DATED)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _schema_validate(document: object) -> None:
    jsonschema.validate(document, schema(), format_checker=jsonschema.FormatChecker())


# ------------------------------------------------------------------- csv and jsonl


def test_csv_reads_back_as_the_reports_rows(runner: CliRunner, project: Path) -> None:
    result = run(runner, "verify", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    expected = verify(load_catalogue(project / "claims.yaml"), load_corpus(project / "my docs")).to_records()
    assert [r["kind"] for r in rows] == [r["kind"] for r in expected] and len(rows) == len(expected)
    assert list(rows[0]) == list(VERIFY_COLUMNS)
    as_text = [{k: "" if v is None else str(v) for k, v in row.items()} for row in expected]
    assert rows == as_text  # every cell as the record holds it (None: empty)
    claims = [r for r in rows if r["kind"] == "claim"]
    assert [c["claim"] for c in claims] == ["year", "month", "day"]
    evidence = [r for r in rows if r["kind"] == "evidence"]
    assert evidence and all(r["claim"] in {"year", "month", "day"} and r["rank"] for r in evidence)


def test_jsonl_is_one_object_a_line_with_every_key(runner: CliRunner, project: Path) -> None:
    result = run(runner, "verify", "--format", "jsonl")
    lines = result.stdout.splitlines()
    rows = [json.loads(line) for line in lines]
    expected = verify(load_catalogue(project / "claims.yaml"), load_corpus(project / "my docs")).to_records()
    assert rows == expected
    assert all(list(row) == list(VERIFY_COLUMNS) for row in rows)
    conflict_rows = [json.loads(line) for line in run(runner, "conflicts", "--format", "jsonl").stdout.splitlines()]
    assert conflict_rows and all(list(row) == list(CONFLICT_COLUMNS) for row in conflict_rows)
    assert {r["kind"] for r in conflict_rows} == {"group", "statement"}


def test_csv_and_jsonl_of_conflicts_lint_and_bad_input(runner: CliRunner, project: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run(runner, "conflicts", "--format", "csv").stdout)))
    groups = [r for r in rows if r["kind"] == "group"]
    statements = [r for r in rows if r["kind"] == "statement"]
    assert groups and statements and {s["group"] for s in statements} <= {g["group"] for g in groups}
    assert all(s["path"] in ("claims.yaml", "my docs/sub/dated.txt") for s in statements)
    lint = list(csv.DictReader(io.StringIO(run(runner, "lint", "--format", "csv").stdout)))
    assert lint == [{"kind": "lint", "catalogue": "claims.yaml", "claims": "3", "documents": "1", "ok": "True"}]
    bad = run(runner, "verify", "--claims", "missing.yaml", "--format", "jsonl")
    assert bad.exit_code == 2 and "catalogue not found" in bad.stderr
    (error,) = [json.loads(line) for line in bad.stdout.splitlines()]
    assert error["kind"] == "error" and error["path"] == "missing.yaml" and error["message"] == "catalogue not found"


def test_a_sentence_a_spreadsheet_would_run_is_defused_in_csv_only(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text('=HYPERLINK("http://x","34 agencies") joined the program.\n')
    claims = write_catalogue(tmp_path / "c.yaml", "claims:\n  - id: a\n    text: 34 agencies joined the program.\n")
    args = ("verify", "--claims", str(claims), "--docs", str(tmp_path / "docs"))
    rows = list(csv.DictReader(io.StringIO(run(runner, *args, "--format", "csv").stdout)))
    (ev,) = [r for r in rows if r["kind"] == "evidence"]
    assert ev["sentence"].startswith("'=HYPERLINK(")
    jsonl = [json.loads(line) for line in run(runner, *args, "--format", "jsonl").stdout.splitlines()]
    assert jsonl[1]["sentence"].startswith("=HYPERLINK(")  # as written


# ------------------------------------------------------------------- to_records, reprs


def test_to_records_makes_a_dataframe() -> None:
    report = verify(load_catalogue(CATALOGUE), load_corpus(SEEDS))
    rows = report.to_records()
    assert all(type(v) in (str, int, float, bool, type(None)) for row in rows for v in row.values())
    assert {tuple(row) for row in rows} == {VERIFY_COLUMNS}
    assert sum(row["kind"] == "claim" for row in rows) == 19
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame(rows)
    claims = frame[frame.kind == "claim"]
    assert list(claims.claim) == [r.claim.id for r in report.results]
    assert claims.verdict.value_counts().to_dict() == {v: n for v, n in report.counts.items() if n}
    evidence = frame[frame.kind == "evidence"]
    assert len(evidence) == sum(len(r.evidence) for r in report.results) and evidence.score.dtype == float
    groups = pandas.DataFrame(conflicts(load_corpus(SEEDS), catalogue=load_catalogue(CATALOGUE)).to_records())
    assert set(groups.kind) == {"group", "statement"}


def test_reprs_are_one_short_line() -> None:
    corpus = from_texts({"a.txt": "In 2019 the program had 34 partner agencies."})
    catalogue = Catalogue(
        [
            Claim("a", "In 2019 the program had 34 partner agencies."),
            Claim("b", "In 2019 the program had 40 partner agencies."),
            Claim("c", "The moon is made of cheese."),
        ]
    )
    report = verify(catalogue, corpus)
    assert repr(report) == "<VerifyReport 3 claims: 1 supported, 1 contradicted, 1 unverified>"
    big = verify(load_catalogue(CATALOGUE), load_corpus(SEEDS))
    assert repr(big) == "<VerifyReport 19 claims: 11 supported, 5 partial, 2 contradicted, 1 unverified>"
    found = conflicts(load_corpus(SEEDS), catalogue=load_catalogue(CATALOGUE))
    assert repr(found) == "<ConflictReport 2 groups: 2 conflicts, 0 changes; 0 unresolved>"
    assert "\n" not in repr(big) and len(repr(big)) < 100


# ------------------------------------------------------------------- the JSON and its schema


def test_every_json_document_follows_the_schema(runner: CliRunner, project: Path) -> None:
    documents = [
        json.loads(run(runner, *args, "--format", "json").stdout)
        for args in (("verify",), ("conflicts",), ("lint",), ("conflicts", "--docs", "my docs", "--claims", "x.yaml"))
    ]
    documents.append(json.loads(run(runner, "verify", "--claims", "x.yaml", "--format", "json").stdout))
    for document in documents:
        assert document["schema_version"] == SCHEMA_VERSION
        _schema_validate(document)
    seeds = json.loads(run(runner, "verify", "--claims", str(CATALOGUE), "--format", "json", "--top", "5").stdout)
    _schema_validate(seeds)


def test_the_schema_catches_a_missing_key() -> None:
    report = json.loads("".join(verify_chunks(verify(load_catalogue(CATALOGUE), load_corpus(SEEDS)))))
    _schema_validate(report)
    del report["claims"][0]["evidence"][0]["page"]
    with pytest.raises(jsonschema.ValidationError, match="'page' is a required property"):
        _schema_validate(report)


def test_page_is_always_there_null_off_a_pdf(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docs = tmp_path / "docs"
    docs.mkdir()
    shutil.copy(ROOT / "tests" / "data" / "formats" / "report.pdf", docs)
    (docs / "note.txt").write_text("At the end of the Obama administration, 34 local agencies took part.\n")
    write_catalogue(
        tmp_path / "c.yaml",
        "claims:\n  - id: a\n    text: At the end of the Obama administration, 34 local law enforcement agencies took part.\n",
    )
    monkeypatch.chdir(tmp_path)
    data = json.loads(run(runner, "verify", "--claims", "c.yaml", "--docs", "docs", "--format", "json").stdout)
    pages = {e["doc"]: e["page"] for e in data["claims"][0]["evidence"]}
    assert pages["report.pdf"] == 1 and pages["note.txt"] is None


# ------------------------------------------------------------------- dates as written


def test_a_year_alone_is_a_year_not_an_invented_day(runner: CliRunner, project: Path) -> None:
    data = json.loads(run(runner, "verify", "--format", "json").stdout)
    best = {c["id"]: c["evidence"][0] for c in data["claims"]}
    assert (best["year"]["as_of"], best["year"]["as_of_precision"]) == ("1987", "year")
    assert (best["month"]["as_of"], best["month"]["as_of_precision"]) == ("2020-03", "month")
    assert (best["day"]["as_of"], best["day"]["as_of_precision"]) == ("2021-05-05", "day")
    assert all(c["verdict"] == "supported" for c in data["claims"])
    # the same from the cache's remembered verdicts (a second run judges nothing)
    again = json.loads(run(runner, "verify", "--format", "json").stdout)
    assert again == data
    found = json.loads(run(runner, "conflicts", "--format", "json").stdout)
    dates = {(s["as_of"], s["as_of_precision"]) for g in found["conflicts"] for s in g["statements"]}
    assert ("1987", "year") in dates and "1987-12-28" not in json.dumps(found)


def test_a_year_is_kept_a_year_and_sorts_where_it_did() -> None:
    """A year stands where the old reading put it (its 28 December) so timelines sort as before, is shown as
    written, and compares as the stretch of days it names: 1987 holds March 1987 and is not 28 December."""
    year = statement_time("In 1987 it had 34.", extract("In 1987 it had 34."), None, None)
    assert isinstance(year[0], Moment) and as_written(year[0]) == "1987" and precision(year[0]) == "year"
    assert date(1987, 1, 1) < year[0] < date(1988, 1, 1) and year[0] != date(1987, 12, 28)
    assert same_time(year[0], Moment(1987, 3)) and later(year[0], Moment(1987, 3)) is None
    assert as_written(Moment(2020, 3)) == "2020-03" and as_written(date(2020, 3, 5)) == "2020-03-05"
    assert as_written(Moment(987)) == "0987" and precision(date(2020, 3, 5)) == "day"


# ------------------------------------------------------------------- paths from the working directory


def test_paths_open_from_the_working_directory_in_every_format(runner: CliRunner, project: Path) -> None:
    data = json.loads(run(runner, "verify", "--format", "json").stdout)
    evidence = data["claims"][0]["evidence"][0]
    assert evidence["path"] == "my docs/sub/dated.txt" and evidence["doc"] == "sub/dated.txt"
    assert Path(evidence["path"]).is_file() and data["documents"] == "my docs"
    assert "my docs/sub/dated.txt:1" in run(runner, "verify").stdout
    assert "my docs/sub/dated.txt:1" in run(runner, "verify", "--format", "markdown").stdout
    sarif = json.loads(run(runner, "verify", "--format", "sarif", "--claims", "claims.yaml").stdout)
    assert sarif["runs"][0]["results"] == []  # all supported; the related locations are tested in test_ci
    assert 'href="my%20docs/sub/dated.txt"' in run(runner, "verify", "--format", "html").stdout


def test_paths_are_relative_to_where_the_command_runs_not_to_the_catalogue(
    runner: CliRunner, project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "elsewhere").mkdir()
    monkeypatch.chdir(project / "elsewhere")
    data = json.loads(run(runner, "verify", "--claims", "../claims.yaml", "--format", "json").stdout)
    # outside the working directory: absolute, which opens from anywhere
    assert data["claims"][0]["evidence"][0]["path"] == (project / "my docs" / "sub" / "dated.txt").as_posix()
    assert Path(data["claims"][0]["evidence"][0]["path"]).is_file()


# ------------------------------------------------------------------- py.typed


def test_the_package_ships_py_typed_and_the_schema(tmp_path: Path) -> None:
    """Downstream mypy reads the types only from a package that says it has them (PEP 561): setuptools'
    build_py, as a wheel's build runs it, copies py.typed and the JSON Schema with the code."""
    build_package(tmp_path)
    assert (tmp_path / "lib" / "factcheck" / "py.typed").is_file()
    shipped = json.loads((tmp_path / "lib" / "factcheck" / "output" / "schema.json").read_text(encoding="utf-8"))
    assert shipped == schema()
