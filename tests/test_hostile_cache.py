"""Issue 21, the cache: a cache that trusts nothing it did not write itself on this machine.

Each attack is tried as a pull request would try it, through the command line, over a temporary
project: a committed ``.factcheck`` that is a link, links inside it, ``FACTCHECK_CACHE_DIR``
naming a folder of the user's, forged verdicts and index arrays, nesting, a racy edit, a full
disk, a read-only cache, no key. Beside the project lies a decoy folder shaped like a cache;
every test checks, by a checksum of each of its files, that nothing of it was read into the
output, rewritten or removed. Results must equal ``--no-cache``'s, with the exact exit code.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, settings

from factcheck.cache.seal import HEADER, Seal, machine_seal, project
from factcheck.cli import cli
from factcheck.retrieval import saved
from tests.fuzz import cache_targets

OLD = 1_600_000_000  # a past mtime: the manifest trusts the file's stat
DOCS = {
    "a.txt": "The program had 142 partner agencies in 2019.\nThe city opened 3 new libraries last year.\n",
    "b.txt": "The budget was 12 million dollars.\n",
}
CLAIMS = """documents: docs
claims:
  - id: wrong
    text: The program had 150 partner agencies in 2019.
  - id: right
    text: The city opened 3 new libraries last year.
"""
WARNING = re.compile(r"factcheck: warning: [^\n]*\n")


@dataclass
class Site:
    project: Path
    decoy: Path
    uncached: str  # verify --format json --no-cache


def _invoke(*args: str) -> Result:
    return CliRunner().invoke(cli, list(args), catch_exceptions=False)


def _verify() -> Result:
    return _invoke("verify", "--format", "json")


def _make_project(folder: Path) -> None:
    (folder / "docs").mkdir(parents=True)
    for name, text in DOCS.items():
        (folder / "docs" / name).write_text(text, encoding="utf-8")
        os.utime(folder / "docs" / name, (OLD, OLD))
    (folder / "claims.yaml").write_text(CLAIMS, encoding="utf-8")


def _make_decoy(folder: Path) -> None:
    """A folder of the user's, shaped like a cache (but without factcheck's tag): none of it may change."""
    files = {
        "index/important.txt": "the user's notes",
        "manifest.json": '{"format": 5, "files": {}}',
        "verdicts.json": "{}",
        "lock": "",
        f"entries/ab/ab{'0' * 62}.pkl": "not an entry",
        "entries/ab/kept.txt": "kept",
        "secret.txt": "The program had 150 partner agencies in 2019.",
    }
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")


def checksums(folder: Path) -> dict[str, str]:
    """Every file, folder and link under ``folder`` (links not followed): its content's digest, mode and mtime."""
    out = {}
    for here, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(here) / name
            st = path.lstat()
            rel = path.relative_to(folder).as_posix()
            if stat.S_ISLNK(st.st_mode):
                out[rel] = f"link {os.readlink(path)}"
            elif stat.S_ISDIR(st.st_mode):
                out[rel] = f"folder {st.st_mode:o}"
            else:
                out[rel] = f"{hashlib.sha256(path.read_bytes()).hexdigest()} {st.st_mode:o} {st.st_mtime_ns}"
    return out


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    """A project (tmp/project: claims.yaml, docs/) and a decoy beside it (tmp/decoy), checked after the test."""
    for var in ("FACTCHECK_CACHE_DIR", "GITHUB_ACTIONS", "FACTCHECK_FORMAT"):
        monkeypatch.delenv(var, raising=False)
    _make_project(tmp_path / "project")
    _make_decoy(tmp_path / "decoy")
    monkeypatch.chdir(tmp_path / "project")
    before = checksums(tmp_path / "decoy")
    uncached = _invoke("verify", "--format", "json", "--no-cache")
    assert uncached.exit_code == 1 and uncached.stderr == ""  # one claim contradicted
    yield Site(tmp_path / "project", tmp_path / "decoy", uncached.stdout)
    assert checksums(tmp_path / "decoy") == before, "a file outside the project was touched"


def _cold(site: Site) -> Path:
    """A cold run: the cache made, and the run's output the uncached one."""
    result = _verify()
    assert (result.exit_code, result.stdout, result.stderr) == (1, site.uncached, "")
    return site.project / ".factcheck"


