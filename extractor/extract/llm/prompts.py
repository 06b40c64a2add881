"""Stage `extract`, LLM: load, check and render the versioned prompt templates in `prompts/`.

In: a family (`extractor.families`: its name, the version in use, its answer model and example check) and
the chunks' text, heading trail and project. Out: a `Prompt` (system + user messages, with the template's id,
version and digest). Templates are `prompts/<family>.v<N>.jinja`, read through importlib.resources (so an
installed wheel finds them), rendered in a sandboxed Jinja environment with StrictUndefined, the catalog's
keys and Chinese labels passed in from `schemas.catalog`. Each template carries its own example
(`example_text`, `example_answer` blocks); at load time the answer must validate against the family's answer
model and every value the family checks must be findable in the example text, or the template is refused.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateError
from jinja2.sandbox import SandboxedEnvironment
from pydantic import BaseModel, ValidationError

from extractor.extract.llm.client import Prompt, schema_digest
from extractor.extract.llm.examples import example_problems
from extractor.extract.llm.examples import numbers_text as numbers_text  # simulators read numbers as the check does
from extractor.families import FAMILIES, Family
from extractor.ground import fold
from prompts import DATA_TAG, NO_TRAIL, PROBE_TEXT, PROJECT_LABEL
from schemas.catalog import COMPARATORS, COUNT_KEYS, FIGURE_KEYS, FIGURE_TOPICS, MEASURES, NARRATIVE_KINDS, SUBJECT_KEYS

_ENV = SandboxedEnvironment(undefined=StrictUndefined, autoescape=False, trim_blocks=True, lstrip_blocks=True)
_DATA = re.compile(rf'<{DATA_TAG} id="(?P<nonce>[0-9a-f]{{8}})">\n(?P<text>.*?)\n</{DATA_TAG} id="(?P=nonce)">', re.S)
_PROJECT_LABEL = re.compile(rf"{PROJECT_LABEL}：(.+)")
_TRAIL_DEPTH = 2  # the innermost headings say enough; the whole trail on every block costs tokens
_OPENING = 300  # characters of a fragment in which its own heading or project name makes a label above it redundant


@dataclass(frozen=True)
class Block:
    """A text the model is shown as data, with the heading trail and project it sits under."""

    text: str
    trail: tuple[str, ...] = ()
    project: str | None = None


class PromptError(ValueError):
    """A template that cannot be used: missing, not valid Jinja, or an example that does not hold."""


@dataclass(frozen=True)
class PromptTemplate:
    family: str
    version: int
    digest: str  # sha256 of the template file
    template: Template
    answer: type[BaseModel]  # the response model the template asks for
    narrows_catalog: bool = False  # the template lists `figure_keys_shown`: worth computing for the text sent

    @property
    def ref(self) -> str:
        return f"{self.family}.v{self.version}"

    def render(self, blocks: Sequence[Block]) -> Prompt:
        """The messages for one request: instructions, then each block's text delimited as data."""
        data = []
        for group in _runs(blocks):
            text = "\n".join(block.text for block in group)
            nonce = hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
            opening = fold(text[:_OPENING])[0]
            # a heading the text opens with, or a project it names there, is not repeated above it
            trail = [h for h in group[0].trail[-_TRAIL_DEPTH:] if fold(h)[0] not in opening]
            project = group[0].project
            if project and fold(project)[0] in opening:
                project, trail = None, []  # a fragment that opens by naming its project needs no label above it
            elif project and fold(project)[0] in fold(" ".join(trail))[0]:
                project = None
            data.append({
                "text": text,
                "trail": " > ".join(trail) or NO_TRAIL,
                "project": project,
                "data_open": f'<{DATA_TAG} id="{nonce}">',
                "data_close": f'</{DATA_TAG} id="{nonce}">',
            })  # fmt: skip
        system: dict[str, Any] = {}
        if self.narrows_catalog:
            shown = " ".join(block.text + " " + " ".join(block.trail) for block in blocks)
            system["figure_keys_shown"] = keys_for_text(shown)
        messages = (
            {"role": "system", "content": self._block("system", system)},
            {"role": "user", "content": self._block("user", {"blocks": data})},
        )
        return Prompt(id=self.family, version=self.version, digest=self.digest, messages=messages)

    def example(self) -> tuple[str, str]:
        """The example's text and its expected answer (JSON), as written in the template."""
        return self._block("example_text", {}), self._block("example_answer", {})

    def _block(self, name: str, variables: dict[str, Any]) -> str:
        context = self.template.new_context({**catalog_context(), **variables})
        return "".join(self.template.blocks[name](context)).strip()


