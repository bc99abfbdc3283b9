"""Legacy-font text layers read again with a key learned from OCR.

A PDF made with a TCVN3/VNI-era font, or with a subset font that lost its ToUnicode map, has a text
layer whose characters are the right glyphs under the wrong codes (`6Ӣ CÔNG 7+ѬѪ1*` for `SỞ CÔNG
THƯƠNG`). The codes are wrong but consistent: one glyph, one code. OCR reads the page images with
errors, but its errors are not consistent. So each OCR word is laid over the layer characters under
it, every (font, code) collects votes for the letter OCR saw there, and the majority is the key.
Decoded with that key, the text layer gives the exact words and positions of a born-digital PDF
(the two-column header, tables and signature blocks laid out as usual), not OCR's guesses.

A page is decoded only when the key covers nearly all its characters; otherwise its OCR text stays.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass

# a (font, code) needs this share of its votes for one letter
MIN_AGREEMENT = 0.6
# codes between two that follow one run are in the run when the gap is at most this (a letter OCR
# misread, such as "Ể" read as "Ê", must not cut the run in two)
MAX_RUN_GAP = 12
# a font is read as it is when OCR agrees with this share of its letters
READABLE = 0.9
# a page is decoded when the key reads this share of its characters (the rest are left as OCR read them)
MIN_COVERAGE = 0.985


@dataclass
class LayerChar:
    key: tuple[str, str]  # (font name, the character pdfium reports)
    x0: float
    x1: float
    top: float  # from the top of the page, as OCR boxes are
    bottom: float
    blank: bool  # no ink: a space


def layer_chars(page) -> list[LayerChar]:
    """Characters of a pdfplumber page with their font, code and box. pdfminer decodes simple fonts
    by their encoding and leaves a code it cannot map as "(cid:N)": either way one code per glyph."""
    out = []
    for ch in page.chars:
        code = ch.get("text") or ""
        if not code or ch["x1"] <= ch["x0"]:
            continue
        out.append(LayerChar((ch.get("fontname") or "", code), ch["x0"], ch["x1"], ch["top"], ch["bottom"], code.isspace()))
    return out


def _under(word, chars: list[LayerChar]) -> list[LayerChar]:
    """The inked layer characters whose centre lies inside an OCR word's box."""
    pad = max((word.bottom - word.top) * 0.35, 1.0)
    inside = [
        c for c in chars
        if not c.blank and word.x0 - 1.5 <= (c.x0 + c.x1) / 2 <= word.x1 + 1.5 and word.top - pad <= (c.top + c.bottom) / 2 <= word.bottom + pad
    ]
    return sorted(inside, key=lambda c: c.x0)


def align(chars: list[LayerChar], lines: list[list]) -> list[tuple[LayerChar, str]]:
    """(layer character, letter OCR read over it) for every OCR word whose letters match the inked
    characters under it one for one; a word where OCR merged, split or dropped letters gives none."""
    pairs = []
    for line in lines:
        for word in line:
            letters = unicodedata.normalize("NFC", word.text)
            under = _under(word, chars)
            if letters and len(under) == len(letters):
                pairs.extend(zip(under, letters))
    return pairs


def _sure(counter: Counter) -> str | None:
    """The letter a code is read as with confidence: two votes or more, and 80% of them."""
    letter, n = counter.most_common(1)[0]
    return letter if n >= 2 and n >= 0.8 * sum(counter.values()) else None


def _font_groups(votes: dict[tuple[str, str], Counter], fonts: set[str]) -> dict[str, str]:
    """Fonts that use one code system (subsets of one family often keep the family's glyph ids):
    two fonts join when the codes both read with confidence mean the same letters."""
    sure: dict[str, dict[str, str]] = defaultdict(dict)
    for (font, code), counter in votes.items():
        letter = _sure(counter) if font in fonts else None
        if letter:
            sure[font][code] = letter
    group = {f: f for f in fonts}

    def root(f: str) -> str:
        while group[f] != f:
            f = group[f]
        return f

    ordered = sorted(fonts)
    for i, a in enumerate(ordered):
        for b in ordered[i + 1 :]:
            shared = set(sure[a]) & set(sure[b])
            same = sum(1 for code in shared if sure[a][code] == sure[b][code])
            if len(shared) >= 8 and same >= 0.95 * len(shared):
                group[root(b)] = root(a)
    return {f: root(f) for f in fonts}


