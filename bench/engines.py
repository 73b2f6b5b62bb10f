"""factcheck's own first stage against tantivy and SQLite FTS5, on the same sentences and claims, in one run.

Usage:
    apt-get install python3.11-doc postgresql-doc-15 git-doc debian-handbook
    pip install -e '.[bench]'
    python bench/engines.py [--sentences 200000,1000000] [--json out.json]

The corpus is ``bench/corpus.py`` ``archive`` (the 349 WiCE dev pages, then Debian's
documentation up to the size asked), read into memory once without the cache; the claims are
the 349 WiCE dev claims, open corpus; hit@k and recall@N count the 319 with gold sentences.

* ``factcheck``: build is ``Index(Analysis(corpus))`` over the in-memory corpus (tokenising,
  stemming, neighbour bags, merging, sorting the postings; no cache, nothing saved); a query is
  ``Index.search(claim, k=5)`` (BM25 with neighbours at 0.15, the document's match, number
  agreement over the 15 best). Its first stage's recall@N is its BM25 + document order cut at N.
* ``tantivy`` / ``sqlite-fts5``: one row per evidence sentence, exactly the items of factcheck's
  index (``Index.sentence(i)``), row id = item id; English stemming (tantivy ``en_stem``, FTS5
  ``porter``); the query is the claim's content words (factcheck's ``words()``: stopwords out) ORed,
  ranked by the engine's BM25. tantivy writes with one thread, as factcheck builds with one.
  ``tantivy +neighbours``: the neighbours' text as a second field, boosted by the neighbour weight.
* ``<engine> top-200 + factcheck``: factcheck's full ranking (the same scores as ``Index.search``)
  over the engine's 200 best only. ``exact`` scores them as factcheck does, accumulating its
  postings for the claim's terms and keeping the engine's candidates; ``lookup`` finds only the
  candidates' postings (a binary search per term in factcheck's postings, which hold each term's
  items in order) and normalises by the best of them. Either way factcheck's own postings (its
  neighbour-weighted bags) score the candidates: an engine holds no such weights. Both end with
  the same ``Hit`` objects ``Index.search`` makes; a self-check first makes sure ``exact`` over
  every item gives ``Index.search``'s results.

Times: build once each (cold); a query pass over the 349 claims twice, the better pass kept.
The machine's cores are shared: read the ratios to factcheck measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from functools import partial
from pathlib import Path
from typing import Protocol

import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as gen  # noqa: E402

from factcheck.analysis import Analysis  # noqa: E402
from factcheck.corpus import Corpus, load_corpus  # noqa: E402
from factcheck.retrieval.base import Hit  # noqa: E402
from factcheck.retrieval.bm25 import Index, ranked  # noqa: E402
from factcheck.settings import RetrievalSettings  # noqa: E402
from factcheck.words import words  # noqa: E402

TOP = 200  # the engine's candidates handed to factcheck's ranking
RECALL_AT = (15, 50, 200)
PASSES = 2
CONTEXT = RetrievalSettings().context  # factcheck's neighbour weight, as tantivy's boost of the neighbours' field

Claims = list[tuple[str, str]]  # (id, text)
Ranked = list[list[int]]  # per claim, item ids best first


class Gold:
    """Which items are a claim's gold sentences (WiCE pages are named ``wice-<page>`` in the archive)."""

    def __init__(self, index: Index, claims: Claims):
        gold = json.loads((gen.WICE_CLAIMS.parent / "gold.json").read_text())
        where: dict[tuple[str, int], int] = {}
        for i in range(len(index)):
            s = index.sentence(i)
            if s.doc.startswith("wice-"):
                where[(s.doc[len("wice-") :], s.line)] = i
        self.items: list[set[int]] = []
        for cid, _ in claims:
            g = gold.get(cid, {"lines": []})
            self.items.append({where[(g["doc"], line)] for line in g["lines"] if (g["doc"], line) in where})
        self.counted = [n for n, items in enumerate(self.items) if items]

    def at(self, ranking: Ranked, k: int) -> float:
        """Share of the counted claims with a gold item among their first ``k``."""
        found = sum(1 for n in self.counted if self.items[n] & set(ranking[n][:k]))
        return found / len(self.counted)


