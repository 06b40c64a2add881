"""The numbers a source text states, to tell a wrong value from an invented one.

In: the decoded source text of a document. Out: `contains(value)`, whether the value is written
anywhere in it — as is, or converted between 元 and 万元 (and 万元 and 亿元), sign ignored.
A predicted value that differs from gold and occurs nowhere in the source counts as hallucinated.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from extractor.ground import fold

_NUMBER = re.compile(r"\d+(?:\.\d+)?")


class SourceNumbers:
    """Every number written in one source text, sorted for lookup."""

    def __init__(self, source: str) -> None:
        self._numbers = sorted({float(n) for n in _NUMBER.findall(fold(source)[0])})

    def contains(self, value: float) -> bool:
        v = abs(value)
        # as written (to the cent); a 万元 value written in 元; a 元 value written in 万元 (or 万元 in 亿元)
        return any(self._near(target, tol) for target, tol in ((v, 0.005), (v * 10000, 0.5), (v / 10000, 0.00005)))

    def _near(self, target: float, tolerance: float) -> bool:
        at = bisect_left(self._numbers, target - tolerance)
        return at < len(self._numbers) and self._numbers[at] <= target + tolerance
