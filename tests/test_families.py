"""The family registry: a family is registered once, and that registration is all route, the prompts, both
extractors and reconcile need; a new prompt version is one number. Shown with a toy family ("fleet": how
many official vehicles a unit has) declared in this file, its template in a package written by the test."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import BaseModel

from extractor.chunk import Chunk
from extractor.extract.base import Candidate
from extractor.extract.evidence import evidence_for
from extractor.extract.llm.convert import Locator, Placed
from extractor.extract.llm.examples import ExampleChecker
from extractor.extract.llm.extractor import LLMExtractor
from extractor.extract.llm.fake import FakeModel
from extractor.extract.llm.prompts import PromptError, data_blocks, load_prompt
from extractor.extract.rules import RulesExtractor, parser
from extractor.families import FAMILIES, Family, Registry
from extractor.load import load_bytes
from extractor.normalize import Normalized
from extractor.pipeline import prepare, run
from extractor.reconcile import merge_figures, merge_narratives
from schemas import Figure

TEXT = """一、部门职责
示例服务中心负责示例数据的汇集和共享。
二、资产情况
截至年末，本单位共有公务用车3辆，均为保障用车。
"""

TEMPLATE = """{% block system %}从片段中抽取公务用车数量（VERSION），返回 JSON。示例：{{ self.example_text() }}
答案：{{ self.example_answer() }}{% endblock %}
{% block user %}{% for block in blocks %}{{ block.data_open }}
{{ block.text }}
{{ block.data_close }}
{% endfor %}{% endblock %}
{% block example_text %}共有公务用车5辆。{% endblock %}
{% block example_answer %}{% raw %}{"fleet": [{"vehicles": 5, "quote": "公务用车5辆"}]}{% endraw %}{% endblock %}
"""


class FleetItem(BaseModel):
    vehicles: float
    quote: str


class FleetAnswer(BaseModel):
    fleet: list[FleetItem] = []


def fleet_from(answer: FleetAnswer, locator: Locator) -> list[Placed]:
    placed: list[Placed] = []
    for item in answer.fleet:
        evidence, chunk = locator.evidence(item.quote)
        figure = Figure(key="vehicles_count", measure="count", value=item.vehicles, unit="辆", evidence=evidence)
        placed.append((figure, chunk))
    return placed


def check_fleet(answer: FleetAnswer, checker: ExampleChecker) -> None:
    for item in answer.fleet:
        checker.text(item.quote, "quote")
        checker.number(item.vehicles, item.quote, "vehicles")


_VEHICLES = re.compile(r"公务用车(\d+)辆")


def fleet_rules(doc: Normalized, chunks: list[Chunk]) -> Iterator[Candidate]:
    for c in chunks:
        for m in _VEHICLES.finditer(c.text):
            evidence = evidence_for(doc, c.start + m.start(), c.start + m.end())
            figure = Figure(key="vehicles_count", measure="count", value=float(m.group(1)), unit="辆", evidence=evidence)
            yield Candidate(item=figure, source="rules", rule="fleet", chunk_id=c.id)


def to_fleet(chunk: Chunk) -> bool:
    return "公务用车" in chunk.text


@pytest.fixture(scope="module")
def templates(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A package holding fleet.v1 and fleet.v2, importable for the module's tests."""
    root = tmp_path_factory.mktemp("templates")
    package = root / "fleet_prompts"
    package.mkdir()
    (package / "__init__.py").write_text("", encoding="utf-8")
    for version in (1, 2):
        (package / f"fleet.v{version}.jinja").write_text(TEMPLATE.replace("VERSION", f"v{version}"), encoding="utf-8")
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(root))
        yield "fleet_prompts"
    sys.modules.pop("fleet_prompts", None)


def fleet(templates: str, version: int = 1) -> Family:
    """The toy family: everything about it in one declaration."""
    return Family(
        name="fleet",
        prompt_version=version,
        answer=FleetAnswer,
        convert=fleet_from,
        check_example=check_fleet,
        rules=(f"{__name__}:fleet_rules",),
        routes=to_fleet,
        items=(Figure,),
        merge=merge_figures,
        templates=templates,
    )


def reads_well(prompt, response_model):  # type: ignore[no-untyped-def]
    text = "\n".join(data_blocks(prompt.messages[-1]["content"]))
    found = _VEHICLES.search(text)
    return {"fleet": [{"vehicles": found.group(1), "quote": found.group()}]} if found else {}


