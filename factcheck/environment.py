"""Every environment variable factcheck reads, in one place, each with what it does.

Each is read when its function is called, never at import, so a test's ``monkeypatch.setenv``
holds. A value factcheck cannot use is a :class:`~factcheck.errors.FactcheckError` (one line,
exit code 2), or for ``$COLUMNS`` a warning.

Read by click rather than here, so that the command line wins over them and they win over
``[tool.factcheck]`` in pyproject.toml: :data:`FORMAT` (``--format``) and :data:`CLUSTER`
(``--cluster``). Read by others, never by factcheck: ``NO_COLOR``, ``FORCE_COLOR`` and ``TERM``
by rich (no colour when piped or with ``NO_COLOR``), ``TMPDIR`` by :mod:`tempfile` (where
``--no-cache`` keeps a run's documents), ``PYTHONIOENCODING`` by Python.
:func:`key_folder` reads ``XDG_CACHE_HOME`` and ``HOME`` as the XDG spec has them read.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from factcheck.errors import FactcheckError
from factcheck.limits import DEFAULT_COLUMNS, MAX_COLUMNS, MIN_COLUMNS

WORKERS = "FACTCHECK_WORKERS"
CACHE_DIR = "FACTCHECK_CACHE_DIR"
XDG_CACHE_HOME = "XDG_CACHE_HOME"  # the user's own cache folder: the cache's key is kept under it
HOME = "HOME"  # the user's home: ~/.cache when XDG_CACHE_HOME is not set
FORMAT = "FACTCHECK_FORMAT"  # the output format, as --format takes it (click reads it)
CLUSTER = "FACTCHECK_CLUSTER"  # a Dask scheduler's address, as --cluster takes it (click reads it)


def workers() -> int:
    """``$FACTCHECK_WORKERS`` caps the processes claims are judged in (``1``: this one alone).

    The processes: the cores this process may use, or fewer when the variable says so; 1 where
    forking is not safe (not Linux) or not allowed (a daemonic process, such as a pool's worker).
    """
    import multiprocessing  # here, not at the top: the CLI's start-up does not need it

    if sys.platform != "linux" or multiprocessing.current_process().daemon:
        return 1
    cores = len(os.sched_getaffinity(0))
    given = os.environ.get(WORKERS, "").strip()
    if not given:
        return cores
    if not given.isdigit() or int(given) < 1:
        raise FactcheckError(f"{WORKERS} must be a whole number of processes, at least 1; got {given!r}")
    return min(int(given), cores)


def cache_dir() -> Path | None:
    """``$FACTCHECK_CACHE_DIR`` is the cache's folder, instead of ``.factcheck/`` beside the catalogue
    (None when it is unset or empty)."""
    named = os.environ.get(CACHE_DIR)
    return Path(named) if named else None


def key_folder() -> Path | None:
    """Where the cache keeps this user's key (:mod:`factcheck.cache.seal`): ``$XDG_CACHE_HOME/factcheck``
    when that is an absolute path (the XDG spec ignores a relative one), else ``~/.cache/factcheck``
    (``$HOME``, else the user's home in the password database); None when neither names a folder."""
    given = os.environ.get(XDG_CACHE_HOME, "")
    if given and os.path.isabs(given):
        return Path(given) / "factcheck"
    home = os.environ.get(HOME, "")
    if not home or not os.path.isabs(home):
        try:
            import pwd

            home = pwd.getpwuid(os.getuid()).pw_dir
        except (ImportError, KeyError):
            return None
    return Path(home) / ".cache" / "factcheck" if home and os.path.isabs(home) else None


def github_actions() -> bool:
    """``$GITHUB_ACTIONS`` (set, not empty, on GitHub's runners) makes ``--format auto`` the github format
    and lets :func:`step_summary` name the job's summary."""
    return bool(os.environ.get("GITHUB_ACTIONS"))


def step_summary() -> str | None:
    """``$GITHUB_STEP_SUMMARY`` is the file GitHub Actions shows as the job's summary page; the CLI appends
    the Markdown report to it. None when unset or empty, or outside GitHub Actions."""
    path = os.environ.get("GITHUB_STEP_SUMMARY")
    return path if path and github_actions() else None


def columns(tty: bool = False) -> tuple[int, str | None]:
    """``$COLUMNS`` is the width of the text format and the progress bar, when it is a sane number;
    else the terminal's width (``tty``), or 120 when piped.

    Returns the width and a warning when ``$COLUMNS`` was set but unusable ("abc", "0", "-5").
    """
    raw = os.environ.get("COLUMNS")
    # On a terminal, its own width (rich would take COLUMNS=0 as a width of 0 and print nothing).
    fallback = max(MIN_COLUMNS, min(MAX_COLUMNS, shutil.get_terminal_size().columns)) if tty else DEFAULT_COLUMNS
    if raw is None or not raw.strip():
        return fallback, None
    try:
        width = int(raw.strip())
    except ValueError:
        width = 0
    if MIN_COLUMNS <= width <= MAX_COLUMNS:
        return width, None
    shown = "the terminal's width" if tty else str(DEFAULT_COLUMNS)
    return fallback, f"COLUMNS={raw[:20]!r} is not a width from {MIN_COLUMNS} to {MAX_COLUMNS}; using {shown}"
