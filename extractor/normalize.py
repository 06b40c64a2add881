"""Stage `normalize`: repair text-extraction artifacts, keeping an exact map back to the source.

In: the decoded source text. Out: `Normalized`, the repaired text plus, for every character of it,
the offset of the source character it came from. Repairs: first the character repairs of `repair` (traditional
script, look-alike glyphs, odd spaces, pinyin glosses, the contents of <script>/<style> and comments, spaces and
OCR letters inside numbers), then HTML tags and blank lines dropped, page
numbers and a trailing PDF outline removed, full-width digits/letters/operators made half-width,
thousands separators removed, form labels torn into one piece per line rejoined, and prose lines
broken at the page width joined. Tables are left for the layout readers (`extractor.tables`): an HTML
table keeps its structure tags (`<table>`, one `<tr>…</tr>` per line, `<td>`/`<th>` with their rowspan
and colspan), and lines that a reader takes for table rows are never joined as prose and keep their
indentation (space-aligned columns). Pure function; no stage after this one reads the source directly except
to show it.

Cost: linear in the text, in time and memory. The offset map is an `array` of machine integers (8 bytes a
character), and lines are handled as strings with such arrays beside them, never one Python object per character.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field

from extractor.repair import repair, thousands_separator
from extractor.tables import Line, table_line_indices
from extractor.vocabulary import FORM_LABELS, HEADING_START, PAGE_DECORATION, PAGE_NUMBER

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_TAG_NAME = re.compile(r"</?([a-z][a-z0-9]*)")
_LINE_BREAK_TAG = re.compile(r"</tr\b|<br\b|</p\b|</table\b|<tr\b|<table\b|</h\d|</li\b|</div\b")
_LINE_BREAKS = "\n\r\f\v\x1c\x1d\x1e\x85\u2028\u2029"
_BREAK_OR_EMPHASIS = re.compile("[" + re.escape(_LINE_BREAKS) + "]|\\*\\*+")  # a line break, or "**" (markdown)
_TERMINAL = set("。！？；：:!?;")
_KEEP_FULLWIDTH = set("，（）：；！？")  # ordinary CJK punctuation stays as written
# full-width digits, letters and operators made half-width, the ideographic space a space: one character for one
_HALF_WIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F) if chr(code) not in _KEEP_FULLWIDTH} | {0x3000: 0x20}
_COMMA = re.compile("[,，]")
_WIDE = re.compile("[\u2e81-\U0010ffff]")  # characters two columns wide
_FORM_LINE_LABELS = tuple(label for label in FORM_LABELS if len(label) >= 4)
_LABEL_PREFIXES = {label[:i] for label in FORM_LABELS for i in range(1, len(label) + 1)}


@dataclass(frozen=True)
class Normalized:
    """Normalized text and `offsets[i]`, the source offset of `text[i]` (one extra entry at the end)."""

    source: str
    text: str
    offsets: array[int] = field(hash=False)  # array("q"): 8 bytes a character

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span that the normalized span [start, end) came from."""
        if end <= start:
            at = self.offsets[start]
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass(slots=True)
class _Line:
    offsets: array[int]  # source offset of each character of `text`
    text: str
    row: bool = False  # a table row, as a layout reader reads it: never joined with another line
    end: int = 0  # the source offset where the line ends (its line break): where an empty row's break maps


@dataclass(slots=True)
class _Piece:
    """A line as it will be written (or form labels rejoined): its text and the source offset of each character."""

    text: str
    offsets: array[int]


def _offsets(values: Iterable[int] = ()) -> array[int]:
    return array("q", values)


def normalize(source: str) -> Normalized:
    repaired = repair(source)
    text = repaired.text
    lines = _kept_lines(text)
    pieces, rows, anchors = _join_torn_labels(lines)
    del lines
    out: list[str] = []
    offsets = _offsets()
    width = _full_width([piece for i, piece in enumerate(pieces) if i not in rows])
    for i, piece in enumerate(pieces):
        _emit_line(piece, out, offsets)
        if i + 1 < len(pieces):
            if i in rows or i + 1 in rows or not _continues(piece, pieces[i + 1], width):
                out.append("\n")
                offsets.append(piece.offsets[-1] + 1 if piece.text else anchors.get(i, offsets[-1] if offsets else 0))
    offsets.append(len(text))
    del pieces
    if repaired.index is not None:
        index = repaired.index
        offsets = _offsets(index[at] for at in offsets)
    return Normalized(source=source, text="".join(out), offsets=offsets)


def _kept_lines(source: str) -> list[_Line]:
    """Source lines minus blank lines, page numbers and the trailing outline; table rows marked."""
    raw = _stream_lines(source)
    at = 0
    probe: list[Line] = []
    for line in raw:
        probe.append(Line(at, line.text))
        at += len(line.text) + 1
    for index in table_line_indices(probe):
        raw[index].row = True
    outline_from = _outline_start(raw)
    kept: list[_Line] = []
    for index, line in enumerate(raw[:outline_from]):
        if not line.text.strip() and not line.row:
            continue  # a blank line in a table is an empty cell of one cell per line
        if _is_page_number(raw, index) and (not line.row or PAGE_DECORATION.match(line.text)):
            continue
        kept.append(line)
    return kept


