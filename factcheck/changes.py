"""Which claims a change can affect, by asking git: the fast path for pull requests.

A claim is checked again when its entry changed since the base (added, or its text, sources
or expected verdict edited), or when its evidence can change because a document it reads
changed: a claim with ``sources:`` reads those documents (a changed file its paths or globs
name, or the snapshot of a URL it cites); a claim without reads every document, so any
document changed, added or deleted rechecks all of them. A change to what every claim rests
on rechecks every claim: the catalogue's ``documents:`` folder, the settings
(``[tool.factcheck]`` in a pyproject.toml), a documents folder outside the repository (git
cannot see its changes), or a base catalogue that does not parse.

One dependency is left out on purpose: BM25's word weights (IDF) are counted over the whole
corpus, so an edit elsewhere shifts a sourced claim's scores slightly; a full run (the
workflow's, after a merge) checks that.
"""

from __future__ import annotations

import subprocess
import sys
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

import yaml

from factcheck.catalogue import Catalogue, Claim, parse_catalogue
from factcheck.corpus.readers import reader_for
from factcheck.errors import FactcheckError
from factcheck.reports import ChangeSet
from factcheck.sanitize import visible
from factcheck.snapshots import LOCK_NAME, SNAPSHOT_DIR

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["ChangeSet", "changed_claims", "repository_root", "resolve_base"]


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        # surrogateescape: a file name that is not UTF-8 is kept, not a UnicodeDecodeError
        return subprocess.run(
            ["git", "-C", str(repo), *args],
            capture_output=True,
            text=True,
            check=False,
            encoding="utf-8",
            errors="surrogateescape",
        )
    except FileNotFoundError:
        raise FactcheckError("git is not installed", hint="install git, or run without --changed") from None


def repository_root(path: Path) -> Path:
    out = _git(path, "rev-parse", "--show-toplevel")
    if out.returncode != 0:
        raise FactcheckError(
            "not inside a git repository", str(path), hint="--changed compares with git; run without it"
        )
    return Path(out.stdout.strip())


def _default_branches(repo: Path) -> list[str]:
    """Where the default branch may be: each remote's HEAD (origin first), then a local main or master."""
    remotes = _git(repo, "remote").stdout.split()
    remotes.sort(key=lambda r: r != "origin")
    candidates = []
    for remote in remotes:
        head = _git(repo, "symbolic-ref", "--quiet", f"refs/remotes/{remote}/HEAD")
        if head.returncode == 0:
            candidates.append(head.stdout.strip())
    return [*candidates, "refs/heads/main", "refs/heads/master"]


def resolve_base(repo: Path, ref: str | None) -> tuple[str, str]:
    """The commit to compare with: REF, else the merge base with the default branch.

    The default branch is the remote's HEAD (a clone sets it), else a local main or master.
    When there is none, this says so and what to pass (exit code 2): comparing with HEAD
    instead would check nothing and pass, silently.
    """
    if ref:
        out = _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        if out.returncode != 0:
            raise FactcheckError(f"unknown git revision '{ref}'", str(repo), hint="name a branch, tag or commit")
        return out.stdout.strip(), ref
    head = _git(repo, "rev-parse", "--verify", "--quiet", "HEAD")
    if head.returncode != 0:
        return "", "no commits yet"
    for branch in _default_branches(repo):
        if _git(repo, "rev-parse", "--verify", "--quiet", branch).returncode == 0:
            base = _git(repo, "merge-base", "HEAD", branch)
            if base.returncode == 0:
                short = branch.removeprefix("refs/heads/").removeprefix("refs/remotes/")
                return base.stdout.strip(), f"merge base with {short}"
    raise FactcheckError(
        "--changed cannot tell the default branch: no remote HEAD (refs/remotes/origin/HEAD), no main or master",
        str(repo),
        hint="pass the base, e.g. --changed origin/trunk, or run 'git remote set-head origin --auto'",
    )


def _fingerprint(claim: Claim) -> tuple[str, tuple[str, ...] | None, str | None]:
    return claim.text, tuple(claim.sources) if claim.sources is not None else None, claim.expect


def _touched(repo: Path, base: str) -> set[str]:
    """Paths (from the repository's root) changed since the base: committed, staged, unstaged, new or deleted."""
    diff = _git(repo, "diff", "--name-only", "--no-renames", "-z", base, "--")  # -z: names as they are
    untracked = _git(repo, "ls-files", "-z", "--others", "--exclude-standard")
    return {p for p in (diff.stdout + untracked.stdout).split("\0") if p}


def _at_base(repo: Path, base: str, rel: str) -> str | None:
    shown = _git(repo, "show", f"{base}:{rel}")
    return shown.stdout if shown.returncode == 0 else None


def _now(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="surrogateescape")
    except OSError:
        return None


