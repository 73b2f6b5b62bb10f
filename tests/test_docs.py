"""The documentation a user reads: every command it shows runs as shown, every option it names exists,
every link to a file of the repository resolves, and the generated pages match their source.

Convention: in a ```console block, a line `$ factcheck ...` is run (CliRunner) and the lines after it,
up to the next `$`, must each appear in its output; in a ```sh block, every line starting with
`factcheck ` is run. The exit code is 0 unless the line's comment says `# exit N`. A block runs in a
temporary copy of the repository's claims.yaml and seeds/, or in an empty folder when the line before
its fence is `<!-- run: empty -->`. Commands that need the network, a cluster or git history are
listed in NOT_RUN, explicitly.
"""

from __future__ import annotations

import itertools
import re
import shlex
import shutil
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from factcheck.catalogue import CLAIM_KEYS, RESOLUTION_KEYS, TOP_KEYS
from factcheck.cli import cli
from factcheck.config import reference

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "bench" / "README.md"]
NOT_RUN = {
    "factcheck fetch": "needs the network",
    "--cluster": "needs a Dask cluster",
    "--changed": "needs git history (tests/test_ci.py runs it on a repository it makes)",
    "factcheck init": "writes into the folder it runs in; run only where the page says `run: empty`",
}
# Pages another branch of issue 22 adds (output formats, a page per verdict): a link to one is
# accepted only while the page is absent; once merged, it is checked like any other.
ELSEWHERE = ("docs/formats.md", "docs/verdicts/", "docs/model-card.md")  # the last: issue 20's branch model


@dataclass(frozen=True)
class Command:
    page: str
    line: int
    argv: list[str]
    code: int
    shown: list[str]
    empty: bool


def _blocks(page: Path) -> list[tuple[str, int, list[str], bool]]:
    """Each fenced block: its language, the line of its fence, its lines, and whether it runs in an empty folder."""
    lines = page.read_text(encoding="utf-8").splitlines()
    blocks, i = [], 0
    while i < len(lines):
        fence = re.match(r"```(\w*)", lines[i])
        if fence:
            end = next(j for j in range(i + 1, len(lines)) if lines[j].startswith("```"))
            empty = i > 0 and lines[i - 1].strip() == "<!-- run: empty -->"
            blocks.append((fence.group(1), i + 1, lines[i + 1 : end], empty))
            i = end
        i += 1
    return blocks


def _command(page: Path, line: int, text: str, shown: list[str], empty: bool) -> Command:
    command, _, comment = text.partition("  #")
    exit_code = re.search(r"\bexit (\d)\b", comment)
    words = shlex.split(command)
    cut = next((n for n, w in enumerate(words) if w in ("|", ">", ">>", "2>")), len(words))
    words = words[:cut]  # piped (into jq) or redirected (to a file): factcheck's part runs
    return Command(
        str(page.relative_to(ROOT)), line, words[1:], int(exit_code.group(1)) if exit_code else 0, shown, empty
    )


def _commands(page: Path) -> list[Command]:
    found = []
    for language, start, lines, empty in _blocks(page):
        if language == "console":
            starts = [k for k, text in enumerate(lines) if text.startswith("$ ")] + [len(lines)]
            for k, after in itertools.pairwise(starts):
                if lines[k].startswith("$ factcheck "):
                    shown = [s.strip() for s in lines[k + 1 : after] if s.strip()]
                    found.append(_command(page, start + k + 1, lines[k][2:], shown, empty))
        elif language == "sh":
            found += [
                _command(page, start + k + 1, t, [], empty) for k, t in enumerate(lines) if t.startswith("factcheck ")
            ]
    return found


def _runnable(command: Command) -> bool:
    text = "factcheck " + " ".join(command.argv)
    excluded = [reason for key, reason in NOT_RUN.items() if key in text]
    return not excluded or (command.empty and text.startswith("factcheck init"))


ALL = [c for page in PAGES for c in _commands(page)]
RUN = [c for c in ALL if _runnable(c)]


def test_the_pages_show_commands_and_the_exclusions_are_few() -> None:
    assert len(RUN) >= 15, [f"{c.page}:{c.line}" for c in RUN]
    assert len(ALL) - len(RUN) <= 12, [f"{c.page}:{c.line}" for c in ALL if c not in RUN]


def _in_a_project(tmp_path: Path, empty: bool) -> Path:
    work = tmp_path / "project"
    work.mkdir()
    if not empty:
        shutil.copy(ROOT / "claims.yaml", work / "claims.yaml")
        shutil.copytree(ROOT / "seeds", work / "seeds")
    return work


