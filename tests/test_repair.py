"""Stage normalize, character repairs (`extractor.repair`): a case table per repair, the map checked by property
tests, and a report in traditional script read as its simplified twin (texts and numbers invented)."""

from __future__ import annotations

from pathlib import Path

import opencc
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import repair as repair_module
from extractor.ground import SourceIndex, fold
from extractor.ground_candidates import number_in_text
from extractor.load import load_bytes, load_path
from extractor.pipeline import run
from extractor.repair import GLYPHS, OCR_DIGITS, dropped_spans, is_traditional, repair, substitute, to_simplified
from extractor.spans import Alignment
from extractor.validate import validate
from schemas import Budget, DocumentRef, Evidence, Indicator, Project, Record

CASES = [
    # (text, repaired)
    # traditional script → simplified, one character for one
    ("收、支總計1519.86萬元", "收、支总计1519.86万元"),
    ("預算執行率為98.5%", "预算执行率为98.5%"),
    # pinyin glosses after characters: tone marks or tone numbers
    ("總計(zǒng jì)100萬元", "总计100万元"),
    ("支出（zhī chū）合計", "支出合计"),
    ("指標(zhi3 biao1)完成", "指标完成"),
    ("项目(ABC)与说明(ji)", "项目(ABC)与说明(ji)"),  # no tone: an abbreviation, not a gloss
    ("数量(2023)个", "数量(2023)个"),
    ("(zǒng)开头", "(zǒng)开头"),  # a gloss follows a character
    # look-alike glyphs
    ("≧95%，≦3天，═100，＝5，﹤2", "≥95%，≤3天，=100，=5，<2"),
    ("下降−5.2%", "下降-5.2%"),
    ("合计１２３.４５万元", "合计123.45万元"),
    # odd spaces → space; invisible characters dropped
    ("甲\u00a0乙\u2003丙\u202f丁", "甲 乙 丙 丁"),
    ("收\u200b入\ufeff合\u00ad计", "收入合计"),
    # what is no text in a web page: comments, scripts, styles, ruby annotations
    ("正文<!-- 注 100 -->续<script>var x = 1;</script>完<STYLE>p{}</STYLE>", "正文续完"),
    ("<ruby>總<rt>zǒng</rt></ruby>計", "<ruby>总</ruby>计"),
    # spaces inside numbers
    ("增长3.8 %", "增长3.8%"),
    ("支出5.48 万元", "支出5.48万元"),
    ("≥ 95 % 100 13 13", "≥ 95% 100 13 13"),
    ("\t1 234.56\t", "\t1234.56\t"),
    ("合计1 234.56万元", "合计1234.56万元"),
    ("合计 1 234 567.8 元", "合计 1234567.8元"),
    ("1\u2009234\u202f567元", "1234567元"),
    ("合计 100 100", "合计 100 100"),  # two cells, not one number
    ("合计 10 100.00 90", "合计 10 100.00 90"),
    ("2023 年", "2023 年"),
    ("基本支出   1306.65   85.97", "基本支出   1306.65   85.97"),  # aligned columns stay apart
    # OCR letters for digits, inside a number only
    ("完成1O5.3万元", "完成105.3万元"),
    ("2O23年", "2023年"),
    ("合计1l0.5，占1O%", "合计110.5，占10%"),
    ("二\u3007二三年为2\u300723年", "二\u3007二三年为2023年"),
    ("占1O%，共1O个", "占10%，共1O个"),
    ("G1O5国道，No.1O，型号A2O3", "G1O5国道，No.1O，型号A2O3"),  # codes stay
    ("10l 和 l0", "10l 和 l0"),  # a number must start and end with a digit
    ("第1.2.3O条，1.O.2", "第1.2.3O条，1.O.2"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_repairs(text: str, expected: str) -> None:
    assert repair(text).text == expected


def test_simplified_text_without_artifacts_is_returned_as_is() -> None:
    text = "2023年度收、支总计1519.86万元，与上年相比增加12.5万元。\n项目支出\t200\t95%"
    result = repair(text)
    assert result.text == text and result.index is None
    assert not is_traditional(text)


def test_a_phrase_that_would_change_the_length_is_converted_character_by_character(monkeypatch: pytest.MonkeyPatch) -> None:
    table = repair_module._script().characters

    class Lengthening:  # a converter whose phrase for 總計 is three characters long
        def convert(self, text: str) -> str:
            return "".join(table.get(ch, ch) for ch in text.replace("總計", "總計額"))

    monkeypatch.setattr(repair_module, "_converter", lambda: Lengthening())
    text = "收支總計\n預算數"
    assert to_simplified(text) == "收支总计\n预算数"


# ---- the map --------------------------------------------------------------------------------------------------

_TRADITIONAL = list("總計萬元預算執行數決說們國會發與對過進個為產動經實現點關還")
_ARTIFACTS = ["(jì)", "（zhī chū）", "(ji)", "≧", "≦", "═", "＝", "\u00a0", "\u2009", "\u200b", "\ufeff", " %", " 万元", "O", "l", "I"]
_alphabet = st.sampled_from(_TRADITIONAL + list("收支总计万元项目名称合计（）()、，。：%.0123456789 \t\n") + _ARTIFACTS)


def _came_from(source_char: str, repaired_char: str) -> bool:
    """Whether a substituted character is what `substitute` may put for the source character."""
    return (
        source_char == repaired_char
        or GLYPHS.get(source_char) == repaired_char
        or OCR_DIGITS.get(source_char) == repaired_char
        or source_char in repair_module._script().characters
    )


@settings(max_examples=400, deadline=None)
@given(st.lists(_alphabet, max_size=80).map("".join))
def test_every_repaired_char_maps_to_the_source_char_it_came_from(source: str) -> None:
    result = repair(source)
    substituted = substitute(source)
    assert len(substituted) == len(source)
    assert all(_came_from(a, b) for a, b in zip(source, substituted, strict=True))
    index = result.index if result.index is not None else list(range(len(source) + 1))
    assert len(index) == len(result.text) + 1 and index[-1] == len(source)
    assert all(a < b for a, b in zip(index, index[1:], strict=False))  # strictly increasing: order kept
    assert all(result.text[i] == substituted[at] for i, at in enumerate(index[:-1]))
    kept = set(index)
    dropped = {k for start, end in dropped_spans(source, substituted) for k in range(start, end)}
    assert {k for k in range(len(source)) if k not in kept} == dropped


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), max_size=60))
def test_simplifying_keeps_every_position(text: str) -> None:
    simplified = to_simplified(text)
    assert len(simplified) == len(text)
    assert not is_traditional(simplified) or simplified != text


