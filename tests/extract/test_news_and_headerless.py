"""Header fields of pages that lost their header: news reports read from their sentences, and pages
whose type line is missing but whose number says the type (real web excerpts in corpora/)."""

from __future__ import annotations

from trichxuat import extract

from ..conftest import CORPORA, FIXTURES

WEB = CORPORA / "web-excerpts"


def _codes(record) -> set[str]:
    return {w.code for w in record.warnings}


def test_news_report_issuing_sentence_gives_body_title_and_lead_date():
    # "Ngày 09/5/2018, Ban Chỉ đạo … tỉnh đã ban hành Kế hoạch số 34/KH-BCĐ về việc thực hiện Chiến dịch …"
    r = extract(WEB / "tayninh-bcd-34-kh-bcd-2018-giot-mau-news.txt")
    assert r.genre == "news_report"
    assert r.number.raw == "34/KH-BCĐ"
    assert r.issued.date == "2018-05-09"
    assert r.title == "Thực hiện Chiến dịch Giọt máu nghĩa tình hè 2018"
    assert r.issuer.name.startswith("Ban Chỉ đạo vận động hiến máu tình nguyện")
    assert "news_report" in _codes(r)
    span = r.spans["title"]
    assert "Giọt máu nghĩa tình" in extract(WEB / "tayninh-bcd-34-kh-bcd-2018-giot-mau-news.txt", include_text=True).text[span.start : span.end]


def test_news_report_issuing_sentence_dated_in_words_without_a_comma():
    # "Ngày 03 tháng 3 năm 2025 Ủy ban nhân dân tỉnh Sơn La đã ban hành Kế hoạch 59/KH-UBND …" (a news page, 2025)
    r = extract(FIXTURES / "wild" / "tnt-7aafa631f1a450dd.md")
    assert r.genre == "news_report"
    assert (r.issued.date, r.number.raw, r.issuer.name) == ("2025-03-03", "59/KH-UBND", "Ủy ban nhân dân tỉnh Sơn La")


def test_news_report_title_ends_before_a_clause_that_goes_on_about_it():
    # sentences of news pages in the wild archive (2025): ", trong đó …", ", cụ thể:" go on about the plan
    for sentence, title in [
        ("Ngày 8/12/2025, UBND Thành phố Hồ Chí Minh đã ban hành Kế hoạch 195/KH-UBND năm 2025 tổ chức các hoạt động đón chào năm "
         "mới 2026 tại Thành phố Hồ Chí Minh, trong đó có kế hoạch về các chương trình đón chào năm mới 2026 (countdown).",
         "Tổ chức các hoạt động đón chào năm mới 2026 tại Thành phố Hồ Chí Minh"),
        ("Ngày 26 tháng 02 năm 2025 Ủy ban nhân dân tỉnh Bắc Giang đã ban hành Kế hoạch 14/KH-UBND năm 2025 Tải về về Kế hoạch tuyển "
         "sinh lớp 6 các trường phổ thông Dân tộc nội trú và lớp 10 trung học phổ thông năm học 2025-2026, cụ thể:",
         "Tuyển sinh lớp 6 các trường phổ thông Dân tộc nội trú và lớp 10 trung học phổ thông năm học 2025-2026"),
        # a portal's news (wild archive, Hải Phòng 2025): the date of issue and "quy định" stand before the title
        ("UBND thành phố Hải Phòng vừa ban hành Kế hoạch 209/KH-UBND ban hành ngày 10/9/2025 quy định tuyển chọn và gọi công dân "
         "nhập ngũ, công dân thực hiện nghĩa vụ tham gia Công an nhân dân năm 2026.",
         "Tuyển chọn và gọi công dân nhập ngũ, công dân thực hiện nghĩa vụ tham gia Công an nhân dân năm 2026"),
    ]:
        r = extract("Tin tức\n\n" + sentence + "\n\nNội dung khác của bài viết.\n")
        assert r.genre == "news_report" and r.title == title


