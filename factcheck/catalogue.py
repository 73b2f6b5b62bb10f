"""The claim catalogue: a small YAML format, read strictly.

PyYAML's ``safe_load`` still expands alias bombs and silently keeps the last of two
duplicate keys, so the catalogue is read from the node tree instead: anchors and
aliases are refused, duplicates reported with both lines, unknown keys named with a
suggestion, and every claim keeps the line it stands on, for annotations in CI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Literal, get_args

import yaml
from rapidfuzz import process

from factcheck.errors import FactcheckError
from factcheck.limits import MAX_CATALOGUE_BYTES, MAX_CATALOGUE_NESTING, MAX_CLAIM_CHARS, MAX_CLAIMS
from factcheck.sanitize import visible

Verdict = Literal["supported", "partial", "contradicted", "unverified", "disputed"]
VERDICTS: tuple[Verdict, ...] = get_args(Verdict)
TOP_KEYS = {"claims", "documents", "resolutions"}
CLAIM_KEYS = {"id", "text", "sources", "expect", "note"}
RESOLUTION_KEYS = {"subject", "value", "note", "claims"}


@dataclass
class Claim:
    id: str
    text: str
    line: int = 0  # where the claim's entry starts in the catalogue (1-based; 0 when built in memory)
    column: int = 0
    sources: list[str] | None = None  # paths or globs relative to the documents folder (None: all)
    expect: Verdict | None = None
    note: str | None = None
    source_lines: list[int] = field(default_factory=list)
    documents: list[str] | None = None  # ``sources`` resolved to document paths (None: all)

    def __post_init__(self) -> None:
        self.id, self.text = visible(self.id), visible(self.text)  # built in memory, too: nothing a terminal obeys


@dataclass
class Resolution:
    """A writer's decision on a conflict: which value stands for a subject, and why."""

    subject: str
    value: str | None
    note: str | None
    line: int
    claims: list[str] = field(default_factory=list)


@dataclass
class Catalogue:
    claims: list[Claim]
    path: Path = Path("claims.yaml")  # where it was read from (messages and CI annotations point here)
    documents: str | None = None  # the documents folder, relative to the catalogue
    documents_line: int | None = None
    resolutions: list[Resolution] = field(default_factory=list)
    _resolved_for: object = field(default=None, init=False, repr=False, compare=False)

    def resolve_sources(self, corpus_paths: list[str]) -> None:
        """Resolve each claim's ``sources`` (paths or globs) to the document paths they match
        (once per list of paths: a run resolves before it selects claims, and judges after)."""
        paths = (tuple(corpus_paths), [(id(c), None if c.sources is None else tuple(c.sources)) for c in self.claims])
        if paths == self._resolved_for:
            return
        for claim in self.claims:
            if claim.sources is not None:
                claim.documents = self._matching(claim, corpus_paths)
        self._resolved_for = paths

    def urls(self) -> list[tuple[str, Claim, int]]:
        """Every URL cited in ``sources``, with its claim and line, in catalogue order."""
        out: list[tuple[str, Claim, int]] = []
        for claim in self.claims:
            lines = claim.source_lines or [claim.line] * len(claim.sources or [])
            out.extend((s, claim, line) for s, line in zip(claim.sources or [], lines, strict=True) if _is_url(s))
        return out

    def _matching(self, claim: Claim, corpus_paths: list[str]) -> list[str]:
        resolved: list[str] = []
        lines = claim.source_lines or [claim.line] * len(claim.sources or [])
        for pattern, line in zip(claim.sources or [], lines, strict=True):
            if _is_url(pattern):
                resolved.extend(self._url_document(claim, pattern, line, corpus_paths))
                continue
            norm = pattern.replace("\\", "/").removeprefix("./")
            matches = [p for p in corpus_paths if p == norm or fnmatchcase(p, norm)]
            if not matches:
                raise FactcheckError(
                    f"source '{pattern}' of claim '{claim.id}' matches no document",
                    str(self.path),
                    line or None,
                    hint="name a file under the documents folder, relative to it",
                )
            resolved.extend(m for m in matches if m not in resolved)
        return resolved

    def _url_document(self, claim: Claim, url: str, line: int, corpus_paths: list[str]) -> list[str]:
        """A cited URL stands for its snapshot, a document whose path is the URL."""
        if not url.lower().startswith(("http://", "https://")):
            raise FactcheckError(
                f"source '{url}' of claim '{claim.id}' is not an http(s) URL",
                str(self.path),
                line or None,
                hint="cite an https:// page, or a file under the documents folder",
            )
        if url not in corpus_paths:
            raise FactcheckError(
                f"source '{url}' of claim '{claim.id}' has no snapshot",
                str(self.path),
                line or None,
                hint="run 'factcheck fetch' to download it",
            )
        return [url]


