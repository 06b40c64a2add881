"""Cells parted by bars at line starts: a web page's table copied as text, a bar line between every two cells.

Stage: tables (the ragged reader reads these cells into rows; the cells reader leaves such text alone, its bars
being no empty cells). In: the lines of the normalized text and a line's index. Out: the cells from that line on
as stream `Token`s, or none when the text does not write its cells so.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from extractor.tables.model import Line
from extractor.tables.stream import Token

_LEADING_BAR = re.compile(r"^\s*[|｜]\s?")
_LONE_BAR = re.compile(r"^\s*[|｜](?:\s*[|｜])*\s*$")  # a bar alone, or bars alone: a row's empty last cells ("| |")
_MIN_LED = 3  # lines opened by a bar and a cell's words: cells parted by bars
_LONE_SHARE_NUM, _LONE_SHARE_DEN = 2, 5  # lone bars on this share of the lines at least: cells parted by bars
_MIN_BARS = 5  # bars at line starts among the first lines: cells parted by bars
_BAR_WINDOW = 24  # lines looked at to tell cells parted by bars
_WRAPPED_WIDTH = 20  # characters a line of a cell wrapped over lines holds at most, when no bar opened the cell
_MAX_CELL_LINES = 12  # lines of one cell at most (a level name written a character a line)


def bar_parted_tokens(lines: Sequence[Line], at: int) -> list[Token]:
    """The cells from line `at` on when the text parts them by bars at line starts (a web page's table copied as
    text): a lone bar, or a bar opening the next cell's first line ("| 评价指标"); the lines between two bars are one
    cell, wrapped (a level name written a character a line is one word); two bars in a row part an empty cell. The
    text ends at a blank line after the last bar, a line holding a bar inside it, or a cell running over too many
    lines. Empty when the first lines do not write cells so (fewer than `_MIN_BARS` bars, or a bar after text on a
    line: pipe rows)."""
    if not bar_parted(lines, at):
        return []
    tokens: list[Token] = []
    pending: list[Line] = []
    # where bars open the cells ("| 二级指标"), a row's first cell follows the bar that closes the row before: lines
    # after that bar are a cell only when short (a name wrapped) and a bar follows them
    led = _led(lines, at)
    opened = True  # whether the pending lines were opened by a bar (or need none to be a cell)
    for line in lines[at:]:
        text = line.text
        if not text.strip():
            if pending and tokens:
                break  # a blank line after a cell: the text after the table
            continue
        if _inner_bar(text) or len(pending) > _MAX_CELL_LINES:
            break
        bar = _LEADING_BAR.match(text)
        if bar is None:
            opened = opened or not led or not pending and not tokens
            if pending and not opened and max(len(p.text.strip()) for p in (*pending, line)) > _WRAPPED_WIDTH:
                break  # lines of prose after a row's closing bar: the text after the table, no cell
            pending.append(line)
            continue
        tokens.append(_joined(pending, line.start))
        rest = "" if _LONE_BAR.match(text) else text[bar.end() :]
        pending = [Line(line.start + bar.end(), rest)] if rest.strip() else []
        opened = bool(pending)
    if pending and opened:  # (lines after a row's closing bar that no bar follows: the text after the table)
        tokens.append(_joined(pending, pending[0].start))
    return tokens


def bar_parted(lines: Sequence[Line], at: int) -> bool:
    """Whether the lines from `at` write cells parted by bars: a cell line first, then among the next lines bars
    at line starts and none inside a line, either opening cells ("| 评价指标") or standing alone on most of the
    lines that hold no cell's words (a lone bar now and then is an empty cell of one cell a line, not this)."""
    window = _window(lines, at)
    if not window or _LEADING_BAR.match(window[0]) or any(_inner_bar(text) for text in window):
        return False
    lone = sum(1 for text in window if _LONE_BAR.match(text))
    led = sum(1 for text in window if _LEADING_BAR.match(text)) - lone
    return lone + led >= _MIN_BARS and (led >= _MIN_LED or lone * _LONE_SHARE_DEN >= len(window) * _LONE_SHARE_NUM)


def _window(lines: Sequence[Line], at: int) -> list[str]:
    return [line.text for line in lines[at : at + _BAR_WINDOW] if line.text.strip()]


def _led(lines: Sequence[Line], at: int) -> bool:
    """Whether bars open the cells ("| 评价指标"), rather than close each cell on a line of their own."""
    window = _window(lines, at)
    return sum(1 for text in window if _LEADING_BAR.match(text) and not _LONE_BAR.match(text)) >= _MIN_LED


def _inner_bar(text: str) -> bool:
    """A bar inside a line's text after a cell's words (pipe rows "a | b"), not at its start; a line of bars alone
    ("| |", "||": a row's empty last cells) has none."""
    return not _LONE_BAR.match(text) and any(ch in "|｜" for ch in _LEADING_BAR.sub("", text, count=1))


def _joined(pending: list[Line], at: int) -> Token:
    if not pending:
        return Token("", at, at)
    first, last = pending[0], pending[-1]
    start = first.start + len(first.text) - len(first.text.lstrip())
    end = last.start + len(last.text.rstrip())
    return Token("".join(line.text.strip() for line in pending), start, max(start, end))