def timed_passes(run: Callable[[int, str], list[int]], claims: Claims) -> tuple[float, Ranked]:
    """The better of PASSES passes' seconds per claim, and the rankings (``run(claim number, text)``)."""
    best, out = float("inf"), []
    for _ in range(PASSES):
        start = time.perf_counter()
        out = [run(n, text) for n, (_, text) in enumerate(claims)]
        best = min(best, (time.perf_counter() - start) / len(claims))
    return best, out


# ---------------------------------------------------------------- factcheck


def items_of(index: Index, hits: list[Hit]) -> list[int]:
    """Hits back to item ids (for hit@k against the gold items)."""
    if not hasattr(index, "_bench_item"):
        index._bench_item = {(index.sentence(i).doc, index.sentence(i).index): i for i in range(len(index))}  # type: ignore[attr-defined]
    lookup: dict[tuple[str, int], int] = index._bench_item  # type: ignore[attr-defined]
    return [lookup[(h.sentence.doc, h.sentence.index)] for h in hits]


def first_stage(index: Index, claim: str, n: int) -> list[int]:
    """factcheck's BM25 + document order (before number agreement), its ``n`` best."""
    query = index._query(claim)
    touched = index._sent.accumulate(query)
    try:
        values = index._sent.buffer[touched]
        shortlist, _ = _ranked(index, query, touched, values, float(values.max()) if values.size else 1.0, n)
    finally:
        index._sent.clear(touched)
    return shortlist


def _ranked(
    index: Index, query: Counter[str], candidates: np.ndarray, values: np.ndarray, top: float, pool: int
) -> tuple[list[int], dict[int, float]]:
    """As ``Index._shortlist`` (open corpus): the candidates' BM25 over ``top`` plus their document's match."""
    if candidates.size == 0:
        return [], {}
    docs = index._doc.accumulate(query)
    top_doc = (index._doc.buffer[docs].max() if docs.size else 0.0) or 1.0
    doc_values = index._doc.buffer[index._doc_of[candidates]]
    index._doc.clear(docs)
    return ranked(candidates, values, top, doc_values, top_doc, index.settings.document, pool)


def rerank_exact(index: Index, claim: str, engine_items: np.ndarray, k: int = 5) -> list[int]:
    """factcheck's ranking (as ``Index.search``) over the engine's candidates only: the full accumulate, then kept."""
    query = index._query(claim)
    touched = index._sent.accumulate(query)
    try:
        if touched.size == 0:
            return []
        candidates = np.unique(engine_items)
        candidates = candidates[index._sent.buffer[candidates] > 0]  # those factcheck scored
        top = float(index._sent.buffer[touched].max())  # Index.search normalises by the best of all it scored
        shortlist, combined = _ranked(
            index, query, candidates, index._sent.buffer[candidates], top, index.settings.pool
        )
    finally:
        index._sent.clear(touched)
    if not shortlist:
        return []
    index.agreeing_numbers(claim, shortlist, combined)
    return items_of(index, [index.hit(query, i) for i in shortlist[:k]])  # the Hits Index.search makes


def rerank_lookup(index: Index, claim: str, engine_items: np.ndarray, k: int = 5) -> list[int]:
    """factcheck's scores of the engine's candidates only, found by binary search in each query term's postings."""
    query = index._query(claim)
    sc = index._sent.scorer
    vocabulary = index._sent.vocabulary
    candidates = np.unique(engine_items)
    values = np.zeros(len(candidates), np.float64)
    for term, qtf in query.items():
        t = vocabulary.get(term)
        if t is None:
            continue
        lo, hi = int(sc.starts[t]), int(sc.starts[t + 1])
        ids = sc.ids[lo:hi]
        at = np.searchsorted(ids, candidates)
        inside = at < len(ids)
        found = np.zeros(len(candidates), bool)
        found[inside] = ids[at[inside]] == candidates[inside]
        values[found] += float(sc.idf[t]) * qtf * sc.factors(lo, hi)[at[found]]
    keep = values > 0
    candidates, values = candidates[keep], values[keep]
    if candidates.size == 0:
        return []
    shortlist, combined = _ranked(index, query, candidates, values, float(values.max()), index.settings.pool)
    index.agreeing_numbers(claim, shortlist, combined)
    return items_of(index, [index.hit(query, i) for i in shortlist[:k]])  # the Hits Index.search makes


# ---------------------------------------------------------------- engines


def query_words(claim: str) -> list[str]:
    """The claim's content words (factcheck's tokens before stemming: the engines stem), each once."""
    return list(dict.fromkeys(w for part in words(claim) for w in part.replace("(", " ").replace(")", " ").split()))


