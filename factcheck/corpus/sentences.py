"""Sentence splitting with offsets, and page furniture that is never evidence.

The abbreviations, sentence openers and furniture are a :class:`~factcheck.lang.Language`'s
(English by default).
"""

from __future__ import annotations

import re

from factcheck.lang import ENGLISH, Language

# Only from the start of a run of stops: from inside one, a failed match (no space after the
# run) would be retried at every later stop, each retry rescanning the run: 128 KB of "...."
# took over five minutes. The matches found are the same.
_BOUNDARY = re.compile(r"(?<![.!?])([.!?]+)([\"'”’)\]]*)(?=\s)")
_NEXT_WORD = re.compile(r"[\w’']+")
_WORD_REACH = 64  # how far back the word carrying a full stop is looked for
_LEADING_MARKS = re.compile(r"^[\s•·▪●◦‣∙*\-–—#>|]+")


def _is_boundary(text: str, m: re.Match[str], after: int, language: Language) -> bool:
    """Decide whether the terminal punctuation matched by ``m`` closes a sentence."""
    nxt = text[after : after + 1]
    if not nxt:
        return True
    if nxt.islower():
        return False
    if not (nxt.isupper() or nxt.isdigit() or nxt in "\"'“‘([¿¡"):
        return False
    if m.group(1) != "." or m.group(2):
        return True  # ! or ?, or a quotation closed after the stop: ."
    # The word carrying the full stop.
    end = m.end(1)
    reach = max(0, end - _WORD_REACH)  # not back to the block's start for every stop (quadratic)
    start = max(text.rfind(" ", reach, end), text.rfind("\n", reach, end), reach - 1) + 1
    word = text[start:end].lstrip("\"'“‘([").rstrip(".")
    lower = word.lower()
    next_word = _NEXT_WORD.match(text, after)  # at a position: no copy of the rest of the block
    next_lower = next_word.group(0).lower() if next_word else ""
    if lower in language.never_end:
        return False
    if lower in language.titles:
        return False
    if lower in language.month_abbreviations:
        return not nxt.isdigit()
    if len(word) == 1 and word.isupper():
        return False  # an initial: "Ellen M. Gilmer"
    if "." in word or lower in language.soft_abbreviations:
        # U.S., a.m., Inc.: a sentence ends only if a usual sentence opener follows.
        return next_lower in language.starters
    return True


def _continues(prev_line: str, next_line: str) -> bool:
    """Whether a single line break sits inside a sentence (hard-wrapped text)."""
    nxt = next_line.lstrip()
    if not nxt or not prev_line.strip():
        return False
    if _LEADING_MARKS.match(nxt) and not nxt[0].isalnum():
        return False  # a bullet starts something new
    if nxt[0].islower():
        return True
    prev = prev_line.rstrip()
    return len(prev) >= 60 and prev[-1] not in '.!?:;"”’)'


def _blocks(text: str) -> list[tuple[int, int]]:
    """Runs of lines that belong together: paragraphs, with hard-wrapped lines joined."""
    lines = text.split("\n")
    offsets = []
    pos = 0
    for ln in lines:
        offsets.append(pos)
        pos += len(ln) + 1
    blocks: list[tuple[int, int]] = []
    block_start: int | None = None
    for i, ln in enumerate(lines):
        if not ln.strip():
            if block_start is not None:
                blocks.append((block_start, offsets[i] - 1))
                block_start = None
            continue
        if block_start is None:
            block_start = offsets[i]
        elif not _continues(lines[i - 1], ln):
            blocks.append((block_start, offsets[i] - 1))
            block_start = offsets[i]
    if block_start is not None:
        blocks.append((block_start, len(text)))
    return blocks


def _sentences_in(text: str, b_start: int, b_end: int, language: Language) -> list[tuple[int, int]]:
    """Sentence spans of one block, as offsets into the whole text."""
    block = text[b_start:b_end]
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(block):
        after = m.end()
        while after < len(block) and block[after].isspace():
            after += 1
        if _is_boundary(block, m, after, language):
            spans.append((b_start + start, b_start + m.end()))
            start = after
    spans.append((b_start + start, b_end))
    return spans


