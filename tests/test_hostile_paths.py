"""Issue 21, paths: nothing outside the project read or written on a committed file's word.

Each attack goes through the command line against a temporary project, with a decoy folder
beside it (:mod:`tests.decoy`): the exact exit code, one line on stderr, the decoy's every file
unchanged and its secret never printed.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from factcheck import project
from factcheck.errors import FactcheckError

from .conftest import run
from .decoy import CLAIM, SECRET, checksums, make_decoy, make_project

URL = "https://example.com/report"
CITING = f"documents: docs\nclaims:\n  - id: a\n    text: {CLAIM}\n    sources: ['{URL}']\n"
SHA = hashlib.sha256(b"x").hexdigest()


def lock_entry(**fields: object) -> dict[str, object]:
    entry: dict[str, object] = {
        "url": URL,
        "final_url": URL,
        "fetched": "2025-11-24T09:12:03Z",
        "content_type": "text/html",
        "status": 200,
        "sha256": SHA,
        "bytes": 1,
        "file": ".snapshots/5f1d0c2e8a9b7c41.html",
    }
    entry.update(fields)
    return entry


def write_lock(root: Path, *entries: dict[str, object]) -> Path:
    path = root / "sources.lock.yaml"
    path.write_text(yaml.safe_dump({"sources": list(entries)}, sort_keys=False), encoding="utf-8")
    return path


def outside(root: Path) -> str:
    return f"outside the project {root.resolve()} (the catalogue's folder, not in a git work tree)"


# ------------------------------------------------------------------ documents: and the default folder


@pytest.mark.parametrize("named", ["absolute", "dotdot", "committed link"])
def test_documents_outside_the_project_is_one_line_naming_the_catalogue_line(
    runner: CliRunner, tmp_path: Path, named: str
) -> None:
    decoy = make_decoy(tmp_path)
    target = {"absolute": str(decoy.folder / "secret"), "dotdot": "../decoy/secret", "committed link": "docs"}[named]
    root = make_project(tmp_path, {}, f"documents: {target}\nclaims:\n  - id: a\n    text: {CLAIM}\n")
    if named == "committed link":
        (root / "docs").rmdir()
        (root / "docs").symlink_to(decoy.folder / "secret", target_is_directory=True)
    claims = root / "claims.yaml"
    for command in ("verify", "conflicts", "lint"):
        result = run(runner, command, "--claims", str(claims), "--format", "text")
        assert result.exit_code == 2, result.stderr
        assert result.stdout == ""
        assert result.stderr == (
            f"factcheck: error: {claims}:1: the documents folder '{target}' is {outside(root)} "
            f"(fix the folder's name, or pass --docs {root / target} (or --allow-outside) to read it)\n"
        )
    decoy.untouched()


def test_a_default_folder_that_links_out_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    decoy = make_decoy(tmp_path)
    root = make_project(tmp_path, {}, f"claims:\n  - id: a\n    text: {CLAIM}\n")
    (root / "seeds").symlink_to(decoy.folder / "secret", target_is_directory=True)
    result = run(runner, "verify", "--claims", str(root / "claims.yaml"))
    assert result.exit_code == 2 and result.stdout == ""
    assert f"the default documents folder seeds/ is {outside(root)}" in result.stderr
    assert len(result.stderr.splitlines()) == 1 and SECRET not in result.stderr
    decoy.untouched()


def test_the_users_own_word_reads_outside(runner: CliRunner, tmp_path: Path) -> None:
    """--docs on the command line, or --allow-outside: the user's choice, not a committed file's."""
    decoy = make_decoy(tmp_path)
    root = make_project(tmp_path, {}, f"documents: ../decoy/secret\nclaims:\n  - id: a\n    text: {CLAIM}\n")
    claims = str(root / "claims.yaml")
    for extra in (["--docs", str(decoy.folder / "secret")], ["--allow-outside"]):
        result = run(runner, "verify", "--claims", claims, "--format", "json", *extra)
        assert result.exit_code == 0, result.stderr
        assert '"verdict": "supported"' in result.stdout
    decoy.untouched()


def test_in_a_git_work_tree_the_project_is_its_root(runner: CliRunner, tmp_path: Path) -> None:
    """A catalogue in a subfolder may read ../docs inside the work tree (found by its .git, git not run)."""
    root = make_project(tmp_path, {"a.txt": CLAIM + "\n"}, git=True)
    (root / "sub").mkdir()
    claims = root / "sub" / "claims.yaml"
    claims.write_text(f"documents: ../docs\nclaims:\n  - id: a\n    text: {CLAIM}\n", encoding="utf-8")
    assert run(runner, "verify", "--claims", str(claims)).exit_code == 0
    (root / ".git").rmdir()
    (root / ".git").write_text("gitdir: /elsewhere/.git/worktrees/x\n", encoding="utf-8")  # a worktree's .git file
    assert run(runner, "verify", "--claims", str(claims)).exit_code == 0
    (root / ".git").unlink()  # no git: the catalogue's folder alone
    result = run(runner, "verify", "--claims", str(claims))
    assert result.exit_code == 2
    assert f"the documents folder '../docs' is {outside(root / 'sub')}" in result.stderr


def test_a_catalogue_that_links_out_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    decoy = make_decoy(tmp_path)
    (decoy.folder / "claims.yaml").write_text(f"claims:\n  - id: a\n    text: {CLAIM}\n", encoding="utf-8")
    decoy.before = checksums(decoy.folder)
    root = make_project(tmp_path)
    (root / "claims.yaml").unlink()
    (root / "claims.yaml").symlink_to(decoy.folder / "claims.yaml")
    result = run(runner, "lint", "--claims", str(root / "claims.yaml"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: {root / 'claims.yaml'}: the catalogue is {outside(root)} "
        "(name the file itself, or --allow-outside to read it)\n"
    )
    decoy.untouched()


def test_pyproject_cannot_point_outside_either(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decoy = make_decoy(tmp_path)
    root = make_project(tmp_path, {"a.txt": "Nothing here.\n"})
    (root / "pyproject.toml").write_text('[tool.factcheck]\ndocuments = "../decoy/secret"\n', encoding="utf-8")
    monkeypatch.chdir(root)
    result = run(runner, "verify")
    assert result.exit_code == 2 and result.stdout == ""
    named = root / "../decoy/secret"
    assert result.stderr == (
        f"factcheck: error: {root / 'pyproject.toml'}: [tool.factcheck] names {named}, {outside(root)} "
        f"(pass --docs {named} on the command line to read it, or --allow-outside)\n"
    )
    assert run(runner, "verify", "--docs", "docs").exit_code == 1  # the command line's word wins
    decoy.untouched()


# ------------------------------------------------------------------ the lock file and .snapshots/


@pytest.mark.parametrize("how", ["dotdot", "absolute", "link in .snapshots", ".snapshots a link"])
def test_a_lock_file_cannot_read_outside_the_project(runner: CliRunner, tmp_path: Path, how: str) -> None:
    decoy = make_decoy(tmp_path)
    root = make_project(tmp_path, catalogue=CITING)
    file = {
        "dotdot": "../decoy/secret/page.html",
        "absolute": str(decoy.folder / "secret" / "page.html"),
        "link in .snapshots": ".snapshots/x.html",
        ".snapshots a link": ".snapshots/page.html",
    }[how]
    if how == "link in .snapshots":
        (root / ".snapshots").mkdir()
        (root / ".snapshots" / "x.html").symlink_to(decoy.folder / "secret" / "page.html")
    if how == ".snapshots a link":
        (root / ".snapshots").symlink_to(decoy.folder / "secret", target_is_directory=True)
    lock = write_lock(root, lock_entry(file=file))
    claims = str(root / "claims.yaml")
    for args in (
        ["verify"],
        ["conflicts"],
        ["lint"],
        ["fetch"],
        ["fetch", "--check"],
        ["verify", "--format", "github"],
    ):
        result = run(runner, *args, "--claims", claims)
        assert result.exit_code == 2, (args, result.stderr)
        assert result.stderr == (
            f"factcheck: error: {lock}:2: the snapshot file '{file}' of {URL} is {outside(root)} "
            "(delete the entry (or the lock file) and run 'factcheck fetch' again, or --allow-outside to read it)\n"
        )
        assert SECRET not in result.stdout and "says the secret" not in result.stdout
    decoy.untouched()


def test_fetch_never_writes_through_a_snapshots_link(runner: CliRunner, tmp_path: Path) -> None:
    decoy = make_decoy(tmp_path)
    root = make_project(tmp_path, catalogue=CITING)
    (root / ".snapshots").symlink_to(decoy.folder / "index", target_is_directory=True)
    result = run(runner, "fetch", "--claims", str(root / "claims.yaml"), "--allow-outside")  # not even so
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"factcheck: error: {root / '.snapshots'}: .snapshots is a symbolic link; snapshots are written only "
        "into a folder of their own (remove it; 'factcheck fetch' makes the .snapshots folder)\n"
    )
    assert not (root / "sources.lock.yaml").exists()
    decoy.untouched()


def test_a_lock_file_that_links_out_is_refused(runner: CliRunner, tmp_path: Path) -> None:
    decoy = make_decoy(tmp_path)
    root = make_project(tmp_path, catalogue=CITING)
    (root / "sources.lock.yaml").symlink_to(decoy.secret)
    result = run(runner, "verify", "--claims", str(root / "claims.yaml"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: {root / 'sources.lock.yaml'}: the lock file is {outside(root)} "
        "(delete the entry (or the lock file) and run 'factcheck fetch' again, or --allow-outside to read it)\n"
    )
    decoy.untouched()


LOCK_ERRORS = [
    ({"fetched": "2025-11-24"}, False, 4, "'fetched' must be text, not '2025-11-24'"),  # a YAML date
    ({"fetched": "garbage"}, True, 2, "'fetched' is not a time such as 2025-11-24T09:12:03Z: 'garbage'"),
    ({"fetched": "2025-02-30T00:00:00Z"}, True, 2, "'fetched' is not a time of the calendar: '2025-02-30T00:00:00Z'"),
    ({"fetched": "\n::error::forged"}, True, 4, "'fetched' holds a control character or a line break"),
    ({"file": None}, True, 9, "'file' must be text, not 'null'"),
    ({"status": "200"}, True, 6, "'status' must be a whole number, not '200'"),
    ({"status": True}, True, 6, "'status' must be a whole number, not 'true'"),
    ({"sha256": "x"}, True, 2, "'sha256' is not 64 hexadecimal digits"),
    ({"content_type": "text/x\x1b[31m"}, True, 5, "'content_type' holds a control character or a line break"),
    ({"url": "file:///etc/passwd"}, True, 2, "'url' is not an http(s) URL: 'file:///etc/passwd'"),
    ({"extra": 1}, True, 10, "unknown key 'extra'"),
]


@pytest.mark.parametrize("fields, dumped, line, what", LOCK_ERRORS)
def test_a_damaged_lock_file_is_one_line_with_its_line(
    runner: CliRunner, tmp_path: Path, fields: dict[str, object], dumped: bool, line: int, what: str
) -> None:
    root = make_project(tmp_path, catalogue=CITING)
    lock = write_lock(root, lock_entry(**fields))
    if not dumped:  # as a person would write it: unquoted
        text = lock.read_text(encoding="utf-8")
        lock.write_text(text.replace("'2025-11-24'", "2025-11-24"), encoding="utf-8")
    for args in (["verify"], ["fetch"], ["lint"], ["verify", "--format", "github"]):
        result = run(runner, *args, "--claims", str(root / "claims.yaml"))
        assert result.exit_code == 2, result.stderr
        assert result.stderr == (
            f"factcheck: error: {lock}:{line}: lock file is damaged: {what} "
            "(delete the entry (or the lock file) and run 'factcheck fetch' again)\n"
        )
        assert not any(out.lstrip().startswith("::error::") for out in result.stdout.splitlines())


@pytest.mark.parametrize(
    "text, what",
    [
        ("sources: &a [x]\nother: *a\n", "1: lock file is damaged: YAML anchors and aliases"),
        ("sources: " + "[" * 50 + "]" * 50 + "\n", "1: lock file is damaged: nested deeper than"),
        ("- a\n- b\n", "1: lock file is damaged: the lock file holds one key, 'sources:'"),
        ("sources: [1, 2]\n", "1: lock file is damaged: 'sources:' is a list of entries"),
        ("sources: {\n", "2: lock file is damaged: YAML syntax error"),
    ],
)
def test_a_lock_file_of_another_shape_is_one_line(runner: CliRunner, tmp_path: Path, text: str, what: str) -> None:
    root = make_project(tmp_path, catalogue=CITING)
    (root / "sources.lock.yaml").write_text(text, encoding="utf-8")
    result = run(runner, "verify", "--claims", str(root / "claims.yaml"))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"factcheck: error: {root / 'sources.lock.yaml'}:{what}")
    assert len(result.stderr.splitlines()) == 1


# ------------------------------------------------------------------ FIFOs, devices, loops


def _cli(*args: str, timeout: float = 30) -> subprocess.CompletedProcess[str]:
    """The real command line in a process of its own: a read that blocks cannot hang the test run."""
    return subprocess.run(
        [sys.executable, "-m", "factcheck", *args], capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_fifo_or_a_device_as_the_catalogue_is_one_line(tmp_path: Path, kind: str) -> None:
    path = tmp_path / "claims.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    else:
        path = Path("/dev/zero")
    started = time.monotonic()
    result = _cli("verify", "--claims", str(path))
    assert time.monotonic() - started < 20
    what = "a named pipe (FIFO)" if kind == "fifo" else "a device"
    assert result.returncode == 2
    assert (
        result.stderr
        == f"factcheck: error: {path}: the catalogue is not a regular file but {what} (name a YAML file)\n"
    )


@pytest.mark.parametrize("kind", ["fifo", "/dev/zero"])
def test_a_fifo_or_a_device_as_a_snapshot_is_one_line(tmp_path: Path, kind: str) -> None:
    root = make_project(tmp_path, catalogue=CITING)
    (root / ".snapshots").mkdir()
    snapshot = root / ".snapshots" / "x.html"
    if kind == "fifo":
        os.mkfifo(snapshot)
    else:
        snapshot.symlink_to("/dev/zero")  # outside the project: read only with --allow-outside, and not even then
    write_lock(root, lock_entry(file=".snapshots/x.html"))
    result = _cli("verify", "--claims", str(root / "claims.yaml"), "--allow-outside")
    what = "a named pipe (FIFO)" if kind == "fifo" else "a device"
    assert result.returncode == 2
    assert result.stderr == (
        f"factcheck: error: {root / 'claims.yaml'}:5: source '{URL}' of claim 'a': snapshot .snapshots/x.html "
        f"is not a regular file but {what} (run 'factcheck fetch' to download it again)\n"
    )


def test_a_symlink_loop_is_reported_as_a_loop(runner: CliRunner, tmp_path: Path) -> None:
    root = make_project(tmp_path, {"a.txt": CLAIM + "\n"})
    (root / "docs" / "loop.txt").symlink_to("loop2.txt")
    (root / "docs" / "loop2.txt").symlink_to("loop.txt")
    result = run(runner, "verify", "--claims", str(root / "claims.yaml"))
    assert result.exit_code == 0
    assert result.stderr == (
        "factcheck: warning: loop.txt: skipped, a symbolic link that loops\n"
        "factcheck: warning: loop2.txt: skipped, a symbolic link that loops\n"
    )
    (root / "folder").symlink_to("folder")
    (root / "loops.yaml").write_text(f"documents: folder\nclaims:\n  - id: a\n    text: {CLAIM}\n", encoding="utf-8")
    result = run(runner, "verify", "--claims", str(root / "loops.yaml"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: {root / 'loops.yaml'}:1: the documents folder 'folder' is a symbolic link that loops "
        "(fix the folder's name)\n"
    )
    (root / "cat.yaml").symlink_to("cat.yaml")
    result = run(runner, "verify", "--claims", str(root / "cat.yaml"))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"factcheck: error: {root / 'cat.yaml'}: the catalogue is a symbolic link that loops (name the file itself)\n"
    )


# ------------------------------------------------------------------ sources, reports, cluster


def test_a_bad_source_is_said_before_any_document_is_read(runner: CliRunner, tmp_path: Path) -> None:
    docs = {f"d{n:04}.txt": f"Document {n} says the program had {n} partner agencies.\n" for n in range(3_000)}
    catalogue = f"documents: docs\nclaims:\n  - id: a\n    text: {CLAIM}\n    sources: [d0001.txt, d9999.txt]\n"
    root = make_project(tmp_path, docs, catalogue)
    claims = root / "claims.yaml"
    where = project.Locations(claims)

    def never(*args: object) -> project.Documents:  # the folder's reader: must not be reached
        raise AssertionError("a document was read before the sources were checked")

    with pytest.raises(FactcheckError, match=r"source 'd9999\.txt' of claim 'a' matches no document"):
        project.read_corpus(project.read_catalogue(where), where, load=never)
    started = time.monotonic()
    result = run(runner, "verify", "--claims", str(claims), "--no-cache")
    assert time.monotonic() - started < 10
    assert result.exit_code == 2
    assert result.stderr == (
        f"factcheck: error: {claims}:5: source 'd9999.txt' of claim 'a' matches no document "
        "(name a file under the documents folder, relative to it)\n"
    )


@pytest.mark.parametrize(
    "source, what",
    [
        ("file:///etc/passwd", "is not an http(s) URL"),
        ("https://x.org/a\\nb", "is not an http(s) URL (it holds a space or a line break)"),
        ("https://example.com/never-fetched", "has no snapshot"),
    ],
)
def test_a_bad_url_source_is_said_before_any_document_is_read(tmp_path: Path, source: str, what: str) -> None:
    catalogue = f'documents: docs\nclaims:\n  - id: a\n    text: {CLAIM}\n    sources: ["{source}"]\n'
    root = make_project(tmp_path, {"a.txt": CLAIM + "\n"}, catalogue)
    where = project.Locations(root / "claims.yaml")

    def never(*args: object) -> project.Documents:
        raise AssertionError("a document was read before the sources were checked")

    with pytest.raises(FactcheckError) as raised:
        project.read_corpus(project.read_catalogue(where), where, load=never)
    assert what in raised.value.message and raised.value.line == 5


def test_report_to_a_missing_folder_is_one_line_before_the_run(runner: CliRunner, tmp_path: Path) -> None:
    root = make_project(tmp_path, {"a.txt": CLAIM + "\n"})
    out = tmp_path / "missing" / "dir" / "r.html"
    result = run(runner, "report", "--claims", str(root / "claims.yaml"), "-o", str(out))
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == (
        f"factcheck: error: {out}: cannot write the report: its folder does not exist "
        "(name a file in a folder you can write)\n"
    )
    assert not (tmp_path / "missing").exists()


def test_report_on_a_full_disk_leaves_the_former_report_whole(
    runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path, {"a.txt": CLAIM + "\n"})
    out = tmp_path / "r.html"
    assert run(runner, "report", "--claims", str(root / "claims.yaml"), "-o", str(out)).exit_code == 0
    former = out.read_bytes()
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())  # as open() would have made it

    def full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("factcheck.files.os.fsync", full)
    (root / "docs" / "b.txt").write_text("The program had 150 partner agencies.\n", encoding="utf-8")
    result = run(runner, "report", "--claims", str(root / "claims.yaml"), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.endswith(
        f"factcheck: error: {out}: cannot write the report: No space left on device "
        "(name a file in a folder you can write)\n"
    )
    assert out.read_bytes() == former
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project", "r.html"]  # no temporary file left


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@pytest.mark.parametrize("address", ["notaurl", "tcp://host:99999", "tcp://a b:8786", "\x1b[31m:1"])
def test_a_bad_cluster_address_is_one_line_at_once(runner: CliRunner, tmp_path: Path, address: str) -> None:
    root = make_project(tmp_path, {"a.txt": CLAIM + "\n"})
    started = time.monotonic()
    result = run(runner, "verify", "--claims", str(root / "claims.yaml"), "--cluster", address)
    assert time.monotonic() - started < 5
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and "\x1b" not in result.stderr
    assert "is not a Dask scheduler's address (give tcp://HOST:PORT" in result.stderr


def test_the_document_bound_is_counted_on_disk(runner: CliRunner, tmp_path: Path) -> None:
    """The README's "a document: 20 MiB on disk": a file one byte over it is skipped, with a warning."""
    root = make_project(tmp_path, {"a.txt": CLAIM + "\n"})
    (root / "docs" / "big.txt").write_bytes(b"The program grew. " * (20 * 1024 * 1024 // 18 + 1))
    result = run(runner, "verify", "--claims", str(root / "claims.yaml"))
    assert result.exit_code == 0
    assert result.stderr == "factcheck: warning: big.txt: skipped, larger than 20 MiB\n"
