"""``factcheck verify``: evidence and a verdict for every claim."""

from __future__ import annotations

from collections.abc import Callable
from fnmatch import fnmatchcase
from pathlib import Path

from factcheck.changes import changed_claims
from factcheck.claims import Catalogue, load_catalogue
from factcheck.documents import Corpus, load_corpus
from factcheck.errors import FactcheckError
from factcheck.report import VerifyReport
from factcheck.retrieval import Index, Settings
from factcheck.verdicts import Thresholds, judge

DEFAULT_DOCUMENTS = "seeds"


def documents_folder(catalogue: Catalogue | None, docs: Path | None) -> Path:
    """--docs wins; then the catalogue's ``documents:``; then ``seeds/`` beside the catalogue."""
    if docs is not None:
        return docs
    if catalogue is not None and catalogue.documents is not None:
        return catalogue.path.parent / catalogue.documents
    return (catalogue.path.parent if catalogue else Path(".")) / DEFAULT_DOCUMENTS


def resolve_sources(catalogue: Catalogue, corpus_paths: list[str]) -> None:
    """Resolve each claim's ``sources`` (paths or globs) to the document paths they match."""
    for claim in catalogue.claims:
        if claim.sources is None:
            continue
        resolved: list[str] = []
        for pattern, line in zip(claim.sources, claim.source_lines, strict=True):
            norm = pattern.replace("\\", "/").removeprefix("./")
            matches = [p for p in corpus_paths if p == norm or fnmatchcase(p, norm)]
            if not matches:
                raise FactcheckError(
                    f"source '{pattern}' of claim '{claim.id}' matches no document",
                    str(catalogue.path), line, hint="name a file under the documents folder, relative to it",
                )
            resolved.extend(m for m in matches if m not in resolved)
        claim.documents = resolved


def load_inputs(claims: Path, docs: Path | None) -> tuple[Catalogue, Corpus]:
    catalogue = load_catalogue(claims)
    corpus = load_corpus(documents_folder(catalogue, docs))
    resolve_sources(catalogue, [d.path for d in corpus.documents])
    return catalogue, corpus


def verify(
    claims: Path,
    docs: Path | None = None,
    top: int = 3,
    only: set[str] | None = None,
    settings: Settings | None = None,
    thresholds: Thresholds | None = None,
    progress: Callable[[int, int], None] | None = None,
    changed: bool = False,
    since: str | None = None,
) -> VerifyReport:
    """Check every claim of the catalogue (or the ids in ``only``) against the documents.

    With ``changed``, only the claims a git change touched since ``since`` (default:
    the merge base with the default branch, else HEAD).
    """
    if top < 1:
        raise FactcheckError("--top must be at least 1")
    catalogue, corpus = load_inputs(claims, docs)
    changes = None
    if changed:
        changes = changed_claims(catalogue, corpus.root, since)
        only = changes.changed if only is None else only & changes.changed
    index = Index(corpus, settings)
    selected = [c for c in catalogue.claims if only is None or c.id in only]
    results = []
    for n, claim in enumerate(selected, 1):
        results.append(judge(claim, index, corpus, top, thresholds))
        if progress:
            progress(n, len(selected))
    return VerifyReport(catalogue.path, corpus.root, results, corpus.warnings, len(index.sentences),
                        changes, len(catalogue.claims))
