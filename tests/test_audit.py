"""The quality audit (issue #18): each flag on real records of the corpus's development part (or an
edited copy of one, where no document of the corpus has the fault), the separation of bad records
from good ones, and batch → audit --format jsonl → --fail-over end to end."""

from __future__ import annotations

import json
import re

from typer.testing import CliRunner

from trichxuat import extract
from trichxuat.audit import audit_record, coverage
from trichxuat.cli import app

from .conftest import CORPORA, FIXTURES, SEED

WEB = CORPORA / "web-excerpts"
WILD_ARTICLE = FIXTURES / "wild" / "tnt-1e3a3c05b6e03cc7.md"  # not a plan: an encyclopaedia article


def _audit(path):
    return audit_record(extract(path).model_dump(mode="json"))


def _codes(path) -> set[str]:
    return {f.code for f in _audit(path).flags}


def _edited(tmp_path, source, edit):
    path = tmp_path / source.name
    path.write_text(edit(source.read_text(encoding="utf-8")), encoding="utf-8")
    return path


# --- a complete record ---------------------------------------------------------------------------


def test_a_complete_plan_is_ok_with_a_high_score():
    a = _audit(SEED["tuyphuoc"])
    assert a.ok and a.score >= 0.9
    assert not [f for f in a.flags if f.severity == "serious"]


# --- checks of the record against its text ---------------------------------------------------------


def test_a_section_that_assigns_duties_but_gave_no_task(tmp_path):
    """The Tuy Phước plan with its units' headings turned into plain bullets: TỔ CHỨC THỰC HIỆN is there,
    no task can be read from it."""
    def unname(text):
        head, tail = text.split("V. TỔ CHỨC THỰC HIỆN", 1)
        return head + "V. TỔ CHỨC THỰC HIỆN" + re.sub(r"(?m)^\d+\. .*$", "", tail)

    a = audit_record(extract(_edited(tmp_path, SEED["tuyphuoc"], unname)).model_dump(mode="json"))
    (flag,) = [f for f in a.flags if f.code == "tasks_section_empty"]
    assert "TỔ CHỨC THỰC HIỆN" in flag.message and not a.ok


def test_a_decisions_article_that_assigns_duties_but_gave_no_task(tmp_path):
    """Tuyên Quang 986/QĐ-UBND with the head of the unit its Article 2 charges misread ("Giao Giám đđốc Sở …"):
    the article is there, no task was read from it; the same decision as written is ok."""
    source = CORPORA / "docs" / "tuyenquang-986-qd-ubnd-2024-ke-hoach-thoi-gian-nam-hoc.md"
    assert _audit(source).ok
    a = _audit(_edited(tmp_path, source, lambda t: t.replace("Giao Giám đốc Sở Giáo dục", "Giao Giám đđốc Sở Giáo dục")))
    (flag,) = [f for f in a.flags if f.code == "tasks_section_empty"]
    assert flag.message.startswith('the article "Điều 2. Giao Giám đđốc Sở Giáo dục và Đào tạo"') and not a.ok


def test_a_section_that_mentions_implementation_is_not_one():
    """ "CÁC GIẢI PHÁP TỔ CHỨC THỰC HIỆN KẾ HOẠCH …" (measures) is not an implementation section."""
    from trichxuat.extract.tasks import _names_section

    assert _names_section("kinh phí và tổ chức thực hiện", "tổ chức thực hiện")
    assert _names_section("tổ chức thực hiện", "tổ chức thực hiện")
    assert not _names_section("những tác động đến cân đối nsđp và các giải pháp tổ chức thực hiện kế hoạch", "tổ chức thực hiện")


def test_a_preamble_that_cites_but_gave_no_legal_basis():
    """The check on the real Tuy Phước preamble ("Căn cứ Quyết định số 2655/QĐ-UBND …"), as if the
    extractor had read no legal basis from it; a news article that opens "Thực hiện Kế hoạch …" has no
    legal bases of its own and is not flagged."""
    from trichxuat.extract import quality
    from trichxuat.ingest.base import read_source
    from trichxuat.normalize import normalize
    from trichxuat.structure import parse

    parsed = parse(normalize(read_source(SEED["tuyphuoc"])))
    part = quality.extract(parsed, {"genre": "plan", "legal_bases": [], "tasks": [object()]})
    (w,) = [w for w in part.warnings if w.code == "legal_bases_unread"]
    assert parsed.text[w.span.start : w.span.end].startswith("Căn cứ Quyết định số 2655/QĐ-UBND")
    read = quality.extract(parsed, {"genre": "plan", "legal_bases": [object()], "tasks": [object()]})
    assert "legal_bases_unread" not in {w.code for w in read.warnings}
    assert "legal_bases_unread" not in _codes(WEB / "dongthap-196-kh-ubnd-2020-dai-hoi-tdtt-news.txt")


