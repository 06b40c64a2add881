"""Checker for the hand-labeled gold records (DESIGN §5).

For every gold file: it parses as a `schemas.Record`; every evidence quote occurs in the source
(ignoring whitespace, width and thousands separators); every number sits in its own quote; the
domain arithmetic holds or its exception is listed in `eval/gold/NOTES.md`.

    python -m eval.gold_check check [GOLD_DIR]      # report problems, exit 1 if any
    python -m eval.gold_check fill FILE...          # fill evidence start/end from the quotes
    python -m eval.gold_check show FILE [A-B]       # every labeled value by source line (for a second pass)
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from extractor.ground import SourceIndex, fold
from extractor.score import project_texts
from extractor.spans import Alignment
from schemas import Record

HERE = Path(__file__).parent
GOLD_DIR = HERE / "gold"
SAMPLES_DIR = HERE / "samples"
_NUMBER = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class Problem:
    document: str
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.document} {self.pointer}: {self.message}"


def source_for(gold_path: Path, samples_dir: Path = SAMPLES_DIR) -> str:
    from extractor.load import decode_bytes

    return decode_bytes((samples_dir / (gold_path.stem + ".txt")).read_bytes(), name=gold_path.stem)


def _evidence_nodes(record: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    for i, figure in enumerate(record.get("figures", [])):
        yield f"/figures/{i}", figure
    for i, project in enumerate(record.get("projects", [])):
        yield f"/projects/{i}", project
        for j, indicator in enumerate(project.get("indicators", [])):
            yield f"/projects/{i}/indicators/{j}", indicator
    for i, narrative in enumerate(record.get("narratives", [])):
        yield f"/narratives/{i}", narrative


def number_in_quote(value: float, quote: str) -> bool:
    """Whether `value` is written in `quote` (as is, or as 元 when the value is in 万元)."""
    from extractor.ground_candidates import number_in_text

    return number_in_text(value, quote)


def fill(path: Path) -> int:
    """Fill evidence spans in a gold file from its quotes (a span already holding its quote is kept); returns how
    many quotes were not found."""
    data = json.loads(path.read_text(encoding="utf-8"))
    index = SourceIndex(source_for(path))
    missing = 0
    last = 0
    for pointer, node in _evidence_nodes(data):
        evidence = node.get("evidence")
        if not evidence:
            continue
        start, end = evidence.get("start"), evidence.get("end")
        if start is not None and end is not None and fold(index.source[start:end])[0] == fold(evidence["quote"])[0]:
            last = start  # a span the labeler set (a quote that also occurs elsewhere) is kept
            continue
        located = index.locate(evidence["quote"], near=last)
        span = located.span
        if span is None or located.alignment is Alignment.FUZZY:
            print(f"{path.name} {pointer}: quote not found: {evidence['quote'][:60]!r}", file=sys.stderr)
            missing += 1
            continue
        evidence["start"], evidence["end"] = span.start, span.end
        last = span.start
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return missing


def check_file(path: Path) -> list[Problem]:
    """Every problem in one gold file: schema, quotes, numbers in quotes, arithmetic."""
    name = path.name
    data = json.loads(path.read_text(encoding="utf-8"))
    try:
        record = Record.model_validate(data)
    except Exception as exc:  # noqa: BLE001 - any schema failure is a problem to report
        return [Problem(name, "/", f"not a valid record: {exc}")]
    source = source_for(path)
    index = SourceIndex(source)
    problems: list[Problem] = []
    texts = project_texts(record, source)
    for pointer, node in _evidence_nodes(data):
        parts = pointer.split("/")
        project_text = texts[int(parts[2])] if parts[1] == "projects" else ""
        problems.extend(_check_evidence(name, pointer, node, index, project_text))
    from eval.gold_arithmetic import check_arithmetic

    problems.extend(Problem(name, p, m) for p, m in check_arithmetic(data, path.stem))
    return problems


def _check_evidence(
    name: str, pointer: str, node: dict[str, Any], index: SourceIndex, project_text: str = ""
) -> list[Problem]:
    evidence = node["evidence"]
    quote = evidence["quote"]
    problems: list[Problem] = []
    folded_quote = fold(quote)[0]
    if folded_quote not in index.folded:
        return [Problem(name, pointer, f"quote not in source: {quote[:60]!r}")]
    start, end = evidence.get("start"), evidence.get("end")
    if start is None or end is None:
        problems.append(Problem(name, pointer, "evidence has no span (run `fill`)"))
    elif fold(index.source[start:end])[0] != folded_quote:
        problems.append(Problem(name, pointer, f"span {start}:{end} does not hold the quote"))
    if "value" in node and node.get("key") and not number_in_quote(node["value"], quote):
        problems.append(Problem(name, pointer, f"value {node['value']} not in quote {quote[:60]!r}"))
    if "indicators" not in node and "level1" in node:
        for field in ("weight", "score"):
            value = node.get(field)
            if value is not None and not number_in_quote(value, quote):
                problems.append(Problem(name, f"{pointer}/{field}", f"{value} not in quote"))
        for field in ("target", "actual"):
            value = node.get(field)
            # a table that states targets and scores in two parts: the value must be in the project's text
            folded = fold(value)[0] if value is not None else ""
            if value is not None and folded not in folded_quote and folded not in project_text and not _wrapped(folded, folded_quote):
                problems.append(Problem(name, f"{pointer}/{field}", f"{value!r} not in quote"))
    return problems


def _wrapped(value: str, quote: str) -> bool:
    """A cell wrapped onto the row's next line, past the row's other cells: its start in the quote and its
    end closing the quote ("…费用达到20" · "1 1" · "万)")."""
    for k in range(2, len(value) - 1):
        at = quote.find(value[:k])
        if at >= 0 and quote.endswith(value[k:]) and len(quote) - len(value[k:]) >= at + k:
            return True
    return False


def show(path: Path, lines: tuple[int, int] | None = None) -> list[str]:
    """One line per labeled value, ordered by the source line its evidence starts on (optionally only lines A-B):
    what a second labeler reads beside the source."""
    data = json.loads(path.read_text(encoding="utf-8"))
    source = source_for(path)
    rows: list[tuple[int, str]] = []
    for pointer, node in _evidence_nodes(data):
        evidence = node.get("evidence") or {}
        line = source.count("\n", 0, evidence.get("start") or 0) + 1
        if lines and not lines[0] <= line <= lines[1]:
            continue
        rows.append((line, f"L{line} {pointer} {_describe(node)}\n    quote: {evidence.get('quote', '')!r}"))
    rows.sort(key=lambda row: row[0])
    return [text for _, text in rows]


def _describe(node: dict[str, Any]) -> str:
    fields: tuple[str, ...]
    if "key" in node:
        fields = ("key", "measure", "subject", "value", "unit", "scope")
    elif "indicators" in node:
        fields = ("name", "code", "department", "implementer", "budget", "total_score", "conclusion", "problems", "measures")
    elif "level1" in node:
        fields = ("level1", "level2", "name", "comparator", "target", "unit", "actual", "weight", "score", "deviation_reason")
    else:
        fields = ("kind", "scope", "text")
    return " | ".join(f"{field}={node.get(field)!r}" for field in fields if node.get(field) is not None)


def main(argv: list[str]) -> int:
    if argv[:1] == ["fill"]:
        return 1 if sum(fill(Path(p)) for p in argv[1:]) else 0
    if argv[:1] == ["check"]:
        gold_dir = Path(argv[1]) if len(argv) > 1 else GOLD_DIR
        paths = [gold_dir] if gold_dir.is_file() else sorted(gold_dir.glob("*.json"))
        problems = [p for path in paths for p in check_file(path)]
        for problem in problems:
            print(problem)
        print(f"{len(paths)} gold files, {len(problems)} problems")
        return 1 if problems else 0
    if argv[:1] == ["show"] and len(argv) in (2, 3):
        first, _, last = argv[2].partition("-") if len(argv) == 3 else ("", "", "")
        print("\n".join(show(Path(argv[1]), (int(first), int(last)) if last else None)))
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
