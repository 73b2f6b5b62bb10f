"""``factcheck conflicts``: where the documents, or the claims, disagree about a quantity."""

from __future__ import annotations

from pathlib import Path

from factcheck.claims import Catalogue, load_catalogue
from factcheck.commands.verify import documents_folder, resolve_sources
from factcheck.conflicts import Settings, Stories, apply_resolutions, find_conflicts, sentence_words, statements_for
from factcheck.documents import load_corpus
from factcheck.report import ConflictReport

DEFAULT_CATALOGUE = Path("claims.yaml")


def conflicts(claims: Path | None = None, docs: Path | None = None, settings: Settings | None = None) -> ConflictReport:
    """Report every group of statements whose values disagree beyond their wording.

    With no catalogue given and no ./claims.yaml, the documents are checked alone.
    """
    catalogue: Catalogue | None = None
    if claims is not None:
        catalogue = load_catalogue(claims)
    elif DEFAULT_CATALOGUE.is_file():
        catalogue = load_catalogue(DEFAULT_CATALOGUE)
    corpus = load_corpus(documents_folder(catalogue, docs))
    if catalogue is not None:
        resolve_sources(catalogue, [d.path for d in corpus.documents])
    words_of = sentence_words(corpus)
    statements = statements_for(corpus, catalogue, words_of)
    groups = find_conflicts(statements, settings, Stories(corpus, words_of))
    warnings = list(corpus.warnings)
    if catalogue is not None:
        for res in apply_resolutions(groups, catalogue.resolutions):
            warnings.append(f"{catalogue.path}:{res.line}: resolution for '{res.subject}' matches no reported group")
    return ConflictReport(catalogue.path if catalogue else None, corpus.root, groups, warnings, len(statements))
