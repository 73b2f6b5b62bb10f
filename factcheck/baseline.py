"""``factcheck baseline``: today's verdicts written into the catalogue as ``expect:``, the way in
for a catalogue whose claims mostly fail on a first run.

Only the claims whose verdict is not the one they expect change, and only by their ``expect``
value: an existing value is replaced where it stands, a missing key is added as a new line
under the claim's last line (or, in a ``{flow: mapping}``, before its closing brace). Every
other character of the file stays as it was (comments, order, quoting, blank lines, line
endings, a byte-order mark), because the edit is made on the text at the positions the strict
reader (:mod:`factcheck.catalogue`) gives, not by dumping a YAML tree again: a round-trip
library (ruamel.yaml) re-indents sequences and re-wraps long lines the file did not ask it to.
The file is replaced atomically, keeping its permissions.
"""

from __future__ import annotations

import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import yaml

from factcheck.catalogue import Verdict, compose_catalogue, parse_catalogue
from factcheck.errors import FactcheckError
from factcheck.files import write_atomic

BOM = "\ufeff"


@dataclass(frozen=True)
class Expectation:
    """One claim's ``expect`` set to its verdict today."""

    claim: str
    line: int  # where the claim's entry starts
    was: str | None  # the value before (None: no 'expect:')
    now: Verdict

    def describe(self, catalogue: Path) -> str:
        before = f"was {self.was}" if self.was is not None else "had none: supported"
        return f"{catalogue}:{self.line}: {self.claim}: expect: {self.now} ({before})"


@dataclass(frozen=True)
class _Edit:
    start: int  # character offsets into the text
    end: int
    text: str


def _last_scalar(node: yaml.Node) -> yaml.ScalarNode:
    """The last scalar written inside a node: where the node's text ends on its last line."""
    while not isinstance(node, yaml.ScalarNode):
        if isinstance(node, yaml.MappingNode):
            node = node.value[-1][1]
        elif isinstance(node, yaml.SequenceNode) and node.value:
            node = node.value[-1]
        else:
            break
    return node  # type: ignore[return-value]


def _line_end(text: str, index: int) -> int:
    """The offset just past the end of the line holding ``index`` (its newline included)."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _insertion(text: str, item: yaml.MappingNode, verdict: str, newline: str) -> _Edit:
    """``expect: VERDICT`` added to a claim that has none."""
    if item.flow_style:
        close = item.end_mark.index - 1  # the closing brace
        return _Edit(close, close, f", expect: {verdict}")
    last = _last_scalar(item)
    end = last.end_mark
    at = end.index if end.column == 0 and end.index > last.start_mark.index else _line_end(text, end.index)
    prefix = "" if at == 0 or text[at - 1] == "\n" else newline  # a last line with no newline
    return _Edit(at, at, f"{prefix}{' ' * item.start_mark.column}expect: {verdict}{newline}")


def _claim_nodes(root: yaml.Node) -> list[yaml.MappingNode]:
    for key, value in root.value:
        if key.value == "claims":
            return list(value.value)
    return []


def _edits(path: Path, text: str, verdicts: Mapping[str, Verdict]) -> tuple[list[_Edit], list[Expectation]]:
    """The text edits that make each claim in ``verdicts`` expect its verdict, and what each changes."""
    parse_catalogue(path, text)  # sound as the run that judged it found it: bad input stops here
    root = compose_catalogue(path, text)
    newline = "\r\n" if "\r\n" in text else "\n"
    edits: list[_Edit] = []
    changes: list[Expectation] = []
    for item in _claim_nodes(root):
        fields = {str(k.value): v for k, v in item.value}
        claim_id = str(fields["id"].value).strip()
        if claim_id not in verdicts:
            continue
        verdict = verdicts[claim_id]
        node = fields.get("expect")
        was = str(node.value).strip().lower() if node is not None else None
        if (was or "supported") == verdict:
            continue
        if node is not None:
            edits.append(_Edit(node.start_mark.index, node.end_mark.index, verdict))
        else:
            edits.append(_insertion(text, item, verdict, newline))
        changes.append(Expectation(claim_id, item.start_mark.line + 1, was, verdict))
    return edits, changes


def write_expectations(path: Path, verdicts: Mapping[str, Verdict]) -> list[Expectation]:
    """Set each claim's ``expect`` to ``verdicts[id]`` in the catalogue at ``path``; what changed.

    The file is read again here: it is edited as it is now, and a claim no longer in it is left out.
    """
    try:
        raw = path.read_bytes()
        mode = stat.S_IMODE(path.stat().st_mode)
    except OSError as exc:
        raise FactcheckError(f"cannot read the catalogue: {exc.strerror}", str(path)) from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FactcheckError("catalogue is not UTF-8", str(path), hint="save it as UTF-8") from None
    edits, changes = _edits(path, text, verdicts)
    for edit in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: edit.start] + edit.text + text[edit.end :]
    if changes:
        bom = BOM if raw.startswith(BOM.encode()) else ""
        try:
            write_atomic(path.resolve(), (bom + text).encode("utf-8"), mode=mode)  # a link: its target
        except OSError as exc:
            raise FactcheckError(f"cannot write the catalogue: {exc.strerror}", str(path)) from None
    return changes
