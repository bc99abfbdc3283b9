"""Folding of Vietnamese strings for comparison: one rule, used by matching and by evaluation."""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from . import resources

_DASHES = re.compile(r"[\u2010-\u2015\u2212\u00ad-]")
_WS = re.compile(r"\s+")
# old-style tone placement (hoà, thuỷ) → new style (hòa, thủy): the mark moves to the last vowel
_OLD_TONES = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
# only at the end of a word (hoà/hòa, thuỷ/thủy): in a closed syllable (hoạch, hoàn) both styles agree,
# and after "q" the u belongs to the consonant (quý)
_OLD_TONE_RE = re.compile(r"(?<!q)(?:" + "|".join(_OLD_TONES) + r")(?!\w)")


def unify_tones(text: str) -> str:
    return _OLD_TONE_RE.sub(lambda m: _OLD_TONES[m.group()], text)


def fold(text: str | None) -> str:
    """NFC, casefold, whitespace collapsed, all dashes to "-", tone placement unified."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", text).casefold()
    text = unify_tones(text)
    text = _DASHES.sub("-", text)
    return _WS.sub(" ", text).strip()


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c))


def is_upper_text(text: str, threshold: float = 0.85) -> bool:
    """Mostly capitals (a heading or a title set in capitals)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) >= threshold


def collapse(text: str) -> str:
    return _WS.sub(" ", text).strip()


@cache
def _syllable() -> re.Pattern[str]:
    table = resources.load("syllables")
    alt = lambda xs: "|".join(sorted(xs, key=len, reverse=True))  # noqa: E731
    return re.compile(f"(?:{alt(table['onsets'])})?[{table['vowels']}]{{1,3}}(?:{alt(table['codas'])})?")


def is_syllable(word: str) -> bool:
    """Whether a word has the shape of one Vietnamese syllable (resources/syllables.yaml): "trường"
    has, "UBND", "THPT", "VssID" have not."""
    return bool(_syllable().fullmatch(strip_accents(word.lower())))
