"""The crawl: listing pages → document pages → attached originals, saved to an Archive.

Portals are described in resources/portals.yaml (listing template, link patterns); a list of URLs
is the portal-less case. Everything visited gets one manifest row; what is already in the archive
is not fetched again (with --refresh it is revalidated with ETag / Last-Modified).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import quote, urldefrag, urljoin, urlsplit

from .. import resources
from .archive import Archive, ManifestRow
from .fetch import Fetcher, FetchPolicy


@dataclass
class CrawlOptions:
    portal: str  # vbpl | thuvienphapluat | urls
    urls: list[str] = field(default_factory=list)  # for "urls"
    base_url: str | None = None  # another origin for the portal (a mirror, a test server)
    agency: str = ""
    doc_type: str | None = None  # default: the portal's value for "Kế hoạch"
    keyword: str = ""
    date_from: date | None = None
    date_to: date | None = None
    max_pages: int = 50  # listing pages
    max_documents: int | None = None
    attachments: bool = True
    refresh: bool = False
    allow_hosts: list[str] = field(default_factory=list)


@dataclass
class CrawlSummary:
    fetched: int = 0
    skipped: int = 0  # already in the archive
    not_modified: int = 0  # --refresh: the server says unchanged
    disallowed: int = 0  # robots.txt
    failed: int = 0
    documents: int = 0  # document pages and attachments in the archive after the run
    interrupted: bool = False
    requests: int = 0


Progress = Callable[[CrawlSummary, ManifestRow], None]


@dataclass(frozen=True)
class Portal:
    name: str
    base: str
    listing: str
    date_format: str
    document_links: re.Pattern
    attachment_links: re.Pattern | None
    doc_type_plan: str

    @classmethod
    def load(cls, name: str, base_url: str | None = None) -> Portal:
        table = resources.load("portals")
        if name not in table or name == "doc_type_plan":
            raise ValueError(f"unknown portal {name!r} (known: {', '.join(k for k in table if k != 'doc_type_plan')})")
        spec = table[name]
        return cls(
            name=name,
            base=(base_url or spec["base"]).rstrip("/"),
            listing=spec["listing"],
            date_format=spec.get("date_format", "%Y-%m-%d"),
            document_links=re.compile(spec["document_links"]),
            attachment_links=re.compile(spec["attachment_links"]) if spec.get("attachment_links") else None,
            doc_type_plan=table["doc_type_plan"][name],
        )

    def listing_url(self, page: int, o: CrawlOptions) -> str:
        def enc(v: str | None) -> str:
            return quote(v or "", safe="")

        fields = {
            "page": page, "agency": enc(o.agency), "keyword": enc(o.keyword),
            "doc_type": enc(self.doc_type_plan if o.doc_type is None else o.doc_type),
            "date_from": enc(o.date_from.strftime(self.date_format) if o.date_from else ""),
            "date_to": enc(o.date_to.strftime(self.date_format) if o.date_to else ""),
        }
        return self.base + self.listing.format(**fields)


def links(html: bytes, base: str) -> list[str]:
    """Absolute http(s) links of a page, in page order, without fragments; nothing is executed."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "template", "noscript"]):
        tag.decompose()
    out, seen = [], set()
    for a in soup.find_all("a", href=True):
        url = urldefrag(urljoin(base, a["href"].strip()))[0]
        if urlsplit(url).scheme in ("http", "https") and url not in seen:
            seen.add(url)
            out.append(url)
    return out


