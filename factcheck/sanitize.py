"""Characters a document or catalogue may hold that must never reach a terminal or a report.

A control character in a document (``ESC[2J`` clears the screen) would be obeyed by the
terminal showing the table, and most C0 characters make XML not well-formed. ``visible``
replaces each such character by ONE visible character, so every offset into the text (and
so every sentence's line and column) stays what it was:

- C0 controls and DEL become their Unicode control pictures (ESC → ␛), tab and newline kept;
  vertical tab and form feed (page breaks in extracted text) become a space;
- C1 controls, bidirectional overrides ("Trojan source"), U+FFFE/U+FFFF and lone surrogates
  (a file name that is not UTF-8) become U+FFFD.

Document text is cleaned once when it is read; catalogue strings when they are parsed;
paths and error messages where they are written. ``one_line`` also shows a line break as its
picture (␊): a name (a file, a claim id, a URL, a server's reason phrase) printed on a line of
its own must stay on it, or a name such as ``"x\n::error::..."`` would start a line that
GitHub Actions reads as a workflow command.
"""

from __future__ import annotations

import re

_REPLACEMENT = "\ufffd"


def _table() -> dict[str, str]:
    table = {chr(c): chr(0x2400 + c) for c in range(0x20) if chr(c) not in "\t\n"}
    table["\x0b"] = table["\x0c"] = " "
    table["\x7f"] = "\u2421"
    for c in (*range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0xFFFE, 0xFFFF):
        table[chr(c)] = _REPLACEMENT
    return table


_MAP = _table()
_UNSAFE = re.compile("[" + "".join(re.escape(c) for c in _MAP) + "\ud800-\udfff]")


def _replace(m: re.Match[str]) -> str:
    return _MAP.get(m.group(0), _REPLACEMENT)


def visible(text: str) -> str:
    """``text`` with every unsafe character replaced by one safe one (same length, same offsets)."""
    if _UNSAFE.search(text) is None:
        return text  # nearly always: one scan, no copy
    return _UNSAFE.sub(_replace, text)


_BREAKS = str.maketrans({"\n": "\u240a", "\u2028": _REPLACEMENT, "\u2029": _REPLACEMENT})


def one_line(text: str) -> str:
    """``visible(text)`` with line breaks shown as ␊ too (and the Unicode line and paragraph separators,
    which ``str.splitlines`` cuts at, as U+FFFD): a name that stays on the line it is printed on."""
    return visible(text).translate(_BREAKS)
