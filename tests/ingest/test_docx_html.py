"""DOCX and HTML ingestion on real documents; legacy encodings."""

from __future__ import annotations

import io
import zipfile

import pytest

from trichxuat import extract
from trichxuat.errors import InputError
from trichxuat.ingest.base import read_bytes
from trichxuat.ingest.encodings import detect, to_unicode

from .. import renderings as R
from ..conftest import CORPORA, FIXTURES, SEED

VBPL = FIXTURES / "portals" / "vbpl"  # real vbpl.vn pages from the development corpus, gzipped


def test_a_real_docx_with_a_header_table_and_an_appendix_task_table():
    r = extract(CORPORA / "dev-docs" / "laocai-ubnd-kh-chi-thi-11-khoang-san-2026-DRAFT.docx")
    assert (r.source.format, r.number.raw, r.issued.year, r.issuer.name) == ("docx", "/KH-UBND", 2026, "Ủy ban nhân dân tỉnh Lào Cai")
    assert (r.signer.name, r.signer.position) == ("Nguyễn Thành Sinh", "Phó Chủ tịch")
    table_task = next(t for t in r.tasks if t.agency == "Công an" and t.text.startswith("Xử lý nghiêm"))  # a row of the appendix table
    assert table_task.deadline == "Xong trong Quý II/2026"


def test_a_docx_whose_header_is_a_three_column_table_with_a_parent_body():
    r = extract(CORPORA / "dev-docs" / "laocai-sct-2242-kh-sct-2026.docx")
    assert (r.issuer.name, r.issuer.parent, r.issuer.level) == ("Sở Công Thương tỉnh Lào Cai", "Ủy ban nhân dân tỉnh Lào Cai", "department")
    assert len(r.legal_bases) == 7


def test_a_zip_bomb_and_a_zip_that_is_not_a_docx_are_refused():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", "<w:document/>" + " " * 50_000_000)
    with pytest.raises(InputError, match="zip bomb"):
        read_bytes(buf.getvalue(), "bomb.docx")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("data.csv", "a,b")
    with pytest.raises(InputError, match="not a Word document"):
        read_bytes(buf.getvalue(), "archive.zip")


def test_vbpl_pages(tmp_path):
    import gzip

    path = tmp_path / "vbpl-doc_000001.html"
    path.write_bytes(gzip.decompress((VBPL / "vbpl-doc_000001.html.gz").read_bytes()))
    r = extract(path)
    assert r.source.portal == "vbpl"
    assert (r.portal_metadata.number, r.portal_metadata.doc_type, r.portal_metadata.status) == ("249/2025/NĐ-CP", "Nghị định", "Còn hiệu lực")
    assert (r.number.raw, r.issued.date, r.issuer.name, r.signer.name) == ("249/2025/NĐ-CP", "2025-09-19", "Chính phủ", "Nguyễn Hòa Bình")
    assert r.genre == "other"  # a decree, not a plan


def test_a_thuvienphapluat_page_never_lets_scripts_or_navigation_into_the_text(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(R.html_thuvienphapluat())
    r = extract(path, include_text=True)
    assert r.source.portal == "thuvienphapluat" and r.portal_metadata.signer == "Phạm Duy Hưng"
    assert "alert" not in r.text and "Đăng nhập" not in r.text and "Bản quyền" not in r.text


@pytest.mark.parametrize("encoding,make", [("tcvn3", R.tcvn3_bytes), ("vni", R.vni_bytes)])
def test_legacy_encodings_are_detected_and_converted(encoding, make):
    latin = make().decode("cp1252")
    assert detect(latin) == encoding
    assert "Căn cứ Quyết định số 650/QĐ-LĐTBXH" in to_unicode(latin, encoding)
    raw = read_bytes(make(), f"plan-{encoding}.txt")
    assert raw.text.startswith("ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN")


def test_unicode_vietnamese_is_never_converted():
    for path in SEED.values():
        assert detect(path.read_text(encoding="utf-8")) is None
