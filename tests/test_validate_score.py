"""Stages validate and score: named arithmetic rules, and confidence that follows the evidence."""

from __future__ import annotations

from extractor.extract.base import Candidate
from extractor.families import FAMILIES
from extractor.ground import SourceIndex
from extractor.ground_candidates import ground_candidates
from extractor.reconcile import reconcile
from extractor.score import DEFAULT_THRESHOLD, score
from extractor.validate import validate
from schemas import Budget, DocumentRef, Evidence, Figure, Indicator, Project, Record

SOURCE = "本年支出合计100.00万元，其中：基本支出60.00万元，占60%；项目支出40.00万元，占40%。"


def _fig(key: str, value: float, quote: str, measure: str = "actual", source: str = "rules", text: str = SOURCE) -> Candidate:
    at = text.find(quote)
    evidence = Evidence(quote=quote, start=at if at >= 0 else None, end=at + len(quote) if at >= 0 else None)
    unit = "%" if measure in ("share_pct", "yoy_pct") else "万元"
    item = Figure(key=key, measure=measure, value=value, unit=unit, evidence=evidence)
    return Candidate(item=item, source=source, rule="test", specificity=0.9)


def _record(candidates: list[Candidate], text: str = SOURCE) -> tuple[Record, dict]:
    index = SourceIndex(text)
    ground_candidates(candidates, index, {})
    merged = reconcile(candidates, FAMILIES)
    record = Record(document=DocumentRef(name="t.txt", sha256="0"))
    merged.fill(record)
    return record, score(record, merged, validate(record), index)


def test_consistent_figures_are_trusted() -> None:
    record, assessments = _record(
        [
            _fig("expenditure_current_year", 100.0, "本年支出合计100.00万元"),
            _fig("expenditure_basic", 60.0, "基本支出60.00万元"),
            _fig("expenditure_project", 40.0, "项目支出40.00万元"),
            _fig("expenditure_basic", 60.0, "占60%", "share_pct"),
        ]
    )
    assert all(a.confidence >= DEFAULT_THRESHOLD for a in assessments.values())
    assert any("checked by sum:expenditure_current_year:actual" in r for a in assessments.values() for r in a.reasons)


def test_a_sum_that_does_not_add_up_flags_its_parts() -> None:
    record, assessments = _record(
        [
            _fig("expenditure_current_year", 100.0, "本年支出合计100.00万元"),
            _fig("expenditure_basic", 60.0, "基本支出60.00万元"),
            _fig("expenditure_project", 45.0, "项目支出40.00万元"),  # misread
        ]
    )
    flagged = {p for p, a in assessments.items() if a.confidence < DEFAULT_THRESHOLD}
    assert flagged == {"/figures/0/value", "/figures/1/value", "/figures/2/value"}
    assert "number_not_in_quote" in assessments["/figures/2/value"].flags
    assert "sum_mismatch" in assessments["/figures/0/value"].flags


def test_an_unfound_quote_is_ungrounded_and_an_llm_only_value_is_marked_but_stands_on_its_grounding() -> None:
    record, by_pointer = _record(
        [
            _fig("expenditure_current_year", 100.0, "全年总支出为一百万元100.00万元"),
            _fig("expenditure_basic", 60.0, "基本支出60.00万元", source="llm"),
            _fig("expenditure_project", 40.0, "顶目支出40.00万元", source="rules"),  # an OCR-like typo
        ]
    )
    assessments = {f.key: by_pointer[f"/figures/{i}/value"] for i, f in enumerate(record.figures)}
    assert assessments["expenditure_current_year"].flags == ["ungrounded"]
    assert "fuzzy_evidence" in assessments["expenditure_project"].flags
    assert "llm_only" in assessments["expenditure_basic"].flags
    # a model's value found in its quote and checked by nothing else is not held back; the others are
    assert assessments["expenditure_basic"].confidence >= DEFAULT_THRESHOLD
    assert assessments["expenditure_current_year"].confidence < DEFAULT_THRESHOLD
    assert assessments["expenditure_project"].confidence < DEFAULT_THRESHOLD


