"""The HTML views: highlighting that keeps the text intact, and an end-to-end check in headless
Chromium (the DOM after the page's script ran, and a screenshot)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from html import unescape
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SEED
from trichxuat import extract
from trichxuat.compare import compare
from trichxuat.report.html import Value, compare_html, highlight, show_html, values_of

PLANS = ["backan", "tuyphuoc", "kiengiang", "cualo"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--hide-scrollbars"]


def _visible(html_text: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html_text))


def test_highlighting_keeps_the_text_and_marks_every_value(seed_records):
    rec = extract(SEED["cualo"], include_text=True)
    record = rec.model_dump(mode="json")
    values = values_of(record)
    marked = highlight(rec.text, values)
    assert _visible(marked) == rec.text  # nothing added, nothing lost
    soup = BeautifulSoup(f"<div>{marked}</div>", "html.parser")
    marks = {m["data-path"]: m for m in soup.find_all("mark")}
    for path in ("number", "issued", "issuer", "legal_bases[0]", "tasks[0]", "budget.total", "targets[0]", "signer"):
        assert path in marks, path
    v = next(v for v in values if v.path == "budget.total")
    assert marks["budget.total"].get_text() == rec.text[v.start : v.end]
    assert "170.429.000" in marks["budget.total"].get_text()


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab \n<&", min_size=0, max_size=40), st.lists(st.tuples(st.integers(0, 45), st.integers(0, 45)), max_size=8))
def test_highlight_is_lossless_whatever_the_spans(text, pairs):
    values = sorted((Value(f"v{i}", "x", "x", a, b, None) for i, (a, b) in enumerate(pairs)), key=lambda v: (v.start, -v.end))
    html = highlight(text, values)
    assert _visible(html) == text
    assert html.count("<mark") == html.count("</mark>")


def _chromium(url: str, *extra: str, tmp: Path) -> str:
    out = subprocess.run([CHROMIUM, *FLAGS, f"--user-data-dir={tmp / 'profile'}", *extra, url], capture_output=True, text=True, timeout=120)
    return out.stdout


def _keep(path: Path) -> None:
    """Screenshots also go to $TRICHXUAT_SCREENSHOTS when set (CI artefacts, the closing note)."""
    target = os.environ.get("TRICHXUAT_SCREENSHOTS")
    if target:
        Path(target).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(target) / path.name)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (apt-get install chromium); CI installs it")
def test_both_pages_in_headless_chromium(seed_records, tmp_path):
    # the comparison report
    cmp = compare([seed_records[k].model_dump(mode="json") for k in PLANS])
    report = tmp_path / "compare.html"
    report.write_text(compare_html(cmp), encoding="utf-8")
    dom = BeautifulSoup(_chromium(report.as_uri(), "--dump-dom", tmp=tmp_path), "lxml")
    chart = dom.select_one("svg.budget-chart")
    assert chart is not None and len(chart.select("rect.bar")) == 1 and len(chart.select("text.no-figure")) == 3
    heat = dom.select_one("svg.heatmap")
    assert heat is not None and len(heat.select("rect.cell")) == sum(c is not None for a in cmp.agencies[:40] for c in a.cells)
    assert len(dom.select("ul.gaps li.gap-no_budget")) == 3
    budget_row = [td.get_text() for td in dom.select("section#budget table.budget tbody tr")[0].find_all("td")]
    assert budget_row == ["Total (VND)", "—", "—", "—", "170,429,000"]
    shot = tmp_path / "compare.png"
    _chromium(report.as_uri(), f"--screenshot={shot}", "--window-size=1280,2400", tmp=tmp_path)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    _keep(shot)

    # the document view, opened on a value's anchor: the page's script scrolls to it and flashes it
    rec = extract(SEED["cualo"], include_text=True)
    page = tmp_path / "show.html"
    page.write_text(show_html(rec.model_dump(mode="json"), rec.text), encoding="utf-8")
    values = values_of(rec.model_dump(mode="json"))
    target = next(i for i, v in enumerate(values) if v.path == "budget.total")
    dom = BeautifulSoup(_chromium(page.as_uri() + f"#v{target}", "--dump-dom", tmp=tmp_path), "lxml")
    marks = dom.select("div.text mark")
    assert len(marks) == len(values) >= 40
    assert dom.select_one(f"mark#v{target}")["class"] == ["f-budget", "flash"]
    assert "170.429.000" in dom.select_one(f"mark#v{target}").get_text()
    links = dom.select("aside.panel a[data-target]")
    assert len(links) == len(values) and all(dom.select_one(f"mark#{a['data-target']}") for a in links)
    assert {m["data-path"].split("[")[0].split(".")[0] for m in marks} >= {"number", "issued", "issuer", "legal_bases", "tasks", "agencies", "budget", "targets", "signer"}
    shot = tmp_path / "show.png"
    _chromium(page.as_uri(), f"--screenshot={shot}", "--window-size=1280,1600", tmp=tmp_path)
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
    _keep(shot)
    # phone width: the panel goes below the text (the page is readable on a phone)
    phone = tmp_path / "show-phone.png"
    _chromium(page.as_uri(), f"--screenshot={phone}", "--window-size=390,844", tmp=tmp_path)
    assert phone.stat().st_size > 5_000
    _keep(phone)


def test_pages_load_nothing_from_the_network(seed_records):
    cmp = compare([seed_records[k].model_dump(mode="json") for k in PLANS])
    rec = extract(SEED["cualo"], include_text=True)
    for html in (compare_html(cmp), show_html(rec.model_dump(mode="json"), rec.text)):
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
        assert "default-src 'none'" in html
