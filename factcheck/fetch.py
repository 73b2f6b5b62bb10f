"""Downloading a cited URL, bounded in every way, with the standard library's http.client.

Only http and https. The host is resolved once, every address it resolves to is checked
(loopback, private, link-local and other non-public addresses are refused unless the user
allows them), and the connection goes to a checked address, with the name in the Host header
and in TLS's SNI and certificate check: a second lookup that answers otherwise (DNS
rebinding) is never made. No proxy is used, for the same reason. Redirects are followed by
hand, each hop checked the same way, up to ``max_redirects``.

One deadline holds for the whole URL, redirects included: the lookup, the connection, the
headers and the body. A watchdog shuts the socket at the deadline, so a server dripping a
byte at a time (each read well within a socket timeout) cannot stretch it. The body is read
in chunks under a size limit. Every failure is a :class:`FetchError` with one line for the
user, in which a server's words (reason phrase, content type, redirect target) are shown,
never obeyed.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

from factcheck import __version__
from factcheck.sanitize import one_line
from factcheck.snapshots import FETCHED_TYPES

USER_AGENT = f"factcheck/{__version__} (snapshot of a cited source)"
CHUNK = 64 * 1024
SHOWN = 100  # characters of a server's string (reason, content type, address) shown in a message
_URL_SAFE = "!#$%&'()*+,/:;=?@[]~"  # kept as they are in a URL; anything else non-alphanumeric is %-encoded


class FetchError(Exception):
    """One line for the user: what went wrong with this URL (nothing a terminal or CI would obey)."""

    def __init__(self, message: str) -> None:
        super().__init__(one_line(message))


@dataclass(frozen=True)
class Limits:
    timeout: float = 30.0  # seconds for the whole request, redirects included
    max_bytes: int = 20 * 1024 * 1024  # the body; the same limit as a document on disk
    max_redirects: int = 5
    allow_private: bool = False  # loopback, private and link-local addresses


@dataclass(frozen=True)
class Fetched:
    url: str
    final_url: str
    status: int
    content_type: str
    body: bytes

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.body).hexdigest()


def shown(text: str) -> str:
    """A server's string, as a message may quote it: one line, visible, at most SHOWN characters."""
    text = one_line(text)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"


def clean_url(url: str) -> str:
    """``url`` as a browser sends it: spaces, controls and non-ASCII characters %-encoded in the path,
    query and fragment; in the host, spaces and characters that are not printable."""
    if url.isascii() and url.isprintable() and " " not in url:
        return url  # nearly always: as it was written
    parts = urlsplit(url)
    netloc = "".join(c if c.isprintable() and not c.isspace() else quote(c, safe="") for c in parts.netloc)
    rest = [quote(part, safe=_URL_SAFE) for part in (parts.path, parts.query, parts.fragment)]
    return urlunsplit((parts.scheme, netloc, *rest))


@dataclass(frozen=True)
class Target:
    """Where one hop goes: the checked addresses, and the name for the Host header and TLS."""

    scheme: str
    host: str  # ASCII (IDNA)
    port: int
    path: str  # the request target: path and query
    addresses: tuple[str, ...]


def _parts(url: str) -> tuple[str, str, int, str]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not '{shown(parts.scheme)}:'")
    if not parts.hostname:
        raise FetchError("the URL has no host")
    try:
        port = parts.port
    except ValueError:
        port = 0
    if port == 0:
        raise FetchError(f"the URL's port is not a number from 1 to 65535: {shown(parts.netloc)}")
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise FetchError(f"the host name is not valid: {shown(parts.hostname)}") from None
    path = quote(parts.path or "/", safe=_URL_SAFE) + (f"?{quote(parts.query, safe=_URL_SAFE)}" if parts.query else "")
    return parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path


