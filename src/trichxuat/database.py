"""Records as normalized tables, in DuckDB or Parquet: what auditors query across thousands of plans.

Every table but ``plans`` and ``errors`` has a ``plan_id`` that joins to ``plans.plan_id`` and a
``position`` (order in the record). Spans are three columns: ``span_start``, ``span_end``,
``span_page``. The tables and views are documented in docs/database.md.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

_SPAN = [("span_start", "INTEGER"), ("span_end", "INTEGER"), ("span_page", "INTEGER")]
_CITATION = [
    ("doc_type", "VARCHAR"), ("number", "VARCHAR"), ("date", "DATE"), ("title", "VARCHAR"),
    ("issuer", "VARCHAR"), ("issuer_raw", "VARCHAR"), ("subject", "VARCHAR"),
]
_CHILD = [("plan_id", "INTEGER"), ("position", "INTEGER")]

TABLES: dict[str, list[tuple[str, str]]] = {
    "plans": [
        ("plan_id", "INTEGER"), ("record_id", "VARCHAR"), ("file", "VARCHAR"), ("sha256", "VARCHAR"),
        ("format", "VARCHAR"), ("portal", "VARCHAR"), ("pages", "INTEGER"), ("ocr", "BOOLEAN"),
        ("genre", "VARCHAR"), ("doc_type", "VARCHAR"), ("doc_type_code", "VARCHAR"),
        ("number", "VARCHAR"), ("number_raw", "VARCHAR"), ("issued_date", "DATE"), ("issued_year", "INTEGER"),
        ("issued_month", "INTEGER"), ("place", "VARCHAR"), ("title", "VARCHAR"),
        ("issuer", "VARCHAR"), ("issuer_parent", "VARCHAR"), ("issuer_level", "VARCHAR"),
        ("province", "VARCHAR"), ("district", "VARCHAR"), ("province_2025", "VARCHAR"),
        ("period_start", "INTEGER"), ("period_end", "INTEGER"), ("vision_year", "INTEGER"), ("scope", "VARCHAR"),
        ("budget_total", "BIGINT"), ("budget_total_text", "VARCHAR"), ("budget_words_amount", "BIGINT"),
        ("signer_name", "VARCHAR"), ("signer_position", "VARCHAR"), ("signer_mode", "VARCHAR"),
        ("signer_on_behalf_of", "VARCHAR"),
        ("n_legal_bases", "INTEGER"), ("n_tasks", "INTEGER"), ("n_agencies", "INTEGER"), ("n_warnings", "INTEGER"),
        ("record", "JSON"),
    ],
    "legal_bases": _CHILD + [("relation", "VARCHAR")] + _CITATION + _SPAN,
    "doc_references": _CHILD + _CITATION + _SPAN,
    "programmes": _CHILD + [("name", "VARCHAR"), ("project", "VARCHAR"), ("subproject", "VARCHAR")] + _SPAN,
    "targets": _CHILD + [
        ("text", "VARCHAR"), ("value", "DOUBLE"), ("unit", "VARCHAR"), ("comparator", "VARCHAR"),
        ("subject", "VARCHAR"), ("year", "INTEGER"),
    ] + _SPAN,
    "tasks": _CHILD + [
        ("agency", "VARCHAR"), ("agency_raw", "VARCHAR"), ("role", "VARCHAR"), ("requested", "BOOLEAN"),
        ("partners", "VARCHAR[]"), ("text", "VARCHAR"), ("deadline", "VARCHAR"), ("report_to", "VARCHAR"), ("task_group", "VARCHAR"),
    ] + _SPAN,
    "agencies": _CHILD + [
        ("name", "VARCHAR"), ("kind", "VARCHAR"), ("locality", "VARCHAR"), ("roles", "VARCHAR[]"), ("mentions", "INTEGER"),
    ] + _SPAN,
    "budget_items": _CHILD + [("label", "VARCHAR"), ("amount", "BIGINT")] + _SPAN,
    "funding_sources": _CHILD + [("kind", "VARCHAR"), ("level", "VARCHAR"), ("text", "VARCHAR"), ("reference", "VARCHAR")] + _SPAN,
    "recipients": _CHILD + [("name", "VARCHAR"), ("note", "VARCHAR")] + _SPAN,
    "warnings": _CHILD + [("code", "VARCHAR"), ("message", "VARCHAR")] + _SPAN,
    # the quality audit of each record (trichxuat audit): ok, score, and its flags
    "audit": [("plan_id", "INTEGER"), ("ok", "BOOLEAN"), ("score", "DOUBLE"), ("codes", "VARCHAR[]"), ("flags", "JSON")],
    "errors": [
        ("file", "VARCHAR"), ("sha256", "VARCHAR"), ("stage", "VARCHAR"), ("error_type", "VARCHAR"),
        ("message", "VARCHAR"), ("seconds", "DOUBLE"),
    ],
}

# Views for the questions auditors ask most; each is plain SQL over the tables above.
VIEWS: dict[str, str] = {
    "agency_participation": """
        SELECT t.agency, count(DISTINCT t.plan_id) AS plans,
               count(DISTINCT t.plan_id) FILTER (WHERE t.role = 'lead') AS plans_leading,
               count(*) AS tasks,
               count(*) FILTER (WHERE t.role = 'lead') AS tasks_lead,
               count(*) FILTER (WHERE t.role = 'cooperate') AS tasks_cooperate,
               count(*) FILTER (WHERE t.requested) AS tasks_requested
        FROM tasks t GROUP BY t.agency""",
    "lead_agencies_in_several_plans": """
        SELECT agency, plans_leading, tasks_lead FROM agency_participation
        WHERE plans_leading > 1 ORDER BY plans_leading DESC, agency""",
    "budget_by_province": """
        SELECT coalesce(province, '(unknown)') AS province, province_2025,
               count(*) AS plans, count(budget_total) AS plans_with_budget, sum(budget_total) AS budget_total
        FROM plans GROUP BY ALL ORDER BY budget_total DESC NULLS LAST""",
    "plans_without_budget": "SELECT plan_id, file, number, issuer, title FROM plans WHERE budget_total IS NULL",
    "plans_without_legal_basis": "SELECT plan_id, file, number, issuer, title FROM plans WHERE n_legal_bases = 0",
    "cited_documents": """
        SELECT doc_type, number, any_value(title) AS title, any_value(issuer) AS issuer,
               count(DISTINCT plan_id) AS cited_by_plans
        FROM legal_bases WHERE number IS NOT NULL GROUP BY doc_type, number ORDER BY cited_by_plans DESC""",
    "warnings_by_code": "SELECT code, count(*) AS n, count(DISTINCT plan_id) AS plans FROM warnings GROUP BY code ORDER BY n DESC",
    "records_to_review": """
        SELECT p.plan_id, p.file, p.number, p.issuer, p.title, a.score, a.codes
        FROM audit a JOIN plans p USING (plan_id) WHERE NOT a.ok ORDER BY a.score, p.plan_id""",
}


def _span(obj: dict | None) -> dict[str, Any]:
    s = (obj or {}).get("span") or {}
    return {"span_start": s.get("start"), "span_end": s.get("end"), "span_page": s.get("page")}


def _citation(c: dict) -> dict[str, Any]:
    return {k: c.get(k) for k, _ in _CITATION}


def rows(plan_id: int, r: dict) -> Iterator[tuple[str, dict[str, Any]]]:
    """One record → (table, row) pairs."""
    src, iss, num, issued = r.get("source") or {}, r.get("issuer") or {}, r.get("number") or {}, r.get("issued") or {}
    period, signer, budget = r.get("period") or {}, r.get("signer") or {}, r.get("budget") or {}
    total = budget.get("total") or {}
    doc_type = r.get("document_type") or {}
    yield "plans", {
        "plan_id": plan_id, "record_id": r.get("id"), "file": src.get("uri"), "sha256": src.get("sha256"),
        "format": src.get("format"), "portal": src.get("portal"), "pages": src.get("pages"), "ocr": src.get("ocr"),
        "genre": r.get("genre"), "doc_type": doc_type.get("name"), "doc_type_code": doc_type.get("code"),
        "number": num.get("raw") if num.get("number") else None, "number_raw": num.get("raw"),
        "issued_date": issued.get("date"), "issued_year": issued.get("year"), "issued_month": issued.get("month"),
        "place": issued.get("place"), "title": r.get("title"),
        "issuer": iss.get("name"), "issuer_parent": iss.get("parent"), "issuer_level": iss.get("level"),
        "province": iss.get("province"), "district": iss.get("district"), "province_2025": iss.get("province_2025"),
        "period_start": period.get("start_year"), "period_end": period.get("end_year"), "vision_year": period.get("vision_year"),
        "scope": r.get("scope"),
        "budget_total": total.get("amount"), "budget_total_text": total.get("text"), "budget_words_amount": total.get("words_amount"),
        "signer_name": signer.get("name"), "signer_position": signer.get("position"), "signer_mode": signer.get("mode"),
        "signer_on_behalf_of": signer.get("on_behalf_of"),
        "n_legal_bases": len(r.get("legal_bases") or []), "n_tasks": len(r.get("tasks") or []),
        "n_agencies": len(r.get("agencies") or []), "n_warnings": len(r.get("warnings") or []),
        "record": {k: v for k, v in r.items() if k != "text"},
    }

    def children(table: str, items: list[dict] | None, fields) -> Iterator[tuple[str, dict[str, Any]]]:
        for i, item in enumerate(items or []):
            yield table, {"plan_id": plan_id, "position": i, **fields(item), **_span(item)}

    yield from children("legal_bases", r.get("legal_bases"), lambda c: {"relation": c.get("relation"), **_citation(c)})
    yield from children("doc_references", r.get("references"), _citation)
    yield from children("programmes", r.get("programs"), lambda p: {k: p.get(k) for k in ("name", "project", "subproject")})
    yield from children("targets", r.get("targets"), lambda t: {k: t.get(k) for k in ("text", "value", "unit", "comparator", "subject", "year")})
    yield from children("tasks", r.get("tasks"), lambda t: {**{k: t.get(k) for k in ("agency", "agency_raw", "role", "requested", "partners", "text", "deadline", "report_to")}, "task_group": t.get("group")})
    yield from children("agencies", r.get("agencies"), lambda a: {k: a.get(k) for k in ("name", "kind", "locality", "roles", "mentions")})
    yield from children("budget_items", budget.get("items"), lambda b: {"label": b.get("label"), "amount": b.get("amount")})
    yield from children("funding_sources", budget.get("sources"), lambda f: {k: f.get(k) for k in ("kind", "level", "text", "reference")})
    yield from children("recipients", r.get("recipients"), lambda x: {"name": x.get("name"), "note": x.get("note")})
    yield from children("warnings", r.get("warnings"), lambda w: {"code": w.get("code"), "message": w.get("message")})
    from .audit import audit_record

    a = audit_record(r)
    yield "audit", {"plan_id": plan_id, "ok": a.ok, "score": a.score, "codes": [f.code for f in a.flags],
                    "flags": [{**f.as_json(), "severity": f.severity} for f in a.flags]}


def _create(con, table: str) -> None:
    cols = ", ".join(f'"{c}" {t}' for c, t in TABLES[table])
    con.execute(f'CREATE OR REPLACE TABLE "{table}" ({cols})')


def load(records: Iterable[dict], errors: Iterable[dict] = (), *, con=None, db: Path | None = None):
    """Build every table and view from records and error rows; returns the DuckDB connection.

    Rows go through newline-delimited JSON files that DuckDB reads in bulk (row-by-row inserts
    are two orders of magnitude slower).
    """
    import duckdb

    if con is None:
        if db is not None:
            db.parent.mkdir(parents=True, exist_ok=True)
        con = duckdb.connect(str(db) if db else ":memory:")
    with tempfile.TemporaryDirectory(prefix="trichxuat-db-") as tmp:
        files = {t: open(Path(tmp) / f"{t}.jsonl", "w", encoding="utf-8") for t in TABLES}
        try:
            for plan_id, record in enumerate(records, 1):
                for table, row in rows(plan_id, record):
                    files[table].write(json.dumps(row, ensure_ascii=False) + "\n")
            for row in errors:
                files["errors"].write(json.dumps({c: row.get(c) for c, _ in TABLES["errors"]}, ensure_ascii=False) + "\n")
        finally:
            for f in files.values():
                f.close()
        for table, cols in TABLES.items():
            _create(con, table)
            path = Path(tmp) / f"{table}.jsonl"
            if path.stat().st_size == 0:
                continue
            spec = "{" + ", ".join(f"'{c}': '{t}'" for c, t in cols) + "}"
            con.execute(
                f"INSERT INTO \"{table}\" SELECT * FROM read_json(?, format='newline_delimited', columns={spec})",
                [str(path)],
            )
    for name, sql in VIEWS.items():
        con.execute(f'CREATE OR REPLACE VIEW "{name}" AS {sql}')
    return con


def write_parquet(con, directory: Path) -> list[Path]:
    """Every table as DIRECTORY/<table>.parquet."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for table in TABLES:
        path = directory / f"{table}.parquet"
        con.execute(f"COPY \"{table}\" TO '{_sql_str(path)}' (FORMAT parquet)")
        written.append(path)
    return written


