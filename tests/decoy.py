"""A temporary project, and a decoy folder beside it that no run may read, write or delete.

Each hostile-input test builds the project (``project/``, with a ``.git`` folder when it plays a
git work tree) and the decoy (``decoy/``: a secret whose words a claim asks about, a file with
the shape of a cache's), checksums every entry of the decoy, runs the attack through the command
line, and asserts the decoy unchanged and its secret never printed.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from pathlib import Path

SECRET = "root:x:0:0 The program had 142 partner agencies, says the secret."
CLAIM = "The program had 142 partner agencies."
CATALOGUE = f"documents: docs\nclaims:\n  - id: a\n    text: {CLAIM}\n"


def checksums(folder: Path) -> dict[str, tuple[str, str, int]]:
    """Every entry under ``folder`` (links not followed): its kind, its content's sha256 or link target, its mode."""
    out: dict[str, tuple[str, str, int]] = {}
    for base, dirs, files in os.walk(folder, followlinks=False):
        for name in [*dirs, *files]:
            path = Path(base) / name
            st = path.lstat()
            rel = path.relative_to(folder).as_posix()
            if path.is_symlink():
                out[rel] = ("link", os.readlink(path), st.st_mode)
            elif path.is_dir():
                out[rel] = ("folder", "", st.st_mode)
            else:
                out[rel] = ("file", hashlib.sha256(path.read_bytes()).hexdigest(), st.st_mode)
    return out


@dataclass
class Decoy:
    folder: Path
    before: dict[str, tuple[str, str, int]] = field(default_factory=dict)

    @property
    def secret(self) -> Path:
        return self.folder / "secret" / "creds.txt"

    def untouched(self) -> None:
        assert checksums(self.folder) == self.before


def make_decoy(tmp_path: Path) -> Decoy:
    folder = tmp_path / "decoy"
    (folder / "secret").mkdir(parents=True)
    (folder / "secret" / "creds.txt").write_text(SECRET + "\n", encoding="utf-8")
    (folder / "secret" / "page.html").write_text(f"<html><body><p>{SECRET}</p></body></html>", encoding="utf-8")
    (folder / "index").mkdir()
    (folder / "index" / "important.txt").write_text("keep me\n", encoding="utf-8")
    (folder / "manifest.json").write_text('{"mine": true}\n', encoding="utf-8")
    (folder / "entries" / "ab").mkdir(parents=True)
    (folder / "entries" / "ab" / "x.pkl").write_bytes(b"not yours")
    decoy = Decoy(folder)
    decoy.before = checksums(folder)
    return decoy


def make_project(
    tmp_path: Path, docs: dict[str, str] | None = None, catalogue: str = CATALOGUE, git: bool = False
) -> Path:
    """``tmp_path/project``: the catalogue (claims.yaml) and its documents; a ``.git`` folder when ``git``."""
    root = tmp_path / "project"
    (root / "docs").mkdir(parents=True, exist_ok=True)
    if git:
        (root / ".git").mkdir(exist_ok=True)
    for name, body in (docs if docs is not None else {"a.txt": "Nothing to see here at all.\n"}).items():
        path = root / "docs" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(body, encoding="utf-8")
    (root / "claims.yaml").write_text(catalogue, encoding="utf-8")
    return root


def leaked(*outputs: str) -> bool:
    """Whether the decoy's secret was printed."""
    return any("root:x:0:0" in out or "says the secret" in out for out in outputs)
