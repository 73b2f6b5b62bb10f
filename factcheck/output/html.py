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
from datetime import datetime, timezone
from html import escape

import click

from factcheck import __version__
from factcheck.disagreements import ConflictGroup
from factcheck.errors import FactcheckError
from factcheck.output.base import Asked
from factcheck.output.excerpts import figures, marked
from factcheck.output.findings import display_path, error_message, lint_summary
from factcheck.output.svg import timeline_svg, verdict_bar
from factcheck.reports import ConflictReport, LintReport, VerifyReport
from factcheck.settings import Settings
from factcheck.verdicts import ClaimResult, Evidence

VERDICTS = ("supported", "partial", "contradicted", "unverified", "disputed")

STYLE = """
:root{--ok:#1a7f37;--bad:#cf222e;--warn:#9a6700;--part:#bf8700;--dis:#8250df;--mute:#57606a;--line:#d0d7de}
*{box-sizing:border-box}body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1f2328}
main{max-width:1100px;margin:0 auto;padding:1.5rem}h1{font-size:1.5rem;margin:0 0 .25rem}
h2{font-size:1.2rem;margin:2rem 0 .5rem;border-bottom:1px solid var(--line)}.meta{color:var(--mute);margin:0}
.bar{margin:1rem 0 .25rem}.bar svg{width:100%;height:28px;display:block}.legend button{margin:.2rem .4rem .2rem 0}
button{font:inherit;border:1px solid var(--line);background:#f6f8fa;border-radius:6px;padding:.1rem .6rem}
button{cursor:pointer}
button[aria-pressed=true]{background:#1f2328;color:#fff}.controls{display:flex;gap:.75rem;align-items:center;flex-wrap:wrap}
input[type=search]{font:inherit;padding:.3rem .5rem;min-width:18rem;border:1px solid var(--line);border-radius:6px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.5rem;border-top:1px solid var(--line)}
th{font-size:.85rem;color:var(--mute)}.id{font-weight:600;word-break:break-all}.loc{color:var(--mute);font-size:.85rem}
.claim-text{font-style:italic}.v{font-weight:600;white-space:nowrap}
.v-supported{color:var(--ok)}.v-contradicted{color:var(--bad)}
.v-unverified{color:var(--warn)}.v-partial{color:var(--part)}.v-disputed{color:var(--dis)}.expected{color:var(--bad);font-size:.85rem}
mark{background:none;font-weight:700;text-decoration:underline}mark.agree{color:var(--ok)}mark.disagree{color:var(--bad)}
mark.unsupported{color:var(--bad);background:#ffebe9;text-decoration:underline wavy}
.ev{margin:0 0 .6rem}.ev.neutral{color:var(--mute)}.ev-head{font-size:.85rem}.src{font-family:ui-monospace,monospace}
.st-supports{color:var(--ok)}.st-contradicts{color:var(--bad)}.st-neutral{color:var(--mute)}.reason{font-weight:600}
tr[hidden]{display:none}.group{border:1px solid var(--line);border-radius:8px;padding:.75rem 1rem;margin:1rem 0}
.group h3{margin:0;font-size:1.05rem}.sev{font-size:.85rem;font-weight:600}.sev-conflict{color:var(--bad)}
.sev-change{color:var(--warn)}.sev-resolved{color:var(--ok)}.timeline{width:100%;max-width:720px;height:auto}
.value{font-weight:700;white-space:nowrap}dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}
dt{color:var(--mute)}dd{margin:0;font-family:ui-monospace,monospace;font-size:.85rem}
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
  buttons.forEach(function(b){b.addEventListener('click',function(){
    verdict=(verdict===b.dataset.filter)?'':b.dataset.filter; apply();});});
  q.addEventListener('input',apply);
  var hash=new URLSearchParams(location.hash.slice(1));
  if(hash.get('verdict')){verdict=hash.get('verdict');} if(hash.get('q')){q.value=hash.get('q');}
  apply();
})();
"""


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


def where(evidence: Evidence) -> str:
    page = getattr(evidence.sentence, "page", None)  # set by paged readers (PDF)
    return f"{evidence.doc}:{evidence.line}" + (f" (page {page})" if page else "")


def evidence_html(evidence: Evidence) -> str:
    marks = [(q.start, q.end, "agree") for q in evidence.agreeing]
    marks += [(q.start, q.end, "disagree") for q in evidence.disagreeing]
    said = figures(evidence)
    reason = f' · <span class="reason">{esc(said)}</span>' if said else ""
    stance = esc(evidence.stance)
    return (
        f'<div class="ev {stance}"><div class="ev-head"><span class="src">{esc(where(evidence))}</span>'
        f' · <span class="st-{stance}">{stance}</span> · score {evidence.score:.0f}{reason}</div>'
        f"<div>{highlighted(evidence.sentence.text, marks)}</div></div>"
    )


