"""The scraper against a local HTTP server: politeness, failures, resume. No test touches the internet."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from werkzeug import Response

from tests.scrape.site import PDF, Site, tvpl_site, vbpl_site
from trichxuat.batch import BatchOptions, run_batch
from trichxuat.scrape import CrawlOptions, FetchPolicy, crawl

pytest.importorskip("pytest_httpserver")

FAST = FetchPolicy(delay=0.2, retries=2, backoff=0.05, timeout=10)


@pytest.fixture()
def site(httpserver) -> Site:
    s = Site()
    httpserver.expect_request(re.compile(".*")).respond_with_handler(s)
    return s


def _manifest(root: Path) -> list[dict]:
    return [json.loads(line) for line in (root / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]


def test_vbpl_listings_documents_and_attachments(site, httpserver, tmp_path):
    paths = vbpl_site(site)
    base = httpserver.url_for("/").rstrip("/")
    root = tmp_path / "archive"
    s = crawl(root, CrawlOptions(portal="vbpl", base_url=base, date_from=__import__("datetime").date(2026, 1, 1)), FAST)
    rows = {r["url"].removeprefix(base): r for r in _manifest(root)}
    kinds = sorted((r["kind"], r["error"] is None) for r in rows.values())
    # 3 listing pages (the third has no new link and ends the walk), 3 document pages, 1 private, 1 attachment
    assert kinds == [("attachment", True)] + [("document", False)] + [("document", True)] * 3 + [("listing", True)] * 3
    assert rows[paths["private"]]["error"] == "disallowed by robots.txt" and not site.hits(paths["private"])
    assert (s.fetched, s.disallowed, s.failed, s.documents) == (7, 1, 0, 4)
    # the listing query carries the filters; the page's script was never run, its navigation not followed
    first = site.hits("/van-ban/dia-phuong")[0]
    assert "loaiVanBan=K%E1%BA%BF%20ho%E1%BA%A1ch" in first.query and "tuNgay=01%2F01%2F2026" in first.query
    assert not site.hits("/evil") and not site.hits("/gioi-thieu")
    # files named by content hash, sha256 and size in the manifest, attachments point to their page
    pdf_row = rows["/tai-ve/173-KH-UBND.pdf"]
    assert pdf_row["path"] == f"files/{pdf_row['sha256'][:2]}/{pdf_row['sha256']}.pdf" and pdf_row["size"] == PDF.stat().st_size
    assert (root / pdf_row["path"]).read_bytes() == PDF.read_bytes()
    assert pdf_row["listing"] == base + paths["with_pdf"] and pdf_row["portal"] == "vbpl" and pdf_row["status"] == 200
    # politeness: a descriptive User-Agent, robots.txt read first, and at least `delay` between requests
    assert all("trichxuat/" in h.headers.get("User-Agent", "") for h in site.log)
    assert site.log[0].path == "/robots.txt"
    # (measured where the requests arrive: one that left late under load may arrive just before the
    # next, so the spacing is checked over the whole walk, less the one gap such a request shortens, and
    # on the usual gap, not on the least one)
    gaps = sorted(b.at - a.at for a, b in zip(site.log, site.log[1:]))
    assert site.log[-1].at - site.log[0].at >= (len(gaps) - 1) * 0.2 * 0.95 - 0.05, gaps
    assert gaps[len(gaps) // 2] >= 0.2 * 0.95, gaps
    # what the ingesters read: the archive goes straight into the batch
    out = tmp_path / "records.jsonl"
    b = run_batch([str(root / "manifest.jsonl")], BatchOptions(output=out, workers=1))
    assert (b.done, b.failed) == (4, 0)
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(r["source"]["portal"] or r["source"]["format"] for r in records) == ["html", "pdf", "vbpl", "vbpl"]
    assert {r["number"]["raw"] for r in records} >= {"173/KH-UBND", "249/2025/NĐ-CP"}


def test_a_second_run_fetches_no_document_again(site, httpserver, tmp_path):
    vbpl_site(site)
    base = httpserver.url_for("/").rstrip("/")
    root = tmp_path / "archive"
    crawl(root, CrawlOptions(portal="vbpl", base_url=base), FAST)
    before = len(site.log)
    again = crawl(root, CrawlOptions(portal="vbpl", base_url=base), FAST)
    new = [h.path for h in site.log[before:]]
    # only robots.txt and the listing pages are asked again (they change as plans are published)
    assert set(new) == {"/robots.txt", "/van-ban/dia-phuong"}
    assert (again.fetched, again.failed) == (3, 0) and again.skipped == 4
    assert len(_manifest(root)) == 8  # one row per URL, still


def test_thuvienphapluat_search_pages(site, httpserver, tmp_path):
    docs = tvpl_site(site)
    base = httpserver.url_for("/").rstrip("/")
    s = crawl(tmp_path / "a", CrawlOptions(portal="thuvienphapluat", base_url=base, keyword="an toàn giao thông"), FAST)
    assert (s.fetched, s.failed, s.documents) == (4, 0, 2)
    assert "keyword=an%20to%C3%A0n%20giao%20th%C3%B4ng" in site.hits("/page/tim-van-ban.aspx")[0].query
    assert {h.path for h in site.log} >= set(docs)


def _urls(tmp_path: Path, httpserver, paths: list[str]) -> Path:
    f = tmp_path / "urls.txt"
    f.write_text("# plans\n" + "\n".join(httpserver.url_for(p) for p in paths) + "\n\n")
    return f


def _scrape(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "trichxuat.cli", "scrape", *args, "--no-progress"], capture_output=True, text=True, timeout=120)


def test_429_with_retry_after_is_honoured(site, httpserver, tmp_path):
    calls = []

    def busy(request):
        calls.append(time.monotonic())
        if len(calls) == 1:
            return Response("slow down", status=429, headers={"Retry-After": "1"})
        return Response(PDF.read_bytes(), content_type="application/pdf")

    site.routes["/plan.pdf"] = busy
    s = crawl(tmp_path / "a", CrawlOptions(portal="urls", urls=[httpserver.url_for("/plan.pdf")]), FAST)
    assert s.fetched == 1 and s.failed == 0 and len(calls) == 2
    assert calls[1] - calls[0] >= 1.0
    assert _manifest(tmp_path / "a")[0]["attempts"] == 2


def test_500_is_retried_then_recorded_and_the_exit_code_says_so(site, httpserver, tmp_path):
    site.routes["/broken"] = lambda request: Response("oops", status=500)
    site.page("/ok.pdf", PDF.read_bytes(), content_type="application/pdf")
    urls = _urls(tmp_path, httpserver, ["/broken", "/ok.pdf"])
    r = _scrape("urls", str(urls), "-o", str(tmp_path / "a"), "--delay", "0.05", "--retries", "2")
    assert r.returncode == 1, r.stderr
    assert len(site.hits("/broken")) == 3  # the first try and two retries
    rows = {Path(x["url"]).name: x for x in _manifest(tmp_path / "a")}
    assert rows["broken"]["error"] == "HTTP 500 (after 3 attempts)" and rows["broken"]["status"] == 500
    assert rows["ok.pdf"]["error"] is None
    assert "1 fetched" in r.stderr and "1 failed" in r.stderr


def test_a_redirect_to_another_host_is_refused(site, httpserver, tmp_path):
    other = httpserver.url_for("/elsewhere").replace("localhost", "127.0.0.1")
    site.routes["/moved"] = lambda request: Response("", status=302, headers={"Location": other})
    site.routes["/same"] = lambda request: Response("", status=301, headers={"Location": "/ok.pdf"})
    site.page("/ok.pdf", PDF.read_bytes(), content_type="application/pdf")
    s = crawl(tmp_path / "a", CrawlOptions(portal="urls", urls=[httpserver.url_for("/moved"), httpserver.url_for("/same")]), FAST)
    rows = {Path(x["url"]).name: x for x in _manifest(tmp_path / "a")}
    assert rows["moved"]["error"].startswith("redirect to another host refused: 127.0.0.1:")
    assert not site.hits("/elsewhere")
    assert rows["same"]["error"] is None and rows["same"]["final_url"].endswith("/ok.pdf")
    assert (s.fetched, s.failed) == (1, 1)


def test_an_oversized_response_is_cut_with_an_error_row(site, httpserver, tmp_path):
    site.page("/big", b"x" * 5000, content_type="text/plain")  # Content-Length declared

    def stream(request):  # no Content-Length: cut while reading
        return Response((b"y" * 1000 for _ in range(5)), content_type="text/plain", direct_passthrough=True)

    site.routes["/big-stream"] = stream
    s = crawl(tmp_path / "a", CrawlOptions(portal="urls", urls=[httpserver.url_for("/big"), httpserver.url_for("/big-stream")]),
              FetchPolicy(delay=0.05, retries=0, max_bytes=1000))
    rows = {Path(x["url"]).name: x for x in _manifest(tmp_path / "a")}
    assert "response too large (5,000 bytes declared > limit 1,000)" in rows["big"]["error"]
    assert "cut and discarded" in rows["big-stream"]["error"]
    assert s.failed == 2 and not (tmp_path / "a" / "files").exists()


def test_no_cookie_is_kept(site, httpserver, tmp_path):
    site.routes["/a"] = lambda request: Response("<html><body>a</body></html>", content_type="text/html", headers={"Set-Cookie": "session=42; Path=/"})
    site.page("/b", "<html><body>b</body></html>")
    crawl(tmp_path / "a", CrawlOptions(portal="urls", urls=[httpserver.url_for("/a"), httpserver.url_for("/b")]), FAST)
    assert "Cookie" not in site.hits("/b")[0].headers


def test_a_killed_crawl_resumes_with_no_duplicate_and_no_missing_file(site, httpserver, tmp_path):
    paths = [f"/plan-{i:02d}.html" for i in range(24)]
    for i, p in enumerate(paths):
        site.page(p, f"<html><body><h1>KẾ HOẠCH</h1><p>Kế hoạch số {i}</p></body></html>")
    urls = _urls(tmp_path, httpserver, paths)
    root = tmp_path / "a"
    cmd = [sys.executable, "-m", "trichxuat.cli", "scrape", "urls", str(urls), "-o", str(root), "--delay", "0.1", "--no-progress"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len([h for h in site.log if h.path.startswith("/plan-")]) < 8:
        time.sleep(0.02)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    with (root / "manifest.jsonl").open("a") as f:
        f.write('{"url": "http://half')  # as if killed inside a write
    done = _scrape("urls", str(urls), "-o", str(root), "--delay", "0.05", "--extract", "-w", "1")
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in (root / "records.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == 24 and all(r["source"]["format"] == "html" for r in records)  # --extract: into the batch
    rows = _manifest(root)
    assert sorted(r["url"] for r in rows) == sorted(httpserver.url_for(p) for p in paths)  # each once, none missing
    assert all(r["error"] is None and (root / r["path"]).is_file() for r in rows)
    assert len(list((root / "files").rglob("*.html"))) == 24 and not list(root.rglob("*.part"))
    fetched = [h.path for h in site.log if h.path.startswith("/plan-")]
    assert len(fetched) - len(set(fetched)) <= 1  # at most the file in flight at the kill is asked twice


def test_clear_errors_for_bad_arguments(tmp_path):
    bad = tmp_path / "urls.txt"
    bad.write_text("https://ok.example/a\nftp://nope/b\n")
    r = _scrape("urls", str(bad), "-o", str(tmp_path / "a"))
    assert r.returncode == 2 and "urls.txt:2: not an http(s) URL: ftp://nope/b" in r.stderr
    r = _scrape("nowhere", "-o", str(tmp_path / "a"))
    assert r.returncode == 2 and "unknown portal 'nowhere'" in r.stderr
    r = _scrape("vbpl", "--from", "2025-13-01", "-o", str(tmp_path / "a"))
    assert r.returncode == 2 and "--from must be a date" in r.stderr