def test_news_report_first_cited_plan_when_no_issuing_sentence():
    # "… triển khai kế hoạch số 200/KH-UBND ngày 23/8/2023 của Ủy ban nhân dân Phường 1 về sắp xếp khu phố …"
    r = extract(WEB / "tanbinh-phuong1-200-kh-ubnd-2023-khu-pho-news.txt")
    assert r.genre == "news_report"
    assert r.number.raw == "200/KH-UBND"
    assert r.issued.date == "2023-08-23"
    assert r.title.startswith("Sắp xếp khu phố trên địa bàn phường")
    # the article's own date (31/8/2023, the meeting) is not the plan's
    assert r.issued.date != "2023-08-31"


def test_news_report_author_after_the_plan_or_in_the_dated_lead():
    """When the sentence that names the plan does not name its author, the author is the subject of
    the clause after it, or of the article's dated lead."""
    # "Theo Kế hoạch 314/KH-UBND về … mới ban hành, UBND tỉnh Gia Lai yêu cầu …"
    r = extract(WEB / "gialai-314-kh-ubnd-2022-giam-ngheo-news.txt")
    assert (r.genre, r.issuer.name, r.issuer.level) == ("news_report", "Ủy ban nhân dân tỉnh Gia Lai", "province")
    assert "header_missing_issuer_inferred" in _codes(r)
    # "Chiều 15-12, Công an tỉnh Trà Vinh tổ chức lễ ra quân … Theo đó, kế hoạch ra quân đợt cao điểm bắt đầu từ …"
    r = extract(WEB / "travinh-cat-kh-2020-cao-diem-news.txt", include_text=True)
    assert r.genre == "news_report" and r.document_type.code == "KH"
    assert (r.issuer.name, r.issuer.level, r.issuer.province) == ("Công an tỉnh Trà Vinh", "department", "Trà Vinh")
    assert r.text[r.document_type.span.start : r.document_type.span.end] == "kế hoạch"
    assert r.title == "Ra quân đợt cao điểm"  # the schedule ("bắt đầu từ 15-12-2020 …") is not the title
    # "Sáng 15-11, Công an tỉnh Thanh Hóa đã tổ chức lễ ra quân …": "đã" is not part of the name
    r = extract(WEB / "thanhhoa-cat-kh-2022-cao-diem-tet-news.txt")
    assert (r.issuer.name, r.issuer.province) == ("Công an tỉnh Thanh Hóa", "Thanh Hóa")


def test_a_city_abbreviated_with_a_full_stop():
    # "Ngày 15-12, UBND TP. Pleiku triển khai kế hoạch …"
    r = extract(WEB / "pleiku-kh-2022-tuan-le-van-hoa-news.txt")
    assert (r.issuer.name, r.issuer.level, r.issuer.district, r.issuer.province) == (
        "Ủy ban nhân dân thành phố Pleiku", "district", "Pleiku", "Gia Lai")


def test_news_report_joint_bodies_give_no_issuer():
    # "Ban Dân vận Thành ủy phối hợp với UBND TP.Cao Lãnh triển khai kế hoạch …": no single issuer
    r = extract(WEB / "caolanh-kh-2019-xuong-pho-ve-lang-news.txt")
    assert r.genre == "news_report"
    assert r.issuer.name is None
    assert "issuer_ambiguous" in _codes(r)
    assert r.title == "“Xuống phố, về làng” năm 2019"


def test_type_read_from_number_when_type_line_is_lost():
    # a legal portal's copy without its "KẾ HOẠCH" line: "Số: 7822/KH-UBND | Bến Tre, ngày 26 …"
    r = extract(WEB / "bentre-7822-kh-ubnd-2021-rung-ven-bien.txt")
    assert r.genre == "plan"
    assert (r.document_type.code, r.number.raw, r.issued.date) == ("KH", "7822/KH-UBND", "2021-11-26")
    assert "document_type_from_number" in _codes(r)


