"""Word (.docx) to text with python-docx: paragraphs and tables in document order.

Stage: `load` (convert). In: the file's bytes. Out: `Converted`, one line per paragraph (an item of a
bulleted list with its bullet, a heading with markdown `#` marks for its level, as the chunker reads
headings) and one per
table row (cells tab-separated; a merged cell's text in its first slot, the slots it covers empty, as
a table copied out of Word reads). A .docx has no fixed pages: regions carry no page or box.
"""

from __future__ import annotations

import io
from typing import Any

from extractor.convert.base import Converted, ConvertError, TextWriter, cell_text, library_version

BULLET = "\u2022"  # what a bulleted list item shows before its text


def convert_docx(data: bytes) -> Converted:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, BadZipFile, lxml errors on a broken package
        raise ConvertError(f"not a readable Word file ({type(exc).__name__}: {exc})") from exc
    writer = TextWriter()
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(child, document)
            text = paragraph.text.strip()
            if text:
                writer.line(_marked(paragraph, document) + text, None)
            else:
                writer.blank()
        elif tag == "tbl":
            writer.blank()
            for row in table_rows(Table(child, document)):
                writer.line("\t".join(row), None)
            writer.blank()
    if writer.empty:
        raise ConvertError("no text in the Word file")
    return writer.done("docx", library_version("python-docx"), 1)


def _marked(paragraph: Any, document: Any) -> str:
    """What goes before a paragraph's text: markdown `#` marks for a heading (its outline level), a bullet
    for an item of a bulleted list, else nothing."""
    style = paragraph.style.name if paragraph.style is not None else ""
    level = heading_level(style)
    if level:
        return "#" * level + " "
    return BULLET + " " if bulleted(paragraph, document) else ""


def heading_level(style: str) -> int:
    """1-6 for Word's built-in heading styles ("Title", "Heading 1" …), else 0."""
    if style == "Title":
        return 1
    name, _, number = style.rpartition(" ")
    return min(int(number), 6) if name == "Heading" and number.isdigit() else 0


def bulleted(paragraph: Any, document: Any) -> bool:
    """Whether a paragraph is an item of a bulleted list (by its list style, or its numbering's format)."""
    style = paragraph.style.name if paragraph.style is not None else ""
    if style.startswith("List Bullet"):
        return True
    ids = paragraph._p.xpath("./w:pPr/w:numPr/w:numId/@w:val")
    if not ids:
        return False
    level = (paragraph._p.xpath("./w:pPr/w:numPr/w:ilvl/@w:val") or ["0"])[0]
    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError):
        return False
    abstract = numbering.xpath(f'./w:num[@w:numId="{ids[0]}"]/w:abstractNumId/@w:val')
    if not abstract:
        return False
    formats = numbering.xpath(
        f'./w:abstractNum[@w:abstractNumId="{abstract[0]}"]/w:lvl[@w:ilvl="{level}"]/w:numFmt/@w:val'
    )
    return bool(formats) and formats[0] == "bullet"


def table_rows(table: Any) -> list[list[str]]:
    """A Word table's rows as cell texts; a cell merged over several slots is written once."""
    seen: set[Any] = set()  # the cells' XML elements (kept alive here, so identity stays meaningful)
    rows = []
    for row in table.rows:
        texts = []
        for cell in row.cells:
            if cell._tc in seen:
                texts.append("")
                continue
            seen.add(cell._tc)
            texts.append(cell_text("\n".join(p.text for p in cell.paragraphs)))
        if any(texts):
            rows.append(texts)
    return rows
