"""The comparison as terminal tables (rich), Markdown, or one CSV file per section."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..compare import Comparison, to_tables

TITLES = {
    "plans": "Plans", "gaps": "Gaps", "budget": "Budget", "funding_sources": "Funding sources", "agencies": "Agencies (roles, tasks)",
    "legal_bases": "Legal bases", "programmes": "Programmes", "targets": "Targets",
}


def _cell(v: Any) -> str:
    if v is None:
        return "—"
    if isinstance(v, int) and not isinstance(v, bool):
        return f"{v:,}"
    return str(v)


def terminal(cmp: Comparison, console) -> None:
    from rich.table import Table

    for name, (header, rows) in to_tables(cmp).items():
        if not rows:
            continue
        table = Table(*header, title=TITLES[name], title_justify="left", show_lines=name in ("plans", "agencies"))
        for row in rows:
            table.add_row(*(f"[red]{_cell(v)}[/red]" if name == "gaps" and j == 2 else _cell(v) for j, v in enumerate(row)))
        console.print(table)


def markdown(cmp: Comparison) -> str:
    out = ["# Plans compared", ""]
    for name, (header, rows) in to_tables(cmp).items():
        if not rows:
            continue
        out += [f"## {TITLES[name]}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(_cell(v).replace("|", "\\|").replace("\n", " ") for v in row) + " |" for row in rows]
        out.append("")
    return "\n".join(out)


def write_csv(cmp: Comparison, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (header, rows) in to_tables(cmp).items():
        path = directory / f"{name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as f:  # BOM: Excel opens Vietnamese correctly
            w = csv.writer(f)
            w.writerow(header)
            w.writerows([["" if v is None else v for v in row] for row in rows])
        written.append(path)
    return written