def _as_uncached(result: Result, site: Site) -> None:
    """The run's exit code and results are the uncached run's (1: a claim contradicted)."""
    _same(result.exit_code, result.stdout, 1, site.uncached)


def _same(exit_code: int, stdout: str, expected_code: int, expected: str) -> None:
    """The same exit code and the same JSON report, but for the run's warnings (they are in the JSON too)."""
    assert exit_code == expected_code
    assert {**json.loads(stdout), "warnings": []} == {**json.loads(expected), "warnings": []}


def _verdict(result: Result, claim: str) -> str:
    return next(c["verdict"] for c in json.loads(result.stdout)["claims"] if c["id"] == claim)


def _one_warning(result: Result, pattern: str) -> None:
    """The run's stderr is one warning, matching ``pattern``; no traceback."""
    assert WARNING.fullmatch(result.stderr), result.stderr
    assert re.search(pattern, result.stderr), result.stderr


def _entry(cache: Path) -> Path:
    return sorted((cache / "entries").glob("*/*.pkl"))[0]


def _reseal_index(index: Path) -> None:
    """Seal the index again with this machine's key: as if a bug of ours had written the values (the range
    checks are the wall then)."""
    seal = machine_seal(project(Path("docs"), Path(".factcheck")))
    (index / saved.SEAL).write_bytes(seal.stamp(saved.PURPOSE, saved._stream(saved._open_all(index))))


# ------------------------------------------------------------------ links and folders of others


def test_a_committed_cache_folder_that_is_a_link_is_never_followed(site: Site) -> None:
    (site.project / ".factcheck").symlink_to(site.decoy, target_is_directory=True)
    result = _verify()
    _as_uncached(result, site)
    _one_warning(result, r"^factcheck: warning: \.factcheck: the cache folder is a symbolic link, not followed")
    assert "every document read without the cache" in result.stderr
    cleared = _invoke("cache", "clear")
    assert (cleared.exit_code, cleared.stdout) == (2, "")
    assert cleared.stderr == (
        "factcheck: error: .factcheck: the cache folder is a symbolic link, not followed; nothing removed "
        "(remove the link)\n"
    )
    info = _invoke("cache", "info")
    assert info.exit_code == 0 and "not used" in info.stdout


@pytest.mark.parametrize(
    "inside",
    ["entries", "index", "entries/{ab}", "entries/{ab}/{entry}", "manifest.json", "verdicts.json", "lock", "fifo"],
)
def test_a_link_inside_the_cache_is_refused_and_nothing_outside_touched(site: Site, inside: str) -> None:
    cache = _cold(site)
    entry = _entry(cache)
    where = cache / inside.format(ab=entry.parent.name, entry=entry.name)
    if inside == "fifo":
        where = entry
        entry.unlink()
        os.mkfifo(where)  # read, it would block forever
    else:
        target = site.decoy / ("index" if where.is_dir() else "secret.txt")
        if where.is_dir():
            shutil.rmtree(where)
        else:
            where.unlink()
        where.symlink_to(target)
    kind = "neither a file nor a folder" if inside == "fifo" else "a symbolic link"
    shown = where.relative_to(site.project)
    result = _verify()
    _as_uncached(result, site)
    _one_warning(result, rf"^factcheck: warning: {re.escape(str(shown))}: {kind} inside the cache, not followed")
    cleared = _invoke("cache", "clear")
    assert (cleared.exit_code, cleared.stdout) == (2, "")
    told = f"factcheck: error: {shown}: {kind} inside the cache, not followed; nothing removed (remove it)\n"
    assert cleared.stderr == told
    assert os.path.lexists(where) and (cache / "CACHEDIR.TAG").exists()  # nothing removed


def test_cache_dir_naming_a_folder_of_the_users_is_neither_written_nor_cleared(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(site.decoy))
    result = _verify()
    _as_uncached(result, site)
    _one_warning(result, r"not a factcheck cache \(no CACHEDIR.TAG of factcheck's\), and not empty")
    cleared = _invoke("cache", "clear")
    assert (cleared.exit_code, cleared.stdout) == (2, "")
    assert cleared.stderr == (
        f"factcheck: error: {site.decoy}: not a factcheck cache (no CACHEDIR.TAG of factcheck's), and not empty; "
        "nothing removed (a folder of yours? point FACTCHECK_CACHE_DIR at a new or empty one)\n"
    )
    assert _invoke("cache", "info").exit_code == 0


