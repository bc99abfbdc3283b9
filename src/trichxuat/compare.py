"""Plans side by side: what auditors compare across provinces, and the gaps between them.

A pure function from records (or gold files: the same shape) to a Comparison; the renderers in
``report/`` turn it into terminal tables, Markdown, CSV or a self-contained HTML page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .textnorm import collapse, fold

ROLE_ORDER = ("lead", "cooperate", "implement", "requested")
NOTABLE_WARNINGS = {"budget_words_mismatch", "budget_items_do_not_sum", "budget_words_unreadable", "portal_metadata_disagrees", "issuer_missing", "number_type_mismatch"}


@dataclass
class PlanColumn:
    label: str  # short: the number, else the record id
    issuer: str | None
    level: str | None
    province: str | None
    province_2025: str | None
    number: str | None
    date: str | None
    period: str | None
    signer: str | None
    title: str | None
    budget_total: int | None
    tasks: int
    source: str | None


@dataclass
class Row:
    key: str
    label: str
    cells: list[str | int | None]  # one per plan: what the plan says (amounts in VND), None when it says nothing

    @property
    def count(self) -> int:
        return sum(c is not None for c in self.cells)


@dataclass
class AgencyCell:
    roles: list[str]  # lead / cooperate / implement / requested, in that order
    tasks: int

    def __str__(self) -> str:
        return f"{'/'.join(self.roles)} ({self.tasks})"


@dataclass
class AgencyRow:
    agency: str
    cells: list[AgencyCell | None]


@dataclass
class Gap:
    plan: int | None  # column index, None for all
    kind: str  # no_budget, no_legal_basis, missing_common_basis, agency_absent, warning
    message: str


@dataclass
class Comparison:
    plans: list[PlanColumn]
    legal_bases: list[Row] = field(default_factory=list)
    programmes: list[Row] = field(default_factory=list)
    agencies: list[AgencyRow] = field(default_factory=list)
    budget: list[Row] = field(default_factory=list)
    funding: list[Row] = field(default_factory=list)
    targets: list[list[str]] = field(default_factory=list)  # per plan
    gaps: list[Gap] = field(default_factory=list)


def _number_key(number: str) -> str:
    return re.sub(r"\s+", "", fold(number)).upper()


def _citation_key(c: dict) -> str:
    if c.get("number"):
        return "n:" + _number_key(c["number"])
    return "t:" + fold(collapse(f"{c.get('doc_type') or ''} {c.get('title') or ''}"))[:90]


def _citation_label(c: dict) -> str:
    head = " ".join(x for x in (c.get("doc_type"), c.get("number")) if x)
    if c.get("date"):
        head += f" ({c['date']})"
    title = c.get("title") or ""
    if not head:
        return collapse(title)[:120]
    return head + (f": {collapse(title)[:90]}" if title else "")


def _plan_column(r: dict, i: int) -> PlanColumn:
    num, issued, iss = r.get("number") or {}, r.get("issued") or {}, r.get("issuer") or {}
    period, signer = r.get("period") or {}, r.get("signer") or {}
    total = ((r.get("budget") or {}).get("total") or {}).get("amount")
    number = num.get("raw") if num.get("number") else None
    years = [y for y in (period.get("start_year"), period.get("end_year")) if y]
    date = issued.get("date") or (issued.get("year") and "-".join(str(x) for x in (issued.get("year"), issued.get("month")) if x))
    return PlanColumn(
        label=number or (iss.get("district") or iss.get("province") or r.get("id") or f"plan {i + 1}"),
        issuer=iss.get("name"), level=iss.get("level"), province=iss.get("province"), province_2025=iss.get("province_2025"),
        number=number or num.get("raw"), date=date or None,
        period="–".join(str(y) for y in dict.fromkeys(years)) or None,
        signer=signer.get("name"), title=r.get("title"), budget_total=total, tasks=len(r.get("tasks") or []),
        source=(r.get("source") or {}).get("uri"),
    )


def _rows(records: list[dict], items_of, key_of, label_of, cell_of) -> list[Row]:
    rows: dict[str, Row] = {}
    for i, r in enumerate(records):
        for item in items_of(r):
            key = key_of(item)
            row = rows.setdefault(key, Row(key, label_of(item), [None] * len(records)))
            if row.cells[i] is None:
                row.cells[i] = cell_of(item)
    return sorted(rows.values(), key=lambda row: (-row.count, row.label))


def compare(records: list[dict]) -> Comparison:
    n = len(records)
    cmp = Comparison(plans=[_plan_column(r, i) for i, r in enumerate(records)])
    seen: Counter = Counter(p.label for p in cmp.plans)
    for p in cmp.plans:  # two plans of one place without a number: "Cửa Lò", "Cửa Lò (2)"
        if seen[p.label] > 1:
            seen[p.label] -= 1
            p.label = f"{p.label} ({seen[p.label] + 1})"
    cmp.legal_bases = _rows(records, lambda r: r.get("legal_bases") or [], _citation_key, _citation_label, lambda c: c.get("relation") or "cites")
    cmp.programmes = _rows(
        records, lambda r: r.get("programs") or [], lambda p: fold(p["name"]), lambda p: p["name"],
        lambda p: " / ".join(x for x in (p.get("project"), p.get("subproject")) if x) or "named",
    )
    # agencies: the roles each plan gives each agency, from its tasks
    matrix: dict[str, list[AgencyCell | None]] = {}
    for i, r in enumerate(records):
        roles: dict[str, Counter] = {}
        for t in r.get("tasks") or []:
            c = roles.setdefault(t["agency"], Counter())
            c[t.get("role") or "implement"] += 1
            if t.get("requested"):
                c["requested"] += 1
        for agency, c in roles.items():
            cells = matrix.setdefault(agency, [None] * n)
            cells[i] = AgencyCell([x for x in ROLE_ORDER if c[x]], sum(c[x] for x in ("lead", "cooperate", "implement")))
    cmp.agencies = sorted(
        (AgencyRow(a, cells) for a, cells in matrix.items()),
        key=lambda row: (-sum(c is not None for c in row.cells), -sum(c.tasks for c in row.cells if c), row.agency),
    )
    # budget: totals, then items, then funding-source kinds
    totals = Row("total", "Total (VND)", [p.budget_total for p in cmp.plans])
    items = _rows(records, lambda r: (r.get("budget") or {}).get("items") or [], lambda b: fold(b["label"]), lambda b: b["label"], lambda b: b["amount"])
    cmp.budget = [totals, *items]
    cmp.funding = _rows(
        records, lambda r: (r.get("budget") or {}).get("sources") or [], lambda s: s["kind"], lambda s: s["kind"],
        lambda s: (f"[{s['level']}] " if s.get("level") else "") + (collapse(s.get("text") or "")[:80] or "named"),
    )
    cmp.targets = [[collapse(t.get("text") or "") for t in r.get("targets") or []] for r in records]
    cmp.gaps = gaps(cmp, records)
    return cmp


def gaps(cmp: Comparison, records: list[dict]) -> list[Gap]:
    """What a plan lacks that the others have, and what its own record warns about."""
    n = len(records)
    out: list[Gap] = []
    for i, (p, r) in enumerate(zip(cmp.plans, records)):
        if p.budget_total is None:
            named = (r.get("budget") or {}).get("sources")
            out.append(Gap(i, "no_budget", f"{p.label}: no budget figure" + (" (funding sources are named, without an amount)" if named else "")))
        if not r.get("legal_bases"):
            out.append(Gap(i, "no_legal_basis", f"{p.label}: no legal basis"))
        for w in r.get("warnings") or []:
            if w.get("code") in NOTABLE_WARNINGS:
                out.append(Gap(i, "warning", f"{p.label}: {w['message']}"))
    if n < 2:
        return out
    for row in cmp.legal_bases:  # national guidance that most of the others cite
        if row.count >= 2 and row.count < n and row.count > (n - 1) / 2:
            for i, cell in enumerate(row.cells):
                if cell is None:
                    out.append(Gap(i, "missing_common_basis", f"{cmp.plans[i].label}: does not cite {row.label} (cited by {row.count} of {n})"))
    for arow in cmp.agencies:
        leads = sum(1 for c in arow.cells if c and "lead" in c.roles)
        if leads >= 2 and leads > n / 2:
            for i, c in enumerate(arow.cells):
                if c is None:
                    out.append(Gap(i, "agency_absent", f"{cmp.plans[i].label}: {arow.agency} leads in {leads} of {n} plans but has no task here"))
    return out


def to_tables(cmp: Comparison) -> dict[str, tuple[list[str], list[list[Any]]]]:
    """Every section as (header, rows): what the CSV and Markdown writers print."""
    labels = [p.label for p in cmp.plans]
    fields = ["issuer", "level", "province", "province_2025", "number", "date", "period", "signer", "budget_total", "tasks", "title", "source"]
    out: dict[str, tuple[list[str], list[list[Any]]]] = {
        "plans": (["field", *labels], [[f, *[getattr(p, f) for p in cmp.plans]] for f in fields]),
        "legal_bases": (["legal basis", *labels, "cited by"], [[r.label, *r.cells, r.count] for r in cmp.legal_bases]),
        "programmes": (["programme", *labels], [[r.label, *r.cells] for r in cmp.programmes]),
        "agencies": (["agency", *labels], [[a.agency, *[str(c) if c else None for c in a.cells]] for a in cmp.agencies]),
        "budget": (["budget", *labels], [[r.label, *r.cells] for r in cmp.budget]),
        "funding_sources": (["funding source", *labels], [[r.label, *r.cells] for r in cmp.funding]),
        "targets": (["plan", "target"], [[cmp.plans[i].label, t] for i, ts in enumerate(cmp.targets) for t in ts]),
        "gaps": (["plan", "kind", "gap"], [[None if g.plan is None else cmp.plans[g.plan].label, g.kind, g.message] for g in cmp.gaps]),
    }
    return out
