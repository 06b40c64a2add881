"""Stage chunk: heading levels from a case table, project counts on the samples, no cut rows or sentences."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.chunk import chunk, heading_of
from extractor.load import load_path
from extractor.normalize import normalize

SAMPLES = Path(__file__).resolve().parent.parent / "eval" / "samples"


@pytest.mark.parametrize(
    ("line", "level"),
    [
        ("第一部分 单位概况", 1),
        ("## 第三部分", 1),
        ("一、收入支出决算总体情况说明", 2),
        ("（一）部门职能", 3),
        ("(二) 项目绩效目标", 3),
        ("1.预算编制", 4),
        ("2、预算执行", 4),
        ("（1）数量指标", 5),
        ("## 收入决算表", 2),
        ("张掖市交通运输局 2023年度交通运输行业工作经费项目支出 绩效自评报告", 0),
        ("14.90万元，占1%；", None),
        ("1.财政拨款收入：指单位从同级财政部门取得的财政预算资金。这是一段很长的解释性文字，不是标题。", None),
        ("2023年度收入合计7906.02万元", None),
        ("合计\t\t7,906.02", None),
        ("(一)预算编制不够细化,部分指标设置偏高,难以考核", None),  # a sentence broken at the page width
        ("（二）加强管理，提升效能", 3),
    ],
)
def test_heading_levels(line: str, level: int | None) -> None:
    assert heading_of(line)[0] == level


def _chunks(name: str):  # type: ignore[no-untyped-def]
    path = next(SAMPLES.glob(f"{name}_*.txt"))
    return chunk(normalize(load_path(path).text))


@pytest.mark.parametrize(("sample", "forms"), [("000", 4), ("002", 5), ("004", 12)])
def test_project_form_counts(sample: str, forms: int) -> None:
    assert sum(1 for c in _chunks(sample) if c.kind == "project_form") == forms


def test_001_bundles_six_project_reports_three_with_tables() -> None:
    chunks = _chunks("001")
    projects = {c.project for c in chunks if c.project}
    assert len(projects) == 6
    with_tables = {c.project for c in chunks if c.project and c.kind == "table"}
    assert len(with_tables) == 3


def test_003_describes_two_projects_in_prose() -> None:
    chunks = _chunks("003")
    projects = {c.project for c in chunks if c.project}
    assert len(projects) == 2
    assert all("项目" in p for p in projects)
    assert not any(c.kind == "project_form" for c in chunks)


def test_forms_carry_their_project_name_and_code() -> None:
    names = [c.project for c in _chunks("000") if c.kind == "project_form"]
    assert names[0] is not None and names[0].startswith("51000021T000000015046-12328")


@pytest.mark.parametrize("sample", ["000", "001", "002", "003", "004"])
def test_chunks_tile_the_text_at_line_ends_with_source_spans(sample: str) -> None:
    path = next(SAMPLES.glob(f"{sample}_*.txt"))
    doc = normalize(load_path(path).text)
    chunks = chunk(doc)
    position = 0
    for c in chunks:
        assert c.start >= position
        assert doc.text[position : c.start].strip() == ""  # nothing between chunks but line breaks
        assert c.start == 0 or doc.text[c.start - 1] == "\n"  # starts at a line start
        assert c.end == len(doc.text) or doc.text[c.end] == "\n"  # ends at a line end: no row is cut
        assert (c.source_start, c.source_end) == doc.to_source(c.start, c.end)
        assert 0 <= c.source_start < c.source_end <= len(doc.source)
        position = c.end
    assert doc.text[position:].strip() == ""
    for c in chunks:
        if c.kind == "section" and len(c.text) > 2400:
            pytest.fail(f"prose chunk {c.id} of {len(c.text)} chars")
        following = chunks[c.id + 1] if c.id + 1 < len(chunks) else None
        if c.kind == "section" and following and following.kind == "section" and following.trail == c.trail:
            assert c.text.rstrip()[-1] in "。！？；", "a prose chunk split inside a sentence"


def test_heading_trail_nests() -> None:
    chunks = _chunks("003")
    trails = {c.trail for c in chunks}
    assert ("一、部门基本情况", "（一）部门职能") in trails


@pytest.mark.parametrize(
    ("title", "project"),
    [
        ("某县河道管理所2031年度堤防巡查经费项目支出绩效自评报告", "堤防巡查经费"),
        ("2031年 渡口维护补助 绩效自评报告", "渡口维护补助"),
        ("某县河道管理所2031年度部门整体支出绩效自评报告", None),
    ],
)
def test_a_report_title_names_its_project_and_a_whole_unit_report_none(title: str, project: str | None) -> None:
    text = f"{title}\n一、基本情况\n本年完成巡查12次，支出3.5万元。\n"
    chunks = chunk(normalize(text))
    assert {c.project for c in chunks} == {project}
