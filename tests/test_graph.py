"""The citation graph of the bundled corpus: edges that cross documents, in all three formats."""

from __future__ import annotations

import csv
import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from trichxuat import extract
from trichxuat.cli import app
from trichxuat.graph import build, write
from trichxuat.inputs import documents

from .conftest import CORPORA


@pytest.fixture(scope="module")
def graph():
    records = [extract(p).model_dump(mode="json") for p in documents([CORPORA]) if p.suffix in (".txt", ".md")]
    return build(records)


def _record(graph, number, year):
    return next(n for n in graph.nodes.values() if n.kind == "record" and n.number == number and n.year == year)


def test_a_national_plan_in_the_set_is_linked_to_the_provincial_plans_that_implement_it(graph):
    national = _record(graph, "689/KH-UBATGTQG", 2023)
    citing = {(graph.nodes[e.source].number, graph.nodes[e.source].issuer, e.relation) for e in graph.edges if e.target == national.id}
    assert citing == {
        ("22/KH-UBND", "Ủy ban nhân dân tỉnh Đồng Nai", "thực hiện"),
        ("40/KH-UBND", "Ủy ban nhân dân tỉnh Hà Giang", "thực hiện"),
        ("165/KH-UBND", "Ủy ban nhân dân tỉnh Kon Tum", "triển khai thực hiện"),
        ("882/KH-UBND", "Ủy ban nhân dân tỉnh Quảng Nam", "thực hiện"),
        ("10/KH-UBND", "Ủy ban nhân dân tỉnh Bình Định", "thực hiện"),
    }
    assert national.cited_by == 5


def test_local_numbers_link_only_with_the_same_issuer_and_year(graph):
    # Sơn La 10/KH-UBND (2024) cites "Kế hoạch số 180/KH-UBND ngày 30/6/2022 của UBND tỉnh": resolved to Sơn La
    son_la_2024 = next(n for n in graph.nodes.values() if n.kind == "record" and n.number == "10/KH-UBND" and "Sơn La" in (n.issuer or ""))
    targets = {graph.nodes[e.target].id for e in graph.edges if e.source == son_la_2024.id}
    assert _record(graph, "180/KH-UBND", 2022).id in targets
    assert _record(graph, "60/KH-UBND", 2021).id in targets
    # three documents of the set are numbered 10/KH-UBND (Sơn La 2024, Bình Định 2022 and 2024): kept apart
    same_number = {n.id for n in graph.nodes.values() if n.number == "10/KH-UBND" and n.kind == "record"}
    assert len(same_number) == 3
    assert not any(e.target in same_number for e in graph.edges)


def test_the_graph_is_written_in_three_formats(graph, tmp_path):
    national = _record(graph, "689/KH-UBATGTQG", 2023)
    data = json.loads(write(graph, tmp_path / "graph.json")[0].read_text(encoding="utf-8"))
    assert any(e["target"] == national.id for e in data["edges"])
    edges_csv, nodes_csv = write(graph, tmp_path / "graph.csv")
    rows = list(csv.DictReader(open(edges_csv, encoding="utf-8")))
    assert sum(1 for r in rows if r["target"] == national.id) == 5
    assert any(r["id"] == national.id and r["kind"] == "record" for r in csv.DictReader(open(nodes_csv, encoding="utf-8")))
    root = ET.parse(write(graph, tmp_path / "graph.graphml")[0]).getroot()
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    assert len(root.findall(".//g:node", ns)) == len(graph.nodes)
    assert sum(1 for e in root.findall(".//g:edge", ns) if e.get("target") == national.id) == 5
    with pytest.raises(ValueError, match="unknown graph format"):
        write(graph, tmp_path / "graph.dot")


def test_cli_lists_the_plans_that_cite_a_number(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["graph", str(CORPORA / "tvpl-graph"), "--cites", "689/KH-UBATGTQG", "-o", str(tmp_path / "g.json")])
    assert result.exit_code == 0, result.output
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 5 and all("689" not in line.split("\t")[0] for line in lines)
    assert "Ủy ban nhân dân tỉnh Đồng Nai" in result.stdout
    records = tmp_path / "r.jsonl"
    runner.invoke(app, ["extract", *map(str, sorted((CORPORA / "tvpl-graph").glob("*.txt"))), "-o", str(records)])
    again = runner.invoke(app, ["graph", str(records), "--cites", "689/KH-UBATGTQG"])
    assert again.stdout == result.stdout  # records in, same answer as documents in
