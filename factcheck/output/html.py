"""The html format: one self-contained page to open in a browser or keep as a CI artifact.

A summary bar of the verdicts, a table of the claims (filter by verdict, search; the
URL's ``#verdict=contradicted&q=words`` sets both), each claim with its evidence
sentences, figures highlighted, ``file:line`` (and page); the conflicts, each with its
values drawn against their dates (inline SVG, one mark per source); the run's settings.

Nothing is fetched: no network, no CDN. The page's Content-Security-Policy allows no
source at all but its own style and script, named by their SHA-256, so even a text that
escaped its escaping could not run. Every text from a catalogue or a document goes
through :func:`esc`; a document is shown only as the sentences cited from it.
"""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from html import escape
from pathlib import Path
from urllib.parse import quote

import click

from factcheck import __version__
from factcheck.disagreements import ConflictGroup, Statement
from factcheck.errors import FactcheckError
from factcheck.output.base import Asked
from factcheck.output.excerpts import figures, marked
from factcheck.output.findings import Places, display_path, error_message, lint_summary
from factcheck.output.svg import timeline_svg, verdict_bar
from factcheck.quantities.time import as_written
from factcheck.records import is_url
from factcheck.reports import ConflictReport, LintReport, VerifyReport
from factcheck.settings import Settings
from factcheck.verdicts import ClaimResult, Evidence

VERDICTS = ("supported", "partial", "contradicted", "unverified", "disputed")

STYLE = """
:root{--ok:#1a7f37;--bad:#cf222e;--part:#9a6700;--unv:#656d76;--warn:#9a6700;--dis:#8250df;--mute:#57606a;
--line:#d0d7de;--link:#0969da}
*{box-sizing:border-box}
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328;background:#ffffff}
main{max-width:1100px;margin:0 auto;padding:1.5rem}h1{font-size:1.5rem;margin:0 0 .25rem}
h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}.meta{color:var(--mute);margin:0}
a{color:var(--link)}td,dd,h3{overflow-wrap:break-word}.src,.loc,.id{overflow-wrap:anywhere}
.bar{margin:1rem 0 .25rem}.bar svg{display:block}.legend button{margin:.2rem .4rem .2rem 0}
button{font:inherit;border:1px solid var(--line);background:#f6f8fa;color:#1f2328;border-radius:6px;padding:.1rem .6rem}
button{cursor:pointer}.sw{display:inline-block;width:.75rem;height:.75rem;border-radius:2px;margin-right:.35rem}
.sw-supported{background:var(--ok)}.sw-partial{background:var(--part)}.sw-contradicted{background:var(--bad)}
.sw-unverified{background:var(--unv)}.sw-disputed{background:var(--dis)}.sw-attention{background:#1f2328}
button[aria-pressed=true]{background:#1f2328;color:#ffffff}
.controls{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}
button[aria-pressed=true] .sw{outline:1px solid #ffffff}
input[type=search]{font:inherit;padding:.3rem .5rem;width:18rem;max-width:100%;border:1px solid var(--line)}
input[type=search]{border-radius:6px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.5rem;border-top:1px solid var(--line)}
th{font-size:.85rem;color:var(--mute)}.id{font-weight:600}.loc{color:var(--mute);font-size:.85rem}
.claim-text{font-style:italic}.v{font-weight:600;white-space:nowrap}
.v-supported{color:var(--ok)}.v-contradicted{color:var(--bad)}
.v-unverified{color:var(--unv)}.v-partial{color:var(--part)}.v-disputed{color:var(--dis)}.expected{color:var(--bad);font-size:.85rem}
mark{background:none;font-weight:700;text-decoration:underline}mark.agree{color:var(--ok)}mark.disagree{color:var(--bad)}
mark.unsupported{color:var(--bad);background:#ffebe9;text-decoration:underline wavy}
.ev{margin:0 0 .6rem}.ev.neutral{color:var(--mute)}.ev-head{font-size:.85rem}.src{font-family:ui-monospace,monospace}
.st-supports{color:var(--ok)}.st-contradicts{color:var(--bad)}.st-neutral{color:var(--mute)}.reason{font-weight:600}
tr[hidden]{display:none}.group{border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin:1rem 0}
.group h3{margin:0;font-size:1.05rem}.sev{font-size:.85rem;font-weight:600}.sev-conflict{color:var(--bad)}
.sev-change{color:var(--warn)}.sev-resolved{color:var(--ok)}.timeline{width:100%;max-width:720px;height:auto}
.value{font-weight:700;white-space:nowrap}
dl{display:grid;grid-template-columns:max-content minmax(0,1fr);gap:.2rem 1rem}
dt{color:var(--mute)}dd{margin:0;font-family:ui-monospace,monospace;font-size:.85rem}
@media (max-width:640px){
main{padding:1rem .75rem}td,dd,h3{overflow-wrap:anywhere}input[type=search]{width:100%}
dl{grid-template-columns:minmax(0,1fr)}dd{margin-bottom:.4rem}
table,thead,tbody,tr,th,td{display:block}
thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
tr{border-top:1px solid var(--line);padding:.5rem 0}td{border-top:none;padding:.15rem 0}
.group{padding:.75rem}
}
"""

