"""Which claims a change touched, by asking git: the fast path for pull requests.

A claim counts as changed when it was added or edited since the base (its text,
sources or expected verdict), or when a document it cites changed.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from factcheck.catalogue import Catalogue, Claim, parse_catalogue
from factcheck.errors import FactcheckError
from factcheck.sanitize import visible


@dataclass
class ChangeSet:
    base: str  # the commit compared against
    base_label: str  # what the user asked for, or how the base was found
    changed: set[str]  # ids of claims added or edited, or whose sources changed
    deleted: list[str]


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


def changed_claims(catalogue: Catalogue, documents: Path, ref: str | None) -> ChangeSet:
    """Compare the catalogue (as on disk) and the documents with a git base."""
    repo = repository_root(catalogue.path.resolve().parent)
    base, label = resolve_base(repo, ref)
    if not base:
        return ChangeSet(base, label, {c.id for c in catalogue.claims}, [])
    rel = catalogue.path.resolve().relative_to(repo).as_posix()
    shown = _git(repo, "show", f"{base}:{rel}")
    old: dict[str, Claim] = {}
    if shown.returncode == 0:
        try:
            old = {c.id: c for c in parse_catalogue(catalogue.path, shown.stdout).claims}
        except FactcheckError:
            old = {}  # the old catalogue did not parse: every claim is new to the check
    changed = {c.id for c in catalogue.claims if c.id not in old or _fingerprint(c) != _fingerprint(old[c.id])}
    # Documents changed since the base (committed, staged, unstaged or new).
    diff = _git(repo, "diff", "--name-only", "-z", base, "--")  # -z: names as they are, newlines and all
    untracked = _git(repo, "ls-files", "-z", "--others", "--exclude-standard")
    touched = {repo / p for p in (diff.stdout + untracked.stdout).split("\0") if p}
    docs_root = documents.resolve()
    touched_docs = {visible(p.relative_to(docs_root).as_posix()) for p in touched if p.is_relative_to(docs_root)}
    for claim in catalogue.claims:
        if claim.documents and touched_docs.intersection(claim.documents):
            changed.add(claim.id)
    deleted = sorted(set(old) - {c.id for c in catalogue.claims})
    return ChangeSet(base, label, changed, deleted)
