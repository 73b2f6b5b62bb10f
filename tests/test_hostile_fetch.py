"""Issue 21, fetch: a hostile server or resolver, against a real HTTP server on 127.0.0.1 started here.

Loopback is refused by ``fetch`` unless ``--allow-private``, which these tests pass (as
tests/test_formats_fetch.py does); the resolver is replaced where a test needs a name to
answer otherwise the second time (DNS rebinding).
"""

from __future__ import annotations

import re
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import pytest
import yaml
from click.testing import CliRunner

from factcheck.fetch import Limits

from .conftest import run
from .decoy import CLAIM, make_decoy, make_project

PAGE = f"<html><body><p>{CLAIM}</p></body></html>".encode()
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2028\u2029]")


class _QuietServer(ThreadingHTTPServer):
    """The test server: a client that hangs up mid-answer (as fetch does) is no error printed to stderr,
    where it would land in the command's own stderr under test."""

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class Hostile(BaseHTTPRequestHandler):
    hits: ClassVar[list[tuple[str, str]]] = []  # (path, Host header)
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.hits.append((self.path, self.headers.get("Host", "")))
        route = getattr(self, "_" + self.path.strip("/").split("?")[0].replace("-", "_"), None)
        if route is None:
            self._send(200, "text/html", PAGE)
        else:
            route()

    def _send(self, status: int, kind: str, body: bytes, reason: str | None = None) -> None:
        self.send_response(status, reason)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _drip(self, data: bytes, pause: float) -> None:
        for i in range(len(data)):
            try:
                self.wfile.write(data[i : i + 1])
                self.wfile.flush()
            except OSError:
                return
            time.sleep(pause)

    def _drip_headers(self) -> None:  # a byte every 0.2 s: each read is quick, the whole is not
        self._drip(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Padding: " + b"a" * 200 + b"\r\n\r\n", 0.2)

    def _drip_body(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE) * 10))
        self.end_headers()
        self._drip(PAGE * 10, 0.2)

    def _reason(self) -> None:
        self._send(404, "text/html", b"gone", reason="Gone\x1b]0;pwned\x07\x1b[31m\r::error::x")

    def _kind(self) -> None:
        self._send(200, "text/x\x1b[31m;\x9b31m", b"x")

    def _redirect(self) -> None:
        self.send_response(302)
        self._headers_buffer.append("Location: /landing\x1b[31m\x9b\u202e?q=\x07\r\n".encode())  # type: ignore[attr-defined]
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _many_headers(self) -> None:
        self.send_response(200)
        for n in range(150):
            self.send_header(f"X-H{n}", "x")
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)


@pytest.fixture(scope="module")
def server() -> Iterator[int]:
    httpd = _QuietServer(("127.0.0.1", 0), Hostile)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield int(httpd.server_address[1])
    httpd.shutdown()
    httpd.server_close()


def citing(tmp_path: Path, *urls: str) -> Path:
    sources = ", ".join(f'"{u}"' for u in urls)
    root = make_project(
        tmp_path,
        {"a.txt": "Nothing.\n"},
        f"documents: docs\nclaims:\n  - id: a\n    text: {CLAIM}\n    sources: [{sources}]\n",
    )
    return root / "claims.yaml"


def clean(result: Any) -> None:
    """One line per failure, nothing a terminal or GitHub Actions would obey, no traceback."""
    for out in (result.stdout, result.stderr):
        assert not CONTROL.search(out), repr(out)
        assert not any(line.lstrip().startswith("::") for line in out.splitlines()), out
    assert "Traceback" not in result.stderr


