"""``factcheck init``: a commented starter catalogue, and the snippets that run it in CI.

The catalogue names the user's own documents folder (``documents:``, relative to the
catalogue), so the first ``factcheck verify`` reads their documents, not the bundled sample.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from factcheck.errors import FactcheckError

CATALOGUE = """\
# The claim catalogue: every claim your writing makes, checked against the documents it rests on.
# Run `factcheck verify` here; `factcheck verify --format html > report.html` for a page to share.
documents: {documents}      # the folder of sources (.txt, .md, .html), relative to this file

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
# .pre-commit-config.yaml
repos:
  - repo: local
    hooks:
      - id: factcheck-lint
        name: factcheck lint
        entry: factcheck lint --claims {claims}
        language: system
        pass_filenames: false
        files: ^({claims}|{documents}/)
"""

GITHUB_ACTIONS = """\
# .github/workflows/factcheck.yml
name: factcheck
on:
  pull_request:
    paths: [{claims}, {documents}/**]
jobs:
  factcheck:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with: {{fetch-depth: 0}}
      - uses: actions/setup-python@v5
        with: {{python-version: "3.12"}}
      - run: pip install factcheck
      - run: factcheck lint --claims {claims}
      - run: factcheck verify --claims {claims}   # annotations, and a summary on the job's page
      - run: factcheck conflicts --claims {claims}
"""


@dataclass(frozen=True)
class Started:
    catalogue: Path
    documents: Path
    created_folder: bool

    def snippets(self) -> str:
        """The pre-commit hook and the GitHub Actions workflow for this catalogue and folder."""
        claims = _posix(self.catalogue)
        documents = _posix(self.documents)
        return (
            PRE_COMMIT.format(claims=claims, documents=documents)
            + "\n"
            + GITHUB_ACTIONS.format(claims=claims, documents=documents)
        )


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
    catalogue.write_text(CATALOGUE.format(documents=_quoted(relative)), encoding="utf-8")
    return Started(catalogue, documents, created)