def _stream_lines(source: str) -> list[_Line]:
    """Lines of the source with HTML tags and markdown emphasis (**) removed. Inside an HTML table the
    structure tags stay as written (`<table>` and `</table>` on lines of their own, one `<tr>…</tr>` per
    line, `<td>`/`<th>` with their attributes) for the HTML reader; layout whitespace between them and line
    breaks inside a cell go, other tags go."""
    stream = _Stream()
    at = 0
    for match in _TAG.finditer(source + "<end>"):
        if stream.depth:
            _table_text(stream, source, at, match.start())
        else:
            _text(stream, source, at, match.start())
        at = match.end()
        if match.start() >= len(source):
            break
        stream.tag(match)
    stream.end_line(keep_empty=False)
    return stream.lines


def _text(stream: _Stream, source: str, start: int, end: int) -> None:
    """source[start:end], outside tables and tags, into the stream: line breaks end lines, markdown emphasis (a run
    of two or more *, "**（一）标题。**") is markup like a tag, not text."""
    at = start
    for match in _BREAK_OR_EMPHASIS.finditer(source, start, end):
        if match.start() > at:
            stream.add_run(source[at : match.start()], at)
        at = match.end()
        k = match.start()
        if source[k] != "*" and not (source[k] == "\n" and k > 0 and source[k - 1] == "\r"):
            stream.end_line(at=k)
    if end > at:
        stream.add_run(source[at:end], at)


def _table_text(stream: _Stream, source: str, start: int, end: int) -> None:
    """source[start:end], inside an HTML table, into the stream: a table's layout whitespace and the line breaks
    inside a cell go (the cell goes on)."""
    for k in range(start, end):
        ch = source[k]
        if ch == "*" and (source[k - 1 : k] == "*" or source[k + 1 : k + 2] == "*"):
            continue  # markdown emphasis, as outside tables
        if ch in _LINE_BREAKS or (not stream.in_cell and ch.isspace()):
            continue
        stream.add(ch, k)


class _Stream:
    """The lines `_stream_lines` builds, and where it stands in HTML tables."""

    def __init__(self) -> None:
        self.lines: list[_Line] = []
        self.chars: list[str] = []
        self.offsets = _offsets()
        self.depth = 0  # open <table> elements
        self.in_cell = False

    def add(self, ch: str, offset: int) -> None:
        self.chars.append(ch)
        self.offsets.append(offset)

    def add_run(self, text: str, offset: int) -> None:
        """Characters that stand one after another in the source from `offset` on."""
        self.chars.append(text)
        self.offsets.extend(range(offset, offset + len(text)))

    def end_line(self, keep_empty: bool = True, at: int | None = None) -> None:
        if self.chars or keep_empty:
            end = at if at is not None else (self.offsets[-1] + 1 if self.offsets else 0)
            self.lines.append(_Line(self.offsets, "".join(self.chars), end=end))
        self.chars = []
        self.offsets = _offsets()

    def keep(self, match: re.Match[str]) -> None:
        for k, ch in enumerate(match.group()):
            self.add(ch, match.start() + k)

    def tag(self, match: re.Match[str]) -> None:
        tag = match.group().lower()
        name_match = _TAG_NAME.match(tag)
        name = name_match.group(1) if name_match else ""
        closing = tag.startswith("</")
        if name == "table" and (not closing or self.depth):
            if self.chars:
                self.end_line()
            self.depth += -1 if closing else 1
            self.keep(match)
            self.end_line()
            self.in_cell = False
        elif self.depth and name == "tr":
            if not closing and self.chars:
                self.end_line()  # a row left open
            self.keep(match)
            if closing:
                self.end_line()
            self.in_cell = False
        elif self.depth and name in ("td", "th"):
            self.keep(match)
            self.in_cell = not closing
        elif self.depth:
            return  # other tags inside a table (<p>, <br>, <span>, <tbody>): not its structure
        elif name in ("td", "th") and not closing:
            span = re.search(r"colspan\s*=\s*[\"']?(\d+)", tag)  # a cell outside any <table>: a tab per column
            for _ in range(int(span.group(1)) if span else 1):
                self.add("\t", match.start())
        elif _LINE_BREAK_TAG.match(tag) and self.chars:
            self.end_line()


def _is_page_number(lines: list[_Line], index: int) -> bool:
    text = lines[index].text
    if not PAGE_NUMBER.match(text):
        return False
    if PAGE_DECORATION.match(text):
        return True
    # A bare number is a page number only where a page visibly ends: two blank lines before it, or
    # a page-start line (indented by one space) or the end of the text right after it.
    before = 0
    for j in range(index - 1, -1, -1):
        if lines[j].text.strip():
            break
        before += 1
    # (by index: islice would walk the list from its start for every bare number, quadratic in a long text)
    after = next((lines[j].text for j in range(index + 1, len(lines)) if lines[j].text.strip()), None)
    return before >= 2 or after is None or (after.startswith(" ") and not after.startswith("  "))


