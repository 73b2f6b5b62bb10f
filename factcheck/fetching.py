"""``factcheck fetch``: each URL the catalogue cites downloaded once into ``.snapshots/``, recorded in the lock.

With ``check``, the live pages are compared with their snapshots instead; nothing is written.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from factcheck.fetch import FetchError, Limits
from factcheck.fetch import fetch as fetch_url
from factcheck.files import write_atomic
from factcheck.locations import Locations, read_catalogue
from factcheck.snapshots import Entry, Lock, lock_path, read_lock


@dataclass
class FetchReport:
    """What ``factcheck fetch`` did: a line per URL on stdout, one per failure on stderr."""

    lines: list[str]
    errors: list[str]

    @property
    def return_code(self) -> int:
        return 1 if self.errors else 0


def fetch(where: Locations, limits: Limits, *, check: bool = False, refresh: bool = False) -> FetchReport:
    """``factcheck fetch``: snapshot each cited URL once; with ``check``, compare the live pages instead."""
    catalogue = read_catalogue(where)
    lock = read_lock(lock_path(catalogue.path))
    report = FetchReport([], [])
    for url in dict.fromkeys(u for u, _, _ in catalogue.urls()):
        entry = lock.entries.get(url)
        if check:
            _check_one(url, entry, limits, report)
        elif entry is not None and not refresh and (lock.folder / entry.file).is_file():
            report.lines.append(f"kept     {url} (snapshot of {entry.fetched[:10]})")
        else:
            _fetch_one(url, lock, limits, report)
    if not check and any(line.startswith("fetched") for line in report.lines):
        lock.save()
    return report


def _fetch_one(url: str, lock: Lock, limits: Limits, report: FetchReport) -> None:
    try:
        got = fetch_url(url, limits)
    except FetchError as exc:
        kept = " (snapshot kept)" if url in lock.entries else ""
        report.errors.append(f"{url}: {exc}{kept}")
        return
    target = lock.snapshot_path(url, got.content_type)
    write_atomic(target, got.body)
    when = datetime.now(timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    lock.entries[url] = Entry(
        url,
        got.final_url,
        when,
        got.content_type,
        got.status,
        got.sha256,
        len(got.body),
        target.relative_to(lock.folder).as_posix(),
    )
    report.lines.append(
        f"fetched  {url} -> {lock.entries[url].file} ({got.status}, {got.content_type}, {len(got.body)} bytes)"
    )


def _check_one(url: str, entry: Entry | None, limits: Limits, report: FetchReport) -> None:
    if entry is None:
        report.errors.append(f"{url}: no snapshot; run 'factcheck fetch'")
        return
    try:
        got = fetch_url(url, limits)
    except FetchError as exc:
        report.errors.append(f"{url}: {exc}")
        return
    if got.sha256 != entry.sha256:
        report.errors.append(
            f"{url}: changed since its snapshot of {entry.fetched[:10]} "
            f"(sha256 {entry.sha256[:12]} -> {got.sha256[:12]}); run 'factcheck fetch --refresh'"
        )
    else:
        report.lines.append(f"same     {url} (snapshot of {entry.fetched[:10]})")
