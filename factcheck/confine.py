"""The project a run stays inside: nothing outside it is read on a committed file's word.

factcheck runs in CI on pull requests, so the catalogue, the lock file and anything committed
beside them are the pull request author's. A path one of them names (the catalogue's
``documents:``, the lock file's ``file:`` entries, the ``.snapshots/`` folder, the catalogue
itself when it is a link) must resolve, every symbolic link followed, inside the project:

- the catalogue's git work tree: the nearest folder at or above the catalogue's folder that
  holds a ``.git`` entry (a folder in a clone, a file in a worktree or a submodule), found by
  looking rather than by running git, so no git is needed and no repository setting runs;
- outside git, the catalogue's own folder.

Reading outside takes the user's own word on the command line: ``--docs DIR`` (the user named
it), or ``--allow-outside``; never a committed file. Writing outside is never done.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from factcheck.corpus.walk import LOOP, inside, is_loop

ALLOW_OPTION = "--allow-outside"


def project_root(catalogue: Path) -> tuple[Path, bool]:
    """The project's folder (resolved) and whether it is a git work tree.

    The catalogue's folder is resolved (a folder reached through a link is the folder linked
    to); the catalogue file itself is not, so a catalogue that is a link does not move the project.
    """
    start = Path(os.path.abspath(catalogue)).parent.resolve()
    for folder in (start, *start.parents):
        if os.path.lexists(folder / ".git"):
            return folder, True
    return start, False


@dataclass(frozen=True)
class Project:
    """Where a run may read: ``root`` and below, or anywhere when the user said ``--allow-outside``."""

    root: Path
    in_git: bool = False
    allow_outside: bool = False

    @classmethod
    def of(cls, catalogue: Path, allow_outside: bool = False) -> Project:
        root, in_git = project_root(catalogue)
        return cls(root, in_git, allow_outside)

    def described(self) -> str:
        kind = "the catalogue's git work tree" if self.in_git else "the catalogue's folder, not in a git work tree"
        return f"{self.root} ({kind})"

    def refusal(self, path: Path) -> str | None:
        """Why ``path`` may not be read: None when it resolves inside the project (or the user allowed
        outside); else "a symbolic link loop", or "outside the project ROOT (...)"."""
        if is_loop(path):
            return LOOP
        if self.allow_outside or inside(path, self.root):
            return None
        return f"outside the project {self.described()}"


def way_out(refused: str, fix: str, reading: str = f"or {ALLOW_OPTION} to read it") -> str:
    """The hint for a refusal: a link loop is only fixed (``fix``); a path outside may also be read
    on the user's own word (``reading``)."""
    return fix if refused == LOOP else f"{fix}, {reading}"
