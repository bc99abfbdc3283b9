"""Self-contained HTML: the comparison report and the highlighted document view. One file each,
inline CSS, inline SVG and a few lines of inline script; nothing is loaded from the network."""

from __future__ import annotations

import json
from dataclasses import dataclass
from html import escape
from typing import Any

from ..compare import Comparison, to_tables
from .svg import agency_heatmap, budget_bars

CSS = """
:root { --ink:#1a1a1a; --muted:#666; --line:#e0e0e0; --accent:#1565c0; --warn:#b71c1c; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif; color: var(--ink); margin: 0; }
header.top { padding: 12px 16px; background: #0d47a1; color: #fff; }
header.top h1 { font-size: 1.25rem; margin: 0; }
header.top p { margin: 2px 0 0; opacity: .85; font-size: .9rem; }
main { padding: 8px 16px 40px; max-width: 1400px; margin: auto; }
section { margin: 22px 0; }
h2 { font-size: 1.1rem; border-bottom: 2px solid var(--line); padding-bottom: 4px; }
.scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; }
table { border-collapse: collapse; font-size: .88rem; min-width: 100%; }
th, td { border: 1px solid var(--line); padding: 4px 8px; vertical-align: top; text-align: left; }
th { background: #fafafa; position: sticky; top: 0; }
td.none { background: #fff8f8; color: #bbb; text-align: center; }
td.yes { background: #e8f5e9; }
td.role-lead { background: #c8e6c9; font-weight: 600; }
ul.gaps li { color: var(--warn); margin: 3px 0; }
.chart { width: 100%; max-width: 820px; height: auto; display: block; }
.heatmap { max-width: 1100px; }
.legend { color: var(--muted); font-size: .85rem; }
"""

SHOW_CSS = """
.layout { display: flex; gap: 16px; align-items: flex-start; }
.doc { flex: 3 1 0; min-width: 0; }
.doc .text { white-space: pre-wrap; word-wrap: break-word; font: 14px/1.6 "Noto Serif", Georgia, serif; background: #fff; border: 1px solid var(--line); padding: 16px; }
aside.panel { flex: 2 1 0; position: sticky; top: 8px; max-height: calc(100vh - 16px); overflow-y: auto; border: 1px solid var(--line); padding: 8px 12px; font-size: .88rem; }
aside.panel h3 { font-size: .95rem; margin: 12px 0 4px; }
aside.panel ol { padding-left: 1.4em; margin: 0; }
aside.panel a { color: var(--accent); text-decoration: none; }
aside.panel a:hover { text-decoration: underline; }
mark { background: #fff59d; border-radius: 2px; padding: 0 1px; }
mark mark { background: #ffcc80; }
mark mark mark { background: #ef9a9a; }
mark.f-header { background: #bbdefb; } mark.f-legal_bases, mark.f-references { background: #c5e1a5; }
mark.f-tasks { background: #fff9c4; } mark.f-agencies { background: #ffe0b2; } mark.f-budget { background: #f8bbd0; }
mark.f-targets { background: #d1c4e9; } mark.f-signer, mark.f-recipients { background: #b2dfdb; }
mark.flash { outline: 3px solid #d50000; transition: outline .2s; }
@media (max-width: 800px) { .layout { flex-direction: column; } aside.panel { position: static; max-height: none; width: 100%; } }
"""

SHOW_JS = """
function flash(el) {
  document.querySelectorAll('mark.flash').forEach(function (m) { m.classList.remove('flash'); });
  el.classList.add('flash');
}
if (location.hash) {
  var first = document.getElementById(location.hash.slice(1));
  if (first) { first.scrollIntoView({block: 'center'}); flash(first); }
}
document.querySelectorAll('aside.panel a[data-target]').forEach(function (a) {
  a.addEventListener('click', function (e) {
    var el = document.getElementById(a.dataset.target);
    if (!el) return;
    e.preventDefault();
    el.scrollIntoView({behavior: 'smooth', block: 'center'});
    flash(el);
    history.replaceState(null, '', '#' + a.dataset.target);
  });
});
"""


