"""Layout readers: one module per way a table is laid out in text, all behind `Reader`.

Stage: tables. In: the lines of the normalized text and the index of a line. Out: the `Table` that
starts at that line, or None. `READERS` is the order they are tried in: the most specific layouts
first, so a line is read by the reader whose layout it is. A new layout is one module here (a class
with `layout` and `read`) added to `READERS`, plus its tests.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from extractor.tables.model import Line, Table
from extractor.tables.readers.aligned import AlignedReader
from extractor.tables.readers.cells import CellsReader
from extractor.tables.readers.flat import FlatReader
from extractor.tables.readers.html import HtmlReader
from extractor.tables.readers.labeled import LabeledReader
from extractor.tables.readers.pipe import PipeReader
from extractor.tables.readers.quoted import QuotedReader
from extractor.tables.readers.ragged import RaggedReader
from extractor.tables.readers.rowlines import RowLinesReader
from extractor.tables.readers.spaced import SpacedReader
from extractor.tables.readers.tabbed import TabbedReader


class Reader(Protocol):
    layout: str

    def read(self, lines: Sequence[Line], at: int) -> Table | None:
        """The table whose first row is `lines[at]`, or None when no table of this layout starts there."""
        ...


# layouts whose blank lines are cells: the normalizer keeps the blank lines in and next to their tables
BLANK_LINE_LAYOUTS = frozenset({CellsReader.layout, RaggedReader.layout})

READERS: tuple[Reader, ...] = (
    HtmlReader(), QuotedReader(), TabbedReader(), RaggedReader(), CellsReader(), LabeledReader(), PipeReader(), FlatReader(), RowLinesReader(),
    AlignedReader(), SpacedReader(),
)  # fmt: skip
