"""``conflicts`` on a cluster: the workers read the documents and extract their statements; the client groups.

Grouping compares statements across the whole corpus (any two documents may disagree), so it
runs on the client over every statement, as in a local run; what the workers spare the client is
reading, splitting and extracting figures, the bulk of the time. The pieces that depend on the
order the corpus is read come back in that order: statements and document word bags by shard,
and the readable form of each stem (the first word read for it: the sentences' words first, then
the statements' phrases, then the claims'), so the report is a local run's, to the byte.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from pathlib import Path

from factcheck.analysis import Analysis
from factcheck.api import conflict_report
from factcheck.catalogue import Catalogue
from factcheck.cluster import shard
from factcheck.cluster.load import Sharded
from factcheck.cluster.session import Session
from factcheck.context import RunContext
from factcheck.corpus import Corpus
from factcheck.disagreements import Statement, Stories, claim_statements
from factcheck.reports import ConflictReport


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


def _articles(told: list[shard.Told]) -> dict[str, str]:
    """Each document's article as a local run has it: the first copy, in reading order, of any shard."""
    first: dict[bytes, str] = {}
    return {path: first.setdefault(key, path) for t in told for path, key in zip(t.paths, t.articles, strict=True)}


def _stories(told: list[shard.Told], article_of: dict[str, str]) -> Stories:
    """Document similarity over articles: a page copied is one vector, counted once."""
    paths: list[str] = []
    bags: list[Counter[str]] = []
    for t in told:
        for path, bag in zip(t.paths, t.bags, strict=True):
            if article_of[path] == path:
                paths.append(path)
                bags.append(bag)
    return Stories.of_bags(paths, bags, article_of)


def _as_read_once(statements: list[Statement], article_of: dict[str, str]) -> list[Statement]:
    """A copy whose first copy is in another shard was read as its own article there: it takes the first's key,
    as a local run's copied statements do (same sentences, so the same statements otherwise)."""
    out = []
    for st in statements:
        article = article_of.get(st.key[0], st.key[0])
        out.append(st if article == st.key[0] else replace(st, key=(article, st.key[1])))
    return out


def conflicts_sharded(
    session: Session, sharded: Sharded, catalogue: Catalogue | None, context: RunContext
) -> ConflictReport:
    """``api.conflicts`` with the documents read on the cluster's workers."""
    corpus = sharded.corpus
    told: list[shard.Told] = session.gather([session.on(i, shard.statements, f) for i, f in enumerate(sharded.shards)])
    article_of = _articles(told)
    statements: list[Statement] = _as_read_once([st for t in told for st in t.statements], article_of)
    stories = _stories(told, article_of)
    analysis = _surface(corpus.root, told)
    if catalogue is not None:
        statements.extend(claim_statements(catalogue, analysis))
    return conflict_report(corpus, catalogue, context, statements, stories, analysis.surface)
