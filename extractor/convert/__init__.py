"""Converters: files that are not text (PDF, scans and images through OCR, Word, Excel, web pages)
to the text the pipeline reads, with a map from that text back to the file.

Stage: `load`. `sniff(data, name)` tells the kind from the magic bytes; `convert(data, kind, ocr,
decoded)` runs the kind's converter and returns `Converted` (text, converter name and version, pages,
regions with page and box). A file that cannot be converted raises `ConvertError` (the loader names the
file). One module per kind: `pdf_text`, `ocr`, `docx`, `xlsx` (also .xls), `html`.
"""

from __future__ import annotations

from collections.abc import Callable

from extractor.convert.base import Box, Converted, ConvertError, Region, TextWriter
from extractor.convert.sniff import KINDS, sniff

__all__ = ["KINDS", "SUFFIXES", "Box", "ConvertError", "Converted", "Region", "TextWriter", "convert", "sniff"]

# File suffixes a folder of inputs is searched for, beside the text ones.
SUFFIXES = frozenset({".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".docx", ".xlsx", ".xls"})


def convert(data: bytes, kind: str, ocr: bool = False, decoded: Callable[[], str] | None = None) -> Converted:
    """The converted text of a file of a `kind` that `sniff` returned (not "text"). `ocr` reads every
    PDF page by OCR; `decoded` gives an HTML file's text (decoded by the loader)."""
    if kind == "pdf":
        from extractor.convert.pdf_text import convert_pdf

        return convert_pdf(data, ocr=ocr)
    if kind == "image":
        from extractor.convert.ocr import convert_image

        return convert_image(data)
    if kind == "docx":
        from extractor.convert.docx import convert_docx

        return convert_docx(data)
    if kind == "xlsx":
        from extractor.convert.xlsx import convert_xlsx

        return convert_xlsx(data)
    if kind == "xls":
        from extractor.convert.xlsx import convert_xls

        return convert_xls(data)
    if kind == "html":
        from extractor.convert.html import convert_html

        return convert_html(decoded() if decoded is not None else data.decode("utf-8", "replace"))
    raise ValueError(f"no converter for {kind!r}")
