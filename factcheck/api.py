"""The library: verify, conflicts and lint on a catalogue and a corpus held in memory.

No paths, no command-line words: :mod:`factcheck.project` finds and reads the files,
the CLI renders what these return. Each returns a report that decides its exit code.
"""

from __future__ import annotations

from collections.abc import Callable, Generator, Iterable
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from factcheck import environment
from factcheck.analysis import Analysis
from factcheck.catalogue import Catalogue, Claim
from factcheck.context import RunContext
from factcheck.corpus import Corpus
from factcheck.disagreements import Statement, Stories, apply_resolutions, find_conflicts, statements_for
from factcheck.disagreements.statements import read_documents_once
from factcheck.errors import FactcheckError
from factcheck.forking import Forked
from factcheck.judges import Case
from factcheck.memo import Memo
from factcheck.reports import ConflictReport, LintReport, VerifyReport
from factcheck.retrieval import Retriever
from factcheck.settings import Settings
from factcheck.verdicts import ClaimResult

Progress = Callable[[int, int], None]


def _check_types(**given: tuple[object, type | tuple[type, ...]]) -> None:
    """A clear error for the common slip of passing paths (load them with load_catalogue / load_corpus)."""
    for name, (value, expected) in given.items():
        if not isinstance(value, expected):
            raise TypeError(
                f"{name} must be a {getattr(expected, '__name__', 'Catalogue or None')}, not "
                f"{type(value).__name__} (read files with load_catalogue() and load_corpus())"
            )


def _context(settings: Settings | None, context: RunContext | None) -> RunContext:
    """The run's context: the one given, else the defaults for ``settings``."""
    if context is None:
        return RunContext.of(settings)
    if settings is not None and settings != context.settings:
        raise TypeError("give the settings or a context, not both (the context carries its settings)")
    return context


def claims_to_judge(catalogue: Catalogue, documents: list[str], top: int, only: Iterable[str] | None) -> list[Claim]:
    """The claims a verify run judges, their ``sources`` resolved: every one, or the ids in ``only``
    (the preamble of a run here and on a cluster)."""
    if top < 1:
        raise FactcheckError("the number of evidence sentences shown must be at least 1")
    catalogue.resolve_sources(documents)
    wanted = None if only is None else set(only)
    return [c for c in catalogue.claims if wanted is None or c.id in wanted]


def verify(
    catalogue: Catalogue,
    corpus: Corpus,
    settings: Settings | None = None,
    *,
    top: int = 3,
    only: Iterable[str] | None = None,
    progress: Progress | None = None,
    context: RunContext | None = None,
) -> VerifyReport:
    """Judge every claim of the catalogue (or the ids in ``only``) against the corpus.

    ``context``: the store, retriever and judge to use (:class:`~factcheck.context.RunContext`);
    by default none, BM25 and the judge ``settings`` name.
    """
    _check_types(catalogue=(catalogue, Catalogue), corpus=(corpus, Corpus))
    context = _context(settings, context)
    selected = claims_to_judge(catalogue, [d.path for d in corpus.documents], top, only)
    memo = _memo(context, corpus, top)
    remembered = {n: memo.get(claim) for n, claim in enumerate(selected)} if memo else {}
    judged = _Judging(corpus, context, top).each([c for n, c in enumerate(selected) if remembered.get(n) is None])
    results = []
    for n, claim in enumerate(selected):
        result = remembered.get(n)
        if result is None:
            result = next(judged)
            if memo:
                memo.put(claim, result)
        results.append(result)
        if progress:
            progress(n + 1, len(selected))
    judged.close()  # the worker processes, if any, end here
    if memo and context.store:
        context.store.keep(memo)
    return VerifyReport(catalogue.path, corpus.root, results, list(corpus.warnings), total_claims=len(catalogue.claims))


def _memo(context: RunContext, corpus: Corpus, top: int) -> Memo | None:
    """The verdicts the store remembers for these documents, settings, judge and number shown; None without one."""
    if context.store is None:
        return None
    scope = f"{context.settings!r}|{top}|{context.judge.identity}"
    return context.store.verdicts(scope, [d.path for d in corpus.documents])


PARALLEL_CLAIMS = 32  # per worker process: fewer claims are judged here, as starting workers would cost more
BATCH = 4  # claims searched, then judged together: a judge that batches (a model) sees this many at once