def _sql_str(path: Path) -> str:
    return str(path).replace("'", "''")


def table_counts(con) -> dict[str, int]:
    return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in TABLES}


# --- the trace of a plan into its children (trichxuat trace --db) ------------------------------

TRACE_TABLES: dict[str, list[tuple[str, str]]] = {
    # one row per link: a parent task carried out by a child's task (or by the child as a whole)
    "trace_links": [
        ("parent_number", "VARCHAR"), ("parent_record_id", "VARCHAR"), ("parent_task", "INTEGER"), ("parent_task_text", "VARCHAR"),
        ("parent_lead", "VARCHAR"), ("parent_task_area", "VARCHAR"), ("child_number", "VARCHAR"), ("child_record_id", "VARCHAR"), ("child_file", "VARCHAR"),
        ("child_plan_id", "INTEGER"), ("child_task", "INTEGER"), ("child_task_text", "VARCHAR"), ("child_lead", "VARCHAR"),
        ("child_deadline", "VARCHAR"), ("score", "DOUBLE"), ("how", "VARCHAR"), ("shared", "VARCHAR"),
    ],
    # one row per child: how it implements the parent, and its coverage of the parent's tasks
    "trace_children": [
        ("parent_number", "VARCHAR"), ("child_number", "VARCHAR"), ("child_record_id", "VARCHAR"), ("child_file", "VARCHAR"),
        ("child_plan_id", "INTEGER"), ("issuer", "VARCHAR"), ("date", "DATE"), ("route", "VARCHAR"), ("relation", "VARCHAR"),
        ("parent_tasks_taken_up", "INTEGER"), ("parent_tasks", "INTEGER"), ("coverage", "DOUBLE"),
        ("own_tasks", "INTEGER"), ("own_tasks_traced_to_none", "INTEGER"),
    ],
}


