"""The html format: one self-contained page, everything escaped, checked in a real browser.

The browser tests run headless Chromium (Debian: ``apt-get install chromium``) on the page,
read the DOM it rendered (after the page's script ran), and drive it over the DevTools protocol
(tests/browser.py): at a phone's 390 px and a desktop's 1280 px, clicks and the address; they
save screenshots (into docs/ with ``FACTCHECK_UPDATE_SCREENSHOTS=1``), and are skipped, with the
reason, when no browser is installed. The colours' contrast is computed from the stylesheet.
"""

from __future__ import annotations

import colorsys
import json
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from html import escape
from pathlib import Path

import pytest
from click.testing import CliRunner

from factcheck.cli import cli
from factcheck.corpus import load_corpus
from factcheck.output import Asked
from factcheck.output.html import page

from .browser import Browser, Tab
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


# ------------------------------------------------------------------- colours: WCAG AA


def luminance(colour: str) -> float:
    """WCAG 2's relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2's contrast ratio, 1 to 21."""
    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def text_on_background(css: str) -> list[tuple[str, str, str]]:
    """(selector, text colour, background) for every rule of the stylesheet that sets a text colour: its
    own background where it sets one, else the page's (custom properties resolved)."""
    variables = dict(re.findall(r"--([\w-]+):(#[0-9a-fA-F]{6})", css))

    def resolved(value: str) -> str:
        found = re.fullmatch(r"var\(--([\w-]+)\)", value)
        return variables[found.group(1)] if found else value

    rules = re.findall(r"([^{}]+)\{([^{}]*)\}", re.sub(r"@media[^{]*\{", "", css))
    page_background = next(
        resolved(d) for s, body in rules if s.strip() == "body" for d in re.findall(r"background:([^;]+)", body)
    )
    pairs = []
    for selector, body in rules:
        colour = re.search(r"(?<![-\w])color:([^;}]+)", body)
        if colour is None or colour.group(1) == "inherit":
            continue
        background = re.search(r"background:(#[0-9a-fA-F]{6}|var\(--[\w-]+\))", body)
        pairs.append(
            (
                selector.strip(),
                resolved(colour.group(1)),
                resolved(background.group(1)) if background else page_background,
            )
        )
    return pairs


def test_every_text_colour_meets_wcag_aa() -> None:
    from factcheck.output.html import STYLE
    from factcheck.output.svg import COLOURS

    pairs = text_on_background(STYLE)
    assert len(pairs) >= 20 and ("mark.unsupported", "#cf222e", "#ffebe9") in pairs
    assert ("button", "#1f2328", "#f6f8fa") in pairs and (".v-partial", "#9a6700", "#ffffff") in pairs
    pairs += [(f"bar {verdict}", "#ffffff", fill) for verdict, fill in COLOURS.items()]  # the bar's labels
    pairs += [("svg labels", fill, "#ffffff") for fill in ("#57606a", "#1f2328")]
    low = [f"{s}: {fg} on {bg} is {contrast(fg, bg):.2f}:1" for s, fg, bg in pairs if contrast(fg, bg) < 4.5]
    assert not low, "below WCAG AA (4.5:1):\n" + "\n".join(low)


def test_the_contrast_check_can_fail() -> None:
    """The colour the issue measured: partial at #bf8700 on white, 3.1:1."""
    assert round(contrast("#bf8700", "#ffffff"), 1) == 3.1 and round(contrast("#000000", "#ffffff")) == 21
    assert text_on_background(":root{--a:#bf8700}body{background:#ffffff}.x{color:var(--a)}") == [
        (".x", "#bf8700", "#ffffff")
    ]


def test_each_verdict_has_a_colour_of_its_own_and_the_bar_says_its_counts_in_words() -> None:
    from factcheck.output.svg import COLOURS, verdict_bar

    assert len(set(COLOURS.values())) == len(COLOURS)
    hues = {v: colorsys.rgb_to_hls(*(int(c[i : i + 2], 16) / 255 for i in (1, 3, 5))) for v, c in COLOURS.items()}
    assert hues["unverified"][2] < 0.2 < hues["partial"][2]  # unverified grey, partial a colour (amber)
    bar = verdict_bar({"supported": 11, "partial": 5, "contradicted": 2, "unverified": 1, "disputed": 0})
    assert 'aria-label="verdicts: 11 supported, 5 partial, 2 contradicted, 1 unverified"' in bar
    assert ">11 supported</text>" in bar and ">5</text>" in bar and "<title>unverified: 1</title>" in bar
    assert 'preserveAspectRatio="none"' not in bar  # nothing stretched: widths in percent


def test_the_legend_buttons_carry_the_bars_colours(tmp_path: Path) -> None:
    html = page(hand_built_report(tmp_path), None, Asked())
    assert '<span class="sw sw-partial" aria-hidden="true"></span>partial (1)</button>' in html


# ------------------------------------------------------------------- links


def test_file_line_links_open_from_the_reports_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shutil.copy(CATALOGUE, tmp_path / "claims.yaml")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    (tmp_path / "out" / "html").mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["report", "-o", "out/html/r.html"])
    assert result.exit_code == 0, result.output
    html = (tmp_path / "out" / "html" / "r.html").read_text()
    hrefs = set(re.findall(r'<a class="(?:src|loc)" href="([^"]+)">', html))
    assert "../../claims.yaml" in hrefs and "../../seeds/004_d735ff75ace50038.txt" in hrefs
    assert all((tmp_path / "out" / "html" / href).resolve().is_file() for href in hrefs)
    assert ">seeds/004_d735ff75ace50038.txt:19</a>" in html  # shown as the working directory names it
    assert '<a class="loc" href="../../claims.yaml">claims.yaml:7</a>' in html


