"""A report's text as blocks a document would lay out: headings, paragraphs, tables.

In: the text. Out: `Block`s in order: "heading" (a markdown `#` line, marks dropped), "paragraph" (a
line; markdown emphasis dropped), "item" (a markdown list item, its mark dropped), "blank" (an empty line) and "table" (a run of lines
that hold a tab, each split at its tabs and padded to the run's width).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_HEADING = re.compile(r"^\s*(#{1,6})\s+(.*)$")
_LIST = re.compile(r"^\s*[-*+]\s+")
_EMPHASIS = re.compile(r"\*\*|__")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading" | "paragraph" | "item" (of a bulleted list) | "blank" | "table"
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


def blocks(text: str) -> list[Block]:
    out: list[Block] = []
    table: list[list[str]] = []
    for line in text.splitlines():
        if "\t" in line:
            table.append([cell.strip() for cell in line.split("\t")])
            continue
        if table:
            out.append(_table(table))
            table = []
        heading = _HEADING.match(line)
        if heading:
            out.append(Block("heading", _plain(heading.group(2)), level=len(heading.group(1))))
        elif _LIST.match(line):
            out.append(Block("item", _plain(_LIST.sub("", line))))
        elif line.strip():
            out.append(Block("paragraph", _plain(line)))
        else:
            out.append(Block("blank"))
    if table:
        out.append(_table(table))
    return out


def _plain(text: str) -> str:
    return _EMPHASIS.sub("", text).strip()


def _table(rows: list[list[str]]) -> Block:
    width = max(len(row) for row in rows)
    while width > 1 and all(len(row) < width or not row[width - 1] for row in rows):
        width -= 1  # a trailing tab on every row is no column
    return Block("table", rows=[(row + [""] * width)[:width] for row in rows])