def write_trace(con, tr) -> dict[str, int]:
    """Replace the parent's rows of ``trace_links`` and ``trace_children``; returns the rows written.

    ``child_plan_id`` joins to ``plans`` when the database holds the children (a ``batch --db``
    database); otherwise it is null.
    """
    from .trace import TITLE_TASK, link_rows

    for table, cols in TRACE_TABLES.items():
        con.execute(f'CREATE TABLE IF NOT EXISTS "{table}" (' + ", ".join(f'"{c}" {t}' for c, t in cols) + ")")
        for c, t in cols:  # a table an earlier version wrote lacks the columns added since
            con.execute(f'ALTER TABLE "{table}" ADD COLUMN IF NOT EXISTS "{c}" {t}')
        con.execute(f'DELETE FROM "{table}" WHERE parent_number = ?', [tr.parent.number or tr.parent.label])
    has_plans = bool(con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = 'plans'").fetchone()[0])
    plan_ids: dict[str, int] = {}
    if has_plans:
        plan_ids = {f: i for i, f in con.execute("SELECT plan_id, file FROM plans").fetchall() if f}
    links = [
        {**row, "parent_number": tr.parent.number or tr.parent.label, "parent_record_id": row["parent_id"],
         "child_record_id": row["child_id"], "child_file": row["child_source"], "child_plan_id": plan_ids.get(row["child_source"])}
        for row in link_rows(tr)
    ]
    children = []
    for ci, c in enumerate(tr.children):
        own = [t for t in c.tasks if t.index != TITLE_TASK]
        children.append({
            "parent_number": tr.parent.number or tr.parent.label, "child_number": c.plan.number, "child_record_id": c.plan.id,
            "child_file": c.plan.source, "child_plan_id": plan_ids.get(c.plan.source), "issuer": c.plan.issuer, "date": c.plan.date,
            "route": c.route, "relation": c.relation, "parent_tasks_taken_up": len(tr.taken_up(ci)), "parent_tasks": len(tr.traced),
            "coverage": round(tr.coverage(ci), 4), "own_tasks": len(own), "own_tasks_traced_to_none": len(tr.unmatched(ci)),
        })
    for table, rows_ in (("trace_links", links), ("trace_children", children)):
        cols = [c for c, _ in TRACE_TABLES[table]]
        if rows_:
            names = ", ".join(f'"{c}"' for c in cols)  # by name: an older table has its columns in another order
            con.executemany(f'INSERT INTO "{table}" ({names}) VALUES ({", ".join("?" * len(cols))})', [[r.get(c) for c in cols] for r in rows_])
    return {"trace_links": len(links), "trace_children": len(children)}
