"""The main-text finder for web pages of unknown sites, measured against trafilatura (the maintained
main-content extractor) on the same pages in the same run.

    pip install trafilatura            # not a dependency of trichxuat: only this measurement uses it
    python benchmarks/main_text.py [--json]

Pages: the real Word-saved HTML plans of corpora/docs (with gold), and every full gold document of
corpora/ given as a news or portal page of an unknown site: the document's paragraphs inside site
chrome (menu, banner, "Quảng cáo" labels, share buttons, a list of related plans with their numbers
and dates, a footer with the site's address and a publication date). The chrome is what must never
become the issuer, the title or the date. Each page is read twice, by trichxuat's own HTML reader
(its generic finder) and by trafilatura's text (then the same extraction), and both records are
scored against the document's gold: header accuracy, genre, recipients F1, and how often a chrome
string leaked into the header fields.
"""

from __future__ import annotations

import html
import json
import sys
import time
from pathlib import Path

from trichxuat import extract
from trichxuat.api import extract_text
from trichxuat.evaluate import header_accuracy, score
from trichxuat.ingest.base import read_bytes

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
FULL = [
    "seeds/cualo-kh-ubnd-2024-tieu-du-an-1.txt",
    "seeds/kiengiang-kh-ubnd-2024-truyen-thong.md",
    "seeds/tuyphuoc-kh-ubnd-2022-truyen-thong.md",
    "docs/hcm-172-kh-ubnd-2025-luat-viec-lam.md",
    "docs/hanoi-308-kh-ubnd-2025-du-lieu-chuyen-doi-so.md",
    "docs/quangngai-1627-qd-ubnd-2025-ke-hoach-kiem-ke-tai-san-cong.md",
    "docs/ttg-2623-qd-ttg-2025-ke-hoach-luat-bao-ve-du-lieu-ca-nhan.md",
    "docs/tuyenquang-986-qd-ubnd-2024-ke-hoach-thoi-gian-nam-hoc.md",
]
REAL_HTML = sorted((CORPORA / "docs").glob("*.htm"))
CHROME_TOP = """<header><div class="logo">CỔNG THÔNG TIN ĐIỆN TỬ HUYỆN MẪU</div>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/gioi-thieu">Giới thiệu</a></li>
<li><a href="/tin-tuc">Tin tức - Sự kiện</a></li><li><a href="/van-ban">Văn bản chỉ đạo điều hành</a></li>
<li><a href="/lien-he">Liên hệ</a></li></ul></nav></header>
<div class="banner">ỦY BAN NHÂN DÂN HUYỆN MẪU - Chào mừng Đại hội Đảng bộ lần thứ XX</div>
<div class="ads">Quảng cáo</div><div class="date">Thứ hai, 02/01/2023 08:00</div>"""
CHROME_SIDE = """<aside><h3>Văn bản mới</h3><ul>
<li><a href="/vb/1">Kế hoạch số 45/KH-UBND ngày 12/3/2021 về phòng chống thiên tai</a></li>
<li><a href="/vb/2">Quyết định số 1020/QĐ-UBND ngày 05/6/2020 về việc kiện toàn Ban Chỉ đạo</a></li>
<li><a href="/vb/3">Thông báo lịch tiếp công dân tháng 7</a></li></ul>
<div class="share">Chia sẻ: Facebook | Zalo | In bài viết | Gửi email</div></aside>"""
CHROME_BOTTOM = """<div class="related"><h4>Tin liên quan</h4><ul>
<li><a href="/t/1">Hội nghị triển khai nhiệm vụ năm 2022 (15/01/2022)</a></li>
<li><a href="/t/2">UBND huyện Mẫu ban hành Kế hoạch số 77/KH-UBND về chuyển đổi số (02/02/2022)</a></li></ul></div>
<footer>Cơ quan chủ quản: Ủy ban nhân dân huyện Mẫu. Địa chỉ: Số 1 đường Trần Phú. Điện thoại: 0200.3800.000.
Ghi rõ nguồn khi phát hành lại thông tin từ website này.</footer>"""