def test_cache_clear_removes_what_the_cache_wrote_nothing_else_and_counts_it(
    site: Site, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The README's promise: ``cache clear`` removes what the cache wrote, nothing else, and says how many."""
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(empty))  # an empty folder: the cache's to make
    _cold(site)
    entry = _entry(empty)
    mine = {
        "notes.txt": "mine",
        "index/extra.txt": "mine",
        f"entries/{entry.parent.name}/notes.txt": "mine",
        "entries/zz/mine.pkl": "mine",
        "entries/ab/ab.pkl": "mine",
    }
    for name, text in mine.items():
        (empty / name).parent.mkdir(parents=True, exist_ok=True)
        (empty / name).write_text(text, encoding="utf-8")
    kept = checksums(empty)
    cleared = _invoke("cache", "clear")
    assert (cleared.exit_code, cleared.stdout) == (0, "")
    assert cleared.stderr == f"factcheck: removed {len(DOCS)} cache entries from {empty}\n"
    left = checksums(empty)
    folders = ["index", "entries", f"entries/{entry.parent.name}", "entries/zz", "entries/ab"]
    marks = [".gitignore", "CACHEDIR.TAG", "lock"]  # still a cache: it holds files of others
    assert sorted(left) == sorted([*mine, *folders, *marks])
    assert all(left[name] == kept[name] for name in mine)
    for name in mine:
        (empty / name).unlink()
    (empty / "entries" / "zz").rmdir()  # the user's folder ("zz" is no entries' folder name)
    again = _invoke("cache", "clear")
    assert (again.exit_code, again.stderr) == (0, f"factcheck: removed 0 cache entries from {empty}\n")
    assert not empty.exists()  # nothing of others left: the folder the cache made is gone too


def _read_only(folder: Path, command: list[str]) -> subprocess.CompletedProcess[str]:
    """``command`` run with ``folder`` read-only: a read-only bind mount of its own (root, whom permissions do
    not stop), else permissions."""
    if os.geteuid() == 0:
        if shutil.which("unshare") is None:
            pytest.skip("root without unshare: no way to make a folder read-only")
        script = 'mount --bind -o ro "$1" "$1" && shift && exec "$@"'
        return subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(folder), *command], **_RUN)
    modes = {p: p.stat().st_mode for p in [folder, *folder.rglob("*")] if p.is_dir()}
    for p in modes:
        p.chmod(0o555)
    try:
        return subprocess.run(command, **_RUN)
    finally:
        for p, mode in modes.items():
            p.chmod(mode)


_RUN: dict = {"capture_output": True, "text": True, "timeout": 120}
FACTCHECK = [sys.executable, "-m", "factcheck"]


def test_a_read_only_cache_is_a_warning_for_verify_and_one_line_for_clear(site: Site) -> None:
    cache = _cold(site)
    (site.project / "docs" / "b.txt").write_text("The budget was 13 million dollars.\n", encoding="utf-8")
    uncached = _invoke("verify", "--format", "json", "--no-cache").stdout
    run = _read_only(cache, [*FACTCHECK, "verify", "--format", "json"])
    _same(run.returncode, run.stdout, 1, uncached)
    assert re.fullmatch(
        r"factcheck: warning: \.factcheck: cannot use the cache \(.*\); reading every document\n", run.stderr
    )
    before = checksums(cache)
    cleared = _read_only(cache, [*FACTCHECK, "cache", "clear"])
    assert (cleared.returncode, cleared.stdout) == (2, "")
    assert re.fullmatch(
        r"factcheck: error: \.factcheck: cannot clear the cache: \S+: (Read-only file system|Permission denied) "
        r"\(\d+ cache entries removed before; check the folder's permissions\)\n",
        cleared.stderr,
    ), cleared.stderr
    assert checksums(cache) == before


# ------------------------------------------------------------------ forged files


def _clone(source: Path, target: Path) -> Path:
    """The project as a pull request's checkout would have it: a new path, every file with a new mtime."""
    shutil.copytree(source, target, copy_function=shutil.copy, symlinks=True)
    return target