def _lookup(host: str, port: int, deadline: float, limits: Limits) -> list[str]:
    """The host's addresses, looked up once; a lookup past the deadline is a timeout."""
    answer: list[Any] = []

    def run() -> None:
        try:
            answer.append(socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, proto=socket.IPPROTO_TCP))
        except (OSError, UnicodeError) as exc:
            answer.append(exc)

    thread = threading.Thread(target=run, name="factcheck-lookup", daemon=True)
    thread.start()
    thread.join(max(deadline - time.monotonic(), 0.0))
    if not answer:
        raise FetchError(f"timed out after {limits.timeout:g} s")
    if isinstance(answer[0], Exception):
        reason = getattr(answer[0], "strerror", None) or type(answer[0]).__name__
        raise FetchError(f"cannot resolve host '{shown(host)}' ({reason})")
    return list(dict.fromkeys(str(info[4][0]) for info in answer[0]))


def target(url: str, limits: Limits, deadline: float) -> Target:
    """Refuse what is not http(s), or names a non-public address unless allowed; else where to connect."""
    scheme, host, port, path = _parts(url)
    addresses = _lookup(host, port, deadline, limits)
    for text in addresses:
        address = ipaddress.ip_address(text)
        if not limits.allow_private and not address.is_global:
            raise FetchError(
                f"host '{shown(host)}' is a private or local address ({address}); pass --allow-private to fetch it"
            )
    if not addresses:
        raise FetchError(f"cannot resolve host '{shown(host)}' (no address)")
    return Target(scheme, host, port, path, tuple(addresses))


def check_url(url: str, allow_private: bool) -> None:
    """Raise :class:`FetchError` for a URL ``fetch`` would refuse before connecting."""
    limits = Limits(allow_private=allow_private)
    target(url, limits, time.monotonic() + limits.timeout)


# ------------------------------------------------------------------- one connection, to a checked address


@dataclass
class _Watchdog:
    """Shuts the connection's socket at the deadline, whatever read is waiting on it."""

    deadline: float
    fired: bool = False
    sock: socket.socket | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self.sock = sock
            if self.fired:
                raise TimeoutError

    def fire(self) -> None:
        with self._lock:
            self.fired = True
            if self.sock is not None:
                with contextlib.suppress(OSError):  # closed already
                    self.sock.shutdown(socket.SHUT_RDWR)


def _open_socket(hop: Target, watchdog: _Watchdog) -> socket.socket:
    """A TCP connection to the first of the checked addresses that answers."""
    error: OSError = OSError("no address")
    for address in hop.addresses:
        remaining = watchdog.deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        try:
            sock = socket.create_connection((address, hop.port), timeout=remaining)
        except OSError as exc:
            error = exc
            continue
        watchdog.watch(sock)
        return sock
    raise error


class _Pinned(http.client.HTTPConnection):
    """HTTP to a checked address, whatever a second lookup of the name would say."""

    def __init__(self, hop: Target, watchdog: _Watchdog) -> None:
        super().__init__(hop.host, hop.port, timeout=max(watchdog.deadline - time.monotonic(), 0.01))
        self.hop, self.watchdog = hop, watchdog

    def connect(self) -> None:
        self.sock = _open_socket(self.hop, self.watchdog)


class _PinnedTLS(http.client.HTTPSConnection):
    """HTTPS to a checked address; the certificate is checked against the name (SNI: the name)."""

    def __init__(self, hop: Target, watchdog: _Watchdog) -> None:
        context = ssl.create_default_context()
        super().__init__(hop.host, hop.port, timeout=max(watchdog.deadline - time.monotonic(), 0.01), context=context)
        self.hop, self.watchdog, self.tls = hop, watchdog, context

    def connect(self) -> None:
        self.sock = self.tls.wrap_socket(_open_socket(self.hop, self.watchdog), server_hostname=self.hop.host)


# ------------------------------------------------------------------- the answer


def _media_type(resp: http.client.HTTPResponse) -> str:
    return (resp.getheader("Content-Type") or "").split(";")[0].strip().lower()


