"""Render one real plan (the Bắc Kạn seed, Kế hoạch 182/KH-UBND) into every format plans are
published in, with the official two-column header and signature layout, for the format matrix."""

from __future__ import annotations

import io
import re
from pathlib import Path

import yaml

from .conftest import SEED

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
LABELS = [("Số hiệu", "182/KH-UBND"), ("Loại văn bản", "Kế hoạch"), ("Nơi ban hành", "Tỉnh Bắc Kạn"), ("Người ký", "Phạm Duy Hưng"),
          ("Ngày ban hành", "22/03/2024"), ("Tình trạng", "Đã biết")]


def parts() -> dict:
    text = SEED["backan"].read_text(encoding="utf-8")
    body = text[text.index("Căn cứ Quyết định số 650") : text.index("Nơi nhận:")].strip()
    recipients = re.findall(r"(?m)^- .*$", text[text.index("Nơi nhận:") : text.index("TM. ỦY BAN")])
    return {
        "left": ["ỦY BAN NHÂN DÂN", "TỈNH BẮC KẠN", "Số: 182/KH-UBND"],
        "right": ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Bắc Kạn, ngày 22 tháng 3 năm 2024"],
        "type": "KẾ HOẠCH",
        "title": "TRUYỀN THÔNG VỀ CHƯƠNG TRÌNH MỤC TIÊU QUỐC GIA GIẢM NGHÈO BỀN VỮNG NĂM 2024 TRÊN ĐỊA BÀN TỈNH BẮC KẠN",
        "paragraphs": [p.strip() for p in body.split("\n\n") if p.strip()],
        "recipients": ["Nơi nhận:"] + recipients,
        "signature": ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "", "Phạm Duy Hưng"],
    }


def plain_text() -> str:
    p = parts()
    lines = p["left"] + [""] + p["right"] + ["", p["type"], p["title"], ""] + p["paragraphs"] + [""] + p["recipients"] + [""] + p["signature"]
    return "\n".join(lines) + "\n"


