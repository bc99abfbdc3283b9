"""Every extracted value carries a span whose text is the words the value was read from."""

from __future__ import annotations

import re

import pytest
from pydantic import BaseModel
from rapidfuzz import fuzz

from trichxuat import extract, resources
from trichxuat.extract.agencies import without_qualifiers
from trichxuat.extract.citations import find_citations
from trichxuat.extract.header import (
    doc_type_by_name,
    parse_number,
    parse_place_date,
    restore_sentence_case,
)
from trichxuat.extract.issuer import expand_abbreviations
from trichxuat.extract.scope import parse_period
from trichxuat.numbers import find_money, parse_words
from trichxuat.record import (
    Agency,
    Amount,
    BudgetItem,
    Citation,
    DocumentNumber,
    DocumentType,
    FundingSource,
    Issued,
    Issuer,
    Objective,
    Period,
    PlanRecord,
    PortalMetadata,
    Program,
    Recipient,
    Section,
    Signer,
    Target,
    Task,
)
from trichxuat.textnorm import collapse, fold

from .conftest import FIXTURES, corpus_documents


def _words_in_order(value: str, source: str) -> bool:
    """The value's words appear in the source in order (other words, e.g. another column, may lie between)."""
    pos = 0
    src = fold(source)
    for word in fold(value).split():
        word = word.strip(":;,.") or word  # "hành:" where a value joins two pieces of its span
        pos = src.find(word, pos)
        if pos < 0:
            return False
        pos += len(word)
    return True


def _leaves(obj, path="record"):
    if isinstance(obj, BaseModel):
        if getattr(obj, "span", None) is not None:
            yield path, obj
        for name in type(obj).model_fields:
            if name != "warnings":  # a warning's span says what it concerns, it is not a value
                yield from _leaves(getattr(obj, name), f"{path}.{name}")
    elif isinstance(obj, list):
        for i, item in enumerate(obj):
            yield from _leaves(item, f"{path}[{i}]")


