"""Stage normalize: repairs from a case table; the offset map checked by property tests."""

from __future__ import annotations

from array import array
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor.ground import fold, fold_char
from extractor.load import load_path
from extractor.normalize import normalize
from extractor.repair import substitute

CASES = [
    # (source, normalized)
    ("收入合计７,９０５.９５万元", "收入合计7905.95万元"),
    ("<b>本年收入合计</b>\t27\t7,906.02", "本年收入合计\t27\t7906.02"),
    ("占 99.99％；", "占 99.99%；"),
    ("第一行\n\n\n\n\n18\n\n第二行", "第一行\n第二行"),
    ("正文。\n\n- 3 -\n\n下一页", "正文。\n下一页"),
    ("表格\n10\n\n0\n合计", "表格\n10\n0\n合计"),  # cell values are not page numbers
    ("实施单\n\n位\n\n四川省交通物流发展中心", "实施单位\n四川省交通物流发展中心"),
    ("度\n\n量\n\n单\n\n位\n完成值", "度量单位\n完成值"),
    ("1,234,567元和1,2,3", "1234567元和1,2,3"),
    ("x<sup>1</sup>y", "x1y"),
    (" 第二部分 情况说明", "第二部分 情况说明"),
    # tables are left to the layout readers: pipe rows as written, an HTML table's structure tags one row a line
    ("| 项目 | 金额 |\n|---|---:|\n| 基本支出 | 1,306.65 |", "| 项目 | 金额 |\n|---|---:|\n| 基本支出 | 1306.65 |"),
    ("<table><tr><td>基本支出</td><td colspan=\"2\">1306.65</td></tr><tr><td>项目支出</td><td>213.21</td></tr></table>",
     "<table>\n<tr><td>基本支出</td><td colspan=\"2\">1306.65</td></tr>\n<tr><td>项目支出</td><td>213.21</td></tr>\n</table>"),
    ("<table>\n  <tr>\n    <td><p>基本</p>\n<p>支出</p></td>\n  </tr>\n</table>", "<table>\n<tr><td>基本支出</td></tr>\n</table>"),
    ("基本支出      1,306.65      85.97%", "基本支出      1306.65      85.97%"),
    ("正文。\n    基本支出   1306.65   85.97%", "正文。\n    基本支出   1306.65   85.97%"),  # an aligned row keeps its indent
    ("第一页正文。\f第二页正文。", "第一页正文。\n第二页正文。"),
    ("甲\r\n乙\r丙", "甲\n乙\n丙"),
    # what is no report text in a web page: scripts, styles, comments, ruby annotations
    ("<p>收入</p><script>var t = \"支出 100\";</script><style>p { color: red }</style><p>合计</p>", "收入\n合计"),
    ("甲<!-- 隐藏 100 -->乙", "甲乙"),
    ("<ruby>总<rt>zǒng</rt></ruby>计", "总计"),
    ("<SCRIPT type=\"x\">a<b>c</b></SCRIPT>正文", "正文"),
    ("正文<script>未闭合的脚本", "正文"),
    # character repairs first (extractor.repair), the rest after them
    ("收、支總計(zǒng jì)1,519.86 萬元", "收、支总计1519.86万元"),
    ("指標\u00a0\u00a0\u00a0≧ 95 %\u00a0\u00a0\u00a0100", "指标   ≥ 95%   100"),  # aligned columns, for their reader
]


@pytest.mark.parametrize(("source", "expected"), CASES)
def test_repairs(source: str, expected: str) -> None:
    assert normalize(source).text == expected


def test_prose_lines_broken_at_the_page_width_are_joined() -> None:
    width_line = "这是一行被排版软件在页面宽度处折断的正文文字内容没有句号"
    source = "\n\n".join([width_line, "继续的部分。", width_line + "。", "新段落开始。"] + ["短行"] * 3)
    text = normalize(source).text
    assert width_line + "继续的部分。" in text
    assert width_line + "。\n新段落开始。" in text


def test_trailing_outline_is_removed() -> None:
    body = "\n".join(["第一部分 单位概况", "一、主要职责", "正文内容。", "二、机构设置", "正文。", "三、其他", "更多正文。"])
    outline = "\n".join("\t" + h for h in ["第一部分 单位概况", "一、主要职责", "二、机构设置"] * 3)
    text = normalize(body + "\n" + outline).text
    assert text.count("一、主要职责") == 1
    assert text.endswith("更多正文。")
    assert "\t" not in text


