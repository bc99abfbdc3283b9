"""Render full gold documents of corpora/ in the layouts users' archives hold them in, for the
rendering harness (tests/test_renderings.py): each rendering is scored against its original's gold.

    python corpora/renderings/render_layouts.py        # from the repository's root; needs poppler-utils
    python corpora/renderings/render_layouts.py docs/x.docx lo-pdf   # only these sources / kinds

Made once and committed (the files beside this script, listed in manifest.json), so that CI does not
need the converters. Renderings:
- ``pdftotext-layout``: poppler's ``pdftotext -layout``, the way most people turn a PDF into text:
  two-column header and signature blocks as lines interleaved by runs of spaces, centred titles,
  page numbers and form feeds;
- ``pdftotext``: plain ``pdftotext`` (reading order, one column after the other);
- ``crawl``: a crawl of a portal page that kept the HTML's line wrapping: every paragraph wrapped at
  78 characters with CRLF line ends and no blank lines between paragraphs; ``crawl-narrow`` and
  ``crawl-wide`` wrap at 60 and 110 (a page's narrow column, a wide one): what is a "short line"
  changes with the width;
- ``lo-pdf``, ``lo-html``: a DOCX converted by LibreOffice (``soffice --convert-to pdf|html``), the
  way offices publish their Word files; ``lo-pdftotext-layout``, ``lo-pdftotext``: that PDF as text;
- ``scan300``: the LibreOffice PDF rasterised at 300 dpi (poppler's ``pdftoppm``) into an image-only
  PDF, as a scanner gives it: read by OCR;
- ``md-tables``: a DOCX as a Markdown converter writes it: header and signature tables as ``|`` rows
  (``render_docx.py``);
- ``site-page``: the document as a page of a site nobody wrote rules for (menu, a ``<p>`` per
  paragraph, related links, footer), from the original's text as trichxuat reads it;
- ``collapsed``: the two-column header collapsed into one line, as portal crawls give it
  (``ỦY BAN NHÂN DÂN TỈNH X ------- CỘNG HÒA … Số: … X, ngày …``);
- ``printed``, ``printed-layout``: a text document laid out as its office prints it (head and
  signature beside the recipients in two-column tables, ``two_column_page``) and printed to PDF by
  headless Chromium; that PDF as ``pdftotext -layout`` text, and as plain ``pdftotext`` text
  (``printed-plain``: the reading order mixes the head's columns, "-------Số: …" glued to its rule).

The tools: poppler-utils (pdftotext, pdftoppm), LibreOffice (soffice), Chromium, Pillow (in
pdfplumber's dependencies); each is needed only for the kinds that use it.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPORA = HERE.parent

# original (relative to corpora/) → the renderings made of it
SOURCES = {
    "dev-docs/hanoi-173-kh-ubnd-2026-festival.pdf": ["pdftotext-layout", "pdftotext"],
    "dev-docs/hanoi-2280-qd-ubnd-2026-ke-hoach-thoat-nuoc.pdf": ["pdftotext-layout", "pdftotext"],
    "docs/hcm-172-kh-ubnd-2025-luat-viec-lam.md": ["crawl", "printed-layout", "printed-plain"],
    "docs/hanoi-308-kh-ubnd-2025-du-lieu-chuyen-doi-so.md": ["crawl", "printed"],
    "seeds/cualo-kh-ubnd-2024-tieu-du-an-1.txt": ["crawl", "crawl-narrow"],
    "docs/ttg-2623-qd-ttg-2025-ke-hoach-luat-bao-ve-du-lieu-ca-nhan.md": ["collapsed", "crawl"],
    "docs/quangngai-1627-qd-ubnd-2025-ke-hoach-kiem-ke-tai-san-cong.md": ["collapsed", "crawl", "crawl-narrow", "crawl-wide"],
    # web excerpts as a crawl keeps them: a title in capitals run into the first paragraph, a title in
    # small letters run into "Thực hiện …", a header cell run into the title, a page of uneven lines
    "web-excerpts/byt-408-kh-byt-2014-truyen-thong-mua-he.txt": ["crawl", "site-page"],
    "web-excerpts/bichdao-28-kh-ubnd-2020-mung-dang.txt": ["crawl"],
    "web-excerpts/thuathienhue-855-qd-ubnd-2021-pccc-rung.txt": ["crawl"],
    "web-excerpts/thanhhoa-3398-qd-ubnd-2013-pbgdpl-nha-truong.txt": ["crawl-wide", "printed-plain"],
    "web-excerpts/byt-kh-2024-thang-hanh-dong-attp-news.txt": ["crawl-narrow"],
    "web-excerpts/thpt-bagia-23-kh-2017-ngoai-khoa.txt": ["crawl-narrow"],
    "web-excerpts/thcs-liengtrang-kh-ltr-2012-khai-giang.txt": ["crawl", "site-page"],
    "tvpl-excerpts/tvpl-04-kh-ubnd-2018-386281.txt": ["site-page"],
    "web-excerpts/gialai-314-kh-ubnd-2022-giam-ngheo-news.txt": ["site-page"],
    # news pages whose dateline ("Cập nhật ngày: … 05:51:28", "Thứ ba - 15/05/2018 17:00") a crawl runs
    # into the headline or the article's first sentence
    "web-excerpts/caolanh-kh-2019-xuong-pho-ve-lang-news.txt": ["crawl"],
    "web-excerpts/haiphong-bcd-hmtn-kh-2018-hanh-trinh-do-news.txt": ["crawl"],
    "web-excerpts/tayninh-bcd-34-kh-bcd-2018-giot-mau-news.txt": ["crawl"],
    "dev-docs/laocai-sct-2242-kh-sct-2026.docx": ["lo-pdf", "lo-html", "md-tables", "printed-plain"],
    "dev-docs/laocai-sct-3898-kh-sct-2026.docx": ["lo-pdf", "lo-html", "md-tables", "scan300"],
    "dev-docs/laocai-sct-3957-kh-sct-2026.docx": ["lo-pdf", "lo-html", "md-tables", "scan300"],
    "docs/lamdong-kh-ubnd-2026-thi-dua-cchc-DRAFT.docx": ["lo-pdf", "lo-html", "md-tables"],
    "docs/laocai-sct-kh-sct-2026-de-an-08-draft.docx": ["lo-pdf", "lo-html", "md-tables"],
    "docs/luongminh-16-kh-mttq-btt-2025-bau-cu.docx": ["lo-pdf", "lo-html", "md-tables"],
    "docs/baccamranh-kh-mttq-btt-2025-giam-sat-bau-cu-draft.docx": ["lo-pdf", "lo-html", "md-tables"],
    "docs/lamdong-kh-ubnd-2025-phong-chong-ma-tuy-DRAFT.docx": ["lo-pdf", "lo-pdftotext-layout", "lo-pdftotext"],
    "docs/lamdong-kh-ubnd-2026-tuyen-truyen-cchc-draft.docx": ["lo-pdftotext-layout", "lo-pdftotext"],
    "dev-docs/laocai-sct-3024-kh-sct-2026.docx": ["lo-pdftotext-layout", "lo-pdftotext"],
    # a task table over four pages, one row split by a page break, after the signature on its own page
    "dev-docs/laocai-ubnd-kh-chi-thi-11-khoang-san-2026-DRAFT.docx": ["printed"],
    "docs/tuyenquang-986-qd-ubnd-2024-ke-hoach-thoi-gian-nam-hoc.md": ["crawl", "collapsed", "crawl-narrow", "crawl-wide"],
    "docs/daklak-0134-kh-ubnd-2025-quan-trac-moi-truong-thuy-san.md": ["crawl", "collapsed", "printed", "printed-layout"],
}


# a crawl keeps the width its page wrapped at: 78 columns, a narrow column (60), a wide one (110)
CRAWL_WIDTHS = {"crawl": 78, "crawl-narrow": 60, "crawl-wide": 110}


def crawl(text: str, width: int = 78) -> str:
    out = []
    for para in text.replace("\r\n", "\n").split("\n"):
        if para.strip():
            out.extend(textwrap.wrap(para.strip(), width, break_long_words=False, break_on_hyphens=False))
    return "\r\n".join(out) + "\r\n"


def collapsed(text: str) -> str:
    """The lines above the type name joined into one, separated as thuvienphapluat crawls show them."""
    lines = text.replace("\r\n", "\n").split("\n")
    at = next((i for i, ln in enumerate(lines) if ln.strip() in ("KẾ HOẠCH", "QUYẾT ĐỊNH", "**KẾ HOẠCH**", "**QUYẾT ĐỊNH**")), None)
    if at is None:
        raise ValueError("no type name line to collapse the header above")
    head = " ".join(ln.strip().strip("|").strip() for ln in lines[:at] if ln.strip() and set(ln.strip()) - set("|-: "))
    return head + " " + "\n".join(lines[at:]) + "\n"


def libreoffice(source: Path, fmt: str) -> bytes:
    with tempfile.TemporaryDirectory() as out:
        subprocess.run(["soffice", "--headless", "--convert-to", fmt, "--outdir", out, str(source)], capture_output=True, check=True, timeout=300)
        made = next(Path(out).glob(f"{source.stem}.*"))
        return made.read_bytes()


def scan(pdf: bytes) -> bytes:
    """An image-only PDF of the pages at 300 dpi, in grey, as a scanner makes it."""
    from PIL import Image

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-r", "300", "-gray", "-png", str(src), str(Path(tmp) / "p")], check=True, timeout=600)
        pages = [Image.open(p).convert("L") for p in sorted(Path(tmp).glob("p-*.png"))]
        out = io.BytesIO()
        pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=300)
        return out.getvalue()


def site_page(source: Path) -> str:
    """The document as the page of a site nobody wrote rules for: its menu, a paragraph (<p>) per
    paragraph of the text, related links and a footer. The text is the original's as trichxuat reads it."""
    import html

    sys.path.insert(0, str(CORPORA.parent / "src"))
    from trichxuat.ingest import read_source
    from trichxuat.normalize import normalize

    paras = [p.strip() for p in normalize(read_source(source)).text.split("\n") if p.strip()]
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paras)
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>' + html.escape(paras[0][:120]) + "</title></head><body>"
            '<div class="top"><a href="/">Trang chủ</a> | <a href="/gioi-thieu">Giới thiệu</a> | <a href="/tin-tuc">Tin tức - Sự kiện</a> | '
            '<a href="/van-ban">Văn bản chỉ đạo điều hành</a> | <a href="/lien-he">Liên hệ</a></div><div class="search">Tìm kiếm</div>'
            f'<div class="content">{body}</div>'
            '<div class="related"><h3>Tin liên quan</h3><ul><li><a href="/a">Hội nghị tổng kết công tác năm 2023</a></li>'
            '<li><a href="/b">Ra quân đợt cao điểm bảo đảm an toàn giao thông</a></li></ul></div>'
            '<div class="footer">Bản quyền thuộc Cổng thông tin điện tử. Địa chỉ: 12 đường Trần Phú. Điện thoại: 0123 456 789. '
            "Ghi rõ nguồn khi phát hành lại thông tin từ website này.</div></body></html>\n")