def learn_key(pages: list[tuple[list[LayerChar], list[tuple[LayerChar, str]]]]) -> dict[tuple[str, str], str]:
    """The letter each (font, code) stands for, by majority over the OCR words laid on the layer.
    ``pages``: for each page, its layer characters and their alignment with OCR (``align``)."""
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for _, pairs in pages:
        for c, letter in pairs:
            votes[c.key][letter] += 1
    # a font whose codes OCR mostly reads as themselves is decoded right: keep its codes
    agree: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (font, code), counter in votes.items():
        agree[font][0] += counter[code]
        agree[font][1] += sum(counter.values())
    readable = {font for font, (same, total) in agree.items() if same >= READABLE * total}
    key: dict[tuple[str, str], str] = {}
    for chars, _ in pages:
        for c in chars:
            if c.key[0] in readable and not c.key[1].startswith("(cid:"):
                key[c.key] = c.key[1]
    groups = _font_groups(votes, {font for font, _ in votes if font not in readable})
    members: dict[str, list[str]] = defaultdict(list)
    for font, group in groups.items():
        members[group].append(font)
    pooled: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for (font, code), counter in votes.items():
        if font in groups:
            pooled[(groups[font], code)].update(counter)
    runs = _runs(pooled)
    # runs of "(cid:N)" codes hold across a family's styles (bold and italic keep the glyph order)
    cid_groups = {g for g, code in pooled if code.startswith("(cid:")}
    family = sorted({r for g, rs in runs.items() if g in cid_groups for r in rs})
    codes = {(groups[c.key[0]], c.key[1]) for chars, _ in pages for c in chars if c.key[0] in groups and not c.blank}
    for group, code in codes:
        letter = _letter(pooled.get((group, code), Counter()), _predict(runs.get(group, []), code) or (_predict(family, code) if code.startswith("(cid:") else None))
        if letter:
            key.update({(font, code): letter for font in members[group]})
    return key


def _letter(counter: Counter, predicted: str | None) -> str | None:
    """One code's letter from its votes and the run it falls in."""
    # two OCR votes or fewer do not outweigh a run backed by three confident codes, nor do votes for
    # the letter without one of its marks (OCR drops the hook of "Ể", not adds it)
    if predicted and (counter[predicted] or sum(counter.values()) <= 2 or all(_weaker(v, predicted) for v in counter)):
        return predicted  # the font's own code order, confirmed by OCR where it voted
    if not counter:
        return None
    ranked = counter.most_common(2)
    letter, n = ranked[0]
    runner_up = ranked[1][1] if len(ranked) > 1 else 0
    return letter if n / sum(counter.values()) >= MIN_AGREEMENT or (n >= 3 and n > runner_up) else None


def _weaker(read: str, letter: str) -> bool:
    """``read`` is ``letter`` with marks missing ("Ê" for "Ể", "o" for "ộ")."""
    a, b = unicodedata.normalize("NFD", read), unicodedata.normalize("NFD", letter)
    return len(a) < len(b) and a[:1] == b[:1] and all(a.count(ch) <= b.count(ch) for ch in set(a))


def _cid(code: str) -> int | None:
    m = re.fullmatch(r"\(cid:(\d+)\)", code)
    return int(m.group(1)) if m else (ord(code) if len(code) == 1 else None)