def _page(title: str, subtitle: str, body: str, css: str = "", script: str = "") -> str:
    return (
        '<!doctype html><html lang="vi"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f"<title>{escape(title)}</title><style>{CSS}{css}</style></head><body>"
        f'<header class="top"><h1>{escape(title)}</h1><p>{escape(subtitle)}</p></header><main>{body}</main>'
        + (f"<script>{script}</script>" if script else "")
        + "</body></html>"
    )


def _table(header: list[str], rows: list[list[Any]], cls: str = "", cell_class=None) -> str:
    out = [f'<div class="scroll"><table class="{cls}"><thead><tr>' + "".join(f"<th>{escape(str(h))}</th>" for h in header) + "</tr></thead><tbody>"]
    for row in rows:
        tds = []
        for j, v in enumerate(row):
            klass = cell_class(j, v) if cell_class else ("none" if v is None else "")
            text = "—" if v is None else (f"{v:,}" if isinstance(v, int) and not isinstance(v, bool) else str(v))
            tds.append(f'<td class="{klass}">{escape(text)}</td>')
        out.append("<tr>" + "".join(tds) + "</tr>")
    out.append("</tbody></table></div>")
    return "".join(out)


def compare_html(cmp: Comparison) -> str:
    tables = to_tables(cmp)
    labels = [p.label for p in cmp.plans]
    body = []
    h, rows = tables["plans"]
    body.append(f'<section id="plans"><h2>Plans</h2>{_table(h, rows, "plans")}</section>')
    gaps = "".join(f'<li class="gap gap-{g.kind}">{escape(g.message)}</li>' for g in cmp.gaps) or "<li>none found</li>"
    body.append(f'<section id="gaps"><h2>Gaps ({len(cmp.gaps)})</h2><ul class="gaps">{gaps}</ul></section>')
    chart = budget_bars(labels, [p.budget_total for p in cmp.plans])
    h, rows = tables["budget"]
    body.append(f'<section id="budget"><h2>Budget</h2>{chart}{_table(h, rows, "budget")}')
    if cmp.funding:
        h, rows = tables["funding_sources"]
        body.append(f"<h3>Funding sources</h3>{_table(h, rows, 'funding')}")
    body.append("</section>")
    heat = agency_heatmap([a.agency for a in cmp.agencies], labels, [[(c.roles, c.tasks) if c else None for c in a.cells] for a in cmp.agencies])
    h, rows = tables["agencies"]

    def role_class(j: int, v: Any) -> str:
        if v is None:
            return "none"
        return "role-lead" if j > 0 and str(v).startswith("lead") else ""

    body.append(
        f'<section id="agencies"><h2>Agencies and their roles</h2><p class="legend">Cells: roles in the plan (lead / cooperate / '
        f"implement / requested) and the number of tasks.</p>{heat}{_table(h, rows, 'agencies', role_class)}</section>"
    )
    h, rows = tables["legal_bases"]

    def cited(j: int, v: Any) -> str:
        return "none" if v is None else ("yes" if 0 < j <= len(labels) else "")

    body.append(f'<section id="legal-bases"><h2>Legal bases</h2>{_table(h, rows, "legal-bases", cited)}</section>')
    if cmp.programmes:
        h, rows = tables["programmes"]
        body.append(f'<section id="programmes"><h2>Programmes</h2>{_table(h, rows, "programmes")}</section>')
    h, rows = tables["targets"]
    if rows:
        body.append(f'<section id="targets"><h2>Targets</h2>{_table(h, rows, "targets")}</section>')
    return _page("Plans compared", f"{len(cmp.plans)} plans: " + ", ".join(labels), "".join(body))


# --- the document view -----------------------------------------------------------------------------


