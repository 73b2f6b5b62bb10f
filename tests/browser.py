"""Headless Chromium driven over the DevTools protocol, with the standard library alone.

Chromium's ``--remote-debugging-pipe`` reads commands on file descriptor 3 and writes replies and
events on 4, each a JSON message ended by a NUL byte; no websocket library is needed. A test
opens a page at a window width (as a phone, under 600 px: the page's viewport meta applies),
evaluates JavaScript in it (outside its Content-Security-Policy, as DevTools does), clicks, and
takes screenshots.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

NAMES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT = 60.0  # seconds for any one reply


def find() -> str | None:
    return next((path for name in NAMES if (path := shutil.which(name))), None)


class Browser:
    """One headless Chromium; :meth:`open` gives a :class:`Tab` on a page."""

    def __init__(self, executable: str):
        # ignore_cleanup_errors: Chromium may still be writing its profile as it exits (a loaded machine)
        self.profile = tempfile.TemporaryDirectory(prefix="factcheck-chromium-", ignore_cleanup_errors=True)
        to_child, self._commands = os.pipe()
        self._replies, from_child = os.pipe()

        def as_fds_3_and_4() -> None:  # in the child, before exec: the pipe's ends where Chromium looks
            high = [fcntl.fcntl(fd, fcntl.F_DUPFD, 10) for fd in (to_child, from_child)]  # neither is 3 or 4 now
            for fd, wanted in zip(high, (3, 4), strict=True):
                os.dup2(fd, wanted)
                os.set_inheritable(wanted, True)

        command = [
            executable,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--hide-scrollbars",
            "--no-first-run",
            "--remote-debugging-pipe",
            f"--user-data-dir={self.profile.name}",
            "about:blank",
        ]
        self.process = subprocess.Popen(  # close_fds=False: fds 3 and 4 must survive; Python's own are CLOEXEC
            command, preexec_fn=as_fds_3_and_4, close_fds=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        os.close(to_child)
        os.close(from_child)
        self._buffer = b""
        self._next = 0
        self._events: list[dict[str, Any]] = []

    def close(self) -> None:
        for fd in (self._commands, self._replies):
            os.close(fd)
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.profile.cleanup()

    def __enter__(self) -> Browser:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self._replies], [], [], left)[0]:
                raise TimeoutError("Chromium did not answer")
            chunk = os.read(self._replies, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed its pipe")
            self._buffer += chunk
        raw, self._buffer = self._buffer.split(b"\0", 1)
        message: dict[str, Any] = json.loads(raw)
        return message

    def send(self, method: str, params: dict[str, Any] | None = None, session: str | None = None) -> dict[str, Any]:
        """A command's result (events that arrive meanwhile are kept for :meth:`event`)."""
        self._next += 1
        message: dict[str, Any] = {"id": self._next, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + TIMEOUT
        while True:
            reply = self._message(deadline)
            if reply.get("id") == self._next:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply.get("result", {})
                return result
            self._events.append(reply)

    def open(self, url: str, width: int, height: int = 900) -> Tab:
        """A tab showing ``url`` at ``width`` × ``height`` CSS pixels, loaded."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        tab = Tab(self, session)
        metrics = {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600}
        tab.send("Emulation.setDeviceMetricsOverride", metrics)
        tab.send("Page.navigate", {"url": url})
        tab.wait(f"location.href === {json.dumps(url)} && document.readyState === 'complete'")
        return tab


class Tab:
    def __init__(self, browser: Browser, session: str):
        self.browser, self.session = browser, session

    def send(self, method: str, params: dict[str, Any] | None = None) -> dict[str, Any]:
        return self.browser.send(method, params, self.session)

    def js(self, expression: str) -> Any:
        """The value of a JavaScript expression in the page."""
        reply = self.send("Runtime.evaluate", {"expression": expression, "returnByValue": True})
        if "exceptionDetails" in reply:
            raise RuntimeError(f"{expression}: {reply['exceptionDetails']}")
        return reply["result"].get("value")

    def wait(self, condition: str) -> None:
        """Until the JavaScript ``condition`` holds (a page loaded, a script's work done)."""
        deadline = time.monotonic() + TIMEOUT
        while not self.js(f"Boolean({condition})"):
            if time.monotonic() > deadline:
                raise TimeoutError(f"never: {condition}")
            time.sleep(0.05)

    def screenshot(self, path: Path, full_page: bool = False) -> None:
        """A PNG of the viewport, or of the whole page's height."""
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            width, height = self.js("[document.documentElement.clientWidth, document.documentElement.scrollHeight]")
            params.update(
                captureBeyondViewport=True, clip={"x": 0, "y": 0, "width": width, "height": height, "scale": 1}
            )
        path.write_bytes(base64.b64decode(self.send("Page.captureScreenshot", params)["data"]))
