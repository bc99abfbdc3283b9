"""`trichxuat trace` on a real plan family (corpora/trace): Nghị quyết 03/NQ-CP, the nine plans and
decisions that implement it, and four documents of the same archive that do not."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess

import pytest
import yaml
from typer.testing import CliRunner

from trichxuat import extract
from trichxuat.cli import app
from trichxuat.graph import amendments, build
from trichxuat.trace import TITLE_TASK, is_own_business, score_alignment, trace

from .conftest import CORPORA, FIXTURES

TRACE = CORPORA / "trace"
PARENT = TRACE / "cp-03-nq-cp-2025-chuong-trinh-hanh-dong-nq57.md"
ALIGNMENT = FIXTURES / "trace" / "nq03-alignment.yaml"
CHILDREN = {
    "552/KH-UBND", "597/KH-UBND", "617/KH-UBND", "144/KH-UBND", "987/KH-UBND", "179/KH-UBND", "2629/QĐ-TTg", "2820/QĐ-UBND", "310/KH-UBND",
}
runner = CliRunner()


@pytest.fixture(scope="module")
def records():
    paths = [PARENT, *sorted((TRACE / "children").glob("*.md")), *sorted((TRACE / "others").glob("*.md"))]
    return [extract(p).model_dump(mode="json") for p in paths]


@pytest.fixture(scope="module")
def traced(records):
    return trace("03/NQ-CP", records)


def test_every_child_is_found_and_no_other_document(traced):
    assert {c.plan.number for c in traced.children} == CHILDREN
    assert {c.plan.source.rsplit("/", 1)[-1] for c in traced.children} == {p.name for p in (TRACE / "children").glob("*.md")}
    # the news page about 310/KH-UBND and the plans citing other resolutions are not children
    assert not any("/others/" in c.plan.source for c in traced.children)


def test_each_child_says_how_it_implements_the_parent(traced):
    route = {c.plan.number: c.route for c in traced.children}
    assert route["310/KH-UBND"] == "cites the parent"
    assert route["552/KH-UBND"] == "cites 71/NQ-CP, which amends the parent"
    assert route["617/KH-UBND"] == "implements 283/KH-UBND, which cites 71/NQ-CP, which amends the parent"
    assert route["987/KH-UBND"] == "implements 348/KH-UBND, which cites 71/NQ-CP, which amends the parent"
    relation = {c.plan.number: c.relation for c in traced.children}
    assert relation["310/KH-UBND"] == "triển khai thực hiện" and relation["617/KH-UBND"] == "thực hiện"


def test_the_amending_resolution_is_known_from_the_plans_that_cite_it(records, traced):
    """71/NQ-CP is not in the set: its amendment of 03/NQ-CP is read from citations, in both the
    active form ("71/NQ-CP ... sửa đổi, bổ sung cập nhật Chương trình hành động ...", matched with
    the parent's title) and the passive one ("03/NQ-CP ... được sửa đổi ... tại Nghị quyết số 71/NQ-CP")."""
    assert [a.number for a in traced.amendments] == ["71/NQ-CP"]
    parent_id = next(r["id"] for r in records if (r.get("number") or {}).get("raw") == "03/NQ-CP")
    found = amendments(records)
    assert any(a.number == "71/NQ-CP" and a.amended_id == parent_id for a in found)
    assert any(a.number == "71/NQ-CP" and a.amended_number == "03/NQ-CP" and "được sửa đổi" in a.how for a in found)


def test_the_citation_graph_has_an_amends_edge(records):
    g = build(records)
    amends = [(g.nodes[e.source].number, g.nodes[e.target].number) for e in g.edges if e.kind == "amends"]
    assert ("71/NQ-CP", "03/NQ-CP") in amends


def test_a_decisions_task_table_written_one_line_per_cell_is_read(records):
    """2629/QĐ-TTg's Phụ lục II is a table a converter wrote one cell per group of lines between
    lines holding only "|": its rows are tasks with their lead, partners and deadline."""
    r = next(r for r in records if (r.get("number") or {}).get("raw") == "2629/QĐ-TTg")
    row = next(t for t in r["tasks"] if t["text"].startswith("Xây dựng Luật An ninh dữ liệu"))
    assert (row["agency"], row["deadline"]) == ("Bộ Công an", "Tháng 12/2026")
    assert "Bộ Khoa học và Công nghệ" in row["partners"]
    assert len(r["tasks"]) >= 80


def test_the_parent_tasks_are_the_programme_task_table(traced):
    assert len(traced.parent_tasks) >= 140
    table_row = next(t for t in traced.parent_tasks if t.text.startswith("Xây dựng kế hoạch và triển khai hạ tầng 5G"))
    assert table_row.agency == "Các địa phương" and table_row.deadline


def test_a_plan_takes_up_a_parent_task_by_its_title(traced):
    by_title = [(traced.children[lk.child].plan.number, traced.parent_tasks[lk.parent_task].text) for lk in traced.links if lk.child_task == TITLE_TASK]
    for child, parent_task in (
        ("617/KH-UBND", "Xây dựng tổ chức triển khai Đề án chuyển đổi số cho các doanh nghiệp"),
        ("2629/QĐ-TTg", "Xây dựng Chương trình phát triển Chính phủ số"),
        ("310/KH-UBND", "Xây dựng kế hoạch và triển khai hạ tầng 5G, IoT"),
        ("597/KH-UBND", "Xây dựng, triển khai Đề án chuyển đổi số trong hoạt động xây dựng, quản lý, khai thác kết cấu hạ tầng giao thông"),
    ):
        assert any(c == child and p.startswith(parent_task) for c, p in by_title), (child, parent_task)


def test_links_explain_themselves(traced):
    assert traced.links
    for lk in traced.links:
        assert lk.shared, lk
        assert lk.how in ("text", "title", "plan", "class")
        assert lk.score >= (traced.threshold if lk.how != "plan" else 0.0)


def test_a_task_that_builds_one_of_a_class_of_things_links_to_the_parent_task_naming_the_class(traced):
    # 2629/QĐ-TTg "Xây dựng Nền tảng chuỗi khối (blockchain) quốc gia." shares two words with "Triển
    # khai các nền tảng số quốc gia, nền tảng số dùng chung …" and scores 0.15 by its words alone
    child = next(i for i, c in enumerate(traced.children) if c.plan.number == "2629/QĐ-TTg")
    task = next(t for t in traced.children[child].tasks if t.text.startswith("Xây dựng Nền tảng chuỗi khối"))
    links = [lk for lk in traced.links_of(child) if lk.child_task == task.index and lk.how == "class"]
    assert [traced.parent_tasks[lk.parent_task].text[:40] for lk in links] == ["Triển khai các nền tảng số quốc gia, nền"]
    assert links[0].shared == ["nền tảng", "quốc gia"]


def test_the_tasks_of_the_document_a_parent_task_asks_for_do_not_link_to_that_task(traced):
    # "Xây dựng Chương trình phát triển Chính phủ số" is carried out by 2629/QĐ-TTg, that programme, as a whole
    child = next(i for i, c in enumerate(traced.children) if c.plan.number == "2629/QĐ-TTg")
    asked = next(i for i, t in enumerate(traced.parent_tasks) if t.text.startswith("Xây dựng Chương trình phát triển Chính phủ số"))
    by = {lk.child_task for lk in traced.links_of(child) if lk.parent_task == asked}
    assert by == {TITLE_TASK}


def test_a_task_about_the_child_plan_itself_traces_to_nothing(traced):
    child = next(i for i, c in enumerate(traced.children) if c.plan.number == "617/KH-UBND")
    report = next(t for t in traced.children[child].tasks if t.text.startswith("Định kỳ tổng hợp báo cáo kết quả"))
    assert is_own_business(report)
    assert report.index in traced.unmatched(child)


def test_work_that_names_a_programme_or_difficulties_is_not_the_plans_own_business(traced):
    # "tổ chức thực hiện chương trình đào tạo" is a programme of work, "tháo gỡ các khó khăn, vướng mắc" is
    # what a law is amended for; "thực hiện Kế hoạch này" and "nếu có khó khăn, vướng mắc … phản ánh" are
    # the plan's own follow-up
    parent = {t.text[:60]: i for i, t in enumerate(traced.parent_tasks)}
    training = next(i for k, i in parent.items() if k.startswith("Xây dựng, ban hành, tổ chức thực hiện chương trình đào tạo"))
    law = next(i for k, i in parent.items() if k.startswith("Sửa đổi Luật Khoa học và Công nghệ (2013)"))
    assert training not in traced.own and law not in traced.own
    child = next(i for i, c in enumerate(traced.children) if c.plan.number == "617/KH-UBND")
    assert is_own_business(next(t for t in traced.children[child].tasks if "nếu có khó khăn, vướng mắc" in t.text))
    # and a child's training task now reaches the parent's training programme
    child = next(i for i, c in enumerate(traced.children) if c.plan.number == "597/KH-UBND")
    task = next(t for t in traced.children[child].tasks if t.text.startswith("Hỗ trợ đào tạo, nâng cao năng lực cán bộ"))
    assert training in {lk.parent_task for lk in traced.links_of(child) if lk.child_task == task.index}


def test_coverage_by_the_parents_areas_of_work(traced):
    # 03/NQ-CP's task table has seven group rows (I. … VII.): each traced parent task is in one area
    from trichxuat.trace import to_tables

    areas = traced.areas()
    assert len(areas) == 7 and areas[0][0].startswith("Nâng cao nhận thức, đột phá về đổi mới tư duy")
    # (two traced tasks are the resolution's own, outside the table: its call on every ministry and province
    # to build its own programme — "Trên cơ sở nội dung Nghị quyết số 57-NQ/TW …, các bộ, … xây dựng …",
    # which the children are — and the two ministries' follow-up)
    in_table = [i for i in traced.traced if traced.parent_tasks[i].group]
    assert sum(len(tasks) for _, tasks in areas) == len(in_table) == len(traced.traced) - 2
    header, rows = to_tables(traced)["areas"]
    assert header[-1] == "taken up by none" and sum(r[-1] for r in rows) == len(set(traced.untaken()) & set(in_table))
    column = header.index("987/KH-UBND")  # the 5G plan takes up infrastructure work most
    taken = {r[0][:20]: int(r[column].split("/")[0]) for r in rows}
    assert taken["Tăng cường đầu tư, h"] >= 1 and taken["Tăng cường đầu tư, h"] == max(taken.values())
    _, untaken = to_tables(traced)["untaken"]
    assert all(row[-1] for row in untaken if row[0] - 1 in in_table)  # each untaken task of the table says its area


def test_alignment_against_the_hand_made_fixture(traced):
    """Measured on the seven annotated children (closing notes of #20): precision 0.68, recall 0.56
    over all links. Children whose tasks speak the programme's words align well (987/KH-UBND 0.96 /
    0.92, 617/KH-UBND 0.63 / 1.00 — its appendix table's tasks also take up the plan's programme —,
    597/KH-UBND 0.84 / 0.64); the national decision's task table (2629/QĐ-TTg, 0.63 / 0.34) and the
    children annotated last (2820/QĐ-UBND, 552/KH-UBND) do not."""
    scores = {s.child: s for s in score_alignment(traced, yaml.safe_load(ALIGNMENT.read_text(encoding="utf-8")))}
    assert set(scores) == {"987/KH-UBND", "617/KH-UBND", "310/KH-UBND", "2629/QĐ-TTg", "597/KH-UBND", "2820/QĐ-UBND", "552/KH-UBND"}
    tp, fp, fn = (sum(getattr(s, k) for s in scores.values()) for k in ("tp", "fp", "fn"))
    assert tp / (tp + fp) >= 0.68 and tp / (tp + fn) >= 0.55, (tp, fp, fn)
    assert scores["987/KH-UBND"].precision >= 0.9 and scores["987/KH-UBND"].recall >= 0.85
    assert scores["617/KH-UBND"].recall == 1.0 and scores["597/KH-UBND"].precision >= 0.7


@pytest.mark.xfail(strict=True, reason="issue #20's target (≥ 0.85 each) is not reached: 0.68 / 0.56 over seven annotated children")
def test_alignment_reaches_the_issue_target(traced):
    scores = score_alignment(traced, yaml.safe_load(ALIGNMENT.read_text(encoding="utf-8")))
    tp, fp, fn = (sum(getattr(s, k) for s in scores) for k in ("tp", "fp", "fn"))
    assert tp / (tp + fp) >= 0.85 and tp / (tp + fn) >= 0.85


def _write_records(records, path):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def test_the_command_writes_csv_html_and_database_that_agree(records, tmp_path):
    from trichxuat.database import load

    db = tmp_path / "plans.duckdb"
    load(records, db=db).close()  # what `batch --db` writes
    html = tmp_path / "trace.html"
    out = runner.invoke(app, ["trace", "03/NQ-CP", str(db), "--csv", str(tmp_path / "csv"), "--html", str(html)])
    assert out.exit_code == 0, out.output
    assert "trace_links" in out.output
    with open(tmp_path / "csv" / "coverage.csv", encoding="utf-8-sig") as f:
        coverage = {row["child"]: float(row["coverage"]) for row in csv.DictReader(f)}
    assert set(coverage) == CHILDREN
    page = html.read_text(encoding="utf-8")
    shown = {m.group(1): float(m.group(2)) for m in re.finditer(r'class="coverage" data-child="([^"]+)" data-coverage="([\d.]+)"', page)}
    assert shown == pytest.approx(coverage, abs=0.001)
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        n_links = con.execute("SELECT count(*) FROM trace_links WHERE parent_number = '03/NQ-CP'").fetchone()[0]
        joined = con.execute("SELECT count(*) FROM trace_children c JOIN plans p ON p.plan_id = c.child_plan_id").fetchone()[0]
    with open(tmp_path / "csv" / "links.csv", encoding="utf-8-sig") as f:
        assert n_links == sum(1 for _ in csv.DictReader(f)) > 0
    assert joined == len(CHILDREN)
    # run twice: the parent's rows are replaced, not added
    assert runner.invoke(app, ["trace", "03/NQ-CP", str(db), "--csv", str(tmp_path / "csv2")]).exit_code == 0
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM trace_links").fetchone()[0] == n_links
        by_area = con.execute("SELECT count(DISTINCT parent_task_area) FROM trace_links WHERE parent_task_area IS NOT NULL").fetchone()[0]
    assert by_area >= 5  # the links spread over the parent's areas of work (7 group rows)


def test_a_trace_table_an_earlier_version_wrote_gains_the_new_columns(records, tmp_path):
    import duckdb

    from trichxuat.database import TRACE_TABLES

    db = tmp_path / "old.duckdb"
    old = [(c, t) for c, t in TRACE_TABLES["trace_links"] if c != "parent_task_area"]
    with duckdb.connect(str(db)) as con:  # trace_links as written before parent_task_area existed
        con.execute("CREATE TABLE trace_links (" + ", ".join(f'"{c}" {t}' for c, t in old) + ")")
    rec = _write_records(records, tmp_path / "records.jsonl")
    out = runner.invoke(app, ["trace", "03/NQ-CP", str(rec), "--db", str(db)])
    assert out.exit_code == 0, out.output
    with duckdb.connect(str(db), read_only=True) as con:
        areas = con.execute("SELECT count(*) FROM trace_links WHERE parent_task_area LIKE 'Tăng cường đầu tư%'").fetchone()[0]
    assert areas > 0


def test_the_parent_as_a_file_and_markdown(records, tmp_path):
    rec = _write_records(records[1:], tmp_path / "children.jsonl")
    out = runner.invoke(app, ["trace", str(PARENT), str(rec), "--markdown"])
    assert out.exit_code == 0, out.output
    assert out.stdout.startswith("# Trace of 03/NQ-CP: 9 children")
    assert "## Parent tasks no child takes up" in out.stdout and "| 310/KH-UBND |" in out.stdout


def test_the_html_page_in_headless_chromium(records, tmp_path):
    """The page renders in a browser, and the coverage it shows is the CSV's."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None:
        pytest.skip("Chromium is not installed (apt-get install chromium); CI installs it")
    rec = _write_records(records, tmp_path / "records.jsonl")
    html = tmp_path / "trace.html"
    assert runner.invoke(app, ["trace", "03/NQ-CP", str(rec), "--html", str(html), "--csv", str(tmp_path / "csv")]).exit_code == 0
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom"]
    dom = subprocess.run([chromium, *flags, html.as_uri()], capture_output=True, text=True, timeout=180).stdout
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(dom, "html.parser")
    shown = {}
    for span in soup.select("span.coverage"):
        taken, total = re.match(r"(\d+)/(\d+)", span.get_text()).groups()
        shown[span["data-child"]] = (int(taken), int(total))
    with open(tmp_path / "csv" / "coverage.csv", encoding="utf-8-sig") as f:
        expected = {row["child"]: (int(row["parent tasks taken up"]), int(row["parent tasks"])) for row in csv.DictReader(f)}
    assert shown == expected and len(shown) == len(CHILDREN)
    assert len(soup.select("table.matrix tbody tr.taken, table.matrix tbody tr.untaken")) == expected["617/KH-UBND"][1]
    assert soup.select("table.matrix tbody tr.own")  # the programme's own follow-up clauses, shown, not traced
    assert soup.select("tr.untaken") and soup.select("td.cell div.link")
    assert len(soup.select("table.matrix tbody tr.area")) == 7 and soup.select("section#areas table")


def test_clear_errors(records, tmp_path):
    rec = _write_records(records, tmp_path / "records.jsonl")
    out = runner.invoke(app, ["trace", "03/NQ-CP", str(tmp_path / "missing.jsonl")])
    assert out.exit_code == 2 and "missing.jsonl: no such file or folder" in out.output
    (tmp_path / "empty").mkdir()
    out = runner.invoke(app, ["trace", "03/NQ-CP", str(tmp_path / "empty")])
    assert out.exit_code == 2 and "nothing to trace into" in out.output
    out = runner.invoke(app, ["trace", "not a number", str(rec)])
    assert out.exit_code == 2 and "is not a document number" in out.output
    # a parent known only by its number: children listed, no alignment, and a note that says why
    out = runner.invoke(app, ["trace", "03/NQ-CP", str(_write_records(records[1:], tmp_path / "children.jsonl")), "--markdown"])
    assert out.exit_code == 0 and "9 children, 0 parent tasks" in out.stdout
    assert "not among the inputs" in out.output


def test_a_link_by_words_needs_more_than_two_shared_content_words():
    # the national decision's "Xây dựng Chiến lược dữ liệu …" shares "chiến lược" with the parent's "Xây dựng khung
    # chiến lược giáo dục đại học": a field in common, not the same work (trace.yaml: min_shared_words)
    from trichxuat.trace import Child, TaskRow, TaskSimilarity, align

    parent = [TaskRow(0, "Xây dựng khung chiến lược giáo dục đại học"), TaskRow(1, "Triển khai hạ tầng 5G, IoT trong các khu công nghiệp")]
    child = Child(plan=None, route="cites the parent", relation="căn cứ", via=[], tasks=[TaskRow(0, "Xây dựng Chiến lược giáo dục nghề nghiệp"),
                                                   TaskRow(1, "Phát triển hạ tầng 5G trong các khu công nghiệp của tỉnh")])
    sim = TaskSimilarity([t.text for t in parent + child.tasks])
    assert sim.content_shared(parent[0].text, child.tasks[0].text) == 2
    links = align(parent, [child], threshold=0.3)
    assert [(lk.child_task, lk.parent_task) for lk in links] == [(1, 1)]
