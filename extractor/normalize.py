"""Stage `normalize`: repair text-extraction artifacts, keeping an exact map back to the source.

In: the decoded source text. Out: `Normalized`, the repaired text plus, for every character of it,
the offset of the source character it came from. Repairs: HTML tags and blank lines dropped, page
numbers and a trailing PDF outline removed, full-width digits/letters/operators made half-width,
thousands separators removed, form labels torn into one piece per line rejoined, and prose lines
broken at the page width joined. Pure function; no stage after this one reads the source directly
except to show it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from extractor.vocabulary import FORM_LABELS, HEADING_START

_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页(?:\s*[/／共]\s*\d+\s*页?)?|\d{1,3})\s*$")
_DECORATED_PAGE = re.compile(r"^\s*(?:[-—–－]\s*\d{1,4}\s*[-—–－]|第\s*\d{1,4}\s*页.*)\s*$")
_TERMINAL = set("。！？；：:!?;")
_KEEP_FULLWIDTH = set("，（）：；！？")  # ordinary CJK punctuation stays as written
_FORM_LINE_LABELS = tuple(label for label in FORM_LABELS if len(label) >= 4)
_LABEL_PREFIXES = {label[:i] for label in FORM_LABELS for i in range(1, len(label) + 1)}


@dataclass(frozen=True)
class Normalized:
    """Normalized text and `offsets[i]`, the source offset of `text[i]` (one extra entry at the end)."""

    source: str
    text: str
    offsets: tuple[int, ...]

    def to_source(self, start: int, end: int) -> tuple[int, int]:
        """The source span that the normalized span [start, end) came from."""
        if end <= start:
            at = self.offsets[start]
            return at, at
        return self.offsets[start], self.offsets[end - 1] + 1

    def from_source(self, source_offset: int) -> int:
        """The first normalized position at or after a source offset."""
        return bisect_right(self.offsets, source_offset - 1, hi=len(self.text))


@dataclass
class _Line:
    offsets: list[int]  # source offset of each character of `text`
    text: str


def normalize(source: str) -> Normalized:
    lines = _kept_lines(source)
    pieces = _join_torn_labels(lines)
    out: list[str] = []
    offsets: list[int] = []
    width = _full_width(pieces)
    for i, piece in enumerate(pieces):
        _emit_line(piece, out, offsets)
        if i + 1 < len(pieces):
            if not _continues(piece, pieces[i + 1], width):
                out.append("\n")
                offsets.append(piece[-1][0] + 1 if piece else 0)
    offsets.append(len(source))
    return Normalized(source=source, text="".join(out), offsets=tuple(offsets))


def _kept_lines(source: str) -> list[_Line]:
    """Source lines minus blank lines, page numbers and the trailing outline, tables made tab-separated."""
    raw = [_table_cells(line) for line in _stream_lines(source)]
    outline_from = _outline_start(raw)
    kept: list[_Line] = []
    for index, line in enumerate(raw[:outline_from]):
        if not line.text.strip():
            continue
        if _is_page_number(raw, index):
            continue
        kept.append(line)
    return kept


def _stream_lines(source: str) -> list[_Line]:
    """Lines of the source with HTML tags and markdown emphasis (**) removed; HTML table cells become tabs and
    rows lines."""
    lines: list[_Line] = []
    chars: list[str] = []
    offsets: list[int] = []

    def end_line() -> None:
        lines.append(_Line(offsets.copy(), "".join(chars)))
        chars.clear()
        offsets.clear()

    at = 0
    for match in _TAG.finditer(source + "<end>"):
        for k in range(at, match.start()):
            ch = source[k]
            if ch == "*" and (source[k - 1 : k] == "*" or source[k + 1 : k + 2] == "*"):
                continue  # markdown emphasis ("**（一）标题。**"), markup like a tag, not text
            if ch in "\n\r\f\v\x1c\x1d\x1e\x85\u2028\u2029":
                if not (ch == "\n" and k > 0 and source[k - 1] == "\r"):
                    end_line()
            else:
                chars.append(ch)
                offsets.append(k)
        at = match.end()
        if match.start() >= len(source):
            break
        tag = match.group().lower()
        if re.match(r"<(td|th)\b", tag):
            span = re.search(r"colspan\s*=\s*[\"']?(\d+)", tag)
            for _ in range(int(span.group(1)) if span else 1):
                chars.append("\t")
                offsets.append(match.start())
        elif re.match(r"</tr\b|<br\b|</p\b|</table\b|<tr\b|<table\b|</h\d|</li\b|</div\b", tag):
            if chars:
                end_line()
    if chars:
        end_line()
    return lines


def _table_cells(line: _Line) -> _Line:
    """Markdown pipe rows and column-aligned (pdftotext -layout) rows become tab-separated."""
    text = line.text
    stripped = text.strip()
    if stripped.startswith("|") and stripped.endswith("|") and stripped.count("|") >= 3:
        if re.fullmatch(r"\|[\s:|-]+\|", stripped):
            return _Line([], "")  # the |---|---| separator row
        first, last = text.index("|"), text.rindex("|")
        kept = [(o, "\t" if ch == "|" else ch) for k, (o, ch) in enumerate(zip(line.offsets, text, strict=True))
                if first < k < last]  # fmt: skip
        return _Line([o for o, _ in kept], "".join(ch for _, ch in kept))
    gaps = list(re.finditer(r"(?<=\S)[ \u3000]{3,}(?=\S)", text))
    if len(gaps) >= 2 and "\t" not in text:
        chars: list[str] = []
        offsets: list[int] = []
        at = 0
        for gap in gaps:
            chars.extend(text[at : gap.start()])
            offsets.extend(line.offsets[at : gap.start()])
            chars.append("\t")
            offsets.append(line.offsets[gap.start()])
            at = gap.end()
        chars.extend(text[at:])
        offsets.extend(line.offsets[at:])
        return _Line(offsets, "".join(chars))
    return line


def _is_page_number(lines: list[_Line], index: int) -> bool:
    text = lines[index].text
    if not _PAGE_NUMBER.match(text):
        return False
    if _DECORATED_PAGE.match(text):
        return True
    # A bare number is a page number only where a page visibly ends: two blank lines before it, or
    # a page-start line (indented by one space) or the end of the text right after it.
    before = 0
    for j in range(index - 1, -1, -1):
        if lines[j].text.strip():
            break
        before += 1
    after = next((ln.text for ln in lines[index + 1 :] if ln.text.strip()), None)
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
        if len(key) < 60 and (repeated_heading or lines[i].text.startswith("\t")):
            repeats += 1
            start = i
            seen.add(key)
            continue
        break
    return start if repeats >= 8 else len(lines)


def _join_torn_labels(lines: list[_Line]) -> list[list[tuple[int, str]]]:
    """Lines as lists of (source offset, char); consecutive pieces of one form label become one line."""
    pieces: list[list[tuple[int, str]]] = []
    i = 0
    while i < len(lines):
        j, joined = i, lines[i].text.strip()
        best = i if joined in FORM_LABELS else -1
        while joined in _LABEL_PREFIXES and j + 1 < len(lines) and j - i < 8:
            j += 1
            joined += lines[j].text.strip()
            if joined in FORM_LABELS:
                best = j
        end = best if best > i else i
        piece: list[tuple[int, str]] = []
        for line in lines[i : end + 1]:
            piece.extend(_line_chars(line, strip=end > i))
        pieces.append(piece)
        i = end + 1
    return pieces


def _line_chars(line: _Line, strip: bool) -> list[tuple[int, str]]:
    chars = list(zip(line.offsets, line.text, strict=True))
    while chars and chars[0][1] in " \u3000":
        chars.pop(0)
    while chars and chars[-1][1].isspace():
        chars.pop()
    if strip:
        chars = [c for c in chars if not c[1].isspace()]
    return chars


def _display_width(piece: list[tuple[int, str]]) -> int:
    return sum(2 if ord(ch) > 0x2E80 else 1 for _, ch in piece)


def _full_width(pieces: list[list[tuple[int, str]]]) -> int:
    """The width of a full prose line: the 90th percentile of line widths among untabbed lines."""
    widths = sorted(_display_width(p) for p in pieces if p and not any(ch == "\t" for _, ch in p))
    if not widths:
        return 10**9
    return widths[int(len(widths) * 0.9)]


def _continues(piece: list[tuple[int, str]], following: list[tuple[int, str]], width: int) -> bool:
    """Whether `piece` is a prose line broken at the page width and `following` carries it on."""
    if not piece or not following:
        return False
    if any(ch == "\t" for _, ch in piece) or any(ch == "\t" for _, ch in following):
        return False
    if piece[-1][1] in _TERMINAL or width < 30:
        return False
    if _display_width(piece) < 0.85 * width:
        return False
    head = "".join(ch for _, ch in following[:12])
    first = "".join(ch for _, ch in piece[:8])
    if any(head.startswith(label) or first.startswith(label) for label in _FORM_LINE_LABELS):
        return False  # form rows are not prose
    return not HEADING_START.match(head)


def _emit_line(piece: list[tuple[int, str]], out: list[str], offsets: list[int]) -> None:
    for k, (at, ch) in enumerate(piece):
        if ch in ",，" and out and out[-1].isdigit() and _thousands_group(piece, k):
            continue
        code = ord(ch)
        if 0xFF01 <= code <= 0xFF5E and ch not in _KEEP_FULLWIDTH:
            ch = chr(code - 0xFEE0)
        elif ch == "\u3000":
            ch = " "
        out.append(ch)
        offsets.append(at)


def _thousands_group(piece: list[tuple[int, str]], k: int) -> bool:
    """A comma followed by exactly three digits and then a non-digit is a thousands separator."""
    digits = "".join(ch for _, ch in piece[k + 1 : k + 5])
    return len(digits) >= 3 and digits[:3].isdigit() and (len(digits) == 3 or not digits[3].isdigit())
