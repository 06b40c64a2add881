"""End to end on the five samples: whole records compared with golden files a reviewer can diff.

The golden files are the rules-only records as of the last reviewed change; regenerate them with
`UPDATE_GOLDEN=1 pytest tests/test_pipeline_golden.py` and read the diff before committing.
They pin behaviour (what changed), the gold files in eval/gold pin correctness (what is right).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from extractor.ground import fold
from extractor.load import load_path
from extractor.pipeline import run
from schemas.pointers import reviewable_pointers

GOLDEN = Path(__file__).parent / "golden"
SAMPLES = sorted((Path(__file__).resolve().parent.parent / "eval" / "samples").glob("*.txt"))


def _record(path: Path) -> dict:
    record = run(load_path(path)).record.model_dump(mode="json")
    record["meta"]["run"] = None  # versions and timings are not behaviour
    return record


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem[:3])
def test_record_matches_golden_file(path: Path) -> None:
    record = _record(path)
    golden = GOLDEN / f"{path.stem}.json"
    text = json.dumps(record, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    if os.environ.get("UPDATE_GOLDEN") == "1" or not golden.exists():
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8"), f"record of {path.name} changed; see the diff"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem[:3])
def test_every_value_has_a_source_span_holding_its_quote(path: Path) -> None:
    source = load_path(path).text
    record = run(load_path(path)).record.model_dump()
    nodes = list(record["figures"]) + list(record["narratives"])
    for project in record["projects"]:
        nodes.append(project)
        nodes.extend(project["indicators"])
    assert nodes
    for node in nodes:
        evidence = node["evidence"]
        assert evidence["start"] is not None, evidence["quote"]
        assert fold(source[evidence["start"] : evidence["end"]])[0] == fold(evidence["quote"])[0]
    pointers = dict(reviewable_pointers(record))
    assert set(pointers) == set(record["assessments"])