def _settings_table(text: str | None) -> object:
    """``[tool.factcheck]`` of a pyproject.toml's text (None when absent; the text itself when it does not parse)."""
    if text is None:
        return None
    try:
        return tomllib.loads(text).get("tool", {}).get("factcheck")
    except (tomllib.TOMLDecodeError, RecursionError, AttributeError):
        return text


def _settings_changed(repo: Path, base: str, touched: set[str]) -> bool:
    """Whether ``[tool.factcheck]`` of a pyproject.toml changed (another edit of the file changes no verdict)."""
    return any(
        _settings_table(_at_base(repo, base, rel)) != _settings_table(_now(repo / rel))
        for rel in touched
        if rel.rpartition("/")[2] == "pyproject.toml"
    )


def _lock_entries(text: str | None) -> dict[str, dict[str, Any]]:
    """URL -> its entry in a lock file's text (none when absent or damaged: ``verify`` reports the damage)."""
    try:
        data = yaml.safe_load(text) if text else None
        return {str(e["url"]): dict(e) for e in data["sources"]} if isinstance(data, dict) else {}
    except (yaml.YAMLError, KeyError, TypeError, ValueError):
        return {}


def _snapshots_touched(repo: Path, base: str, catalogue: Path, touched: set[str]) -> set[str]:
    """The URLs whose snapshot changed: their entry in the lock file beside the catalogue, or their file."""
    folder = catalogue.parent.relative_to(repo).as_posix()
    prefix = "" if folder == "." else f"{folder}/"
    lock = prefix + LOCK_NAME
    if lock not in touched and not any(p.startswith(prefix + SNAPSHOT_DIR + "/") for p in touched):
        return set()
    old, new = _lock_entries(_at_base(repo, base, lock)), _lock_entries(_now(repo / lock))
    urls = {u for u in old.keys() | new.keys() if old.get(u) != new.get(u)}
    for entries in (old, new):
        urls.update(u for u, e in entries.items() if prefix + str(e.get("file", "")).removeprefix("./") in touched)
    return urls


def _documents_touched(touched: set[str], repo: Path, documents: Path) -> set[str]:
    """The touched files the documents folder reads (a known suffix, nothing hidden), relative to it."""
    if not documents.is_relative_to(repo):
        return set()
    folder = documents.relative_to(repo).as_posix()
    prefix = "" if folder == "." else f"{folder}/"
    rels = (p.removeprefix(prefix) for p in touched if p.startswith(prefix))
    return {visible(r) for r in rels if reader_for(r) and not any(part.startswith(".") for part in r.split("/"))}


def _reads(claim: Claim, documents: set[str]) -> bool:
    """Whether the claim reads one of ``documents``: all when it has no sources, else those its sources name."""
    if claim.sources is None:
        return bool(documents)
    if claim.documents and documents.intersection(claim.documents):
        return True
    patterns = [s.replace("\\", "/").removeprefix("./") for s in claim.sources]
    return any(d == p or fnmatchcase(d, p) for d in documents for p in patterns)  # deleted documents too


def _old_catalogue(repo: Path, base: str, catalogue: Catalogue) -> Catalogue | None:
    """The catalogue at the base; None when it did not parse (every claim is then new to the check)."""
    text = _at_base(repo, base, catalogue.path.resolve().relative_to(repo).as_posix())
    if text is None:
        return Catalogue([], catalogue.path, catalogue.documents)
    try:
        return parse_catalogue(catalogue.path, text)
    except FactcheckError:
        return None


def changed_claims(catalogue: Catalogue, documents: Path, ref: str | None) -> ChangeSet:
    """Compare the catalogue (as on disk), the documents and the settings with a git base: the claims
    a change can affect (``sources`` already resolved against the documents read)."""
    repo = repository_root(catalogue.path.resolve().parent)
    base, label = resolve_base(repo, ref)
    every = {c.id for c in catalogue.claims}
    if not base:
        return ChangeSet(base, label, every, [])
    old_catalogue = _old_catalogue(repo, base, catalogue)
    old = {c.id: c for c in old_catalogue.claims} if old_catalogue else {}
    deleted = sorted(set(old) - every)
    touched = _touched(repo, base)
    docs_root = documents.resolve()
    if (
        old_catalogue is None
        or old_catalogue.documents != catalogue.documents
        or not docs_root.is_relative_to(repo)
        or _settings_changed(repo, base, touched)
    ):
        return ChangeSet(base, label, every, deleted)
    read = _documents_touched(touched, repo, docs_root)
    read |= _snapshots_touched(repo, base, catalogue.path.resolve(), touched)
    changed = {
        c.id
        for c in catalogue.claims
        if c.id not in old or _fingerprint(c) != _fingerprint(old[c.id]) or _reads(c, read)
    }
    return ChangeSet(base, label, changed, deleted)
