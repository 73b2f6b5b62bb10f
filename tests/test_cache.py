"""The persistent cache: results identical to an uncached run, and only changed documents re-read.

Every test has its own cache folder (FACTCHECK_CACHE_DIR under tmp_path) and its own copy of
the documents; hits and misses are read back through ``factcheck cache info``.
"""

from __future__ import annotations

import json
import os
import pickle
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner, Result

from factcheck.cache.scratch import SCRATCH_MARK, SCRATCH_PREFIX
from factcheck.cache.seal import MAGIC
from factcheck.cli import cli
from factcheck.judges import Case
from factcheck.retrieval.parts import DocumentTerms
from factcheck.retrieval.postings import Arrays
from factcheck.verdicts import ClaimResult

ROOT = Path(__file__).resolve().parent.parent
WICE = ROOT.parent / "shared" / "bench" / "wice-dev"
OLD = 1_600_000_000  # a past mtime, so the manifest trusts the file's stat (no racy-write re-hash)


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _last_run() -> dict[str, int]:
    info = _invoke("cache", "info").stdout
    found = re.search(
        r"last run: (\d+) documents, (\d+) from the cache, (\d+) read and indexed, (\d+) hashed, "
        r"(\d+) damaged",
        info,
    )
    assert found, info
    keys = ("documents", "hits", "misses", "hashed", "damaged")
    return dict(zip(keys, map(int, found.groups()), strict=True))


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seeds and the bundled catalogue in a private folder, the cache beside them."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copy(ROOT / "claims.yaml", tmp_path / "claims.yaml")
    for path in (tmp_path / "seeds").iterdir():
        os.utime(path, (OLD, OLD))
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("FACTCHECK_CACHE_DIR", raising=False)
    for var in ("GITHUB_ACTIONS", "FACTCHECK_FORMAT"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


def _forget_verdicts(project: Path) -> None:
    """Drop the remembered verdicts, so the next run judges every claim (and reads what that needs)."""
    (project / ".factcheck" / "verdicts.json").unlink()


def _verify() -> str:
    result = _invoke("verify", "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    return result.stdout


def test_cold_warm_and_uncached_runs_print_the_same_bytes(project: Path) -> None:
    cold = _verify()
    assert _last_run() == {"documents": 5, "hits": 0, "misses": 5, "hashed": 5, "damaged": 0}
    warm = _verify()
    assert _last_run() == {"documents": 5, "hits": 5, "misses": 0, "hashed": 0, "damaged": 0}
    uncached = _invoke("verify", "--format", "json", "--no-cache").stdout
    assert cold == warm == uncached
    for fmt in ("text", "markdown", "html", "sarif", "junit", "github"):  # remembered verdicts render the same
        remembered = _invoke("verify", "--format", fmt).stdout
        afresh = _invoke("verify", "--format", fmt, "--no-cache").stdout
        how = (  # the html's note of how it was run, and when the page was made (two runs may straddle a minute);
            # JUnit's seconds
            r"<dt>--no_cache</dt><dd>True</dd>|<dt>time</dt><dd>[^<]*</dd>|\d{4}-\d\d-\d\d \d\d:\d\d UTC"
            r'| time="\d+\.\d{3}"'
        )
        assert re.sub(how, "", remembered) == re.sub(how, "", afresh), fmt
    conflicts = [_invoke("conflicts", "--format", "json", *flag).stdout for flag in ([], [], ["--no-cache"])]
    assert conflicts[0] == conflicts[1] == conflicts[2]
    assert (project / ".factcheck" / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert (project / ".factcheck" / "CACHEDIR.TAG").is_file()


def test_a_warm_run_reads_no_document(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cold = _verify()

    def refuse(path: Path, rel: str) -> bytes:
        raise AssertionError(f"read {rel}")

    monkeypatch.setattr("factcheck.cache.store._read_bytes", refuse)
    monkeypatch.setattr("factcheck.corpus.load._read_bytes", refuse)
    assert _verify() == cold


def test_a_warm_run_loads_the_saved_index_and_an_edit_updates_it(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.retrieval import bm25

    built: list[int] = []
    real_build = bm25.build

    def counting(parts: Iterable[DocumentTerms], k1: float, b: float, totals: object = None) -> Arrays:
        given = list(parts)
        built.append(len(given))
        return real_build(given, k1, b)

    monkeypatch.setattr(bm25, "build", counting)
    cold = _verify()
    assert built == [5]
    assert _verify() == cold and built == [5]  # loaded, not built
    first = sorted((project / "seeds").iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nIt added 999 detainers.\n", encoding="utf-8")
    os.utime(first, (OLD + 1, OLD + 1))
    assert _verify() == _invoke("verify", "--format", "json", "--no-cache").stdout
    assert built == [5, 5]  # the edit updated the saved index; the uncached run built one
    for path in sorted((project / "seeds").iterdir())[:3]:  # more than half changed: built again
        path.write_text(path.read_text(encoding="utf-8") + "\nIt added 998 detainers.\n", encoding="utf-8")
        os.utime(path, (OLD + 2, OLD + 2))
    assert _verify() == _invoke("verify", "--format", "json", "--no-cache").stdout
    assert built == [5, 5, 5, 5]


def test_a_warm_run_judges_no_claim_and_an_edited_claim_alone_is_judged(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from factcheck.judges.rules import RulesJudge

    judged: list[str] = []
    real_judge = RulesJudge.judge

    def counted(self: RulesJudge, cases: list[Case], *args: Any) -> list[ClaimResult]:
        judged.extend(case.claim.id for case in cases)
        return real_judge(self, cases, *args)

    monkeypatch.setattr(RulesJudge, "judge", counted)
    cold = _verify()
    claims = yaml.safe_load((project / "claims.yaml").read_text(encoding="utf-8"))["claims"]
    assert len(judged) == len(claims)
    judged.clear()
    assert _verify() == cold and judged == []  # every verdict remembered
    catalogue = (project / "claims.yaml").read_text(encoding="utf-8")
    target = next(c for c in claims if "142" in c["text"])
    edited = catalogue.replace(target["text"], target["text"].replace("142", "143"), 1)
    (project / "claims.yaml").write_text(edited, encoding="utf-8")
    assert _verify() == _invoke("verify", "--format", "json", "--no-cache").stdout
    assert judged == [target["id"]] + [c["id"] for c in claims]  # the edited claim; then the uncached run
    judged.clear()
    (project / "pyproject.toml").write_text("[tool.factcheck.thresholds]\nsupport_text = 70\n", encoding="utf-8")
    _verify()
    assert len(judged) == len(claims)  # a verdict setting: every claim again


def test_damaged_or_planted_verdicts_are_judged_again(project: Path, tmp_path: Path) -> None:
    cold = _verify()
    kept = project / ".factcheck" / "verdicts.json"
    kept.write_bytes(b"\x80\x05not a pickle")
    result = _invoke("verify", "--format", "json")
    assert re.match(r"factcheck: warning: \S*verdicts.json: cache entry damaged \(.*\); rebuilt$", result.stderr)
    assert json.loads(result.stdout)["claims"] == json.loads(cold)["claims"]
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    kept.write_bytes(pickle.dumps({"key": Planted()}))
    result = _invoke("verify", "--format", "json")
    assert not marker.exists() and "cache entry damaged (not sealed by factcheck); rebuilt" in result.stderr
    assert json.loads(result.stdout)["claims"] == json.loads(cold)["claims"]


def test_edit_add_delete_and_rename_reindex_only_those_documents(project: Path) -> None:
    seeds = project / "seeds"
    _verify()
    first = sorted(seeds.iterdir())[0]
    first.write_text(first.read_text(encoding="utf-8") + "\nThe agency reported 999 new detainers.\n", encoding="utf-8")
    os.utime(first, (OLD + 1, OLD + 1))
    assert _verify() == _invoke("verify", "--format", "json", "--no-cache").stdout
    assert _last_run() == {"documents": 5, "hits": 4, "misses": 1, "hashed": 1, "damaged": 0}

    (seeds / "extra.txt").write_text("A new page says 12 agencies joined in 2016.\n", encoding="utf-8")
    os.utime(seeds / "extra.txt", (OLD, OLD))
    assert _verify() == _invoke("verify", "--format", "json", "--no-cache").stdout
    assert _last_run()["misses"] == 1 and _last_run()["hits"] == 5

    (seeds / "extra.txt").unlink()
    assert _verify() == _invoke("verify", "--format", "json", "--no-cache").stdout
    assert _last_run() == {"documents": 5, "hits": 5, "misses": 0, "hashed": 0, "damaged": 0}

    second = sorted(seeds.iterdir())[1]
    second.rename(seeds / ("renamed-" + second.name))
    out = _verify()
    assert out == _invoke("verify", "--format", "json", "--no-cache").stdout
    assert _last_run() == {"documents": 5, "hits": 5, "misses": 0, "hashed": 1, "damaged": 0}  # same bytes: a hit
    assert f'"doc": "{second.name}"' not in out  # the renamed document is cited under its new name only
    entries = {p.stem for p in (project / ".factcheck" / "entries").glob("*/*.pkl")}
    assert len(entries) == 6  # the edited document's old entry was removed; the deleted one's is kept, as ...
    (project / "seeds" / "extra.txt").write_text("Another page.\n", encoding="utf-8")
    _verify()  # ... the index saved before this run was made from it: an update needs its parts
    now = {p.stem for p in (project / ".factcheck" / "entries").glob("*/*.pkl")}
    assert len(now) == 6 and len(entries - now) == 1 and len(now - entries) == 1  # the deleted one's is gone


def test_a_setting_of_the_index_rebuilds_and_others_do_not(project: Path) -> None:
    _verify()
    (project / "pyproject.toml").write_text("[tool.factcheck.thresholds]\nsupport_text = 70\n", encoding="utf-8")
    _verify()
    assert _last_run()["hits"] == 5  # a verdict threshold is not part of the index
    (project / "pyproject.toml").write_text("[tool.factcheck.retrieval]\ncontext = 0.3\n", encoding="utf-8")
    changed = _verify()
    assert _last_run()["misses"] == 5
    assert changed == _invoke("verify", "--format", "json", "--no-cache").stdout


def test_a_damaged_entry_or_manifest_is_reported_and_rebuilt(project: Path) -> None:
    cold = json.loads(_verify())
    _forget_verdicts(project)
    entry = sorted((project / ".factcheck" / "entries").glob("*/*.pkl"))[0]
    entry.write_bytes(b"\x80\x05not a pickle at all")
    result = _invoke("verify", "--format", "json")
    assert re.match(rf"factcheck: warning: \S*{entry.name}: cache entry damaged \(.*\); rebuilt$", result.stderr)
    assert json.loads(result.stdout)["claims"] == cold["claims"]
    assert entry.read_bytes().startswith(MAGIC)  # rewritten, sealed, when its sentences were wanted
    _forget_verdicts(project)
    assert _invoke("verify", "--format", "json").stderr == ""  # rebuilt: the next run is clean

    (project / ".factcheck" / "manifest.json").write_text("{not json", encoding="utf-8")
    result = _invoke("verify", "--format", "json")
    assert "cache manifest damaged" in result.stderr
    assert json.loads(result.stdout)["claims"] == cold["claims"]


def test_a_damaged_index_is_reported_and_rebuilt(project: Path) -> None:
    cold = json.loads(_verify())
    _forget_verdicts(project)
    postings = project / ".factcheck" / "index" / "s_ids.npy"
    postings.write_bytes(postings.read_bytes()[:100])  # truncated
    result = _invoke("verify", "--format", "json")
    assert re.match(r"factcheck: warning: \S*index: cache entry damaged \(.*\); rebuilt$", result.stderr)
    assert json.loads(result.stdout)["claims"] == cold["claims"]
    assert _invoke("verify", "--format", "json").stderr == ""


def test_an_entry_cannot_run_code(project: Path, tmp_path: Path) -> None:
    """A planted pickle naming a function is refused unread (not sealed); and were one sealed with this
    machine's key (a bug of ours), the unpickler, which refuses every class, is a second wall."""
    from factcheck.cache.seal import machine_seal
    from factcheck.cache.seal import project as project_of

    cold = json.loads(_verify())
    marker = tmp_path / "ran"

    class Planted:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, (f"touch {marker}",))

    _forget_verdicts(project)
    entry = sorted((project / ".factcheck" / "entries").glob("*/*.pkl"))[0]
    entry.write_bytes(pickle.dumps(Planted()))
    result = _invoke("verify", "--format", "json")
    assert not marker.exists()
    assert "cache entry damaged (not sealed by factcheck); rebuilt" in result.stderr
    assert json.loads(result.stdout)["claims"] == cold["claims"]

    _forget_verdicts(project)
    seal = machine_seal(project_of(project / "seeds", project / ".factcheck"))
    entry.write_bytes(seal.seal(f"entry:{entry.stem}", pickle.dumps(Planted())))
    result = _invoke("verify", "--format", "json")
    assert not marker.exists()
    assert "is not allowed in a cache entry" in result.stderr
    assert json.loads(result.stdout)["claims"] == cold["claims"]


def test_an_unusable_cache_folder_is_a_warning(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = project / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(blocker))
    result = _invoke("verify", "--format", "json")
    assert result.exit_code in (0, 1)
    assert f"factcheck: warning: {blocker}: cannot use the cache" in result.stderr
    assert (
        json.loads(result.stdout)["claims"]
        == json.loads(_invoke("verify", "--format", "json", "--no-cache").stdout)["claims"]
    )


def test_cache_clear_and_info(project: Path) -> None:
    assert _invoke("cache", "info").stdout.startswith(f"cache: {Path('.factcheck')} (none yet)")
    _verify()
    info = _invoke("cache", "info").stdout
    assert "in 5 entries" in info and "documents: 5" in info
    claims = len(yaml.safe_load((project / "claims.yaml").read_text(encoding="utf-8"))["claims"])
    assert re.search(r"^index: \d+ evidence sentences", info, re.M) and f"verdicts: {claims} remembered" in info
    (project / ".factcheck" / "keep-me.txt").write_text("not the cache's", encoding="utf-8")
    result = _invoke("cache", "clear")
    assert result.exit_code == 0 and "removed 5 cache entries" in result.stderr
    left = sorted(p.name for p in (project / ".factcheck").iterdir())  # only what it wrote; still a cache
    assert left == [".gitignore", "CACHEDIR.TAG", "keep-me.txt", "lock"]
    (project / ".factcheck" / "keep-me.txt").unlink()
    _verify()
    assert _last_run()["misses"] == 5
    assert _invoke("cache", "clear").exit_code == 0
    assert not (project / ".factcheck").exists()
    assert "no cache at" in _invoke("cache", "clear").stderr


def test_two_runs_at_once_share_the_cache(project: Path) -> None:
    """Two processes start on an empty cache: both finish with the uncached result; the cache is whole."""
    uncached = _invoke("verify", "--format", "json", "--no-cache").stdout
    env = {k: v for k, v in os.environ.items() if k not in ("FACTCHECK_CACHE_DIR", "GITHUB_ACTIONS")}
    command = [sys.executable, "-m", "factcheck", "verify", "--format", "json"]
    runs = [
        subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    outputs = [run.communicate(timeout=120) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode in (0, 1), err.decode()
        assert out.decode() == uncached
        assert b"warning" not in err
    assert _verify() == uncached
    assert _last_run()["hits"] == 5


@pytest.fixture
def wice_slice(tmp_path: Path) -> Path:
    if not (WICE / "claims-cited.yaml").is_file():
        pytest.skip(f"WiCE dev not found at {WICE} (it ships in ../shared/bench)")
    claims = yaml.safe_load((WICE / "claims-cited.yaml").read_text(encoding="utf-8"))["claims"][:40]
    (tmp_path / "docs").mkdir()
    for claim in claims:
        for src in claim["sources"]:
            shutil.copy(WICE / "docs" / src, tmp_path / "docs" / src)
    (tmp_path / "claims.yaml").write_text(yaml.safe_dump({"claims": claims}), encoding="utf-8")
    return tmp_path


def test_wice_cold_warm_and_uncached_runs_print_the_same_bytes(
    wice_slice: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(wice_slice / "cache"))
    args = ["--claims", str(wice_slice / "claims.yaml"), "--docs", str(wice_slice / "docs"), "--format", "json"]
    runs = [
        _invoke(command, *args, *flag).stdout
        for command in ("verify", "conflicts")
        for flag in ([], [], ["--no-cache"])
    ]
    assert runs[0] == runs[1] == runs[2]
    assert runs[3] == runs[4] == runs[5]
    assert json.loads(runs[0])["summary"]["claims"] == 40


def test_cached_runs_name_and_note_documents_as_uncached_runs_do(project: Path) -> None:
    """A hostile file name is shown the same way, and a reading note names the file as it is now."""
    long_line = " ".join(["Chapter one page"] * 1000)
    (project / "seeds" / "b\x1b[2Jx.txt").write_text(long_line, encoding="utf-8")
    (project / "seeds" / "toc.txt").write_text(long_line, encoding="utf-8")
    uncached = _invoke("verify", "--no-cache", "--format", "json")
    cold, warm = _invoke("verify", "--format", "json"), _invoke("verify", "--format", "json")
    assert json.loads(cold.stdout)["warnings"] == json.loads(uncached.stdout)["warnings"]
    assert json.loads(warm.stdout)["warnings"] == json.loads(uncached.stdout)["warnings"]
    assert any(w.startswith("b␛[2Jx.txt:1: a sentence of") for w in json.loads(warm.stdout)["warnings"])
    (project / "seeds" / "toc.txt").rename(project / "seeds" / "contents.txt")
    renamed = json.loads(_invoke("verify", "--format", "json").stdout)["warnings"]
    assert any(w.startswith("contents.txt:1:") for w in renamed) and not any("toc.txt" in w for w in renamed)


def test_conflicts_holds_one_documents_sentences_at_a_time(project: Path) -> None:
    from factcheck import conflicts, load_catalogue, load_corpus
    from factcheck.cache.load import load_cached
    from factcheck.settings import RetrievalSettings

    _verify()  # the entries, so that documents are read lazily from them
    corpus, _ = load_cached(project / "seeds", project / ".factcheck", RetrievalSettings().context)
    catalogue = load_catalogue(project / "claims.yaml")
    cached = conflicts(corpus, catalogue=catalogue)
    assert corpus.documents and not any(doc.loaded for doc in corpus.documents)  # each let go after its turn
    uncached = conflicts(load_corpus(project / "seeds"), catalogue=load_catalogue(project / "claims.yaml"))
    assert cached.groups == uncached.groups and cached.groups


def test_copies_of_known_documents_are_read_lazily_from_their_entries(project: Path) -> None:
    """A file the manifest does not know, whose bytes another file's entry holds (a copy, or an archive
    read in batches), is a hit whose sentences and parts are read only when wanted."""
    from factcheck.cache.load import load_cached
    from factcheck.settings import RetrievalSettings

    seeds = project / "seeds"
    _verify()
    for path in sorted(seeds.iterdir()):
        shutil.copy(path, seeds / f"copy-{path.name}")
        os.utime(seeds / f"copy-{path.name}", (OLD, OLD))
    corpus, _ = load_cached(seeds, project / ".factcheck", RetrievalSettings().context)
    assert len(corpus.documents) == 10 and not any(doc.loaded for doc in corpus.documents)
    _forget_verdicts(project)
    assert _verify() == _invoke("verify", "--format", "json", "--no-cache").stdout
    assert _last_run() == {"documents": 10, "hits": 10, "misses": 0, "hashed": 0, "damaged": 0}


def test_no_cache_holds_documents_in_a_folder_of_its_own_removed_after(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gc
    import tempfile

    from factcheck import project as project_module

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    cached = _verify()
    shutil.rmtree(project / ".factcheck")
    assert _invoke("verify", "--format", "json", "--no-cache").stdout == cached
    assert not (project / ".factcheck").exists() and list(scratch.iterdir()) == []

    where = project_module.Locations(project / "claims.yaml", project / "seeds", cache=False)
    corpus = project_module.read_corpus(None, where).corpus
    assert len(list(scratch.iterdir())) == 1 and not any(doc.loaded for doc in corpus.documents)
    assert corpus.documents[0].sentences  # read from the folder when wanted
    del corpus
    gc.collect()
    assert list(scratch.iterdir()) == [] and not (project / ".factcheck").exists()


def test_no_cache_without_a_temporary_folder_reads_into_memory(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    first = _invoke("verify", "--format", "json")
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    result = _invoke("verify", "--format", "json", "--no-cache")
    assert result.exit_code == first.exit_code == 0
    assert re.fullmatch(
        r"factcheck: warning: \S*missing: cannot hold the documents there \(.*\); reading them into memory\n",
        result.stderr,
    ), result.stderr
    assert json.loads(result.stdout)["claims"] == json.loads(first.stdout)["claims"]


def test_no_cache_sweeps_folders_of_killed_runs_only(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A run killed with SIGKILL or SIGTERM leaves its folder: the next --no-cache run removes it, and
    nothing that is not a factcheck folder of a process no longer running."""
    import tempfile

    scratch = tmp_path / "tmp"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    folders = {
        "killed": scratch / f"{SCRATCH_PREFIX}{dead.stdout.strip()}-abc",
        "running": scratch / f"{SCRATCH_PREFIX}{os.getpid()}-abc",
        "unmarked": scratch / f"{SCRATCH_PREFIX}{dead.stdout.strip()}-def",
        "recent": scratch / f"{SCRATCH_PREFIX}{dead.stdout.strip()}-ghi",
    }
    for name, folder in folders.items():
        (folder / "entries").mkdir(parents=True)
        if name != "unmarked":
            (folder / SCRATCH_MARK).write_bytes(b"")
        if name != "recent":
            os.utime(folder, (OLD, OLD))
    assert _invoke("verify", "--format", "json", "--no-cache").exit_code == 0
    assert sorted(p.name for p in scratch.iterdir()) == sorted(
        folders[n].name for n in ("running", "unmarked", "recent")
    )


@pytest.mark.skipif(not hasattr(os, "fork"), reason="forks")
def test_a_forked_worker_letting_go_of_the_corpus_leaves_the_folder(project: Path) -> None:
    import gc

    from factcheck import project as project_module

    where = project_module.Locations(project / "claims.yaml", project / "seeds", cache=False)
    read = project_module.read_corpus(None, where)
    corpus = read.corpus
    folder = read.store.folder  # type: ignore[union-attr]
    del read
    pid = os.fork()
    if pid == 0:  # the child drops its copy, as a worker that ended would
        del corpus
        gc.collect()
        os._exit(0 if folder.is_dir() else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0 and folder.is_dir()
    assert corpus.documents[0].sentences  # still read from it
    del corpus
    gc.collect()
    assert not folder.exists()
