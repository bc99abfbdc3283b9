"""The spaCy vi pipeline with the underthesea tokenizer."""

from __future__ import annotations

from trichxuat import nlp


def test_document_symbols_and_dates_are_single_tokens():
    text = "Căn cứ Quyết định số 650/QĐ-LĐTBXH ngày 21/7/2022; Nghị định 30/2020/NĐ-CP và Kế hoạch số 27-KH/HU."
    doc = nlp.load()(text)
    tokens = [t.text for t in doc]
    for symbol in ("650/QĐ-LĐTBXH", "21/7/2022", "30/2020/NĐ-CP", "27-KH/HU", "Quyết định", "Căn cứ"):
        assert symbol in tokens
    assert doc.text == text  # tokens are offsets of the input text


def test_offsets_survive_odd_spacing_and_decomposed_text():
    text = "UBND  tỉnh\tBắc Kạn ban hành Kế hoạch"
    doc = nlp.load()(text)
    assert doc.text == text
    assert [t.text for t in doc if not t.is_space][:2] == ["UBND", "tỉnh"]


def test_the_pipeline_is_loaded_once():
    assert nlp.load() is nlp.load()
    assert nlp.matcher("issuing_sentence") is nlp.matcher("issuing_sentence")


def test_the_issuing_sentence_matcher():
    doc = nlp.load()("UBND tỉnh Bắc Giang vừa ban hành Kế hoạch truyền thông về Chương trình.")
    spans = [doc[a:b].text for _, a, b in nlp.matcher("issuing_sentence")(doc)]
    assert "UBND tỉnh Bắc Giang vừa ban hành Kế hoạch" in spans