def check_leaf(record: PlanRecord, text: str, leaf) -> None:
    span = leaf.span
    assert 0 <= span.start < span.end <= len(text)
    source = text[span.start : span.end]
    inferred = {w.code for w in record.warnings} & {"header_missing_issuer_inferred", "issuer_place_from_place_line"}
    codes = {w.code for w in record.warnings}
    if isinstance(leaf, DocumentType) and "document_type_from_number" in codes:
        assert parse_number(source).type_code == leaf.code  # the type is read from the number's code
    elif isinstance(leaf, DocumentType) and "news_report" in codes:
        assert fold(leaf.name) in fold(source)  # "kế hoạch" in the article's sentence
    elif isinstance(leaf, DocumentType):
        variant = doc_type_by_name(collapse(source))  # "KẾ HOẠCH HÀNH ĐỘNG" is a Kế hoạch
        assert fold(source) == fold(leaf.name) or (variant and variant.get("cited_as") == leaf.name)
    elif isinstance(leaf, (DocumentType, DocumentNumber, Issued, Signer)) and "header_from_portal_metadata" in codes and leaf.span == (record.portal_metadata.span if record.portal_metadata else None):
        # taken from the page's attribute panel: the value is among the panel's words
        value = {DocumentType: lambda x: x.name, DocumentNumber: lambda x: x.raw, Issued: lambda x: f"{x.day:02d}/{x.month:02d}/{x.year}" if x.day else str(x.year),
                 Signer: lambda x: x.name}[type(leaf)](leaf)
        assert fold(value) in fold(source)
    elif isinstance(leaf, DocumentNumber) and "news_report" in codes:
        assert fold(leaf.raw) in fold(source).replace(" ", "")  # "Kế hoạch số 34/KH-BCĐ" in the article
    elif isinstance(leaf, DocumentNumber) and "number_split" in codes:  # "Số:173" … "/KH-UBND": both lines in the span, in order
        assert source.startswith("Số") and source.rstrip().endswith(leaf.raw[len(leaf.number or ""):]) and (leaf.number or "") in source
    elif isinstance(leaf, DocumentNumber):
        assert parse_number(source).model_dump(exclude={"span"}) == leaf.model_dump(exclude={"span"})
    elif isinstance(leaf, Issued) and "news_report" in codes:
        assert str(leaf.year) in source and (leaf.day is None or str(leaf.day) in source)
    elif isinstance(leaf, Issued):
        assert parse_place_date(source).model_dump(exclude={"span"}) == leaf.model_dump(exclude={"span"})
    elif isinstance(leaf, Issuer):
        expanded = fold(expand_abbreviations(source))
        if inferred:  # the words it was inferred from are part of the value (the place comes from elsewhere)
            assert expanded in fold(leaf.name) or _words_in_order(leaf.name, expand_abbreviations(source))
        elif leaf.parent and fold(leaf.name).endswith(" " + fold(leaf.parent)):
            # a unit named with its body ("Ban Thường trực" under "ỦY BAN MTTQ … XÃ LƯƠNG MINH"): both are in the header
            unit = leaf.name[: len(leaf.name) - len(leaf.parent)].strip()
            assert _words_in_order(unit, expand_abbreviations(source)) and _words_in_order(leaf.parent, expand_abbreviations(source))
        else:
            assert _words_in_order(leaf.name.split(" tỉnh ")[0] if leaf.parent else leaf.name, expand_abbreviations(source))
    elif isinstance(leaf, Signer):
        for value in (leaf.name, leaf.position, leaf.mode, leaf.on_behalf_of):
            if value:
                assert fold(value) in fold(source)
    elif isinstance(leaf, Recipient):
        assert _words_in_order(leaf.name, source)
    elif isinstance(leaf, Period):
        from_issue = re.match(resources.load("structure")["period_from_issue"], source)
        if from_issue:  # "Từ khi ban hành đến hết năm 2030": the first year is the year of issue (warned)
            assert int(from_issue.group("b")) == leaf.end_year
        else:
            found = parse_period(source, bare_year=True)
            assert found and (found[0].start_year, found[0].end_year) == (leaf.start_year, leaf.end_year)
    elif isinstance(leaf, Objective):
        assert fold(leaf.text) == fold(source)
    elif isinstance(leaf, PortalMetadata):
        for value in leaf.model_dump(exclude={"span"}).values():
            if value:
                assert fold(value) in fold(source)
    elif isinstance(leaf, Citation):  # a legal basis or a reference: the span reads back as the same citation
        # an item of a list ("các Chỉ thị: số A …, số B …") starts at its number; its type heads the list
        again = find_citations(source if not source[0].isdigit() else f"{leaf.doc_type} số {source}")[0]
        assert (again.doc_type, again.number, again.title, again.date) == (leaf.doc_type, leaf.number, leaf.title, leaf.date)
        if getattr(leaf, "subject", None):
            assert fold(leaf.subject) in fold(source)
    elif isinstance(leaf, Task):  # (an activity's task is its name and its content: words of the span, in order)
        assert fold(leaf.text) in fold(source) or fuzz.partial_ratio(fold(leaf.text), fold(source)) >= 95 or _words_in_order(leaf.text, source)
    elif isinstance(leaf, Agency):  # where the unit is named: canonical name ≈ the words as written, expanded
        assert fuzz.partial_ratio(fold(leaf.name), fold(without_qualifiers(expand_abbreviations(source)))) >= 85  # "trong phạm vi …" set aside
    elif isinstance(leaf, Amount):  # the figure (and its words) read back to the same amounts
        assert find_money(source, bare=True)[0].amount == leaf.amount
        if leaf.words:
            assert fold(leaf.words) in fold(source) and parse_words(leaf.words) == leaf.words_amount
    elif isinstance(leaf, BudgetItem):
        assert fold(leaf.label) in fold(source) and any(m.amount == leaf.amount for m in find_money(source, bare=True))
    elif isinstance(leaf, FundingSource):
        assert fold(leaf.text) == fold(source)
    elif isinstance(leaf, Target):
        assert fold(leaf.text) == fold(source)
    elif isinstance(leaf, Program) and fold(source).startswith(("dự án", "tiểu dự án")):  # a project of the plan's one programme, where it is named
        assert fold(source) == fold(leaf.subproject or leaf.project)
    elif isinstance(leaf, Program):  # a known programme is cited by one of its names; an unknown one as written
        assert fold(source).startswith(("chương trình", "ct")) and fold(source).split()[-1] in fold(expand_abbreviations(leaf.name)) or fold(source) in fold(leaf.name)
    elif isinstance(leaf, Section):
        # a label repaired from its sequence ("IV, IV" read as "IV, V") says so in a warning
        repaired = re.match(r"[IVXLC]+\.", source) and "outline_numbering_repaired" in {w.code for w in record.warnings}
        assert fold(source).startswith(fold(leaf.label)) or repaired
        assert fold(leaf.heading) in fold(source)
    else:
        raise AssertionError(f"no span check for {type(leaf).__name__}")


def check_plain_spans(record: PlanRecord, text: str) -> None:
    for key, span in record.spans.items():
        source = text[span.start : span.end]
        if key == "title":
            value = record.title
            assert fold(restore_sentence_case(source)).rstrip(" .;:") == fold(value) or fold(source) == fold(value)
        elif key.startswith("audiences["):
            assert fold(source) == fold(record.audiences[int(re.search(r"\d+", key).group())])
        else:
            assert fold(source) == fold(getattr(record, key))
    # every plain value that is set has its span
    for key in ("title", "scope", "archive"):
        if getattr(record, key):
            assert key in record.spans, key
    for i in range(len(record.audiences)):
        assert f"audiences[{i}]" in record.spans


DOCUMENTS = corpus_documents() + sorted(FIXTURES.glob("backan-182-*"))


@pytest.mark.parametrize("path", DOCUMENTS, ids=[p.name for p in DOCUMENTS])
def test_every_value_has_a_span_that_matches_its_words(path):
    record = extract(path, include_text=True)
    leaves = list(_leaves(record))
    # a record with no value at all must say why (a text that is not recognisably a plan)
    assert leaves or "not_a_plan" in {w.code for w in record.warnings}, "a record with no spans and no reason"
    for where, leaf in leaves:
        try:
            check_leaf(record, record.text, leaf)
        except AssertionError as e:
            raise AssertionError(f"{path.name}: {where}: {leaf!r}") from e
    check_plain_spans(record, record.text)
    # header values that are set are never without a span
    for obj in (record.number, record.issued, record.signer, record.issuer, record.document_type):
        if any(v is not None for k, v in obj.model_dump().items() if k != "span"):
            assert obj.span is not None, obj
