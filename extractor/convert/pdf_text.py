"""PDF to text: the text layer read with pdfplumber, pages without one read by OCR.

Stage: `load` (convert). In: a PDF's bytes and whether to OCR every page. Out: `Converted` with one
region per line (page, box). Reading order is top to bottom, left to right on each page; a line set
in a larger font than the body text is a heading, marked with markdown `#` marks by size (as the chunker
reads headings); a ruled table
found by pdfplumber's table finder is written one row a line with its cells tab-separated (a merged
cell's text in its first slot, the slots it covers empty), so the table readers get real cells; a table
row cut by a page break is closed where its vertical rules end. A page
with no characters in its text layer (a scan) is rendered with pypdfium2 and read by `ocr`. Encrypted,
corrupt and empty PDFs raise `ConvertError`.
"""

from __future__ import annotations

import io
from typing import Any

from extractor.convert.base import Converted, ConvertError, TextWriter, library_version
from extractor.convert.layout import PageLine, TextBox, joined, text_lines, union, write_page

MIN_CHARS = 4  # a page with fewer characters in its text layer is taken for a scan
OCR_DPI = 170
HEADING_SCALE = 1.15  # a line set this much larger than the body text is a heading  # A4 at this resolution stays under the OCR's 2000-pixel side


def convert_pdf(data: bytes, ocr: bool = False) -> Converted:
    document = open_pdfium(data)
    try:
        return _convert(data, document, ocr)
    finally:
        document.close()


def open_pdfium(data: bytes) -> Any:
    """The document opened with pypdfium2; a file it cannot open is told apart (a password, no pages,
    damage) by pdfminer, whose errors name the cause."""
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise ConvertError(_why_unreadable(data, str(exc))) from exc
    if len(document) == 0:
        document.close()
        raise ConvertError("a PDF of 0 pages")
    return document


def _why_unreadable(data: bytes, pdfium_says: str) -> str:
    import pdfplumber

    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages = len(pdf.pages)
    except Exception as exc:  # pdfminer wraps its errors; the wrapped one names the cause
        cause = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
        if "Password" in type(cause).__name__ or "encrypt" in str(cause).lower():
            return "encrypted PDF (it needs a password)"
        return f"not a readable PDF ({type(cause).__name__}: {cause})"
    return "a PDF of 0 pages" if pages == 0 else f"not a readable PDF ({pdfium_says})"