def test_decision_title_with_glued_words_still_issues_a_plan():
    # "VỀ VIỆC BAN HÀNH KẾHOẠCH THỰC HIỆN ĐỀ ÁN …": a copy glued "KẾ" and "HOẠCH"
    r = extract(WEB / "thanhhoa-3398-qd-ubnd-2013-pbgdpl-nha-truong.txt")
    assert r.genre == "decision"
    assert r.number.raw == "3398/QĐ-UBND"


def test_attribute_panel_of_another_site_is_metadata_not_header():
    # phapluatcongdong.vn: "Số hiệu: | 143/KH-UBND | Loại văn bản: | Văn bản khác | … |" then the header on the same line
    r = extract(WEB / "hanoi-143-kh-ubnd-2019-tram-y-te.txt")
    assert r.source.portal == "generic"
    meta = r.portal_metadata
    assert (meta.number, meta.issuer, meta.signer, meta.issued_date) == ("143/KH-UBND", "Thành phố Hà Nội", "Ngô Văn Quý", "25/06/2019")
    # the panel never becomes the issuer: the header's own lines do
    assert r.issuer.name == "Ủy ban nhân dân thành phố Hà Nội" and r.number.raw == "143/KH-UBND" and r.issued.date == "2019-06-25"
    assert r.genre == "plan"


def test_a_reported_title_goes_on_over_a_term_in_mixed_case():
    # a news page about Hà Nội 310/KH-UBND (wild, 2025): "… về phát triển hạ tầng 5G, IoT trong các khu …"
    text = ("Ngày 24/11/2025, UBND thành phố Hà Nội đã ban hành Kế hoạch 310/KH-UBND về phát triển hạ tầng 5G, IoT trong "
            "các khu công nghệ cao, khu công nghiệp, cụm công nghiệp trên địa bàn thành phố Hà Nội đến năm 2030.\n\n"
            "Theo đó, mục tiêu phát triển hạ tầng 5G và IoT như sau:\n")
    r = extract(text)
    assert r.genre == "news_report"
    assert r.title.startswith("Phát triển hạ tầng 5G, IoT trong các khu công nghệ cao") and r.title.endswith("đến năm 2030")


# --- pages that show the title and body but no header (the body-only copy of corpora/renderings/sweep.py) ---

def _body_only(path, tmp_path, limit=None):
    import sys

    sys.path.insert(0, str(CORPORA / "renderings"))
    from sweep import bodyonly  # the sweep's own cut: everything down to the type-name line dropped

    from trichxuat.ingest import read_source

    out = tmp_path / (path.stem + ".bodyonly.txt")
    out.write_text(bodyonly(read_source(path).text)[:limit], encoding="utf-8")
    return extract(out)


def test_a_plan_without_header_is_the_plan_by_its_sections(tmp_path):
    # Tuy Phước's plan (a seed) from its title down: "I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG", "III. TỔ CHỨC THỰC HIỆN"
    original = extract(CORPORA / "seeds" / "tuyphuoc-kh-ubnd-2022-truyen-thong.md")
    r = _body_only(CORPORA / "seeds" / "tuyphuoc-kh-ubnd-2022-truyen-thong.md", tmp_path)
    assert (r.genre, r.document_type.name, r.document_type.code) == ("plan", "Kế hoạch", "KH")
    assert r.title == original.title
    assert r.number.raw is None and r.issued.date is None  # not in the text: null, not guessed
    assert "document_type_from_structure" in _codes(r) and "news_report" not in _codes(r)
    assert len(r.tasks) == len(original.tasks) and [b.number for b in r.legal_bases] == [b.number for b in original.legal_bases]


def test_a_plan_without_header_that_announces_itself(tmp_path):
    # Bắc Kạn 488 (a web excerpt cut after its first section): the title in two lines of capitals, then
    # "Thực hiện Quyết định … Ủy ban nhân dân tỉnh Bắc Kạn xây dựng Kế hoạch … cụ thể như sau:", wrapped
    r = _body_only(WEB / "backan-488-kh-ubnd-2021-truyen-thong-vac-xin.txt", tmp_path)
    assert r.genre == "plan"
    assert r.title == "Truyền thông chiến dịch tiêm vắc xin phòng COVID-19 trên địa bàn tỉnh Bắc Kạn, năm 2021 - 2022"
    assert r.legal_bases and r.legal_bases[0].number == "3355/QĐ-BYT"