class Crawler:
    def __init__(self, archive: Archive, fetcher: Fetcher, options: CrawlOptions, progress: Progress | None = None):
        self.archive = archive
        self.fetcher = fetcher
        self.o = options
        self.progress = progress
        self.summary = CrawlSummary()

    def visit(self, url: str, kind: str, portal: str, listing: str | None, want_body: bool = False) -> tuple[ManifestRow, bytes | None]:
        """Fetch one URL unless the archive has it; returns its row and, with want_body, its body.

        Listing pages are asked again on every run (new plans appear on them), conditionally when
        the server gave an ETag or Last-Modified; documents and attachments are never fetched twice
        unless --refresh."""
        old = self.archive.done(url)
        if old and not self.o.refresh and kind != "listing":
            self.summary.skipped += 1
            return self._report(old), self._read(old) if want_body else None
        res = self.fetcher.get(url, etag=old.etag if old else None, last_modified=old.last_modified if old else None)
        if old and res.not_modified:
            self.summary.not_modified += 1
            old.attempts = res.attempts
            old.fetched_at = None
            self.archive.record(old)
            return self._report(old), self._read(old) if want_body else None
        row = ManifestRow(
            url=url, kind=kind, portal=portal, listing=listing, final_url=res.final_url, status=res.status,
            content_type=res.content_type, etag=res.etag, last_modified=res.last_modified, attempts=res.attempts, error=res.error,
        )
        if res.ok and res.body is not None:
            row.path, row.sha256 = self.archive.save(res.body, url)
            row.size = len(res.body)
            self.summary.fetched += 1
        elif res.error and ("robots.txt" in res.error):
            self.summary.disallowed += 1
        else:
            row.error = row.error or "no body"
            self.summary.failed += 1
        self.archive.record(row)
        return self._report(row), res.body if row.ok else None

    def _read(self, row: ManifestRow) -> bytes | None:
        try:
            return (self.archive.root / row.path).read_bytes()
        except OSError:
            return None

    def _report(self, row: ManifestRow) -> ManifestRow:
        if self.progress:
            self.progress(self.summary, row)
        return row

    def _document(self, url: str, portal: Portal | None, listing: str | None) -> None:
        follow = bool(portal and portal.attachment_links and self.o.attachments)
        row, body = self.visit(url, "document", portal.name if portal else "urls", listing, want_body=follow)
        if not (follow and body):
            return
        if not (row.content_type or "").startswith("text/html") and not body.lstrip()[:1] == b"<":
            return
        for link in links(body, row.final_url or url):
            if portal.attachment_links.search(link):
                self.visit(link, "attachment", portal.name, url)

    def run(self) -> CrawlSummary:
        try:
            if self.o.portal == "urls":
                for url in self.o.urls:
                    self._document(url, None, None)
            else:
                self._portal(Portal.load(self.o.portal, self.o.base_url))
        except KeyboardInterrupt:
            self.summary.interrupted = True
        self.summary.requests = self.fetcher.requests
        self.summary.documents = sum(1 for r in self.archive.rows.values() if r.ok and r.kind != "listing")
        return self.summary

    def _portal(self, portal: Portal) -> None:
        seen: set[str] = set()
        n = 0
        for page in range(1, self.o.max_pages + 1):
            listing = portal.listing_url(page, self.o)
            row, body = self.visit(listing, "listing", portal.name, None, want_body=True)
            if body is None:
                break
            new = [u for u in links(body, row.final_url or listing) if portal.document_links.search(u) and u not in seen]
            if not new:
                break
            for url in new:
                seen.add(url)
                if self.o.max_documents is not None and n >= self.o.max_documents:
                    return
                self._document(url, portal, listing)
                n += 1


def read_url_list(path: Path) -> list[str]:
    """One URL per line; blank lines and # comments skipped; anything else that is not http(s) is an error."""
    urls = []
    for i, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if urlsplit(line).scheme not in ("http", "https") or not urlsplit(line).netloc:
            raise ValueError(f"{path}:{i}: not an http(s) URL: {line[:80]}")
        urls.append(line)
    return urls


def allowed_hosts(options: CrawlOptions) -> set[str]:
    if options.portal == "urls":
        hosts = {urlsplit(u).netloc.lower() for u in options.urls}
    else:
        hosts = {urlsplit(Portal.load(options.portal, options.base_url).base).netloc.lower()}
    return hosts | {h.lower() for h in options.allow_hosts}


def crawl(root: Path, options: CrawlOptions, policy: FetchPolicy = FetchPolicy(), progress: Progress | None = None, transport=None) -> CrawlSummary:
    archive = Archive(root)
    fetcher = Fetcher(policy, allowed_hosts(options), transport=transport)
    try:
        return Crawler(archive, fetcher, options, progress).run()
    finally:
        fetcher.close()
        archive.close()


__all__ = ["CrawlOptions", "CrawlSummary", "Portal", "crawl", "links", "read_url_list"]
