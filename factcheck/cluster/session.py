"""The connection to a Dask cluster, and the one place that speaks Dask.

Every task is pinned to the worker holding its shard, so a shard's documents and index are
read once and stay where they were built; the client holds futures, and gathers only the
small answers. Errors a user can fix (no Dask, no scheduler, no worker) become one
:class:`~factcheck.errors.FactcheckError` each.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterator
from concurrent.futures import CancelledError
from contextlib import contextmanager
from typing import Any, TypeVar

from factcheck import DISTRIBUTION
from factcheck.errors import FactcheckError

CONNECT_TIMEOUT = 10.0  # seconds to reach the scheduler, and again for a first worker to join it
INSTALL_HINT = f"pip install '{DISTRIBUTION}[cluster]'"
START_HINT = "start one with 'dask scheduler' and a worker per machine with 'dask worker tcp://HOST:8786'"
T = TypeVar("T")


def _client_class() -> Any:
    """distributed.Client, or the one-line error saying how to install it."""
    try:
        from distributed import Client
    except ImportError:
        raise FactcheckError("--cluster needs Dask's distributed scheduler, not installed", hint=INSTALL_HINT) from None
    return Client


@contextmanager
def _quiet() -> Iterator[None]:
    """distributed logs a failed connection at length; the user gets our one line instead."""
    log = logging.getLogger("distributed")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        log.setLevel(level)


class Session:
    """A client of one scheduler, and its workers in a fixed order (shard ``i`` goes to worker ``i``)."""

    def __init__(self, client: Any, address: str):
        self.client = client
        self.address = address
        self.workers: list[str] = sorted(client.scheduler_info()["workers"])

    @classmethod
    @contextmanager
    def connect(cls, address: str, timeout: float | None = None) -> Iterator[Session]:
        timeout = timeout or CONNECT_TIMEOUT
        client_class = _client_class()
        try:
            with _quiet():
                client = client_class(address, timeout=timeout, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            reason = str(exc).split("\n")[0][:200] or type(exc).__name__
            raise FactcheckError(
                f"cannot reach the Dask scheduler at {address} ({reason})",
                hint=f"check the address and that the port is open, or {START_HINT}",
            ) from None
        try:
            _wait_for_workers(client, address, timeout)
            yield cls(client, address)
        finally:
            with _quiet():
                client.close()

    def on(self, shard: int, function: Callable[..., T], *args: Any) -> Any:
        """``function(*args)`` on shard ``shard``'s worker only (futures among ``args`` resolved there)."""
        worker = self.workers[shard % len(self.workers)]
        return self.client.submit(function, *args, workers=[worker], allow_other_workers=False, pure=False)

    def everywhere(self, value: object) -> Any:
        """``value`` sent once to every worker, as a future."""
        return self.client.scatter(value, broadcast=True, hash=False)

    def gather(self, futures: list[Any]) -> list[Any]:
        """The futures' results; a worker lost or the scheduler gone is the user's to fix, not a traceback."""
        from distributed import KilledWorker

        try:
            return list(self.client.gather(futures))
        except (KilledWorker, CancelledError, asyncio.CancelledError, OSError) as exc:
            reason = str(exc).split("\n")[0][:200] or type(exc).__name__
            raise FactcheckError(
                f"the Dask cluster at {self.address} failed during the run ({type(exc).__name__}: {reason})",
                hint="a worker may have run out of memory or stopped; see the workers' logs, then run again",
            ) from None


def _wait_for_workers(client: Any, address: str, timeout: float) -> None:
    try:
        client.wait_for_workers(1, timeout=timeout)
    except (OSError, TimeoutError) as exc:
        raise FactcheckError(
            f"no Dask worker has joined the scheduler at {address} in {timeout:.0f} s",
            hint=f"start one on each machine with 'dask worker {address}'",
        ) from exc