def test_a_file_named_like_a_scheme_is_linked_as_a_path(tmp_path: Path) -> None:
    from factcheck.output.html import Links

    links = Links(tmp_path, "docs")
    assert links.doc("javascript:alert(1).txt") == "docs/javascript%3Aalert%281%29.txt"
    assert links.doc("a b#c.txt") == "docs/a%20b%23c.txt"
    assert links.doc("https://example.org/page") == "https://example.org/page" and links.doc("ftp://x/y") == ""


def test_report_into_a_missing_folder_is_one_line(tmp_path: Path) -> None:
    shutil.copy(CATALOGUE, tmp_path / "claims.yaml")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    out = tmp_path / "missing" / "dir" / "r.html"
    result = CliRunner().invoke(cli, ["report", "--claims", str(tmp_path / "claims.yaml"), "-o", str(out)])
    assert result.exit_code == 2 and result.stdout == ""
    (line,) = result.stderr.strip().splitlines()
    assert line == (
        f"factcheck: error: {out}: cannot write the report: its folder does not exist"
        " (name a file in a folder you can write)"
    )


# ------------------------------------------------------------------- in a browser: phone, address, screenshots

DOCS = Path(__file__).resolve().parent.parent / "docs"
UPDATE_SCREENSHOTS = os.environ.get("FACTCHECK_UPDATE_SCREENSHOTS") == "1"
OVERFLOW = "[document.documentElement.scrollWidth, window.innerWidth]"


@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    path = browser()
    if path is None:
        pytest.skip("no headless browser: install one with 'apt-get install chromium' (Debian)")
    with Browser(path) as opened:
        yield opened


@pytest.fixture(scope="module")
def seeds_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds' report, written from its folder as a user would (paths as short as theirs)."""
    folder = tmp_path_factory.mktemp("report")
    shutil.copy(CATALOGUE, folder / "claims.yaml")
    shutil.copytree(SEEDS, folder / "seeds")
    here = Path.cwd()
    os.chdir(folder)
    try:
        result = CliRunner().invoke(cli, ["report", "-o", "report.html"])
    finally:
        os.chdir(here)
    assert result.exit_code == 0, result.output
    return folder / "report.html"


def _shot(tab: Tab, name: str, tmp_path: Path, full_page: bool = False) -> Path:
    """A screenshot: into docs/ with FACTCHECK_UPDATE_SCREENSHOTS=1 (review it), else a temporary folder."""
    path = (DOCS if UPDATE_SCREENSHOTS else tmp_path) / f"{name}.png"
    tab.screenshot(path, full_page)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 10_000
    return path


@pytest.mark.parametrize(("width", "height"), [(390, 900), (1280, 1100)])
def test_no_horizontal_overflow_on_a_phone_or_a_desktop(
    chromium: Browser, seeds_report: Path, tmp_path: Path, width: int, height: int
) -> None:
    tab = chromium.open(seeds_report.as_uri(), width, height)
    scroll_width, inner_width = tab.js(OVERFLOW)
    # at 390 px as a phone: a page wider than the screen would widen the viewport to fit it (621 px before)
    assert inner_width == width and scroll_width <= inner_width
    widest = tab.js("Math.max(...[...document.querySelectorAll('main *')].map(e => e.getBoundingClientRect().right))")
    assert widest <= width
    assert tab.js("document.body.dataset.shown") == "19"
    if width == 390:
        columns = tab.js("getComputedStyle(document.querySelector('#claims td')).display")
        assert columns == "block"  # one column of blocks, not three squeezed
        _shot(tab, "report-phone", tmp_path)
    else:
        assert tab.js("getComputedStyle(document.querySelector('#claims td')).display") == "table-cell"
        _shot(tab, "report-claims", tmp_path)
        tab.js("document.getElementById('conflicts').scrollIntoView()")
        tab.send(
            "Emulation.setDeviceMetricsOverride",
            {"width": 1280, "height": 1300, "deviceScaleFactor": 1, "mobile": False},
        )
        tab.js("document.getElementById('conflicts').scrollIntoView()")
        _shot(tab, "report-conflicts", tmp_path)


def test_filter_and_search_are_kept_in_the_address(chromium: Browser, seeds_report: Path, tmp_path: Path) -> None:
    tab = chromium.open(seeds_report.as_uri(), 1280, 1100)
    assert tab.js("location.hash") == ""
    entries = tab.js("history.length")
    tab.js("document.querySelector('button[data-filter=partial]').click()")
    assert tab.js("location.hash") == "#verdict=partial" and tab.js("document.body.dataset.shown") == "5"
    _shot(tab, "report-filtered", tmp_path)
    tab.js("var q=document.getElementById('q'); q.value='agencies'; q.dispatchEvent(new Event('input'))")
    assert tab.js("location.hash") == "#verdict=partial&q=agencies"
    shown = tab.js("document.body.dataset.shown")
    tab.js("document.querySelector('button[data-filter=partial]').click()")  # the filter off again
    assert tab.js("location.hash") == "#q=agencies"
    assert tab.js("history.length") == entries  # the address replaced, not a history entry per keystroke
    restored = chromium.open(seeds_report.as_uri() + "#verdict=partial&q=agencies", 390)
    assert (
        restored.js("document.body.dataset.shown") == shown
        and restored.js("document.getElementById('q').value") == "agencies"
    )
    assert restored.js("document.querySelector('button[data-filter=partial]').getAttribute('aria-pressed')") == "true"
    restored.js("location.hash = '#verdict=contradicted'")  # a link to another filter, followed in the page
    restored.wait("document.body.dataset.shown === '2'")  # hashchange: the two contradicted claims
    assert restored.js("document.getElementById('q').value") == ""
