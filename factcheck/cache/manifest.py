"""The manifest: every file seen, by its stat, with its content's hash and its entry's summary.

Decides when a document need not be read at all. Each file seen (absolute path) is recorded with
its size, mtime, sha256, reader, whether its stat can be trusted, and the summary of its entry
(a lazy document's fields: date, notes, sentence count). A file whose size and mtime are as
recorded is not read: its entry is named from the recorded hash, and the document made from the
summary, its sentences read when wanted. A file modified within :data:`RACY_NS` of being recorded
is not trusted (a write in the same tick would not move its mtime) and is hashed again next time,
as git does. Files under the documents folder that were not seen this run are dropped when it is
written; files of other folders sharing the cache are kept.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from factcheck.cache.entries import FORMAT, entry_key
from factcheck.cache.folder import write
from factcheck.cache.limits import MAX_MANIFEST_BYTES, RACY_NS
from factcheck.cache.stats import Log


class Manifest:
    """The manifest of a cache folder, as one run reads and records it."""

    def __init__(self, path: Path, log: Log):
        self.path = path
        self.log = log
        self.files: dict[str, list[Any]] = {}  # absolute path -> [size, mtime_ns, sha256, reader, trusted, summary]
        self._seen: set[str] = set()  # files recorded this run
        self._rows: dict[str, list[Any]] = {}  # relative path -> its row, this run

    def read(self) -> None:
        """The files an earlier run recorded; none when the manifest is of another format, or damaged (then told)."""
        path = self.path
        if not path.exists():
            return
        try:
            if path.stat().st_size > MAX_MANIFEST_BYTES:
                raise ValueError(f"larger than {MAX_MANIFEST_BYTES // 2**20} MiB")
            data = json.loads(path.read_bytes())
            if data.get("format") != FORMAT:
                return
            files = data["files"]
            if not isinstance(files, dict) or not all(isinstance(r, list) and len(r) == 6 for r in files.values()):
                raise ValueError("files are not a mapping of rows")
            self.files = files
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            self.log.stats.damaged += 1
            self.log.warnings.append(f"{path}: cache manifest damaged ({exc}); rebuilding it")

    def known_sha(self, path: Path, size: int, mtime_ns: int) -> str | None:
        """The recorded hash of the file, when its size and mtime are as recorded and its stat was trusted."""
        row = self.files.get(os.path.abspath(path))
        if row is not None and row[0] == size and row[1] == mtime_ns and row[4] is True and isinstance(row[2], str):
            return row[2]
        return None

    def record(self, path: Path, rel: str, st: os.stat_result, sha: str, reader: str) -> tuple[list[Any], Any]:
        """The file's row for this run (its summary to be filled in), and the summary recorded before for these
        bytes and reader (None when there is none)."""
        trusted = time.time_ns() - st.st_mtime_ns > RACY_NS
        where = os.path.abspath(path)
        self._seen.add(where)
        before = self.files.get(where)
        known = before[5] if before and before[2] == sha and before[3] == reader else None
        row = self.files[where] = self._rows[rel] = [st.st_size, st.st_mtime_ns, sha, reader, trusted, None]
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
        data = {"format": FORMAT, "files": self.files, "last_run": asdict(self.log.stats)}
        write(self.path, json.dumps(data, separators=(",", ":")).encode())
        return len(self.files) < before