def test_forged_verdicts_are_not_believed_even_committed(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = _cold(site)
    kept = cache / "verdicts.json"
    sealed = kept.read_bytes()
    body = sealed[HEADER:]
    forged = body.replace(b'"contradicted"', b'"supported"')
    assert forged != body and json.loads(forged)  # well-formed: only the seal tells it apart
    attempts = {
        "unsealed": forged,
        "our header kept": sealed[:HEADER] + forged,
        "sealed with another key": Seal.ephemeral().seal("verdicts", forged),
        "a pickle of a supported verdict": pickle.dumps({"x": ["supported", [], [], None]}),
    }
    for n, (how, data) in enumerate(attempts.items()):
        clone = _clone(site.project, tmp_path / f"pull-{n}")
        (clone / ".factcheck" / "verdicts.json").write_bytes(data)
        monkeypatch.chdir(clone)
        result = _verify()
        assert result.exit_code == 1, how
        assert _verdict(result, "wrong") == "contradicted", how
        _as_uncached(result, site)
        _one_warning(result, r"verdicts\.json: (cache entry damaged \((not sealed|its seal)|sealed with another key)")


def test_a_cache_made_on_another_machine_is_rebuilt_with_one_warning(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The attacker builds a whole cache on their machine (their key), forges its verdicts under their key,
    and commits it: every file is sealed with another key, told once, and rebuilt."""
    ours = os.environ["XDG_CACHE_HOME"]
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "attacker-home"))
    cache = _cold(site)
    attacker = machine_seal(project(Path("docs"), cache))
    verdicts = json.loads(bytes(attacker.open("verdicts", (cache / "verdicts.json").read_bytes())))
    for result in verdicts["verdicts"].values():
        result[0] = "supported"
    (cache / "verdicts.json").write_bytes(attacker.seal("verdicts", json.dumps(verdicts).encode()))
    forged = _verify()
    assert (forged.exit_code, _verdict(forged, "wrong")) == (0, "supported")  # their own machine believes them
    monkeypatch.setenv("XDG_CACHE_HOME", ours)
    clone = _clone(site.project, tmp_path / "pull")
    monkeypatch.chdir(clone)
    result = _verify()
    _as_uncached(result, site)
    _one_warning(result, r"sealed with another key \(another machine's or user's\); this and every other file of the")
    again = _verify()
    assert (again.exit_code, again.stdout, again.stderr) == (1, site.uncached, "")


@pytest.mark.parametrize("forgery", ["nan norms", "reversed starts", "ids out of range", "negative lengths"])
def test_index_arrays_with_wrong_values_are_not_searched(site: Site, forgery: str) -> None:
    cache = _cold(site)
    index = cache / "index"
    (cache / "verdicts.json").unlink()  # judged again: the index is wanted
    name, change = {
        "nan norms": ("s_norm", lambda a: np.full_like(a, np.nan)),
        "reversed starts": ("s_starts", lambda a: np.concatenate([a[:1], a[1:-1][::-1], a[-1:]])),
        "ids out of range": ("s_ids", lambda a: np.full_like(a, np.iinfo(a.dtype).max)),
        "negative lengths": ("s_lengths", lambda a: -a),
    }[forgery]
    path = index / f"{name}.npy"
    np.save(path, change(np.load(path)), allow_pickle=False)
    result = _verify()  # as committed: the seal does not verify
    _as_uncached(result, site)
    _one_warning(result, r"index: cache entry damaged \(its seal does not verify: edited or planted\); rebuilt")

    (cache / "verdicts.json").unlink()
    np.save(path, change(np.load(path)), allow_pickle=False)
    _reseal_index(index)  # as if our own code had written them: the range checks stop them
    result = _verify()
    _as_uncached(result, site)
    reason = {
        "nan norms": "weights are not finite",
        "reversed starts": "postings' starts go back",
        "ids out of range": "postings name items there are not",
        "negative lengths": "counts out of range",
    }[forgery]
    _one_warning(result, rf"index: cache entry damaged \({reason}\); rebuilt")
    (cache / "verdicts.json").unlink()
    clean = _verify()
    assert (clean.exit_code, clean.stdout, clean.stderr) == (1, site.uncached, "")


def test_deeply_nested_or_shared_files_are_refused_at_once(site: Site) -> None:
    cache = _cold(site)
    seal = machine_seal(project(Path("docs"), cache))
    nested = b"[" * 100_000 + b"]" * 100_000
    shared: list = []
    for _ in range(60):
        shared = [shared, shared]
    bomb = pickle.dumps(shared)  # 60 levels of shared references: 2**60 leaves if walked
    assert len(bomb) < 20_000
    attempts = [
        ("manifest.json", nested, "cache manifest damaged \\(not sealed by factcheck\\)"),
        ("manifest.json", seal.seal("manifest", nested), "cache manifest damaged \\(nested too deeply\\)"),
        ("verdicts.json", bomb, "cache entry damaged \\(not sealed by factcheck\\)"),
        ("verdicts.json", seal.seal("verdicts", nested), "cache entry damaged \\(nested too deeply\\)"),
        (
            "verdicts.json",
            seal.seal("verdicts", b'{"format": 2, "shared": [], "verdicts": {"x": []}}'),
            "not a mapping of digests",
        ),
    ]
    for name, data, pattern in attempts:
        (cache / name).write_bytes(data)
        started = time.perf_counter()
        result = _verify()
        assert time.perf_counter() - started < 20
        _as_uncached(result, site)
        assert re.search(pattern, result.stderr), result.stderr
        assert "Traceback" not in result.stderr
        info = _invoke("cache", "info")
        assert info.exit_code == 0

    # sealed by us, well-formed but for each kept result nesting past the bound, or a reference to nothing:
    # every claim judged again, quietly (a kept result that does not decode is judged anew)
    kept = json.loads(bytes(seal.open("verdicts", (cache / "verdicts.json").read_bytes())))
    for n, key in enumerate(kept["verdicts"]):
        kept["verdicts"][key] = [[[[[[[[[[[[[[[0]]]]]]]]]]]]]]] if n % 2 else ["supported", [{"^": 10**9}], [], None]
    (cache / "verdicts.json").write_bytes(seal.seal("verdicts", json.dumps(kept).encode()))
    result = _verify()
    _as_uncached(result, site)
    assert result.stderr == ""


def test_a_planted_entry_under_another_entrys_name_is_refused(site: Site) -> None:
    """An entry of this machine's, copied under another entry's name (the seal is bound to the name)."""
    cache = _cold(site)
    first, second = sorted((cache / "entries").glob("*/*.pkl"))[:2]
    second.write_bytes(first.read_bytes())
    (cache / "verdicts.json").unlink()
    (cache / "index" / saved.SEAL).unlink()
    result = _verify()
    _as_uncached(result, site)
    told = f"{second.relative_to(site.project)}: cache entry damaged (its seal does not verify: edited or planted)"
    assert f"factcheck: warning: {told}; rebuilt\n" in result.stderr


# ------------------------------------------------------------------ stats, disks and keys


def test_an_edit_keeping_size_and_mtime_is_seen(site: Site) -> None:
    """Git's racy case: the edit moves neither size nor mtime (restored, or in the same tick): the ctime it
    moves, and the mtime not older than the manifest, make the file hashed, not trusted."""
    _cold(site)
    page = site.project / "docs" / "a.txt"
    edited = page.read_text(encoding="utf-8").replace("142", "150")
    assert len(edited) == len(page.read_text(encoding="utf-8"))
    page.write_text(edited, encoding="utf-8")
    os.utime(page, (OLD, OLD))  # size and mtime as the manifest recorded them
    result = _verify()
    assert (result.exit_code, _verdict(result, "wrong")) == (0, "supported")
    assert result.stdout == _invoke("verify", "--format", "json", "--no-cache").stdout

    future = time.time() + 3600  # not older than the manifest: hashed at every run, whatever its stat
    os.utime(page, (future, future))
    for _ in range(2):
        _verify()
        assert re.search(r"\b1 hashed\b", _invoke("cache", "info").stdout)


def _full_disk(cache: Path, command: list[str]) -> subprocess.CompletedProcess[str]:
    """``command`` with ``cache`` on a full disk: a 64 KiB tmpfs of its own (root), else a file size limit
    (writes past 16 KiB fail, as on a full disk)."""
    cache.mkdir()
    env = {**os.environ, "FACTCHECK_CACHE_DIR": str(cache)}
    if os.geteuid() == 0 and shutil.which("unshare"):
        script = 'mount -t tmpfs -o size=64k tmpfs "$1" && shift && exec "$@"'
        return subprocess.run(["unshare", "-m", "sh", "-c", script, "sh", str(cache), *command], env=env, **_RUN)

    def limit() -> None:
        import resource

        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (16 * 1024, 16 * 1024))

    return subprocess.run(command, env=env, preexec_fn=limit, **_RUN)


def test_a_full_disk_while_writing_the_cache_is_a_warning(site: Site, tmp_path: Path) -> None:
    big = " ".join(f"Page {n} says the program had {n} partner agencies." for n in range(3000))
    (site.project / "docs" / "c.txt").write_text(big, encoding="utf-8")
    uncached = _invoke("verify", "--format", "json", "--no-cache")
    run = _full_disk(tmp_path / "full", [*FACTCHECK, "verify", "--format", "json"])
    _same(run.returncode, run.stdout, uncached.exit_code, uncached.stdout)
    assert "Traceback" not in run.stderr
    assert re.search(r"cannot (write to|update|save)[^\n]*\((No space left on device|File too large)\)", run.stderr)
    assert all(line.startswith("factcheck: warning: ") for line in run.stderr.splitlines())


def test_no_key_of_the_users_own_means_no_cache(site: Site, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (site.project / ".git").mkdir()  # a checkout: what it holds, a pull request wrote
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    for home, pattern in (
        (blocker / "cache", r"cannot keep the cache's key there \(Not a directory\)"),
        (site.project / "home", r"the cache's key would be kept inside the project"),  # in the repository
        (site.project / "docs" / "home", r"the cache's key would be kept inside the project"),
    ):
        monkeypatch.setenv("XDG_CACHE_HOME", str(home))
        result = _verify()
        _as_uncached(result, site)
        _one_warning(result, pattern + r".*; every document read without the cache$")
        assert not (site.project / ".factcheck").exists() and not home.exists()
    loose = tmp_path / "loose"
    (loose / "factcheck").mkdir(parents=True)
    (loose / "factcheck" / "key").write_bytes(b"k" * 32)
    (loose / "factcheck" / "key").chmod(0o644)
    monkeypatch.setenv("XDG_CACHE_HOME", str(loose))
    result = _verify()
    _as_uncached(result, site)
    _one_warning(result, r"others may read the key's file; remove it")
    (loose / "factcheck" / "key").unlink()
    (loose / "factcheck" / "key").symlink_to(site.decoy / "secret.txt")  # a key someone else chose
    result = _verify()
    _as_uncached(result, site)
    _one_warning(result, r"the key is a symbolic link; remove it")


def test_a_new_key_is_the_users_alone(site: Site, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "fresh"))
    _cold(site)
    key = tmp_path / "fresh" / "factcheck" / "key"
    assert key.stat().st_size == 32 and stat.S_IMODE(key.stat().st_mode) == 0o600
    assert stat.S_IMODE(key.parent.stat().st_mode) == 0o700
    assert key.read_bytes() not in b"".join(
        p.read_bytes() for p in (site.project / ".factcheck").rglob("*") if p.is_file()
    )


# ------------------------------------------------------------------ the README's figure


def test_the_cache_is_the_size_the_readme_says(
    wice_slice: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/bounds.md's "about Nx the documents' text", measured on a WiCE slice (files' bytes, cache over text)."""
    page = (Path(__file__).resolve().parent.parent / "docs" / "bounds.md").read_text(encoding="utf-8")
    stated = re.search(r"It takes \*\*about\s+(\d+)x\s+the\s+documents'\s+text\*\*", page)
    assert stated, "docs/bounds.md states the cache's size"
    monkeypatch.setenv("FACTCHECK_CACHE_DIR", str(tmp_path / "cache"))
    args = ["--claims", str(wice_slice / "claims.yaml"), "--docs", str(wice_slice / "docs"), "--format", "json"]
    assert _invoke("verify", *args).exit_code in (0, 1)

    def size(folder: Path) -> int:
        return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())

    ratio = size(tmp_path / "cache") / size(wice_slice / "docs")
    assert 0.7 * int(stated.group(1)) <= ratio <= 1.3 * int(stated.group(1)), ratio


# ------------------------------------------------------------------ the fuzzer's target, briefly


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cache_targets.cache_files())
def test_every_cache_reader_reads_or_says_damaged(given: tuple[str, bytes, bool]) -> None:
    """The fuzzer's cache-loader target (``python -m tests.fuzz --only "cache loader"``), a few examples."""
    cache_targets.cache_files_read_or_say_why(given)
