"""Helpers for typing torn project forms into gold: values are typed by the labeler; quotes and
passages are then cut from the source between words the labeler names (copying, never parsing).

A form is written as text:

    @P name | code | department | implementer | initial,adjusted,executed,rate,weight,score | total
    #一级指标
    ##二级指标
    三级指标 | comparator | target | unit | actual | weight | score [| deviation reason]
    @goal first words … last words        (the form's 年度目标, cut from the source)
    @conclusion / @problems / @measures first words … last words   (or the text itself when short)

Empty cells are "-" (null).
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

_WS = re.compile(r"\s+")


class Region:
    def __init__(self, source: str, start: int, end: int) -> None:
        self.source, self.start, self.end = source, start, end
        self.cursor = start

    def _find(self, words: str, at: int, end: int | None = None) -> int:
        """Offset in the source of `words` (whitespace-insensitive) at or after `at`, inside the region."""
        pattern = r"\s*".join(re.escape(ch) for ch in _WS.sub("", words))
        m = re.compile(pattern).search(self.source, at, end or self.end)
        if m is None:
            raise ValueError(f"{words!r} not found after offset {at}")
        return m.start()

    def span(self, first: str, last: str, at: int | None = None) -> tuple[int, int]:
        a = self._find(first, self.start if at is None else at, len(self.source))
        pattern = r"\s*".join(re.escape(ch) for ch in _WS.sub("", last))
        m = re.compile(pattern).search(self.source, a, len(self.source))
        if m is None:
            raise ValueError(f"{last!r} not found after {first!r}")
        return a, m.end()

    def passage(self, spec: str, at: int | None = None) -> str:
        """The source text from the first words to the last ("A … B"); "P ++ Q" joins two passages
        (a cell continued after a page break); a passage may run past the region into the next one."""
        if "++" in spec:
            return "".join(self.passage(part.strip(), at) for part in spec.split("++"))
        first, _, last = spec.partition("…")
        a, b = self.span(first.strip(), last.strip() or first.strip(), at)
        return _WS.sub("", self.source[a:b]) if re.search(r"[\u4e00-\u9fff]", self.source[a:b]) else self.source[a:b].strip()

    def row_quote(self, name: str, weight: str, score: str) -> str:
        """From the row's name (after the previous row) to the end of the line with its weight and score."""
        a = self._find(name[:6], self.cursor)
        tail = re.compile(rf"(?:^|\s){re.escape(weight)}\s+{re.escape(score)}(?=\s|$)", re.M)
        m = tail.search(self.source, a, self.end)
        if m is None:
            raise ValueError(f"row {name!r}: no line with {weight} {score}")
        end = self.source.find("\n", m.end())
        end = self.end if end < 0 or end > self.end else end
        self.cursor = end
        return self.source[a:end].strip()

    def extend_to(self, quote: str, cells: list[str | None]) -> str:
        """The quote, run on over the next lines until it holds every text cell (a cell wrapped onto them)."""
        def holds(text: str) -> bool:
            folded = _WS.sub("", text)
            return all(_WS.sub("", c) in folded for c in cells if c and not re.fullmatch(r"[\d.]+", c))
        start = self.source.find(quote)
        end = start + len(quote)
        for _ in range(3):
            if holds(self.source[start:end]):
                break
            following = self.source.find("\n", end + 1)
            end = following if following > 0 else len(self.source)
        return self.source[start:end].strip()


def _num(cell: str) -> float | None:
    return None if cell.strip() in ("-", "") else float(cell)


def _cell(cell: str) -> str | None:
    return None if cell.strip() == "-" else cell.strip()


