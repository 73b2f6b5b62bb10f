"""Downloading a cited URL, bounded in every way, with the standard library's urllib.

Only http and https; the host is resolved and loopback, private, link-local and other
non-public addresses are refused unless the user allows them. Redirects are followed by
hand (each hop checked the same way), up to ``max_redirects``. The body is read in chunks
under a size limit and a whole-request deadline, so neither a huge nor a slow answer can
hold the run. Every failure is a :class:`FetchError` with one line for the user.
"""

from __future__ import annotations

import hashlib
import ipaddress
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from typing import IO
from urllib.parse import urljoin, urlsplit

from factcheck import __version__
from factcheck.snapshots import FETCHED_TYPES

USER_AGENT = f"factcheck/{__version__} (snapshot of a cited source)"
CHUNK = 64 * 1024


class FetchError(Exception):
    """One line for the user: what went wrong with this URL."""


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


def check_url(url: str, allow_private: bool) -> None:
    """Refuse what is not http(s), or names a non-public address unless allowed."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"only http and https URLs are fetched, not '{parts.scheme}:'")
    if not parts.hostname:
        raise FetchError("the URL has no host")
    try:
        infos = socket.getaddrinfo(parts.hostname, parts.port or 443, proto=socket.IPPROTO_TCP)
    except socket.gaierror as exc:
        raise FetchError(f"cannot resolve host '{parts.hostname}' ({exc.strerror})") from None
    for info in infos:
        address = ipaddress.ip_address(info[4][0])
        if not allow_private and not address.is_global:
            raise FetchError(
                f"host '{parts.hostname}' is a private or local address ({address}); pass --allow-private to fetch it"
            )


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Message, newurl: str
    ) -> None:
        return None  # urllib then raises HTTPError for the 3xx, and we follow it ourselves


_OPENER = urllib.request.build_opener(_NoRedirect)


def _media_type(headers: Message) -> str:
    return (headers.get("Content-Type") or "").split(";")[0].strip().lower()


def _read_body(resp: IO[bytes], headers: Message, limits: Limits, deadline: float) -> bytes:
    length = headers.get("Content-Length")
    if length and length.isdigit() and int(length) > limits.max_bytes:
        raise FetchError(f"the body is {int(length)} bytes, over the limit of {limits.max_bytes} bytes")
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise FetchError(f"timed out after {limits.timeout:g} s")
        chunk = resp.read(CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(f"the body is over the limit of {limits.max_bytes} bytes")
        chunks.append(chunk)


def _status_error(code: int, reason: str) -> FetchError:
    if code in (404, 410):
        return FetchError(f"HTTP {code} {reason}: the page is gone")
    if code >= 500:
        return FetchError(f"HTTP {code} {reason}: the server failed; try again later")
    return FetchError(f"HTTP {code} {reason}")


def _one_hop(url: str, limits: Limits, deadline: float) -> Fetched | str:
    """The answer at ``url``, or the URL it redirects to."""
    check_url(url, limits.allow_private)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html, application/pdf"})
    remaining = max(deadline - time.monotonic(), 0.1)
    try:
        with _OPENER.open(request, timeout=remaining) as resp:
            kind = _media_type(resp.headers)
            if kind not in FETCHED_TYPES:
                raise FetchError(f"content type '{kind or 'none'}' is not HTML or PDF")
            body = _read_body(resp, resp.headers, limits, deadline)
            return Fetched(url, resp.geturl(), resp.status, kind, body)
    except urllib.error.HTTPError as exc:
        location = exc.headers.get("Location") if exc.headers else None
        if 300 <= exc.code < 400 and location:
            return urljoin(url, location)
        raise _status_error(exc.code, str(exc.reason)) from None
    except TimeoutError:
        raise FetchError(f"timed out after {limits.timeout:g} s") from None
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, TimeoutError):
            raise FetchError(f"timed out after {limits.timeout:g} s") from None
        raise FetchError(f"cannot connect ({exc.reason})") from None
    except (OSError, ValueError) as exc:
        raise FetchError(f"connection failed ({exc})") from None


def fetch(url: str, limits: Limits | None = None) -> Fetched:
    """GET ``url``, following at most ``max_redirects`` redirects, within every limit."""
    limits = limits or Limits()
    deadline = time.monotonic() + limits.timeout
    current = url
    for _ in range(limits.max_redirects + 1):
        answer = _one_hop(current, limits, deadline)
        if isinstance(answer, Fetched):
            return Fetched(url, answer.final_url, answer.status, answer.content_type, answer.body)
        current = answer
    raise FetchError(f"more than {limits.max_redirects} redirects")