@pytest.mark.parametrize(
    "block", sorted({(c.page, c.empty, min(d.line for d in RUN if d.page == c.page)) for c in RUN}), ids=str
)
def test_every_command_the_docs_show_runs_as_shown(
    block: tuple[str, bool, int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The commands of one page, in order, in one project folder (a fresh one for each `run: empty` block)."""
    page, empty, _ = block
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.chdir(_in_a_project(tmp_path, empty))
    for command in (c for c in RUN if c.page == page and c.empty == empty):
        result = CliRunner().invoke(cli, command.argv)
        where = f"{command.page}:{command.line}: factcheck {' '.join(command.argv)}"
        assert result.exit_code == command.code, f"{where}\n{result.output}{result.exception!r}"
        output = result.stdout + result.stderr
        missing = [line for line in command.shown if line not in output]
        assert not missing, f"{where}: not in its output: {missing}\n{output}"


def _options(name: str) -> set[str]:
    command = cli.commands[name] if isinstance(cli, click.Group) else cli
    found = set()
    for group in command.commands.values() if isinstance(command, click.Group) else [command]:
        found |= {o for p in group.params for o in getattr(p, "opts", []) + getattr(p, "secondary_opts", [])}
    return found | {"--help"}


def test_every_option_a_shown_command_uses_is_in_its_help() -> None:
    unknown = []
    for command in ALL:
        name = command.argv[0]
        assert isinstance(cli, click.Group) and name in cli.commands, (
            f"{command.page}:{command.line}: no command {name}"
        )
        options = _options(name)
        unknown += [
            f"{command.page}:{command.line}: {name} {a}"
            for a in command.argv
            if a.startswith("--") and a.split("=")[0] not in options
        ]
    assert not unknown, unknown


def test_every_option_a_page_names_exists() -> None:
    """`--x` in a page's text (outside blocks) is an option of some factcheck command, or of a tool named there."""
    everyone = set().union(*(_options(name) for name in cli.commands)) if isinstance(cli, click.Group) else set()
    others = {"--exit-zero", "--nworkers", "--nthreads", "--auto", "--minutes", "--commands", "--base", "--steps",
              "--cases", "--set", "--out", "--sentences", "--claims", "--docs", "--strict", "--check",
              "--paired", "--without", "--dump", "--repo", "--folds"}  # fmt: skip
    unknown = []
    for page in PAGES:
        text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
        for option in re.findall(r"`[^`\n]*?(--[a-z][a-z-]*)", text):
            if option not in everyone and option not in others:
                unknown.append(f"{page.relative_to(ROOT)}: {option}")
    assert not unknown, unknown


def _links(page: Path) -> list[str]:
    text = re.sub(r"```.*?```", "", page.read_text(encoding="utf-8"), flags=re.S)
    return [t for t in re.findall(r"\]\(([^)\s]+)\)", text) if not re.match(r"[a-z]+:", t) and not t.startswith("#")]


def test_every_link_to_a_file_of_the_repository_resolves() -> None:
    broken = []
    for page in PAGES:
        for target in _links(page):
            path = (page.parent / target.partition("#")[0]).resolve()
            named = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
            pending = any(named.startswith(p) for p in ELSEWHERE) and not any(
                (ROOT / p).exists() for p in ELSEWHERE if named.startswith(p)
            )
            if not path.exists() and not pending:
                broken.append(f"{page.relative_to(ROOT)}: {target}")
    assert not broken, broken


def test_the_link_check_sees_a_broken_link(tmp_path: Path) -> None:
    page = tmp_path / "p.md"
    page.write_text("[a](missing.md) [b](https://example.org) [c](#here)\n```sh\n[d](x.md)\n```\n", encoding="utf-8")
    assert _links(page) == ["missing.md"]


def test_the_configuration_page_is_generated_from_settings() -> None:
    page = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert page == reference(), "run: python -m factcheck.config > docs/configuration.md"
    assert "| `support_text` | `65.0` |" in page and "| `max_posting` | `50` |" in page


def test_the_catalogue_reference_names_every_key() -> None:
    page = (ROOT / "docs" / "catalogue.md").read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `(\w+)` \|", page, flags=re.M))
    assert rows == TOP_KEYS | CLAIM_KEYS | RESOLUTION_KEYS


def test_the_readme_stays_a_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.encode()) < 12 * 1024
    assert not re.search(r"\bissue \d|before this change|\d+(\.\d+)? (ms|MiB/s)\b", readme)