def parse_forms(spec: str, source: str) -> tuple[list[dict], list[dict]]:
    projects: list[dict] = []
    narratives: list[dict] = []
    region: Region | None = None
    level1 = level2 = None
    for raw in spec.strip().splitlines():
        line = raw.strip()
        if not line or line.startswith("//"):
            continue
        if line.startswith("@P "):
            name, written_code, department, implementer, budget, total = [c.strip() for c in line[3:].split("|")]
            code = None if written_code == "-" else written_code
            if code is None:  # a form without a code: found by its 项目支出名称 line
                start = re.search(r"项目(?:支出)?名称\s*" + re.escape(name), source).start()  # type: ignore[union-attr]
            else:
                start = source.index(f"{code}-")
            following = min((at for at in (source.find(label, start + 10) for label in ("项目名称", "项目支出名称")) if at > 0),
                            default=len(source))
            region = Region(source, source.rfind("\n", 0, start) + 1, following if following > 0 else len(source))
            table = re.compile(r"三\s*级").search(source, start, region.end)
            region.cursor = table.start() if table else region.start  # rows are looked for in the indicator table
            keys = ("initial", "adjusted", "executed", "execution_rate_pct", "weight", "score")
            line_end = source.index("\n", start)
            projects.append({
                "name": name, "code": code, "department": _cell(department), "implementer": _cell(implementer),
                "budget": dict(zip(keys, (_num(v) for v in budget.split(",")), strict=True)),
                "indicators": [], "total_score": _num(total), "conclusion": None, "problems": None, "measures": None,
                "evidence": {"quote": source[region.start:line_end].strip()},
            })
            level1 = level2 = None
            continue
        assert region is not None, line
        project = projects[-1]
        if line.startswith("##"):
            level2 = line[2:].strip()
        elif line.startswith("#"):
            level1, level2 = line[1:].strip(), None
        elif line.startswith("@goal "):
            text = region.passage(line[6:])
            first = line[6:].partition("…")[0].strip()
            at = region._find(first, region.start)  # the span in this form: two forms' goals may open alike
            end = region.span(first, first, at)[1]
            narratives.append({"kind": "performance_goal", "scope": project["name"], "text": text,
                               "evidence": {"quote": first, "start": at, "end": end}})
        elif line.startswith("@"):
            field, _, value = line[1:].partition(" ")
            project[field] = region.passage(value) if "…" in value else value.strip()
        else:
            cells = [c.strip() for c in line.split("|")]
            name, comparator, target, unit, actual, weight, score = cells[:7]
            reason = cells[7] if len(cells) > 7 else "-"
            anchor = cells[8] if len(cells) > 8 else name  # where the row starts when its name cell is empty
            name = "" if name == "∅" else name
            project["indicators"].append({
                "level1": level1, "level2": level2, "name": name, "comparator": _cell(comparator),
                "target": _cell(target), "unit": _cell(unit), "actual": _cell(actual),
                "weight": _num(weight), "score": _num(score), "deviation_reason": _cell(reason),
                "evidence": {"quote": region.extend_to(region.row_quote(anchor, weight, score),
                                                      [_cell(target), _cell(actual)])},
            })
    return projects, narratives


# ---- shared by the builders ---------------------------------------------------------------------

GOLD_DIR = Path(__file__).resolve().parents[1]
SAMPLES_DIR = GOLD_DIR.parent / "samples"


def read_sample(stem: str) -> tuple[bytes, str, list[str]]:
    """The sample's bytes, decoded text and lines."""
    raw = (SAMPLES_DIR / f"{stem}.txt").read_bytes()
    text = raw.decode("utf-8-sig")
    return raw, text, text.splitlines()


def joined(lines: list[str], a: int, b: int, skip: tuple[int, ...] = ()) -> str:
    """Source lines a..b (1-based, inclusive) joined without extraction line breaks or markdown emphasis."""
    return "".join(lines[i - 1].strip().replace("**", "") for i in range(a, b + 1) if i not in skip)


def fig(key: str, measure: str, value: float, quote: str, unit: str = "万元", subject: str | None = None) -> dict:
    return {"key": key, "measure": measure, "subject": subject, "value": value, "unit": unit, "scope": None,
            "evidence": {"quote": quote}}


def write_gold(stem: str, raw: bytes, meta: dict, figures: list, projects: list, narratives: list) -> None:
    record = {
        "document": {"name": f"{stem}.txt", "sha256": hashlib.sha256(raw).hexdigest()},
        "meta": {**meta, "currency_unit": "万元", "run": None},
        "figures": figures,
        "projects": projects,
        "narratives": narratives,
    }
    (GOLD_DIR / f"{stem}.json").write_text(json.dumps(record, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    rows = sum(len(p["indicators"]) for p in projects)
    print(f"{stem}: {len(figures)} figures, {len(projects)} projects, {rows} indicators, {len(narratives)} narratives")
