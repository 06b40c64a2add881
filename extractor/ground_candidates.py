"""Stage `ground`, applied to candidates: give every evidence quote its source span, or a flag.

In: candidates from all extractors, the prepared `SourceIndex`, chunks by id. Out: the same
candidates, evidence spans filled; a quote that cannot be found is flagged `ungrounded`, a figure
whose number is not in its quote `number_not_in_quote`, a percentage its quote writes as another kind of
number `not_a_percent`.
"""

from __future__ import annotations

import re

from extractor.chunk import Chunk
from extractor.extract.base import Candidate
from extractor.ground import SourceIndex, fold
from extractor.repair import repair
from extractor.spans import Alignment, Located, Span
from extractor.vocabulary import WAN_IN_YI
from schemas import Evidence, Figure, Project
from schemas.catalog import PERCENT_MEASURES

_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def ground_candidates(candidates: list[Candidate], index: SourceIndex, chunks: dict[int, Chunk]) -> None:
    for candidate in candidates:
        chunk = chunks.get(candidate.chunk_id) if candidate.chunk_id is not None else None
        near = chunk.source_start if chunk else None
        for evidence in _evidences(candidate):
            alignment = _ground(evidence, index, near)
            if alignment is Alignment.NOT_FOUND:
                _flag(candidate, "ungrounded")
            elif alignment is Alignment.FUZZY:
                _flag(candidate, "fuzzy_evidence")
        if isinstance(candidate.item, Figure):
            figure = candidate.item
            if not number_in_text(figure.value, figure.evidence.quote):
                _flag(candidate, "number_not_in_quote")
            elif figure.measure in PERCENT_MEASURES and not _written_as_percent(figure.value, figure.evidence.quote):
                _flag(candidate, "not_a_percent")


def number_in_text(value: float, text: str) -> bool:
    """Whether `value` is written in `text` (as is, signless, with 万 inside it, or in 元 for a value in 万元)."""
    # numbers are read cell by cell: folding away the spaces between "15\t19" would join them; the spaces that
    # `repair` removes inside one number ("1 234.56万元") go first
    pieces = [fold(piece)[0] for piece in repair(text).text.split()]
    found_numbers = [n for piece in pieces for n in _NUMBER.findall(piece)]
    # "3万4993.1亿元" writes 34993.1
    found_numbers += [str(int(m.group(1)) * 10000 + float(m.group(2))) for p in pieces for m in WAN_IN_YI.finditer(p)]
    for found in found_numbers:
        number = abs(float(found))
        if abs(number - abs(value)) < 0.005 or abs(number / 10000 - abs(value)) < 0.00005:
            return True
    return False


def _written_as_percent(value: float, quote: str) -> bool:
    """Whether a quote that writes percentages writes this value as one ("增长0.73%"); a quote without any "%"
    (a table's rate column) says nothing."""
    # piece by piece, as `number_in_text` reads: folding away the space between a table row's cells ("20.00 7.40%")
    # would join the percent to the amount before it
    pieces = [fold(piece)[0] for piece in repair(quote).text.split()]
    if not any("%" in piece for piece in pieces):
        return True
    return any(abs(abs(float(n)) - abs(value)) < 0.005 for p in pieces for n in re.findall(r"(-?\d+(?:\.\d+)?)%", p))


def _evidences(candidate: Candidate) -> list[Evidence]:
    item = candidate.item
    if isinstance(item, Project):
        return [item.evidence, *(indicator.evidence for indicator in item.indicators)]
    return [item.evidence]


def _ground(evidence: Evidence, index: SourceIndex, near: int | None) -> Alignment:
    """How the quote was found; the evidence's span set to where (none when it was not found)."""
    if evidence.start is not None and evidence.end is not None:
        if index.holds(Span(evidence.start, evidence.end), evidence.quote):
            return Alignment.GIVEN
    located: Located = index.locate(evidence.quote, near=near)
    evidence.start, evidence.end = (located.span.start, located.span.end) if located.span is not None else (None, None)
    return located.alignment


def _flag(candidate: Candidate, flag: str) -> None:
    if flag not in candidate.flags:
        candidate.flags.append(flag)
