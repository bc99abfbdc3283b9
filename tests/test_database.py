"""DuckDB tables from a real batch, and the questions auditors ask, checked against the gold files."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import CORPORA, SEEDS
from trichxuat import database
from trichxuat.batch import BatchOptions, run_batch
from trichxuat.batch.output import read_lines
from trichxuat.cli import app

# every gold document that needs no OCR: seeds and the born-digital PDFs and DOCX of the dev corpus
GOLD_DOCS = sorted(
    p for p in [*SEEDS.iterdir(), *(CORPORA / "dev-docs").iterdir()]
    if p.suffix in (".txt", ".md", ".pdf", ".docx") and "SCANNED" not in p.name and "laocai-dkt-1105" not in p.name
)


def _gold(doc: Path) -> dict:
    return json.loads(doc.with_suffix(".gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    out = tmp_path_factory.mktemp("db") / "records.jsonl"
    summary = run_batch([str(p) for p in GOLD_DOCS], BatchOptions(output=out, workers=2))
    assert summary.failed == 0
    path = out.with_name("plans.duckdb")
    database.load(read_lines(out), read_lines(out.with_name("errors.jsonl")), db=path).close()
    return path


def _query(db: Path, sql: str) -> list[tuple]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def test_every_table_is_filled_from_the_records(db):
    counts = dict(_query(db, "SELECT table_name, estimated_size FROM duckdb_tables()"))
    assert set(counts) == set(database.TABLES)
    assert _query(db, "SELECT count(*) FROM plans")[0][0] == len(GOLD_DOCS)
    n_bases = sum(len(_gold(d).get("legal_bases") or []) for d in GOLD_DOCS)
    got = _query(db, "SELECT count(*) FROM legal_bases")[0][0]
    assert abs(got - n_bases) <= 0.05 * n_bases  # legal-basis F1 is 0.99 on these documents
    # spans and joins survive the flattening
    row = _query(db, "SELECT p.number, l.number, l.span_start < l.span_end FROM legal_bases l JOIN plans p USING (plan_id) WHERE p.number = '173/KH-UBND' ORDER BY l.position LIMIT 1")
    assert row == [("173/KH-UBND", _gold(CORPORA / "dev-docs" / "hanoi-173-kh-ubnd-2026-festival.pdf")["legal_bases"][0]["number"], True)]


def test_agencies_leading_tasks_in_more_than_one_plan(db):
    leads = defaultdict(set)
    for doc in GOLD_DOCS:
        for task in _gold(doc).get("tasks") or []:
            if task["role"] == "lead":
                leads[task["agency"]].add(doc.name)
    expected = {a for a, plans in leads.items() if len(plans) > 1}
    assert expected == {"Công an", "Sở Nông nghiệp và Môi trường", "Sở Tài chính", "Sở Xây dựng"}
    got = {a for (a, *_rest) in _query(db, "SELECT * FROM lead_agencies_in_several_plans")}
    assert expected <= got


def test_total_budget_by_province(db):
    expected = defaultdict(int)
    for doc in GOLD_DOCS:
        g = _gold(doc)
        if (g.get("budget") or {}).get("total"):
            expected[g["issuer"]["province"]] += g["budget"]["total"]["amount"]
    got = {p: total for p, _p25, _n, _nb, total in _query(db, "SELECT * FROM budget_by_province") if total is not None}
    assert got == dict(expected) == {"Nghệ An": 170_429_000}


def test_query_command(db):
    r = CliRunner().invoke(app, ["query", str(db), "SELECT province, plans FROM budget_by_province WHERE province = 'Nghệ An'", "--format", "csv"])
    assert r.exit_code == 0, r.output
    n = sum(1 for d in GOLD_DOCS if _gold(d)["issuer"]["province"] == "Nghệ An")
    assert r.output.splitlines() == ["province,plans", f"Nghệ An,{n}"]
    r = CliRunner().invoke(app, ["query", str(db), "tables", "--format", "jsonl"])
    names = {json.loads(line)["name"] for line in r.output.splitlines()}
    assert set(database.TABLES) | set(database.VIEWS) == names
    r = CliRunner().invoke(app, ["query", str(db), "SELECT nope FROM plans"])
    assert r.exit_code == 1 and "query failed" in r.output


def test_parquet_tables(db, tmp_path):
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        written = database.write_parquet(con, tmp_path / "pq")
    assert {p.stem for p in written} == set(database.TABLES)
    n = duckdb.connect().execute(f"SELECT count(*) FROM '{tmp_path / 'pq' / 'tasks.parquet'}'").fetchall()[0][0]
    assert n == _query(db, "SELECT count(*) FROM tasks")[0][0] > 0


def test_docs_describe_every_table_and_view():
    doc = (Path(__file__).resolve().parent.parent / "docs" / "database.md").read_text(encoding="utf-8")
    for name in [*database.TABLES, *database.VIEWS]:
        assert f"`{name}`" in doc, name
    for table, cols in database.TABLES.items():
        for col, _ in cols:
            assert f"`{col}`" in doc, (table, col)
