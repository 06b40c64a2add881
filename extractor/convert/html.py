"""Web pages to text with selectolax (lexbor): blocks as lines, tables as rows.

Stage: `load` (convert). In: the decoded HTML (the loader detects its encoding). Out: `Converted`, one
line per block (paragraph, heading with markdown `#` marks for its level, list item, `<br>`-separated
line) and one per table row, cells
tab-separated on a grid where a cell with rowspan/colspan stands in its first slot and the slots it
covers are empty. Scripts, styles, templates, the head and comments are dropped; a table inside a
table cell is read as that cell's text. Regions carry no page.
"""

from __future__ import annotations

from typing import Any

from extractor.convert.base import Converted, ConvertError, TextWriter, cell_text, library_version

_DROPPED = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_BLOCKS = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "h1", "h2", "h3", "h4", "h5",
    "h6", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "address", "figure", "figcaption", "form",
    "fieldset", "hr", "body", "center", "caption",
}  # fmt: skip


def convert_html(text: str) -> Converted:
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    tree.strip_tags(list(_DROPPED))
    root = tree.body or tree.root
    if root is None:
        raise ConvertError("an HTML page without a body")
    walker = _Walker()
    walker.walk(root)
    walker.flush()
    if walker.writer.empty:
        raise ConvertError("an HTML page without text")
    return walker.writer.done("html", library_version("selectolax"), 1)


class _Walker:
    def __init__(self) -> None:
        self.writer = TextWriter()
        self.pending = ""

    def flush(self) -> None:
        line = " ".join(self.pending.split())
        if line and line.strip("# "):
            self.writer.line(line, None)
        self.pending = ""

    def walk(self, node: Any) -> None:
        for child in _children(node):
            tag = child.tag
            if tag == "-text":
                self.pending += child.text(deep=False) or ""
            elif tag == "br":
                self.flush()
            elif tag == "table":
                self.flush()
                for row in table_grid(child):
                    self.writer.line("\t".join(row), None)
                self.writer.blank()
            elif tag in _HEADINGS:
                self.flush()
                self.pending = "#" * int(tag[1]) + " "
                self.walk(child)
                self.flush()
            elif tag in _BLOCKS:
                self.flush()
                self.walk(child)
                self.flush()
            elif not tag.startswith("-"):
                self.walk(child)


def _children(node: Any) -> list[Any]:
    out = []
    child = node.child
    while child is not None:
        out.append(child)
        child = child.next
    return out


def _rows(table: Any) -> list[Any]:
    """The table's own rows (not those of a table nested in a cell), in order."""
    rows = []
    for child in _children(table):
        if child.tag == "tr":
            rows.append(child)
        elif child.tag in ("thead", "tbody", "tfoot"):
            rows.extend(c for c in _children(child) if c.tag == "tr")
    return rows


def table_grid(table: Any) -> list[list[str]]:
    """A table's rows on its slot grid: spans expanded, covered slots empty, empty rows dropped."""
    grid: dict[tuple[int, int], str] = {}
    width = 0
    rows = _rows(table)
    for r, row in enumerate(rows):
        c = 0
        for cell in (x for x in _children(row) if x.tag in ("td", "th")):
            while (r, c) in grid:
                c += 1
            rowspan, colspan = _span(cell, "rowspan"), _span(cell, "colspan")
            for dr in range(rowspan):
                for dc in range(colspan):
                    grid[(r + dr, c + dc)] = ""
            grid[(r, c)] = cell_text(cell.text(separator="\n", strip=True))
            c += colspan
            width = max(width, c)
    out = []
    for r in range(len(rows)):
        texts = [grid.get((r, c), "") for c in range(width)]
        if any(texts):
            out.append(texts)
    return out


def _span(cell: Any, name: str) -> int:
    try:
        return max(1, min(int(cell.attributes.get(name) or 1), 1000))
    except ValueError:
        return 1
