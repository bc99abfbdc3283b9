"""The hostile corpus (tests/fixtures/hostile/, large files built by its make.py) in one batch with
real plans: every hostile file gives one clear error row or a record with warnings, within its
limits, and the real plans still land."""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import CORPORA, FIXTURES, SEED
from trichxuat import extract
from trichxuat.batch import BatchOptions, WorkerLimits, run_batch

HOSTILE = FIXTURES / "hostile"

# file → ("error", error_type, words of the message) or ("record", warning code or None)
EXPECTED = {
    "empty.txt": ("error", "InputError", "file is empty (0 bytes)"),
    "one-byte.txt": ("record", "not_a_plan"),
    "binary.txt": ("error", "InputError", "looks binary"),
    "truncated.pdf": ("error", "InputError", "is not a readable PDF"),
    # pdfium rebuilds the cross-reference table; its text has no marks ("KE HOACH"): a plan, so read with a warning
    "broken-xref.pdf": ("record", "type_name_misread"),
    "damaged-page.pdf": ("record", "ingest"),  # found by the PDF fuzzer: page 1 skipped, with a warning
    "javascript.pdf": ("record", "type_name_misread"),  # (the same text without marks)
    "embedded-file.pdf": ("record", "type_name_misread"),
    "encrypted.pdf": ("error", "InputError", "is a password-protected (encrypted) PDF"),
    "image-named.pdf": ("error", "InputError", "is an image, not a document"),
    "external-entity.docx": ("record", "issuer_missing"),
    "not-a-docx.docx": ("error", "InputError", "is a damaged DOCX"),
    "mixed-encodings.txt": ("record", "ingest"),
    "script-only.html": ("error", "InputError", "is an HTML page with no document text"),
    "pages-2000.pdf": ("error", "InputError", "has 2000 pages (> limit 500; raise it with --max-pages)"),
    "zip-bomb.docx": ("error", "InputError", "refused as a zip bomb"),
    "nested-divs.html": ("error", "InputError", "is HTML nested 10,002 elements deep (> limit 400)"),
    "bullets-100000.txt": ("record", None),
}


def _make():
    spec = importlib.util.spec_from_file_location("hostile_make", HOSTILE / "make.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_small_files_are_what_make_py_builds():
    small = _make().small()
    committed = {p.name for p in HOSTILE.iterdir() if p.suffix not in (".py", ".md")}
    assert committed == set(small)
    for name, data in small.items():
        if not name.endswith(".pdf"):  # PDFs carry their build date
            assert (HOSTILE / name).read_bytes() == data, name


def test_hostile_batch(tmp_path):
    archive = tmp_path / "in"
    _make().write(_make().large(), archive)
    for p in HOSTILE.iterdir():
        if p.suffix not in (".py", ".md"):
            shutil.copy(p, archive / p.name)
    good = [SEED["backan"], CORPORA / "dev-docs" / "laocai-sct-2242-kh-sct-2026.docx", CORPORA / "dev-docs" / "hanoi-173-kh-ubnd-2026-festival.pdf"]
    for p in good:
        shutil.copy(p, archive / p.name)
    out = tmp_path / "records.jsonl"
    summary = run_batch([str(archive)], BatchOptions(output=out, workers=2, limits=WorkerLimits(timeout=120)))
    records = {Path(json.loads(line)["source"]["uri"]).name: json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()}
    errors = {Path(e["file"]).name: e for e in map(json.loads, (tmp_path / "errors.jsonl").read_text(encoding="utf-8").splitlines())}
    assert summary.inputs == len(EXPECTED) + len(good) == len(records) + len(errors)
    assert not set(records) & set(errors)
    for name, expected in EXPECTED.items():
        if expected[0] == "error":
            assert name in errors, (name, records.get(name, {}).get("warnings"))
            e = errors[name]
            assert e["error_type"] == expected[1] and expected[2] in e["message"], e
            assert e["seconds"] < 60, e
        else:
            assert name in records, errors.get(name)
            codes = [w["code"] for w in records[name]["warnings"]]
            assert expected[1] is None or expected[1] in codes, (name, codes)
    # the real plans landed, with their values
    assert records["backan-182-kh-ubnd-2024-tvpl-page.txt"]["number"]["raw"] == "182/KH-UBND"
    assert records["hanoi-173-kh-ubnd-2026-festival.pdf"]["number"]["raw"] == "173/KH-UBND"
    assert records["laocai-sct-2242-kh-sct-2026.docx"]["issuer"]["name"]
    # a plan with 100,000 bullets is a plan with 100,000 tasks, not a crash
    assert len(records["bullets-100000.txt"]["tasks"]) == 100_000
    mixed = records["mixed-encodings.txt"]
    assert "Windows-1258 on line 9; TCVN3 on line 10" in mixed["warnings"][0]["message"]
    assert [b["number"] or b["title"] for b in mixed["legal_bases"]] == ["Ngân sách nhà nước", "10/QĐ-UBND"]


def test_untrusted_content_is_never_executed_nor_resolved():
    docx = extract(HOSTILE / "external-entity.docx", include_text=True)
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else "localhost"
    assert "Tên máy:" in docx.text and hostname not in docx.text  # the external entity was not read
    embedded = extract(HOSTILE / "embedded-file.pdf", include_text=True)
    assert "EMBEDDED-SECRET" not in embedded.text and "12/KH-UBND" in embedded.text
    js = extract(HOSTILE / "javascript.pdf", include_text=True)
    assert "pwned" not in js.text and "12/KH-UBND" in js.text


@pytest.mark.parametrize("name", ["empty.txt", "binary.txt", "encrypted.pdf", "not-a-docx.docx"])
def test_the_cli_names_the_file_and_the_problem(name):
    from typer.testing import CliRunner

    from trichxuat.cli import app

    r = CliRunner().invoke(app, ["extract", str(HOSTILE / name)])
    assert r.exit_code == 1 and r.output.startswith(f"trichxuat: {HOSTILE / name}: ") and "Traceback" not in r.output