def test_a_percentage_its_quote_writes_as_an_amount_is_flagged() -> None:
    text = "本年支出合计比上年增加12.5万元，增长3.2%。"
    quote = "比上年增加12.5万元，增长3.2%"
    _, by_pointer = _record(
        [
            _fig("expenditure_current_year", 12.5, quote, "yoy_pct", text=text),  # the amount read as the percentage
            _fig("expenditure_basic", 3.2, quote, "yoy_pct", text=text),
        ],
        text,
    )
    assert "not_a_percent" in by_pointer["/figures/0/value"].flags
    assert by_pointer["/figures/0/value"].confidence < DEFAULT_THRESHOLD
    assert "not_a_percent" not in by_pointer["/figures/1/value"].flags


def test_agreeing_extractors_raise_confidence_and_disagreeing_ones_flag() -> None:
    _, agree = _record([_fig("expenditure_basic", 60.0, "基本支出60.00万元"), _fig("expenditure_basic", 60.0, "基本支出60.00万元", source="llm")])
    _, alone = _record([_fig("expenditure_basic", 60.0, "基本支出60.00万元")])
    assert agree["/figures/0/value"].confidence > alone["/figures/0/value"].confidence
    assert agree["/figures/0/value"].source == "llm+rules"
    _, differ = _record([_fig("expenditure_basic", 60.0, "基本支出60.00万元"), _fig("expenditure_basic", 66.0, "基本支出60.00万元", source="llm")])
    assert "extractors_disagree" in differ["/figures/0/value"].flags


def test_project_rules() -> None:
    evidence = Evidence(quote="x")
    project = Project(
        name="p",
        budget=Budget(adjusted=50.0, executed=40.0, execution_rate_pct=90.0, weight=10, score=8),
        indicators=[
            Indicator(name="a", weight=40, score=45, evidence=evidence),
            Indicator(name="b", weight=50, score=50, evidence=evidence),
        ],
        total_score=103,
        evidence=evidence,
    )
    record = Record(document=DocumentRef(name="t", sha256="0"), projects=[project])
    failed = {f.rule for f in validate(record) if not f.held}
    assert failed == {"project_rate", "score_le_weight"}
    held = {f.rule for f in validate(record) if f.held}
    assert {"weights_sum_to_total", "scores_sum_to_total", "budget_score_le_weight"} <= held


def _form_record(rows: list[tuple[str, float]], text: str) -> tuple[Record, str]:
    indicators = [
        Indicator(level1=level1, level2="数量指标", name=f"指标{j}", unit="个", weight=weight, score=weight,
                  evidence=Evidence(quote="x"))
        for j, (level1, weight) in enumerate(rows)
    ]
    project = Project(name="示例项目", indicators=indicators, budget=Budget(weight=10, score=10),
                      evidence=Evidence(quote="项目名称", start=0, end=4))
    return Record(document=DocumentRef(name="x.txt", sha256="0" * 64), projects=[project]), text


def test_group_weights_stated_by_the_form_catch_rows_read_into_the_wrong_group() -> None:
    text = "项目名称 产出指标（50分） … 效益指标 (30 分) … 满意度指标(10分)"
    good, _ = _form_record([("产出指标", 30), ("产出指标", 20), ("效益指标", 30), ("满意度指标", 10)], text)
    assert all(f.held for f in validate(good, text) if f.rule.startswith("group_weight"))
    # the first 效益 row printed under 产出: only that row is suspect
    bad, _ = _form_record([("产出指标", 30), ("产出指标", 20), ("产出指标", 5), ("效益指标", 25), ("满意度指标", 10)], text)
    failed = [f for f in validate(bad, text) if f.rule.startswith("group_weight") and not f.held]
    assert {f.rule for f in failed} == {"group_weight:产出指标", "group_weight:效益指标"}
    assert {p.split("/")[4] for f in failed for p in f.pointers} == {"2"}


def test_first_level_indicators_and_units_come_from_the_vocabulary() -> None:
    record, _ = _form_record([("产出指标", 90)], "")
    record.projects[0].indicators[0].unit = "次推介"
    record.projects[0].indicators.append(
        Indicator(level1="生态效益指标", name="y", unit="万人次", weight=0, score=0, evidence=Evidence(quote="y")))
    failed = {(f.rule, f.pointers[0]) for f in validate(record) if not f.held}
    assert ("unit_known", "/projects/0/indicators/0/unit") in failed
    assert ("level1_known", "/projects/0/indicators/1/level1") in failed
    assert not any(rule == "unit_known" and p.endswith("1/unit") for rule, p in failed)


