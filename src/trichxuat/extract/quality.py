"""Checks that compare the record with the text it came from (issue #18): a part of the document the
structure found but whose field stayed empty, a number-like line not parsed, money in the text but no
budget, a text cut short, a text garbled by its OCR or text layer. They need the text, so they run at
extraction time and are kept in the record as warnings with their own codes (resources/audit.yaml says
how serious each is)."""

from __future__ import annotations

import re
from typing import Any

from .. import resources
from ..numbers import find_money
from ..structure import Node, Parsed, Region, pattern
from ..textnorm import collapse, is_syllable
from .agencies import opens_assignment
from .base import Part, span_of
from .citations import find_citations
from .tasks import implementation_sections


def _preamble_cites(parsed: Parsed) -> Region | None:
    """A preamble line that opens a basis ("Căn cứ …", "Thực hiện …") and names a document."""
    for ln in parsed.preamble:
        if ln.content and pattern("preamble").match(ln.content) and find_citations(ln.content):
            return Region(ln.start, ln.end)
    return None


def _cut_short(parsed: Parsed) -> str | None:
    """Why the text looks cut short, or None: it stops mid-sentence, or a plan's body ends with no
    closing, recipients or signature."""
    text = parsed.text.rstrip()
    if not text:
        return None
    last = text[text.rfind("\n") + 1 :].strip()
    if parsed.signature_lines or parsed.recipients_heading is not None:
        return None
    if re.search(r"(?:\.\.\.|…)$", last) or (len(last) > 40 and not re.search(r"[.;:!?)\]”\"]$", last)):
        return f"the text stops mid-sentence: \"…{last[-50:]}\""
    if parsed.type_name is not None and parsed.closing is None:
        return "the text has a header but no closing, recipients or signature"
    return None


_WORD = re.compile(r"[^\W\d_]+")
_LINK = re.compile(r"\S*(?:https?://|www\.|\.vn\b|\.com\b)\S*")


def garbled_share(text: str) -> tuple[float, int, list[str]]:
    """The share of words that cannot be Vietnamese syllables ("thhông", "lhức", "bannhân"), the words
    counted and a few of them. Words in capitals (abbreviations), single letters, words of more than
    seven letters (foreign words, names glued by a converter count through their pieces) and words
    ending in "k" (the Central Highlands' names: "Đắk Lắk") are not counted, nor web addresses."""
    words = [w for w in _WORD.findall(_LINK.sub(" ", text)) if 2 <= len(w) <= 7 and not w.isupper() and not w.endswith(("k", "K"))]
    odd_words = {w for w in set(words) if not is_syllable(w)}  # each word's shape checked once
    odd = [w for w in words if w in odd_words]
    return (len(odd) / len(words) if words else 0.0), len(words), odd[:8]


def extract(parsed: Parsed, prior: dict[str, Any]) -> Part:
    part = Part()
    doc = parsed.doc
    genre = prior.get("genre")
    is_plan = genre in ("plan", "decision")

    # a heading (not a paragraph glued to its label) over a body that was not cut short
    sections = [s for s, _ in implementation_sections(parsed)
                if s.kind != "document" and len(s.heading.text(parsed.text)) <= 80 and len(parsed.text[s.heading.end : s.end].strip()) >= 200]
    if is_plan and sections and not prior.get("tasks"):
        s = sections[0]
        heading = collapse(s.heading.text(parsed.text))
        part.warn("tasks_section_empty", f"the section \"{heading[:60]}\" assigns duties but no task was read from it",
                  span_of(doc, s.heading.start, s.heading.end))
    elif is_plan and not prior.get("tasks") and (article := _assigning_article(parsed)) is not None:
        # a decision's own article that assigns ("Điều 2. Giao Giám đốc Sở …"): its unit was not read
        heading = f"{article.label}. {collapse(article.heading.text(parsed.text))}"
        part.warn("tasks_section_empty", f"the article \"{heading[:60]}\" assigns duties but no task was read from it",
                  span_of(doc, article.heading.start, article.heading.end))

    cited = _preamble_cites(parsed)  # (a news article that opens "Thực hiện Kế hoạch …" has no legal bases of its own)
    if cited is not None and not prior.get("legal_bases") and genre != "news_report":
        part.warn("legal_bases_unread", "the preamble cites documents but no legal basis was read from it", span_of(doc, cited.start, cited.end))

    heading = parsed.recipients_heading
    if heading is not None and not prior.get("recipients"):
        part.warn("recipients_unread", "a \"Nơi nhận\" heading with no recipient read under it", span_of(doc, heading.start, heading.end))

    number = prior.get("number")
    m = pattern("number_line").search(parsed.text[: parsed.body.start if parsed.body else 2000])
    date = pattern("date").search(m.group()) if m else None  # "Số: / KH- LTR Đạ Tông, ngày 31 …": the date's digits are not the number's
    if m and re.search(r"\d", m.group()[: date.start() if date else None]) and (number is None or not number.number):
        part.warn("number_line_unread", f"a number line \"{collapse(m.group())[:40]}\" that was not read as the number",
                  span_of(doc, m.start(), m.end()))

    budget = prior.get("budget")
    if is_plan and budget is not None and budget.total is None and not budget.items:
        money = [x for x in find_money(parsed.text, parsed.body.start if parsed.body else 0) if x.amount >= 1_000_000]
        if money:
            part.warn("money_without_budget", f"{len(money)} amount(s) of money in the text (\"{money[0].text}\") but no budget total or item",
                      span_of(doc, money[0].start, money[0].end))

    limits = resources.load("audit")["garbled_text"]
    share, counted, odd = garbled_share(parsed.text)
    if counted >= limits["least_words"] and share >= limits["share"]:
        first = re.search(rf"(?<!\w){re.escape(odd[0])}(?!\w)", parsed.text) if odd else None
        shown = ", ".join(f"\"{w}\"" for w in odd[:5])
        part.warn("text_garbled", f"{share:.0%} of the words cannot be Vietnamese syllables ({shown}): "
                  "an OCR or a text layer that misread the document; every field may be misread", span_of(doc, first.start(), first.end()) if first else None)

    why = _cut_short(parsed)
    if why:
        tail = len(parsed.text.rstrip())
        part.warn("text_cut_short", why, span_of(doc, max(0, tail - 1), tail))

    return part


def _assigning_article(parsed: Parsed) -> Node | None:
    """A decision's article that gives units their duties ("Điều 2. Giao …", agencies.yaml `assign`), with a body."""
    for n in parsed.nodes():
        if n.kind == "article" and opens_assignment(n.heading.text(parsed.text).strip()) and len(parsed.text[n.heading.start : n.end]) >= 120:
            return n
    return None