# ---- grounding, scoring and checks read traditional sources as the normalized text reads them -------------------


def test_a_simplified_quote_is_found_in_a_traditional_source() -> None:
    source = "二、收入決算情況說明\n2023年度收、支總計(zǒng jì)1,234.56萬元。"
    assert fold("總計(zǒng jì)1,234.56萬元")[0] == fold("总计1234.56万元")[0]
    located = SourceIndex(source).locate("收、支总计1234.56万元")
    assert located.alignment == Alignment.FOLDED and located.span is not None
    assert located.span.of(source) == "收、支總計(zǒng jì)1,234.56萬元"


def test_a_number_is_found_in_its_quote_through_ocr_letters_and_spaces() -> None:
    assert number_in_text(105.3, "完成1O5.3萬元")
    assert number_in_text(1234.56, "支出1 234.56万元")
    assert number_in_text(3.8, "增长3.8 %")
    assert not number_in_text(10100, "合计 10 100")


def test_an_amount_in_yi_written_with_wan_is_found_in_its_quote() -> None:
    assert number_in_text(34993.1, "规模为3万4993.1亿元")
    assert number_in_text(10301.5, "服务1万301.5亿元")
    assert not number_in_text(34993.1, "规模为3万元，4993.1亿元")


def test_group_weights_are_read_from_a_traditional_form() -> None:
    text = "項目名稱 產出指標（50分） … 效益指標 (30 分)"
    indicators = [
        Indicator(level1=level1, level2="数量指标", name=f"指标{j}", unit="个", weight=weight, score=weight,
                  evidence=Evidence(quote="x"))
        for j, (level1, weight) in enumerate([("产出指标", 30), ("产出指标", 30), ("效益指标", 30)])
    ]  # fmt: skip
    project = Project(name="示例项目", indicators=indicators, budget=Budget(weight=10, score=10),
                      evidence=Evidence(quote="項目名稱", start=0, end=4))  # fmt: skip
    record = Record(document=DocumentRef(name="x.txt", sha256="0" * 64), projects=[project])
    findings = {f.rule: f.held for f in validate(record, text) if f.rule.startswith("group_weight")}
    assert findings == {"group_weight:产出指标": False, "group_weight:效益指标": True}