def test_recipients_heading_with_no_recipient(tmp_path):
    def drop(text):
        head, tail = text.split("***Nơi nhận:***", 1)
        return head + "***Nơi nhận:***\n\n" + re.sub(r"(?m)^- .*$", "", tail, count=12)

    a = audit_record(extract(_edited(tmp_path, SEED["kiengiang"], drop)).model_dump(mode="json"))
    assert "recipients_unread" in {f.code for f in a.flags}


def test_a_number_line_not_read():
    """The Ministry of Public Security's scanned plan 589/KH-BCA-C04, page 1 as tesseract reads it: the
    number was handwritten into the blank; the number line is there, the number is not read."""
    import hashlib

    from trichxuat.ingest.types import RawDocument
    from trichxuat.normalize import normalize
    from trichxuat.pipeline import extract_document

    text = (FIXTURES / "ocr" / "bca-589-page1-tesseract.txt").read_text(encoding="utf-8")
    raw = RawDocument(text=text, format="pdf", uri="bca-589.pdf", sha256=hashlib.sha256(text.encode()).hexdigest(), ocr=True)
    a = audit_record(extract_document(normalize(raw)).model_dump(mode="json"))
    assert {"number_line_unread", "number_unreadable"} <= {f.code for f in a.flags}
    assert not a.ok


def test_a_number_pdftotext_split_is_read_and_not_flagged():
    """pdftotext put "Số:173" and "/KH-UBND" on two lines: the number is read from both (number_split)."""
    codes = _codes(CORPORA / "renderings" / "hanoi-173-kh-ubnd-2026-festival.pdftotext.txt")
    assert "number_line_unread" not in codes and "number_unreadable" not in codes


def test_money_in_the_text_but_no_budget():
    (flag,) = [f for f in _audit(CORPORA / "tvpl-excerpts" / "tvpl-327-kh-ubatgtqg-2013-213751.txt").flags if f.code == "money_without_budget"]
    assert "amount(s) of money in the text" in flag.message and flag.span and flag.severity == "minor"


def test_a_text_cut_short_is_said_but_not_held_against_the_record():
    """A web excerpt stops mid-document: flagged as such (info), still ok when what it holds was read."""
    a = _audit(WEB / "backan-488-kh-ubnd-2021-truyen-thong-vac-xin.txt")
    cut = [f for f in a.flags if f.code == "text_cut_short"]
    assert cut and cut[0].severity == "info" and cut[0].weight == 0
    assert a.ok
    assert "text_cut_short" not in _codes(SEED["tuyphuoc"])


def _misread(text: str) -> str:
    """What a poor OCR does to a text, deterministically: one letter in nine doubled, dropped or read
    as "l" ("thhông", "thôg", "lhức")."""
    out = []
    for i, ch in enumerate(text):
        if ch.isalpha() and i % 9 == 0:
            out.append((ch + ch, "", "l")[i % 3])
        else:
            out.append(ch)
    return "".join(out)


def test_a_garbled_text_is_flagged_and_a_clean_one_is_not(tmp_path):
    from trichxuat.extract.quality import garbled_share

    source = SEED["tuyphuoc"]
    a = _audit(_edited(tmp_path, source, _misread))
    (flag,) = [f for f in a.flags if f.code == "text_garbled"]
    assert flag.severity == "serious" and not a.ok and "cannot be Vietnamese syllables" in flag.message and flag.span
    assert "text_garbled" not in _codes(source)
    # the clean seeds and the copy whose converter glued words ("bannhân") stay under the threshold
    for path in [*SEED.values(), WEB / "thanhhoa-3398-qd-ubnd-2013-pbgdpl-nha-truong.txt"]:
        assert garbled_share(extract(path, include_text=True).text)[0] < 0.05, path.name


# --- checks of the record alone -------------------------------------------------------------------


