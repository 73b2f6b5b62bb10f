"""The model judge (judge = "model"): real inference through the model the package ships.

The known outcomes (a paraphrase supported, a denial the rules miss contradicted) are what the trained
model must do; while the package ships the stand-in of the model branch (an untrained head, its card
says so) they are expected to fail, and pytest reports them as xfail, never skips them. The rest holds
for any weights: the rules keep figures, dates and names, an unrelated window stays unverified, the
files are installed and load with the network unavailable, the verdict memory keys on the weights'
digest, and a missing onnxruntime is one line with the install command.
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from factcheck import Catalogue, Settings, from_texts, parse_catalogue, verify
from factcheck.cli import cli
from factcheck.judges.model.judge import ModelJudge
from factcheck.judges.model.runtime import Model, data_folder
from factcheck.settings import ModelSettings
from factcheck.verdicts import ClaimResult

from .conftest import build_package, run, run_json

CARD = json.loads((data_folder() / "judge.json").read_text(encoding="utf-8"))
# The stand-ins: the untrained head exported on the judge branch, the model branch's smoke model (200 pairs).
STAND_IN = str(CARD.get("trained", "")).startswith("STAND-IN") or int(CARD.get("examples") or 0) < 1000
trained = pytest.mark.xfail(
    STAND_IN, reason="the package ships a stand-in model, not the trained one: these wait for it", strict=True
)
ALWAYS = ModelSettings(supported=0.0, refuted=1.01, topic=0.0)  # the model, once it reads a claim, says "entails"

# A small corpus whose words weigh as in a real one: the claims' subjects are rare, the filler common.
DOCS = {
    "authority.txt": (
        "The regional water authority was founded in 1950 to run the reservoirs of the valley. "
        "By the end of last year the authority employed 317 people at its two treatment plants. "
        "Its board meets four times a year in the town hall."
    ),
    "build.md": (
        "# Release notes for version 2\n\n"
        "The command-line tool has been rewritten in Rust. "
        "The tool dropped its dependency on libfoo and now parses archives with its own code. "
        "Start-up is twice as fast as before.\n"
    ),
    "weather.txt": (
        "Heavy rain fell across the valley for most of the week. "
        "Farmers said the harvest would be late but plentiful. "
        "The river rose by half a metre but stayed within its banks."
    ),
    "museum.txt": (
        "The city museum closed its doors in March for a renovation of the roof. "
        "The museum remained closed throughout the summer while the work went on. "
        "Visitors were sent to the gallery across the square instead."
    ),
}


def catalogue(*claims: tuple[str, str]) -> Catalogue:
    body = "claims:\n" + "".join(f"  - id: {cid}\n    text: {text}\n" for cid, text in claims)
    return parse_catalogue(Path("claims.yaml"), body)


def judged(judge: str, *claims: tuple[str, str], model: ModelSettings | None = None) -> dict[str, ClaimResult]:
    settings = Settings(judge=judge, model=model or ModelSettings())
    report = verify(catalogue(*claims), from_texts(DOCS), settings, top=2)
    return {r.claim.id: r for r in report.results}


def reason(result: ClaimResult) -> str | None:
    return result.evidence[0].reason if result.evidence else None


# ----------------------------------------------------------------------------- known outcomes


PARAPHRASE = ("paraphrase", "The water authority had 317 employees.")
DENIAL = ("denial", "The tool still depends on libfoo.")

# The issue's own pairs, each document the sentence alone (beside others, so that words weigh as they would).
ISSUE_PAIRS = {
    "staff.txt": "The authority employed 317 people.",
    "deps.txt": "The tool dropped its dependency on libfoo.",
    "weather.txt": DOCS["weather.txt"],
    "museum.txt": DOCS["museum.txt"],
}


def judged_alone(judge: str, *claims: tuple[str, str]) -> dict[str, ClaimResult]:
    report = verify(catalogue(*claims), from_texts(ISSUE_PAIRS), Settings(judge=judge), top=2)
    return {r.claim.id: r for r in report.results}


@trained
def test_a_paraphrase_the_rules_leave_unverified_is_supported_by_the_model() -> None:
    claim = ("paraphrase", "The authority had 317 employees.")
    # "317 employees" counts another noun than "317 people": the rules (issue 19) back no figure
    assert judged_alone("rules", claim)["paraphrase"].verdict == "unverified"
    result = judged_alone("model", claim)["paraphrase"]
    assert result.verdict == "supported"
    assert result.unsupported == []
    assert result.evidence[0].stance == "supports"
    assert (reason(result) or "").startswith("model: entails, 0.")
    assert result.evidence[0].sentence.text == ISSUE_PAIRS["staff.txt"]


@trained
def test_a_denial_the_rules_cannot_spell_is_contradicted_by_the_model() -> None:
    assert judged_alone("rules", DENIAL)["denial"].verdict == "supported"  # "dropped its dependency": words all there
    result = judged_alone("model", DENIAL)["denial"]
    assert result.verdict == "contradicted"
    assert result.evidence[0].stance == "contradicts"
    assert (reason(result) or "").startswith("model: contradicts, 0.")


def test_a_figure_the_rules_find_wrong_stays_contradicted_whatever_the_model_says() -> None:
    claim = ("figure", "The water authority employed 412 people.")
    for model in (None, ALWAYS):
        result = judged("model", claim, model=model)["figure"]
        assert result.verdict == "contradicted"
        assert reason(result) == "number: 412 vs 317"


def test_the_model_never_makes_a_figure_agree() -> None:
    """A value the window does not state is the rules' to judge: the model does not read the claim."""
    claim = ("other", "The water authority had 400 employees.")
    assert judged("model", claim, model=ALWAYS)["other"].verdict == judged("rules", claim)["other"].verdict
    assert judged("model", claim, model=ALWAYS)["other"].verdict != "supported"