def test_a_decision_without_header_is_read_from_its_article_one(tmp_path):
    # Thanh Hóa 3398/QĐ-UBND (2013): "QUYẾT ĐỊNH:" then "Điều 1. Ban hành kèm theo Quyết định này Kế hoạchthực hiện …"
    r = _body_only(WEB / "thanhhoa-3398-qd-ubnd-2013-pbgdpl-nha-truong.txt", tmp_path)
    assert (r.genre, r.document_type.code) == ("decision", "QĐ")
    assert r.title == extract(WEB / "thanhhoa-3398-qd-ubnd-2013-pbgdpl-nha-truong.txt").title  # its "VỀ VIỆC BAN HÀNH …" line
    # the Prime Minister's 2623/QĐ-TTg (a crawl): the attached plan's "KẾ HOẠCH" is not this page's type name
    r = _body_only(CORPORA / "renderings" / "ttg-2623-qd-ttg-2025-ke-hoach-luat-bao-ve-du-lieu-ca-nhan.crawl.txt", tmp_path)
    assert (r.genre, r.document_type.code) == ("decision", "QĐ")
    assert r.title == "Ban hành Kế hoạch triển khai thi hành Luật Bảo vệ dữ liệu cá nhân"


def test_an_article_that_quotes_a_plans_section_stays_news():
    # a news page (wild archive, 2025) quoting "II. NỘI DUNG HOẠT ĐỘNG" of Kế hoạch 5556/KH-BVHTTDL after
    # "… Kế hoạch 5556/KH-BVHTTDL năm 2025 về thời gian, địa điểm … như sau:": a plan cited by its number
    r = extract(FIXTURES / "wild" / "tnt-6e5ac003cd33bd62.md")
    assert r.genre == "news_report" and r.number.raw == "5556/KH-BVHTTDL"


def test_a_plan_without_header_cut_before_its_sections(tmp_path):
    # a page's excerpt that stops in the preamble: Đắk Lắk 0134's title in capitals over "Căn cứ Luật Thủy
    # sản năm 2017;", "Căn cứ Luật Bảo vệ môi trường …" (no authority line between: a plan's)
    r = _body_only(CORPORA / "docs" / "daklak-0134-kh-ubnd-2025-quan-trac-moi-truong-thuy-san.md", tmp_path, limit=1500)
    assert r.genre == "plan"
    assert r.title.startswith("Quan trắc, cảnh báo môi trường tại một số vùng nuôi trồng thủy sản")
    # HCM 172's "Ủy ban nhân dân Thành phố ban hành Kế hoạch … với các nội dung sau:" and its first section only
    r = _body_only(CORPORA / "docs" / "hcm-172-kh-ubnd-2025-luat-viec-lam.md", tmp_path, limit=1500)
    assert (r.genre, r.title) == ("plan", extract(CORPORA / "docs" / "hcm-172-kh-ubnd-2025-luat-viec-lam.md").title)
    # Thanh Hóa 3398's decision cut before its "QUYẾT ĐỊNH:": "VỀ VIỆC BAN HÀNH KẾHOẠCH …", then "CHỦ TỊCH ỦY BAN
    # NHÂN DÂN TỈNH THANH HÓA", then its bases
    r = _body_only(WEB / "thanhhoa-3398-qd-ubnd-2013-pbgdpl-nha-truong.txt", tmp_path, limit=700)
    assert (r.genre, r.document_type.code) == ("decision", "QĐ")


def test_a_page_with_a_heading_that_names_the_type():
    # "Kế hoạch <title>" over the body, as many sites head a plan's page: the type name is that heading's
    r = extract("Kế hoạch tổ chức giải thể thao học sinh phổ thông cấp cụm năm học 2025–2026")
    assert (r.genre, r.document_type.code, r.title) == ("plan", "KH", "Tổ chức giải thể thao học sinh phổ thông cấp cụm năm học 2025–2026")
