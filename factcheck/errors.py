"""The one exception type for problems the user can fix.

Library code raises :class:`FactcheckError`; the CLI turns it into a single line on
stderr and exit code 2, once, at the edge. Nothing else should reach the user as a
traceback.
"""

from __future__ import annotations

from dataclasses import dataclass

from factcheck.sanitize import visible


@dataclass
class FactcheckError(Exception):
    """A user-facing error: what is wrong, where, and what to do about it."""

    message: str
    path: str | None = None
    line: int | None = None
    column: int | None = None
    hint: str | None = None

    def __post_init__(self) -> None:
        # One line, nothing a terminal would obey: paths and messages may quote hostile input.
        self.message = _one_line(self.message)
        self.path = None if self.path is None else _one_line(self.path)
        self.hint = None if self.hint is None else _one_line(self.hint)

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        text = where + self.message
        if self.hint:
            text += f" ({self.hint})"
        return text


def _one_line(text: str) -> str:
    return " ".join(visible(text).split("\n"))
