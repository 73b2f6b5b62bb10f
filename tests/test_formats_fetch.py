"""``factcheck fetch`` against a real HTTP server on 127.0.0.1, started here (no mock)."""

from __future__ import annotations

import hashlib
import json
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from click.testing import CliRunner

from factcheck import project
from factcheck.fetch import FetchError, Limits, fetch

from .conftest import run, write_catalogue

FORMATS = Path(__file__).resolve().parent / "data" / "formats"
PAGE = (
    b"<html><head><title>ACLU</title></head><body><nav>Home | News | Donate</nav>"
    b"<article><h1>License to Abuse</h1><p>By April 2022, the 287(g) program had 142 partner agencies.</p>"
    b"</article><footer>Copyright ACLU</footer></body></html>"
)


class Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[int, str, bytes]]] = {}
    hits: ClassVar[list[str]] = []

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass

    def do_GET(self) -> None:
        self.hits.append(self.path)
        if self.path in self.routes:
            status, kind, body = self.routes[self.path]
            return self._redirect(body.decode()) if 300 <= status < 400 else self._send(status, kind, body)
        if self.path == "/slow":
            return self._slow()
        if self.path == "/stream":  # no Content-Length: the limit must be found while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(b"<p>0123456789</p>" * 200)
            return None
        if self.path == "/huge":
            return self._send(200, "text/html", b"<p>x</p>", length=str(10**10))
        if self.path.startswith("/hop"):
            n = int(self.path[4:] or 0)
            return self._redirect(f"/hop{n + 1}")
        self._send(404, "text/html", b"not found")

    def _send(self, status: int, kind: str, body: bytes, length: str | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", length or str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _slow(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        for _ in range(8):  # 8 x 0.25 s: longer than the test's 0.5 s timeout, bounded either way
            try:
                self.wfile.write(b"<p>drip</p>" * 10)
                self.wfile.flush()
            except OSError:
                return
            time.sleep(0.25)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(autouse=True)
def routes() -> None:
    Handler.routes = {
        "/report": (200, "text/html; charset=utf-8", PAGE),
        "/report.pdf": (200, "application/pdf", (FORMATS / "report.pdf").read_bytes()),
        "/moved": (301, "", b"/report"),
        "/gone": (410, "text/html", b"gone"),
        "/broken": (503, "text/html", b"down"),
        "/image": (200, "image/png", b"\x89PNG"),
    }


def catalogue(tmp_path: Path, *urls: str) -> Path:
    (tmp_path / "docs").mkdir(exist_ok=True)
    (tmp_path / "docs" / "note.txt").write_text("The program has partner agencies in many states.\n")
    sources = ", ".join(f'"{u}"' for u in urls)
    return write_catalogue(
        tmp_path / "claims.yaml",
        f"documents: docs\nclaims:\n  - id: p142\n"
        f"    text: The 287(g) program had 142 partner agencies by April 2022.\n"
        f"    sources: [{sources}]\n",
    )


def lock(tmp_path: Path) -> dict[str, dict[str, object]]:
    data = yaml.safe_load((tmp_path / "sources.lock.yaml").read_text())
    return {e["url"]: e for e in data["sources"]}


def test_private_addresses_are_refused_unless_allowed(runner: CliRunner, tmp_path: Path, server: str) -> None:
    claims = catalogue(tmp_path, f"{server}/report")
    result = run(runner, "fetch", "--claims", str(claims))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        f"factcheck: error: {server}/report: host '127.0.0.1' is a private or local address "
        "(127.0.0.1); pass --allow-private to fetch it\n"
    )
    assert not (tmp_path / "sources.lock.yaml").exists()


def test_fetch_records_pages_pdfs_and_redirects_then_verify_reads_the_snapshots_offline(
    runner: CliRunner, tmp_path: Path, server: str
) -> None:
    urls = [f"{server}/report", f"{server}/report.pdf", f"{server}/moved"]
    claims = catalogue(tmp_path, *urls)
    result = run(runner, "fetch", "--claims", str(claims), "--allow-private")
    assert result.exit_code == 0, result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()] == ["fetched"] * 3
    entries = lock(tmp_path)
    assert entries[f"{server}/moved"]["final_url"] == f"{server}/report"
    pdf = entries[f"{server}/report.pdf"]
    assert (pdf["status"], pdf["content_type"]) == (200, "application/pdf")
    assert pdf["sha256"] == hashlib.sha256((tmp_path / str(pdf["file"])).read_bytes()).hexdigest()
    assert str(pdf["file"]).startswith(".snapshots/") and str(pdf["file"]).endswith(".pdf")
    assert datetime.fromisoformat(str(pdf["fetched"]).replace("Z", "+00:00")).tzinfo is not None

    again = run(runner, "fetch", "--claims", str(claims), "--allow-private")  # once: nothing downloaded again
    assert again.exit_code == 0 and all(line.startswith("kept") for line in again.stdout.splitlines())

    Handler.hits.clear()
    verdict = run(runner, "verify", "--claims", str(claims), "--format", "json")
    data = json.loads(verdict.stdout)
    assert verdict.exit_code == 0, verdict.stderr
    assert Handler.hits == []  # verify never touches the network
    docs = {e["doc"]: e for e in data["claims"][0]["evidence"]}
    assert docs[f"{server}/report.pdf"]["page"] == 1
    assert docs[f"{server}/report"]["page"] is None  # always there, null off a PDF
    corpus = project.read_corpus(project.read_catalogue(project.Locations(claims)), project.Locations(claims)).corpus
    snapshot = corpus.document(f"{server}/report")
    assert snapshot.date == datetime.now(timezone.utc).date()
    assert snapshot.date_text == f"snapshot of {snapshot.date.isoformat()}"
    assert run(runner, "lint", "--claims", str(claims), "--format", "text").exit_code == 0