SCRIPT = """
(function(){
  var rows=[].slice.call(document.querySelectorAll('#claims tbody tr'));
  var q=document.getElementById('q'), count=document.getElementById('count');
  var buttons=[].slice.call(document.querySelectorAll('[data-filter]')), verdict='';
  function apply(){
    var words=q.value.toLowerCase().split(/\\s+/).filter(Boolean), shown=0;
    rows.forEach(function(r){
      var text=r.textContent.toLowerCase();
      var ok=(!verdict||r.dataset.verdict===verdict||(verdict==='attention'&&r.dataset.ok==='false'))
        &&words.every(function(w){return text.indexOf(w)>=0;});
      r.hidden=!ok; if(ok){shown++;}
    });
    buttons.forEach(function(b){b.setAttribute('aria-pressed',String(b.dataset.filter===verdict));});
    count.textContent=shown+' of '+rows.length+' claims';
    document.body.dataset.filter=verdict; document.body.dataset.shown=String(shown);
  }
  function remember(){
    var p=new URLSearchParams(); if(verdict){p.set('verdict',verdict);} if(q.value){p.set('q',q.value);}
    var hash=p.toString()?'#'+p.toString():'';
    if(hash===location.hash){return;}
    try{history.replaceState(null,'',hash||location.pathname+location.search);}catch(e){location.hash=hash;}
  }
  function restore(){
    var hash=new URLSearchParams(location.hash.slice(1));
    verdict=hash.get('verdict')||''; q.value=hash.get('q')||''; apply();
  }
  buttons.forEach(function(b){b.addEventListener('click',function(){
    verdict=(verdict===b.dataset.filter)?'':b.dataset.filter; apply(); remember();});});
  q.addEventListener('input',function(){apply(); remember();});
  window.addEventListener('hashchange',restore);
  restore();
})();
"""


@dataclass(frozen=True)
class Links:
    """Where the page's ``file:line`` links point: each file relative to the folder the page is opened from
    (``report -o``'s, else the working directory), percent-encoded, so a name holding ":" or "#" is a path,
    never a scheme or a fragment; a fetched page links its URL."""

    base: Path
    documents: str  # the documents folder, relative to base

    @classmethod
    def of(cls, report: VerifyReport | ConflictReport | None, asked: Asked) -> Links:
        out = asked.options.get("out")
        base = Path(out).resolve().parent if out and out != "-" else Path.cwd()
        documents = report.documents if report is not None else Path.cwd()
        return cls(base, relative_href(documents.resolve(), base))

    def path(self, path: Path | str) -> str:
        """A file, as the working directory names it, from the page's folder."""
        return relative_href(Path(path).resolve(), self.base)

    def doc(self, doc: str) -> str:
        if is_url(doc):
            return doc if doc.startswith(("http://", "https://")) else ""
        return quote(doc, safe="/") if self.documents in ("", ".") else f"{self.documents}/{quote(doc, safe='/')}"


def relative_href(target: Path, base: Path) -> str:
    try:
        rel = os.path.relpath(target, base)
    except ValueError:  # another drive (Windows): no relative path
        return target.as_uri()
    return quote(Path(rel).as_posix(), safe="/")


def link(href: str, text: str, cls: str) -> str:
    """``text`` in a link to ``href`` (escaped), or plain where there is nothing to link to."""
    if not href:
        return f'<span class="{cls}">{esc(text)}</span>'
    return f'<a class="{cls}" href="{esc(href)}">{esc(text)}</a>'


def esc(text: object) -> str:
    """Any text shown on the page: HTML-escaped, quotes too (it may land in an attribute)."""
    return escape(str(text), quote=True).replace("\n", "&#10;")  # no line of the page starts with user text


def _csp_hash(source: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(source.encode()).digest()).decode() + "'"


def highlighted(text: str, marks: list[tuple[int, int, str]]) -> str:
    """``text`` escaped, the marked stretches in ``<mark class=kind>``."""
    return "".join(
        f'<mark class="{kind}">{esc(words)}</mark>' if kind else esc(words) for words, kind in marked(text, marks, None)
    )


