"""Ingestion of text files: encodings, format detection and clear errors for bad input."""

from __future__ import annotations

import pytest

from trichxuat.errors import InputError
from trichxuat.ingest.base import Limits, detect_format, read_bytes, read_source

from ..conftest import CORPORA, SEED

SAMPLE = "ỦY BAN NHÂN DÂN\nTỈNH BẮC KẠN\nSố: 182/KH-UBND\nBắc Kạn, ngày 22 tháng 3 năm 2024\n"


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.encode("utf-8"),
        b"\xef\xbb\xbf" + SAMPLE.encode("utf-8"),
        SAMPLE.encode("utf-16"),  # with BOM
        b"\xfe\xff" + SAMPLE.encode("utf-16-be"),
        SAMPLE.encode("utf-16-le"),  # no BOM
        SAMPLE.encode("utf-16-be"),  # no BOM
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-nobom", "utf16be-nobom"],
)
def test_encodings_decode_to_the_same_text(data):
    assert read_bytes(data, "plan.txt").text == SAMPLE


def test_format_is_detected_from_content_not_extension():
    assert detect_format(b"%PDF-1.7 ...", "plan.txt") == "pdf"
    assert detect_format(b"<!DOCTYPE html><html><body>", "plan.txt") == "html"
    assert detect_format(b"\x89PNG\r\n\x1a\n", "scan.pdf") == "image"
    assert detect_format(SAMPLE.encode(), "plan.md") == "markdown"
    assert detect_format(SAMPLE.encode(), "plan") == "text"


def test_markdown_is_recognised_from_its_marks():
    raw = read_source(SEED["kiengiang"])
    assert raw.format == "markdown"
    assert read_source(SEED["cualo"]).format == "markdown"  # "Tổng kinh phí thực hiện: **170.429.000**"
    assert read_source(SEED["bacgiang"]).format == "text"
    # a portal crawl saved as .txt whose header was collapsed: its one pipe table (signature and
    # recipients, with its "|---|---|" rule) makes it Markdown
    assert read_source(CORPORA / "renderings" / "tuyenquang-986-qd-ubnd-2024-ke-hoach-thoi-gian-nam-hoc.collapsed.txt").format == "markdown"


def _problem(path, **kw) -> str:
    with pytest.raises(InputError) as err:
        read_source(path, **kw)
    assert str(path) in str(err.value)
    return err.value.problem


def test_bad_inputs_name_the_file_and_the_problem(tmp_path):
    assert "does not exist" in _problem(tmp_path / "missing.txt")
    assert "directory" in _problem(tmp_path)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert "empty" in _problem(empty)
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 40)
    assert "binary" in _problem(binary)
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Kế hoạch số 5".encode("utf-8")[:3] + b"\xe9\xe8 caf\xe9")
    assert "not UTF-8" in _problem(latin)
    image = tmp_path / "scan.pdf"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    assert "image" in _problem(image)


def test_a_50_mb_text_file_is_refused_before_it_is_read(tmp_path):
    big = tmp_path / "big.txt"
    with open(big, "wb") as f:
        f.truncate(50 * 1024 * 1024)
    problem = _problem(big)
    assert "too large" in problem and "50.0 MiB" in problem and "--max-bytes" in problem


def test_limits_are_configurable(tmp_path):
    path = tmp_path / "plan.txt"
    path.write_text(SAMPLE, encoding="utf-8")
    assert "too large" in _problem(path, limits=Limits(max_text_bytes=10))


def test_a_truncated_pdf_is_named_as_such(tmp_path):
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    with pytest.raises(InputError, match="is not a readable PDF"):
        read_source(pdf)
