"""What the human formats show of a sentence: all of it, or a stretch around its figures.

Shared by text, markdown and html, so each shows the same words; none embeds more of a
document than the sentence it cites.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from factcheck.verdicts import Evidence

EXCERPT = 120  # characters of a sentence shown around its figures when not verbose


@dataclass(frozen=True)
class Cut:
    start: int
    end: int

    def left(self) -> bool:
        return self.start > 0

    def right(self, length: int) -> bool:
        return self.end < length


def window(length: int, marks: list[tuple[int, int]], limit: int) -> tuple[int, int]:
    """The stretch of a text of ``length`` to show: all of it when short, else ``limit``
    characters centred on the marked spans (the figures)."""
    if length <= limit:
        return 0, length
    if not marks:
        return 0, limit
    lo, hi = min(s for s, _ in marks), max(e for _, e in marks)
    centre = (lo + hi) // 2
    start = max(0, min(centre - limit // 2, length - limit))
    return start, min(length, start + limit)


def cut(text: str, marks: list[tuple[int, int]], limit: int | None = EXCERPT) -> Cut:
    """Where to cut ``text``: around ``marks``, moved outwards to spaces so no word is split."""
    if limit is None:
        return Cut(0, len(text))
    start, end = window(len(text), marks, limit)
    for s, e in marks:  # a figure is shown whole or not at all
        if s < start < e:
            start = s
        if s < end < e:
            end = e
    if start > 0:
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 else 0
    if end < len(text):
        space = text.find(" ", end)
        end = space if space >= 0 else len(text)
    return Cut(start, end)


def marked(text: str, marks: list[tuple[int, int, str]], limit: int | None = EXCERPT) -> list[tuple[str, str]]:
    """``text`` cut around ``marks`` as pieces ``(words, kind)``: kind is a mark's name, "" for plain
    words, "cut" for the "…" where the text was cut. Overlapping marks: the first wins."""
    c = cut(text, [(s, e) for s, e, _ in marks], limit)
    pieces: list[tuple[str, str]] = [("…", "cut")] if c.left() else []
    pos = c.start
    for start, end, kind in sorted(marks):
        start, end = max(start, pos), min(end, c.end)
        if start >= end:
            continue
        pieces.append((text[pos:start], ""))
        pieces.append((text[start:end], kind))
        pos = end
    pieces.append((text[pos : c.end], ""))
    if c.right(len(text)):
        pieces.append(("…", "cut"))
    return [p for p in pieces if p[0]]


def figures(evidence: Evidence) -> str:
    """What decided the sentence's stance, in words: why it contradicts, else the figures that agree or
    clash, and the words it backs by likeness ("purchased ≈ bought")."""
    if evidence.reason and evidence.stance == "contradicts":
        return evidence.reason
    parts = []
    if evidence.agreeing:
        parts.append("agrees: " + ", ".join(q.text for q in evidence.agreeing))
    if evidence.disagreeing:
        parts.append("disagrees: " + ", ".join(q.text for q in evidence.disagreeing))
    if evidence.reason:
        parts.append(evidence.reason)
    return "; ".join(parts)
