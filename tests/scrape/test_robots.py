"""robots.txt as RFC 9309 writes it: `*` and `$` in paths, the most specific rule wins, Crawl-delay."""

from __future__ import annotations

import httpx

from trichxuat.scrape.fetch import Fetcher, FetchPolicy

ROBOTS = """User-agent: *
Disallow: /van-ban/*.doc$
Disallow: /tim-kiem*?page=
Allow: /van-ban/chi-tiet/
Disallow: /van-ban/
Crawl-delay: 3
"""


def _fetcher(robots: str | None, status: int = 200) -> Fetcher:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/robots.txt":
            return httpx.Response(status, text=robots or "")
        return httpx.Response(200, text="ok")

    f = Fetcher(FetchPolicy(delay=0, retries=0), {"portal.test"}, transport=httpx.MockTransport(handler))
    f.sleep = lambda s: None
    return f


def test_wildcards_and_end_anchor():
    f = _fetcher(ROBOTS)
    assert f.allowed_by_robots("http://portal.test/van-ban/ke-hoach.doc") == (False, "disallowed by robots.txt")
    # "$" anchors the end: the same name with a query is another path
    assert f.allowed_by_robots("http://portal.test/van-ban/chi-tiet/ke-hoach.docx")[0]
    assert not f.allowed_by_robots("http://portal.test/tim-kiem/abc?page=2")[0]
    assert f.allowed_by_robots("http://portal.test/tim-kiem/?q=a")[0]


def test_longest_match_wins_and_crawl_delay():
    f = _fetcher(ROBOTS)
    assert f.allowed_by_robots("http://portal.test/van-ban/chi-tiet/123")[0]  # Allow is longer than Disallow
    assert not f.allowed_by_robots("http://portal.test/van-ban/danh-sach")[0]
    assert f.hosts["portal.test"].crawl_delay == 3.0


def test_missing_robots_means_no_rules_and_server_error_means_stay_away():
    assert _fetcher(None, status=404).allowed_by_robots("http://portal.test/van-ban/x")[0]
    allowed, why = _fetcher(None, status=503).allowed_by_robots("http://portal.test/van-ban/x")
    assert not allowed and "robots.txt unreachable" in why
