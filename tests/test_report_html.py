"""The html format: one self-contained page, everything escaped, checked in a real browser.

The browser tests run headless Chromium (Debian: ``apt-get install chromium``) on the page,
read the DOM it rendered (after the page's script ran) and save a screenshot; they are
skipped, with the reason, when no browser is installed.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus import load_corpus
from factcheck.output import Asked
from factcheck.output.html import page

from .conftest import CATALOGUE, SEEDS
from .report_fixtures import hand_built_report

BROWSERS = ("chromium", "chromium-browser", "google-chrome")
PAYLOAD = "<script>document.body.dataset.pwned='1'</script>"
CLAIM_PAYLOAD = "<img src=x onerror=\"document.body.dataset.pwned='2'\">"


def browser() -> str | None:
    return next((path for name in BROWSERS if (path := shutil.which(name))), None)


needs_browser = pytest.mark.skipif(
    browser() is None, reason="no headless browser: install one with 'apt-get install chromium' (Debian)"
)


def headless(*args: str) -> subprocess.CompletedProcess[str]:
    command = [
        str(browser()),
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--virtual-time-budget=3000",
        *args,
    ]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.fixture
def hostile_project(tmp_path: Path) -> Path:
    """The seeds, plus a document and a claim that try to run script in the report."""
    docs = tmp_path / "seeds"
    shutil.copytree(SEEDS, docs)
    (docs / "hostile.txt").write_text(
        f"By April 2022 {PAYLOAD} the 287(g) program had 142 partner agencies, said the hostile page.\n"
    )
    text = json.dumps(f"The 287(g) program {CLAIM_PAYLOAD} had 142 partners by April 2022.")
    catalogue = CATALOGUE.read_text().replace(
        "  - id: partners-142-april-2022\n",
        f"  - id: hostile-claim\n    text: {text}\n  - id: partners-142-april-2022\n",
    )
    (tmp_path / "claims.yaml").write_text(catalogue)
    return tmp_path


def write_report(project: Path, *extra: str) -> tuple[Path, int]:
    out = project / "report.html"
    result = CliRunner().invoke(cli, ["report", "--claims", str(project / "claims.yaml"), "-o", str(out), *extra])
    assert out.is_file(), result.output
    return out, result.exit_code


def test_report_is_self_contained(tmp_path: Path) -> None:
    shutil.copy(CATALOGUE, tmp_path / "claims.yaml")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    out, code = write_report(tmp_path)
    html = out.read_text()
    assert code == 0
    assert not re.search(r"<link|<iframe|@import|url\(|src=\"?https?:|href=\"?https?:", html)
    assert "default-src 'none'" in html  # the page may fetch nothing
    assert html.count('<tr id="claim-') == 19 and html.count('class="group"') == 2
    assert html.count('<svg class="timeline"') == 2 and "<circle" in html
    assert 'id="settings"' in html and "support_numbers" in html


def test_every_text_is_escaped(hostile_project: Path) -> None:
    html = write_report(hostile_project)[0].read_text()
    assert PAYLOAD not in html and "<img src=x" not in html
    assert "&lt;script&gt;document.body.dataset.pwned=&#x27;1&#x27;&lt;/script&gt;" in html
    assert html.count("<script>") == 1  # the page's own


def test_the_page_cites_sentences_not_documents(tmp_path: Path) -> None:
    """Every sentence on the page is one a verdict or a conflict cites; the rest of a document is not there."""
    shutil.copy(CATALOGUE, tmp_path / "claims.yaml")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    page_text = write_report(tmp_path)[0].read_text()
    runner = CliRunner()
    claims = ["--claims", str(tmp_path / "claims.yaml")]
    verified = json.loads(runner.invoke(cli, ["verify", *claims, "--format", "json"]).stdout)
    disagreements = json.loads(runner.invoke(cli, ["conflicts", *claims, "--format", "json"]).stdout)
    cited = {e["sentence"] for c in verified["claims"] for e in c["evidence"]}
    cited |= {s["sentence"] for g in disagreements["conflicts"] for s in g["statements"]}
    corpus = load_corpus(tmp_path / "seeds")
    others = [
        s.text
        for d in corpus.documents
        for s in d.sentences
        if len(s.text) > 60 and not any(s.text in c for c in cited)
    ]
    assert others and not [s for s in others if escape(s) in page_text]


def test_hand_built_results_show_reason_partial_and_unsupported(tmp_path: Path) -> None:
    html = page(hand_built_report(tmp_path), None, Asked())
    assert '<mark class="unsupported">Only 12</mark>' in html
    assert '<mark class="unsupported">costs $50 million</mark>' in html
    assert '<span class="reason">number: 12 vs 34</span>' in html
    assert 'data-verdict="partial"' in html and '<mark class="disagree">34</mark>' in html
    assert "&lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;" in html


@needs_browser
def test_a_browser_renders_filters_and_runs_no_injected_script(hostile_project: Path, tmp_path: Path) -> None:
    out, _ = write_report(hostile_project)
    dom = headless("--dump-dom", out.as_uri()).stdout
    assert "data-pwned" not in dom  # neither the document's script nor the claim's onerror ran
    assert 'data-shown="20"' in dom  # the page's own script ran (its CSP hash is right): 20 rows shown
    assert "20 of 20 claims" in dom
    filtered = headless("--dump-dom", out.as_uri() + "#verdict=contradicted").stdout
    assert 'data-filter="contradicted"' in filtered and 'data-shown="2"' in filtered
    assert filtered.count(" hidden=") == 18
    searched = headless("--dump-dom", out.as_uri() + "#q=detainers").stdout
    rows = out.read_text().split('<tr id="claim-')[1:]
    expected = sum("detainers" in re.sub(r"<[^>]+>", "", row).lower() for row in rows)
    assert 0 < expected < 20 and f'data-shown="{expected}"' in searched
    shot = tmp_path / "report.png"
    headless(f"--screenshot={shot}", "--window-size=1280,1600", out.as_uri())
    assert shot.is_file() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_verify_and_conflicts_take_format_html(runner: CliRunner) -> None:
    verify = runner.invoke(cli, ["verify", "--format", "html"]).stdout
    assert verify.startswith("<!DOCTYPE html>") and 'id="claims"' in verify and 'id="conflicts"' not in verify
    conflicts = runner.invoke(cli, ["conflicts", "--format", "html"]).stdout
    assert 'id="conflicts"' in conflicts and "agencies in the 287(g) program" in conflicts


def test_how_a_run_was_asked_for_is_not_carried_to_the_next(runner: CliRunner) -> None:
    """The renderers are given how the report was asked for: nothing of one run is left for the next."""
    verbose = runner.invoke(cli, ["verify", "-v", "--top", "2", "--format", "html"]).stdout
    assert "<dt>--verbose</dt><dd>True</dd>" in verbose and "<dt>--top</dt><dd>2</dd>" in verbose
    linted = runner.invoke(cli, ["lint", "--format", "html"]).stdout
    assert 'id="lint"' in linted and "<dt>--" not in linted and "<dt>time</dt>" not in linted
