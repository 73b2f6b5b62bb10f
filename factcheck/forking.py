"""Work spread over worker processes forked from this one, which inherit its state (copy on write).

``api.verify`` judges many claims so: the workers share the index and the corpus the parent built
instead of reading or building them again. Each worker tells the parent its process id when it
starts, so a run that ends early (an error, Ctrl-C) stops them at once, through public calls only.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
import warnings
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from functools import partial
from multiprocessing.queues import SimpleQueue
from typing import Any, Generic, TypeVar

State = TypeVar("State")
Item = TypeVar("Item")
Result = TypeVar("Result")

_STATE: Any = None  # in a worker: the state it inherited


def _adopt(state: object, pids: SimpleQueue[int]) -> None:
    """A worker's start: the state it inherited; its id told; Ctrl-C is for the parent, which stops it."""
    global _STATE
    _STATE = state
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    pids.put(os.getpid())


def _call(function: Callable[[Any, Any], Any], item: object) -> Any:
    return function(_STATE, item)


class Forked(Generic[State]):
    """Worker processes forked from this one (all at once), each calling functions with ``state`` as inherited.

    Forking a process with threads (numpy's, a progress bar's) is deprecated because a child may
    need a lock another thread held; these children only compute (no output, no lock of this
    process's), so the warning is silenced here rather than shown to users. Streams are flushed
    first: a child flushes its copy of them when it ends. A worker that dies makes the pool
    broken (``BrokenProcessPool``), where a plain multiprocessing pool would wait for it forever.
    """

    def __init__(self, workers: int, state: State):
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
        context = multiprocessing.get_context("fork")
        self._pids: SimpleQueue[int] = context.SimpleQueue()
        self._executor = ProcessPoolExecutor(
            workers, mp_context=context, initializer=_adopt, initargs=(state, self._pids)
        )
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", "This process .* is multi-threaded", DeprecationWarning)
            self._executor.submit(int).result()  # the workers are forked here, all of them at once

    def map(self, function: Callable[[State, Item], Result], items: Iterable[Item]) -> Iterator[Result]:
        """``function(state, item)`` for each item, in the workers; the results in order."""
        return self._executor.map(partial(_call, function), items)

    def stop(self, finished: bool) -> None:
        """Waited for when every item is done; else (an error, Ctrl-C) the workers are ended at once."""
        if finished:
            self._executor.shutdown(wait=True)
            return
        pids = []
        while not self._pids.empty():
            pids.append(self._pids.get())
        self._executor.shutdown(wait=False, cancel_futures=True)
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):  # ended already
                os.kill(pid, signal.SIGTERM)
