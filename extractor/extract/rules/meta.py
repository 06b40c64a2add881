"""Rules for the record's `meta`: reporting unit, fiscal year and the kinds of report present.

In: the normalized document and its chunks. Out: `schemas.Meta`.
"""

from __future__ import annotations

import re
from collections import Counter

from extractor.chunk import Chunk
from extractor.normalize import Normalized
from schemas import Meta

_YEAR = re.compile(r"(20\d{2})\s*年度?")
_UNIT = re.compile(
    r"([\u4e00-\u9fa5（）()]{2,40}?(?:中心|局|厅|委员会|委|办公室|队|院|所|站|馆|处|集团|公司|学校|大学|医院))"
    r"\s*(?:\d{4}\s*年度?)?\s*(?:部门|单位)?(?:决算|整体支出绩效|部门整体|预算|项目支出|.{0,30}绩效自评)"
)
_UNIT_LINE = re.compile(r"^(?:部门|单位|填报单位|实施单位)[:：]\s*([\u4e00-\u9fa5（）()]{2,40})")


def detect_meta(doc: Normalized, chunks: list[Chunk]) -> Meta:
    text = doc.text
    head = text[:4000]
    return Meta(unit=_unit(text, head), fiscal_year=_fiscal_year(head or text), kinds=_kinds(text, chunks))


def _fiscal_year(text: str) -> int | None:
    years = Counter(int(y) for y in _YEAR.findall(text) if 2000 <= int(y) <= 2035)
    if not years:
        return None
    return years.most_common(1)[0][0]


def _unit(text: str, head: str) -> str | None:
    described = re.search(r"([\u4e00-\u9fa5（）()]{4,40}?(?:中心|局|厅|委员会|委|办公室|队|院|所|站|馆))(?:是|主要职责|主要职能|的主要职责)", head)
    if described:
        return described.group(1)
    for line in head.split("\n")[:40]:
        match = _UNIT_LINE.match(line.strip())
        if match:
            return match.group(1)
    match = _UNIT.search(head.replace(" ", ""))
    if match:
        return match.group(1)
    for line in head.split("\n")[:10]:
        clean = line.strip().strip("#* ")
        if 4 <= len(clean) <= 30 and re.search(r"(中心|局|厅|委员会|队)$", clean):
            return clean
    match = re.search(r"([\u4e00-\u9fa5]{2,30}(?:中心|局|厅|委员会))(?:主要职责|是|的)", text)
    if match:
        return match.group(1)
    # the organisation the text names most often, e.g. the implementer of every form
    names = Counter(re.findall(r"[\u4e00-\u9fa5]{1,8}?(?:省|市|自治区|州|县)[\u4e00-\u9fa5]{2,16}?(?:中心|局|厅|委员会|办公室)", text))
    return names.most_common(1)[0][0] if names else None


def _kinds(text: str, chunks: list[Chunk]) -> list:
    kinds = []
    if re.search(r"决算", text[:6000]) and re.search(r"收入支出决算|收、支总计|收支总计|资金来源总计", text):
        kinds.append("final_accounts")
    if any(c.kind == "project_form" for c in chunks) or any(c.project for c in chunks):
        kinds.append("project_self_evaluation")
    if re.search(r"整体支出绩效|部门整体", text):
        kinds.append("department_self_evaluation")
    return kinds