def _runs(pooled: dict[tuple[str, str], Counter]) -> dict[str, list[tuple[int, int, int]]]:
    """Runs of codes that follow Unicode order at a fixed offset (glyph ids of a font laid out block
    by block: cid 1236 "Ố", 1237 "ố", … 1241 "ổ"), from the codes OCR reads with confidence:
    for each font group, (first code, last code, offset), each run backed by three codes or more."""
    sure: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for (group, code), counter in pooled.items():
        letter, cid = _sure(counter), _cid(code)
        if cid is not None and letter and len(letter) == 1:
            sure[group].append((cid, ord(letter) - cid))
    runs: dict[str, list[tuple[int, int, int]]] = {}
    for group, pairs in sure.items():
        by_offset: dict[int, list[int]] = defaultdict(list)
        for cid, offset in pairs:
            by_offset[offset].append(cid)
        found = []  # (supporters, first, last, offset)
        for offset, cids in by_offset.items():
            cids.sort()
            segment = [cids[0]]
            for cid in cids[1:] + [None]:
                if cid is not None and cid - segment[-1] <= MAX_RUN_GAP:
                    segment.append(cid)
                    continue
                if len(segment) >= 3:
                    found.append((len(segment), segment[0], segment[-1], offset))
                if cid is not None:
                    segment = [cid]
        runs[group] = [(first, last, offset) for _, first, last, offset in sorted(found, reverse=True)]
    return runs


def _predict(runs: list[tuple[int, int, int]], code: str) -> str | None:
    cid = _cid(code)
    if cid is None:
        return None
    for first, last, offset in runs:
        if first <= cid <= last and 0 < cid + offset <= 0x10FFFF:
            letter = chr(cid + offset)
            return letter if letter.isprintable() else None
    return None


def decode(chars: list[LayerChar], key: dict[tuple[str, str], str], aligned: list[tuple[LayerChar, str]] = ()) -> tuple[list[LayerChar], float]:
    """The page's characters under the key, and the share of inked characters it could read. A code
    the key lacks takes the letter OCR read there (when the word aligns), else U+FFFD. Blanks drawn
    under inked characters (a number typed over a row of spaces) are dropped."""
    inked = [c for c in chars if not c.blank]
    fallback = {id(c): letter for c, letter in aligned}
    known = sum(1 for c in inked if c.key in key)
    out = []
    for c in chars:
        if c.blank:
            if any(o.x0 < c.x0 < o.x1 - 0.5 and abs(c.bottom - o.bottom) < 4 for o in inked):
                continue
            text = " "
        else:
            text = key.get(c.key) or fallback.get(id(c), "\ufffd")
        out.append(LayerChar((c.key[0], text), c.x0, c.x1, c.top, c.bottom, c.blank))
    return out, (known / len(inked) if inked else 0.0)


def read_layer(data: bytes, ocr_pages: list[tuple[list[list], float]], notes: list[str]) -> list[str | None]:
    """Each page's text layer decoded with the key learned from the OCR words, laid out like a
    born-digital page; None for a page the key does not read (its OCR text is kept)."""
    import io

    import pdfplumber

    from .layout import Glyph, group_lines, layout_page

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            layers = [
                layer_chars(page) if i < len(ocr_pages) and (page.rotation or 0) % 360 == 0 else []
                for i, page in enumerate(pdf.pages)
            ]
    except Exception as e:  # pdfminer raises many kinds on damaged files; OCR text stays
        notes.append(f"legacy-font text layer could not be decoded ({type(e).__name__}): OCR text kept")
        return [None] * len(ocr_pages)
    pages = [(chars, align(chars, lines)) for chars, (lines, _) in zip(layers, ocr_pages)]  # aligned once: votes and fallback
    key = learn_key(pages)
    out: list[str | None] = []
    decoded = 0
    for i, ((chars, aligned), (_, width)) in enumerate(zip(pages, ocr_pages)):
        if not chars:
            out.append(None)
            continue
        page_chars, coverage = decode(chars, key, aligned)
        if coverage < MIN_COVERAGE:
            out.append(None)
            continue
        glyphs = [Glyph(c.key[1], c.x0, c.x1, c.top, c.bottom) for c in page_chars]
        out.append("\n".join(layout_page(group_lines(glyphs), width, first_page=(i == 0))))
        decoded += 1
    if decoded:
        notes.append(
            f"legacy-font text layer decoded with a key learned from OCR ({len(key)} codes) on {decoded} of {len(ocr_pages)} pages"
            + ("" if decoded == len(ocr_pages) else "; the other pages are OCR text")
        )
    return out