@pytest.mark.parametrize(
    "path, message",
    [
        ("/gone", "HTTP 410 Gone: the page is gone"),
        ("/missing", "HTTP 404 Not Found: the page is gone"),
        ("/broken", "HTTP 503 Service Unavailable: the server failed; try again later"),
        ("/image", "content type 'image/png' is not HTML or PDF"),
        ("/huge", "the body is 10000000000 bytes, over the limit of 20971520 bytes"),
        ("/hop0", "more than 5 redirects"),
        ("/slow", "timed out after 0.5 s"),
    ],
)
def test_each_failure_is_one_line_and_leaves_the_snapshot(
    runner: CliRunner, tmp_path: Path, server: str, path: str, message: str
) -> None:
    claims = catalogue(tmp_path, f"{server}{path}")
    Handler.routes[path] = Handler.routes["/report"]
    assert run(runner, "fetch", "--claims", str(claims), "--allow-private").exit_code == 0
    before = (tmp_path / "sources.lock.yaml").read_bytes()
    snapshot = tmp_path / str(lock(tmp_path)[f"{server}{path}"]["file"])
    del Handler.routes[path]
    routes_now = {
        "/gone": (410, "text/html", b"gone"),
        "/broken": (503, "text/html", b"down"),
        "/image": (200, "image/png", b"\x89PNG"),
    }
    if path in routes_now:
        Handler.routes[path] = routes_now[path]
    started = time.monotonic()
    result = run(runner, "fetch", "--claims", str(claims), "--allow-private", "--refresh", "--timeout", "0.5")
    assert time.monotonic() - started < 5
    assert result.exit_code == 1
    assert result.stderr == f"factcheck: error: {server}{path}: {message} (snapshot kept)\n"
    assert (tmp_path / "sources.lock.yaml").read_bytes() == before
    assert snapshot.read_bytes() == PAGE


def test_check_reports_pages_that_changed(runner: CliRunner, tmp_path: Path, server: str) -> None:
    claims = catalogue(tmp_path, f"{server}/report", f"{server}/report.pdf")
    assert run(runner, "fetch", "--claims", str(claims), "--allow-private").exit_code == 0
    same = run(runner, "fetch", "--claims", str(claims), "--allow-private", "--check")
    assert same.exit_code == 0 and [ln.split()[0] for ln in same.stdout.splitlines()] == ["same", "same"]
    Handler.routes["/report"] = (200, "text/html", PAGE.replace(b"142", b"150"))
    before = (tmp_path / "sources.lock.yaml").read_bytes()
    changed = run(runner, "fetch", "--claims", str(claims), "--allow-private", "--check")
    assert changed.exit_code == 1
    assert changed.stderr.startswith(f"factcheck: error: {server}/report: changed since its snapshot of ")
    assert changed.stderr.count("\n") == 1
    assert (tmp_path / "sources.lock.yaml").read_bytes() == before


def test_only_http_urls_may_be_cited(runner: CliRunner, tmp_path: Path) -> None:
    claims = catalogue(tmp_path, "file:///etc/passwd")
    result = run(runner, "verify", "--claims", str(claims), "--format", "text")
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: {claims}:5: source 'file:///etc/passwd' of claim 'p142' is not an "
        "http(s) URL (cite an https:// page, or a file under the documents folder)\n"
    )
    with pytest.raises(FetchError, match="only http and https"):
        fetch("file:///etc/passwd")


def test_a_url_without_snapshot_asks_for_fetch(runner: CliRunner, tmp_path: Path) -> None:
    claims = catalogue(tmp_path, "https://www.aclu.org/report/license-abuse")
    result = run(runner, "verify", "--claims", str(claims), "--format", "text")
    assert result.exit_code == 2
    assert result.stderr.endswith("has no snapshot (run 'factcheck fetch' to download it)\n")


def test_a_streamed_body_over_the_limit_is_cut(server: str) -> None:
    with pytest.raises(FetchError, match=r"^the body is over the limit of 1000 bytes$"):
        fetch(f"{server}/stream", Limits(max_bytes=1000, allow_private=True))