def _read_body(resp: http.client.HTTPResponse, limits: Limits) -> bytes:
    length = (resp.getheader("Content-Length") or "").strip()
    if length.isdigit() and int(length) > limits.max_bytes:
        raise FetchError(f"the body is {int(length)} bytes, over the limit of {limits.max_bytes} bytes")
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = resp.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(f"the body is over the limit of {limits.max_bytes} bytes")
        chunks.append(chunk)


def _status_error(code: int, reason: str) -> FetchError:
    reason = shown(reason)
    if code in (404, 410):
        return FetchError(f"HTTP {code} {reason}: the page is gone")
    if code >= 500:
        return FetchError(f"HTTP {code} {reason}: the server failed; try again later")
    return FetchError(f"HTTP {code} {reason}")


def _answer(url: str, hop: Target, watchdog: _Watchdog, limits: Limits) -> Fetched | str:
    """GET one hop: the page, or the URL it redirects to."""
    kind = _PinnedTLS if hop.scheme == "https" else _Pinned
    conn = kind(hop, watchdog)
    try:
        headers = {"User-Agent": USER_AGENT, "Accept": "text/html, application/pdf", "Accept-Encoding": "identity"}
        conn.request("GET", hop.path, headers=headers)
        resp = conn.getresponse()
        location = resp.getheader("Location")
        if 300 <= resp.status < 400 and location:
            return clean_url(urljoin(url, location.strip()))
        if not 200 <= resp.status < 300:
            raise _status_error(resp.status, resp.reason)
        media = _media_type(resp)
        if media not in FETCHED_TYPES:
            raise FetchError(f"content type '{shown(media or 'none')}' is not HTML or PDF")
        body = _read_body(resp, limits)
        if watchdog.fired:  # the watchdog's shutdown reads as the end of a body without a length
            raise TimeoutError
        return Fetched(url, url, resp.status, media, body)
    finally:
        conn.close()


def _one_hop(url: str, limits: Limits, deadline: float) -> Fetched | str:
    """The answer at ``url``, or the URL it redirects to, within the deadline."""
    watchdog = _Watchdog(deadline)
    timer = threading.Timer(max(deadline - time.monotonic(), 0.0), watchdog.fire)
    timer.daemon = True
    timer.start()
    try:
        return _answer(url, target(url, limits, deadline), watchdog, limits)
    except FetchError:
        if watchdog.fired:
            raise FetchError(f"timed out after {limits.timeout:g} s") from None
        raise
    except (OSError, http.client.HTTPException, ValueError) as exc:
        if watchdog.fired or isinstance(exc, TimeoutError):
            raise FetchError(f"timed out after {limits.timeout:g} s") from None
        raise _failure(exc) from None
    finally:
        timer.cancel()


def _failure(exc: Exception) -> FetchError:
    """A connection or protocol failure, in one line."""
    if isinstance(exc, ssl.SSLCertVerificationError):
        return FetchError(f"the TLS certificate is not valid ({shown(exc.verify_message or str(exc))})")
    if isinstance(exc, http.client.HTTPException):
        return FetchError(f"the answer is not valid HTTP ({type(exc).__name__}: {shown(str(exc))})")
    if isinstance(exc, ConnectionRefusedError):
        return FetchError("cannot connect (connection refused)")
    if isinstance(exc, OSError):
        return FetchError(f"connection failed ({shown(exc.strerror or str(exc) or type(exc).__name__)})")
    return FetchError(f"connection failed ({type(exc).__name__}: {shown(str(exc))})")


def fetch(url: str, limits: Limits | None = None) -> Fetched:
    """GET ``url``, following at most ``max_redirects`` redirects, within every limit."""
    limits = limits or Limits()
    deadline = time.monotonic() + limits.timeout
    current = clean_url(url)
    for _ in range(limits.max_redirects + 1):
        answer = _one_hop(current, limits, deadline)
        if isinstance(answer, Fetched):
            return Fetched(url, answer.final_url, answer.status, answer.content_type, answer.body)
        current = answer
    raise FetchError(f"more than {limits.max_redirects} redirects")
