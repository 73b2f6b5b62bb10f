"""What every format shares: the :class:`Renderers` a format's module defines, and :class:`Asked`,
how the report was asked for. The registry (``factcheck.output``) imports the formats; the formats
import only this, never the registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, Union

if TYPE_CHECKING:
    from factcheck.errors import FactcheckError
    from factcheck.reports import ConflictReport, LintReport, VerifyReport
    from factcheck.settings import Settings

Report = Union["VerifyReport", "ConflictReport", "LintReport"]


class Renderers(Protocol):
    """What a format's module defines: each writes its document to stdout.

    Named ``render_*`` so that ``verify``, ``conflicts`` and ``lint`` name the library's calls alone.
    """

    def render_verify(self, report: VerifyReport, asked: Asked) -> None: ...

    def render_conflicts(self, report: ConflictReport, asked: Asked) -> None: ...

    def render_lint(self, report: LintReport, asked: Asked) -> None: ...

    def render_error(self, exc: FactcheckError, command: str) -> None:
        """Bad input (exit code 2): the document a CI step expects, describing the error, or nothing."""


@dataclass(frozen=True)
class Asked:
    """How the report was asked for, given to every renderer: the formats people read use it, the others
    ignore it. ``Asked()``: nothing said (the best sentence per claim, clipped; the default settings).

    ``shown``: evidence sentences per claim in the human formats, None for the best one only
    (``--top`` sets it when given; JSON's count is the report's own); ``verbose``: every
    sentence found, in full; ``command``, ``options``, ``elapsed`` and ``settings``: what html's
    "Run settings" lists.
    """

    command: str = ""
    settings: Settings | None = None
    shown: int | None = None
    verbose: bool = False
    elapsed: float | None = None
    options: dict[str, str] = field(default_factory=dict)
