"""OCR of page images with RapidOCR (PP-OCR models shipped inside the `rapidocr-onnxruntime` wheel).

Stage: `load` (convert). In: a page image (an RGB array) or an image file's bytes. Out: the page's
lines. Text boxes come from the OCR's detector; lines are rebuilt from their geometry (`layout`): boxes
in a row joined, a wide gap made a tab. A ruled table is found from its ruling lines (long horizontal
strokes, and vertical strokes that run from one horizontal line to another); its boxes are read through
the grid, one table row a line, each cell's boxes (a cell's text wrapped over several lines) joined in
that cell. Characters the engine was unsure of, and numbers beside ink it read no character for (a dropped
"≤" or decimal point, `unread_ink`), are marked doubtful in the text. The OCR engine is loaded once per
process, on first use.
"""

from __future__ import annotations

import io
import re
import threading
from dataclasses import dataclass
from typing import Any

from extractor.convert.base import Converted, ConvertError, TextWriter, library_version
from extractor.convert.layout import PageLine, TextBox, joined, rows_of, text_lines, union, write_page
from extractor.convert.ocr_cache import Reading, cached_reading

_LOCK = threading.Lock()
_ENGINE: Any = None
_SNAP = 4  # pixels: ruling lines this close are one line; a vertical stroke must end this close to one
_RULE_GLYPHS = set("|\uff5c")  # what the recognizer reads a vertical ruling line as, when it reads it at all


def engine() -> Any:
    global _ENGINE
    with _LOCK:
        if _ENGINE is None:
            try:
                from rapidocr_onnxruntime import RapidOCR
            except ImportError as exc:
                raise ConvertError(f"OCR is not installed (pip install 'budget-extractor[ocr]': {exc})") from exc
            _ENGINE = RapidOCR(use_cls=False)  # scans are upright: no text-direction classifier
        return _ENGINE


def convert_image(data: bytes) -> Converted:
    """An image file (PNG, JPEG, TIFF: every frame a page) to text by OCR."""
    from PIL import Image, ImageSequence, UnidentifiedImageError

    try:
        picture = Image.open(io.BytesIO(data))
        frames = [frame.convert("RGB") for frame in ImageSequence.Iterator(picture)]
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise ConvertError(f"not a readable image ({exc})") from exc
    import numpy as np

    writer = TextWriter()
    for number, frame in enumerate(frames, start=1):
        image = np.asarray(frame)
        write_page(writer, ocr_image(image), number, image.shape[1], image.shape[0])
        writer.blank()
    if writer.empty:
        raise ConvertError("no text found in the image by OCR")
    pages = tuple(range(1, len(frames) + 1))
    return writer.done("image_ocr", library_version("rapidocr-onnxruntime", "pillow"), len(frames), pages)


def read(image: Any) -> list[Reading]:
    """What the OCR engine reads on an image (cached by the image's content, `ocr_cache`): per text
    box its corners, text, the engine's confidence, and each character's x range and confidence."""
    return cached_reading(image, _engine_reading)


def _engine_reading(image: Any) -> list[Reading]:
    result, _ = engine()(image, return_word_box=True, text_score=0.0)  # every box: `detect` filters
    readings: list[Reading] = []
    for item in result or []:
        points = [(float(p[0]), float(p[1])) for p in item[0]]
        chars = item[3] if len(item) > 3 and item[3] else []
        confidences = item[5] if len(item) > 5 and item[5] else []
        readings.append(
            (
                points,
                str(item[1]),
                float(item[2]),
                [_x_range(c) for c in chars],
                [float(c) for c in confidences],
            )
        )
    return readings