_TYPE_NAME = r"(?:KẾ HOẠCH|QUYẾT ĐỊNH|CHỈ THỊ|CÔNG ĐIỆN|THÔNG BÁO|NGHỊ QUYẾT|CHƯƠNG TRÌNH|HƯỚNG DẪN|BÁO CÁO|ĐỀ ÁN|PHƯƠNG ÁN)"
_RIGHT_HEAD = r"CỘNG H[OÒ]A|Độc lập|ĐẢNG CỘNG SẢN|[^\n]{2,40},\s*ngày\b|[Nn]gày\s+\d{1,2}\s+tháng"
_SIGN = r"(?:KT|TM|TL|TUQ|Q)\.\s*[A-ZĐÀ-Ỹ]|[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ,\-]{3,}$|(?:[A-ZĐÀ-Ỹ][a-zđà-ỹ]+\s+){1,4}[A-ZĐÀ-Ỹ][a-zđà-ỹ]+$|\(?[Đđ]ã ký\)?$"


# How the printed page is set: "even" (two equal columns, 12 pt, 2 cm margins) or "office" (as the
# decree on administrative documents sets them: a narrower issuer column, 14 pt, a 3 cm left margin,
# recipients in 11 pt): narrower columns wrap the place and date line and the issuer's name.
PAGE_STYLES = {
    "even": {"left": "50%", "right": "50%", "font": "12pt", "margin": "2cm", "small": "11pt"},
    "office": {"left": "38%", "right": "62%", "font": "14pt", "margin": "2cm 1.5cm 2cm 3cm", "small": "11pt"},
}