def test_a_unit_of_measure_is_never_the_model_s_to_read() -> None:
    """The real-documents set's "about 1 MB" against zstd's "about 1KB each" read as entailed (0.9) while a
    stated value let the model read any figure: the noun a count counts is words, a unit of measure is not."""
    from factcheck.alignment import Part
    from factcheck.judges.model.decide import value_stated
    from factcheck.quantities import extract

    def part(text: str) -> Part:
        (q,) = extract(text)
        return Part(0, len(text), text, "number", q.text, 1.0, q)

    (kb,), (people,) = extract("weighing about 1KB each"), extract("it employed 317 people")
    assert not value_stated(part("about 1 MB"), [kb])
    assert value_stated(part("317 employees"), [people])
    assert not value_stated(part("318 employees"), [people])


def test_an_unrelated_window_stays_unverified() -> None:
    claim = ("unrelated", "The mayor opened a new bridge over the motorway in Leeds.")
    for model in (None, ALWAYS):
        result = judged("model", claim, model=model)["unrelated"]
        assert result.verdict == "unverified"
        assert all(not (e.reason or "").startswith("model:") for e in result.evidence)


def test_the_model_never_passes_a_word_of_logic_the_window_lacks() -> None:
    claim = ("logic", "The water authority has always employed 317 people.")
    result = judged("model", claim, model=ALWAYS)["logic"]  # a model that entails whatever it reads
    assert result.verdict == "partial"
    assert [span.text for span in result.unsupported] == ["has always"]


def test_a_contradiction_the_rules_find_is_never_overruled() -> None:
    claim = ("negated", "The tool is linked against libfoo.")
    corpus = from_texts({**DOCS, "notes.txt": "The tool is not linked against libfoo any more."})
    for model in (ModelSettings(), ALWAYS):
        result = verify(catalogue(claim), corpus, Settings(judge="model", model=model)).results[0]
        assert result.verdict == "contradicted"
        assert (reason(result) or "").startswith("negated:")


# ----------------------------------------------------------------------------- the reason in every format