def detect(image: Any) -> list[TextBox]:
    """The OCR's text boxes on an image, in pixels, with the spaces the image shows put back (the
    recognizer drops them: "12 13 13" would read "121313") and the engine's confidence in each box's
    least sure character."""
    gray = _gray(image)
    boxes = []
    for points, raw, score, ranges, confidences in read(image):
        text = raw.strip()
        if not text or score < MIN_SCORE:
            continue
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        box = TextBox(text, min(xs), min(ys), max(xs), max(ys))
        unread: set[int] = set()
        centres: tuple[float, ...] = ()
        if ranges and len(ranges) == len(raw) == len(text):
            text = spaced(text, ranges, gray, box)
            unread = unread_ink(raw, ranges, gray, box)
            centres = _centres(raw, text, ranges)
        per_char = confidences if len(confidences) == len(raw) else []
        if per_char:
            per_char = [0.0 if i in unread else c for i, c in enumerate(per_char)]
            doubts = _doubts(raw, text, per_char)
        else:
            doubts = tuple(range(len(text))) if score < DOUBT or unread else ()
        least = min(per_char) if per_char else score
        boxes.append(TextBox(text, box.x0, box.y0, box.x1, box.y1, confidence=least, doubts=doubts, centres=centres))
    return boxes


MIN_SCORE = 0.5  # a box read with less confidence than this is not text (the engine's own default)
DOUBT = 0.6  # a character the engine reads with less confidence than this is doubtful (at 0.9 a third of the fields
# of the OCR'd samples were flagged: the engine is often unsure of punctuation it reads right)


def _doubts(raw: str, text: str, confidences: list[float]) -> tuple[int, ...]:
    """Positions in `text` (the raw reading with spaces put back) of the characters read with low confidence."""
    out = []
    j = 0
    for ch, confidence in zip(raw, confidences, strict=True):
        while j < len(text) and text[j] != ch:
            j += 1
        if j == len(text):
            break
        if confidence < DOUBT:
            out.append(j)
        j += 1
    return tuple(out)


def _centres(raw: str, text: str, ranges: list[tuple[float, float]]) -> tuple[float, ...]:
    """The x centre of each character of `text` (the raw reading with spaces put back): a read character's
    from its range, a space's halfway between its neighbours."""
    mids = [(a + b) / 2 for a, b in ranges]
    out: list[float] = []
    j = 0
    for ch in text:
        if j < len(raw) and ch == raw[j]:
            out.append(mids[j])
            j += 1
        else:  # a space put back: between the character before it and the one after
            out.append((mids[max(j - 1, 0)] + mids[min(j, len(mids) - 1)]) / 2)
    return tuple(out)