class Fts5:
    def __init__(self, folder: Path, texts: Sequence[str]):
        self.db = sqlite3.connect(folder / "fts.db")
        self.db.execute("PRAGMA journal_mode=OFF")
        self.db.execute("PRAGMA synchronous=OFF")
        self.db.execute("CREATE VIRTUAL TABLE s USING fts5(body, tokenize='porter unicode61')")
        self.db.executemany("INSERT INTO s(rowid, body) VALUES (?, ?)", enumerate(texts))
        self.db.commit()

    def top(self, claim: str, n: int) -> list[int]:
        terms = query_words(claim)
        if not terms:
            return []
        match = " OR ".join(f'"{w}"' for w in terms)
        rows = self.db.execute("SELECT rowid FROM s WHERE s MATCH ? ORDER BY bm25(s) LIMIT ?", (match, n))
        return [r[0] for r in rows]

    def close(self) -> None:
        self.db.close()


class Tantivy:
    """``context``: the neighbours' text too, as a second field boosted by factcheck's neighbour weight
    (tantivy sums per-field BM25; the nearest it comes to factcheck's neighbour-weighted bags)."""

    def __init__(self, folder: Path, texts: Sequence[str], context: Sequence[str] | None = None):
        import tantivy

        schema = tantivy.SchemaBuilder()
        schema.add_integer_field("id", stored=False, indexed=False, fast=True)
        schema.add_text_field("body", stored=False, tokenizer_name="en_stem", index_option="freq")
        if context is not None:
            schema.add_text_field("context", stored=False, tokenizer_name="en_stem", index_option="freq")
        self.fields = ["body"] if context is None else ["body", "context"]
        self.boosts = {} if context is None else {"context": CONTEXT}
        (folder / "tantivy").mkdir()
        self.index = tantivy.Index(schema.build(), path=str(folder / "tantivy"))
        writer = self.index.writer(heap_size=512_000_000, num_threads=1)
        for i, text in enumerate(texts):
            if context is None:
                writer.add_document(tantivy.Document(id=i, body=text))
            else:
                writer.add_document(tantivy.Document(id=i, body=text, context=context[i]))
        writer.commit()
        writer.wait_merging_threads()
        self.index.reload()
        self.searcher = self.index.searcher()

    def top(self, claim: str, n: int) -> list[int]:
        terms = query_words(claim)
        if not terms:
            return []
        query = self.index.parse_query(" ".join(terms), self.fields, field_boosts=self.boosts)
        hits = self.searcher.search(query, n, count=False).hits
        ids = self.searcher.fast_field_values("id", [address for _, address in hits])
        return [int(i) for i in ids if i is not None]

    def close(self) -> None:
        pass


# ---------------------------------------------------------------- one size


class Engine(Protocol):
    def top(self, claim: str, n: int) -> list[int]: ...

    def close(self) -> None: ...


Rerank = Callable[[Index, str, np.ndarray], list[int]]


def _engine_top(engine: Engine, n: int, _: int, claim: str) -> list[int]:
    return engine.top(claim, n)


def _rerank(rerank: Rerank, index: Index, candidates: list[np.ndarray], n: int, claim: str) -> list[int]:
    return rerank(index, claim, candidates[n])


