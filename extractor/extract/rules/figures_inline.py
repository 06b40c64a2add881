"""Rules for a final-accounts table flattened into one line of prose (a PDF tool's text of a 三公 table).

In: prose chunks outside project reports. Out: figure candidates. "单位:万元 项 目 预算数 决算数 合 计 65.00 64.87 0 0
公务接待费 21.00 21.00 公务用车购置及运行费 44.00 43.87 …": the head names the columns by their measure words
(`INLINE_TABLE_HEAD`, `INLINE_TABLE_MEASURES`); each row is a label, then its amounts. A row is read only where its
label is a catalog label and it holds exactly one amount a column: a row whose cells slid beside another row's label
(a PDF tool moves an empty-looking row's "0 0") or a label with no amounts is left out, never placed by guess. The
amounts are in the unit the caption before the head states (万元 when none).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from extractor.chunk import Chunk
from extractor.extract.base import Candidate
from extractor.extract.evidence import evidence_for
from extractor.extract.rules.labels import find_labels
from extractor.normalize import Normalized
from extractor.vocabulary import (
    DEFAULT_MONEY_UNIT,
    INLINE_TABLE_END,
    INLINE_TABLE_HEAD,
    INLINE_TABLE_MEASURES,
    INLINE_TABLE_UNIT_REACH,
    MONEY_UNIT_STATEMENT,
    NUMBER,
    ROW_LABEL_DECORATION,
)
from schemas import Figure

_TOKEN = re.compile(r"\S+")
_AMOUNT = re.compile(NUMBER)
_MEASURE_WORD = re.compile("|".join(sorted(map(re.escape, INLINE_TABLE_MEASURES), key=len, reverse=True)))
_SPECIFICITY = 0.7  # a grid read from a line by its head's words: sure of a row only where its cells fit the head


def inline_table_candidates(doc: Normalized, chunks: list[Chunk]) -> Iterator[Candidate]:
    for chunk in chunks:
        if chunk.kind != "section" or chunk.project is not None:
            continue
        for head in INLINE_TABLE_HEAD.finditer(chunk.text):
            measures = [INLINE_TABLE_MEASURES[m.group(0)] for m in _MEASURE_WORD.finditer(head.group(1))]
            before = chunk.text[max(0, head.start() - INLINE_TABLE_UNIT_REACH) : head.start()]
            stated = MONEY_UNIT_STATEMENT.search(before)
            unit = stated.group(1) if stated else DEFAULT_MONEY_UNIT
            for label, amounts in _rows(chunk.text, head.end()):
                yield from _row_figures(doc, chunk, label, amounts, measures, unit)


_Span = tuple[str, int, int]


def _rows(text: str, at: int) -> Iterator[tuple[_Span, list[_Span]]]:
    """Each row after the head: its label (the words before its amounts, joined) and its amounts, up to the table's end."""
    words: list[_Span] = []
    amounts: list[_Span] = []
    for m in _TOKEN.finditer(text, at):
        token = m.group(0)
        if _AMOUNT.fullmatch(token):
            amounts.append((token, m.start(), m.end()))
            continue
        if words and amounts:
            yield ("".join(w for w, _, _ in words), words[0][1], words[-1][2]), amounts
            words, amounts = [], []
        if INLINE_TABLE_END.search(token):
            return
        words.append((token, m.start(), m.end()))
    if words and amounts:
        yield ("".join(w for w, _, _ in words), words[0][1], words[-1][2]), amounts


def _row_figures(doc: Normalized, chunk: Chunk, label: _Span, amounts: list[_Span], measures: list[str | None],
                 unit: str) -> Iterator[Candidate]:  # fmt: skip
    """The row's figures: one per column whose measure is the report's, where the label is one catalog label whole."""
    name = ROW_LABEL_DECORATION.sub("", label[0])
    found = find_labels(name)
    if len(amounts) != len(measures) or len(found) != 1 or (found[0].start, found[0].end) != (0, len(name)):
        return
    if len(found[0].keys) != 1:
        return
    key = found[0].keys[0]
    start = chunk.start + label[1]
    end = chunk.start + amounts[-1][2]
    evidence = evidence_for(doc, start, end)
    for measure, (value, _, _) in zip(measures, amounts, strict=True):
        if measure is None:
            continue
        figure = Figure(key=key, measure=measure, subject=None, value=float(value), unit=unit, evidence=evidence)  # type: ignore[arg-type]
        yield Candidate(item=figure, source="rules", rule=f"inline_table:{measure}", specificity=_SPECIFICITY,
                        chunk_id=chunk.id)  # fmt: skip