@dataclass
class Value:
    path: str  # "legal_bases[2]", "number", "spans.title"
    group: str  # header, legal_bases, tasks, ...
    label: str
    start: int
    end: int
    page: int | None


_HEADER = ("document_type", "number", "issued", "issuer", "period", "title", "scope", "archive", "portal_metadata")


def _display(path: str, obj: dict) -> str:
    if path == "issued":
        when = obj.get("date") or "-".join(str(x) for x in (obj.get("year"), obj.get("month"), obj.get("day")) if x)
        return ", ".join(x for x in (when, obj.get("place")) if x) or path
    for key in ("raw", "name", "number", "text", "label", "date", "words"):
        v = obj.get(key)
        if isinstance(v, str) and v:
            if key == "text" and obj.get("agency"):
                return f"{obj['agency']}: {v}"
            if key == "number" and obj.get("doc_type"):
                return f"{obj['doc_type']} {v}"
            return v
    if obj.get("amount") is not None:
        return f"{obj['amount']:,}"
    if obj.get("start_year"):
        return f"{obj.get('start_year')}–{obj.get('end_year') or ''}"
    return path


def values_of(record: dict) -> list[Value]:
    """Every extracted value that has a span, with where it sits in the record."""
    out: list[Value] = []

    def walk(node: Any, path: str, group: str) -> None:
        if isinstance(node, dict):
            span = node.get("span")
            if isinstance(span, dict) and span.get("end", 0) > span.get("start", 0):
                label = _display(path, node)
                if group == "header":
                    label = f"{path.split('.')[0].replace('_', ' ')}: {label}"
                out.append(Value(path, group, label, span["start"], span["end"], span.get("page")))
            for k, v in node.items():
                if k not in ("span", "sections", "spans", "warnings", "text", "source"):
                    walk(v, f"{path}.{k}" if path else k, group or ("header" if k in _HEADER else k))
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}[{i}]", group)

    walk(record, "", "")
    for key, span in (record.get("spans") or {}).items():
        if span and span.get("end", 0) > span.get("start", 0):
            name, _, index = key.partition("[")
            value = record.get(name)
            if index and isinstance(value, list) and index.rstrip("]").isdigit() and int(index.rstrip("]")) < len(value):
                value = value[int(index.rstrip("]"))]
            out.append(Value(f"spans.{key}", "header", f"{name}: {value if isinstance(value, str) else key}", span["start"], span["end"], span.get("page")))
    out.sort(key=lambda v: (v.start, -v.end))
    return out


def highlight(text: str, values: list[Value]) -> str:
    """The text with one <mark> per value, nested where spans nest; a span that crosses the end of
    the one it starts in is cut there (the side panel still links to its start)."""
    parts: list[str] = []
    stack: list[int] = []  # end offsets of open marks
    pos = 0
    for i, v in enumerate(values):
        start, end = max(v.start, pos if not stack else v.start), min(v.end, len(text))
        while stack and stack[-1] <= start:
            parts.append(escape(text[pos : stack[-1]]))
            pos = stack.pop()
            parts.append("</mark>")
        if stack:
            end = min(end, stack[-1])
        if start < pos or end <= start:
            continue
        parts.append(escape(text[pos:start]))
        pos = start
        title = f"{v.path}: {v.label}"
        page = f' data-page="{v.page}"' if v.page else ""
        parts.append(f'<mark id="v{i}" class="f-{v.group}" data-path="{escape(v.path)}" title="{escape(title[:300])}"{page}>')
        stack.append(end)
    while stack:
        parts.append(escape(text[pos : stack[-1]]))
        pos = stack.pop()
        parts.append("</mark>")
    parts.append(escape(text[pos:]))
    return "".join(parts)