REPORT = (
    "一、收入支出决算总体情况说明\n"
    "2023年度收、支总计1,234.56万元。与2022年相比，收、支总计各增加23.45万元，增长1.94%。\n"
    "三、支出决算情况说明\n"
    "2023年本年支出合计800.00万元，其中：基本支出600.00万元，占75%；项目支出200.00万元，占25%。\n"
    "附件\n"
    "项目支出名称\t数据服务经费\n"
    "主管部门\t某某厅\t\t\t实施单位\t某某信息中心\n"
    "项目资金(万元)\t\t年初预算数\t全年预算数\t全年执行数\t分值\t执行率\t得分\n"
    "\t年度资金总额\t200\t220\t198\t10\t90%\t9\n"
    "\t一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t偏差原因分析及改进措施\n"
    "绩效指标\t产出指标 (50 分)\t数量指标\t接入系统数量\t≥ 5 个\t6 个\t25\t25\n"
    "\t\t质量指标\t数据准确率\t≥98%\t97%\t25\t20\t个别数据延迟\n"
    "\t满意度指标(40 分)\t服务对象满意度指标\t用户满意度\t大于90%\t95%\t40\t40\n"
    "总分\t\t\t\t100\t94\n"
)
TRADITIONAL_REPORT = (
    "一、收入支出決算總體情況說明\n"
    "2023年度收、支總計1,234.56萬元。與2022年相比，收、支總計各增加23.45萬元，增長1.94%。\n"
    "三、支出決算情況說明\n"
    "2023年本年支出合計800.00萬元，其中：基本支出600.00萬元，佔75%；項目支出200.00萬元，佔25%。\n"
    "附件\n"
    "項目支出名稱\t數據服務經費\n"
    "主管部門\t某某廳\t\t\t實施單位\t某某信息中心\n"
    "項目資金(萬元)\t\t年初預算數\t全年預算數\t全年執行數\t分值\t執行率\t得分\n"
    "\t年度資金總額\t200\t220\t198\t10\t90%\t9\n"
    "\t一級指標\t二級指標\t三級指標\t年度指標值\t實際完成值\t分值\t得分\t偏差原因分析及改進措施\n"
    "績效指標\t產出指標 (50 分)\t數量指標\t接入系統數量\t≧ 5 個\t6 個\t25\t25\n"
    "\t\t質量指標\t數據準確率\t≧98%\t97%\t25\t20\t個別數據延遲\n"
    "\t滿意度指標(40 分)\t服務對象滿意度指標\t用戶滿意度\t大於90%\t95%\t40\t40\n"
    "總分\t\t\t\t100\t94\n"
)


def _content(record: Record) -> dict[str, object]:
    """What eval matches on, and the flags a reviewer sees: traditional and simplified twins must agree on it."""
    return {
        "figures": sorted((f.key, f.measure, f.subject or "", f.value) for f in record.figures),
        "projects": [
            (p.name, p.department, p.implementer, p.budget.model_dump(), p.total_score,
             [i.model_dump(exclude={"evidence"}) for i in p.indicators])
            for p in record.projects
        ],  # fmt: skip
        "flags": {pointer: a.flags for pointer, a in record.assessments.items()},
    }


def _check_evidence(record: Record, source: str) -> None:
    items = [*record.figures, *record.projects, *(i for p in record.projects for i in p.indicators)]
    for item in items:
        evidence = item.evidence
        assert evidence.start is not None and evidence.end is not None
        assert fold(source[evidence.start : evidence.end])[0] == fold(evidence.quote)[0]


def test_a_traditional_report_gives_the_record_of_its_simplified_twin() -> None:
    simplified = run(load_bytes(REPORT.encode(), name="r.txt")).record
    traditional = run(load_bytes(TRADITIONAL_REPORT.encode(), name="r.txt")).record
    assert len(simplified.figures) >= 8 and len(simplified.projects) == 1 and len(simplified.projects[0].indicators) == 3
    assert _content(traditional) == _content(simplified)
    _check_evidence(traditional, TRADITIONAL_REPORT)
    assert any("總計" in f.evidence.quote for f in traditional.figures)  # quotes are the source's own text


def test_a_sample_converted_to_traditional_script_gives_the_same_figures_indicators_and_flags(
    sample_paths: list[Path],
) -> None:
    path = next(p for p in sample_paths if p.name.startswith("000"))
    simplified = run(load_path(path)).record
    converted = opencc.OpenCC("s2t").convert(path.read_text(encoding="utf-8"))
    assert is_traditional(converted)
    traditional = run(load_bytes(converted.encode(), name=path.name)).record
    assert len(simplified.figures) > 50
    assert _content(traditional) == _content(simplified)
    _check_evidence(traditional, converted)


def test_a_spun_text_gets_its_budget_terms_back() -> None:
    from extractor.repair import substitute

    spun = "2031年中心部分“三公”经费财务拨款开销算计5.5亿元。其间，公事招待费0.5亿元，车辆置办及运转费3亿元。"
    assert substitute(spun) == "2031年中央部门“三公”经费财政拨款支出合计5.5亿元。其中，公务接待费0.5亿元，车辆购置及运行费3亿元。"
    # one such phrase alone is no sign of a spinner: a unit may be named "…中心部分…"
    assert substitute("测试中心部分职能调整。") == "测试中心部分职能调整。"