def test_an_html_table_at_the_end_of_a_document_is_kept() -> None:
    rows = "".join(f"<tr><td>第{k}行</td><td>{k}.5</td></tr>" for k in range(12))
    text = normalize("正文。\n<table>" + rows + "</table>").text
    assert text.count("<tr>") == 12 and "第11行" in text


def test_wide_pipe_rows_are_not_joined_as_prose() -> None:
    prose = ["这是一行很长的正文文字内容用来确定页面的宽度没有句号"] * 5
    rows = ["| 项目名称 | 某某道路巡查经费项目支出很长的名称 | 某某单位 |", "| 年初预算数 | 10 | 12 |"]
    text = normalize("\n".join(prose[:1] + rows + ["结束。"])).text
    assert rows[0] + "\n" + rows[1] in text


def _check_map(source: str) -> None:
    doc = normalize(source)
    assert len(doc.offsets) == len(doc.text) + 1
    assert doc.offsets[-1] == len(source)
    repaired = substitute(source)  # one character for one: what each source character reads as (extractor.repair)
    previous = -1
    for i, ch in enumerate(doc.text):
        at = doc.offsets[i]
        assert at > previous or ch == "\n"
        if ch != "\n":
            assert fold_char(repaired[at]) == fold_char(ch) or (ch.isascii() and fold_char(repaired[at]) == ch)
            previous = at


_alphabet = st.sampled_from(
    list("收支总计万元项目名称一二（）()、，。：%.0123456789０１２,\t \n<b>/")
    + ["\n\n", "- 3 -", "</b>", "<script>x</script>", "<!--c-->"]
    + list("總計萬預算執")
    + ["(jì)", "≧", "═", "\u00a0", "\u200b", " %", " 万元", "O", "l"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_alphabet, max_size=120).map("".join))
def test_every_normalized_char_maps_to_the_source_char_it_came_from(source: str) -> None:
    _check_map(source)


@settings(max_examples=200, deadline=None)
@given(st.lists(_alphabet, max_size=120).map("".join), st.data())
def test_any_normalized_span_maps_back_to_a_source_span_with_the_same_text(source: str, data: st.DataObject) -> None:
    doc = normalize(source)
    if not doc.text:
        return
    start = data.draw(st.integers(0, len(doc.text) - 1))
    end = data.draw(st.integers(start + 1, len(doc.text)))
    s, e = doc.to_source(start, end)
    assert 0 <= s <= e <= len(source)
    # the span's text, whitespace removed, is the source span's text with only removed artifacts missing; the
    # source is read as repaired in full (a repair may depend on what stands beside the span: "0O%" → "00%")
    normalized_chars = fold(doc.text[start:end])[0]
    source_chars = iter(fold(substitute(source)[s:e])[0])
    assert all(ch in source_chars for ch in normalized_chars)  # a subsequence, in order


# what the normalizer handles a line or a run at a time: markdown emphasis, line breaks of every kind, thousands
# separators (also where a line joined to the one before starts with one), full-width characters, table rows
# (tabs, pipes, blank lines between cells), torn form labels, page numbers
_run_alphabet = st.sampled_from(
    ["**", "*", "***", "\r\n", "\r", "\n", "\n\n", "\f", "\u2028", "1,234", ",567", "１,２３４", "12，345", "　", "Ａ",
     "\t", "\t\t", " | ", "|", "实施单", "位", "项目名", "称", "- 7 -", "第 3 页", "3", "99.5", "合计", "　本行", "。"]
    + ["这是一行很长的正文文字内容用来确定页面的宽度没有句号", "<tr>", "</tr>", "<table>", "</table>", "<b>", "</p>"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_run_alphabet, max_size=80).map("".join))
def test_runs_and_rows_map_to_the_source_chars_they_came_from(source: str) -> None:
    _check_map(source)


def test_the_offset_map_is_compact() -> None:
    doc = normalize("收入合计７,９０５.９５万元\n" * 50)
    assert isinstance(doc.offsets, array) and doc.offsets.itemsize == 8  # 8 bytes a character, no int objects


def test_samples_map_exactly(sample_paths: list[Path]) -> None:
    for path in sample_paths:
        _check_map(load_path(path).text)