@dataclass(frozen=True)
class Sources:
    """How the page names a file (from the working directory, as every format does) and links it (from
    the page's folder)."""

    places: Places
    links: Links

    @classmethod
    def of(cls, report: VerifyReport | ConflictReport, asked: Asked) -> Sources:
        return cls(Places.of(report), Links.of(report, asked))

    def evidence(self, evidence: Evidence) -> str:
        page = evidence.sentence.page  # set by paged readers (PDF)
        text = f"{self.places.doc(evidence.doc)}:{evidence.line}" + (f" (page {page})" if page else "")
        return link(self.links.doc(evidence.doc), text, "src")

    def claim(self, result: ClaimResult) -> str:
        catalogue = self.places.catalogue or ""
        return link(self.links.path(catalogue), f"{catalogue}:{result.claim.line}", "loc")

    def statement(self, st: Statement) -> str:
        if st.doc is None or st.claim is not None:
            return f'<span class="src">{esc(self.places.source(st))}</span>'
        return link(self.links.doc(st.doc), self.places.source(st), "src")


def evidence_html(evidence: Evidence, sources: Sources) -> str:
    marks = [(q.start, q.end, "agree") for q in evidence.agreeing]
    marks += [(q.start, q.end, "disagree") for q in evidence.disagreeing]
    said = figures(evidence)
    reason = f' · <span class="reason">{esc(said)}</span>' if said else ""
    stance = esc(evidence.stance)
    return (
        f'<div class="ev {stance}"><div class="ev-head">{sources.evidence(evidence)}'
        f' · <span class="st-{stance}">{stance}</span> · score {evidence.score:.0f}{reason}</div>'
        f"<div>{highlighted(evidence.sentence.text, marks)}</div></div>"
    )


def claim_row(result: ClaimResult, sources: Sources) -> str:
    marks = [(s.start, s.end, "unsupported") for s in result.unsupported]
    expected = ""
    if not result.ok and result.claim.expect is not None:
        expected = f'<div class="expected">expected {esc(result.expected)}</div>'
    unsupported = ""
    if result.unsupported:
        unsupported = (
            '<div class="expected">not backed: ' + ", ".join(f"“{esc(s.text)}”" for s in result.unsupported) + "</div>"
        )
    best, rest = result.evidence[:1], result.evidence[1:]
    evidence = "".join(evidence_html(ev, sources) for ev in best)
    evidence = evidence or '<span class="loc">no sentence speaks of this</span>'
    if rest:
        more = "".join(evidence_html(ev, sources) for ev in rest)
        evidence += f"<details><summary>{len(rest)} more</summary>{more}</details>"
    return (
        f'<tr id="claim-{esc(result.claim.id)}" data-verdict="{esc(result.verdict)}" '
        f'data-ok="{str(result.ok).lower()}"><td><div class="id">{esc(result.claim.id)}</div>'
        f"<div>{sources.claim(result)}</div>"
        f'<div class="claim-text">{highlighted(result.claim.text, marks)}</div>{unsupported}</td>'
        f'<td><span class="v v-{esc(result.verdict)}">{esc(result.verdict)}</span>{expected}</td>'
        f"<td>{evidence}</td></tr>"
    )


def legend(counts: dict[str, int], failing: int) -> str:
    """The filter buttons, each verdict's with its colour as in the bar: the bar's legend."""
    buttons = [
        f'<button type="button" data-filter="attention" aria-pressed="false">needs attention ({failing})</button>'
    ]
    buttons += [
        f'<button type="button" data-filter="{v}" aria-pressed="false">'
        f'<span class="sw sw-{v}" aria-hidden="true"></span>{v} ({n})</button>'
        for v, n in counts.items()
        if n
    ]
    return f'<div class="legend controls">{"".join(buttons)}</div>'


def verify_section(report: VerifyReport, asked: Asked) -> str:
    counts = report.counts
    failing = report.failures
    ordered = [*failing, *(r for r in report.results if r.ok)]
    sources = Sources.of(report, asked)
    state = f"{len(failing)} not as expected" if failing else "all as expected"
    return (
        f'<section id="claims"><h2>Claims: {len(report.results)}, {state}</h2>'
        f'<div class="bar">{verdict_bar(counts)}</div>{legend(counts, len(failing))}'
        '<div class="controls"><input type="search" id="q" placeholder="Search claims and evidence" '
        'aria-label="Search claims and evidence"><span id="count" class="loc"></span></div>'
        "<table><thead><tr><th>claim</th><th>verdict</th><th>evidence</th></tr></thead><tbody>"
        + "".join(claim_row(r, sources) for r in ordered)
        + "</tbody></table></section>"
    )


