"""`verify` at scale: cold, warm and one-document-changed runs through the cache, beside bm25s.

Usage:
    apt-get install python3.11-doc postgresql-doc-15 git-doc debian-handbook
    pip install -e '.[bench]'
    python bench/scale.py [--sentences 50000,200000,1000000] [--json out.json]

The corpus (``bench/corpus.py`` ``archive``) is the 349 WiCE dev pages (41,700 sentences)
and then Debian's documentation (Python 3.11, PostgreSQL 15, git, the Debian handbook:
2,033 pages, 259k sentences, read as text once), repeated under new names once it runs
out, up to the size asked; the catalogue is the 349 WiCE claims, open corpus. Each run is
its own process; its time is ``project.verify`` (reading, splitting, indexing, judging
every claim), its memory the process's peak RSS.

* ``no cache``: ``--no-cache``, as before the cache;
* ``cold``: an empty cache (every document read, split, indexed, and stored);
* ``warm``: nothing changed (no document read, no claim judged: the verdicts are remembered);
* ``warm judged``: nothing changed, the remembered verdicts dropped: the saved index is
  loaded and every claim searched and judged (what a run costs when every claim changed);
* ``1 changed``: one document edited (a sentence appended) since the warm run: the saved index
  is updated in place and every claim judged again (the statistics changed);
* ``1 changed (no cache)``: the same edited corpus read afresh, whose results the updated
  index's must equal (after ``1 changed``).

Peak RSS is this process's; "workers'" the largest of its worker processes (reading documents
when many are new, judging claims when many need it), which share the index's pages with it.

hit@1/hit@5: the WiCE gold sentence found among the results. bm25s: tokenising, indexing
and retrieving the same sentences (one per line).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import corpus as gen  # noqa: E402

PAST = 1_600_000_000  # generated files get an old mtime, as a real archive's would have
MODES = ("no cache", "cold", "warm", "warm judged", "1 changed", "1 changed (no cache)")


def _peak_mb(who: int = resource.RUSAGE_SELF) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: KiB


def _gold(ranked: dict[str, list[tuple[str, int]]]) -> dict[str, float]:
    gold = json.loads((gen.WICE_CLAIMS.parent / "gold.json").read_text())
    counted = [cid for cid, g in gold.items() if g["lines"]]
    out = {}
    for k in (1, 5):
        hit = sum(
            1
            for cid in counted
            if any(
                doc.split("-", 1)[1] == gold[cid]["doc"] and line in gold[cid]["lines"]
                for doc, line in ranked.get(cid, [])[:k]
            )
        )
        out[f"hit@{k}"] = hit / len(counted)
    return out


def one_factcheck(docs: Path, mode: str) -> dict[str, object]:
    """In this process: one ``project.verify`` run; its time, peak memory, hit@k and a digest of the results."""
    import hashlib

    from factcheck import project

    start = time.perf_counter()
    report = project.verify(project.Locations(gen.WICE_CLAIMS, docs, cache="no cache" not in mode), top=5)
    seconds = time.perf_counter() - start
    ranked = {r.claim.id: [(e.doc, e.line) for e in r.evidence] for r in report.results}
    digest = hashlib.sha256(
        json.dumps(
            [(r.claim.id, r.verdict, [(e.doc, e.line, e.score) for e in r.evidence]) for r in report.results]
        ).encode()
    ).hexdigest()[:12]
    sentences = None
    if mode == "warm":  # the cache's count of this run (reading every document would change the peak)
        from factcheck.cache import manifest, seal

        cache = Path(os.environ["FACTCHECK_CACHE_DIR"])
        kept = manifest.load(cache / "manifest.json", seal.machine_seal(seal.project(docs, cache)))  # sealed
        sentences = kept["last_run"]["sentences"] if kept else None
    return {
        "seconds": seconds,
        "peak_mb": _peak_mb(),
        "workers_mb": _peak_mb(resource.RUSAGE_CHILDREN),  # the largest of the processes that judged or read
        "digest": digest,
        "sentences": sentences,
        **_gold(ranked),
    }


def one_bm25(docs: Path) -> dict[str, object]:
    import bm25s
    import yaml

    claims = yaml.safe_load(gen.WICE_CLAIMS.read_text())["claims"]
    start = time.perf_counter()
    sentences, where = gen.page_sentences(docs)
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(sentences, stopwords="en", show_progress=False), show_progress=False)
    queries = bm25s.tokenize([c["text"] for c in claims], stopwords="en", show_progress=False)
    ids, _ = retriever.retrieve(queries, k=5, show_progress=False, n_threads=1)
    seconds = time.perf_counter() - start
    ranked = {c["id"]: [where[i] for i in row] for c, row in zip(claims, ids, strict=True)}
    return {"seconds": seconds, "peak_mb": _peak_mb(), **_gold(ranked)}


def _child(docs: Path, mode: str, cache: Path) -> dict[str, object]:
    result: dict[str, object] = gen.in_child(
        __file__, [str(docs), mode], dict(os.environ, FACTCHECK_CACHE_DIR=str(cache))
    )
    return result


def measure(sentences: int, modes: tuple[str, ...], bm25: bool = True) -> dict[str, dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        docs, cache = Path(tmp) / "docs", Path(tmp) / "cache"
        gen.archive(docs, sentences)
        for path in docs.iterdir():
            os.utime(path, (PAST, PAST))
        out: dict[str, dict[str, object]] = {}
        for mode in modes:
            if mode == "warm judged":
                (cache / "verdicts.json").unlink(missing_ok=True)
            if mode == "1 changed":
                page = sorted(docs.iterdir())[len(list(docs.iterdir())) // 2]
                with page.open("a", encoding="utf-8") as fh:
                    fh.write("\nThis page was edited to say 17 new things.\n")
            out[mode] = _child(docs, mode, cache)
            print(f"  {sentences} sentences, {mode}: {out[mode]}", file=sys.stderr)
        if bm25:
            out["bm25s"] = _child(docs, "bm25s", cache)
        out["corpus_mb"] = {"mb": gen.corpus_bytes(docs) / 1e6}
        out["cache_mb"] = {"mb": sum(p.stat().st_size for p in cache.rglob("*") if p.is_file()) / 1e6}
    return out


def table(rows: dict[int, dict[str, dict[str, object]]]) -> str:
    lines = [
        "| asked | sentences | corpus (MB) | cache (MB) | run | time (s) | peak RSS (MB) | workers' (MB) "
        "| hit@1 | hit@5 |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for asked, r in rows.items():
        sentences = r.get("warm", {}).get("sentences") or ""
        for mode in (*MODES, "bm25s"):
            if mode not in r:
                continue
            m = r[mode]
            sizes = f"{r['corpus_mb']['mb']:.0f} | {r['cache_mb']['mb']:.0f}"
            workers = f"{m['workers_mb']:.0f}" if m.get("workers_mb") else ""
            figures = f"{m['seconds']:.2f} | {m['peak_mb']:.0f} | {workers} | {m['hit@1']:.3f} | {m['hit@5']:.3f}"
            lines.append(f"| {asked} | {sentences} | {sizes} | {mode} | {figures} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--one", nargs=2, metavar=("DOCS", "MODE"), help=argparse.SUPPRESS)
    parser.add_argument("--sentences", default="50000,200000,1000000", help="corpus sizes, in sentences")
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--no-bm25s", action="store_true", help="leave bm25s out (11 minutes at 5M)")
    args = parser.parse_args()
    if args.one:
        docs, mode = Path(args.one[0]), args.one[1]
        print(json.dumps(one_bm25(docs) if mode == "bm25s" else one_factcheck(docs, mode)))
        return 0
    modes = tuple(args.modes.split(","))
    rows = {int(n): measure(int(n), modes, not args.no_bm25s) for n in args.sentences.split(",")}
    print(table(rows))
    same = {n: {r[m]["digest"] for m in MODES if m in r and "changed" not in m} for n, r in rows.items()}
    print("\nresults identical across no cache / cold / warm / warm judged:", all(len(d) == 1 for d in same.values()))
    changed = {n: {r[m]["digest"] for m in MODES if m in r and "changed" in m} for n, r in rows.items()}
    print("results identical, one document changed, updated / no cache:", all(len(d) == 1 for d in changed.values()))
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
