"""A form flattened into one line by a tool that keeps each cell's line breaks as spaces: a header cell's note written
apart ("预算数 (A)", "得分 (20 分*执行率)"), a text cell wrapped over lines ("支持文旅、会展服" "务企业数量"), the values'
unit after the indicator's name ("接待游客(万人次)"). Invented forms, units and numbers."""

from __future__ import annotations

from extractor.extract.rules.indicator_table import indicator_rows
from extractor.normalize import normalize
from extractor.tables import tables_in
from extractor.tables.stream import Token, header_at

_HEAD = (
    "2031 年某区会展发展资金项目自评表 单位名称:某区会展办 项目名称 2031 年某区会展发展资金 主管部门 某区会展办 "
    "预算执行 情况(万元) (20 分) 年度财政 资金总额 预算数 (A) 执行数(B) 执行率(B/A) 得分 (20 分*执行率) 64.5 64.5 100% 20 "
)
_TABLE = (
    "三级指标 年初目标值 (A) 实际完成值 (B) 得分 "
    "接待展会客商(万人次) 12 12.8 10 "
    "支持文旅、会展服 务企业数量 5 6 10 "  # a name wrapped at the column's width
    "展会品牌影响 获得省内 外同行认 可 获得同行 认可显著 10 "  # a target and an actual wrapped
    "场馆利用率 85% 91% 10"
)


def _rows(text: str) -> list[tuple[object, ...]]:
    rows = indicator_rows(tables_in(normalize(text).text))
    return [(r.name, r.target, r.unit, r.actual, r.score, r.sure) for r in rows]


def _tokens(text: str) -> list[Token]:
    out, at = [], 0
    for piece in text.split(" "):
        out.append(Token(piece, at, at + len(piece)))
        at += len(piece) + 1
    return out


def test_a_header_cells_note_written_apart_names_no_column() -> None:
    header = header_at(_tokens("三级指标 年初目标值 (A) 实际完成值 (B) 得分 某某 1 2 3"), 0)
    assert header is not None and header.columns == ("name", "target", "actual", "score")
    budget = header_at(_tokens("预算数 (A) 执行数(B) 执行率(B/A) 得分 (20 分*执行率) 1 1 100% 20"), 0)
    assert budget is not None and budget.columns == (None, "adjusted", "executed", "rate", "score")


def test_wrapped_cells_are_read_whole_and_their_rows_held_for_review() -> None:
    assert _rows(_HEAD + _TABLE) == [
        ("接待展会客商", "12", "万人次", "12.8", 10, True),
        ("支持文旅、会展服务企业数量", "5", None, "6", 10, False),
        ("展会品牌影响", "获得省内外同行认可", None, "获得同行认可显著", 10, False),
        ("场馆利用率", "85", "%", "91", 10, True),
    ]


def test_a_piece_longer_than_the_line_before_it_is_no_wrapped_line() -> None:
    # "获得同行认可显著" is longer than "可": it cannot be the next line of the target's cell, so it is the actual
    rows = _rows(_HEAD + "三级指标 年初目标值 (A) 实际完成值 (B) 得分 展会品牌影响 获得认可 获得同行认可显著 10")
    assert rows == [("展会品牌影响", "获得认可", None, "获得同行认可显著", 10, True)]


def test_wrapped_names_values_and_reasons_in_the_national_template() -> None:
    text = (
        "项目名称 某镇河道整治 主管部门 某镇政府 一级指标 二级指标 三级指标 年度指标值 实际完成值 分值 得分 偏差原因 "
        "产出指标 数量指标 整治河道长 度 ≥12公里 12.5公里 20 20 清理淤泥方 量 ≥3000立方米 3100立方米 20 20 "
        "效益指标 社会效益 指标 沿岸群众生 活环境改善 明显改善 明显改善 20 18 部分河段未完 工 "
        "满意度指标 服务对象满 意度指标 群众满意度 ≥90% 95% 10 10"
    )
    rows = indicator_rows(tables_in(normalize(text).text))
    got = [(r.level2, r.name, r.target, r.actual, r.score, r.reason) for r in rows]
    assert got == [
        (
            "数量指标",
            "整治河道长度",
            "12",
            "12.5",
            20,
            None,
        ),  # a met target states no reason: "清理淤泥方" opens a name
        ("数量指标", "清理淤泥方量", "3000", "3100", 20, None),
        ("社会效益指标", "沿岸群众生活环境改善", "明显改善", "明显改善", 18, "部分河段未完工"),
        ("服务对象满意度指标", "群众满意度", "90", "95", 10, None),
    ]
    assert [r.sure for r in rows] == [False, False, False, True]  # rows with a wrapped cell are held for review