def show_html(record: dict, text: str) -> str:
    values = values_of(record)
    groups: dict[str, list[tuple[int, Value]]] = {}
    for i, v in enumerate(values):
        groups.setdefault(v.group, []).append((i, v))
    order = ["header", "legal_bases", "references", "programs", "targets", "tasks", "agencies", "budget", "signer", "recipients", "objectives", "audiences"]
    panel = []
    for g in sorted(groups, key=lambda g: order.index(g) if g in order else len(order)):
        items = "".join(
            f'<li><a href="#v{i}" data-target="v{i}" title="{escape(v.path)}">{escape(v.label[:140])}</a>'
            + (f' <small>p.{v.page}</small>' if v.page else "") + "</li>"
            for i, v in groups[g]
        )
        panel.append(f'<h3>{escape(g.replace("_", " "))} ({len(groups[g])})</h3><ol>{items}</ol>')
    warnings = "".join(f"<li>{escape(w.get('code', ''))}: {escape(w.get('message', ''))}</li>" for w in record.get("warnings") or [])
    if warnings:
        panel.append(f'<h3>warnings</h3><ul class="gaps">{warnings}</ul>')
    src = record.get("source") or {}
    subtitle = f"{src.get('uri') or 'text'} · {len(values)} values highlighted"
    issuer = (record.get("issuer") or {}).get("name") or ""
    number = (record.get("number") or {}).get("raw") or ""
    body = (
        f'<div class="layout"><div class="doc"><div class="text">{highlight(text, values)}</div></div>'
        f'<aside class="panel"><script type="application/json" id="record">{escape(json.dumps({"id": record.get("id")}))}</script>{"".join(panel)}</aside></div>'
    )
    return _page(f"{number} {issuer}".strip() or "Record", subtitle, body, SHOW_CSS, SHOW_JS)


# --- the trace of a plan into its children -----------------------------------------------------

TRACE_CSS = """
table.matrix td.cell { min-width: 180px; font-size: .8rem; }
table.matrix td.cell div.link { margin: 2px 0; padding: 2px 4px; border-radius: 3px; }
table.matrix td.ptask { min-width: 320px; max-width: 460px; }
table.matrix tr.untaken td.ptask { color: var(--warn); }
table.matrix tr.own td { color: var(--muted); background: #f5f5f5; }
table.matrix tr.area td { font-weight: 600; background: #eef2f7; position: sticky; left: 0; }
table.matrix th.child { min-width: 180px; }
.how { color: var(--muted); font-size: .75rem; }
.score { float: right; font-variant-numeric: tabular-nums; color: var(--muted); }
"""


def _shade(score: float) -> str:
    """Green deepening with similarity (0.3 → pale, 1.0 → strong)."""
    a = max(0.12, min(0.85, score))
    return f"background: rgba(46, 125, 50, {a:.2f})" + ("; color: #fff" if a > 0.55 else "")


