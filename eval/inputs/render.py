"""Render a report's blocks as the files a user would have: text PDF, scanned PDF, .docx, .xlsx.

- `render_pdf(text)`: A4 pages, reportlab's built-in Chinese CID font (STSong-Light, not embedded: a
  reader substitutes a system CJK font), paragraphs wrapped at the page width, tables as ruled grids
  (a cell's long text wrapped inside it), the page number at the foot of every page.
- `render_scan(pdf)`: each page of a PDF rendered to a grey image (pypdfium2; on Debian it draws the
  CID font with a system CJK font such as fonts-wqy-zenhei), with a scanner's faint noise and JPEG
  compression, put back together as an image-only PDF: no text layer.
List items get a bullet in every kind.
- `render_docx(text)`: paragraphs, headings, bulleted lists and Word tables, a level cell merged down over the empty
  cells under it (as forms are made in Word).
- `render_xlsx(text)`: one sheet; a paragraph in the first column, a table's cells across columns,
  numbers as numbers (percentages as percent-formatted numbers), level cells merged down as in Word.
"""

from __future__ import annotations

import io
import re
from xml.sax.saxutils import escape

from eval.inputs.blocks import Block, blocks

FONT = "STSong-Light"
BULLET = "\u2022"
_NUMBER = re.compile(r"^-?(?:0|[1-9]\d{0,11})(?:\.\d+)?$")
_PERCENT = re.compile(r"^(-?\d+(?:\.(\d+))?)%$")


def render_pdf(text: str) -> bytes:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont(FONT))
    body = ParagraphStyle("body", fontName=FONT, fontSize=11, leading=17, wordWrap="CJK")
    heading = ParagraphStyle("heading", parent=body, fontSize=14, leading=22, spaceBefore=6, spaceAfter=4)
    item = ParagraphStyle("item", parent=body, leftIndent=14, bulletIndent=4, bulletFontName=FONT)
    cell = ParagraphStyle("cell", fontName=FONT, fontSize=9, leading=12, wordWrap="CJK")
    out = io.BytesIO()
    document = SimpleDocTemplate(
        out, pagesize=A4, leftMargin=22 * mm, rightMargin=22 * mm, topMargin=20 * mm, bottomMargin=20 * mm
    )

    def footer(canvas, doc) -> None:  # type: ignore[no-untyped-def]
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(A4[0] / 2, 10 * mm, f"- {doc.page} -")

    story: list = []
    for block in blocks(text):
        if block.kind == "blank":
            story.append(Spacer(1, 4))
        elif block.kind == "heading":
            story.append(Paragraph(escape(block.text), heading))
        elif block.kind == "paragraph":
            story.append(Paragraph(escape(block.text), body))
        elif block.kind == "item":
            story.append(Paragraph(escape(block.text), item, bulletText=BULLET))
        else:
            widths = _widths(block.rows, document.width)
            grid = [[Paragraph(escape(c), cell) for c in row] for row in block.rows]
            table = Table(grid, colWidths=widths, splitByRow=1, splitInRow=1)
            table.setStyle(
                TableStyle(
                    [
                        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
                        ("VALIGN", (0, 0), (-1, -1), "TOP"),
                        ("LEFTPADDING", (0, 0), (-1, -1), 2),
                        ("RIGHTPADDING", (0, 0), (-1, -1), 2),
                    ]
                )
            )
            story.extend([Spacer(1, 4), table, Spacer(1, 4)])
    document.build(story, onFirstPage=footer, onLaterPages=footer)
    return out.getvalue()


def _widths(rows: list[list[str]], total: float) -> list[float]:
    """Column widths in proportion to each column's longest text (capped), filling the page width."""
    width = len(rows[0])
    need = [min(max((len(row[c]) for row in rows), default=1), 24) + 2 for c in range(width)]
    floor = min(22.0, total / width)
    spare = total - floor * width
    return [floor + spare * n / sum(need) for n in need]


def render_scan(pdf: bytes, dpi: int = 200, seed: int = 0) -> bytes:
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image

    rng = np.random.default_rng(seed)
    pages = []
    document = pdfium.PdfDocument(pdf)
    for index in range(len(document)):
        grey = np.asarray(document[index].render(scale=dpi / 72).to_pil().convert("L"), dtype=np.float64)
        noisy = grey * 0.92 + 12 + rng.normal(0, 6, grey.shape)  # paper not quite white, sensor noise
        pages.append(Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)))
    document.close()
    out = io.BytesIO()
    pages[0].save(out, format="PDF", save_all=True, append_images=pages[1:], resolution=dpi, quality=75)
    return out.getvalue()


def _merges(rows: list[list[str]]) -> list[tuple[int, int, int]]:
    """(column, first row, last row) of each level cell to merge down: a filled cell of a leading column
    with empty cells under it while the rows below go on (their cells left of it empty too)."""
    merges = []
    width = len(rows[0]) if rows else 0
    for c in range(min(width, 3)):
        r = 0
        while r < len(rows):
            if not rows[r][c]:
                r += 1
                continue
            last = r
            while last + 1 < len(rows) and not any(rows[last + 1][: c + 1]) and any(rows[last + 1][c + 1 :]):
                last += 1
            if last > r:
                merges.append((c, r, last))
            r = last + 1
    return merges


def render_docx(text: str) -> bytes:
    import docx

    document = docx.Document()
    for block in blocks(text):
        if block.kind == "heading":
            document.add_heading(block.text, level=min(block.level, 4))
        elif block.kind == "paragraph":
            document.add_paragraph(block.text)
        elif block.kind == "item":
            document.add_paragraph(block.text, style="List Bullet")
        elif block.kind == "table":
            _docx_table(document, block)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_table(document, block: Block) -> None:  # type: ignore[no-untyped-def]
    table = document.add_table(rows=len(block.rows), cols=len(block.rows[0]))
    table.style = "Table Grid"
    for r, row in enumerate(block.rows):
        for c, value in enumerate(row):
            if value:
                table.cell(r, c).text = value
    for c, first, last in _merges(block.rows):
        table.cell(first, c).merge(table.cell(last, c))


def render_xlsx(text: str) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    r = 1
    for block in blocks(text):
        if block.kind in ("heading", "paragraph", "item"):
            sheet.cell(r, 1, f"{BULLET} {block.text}" if block.kind == "item" else block.text)
            r += 1
        elif block.kind == "blank":
            r += 1
        else:
            for row in block.rows:
                for c, value in enumerate(row, start=1):
                    _put(sheet.cell(r, c), value)
                r += 1
            for c, first, last in _merges(block.rows):
                top = r - len(block.rows)
                sheet.merge_cells(start_row=top + first, start_column=c + 1, end_row=top + last, end_column=c + 1)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _put(cell, value: str) -> None:  # type: ignore[no-untyped-def]
    percent = _PERCENT.match(value)
    if _NUMBER.match(value):
        cell.value = float(value) if "." in value else int(value)
        if "." in value:  # a sheet that shows "2.0" has a fixed-decimal format
            cell.number_format = "0." + "0" * len(value.split(".")[1])
    elif percent:
        decimals = len(percent.group(2) or "")
        cell.value = round(float(percent.group(1)) / 100, decimals + 2)
        cell.number_format = "0." + "0" * decimals + "%" if decimals else "0%"
    elif value:
        cell.value = value