def _project(tmp_path: Path, pyproject: str = "") -> Path:
    (tmp_path / "docs").mkdir()
    for name, text in DOCS.items():
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    (tmp_path / "claims.yaml").write_text(
        f"documents: docs\nclaims:\n  - id: {PARAPHRASE[0]}\n    text: {PARAPHRASE[1]}\n", encoding="utf-8"
    )
    (tmp_path / ".git").mkdir()  # the project's root: pyproject.toml is looked for no higher
    if pyproject:
        (tmp_path / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return tmp_path


ENTAILS = "[tool.factcheck.model]\nsupported = 0.0\nrefuted = 1.01\ntopic = 0.0\n"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json", "jsonl", "csv"])
def test_the_model_s_reason_is_shown_in_every_format_that_shows_reasons(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    monkeypatch.chdir(_project(tmp_path, ENTAILS))
    result = run(CliRunner(), "verify", "--judge", "model", "--no-cache", "--top", "1", "--format", fmt)
    assert result.exit_code == 0, result.stderr
    assert "model: entails, 0." in result.stdout


def test_report_and_baseline_take_the_judge_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(_project(tmp_path, ENTAILS))
    page = run(CliRunner(), "report", "--judge", "model", "--no-cache", "-o", "-")
    assert page.exit_code == 0 and "model: entails, 0." in page.stdout
    assert run(CliRunner(), "baseline", "--no-cache").exit_code == 0  # the rules: unverified (another counted noun)
    assert "expect: unverified" in (tmp_path / "claims.yaml").read_text(encoding="utf-8")
    assert run(CliRunner(), "baseline", "--judge", "model", "--no-cache").exit_code == 0
    assert "expect: supported" in (tmp_path / "claims.yaml").read_text(encoding="utf-8")


def test_judge_model_in_pyproject_and_judge_rules_on_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_project(tmp_path, '[tool.factcheck]\njudge = "model"\n' + ENTAILS))
    result, data = run_json(CliRunner(), "verify", "--no-cache")
    assert result.exit_code == 0 and data["claims"][0]["verdict"] == "supported"
    result, data = run_json(CliRunner(), "verify", "--no-cache", "--judge", "rules")
    assert result.exit_code == 1 and data["claims"][0]["verdict"] == "unverified"


def test_an_unknown_judge_is_refused_on_the_command_line_and_in_pyproject(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(_project(tmp_path))
    result = CliRunner().invoke(cli, ["verify", "--judge", "oracle"])
    assert result.exit_code == 2
    assert "Invalid value for '--judge': 'oracle' is not one of: model, rules" in result.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\njudge = "oracle"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["verify"])
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"factcheck: error: {tmp_path / 'pyproject.toml'}: unknown judge 'oracle' in [tool.factcheck]"
        " (one of: model, rules)\n"
    )


# ----------------------------------------------------------------------------- missing onnxruntime


@pytest.mark.parametrize("module", ["onnxruntime", "tokenizers"])
def test_without_the_judge_extra_asking_for_the_model_is_one_line_saying_what_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, module: str
) -> None:
    monkeypatch.chdir(_project(tmp_path))
    monkeypatch.setitem(sys.modules, module, None)  # what an environment without it imports: nothing
    result = run(CliRunner(), "verify", "--judge", "model", "--no-cache")
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"factcheck: error: judge 'model' needs {module}, which is not installed"
        " (pip install 'factcheck-claims[judge]')\n"
    )
    assert run(CliRunner(), "verify", "--no-cache").exit_code == 1  # the rules need neither
    (tmp_path / "pyproject.toml").write_text('[tool.factcheck]\njudge = "model"\n', encoding="utf-8")
    assert run(CliRunner(), "conflicts", "--no-cache").exit_code == 0  # a command that judges nothing runs
    assert run(CliRunner(), "verify", "--no-cache").exit_code == 2


# ----------------------------------------------------------------------------- installed, offline


def test_the_install_hint_names_this_distribution() -> None:
    import factcheck
    from factcheck.judges.model import runtime

    assert f"pip install '{factcheck.DISTRIBUTION}[judge]'" == runtime.INSTALL_HINT


