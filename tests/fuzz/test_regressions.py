"""Failures the fuzzers found, each kept as a test. Inputs are rebuilt by the harness from a fixed
seed (the corpus files they come from are large); each test first checks that its input still
reaches the code path it is about, so that a change to the mutators fails loudly here."""

from __future__ import annotations

import random

from trichxuat.ingest.base import Limits, read_bytes
from trichxuat.normalize import normalize
from trichxuat.pipeline import extract_document

from tests.conftest import FIXTURES

from .harness import make_input


def test_pdf_that_pdfium_repairs_and_pdfminer_refuses():
    # found by test_fuzz[ingest_pdf], seed 0: pdfplumber raised PdfminerException ("Unexpected EOF")
    # on a damaged Hà Nội PDF that pdfium opens. Now the text is kept and the record warns.
    data = make_input("ingest_pdf", random.Random(0))
    raw = read_bytes(data, "fuzz.pdf", Limits(ocr_pages=0))
    assert any(n.startswith("ruled tables could not be read (PdfminerException)") for n in raw.notes)
    record = extract_document(normalize(raw))
    assert record.number.raw and any(w.message.startswith("ruled tables could not be read") for w in record.warnings)


def test_text_with_lone_surrogates():
    # found by `python -m tests.fuzz.run` (target pipeline): a str holding "\ud800" made the record
    # unserialisable (PydanticSerializationError). Such a string can come only from the Python API.
    from trichxuat import extract

    record = extract("ỦY BAN NHÂN DÂN\nTỈNH LÀO CAI\nSố: 12/KH-UBND\n\nKẾ HOẠCH\nThực hiện \ud800 nhiệm vụ \udfff năm 2026")
    assert record.number.raw == "12/KH-UBND"
    assert [w.message for w in record.warnings if w.code == "ingest"] == ["2 lone surrogate code points (not Unicode text) replaced by U+FFFD"]
    record.model_dump_json()
    saved = (FIXTURES / "fuzz" / "lone-surrogate.txt").read_bytes().decode("utf-8", "surrogatepass")  # what the fuzzer saved
    assert extract(saved).model_dump_json()


def test_a_funding_piece_that_names_no_kind():
    # found by `python -m tests.fuzz.run` (target ingest_text): a funding line cut into pieces, one
    # of them empty, made classify() raise StopIteration. A piece that names no kind is "other".
    from trichxuat.extract.budget import classify

    assert classify("") == ("other", None)
    assert classify("Ngân sách tỉnh")[0] == "state_budget"
    from trichxuat import extract

    record = extract(FIXTURES / "fuzz" / "funding-empty-piece.txt")  # the input the fuzzer saved
    # the shuffled page has a KINH PHÍ heading but no source under it: once, "Căn cứ Quyết định …" and
    # "Số hiệu: …" lines that the shuffle put there were read as sources; now none is
    assert record.title and not [s for s in record.budget.sources if s.text.startswith(("Căn cứ", "Số hiệu"))]
