"""What the five samples' rules-only records say, pinned by content (tests/snapshot.py).

A changed value, subject or span fails with a per-key diff. When every change is intended, rewrite the
snapshots with `UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py`, read `git diff tests/snapshots`
and commit them with the change. Correctness is held by test_samples_accuracy.py against eval/gold;
these pin behaviour, so an unintended change shows up even when the bars still hold.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from schemas import Budget, DocumentRef, Evidence, Figure, Indicator, Narrative, Project, Record
from tests.conftest import SAMPLES
from tests.snapshot import UPDATE, check_snapshot, diff, dumps, snapshot_of

SNAPSHOTS = Path(__file__).parent / "snapshots"
STEMS = [path.stem for path in sorted(SAMPLES.glob("*.txt"))]


@pytest.mark.parametrize("stem", STEMS, ids=lambda stem: stem[:3])
def test_sample_record_matches_its_snapshot(stem: str, sample_records: dict[str, Record]) -> None:
    check_snapshot(SNAPSHOTS / f"{stem}.json", snapshot_of(sample_records[stem]))


def _record(value: float = 12.5, target: str = "≥95%") -> Record:
    """An invented record: two same-key figures, a project with two same-named indicators, a narrative."""
    return Record(
        document=DocumentRef(name="示例单位.txt", sha256="0" * 64),
        figures=[
            Figure(
                key="revenue_current_year",
                measure="actual",
                value=value,
                evidence=Evidence(quote="q", start=40, end=45),
            ),
            Figure(
                key="revenue_current_year", measure="actual", value=3.0, evidence=Evidence(quote="q", start=10, end=14)
            ),
        ],
        projects=[
            Project(
                name="示例维护经费",
                budget=Budget(initial=20.0, executed=18.0),
                indicators=[
                    Indicator(level2="数量指标", name="完成率", target=target, evidence=Evidence(quote="q")),
                    Indicator(level2="质量指标", name="完成率", target="100%", evidence=Evidence(quote="q")),
                ],
                evidence=Evidence(quote="q", start=50, end=90),
            )
        ],
        narratives=[Narrative(kind="problems", text="甲" * 30 + "乙" * 30, evidence=Evidence(quote="q", start=100))],
    )


def test_snapshot_keys_items_by_content_not_position() -> None:
    snapshot = snapshot_of(_record())
    assert list(snapshot["figures"]) == ["revenue_current_year | actual | -", "revenue_current_year | actual | - #2"]
    assert snapshot["figures"]["revenue_current_year | actual | -"]["value"] == 3.0  # earlier in the source comes first
    indicators = snapshot["projects"]["示例维护经费"]["indicators"]
    assert set(indicators) == {"完成率 [数量指标]", "完成率 [质量指标]"}
    text = snapshot["narratives"]["problems | -"]["text"]
    assert text.startswith("甲" * 20 + "…" + "乙" * 20) and "60 chars" in text
    assert "confidence" not in dumps(snapshot) and "/figures/" not in dumps(snapshot)


def test_diff_names_each_changed_added_and_removed_key() -> None:
    old = snapshot_of(_record())
    new = snapshot_of(_record(value=13.0, target="≥90%"))
    del new["narratives"]["problems | -"]
    new["figures"]["revenue_current_year | budget | -"] = {"value": 1.0}
    lines = diff(old, new)
    assert len(lines) == 4
    assert any(
        line.startswith("~ changed  figures / revenue_current_year | actual | - #2 / value: 12.5 → 13.0")
        for line in lines
    )
    assert any("projects / 示例维护经费 / indicators / 完成率 [数量指标] / target" in line for line in lines)
    assert any(line.startswith("- removed  narratives / problems | -") for line in lines)
    assert any(line.startswith("+ added    figures / revenue_current_year | budget | -") for line in lines)
    assert diff(old, snapshot_of(_record())) == []


def test_a_missing_snapshot_fails_and_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(UPDATE, raising=False)
    path = tmp_path / "missing.json"
    with pytest.raises(pytest.fail.Exception, match="UPDATE_SNAPSHOTS=1 pytest tests/test_snapshots.py"):
        check_snapshot(path, snapshot_of(_record()))
    assert not path.exists()


def test_a_changed_record_fails_with_the_diff_and_update_rewrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "sample.json"
    path.write_text(dumps(snapshot_of(_record())), encoding="utf-8")
    monkeypatch.delenv(UPDATE, raising=False)
    check_snapshot(path, snapshot_of(_record()))
    with pytest.raises(pytest.fail.Exception, match=r"(?s)1 difference.*12\.5 → 13\.0"):
        check_snapshot(path, snapshot_of(_record(value=13.0)))
    monkeypatch.setenv(UPDATE, "1")
    check_snapshot(path, snapshot_of(_record(value=13.0)))
    monkeypatch.delenv(UPDATE)
    check_snapshot(path, snapshot_of(_record(value=13.0)))