def test_a_registered_family_is_routed_prompted_and_reconciled(templates: str) -> None:
    families = Registry([fleet(templates)])
    loaded = load_bytes(TEXT.encode("utf-8"), name="fleet.txt")
    prepared = prepare(loaded, families)
    routed = [c for c in prepared.chunks if prepared.routes[c.id]]
    assert [(c.trail, prepared.routes[c.id]) for c in routed] == [(("二、资产情况",), ("fleet",))]

    model = FakeModel(reads_well)
    result = run(loaded, [RulesExtractor(families), LLMExtractor(model, families=families)], families=families)

    # prompted: one request, with the family's template, its answer model and the routed chunk only
    assert model.calls == 1
    call = model.history[0]
    assert call.response_model is FleetAnswer and call.prompt.id == "fleet" and call.prompt.version == 1
    assert "抽取公务用车数量（v1）" in call.text and "本单位共有公务用车3辆" in call.text and "部门职责" not in call.text
    # extracted by both, reconciled into one figure with the record's evidence
    candidates = result.extraction.candidates
    assert sorted((c.source, c.rule) for c in candidates) == [("llm", "fleet.v1"), ("rules", "fleet")]
    [figure] = result.record.figures
    assert (figure.key, figure.value, figure.unit, figure.evidence.quote) == ("vehicles_count", 3, "辆", "公务用车3辆")
    assert loaded.text[figure.evidence.start : figure.evidence.end] == "公务用车3辆"
    assessments = result.record.assessments or {}
    assert assessments["/figures/0/value"].source == "llm+rules"


def test_a_new_prompt_version_is_one_number_in_the_registration(templates: str) -> None:
    families = Registry([fleet(templates, version=2)])
    loaded = load_bytes(TEXT.encode("utf-8"), name="fleet.txt")
    model = FakeModel(reads_well)
    llm = LLMExtractor(model, families=families)
    result = run(loaded, [llm], families=families)
    assert "抽取公务用车数量（v2）" in model.history[0].text
    assert {c.rule for c in result.extraction.candidates} == {"fleet.v2"}
    assert llm.manifest()["prompts"]["fleet"]["prompt"] == "fleet.v2"
    with pytest.raises(PromptError, match="fleet.v3.jinja not found"):
        load_prompt(fleet(templates, version=3))


def test_a_family_added_beside_the_built_in_ones_shares_the_merge_of_the_item_it_fills(templates: str) -> None:
    families = FAMILIES.extended(fleet(templates))
    assert families.names() == ("figures", "projects", "narratives", "fleet") and len(FAMILIES) == 3
    loaded = load_bytes(TEXT.encode("utf-8"), name="fleet.txt")
    alone, beside = run(loaded), run(loaded, families=families)
    read_by = {c.rule for c in beside.extraction.candidates if isinstance(c.item, Figure)}
    assert read_by == {"fleet", "count:vehicles_count"}  # the built-in count rule reads the sentence too
    # both readings of the same statement are one figure: the toy family's figures merge with the figures family's
    assert [(f.key, f.value) for f in beside.record.figures] == [(f.key, f.value) for f in alone.record.figures]
    assert [(f.key, f.value) for f in beside.record.figures] == [("vehicles_count", 3)]
    assert alone.record.narratives == beside.record.narratives and beside.record.narratives


def test_the_registry_refuses_a_second_family_of_a_name_or_a_second_merge_of_an_item(templates: str) -> None:
    with pytest.raises(ValueError, match="already registered"):
        FAMILIES.extended(FAMILIES["figures"])
    with pytest.raises(ValueError, match="another merge"):
        Registry([fleet(templates), Family(**{**vars(fleet(templates)), "name": "fleet2", "merge": merge_narratives})])


def test_every_registered_rules_parser_resolves_and_a_wrong_name_is_said() -> None:
    assert all(callable(parser(ref)) for family in FAMILIES for ref in family.rules)
    with pytest.raises(LookupError, match="no_such_parser"):
        parser("extractor.extract.rules.figures_prose:no_such_parser")


def test_the_llm_package_loads_without_the_rules_package() -> None:
    script = (
        "import sys, extractor.extract.llm.extractor, extractor.families; "
        "print(sorted(m for m in sys.modules if m.startswith('extractor.extract.rules')))"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)  # fmt: skip
    assert out.stdout.strip() == "[]"
