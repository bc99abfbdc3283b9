"""Reports as terminal tables (rich), Markdown, or one CSV file per section.

A report is a dict of sections, each ``(header, rows)``: what ``compare.to_tables`` and
``trace.to_tables`` return; these writers print any of them.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from ..compare import Comparison, to_tables

Tables = dict[str, tuple[list[str], list[list[Any]]]]

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


def tables_terminal(tables: Tables, titles: dict[str, str], console, lined: tuple[str, ...] = (), alarm: dict[str, int] | None = None) -> None:
    """Each non-empty section as a rich table; ``alarm`` colours one column of a section red."""
    from rich.table import Table

    alarm = alarm or {}
    for name, (header, rows) in tables.items():
        if not rows:
            continue
        table = Table(*header, title=titles.get(name, name), title_justify="left", show_lines=name in lined)
        for row in rows:
            table.add_row(*(f"[red]{_cell(v)}[/red]" if alarm.get(name) == j else _cell(v) for j, v in enumerate(row)))
        console.print(table)


def tables_markdown(heading: str, tables: Tables, titles: dict[str, str]) -> str:
    out = [f"# {heading}", ""]
    for name, (header, rows) in tables.items():
        if not rows:
            continue
        out += [f"## {titles.get(name, name)}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        out += ["| " + " | ".join(_cell(v).replace("|", "\\|").replace("\n", " ") for v in row) + " |" for row in rows]
        out.append("")
    return "\n".join(out)


def tables_csv(tables: Tables, directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (header, rows) in tables.items():
        path = directory / f"{name}.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as f:  # BOM: Excel opens Vietnamese correctly
            w = csv.writer(f)
            w.writerow(header)
            w.writerows([["" if v is None else v for v in row] for row in rows])
        written.append(path)
    return written


def terminal(cmp: Comparison, console) -> None:
    tables_terminal(to_tables(cmp), TITLES, console, lined=("plans", "agencies"), alarm={"gaps": 2})


def markdown(cmp: Comparison) -> str:
    return tables_markdown("Plans compared", to_tables(cmp), TITLES)
