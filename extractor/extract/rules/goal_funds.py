"""A goal form's money: the year's budget as planned, read from its labeled amounts.

Stage: extract (rules), part of reading a form (`project_forms`). In: a form's lines (table rows written as their
cells joined by tabs). Out: a `Budget` with `initial` set, or None.

A goal declaration form (绩效目标申报表, 项目支出绩效目标表, a 目标批复表) states what the project is to spend, not what it
spent: "资金情况(万元) 年度资金总额: 854万", "当年资金总额: | 10000万元", "年度本级 预算金额 | 250万", one cell a line, in
pipe rows or spaced on a line. The labels are tried in order (`FORM_FUND_LABELS`: the year's money before a multi-year
project's whole money); the amount follows its label in the same cell, the next cell or the next line; a goal approval
form's planned 预算执行率 and its 分值 beside it are read too. A form that
states an executed amount (执行数, 实际支出) is a self-evaluation: its block is the budget block's readers', never this.
"""

from __future__ import annotations

import re

from extractor.tables import Line
from extractor.vocabulary import FORM_EXECUTED_AMOUNT, FORM_FUND_LABELS, FORM_FUND_RATE, FORM_FUND_VALUE
from schemas import Budget

_SPACES = re.compile(r"[ \u3000]+")
_NEXT_LINES = 2  # lines after a label its amount may stand on (a blank one between, in one cell a line)


def goal_funds(lines: list[Line]) -> Budget | None:
    """The year's budget a goal form plans (see the module), or None where it states none or is no goal form."""
    texts = [_SPACES.sub("", line.text) for line in lines]
    if any(FORM_EXECUTED_AMOUNT.search(text) for text in texts):
        return None
    for labels in FORM_FUND_LABELS:
        for k, text in enumerate(texts):
            for label in labels.finditer(text):
                amount = _amount_after(texts, k, label.end())
                if amount is not None:
                    return _with_rate(Budget(initial=amount), texts)
    return None


def _with_rate(budget: Budget, texts: list[str]) -> Budget:
    """The planned execution rate a goal approval form states beside its money, and the weight it scores it with."""
    for text in texts:
        found = FORM_FUND_RATE.search(text.replace("\t", ""))
        if found:
            budget.execution_rate_pct = float(found.group(1))
            budget.weight = float(found.group(2)) if found.group(2) else None
            break
    return budget


def _amount_after(texts: list[str], k: int, at: int) -> float | None:
    """The amount right after a label: in the rest of its line (its cell, or the next cell), else opening one of the
    next lines that are not blank (one cell a line)."""
    rest = texts[k][at:].lstrip("\t")
    if rest.strip(" \t:：|"):
        found = FORM_FUND_VALUE.match(rest)
        return float(found.group(1)) if found else None
    following = [text for text in texts[k + 1 : k + 1 + 2 * _NEXT_LINES] if text.strip(" \t|")][:1]
    found = FORM_FUND_VALUE.match(following[0]) if following else None
    return float(found.group(1)) if found else None
