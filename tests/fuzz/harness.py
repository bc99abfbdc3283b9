"""Fuzz targets and mutators, shared by the short hypothesis run in CI (test_fuzz.py) and the long
run (``python -m tests.fuzz.run``). A target fails only by raising something other than a
TrichxuatError (the clear, expected error for bad input), or by breaking an invariant: every span
inside the text, the record valid and serialisable."""

from __future__ import annotations

import io
import random
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

from trichxuat.errors import TrichxuatError

ROOT = Path(__file__).resolve().parents[2]
TOKENS = [
    "Căn cứ ", "Thực hiện ", "Số: ", "/KH-UBND", "KẾ HOẠCH\n", "ngày 31 tháng 2 năm 2024", "năm 99999", "\n1. Sở Tài chính:\n",
    "\n- Chủ trì, phối hợp với ", "\nI. TỔ CHỨC THỰC HIỆN\n", "| a | b |\n|---|---|\n", "\n---\n", "Nơi nhận:\n- Như trên;\n",
    "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n", "999999999999999999999 đồng", "(Bằng chữ: một tỷ không trăm đồng)", "Tổng kinh phí: ",
    "\u0301\u0301\u0301", "\u202e", "\ufeff", "\x00", "\r\n", "\t", "Ð", "ﬁ", "𝐊𝐄", "**", "# ", "<div>", "&amp;", "\\", "\ud800",
    "Chương trình mục tiêu quốc gia ", "giai đoạn 2021-2025", "tầm nhìn đến 2045", "100%", "Quý II/2024", "trước ngày 15/12/2024",
]


@cache
def seeds() -> dict[str, list[bytes]]:
    """Corpus files by kind: the fuzzers start from real documents."""
    corpora = ROOT / "corpora"
    text = [p.read_bytes() for p in sorted(corpora.rglob("*")) if p.suffix in (".txt", ".md") and p.name != "README.md"]
    docx = [p.read_bytes() for p in sorted(corpora.rglob("*.docx"))]
    pdf = [p.read_bytes() for p in sorted((corpora / "dev-docs").glob("hanoi-*.pdf"))]
    html = [_html(t.decode("utf-8", "replace")) for t in text[:8]]
    return {"text": text, "docx": docx, "pdf": pdf, "html": html}


def _html(text: str) -> bytes:
    body = "".join(f"<p>{line}</p>" for line in text.splitlines())
    return f"<!doctype html><html><head><title>x</title></head><body><div class='content1'>{body}</div></body></html>".encode()


# --- mutators ---------------------------------------------------------------------------------------


def mutate_text(rng: random.Random, text: str, rounds: int = 4) -> str:
    for _ in range(rng.randint(1, rounds)):
        op = rng.randrange(7)
        i = rng.randint(0, len(text))
        j = min(len(text), i + rng.randint(0, 400))
        if op == 0:
            text = text[:i] + rng.choice(TOKENS) + text[i:]
        elif op == 1:
            text = text[:i] + text[j:]
        elif op == 2:
            text = text[:i] + text[i:j] * rng.randint(2, 30) + text[j:]
        elif op == 3:
            text = text[:i]
        elif op == 4 and text:
            k = rng.randrange(len(text))
            text = text[:k] + chr(rng.choice([rng.randint(0, 0x7F), rng.randint(0xA0, 0x1EFF), rng.randint(0x300, 0x36F)])) + text[k + 1 :]
        elif op == 5:
            lines = text.split("\n")
            rng.shuffle(lines)
            text = "\n".join(lines)
        else:
            text = text.upper() if rng.random() < 0.5 else text.lower()
    return text


def mutate_bytes(rng: random.Random, data: bytes, rounds: int = 8) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, rounds)):
        op = rng.randrange(5)
        i = rng.randint(0, len(b))
        if op == 0 and b:
            b[rng.randrange(len(b))] = rng.randrange(256)
        elif op == 1:
            del b[i : i + rng.randint(1, 2000)]
        elif op == 2:
            b[i:i] = rng.choice([b"\x00" * 8, b"\xff" * 8, b"obj", b"endobj", b"stream", b"/Length 99999999", b"%%EOF", b"PK\x03\x04"])
        elif op == 3:
            b = b[: max(1, i)]
        else:
            j = min(len(b), i + rng.randint(1, 500))
            b[i:i] = b[i:j] * rng.randint(2, 10)
    return bytes(b)


