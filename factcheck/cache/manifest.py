"""The manifest: every file seen, by its stat, with its content's hash and its entry's summary.

Decides when a document need not be read at all. Each file seen (absolute path) is recorded with
its size, mtime, sha256, reader, the stat fields no write leaves alone (ctime and inode), and the
summary of its entry (a lazy document's fields: date, notes, sentence count). A file whose size,
mtime, ctime and inode are as recorded is not read: its entry is named from the recorded hash,
and the document made from the summary, its sentences read when wanted. An edit that keeps size
and mtime (restored by ``touch -r``, a tool or an archive) still moves the ctime, which no user
can set. A file whose mtime is not older than the manifest's own writing by :data:`RACY_NS` is
"racy", as git calls it (an edit in the same tick, or within the file system's granularity,
would not move it): it is hashed, not trusted by its stat. Files under the documents folder that
were not seen this run are dropped when it is written; files of other folders sharing the cache
are kept. The manifest is sealed (:mod:`.seal`): one this user's factcheck did not write is
damaged, its stats never trusted; its rows are checked for type all the same.
"""

from __future__ import annotations

import json
import os
import re
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from factcheck.cache.entries import FORMAT, entry_key
from factcheck.cache.folder import read, write
from factcheck.cache.limits import MAX_MANIFEST_BYTES, RACY_NS
from factcheck.cache.seal import HEADER, Seal
from factcheck.cache.stats import Log

PURPOSE = "manifest"
_SHA = re.compile(r"[0-9a-f]{64}")


class Manifest:
    """The manifest of a cache folder, as one run reads and records it."""

    def __init__(self, path: Path, log: Log, seal: Seal):
        self.path = path
        self.log = log
        self.seal = seal
        self.files: dict[str, list[Any]] = {}  # absolute path -> [size, mtime_ns, sha256, reader, stamp, summary]
        self.written = 0  # when the manifest read was written (ns since the epoch): newer mtimes are racy
        self._seen: set[str] = set()  # files recorded this run
        self._rows: dict[str, list[Any]] = {}  # relative path -> its row, this run

    def read(self) -> None:
        """The files an earlier run recorded; none when the manifest is of another format, or damaged (then told)."""
        try:
            data = load(self.path, self.seal)
        except FileNotFoundError:
            return
        except (OSError, ValueError) as exc:
            self.log.damaged(self.path, exc, "cache manifest", "rebuilding it")
            return
        if data is not None:
            self.files, self.written = data["files"], data["written"]

    def known_sha(self, path: Path, st: os.stat_result) -> str | None:
        """The recorded hash of the file, when its stat is as recorded and was not racy when the manifest
        was written."""
        row = self.files.get(os.path.abspath(path))
        if row is None or row[0] != st.st_size or row[1] != st.st_mtime_ns or row[4] != _stamp(st):
            return None
        return row[2] if st.st_mtime_ns + RACY_NS < self.written else None

    def record(self, path: Path, rel: str, st: os.stat_result, sha: str, reader: str) -> tuple[list[Any], Any]:
        """The file's row for this run (its summary to be filled in), and the summary recorded before for these
        bytes and reader (None when there is none)."""
        where = os.path.abspath(path)
        self._seen.add(where)
        before = self.files.get(where)
        known = before[5] if before and before[2] == sha and before[3] == reader else None
        row = self.files[where] = self._rows[rel] = [st.st_size, st.st_mtime_ns, sha, reader, _stamp(st), None]
        return row, known

    def summarise(self, rel: str, found: list[Any]) -> None:
        """The entry's summary in the row of the file at ``rel`` (recorded this run)."""
        self._rows[rel][5] = found

    def entry_keys(self, context: float) -> set[str]:
        """The entries the recorded files use."""
        return {entry_key(r[2], r[3], context) for r in self.files.values()}

    def write(self, root: Path) -> bool:
        """The files still present under ``root`` and those of other folders, with the run's figures; whether
        a file was dropped."""
        prefix = os.path.abspath(root) + os.sep
        before = len(self.files)
        self.files = {p: r for p, r in self.files.items() if not p.startswith(prefix) or p in self._seen}
        data = {"format": FORMAT, "written": time.time_ns(), "files": self.files, "last_run": asdict(self.log.stats)}
        write(self.path, self.seal.seal(PURPOSE, json.dumps(data, separators=(",", ":")).encode()))
        return len(self.files) < before


def _stamp(st: os.stat_result) -> list[int]:
    """What of a file's stat no write leaves as it was, and no user can set: its ctime; and its inode."""
    return [st.st_ctime_ns, st.st_ino]


def load(path: Path, seal: Seal) -> dict[str, Any] | None:
    """The manifest at ``path`` once its seal verifies and its rows are checked; None when it is of another
    format; FileNotFoundError when there is none; OSError or ValueError when it is damaged or planted."""
    raw = seal.open(PURPOSE, read(path, MAX_MANIFEST_BYTES + HEADER))
    try:
        data = json.loads(bytes(raw))
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if not isinstance(data, dict):
        raise ValueError("not a mapping")
    if data.get("format") != FORMAT:
        return None
    files, written = data.get("files"), data.get("written")
    if not isinstance(files, dict) or not all(isinstance(p, str) and _fits(r) for p, r in files.items()):
        raise ValueError("files are not a mapping of rows")
    if not isinstance(written, int) or isinstance(written, bool) or not isinstance(data.get("last_run"), dict):
        raise ValueError("not the manifest's fields")
    return data


def _fits(row: Any) -> bool:
    """A row as :meth:`Manifest.record` writes it: size, mtime, sha256, reader, [ctime, inode], summary."""
    if not isinstance(row, list) or len(row) != 6:
        return False
    size, mtime, sha, reader, stamp, found = row
    numbers = [size, mtime, *stamp] if isinstance(stamp, list) and len(stamp) == 2 else None
    return (
        numbers is not None
        and all(isinstance(n, int) and not isinstance(n, bool) for n in numbers)
        and size >= 0
        and isinstance(sha, str)
        and _SHA.fullmatch(sha) is not None
        and isinstance(reader, str)
        and (found is None or isinstance(found, list))
    )