def test_a_total_may_count_the_indicators_alone() -> None:
    record, _ = _form_record([("产出指标", 50), ("效益指标", 40)], "")
    project = record.projects[0]
    project.indicators[1].score = 38
    for total, held in ((98, True), (88, True), (93, False)):  # with the budget's 10, without it, neither
        project.total_score = total
        (finding,) = [f for f in validate(record) if f.rule == "scores_sum_to_total"]
        assert finding.held is held, total


def test_a_budget_score_above_rate_times_weight_was_read_from_the_wrong_line() -> None:
    record, _ = _form_record([("产出指标", 90)], "")
    budget = record.projects[0].budget
    budget.execution_rate_pct, budget.weight = 89.33, 10
    for given, held in ((8.93, True), (9.0, True), (10.0, False)):
        budget.score = given
        (finding,) = [f for f in validate(record) if f.rule == "budget_score_by_rate"]
        assert finding.held is held, given


def test_a_row_with_a_target_and_no_actual_has_lost_a_cell() -> None:
    record, _ = _form_record([("产出指标", 30), ("产出指标", 30), ("效益指标", 30)], "")
    rows = record.projects[0].indicators
    for row in rows:
        row.target, row.actual = "10", "10"
    rows[2].actual = None
    failed = [f for f in validate(record) if f.rule == "row_complete"]
    assert len(failed) == 1 and not failed[0].held and "/projects/0/indicators/2/target" in failed[0].pointers


def test_an_indicator_cell_must_stand_in_its_row_where_the_cell_stands() -> None:
    text = "项目名称\t示例项目\n巡检次数\t≥12次\t11次\t20\t18\n满意度\t≥90%\t95%\t10\t10\n"
    rows = [
        Indicator(name="巡检次数", comparator="≥", target="12", unit="次", actual="12", weight=20, score=18,  # the target read as the actual
                  evidence=Evidence(quote="巡检次数\t≥12次\t11次\t20\t18")),
        Indicator(name="满意度", comparator="≥", target="90", unit="%", actual="97", weight=10, score=10,  # a number not in the row
                  evidence=Evidence(quote="满意度\t≥90%\t95%\t10\t10")),
    ]  # fmt: skip
    project = Project(name="示例项目", indicators=rows, evidence=Evidence(quote="项目名称\t示例项目"))
    candidate = Candidate(item=project, source="llm", rule="test", specificity=0.9)
    _, by_pointer = _record([candidate], text)
    assert "cell_not_in_quote" in by_pointer["/projects/0/indicators/0/actual"].flags
    assert "cell_not_in_quote" in by_pointer["/projects/0/indicators/1/actual"].flags
    for field in ("name", "target", "weight", "score"):
        assert "cell_not_in_quote" not in by_pointer[f"/projects/0/indicators/0/{field}"].flags


def test_cells_a_report_states_in_another_table_are_looked_for_in_the_projects_text() -> None:
    text = "项目名称\t示例项目\n指标1：巡检次数\t12次\t11次\n评分表\n指标1：巡检次数\t20\t18\n"
    row = Indicator(name="巡检次数", target="12", unit="次", actual="11", weight=20, score=18,
                    evidence=Evidence(quote="指标1：巡检次数\t20\t18"))  # fmt: skip
    project = Project(name="示例项目", indicators=[row], evidence=Evidence(quote="项目名称\t示例项目"))
    _, by_pointer = _record([Candidate(item=project, source="rules", rule="test", specificity=0.9)], text)
    assert not any("cell_not_in_quote" in a.flags for a in by_pointer.values())


def _row(name: str, quote: str, text: str, **cells: object) -> Indicator:
    at = text.find(quote)
    return Indicator(name=name, evidence=Evidence(quote=quote, start=at, end=at + len(quote)), **cells)  # type: ignore[arg-type]


def _failed(record: Record, text: str, rule: str) -> list[str]:
    return [p for f in validate(record, text) if f.rule == rule and not f.held for p in f.pointers]