def measure(sentences: int, tmp: Path) -> dict[str, dict[str, float]]:
    docs = tmp / "docs"
    gen.archive(docs, sentences)
    claims: Claims = [(c["id"], c["text"]) for c in yaml.safe_load(gen.WICE_CLAIMS.read_text())["claims"]]
    start = time.perf_counter()
    corpus: Corpus = load_corpus(docs)
    read = time.perf_counter() - start
    start = time.perf_counter()
    index = Index(Analysis(corpus))
    build = time.perf_counter() - start
    items = len(index)
    print(f"  {items} items: read {read:.1f} s, factcheck build {build:.1f} s", file=sys.stderr)
    gold = Gold(index, claims)
    texts = [index.sentence(i).text for i in range(items)]

    # the re-implementation of Index.search's ranking matches it when nothing is cut
    everything = np.arange(items)
    same = all(
        items_of(index, index.search(text, k=5)) == rerank_exact(index, text, everything) for _, text in claims[:60]
    )
    if not same:
        raise SystemExit("rerank_exact does not reproduce Index.search")

    rows: dict[str, dict[str, float]] = {}
    fc_query, fc_ranked = timed_passes(lambda _, text: items_of(index, index.search(text, k=5)), claims)
    stage = [first_stage(index, text, max(RECALL_AT)) for _, text in claims]
    rows["factcheck"] = {
        "build": build,
        "query": fc_query,
        "hit@1": gold.at(fc_ranked, 1),
        "hit@5": gold.at(fc_ranked, 5),
    }
    rows["factcheck"].update({f"recall@{n}": gold.at(stage, n) for n in RECALL_AT})

    context = [" ".join(x.text for x in index._neighbours(i)) for i in range(items)]
    makers: tuple[tuple[str, Callable[[Path], Engine]], ...] = (
        ("tantivy", lambda where: Tantivy(where, texts)),
        ("tantivy +neighbours", lambda where: Tantivy(where, texts, context)),
        ("sqlite-fts5", lambda where: Fts5(where, texts)),
    )
    for name, make in makers:
        where = tmp / name
        where.mkdir()
        start = time.perf_counter()
        engine = make(where)
        built = time.perf_counter() - start
        size = sum(p.stat().st_size for p in where.rglob("*") if p.is_file()) / 1e6
        print(f"  {name}: build {built:.1f} s, {size:.0f} MB", file=sys.stderr)
        q5, top5 = timed_passes(partial(_engine_top, engine, 5), claims)
        qn, topn = timed_passes(partial(_engine_top, engine, TOP), claims)
        row = {"build": built, "query": q5, "query@200": qn, "hit@1": gold.at(top5, 1), "hit@5": gold.at(top5, 5)}
        row.update({f"recall@{n}": gold.at(topn, n) for n in RECALL_AT})
        rows[name] = row
        candidates = [np.array(t, np.int64) for t in topn]
        reranks: tuple[tuple[str, Rerank], ...] = (("exact", rerank_exact), ("lookup", rerank_lookup))
        for how, rerank in reranks:
            q, out = timed_passes(partial(_rerank, rerank, index, candidates), claims)
            rows[f"{name} top-{TOP} + factcheck ({how})"] = {
                "query": qn + q,
                "rerank": q,
                "hit@1": gold.at(out, 1),
                "hit@5": gold.at(out, 5),
                "same": sum(a == b for a, b in zip(out, fc_ranked, strict=True)) / len(claims),
            }
        engine.close()
        shutil.rmtree(where)
    for row in rows.values():
        row["items"] = items
    return rows


def table(results: dict[int, dict[str, dict[str, float]]]) -> str:
    lines = [
        "| asked | sentences | first stage | build (s) | build / factcheck | ms per claim | / factcheck "
        "| hit@1 | hit@5 | recall@15 | recall@50 | recall@200 | top-5 as factcheck's |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for asked, rows in results.items():
        fc = rows["factcheck"]
        for name, r in rows.items():
            build = f"{r['build']:.1f} | {r['build'] / fc['build']:.2f}" if "build" in r else " | "
            ms = f"{1000 * r['query']:.2f}"
            if "rerank" in r:  # the engine's 200 best, then factcheck's ranking of them
                ms = f"{1000 * (r['query'] - r['rerank']):.2f} + {1000 * r['rerank']:.2f}"
            elif "query@200" in r:
                ms += f" (top-200: {1000 * r['query@200']:.2f})"
            query = f"{ms} | {r['query'] / fc['query']:.2f}"
            recall = " | ".join(f"{r[f'recall@{n}']:.3f}" if f"recall@{n}" in r else "" for n in RECALL_AT)
            recall += f" | {r['same']:.3f}" if "same" in r else " | "
            lines.append(
                f"| {asked:,} | {int(r['items']):,} | {name} | {build} | {query} | {r['hit@1']:.3f} | {r['hit@5']:.3f} "
                f"| {recall} |"
            )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sentences", default="200000,1000000", help="corpus sizes, in sentences")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    if sqlite3.connect(":memory:").execute("PRAGMA compile_options").fetchall().count(("ENABLE_FTS5",)) == 0:
        raise SystemExit("this Python's SQLite has no FTS5")
    results = {}
    for n in args.sentences.split(","):
        with tempfile.TemporaryDirectory() as tmp:
            results[int(n)] = measure(int(n), Path(tmp))
        print(table({int(n): results[int(n)]}), file=sys.stderr)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
