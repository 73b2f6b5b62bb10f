"""What a document reader gives: text with positions, or why it cannot read a file.

The formats (:mod:`.markdown`, :mod:`.pdf`, :mod:`.docx`, :mod:`.webpage`) build these; the
registry (:mod:`.readers`) picks a format by suffix or media type, so it imports them, never
the other way round.
"""

from __future__ import annotations

import codecs
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


# Byte order marks, longest first (UTF-32's little-endian mark begins with UTF-16's), and the codec
# each names; Python's "utf-16" and "utf-32" read the mark and drop it.
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(raw: bytes) -> str:
    """UTF-8, or UTF-16 or UTF-32 with a byte order mark; newlines normalised; a NUL means a binary file.

    The mark is read before the NUL check: UTF-16 and UTF-32 text is half or three quarters NUL bytes.
    """
    codec = next((name for mark, name in _MARKS if raw.startswith(mark)), "utf-8")
    if codec == "utf-8" and b"\x00" in raw:
        raise Unreadable("looks binary (NUL bytes)")
    try:
        source = raw.decode(codec)
    except UnicodeDecodeError as exc:
        name = codec.removesuffix("-sig").upper()
        hint = "; convert it with iconv" if codec.startswith("utf-8") else ""
        raise Unreadable(f"not {name} (byte {exc.start}){hint}") from None
    if "\x00" in source:
        raise Unreadable("looks binary (NUL characters)")
    return source.replace("\r\n", "\n").replace("\r", "\n")
