"""``factcheck fetch``: each URL the catalogue cites downloaded once into ``.snapshots/``, recorded in the lock.

With ``check``, the live pages are compared with their snapshots instead; nothing is written.
A snapshot is kept when ``verify`` can read it (:func:`factcheck.snapshots.read_snapshot`
decides for both), else downloaded again. Snapshots are written only into a real
``.snapshots`` folder beside the catalogue, never through a link.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone

from factcheck.errors import FactcheckError
from factcheck.fetch import FetchError, Limits
from factcheck.fetch import fetch as fetch_url
from factcheck.files import write_atomic
from factcheck.locations import Locations, read_catalogue, read_catalogue_lock
from factcheck.sanitize import one_line
from factcheck.snapshots import SNAPSHOT_DIR, Entry, Lock, Unusable, read_snapshot


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
    lock = read_catalogue_lock(catalogue, where)
    if not check:
        check_snapshot_folder(lock)
    report = FetchReport([], [])
    for url in dict.fromkeys(u for u, _, _ in catalogue.urls()):
        entry = lock.entries.get(url)
        if check:
            _check_one(url, entry, limits, report)
        elif entry is not None and not refresh and _usable(lock, entry):
            report.lines.append(f"kept     {one_line(url)} (snapshot of {entry.fetched[:10]})")
        else:
            _fetch_one(url, lock, limits, report)
    if not check and any(line.startswith("fetched") for line in report.lines):
        try:
            lock.save()
        except OSError as exc:
            report.errors.append(f"{lock.path}: cannot write the lock file ({exc.strerror}); nothing recorded")
    report.errors = [one_line(e) for e in report.errors]
    return report


def check_snapshot_folder(lock: Lock) -> None:
    """``.snapshots`` beside the catalogue is a real folder, or absent: never followed when it is a link."""
    folder = lock.folder / SNAPSHOT_DIR
    if folder.is_symlink() or (folder.exists() and not folder.is_dir()):
        what = "a symbolic link" if folder.is_symlink() else "not a folder"
        raise FactcheckError(
            f"{SNAPSHOT_DIR} is {what}; snapshots are written only into a folder of their own",
            str(folder),
            hint=f"remove it; 'factcheck fetch' makes the {SNAPSHOT_DIR} folder",
        )


def _usable(lock: Lock, entry: Entry) -> bool:
    try:
        read_snapshot(lock, entry)
    except Unusable:
        return False
    return True


def _fetch_one(url: str, lock: Lock, limits: Limits, report: FetchReport) -> None:
    try:
        got = fetch_url(url, limits)
    except FetchError as exc:
        kept = " (snapshot kept)" if url in lock.entries else ""
        report.errors.append(f"{url}: {exc}{kept}")
        return
    target = lock.snapshot_path(url, got.content_type)
    try:
        write_atomic(target, got.body)
    except OSError as exc:
        report.errors.append(f"{url}: cannot write the snapshot {target} ({exc.strerror or exc})")
        return
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
    saved = lock.entries[url]
    report.lines.append(
        f"fetched  {one_line(url)} -> {saved.file} ({got.status}, {got.content_type}, {len(got.body)} bytes)"
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
        report.lines.append(f"same     {one_line(url)} (snapshot of {entry.fetched[:10]})")
