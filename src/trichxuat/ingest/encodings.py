"""Legacy Vietnamese encodings: TCVN3 (ABC, the .VnTime fonts) and VNI-Windows, detected and
converted to Unicode. The tables are resources/legacy_encodings.yaml; text in these encodings was
typed with Latin-1 fonts, so it arrives as Latin-1/cp1252 characters that are not Vietnamese."""

from __future__ import annotations

import re
from functools import cache

from .. import resources


@cache
def _tables() -> dict[str, dict[str, str]]:
    t = resources.load("legacy_encodings")
    return {"tcvn3": t["tcvn3"], "vni": dict(sorted(t["vni"].items(), key=lambda kv: -len(kv[0])))}


@cache
def _vni_pattern() -> re.Pattern[str]:
    return re.compile("|".join(re.escape(k) for k in _tables()["vni"]))


def to_unicode(text: str, encoding: str) -> str:
    if encoding == "tcvn3":
        table = _tables()["tcvn3"]
        return _tcvn3_capitals("".join(table.get(c, c) for c in text))
    if encoding == "vni":
        table = _tables()["vni"]
        return _vni_pattern().sub(lambda m: table[m.group()], text)
    raise ValueError(encoding)


def detect(text: str) -> str | None:
    """"tcvn3", "vni" or None: the legacy encoding whose conversion yields the most Vietnamese."""
    sample = text[:20000]
    if not sample:
        return None
    # VNI writes a mark after a plain vowel ("aø", "eâ"); TCVN3 replaces the whole vowel ("ho¹ch")
    marks = [i for i, c in enumerate(sample) if 0xA0 <= ord(c) <= 0xFF and i > 0]
    if not marks:
        return None
    after_vowel = sum(1 for i in marks if sample[i - 1] in "aeiouyAEIOUY") / len(marks)
    encoding = "vni" if after_vowel > 0.5 else "tcvn3"
    return encoding if _vietnamese_share(to_unicode(sample, encoding)) > _vietnamese_share(sample) + 0.05 else None


_VIET = re.compile("[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]", re.I)


def _vietnamese_share(text: str) -> float:
    letters = sum(1 for c in text if c.isalpha())
    return len(_VIET.findall(text)) / letters if letters else 0.0


def _tcvn3_capitals(text: str) -> str:
    """TCVN3 has no capital toned letters: capitals were typed in a capital font (.VnTimeH) with the
    lower-case codes, so "ỦY BAN NHÂN DÂN" converts to "ủY BAN NHâN DâN". A word whose plain letters
    are all capitals (two or more), or any word of a line of such words, is put back in capitals."""
    def caps_word(w: str) -> bool:
        plain = [c for c in w if "A" <= c.upper() <= "Z" and c.isascii()]
        return len(plain) >= 2 and all(c.isupper() for c in plain)

    out = []
    for line in text.split("\n"):
        words = line.split(" ")
        lettered = [w for w in words if any(c.isalpha() for c in w)]
        capital_line = lettered and sum(caps_word(w) for w in lettered) >= 0.5 * len(lettered)
        out.append(" ".join(w.upper() if capital_line or caps_word(w) else w for w in words))
    return "\n".join(out)