def _outline_start(lines: list[_Line]) -> int:
    """Index where a trailing outline (a run of lines repeating earlier headings) starts, else len."""
    seen: set[str] = set()
    first_seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        key = line.text.strip()
        if key and key not in first_seen:
            first_seen[key] = i
    start = len(lines)
    repeats = 0
    for i in range(len(lines) - 1, -1, -1):
        key = lines[i].text.strip()
        if not key:
            continue
        repeated_heading = first_seen.get(key, i) < i and HEADING_START.match(key) is not None
        indented = lines[i].text.startswith("\t") and "\t" not in key  # one indented cell, not a table row
        if len(key) < 60 and (repeated_heading or indented):
            repeats += 1
            start = i
            seen.add(key)
            continue
        break
    return start if repeats >= 8 else len(lines)


def _join_torn_labels(lines: list[_Line]) -> tuple[list[_Piece], set[int], dict[int, int]]:
    """Lines as pieces; consecutive pieces of one form label become one. Also the indices of the pieces that are
    table rows, and for each row the source offset where its line ends."""
    pieces: list[_Piece] = []
    rows: set[int] = set()
    anchors: dict[int, int] = {}
    i = 0
    while i < len(lines):
        if lines[i].row:
            rows.add(len(pieces))
            anchors[len(pieces)] = lines[i].end
            pieces.append(_line_piece(lines[i], strip=False, indent=True))  # aligned columns keep their place
            i += 1
            continue
        j, joined = i, lines[i].text.strip()
        best = i if joined in FORM_LABELS else -1
        while joined in _LABEL_PREFIXES and j + 1 < len(lines) and j - i < 8 and not lines[j + 1].row:
            j += 1
            joined += lines[j].text.strip()
            if joined in FORM_LABELS:
                best = j
        end = best if best > i else i
        parts = [_line_piece(line, strip=end > i) for line in lines[i : end + 1]]
        if len(parts) == 1:
            pieces.append(parts[0])
        else:
            pieces.append(_Piece("".join(p.text for p in parts), _offsets(at for p in parts for at in p.offsets)))
        i = end + 1
    return pieces, rows, anchors


def _line_piece(line: _Line, strip: bool, indent: bool = False) -> _Piece:
    """A line as written, trimmed; a table row (`indent`) keeps its indentation and its trailing tabs (empty
    cells at the row's end: a row broken over lines is put back by its cell count)."""
    text = line.text
    if indent and text and not text.strip():
        return _Piece(text[:1], line.offsets[:1])  # a row of only a space: an empty cell written as a space
    start = 0 if indent else len(text) - len(text.lstrip(" \u3000"))
    end = len(text)
    while end > start and text[end - 1].isspace() and not (indent and text[end - 1] == "\t"):
        end -= 1
    if strip:
        kept = [k for k in range(start, end) if not text[k].isspace()]
        return _Piece("".join(text[k] for k in kept), _offsets(line.offsets[k] for k in kept))
    if start == 0 and end == len(text):
        return _Piece(text, line.offsets)
    return _Piece(text[start:end], line.offsets[start:end])


def _display_width(text: str) -> int:
    narrow = len(_WIDE.sub("", text))
    return narrow + 2 * (len(text) - narrow)


def _full_width(pieces: list[_Piece]) -> int:
    """The width of a full prose line: the 90th percentile of line widths among untabbed lines."""
    widths = sorted(_display_width(p.text) for p in pieces if p.text and "\t" not in p.text)
    if not widths:
        return 10**9
    return widths[int(len(widths) * 0.9)]


def _continues(piece: _Piece, following: _Piece, width: int) -> bool:
    """Whether `piece` is a prose line broken at the page width and `following` carries it on."""
    if not piece.text or not following.text:
        return False
    if "\t" in piece.text or "\t" in following.text:
        return False
    if piece.text[-1] in _TERMINAL or width < 30:
        return False
    if _display_width(piece.text) < 0.85 * width:
        return False
    head = following.text[:12]
    first = piece.text[:8]
    if any(head.startswith(label) or first.startswith(label) for label in _FORM_LINE_LABELS):
        return False  # form rows are not prose
    return not HEADING_START.match(head)


def _emit_line(piece: _Piece, out: list[str], offsets: array[int]) -> None:
    """Write a piece: thousands separators dropped, full-width characters made half-width."""
    text = piece.text
    dropped = [
        m.start()
        for m in _COMMA.finditer(text)
        if (text[m.start() - 1] if m.start() else (out[-1][-1:] if out else "")).isdigit()
        and thousands_separator(text, m.start())
    ]  # (a separator is never right after another one: three digits follow each)
    if dropped:
        gone = set(dropped)
        kept = [k for k in range(len(text)) if k not in gone]
        text = "".join(text[k] for k in kept)
        at = _offsets(piece.offsets[k] for k in kept)
    else:
        at = piece.offsets
    if text:
        out.append(text.translate(_HALF_WIDTH))
        offsets.extend(at)
