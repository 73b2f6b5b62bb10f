"""Pictures for the html format, drawn as inline SVG (no script, no fetch).

:func:`verdict_bar`: one bar, a segment per verdict. :func:`timeline_svg`: a group's
values against their dates, one mark per source (a circle for a document, a diamond for
a claim), undated statements in a column of their own; the value that stands (a
resolution's) in green. Every text is escaped.
"""

from __future__ import annotations

from datetime import date
from html import escape

from factcheck.disagreements import CHANGE, ConflictGroup, Statement

COLOURS = {  # each with white text on it at 4.5:1 or more (WCAG AA), and each a hue of its own
    "supported": "#1a7f37",
    "partial": "#9a6700",
    "contradicted": "#cf222e",
    "unverified": "#656d76",
    "disputed": "#8250df",
}
WIDTH, HEIGHT = 720, 220
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 40, 40
UNDATED_WIDTH = 90
WORDS_FROM, COUNT_FROM = 0.3, 0.04  # a segment this share of the bar shows "11 supported", or "11"


def esc(text: object) -> str:
    return escape(str(text), quote=True).replace("\n", "&#10;")  # no line of the page starts with user text


def _segment_label(verdict: str, n: int, share: float) -> str:
    if share >= WORDS_FROM:
        return f"{n} {verdict}"
    return str(n) if share >= COUNT_FROM else ""


def verdict_bar(counts: dict[str, int]) -> str:
    """A segment per verdict found, its width its share, labelled in words where it is wide enough (the
    legend beside the bar names every count): colour is never the only sign. Widths in percent, so it
    scales without stretching its text."""
    total = sum(counts.values()) or 1
    x = 0.0
    parts = []
    for verdict, n in counts.items():
        if not n:
            continue
        share = n / total
        label = _segment_label(verdict, n, share)
        text = (
            f'<text x="{100 * (x + share / 2):.2f}%" y="19" text-anchor="middle" font-size="13" '
            f'font-weight="600" fill="#ffffff">{esc(label)}</text>'
            if label
            else ""
        )
        parts.append(
            f'<g><rect x="{100 * x:.2f}%" y="0" width="{100 * share:.2f}%" height="28" '
            f'fill="{COLOURS.get(verdict, "#57606a")}"/>{text}<title>{esc(verdict)}: {n}</title></g>'
        )
        x += share
    said = ", ".join(f"{n} {v}" for v, n in counts.items() if n) or "no claims"
    return f'<svg width="100%" height="28" role="img" aria-label="verdicts: {esc(said)}">{"".join(parts)}</svg>'


def _x_scale(dates: list[date], plot_right: float) -> dict[date, float]:
    """Each distinct date's x, proportional to time (evenly spread when all fall on one day)."""
    distinct = sorted(set(dates))
    if not distinct:
        return {}
    if len(distinct) == 1:
        return {distinct[0]: (LEFT + plot_right) / 2}
    lo, hi = distinct[0].toordinal(), distinct[-1].toordinal()
    span = plot_right - LEFT - 20
    return {d: LEFT + 10 + span * (d.toordinal() - lo) / (hi - lo) for d in distinct}


def _y(value: float, lo: float, hi: float) -> float:
    if hi == lo:
        return (TOP + HEIGHT - BOTTOM) / 2
    return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * (value - lo) / (hi - lo)


def _mark(st: Statement, x: float, y: float, stands: bool) -> str:
    colour = "#1a7f37" if stands else "#cf222e"
    title = f"<title>{esc(st.quantity.text)} — {esc(st.source)} ({esc(st.as_of_text or st.as_of or 'undated')})</title>"
    if st.claim is not None:
        shape = (
            f'<polygon points="{x:.1f},{y - 6:.1f} {x + 6:.1f},{y:.1f} {x:.1f},{y + 6:.1f} {x - 6:.1f},{y:.1f}" '
            f'fill="white" stroke="{colour}" stroke-width="2">{title}</polygon>'
        )
    else:
        shape = f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="{colour}">{title}</circle>'
    return shape


def _stands(group: ConflictGroup, st: Statement) -> bool:
    res = group.resolution
    return (
        res is not None
        and res.value is not None
        and res.value.strip().lower() in (st.quantity.text.lower(), f"{st.value:g}")
    )