def _runs(blocks: Sequence[Block]) -> list[list[Block]]:
    """Consecutive blocks of the same project, shown as one fragment: the headings are in the text
    itself, and a trail and delimiters around every small section would cost more than the section."""
    runs: list[list[Block]] = []
    for block in blocks:
        if runs and runs[-1][-1].project == block.project:
            runs[-1].append(block)
        else:
            runs.append([block])
    return runs


def keys_for_text(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The catalog keys (with labels) of the topics `text` touches: what a figures prompt needs to list."""
    folded = fold(text)[0]
    wanted = {key for keys, words in FIGURE_TOPICS.values() if any(fold(w)[0] in folded for w in words) for key in keys}
    return [(key, labels) for key, labels in FIGURE_KEYS.items() if key in wanted]


def catalog_context() -> dict[str, Any]:
    """The domain vocabulary templates may use, straight from schemas.catalog."""
    return {
        "figure_keys": list(FIGURE_KEYS.items()),
        "figure_keys_shown": list(FIGURE_KEYS.items()),  # render() narrows it to the topics of the text sent
        "subject_keys": sorted(SUBJECT_KEYS),
        "count_keys": sorted(COUNT_KEYS),
        "measures": list(MEASURES),
        "narrative_kinds": list(NARRATIVE_KINDS.items()),
        "comparators": list(COMPARATORS),
    }


def load_prompt(family: Family | str, version: int | None = None) -> PromptTemplate:
    """The template `<family>.v<version>.jinja` (default: the version the family uses), checked."""
    family = _family(family)
    return _load(family, version if version is not None else family.prompt_version)


@lru_cache(maxsize=32)
def _load(family: Family, version: int) -> PromptTemplate:
    name = f"{family.name}.v{version}.jinja"
    try:
        source = resources.files(family.templates).joinpath(name).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise PromptError(f"prompt template {name} not found in the {family.templates} package") from exc
    return parse_prompt(family, version, source)


def parse_prompt(family: Family | str, version: int, source: str) -> PromptTemplate:
    """Compile a template and check its example; raises PromptError naming what is wrong."""
    family = _family(family)
    name = f"{family.name}.v{version}"
    try:
        template = _ENV.from_string(source)
    except TemplateError as exc:
        raise PromptError(f"{name}: {exc}") from exc
    missing = {"system", "user", "example_text", "example_answer"} - set(template.blocks)
    if missing:
        raise PromptError(f"{name}: missing blocks {sorted(missing)}")
    digest = hashlib.sha256(source.encode("utf-8")).hexdigest()
    prompt = PromptTemplate(family.name, version, digest, template, family.answer,
                            narrows_catalog="figure_keys_shown" in source)  # fmt: skip
    try:
        prompt.render([Block(PROBE_TEXT, (PROBE_TEXT,), PROBE_TEXT)])
        text, answer_json = prompt.example()
        answer = family.answer.model_validate_json(answer_json)
    except (TemplateError, ValidationError) as exc:
        raise PromptError(f"{name}: {exc}") from exc
    problems = example_problems(answer, text, family.check_example)
    if problems:
        raise PromptError(f"{name}: the example answer does not hold in its own text: " + "; ".join(problems))
    return prompt


def _family(family: Family | str) -> Family:
    if isinstance(family, Family):
        return family
    if family not in FAMILIES:
        raise PromptError(f"unknown prompt family {family!r}; known: {', '.join(FAMILIES.names())}")
    return FAMILIES[family]


def data_blocks(message: str) -> list[str]:
    """The texts a rendered user message delimits as data, in order (for simulators reading requests)."""
    return [match.group("text") for match in _DATA.finditer(message)]


def block_labels(message: str) -> list[str | None]:
    """The project each data block of a rendered user message is labeled with, None where it has none."""
    labels, at = [], 0
    for match in _DATA.finditer(message):
        label = _PROJECT_LABEL.search(message[at : match.start()])
        labels.append(label.group(1).strip() if label else None)
        at = match.end()
    return labels


def prompt_manifest(prompts: Mapping[str, PromptTemplate]) -> dict[str, dict[str, str]]:
    """Each family's template ref and sha256, and its response model's schema sha256."""
    return {
        family: {"prompt": p.ref, "prompt_sha256": p.digest, "schema_sha256": schema_digest(p.answer)}
        for family, p in prompts.items()
    }