def test_the_address_checked_is_the_address_connected_to(
    runner: CliRunner, tmp_path: Path, server: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """DNS rebinding: the first answer is public, every later one loopback. One lookup is made, and the
    connection goes to the public address it checked (refused here), never to the page on loopback."""
    lookups: list[str] = []
    connections: list[tuple[str, int]] = []
    real_connect = socket.create_connection

    def resolver(host: str, port: object, *args: object, **kwargs: object) -> list[Any]:
        lookups.append(host)
        address = "93.184.216.34" if len(lookups) == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, port))]

    def connect(address: tuple[str, int], *args: Any, **kwargs: Any) -> socket.socket:
        connections.append(address)
        if address[0] != "127.0.0.1":
            raise ConnectionRefusedError(111, "Connection refused")
        return real_connect(address, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", resolver)
    monkeypatch.setattr(socket, "create_connection", connect)
    Hostile.hits.clear()
    claims = citing(tmp_path, f"http://rebind.example:{server}/page")
    result = run(runner, "fetch", "--claims", str(claims), "--timeout", "5")
    assert result.exit_code == 1
    assert (
        result.stderr == f"factcheck: error: http://rebind.example:{server}/page: cannot connect (connection refused)\n"
    )
    assert lookups == ["rebind.example"] and connections == [("93.184.216.34", server)]
    assert Hostile.hits == [] and not (claims.parent / "sources.lock.yaml").exists()


def test_the_name_goes_in_the_host_header_while_the_checked_address_is_dialled(
    runner: CliRunner, tmp_path: Path, server: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: real("127.0.0.1", *a, **k))
    Hostile.hits.clear()
    claims = citing(tmp_path, f"http://pinned.example:{server}/page")
    result = run(runner, "fetch", "--claims", str(claims), "--allow-private")
    assert result.exit_code == 0, result.stderr
    assert Hostile.hits == [("/page", f"pinned.example:{server}")]


@pytest.mark.parametrize("path", ["/drip-headers", "/drip-body"])
def test_a_slow_drip_cannot_stretch_the_deadline(runner: CliRunner, tmp_path: Path, server: int, path: str) -> None:
    """A byte every 0.2 s, each read well within any socket timeout: the whole URL still stops at --timeout."""
    claims = citing(tmp_path, f"http://127.0.0.1:{server}{path}")
    started = time.monotonic()
    result = run(runner, "fetch", "--claims", str(claims), "--allow-private", "--timeout", "1")
    took = time.monotonic() - started
    assert took < 3, took
    assert result.exit_code == 1
    assert result.stderr == f"factcheck: error: http://127.0.0.1:{server}{path}: timed out after 1 s\n"


def test_the_default_deadline_is_the_documented_30_seconds() -> None:
    readme = " ".join(
        (Path(__file__).resolve().parent.parent / "docs" / "bounds.md").read_text(encoding="utf-8").split()
    )
    assert Limits().timeout == 30.0
    assert "30 s for each URL, redirects included (`--timeout`), however slowly the server sends" in readme


@pytest.mark.parametrize(
    "path, message",
    [
        ("/reason", "HTTP 404 Gone␛]0;pwned␇␛[31m␍::error::x: the page is gone"),
        ("/kind", "content type 'text/x␛[31m' is not HTML or PDF"),
        ("/many-headers", "the answer is not valid HTTP (HTTPException: got more than 100 headers)"),
    ],
)
def test_a_servers_words_are_shown_never_obeyed(
    runner: CliRunner, tmp_path: Path, server: int, path: str, message: str
) -> None:
    url = f"http://127.0.0.1:{server}{path}"
    result = run(runner, "fetch", "--claims", str(citing(tmp_path, url)), "--allow-private")
    assert result.exit_code == 1
    assert result.stderr == f"factcheck: error: {url}: {message}\n"
    clean(result)


def test_a_redirect_target_is_encoded_before_it_reaches_the_lock(
    runner: CliRunner, tmp_path: Path, server: int
) -> None:
    url = f"http://127.0.0.1:{server}/redirect"
    claims = citing(tmp_path, url)
    result = run(runner, "fetch", "--claims", str(claims), "--allow-private")
    assert result.exit_code == 0, result.stderr
    clean(result)
    [entry] = yaml.safe_load((claims.parent / "sources.lock.yaml").read_text(encoding="utf-8"))["sources"]
    assert entry["final_url"] == f"http://127.0.0.1:{server}/landing%1B[31m%C3%82%C2%9B%C3%A2%C2%80%C2%AE?q=%07"
    assert run(runner, "verify", "--claims", str(claims)).exit_code == 0  # the lock it wrote reads back


@pytest.mark.parametrize(
    "url, message",
    [
        ("https://example.com:99999/x", "the URL's port is not a number from 1 to 65535: example.com:99999"),
        ("https://example.com:0/x", "the URL's port is not a number from 1 to 65535: example.com:0"),
        ("http://[::1]:8080/x", "host '::1' is a private or local address (::1); pass --allow-private to fetch it"),
        ("http://2130706433/x", "is a private or local address (127.0.0.1)"),
    ],
)
def test_a_bad_address_is_one_line_without_a_connection(
    runner: CliRunner, tmp_path: Path, url: str, message: str
) -> None:
    result = run(runner, "fetch", "--claims", str(citing(tmp_path, url)))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"factcheck: error: {url}: ") and message in result.stderr
    assert len(result.stderr.splitlines()) == 1
    clean(result)


