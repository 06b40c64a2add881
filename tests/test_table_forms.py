"""Project forms read through the table model: the same invented form in every layout gives the same project,
and indicator columns are read by their header words (any order, any set), not by position."""

from __future__ import annotations

import pytest

from extractor.chunk import chunk
from extractor.extract.rules import RulesExtractor
from extractor.normalize import normalize
from schemas import Project

HEAD = [
    ["项目名称", "河道巡护经费", "", "", "", "", ""],
    ["主管部门", "某某水务局", "", "实施单位", "某某巡护站", "", ""],
    ["项目资金(万元)", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
    ["年度资金总额", "50", "60", "54", "10", "90%", "9"],
]
INDICATORS = [
    ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
    ["产出指标", "数量指标", "巡护里程", "≥30公里", "32公里", "40", "40"],
    ["", "", "巡护次数", "≥12次", "11次", "20", "18"],
    ["效益指标", "社会效益指标", "水面保洁效果", "好", "好", "30", "30"],
    ["总分", "", "", "", "100", "97", ""],
]
EXPECTED = [
    ("产出指标", "数量指标", "巡护里程", "≥", "30", "公里", "32", 40.0, 40.0),
    ("产出指标", "数量指标", "巡护次数", "≥", "12", "次", "11", 20.0, 18.0),
    ("效益指标", "社会效益指标", "水面保洁效果", None, "好", None, "好", 30.0, 30.0),
]


def _tabbed(grid: list[list[str]]) -> str:
    return "\n".join("\t".join(row) for row in grid)


def _pipe(grid: list[list[str]]) -> str:
    return "\n".join("| " + " | ".join(row) + " |" for row in grid)


def _bare_pipe(grid: list[list[str]]) -> str:
    return "\n".join(" | ".join(row) for row in grid)


def _html(grid: list[list[str]]) -> str:
    return "<table>" + "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in grid) + "</table>"


def _aligned(grid: list[list[str]]) -> str:
    def width(text: str) -> int:
        return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)

    widths = [max(width(row[c]) if c < len(row) else 0 for row in grid) + 3 for c in range(max(map(len, grid)))]
    return "\n".join(
        "".join(cell + " " * (widths[c] - width(cell)) for c, cell in enumerate(row)).rstrip() for row in grid
    )


def _project(text: str) -> Project:
    doc = normalize("附件\n2031年度项目支出绩效自评表\n" + text + "\n")
    found = [c.item for c in RulesExtractor().extract(doc, chunk(doc)).candidates if isinstance(c.item, Project)]
    assert len(found) == 1
    return found[0]


def _rows(project: Project) -> list[tuple[object, ...]]:
    return [(r.level1, r.level2, r.name, r.comparator, r.target, r.unit, r.actual, r.weight, r.score)
            for r in project.indicators]  # fmt: skip


@pytest.mark.parametrize(
    "render", [_tabbed, _pipe, _bare_pipe, _html, _aligned], ids=["tabbed", "pipe", "bare_pipe", "html", "aligned"]
)
def test_the_same_form_in_every_layout_gives_the_same_project(render) -> None:  # type: ignore[no-untyped-def]
    project = _project(render(HEAD + INDICATORS))
    assert (project.name, project.department, project.implementer) == ("河道巡护经费", "某某水务局", "某某巡护站")
    budget = project.budget
    assert (budget.initial, budget.adjusted, budget.executed, budget.execution_rate_pct, budget.weight, budget.score) == (
        50, 60, 54, 90, 10, 9)  # fmt: skip
    assert _rows(project) == EXPECTED
    assert project.total_score == 97


def test_a_pipe_form_without_outer_bars_keeps_its_name_and_rows() -> None:
    project = _project(_bare_pipe(HEAD + INDICATORS))
    assert project.name == "河道巡护经费" and len(project.indicators) == 3


def _columns(order: list[str], rows: list[dict[str, str]]) -> str:
    return _tabbed(HEAD + [order] + [[row.get(word, "") for word in order] for row in rows])


def test_separate_comparator_and_unit_columns_and_the_weight_before_the_target() -> None:
    order = [
        "一级指标",
        "二级指标",
        "三级指标",
        "分值",
        "指标性质",
        "指标值",
        "度量单位",
        "完成值",
        "得分",
        "未完成原因分析",
    ]
    rows = [
        {"一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "巡护里程", "分值": "40", "指标性质": "≥", "指标值": "30",
         "度量单位": "公里", "完成值": "32", "得分": "40"},
        {"三级指标": "巡护次数", "分值": "20", "指标性质": "≥", "指标值": "12", "度量单位": "次", "完成值": "11", "得分": "18",
         "未完成原因分析": "汛期停巡"},
        {"一级指标": "效益指标", "二级指标": "社会效益指标", "三级指标": "水面保洁效果", "分值": "30", "指标性质": "定性",
         "指标值": "好", "完成值": "好", "得分": "30"},
    ]  # fmt: skip
    project = _project(_columns(order, rows))
    assert _rows(project) == EXPECTED
    assert project.indicators[1].deviation_reason == "汛期停巡"