class _Judging:
    """The retriever, built (or loaded) when the first claim not remembered from an earlier run needs it.

    Many claims are judged in forked worker processes, which share the index and the corpus
    with this one (copy on write) instead of reading or building them again; each claim is
    judged exactly as in this process, so the results are the same, in the same order.
    """

    def __init__(self, corpus: Corpus, context: RunContext, top: int):
        self.corpus, self.context, self.top = corpus, context, top
        self._ready: tuple[Analysis, Retriever] | None = None

    def _prepared(self) -> tuple[Analysis, Retriever]:
        if self._ready is None:
            context = self.context
            analysis = Analysis(self.corpus, context.language, context.settings.verdicts)
            self._ready = analysis, context.retriever(analysis, context.settings.retrieval, context.store)
        return self._ready

    def judge(self, claims: list[Claim]) -> list[ClaimResult]:
        """A batch of claims searched, then judged in one call."""
        analysis, retriever = self._prepared()
        judge = self.context.judge
        k = judge.wanted(self.top)
        cases = [Case(c, retriever.search(c.text, k=k, sources=c.documents)) for c in claims]
        return judge.judge(cases, retriever, analysis, self.top)

    def each(self, claims: list[Claim]) -> Generator[ClaimResult, None, None]:
        """Every claim's result, in order: in worker processes when there are many claims and cores."""
        batches = [claims[i : i + BATCH] for i in range(0, len(claims), BATCH)]
        workers = min(environment.workers(), len(claims) // PARALLEL_CLAIMS)
        if workers < 2:
            for batch in batches:
                yield from self.judge(batch)
            return
        self._prepared()  # before forking: the workers inherit it
        pool = forked_pool(workers, self)
        finished = False
        try:
            for results in pool.map(_judge_batch, batches):
                yield from results
            finished = True
        except BrokenProcessPool as exc:
            raise FactcheckError(
                "a worker process judging claims ended before it finished (killed, or out of memory)",
                hint=f"{environment.WORKERS}=1 judges the claims in one process",
            ) from exc
        finally:
            pool.stop(finished)


def forked_pool(workers: int, judging: _Judging) -> Forked[_Judging]:
    """The worker processes claims are judged in, each with this run's judging as inherited."""
    return Forked(workers, judging)


def _judge_batch(judging: _Judging, claims: list[Claim]) -> list[ClaimResult]:
    return judging.judge(claims)


def conflicts(
    corpus: Corpus,
    *,
    catalogue: Catalogue | None = None,
    settings: Settings | None = None,
    context: RunContext | None = None,
) -> ConflictReport:
    """Every group of statements whose values disagree beyond their wording (the claims' too, when given)."""
    _check_types(corpus=(corpus, Corpus), catalogue=(catalogue, (Catalogue, type(None))))
    context = _context(settings, context)
    if catalogue is not None:
        catalogue.resolve_sources([d.path for d in corpus.documents])
    analysis = Analysis(corpus, context.language)
    reading = read_documents_once(analysis)  # one document's sentences held at a time
    statements = statements_for(analysis, catalogue, reading)
    stories = Stories.of_reading(reading)
    return conflict_report(corpus, catalogue, context, statements, stories, analysis.surface)


def conflict_report(
    corpus: Corpus,
    catalogue: Catalogue | None,
    context: RunContext,
    statements: list[Statement],
    stories: Stories,
    names: dict[str, str],
) -> ConflictReport:
    """The statements grouped, the catalogue's resolutions applied (one that matches nothing is a warning):
    the end of a conflicts run, in one process or on a cluster (:mod:`factcheck.cluster.group`)."""
    settings = context.settings.conflicts
    groups = find_conflicts(statements, settings, stories, names, context.language)
    warnings = list(corpus.warnings)
    if catalogue is not None:
        for res in apply_resolutions(groups, catalogue.resolutions, settings):
            warnings.append(f"{catalogue.path}:{res.line}: resolution for '{res.subject}' matches no reported group")
    return ConflictReport(catalogue.path if catalogue else None, corpus.root, groups, warnings, len(statements))


def lint(catalogue: Catalogue, documents: list[str], root: Path | None = None) -> LintReport:
    """The catalogue against the list of document paths, without their text."""
    catalogue.resolve_sources(documents)
    return LintReport(catalogue.path, root, len(catalogue.claims), len(documents))