def test_a_name_that_holds_another_rows_cells_flags_its_whole_row() -> None:
    text = "项目名称\t示例项目\n"
    record, _ = _form_record([("产出指标", 40), ("产出指标", 50)], text)
    rows = record.projects[0].indicators
    # a damaged row whose reader took the next row's level and a run of its numbers into the name
    rows[0].name = "巡检车辆平均成本2万元2 20 20效益指标社会效益指标群众出行便利度"
    rows[0].target, rows[0].actual = "90", "96"
    failed = _failed(record, text, "name_holds_cells")
    assert {p.rsplit("/", 1)[1] for p in failed} == {"level1", "level2", "name", "unit", "target", "actual", "weight", "score"}
    assert all("/indicators/0/" in p for p in failed)
    for name in ("巡检车辆平均成本 2 20 20", "路况巡检经济效益指标完成率"):
        rows[0].name = name
        assert _failed(record, text, "name_holds_cells"), name
    # a name that is a level's name, or writes one number or two, is a name
    for name in ("社会成本指标", "12328热线宣传次数", "2023年1-12月巡检里程", "巡检 3 次以上"):
        rows[0].name = name
        assert not _failed(record, text, "name_holds_cells"), name


def test_a_name_cut_by_a_page_break_is_flagged_by_its_rest_on_the_next_page() -> None:
    text = (
        "项目名称\t示例项目\n"
        "\t产出指标\t数量指标\t开展桥梁、隧道、边坡\t≥ 12\t14\t10\t10\n"
        "\n- 7 -\n\n"
        "\t\t\t安全巡查的次数\t\t\t\t\n"
        "\t\t\t培训人次\t≥ 40\t52\t10\t10\n"
    )
    rows = [
        _row("开展桥梁、隧道、边坡", "产出指标\t数量指标\t开展桥梁、隧道、边坡\t≥ 12\t14\t10\t10", text,
             level1="产出指标", level2="数量指标", comparator="≥", target="12", actual="14", weight=10, score=10),
        _row("培训人次", "培训人次\t≥ 40\t52\t10\t10", text, target="40", actual="52", weight=10, score=10),
    ]  # fmt: skip
    project = Project(name="示例项目", indicators=rows, evidence=Evidence(quote="项目名称", start=0, end=4))
    record = Record(document=DocumentRef(name="x.txt", sha256="0" * 64), projects=[project])
    failed = _failed(record, text, "cell_cut")
    assert {p.rsplit("/", 1)[1] for p in failed} == {"level1", "level2", "name", "comparator", "target", "actual", "weight", "score"}
    assert all("/indicators/0/" in p for p in failed)
    # a piece under another column, a level cell on a line of its own, or the rest taken into the name: no cut
    for line in ("\t\t\t\t\t个像素\t\t\n", "\t\t效益指标\t\t\t\t\t\n"):
        other = text.replace("\t\t\t安全巡查的次数\t\t\t\t\n", line)
        record.projects[0].indicators = [
            _row(r.name or "", r.evidence.quote, other, **r.model_dump(exclude={"name", "evidence"})) for r in rows
        ]
        assert not _failed(record, other, "cell_cut"), line


def test_a_level_cell_torn_into_a_name_flags_the_row_and_the_levels_of_its_span() -> None:
    text = "项目名称\t示例项目\n"
    record, _ = _form_record([("效益指标", 10), ("效益指标", 10), ("效益指标", 10), ("满意度指标", 10)], text)
    rows = record.projects[0].indicators
    rows[0].level2 = "经济效益指标"
    rows[1].level2 = rows[2].level2 = "经济效益指标"  # carried down from the cell above
    rows[1].name = "社会效益指道路通行安全"  # the span's own level cell, printed beside this row, torn into its name
    rows[3].level2 = "满意度指标服务对象满意度指标"  # two levels' cells read as one
    failed = validate(record, text)
    joined = {p for f in failed if f.rule == "name_holds_cells" and not f.held for p in f.pointers}
    assert joined and all("/indicators/1/" in p for p in joined)
    span = {p for f in failed if f.rule == "level_torn_into_name" for p in f.pointers}
    assert span == {f"/projects/0/indicators/{j}/{name}" for j in (0, 2) for name in ("level1", "level2")}
    levels = {p for f in failed if f.rule == "level_holds_levels" for p in f.pointers}
    assert levels == {"/projects/0/indicators/3/level2"}
    # names with a level's ordinary words are names: 满意度, 社会效益显著, 评估指标的符合率
    for name in ("满意度", "社会效益显著", "评估指标与国家指标的符合率"):
        rows[1].name = name
        assert not [f for f in validate(record, text) if f.rule in ("name_holds_cells", "level_torn_into_name")], name


