"""The spaced-rows reader: a final-accounts table a row a line, its cells parted by single spaces, a header of words
on one line or two. Invented tables."""

from __future__ import annotations

from extractor.normalize import normalize
from extractor.tables import tables_in

COMPARISON = (
    "某医院收支情况对比表\n单位:元\n"
    "项目 2030年度 2031年度 2031比2030增减\n"
    "增减值 增减%\n"
    "(一) 收入总计 4000.00 5000.00 1000.00 25.00%\n"
    "1. 财政补助收入 1200.00 1500.00 300.00 25.00%\n"
    "2. 科教项目收入 0\n"
    "(二) 支出总计 4100.00 4800.00 700.00 17.07%\n"
    "三、其他情况\n"
)


def _tables(text: str) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in tables_in(normalize(text).text) if t.layout == "spaced_rows"]


def test_rows_of_a_label_and_amounts_under_a_header_of_words_are_one_table() -> None:
    (rows,) = _tables(COMPARISON)
    assert rows[0] == ["项目", "2030年度", "2031年度", "2031比2030增减", ""]
    assert rows[1] == ["增减值", "增减%", "", "", ""]
    assert rows[2] == ["(一) 收入总计", "4000.00", "5000.00", "1000.00", "25.00%"]
    assert rows[-1] == ["(二) 支出总计", "4100.00", "4800.00", "700.00", "17.07%"]


def test_a_row_with_fewer_amounts_is_held_for_review() -> None:
    (table,) = [t for t in tables_in(normalize(COMPARISON).text) if t.layout == "spaced_rows"]
    assert [table.rows[k].cells[0].text for k in table.unsure_rows] == ["2. 科教项目收入"]


def test_prose_and_a_table_of_contents_are_no_such_table() -> None:
    prose = "收入支出决算总体情况 说明 如下\n2031年收入合计 100 万元，比上年增加 10 20\n其中 财政拨款 80 10 5\n"
    contents = "第一部分 单位概况 PAGEREF _Toc1 h 3\n一、主要职责 PAGEREF _Toc2 h 3\n二、机构设置 PAGEREF _Toc3 h 4\n"
    one_amount = "项目 金额 备注\n甲收入 10\n乙收入 20\n丙收入 30\n"
    assert _tables(prose) == []
    assert _tables(contents) == []
    assert _tables(one_amount) == []  # rows of one amount: nothing says they are a table's rather than a list's
