"""Inline SVG charts: no library, no network; they scale to the page width."""

from __future__ import annotations

from html import escape

ROLE_COLOURS = {"lead": "#1b5e20", "cooperate": "#43a047", "implement": "#a5d6a7", "requested": "#fff3e0"}


def _short(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def budget_bars(labels: list[str], totals: list[int | None], title: str = "Budget by plan (VND)") -> str:
    """Horizontal bars, one per plan; a plan with no figure says so instead of a zero bar."""
    width, left, row = 720, 190, 30
    height = 40 + row * len(labels)
    top = max([t for t in totals if t] or [1])
    parts = [f'<svg class="chart budget-chart" role="img" aria-label="{escape(title)}" viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
             f'<title>{escape(title)}</title>']
    for i, (label, total) in enumerate(zip(labels, totals)):
        y = 20 + i * row
        parts.append(f'<text x="{left - 8}" y="{y + 17}" text-anchor="end" font-size="13">{escape(_short(label, 26))}</text>')
        if total is None:
            parts.append(f'<text x="{left}" y="{y + 17}" font-size="13" fill="#b71c1c" class="no-figure">no budget figure</text>')
            continue
        w = max(2, (width - left - 150) * total / top)
        parts.append(f'<rect class="bar" x="{left}" y="{y + 4}" width="{w:.1f}" height="{row - 10}" fill="#1565c0"><title>{escape(label)}: {total:,} VND</title></rect>')
        parts.append(f'<text x="{left + w + 6:.1f}" y="{y + 17}" font-size="12">{total:,}</text>')
    parts.append("</svg>")
    return "".join(parts)


def agency_heatmap(agencies: list[str], plans: list[str], cells: list[list[tuple[list[str], int] | None]], limit: int = 40) -> str:
    """Agencies × plans, coloured by the strongest role, with the task count in the cell."""
    agencies, cells = agencies[:limit], cells[:limit]
    left, cw, rh, head = 330, 92, 24, 64
    width = left + cw * len(plans) + 10
    height = head + rh * len(agencies) + 40
    parts = [f'<svg class="chart heatmap" role="img" aria-label="Agency participation by plan" viewBox="0 0 {width} {height}" width="100%" xmlns="http://www.w3.org/2000/svg">',
             "<title>Agency participation by plan</title>"]
    for j, p in enumerate(plans):
        x = left + j * cw + cw / 2
        parts.append(f'<text x="{x:.0f}" y="{head - 10}" text-anchor="middle" font-size="12">{escape(_short(p, 14))}</text>')
    for i, (agency, row) in enumerate(zip(agencies, cells)):
        y = head + i * rh
        parts.append(f'<text x="{left - 8}" y="{y + 16}" text-anchor="end" font-size="12">{escape(_short(agency, 48))}</text>')
        for j, cell in enumerate(row):
            x = left + j * cw
            if cell is None:
                parts.append(f'<rect x="{x + 2}" y="{y + 2}" width="{cw - 4}" height="{rh - 4}" fill="#f5f5f5" stroke="#e0e0e0"/>')
                continue
            roles, tasks = cell
            main = next((r for r in ("lead", "cooperate", "implement") if r in roles), "implement")
            colour = ROLE_COLOURS[main]
            stroke = ' stroke="#ef6c00" stroke-width="2"' if "requested" in roles else ""
            ink = "#fff" if main in ("lead", "cooperate") else "#000"
            parts.append(f'<rect class="cell role-{main}" x="{x + 2}" y="{y + 2}" width="{cw - 4}" height="{rh - 4}" fill="{colour}"{stroke}>'
                         f'<title>{escape(agency)} · {escape(plans[j])}: {escape("/".join(roles))}, {tasks} task(s)</title></rect>')
            parts.append(f'<text x="{x + cw / 2:.0f}" y="{y + 16}" text-anchor="middle" font-size="12" fill="{ink}">{tasks}</text>')
    y = head + rh * len(agencies) + 20
    for k, (role, colour) in enumerate(ROLE_COLOURS.items()):
        x = left + k * 110
        stroke = ' stroke="#ef6c00" stroke-width="2"' if role == "requested" else ""
        parts.append(f'<rect x="{x}" y="{y - 11}" width="14" height="14" fill="{colour}"{stroke}/><text x="{x + 20}" y="{y}" font-size="12">{role}</text>')
    parts.append("</svg>")
    return "".join(parts)