def _trimmed(text: str, s: int, e: int) -> tuple[int, int] | None:
    """A span without its leading bullets and trailing whitespace; None when nothing is left."""
    lead = _LEADING_MARKS.match(text[s:e])
    if lead:
        s += lead.end()
    while e > s and text[e - 1].isspace():
        e -= 1
    return (s, e) if e > s else None


def split_spans(text: str, language: Language = ENGLISH) -> list[tuple[int, int]]:
    """Split text into sentence spans (start, end offsets), trimmed of whitespace and bullets."""
    spans = [span for b_start, b_end in _blocks(text) for span in _sentences_in(text, b_start, b_end, language)]
    return [t for t in (_trimmed(text, s, e) for s, e in spans) if t is not None]


def bounded_spans(
    text: str, spans: list[tuple[int, int]], limit: int
) -> tuple[list[tuple[int, int]], tuple[int, int] | None]:
    """Spans no longer than ``limit``: a longer one is cut at the last space before each limit.

    Also returns (start, length) of the first span that was cut, or None. A 40,000-line table
    of contents joined into one 465 KB "sentence" was printed whole as evidence.
    """
    out: list[tuple[int, int]] = []
    first_cut: tuple[int, int] | None = None
    for s, e in spans:
        if e - s > limit and first_cut is None:
            first_cut = (s, e - s)
        while e - s > limit:
            cut = max(text.rfind(" ", s + 1, s + limit), text.rfind("\n", s + 1, s + limit))
            cut = cut if cut > s else s + limit
            out.append((s, cut))
            s = cut
            while s < e and text[s].isspace():
                s += 1
        if e > s:
            out.append((s, e))
    return out, first_cut


_WORD = re.compile(r"[^\W\d_]+")
# What makes a short line a statement: a version ("version 2.6"), an identifier ("(CVE-2022-41862)"), a labelled
# figure ("Release date: 2021-06-30", "Birth year: 1910") or a day ("September 3, 2010", "2019-03-14"); not a
# month or a year alone, which on a web page is mostly an archive's link ("August 2019").
_DATED = re.compile(
    r"\b\d+\.\d+\b|\b[^\W\d_]+-\d|[^\W\d_]:\s*\S*\d|\b\d{4}-\d\d-\d\d\b"
    r"|\b\d{1,2},? (?:1[6-9]|20)\d\d\b|\b\d{1,2} [^\W\d_]+\.? (?:1[6-9]|20)\d\d\b"
)


def is_furniture(sentence: str, language: Language = ENGLISH) -> bool:
    """Page furniture: navigation, players, comment prompts. Never evidence. A line of a word or two is
    furniture unless it carries a version, a labelled figure or a day: "Release date: 2021-06-30" is the
    page's statement; "August 2019" in a list of them is an archive's link."""
    norm = " ".join(_WORD.findall(sentence.lower()))
    if norm in language.furniture:
        return True
    if re.fullmatch(r"[\d:/\s.\-]+", sentence):
        return True  # "00:00 / 00:00"
    if any(words in norm for words in language.furniture_short) and len(norm.split()) <= 6:
        return True
    if norm.startswith(language.furniture_openings):
        return True
    found = len(_WORD.findall(sentence))
    return found < 3 and not (found and _DATED.search(sentence))


def is_question(sentence: str, language: Language = ENGLISH) -> bool:
    """A question states nothing, so it backs nothing and contradicts nothing.

    Ends with "?" (a closing quote or bracket aside), or is a headline that opens with a
    question word and has no full stop: "Did the mayor resign".
    """
    body = sentence.rstrip(" \"'”’)]")
    if body.endswith("?"):
        return True
    first = _WORD.match(sentence.lstrip(" \"'“‘(["))
    if first is None or body.endswith((".", "!")):
        return False
    return first.group(0).lower() in language.question_openers