def test_the_installed_package_carries_the_model_files_whose_digest_its_card_names(tmp_path: Path) -> None:
    """setuptools' build_py, as a wheel's build runs it, copies the three files with the code."""
    build_package(tmp_path)
    shipped = tmp_path / "lib" / "factcheck" / "judges" / "model" / "data"
    assert sorted(p.name for p in shipped.iterdir()) == ["judge.json", "judge.onnx", "tokenizer.json"]
    for name in ("judge.json", "judge.onnx", "tokenizer.json"):
        assert (shipped / name).read_bytes() == (data_folder() / name).read_bytes()
    probabilities = Model.load(shipped).probabilities([("The sky is blue.", "The sky was blue all day.")])
    assert probabilities.shape == (1, 3) and abs(float(probabilities.sum()) - 1.0) < 1e-5


def test_the_model_loads_and_reads_with_the_network_unavailable(monkeypatch: pytest.MonkeyPatch) -> None:
    def refused(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the model judge opened a network connection")

    for name in ("socket", "create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refused)
    result = judged("model", PARAPHRASE, model=ALWAYS)["paraphrase"]
    assert result.verdict == "supported"
    assert (reason(result) or "").startswith("model: entails, ")


# ----------------------------------------------------------------------------- batches, workers, memory


def test_the_claims_of_one_call_are_read_in_one_inference_call(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []
    real = Model.probabilities

    def counted(self: Model, pairs: Any) -> Any:
        calls.append(len(pairs))
        return real(self, pairs)

    monkeypatch.setattr(Model, "probabilities", counted)
    claims = [(f"p{i}", PARAPHRASE[1]) for i in range(8)]
    report = verify(catalogue(*claims), from_texts(DOCS), Settings(judge="model", model=ALWAYS), top=1)
    assert [r.verdict for r in report.results] == ["supported"] * 8
    assert calls == [4, 4]  # api.BATCH claims a call, each pair of a batch in one session.run


def test_a_pair_reads_the_same_whatever_pairs_are_read_beside_it() -> None:
    model = Model.load()
    pair = ("Each record of the sample weighs about 1 MB.", "It holds 10K records weighing about 1KB each.")
    alone = model.probabilities([pair])[0]
    for beside in [("x", "y")], [("The sky is blue.", "The sky was grey and heavy with rain all day long. " * 4)]:
        assert model.probabilities([pair, *beside])[0].tolist() == alone.tolist()


def test_forked_workers_load_their_own_model_and_judge_as_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    claims = catalogue(*[(f"c{i}-{j}", text) for i in range(40) for j, text in enumerate((PARAPHRASE[1], DENIAL[1]))])
    judge = ModelJudge(Settings(judge="model", model=ALWAYS))
    judge.model()  # loaded in the parent first: a forked worker must not use the parent's session
    from factcheck.context import RunContext

    monkeypatch.setenv("FACTCHECK_WORKERS", "1")
    alone = verify(claims, from_texts(DOCS), context=RunContext.of(judge=judge), top=1)
    monkeypatch.setenv("FACTCHECK_WORKERS", "2")
    forked = verify(claims, from_texts(DOCS), context=RunContext.of(judge=judge), top=1)
    assert [(r.verdict, reason(r)) for r in forked.results] == [(r.verdict, reason(r)) for r in alone.results]
    assert {r.verdict for r in alone.results} >= {"supported"}


def test_a_remembered_verdict_is_not_reused_once_the_model_s_weights_change(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.judges.model import judge as package

    monkeypatch.chdir(_project(tmp_path, ENTAILS))
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    read: list[str] = []
    real_judge = ModelJudge.judge

    def counted(self: ModelJudge, cases: Any, *args: Any) -> Any:
        read.extend(case.claim.id for case in cases)
        return real_judge(self, cases, *args)

    monkeypatch.setattr(ModelJudge, "judge", counted)
    first = run(CliRunner(), "verify", "--judge", "model", "--format", "json").stdout
    assert read == ["paraphrase"] and '"model: entails, ' in first
    assert run(CliRunner(), "verify", "--judge", "model", "--format", "json").stdout == first
    assert read == ["paraphrase"]  # remembered: the same weights, the same thresholds
    monkeypatch.setattr(package, "model_digest", lambda folder=None: "0" * 64)  # what other weights hash to
    assert run(CliRunner(), "verify", "--judge", "model", "--format", "json").stdout == first
    assert read == ["paraphrase", "paraphrase"]  # other weights: judged again
