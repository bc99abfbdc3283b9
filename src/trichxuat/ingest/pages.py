"""Opening a PDF and its pages with pdfium: shared by the text-layer reader (pdf.py), OCR (ocr.py)
and the legacy-font decoder, so that none of them reaches into another."""

from __future__ import annotations

from ..errors import InputError


def open_pdf(data: bytes, name: str):
    import pypdfium2 as pdfium

    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        message = str(e).lower()
        if "password" in message:
            raise InputError(name, "is a password-protected (encrypted) PDF") from None
        raise InputError(name, f"is not a readable PDF ({e})") from None


def load_page(pdf, i: int, notes: list[str] | None):
    """A page, or None when pdfium cannot load it (a damaged page object): the record says so."""
    import pypdfium2 as pdfium

    try:
        return pdf[i]
    except pdfium.PdfiumError:
        if notes is not None:
            notes.append(f"page {i + 1} is damaged and could not be read: skipped")
        return None
