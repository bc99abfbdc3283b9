"""HTML pages: an adapter per legal portal, and a generic fallback for provincial portals and news.

- thuvienphapluat.vn: the attributes table in `#divThuocTinh`, the body in `.content1` (under `#tab1`);
- vbpl.vn: the header container (title with type and number, status, dates), the body in the
  "toàn văn" tab panel;
- anything else: the element with the most paragraph text, navigation and chrome removed.

The portal's attributes are written as "Label: value" lines before the body, so the record's
`portal_metadata` comes from the same place as for a portal page saved as text. Nothing in a page is
executed: scripts, styles, forms and iframes are removed before any text is read.
"""

from __future__ import annotations

import hashlib
import re

from ..errors import InputError
from .types import Limits, RawDocument
from .tables import table_lines

_DROP = ["script", "style", "noscript", "iframe", "form", "nav", "header", "footer", "aside", "button", "svg", "template", "object", "embed", "img"]
_BLOCKS = {"p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "blockquote", "br", "dd", "dt", "pre"}


def read_html(data: bytes, name: str, limits: Limits) -> RawDocument:
    from bs4 import BeautifulSoup

    from .text import decode

    html = _decode_declared(data) if data.lstrip().startswith(b"<") else None
    if html is None:
        html = decode(data, name)
    # Word's "Save as Web Page": VML drawings inside conditional comments that are not comments to
    # an HTML parser (<![if !vml]>); their markup would otherwise leak into the text
    html = _CONDITIONAL.sub("", html)
    try:
        soup = BeautifulSoup(html, "lxml")
    except Exception as e:  # lxml refuses some broken documents outright
        raise InputError(name, f"is not readable HTML ({type(e).__name__})") from None
    depth = nesting_depth(soup)
    if depth > limits.max_html_depth:  # real pages stay under 100; a hostile one recurses the readers
        raise InputError(name, f"is HTML nested {depth:,} elements deep (> limit {limits.max_html_depth}): refused")
    for tag in soup(_DROP):
        tag.decompose()
    for adapter in (_thuvienphapluat, _vbpl, _generic):
        found = adapter(soup)
        if found:
            portal, attributes, body = found
            break
    notes = [] if portal else ["a generic web page: the main text was chosen by its density"]
    page_title = _page_title(soup)
    if len(body.strip()) < 200 and page_title:
        # a page that holds only its <head> (or a stub): the page's own title names the document
        m = _TITLED.match(page_title)
        if m and not re.search(r"(?m)^(?:KẾ HOẠCH|QUYẾT ĐỊNH)\s*$", body):
            rest = "" if " ".join(body.split()) == page_title else body.strip()
            body = f"{m.group('type').upper()}\n{m.group('title')}" + ("\n\n" + rest if rest else "")
            notes.append(f"the page holds no document text: its type and title are read from the page's title \"{page_title[:80]}\"")
    text = "\n".join(f"{k}: {v}" for k, v in attributes) + ("\n\n" if attributes else "") + body
    if not text.strip():
        raise InputError(name, "is an HTML page with no document text")
    raw = RawDocument(text=text, format="html", uri=name, sha256=hashlib.sha256(data).hexdigest())
    raw.notes = notes
    return raw


_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)
_CONDITIONAL = re.compile(r"<!--\[if[^\]]*\]>.*?<!\[endif\]-->|<!\[if[^\]]*\]>|<!\[endif\]>", re.S | re.I)


_TITLED = re.compile(r"(?i)^(?P<type>kế\s*hoạch|quyết\s*định)\s+(?P<title>\S.{5,})$", re.S)


def _page_title(soup) -> str | None:
    """The page's title as its metadata gives it (og:title, else <title>)."""
    og = soup.find("meta", attrs={"property": "og:title"})
    value = og.get("content") if og else None
    if not value and soup.title:
        value = soup.title.get_text(" ", strip=True)
    return " ".join(value.split()) if value else None


def _decode_declared(data: bytes) -> str | None:
    """The page in the charset its <meta> declares (Word saves windows-1252 with Vietnamese letters
    outside it as numeric entities); None when none is declared or the bytes do not fit it."""
    import codecs

    m = _CHARSET.search(data[:4096])
    if not m:
        return None
    try:
        codec = codecs.lookup(m.group(1).decode("ascii"))
    except (LookupError, UnicodeDecodeError):
        return None
    if codec.name == "utf-8":
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return None  # declared UTF-8 but not: let the text decoder find out what it is
    return data.decode(codec.name, errors="replace")