def test_an_issuer_that_is_not_the_name_of_a_body(tmp_path):
    # a school's page (now read right: its banner above the header is set aside) edited so that the
    # header lost the school's and its department's names: what stands above the number is the banner
    source = WEB / "thpt-bagia-23-kh-2017-ngoai-khoa.txt"
    assert "issuer_implausible" not in _codes(source)
    edited = _edited(tmp_path, source, lambda t: t.replace("SỞ GD-ĐT QUẢNG NGÃI TRƯỜNG THPT BA GIA ", ""))
    assert "issuer_implausible" in _codes(edited)


def test_an_inferred_issuer_that_is_not_placed():
    # "Ban Chỉ đạo vận động hiến máu tình nguyện tỉnh đã ban hành …": no page text names the province
    a = _audit(WEB / "tayninh-bcd-34-kh-bcd-2018-giot-mau-news.txt")
    assert "issuer_inferred_unplaced" in {f.code for f in a.flags} and not a.ok
    # the Hải Phòng portal names its city: the body is placed (and the record says how)
    a = _audit(WEB / "haiphong-bcd-hmtn-kh-2018-hanh-trinh-do-news.txt")
    assert "issuer_inferred_unplaced" not in {f.code for f in a.flags}


def test_a_missing_issuer_and_date():
    codes = _codes(WEB / "thpt-phuxuyenb-kh-2025-giai-the-thao-html.txt")
    assert {"issuer_missing", "no_date", "no_number"} <= codes


def test_a_document_that_was_not_recognised():
    # an encyclopaedia article, as an archive of converted pages holds them among its plans
    assert "not_recognised" in _codes(WILD_ARTICLE)


def test_no_signer_in_a_complete_plan(tmp_path):
    a = audit_record(extract(_edited(tmp_path, SEED["tuyphuoc"], lambda t: t.replace("Nguyễn Hùng Tân", ""))).model_dump(mode="json"))
    assert {"no_signer", "signer_name_missing"} & {f.code for f in a.flags}


def test_a_signer_name_without_a_family_name(tmp_path):
    # the scanned plan of Bộ Công an: OCR read the signature under the seal as "Ỉ ú"
    a = _audit(CORPORA / "docs" / "bca-589-kh-bca-c04-2025-hoi-nghi-ma-tuy-scan.pdf")
    assert "signer_name_unusual" in {f.code for f in a.flags}
    # the seeds' signers are read whole
    assert "signer_name_unusual" not in _codes(SEED["tuyphuoc"]) and "signer_name_unusual" not in _codes(SEED["backan"])
    # a family name misread ("Ngyễn" for "Nguyễn", as OCR reads a seal's edge)
    edited = _edited(tmp_path, SEED["tuyphuoc"], lambda t: t.replace("Nguyễn Hùng Tân", "Ngyễn Hùng Tân"))
    assert "signer_name_unusual" in _codes(edited)


def test_a_place_line_of_another_province_than_the_issuers(tmp_path):
    # no document of the corpus has the fault: Bắc Kạn's plan with its place line misread as another province's
    assert "issuer_place_mismatch" not in _codes(SEED["backan"])
    edited = _edited(tmp_path, SEED["backan"], lambda t: t.replace("Bắc Kạn, ngày 22 tháng 3 năm 2024", "Lạng Sơn, ngày 22 tháng 3 năm 2024"))
    a = audit_record(extract(edited).model_dump(mode="json"))
    assert "issuer_place_mismatch" in {f.code for f in a.flags} and not a.ok
    # a province merged in 2025 into the issuer's is no mismatch (Bắc Kạn went into Thái Nguyên)
    edited = _edited(tmp_path, SEED["backan"], lambda t: t.replace("Bắc Kạn, ngày 22 tháng 3 năm 2024", "Thái Nguyên, ngày 22 tháng 3 năm 2024"))
    assert "issuer_place_mismatch" not in _codes(edited)


def test_the_jsonl_line_has_exactly_the_agreed_keys():
    line = _audit(SEED["backan"]).as_json()
    assert list(line) == ["uri", "id", "ok", "score", "flags"]
    assert 0.0 <= line["score"] <= 1.0 and all(set(f) == {"code", "message"} for f in line["flags"])


