"""The schema families, each registered once: figures, projects, narratives.

A family is one kind of thing a report states, and everything that extracts it is declared here together,
as spacy-llm registers a task (template, parser, examples, scorer) under one versioned name:

- `prompt_version`: the template in use, `prompts/<name>.v<N>.jinja` (a released template is never edited;
  a change is a new file and a new number here), read from the `templates` package;
- `answer`: what the model is asked to return (`extract.llm.targets`), and `convert`, the answer → record
  items (`extract.llm.convert`); `check_example`, which parts of the template's example answer must be
  found in its example text at load time (`extract.llm.examples`);
- `rules`: its rules parsers, named `"module:function"` and resolved by the rules extractor, so the LLM
  package, which reads this registry, never imports the rules package;
- `routes`: the router predicate, which chunks it is asked about (`route`);
- `items` and `merge`: the record items its candidates are, the first the one it fills, with the merge that
  keys it (`reconcile`); any after it are handed to the merge of the family that fills them (a project's
  passages are narratives). A routed chunk from which none of these came is an empty route (`route`).

Route, both extractors, the prompt loader and reconcile read `FAMILIES`; adding a family or a prompt version
touches this module (and the parts' own code: a template file, a parser, an answer model).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from pydantic import BaseModel

from extractor.chunk import Chunk
from extractor.extract.base import Item
from extractor.extract.llm.convert import Converter, figures_from, narratives_from, projects_from
from extractor.extract.llm.examples import ExampleCheck, check_figures, check_narratives, check_projects
from extractor.extract.llm.targets import FiguresAnswer, NarrativesAnswer, ProjectsAnswer
from extractor.reconcile import Merge, merge_figures, merge_narratives, merge_projects
from extractor.route import to_figures, to_narratives, to_projects
from schemas import Figure, Narrative, Project


@dataclass(frozen=True)
class Family:
    name: str
    prompt_version: int
    answer: type[BaseModel]
    convert: Converter
    check_example: ExampleCheck
    rules: tuple[str, ...]
    routes: Callable[[Chunk], bool]
    items: tuple[type[Item], ...]
    merge: Merge
    templates: str = "prompts"  # the package its prompt templates are read from

    @property
    def item(self) -> type[Item]:
        """The record item it fills (and merges)."""
        return self.items[0]

    @property
    def prompt(self) -> str:
        """The template in use, e.g. "figures.v2"."""
        return f"{self.name}.v{self.prompt_version}"


class Registry:
    """Families by name, in registration order: the order chunks are asked in and candidates merged."""

    def __init__(self, families: Iterable[Family] = ()) -> None:
        self._families: dict[str, Family] = {}
        for family in families:
            self.register(family)

    def register(self, family: Family) -> Family:
        """Add a family; refused when its name is taken or its item already has another merge."""
        if family.name in self._families:
            raise ValueError(f"family {family.name!r} is already registered")
        other = next((f for f in self if f.item is family.item and f.merge is not family.merge), None)
        if other is not None:
            raise ValueError(f"{family.name!r} fills {family.item.__name__} as {other.name!r} does, with another merge")
        self._families[family.name] = family
        return family

    def extended(self, *families: Family) -> Registry:
        """A new registry with these families after the present ones (this one is left as it is)."""
        return Registry([*self, *families])

    def __getitem__(self, name: str) -> Family:
        return self._families[name]

    def __contains__(self, name: object) -> bool:
        return name in self._families

    def __iter__(self) -> Iterator[Family]:
        return iter(self._families.values())

    def __len__(self) -> int:
        return len(self._families)

    def names(self) -> tuple[str, ...]:
        return tuple(self._families)


FAMILIES = Registry()

FAMILIES.register(Family(
    name="figures",
    prompt_version=2,
    answer=FiguresAnswer,
    convert=figures_from,
    check_example=check_figures,
    rules=(
        "extractor.extract.rules.figures_prose:figure_candidates",
        "extractor.extract.rules.figures_table:table_candidates",
        "extractor.extract.rules.figures_counts:count_candidates",
        "extractor.extract.rules.figures_inline:inline_table_candidates",
    ),
    routes=to_figures,
    items=(Figure,),
    merge=merge_figures,
))  # fmt: skip

FAMILIES.register(Family(
    name="projects",
    prompt_version=3,
    answer=ProjectsAnswer,
    convert=projects_from,
    check_example=check_projects,
    rules=(
        "extractor.extract.rules.project_forms:form_candidates",
        "extractor.extract.rules.project_reports:report_candidates",
        "extractor.extract.rules.goal_statements:statement_candidates",
    ),
    routes=to_projects,
    items=(Project, Narrative),
    merge=merge_projects,
))  # fmt: skip

FAMILIES.register(Family(
    name="narratives",
    prompt_version=2,
    answer=NarrativesAnswer,
    convert=narratives_from,
    check_example=check_narratives,
    rules=("extractor.extract.rules.narratives:narrative_candidates",),
    routes=to_narratives,
    items=(Narrative,),
    merge=merge_narratives,
))  # fmt: skip
