"""`trichxuat compare` on the four plan seeds: the cells side by side equal the gold files'."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from tests.conftest import SEED
from trichxuat.cli import app
from trichxuat.compare import compare

PLANS = ["backan", "tuyphuoc", "kiengiang", "cualo"]


@pytest.fixture(scope="module")
def both(seed_records):
    extracted = compare([seed_records[k].model_dump(mode="json") for k in PLANS])
    gold = compare([json.loads(SEED[k].with_suffix(".gold.json").read_text(encoding="utf-8")) for k in PLANS])
    return extracted, gold


def _cells(rows):
    return {r.key: r.cells for r in rows}


def test_budgets_side_by_side(both):
    extracted, gold = both
    assert _cells(extracted.budget) == _cells(gold.budget)
    assert extracted.budget[0].cells == [None, None, None, 170_429_000]  # only Cửa Lò states a figure
    assert {k: [c is not None for c in v] for k, v in _cells(extracted.funding).items()} == {
        k: [c is not None for c in v] for k, v in _cells(gold.funding).items()
    }


def test_agencies_with_roles_side_by_side(both):
    extracted, gold = both

    def matrix(cmp):
        return {a.agency: [(c.roles, c.tasks) if c else None for c in a.cells] for a in cmp.agencies}

    assert matrix(extracted) == matrix(gold)
    row = matrix(extracted)["Sở Thông tin và Truyền thông"]
    assert row == [(["cooperate", "implement"], 3), None, (["lead", "implement"], 3), None]


def test_legal_bases_side_by_side(both):
    extracted, gold = both
    assert _cells(extracted.legal_bases) == _cells(gold.legal_bases)
    assert _cells(extracted.legal_bases)["n:650/QĐ-LĐTBXH"] == ["căn cứ", None, None, None]


def test_plans_header_and_gaps(both):
    extracted, gold = both
    assert [p.label for p in extracted.plans] == ["182/KH-UBND", "Tuy Phước", "Kiên Giang", "Cửa Lò"]
    assert [(p.province, p.province_2025, p.level) for p in extracted.plans] == [(p.province, p.province_2025, p.level) for p in gold.plans]
    kinds = {(g.plan, g.kind) for g in extracted.gaps}
    assert {(0, "no_budget"), (1, "no_budget"), (2, "no_budget")} <= kinds and (3, "no_budget") not in kinds


def test_gaps_name_what_the_others_have():
    a = {"id": "a", "legal_bases": [{"number": "689/KH-UBATGTQG", "doc_type": "Kế hoạch", "relation": "căn cứ"}],
         "tasks": [{"agency": "Công an tỉnh", "role": "lead", "text": "x"}], "budget": {"total": {"amount": 5}}}
    b = json.loads(json.dumps(a)) | {"id": "b"}
    c = {"id": "c", "legal_bases": [], "tasks": [{"agency": "Sở Y tế", "role": "lead", "text": "y"}]}
    cmp = compare([a, b, c])
    messages = [g.message for g in cmp.gaps if g.plan == 2]
    assert "c: no budget figure" in messages and "c: no legal basis" in messages
    assert "c: does not cite Kế hoạch 689/KH-UBATGTQG (cited by 2 of 3)" in messages
    assert "c: Công an tỉnh leads in 2 of 3 plans but has no task here" in messages


def test_compare_command_outputs(tmp_path):
    files = [str(SEED[k]) for k in PLANS]
    r = CliRunner().invoke(app, ["compare", *files, "--csv", str(tmp_path / "csv"), "--html", str(tmp_path / "r.html")])
    assert r.exit_code == 0, r.output
    with (tmp_path / "csv" / "budget.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["budget", "182/KH-UBND", "Tuy Phước", "Kiên Giang", "Cửa Lò"] and rows[1][4] == "170429000"
    assert "<svg" in (tmp_path / "r.html").read_text(encoding="utf-8")
    md = CliRunner().invoke(app, ["compare", *files, "--markdown"])
    assert "| Total (VND) | — | — | — | 170,429,000 |" in md.output
    term = CliRunner().invoke(app, ["compare", *files])
    assert term.exit_code == 0 and "Agencies (roles, tasks)" in term.output and "170,429,000" in term.output
    assert CliRunner().invoke(app, ["compare"]).exit_code == 2