def claim_row(result: ClaimResult, catalogue: str) -> str:
    marks = [(s.start, s.end, "unsupported") for s in result.unsupported]
    expected = ""
    if not result.ok:
        expected = f'<div class="expected">expected {esc(result.expected)}</div>'
    unsupported = ""
    if result.unsupported:
        unsupported = (
            '<div class="expected">not backed: ' + ", ".join(f"“{esc(s.text)}”" for s in result.unsupported) + "</div>"
        )
    best, rest = result.evidence[:1], result.evidence[1:]
    evidence = "".join(evidence_html(ev) for ev in best) or '<span class="loc">no sentence speaks of this</span>'
    if rest:
        evidence += f"<details><summary>{len(rest)} more</summary>{''.join(evidence_html(ev) for ev in rest)}</details>"
    return (
        f'<tr id="claim-{esc(result.claim.id)}" data-verdict="{esc(result.verdict)}" '
        f'data-ok="{str(result.ok).lower()}"><td><div class="id">{esc(result.claim.id)}</div>'
        f'<div class="loc">{esc(catalogue)}:{result.claim.line}</div>'
        f'<div class="claim-text">{highlighted(result.claim.text, marks)}</div>{unsupported}</td>'
        f'<td><span class="v v-{esc(result.verdict)}">{esc(result.verdict)}</span>{expected}</td>'
        f"<td>{evidence}</td></tr>"
    )


def verify_section(report: VerifyReport) -> str:
    counts = report.counts
    failing = report.failures
    buttons = [
        f'<button type="button" data-filter="attention" aria-pressed="false">needs attention ({len(failing)})</button>'
    ]
    buttons += [
        f'<button type="button" data-filter="{v}" aria-pressed="false">{v} ({n})</button>'
        for v, n in counts.items()
        if n
    ]
    ordered = [*failing, *(r for r in report.results if r.ok)]
    catalogue = display_path(report.catalogue)
    state = f"{len(failing)} not as expected" if failing else "all as expected"
    return (
        f'<section id="claims"><h2>Claims: {len(report.results)}, {state}</h2>'
        f'<div class="bar">{verdict_bar(counts)}</div><div class="legend controls">{"".join(buttons)}</div>'
        '<div class="controls"><input type="search" id="q" placeholder="Search claims and evidence" '
        'aria-label="Search claims and evidence"><span id="count" class="loc"></span></div>'
        "<table><thead><tr><th>claim</th><th>verdict</th><th>evidence</th></tr></thead><tbody>"
        + "".join(claim_row(r, catalogue) for r in ordered)
        + "</tbody></table></section>"
    )


def group_html(group: ConflictGroup) -> str:
    state = "resolved" if group.resolved else group.severity
    note = ""
    if group.resolution is not None:
        res = group.resolution
        note = "<p>resolved" + (f": <b>{esc(res.value)}</b> stands" if res.value else "")
        note += (f" — {esc(res.note)}" if res.note else "") + "</p>"
    rows = []
    for st in group.timeline():
        when = st.as_of_text or (st.as_of.isoformat() if st.as_of else "undated")
        sentence = highlighted(st.sentence, [(st.quantity.start, st.quantity.end, "disagree")])
        rows.append(
            f'<tr><td class="value">{esc(st.quantity.text)}</td><td>{esc(when)}</td>'
            f'<td class="src">{esc(st.source)}</td><td>{sentence}</td></tr>'
        )
    return (
        f'<article class="group"><h3>{esc(group.subject)} <span class="sev sev-{state}">{state}</span></h3>'
        f"{note}{timeline_svg(group)}<table><thead><tr><th>value</th><th>as of</th><th>source</th>"
        f"<th>sentence</th></tr></thead><tbody>{''.join(rows)}</tbody></table></article>"
    )


def conflicts_section(report: ConflictReport) -> str:
    s = report.summary()
    head = (
        f"{s['statements']} statements; {s['conflicts']} conflicts, {s['changes']} changes over time, "
        f"{s['resolved']} resolved, {s['unresolved']} unresolved"
    )
    groups = sorted(report.groups, key=lambda g: g.resolved)
    body = "".join(group_html(g) for g in groups) or "<p>No disagreements found.</p>"
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
    body = (verify_section(verify) if verify else "") + (conflicts_section(conflicts) if conflicts else "") + extra
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
