"""What a document reader gives: text with positions, or why it cannot read a file.

The formats (:mod:`.markdown`, :mod:`.pdf`, :mod:`.docx`, :mod:`.webpage`) build these; the
registry (:mod:`.readers`) picks a format by suffix or media type, so it imports them, never
the other way round.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from factcheck.corpus.html import PositionMap


class Unreadable(Exception):
    """A file this reader cannot read; the message says why, for the user."""


@dataclass(frozen=True)
class Extracted:
    text: str
    positions: PositionMap
    sections: list[tuple[int, str]] = field(default_factory=list)  # (offset, heading) where a section starts
    pages: tuple[int, ...] = ()  # offsets in ``text`` where each page starts (paged formats only)
    notes: tuple[str, ...] = ()  # a bound the reader met and what it did, for a warning naming the file


def decode_text(raw: bytes) -> str:
    """UTF-8 (a BOM allowed), newlines normalised; NUL bytes mean a binary file."""
    if b"\x00" in raw:
        raise Unreadable("looks binary (NUL bytes)")
    try:
        source = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Unreadable(f"not UTF-8 (byte {exc.start}); convert it with iconv") from None
    return source.replace("\r\n", "\n").replace("\r", "\n")
