"""Plain text and Markdown: decode the bytes (UTF-8, UTF-8-BOM, UTF-16) and nothing more.

Cleaning (NFC, Markdown marks, line breaks) is normalization's job, so that offsets are kept.
"""

from __future__ import annotations

import re

from ..errors import InputError

_MD_MARKS = re.compile(r"(?m)^(#{1,6} |\*\*|\|.*\|\s*$)|\*\*[^*\n]+\*\*")


def decode(data: bytes, name: str) -> str:
    return decode_report(data, name)[0]


def decode_report(data: bytes, name: str) -> tuple[str, list[str]]:
    """The text, and notes on what decoding had to do that the record should warn about."""
    if data.startswith(b"\xef\xbb\xbf"):
        return _strict(data[3:], "utf-8", name), []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(data, "utf-16", name), []
    sample = data[:4096]
    if sample.count(b"\x00"):
        # UTF-16 without a BOM: every other byte of ASCII text is NUL
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) * 0.3 and even < len(sample) * 0.05:
            return _strict(data, "utf-16-le", name), []
        if even > len(sample) * 0.3 and odd < len(sample) * 0.05:
            return _strict(data, "utf-16-be", name), []
        raise InputError(name, "looks binary (contains NUL bytes), not a text document")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        lines = data.split(b"\n")
        if any(not line.isascii() and _utf8(line) is not None for line in lines):
            return _mixed(lines, name)  # UTF-8 with lines pasted in another encoding
        # an 8-bit file: a legacy Vietnamese encoding (TCVN3, VNI-Windows) typed with Latin-1 fonts
        from .encodings import detect

        latin = data.decode("cp1252", errors="replace")
        if detect(latin) is None:
            raise InputError(
                name,
                f"is not UTF-8 text (invalid byte 0x{data[e.start]:02x} at offset {e.start}) "
                "and not in a Vietnamese legacy encoding (TCVN3, VNI) either",
            ) from None
        text = latin
    _reject_control(text, name)
    return text, []


def _utf8(line: bytes) -> str | None:
    try:
        return line.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _mixed(lines: list[bytes], name: str) -> tuple[str, list[str]]:
    """A file whose lines are in different encodings (UTF-8 pasted next to Windows-1258 or TCVN3):
    each line that is not UTF-8 is read in the legacy encoding that makes it Vietnamese."""
    from .encodings import detect, to_unicode

    out: list[str] = []
    legacy: dict[str, list[int]] = {}
    for i, line in enumerate(lines, 1):
        text = _utf8(line)
        if text is None:
            latin = line.decode("cp1252", errors="replace")
            enc = detect(latin)
            if enc:
                text = to_unicode(latin, enc)
                legacy.setdefault("TCVN3" if enc == "tcvn3" else "VNI-Windows", []).append(i)
            else:
                text = line.decode("cp1258", errors="replace")
                legacy.setdefault("Windows-1258", []).append(i)
        out.append(text)
    text = "\n".join(out)
    _reject_control(text, name)
    where = "; ".join(f"{enc} on line{'s' if len(ns) > 1 else ''} {', '.join(map(str, ns[:10]))}{'…' if len(ns) > 10 else ''}" for enc, ns in legacy.items())
    return text, [f"mixed encodings: UTF-8 with lines in other encodings, converted ({where})"]


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as e:
        raise InputError(name, f"is not valid {encoding.upper()} text (bad bytes at offset {e.start})") from None
    return text.lstrip("\ufeff")


def _reject_control(text: str, name: str) -> None:
    sample = text[:8192]
    bad = sum(1 for c in sample if ord(c) < 32 and c not in "\t\n\r\f\v")
    if bad > max(8, len(sample) // 100):
        raise InputError(name, "looks binary (many control characters), not a text document")


_MD_TABLE_RULE = re.compile(r"(?m)^\|(?:\s*:?-{3,}:?\s*\|)+\s*$")  # "|---|---|": a pipe table, whatever else the text is


def looks_like_markdown(text: str) -> bool:
    return len(_MD_MARKS.findall(text[:20000])) >= 3 or bool(_MD_TABLE_RULE.search(text))
