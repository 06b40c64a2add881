"""The project a form's title names, for a form that states no name of its own.

Stage: rules (project forms). In: the lines of the normalized text above a form (its title lines, the sharing site's
file name, the start of a flattened form's line), up to another form's name label. Out: the project name the nearest title states and its span, or
None. The eval and a reader pair a form's rows with its project by name: a form whose 项目名称 cell is missing or
empty ("服务某某项目绩效自评表" over a table with no name cell) would otherwise give rows no one can place.

A whole unit's form names its unit instead (`unit_form_name`): in a 部门名称 / 单位名称 / 单位（盖章） cell, or in its
title before the form's kind.

A title names its project as "某某项目绩效自评表" / "某某项目支出绩效评价报告" / "某某项目自评结果" (the name is the words up to
and with 项目), "关于某某的绩效评价" (the words between 关于 and 的), or a fund's "某某补助资金区域绩效目标自评表" (the words up to
and with 资金 or 经费). A title of the form's kind alone ("2031年度部门预算项目支出绩效
自评表") or of a blank template ("XX单位XX项目") names no project.
"""

from __future__ import annotations

from collections.abc import Sequence

from extractor.tables import Line
from extractor.tables.roles import is_label
from extractor.vocabulary import (
    FORM_NAME_LABEL,
    FORM_TITLE_LINE_MAX,
    FORM_TITLE_REACH,
    TITLE_ABOUT_PROJECT,
    TITLE_GENERIC_PROJECT,
    TITLE_KIND_OF_YEAR,
    TITLE_NAME_YEAR,
    TITLE_NAMED_FUND,
    TITLE_NAMED_PROJECT,
    TITLE_PLACEHOLDER,
    UNIT_BEFORE_TITLE,
    UNIT_FORM_LABEL,
    UNIT_FORM_LEADING,
    UNIT_FORM_TITLE,
)


def title_project(lines: Sequence[Line], end: int) -> tuple[str, int, int] | None:
    """The project name the nearest title above `lines[end]` states, with its span (start, end) in the text, or None.
    A line is a title where it is short, or where a flattened form's line opens with it."""
    for k in range(min(end, len(lines)) - 1, max(-1, end - 1 - FORM_TITLE_REACH), -1):
        if k < end - 1 and FORM_NAME_LABEL.match(lines[k].text):
            return None  # another form's name label: the titles above it are that form's
        found = _named(lines[k])
        if found is not None:
            return found
    return None


def _named(line: Line) -> tuple[str, int, int] | None:
    text = line.text
    for pattern in (TITLE_NAMED_PROJECT, TITLE_ABOUT_PROJECT, TITLE_NAMED_FUND):
        match = pattern.search(text)
        if match is None or (
            len(text.strip()) > FORM_TITLE_LINE_MAX and match.start() > len(text) - len(text.lstrip()) + 2
        ):
            continue  # a long line names a project only when it opens with the title (a flattened form)
        name = match.group("name")
        if _names_project(name):
            return name, line.start + match.start("name"), line.start + match.end("name")
    return None


def _names_project(name: str) -> bool:
    """Whether a title's words name a project of their own: not the form's kind alone, not a template's blanks."""
    rest = TITLE_NAME_YEAR.sub("", name).strip()
    if not rest or TITLE_GENERIC_PROJECT.match(rest) or TITLE_KIND_OF_YEAR.search(rest):
        return False
    return not TITLE_PLACEHOLDER.search(rest)


_MIN_UNIT = 2  # characters of a unit's name at least


def unit_form_name(lines: Sequence[Line], end: int) -> str | None:
    """The unit a whole unit's form (部门整体支出绩效自评表) is about, where the form has no 部门（单位）名称 cell the rules
    read as its name label: a 部门名称 / 单位名称 / 单位（盖章） cell above `lines[end]`, else the unit its title names
    ("某县文化馆2031年度部门整体支出绩效自评表"). None when no title above names a unit-wide form."""
    above = [lines[k] for k in range(max(0, end - FORM_TITLE_REACH), min(end, len(lines)))]
    titles = [line for line in above if UNIT_FORM_TITLE.search(line.text)]
    if not titles:
        return None
    for k in range(len(above) - 1, -1, -1):
        match = UNIT_FORM_LABEL.match(above[k].text.lstrip(UNIT_FORM_LEADING))
        if match is None:
            continue
        unit = match.group("unit")
        if unit is None:  # the label alone on its line (one cell a line): the unit is the next line's cell
            unit = next((line.text.strip(UNIT_FORM_LEADING) for line in above[k + 1 : k + 2]), "") or None
        if unit is not None and len(unit) >= _MIN_UNIT and not is_label(unit):
            return unit
    for line in reversed(titles):
        match = UNIT_BEFORE_TITLE.search(line.text)
        if match is not None:
            return match.group(1)
    return None