def test_coverage_by_format_and_level():
    records = [extract(p).model_dump(mode="json") for p in (SEED["backan"], SEED["tuyphuoc"], SEED["cualo"])]
    cov = coverage(records)
    assert cov["tasks"]["all"] == (3, 3)
    assert sum(n for k, (_, n) in cov["header"].items() if k.startswith("format:")) == 3
    assert set(cov) >= {"header", "legal_bases", "tasks", "budget", "recipients", "signer"}


# --- the separation of bad and good records, on the gold documents ----------------------------------


def test_audit_separates_bad_records_from_good_ones_on_the_development_part():
    from trichxuat.evaluate import audit_separation, evaluate

    """Measured on the development part's text documents (seeds, web pages, portal excerpts): every bad
    record flagged, about one good record in eight flagged (news reports whose inferred issuer has no
    province). Most bad records of these folders have since been read right (a school's header under a
    page banner, a number split by pdftotext): one is left. The figures of the whole corpus, per part,
    are in the closing notes of issue #18."""
    total = {"bad": 0, "good": 0, "bad_flagged": 0, "good_flagged": 0}
    for name in ("seeds", "web-excerpts", "tvpl-excerpts"):
        row = audit_separation(evaluate(CORPORA / name, part="dev")).get("dev") or {}
        for k in total:
            total[k] += row.get(k, 0)
    assert total["good"] >= 50
    assert total["bad_flagged"] == total["bad"]  # (none is left in these folders since the Hải Phòng page is read right)
    assert total["good_flagged"] / total["good"] <= 0.15


def test_a_record_made_bad_by_losing_its_header_is_flagged(tmp_path):
    """Bắc Kạn's seed with its header block cut off (a copy that starts at "KẾ HOẠCH"): scored against the
    seed's gold it is bad (header accuracy < 0.8), and the audit says it is not ok."""
    from trichxuat.evaluate import is_bad, score

    source = SEED["backan"]
    gold = json.loads(source.with_name(source.name.rsplit(".", 1)[0] + ".gold.json").read_text(encoding="utf-8"))
    cut = _edited(tmp_path, source, lambda t: t[t.index("KẾ HOẠCH") :])
    record = extract(cut).model_dump(mode="json")
    assert is_bad(score([(cut.name, gold, record)]))
    assert not audit_record(record).ok


# --- end to end: batch → audit --format jsonl → --fail-over --------------------------------------------


def test_batch_then_audit_then_fail_over(tmp_path):
    runner = CliRunner()
    inputs = tmp_path / "in"
    inputs.mkdir()
    for p in (SEED["tuyphuoc"], SEED["kiengiang"], WEB / "thpt-phuxuyenb-kh-2025-giai-the-thao-html.txt", WILD_ARTICLE):
        (inputs / p.name).write_bytes(p.read_bytes())
    out = tmp_path / "records.jsonl"
    db = tmp_path / "plans.duckdb"
    r = runner.invoke(app, ["batch", str(inputs), "-o", str(out), "--workers", "1", "--no-progress", "--db", str(db)])
    assert r.exit_code == 0, r.output
    assert "quality: 2 of 4 records to review" in r.output

    r = runner.invoke(app, ["audit", str(out), "--format", "jsonl"])
    assert r.exit_code == 0
    lines = [json.loads(x) for x in r.stdout.splitlines() if x.startswith("{")]
    assert len(lines) == 4 and sum(1 for x in lines if not x["ok"]) == 2
    assert all(list(x) == ["uri", "id", "ok", "score", "flags"] for x in lines)

    assert runner.invoke(app, ["audit", str(out), "--fail-over", "0.6"]).exit_code == 0
    r = runner.invoke(app, ["audit", str(out), "--fail-over", "0.25"])
    assert r.exit_code == 3 and "over --fail-over" in r.output

    # the same from the database, and the view
    assert runner.invoke(app, ["audit", str(db), "--format", "jsonl"]).exit_code == 0
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*) FROM records_to_review").fetchone()[0] == 2

    page = tmp_path / "audit.html"
    assert runner.invoke(app, ["audit", str(out), "--html", str(page)]).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "Records to review" in html and "issuer_missing" in html and "<script" not in html


def test_audit_errors_are_clear(tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["audit", str(tmp_path / "none.jsonl")])
    assert r.exit_code == 2 and "does not exist" in r.output
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not json\n", encoding="utf-8")
    r = runner.invoke(app, ["audit", str(bad)])
    assert r.exit_code == 2 and "bad.jsonl" in r.output


