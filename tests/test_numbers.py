"""Amounts in figures and words; the words parser against an independent writer of number words."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from trichxuat.numbers import find_money, parse_words


@pytest.mark.parametrize(
    "text,amount",
    [
        ("170.429.000", 170_429_000),  # bare figures count in a budget context only (bare=True)
        ("170.429.000đ", 170_429_000),
        ("170.429.000 đồng", 170_429_000),
        ("99.000.000 VNĐ", 99_000_000),
        ("170,5 triệu đồng", 170_500_000),
        ("1.234 triệu đồng", 1_234_000_000),
        ("2.150 tỷ đồng", 2_150_000_000_000),
        ("1,2 tỷ đồng", 1_200_000_000),
        ("5 tỷ 300 triệu đồng", 5_300_000_000),
        ("3 nghìn tỷ đồng", 3_000_000_000_000),
    ],
)
def test_amount_forms(text, amount):
    found = find_money(f"Tổng kinh phí: {text} (tạm tính)", bare=True)
    assert [m.amount for m in found] == [amount]
    assert found[0].text == text


def test_figures_without_a_scale_or_currency_are_not_money_in_running_text():
    assert find_money("năm 2024 tổ chức 15 lớp cho 1.200 học viên") == []
    assert [m.amount for m in find_money("hỗ trợ 1.200.000 đồng/người")] == [1_200_000]


@pytest.mark.parametrize(
    "words,value",
    [
        ("Một trăm bảy mươi triệu, bốn trăm hai mươi chín ngàn đồng", 170_429_000),  # seed Cửa Lò
        ("chín mươi chín triệu đồng", 99_000_000),
        ("Bảy mươi một triệu bốn trăm hai mươi chín ngàn đồng", 71_429_000),
        ("một trăm linh năm nghìn đồng chẵn", 105_000),
        ("hai mươi mốt tỷ, không trăm lẻ tư triệu", 21_004_000_000),
        ("mười lăm triệu", 15_000_000),
        ("một triệu tỷ", 10**15),
        ("không", 0),
        ("Một trăm bảy mươi triệu đô la", None),
        ("xin chào", None),
    ],
)
def test_parse_words(words, value):
    assert parse_words(words) == value


DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]


def write_words(n: int, v: dict) -> str:
    """An independent writer of Vietnamese number words, with the variants of real documents."""
    if n == 0:
        return "không"

    def group(x: int, inner: bool) -> list[str]:
        h, t, u = x // 100, x // 10 % 10, x % 10
        out: list[str] = []
        if h or inner:
            out += [DIGITS[h], "trăm"]
        if t == 0:
            if u:
                out += ([v["linh"]] if out else []) + [DIGITS[u]]
        elif t == 1:
            out.append("mười")
            if u:
                out.append(v["lam"] if u == 5 else DIGITS[u])
        else:
            out += [DIGITS[t], "mươi"]
            if u == 1:
                out.append("mốt")
            elif u == 4:
                out.append(v["tu"])
            elif u == 5:
                out.append(v["lam"])
            elif u:
                out.append(DIGITS[u])
        return out

    if n == 10**12:
        return f"một {v['nghin']} {v['ty']}"
    words: list[str] = []
    for scale, size in ((v["ty"], 10**9), ("triệu", 10**6), (v["nghin"], 10**3), (None, 1)):
        part = n // size % 1000 if size < 10**9 else n // size
        if part:
            words += group(part, inner=bool(words))
            if scale:
                words.append(scale)
    return " ".join(words)


VARIANTS = st.fixed_dictionaries(
    {"nghin": st.sampled_from(["nghìn", "ngàn"]), "linh": st.sampled_from(["linh", "lẻ"]), "ty": st.sampled_from(["tỷ", "tỉ"]),
     "tu": st.sampled_from(["tư", "bốn"]), "lam": st.sampled_from(["lăm", "nhăm"])}
)


@settings(max_examples=2000, deadline=None)
@given(st.integers(0, 10**12), VARIANTS, st.booleans())
def test_words_round_trip(n, variants, suffix):
    words = write_words(n, variants) + (" đồng" if suffix else "")
    assert parse_words(words) == n, words


def test_a_scaled_figure_of_something_else_than_dong_is_no_money():
    # an export target ("đạt 400 triệu USD", a Sơn La plan of the wild archive) and a count are no amounts
    from trichxuat.numbers import find_money

    assert find_money("Phấn đấu giá trị hàng hóa tham gia xuất khẩu đến năm 2030 đạt 400 triệu USD, tăng bình quân") == []
    assert find_money("đón 2 triệu lượt khách") == []
    assert [m.amount for m in find_money("kinh phí 300 triệu; còn lại 170,5 triệu đồng")] == [300_000_000, 170_500_000]
