"""What kind of file a byte string is, from its magic bytes (the name's suffix only breaks ties).

Stage: `load`. In: the bytes and the file name. Out: one of `KINDS`: "pdf", "image", "docx", "xlsx",
"xls", "html" or "text" (everything else goes down the text path, which rejects binary). A zip or OLE2
container that is no Word or Excel file, and a legacy .doc, raise `ConvertError`.
"""

from __future__ import annotations

import io
import re
import zipfile

from extractor.convert.base import ConvertError

KINDS = ("pdf", "image", "docx", "xlsx", "xls", "html", "text")
_IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM", b"GIF87a", b"GIF89a")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_START = re.compile(
    rb"^(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>]|head[\s>])", re.I | re.S
)
_HTML_SUFFIXES = (".html", ".htm", ".xhtml")
_HTML_TAG = re.compile(rb"<(?:body|div|p|table|meta|title)[\s>]", re.I)


def sniff(data: bytes, name: str) -> str:
    head = data[:1024]
    if b"%PDF-" in head:
        return "pdf"
    if data.startswith(_IMAGE_MAGIC) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    if data.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if data.startswith(_OLE2):
        return _ole_kind(data, name)
    if _HTML_START.match(data[:4096]):
        return "html"
    if name.lower().endswith(_HTML_SUFFIXES) and _HTML_TAG.search(data[:65536]):
        return "html"
    return "text"


def _zip_kind(data: bytes) -> str:
    try:
        names = set(zipfile.ZipFile(io.BytesIO(data)).namelist())
    except zipfile.BadZipFile as exc:
        raise ConvertError(f"corrupt zip container ({exc})") from exc
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    raise ConvertError("a zip archive that is neither a Word (.docx) nor an Excel (.xlsx) file")


def _ole_kind(data: bytes, name: str) -> str:
    if b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data or b"B\x00o\x00o\x00k\x00" in data:
        return "xls"
    if b"W\x00o\x00r\x00d\x00D\x00o\x00c\x00u\x00m\x00e\x00n\x00t" in data or name.lower().endswith(".doc"):
        raise ConvertError("a Word 97-2003 .doc file is not read; save it as .docx or PDF")
    raise ConvertError("an OLE2 container that is neither an Excel .xls nor a Word file")