def page_of(text: str) -> bytes:
    paras = "".join(f"<p>{html.escape(line)}</p>\n" for line in text.replace("\r\n", "\n").split("\n") if line.strip())
    doc = f"""<!DOCTYPE html><html lang="vi"><head><meta charset="utf-8"><title>Văn bản - Cổng thông tin</title></head>
<body>{CHROME_TOP}<div class="wrap">{CHROME_SIDE}<article class="detail"><h1>Văn bản chỉ đạo điều hành</h1>
{paras}</article></div>{CHROME_BOTTOM}</body></html>"""
    return doc.encode("utf-8")


def ours(data: bytes, name: str) -> dict:
    from trichxuat.normalize import normalize
    from trichxuat.pipeline import extract_document

    return extract_document(normalize(read_bytes(data, name))).model_dump(mode="json")


def trafilatura_record(data: bytes, name: str) -> dict:
    import trafilatura

    text = trafilatura.extract(data.decode("utf-8", "replace") if isinstance(data, bytes) else data, include_tables=True,
                               include_comments=False, favor_recall=True) or ""
    return extract_text(text, uri=name).model_dump(mode="json")


CHROME_WORDS = ["Cổng thông tin", "Trang chủ", "Quảng cáo", "Chia sẻ", "Tin liên quan", "45/KH-UBND", "77/KH-UBND", "huyện Mẫu", "02/01/2023"]


def leaked(record: dict) -> bool:
    values = [record.get("title") or "", (record.get("issuer") or {}).get("name") or "", (record.get("number") or {}).get("raw") or "",
              str((record.get("issued") or {}).get("date") or "")]
    return any(w.lower() in v.lower() for w in CHROME_WORDS for v in values) or (record.get("issued") or {}).get("date") == "2023-01-02"


def main() -> int:
    try:
        import trafilatura  # noqa: F401
    except ImportError:
        print("main_text: trafilatura is not installed (pip install trafilatura)", file=sys.stderr)
        return 1
    pages = []
    for p in REAL_HTML:
        pages.append((p.name, p.read_bytes(), p.with_name(p.stem + ".gold.json")))
    for rel in FULL:
        src = CORPORA / rel
        text = extract(src, include_text=True).text  # the document's own words, normalized
        pages.append((f"{src.stem}.page.html", page_of(text), src.with_name(src.stem + ".gold.json")))
    rows = []
    totals = {}
    for method, fn in (("trichxuat", ours), ("trafilatura", trafilatura_record)):
        t0 = time.perf_counter()
        triples, leaks = [], 0
        for name, data, gold_path in pages:
            rec = fn(data, name)
            triples.append((name, json.loads(gold_path.read_text(encoding="utf-8")), rec))
            leaks += leaked(rec)
            s = score([triples[-1]])
            rows.append({"method": method, "page": name, "header": header_accuracy(s), "genre": s["genre"].value,
                         "recipients": s["recipients"].value if s["recipients"].total else None, "chrome_leak": leaked(rec)})
        s = score(triples)
        totals[method] = {"pages": len(pages), "header": header_accuracy(s), "genre": s["genre"].value, "recipients": s["recipients"].value,
                          "pages_with_chrome_in_header": leaks, "seconds": round(time.perf_counter() - t0, 2)}
    if "--json" in sys.argv:
        print(json.dumps({"totals": totals, "pages": rows}, ensure_ascii=False, indent=2))
        return 0
    print(f"{'page':<62}{'method':<13}{'header':>7}{'genre':>7}{'recip.':>8}  chrome")
    for r in rows:
        f = lambda v: "-" if v is None else f"{v:.3f}"  # noqa: E731
        print(f"{r['page'][:61]:<62}{r['method']:<13}{f(r['header']):>7}{f(r['genre']):>7}{f(r['recipients']):>8}  {'LEAK' if r['chrome_leak'] else ''}")
    print()
    for m, t in totals.items():
        print(f"{m:<12} pages {t['pages']}  header {t['header']:.3f}  genre {t['genre']:.3f}  recipients {t['recipients']:.3f}  "
              f"chrome in header {t['pages_with_chrome_in_header']}  {t['seconds']} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