def _axes(xs: dict[date, float], values: dict[str, float], lo: float, hi: float, undated: bool) -> list[str]:
    base = HEIGHT - BOTTOM
    out = [f'<line x1="{LEFT}" y1="{base}" x2="{WIDTH - RIGHT}" y2="{base}" stroke="#d0d7de"/>']
    last = -1e9
    for d, x in sorted(xs.items()):
        if x - last >= 60:  # labels that would overlap are left out; every mark keeps its title
            out.append(
                f'<text x="{x:.1f}" y="{base + 16}" text-anchor="middle" font-size="11" fill="#57606a">'
                f"{esc(d.strftime('%b %Y'))}</text>"
            )
            last = x
    if undated:
        x = WIDTH - RIGHT - UNDATED_WIDTH / 2
        out.append(
            f'<text x="{x:.1f}" y="{base + 16}" text-anchor="middle" font-size="11" fill="#57606a">undated</text>'
        )
    last = -1e9
    for text, v in sorted(values.items(), key=lambda item: item[1]):
        y = _y(v, lo, hi)
        out.append(f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" stroke="#eaeef2"/>')
        if abs(last - y) >= 13:  # a label too close to the last is left out; the marks carry theirs
            out.append(
                f'<text x="{LEFT - 8}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="#1f2328">'
                f"{esc(text)}</text>"
            )
            last = y
    return out


LEGEND = (
    '<g font-size="11" fill="#57606a"><circle cx="{x}" cy="10" r="4" fill="#57606a"/>'
    '<text x="{x1}" y="14">document</text><polygon points="{p}" fill="white" stroke="#57606a" '
    'stroke-width="1.5"/><text x="{x3}" y="14">claim</text><circle cx="{x4}" cy="10" r="4" fill="#1a7f37"/>'
    '<text x="{x5}" y="14">the value that stands</text></g>'
)


def legend() -> str:
    x = WIDTH - RIGHT - 280
    diamond = f"{x + 80},5 {x + 85},10 {x + 80},15 {x + 75},10"
    return LEGEND.format(x=x, x1=x + 8, p=diamond, x3=x + 90, x4=x + 140, x5=x + 148)


def timeline_svg(group: ConflictGroup) -> str:
    """The group's values against their dates: a picture of who said what, when."""
    statements = group.timeline()
    dated = [s for s in statements if s.as_of is not None]
    undated = [s for s in statements if s.as_of is None]
    plot_right = WIDTH - RIGHT - (UNDATED_WIDTH if undated else 0)
    xs = _x_scale([s.as_of for s in dated if s.as_of is not None], plot_right)
    values = {s.quantity.text: s.quantity.normalised() for s in statements}
    lo, hi = min(values.values()), max(values.values())
    pad = (hi - lo) * 0.1
    lo, hi = lo - pad, hi + pad
    out = _axes(xs, values, lo, hi, bool(undated))
    placed = [
        (
            st,
            xs[st.as_of] if st.as_of is not None else WIDTH - RIGHT - UNDATED_WIDTH / 2,
            _y(st.quantity.normalised(), lo, hi),
        )
        for st in statements
    ]
    stacks: dict[tuple[float, float], int] = {}
    for _, x, y in placed:
        stacks[(x, y)] = stacks.get((x, y), 0) + 1
    points = [f"{x:.1f},{y:.1f}" for st, x, y in placed if st.as_of is not None and st.claim is None]
    seen: dict[tuple[float, float], int] = {}
    for st, x, y in placed:
        n = seen.get((x, y), 0)
        seen[(x, y)] = n + 1
        if not n:  # the value once per place, right of its marks
            out.append(
                f'<text x="{x + 12 * stacks[(x, y)] - 2:.1f}" y="{y + 4:.1f}" font-size="11" '
                f'font-weight="bold" fill="#1f2328">{esc(st.quantity.text)}</text>'
            )
        out.append(_mark(st, x + 12 * n, y, _stands(group, st)))
    if group.severity == CHANGE and len(points) > 1:
        out.insert(0, f'<polyline points="{" ".join(points)}" fill="none" stroke="#9a6700" stroke-dasharray="4 3"/>')
    out.append(legend())
    return (
        f'<svg class="timeline" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-label="{esc(group.subject)}: values over time">{"".join(out)}</svg>'
    )
