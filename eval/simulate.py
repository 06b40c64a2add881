"""Simulated model providers: evaluate the LLM path without a model.

`python -m eval.simulate --mode oracle|noisy` runs the real LLM path (prompts, the openai client and
instructor, retries, cache, conversion, grounding, reconcile, scoring) against a local
OpenAI-compatible server whose answers come from the gold records instead of a model:
- *oracle* answers each request with the gold values whose evidence lies in the chunk it is sent,
  quotes copied from that chunk; what it misses, the pipeline lost (routing, chunking, grounding).
- *noisy* is the oracle with realistic model errors injected at a rate: a wrong digit, a value from
  the neighbouring row, a swapped budget/executed pair, a number not in the chunk, a dropped row.
  The review numbers then say how many of them the scores flag.
It prints the eval harness's tables and the LLM usage per document (calls, failed attempts, prompt
tokens and characters against the document's own). The server is `eval/openai_server.py`, so this runs
from a source checkout.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import tempfile
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from extractor.extract.base import Usage
from extractor.extract.llm.fake import estimate_tokens
from extractor.extract.llm.prompts import block_labels, data_blocks, numbers_text
from extractor.families import FAMILIES
from extractor.ground import fold
from schemas import Record

MODES = ("oracle", "noisy")
ERROR_KINDS = ("wrong_digit", "neighbour_value", "swapped_pair", "not_in_chunk", "dropped")
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
_WORDS = 12  # characters of a narrative's first and last words
_BUDGET_WORDS = ("预算", "执行")
_TOTAL_WORDS = ("总分", "得分", "合计")


def find(text: str, quote: str) -> tuple[int, int] | None:
    """The span of `quote` in `text`, whitespace, width and thousands separators ignored."""
    folded, index = fold(text)
    needle = fold(quote)[0]
    at = folded.find(needle) if needle else -1
    return (index[at], index[at + len(needle) - 1] + 1) if at >= 0 else None


_MAX_SEGMENTS = 3
_MIN_SEGMENT = 8  # folded characters: a shorter piece is too easily found by chance


def segments(text: str, passage: str) -> list[tuple[int, int]] | None:
    """Spans of `text` that, in order, hold `passage` (whitespace, width ignored): one span when the passage is
    written whole, up to three when something else cuts into it (a page number, another column's cell)."""
    folded, index = fold(text)
    needle = fold(passage)[0]
    if not needle:
        return None
    parts: list[tuple[int, int]] = []
    pos = at = 0
    while pos < len(needle):
        if len(parts) == _MAX_SEGMENTS:
            return None
        low, high = 0, len(needle) - pos  # the longest prefix of what is left that occurs after the last part
        while low < high:
            mid = (low + high + 1) // 2
            if folded.find(needle[pos : pos + mid], at) >= 0:
                low = mid
            else:
                high = mid - 1
        if low < min(_MIN_SEGMENT, len(needle) - pos):
            return None
        k = folded.find(needle[pos : pos + low], at)
        parts.append((index[k], index[k + low - 1] + 1))
        at, pos = k + low, pos + low
    return parts


class Oracle:
    """Answers from one gold record: the values whose evidence lies in the chunk sent."""

    def __init__(self, gold: Record) -> None:
        self.gold = gold

    def answer(self, family: str, blocks: list[str], instructions: str | None = None,
               labels: list[str | None] | None = None) -> dict[str, Any]:  # fmt: skip
        """Items found in each block; a narrative may run over consecutive blocks, so those see them joined.
        With the request's `instructions`, a figure whose key they do not list is not answered: a model cannot
        be relied on to name a key it was not shown. `labels` are the projects the request names above each
        block (所属项目): a block that names none of its own is read as that project's."""
        if family == "narratives":
            return {family: self._narratives("\n".join(blocks))}
        labels = labels or [None] * len(blocks)
        if family == "projects":
            items = [item for text, label in zip(blocks, labels, strict=True) for item in self._projects(text, label)]
        else:
            items = [item for text in blocks for item in getattr(self, f"_{family}")(text)]
        if family == "figures" and instructions is not None:
            items = [item for item in items if f"- {item['key']}：" in instructions]
        return {family: items}

    def _figures(self, text: str) -> list[dict[str, Any]]:
        out = []
        for f in self.gold.figures:
            span = find(text, f.evidence.quote)
            if span is not None:
                item = {"key": f.key, "measure": f.measure, "subject": f.subject, "value": f.value, "unit": f.unit}
                out.append({**item, "quote": text[span[0] : span[1]]})
        return out

    def _projects(self, text: str, label: str | None = None) -> list[dict[str, Any]]:
        numbers = {abs(float(n)) for n in _NUMBER.findall(numbers_text(text))}
        # a block that names its project (in its text or its label) is read as that project's alone: projects of
        # one report repeat stock rows and sentences, and a reader attributes them to the project in front of it
        opening = fold(text[:300])[0]
        named_here = [p for p in self.gold.projects if find(text, p.evidence.quote) is not None
                      or fold(p.name)[0] in opening or (label and fold(label)[0] == fold(p.name)[0])]
        out = []
        for p in named_here or self.gold.projects:
            named = find(text, p.evidence.quote)
            rows = [(row, span) for row in p.indicators if (span := find(text, row.evidence.quote)) is not None]
            if named is None and not rows and not named_here and not self._passages(text, self._project_passages(p)):
                continue
            item: dict[str, Any] = {"name": p.name, "quote": text[named[0] : named[1]] if named else p.name}
            for name in ("code", "department", "implementer"):
                value = getattr(p, name)
                item[name] = value if value and find(text, value) else None
            # a budget or total is answered where its number stands beside words that name it
            budget = p.budget.model_dump() if any(w in text for w in _BUDGET_WORDS) else {}
            item["budget"] = {k: v for k, v in budget.items() if v is not None and abs(v) in numbers}
            total = p.total_score if any(w in text for w in _TOTAL_WORDS) else None
            item["total_score"] = total if total is not None and total in numbers else None
            item["indicators"] = [
                {**row.model_dump(exclude={"evidence"}), "quote": text[span[0] : span[1]]} for row, span in rows
            ]
            item["passages"] = self._passages(text, self._project_passages(p))
            if named is None and not rows and not item["passages"]:
                continue
            out.append(item)
        return out

    def _project_passages(self, p: Any) -> list[tuple[str, str]]:
        passages = [(n.kind, n.text) for n in self.gold.narratives if n.scope == p.name]
        return passages + [(kind, getattr(p, kind)) for kind in ("conclusion", "problems", "measures") if getattr(p, kind)]

    @staticmethod
    def _passages(text: str, passages: list[tuple[str, str]]) -> list[dict[str, Any]]:
        out = []
        for kind, passage in passages:
            # a passage running over two requests is not answered: an oracle does not guess
            parts = segments(text, passage)
            if parts:
                words = [text[a:b].strip() for a, b in parts]
                more = [{"first_words": w[:_WORDS], "last_words": w[-_WORDS:]} for w in words[1:]]
                out.append({"kind": kind, "first_words": words[0][:_WORDS], "last_words": words[0][-_WORDS:], "more": more})
        return out

    def _narratives(self, text: str) -> list[dict[str, Any]]:
        passages: list[tuple[str, str]] = [(n.kind, n.text) for n in self.gold.narratives]
        for p in self.gold.projects:
            passages += [(kind, getattr(p, kind)) for kind in ("conclusion", "problems", "measures") if getattr(p, kind)]
        return self._passages(text, passages)


def inject_errors(answer: dict[str, Any], text: str, rng: random.Random, rate: float) -> list[str]:
    """Make an oracle's answer wrong the way models are wrong; returns the kinds injected."""
    injected: list[str] = []
    chunk_numbers = {abs(float(n)) for n in _NUMBER.findall(numbers_text(text))}
    for family, items in answer.items():
        if family == "figures":
            _corrupt_rows(items, "value", rng, rate, chunk_numbers, injected)
        elif family == "projects":
            for project in items:
                _corrupt_rows(project["indicators"], "actual", rng, rate, chunk_numbers, injected)
                budget = project["budget"]
                if rng.random() < rate and {"adjusted", "executed"} <= budget.keys() and budget["adjusted"] != budget["executed"]:
                    budget["adjusted"], budget["executed"] = budget["executed"], budget["adjusted"]
                    injected.append("swapped_pair")
        elif family == "narratives":
            kept = [item for item in items if rng.random() >= rate]
            injected += ["dropped"] * (len(items) - len(kept))
            items[:] = kept
    return injected


def _corrupt_rows(rows: list[dict[str, Any]], field: str, rng: random.Random, rate: float,
                  chunk_numbers: set[float], injected: list[str]) -> None:  # fmt: skip
    for i in reversed(range(len(rows))):
        if rng.random() >= rate or rows[i].get(field) is None:
            continue
        kind = rng.choice(ERROR_KINDS)
        row, value = rows[i], rows[i][field]
        number = _as_number(value)
        if kind == "dropped":
            del rows[i]
        elif kind == "neighbour_value" and len(rows) > 1:
            neighbour = rows[i - 1] if i > 0 else rows[i + 1]
            if neighbour.get(field) in (None, value):
                continue
            row[field] = neighbour[field]
        elif kind == "swapped_pair":
            partner = next((r for r in rows if r is not row and _pair_of(r, row)), None)
            if partner is None:
                continue
            row[field], partner[field] = partner[field], row[field]
        elif kind == "wrong_digit" and number is not None:
            row[field] = _typed(value, _wrong_digit(number, rng))
        elif kind == "not_in_chunk" and number is not None:
            invented = round(abs(number) * 1.37 + 3.1, 2)
            while invented in chunk_numbers:
                invented += 1.11
            row[field] = _typed(value, invented)
        else:
            continue
        injected.append(kind)


def _pair_of(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """A budget figure and its actual (same key and subject), whose values a model may swap."""
    measures = {a.get("measure"), b.get("measure")}
    return measures == {"budget", "actual"} and (a.get("key"), a.get("subject")) == (b.get("key"), b.get("subject"))


def _as_number(value: Any) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    match = _NUMBER.fullmatch(str(value).strip())
    return float(match.group()) if match else None


def _typed(original: Any, number: float) -> Any:
    """The new number in the original's type (figure values are numbers, indicator cells text)."""
    if isinstance(original, str):
        return f"{number:g}" if number.is_integer() else str(round(number, 4))
    return number


def _wrong_digit(number: float, rng: random.Random) -> float:
    text = f"{number:.2f}"
    positions = [i for i, ch in enumerate(text) if ch.isdigit()]
    at = rng.choice(positions)
    digit = rng.choice([d for d in "0123456789" if d != text[at]])
    return float(text[:at] + digit + text[at + 1 :])


def request_family(body: dict[str, Any]) -> str:
    """Which family a request asks for, from the response model's name in it (any instructor mode)."""
    dumped = json.dumps(body, ensure_ascii=False)
    return next(family.name for family in FAMILIES if family.answer.__name__ in dumped)


def request_blocks(body: dict[str, Any]) -> list[str]:
    """The chunk texts a request shows (in its first user message: re-asks append messages)."""
    user = next(m for m in body["messages"] if m["role"] == "user")
    return data_blocks(str(user["content"]))


def request_labels(body: dict[str, Any]) -> list[str | None]:
    """The project each shown block is labeled with (所属项目), None where there is no label."""
    user = next(m for m in body["messages"] if m["role"] == "user")
    return block_labels(str(user["content"]))


def make_responder(gold: Record, mode: str, *, seed: int = 0, rate: float = 0.15, injected: Counter[str] | None = None,
                   sent: Counter[str] | None = None) -> Callable[[Any], Any]:  # fmt: skip
    """A server responder (Recorded → Reply) answering from `gold`, with errors in noisy mode. `injected`
    counts the errors injected by kind; `sent` the characters of every prompt ("prompt_chars")."""
    from eval.openai_server import Reply

    oracle, lock = Oracle(gold), threading.Lock()

    def respond(request: Any) -> Any:
        family, blocks = request_family(request.body), request_blocks(request.body)
        messages = request.body.get("messages", [])
        if sent is not None:
            with lock:
                sent["prompt_chars"] += sum(len(str(m.get("content") or "")) for m in messages)
        system = next((str(m.get("content")) for m in messages if m.get("role") == "system"), None)
        answer = oracle.answer(family, blocks, system, request_labels(request.body))
        text = "\n".join(blocks)
        if mode == "noisy":  # seeded by the request, so the same chunk gets the same errors in any order
            digest = hashlib.sha256(f"{seed}|{family}|{text}".encode()).hexdigest()
            kinds = inject_errors(answer, text, random.Random(digest), rate)
            if injected is not None:
                with lock:
                    injected.update(kinds)
        return Reply.json(answer)

    return respond


@dataclass
class SimulatedDocument:
    name: str
    usage: Usage
    document_tokens: int
    failures: int
    injected: Counter[str] = field(default_factory=Counter)
    document_chars: int = 0
    prompt_chars: int = 0


def predict(mode: str, gold_dir: Path, samples_dir: Path, out_dir: Path, *, seed: int = 0, rate: float = 0.15,
            with_rules: bool = False, llm_mode: str = "json_schema", cache_dir: Path | None = None
            ) -> list[SimulatedDocument]:  # fmt: skip
    """Write `<stem>.json` predictions for every gold record with a source, through the simulated provider."""
    from eval.openai_server import OpenAIServer
    from extractor.extract.llm.extractor import LLMExtractor
    from extractor.extract.rules import RulesExtractor
    from extractor.extractors import model_client
    from extractor.load import load_path
    from extractor.pipeline import run
    from extractor.settings import Settings

    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
    out_dir.mkdir(parents=True, exist_ok=True)
    documents: list[SimulatedDocument] = []
    with OpenAIServer() as server, tempfile.TemporaryDirectory() as scratch:
        settings = Settings.model_validate({
            "EXTRACTOR_LLM_BASE_URL": server.url, "llm_model": f"simulated-{mode}", "llm_mode": llm_mode,
            "cache_dir": cache_dir or Path(scratch), "llm_max_retries": 1,
        })  # fmt: skip
        client = model_client(settings)
        try:
            for gold_path in sorted(gold_dir.glob("*.json")):
                gold = Record.model_validate_json(gold_path.read_text(encoding="utf-8"))
                source = _source_of(gold, samples_dir)
                if source is None:
                    continue
                injected: Counter[str] = Counter()
                sent: Counter[str] = Counter()
                server.responder = make_responder(gold, mode, seed=seed, rate=rate, injected=injected, sent=sent)
                llm = LLMExtractor.from_settings(settings, client)
                loaded = load_path(source, max_bytes=Settings().max_input_bytes)  # EXTRACTOR_MAX_INPUT_BYTES: scans are large
                result = run(loaded, [RulesExtractor(), llm] if with_rules else [llm], configuration=settings.fingerprint())
                record = result.record
                record.meta.run = {**(record.meta.run or {}), "llm": llm.manifest(), "simulated": mode}
                (out_dir / f"{gold_path.stem}.json").write_text(record.to_json() + "\n", encoding="utf-8")
                usage = result.extraction.usage
                documents.append(SimulatedDocument(gold_path.stem, usage, estimate_tokens(loaded.text),
                                                   len(result.extraction.failures), injected, len(loaded.text),
                                                   sent["prompt_chars"]))  # fmt: skip
        finally:
            client.close()  # type: ignore[attr-defined]
            model_client.cache_clear()
    return documents


def usage_table(documents: list[SimulatedDocument]) -> Any:
    from rich.table import Table

    table = Table(title="LLM usage (simulated provider)")
    columns = ("document", "calls", "failed", "cache hits", "prompt tokens", "doc tokens", "tokens ×", "prompt chars",
               "doc chars", "chars ×", "failures", "injected")  # fmt: skip
    for column in columns:
        table.add_column(column, justify="left" if column in ("document", "injected") else "right")
    for d in documents:
        ratio = d.usage.prompt_tokens / d.document_tokens if d.document_tokens else 0.0
        chars = d.prompt_chars / d.document_chars if d.document_chars else 0.0
        injected = ", ".join(f"{k} {v}" for k, v in sorted(d.injected.items())) or "–"
        table.add_row(d.name, str(d.usage.calls), str(d.usage.failed_attempts), str(d.usage.cache_hits),
                      str(d.usage.prompt_tokens), str(d.document_tokens), f"{ratio:.3f}", str(d.prompt_chars),
                      str(d.document_chars), f"{chars:.3f}", str(d.failures), injected)  # fmt: skip
    return table


def _source_of(gold: Record, samples_dir: Path) -> Path | None:
    """The gold record's source in `samples_dir`: its own file name, or the same stem as another kind of input (the
    samples rendered as PDF, scans, Word or Excel files by `python -m eval.inputs`)."""
    source = samples_dir / gold.document.name
    if source.exists():
        return source
    return next(iter(sorted(samples_dir.glob(f"{Path(gold.document.name).stem}.*"))), None)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m eval.simulate", description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=MODES, required=True)
    parser.add_argument("--gold", type=Path, default=Path("eval/gold"))
    parser.add_argument("--samples", type=Path, default=Path("eval/samples"))
    parser.add_argument("--sources", type=Path, default=None,
                        help="the text sources the scorer checks values against (default: --samples; the samples' "
                             "text when --samples holds them rendered as other files)")  # fmt: skip
    parser.add_argument("--out", type=Path, default=None, help="folder for the predictions (default: a temporary one)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--error-rate", type=float, default=0.15, help="noisy mode: share of values made wrong")
    parser.add_argument("--with-rules", action="store_true", help="run the rules extractor beside the simulated LLM")
    parser.add_argument("--llm-mode", default="json_schema", choices=("json_schema", "tools", "json", "md_json"))
    parser.add_argument("--json", type=Path, default=None, help="write the eval summary as JSON here")
    args = parser.parse_args(argv)

    from rich.console import Console

    from eval.harness import evaluate
    from eval.report import terminal_tables

    console = Console(soft_wrap=True)
    with tempfile.TemporaryDirectory() as scratch:
        out = args.out or Path(scratch)
        documents = predict(args.mode, args.gold, args.samples, out, seed=args.seed, rate=args.error_rate,
                            with_rules=args.with_rules, llm_mode=args.llm_mode)  # fmt: skip
        if not documents:
            console.print(f"no gold record in {args.gold} has its source in {args.samples}")
            return 2
        evaluation = evaluate(args.gold, out, args.sources or args.samples)
    for table in terminal_tables(evaluation.summary):
        console.print(table)
    console.print(usage_table(documents))
    if args.json:
        args.json.write_text(evaluation.summary.model_dump_json(indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