def test_a_blank_number_beside_its_date_is_not_an_unread_number():
    # a school's plan copied by a document-sharing site: "Số: / KH- LTR Đạ Tông, ngày 31 tháng 8 năm 2012"
    codes = _codes(WEB / "thcs-liengtrang-kh-ltr-2012-khai-giang.txt")
    assert "number_line_unread" not in codes


def test_a_basis_dated_after_the_plan():
    """Bà Rịa - Vũng Tàu 08/KH-UBND prints "ngày 08 tháng 01 năm 2023" and rests on Chỉ thị 07/CT-TTg of
    21/3/2023: the plan was of January 2024 (its portal's link says so), the year is misprinted."""
    a = _audit(WEB / "bariavungtau-08-kh-ubnd-2024-truyen-thong-chinh-sach.txt")
    flag = next(f for f in a.flags if f.code == "basis_after_issue")
    assert "2023-01-08" in flag.message and "07/CT-TTg 2023-03-21" in flag.message
    assert "basis_after_issue" not in {f.code for f in _audit(SEED["tuyphuoc"]).flags}


def test_a_reports_ward_without_its_province_is_as_the_text_says():
    # "Ủy ban nhân dân phường Lê Lợi xây dựng kế hoạch …": the article names the ward, not its province;
    # the record is incomplete but not wrong (a minor flag), unlike a body named without any place
    a = _audit(WEB / "leloi-ngoquyen-kh-2015-chao-mung-dai-hoi-news.txt")
    assert "report_issuer_unplaced" in {f.code for f in a.flags} and a.ok


def test_an_issuer_that_its_number_or_its_signature_says_is_another_body(tmp_path):
    # no document of the corpus has the fault: Bắc Kạn's plan with its issuer's lines misread as a department's
    assert "issuer_disagrees" not in _codes(SEED["backan"])
    record = extract(SEED["backan"]).model_dump(mode="json")
    record["issuer"] = {**record["issuer"], "name": "Sở Y tế tỉnh Bắc Kạn", "level": "department"}
    a = audit_record(record)
    flag = next(f for f in a.flags if f.code == "issuer_disagrees")
    assert "UBND" in flag.message and not a.ok
    # the signature's "TM. ỦY BAN NHÂN DÂN" says the same when the number's code is not one the table knows
    record["number"] = {**record["number"], "issuer_code": "SYT"}
    assert "TM. Ủy ban nhân dân" in next(f for f in audit_record(record).flags if f.code == "issuer_disagrees").message


def test_a_committees_issuer_under_a_departments_number_is_flagged():
    # Lào Cai, Sở Công Thương's plan (…/KH-SCT) in a copy that lost its head's second line ("SỞ CÔNG THƯƠNG"):
    # the issuer is read as the committee above it, which its number's code does not name
    from trichxuat.api import extract_text, normalized_text

    source = CORPORA / "dev-docs" / "laocai-sct-2242-kh-sct-2026.docx"
    assert "issuer_disagrees" not in _codes(source)
    text = normalized_text(source)
    assert text.startswith("UBND TỈNH LÀO CAI\nSỞ CÔNG THƯƠNG\nSố:")
    r = extract_text(text.replace("SỞ CÔNG THƯƠNG\n", "", 1))
    assert (r.issuer.name, r.number.issuer_code) == ("Ủy ban nhân dân tỉnh Lào Cai", "SCT")
    a = audit_record(r.model_dump(mode="json"))
    assert "code SCT" in next(f for f in a.flags if f.code == "issuer_disagrees").message and not a.ok


def test_a_plans_issuer_of_no_known_level_is_flagged():
    # a head whose lines lost their first letters (renderings/sweep.py --lost-initials) read before the unit
    # word was restored: "Ủy ban nhân dân hành phố hồ chí minh", a body's head with a damaged rest
    record = extract(SEED["backan"]).model_dump(mode="json")
    assert "issuer_unclassified" not in _codes(SEED["backan"])
    record["issuer"] = {**record["issuer"], "name": "Ủy ban nhân dân hành phố hồ chí minh", "level": None, "province": None}
    a = audit_record(record)
    assert "issuer_unclassified" in [f.code for f in a.flags] and not a.ok
