"""A reader run in a child process with a memory and a time limit, as browsers and mail scanners
read untrusted documents: a PDF of a few kilobytes can ask its parser for gigabytes (forms that draw
each other, a deflate bomb), and PDFium aborts the whole process on some of them. Here only the
child dies, and the file is skipped with the reason.

``os.fork`` rather than multiprocessing: documents are also read in a pool's worker processes,
which multiprocessing does not let have children. Elsewhere than Linux the reader runs in process.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import sys
import time
from collections.abc import Callable

from factcheck.corpus.extracted import Extracted, Unreadable

_MIB = 1024 * 1024


def _address_space() -> int:
    """This process's virtual memory now (the child's limit is counted on top of it)."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError):
        pass
    return 0


def run_isolated(read: Callable[[bytes], Extracted], raw: bytes, memory: int, seconds: float) -> Extracted:
    """``read(raw)`` in a child allowed ``memory`` bytes more than this process has and ``seconds`` of time;
    what it raises as :class:`Unreadable` is raised here; a child that dies is an Unreadable saying why."""
    if sys.platform != "linux" or not hasattr(os, "fork"):
        return read(raw)
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    limit = _address_space() + memory
    out, into = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: limited, reads, answers, ends
        os.close(out)
        _child(read, raw, limit, seconds, into)
    os.close(into)
    try:
        answer = _collect(out, seconds + 5.0)
    finally:
        os.close(out)
        status = _reap(pid)
    return _answered(answer, status, memory, seconds)


def _child(read: Callable[[bytes], Extracted], raw: bytes, limit: int, seconds: float, into: int) -> None:
    import resource

    code = 0
    try:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        resource.setrlimit(resource.RLIMIT_CPU, (int(seconds) + 1, int(seconds) + 2))
        try:
            answer: tuple[str, object] = ("ok", read(raw))
        except Unreadable as exc:
            answer = ("unreadable", str(exc))
        except MemoryError:
            answer = ("memory", "")
        data = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(data)
        while view:
            view = view[os.write(into, view) :]
    except BaseException:
        code = 3
    finally:
        os._exit(code)


def _collect(out: int, seconds: float) -> bytes:
    """Everything the child writes, until it closes the pipe or the time is up."""
    chunks: list[bytes] = []
    deadline = time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return b""  # no answer in time: the child is killed
        ready, _, _ = select.select([out], [], [], left)
        if not ready:
            continue
        chunk = os.read(out, 1 << 20)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)


def _reap(pid: int) -> int:
    """The child's status; killed first if it is still running (its time is up)."""
    done, status = os.waitpid(pid, os.WNOHANG)
    if done == 0:
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
    return status


def _answered(answer: bytes, status: int, memory: int, seconds: float) -> Extracted:
    limits = f"{memory // _MIB} MiB of memory and {seconds:g} s"
    if answer:
        kind, value = pickle.loads(answer)
        if kind == "ok" and isinstance(value, Extracted):
            return value
        if kind == "unreadable":
            raise Unreadable(str(value))
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) in (signal.SIGXCPU, signal.SIGKILL):
        raise Unreadable(f"took longer than its reader may ({limits})")
    raise Unreadable(f"its reader needed more than it may ({limits}), or crashed")