def test_an_actual_that_writes_the_target_before_its_own_number_holds_the_targets_cell() -> None:
    record, _ = _form_record([("成本指标", 90)], "")
    row = record.projects[0].indicators[0]
    row.comparator, row.target, row.unit = "≤", "70", "万元"
    for actual, joined in (("≤ 70 万元 69.8", True), ("69.8", False), ("≥70.2", False), ("≤70万元", False)):
        row.actual = actual
        assert bool(_failed(record, "", "name_holds_cells")) is joined, actual


def test_a_text_cell_that_writes_a_phrase_twice_holds_a_wrapped_line_of_its_neighbour() -> None:
    record, _ = _form_record([("产出指标", 90)], "")
    row = record.projects[0].indicators[0]
    row.target = "完成全部子系统联调"
    for actual, torn in (
        ("完成3个监测子系统试完成3个监测子系统试运行并验收", True),  # the target's wrapped first line read into it
        ("完成全部子系统联调并通过验收", False),
        ("加强路网监测调度能力建设，经一年运行复核，路网监测调度能力明显提升", False),  # the same words far apart
    ):
        row.actual = actual
        assert bool(_failed(record, "", "name_holds_cells")) is torn, actual


def test_a_rows_cells_are_no_surer_than_its_name_and_its_projects_name() -> None:
    from extractor.reconcile import Support
    from extractor.score import _Field, _rows_follow_their_names

    # project 0 "河道巡查": row 0 named "=" (held), row 1 "巡查次数"; project 1 named by the column head "预算数"
    sure = Support(sources={"rules"}, specificity=0.9)
    states = {
        "/projects/0/name": (_Field(0.88), sure),
        "/projects/0/indicators/0/name": (_Field(0.6, ["unsure_split"]), sure),
        "/projects/0/indicators/0/target": (_Field(0.88), sure),
        "/projects/0/indicators/1/name": (_Field(0.88), sure),
        "/projects/0/indicators/1/target": (_Field(0.88), sure),
        "/projects/1/name": (_Field(0.2, ["label_as_name"]), sure),
        "/projects/1/indicators/0/name": (_Field(0.88), sure),
        "/projects/1/indicators/0/target": (_Field(0.88), sure),
    }
    _rows_follow_their_names(states)
    confidence = {pointer: state.confidence for pointer, (state, _) in states.items()}
    assert confidence["/projects/0/indicators/0/target"] == 0.6 < DEFAULT_THRESHOLD  # the row's name is unsure
    assert "row_name_unsure" in states["/projects/0/indicators/0/target"][0].flags
    assert confidence["/projects/0/indicators/1/target"] == 0.88  # a sure row keeps its cells
    assert confidence["/projects/1/indicators/0/name"] == confidence["/projects/1/indicators/0/target"] == 0.5
    assert confidence["/projects/0/name"] == 0.88 and confidence["/projects/0/indicators/0/name"] == 0.6


def test_a_project_named_by_a_torn_label_is_held() -> None:
    from extractor.score import _name_is_label

    names = ["项目主管单", "实施单", "项目名", "河道巡查", "绩效"]
    record = Record(document=DocumentRef(name="t", sha256="0"),
                    projects=[Project(name=n, evidence=Evidence(quote=n)) for n in names])  # fmt: skip
    held = [_name_is_label(record, f"/projects/{i}/name") for i in range(len(names))]
    assert held == [True, True, True, False, False]  # a label's first three characters or more; two are a word


