"""Generated citations: every type, number shape, date form and issuer of the grammar is read back."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from trichxuat import resources
from trichxuat.extract.citations import find_citations, resolve_issuer
from trichxuat.record import Issuer

PLAN = Issuer(name="Ủy ban nhân dân tỉnh Bắc Kạn", level="province", province="Bắc Kạn")
NUMBERED_TYPES = [t for t in resources.load("doc_types") if t["name"] not in resources.load("citations")["named_types"]]
# (as written, as resolved for a Bắc Kạn plan)
ISSUERS = [
    ("Chính phủ", "Chính phủ"),
    ("Thủ tướng Chính phủ", "Thủ tướng Chính phủ"),
    ("Bộ Lao động - Thương binh và Xã hội", "Bộ Lao động - Thương binh và Xã hội"),
    ("Bộ LĐTB&XH", "Bộ Lao động - Thương binh và Xã hội"),
    ("Bộ Giao thông vận tải", "Bộ Giao thông vận tải"),
    ("UBND tỉnh", "Ủy ban nhân dân tỉnh Bắc Kạn"),
    ("Ủy ban nhân dân tỉnh", "Ủy ban nhân dân tỉnh Bắc Kạn"),
    ("UBND tỉnh Bình Định", "Ủy ban nhân dân tỉnh Bình Định"),
    ("HĐND tỉnh", "Hội đồng nhân dân tỉnh Bắc Kạn"),
    ("Sở Tài chính", "Sở Tài chính tỉnh Bắc Kạn"),
    ("Ban Bí thư Trung ương Đảng khóa XIII", "Ban Bí thư Trung ương Đảng"),
    ("Tỉnh ủy", "Tỉnh ủy Bắc Kạn"),
    ("Ủy ban An toàn giao thông Quốc gia", "Ủy ban An toàn giao thông Quốc gia"),
    ("Quốc hội khóa XV", "Quốc hội"),
]
UPPER = st.text(alphabet="ABCDEGHKLMNPQSTUVXĐ", min_size=1, max_size=6)


@st.composite
def numbers(draw, code):
    n = str(draw(st.integers(1, 9999)))
    code = code or draw(UPPER)
    issuer_code = draw(UPPER) + draw(st.sampled_from(["", "&" + draw(UPPER)]))
    shape = draw(st.sampled_from(["state", "normative", "party"]))
    if shape == "state":
        return f"{n}/{code}-{issuer_code}"
    if shape == "normative":
        return f"{n}/{draw(st.integers(1990, 2030))}/{code}-{issuer_code}"
    return f"{n}-{code}/{issuer_code}"


@st.composite
def dates(draw):
    y, m = draw(st.integers(1990, 2030)), draw(st.integers(1, 12))
    d = draw(st.integers(1, 28))
    pad = draw(st.booleans())
    dd, mm = (f"{d:02d}", f"{m:02d}") if pad else (str(d), str(m))
    form = draw(st.sampled_from(["/", "-", ".", "words"]))
    text = f"ngày {dd} tháng {mm} năm {y}" if form == "words" else f"ngày {dd}{form}{mm}{form}{y}"
    return text, f"{y}-{m:02d}-{d:02d}"


@st.composite
def citations(draw):
    t = draw(st.sampled_from(NUMBERED_TYPES))
    number = draw(numbers(t.get("code")))
    so = draw(st.sampled_from([" số ", " số: ", " "]))
    date_text, iso = draw(dates())
    issuer, resolved = draw(st.sampled_from(ISSUERS))
    subject = draw(st.sampled_from(["về việc ban hành Kế hoạch năm 2024", "phê duyệt Đề án", "về tăng cường công tác bảo đảm"]))
    sentence = f"Căn cứ {t['name']}{so}{number} {date_text} của {issuer} {subject};"
    return sentence, t.get("cited_as", t["name"]), number, iso, issuer, resolved


@settings(max_examples=400, deadline=None)
@given(citations())
def test_generated_citations_are_read_back(case):
    sentence, doc_type, number, iso, issuer, resolved = case
    found = find_citations(sentence)
    assert len(found) == 1, sentence
    c = found[0]
    assert (c.doc_type, c.number, c.date, c.issuer_raw) == (doc_type, number, iso, issuer), sentence
    assert resolve_issuer(c.issuer_raw, PLAN) == resolved


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(resources.load("laws")), dates(), st.booleans())
def test_generated_laws_are_read_back(title, date, with_number):
    date_text, iso = date
    number = " số 72/2025/QH15" if with_number else ""
    c = find_citations(f"Căn cứ Luật {title}{number} {date_text};")[0]
    assert (c.doc_type, c.title, c.number, c.date) == ("Luật", title, number[len(" số "):] or None, iso)
