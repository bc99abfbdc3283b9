"""The spaCy ``vi`` pipeline with an underthesea word-segmentation tokenizer, loaded once per process.

underthesea splits document symbols (``182/KH-UBND`` → ``182``, ``/``, ``KH-UBND``) and dates, and
returns NFC strings whatever it was given; so symbols, dates and numbers are cut out first and kept
whole, only the words between them are segmented, and every token is located in the input text
itself, so token offsets are offsets of ``Document.text``.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

import spacy
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from . import resources

# kept whole: document symbols (182/KH-UBND, 30/2020/NĐ-CP, 27-KH/HU), dates, numbers with separators
PROTECTED = (
    r"\d+(?:/\d{4})?/[A-ZĐ][\w&]*(?:-[\w&]+(?:\.[\w&]+)*)*"  # 182/KH-UBND, 30/2020/NĐ-CP, 445/STT&TT-VP
    r"|\d+-[A-ZĐ][\w&]*/[\w&]+(?:[.-][\w&]+)*"  # 27-KH/HU, 05-CT/TW
    r"|\d{1,2}[/.-]\d{1,2}[/.-]\d{4}"  # 21/7/2022
    r"|\d+(?:[.,]\d+)+"  # 170.429.000, 1,5
)


_NON_SPACE = re.compile(r"\S+")


class UndertheseaTokenizer:
    def __init__(self, vocab: Vocab, fixed_words: list[str] | None = None):
        self.vocab = vocab
        words = sorted(fixed_words or [], key=len, reverse=True)
        fixed = "|".join(r"(?<!\w)" + re.escape(w) + r"(?!\w)" for w in words)
        self.protected = re.compile(PROTECTED + ("|" + fixed if fixed else ""))

    def __call__(self, text: str) -> Doc:
        from underthesea import word_tokenize

        pieces: list[str] = []
        pos = 0
        for m in self.protected.finditer(text):
            if m.start() > pos:
                pieces.extend(word_tokenize(text[pos : m.start()]))
            pieces.append(m.group())
            pos = m.end()
        if pos < len(text):
            pieces.extend(word_tokenize(text[pos:]))
        return self._align(text, pieces)

    def _align(self, text: str, pieces: list[str]) -> Doc:
        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for piece in pieces:
            found = text.find(piece, pos)
            if found < 0 or text[pos:found].strip():
                # underthesea changed the token (normalization): fall back to the next run of text
                m = _NON_SPACE.search(text, pos)
                if not m:
                    break
                found, piece = m.start(), m.group()
            gap = text[pos:found]
            if gap:
                if words and gap == " ":
                    spaces[-1] = True
                else:
                    words.append(gap)
                    spaces.append(False)
            words.append(piece)
            spaces.append(False)
            pos = found + len(piece)
        if pos < len(text):
            tail = text[pos:]
            if tail.strip():
                for m in re.finditer(r"\S+|\s+", tail):
                    words.append(m.group())
                    spaces.append(False)
            else:
                words.append(tail)
                spaces.append(False)
        return Doc(self.vocab, words=words, spaces=spaces)


@spacy.registry.tokenizers("trichxuat.underthesea_tokenizer.v1")
def create_tokenizer(fixed_words: list[str] | None = None):
    def make(nlp):
        return UndertheseaTokenizer(nlp.vocab, fixed_words=fixed_words)

    return make


@cache
def load() -> spacy.language.Language:
    """The pipeline: tokenizer + a sentencizer that also ends sentences at ';'."""
    table = resources.load("nlp")
    nlp = spacy.blank(
        "vi",
        config={
            "nlp": {
                "tokenizer": {
                    "@tokenizers": "trichxuat.underthesea_tokenizer.v1",
                    "fixed_words": table["fixed_words"],
                }
            }
        },
    )
    nlp.add_pipe("sentencizer", config={"punct_chars": table["sentence_ends"]})
    return nlp


@cache
def matcher(name: str) -> Matcher:
    """A Matcher compiled from the token patterns named ``name`` in resources/nlp.yaml."""
    nlp = load()
    m = Matcher(nlp.vocab)
    for rule, patterns in resources.load("nlp")["matchers"][name].items():
        m.add(rule, patterns)
    return m


# --- short texts: names, titles, the words around a cut -------------------------------------------
# The rules ask underthesea small questions about the same few texts again and again (a body's
# name in every citation, a title word): the answers are cached here, once for all extractors.


@lru_cache(maxsize=8192)
def words(text: str) -> tuple[str, ...]:
    """underthesea's words of a short text ("Bộ Nông nghiệp và PTNT" → "Bộ", "Nông nghiệp", …)."""
    from underthesea import word_tokenize

    return tuple(word_tokenize(text))


def is_one_word(text: str) -> bool:
    """Whether a few syllables make one word ("môi trường", "pháp luật"), whatever their case."""
    return len(words(text.lower())) == 1


@lru_cache(maxsize=4096)
def begins_with_verb(text: str) -> bool:
    """Whether underthesea's POS tagger reads the first word of a short text as a verb ("nghiên cứu …")."""
    from underthesea import pos_tag

    tagged = pos_tag(text.strip())
    return bool(tagged) and tagged[0][1] == "V"
