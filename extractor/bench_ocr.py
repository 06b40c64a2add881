"""Benchmark of OCR: page images per second and peak memory (`extractor bench --ocr-pages N`).

In: report text files (the bundled samples by default) and a number of pages. Out: a rich table. Each
page is drawn at the size of an A4 scan at 170 dpi, 40 lines of the report's text in a system CJK font
(fonts-wqy-zenhei, which the project's set-up installs), and read by the same OCR the converters use.
The OCR engine's load is timed apart from the pages; CPU seconds (all threads) are shown beside wall-clock
seconds, since on a busy machine the wall clock measures the other processes too.
"""

from __future__ import annotations

import resource
import time
from pathlib import Path
from typing import Any

from rich.table import Table

CJK_FONTS = (
    Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),
    Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
)
PAGE = (1406, 1988)  # A4 at 170 dpi, the resolution PDF pages are rendered at for OCR
LINES_PER_PAGE = 40


def page_images(texts: list[str], pages: int) -> list[Any]:
    """`pages` RGB page images of the texts' non-empty lines, 40 lines a page."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFont

    font_path = next((p for p in CJK_FONTS if p.exists()), None)
    if font_path is None:
        raise FileNotFoundError("no CJK font for the OCR benchmark: apt-get install fonts-wqy-zenhei")
    font = ImageFont.truetype(str(font_path), 28)
    lines = [line.replace("\t", "    ")[:44] for text in texts for line in text.splitlines() if line.strip()]
    images = []
    for p in range(pages):
        image = Image.new("RGB", PAGE, "white")
        draw = ImageDraw.Draw(image)
        for i in range(LINES_PER_PAGE):
            line = lines[(p * LINES_PER_PAGE + i) % max(len(lines), 1)] if lines else ""
            draw.text((110, 120 + i * 44), line, fill="black", font=font)
        images.append(np.asarray(image))
    return images


def run_ocr_bench(paths: list[Path], pages: int) -> Table:
    from extractor.convert.ocr import engine, ocr_image
    from extractor.convert.ocr_cache import use_cache

    use_cache(None)  # the pages are the same every run: a cached reading would measure the cache
    images = page_images([p.read_text(encoding="utf-8", errors="replace") for p in paths], pages)
    started = time.perf_counter()
    engine()
    load_s = time.perf_counter() - started
    started, cpu = time.perf_counter(), time.process_time()
    lines = sum(len(ocr_image(image)) for image in images)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    table = Table(title=f"OCR (RapidOCR, PP-OCR) on {pages} page images of {PAGE[0]}x{PAGE[1]} pixels")
    table.add_column("measure")
    table.add_column("value", justify="right")
    table.add_row("engine load", f"{load_s:.2f} s")
    table.add_row("pages per second", f"{pages / seconds:.3f}")
    table.add_row("seconds per page", f"{seconds / pages:.2f}")
    table.add_row("CPU seconds per page (all threads)", f"{cpu / pages:.2f}")
    table.add_row("lines read", str(lines))
    table.add_row("peak memory (max RSS)", f"{peak_mb:.0f} MB")
    return table
