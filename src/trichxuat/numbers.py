"""Amounts of money in figures and in words, as integer đồng.

Figures: "170.429.000", "170.429.000đ", "99.000.000 VNĐ", "170,5 triệu đồng", "1.234 triệu đồng",
"2.150 tỷ đồng", "1,2 tỷ đồng", "5 tỷ 300 triệu đồng". Words: "Một trăm bảy mươi triệu, bốn trăm
hai mươi chín ngàn đồng" (nghìn/ngàn, linh/lẻ, mười/mươi, lăm/năm, mốt, tư, trăm, triệu, tỷ/tỉ,
"chẵn"), up to 10^15. The vocabulary is resources/number_words.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache

from . import resources


@dataclass(frozen=True)
class Money:
    amount: int
    start: int
    end: int
    text: str


@cache
def _words() -> dict:
    t = resources.load("number_words")
    scales = sorted(t["figure_scales"].items(), key=lambda kv: -len(kv[0]))
    scale_alt = "|".join(re.escape(k) for k, _ in scales)
    currency = "|".join(re.escape(c) for c in sorted(t["currencies"], key=len, reverse=True))
    number = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?"
    not_money = "|".join(re.escape(u) for u in sorted(t["not_money_after"], key=len, reverse=True))
    return {
        "table": t,
        "figure_scales": dict(scales),
        "not_money_after": re.compile(rf"\s*(?:{not_money})(?!\w)"),
        "money": re.compile(
            rf"(?<![\d.,/])(?P<num>{number})(?:\s*(?P<scale>{scale_alt})(?:\s+(?P<num2>\d{{1,3}}(?:,\d+)?)\s*(?P<scale2>{scale_alt}))?)?"
            rf"(?:\s*(?P<cur>{currency}))?(?!\w)"
        ),
    }


def scale_of(word: str) -> int:
    """What a scale word multiplies by ("triệu" → 1 000 000); 1 for a word that is no scale."""
    return int(_words()["figure_scales"].get(word, 1))


def figure_value(num: str) -> Decimal:
    """"170.429.000" → 170429000; "170,5" → 170.5 (dots group thousands, a comma is the decimal point)."""
    return Decimal(num.replace(".", "").replace(",", "."))


def find_money(text: str, start: int = 0, end: int | None = None, bare: bool = False) -> list[Money]:
    """Amounts in ``text[start:end]``. Without ``bare``, a figure counts only with a scale word or a
    currency ("170,5 triệu", "99.000.000đ"); with it, a grouped figure ("170.429.000") counts too."""
    w = _words()
    out = []
    for m in w["money"].finditer(text, start, len(text) if end is None else end):
        scale, cur = m.group("scale"), m.group("cur")
        grouped = "." in m.group("num") and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", m.group("num"))
        if not (scale or cur or (bare and grouped)):
            continue
        if not (scale or cur) and text[m.end() : m.end() + 1] == "/":
            continue  # "182/KH-UBND", "21/7/2022": a number or a date, not money
        if not cur and w["not_money_after"].match(text, m.end()):
            continue  # "400 triệu USD", "2 triệu lượt khách": a value or a count, not an amount in đồng
        value = figure_value(m.group("num")) * (w["figure_scales"][scale] if scale else 1)
        if m.group("num2"):
            value += figure_value(m.group("num2")) * w["figure_scales"][m.group("scale2")]
        out.append(Money(amount=int(value), start=m.start(), end=m.end(), text=m.group()))
    return out


def parse_words(text: str) -> int | None:
    """Vietnamese number words → an integer; None when the text is not a number in words."""
    t = resources.load("number_words")
    tokens = [w for w in re.findall(r"[^\W\d_]+", text.lower()) if w not in t["ignore"]]
    if not tokens:
        return None
    try:
        return _parse_scaled(tokens, t)
    except ValueError:
        return None


def _parse_scaled(tokens: list[str], t: dict) -> int:
    """Split at the last occurrence of the largest scale word: left × scale + right."""
    for scale, value in sorted(t["scales"].items(), key=lambda kv: -kv[1]):
        if scale in tokens:
            i = len(tokens) - 1 - tokens[::-1].index(scale)
            left, right = tokens[:i], tokens[i + 1 :]
            left_value = _parse_scaled(left, t) if left else 1
            return left_value * value + (_parse_scaled(right, t) if right else 0)
    return _parse_hundreds(tokens, t)


def _digit(word: str, t: dict) -> int:
    if word not in t["digits"]:
        raise ValueError(word)
    return t["digits"][word]


def _parse_hundreds(tokens: list[str], t: dict) -> int:
    """0-999: "[d] trăm [linh d | d mươi [d] | mười [d] | d]"."""
    value = 0
    rest = tokens
    if any(h in rest for h in t["hundred"]):
        i = next(i for i, w in enumerate(rest) if w in t["hundred"])
        if i > 1:
            raise ValueError(rest)
        value += (_digit(rest[0], t) if i == 1 else 1) * 100
        rest = rest[i + 1 :]
    if not rest:
        return value
    if rest[0] in t["zero_tens"]:
        if len(rest) != 2:
            raise ValueError(rest)
        return value + _digit(rest[1], t)
    if rest[0] in t["ten"]:
        if len(rest) > 2:
            raise ValueError(rest)
        return value + 10 + (_digit(rest[1], t) if len(rest) == 2 else 0)
    if len(rest) >= 2 and rest[1] in t["tens"]:
        if len(rest) > 3:
            raise ValueError(rest)
        return value + _digit(rest[0], t) * 10 + (_digit(rest[2], t) if len(rest) == 3 else 0)
    if len(rest) == 1:
        return value + _digit(rest[0], t)
    raise ValueError(rest)
