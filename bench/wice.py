"""Evidence retrieval on WiCE dev: factcheck against BM25 (bm25s), in the same run.

Usage:
    pip install -e '.[bench]'
    python bench/wice.py [--data ../shared/bench/wice-dev] [--repeat 3]

Reports hit@1/3/5 over the claims with gold sentences, in two modes — open corpus (every
claim against all 41,700 sentences) and cited document (each claim against its own page) —
and wall time: the whole ``factcheck verify`` of the 349 claims (reading the catalogue and
the documents, indexing, judging) against bm25s tokenising, indexing and retrieving the
same sentences. Times are the best of --repeat runs; compare the ratio, not the seconds.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import yaml
from corpus import page_sentences

from factcheck import project

HERE = Path(__file__).resolve().parent
DEFAULT_DATA = HERE.parent.parent / "shared" / "bench" / "wice-dev"


def hits_at(ranked: dict[str, list[tuple[str, int]]], gold: dict, ks: tuple[int, ...] = (1, 3, 5)) -> dict[int, float]:
    counted = [cid for cid, g in gold.items() if g["lines"]]
    out = {}
    for k in ks:
        hit = sum(
            1
            for cid in counted
            if any(doc == gold[cid]["doc"] and line in gold[cid]["lines"] for doc, line in ranked.get(cid, [])[:k])
        )
        out[k] = hit / len(counted)
    return out


def best_time(fn: Callable[[], object], repeat: int) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        best = min(best, time.perf_counter() - start)
    return best, result


def run_factcheck(catalogue: Path, docs: Path) -> dict[str, list[tuple[str, int]]]:
    # no cache: reading, indexing and judging every time, as bm25s tokenises and indexes every time
    report = project.verify(project.Locations(catalogue, docs, cache=False), top=5)
    return {r.claim.id: [(e.doc, e.line) for e in r.evidence] for r in report.results}


def run_bm25(claims: list[dict], docs: Path, cited: bool) -> dict[str, list[tuple[str, int]]]:
    import bm25s
    import numpy as np

    sentences, where = page_sentences(docs)
    corpus_tokens = bm25s.tokenize(sentences, stopwords="en", show_progress=False)
    retriever = bm25s.BM25()
    retriever.index(corpus_tokens, show_progress=False)
    queries = bm25s.tokenize([c["text"] for c in claims], stopwords="en", show_progress=False)
    out: dict[str, list[tuple[str, int]]] = {}
    if not cited:
        ids, _ = retriever.retrieve(queries, k=5, show_progress=False, n_threads=1)
        for c, row in zip(claims, ids, strict=True):
            out[c["id"]] = [where[i] for i in row]
        return out
    by_doc: dict[str, list[int]] = {}
    for i, (doc, _) in enumerate(where):
        by_doc.setdefault(doc, []).append(i)
    vocab = queries.vocab
    inverse = {v: k for k, v in vocab.items()}
    for c, q in zip(claims, queries.ids, strict=True):
        rows = by_doc[c["sources"][0]]
        words = [inverse[t] for t in q]
        scores = retriever.get_scores(words)
        best = np.argsort(-scores[rows], kind="stable")[:5]
        out[c["id"]] = [where[rows[j]] for j in best]
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    data: Path = args.data
    gold = json.loads((data / "gold.json").read_text())
    docs = data / "docs"
    open_claims = yaml.safe_load((data / "claims.yaml").read_text())["claims"]
    cited_claims = yaml.safe_load((data / "claims-cited.yaml").read_text())["claims"]

    rows = []
    t_fc_open, ranked = best_time(lambda: run_factcheck(data / "claims.yaml", docs), args.repeat)
    rows.append(("factcheck verify", "open corpus", hits_at(ranked, gold), t_fc_open))
    t_bm_open, ranked = best_time(lambda: run_bm25(open_claims, docs, cited=False), args.repeat)
    rows.append(("BM25 (bm25s)", "open corpus", hits_at(ranked, gold), t_bm_open))
    t, ranked = best_time(lambda: run_factcheck(data / "claims-cited.yaml", docs), args.repeat)
    rows.append(("factcheck verify", "cited document", hits_at(ranked, gold), t))
    t2, ranked = best_time(lambda: run_bm25(cited_claims, docs, cited=True), args.repeat)
    rows.append(("BM25 (bm25s)", "cited document", hits_at(ranked, gold), t2))

    counted = sum(1 for g in gold.values() if g["lines"])
    print(f"WiCE dev: {len(open_claims)} claims, {counted} with gold sentences; best of {args.repeat} runs\n")
    print("| method | mode | hit@1 | hit@3 | hit@5 | wall (s) |")
    print("|---|---|---|---|---|---|")
    for name, mode, h, secs in rows:
        print(f"| {name} | {mode} | {h[1]:.3f} | {h[3]:.3f} | {h[5]:.3f} | {secs:.2f} |")
    print(f"\nfactcheck verify / BM25 wall time, open corpus: {t_fc_open / t_bm_open:.2f}x")
    where = project.Locations(data / "claims.yaml", docs, cache=False)
    t_conf, report = best_time(lambda: project.conflicts(where), args.repeat)
    s = report.summary()  # type: ignore[attr-defined]
    print(
        f"factcheck conflicts over the same claims and documents: {t_conf:.2f} s "
        f"({t_conf / t_fc_open:.2f}x verify's time); {s['statements']} statements, "
        f"{s['conflicts']} conflicts, {s['changes']} changes over time"
    )
    if args.json:
        args.json.write_text(
            json.dumps(
                [
                    {"method": n, "mode": m, "hit@1": h[1], "hit@3": h[3], "hit@5": h[5], "seconds": s}
                    for n, m, h, s in rows
                ],
                indent=2,
            )
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
