"""A small portal served on 127.0.0.1 by pytest-httpserver: listing and document pages built to the
structure of vbpl.vn and thuvienphapluat.vn, the real vbpl.vn pages saved in tests/fixtures, and a
real PDF as an attachment. Every request is logged with its time and headers."""

from __future__ import annotations

import gzip
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from werkzeug import Request, Response

from tests import renderings as R
from tests.conftest import CORPORA, FIXTURES

VBPL_PAGES = FIXTURES / "portals" / "vbpl"
PDF = CORPORA / "dev-docs" / "hanoi-173-kh-ubnd-2026-festival.pdf"


@dataclass
class Hit:
    path: str
    query: str
    at: float
    headers: dict


@dataclass
class Site:
    routes: dict[str, Callable[[Request], Response]] = field(default_factory=dict)
    log: list[Hit] = field(default_factory=list)

    def __call__(self, request: Request) -> Response:
        self.log.append(Hit(request.path, request.query_string.decode(), time.monotonic(), dict(request.headers)))
        handler = self.routes.get(request.path)
        if handler is None:
            return Response("not found", status=404)
        return handler(request)

    def page(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8", **headers) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = lambda request: Response(data, content_type=content_type, headers=headers)

    def hits(self, path: str) -> list[Hit]:
        return [h for h in self.log if h.path == path]


def listing_html(links: list[str], title: str = "Văn bản pháp luật") -> str:
    items = "".join(f'<li class="item"><a href="{href}">Kế hoạch {i}</a></li>' for i, href in enumerate(links, 1))
    nav = '<nav><a href="/">Trang chủ</a> <a href="/gioi-thieu">Giới thiệu</a> <a href="#top">Lên đầu</a></nav>'
    return f"<!doctype html><html><head><title>{title}</title><script>location='/evil'</script></head><body>{nav}<ul>{items}</ul></body></html>"


def vbpl_site(site: Site) -> dict[str, str]:
    """vbpl.vn: three listing pages (the third empty), the two real document pages, a document page
    with an attached PDF, and a document under a path robots.txt disallows."""
    real = {}
    for name, doc_id in (("vbpl-doc_000001", "187193"), ("vbpl-doc_000502", "185974")):
        path = f"/van-ban/chi-tiet/ke-hoach-{doc_id}"
        site.page(path, gzip.decompress((VBPL_PAGES / f"{name}.html.gz").read_bytes()))
        real[doc_id] = path
    with_pdf = "/van-ban/chi-tiet/ke-hoach-173-kh-ubnd-200173"
    site.page(with_pdf, '<!doctype html><html><body><h1>Kế hoạch 173/KH-UBND</h1><div class="attachments">'
              '<a href="/tai-ve/173-KH-UBND.pdf">Tải về bản PDF</a> <a href="/van-ban/trung-uong">Văn bản trung ương</a></div></body></html>')
    site.page("/tai-ve/173-KH-UBND.pdf", PDF.read_bytes(), content_type="application/pdf")
    site.page("/robots.txt", "User-agent: *\nDisallow: /van-ban/chi-tiet/rieng-tu\n", content_type="text/plain")
    private = "/van-ban/chi-tiet/rieng-tu-999999"
    site.page(private, "<html><body>secret</body></html>")
    pages = {
        "1": listing_html([real["187193"], real["185974"], private, "/van-ban/trung-uong"]),
        "2": listing_html([with_pdf, real["187193"]]),
        "3": listing_html([]),
    }

    def listing(request: Request) -> Response:
        page = request.args.get("trang", "1")
        return Response(pages.get(page, listing_html([])), content_type="text/html; charset=utf-8")

    site.routes["/van-ban/dia-phuong"] = listing
    return {"real": real, "with_pdf": with_pdf, "private": private}


def tvpl_site(site: Site) -> list[str]:
    docs = [f"/van-ban/Giao-thong-Van-tai/Ke-hoach-182-KH-UBND-2024-truyen-thong-Bac-Kan-{600000 + i}.aspx" for i in range(2)]
    for d in docs:
        site.page(d, R.html_thuvienphapluat())
    pages = {"1": listing_html(docs + ["/page/tim-van-ban.aspx?page=2"]), "2": listing_html([])}
    site.routes["/page/tim-van-ban.aspx"] = lambda request: Response(pages.get(request.args.get("page", "1"), listing_html([])), content_type="text/html; charset=utf-8")
    site.page("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
    return docs