def mutate_docx(rng: random.Random, data: bytes) -> bytes:
    """Mutate the XML inside the package (byte noise on the ZIP only tests zlib)."""
    try:
        src = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        return mutate_bytes(rng, data)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename == "word/document.xml":
                text = content.decode("utf-8", "replace")
                content = (mutate_text(rng, text, 3) if rng.random() < 0.5 else _mutate_xml(rng, text)).encode("utf-8", "surrogatepass")
            z.writestr(info.filename, content)
    return out.getvalue()


def _mutate_xml(rng: random.Random, xml: str) -> str:
    for _ in range(rng.randint(1, 4)):
        i = rng.randint(0, len(xml))
        xml = xml[:i] + rng.choice(["<w:p>", "</w:p>", "<w:t>Căn cứ </w:t>", "<w:tbl><w:tr><w:tc>", "</w:tc></w:tr></w:tbl>", "&xxe;", "<w:numPr/>", "\x01"]) + xml[i:]
    return xml


# --- targets ----------------------------------------------------------------------------------------


def _check(record, text: str | None = None) -> None:
    record.model_dump_json()
    n = len(record.text) if record.text is not None else None
    if n is None:
        return
    stack = [record.model_dump()]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            span = node.get("span")
            if isinstance(span, dict):
                assert 0 <= span["start"] <= span["end"] <= n, f"span {span} outside the text ({n} characters)"
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)


def target_pipeline(text: str) -> None:
    """normalize → structure → every extractor → validation, on text."""
    from trichxuat.pipeline import extract_text

    try:
        record = extract_text(text, include_text=True)
    except TrichxuatError:
        return
    _check(record)


def target_structure(text: str) -> None:
    from trichxuat.ingest.base import RawDocument
    from trichxuat.normalize import normalize
    from trichxuat.structure import parse

    doc = normalize(RawDocument(text=text, format="markdown" if "|" in text else "text", uri=None, sha256="0"))
    parsed = parse(doc)
    for node in parsed.nodes():
        assert 0 <= node.start <= node.end <= len(doc.text), f"section {node.label!r} outside the text"


def _ingest(data: bytes, name: str) -> None:
    from trichxuat.ingest.base import Limits, read_bytes
    from trichxuat.normalize import normalize
    from trichxuat.pipeline import extract_document

    try:
        raw = read_bytes(data, name, Limits(ocr_pages=0))
    except TrichxuatError:
        return
    record = extract_document(normalize(raw), include_text=True)
    _check(record)


TARGETS: dict[str, tuple[str, Callable]] = {
    # name: (seed kind, function of a mutated input)
    "pipeline": ("text", target_pipeline),
    "structure": ("text", target_structure),
    "ingest_text": ("text", lambda b: _ingest(b, "fuzz.txt")),
    "ingest_html": ("html", lambda b: _ingest(b, "fuzz.html")),
    "ingest_docx": ("docx", lambda b: _ingest(b, "fuzz.docx")),
    "ingest_pdf": ("pdf", lambda b: _ingest(b, "fuzz.pdf")),
}


def make_input(target: str, rng: random.Random):
    kind, _ = TARGETS[target]
    seed = rng.choice(seeds()[kind])
    if target in ("pipeline", "structure"):
        return mutate_text(rng, seed.decode("utf-8", "replace"))
    if kind == "docx":
        return mutate_docx(rng, seed)
    if kind in ("text", "html") and rng.random() < 0.6:
        return mutate_text(rng, seed.decode("utf-8", "replace")).encode("utf-8", "surrogatepass")
    return mutate_bytes(rng, seed)


def run_one(target: str, data) -> None:
    TARGETS[target][1](data)
