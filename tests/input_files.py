"""Input files the tests build themselves, with invented units and numbers: PDFs (reportlab), page images
(PIL with a Debian CJK font), Word, Excel and HTML."""

from __future__ import annotations

import io
from pathlib import Path

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
PROSE = "2031年度收入总计123.45万元，比上年增加6.78万元。"
ROWS = [["一级指标", "二级指标", "三级指标", "分值", "得分"], ["产出指标", "数量指标", "巡查次数", "10", "9.5"]]


def text_pdf(
    *paragraphs: str, rows: list[list[str]] | None = None, heading: str | None = None, size=(420, 300)
) -> bytes:
    """A small text PDF: an optional heading (larger font), paragraphs and a ruled table."""
    from reportlab.lib import colors
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("b", fontName="STSong-Light", fontSize=10, leading=14, wordWrap="CJK")
    big = ParagraphStyle("h", parent=body, fontSize=15, leading=20)
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=size, leftMargin=20, rightMargin=20, topMargin=20, bottomMargin=20)
    story: list = [Paragraph(heading, big)] if heading else []
    story += [Paragraph(p, body) for p in paragraphs]
    if rows:
        table = Table([[Paragraph(c, body) for c in row] for row in rows])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.6, colors.black)]))
        story.append(table)
    document.build(story)
    return out.getvalue()


def page_image(lines: list[str], width: int = 640, line_height: int = 44) -> bytes:
    """A PNG of black text lines on white, drawn with the CJK font the project's set-up installs."""
    from PIL import Image, ImageDraw, ImageFont

    assert CJK_FONT.exists(), f"{CJK_FONT} is missing: run `bash .ci/debian-packages.sh` as root (fonts-wqy-zenhei)"
    font = ImageFont.truetype(str(CJK_FONT), 26)
    image = Image.new("L", (width, 30 + line_height * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for i, line in enumerate(lines):
        draw.text((20, 15 + i * line_height), line, fill=0, font=font)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def blank_image() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("L", (320, 200), 255).save(out, format="PNG")
    return out.getvalue()


def image_pdf(png: bytes) -> bytes:
    """A scanned PDF: the image as its only page, no text layer."""
    from PIL import Image

    out = io.BytesIO()
    Image.open(io.BytesIO(png)).convert("RGB").save(out, format="PDF", resolution=150)
    return out.getvalue()


def encrypted_pdf() -> bytes:
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    page = canvas.Canvas(out, encrypt="a secret")
    page.drawString(72, 720, "locked")
    page.save()
    return out.getvalue()


def empty_pdf() -> bytes:
    import pypdfium2 as pdfium

    out = io.BytesIO()
    pdfium.PdfDocument.new().save(out)
    return out.getvalue()