def group_html(group: ConflictGroup, sources: Sources) -> str:
    state = "resolved" if group.resolved else group.severity
    note = ""
    if group.resolution is not None:
        res = group.resolution
        note = "<p>resolved" + (f": <b>{esc(res.value)}</b> stands" if res.value else "")
        note += (f" — {esc(res.note)}" if res.note else "") + "</p>"
    rows = []
    for st in group.timeline():
        when = st.as_of_text or (as_written(st.as_of) if st.as_of else "undated")
        sentence = highlighted(st.sentence, [(st.quantity.start, st.quantity.end, "disagree")])
        rows.append(
            f'<tr><td class="value">{esc(st.quantity.text)}</td><td>{esc(when)}</td>'
            f"<td>{sources.statement(st)}</td><td>{sentence}</td></tr>"
        )
    return (
        f'<article class="group"><h3>{esc(group.subject)} <span class="sev sev-{state}">{state}</span></h3>'
        f"{note}{timeline_svg(group)}<table><thead><tr><th>value</th><th>as of</th><th>source</th>"
        f"<th>sentence</th></tr></thead><tbody>{''.join(rows)}</tbody></table></article>"
    )


def conflicts_section(report: ConflictReport, asked: Asked) -> str:
    s = report.summary()
    head = (
        f"{s['statements']} statements; {s['conflicts']} conflicts, {s['changes']} changes over time, "
        f"{s['resolved']} resolved, {s['unresolved']} unresolved"
    )
    sources = Sources.of(report, asked)
    groups = sorted(report.groups, key=lambda g: g.resolved)
    body = "".join(group_html(g, sources) for g in groups) or "<p>No disagreements found.</p>"
    return f'<section id="conflicts"><h2>Conflicts</h2><p class="meta">{esc(head)}</p>{body}</section>'


def _settings_rows(prefix: str, value: object) -> list[str]:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [
            row
            for f in dataclasses.fields(value)
            for row in _settings_rows(f"{prefix}.{f.name}" if prefix else f.name, getattr(value, f.name))
        ]
    return [f"<dt>{esc(prefix)}</dt><dd>{esc(value)}</dd>"]


def settings_section(asked: Asked) -> str:
    rows = [f"<dt>command</dt><dd>{esc(asked.command or 'factcheck')}</dd>"]
    rows += [f"<dt>--{esc(k)}</dt><dd>{esc(v)}</dd>" for k, v in sorted(asked.options.items())]
    if asked.elapsed is not None:
        rows.append(f"<dt>time</dt><dd>{asked.elapsed:.2f} s</dd>")
    rows += _settings_rows("", asked.settings or Settings())
    return f'<section id="settings"><h2>Run settings</h2><dl>{"".join(rows)}</dl></section>'


def page(verify: VerifyReport | None, conflicts: ConflictReport | None, asked: Asked, extra: str = "") -> str:
    """The whole page, for either report or both (``factcheck report``)."""
    report = verify or conflicts
    sources = ""
    if report is not None:
        catalogue = display_path(report.catalogue) if report.catalogue else "no catalogue"
        sources = f"{catalogue} against {display_path(report.documents)}/ · "
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    body = (verify_section(verify, asked) if verify else "") + (
        conflicts_section(conflicts, asked) if conflicts else ""
    )
    body += extra
    script = f"<script>{SCRIPT}</script>" if verify else ""
    csp = f"default-src 'none'; style-src {_csp_hash(STYLE)}; script-src {_csp_hash(SCRIPT)}; img-src data:"
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>factcheck report</title><style>{STYLE}</style></head><body><main>"
        f'<h1>factcheck report</h1><p class="meta">{esc(sources)}factcheck {esc(__version__)} · {stamp}</p>'
        f"{body}{settings_section(asked)}</main>{script}</body></html>\n"
    )


# ------------------------------------------------------------------- renderers


def render_verify(report: VerifyReport, asked: Asked) -> None:
    click.echo(page(report, None, asked), nl=False)


def render_conflicts(report: ConflictReport, asked: Asked) -> None:
    click.echo(page(None, report, asked), nl=False)


def render_lint(report: LintReport, asked: Asked) -> None:
    click.echo(
        page(None, None, asked, extra=f'<section id="lint"><h2>Lint</h2><p>{esc(lint_summary(report))}</p></section>'),
        nl=False,
    )


def render_error(exc: FactcheckError, command: str) -> None:
    where_ = display_path(exc.path) + (f":{exc.line}" if exc.line else "") + ": " if exc.path else ""
    click.echo(
        page(
            None,
            None,
            Asked(),  # bad input: nothing ran
            extra=f'<section id="error"><h2>{esc(command)}: bad input</h2>'
            f"<p>{esc(where_ + error_message(exc))}</p></section>",
        ),
        nl=False,
    )
