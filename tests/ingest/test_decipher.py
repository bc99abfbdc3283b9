"""The key learned from OCR for legacy-font text layers, on small constructed pages (the real
legacy-font PDF is in test_pdf.py)."""

from __future__ import annotations

from trichxuat.ingest.decipher import LayerChar, align, decode, learn_key
from trichxuat.ingest.pdf import Glyph

FONT = "ABCDEF+TimesNewRomanPSMT"


def _word(codes: list[int], x: float, top: float = 100.0) -> list[LayerChar]:
    return [LayerChar((FONT, f"(cid:{c})"), x + 6 * i, x + 6 * i + 6, top, top + 12, False) for i, c in enumerate(codes)]


def _page(words: list[tuple[list[int], str]]):
    """Layer characters for words laid out left to right, and the OCR words read over them."""
    chars, ocr, x = [], [], 10.0
    for codes, read in words:
        chars += _word(codes, x)
        ocr.append(Glyph(read, x + 0.5, x + 6 * len(codes) - 0.5, 101.0, 111.0))
        x += 6 * len(codes) + 8
    return chars, [ocr]


# glyph ids of a subset font: ASCII at an offset of 29, Vietnamese letters in Unicode order
S, O, N, G, T, A = 54, 50, 49, 42, 55, 36
O_CIRCUMFLEX_HOOK = 0x1ED5 - 6628  # "ổ"


def test_votes_give_the_key_and_ocr_errors_are_outvoted():
    chars, lines = _page([([S, O, N, G], "SONG"), ([S, O, N, G], "SONG"), ([S, O, N, G], "S0NG"), ([T, A, N], "TAN")])
    key = learn_key([(chars, align(chars, lines))])
    assert key[(FONT, f"(cid:{O})")] == "O"  # two votes for "O", one for "0"
    decoded, coverage = decode(chars, key, align(chars, lines))
    assert coverage == 1.0 and "".join(c.key[1] for c in decoded[:4]) == "SONG"


def test_a_run_of_glyph_ids_restores_the_mark_ocr_keeps_dropping():
    # "ố" (1ED1), "ồ" (1ED3), "ộ" (1ED9) are read right; "ổ" (1ED5) is read "ô" every time
    base = 6628
    words = [([0x1ED1 - base], "ố"), ([0x1ED3 - base], "ồ"), ([0x1ED9 - base], "ộ")] * 2
    words += [([O_CIRCUMFLEX_HOOK], "ô")] * 5
    chars, lines = _page(words)
    key = learn_key([(chars, align(chars, lines))])
    assert key[(FONT, f"(cid:{O_CIRCUMFLEX_HOOK})")] == "ổ"


def test_a_run_does_not_override_ocr_that_reads_another_letter():
    base = 6628
    words = [([0x1ED1 - base], "ố"), ([0x1ED3 - base], "ồ"), ([0x1ED9 - base], "ộ")] * 2
    words += [([0x1ED5 - base], "x")] * 5  # not the run's letter without a mark: the votes stand
    chars, lines = _page(words)
    assert learn_key([(chars, align(chars, lines))])[(FONT, f"(cid:{0x1ED5 - base})")] == "x"


def test_blanks_under_a_number_typed_over_them_are_dropped():
    chars = _word([S], 10.0)
    blanks = [LayerChar((FONT, " "), 16.0 + 3 * i, 19.0 + 3 * i, 100.0, 112.0, True) for i in range(4)]
    digits = [LayerChar(("Simple", d), 17.0 + 7 * i, 24.0 + 7 * i, 100.0, 112.0, False) for i, d in enumerate("10")]
    key = {(FONT, f"(cid:{S})"): "S", ("Simple", "1"): "1", ("Simple", "0"): "0"}
    decoded, _ = decode(chars + blanks + digits, key)
    text = "".join(c.key[1] for c in sorted(decoded, key=lambda c: c.x0))
    assert text == "S 10"  # the blank before "1" stays; the ones drawn under the digits go


from hypothesis import given, settings, strategies as st

_codes = st.one_of(st.integers(0, 70000).map(lambda n: f"(cid:{n})"), st.characters(min_codepoint=32, max_codepoint=0x1EFF))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(_codes, min_size=1, max_size=6), st.text(min_size=0, max_size=7)), max_size=30))
def test_any_layer_and_any_ocr_give_a_key_without_failing(words):
    chars, ocr_words, x = [], [], 10.0
    for codes, read in words:
        chars += [LayerChar((FONT, c), x + 6 * i, x + 6 * i + 6, 100.0, 112.0, c.isspace()) for i, c in enumerate(codes)]
        ocr_words.append(Glyph(read, x + 0.5, x + 6 * len(codes) - 0.5, 101.0, 111.0))
        x += 6 * len(codes) + 8
    key = learn_key([(chars, align(chars, [ocr_words]))])
    decoded, coverage = decode(chars, key, align(chars, [ocr_words]))
    assert 0.0 <= coverage <= 1.0 and len(decoded) <= len(chars)
    assert all(isinstance(c.key[1], str) and c.key[1] for c in decoded)
