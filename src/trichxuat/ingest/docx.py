"""Word documents. DOCX: paragraphs in order (with list items that Word numbers itself), tables
either as blocks (the header and signature tables, one column after the other) or as rows of
`|`-separated cells (task and budget tables). DOC: converted by LibreOffice when it is installed."""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ..errors import InputError
from .types import Limits, RawDocument
from .tables import table_lines

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _check_zip(data: bytes, name: str, limits: Limits) -> None:
    """A DOCX is a ZIP: refuse one that inflates far beyond its size (a zip bomb)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            total = sum(i.file_size for i in z.infolist())
            if "word/document.xml" not in z.namelist():
                raise InputError(name, "is a ZIP archive without word/document.xml: not a Word document")
    except zipfile.BadZipFile:
        raise InputError(name, "is a damaged DOCX (not a readable ZIP archive)") from None
    if total > max(len(data), 1) * limits.max_inflate_ratio or total > limits.max_inflated_bytes:
        raise InputError(name, f"inflates to {total / 2**20:.0f} MiB from {len(data) / 2**20:.1f} MiB: refused as a zip bomb")


def read_docx(data: bytes, name: str, limits: Limits) -> RawDocument:
    _check_zip(data, name, limits)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises several kinds for a broken package
        raise InputError(name, f"is not a readable DOCX ({type(e).__name__})") from None
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == _W + "p":
            lines.append(_paragraph(child))
        elif child.tag == _W + "tbl":
            lines.extend(_table(child))
            lines.append("")
    text = "\n".join(lines)
    return RawDocument(text=text, format="docx", uri=name, sha256=hashlib.sha256(data).hexdigest())


def runs_text(p) -> str:
    """The text of a <w:p> element (lxml or ElementTree): its runs, tabs and line breaks."""
    parts = []
    for node in p.iter():
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag == _W + "tab":
            parts.append("\t")
        elif node.tag in (_W + "br", _W + "cr"):
            parts.append("\n")
    return "".join(parts)


def _paragraph(p) -> str:
    text = runs_text(p).strip()
    numbered = p.find(f"{_W}pPr/{_W}numPr") is not None
    if numbered and text and not text[:1] in "-–+•" and not text[:3].rstrip(".)").isalnum():
        text = "- " + text  # a list item numbered by Word itself: its mark is not in the text
    return text


def _cell_paragraphs(cell) -> list[str]:
    return [t for t in (_paragraph(p) for p in cell.iter(_W + "p")) if t]


def _table(tbl) -> list[str]:
    return table_lines([[_cell_paragraphs(c) for c in row.findall(_W + "tc")] for row in tbl.findall(_W + "tr")])


def read_doc(data: bytes, name: str, limits: Limits) -> RawDocument:
    """Legacy Word (.doc): LibreOffice converts it to DOCX when `soffice` is installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise InputError(name, "is a legacy Word .doc file; install LibreOffice (apt-get install libreoffice-writer-nogui) to read it")
    with tempfile.TemporaryDirectory(prefix="trichxuat-doc-") as tmp:
        src = Path(tmp) / "input.doc"
        src.write_bytes(data)
        try:
            subprocess.run([soffice, "--headless", "--convert-to", "docx", "--outdir", tmp, str(src)], capture_output=True, timeout=180, check=True)
        except (subprocess.SubprocessError, OSError) as e:
            raise InputError(name, f"could not be converted by LibreOffice ({type(e).__name__})") from None
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise InputError(name, "could not be converted by LibreOffice (no output)")
        raw = read_docx(out.read_bytes(), name, limits)
    raw.sha256 = hashlib.sha256(data).hexdigest()
    return raw