def trace_html(tr) -> str:
    from ..trace import TITLE_TASK, to_tables

    tables = to_tables(tr)
    body = []
    h, rows = tables["children"]
    route = f"{len(tr.children)} children" + (f"; amended by {', '.join(a.number for a in tr.amendments)}" if tr.amendments else "")
    body.append(f'<section id="children"><h2>Children ({len(tr.children)})</h2>{_table(h, rows, "children")}</section>')
    if tr.amendments:
        h, rows = tables["amendments"]
        body.append(f'<section id="amendments"><h2>Amendments of the parent</h2>{_table(h, rows, "amendments")}</section>')
    h, rows = tables["coverage"]
    body.append(
        f'<section id="coverage"><h2>Coverage</h2><p class="legend">The share of the parent\'s {len(tr.traced)} traced tasks each '
        f"child takes up (by a task or by its title; the parent's {len(tr.own)} clauses on its own follow-up and reporting are not "
        f"traced), and the child's own tasks that trace to no parent task.</p>"
        f'{_table(h, rows, "coverage")}</section>'
    )
    h, rows = tables["areas"]
    if rows:
        body.append(
            '<section id="areas"><h2>Coverage by area</h2><p class="legend">The parent\'s areas of work (the group rows of its task '
            "table): how many of each area's tasks each child takes up, and how many no child does.</p>"
            f'{_table(h, rows, "areas")}</section>'
        )
    # the matrix: parent tasks as rows, children as columns
    head = ["<th>#</th><th>parent task (lead; deadline)</th>"]
    for ci, c in enumerate(tr.children):
        head.append(
            f'<th class="child" data-child="{escape(c.plan.label)}">{escape(c.plan.label)}<br><span class="how">{escape(c.plan.issuer or "")}</span>'
            f'<br><span class="coverage" data-child="{escape(c.plan.label)}" data-coverage="{tr.coverage(ci):.3f}">'
            f"{len(tr.taken_up(ci))}/{len(tr.traced)} = {tr.coverage(ci):.1%}</span></th>"
        )
    cells: dict[tuple[int, int], list] = {}
    for lk in tr.links:
        cells.setdefault((lk.parent_task, lk.child), []).append(lk)
    taken = {lk.parent_task for lk in tr.links}
    out = [f'<div class="scroll"><table class="matrix"><thead><tr>{"".join(head)}</tr></thead><tbody>']
    area = None
    for pi, p in enumerate(tr.parent_tasks):
        if p.group and p.group != area:  # the task table's group row, as the parent prints it
            area = p.group
            out.append(f'<tr class="area"><td colspan="{len(tr.children) + 2}">{escape(p.group)}</td></tr>')
        lead = "; ".join(x for x in (p.agency, p.deadline) if x)
        kind = "own" if pi in tr.own else "taken" if pi in taken else "untaken"
        note = " (the programme's own follow-up: not traced)" if pi in tr.own else ""
        row = [f'<tr class="{kind}" data-parent-task="{pi + 1}"><td>{pi + 1}</td>'
               f'<td class="ptask">{escape(p.text[:300])}<br><span class="how">{escape(lead)}{escape(note)}</span></td>']
        for ci, c in enumerate(tr.children):
            links = sorted(cells.get((pi, ci), []), key=lambda lk: -lk.score)
            if not links:
                row.append('<td class="cell none"></td>')
                continue
            parts = []
            for lk in links:
                t = tr.task(ci, lk.child_task)
                label = "the plan as a whole (its title)" if t.index == TITLE_TASK else t.text[:160]
                meta = "; ".join(x for x in (t.agency, t.deadline) if x)
                parts.append(
                    f'<div class="link" style="{_shade(lk.score)}" title="shared: {escape(", ".join(lk.shared))} · via {lk.how}">'
                    f'<span class="score">{lk.score:.2f}</span>{escape(label)}'
                    + (f'<br><span class="how">{escape(meta)}</span>' if meta else "") + "</div>"
                )
            row.append(f'<td class="cell">{"".join(parts)}</td>')
        out.append("".join(row) + "</tr>")
    out.append("</tbody></table></div>")
    body.append(
        '<section id="matrix"><h2>Coverage matrix</h2><p class="legend">Each cell: the child\'s tasks that carry out the parent task, '
        "with their lead and deadline; deeper green is more similar (hover for the shared words). Parent tasks in red: no child takes "
        f"them up.</p>{''.join(out)}</section>"
    )
    for name, title in (("untaken", "Parent tasks no child takes up"), ("unmatched", "Children's own tasks that trace to no parent task"), ("mentions", "Documents that name the parent but are not children")):
        h, rows = tables[name]
        if rows:
            body.append(f'<section id="{name}"><h2>{title} ({len(rows)})</h2>{_table(h, rows, name)}</section>')
    subtitle = f"{tr.parent.label} ({tr.parent.issuer or '?'}, {tr.parent.date or '?'}): {len(tr.parent_tasks)} tasks; {route}; threshold {tr.threshold}"
    return _page(f"Trace of {tr.parent.label}", subtitle, "".join(body), TRACE_CSS)