def _is_url(source: str) -> bool:
    return "://" in source or source.lower().startswith(("file:", "data:", "javascript:"))


def _err(path: Path, node: yaml.Node | None, message: str, hint: str | None = None) -> FactcheckError:
    if node is None:
        return FactcheckError(message, str(path), hint=hint)
    mark = node.start_mark
    return FactcheckError(message, str(path), mark.line + 1, mark.column + 1, hint)


def _suggest(word: str, allowed: set[str]) -> str:
    best = process.extractOne(word, sorted(allowed), score_cutoff=60)
    known = ", ".join(sorted(allowed))
    return f"did you mean '{best[0]}'? known keys: {known}" if best else f"known keys: {known}"


# libyaml's parser where PyYAML was built with it (about 10x faster on a large catalogue); the same events
_LOADER: type[yaml.SafeLoader] | type[yaml.CSafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _check_events(path: Path, text: str) -> None:
    """Refuse aliases (alias bombs) and deep nesting before the node tree is built.

    PyYAML's composer recurses once per level and its scanner slows with depth, so the depth
    is checked on the event stream, which is read lazily: ``[[[[…`` stops at level 21.
    """
    try:
        _walk_events(path, text, _LOADER)
    except yaml.YAMLError as exc:
        if _LOADER is not yaml.SafeLoader and "nesting depth" in str(getattr(exc, "problem", None) or exc):
            # libyaml's own limit (PyYAML 6.0.4 on: 1,000 levels), met while it reads ahead past level 21:
            # PyYAML's Python parser finds where ours is passed, and says so as every version has
            _walk_events(path, text, yaml.SafeLoader)
        raise


def _walk_events(path: Path, text: str, loader: type[yaml.SafeLoader] | type[yaml.CSafeLoader]) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=loader):
        mark = event.start_mark
        where = (str(path), mark.line + 1 if mark else None, mark.column + 1 if mark else None)
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise FactcheckError(
                "YAML anchors and aliases are not allowed in a catalogue", *where, "write each value out in full"
            )
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_CATALOGUE_NESTING:
                raise FactcheckError(
                    f"lists and mappings nested deeper than {MAX_CATALOGUE_NESTING} levels",
                    *where,
                    "a catalogue needs four: claims, a claim, its sources",
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def _mapping(path: Path, node: yaml.Node, allowed: set[str], what: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    if not isinstance(node, yaml.MappingNode):
        raise _err(path, node, f"{what} must be a mapping of keys to values")
    out: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            raise _err(path, key_node, f"{what} has a key that is not a plain word")
        key = str(key_node.value)
        if key == "<<":
            raise _err(
                path, key_node, "YAML merge keys ('<<') are not allowed in a catalogue", "write each value out in full"
            )
        if key in out:
            first = out[key][0].start_mark.line + 1
            raise _err(path, key_node, f"duplicate key '{key}' in {what} (first on line {first})", "keep one of them")
        if key not in allowed:
            raise _err(path, key_node, f"unknown key '{key}' in {what}", _suggest(key, allowed))
        out[key] = (key_node, value_node)
    return out


def _string(path: Path, node: yaml.Node, what: str, allow_empty: bool = False) -> str:
    if not isinstance(node, yaml.ScalarNode) or (
        node.tag == "tag:yaml.org,2002:null" and node.value in ("", "~", "null")
    ):
        if isinstance(node, yaml.ScalarNode) and allow_empty:
            return ""
        raise _err(path, node, f"{what} must be text")
    value = visible(str(node.value)).strip()
    if not value and not allow_empty:
        raise _err(path, node, f"{what} is empty", "write the text, or remove the entry")
    return value


def _string_list(path: Path, node: yaml.Node, what: str) -> tuple[list[str], list[int]]:
    if isinstance(node, yaml.ScalarNode):
        return [_string(path, node, what)], [node.start_mark.line + 1]
    if not isinstance(node, yaml.SequenceNode):
        raise _err(path, node, f"{what} must be a path or a list of paths")
    values = [_string(path, item, what) for item in node.value]
    return values, [item.start_mark.line + 1 for item in node.value]


def compose_catalogue(path: Path, text: str) -> yaml.Node:
    """The YAML node tree, aliases refused; syntax errors with their position (the reader's first step,
    and the positions ``factcheck baseline`` edits at)."""
    if not text.strip():
        raise FactcheckError(
            "the catalogue is empty", str(path), hint="add a 'claims:' list with 'id' and 'text' for each claim"
        )
    try:
        _check_events(path, text)
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        if mark is None:
            raise FactcheckError(f"YAML syntax error: {problem}", str(path), hint="fix the YAML") from None
        raise FactcheckError(
            f"YAML syntax error: {problem}", str(path), mark.line + 1, mark.column + 1, _syntax_hint(problem)
        ) from None
    except yaml.YAMLError as exc:
        raise FactcheckError(f"YAML error: {exc}", str(path)) from None
    if root is None:
        raise FactcheckError("the catalogue is empty", str(path), hint="add a 'claims:' list")
    return root


# What usually causes a YAML syntax error in a catalogue, by the start of PyYAML's problem, and the fix
_SYNTAX_HINTS = {
    "mapping values are not allowed": "a value with ': ' in it must be quoted: text: \"Note: the figure is 12\"",
    "found character that cannot start any token": 'a value starting with ` @ or % must be quoted: text: "`x` ..."',
    "found unexpected end of stream": "a quote is not closed",
}


def _syntax_hint(problem: str) -> str:
    for start, hint in _SYNTAX_HINTS.items():
        if problem.startswith(start):
            return hint
    return "fix the YAML at that point"


_KINDS = {
    f"tag:yaml.org,2002:{t}": kind
    for t, kind in [
        ("int", "a number"),
        ("float", "a number"),
        ("bool", "yes or no"),
        ("null", "nothing"),
        ("timestamp", "a date"),
    ]
}


def _text(path: Path, node: yaml.Node, claim_id: str) -> str:
    """A claim's text: a string, never a number, date, yes/no or null that YAML read as such."""
    what = f"the text of claim '{claim_id}'"
    if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:str" and node.value.strip():
        raise _err(
            path,
            node,
            f"{what} is not text: YAML reads '{visible(node.value)}' as {_KINDS.get(node.tag, 'a value')}",
            f'a claim\'s text is a sentence; quote it: text: "{visible(node.value)}"',
        )
    return " ".join(_string(path, node, what).split())


def _claim(path: Path, item: yaml.Node, seen: dict[str, int]) -> Claim:
    """One entry of ``claims:``; ``seen`` maps ids already read to their lines."""
    fields = _mapping(path, item, CLAIM_KEYS, "a claim")
    for required in ("id", "text"):
        if required not in fields:
            raise _err(path, item, f"a claim has no '{required}'", f"add '{required}:' to it")
    id_node = fields["id"][1]
    claim_id = _string(path, id_node, "'id'")
    line = item.start_mark.line + 1
    if claim_id in seen:
        raise _err(
            path,
            id_node,
            f"duplicate claim id '{claim_id}' (first on line {seen[claim_id]})",
            "give each claim its own id",
        )
    seen[claim_id] = line
    text_value = _text(path, fields["text"][1], claim_id)
    if len(text_value) > MAX_CLAIM_CHARS:
        raise _err(
            path,
            fields["text"][1],
            f"the text of claim '{claim_id}' is {len(text_value):,} characters, over the {MAX_CLAIM_CHARS:,} limit",
            "a claim is a sentence or two; split it",
        )
    sources: list[str] | None = None
    source_lines: list[int] = []
    if "sources" in fields:
        sources, source_lines = _string_list(path, fields["sources"][1], f"'sources' of claim '{claim_id}'")
    expect = _expected_verdict(path, fields["expect"][1], claim_id) if "expect" in fields else None
    note = _string(path, fields["note"][1], "'note'", allow_empty=True) if "note" in fields else None
    return Claim(claim_id, text_value, line, item.start_mark.column + 1, sources, expect, note, source_lines)


def _expected_verdict(path: Path, node: yaml.Node, claim_id: str) -> Verdict:
    said = _string(path, node, f"'expect' of claim '{claim_id}'").lower()
    for verdict in VERDICTS:
        if said == verdict:
            return verdict
    raise _err(path, node, f"unknown verdict '{said}'", "expect one of: " + ", ".join(VERDICTS))


def _claims(path: Path, root: yaml.Node, top: dict[str, tuple[yaml.Node, yaml.Node]]) -> list[Claim]:
    if "claims" not in top:
        raise _err(path, root, "the catalogue has no 'claims:' list", "add 'claims:' with one entry per claim")
    claims_node = top["claims"][1]
    if not isinstance(claims_node, yaml.SequenceNode):
        raise _err(path, claims_node, "'claims' must be a list of claims (each starting with '- id:')")
    if not claims_node.value:
        raise _err(path, claims_node, "the 'claims' list is empty", "add at least one claim with 'id' and 'text'")
    if len(claims_node.value) > MAX_CLAIMS:
        raise _err(
            path, claims_node.value[MAX_CLAIMS], f"more than {MAX_CLAIMS:,} claims", "split the catalogue into several"
        )
    seen: dict[str, int] = {}
    return [_claim(path, item, seen) for item in claims_node.value]


def _resolution(path: Path, item: yaml.Node) -> Resolution:
    fields = _mapping(path, item, RESOLUTION_KEYS, "a resolution")
    if "subject" not in fields:
        raise _err(path, item, "a resolution has no 'subject'", "name the subject as 'factcheck conflicts' shows it")
    value = _string(path, fields["value"][1], "'value'") if "value" in fields else None
    note = _string(path, fields["note"][1], "'note'", allow_empty=True) if "note" in fields else None
    ids = _string_list(path, fields["claims"][1], "'claims'")[0] if "claims" in fields else []
    return Resolution(_string(path, fields["subject"][1], "'subject'"), value, note, item.start_mark.line + 1, ids)


def _resolutions(path: Path, top: dict[str, tuple[yaml.Node, yaml.Node]]) -> list[Resolution]:
    if "resolutions" not in top:
        return []
    node = top["resolutions"][1]
    if not isinstance(node, yaml.SequenceNode):
        raise _err(path, node, "'resolutions' must be a list")
    return [_resolution(path, item) for item in node.value]


def parse_catalogue(path: Path, text: str) -> Catalogue:
    """Parse catalogue text; every problem becomes a FactcheckError with its position."""
    root = compose_catalogue(path, text)
    top = _mapping(path, root, TOP_KEYS, "the catalogue")
    claims = _claims(path, root, top)
    documents = documents_line = None
    if "documents" in top:
        documents = _string(path, top["documents"][1], "'documents'")
        documents_line = top["documents"][1].start_mark.line + 1
    return Catalogue(claims, path, documents, documents_line, _resolutions(path, top))


def load_catalogue(path: Path | str) -> Catalogue:
    """Read a catalogue file; refuse what is missing, too large, or not UTF-8."""
    path = Path(path)
    if not path.exists():
        raise FactcheckError(
            "catalogue not found", str(path), hint="name another catalogue file, or create claims.yaml"
        )
    if path.is_dir():
        raise FactcheckError("catalogue is a folder, not a file", str(path), hint="name the YAML file inside it")
    size = path.stat().st_size
    if size > MAX_CATALOGUE_BYTES:
        raise FactcheckError(
            f"catalogue is {size // 1024} KiB, over the {MAX_CATALOGUE_BYTES // (1024 * 1024)} MiB limit",
            str(path),
            hint="split it into several catalogues",
        )
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        column = exc.start - (before.rfind(b"\n") + 1) + 1
        raise FactcheckError("catalogue is not UTF-8", str(path), line, column, "save it as UTF-8") from None
    return parse_catalogue(path, text)