def test_a_project_with_no_name_is_held_and_so_are_its_rows() -> None:
    from extractor.reconcile import Support
    from extractor.score import _Field, _name_is_missing, _rows_follow_their_names

    names = ["", "  ", "：|", "河道巡查", "|", "Ⅲ", "二", "2031", "十二、", "二期工程", "5G基站"]
    record = Record(document=DocumentRef(name="t", sha256="0"),
                    projects=[Project(name=n, evidence=Evidence(quote="x")) for n in names])  # fmt: skip
    missing = [_name_is_missing(record, f"/projects/{i}/name") for i in range(len(names))]
    # a lone character or numeral is no name (a small model took a section's "二" for a project in 002)
    assert missing == [True, True, True, False, True, True, True, True, True, False, False]
    assert not _name_is_missing(record, "/projects/0/indicators/0/name")  # only a project's own name
    sure = Support(sources={"rules"}, specificity=0.9)
    states = {
        "/projects/0/name": (_Field(0.2, ["name_missing"]), sure),
        "/projects/0/indicators/0/name": (_Field(0.88), sure),
        "/projects/0/indicators/0/actual": (_Field(0.88), sure),
        "/projects/3/name": (_Field(0.88), sure),
        "/projects/3/indicators/0/actual": (_Field(0.88), sure),
    }
    _rows_follow_their_names(states)
    assert states["/projects/0/indicators/0/actual"][0].confidence == 0.5 < DEFAULT_THRESHOLD
    assert "project_name_unsure" in states["/projects/0/indicators/0/name"][0].flags
    assert states["/projects/3/indicators/0/actual"][0].confidence == 0.88
    # a lone project's rows are the form's, named or not: only its name is held
    alone = {p: (_Field(0.2, ["name_missing"]) if p.endswith("0/name") else _Field(0.88), sure)
             for p in ("/projects/0/name", "/projects/0/indicators/0/actual")}  # fmt: skip
    _rows_follow_their_names(alone)
    assert alone["/projects/0/indicators/0/actual"][0].confidence == 0.88


def test_a_project_name_that_holds_a_tables_cells_is_held_with_its_money_and_rows() -> None:
    from extractor.reconcile import Support
    from extractor.score import _Field, _name_holds_cells, _rows_follow_their_names

    names = ["分配金额（万元）1某某委2031某某博览会500", "金额(万元)", "某某河道巡查项目", "某某会展奖励资金（第二批）",
             "某某" * 31, "某某" * 30]  # fmt: skip
    record = Record(document=DocumentRef(name="t", sha256="0"),
                    projects=[Project(name=n, evidence=Evidence(quote="x")) for n in names])  # fmt: skip
    assert [_name_holds_cells(record, f"/projects/{i}/name") for i in range(len(names))] == [
        True, True, False, False, True, False]  # fmt: skip
    sure = Support(sources={"rules"}, specificity=0.9)
    alone = {
        "/projects/0/name": (_Field(0.4, ["name_holds_cells"]), sure),
        "/projects/0/budget/initial": (_Field(0.88), sure),
        "/projects/0/indicators/0/actual": (_Field(0.88), sure),
    }
    _rows_follow_their_names(alone)  # even a lone project: a name holding cells is a form read with its columns mistaken
    assert alone["/projects/0/budget/initial"][0].confidence == 0.5 < DEFAULT_THRESHOLD
    assert "project_name_unsure" in alone["/projects/0/indicators/0/actual"][0].flags


def test_a_value_holding_a_tables_bar_is_held() -> None:
    from extractor.score import _holds_a_bar

    held = [_holds_a_bar(v) for v in ("100% | |||", "某某项目│", "┃95", "≥95%", "按计划实施", 12.5, None)]
    assert held == [True, True, True, False, False, False, False]


def test_a_figure_whose_subject_or_basis_was_guessed_is_flagged_with_its_reason() -> None:
    from extractor.reconcile import Support
    from extractor.score import DEFAULT_THRESHOLD, _from_support

    for flag in ("subject_guessed", "basis_guessed"):
        state = _from_support(Support(sources={"rules"}, specificity=0.8, flags=[flag]))
        assert state.confidence < DEFAULT_THRESHOLD and state.flags == [flag]
    assert _from_support(Support(sources={"rules"}, specificity=0.8)).confidence >= DEFAULT_THRESHOLD
    # another place stating the same value settles whose figure it is
    assert _from_support(Support(sources={"rules"}, specificity=0.8, places=2, flags=["subject_guessed"])).flags == []


def test_a_percentage_in_a_row_whose_cells_single_spaces_part_is_written_as_one() -> None:
    text = "项目 本年 增减额 增减率\n其他收入 120.00 20.00 20.00%\n"
    quote = "其他收入 120.00 20.00 20.00%"
    _, by_pointer = _record(
        [
            _fig("revenue_other", 20.0, quote, "yoy_pct", text=text),
            _fig("revenue_current_year", 120.0, quote, "yoy_pct", text=text),  # an amount read as the percentage
        ],
        text,
    )
    assert "not_a_percent" not in by_pointer["/figures/0/value"].flags  # "20.00 20.00%" is not one number
    assert "not_a_percent" in by_pointer["/figures/1/value"].flags