def _thuvienphapluat(soup):
    table = soup.select_one("#divThuocTinh")
    body = soup.select_one("#tab1 .content1") or soup.select_one(".content1")
    if not body:
        return None
    attributes = []
    if table:
        cells = [c.get_text(" ", strip=True) for c in table.find_all(["td", "th"])]
        for i, cell in enumerate(cells):
            label = cell.rstrip(":").strip()
            if label in ("Số hiệu", "Loại văn bản", "Nơi ban hành", "Người ký", "Ngày ban hành", "Ngày hiệu lực",
                         "Ngày công báo", "Số công báo", "Tình trạng", "Lĩnh vực") and i + 1 < len(cells):
                attributes.append((label, cells[i + 1]))
    return "thuvienphapluat", attributes, element_text(body)


def _vbpl(soup):
    body = soup.select_one("[id$='panel-toan-van']") or soup.select_one("#toanvancontent")
    if not body:
        return None
    attributes = []
    title = soup.select_one("[class*='lawDocumentHeader_title']")
    if title:
        m = re.match(r"(?P<type>[^\d]+?)\s+số\s+(?P<number>\S+)", title.get_text(" ", strip=True))
        if m:
            attributes += [("Số ký hiệu", m.group("number")), ("Loại văn bản", m.group("type").strip())]
    status = soup.select_one("[class*='lawDocumentHeader_statusAndDateContainer']")
    if status:
        first = status.find(string=True)
        if first and first.strip() and ":" not in first:
            attributes.append(("Tình trạng hiệu lực", first.strip()))
    for item in soup.select("[class*='lawDocumentHeader_dateItem']"):
        label = item.select_one("[class*='dateLabel']")
        value = item.select_one("[class*='dateValue']")
        if label and value:
            attributes.append((label.get_text(strip=True).rstrip(":"), value.get_text(strip=True)))
    return "vbpl", attributes, element_text(body)


def nesting_depth(soup) -> int:
    """The deepest element nesting, counted without recursion."""
    from bs4 import Tag

    deepest, stack = 0, [(soup, 0)]
    while stack:
        el, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((c, d + 1) for c in el.contents if isinstance(c, Tag))
    return deepest


def _generic(soup):
    """The element whose own paragraphs hold the most text: the article of a news site or portal."""
    scored = []
    for el in soup.find_all(["body", "article", "main", "div", "section", "td"]):
        paragraphs = el.find_all(["p", "li"], recursive=True)
        text_len = sum(len(p.get_text(" ", strip=True)) for p in paragraphs)
        links = sum(len(a.get_text(" ", strip=True)) for a in el.find_all("a"))
        scored.append((text_len - 2 * links, el))
    top = max((v for v, _ in scored), default=0)
    # the smallest element that still holds nearly all of the page's text: the article inside its
    # chrome, or the whole body when the document's paragraphs stand directly in it (LibreOffice, Word)
    near = [el for v, el in scored if top > 0 and v >= 0.85 * top]
    best = min(near, key=lambda el: len(el.get_text()), default=None)
    body = best or soup.body or soup
    return None, [], element_text(body)


def element_text(el) -> str:
    """Text of an element with one line per block; tables as rows of `|`-separated cells (a header
    or signature table, of two or three columns, one column after the other)."""
    lines: list[str] = []
    _walk(el, lines)
    text = "\n".join(line.strip() for line in lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _walk(el, lines: list[str]) -> None:
    from bs4 import Comment, Declaration, Doctype, NavigableString, ProcessingInstruction, Tag

    for child in el.children:
        if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
            continue
        if isinstance(child, NavigableString):
            raw = str(child)
            t = " ".join(raw.split())
            if t:
                if not lines:
                    lines.append("")
                # words split over inline elements ("S</span><span>ố:") stay one word: a space only where the source has one
                lead = " " if raw[:1].isspace() and lines[-1] and not lines[-1].endswith(" ") else ""
                lines[-1] += lead + t + (" " if raw[-1:].isspace() else "")
            continue
        if not isinstance(child, Tag):
            continue
        if child.name == "br" and child.get("clear"):  # clears the float of an anchored drawing: layout, not a line break
            continue
        if child.name == "table":
            lines.extend(_table(child))
            lines.append("")
            continue
        block = child.name in _BLOCKS
        if block:
            lines.append("")
        _walk(child, lines)
        if block:
            lines.append("")


def _table(table) -> list[str]:
    rows = []
    for tr in table.find_all("tr"):
        cells = []
        for td in tr.find_all(["td", "th"], recursive=False):
            inner: list[str] = []
            _walk(td, inner)
            cells.append([x.strip() for x in inner if x.strip()])
        rows.append(cells)
    return table_lines(rows)
