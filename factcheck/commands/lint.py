"""``factcheck lint``: the catalogue alone — format, ids, sources that exist. Fast."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from factcheck.claims import load_catalogue
from factcheck.commands.verify import documents_folder, resolve_sources
from factcheck.documents import find_files
from factcheck.errors import FactcheckError


@dataclass
class LintReport:
    catalogue: Path
    documents: Path
    claims: int
    files: int
    resolutions: int


def lint(claims: Path, docs: Path | None = None) -> LintReport:
    """Validate the catalogue without reading the documents' text.

    Problems are raised as FactcheckError (exit 2, one line each); a report means sound.
    """
    catalogue = load_catalogue(claims)
    root = documents_folder(catalogue, docs)
    if not root.is_dir():
        line = catalogue.documents_line if docs is None else None
        raise FactcheckError(
            f"documents folder not found: {root}", str(catalogue.path) if line else str(root), line,
            hint="pass --docs DIR or fix 'documents:'",
        )
    files = [p.relative_to(root).as_posix() for p in find_files(root)]
    if not files:
        raise FactcheckError("no documents found (.txt, .md or .html)", str(root), hint="put the source documents there")
    resolve_sources(catalogue, files)
    return LintReport(catalogue.path, root, len(catalogue.claims), len(files), len(catalogue.resolutions))