def _convert(data: bytes, document: Any, ocr: bool) -> Converted:
    import pdfplumber

    writer = TextWriter()
    ocr_pages: list[int] = []
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:  # pdfminer raises many kinds of errors on a damaged file pdfium still opened
        raise ConvertError(f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    pages: list[tuple[list[PageLine], float, float]] = []
    with pdf:
        for number, page in enumerate(pdf.pages, start=1):
            if ocr or len(page.chars) < MIN_CHARS:
                from extractor.convert.ocr import ocr_image

                image = render_page(document, number - 1, OCR_DPI)
                pages.append((ocr_image(image), image.shape[1], image.shape[0]))
                ocr_pages.append(number)
            else:
                pages.append((page_lines(page), float(page.width), float(page.height)))
    marks = heading_marks([line for lines, _, _ in pages for line in lines])
    for number, (lines, width, height) in enumerate(pages, start=1):
        marked = [PageLine(marks.get(line.size, "") + line.text, line.box, boxes=line.boxes) for line in lines]
        write_page(writer, marked, number, width, height)
        writer.blank()
    if writer.empty:
        raise ConvertError(f"no text found on its {len(document)} page(s), neither in a text layer nor by OCR")
    name = "pdf_ocr" if ocr_pages and len(ocr_pages) == len(document) else "pdf_text"
    libraries = ("pdfplumber", "pypdfium2") + (("rapidocr-onnxruntime",) if ocr_pages else ())
    return writer.done(name, library_version(*libraries), len(document), tuple(ocr_pages))


def heading_marks(lines: list[PageLine]) -> dict[float, str]:
    """Markdown `#` marks by font size: a line set larger than the body text (the size most characters
    have) is a heading, the largest size level 1."""
    weight: dict[float, int] = {}
    for line in lines:
        if line.size:
            weight[line.size] = weight.get(line.size, 0) + len(line.text)
    if not weight:
        return {}
    body = max(weight, key=lambda size: weight[size])
    larger = sorted((size for size in weight if size >= body * HEADING_SCALE), reverse=True)[:6]
    return {size: "#" * level + " " for level, size in enumerate(larger, start=1)}


def page_lines(page: Any) -> list[PageLine]:
    """A text-layer page's lines: each ruled table's rows, then the words outside tables as rows."""
    lines: list[PageLine] = []
    boxes = []
    ends = open_ends(page)
    for table in page.find_tables({"explicit_horizontal_lines": ends} if ends else {}):
        boxes.append(table.bbox)
        for row, texts in zip(table.rows, cell_texts(page, table), strict=False):
            cells = [cell for cell in row.cells if cell is not None]
            text = "\t".join(texts)
            if cells and text.strip():
                x0, top, x1, bottom = union([TextBox("", *cell) for cell in cells])
                lines.append(PageLine(text, (x0, top, x1, bottom)))
    words = [
        TextBox(w["text"], w["x0"], w["top"], w["x1"], w["bottom"], round(w["size"] * 2) / 2)
        for w in page.extract_words(x_tolerance=1.5, y_tolerance=2, keep_blank_chars=False, extra_attrs=["size"])
        if not any(
            b[0] <= (w["x0"] + w["x1"]) / 2 <= b[2] and b[1] <= (w["top"] + w["bottom"]) / 2 <= b[3] for b in boxes
        )
    ]
    return lines + text_lines(words)


def open_ends(page: Any) -> list[float]:
    """Where a table's vertical rules end with no horizontal rule there: a table row split by a page break
    is left open at the page's foot (or head). Closing it there lets the table finder read that part."""
    across = [edge["top"] for edge in page.edges if edge["orientation"] == "h"]
    ends: set[float] = set()
    for edge in page.edges:
        if edge["orientation"] == "v":
            for y in (edge["top"], edge["bottom"]):
                if not any(abs(y - h) <= 3 for h in across):
                    ends.add(round(float(y), 1))
    return sorted(ends)


def cell_texts(page: Any, table: Any) -> list[list[str]]:
    """Each row's cell texts. A character belongs to the cell its left edge stands in, so closing
    punctuation that hangs past a cell's right border (as CJK line breaking lets it) stays in its cell."""
    slots = [(r, c, bbox) for r, row in enumerate(table.rows) for c, bbox in enumerate(row.cells) if bbox is not None]
    found: dict[tuple[int, int], list[TextBox]] = {}
    x0, top, x1, bottom = table.bbox
    for ch in page.chars:
        middle = (ch["top"] + ch["bottom"]) / 2
        if not (x0 - 2 <= ch["x0"] < x1 and top <= middle <= bottom) or not ch["text"].strip():
            continue
        left = ch["x0"] + 0.5
        for r, c, (cx0, ctop, cx1, cbottom) in slots:
            if cx0 - 2 <= left < cx1 and ctop <= middle <= cbottom:
                found.setdefault((r, c), []).append(TextBox(ch["text"], ch["x0"], ch["top"], ch["x1"], ch["bottom"]))
                break
    return [[joined(found.get((r, c), [])) for c in range(len(row.cells))] for r, row in enumerate(table.rows)]


def render_page(document: Any, index: int, dpi: int) -> Any:
    """Page `index` rendered as an RGB array (rows, columns, 3)."""
    import numpy as np

    bitmap = document[index].render(scale=dpi / 72)
    return np.asarray(bitmap.to_pil().convert("RGB"))