def test_a_form_without_a_weight_column_reads_the_score_as_the_score() -> None:
    order = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "得分"]
    rows = [{"一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "巡护里程", "年度指标值": "≥30公里", "实际完成值": "32公里",
             "得分": "40"}]  # fmt: skip
    row = _project(_columns(order, rows)).indicators[0]
    assert (row.name, row.weight, row.score) == ("巡护里程", None, 40)


def test_unscored_sub_rows_are_kept_without_a_weight() -> None:
    order = INDICATORS[0]
    rows = [
        {"一级指标": "产出指标", "二级指标": "数量指标", "三级指标": "巡护里程", "年度指标值": "≥30公里", "实际完成值": "32公里",
         "分值": "40", "得分": "40"},
        {"三级指标": "其中：汛期巡护里程", "年度指标值": "≥10公里", "实际完成值": "12公里"},
    ]  # fmt: skip
    rows_read = _project(_columns(order, rows)).indicators
    assert [(r.name, r.target, r.weight, r.score) for r in rows_read] == [
        ("巡护里程", "30", 40, 40), ("其中：汛期巡护里程", "10", None, None)]  # fmt: skip


def test_html_merged_level_cells_and_a_score_merged_over_two_rows() -> None:
    html = _html(HEAD).replace("</table>", "") + (
        "<tr><th>一级指标</th><th>二级指标</th><th>三级指标</th><th>年度指标值</th><th>实际完成值</th><th>分值</th><th>得分</th></tr>"
        "<tr><td rowspan='2'>产出指标</td><td rowspan='2'>数量指标</td><td>巡护里程</td><td>≥30公里</td><td>32公里</td>"
        "<td>40</td><td rowspan='2'>58</td></tr>"
        "<tr><td>巡护次数</td><td>≥12次</td><td>11次</td><td>20</td></tr>"
        "<tr><td>效益指标</td><td>社会效益指标</td><td>水面保洁效果</td><td>好</td><td>好</td><td>30</td><td>30</td></tr>"
        "</table>"
    )
    rows = _project(html).indicators
    assert [(r.level1, r.level2, r.name, r.weight, r.score) for r in rows] == [
        ("产出指标", "数量指标", "巡护里程", 40, 58),  # a merged score counts once, in the row it stands in
        ("产出指标", "数量指标", "巡护次数", 20, None),
        ("效益指标", "社会效益指标", "水面保洁效果", 30, 30),
    ]


def test_indicator_rows_read_on_after_a_page_number_between_them() -> None:
    rows = [*INDICATORS[:3], ["- 7 -"], *INDICATORS[3:]]
    text = _tabbed(HEAD) + "\n" + "\n".join("\t".join(row) if len(row) > 1 else row[0] for row in rows)
    assert _rows(_project(text.replace("- 7 -", "7"))) == EXPECTED


def _budget_of(head: list[list[str]]) -> tuple[float | None, ...]:
    budget = _project(_tabbed(head + INDICATORS)).budget
    return (budget.initial, budget.adjusted, budget.executed, budget.execution_rate_pct, budget.weight, budget.score)


def test_budget_header_words_torn_over_two_rows_name_their_columns() -> None:
    head = HEAD[:2] + [
        ["项目资金(万元)", "", "年初", "全年", "全年", "分值", "执行率", "得分"],
        ["", "", "预算数", "预算数", "执行数", "", "", ""],
        ["", "年度资金总额", "50", "60", "54", "10", "90%", "9"],
        ["", "其中:当年财政拨款", "50", "55", "50", "", "", ""],
    ]
    assert _budget_of(head) == (50, 60, 54, 90, 10, 9)


def test_a_budget_group_label_over_the_row_labels_names_no_column() -> None:
    # "年度预算数（万元）" stands over the row labels' column and names a budget word: the later 调整后预算数 names the column
    head = HEAD[:2] + [
        ["预算执行情况（10分）", "年度预算数（万元）", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分"],
        ["总额", "50", "60", "54", "90%", "10", "9"],
        ["其中：财政资金", "50", "60", "54", "90%", "/", "/"],
    ]
    assert _budget_of(head) == (50, 60, 54, 90, 10, 9)