def two_column_page(source: Path, style: str = "even") -> str | None:
    """The document laid out as its office prints it: the head in two columns (issuer and number on the
    left; the national motto and place and date on the right), the title centred, and at the end the
    recipients beside the signature; built from the original's text as trichxuat reads it. None when
    the text has no type-name line in its first 40 paragraphs."""
    st = PAGE_STYLES[style]
    import html
    import re

    sys.path.insert(0, str(CORPORA.parent / "src"))
    from trichxuat.ingest import read_source
    from trichxuat.normalize import normalize

    paras = [p.strip() for p in normalize(read_source(source)).text.split("\n") if p.strip()]
    at = next((i for i, p in enumerate(paras[:40]) if re.fullmatch(rf"\W*{_TYPE_NAME}\W*", p)), None)
    if not at:
        return None
    head: list[tuple[str, bool | None]] = []  # (line, on the right?) – a "left | right" row of a crawled table says its side
    for p in paras[:at]:
        cells = [c.strip() for c in p.split("|")]
        if len(cells) == 2 and all(cells):
            head += [(cells[0], False), (cells[1], True)]
        elif any(cells):
            head += [(c, None) for c in cells if c]
    if len(head) > 14 or any(len(p) > 90 for p, _ in head):
        return None  # no head of a few short lines above the type name (a page that begins with its title)
    left, right, last = [], [], None
    for p, on_right in head:
        side = (right if on_right else left) if on_right is not None else \
            right if re.search(_RIGHT_HEAD, p) or (set(p) <= set("-_* ") and last is right) else left
        side.append(p)
        last = side
    if not left or not right:
        return None
    gets = next((i for i in range(at + 1, len(paras)) if re.match(r"\W*Nơi nhận", paras[i])), None)
    body, recipients, signature, after = paras[at:], [], [], []
    if gets:
        start = gets
        while start - 1 > at and gets - start < 6 and len(paras[start - 1]) < 60 and re.match(_SIGN, paras[start - 1]):
            start -= 1  # the signature written before "Nơi nhận"
        body, signature = paras[at:start], paras[start:gets]
        end = gets + 1
        while end < len(paras) and re.match(r"\W*(?:[-+•]|Lưu|Như)", paras[end]):
            end += 1
        recipients = paras[gets:end]
        if not signature:  # the signature written after the recipients
            while end < len(paras) and len(signature) < 6 and len(paras[end]) < 60 and re.match(_SIGN, paras[end]):
                signature.append(paras[end])
                end += 1
        after = paras[end:]  # an attached plan after the decision that issues it
    def cell(lines: list[str], align: str, width: str = "50%") -> str:
        return f'<td style="width:{width};vertical-align:top;text-align:{align}">' + "<br>".join(html.escape(x) for x in lines) + "</td>"

    title = "".join(f'<p style="text-align:center;font-weight:bold">{html.escape(p)}</p>' for p in body[:2])
    def blocks(paras: list[str]) -> str:
        """Paragraphs, and rows of cells ("| a | b |", as trichxuat writes a table's rows) as a ruled table."""
        out, rows = [], []
        for p in [*paras, ""]:
            if " | " in p or re.fullmatch(r"\|.*\|", p):
                rows.append([c.strip() for c in p.strip().strip("|").split("|")])
                continue
            if rows:
                out.append('<table style="width:100%;border-collapse:collapse" border="1">' + "".join(
                    "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r) + "</tr>" for r in rows) + "</table>")
                rows = []
            if p:
                out.append(f"<p>{html.escape(p)}</p>")
        return "".join(out)

    text = blocks(body[2:])
    tail = (f'<table style="width:100%;font-size:{st["small"]};page-break-inside:avoid"><tr>{cell(recipients, "left")}{cell(signature, "center")}'
            "</tr></table>") if recipients or signature else ""
    if after:  # an attached plan or appendix begins on a new page, as offices print it
        tail += '<div style="page-break-before:always"></div>' + blocks(after)
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><style>body{font-family:"DejaVu Serif";font-size:' + st["font"]
            + ";margin:" + st["margin"] + "}p{text-align:justify;margin:0 0 6pt 0}</style></head><body>"
            f'<table style="width:100%;text-align:center"><tr>{cell(left, "center", st["left"])}{cell(right, "center", st["right"])}</tr></table>'
            f"{title}{text}{tail}</body></html>\n")


def chromium_pdf(page: str) -> bytes:
    """A page printed to PDF by headless Chromium (as offices print to PDF from a browser or a word processor)."""
    with tempfile.TemporaryDirectory() as tmp:
        src, out = Path(tmp) / "page.html", Path(tmp) / "page.pdf"
        src.write_text(page, encoding="utf-8")
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", f"--print-to-pdf={out}", src.as_uri()],
                       capture_output=True, check=True, timeout=120)
        return out.read_bytes()


def render(source: Path, kind: str) -> bytes:
    if kind == "pdftotext-layout":
        return subprocess.run(["pdftotext", "-layout", str(source), "-"], capture_output=True, check=True).stdout
    if kind == "pdftotext":
        return subprocess.run(["pdftotext", str(source), "-"], capture_output=True, check=True).stdout
    if kind in CRAWL_WIDTHS:
        return crawl(source.read_text(encoding="utf-8"), CRAWL_WIDTHS[kind]).encode("utf-8")
    if kind == "collapsed":
        return collapsed(source.read_text(encoding="utf-8")).encode("utf-8")
    if kind == "lo-pdf":
        return libreoffice(source, "pdf")
    if kind == "lo-html":
        return libreoffice(source, "html")
    if kind in ("lo-pdftotext-layout", "lo-pdftotext"):  # a Word file turned into text by way of a PDF
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / f"{source.stem}.pdf"
            pdf.write_bytes(libreoffice(source, "pdf"))
            return render(pdf, kind[len("lo-") :])
    if kind == "scan300":
        return scan(libreoffice(source, "pdf"))
    if kind == "site-page":
        return site_page(source).encode("utf-8")
    if kind in ("printed", "printed-layout", "printed-plain"):
        page = two_column_page(source)
        if page is None:
            raise ValueError(f"{source}: no head of short lines above a type name to lay out in two columns")
        pdf = chromium_pdf(page)
        if kind == "printed":
            return pdf
        with tempfile.TemporaryDirectory() as tmp:
            (Path(tmp) / "p.pdf").write_bytes(pdf)
            return render(Path(tmp) / "p.pdf", "pdftotext-layout" if kind == "printed-layout" else "pdftotext")
    if kind == "md-tables":
        sys.path.insert(0, str(HERE))
        from render_docx import render as render_docx

        return render_docx(str(source)).encode("utf-8")
    raise ValueError(kind)


SUFFIX = {"lo-pdf": ".pdf", "scan300": ".pdf", "printed": ".pdf", "lo-html": ".html", "md-tables": ".md", "site-page": ".html"}


def main() -> int:
    only = {a for a in sys.argv[1:] if "/" not in a}
    kinds = {k for ks in SOURCES.values() for k in ks if not only or k in only}
    needs = {"pdftotext": "poppler-utils", "pdftoppm": "poppler-utils", "soffice": "libreoffice-writer-nogui", "chromium": "chromium"}
    uses = {"soffice": {"lo-pdf", "lo-html", "lo-pdftotext-layout", "lo-pdftotext", "scan300"}, "pdftoppm": {"scan300"},
            "chromium": {"printed", "printed-layout", "printed-plain"}}
    for tool, package in needs.items():
        if tool in uses and not kinds & uses[tool]:
            continue
        if shutil.which(tool) is None:
            print(f"render_layouts: {tool} not found (apt-get install {package})", file=sys.stderr)
            return 1
    sources = {a for a in sys.argv[1:] if "/" in a}  # sources to (re)make ("docs/x.docx"); default all
    manifest = {}
    for rel, kinds in SOURCES.items():
        if sources and rel not in sources:
            continue
        source = CORPORA / rel
        stem = source.name[: -len(source.suffix)]
        for kind in kinds:
            if only and kind not in only:
                continue
            name = f"{stem}.{kind}{SUFFIX.get(kind, '.txt')}"
            (HERE / name).write_bytes(render(source, kind))
            shutil.copyfile(source.with_name(stem + ".gold.json"), HERE / f"{stem}.{kind}.gold.json")
            manifest[name] = {"original": rel, "rendering": kind}
            print(f"{name}  ←  {rel}")
    old = json.loads((HERE / "manifest.json").read_text(encoding="utf-8")) if (HERE / "manifest.json").exists() else {}
    old.update(manifest)
    (HERE / "manifest.json").write_text(json.dumps(old, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
