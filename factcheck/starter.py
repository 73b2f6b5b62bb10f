"""``factcheck init``: a commented starter catalogue, and the snippets that run it in CI.

The catalogue names the user's own documents folder (``documents:``, relative to the
catalogue), so the first ``factcheck verify`` reads their documents, not the bundled sample.
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass
from pathlib import Path

from factcheck import DISTRIBUTION, __version__
from factcheck.cache.folder import FOLDER as CACHE_FOLDER
from factcheck.corpus.readers import suffixes
from factcheck.errors import FactcheckError
from factcheck.snapshots import LOCK_NAME, SNAPSHOT_DIR

CATALOGUE = """\
# The claim catalogue: every claim your writing makes, checked against the documents it rests on.
# Run `factcheck verify` here; `factcheck verify --format html > report.html` for a page to share.
documents: {documents}      # the folder of sources ({formats}), relative to this file

claims:
  # One entry per claim. Replace this example with a sentence from your own writing.
  - id: example-claim                     # unique; letters, digits and dashes read best
    text: Replace this with a claim your report makes, numbers and all.
    expect: unverified                    # optional: the verdict you expect (default: supported);
                                          # remove it once the claim is real
    # sources: [report-2023.txt]          # optional: search only these documents (globs allowed)
    # note: where the claim comes from    # optional

# When `factcheck conflicts` reports a disagreement you have settled, record the decision:
# resolutions:
#   - subject: agencies in the 287(g) program   # the subject factcheck shows
#     value: "138"                              # the value that stands
#     note: 138 is the June 2023 count.
"""

PRE_COMMIT = """\
# .pre-commit-config.yaml: lint the catalogue when it, a document, a URL snapshot or the settings change
repos:
  - repo: local
    hooks:
      - id: factcheck-lint
        name: factcheck lint
        entry: {lint}
        language: python
        additional_dependencies: [{install}]
        pass_filenames: false
        files: {files}
"""

GITHUB_ACTIONS = """\
# .github/workflows/factcheck.yml
name: factcheck
on:
  pull_request:
    paths:  # every file a verdict depends on
{paths}
jobs:
  factcheck:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with: {{fetch-depth: 0}}
      - uses: actions/setup-python@v5
        with: {{python-version: "3.12"}}
      - uses: actions/cache@v4  # the documents as read and indexed: a run reads only those that changed
        with:
          path: {cache}
          key: {key}
          restore-keys: factcheck-${{{{ runner.os }}}}-
      - run: pip install {install}
      - run: {lint}
      - run: {verify}   # annotations, and a summary on the job's page
      - run: {conflicts}
"""


def install_requirement() -> str:
    """What the snippets install: this project, at the version that wrote them (verdicts change with versions)."""
    return f"{DISTRIBUTION}=={__version__}"


def watched(claims: str, documents: str) -> list[str]:
    """The files a verdict depends on, as paths from the repository's root (the catalogue, every
    document, the URL snapshots and their lock file beside the catalogue, the settings)."""
    beside = claims.rpartition("/")[0]
    prefix = f"{beside}/" if beside else ""
    return [claims, f"{documents}/**", f"{prefix}{LOCK_NAME}", f"{prefix}{SNAPSHOT_DIR}/**", "pyproject.toml"]


def files_pattern(claims: str, documents: str) -> str:
    """The pre-commit ``files`` regular expression matching every path :func:`watched` names, each
    document format the readers know (``corpus.readers.suffixes``) and nothing else in the folder."""
    formats = "|".join(re.escape(s.lstrip(".")) for s in suffixes())
    beside = claims.rpartition("/")[0]
    prefix = re.escape(f"{beside}/") if beside else ""
    alternatives = [
        re.escape(claims) + "$",
        re.escape(documents) + rf"/.*(?i:\.({formats}))$",  # the readers take a suffix in any case
        prefix + re.escape(LOCK_NAME) + "$",
        prefix + re.escape(SNAPSHOT_DIR) + "/",
        "pyproject\\.toml$",
    ]
    return "^(" + "|".join(alternatives) + ")"


def _scalar(value: str) -> str:
    """A YAML scalar that reads back as ``value``: plain when that is safe, else single-quoted."""
    if re.fullmatch(r"[\w.][\w .,/=*+-]*", value) and not value.endswith(" "):
        return value
    return "'" + value.replace("'", "''") + "'"


def _cache_key(paths: list[str]) -> str:
    """actions/cache's key: a new one when any file a verdict depends on changes."""
    hashed = ", ".join("'" + p.replace("'", "''") + "'" for p in paths)  # GitHub expression strings
    return "factcheck-${{ runner.os }}-${{ hashFiles(" + hashed + ") }}"


def _command(name: str, claims: str) -> str:
    return _scalar(f"factcheck {name} --claims {shlex.quote(claims)}")


@dataclass(frozen=True)
class Started:
    catalogue: Path
    documents: Path
    created_folder: bool

    def snippets(self) -> str:
        """The pre-commit hook and the GitHub Actions workflow for this catalogue and folder."""
        claims = _posix(self.catalogue)
        documents = _posix(self.documents).rstrip("/")
        paths = watched(claims, documents)
        beside = claims.rpartition("/")[0]
        hook = PRE_COMMIT.format(
            lint=_command("lint", claims),
            install=install_requirement(),
            files=_scalar(files_pattern(claims, documents)),
        )
        workflow = GITHUB_ACTIONS.format(
            paths="\n".join(f"      - {_scalar(p)}" for p in paths),
            cache=_scalar(f"{beside}/{CACHE_FOLDER}" if beside else CACHE_FOLDER),
            key='"' + _cache_key(paths).replace("\\", "\\\\").replace('"', '\\"') + '"',  # YAML double quotes
            install=install_requirement(),
            **{name: _command(name, claims) for name in ("lint", "verify", "conflicts")},
        )
        return hook + "\n" + workflow


def _posix(path: Path) -> str:
    try:
        return Path(os.path.relpath(path, Path.cwd())).as_posix()
    except ValueError:
        return path.as_posix()


def _quoted(value: str) -> str:
    """A YAML scalar for a folder name: plain when safe, else double-quoted."""
    if value and all(c.isalnum() or c in "._/-" for c in value) and not value.startswith(("-", ".")):
        return value
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def start(catalogue: Path, documents: Path, force: bool = False) -> Started:
    """Write a starter catalogue at ``catalogue`` naming ``documents`` (created when missing)."""
    if catalogue.exists() and not force:
        raise FactcheckError(
            "the catalogue already exists",
            str(catalogue),
            hint="pass --force to overwrite it, or --claims OTHER.yaml for a new one",
        )
    if documents.exists() and not documents.is_dir():
        raise FactcheckError("documents path is not a folder", str(documents), hint="name a folder")
    created = not documents.exists()
    documents.mkdir(parents=True, exist_ok=True)
    catalogue.parent.mkdir(parents=True, exist_ok=True)
    relative = Path(os.path.relpath(documents.resolve(), catalogue.resolve().parent)).as_posix()
    formats = ", ".join(suffixes())
    catalogue.write_text(CATALOGUE.format(documents=_quoted(relative), formats=formats), encoding="utf-8")
    return Started(catalogue, documents, created)
