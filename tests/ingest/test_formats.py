"""The same plan in every format gives the same record: the format matrix of issue #6.

Each rendering of the Bắc Kạn seed is scored against its gold like `trichxuat evaluate`, and must
reach 0.98 of the plain-text score (0.85 for the OCR path)."""

from __future__ import annotations

import json

import pytest

from trichxuat import extract
from trichxuat.evaluate import score
from trichxuat.ingest import ocr

from .. import renderings as R
from ..conftest import SEED

GOLD = {k: v for k, v in json.loads(SEED["backan"].with_suffix(".gold.json").read_text(encoding="utf-8")).items() if k != "portal_metadata"}
needs_ocr = pytest.mark.skipif(not ocr.available(), reason=ocr.INSTALL)
needs_fonts = pytest.mark.skipif(not (R.FONT_DIR / "DejaVuSerif.ttf").exists(), reason="apt-get install fonts-dejavu-core")


def overall(path) -> float:
    s = score([("d", GOLD, extract(path).model_dump(mode="json"))])
    values = [x.value for x in s.values() if x.total and x.value is not None]
    return sum(values) / len(values)


@pytest.fixture(scope="module")
def plain_score(tmp_path_factory):
    path = tmp_path_factory.mktemp("plain") / "plan.txt"
    path.write_text(R.plain_text(), encoding="utf-8")
    value = overall(path)
    assert value > 0.95
    return value


@pytest.mark.parametrize(
    "name,make",
    [
        ("plan.docx", R.docx_bytes),
        ("plan-tvpl.html", R.html_thuvienphapluat),
        ("plan-vbpl.html", R.html_vbpl),
        ("plan-portal.html", R.html_generic),
        ("plan-tcvn3.txt", R.tcvn3_bytes),
        ("plan-vni.txt", R.vni_bytes),
        pytest.param("plan.pdf", R.pdf_bytes, marks=needs_fonts),
    ],
)
def test_text_formats_score_as_plain_text(tmp_path, plain_score, name, make):
    path = tmp_path / name
    path.write_bytes(make())
    assert overall(path) >= 0.98 * plain_score


@needs_ocr
@needs_fonts
def test_an_image_only_pdf_goes_through_ocr(tmp_path, plain_score):
    path = tmp_path / "scan.pdf"
    path.write_bytes(R.image_pdf_bytes())
    record = extract(path)
    assert record.source.ocr and any(w.code == "ocr" for w in record.warnings)
    assert overall(path) >= 0.85 * plain_score


def test_the_format_is_read_from_the_content_not_the_name(tmp_path):
    path = tmp_path / "plan.txt"  # a DOCX named .txt
    path.write_bytes(R.docx_bytes())
    record = extract(path)
    assert (record.source.format, record.number.raw) == ("docx", "182/KH-UBND")
