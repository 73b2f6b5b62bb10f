"""``conflicts`` on a cluster: the workers read the documents and extract their statements; the client groups.

Grouping compares statements across the whole corpus (any two documents may disagree), so it
runs on the client over every statement, as in a local run; what the workers spare the client is
reading, splitting and extracting figures, the bulk of the time. The pieces that depend on the
order the corpus is read come back in that order: statements and document word bags by shard,
and the readable form of each stem (the first word read for it: the sentences' words first, then
the statements' phrases, then the claims'), so the report is a local run's, to the byte.
"""

from __future__ import annotations

from pathlib import Path

from factcheck.analysis import Analysis
from factcheck.catalogue import Catalogue
from factcheck.cluster import shard
from factcheck.cluster.load import Sharded
from factcheck.cluster.session import Session
from factcheck.corpus import Corpus
from factcheck.disagreements import Statement, Stories, apply_resolutions, claim_statements, find_conflicts
from factcheck.reports import ConflictReport
from factcheck.settings import Settings


def _surface(root: Path, told: list[shard.Told]) -> Analysis:
    """An analysis with no documents, its readable forms as a local run would have them after the documents."""
    analysis = Analysis(Corpus(root, []))
    for t in told:
        for st, word in t.surface_read.items():
            analysis.surface.setdefault(st, word)
    for t in told:
        for st, word in t.surface_phrases.items():
            analysis.surface.setdefault(st, word)
    return analysis


def conflicts(session: Session, sharded: Sharded, catalogue: Catalogue | None, settings: Settings) -> ConflictReport:
    """``api.conflicts`` with the documents read on the cluster's workers."""
    corpus = sharded.corpus
    told: list[shard.Told] = session.gather([session.on(i, shard.statements, f) for i, f in enumerate(sharded.shards)])
    statements: list[Statement] = [st for t in told for st in t.statements]
    stories = Stories.of_bags([p for t in told for p in t.paths], [b for t in told for b in t.bags])
    analysis = _surface(corpus.root, told)
    if catalogue is not None:
        statements.extend(claim_statements(catalogue, analysis))
    groups = find_conflicts(statements, settings.conflicts, stories, analysis.surface)
    warnings = list(corpus.warnings)
    if catalogue is not None:
        for res in apply_resolutions(groups, catalogue.resolutions, settings.conflicts):
            warnings.append(f"{catalogue.path}:{res.line}: resolution for '{res.subject}' matches no reported group")
    return ConflictReport(catalogue.path if catalogue else None, corpus.root, groups, warnings, len(statements))