def test_a_full_disk_is_a_failed_fetch_not_a_traceback(
    runner: CliRunner, tmp_path: Path, server: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    decoy = make_decoy(tmp_path)
    url = f"http://127.0.0.1:{server}/page"
    claims = citing(tmp_path, url)

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("factcheck.files.os.fsync", full)
    result = run(runner, "fetch", "--claims", str(claims), "--allow-private")
    assert result.exit_code == 1 and result.stdout == ""
    assert re.fullmatch(
        rf"factcheck: error: {re.escape(url)}: cannot write the snapshot \S+\.html \(No space left on device\)\n",
        result.stderr,
    )
    assert not (claims.parent / "sources.lock.yaml").exists()
    assert list((claims.parent / ".snapshots").iterdir()) == []  # no temporary file left
    decoy.untouched()


def test_a_gzip_snapshot_verify_and_fetch_agree(runner: CliRunner, tmp_path: Path, server: int) -> None:
    """A snapshot verify cannot read is one fetch does not keep: both say so, and fetch mends it."""
    import gzip

    url = f"http://127.0.0.1:{server}/page"
    claims = citing(tmp_path, url)
    assert run(runner, "fetch", "--claims", str(claims), "--allow-private").exit_code == 0
    [snapshot] = (claims.parent / ".snapshots").iterdir()
    snapshot.write_bytes(gzip.compress(PAGE))
    broken = run(runner, "verify", "--claims", str(claims))
    assert broken.exit_code == 2
    assert broken.stderr == (
        f"factcheck: error: {claims}:5: source '{url}' of claim 'a': snapshot .snapshots/{snapshot.name} cannot "
        "be read: looks binary (NUL bytes) (run 'factcheck fetch' to download it again)\n"
    )
    mended = run(runner, "fetch", "--claims", str(claims), "--allow-private")
    assert mended.exit_code == 0 and mended.stdout.startswith("fetched  ")
    assert run(runner, "verify", "--claims", str(claims)).exit_code == 0


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """HTTPS on 127.0.0.1 with a certificate for pinned.example alone; the certificate, to trust it."""
    import shutil
    import ssl
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("openssl makes the test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    names = ["-subj", "/CN=pinned.example", "-addext", "subjectAltName=DNS:pinned.example"]
    command = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", *names]
    subprocess.run([*command, "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True)
    httpd = _QuietServer(("127.0.0.1", 0), Hostile)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    httpd.socket = context.wrap_socket(httpd.socket, server_side=True)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield int(httpd.server_address[1]), cert
    httpd.shutdown()
    httpd.server_close()


@pytest.mark.parametrize("name, ok", [("pinned.example", True), ("other.example", False)])
def test_tls_checks_the_name_while_dialling_the_checked_address(
    runner: CliRunner,
    tmp_path: Path,
    tls_server: tuple[int, Path],
    monkeypatch: pytest.MonkeyPatch,
    name: str,
    ok: bool,
) -> None:
    port, cert = tls_server
    real = socket.getaddrinfo
    monkeypatch.setattr(socket, "getaddrinfo", lambda host, *a, **k: real("127.0.0.1", *a, **k))
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # trusted as a certificate authority, for this test
    Hostile.hits.clear()
    url = f"https://{name}:{port}/page"
    result = run(runner, "fetch", "--claims", str(citing(tmp_path, url)), "--allow-private")
    if ok:
        assert result.exit_code == 0, result.stderr
        assert Hostile.hits == [("/page", f"pinned.example:{port}")]
    else:
        assert result.exit_code == 1 and Hostile.hits == []
        assert result.stderr.startswith(f"factcheck: error: {url}: the TLS certificate is not valid (Hostname mismatch")
        clean(result)
