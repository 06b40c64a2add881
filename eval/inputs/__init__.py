"""Real input files made from text: the samples (or a test's invented text) as a user would have them.

`blocks(text)` splits a report's text into paragraphs, headings and tables (runs of tab-separated
lines); `render_pdf`, `render_scan`, `render_docx` and `render_xlsx` write those blocks as a text PDF
(reportlab, its built-in Chinese CID font), a scanned PDF (the text PDF's pages as images), a Word
file and an Excel workbook. `python -m eval.inputs` renders the samples and measures the extractor on
every kind against the same gold (`eval/inputs/measure.py`).
"""

from eval.inputs.blocks import Block, blocks
from eval.inputs.render import render_docx, render_pdf, render_scan, render_xlsx

__all__ = ["Block", "blocks", "render_docx", "render_pdf", "render_scan", "render_xlsx"]
