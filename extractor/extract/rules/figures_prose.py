"""Rules for figures stated in sentences: "2022年度收、支总计1519.86万元…增长0.15%".

In: prose chunks of the normalized document. Out: figure candidates. A sentence is read left to
right as a stream of events: catalog labels, amounts (万元/元/亿元), percentages and counts. An amount
belongs to the label before it; the words just before a number decide its measure (预算 → budget,
增加/减少 → signed year-on-year change, 占 → share, 完成预算 → execution rate). Labels lost in
extraction leave values with no key; those are not guessed, except in the two structures whose key
the section itself gives (the functional-class structure and the item-by-item execution).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from extractor.chunk import Chunk
from extractor.extract.base import Candidate
from extractor.extract.evidence import evidence_for
from extractor.extract.rules.labels import SUB_LABELS, find_labels
from extractor.normalize import Normalized
from schemas import Figure

_NUM = r"(-?\d+(?:\.\d+)?)"
_AMOUNT = re.compile(_NUM + r"\s*(万元|亿元|元)")
_PERCENT = re.compile(_NUM + r"\s*%")
_SENTENCE_END = re.compile(r"[。！？]")
_UP = ("增加", "增长", "上升", "提高", "多")
_DOWN = ("减少", "下降", "降低", "节约", "少", "减")
_ITEM = re.compile(r"[（(]项[)）]")
_CLASS_LIST_START = re.compile(r"主要用于以下方面|主要用于[:：]")
_CLASS_NAME = re.compile(r"([\u4e00-\u9fa5]{2,20}支出)(?:[（(]类[)）])?\s*$")
_CAPTION = re.compile(r"[（(]\s*图\s*\d+\s*[：:][^）)]*[）)]")
_LINK_MAX = 30  # characters between a label and its amount
_FISCAL_QUALIFIER = re.compile(r"财政(?:资金|拨款)")


@dataclass
class _State:
    keys: tuple[str, ...] = ()
    subject: str | None = None
    label_end: int = -1
    last_end: int = -1
    label_start: int = -1
    emitted: set[tuple[str, str]] = field(default_factory=set)
    specificity: float = 0.9


def figure_candidates(doc: Normalized, chunks: list[Chunk]) -> Iterator[Candidate]:
    for chunk in chunks:
        if chunk.kind != "section" or chunk.project is not None:
            continue
        context = " ".join(chunk.trail)
        for start, end in _sentences(chunk.text):
            sentence = chunk.text[start:end]
            offset = chunk.start + start
            yield from _sentence_figures(doc, sentence, offset, context, chunk.id)


# a clause that names another cost than the label's ("，另外劳务费增加", "，差旅费支出增加")
_OTHER_COST = re.compile(r"[，,；;]\s*(?:另外|其中|同时|此外)?\s*[\u4e00-\u9fff]{1,8}?(?:费用?|经费)(?:支出)?\s*(?:增加|减少|为|是|支出|共)?\s*$")


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    at = 0
    for match in _SENTENCE_END.finditer(text):
        if re.search(r"[（(]项[)）]\s*$", text[max(0, match.start() - 4) : match.start()]):
            continue  # "事业运行（项）。年初预算为…": the item's figures follow its name
        if match.end() - at > 1:
            yield at, match.end()
        at = match.end()
    if len(text) - at > 1:
        yield at, len(text)


def _sentence_figures(doc: Normalized, s: str, offset: int, context: str, chunk_id: int) -> Iterator[Candidate]:
    events = _events(s)
    state = _State()
    in_class_list = False
    item_context = "具体情况" in context or "公共预算财政拨款支出" in context
    for kind, start, end, payload in events:
        if kind == "classlist":
            in_class_list = True
            state = _State()
            continue
        if kind == "label":
            if state.keys and 0 <= start - state.label_end <= 1 and state.last_end == state.label_end:
                state.label_end = state.last_end = end  # "“三公”经费财政拨款支出": a qualifier, not a new figure
                continue
            state = _State(keys=payload, label_end=end, last_end=end, label_start=start)  # type: ignore[arg-type]
            continue
        if kind == "sublabel":
            state = _State(keys=(payload,), label_end=end, last_end=end, label_start=start, specificity=0.8)
            continue
        if kind == "item":
            state = _State(keys=("function_item_expenditure",), subject=payload, label_end=end, last_end=end, label_start=start)
            continue
        if kind == "amount":
            value, unit = payload
            before = s[max(0, start - 12) : start]
            if in_class_list and (not state.keys or state.keys == ("function_class_expenditure",)):
                name = _CLASS_NAME.search(s[max(0, start - 22) : start])
                state = _State(
                    keys=("function_class_expenditure",),
                    subject=name.group(1) if name else None,
                    label_end=start,
                    last_end=start,
                    specificity=0.9 if name else 0.4,
                )
            elif item_context and re.search(r"支出\s*决算(?:数)?为?\s*$", before) and (
                not state.keys or start - state.last_end > _LINK_MAX or "完成" in s[state.last_end : start]
            ):
                state = _State(keys=("function_item_expenditure",), label_end=start, last_end=start, specificity=0.4)
            if not state.keys or start - state.last_end > _LINK_MAX:
                continue
            if _OTHER_COST.search(s[state.last_end : start]):
                state = _State()  # "…在公用经费中列支，另外劳务费增加 3 万元": the amount is another cost's
                continue
            measure, signed = _amount_measure(s, start, state)
            yield from _emit(doc, state, measure, signed * value, unit, s, offset, start, end, chunk_id)
            state.last_end = end
            continue
        if kind == "percent":
            if not state.keys or start - state.last_end > _LINK_MAX:
                continue
            percent_measure, sign = _percent_measure(s[max(0, state.last_end) : start])
            if percent_measure is None:
                continue
            yield from _emit(doc, state, percent_measure, sign * payload, "%", s, offset, start, end, chunk_id)
            state.last_end = end


_Event = tuple[str, int, int, Any]


def _events(s: str) -> list[_Event]:
    events: list[_Event] = []
    share_spans = [(m.start(), m.end()) for m in re.finditer(r"占[^，。；\d%]{0,25}?的", s)]
    share_spans += [(m.start(), m.end()) for m in _CAPTION.finditer(s)]
    for label in find_labels(s):
        if any(a <= label.start < b for a, b in share_spans):
            continue  # "占本年支出合计的98.29%": the label names the whole, not a new figure
        keys = label.keys
        clause = re.split(r"[，,。；;：:]", s[max(0, label.start - 8) : label.start])[-1]
        if keys == ("expenditure_basic",) and _FISCAL_QUALIFIER.search(clause):
            keys = ("gpb_basic_expenditure",)  # "财政资金年初基本支出预算安排…": the fiscal funds' basic expenditure
        events.append(("label", label.start, label.end, keys))
    for m in _ITEM.finditer(s):
        events.append(("item", m.start(), m.end(), item_subject(s, m.start())))
    for m in _CLASS_LIST_START.finditer(s):
        events.append(("classlist", m.start(), m.end(), None))
    for subs in SUB_LABELS.values():
        for word, key in subs.items():
            for m in re.finditer(rf"(?<![\u4e00-\u9fa5]{{2}}采购){word}(?:类|支出)?", s):
                events.append(("sublabel", m.start(), m.end(), key))
    for m in _AMOUNT.finditer(s):
        events.append(("amount", m.start(), m.end(), (float(m.group(1)), m.group(2))))
    for m in _PERCENT.finditer(s):
        events.append(("percent", m.start(), m.end(), float(m.group(1))))
    events.sort(key=lambda e: (e[1], -e[2]))
    return _drop_overlaps(events)


def item_subject(s: str, end: int) -> str:
    """The item (项) name before "（项）": back to the previous （款）/（类）, separator or line start."""
    begin = end
    while begin > 0 and end - begin < 40:
        previous = s[begin - 1]
        if previous in "，。；：:\n)）" and not _inside_parentheses(s, begin - 1):
            break
        begin -= 1
    return re.sub(r"^[（(]?\d+[）)]?\s*|^\d+[.、]\s*", "", s[begin:end].strip())


def _inside_parentheses(s: str, at: int) -> bool:
    """Whether the closing parenthesis at `at` closes a short note like （室） rather than （款）."""
    if s[at] not in ")）":
        return False
    opening = max(s.rfind("（", 0, at), s.rfind("(", 0, at))
    return opening >= 0 and s[opening + 1 : at] not in ("款", "类", "项")


def _drop_overlaps(events: list[_Event]) -> list[_Event]:
    kept: list[_Event] = []
    last_end = -1
    for event in events:
        if event[1] < last_end and event[0] in ("label", "sublabel", "item"):
            continue
        kept.append(event)
        if event[0] in ("label", "sublabel", "item"):
            last_end = max(last_end, event[2])
    # sub-labels count only after their parent figure's label
    result = []
    parent_seen = False
    for event in kept:
        if event[0] == "label":
            parent_seen = any(k in SUB_LABELS for k in event[3])
        if event[0] == "sublabel" and not parent_seen:
            continue
        result.append(event)
    return result


def _amount_measure(s: str, start: int, state: _State) -> tuple[str, float]:
    between = s[max(state.last_end, 0) : start]
    tail = between[-8:]
    compared = re.search(r"上年|相比|比\s*\d{4}|较|同比", s[max(0, start - 45) : start]) is not None
    for words, sign in ((_DOWN, -1.0), (_UP, 1.0)):
        if any(word in tail for word in words) and (compared or state.emitted):
            return "yoy_delta", sign
    if "预算" in tail and "决算" not in tail and "完成" not in tail:
        return "budget", 1.0
    return "actual", 1.0


def _percent_measure(between: str) -> tuple[str | None, float]:
    tail = between[-14:]
    if re.search(r"完成(?:年初|全年|调整后)?预算(?:数)?的?\s*$|预算完成率为?\s*$|执行率为?\s*$", tail):
        return "execution_rate_pct", 1.0
    if re.search(r"占[^，。；]{0,25}?\s*$", tail) and "占" in tail:
        return "share_pct", 1.0
    short = tail[-4:]
    if any(word in short for word in _DOWN):
        return "yoy_pct", -1.0
    if any(word in short for word in _UP):
        return "yoy_pct", 1.0
    return None, 1.0


def _emit(
    doc: Normalized, state: _State, measure: str, value: float, unit: str, s: str, offset: int, start: int, end: int,
    chunk_id: int,
) -> Iterator[Candidate]:  # fmt: skip
    quote_start = max(0, min(state.label_end - 30, start))
    label_start = _label_start(s, state, start)
    quote_start = label_start if label_start is not None else quote_start
    evidence = evidence_for(doc, offset + quote_start, offset + end)
    for key in state.keys:
        if (key, measure) in state.emitted:
            continue
        state.emitted.add((key, measure))
        figure = Figure(key=key, measure=measure, subject=state.subject, value=value, unit=unit, evidence=evidence)  # type: ignore[arg-type]
        yield Candidate(item=figure, source="rules", rule=f"sentence:{measure}", specificity=state.specificity, chunk_id=chunk_id)


def _label_start(s: str, state: _State, start: int) -> int | None:
    """Where the quote starts: the beginning of the clause that holds the label, if near."""
    anchor = state.label_start if state.label_start >= 0 else state.label_end
    window_start = max(0, anchor - 30)
    cut = max(s.rfind(p, window_start, max(anchor, window_start)) for p in "，；：,;:、\n")
    begin = cut + 1 if cut >= 0 else window_start
    return begin if begin <= start else None