SPACE_GAP = 0.18  # blank columns this many box heights wide between two characters are a space
CJK_SPACE_PITCH = 1.1  # ... between CJK characters, when their ink centres also stand this many ems apart
_NARROW = set(".,:;")
_SPACED = re.compile(r"[0-9A-Za-z%.\-+≥≤=<>]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


def spaced(text: str, ranges: list[tuple[float, float]], gray: Any, box: TextBox) -> str:
    """The text with a space wherever the image has one (the recognizer drops them). Next to a digit, a
    Latin letter or a sign that goes with numbers: a gap of blank columns. Between two CJK characters a
    blank gap alone says little (a narrow glyph such as a one-stroke character stands apart by itself), so
    there the two glyphs' ink centres must also stand more than an em apart: CJK glyphs are centred on a
    one-em pitch, measured as the box's median distance between CJK neighbours."""

    top, bottom = int(max(box.y0, 0)), int(min(box.y1, gray.shape[0]))
    left, right = int(max(box.x0, 0)), int(min(box.x1, gray.shape[1]))
    crop = gray[top:bottom, left:right]
    if crop.size == 0:
        return text
    threshold = min(int(crop.mean()) - 40, 160)  # ink is darker than the paper around it
    ink = (crop < threshold).sum(axis=0)
    width = max(4, round(SPACE_GAP * (bottom - top)))
    centres = [int((r[0] + r[1]) / 2) - left for r in ranges]
    gaps = [_gap(ink, centres[i - 1], centres[i]) for i in range(1, len(text))]
    pitches = _ink_pitches(gaps, ink)
    cjk = [i for i in range(1, len(text)) if _CJK.match(text[i - 1]) and _CJK.match(text[i])]
    em = float(sorted(pitches[i - 1] for i in cjk)[len(cjk) // 2]) if len(cjk) >= 3 else None
    out = text[0]
    for i in range(1, len(text)):
        gap = gaps[i - 1][1] - gaps[i - 1][0]
        narrow = text[i - 1] in _NARROW or text[i] in _NARROW  # a point's glyph stands apart from its digits
        numeric = _SPACED.match(text[i - 1]) or _SPACED.match(text[i])
        if numeric and gap >= width * (2 if narrow else 1):
            out += " "
        elif i in cjk and em and gap >= width and pitches[i - 1] >= CJK_SPACE_PITCH * em:
            out += " "
        out += text[i]
    return out


# Characters that are one stroke group each (digits, Latin letters, the signs that go with numbers): a run of
# them is as many blobs of ink as characters, or fewer where two touch, never more.
_ONE_BLOB = re.compile(r"[0-9A-Za-z.,:;%+\-/=<>≥≤~()]")


def unread_ink(raw: str, ranges: list[tuple[float, float]], gray: Any, box: TextBox) -> set[int]:
    """Characters the recognizer may have dropped beside: positions in `raw` of each run of digits, Latin letters
    and number signs (`_ONE_BLOB`) whose stretch of the line holds more blobs of ink (runs of inked columns)
    than characters. Such a character is one blob, so a blob more is ink the engine read no character for: a
    comparator read "3" for "≤ 3", a decimal point dropped from "3.75". A blob is left out when it touches the
    box's edge (a neighbour's glyph the box cuts), is a ruling line, is a speck, or overlaps a CJK character's
    range (a wide glyph's strokes reach past the range the engine gives it)."""
    top, bottom = int(max(box.y0, 0)), int(min(box.y1, gray.shape[0]))
    left, right = int(max(box.x0, 0)), int(min(box.x1, gray.shape[1]))
    crop = gray[top:bottom, left:right]
    if crop.size == 0:
        return set()
    height = bottom - top
    ink = (crop < min(int(crop.mean()) - 40, 160)).sum(axis=0)
    spans = [(r[0] - left, r[1] - left) for r in ranges]
    wide = [span for span, ch in zip(spans, raw, strict=True) if not _ONE_BLOB.match(ch)]
    blobs = [
        (a + b) / 2
        for a, b in _ink_runs(ink)
        if a > 0 and b < len(ink)
        and ink[a:b].sum() >= max(4.0, height * height / 200)
        and not (b - a <= max(2, 0.15 * height) and ink[a:b].max() >= 0.8 * height)
        and not any(a < w1 and b > w0 for w0, w1 in wide)
    ]  # fmt: skip
    out: set[int] = set()
    i = 0
    while i < len(raw):
        if not _ONE_BLOB.match(raw[i]):
            i += 1
            continue
        j = i
        while j < len(raw) and _ONE_BLOB.match(raw[j]):
            j += 1
        low = spans[i - 1][1] if i > 0 else 0
        high = spans[j][0] if j < len(raw) else len(ink)
        if sum(1 for centre in blobs if low <= centre < high) > j - i:
            out.update(range(i, j))
        i = j
    return out


def _ink_runs(ink: Any) -> list[tuple[int, int]]:
    """The runs of columns with ink, as [start, end) column pairs."""
    runs: list[tuple[int, int]] = []
    start = None
    for k, value in enumerate(ink):
        if value and start is None:
            start = k
        elif not value and start is not None:
            runs.append((start, k))
            start = None
    if start is not None:
        runs.append((start, len(ink)))
    return runs


def _gap(ink: Any, a: int, b: int) -> tuple[int, int]:
    """The blank columns between two characters' centres: the longest run of columns without ink, or
    the column with the least ink (a run of no width) when the glyphs touch."""
    a, b = max(a, 0), max(b, 0)
    best, run = (a, a), 0
    for k in range(a, min(b, len(ink))):
        run = run + 1 if ink[k] == 0 else 0
        if run > best[1] - best[0]:
            best = (k - run + 1, k + 1)
    if best[0] == best[1] and b > a:
        k = a + int(ink[a:b].argmin())
        best = (k, k)
    return best


def _ink_pitches(gaps: list[tuple[int, int]], ink: Any) -> list[float]:
    """The distance between the ink centres of each two neighbouring characters, a character's ink
    running from the gap before it to the gap after it."""
    columns = ink.nonzero()[0]
    first, last = (int(columns[0]), int(columns[-1]) + 1) if len(columns) else (0, len(ink))
    edges = [first] + [edge for gap in gaps for edge in gap] + [last]
    centres = [(edges[2 * j] + edges[2 * j + 1]) / 2 for j in range(len(gaps) + 1)]
    return [centres[j] - centres[j - 1] for j in range(1, len(centres))]


def _x_range(points: Any) -> tuple[float, float]:
    xs = [float(p[0]) for p in points]
    return min(xs), max(xs)


def _gray(image: Any) -> Any:
    import cv2

    return cv2.cvtColor(image, cv2.COLOR_RGB2GRAY) if image.ndim == 3 else image


def ocr_image(image: Any) -> list[PageLine]:
    """A page image's lines: ruled tables read through their grid, the rest rebuilt from the boxes."""
    boxes = detect(image)
    lines: list[PageLine] = []
    for grid in find_grids(image):
        inside = [b for b in boxes if grid.holds(b)]
        boxes = [b for b in boxes if not grid.holds(b)]
        lines.extend(grid.lines(inside))
    return lines + text_lines(boxes)


@dataclass(frozen=True)
class Grid:
    """A ruled table: its column and row boundaries in pixels, and its vertical ruling strokes as
    (x, top, bottom) (none given: every column boundary is drawn the table's full height)."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    walls: tuple[tuple[float, float, float], ...] = ()

    def holds(self, box: TextBox) -> bool:
        return self.xs[0] <= box.cx <= self.xs[-1] and self.ys[0] <= box.cy <= self.ys[-1]

    def lines(self, boxes: list[TextBox]) -> list[PageLine]:
        slots: dict[tuple[int, int], list[TextBox]] = {}
        for box in (piece for whole in boxes for piece in self.cut(whole)):
            slots.setdefault((_band(self.ys, box.cy), _band(self.xs, box.cx)), []).append(box)
        lines = []
        for r in range(len(self.ys) - 1):
            row = [joined(slots.get((r, c), [])) for c in range(len(self.xs) - 1)]
            members = [b for c in range(len(self.xs) - 1) for line in rows_of(slots.get((r, c), [])) for b in line]
            if members:
                lines.append(PageLine("\t".join(row), union(members), boxes=tuple(members)))
        return lines

    def cut(self, box: TextBox) -> list[TextBox]:
        """A box drawn across a ruling line cut at it, one piece per cell. The OCR's detector reads two
        cells' texts that stand close to the line between them as one box (a wrapped level cell's first
        line and its neighbour's); each character goes to the cell its centre stands in, and the line itself
        read as a glyph is dropped. Only where
        the stroke is drawn at the box's height: a box across a column boundary of other rows (text in a
        merged cell) stays whole, and so does a box whose characters all stand in one cell."""
        cuts = [x for x in self.xs[1:-1] if box.x0 < x < box.x1 and self._drawn(x, box.cy)]
        if not cuts or len(box.centres) != len(box.text):
            return [box]
        cells = [sum(1 for x in cuts if x <= centre) for centre in box.centres]
        if len(set(cells)) < 2:
            return [box]
        text = "".join(
            " " if ch in _RULE_GLYPHS and any(abs(centre - x) <= _SNAP + 2 for x in cuts) else ch
            for ch, centre in zip(box.text, box.centres, strict=True)
        )  # the line itself read as a glyph
        box = TextBox(text, box.x0, box.y0, box.x1, box.y1, box.size, box.confidence, box.doubts, box.centres)
        edges = [box.x0, *cuts, box.x1]
        pieces = []
        start = 0
        for end in range(1, len(cells) + 1):
            if end == len(cells) or cells[end] != cells[start]:
                piece = _piece(box, start, end, edges[cells[start]], edges[cells[start] + 1])
                if piece is not None:
                    pieces.append(piece)
                start = end
        return pieces

    def _drawn(self, x: float, y: float) -> bool:
        return not self.walls or any(
            abs(at - x) <= _SNAP + 2 and top - _SNAP <= y <= bottom + _SNAP for at, top, bottom in self.walls
        )


def _piece(box: TextBox, start: int, end: int, left: float, right: float) -> TextBox | None:
    """Characters start..end of a box as a box of their own between x `left` and `right`."""
    text = box.text[start:end]
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    if not text:
        return None
    first = start + lead
    doubts = tuple(d - first for d in box.doubts if first <= d < first + len(text))
    return TextBox(
        text,
        max(box.x0, left),
        box.y0,
        min(box.x1, right),
        box.y1,
        confidence=box.confidence,
        doubts=doubts,
        centres=box.centres[first : first + len(text)],
    )


def _band(bounds: tuple[float, ...], at: float) -> int:
    for i in range(len(bounds) - 1):
        if at < bounds[i + 1]:
            return i
    return len(bounds) - 2


def find_grids(image: Any) -> list[Grid]:
    """Ruled tables on a page image, from its ruling lines."""
    import cv2
    import numpy as np

    gray = _gray(image)
    ink = cv2.adaptiveThreshold(255 - gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY, 15, -2)
    height, width = ink.shape
    horizontal = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(width // 20, 30), 1))
    )
    vertical = cv2.morphologyEx(
        ink, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, max(height // 150, 8)))
    )
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(np.maximum(horizontal, vertical), connectivity=8)
    grids = []
    for i in range(1, count):
        x, y, w, h = (int(v) for v in stats[i][:4])
        if w < width // 5 or h < 10:
            continue
        grid = _grid(horizontal[y : y + h + 1, x : x + w + 1], vertical[y : y + h + 1, x : x + w + 1], x, y)
        if grid is not None:
            grids.append(grid)
    return grids


def _grid(horizontal: Any, vertical: Any, left: int, top: int) -> Grid | None:
    import cv2

    # the table's outer edges count as ruling lines: a table torn at a page break, or drawn without side
    # borders, still has its cells there
    bottom, right = top + horizontal.shape[0] - 1, left + horizontal.shape[1] - 1
    ys = _clustered(
        [top + y + h / 2 for x, y, w, h, _ in _components(cv2, horizontal) if w >= horizontal.shape[1] // 4]
        + [top, bottom]
    )
    if len(ys) < 2:
        return None
    walls = tuple(
        (left + x + w / 2, float(top + y), float(top + y + h - 1))
        for x, y, w, h, _ in _components(cv2, vertical)
        if _near(ys, top + y) and _near(ys, top + y + h - 1)
    )
    xs = _clustered([wall[0] for wall in walls] + [left, right])
    if len(xs) < 2:
        return None
    return Grid(tuple(xs), tuple(ys), walls)


def _components(cv2: Any, mask: Any) -> list[tuple[int, int, int, int, int]]:
    count, _labels, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    return [tuple(int(v) for v in stats[i]) for i in range(1, count)]  # type: ignore[misc]


def _near(lines: list[float], at: float) -> bool:
    return any(abs(line - at) <= _SNAP + 2 for line in lines)


def _clustered(values: list[float]) -> list[float]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= _SNAP:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]