def docx_bytes() -> bytes:
    import docx

    p = parts()
    d = docx.Document()
    header = d.add_table(rows=1, cols=2)
    header.cell(0, 0).text = "\n".join(p["left"])
    header.cell(0, 1).text = "\n".join(p["right"])
    d.add_paragraph(p["type"])
    d.add_paragraph(p["title"])
    for para in p["paragraphs"]:
        d.add_paragraph(para)
    closing = d.add_table(rows=1, cols=2)
    closing.cell(0, 0).text = "\n".join(p["recipients"])
    closing.cell(0, 1).text = "\n".join(p["signature"])
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def pdf_bytes() -> bytes:
    from fpdf import FPDF

    p = parts()
    pdf = FPDF(format="A4")
    pdf.add_font("DejaVu", "", str(FONT_DIR / "DejaVuSerif.ttf"))
    pdf.add_font("DejaVu", "B", str(FONT_DIR / "DejaVuSerif-Bold.ttf"))
    pdf.set_margins(20, 15, 15)
    pdf.add_page()
    pdf.set_font("DejaVu", "B", 11)
    y = pdf.get_y()
    for i, (left, right) in enumerate(zip(p["left"], p["right"])):  # the two columns side by side
        pdf.set_xy(20, y + i * 7)
        pdf.cell(70, 6, left, align="C")
        pdf.set_xy(95, y + i * 7)
        pdf.cell(100, 6, right, align="C")
    pdf.set_y(y + 30)
    pdf.set_font("DejaVu", "B", 13)
    pdf.cell(0, 8, p["type"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.multi_cell(0, 7, p["title"], align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)
    pdf.set_font("DejaVu", "", 11)
    for para in p["paragraphs"]:
        pdf.multi_cell(0, 6, "      " + para, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
    pdf.ln(4)
    if pdf.get_y() > 200:
        pdf.add_page()
    y = pdf.get_y()
    pdf.set_font("DejaVu", "", 9)
    for i, line in enumerate(p["recipients"]):
        pdf.set_xy(20, y + i * 5)
        pdf.cell(80, 5, line[:60])
    pdf.set_font("DejaVu", "B", 11)
    for i, line in enumerate(p["signature"]):
        pdf.set_xy(110, y + i * 6)
        pdf.cell(80, 6, line, align="C")
    return bytes(pdf.output())


def image_pdf_bytes() -> bytes:
    """The PDF above as page images only (a scan without a text layer)."""
    import pypdfium2 as pdfium
    from fpdf import FPDF

    src = pdfium.PdfDocument(pdf_bytes())
    out = FPDF(format="A4")
    for page in src:
        image = page.render(scale=300 / 72, grayscale=True).to_pil()
        buf = io.BytesIO()
        image.save(buf, format="PNG")
        out.add_page()
        out.image(buf, x=0, y=0, w=210, h=297)
    return bytes(out.output())


def _html_body(p: dict) -> str:
    def cells(lines):
        return "<br>".join(lines)

    paragraphs = "".join(f"<p>{x}</p>" for x in p["paragraphs"])
    return (
        f"<table><tr><td>{cells(p['left'])}</td><td>{cells(p['right'])}</td></tr></table>"
        f"<p><b>{p['type']}</b></p><p><b>{p['title']}</b></p>{paragraphs}"
        f"<table><tr><td>{cells(p['recipients'])}</td><td>{cells(p['signature'])}</td></tr></table>"
    )


def html_thuvienphapluat() -> bytes:
    p = parts()
    attrs = "".join(f"<tr><td>{k}:</td><td>{v}</td></tr>" for k, v in LABELS)
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Kế hoạch 182/KH-UBND</title><script>alert(1)</script>"
        "<style>.x{}</style></head><body><nav><a href='/'>Trang chủ</a> <a href='/login'>Đăng nhập</a></nav>"
        f"<div id='divThuocTinh'><table>{attrs}</table></div><div id='tab1'><div class='content1'>{_html_body(p)}</div></div>"
        "<footer>Bản quyền thuộc về THƯ VIỆN PHÁP LUẬT</footer></body></html>"
    )
    return page.encode("utf-8")


def html_vbpl() -> bytes:
    p = parts()
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Văn bản pháp luật</title></head><body>"
        "<div class='lawDocumentHeader_container__X'><h1 class='lawDocumentHeader_title___Y'>Kế hoạch số 182/KH-UBND Truyền thông về Chương trình</h1>"
        "<div class='lawDocumentHeader_statusAndDateContainer__Z'>Còn hiệu lực<div class='lawDocumentHeader_dateItem__A'>"
        "<span class='lawDocumentHeader_dateLabel__B'>Ngày có hiệu lực:</span><span class='lawDocumentHeader_dateValue__C'>22/03/2024</span></div></div></div>"
        f"<div id='rc-tabs-0-panel-toan-van' class='ant-tabs-tabpane'>{_html_body(p)}</div></body></html>"
    )
    return page.encode("utf-8")


def html_generic() -> bytes:
    p = parts()
    page = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Cổng thông tin điện tử tỉnh Bắc Kạn</title></head><body>"
        "<header><a href='/'>Trang chủ</a></header><div class='menu'><a href='/a'>Tin tức</a> <a href='/b'>Văn bản</a></div>"
        f"<div class='main'><article>{_html_body(p)}</article></div>"
        "<div class='sidebar'><p><a href='/c'>Tin liên quan một</a></p><p><a href='/d'>Tin liên quan hai</a></p></div>"
        "<footer>Cổng thông tin điện tử tỉnh Bắc Kạn</footer></body></html>"
    )
    return page.encode("utf-8")


def _legacy(encoding: str) -> bytes:
    table = yaml.safe_load((Path(__file__).resolve().parent.parent / "src/trichxuat/resources/legacy_encodings.yaml").read_text(encoding="utf-8"))[encoding]
    inverse = {v: k for k, v in table.items()}
    text = plain_text()
    if encoding == "tcvn3":  # capitals with tone marks are typed with the lower-case codes (the .VnTimeH font)
        out = "".join(inverse.get(c, inverse.get(c.lower(), c)) for c in text)
    else:
        out = "".join(inverse.get(c, c) for c in text)
    return out.encode("cp1252")


def tcvn3_bytes() -> bytes:
    return _legacy("tcvn3")


def vni_bytes() -> bytes:
    return _legacy("vni")
