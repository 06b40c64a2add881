"""The one-cell-per-line reader: the three ways of writing the cells, the row width found from the header
and the rows, and the text around the table left out. Invented forms."""

from __future__ import annotations

import pytest

from extractor.normalize import normalize
from extractor.tables import tables_in

HEADER = ["三级指标", "年度指标值", "实际完成值", "分值", "得分"]
ROWS = [
    ["巡护里程", "≥30公里", "32公里", "40", "40"],
    ["巡护次数", "≥12次", "", "20", "18"],
    ["保洁效果", "好", "好", "30", "30"],
]
GRID = [HEADER, *ROWS]


def _lines(empty: str, after: str = "") -> str:
    return "\n".join((cell or empty) + after for row in GRID for cell in row)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("blank line for an empty cell", _lines("")),
        ("each cell followed by a bar", "\n".join(f"{cell} |" if cell else "|" for row in GRID for cell in row)),
        ("cells parted by blank lines", "\n\n".join(cell or " " for row in GRID for cell in row)),
        # a web page whose cells are paragraphs: an empty cell is two more blank lines (a run of three)
        ("cells parted by blank lines, an empty cell blank", "\n\n".join(cell for row in GRID for cell in row)),
    ],
)
def test_each_way_of_writing_cells_reads_the_same_grid(name: str, text: str) -> None:
    doc = normalize("2031年度某某自评表\n" + text + "\n填表人：某某")
    tables = tables_in(doc.text)
    assert len(tables) == 1, name
    assert tables[0].layout == "cells"
    assert [row.texts for row in tables[0].rows] == GRID, name
    assert "填表人" not in doc.text[tables[0].start : tables[0].end]


def test_lines_of_text_without_amounts_are_no_table() -> None:
    text = "\n".join(
        ["一级指标", "二级指标", "三级指标", "产出指标", "数量指标", "巡护里程", "效益指标", "社会效益指标", "保洁效果"]
    )
    assert tables_in(normalize(text).text) == []  # no amount column to check a row against


def test_an_even_run_of_blank_lines_ends_cells_parted_by_blank_lines() -> None:
    # a run of 2e + 1 blank lines holds e empty cells; an even run holds none: it ends the table, even where the
    # lines after it would fit its columns (another form's rows)
    table = "\n\n".join(cell for row in GRID for cell in row)
    after = "\n\n".join(["巡护面积", "≥5公顷", "6公顷", "10", "10"])
    doc = normalize("2031年度某某自评表\n" + table + "\n\n\n" + after + "\n填表人：某某")
    tables = tables_in(doc.text)
    assert [row.texts for row in tables[0].rows] == GRID
    assert "巡护面积" not in doc.text[tables[0].start : tables[0].end]
