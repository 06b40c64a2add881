"""Rules for figures stated in sentences: "2022年度收、支总计1519.86万元…增长0.15%".

In: prose chunks of the normalized document. Out: figure candidates. A sentence is read left to right as a stream
of events: catalog labels, amounts (万元/元/亿元), percentages, the items (项) and classes (类) of the functional
structure, and the lines of the same statements that are no catalog figure. An amount belongs to the label before
it; the words just before a number decide its measure (预算 → budget, 增加/减少 after a comparison with an earlier
year → signed year-on-year change, 占 → share, 完成预算 → execution rate; a change against the budget is no
figure). The grammar's words and patterns are data in `extractor.vocabulary` (the statement grammar section).
Labels lost in extraction leave values with no key; those are not guessed, except in the two structures whose key
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
from extractor.extract.rules.labels import LABEL_RE, SUB_LABELS, find_labels, find_labels_across, label_pattern
from extractor.extract.rules.meta import report_year
from extractor.normalize import Normalized
from extractor.route import carries_project_table
from extractor.vocabulary import (
    ACTUAL_WORDS,
    ADJUSTED_BUDGET,
    AMOUNT,
    ASIDE,
    BARE_LABEL,
    BARE_LABEL_KEYS,
    BUDGET_ALLOCATION,
    BUDGET_CONTAINER,
    BUDGET_IN_RATE,
    BUDGET_IN_RATE_AFTER,
    BUDGET_IN_RATE_LINK,
    BUDGET_WORD,
    CAPTION,
    CHANGE_DOWN,
    CHANGE_REACH,
    CHANGE_UP,
    CLASS_CONTEXT,
    CLASS_LIST_END,
    CLASS_LIST_START,
    CLASS_MARK,
    CLASS_NAME,
    CLAUSE_BREAK,
    CLAUSE_STARTS,
    CLOSING_PARENTHESES,
    COMPARED_YEAR_BEFORE,
    COMPARISON_BASES,
    COMPARISON_MEASURES,
    COMPARISON_REACH,
    CONTINUES_COMPARISON,
    CONTINUES_FIGURE,
    EACH_CUE,
    ECONOMY_RATIO,
    ENUMERATED_ITEM,
    ENUMERATED_ITEM_BEFORE_STOP,
    EXECUTION_RATE,
    FISCAL_QUALIFIER,
    FUNCTIONAL_CLASSES,
    HEADING_SENTENCE,
    ITEM_ACTUAL,
    ITEM_BEFORE_STOP,
    ITEM_CODE,
    ITEM_CONTEXT,
    ITEM_FIGURES_AHEAD,
    ITEM_MARK,
    ITEM_NAME_PREFIX,
    ITEM_NAME_STOPS,
    ITEM_SECTION,
    ITEM_SETTLED,
    KUAN_MARK,
    LABEL_OPTIONAL_CHARS,
    LATER_YEAR_LABEL,
    LEADING_YEAR,
    LEVEL_MARKS,
    LINK_MAX,
    LISTED_CUE,
    LISTED_JOIN,
    LISTED_PARTS_OF,
    LISTED_SHARES,
    MIN_SCOPED_UNITS,
    MONEY_UNIT,
    MONEY_UNIT_SHORT,
    NAMED_BUDGET_RATIO,
    NAMED_YEAR_LABEL,
    NOT_A_FIGURE_BEFORE,
    NOT_BUDGET_WORDS,
    NOT_ITEM_SECTION,
    NUMBER,
    OPENING_PARENTHESES,
    OTHER_BUDGET_SECTION,
    OTHER_COST,
    OTHER_ITEMS,
    PAIRED_AMOUNTS,
    PAIRED_CUE,
    PAIRED_PERCENTS,
    PART_YEAR,
    PARTS_JOIN,
    PARTS_OF,
    PARTS_WORD,
    PERCENT,
    PRIOR_AMOUNT,
    PRIOR_RATIO,
    PRIOR_VALUE,
    PRIOR_YEAR_LABEL,
    PURPOSE_CLAUSE,
    PURPOSE_SPAN,
    REASON_OPENER,
    SCOPE_UNIT,
    SETTLED_YEAR_FAR,
    SHARE,
    SHARE_SPAN,
    SIDE_SUBJECT,
    SIDE_TOPICS,
    STATEMENT_SENTENCE_END,
    SUB_LABEL_NOT_AFTER,
    TOPIC_TOTAL_WORDINGS,
    TOPIC_TOTALS,
    WAN_IN_YI,
    WAN_PART,
    WHOLE_OF_PARTS,
    YEAR,
    YEAR_COMPARISON,
)
from schemas import Figure
from schemas.catalog import FIGURE_TOPICS

_OTHER_ITEM = re.compile("|".join(label_pattern(item) for item in sorted(OTHER_ITEMS, key=len, reverse=True)))
_SUB_LABEL = {
    word: re.compile(rf"(?<!{SUB_LABEL_NOT_AFTER}){re.escape(word)}") for subs in SUB_LABELS.values() for word in subs
}
_CLASS = re.compile(
    "(" + "|".join(label_pattern(name) for name in sorted(FUNCTIONAL_CLASSES, key=len, reverse=True)) + ")"
    + "(?:" + CLASS_MARK.pattern + ")?"
)
_STRUCTURAL = ("label", "sublabel", "item", "other", "class", "side")
# "货物、工程、服务政府采购规模分别为A亿元、B亿元和C亿元": the parts' words, the figure's words, the cue; then the values
_LISTED = {
    parent: re.compile(
        "(?P<names>(?:{w})(?:{j}(?:{w}))+)\\s*{p}{c}".format(
            w="|".join(map(re.escape, SUB_LABELS[parent])), j=LISTED_JOIN, p=words, c=LISTED_CUE
        )
    )
    for parent, words in LISTED_PARTS_OF.items()
}
_LISTED_NAME = re.compile("|".join(re.escape(w) for parent in LISTED_PARTS_OF for w in SUB_LABELS[parent]))
_WAN_NUMBER = rf"(?:{WAN_PART})?{NUMBER}"  # "1万5664.1(亿元)"
_LISTED_AMOUNTS = re.compile(rf"^{_WAN_NUMBER}\s*(?:{MONEY_UNIT})?(?:{LISTED_JOIN}{_WAN_NUMBER}\s*(?:{MONEY_UNIT})?)*")
_LISTED_PERCENTS = re.compile(rf"^{NUMBER}\s*%?(?:{LISTED_JOIN}{NUMBER}\s*%?)*")
_LISTED_VALUE = re.compile(rf"(?:{WAN_PART})?({NUMBER})\s*({MONEY_UNIT}|%)?")
_YEAR_ON_YEAR = COMPARISON_MEASURES["last_year"]  # the measures of a change against last year's actual
_YOY_AMOUNT, _YOY_PERCENT = _YEAR_ON_YEAR if _YEAR_ON_YEAR is not None else ("yoy_delta", "yoy_pct")
_YEAR_ON_YEAR_MEASURES = frozenset((_YOY_AMOUNT, _YOY_PERCENT))
_VALUES = ("amount", "percent", "pair")
# The flags of a figure whose sentence leaves a guess, for the reviewer (`extractor.score` caps them under the threshold):
SUBJECT_GUESSED = "subject_guessed"  # the sentence does not say whose figure it is (see `_carried`)
BASIS_GUESSED = "basis_guessed"  # the sentence does not say what the change is compared with (read as year on year)
_NAMED_BUDGET_REACH = 32  # characters before a percent that may name the budget it is a ratio to
_TOPIC_TOTAL = {key: TOPIC_TOTALS[topic] for topic, (keys, _) in FIGURE_TOPICS.items() if topic in TOPIC_TOTALS for key in keys}
_TOPIC_WORDINGS = frozenset(TOPIC_TOTAL_WORDINGS)
_SUB_LABEL_PARENT = {key: parent for parent, subs in SUB_LABELS.items() for key in subs.values()}
_HEAD = 4000  # characters of the document's beginning that name the year reported on
_SPACE = re.compile(r"\s+")  # line breaks the normalizer left inside a clause ("完成\n年初预算的90%")
# "15.8\n9万元", "占14\n.91%": the number's first digits are on the line before
_BROKEN_NUMBER = re.compile(r"[\d.]\s*\n\s*\.?$|\.$")


@dataclass
class _State:
    keys: tuple[str, ...] = ()
    subject: str | None = None
    label_end: int = -1
    last_end: int = -1
    label_start: int = -1
    emitted: set[tuple[str, str]] = field(default_factory=set)
    specificity: float = 0.9
    against_budget: bool = False  # the clause compares with the budget: its changes are no figures
    last_amount: str | None = None  # the measure of the figure's last amount: a change after a budget is the budget's
    budget_in_rate: bool = False  # the last amount was the budget stated inside a rate: the percent after it is the rate
    other_year: bool = False  # the label names a later year's figure (a budget): none of its numbers is the report's
    default_measure: str = "actual"  # an amount's measure where its words name none ("budget" for a budget's parts)
    weak_change: bool = False  # the last change read had no comparison of its own in the sentence
    scope: str | None = None  # the unit the figure is of, in a text about several units
    guessed: bool = False  # the figure was carried from a sentence that stated several: whose it is, is a guess
    prior: bool = False  # the label names last year's figure: its amounts and rates are no figures, and its changes
    # are the report's only where the sentence also states this year's figure ("2031年…120万元，2030年…100万元，增加20万元")


@dataclass
class _Sentence:
    """One sentence of a chunk and what the sentence before it left for it to continue."""

    text: str
    offset: int
    section: str
    chunk_id: int
    carried: _State | None = None  # the previous sentence's figure, for a sentence that goes on with it
    compared: bool = False  # the previous sentence compared with an earlier year
    previous: tuple[str, ...] = ()  # the keys of the previous sentence's last figure
    year: int | None = None  # the year reported on
    stated: set[str] = field(default_factory=set)  # keys whose amount of the year reported on the sentence stated
    basis: str | None = None  # the last comparison the sentence stated: a bare change after it is compared the same way
    context: _State | None = None  # the previous sentence's last figure, whose parts a "其中" opening this one names
    scoped: bool = False  # the text names several units before their figures: each figure is its unit's
    recent: tuple[tuple[str, ...], ...] = ()  # the figures (their keys) the chunk's earlier sentences stated, in order


def figure_candidates(doc: Normalized, chunks: list[Chunk]) -> Iterator[Candidate]:
    year = report_year(doc.text[:_HEAD])
    scoped = _names_several_units(doc.text)
    for chunk in chunks:
        if chunk.kind != "section" or chunk.project is not None or carries_project_table(chunk.text):
            continue  # (a self-evaluation form's text: its budget block's money is the form's, no final accounts)
        if chunk.trail and _another_years_budget(chunk.trail[-1], year):
            continue  # "一、2032年“三公”经费预算安排情况" on the page of the 2031 决算
        section = " ".join(chunk.trail)
        previous: _State | None = None
        last: _State | None = None
        recent: list[tuple[str, ...]] = []
        told_before: list[tuple[str, ...]] = []
        compared = skipping = False
        for start, end in _sentences(chunk.text):
            s = chunk.text[start:end]
            if LEADING_YEAR.match(s) or "\n" in s[: len(s) - len(s.lstrip())]:
                skipping = _another_years_budget(s, year)  # a paragraph on another year's budget is not the report's
            elif skipping and _settles(s, year):
                skipping = False  # "…中央本级2030年“三公”经费预算执行数为A亿元": back to the year reported on
            if skipping:
                previous = last = None
                recent, told_before = [], []
                continue
            sentence = _Sentence(s, chunk.start + start, section, chunk.id, _carried(s, previous, tuple(told_before)), compared,
                                 previous.keys if previous is not None else (), year, context=last,
                                 scoped=scoped, recent=tuple(recent))  # fmt: skip
            reader = _SentenceReader(doc, sentence)
            yield from reader.read()
            yield from _listed_parts(doc, sentence)
            previous = reader.told  # the sentence's last figure, for the next sentence to go on with
            last = reader.state
            told_before = reader.told_keys
            recent.extend(reader.told_keys)
            compared = YEAR_COMPARISON.search(s) is not None or (compared and CONTINUES_COMPARISON.match(s) is not None)


def _another_years_budget(s: str, year: int | None) -> bool:
    """Whether a sentence (or heading) states the budget of a later year than the one reported on."""
    leading = LEADING_YEAR.match(s)
    if leading is None or year is None or int(leading.group(1)) <= year:
        return False
    return BUDGET_WORD in s and not any(word in s for word in NOT_BUDGET_WORDS)


def _listed_parts(doc: Normalized, sentence: _Sentence) -> Iterator[Candidate]:
    """The parts of a figure listed with each its amount after "分别为" ("货物、工程、服务政府采购规模分别为A亿元、B亿元和C
    亿元"), and each its share where a "占…比例为p%、q%和r%" follows: the n-th value is the n-th part's. Nothing where the
    values are not as many as the parts, or the clause names another year than the one reported on."""
    s = sentence.text
    for parent, pattern in _LISTED.items():
        for m in pattern.finditer(s):
            year = LATER_YEAR_LABEL.search(CLAUSE_BREAK.split(s[max(0, m.start() - 20) : m.start()])[-1])
            if year is not None and sentence.year is not None and int(year.group(1)) != sentence.year:
                continue
            keys = [SUB_LABELS[parent][w.group(0)] for w in _LISTED_NAME.finditer(m.group("names"))]
            amounts = _listed_values(s, m.end(), _LISTED_AMOUNTS, len(keys))
            if amounts is None:
                continue
            values, end = amounts
            unit = values[-1][1]
            if unit is None or unit == "%" or any(u not in (None, unit) for _, u, _ in values):
                continue
            unit = MONEY_UNIT_SHORT.get(unit, unit)
            for key, (value, _, value_end) in zip(keys, values, strict=True):
                yield _listed_candidate(doc, sentence, key, "actual", value, unit, m.start(), value_end)
            shares = LISTED_SHARES.match(s, end)
            percents = _listed_values(s, shares.end(), _LISTED_PERCENTS, len(keys)) if shares else None
            if shares is None or percents is None or ECONOMY_RATIO.search(s[shares.start() : shares.end()]):
                continue
            for key, (value, _, value_end) in zip(keys, percents[0], strict=True):
                yield _listed_candidate(doc, sentence, key, "share_pct", value, "%", shares.start(), value_end)


def _listed_values(s: str, at: int, pattern: re.Pattern[str], n: int) -> tuple[list[tuple[float, str | None, int]], int] | None:
    """The n values listed at `at` (value, its unit if written, where it ends) and where the list ends; None unless n."""
    m = pattern.match(s[at:])
    if m is None:
        return None
    values = [
        (float(v.group(1) or 0) * 10000 + float(v.group(2)), v.group(3), at + v.end())
        for v in _LISTED_VALUE.finditer(m.group(0))
    ]
    return (values, at + m.end()) if len(values) == n else None


def _listed_candidate(doc: Normalized, sentence: _Sentence, key: str, measure: str, value: float, unit: str,
                      start: int, end: int) -> Candidate:  # fmt: skip
    evidence = evidence_for(doc, sentence.offset + start, sentence.offset + end)
    figure = Figure(key=key, measure=measure, subject=None, value=value, unit=unit, evidence=evidence)  # type: ignore[arg-type]
    return Candidate(item=figure, source="rules", rule=f"listed:{measure}", specificity=0.9, chunk_id=sentence.chunk_id)


def _normal_label(text: str) -> str:
    """A label as written, without the characters labels may carry or lose (quotes, spaces)."""
    return "".join(ch for ch in text if ch not in LABEL_OPTIONAL_CHARS)


def _names_several_units(text: str) -> bool:
    """Whether the text names two units or more right before figures' labels (news about several departments)."""
    units = set()
    for label in find_labels(text):
        unit = SCOPE_UNIT.search(text[max(0, label.start - 20) : label.start].rstrip(LABEL_OPTIONAL_CHARS))
        if unit is not None:
            units.add(unit.group(1))
    return len(units) >= MIN_SCOPED_UNITS


def _scope_before(s: str, start: int) -> str | None:
    """The unit named right before a label at `start`, in its clause."""
    clause = CLAUSE_BREAK.split(s[max(0, start - 20) : start])[-1].rstrip(LABEL_OPTIONAL_CHARS)
    unit = SCOPE_UNIT.search(clause)
    return unit.group(1) if unit is not None else None


def _settles(s: str, year: int | None) -> bool:
    """Whether a sentence settles the year reported on (its 决算 or 执行数)."""
    return year is not None and any(int(m.group(1)) == year for m in SETTLED_YEAR_FAR.finditer(s))


def _carried(s: str, previous: _State | None, told: tuple[tuple[str, ...], ...] = ()) -> _State | None:
    """The previous sentence's figure when this sentence goes on with it: it starts with a comparison
    ("较上年增加…") or the previous one only named the figure, as a heading does. Where the previous sentence stated
    several figures ("收入总计A万元，支出总计B万元。与上年相比，增加…"), which one goes on is a guess (its last one):
    read, and flagged `subject_guessed` for review."""
    if previous is None or not previous.keys or previous.subject is not None:
        return None
    if CONTINUES_FIGURE.match(s) or previous.specificity < 0:
        several = len(set(told)) > 1 and previous.specificity >= 0
        return _State(keys=previous.keys, label_end=0, last_end=0, label_start=0, specificity=0.8, guessed=several)
    return None


def _sentences(text: str) -> Iterator[tuple[int, int]]:
    at = 0
    for match in STATEMENT_SENTENCE_END.finditer(text):
        if ITEM_BEFORE_STOP.search(text[max(0, match.start() - 4) : match.start()]):
            continue  # "事业运行（项）。年初预算为…": the item's figures follow its name
        if ITEM_FIGURES_AHEAD.match(text, match.end()) and ENUMERATED_ITEM_BEFORE_STOP.search(
            text[max(0, match.start() - 48) : match.start()]
        ):
            continue  # "3.群众文化。年初预算为…": the same, without the （项） mark
        if match.end() - at > 1:
            yield at, match.end()
        at = match.end()
    if len(text) - at > 1:
        yield at, len(text)


class _SentenceReader:
    """Reads one sentence's events left to right, keeping the figure the next number belongs to."""

    def __init__(self, doc: Normalized, sentence: _Sentence) -> None:
        s = sentence.text
        self.doc, self.sentence = doc, sentence
        self.events = _events(s, sentence.section)
        first_value = next((e[1] for e in self.events if e[0] in _VALUES), len(s))
        labeled = any(e[0] in ("label", "item", "sublabel") and e[1] < first_value for e in self.events)
        self.state = sentence.carried if sentence.carried is not None and not labeled else _State()
        # "其中：公务接待费减少…", "支出增加B万元…" after "与上年相比，收入增加A万元": the previous sentence's comparison
        self.compared = sentence.compared and (CONTINUES_COMPARISON.match(s) or SIDE_SUBJECT.match(s.lstrip())) is not None
        self.in_class_list = False
        self.item_context = any(word in sentence.section for word in ITEM_CONTEXT)
        self.told: _State | None = None  # the state of the sentence's last figure
        self.told_keys: list[tuple[str, ...]] = []  # the keys of every figure the sentence stated, in order
        self.aside: _State | None = None  # the figure an aside interrupts
        # the figure whose parts a "其中" at the sentence's start names
        self.parent = sentence.previous if CONTINUES_COMPARISON.match(s) else None
        # the figure whose parts the labels name (after its "其中", or inside its budget: "预算中，…"), and whether
        # they are named inside its budget
        self.parent_state = sentence.context if CONTINUES_COMPARISON.match(s) else None
        self.container = False
        self.heading = first_value == len(s) and HEADING_SENTENCE.match(s) is not None

    def read(self) -> Iterator[Candidate]:
        for kind, start, end, payload in self.events:
            if kind in _VALUES:
                if kind == "amount":
                    self.state = _amount_state(
                        self.sentence.text, start, self.state, self.in_class_list, self.item_context
                    )
                figures = list(
                    _read_value(self.doc, self.sentence, self.state, kind, start, end, payload, self.compared)
                )
                self.told = self.state if figures else self.told
                if figures and (not self.told_keys or self.told_keys[-1] != self.state.keys):
                    self.told_keys.append(self.state.keys)
                yield from figures
            else:
                self._structure(kind, start, end, payload)
        if self.told is None and self.state.keys and self.heading:
            self.told = _State(keys=self.state.keys, specificity=-1.0)  # a heading: its figure's values follow

    def _structure(self, kind: str, start: int, end: int, payload: Any) -> None:
        if kind in ("classlist", "classend"):
            self.in_class_list = kind == "classlist"
            self.state = _State()
        elif kind == "other":
            self.state = _State()
        elif kind == "purpose" and self.state.keys and start - self.state.last_end <= LINK_MAX:
            self.state.last_end = end  # "…万元，主要用于…，完成年初预算100%": the rate is the figure's
        elif kind == "aside":
            self.aside = self.state
        elif kind == "aside_end" and self.aside is not None:
            self.state, self.aside = self.aside, None
            self.state.last_end = end
        elif kind == "label":
            self._label(start, end, payload)
        elif kind == "side":
            self.state = self._side(end, payload)
        elif kind == "sublabel":
            self.state = _State(keys=(payload,), label_end=end, last_end=end, label_start=start, specificity=0.8)
        elif kind == "item":
            keys = ("function_item_expenditure",)
            self.state = _State(keys=keys, subject=payload, label_end=end, last_end=end, label_start=start)
        elif kind == "class":
            keys = ("function_class_expenditure",)
            self.state = _State(keys=keys, subject=payload, label_end=end, last_end=end, label_start=start)

    def _label(self, start: int, end: int, keys: tuple[str, ...]) -> None:
        state, s = self.state, self.sentence.text
        if state.keys and 0 <= start - state.label_end <= 1 and state.last_end == state.label_end:
            state.label_end = state.last_end = end  # "“三公”经费财政拨款支出": a qualifier, not a new figure
            return
        if len(state.keys) == 1 and state.keys[0] in _TOPIC_TOTAL and _normal_label(s[start:end]) in _TOPIC_WORDINGS:
            keys = (_TOPIC_TOTAL[state.keys[0]],)  # "“三公”经费…该项支出…：2031年支出合计5亿元": the topic's total
        if state.keys and PARTS_WORD in s[max(0, state.last_end) : start]:
            self.parent = state.keys
            self.parent_state, self.container = state, False
        if state.keys and BUDGET_CONTAINER.search(s[max(0, state.label_end) : start]):
            self.parent_state, self.container = state, True
        if self.parent is not None and len(self.parent) == 1 and self.parent[0] in PARTS_OF:
            parts = PARTS_OF[self.parent[0]]
            keys = tuple(k for k in (parts.get(key, key) for key in keys) if k is not None)
        parent = self.parent_state
        budget_parts = parent is not None and (self.container or _states_only_budget(parent))
        scope = _scope_before(s, start) if self.sentence.scoped else None
        if scope is None and parent is not None:
            scope = parent.scope  # "北京市公安局的“三公”经费…，其中公车购置费为0元": the unit's part
        self.state = _State(keys=keys, label_end=end, last_end=end, label_start=start, prior=self._prior(start) or (parent is not None and parent.prior),
                            other_year=self._later(start) or (parent is not None and parent.other_year),
                            default_measure="budget" if budget_parts else "actual", scope=scope)  # fmt: skip

    def _side(self, end: int, topic: str) -> _State:
        """The figure a bare side word names before its change ("收入增加A万元"): the latest figure of that side the
        chunk stated (one of a pair's two keys, "收、支总计"), of each side for "收支"; none if the chunk stated none."""
        named: list[str] = []
        for one in topic.split():  # "revenue expenditure": both sides ("收支"), each its latest figure
            side = FIGURE_TOPICS[one][0]
            for keys in reversed([*self.sentence.recent, *self.told_keys]):
                own = [key for key in keys if key in side]
                if own:
                    named.extend(key for key in own if key not in named)
                    break
        if not named:
            return _State()
        return _State(keys=tuple(named), label_end=end, last_end=end, label_start=end, specificity=0.8)

    def _named_year(self, start: int) -> int | None:
        """The year named a few words before the label at `start`, in its clause ("2032年中央本级“三公”经费")."""
        clause = CLAUSE_BREAK.split(self.sentence.text[max(0, start - 16) : start])[-1].rstrip(LABEL_OPTIONAL_CHARS)
        named = LATER_YEAR_LABEL.search(clause)
        return int(named.group(1)) if named is not None else None

    def _later(self, start: int) -> bool:
        """Whether the label at `start` is named with a year after the one reported on (a budget of that year), or
        the sentence is on part of a year ("1-6月，…累计支出…")."""
        if PART_YEAR.search(self.sentence.text[:start]):
            return True
        named = self._named_year(start)
        return named is not None and self.sentence.year is not None and named > self.sentence.year

    def _prior(self, start: int) -> bool:
        """Whether the label at `start` is named with last year ("上年…", or a year before the one reported on)."""
        clause = CLAUSE_BREAK.split(self.sentence.text[max(0, start - 10) : start])[-1].rstrip(LABEL_OPTIONAL_CHARS)
        if PRIOR_YEAR_LABEL.search(clause):
            return True
        named = NAMED_YEAR_LABEL.search(clause)
        if named is not None and self.sentence.year is not None and int(named.group(1)) < self.sentence.year:
            return True
        year = self._named_year(start)
        if year is not None and self.sentence.year is not None and year < self.sentence.year:
            return True
        return self._only_earlier_years(start)

    def _only_earlier_years(self, start: int) -> bool:
        """Whether the sentence, before the label at `start`, names years and only years before the one reported on
        ("经汇总，2028年中央行政单位、事业单位…“三公”支出合计A亿元" in 2031 news): the label is that year's."""
        s, report = self.sentence.text, self.sentence.year
        years = [int(m.group(1)) for m in YEAR.finditer(s, 0, start)
                 if not COMPARED_YEAR_BEFORE.search(s[max(0, m.start() - 3) : m.start()])]  # fmt: skip
        return report is not None and bool(years) and max(years) < report


def _read_value(doc: Normalized, sentence: _Sentence, state: _State, kind: str, start: int, end: int, payload: Any,
                compared: bool) -> Iterator[Candidate]:  # fmt: skip
    if kind == "amount":
        yield from _read_amount(doc, sentence, state, start, end, payload, compared)
    elif kind == "percent":
        yield from _read_percent(doc, sentence, state, start, end, payload)
    else:
        yield from _read_pair(doc, sentence, state, start, end, payload, compared)


def _amount_state(s: str, start: int, state: _State, in_class_list: bool, item_context: bool) -> _State:
    """The state an amount is read in: a class of the structure list, an item whose name was lost, or as it is."""
    before = s[max(0, start - 12) : start]
    if in_class_list and (not state.keys or state.keys == ("function_class_expenditure",)):
        name = _class_name(s[max(0, start - 22) : start])
        return _State(
            keys=("function_class_expenditure",),
            subject=name,
            label_end=start,
            last_end=start,
            specificity=0.9 if name else 0.4,
        )
    if (
        item_context
        and ITEM_ACTUAL.search(before)
        and (not state.keys or start - state.last_end > LINK_MAX or ITEM_SETTLED in s[state.last_end : start])
    ):
        return _State(keys=("function_item_expenditure",), label_end=start, last_end=start, specificity=0.4)
    return state


def _class_name(before: str) -> str | None:
    """The functional class named just before an amount of the structure list, without its （类） mark: a name
    ending in 支出, or a name the mark follows ("科学技术（类）")."""
    before = _SPACE.sub("", before)
    marked = CLASS_MARK.search(before) is not None
    match = CLASS_NAME.search(CLASS_MARK.sub("", before))
    if match is None:
        return None
    return match.group(1) or (match.group(2) if marked else None)


def _linked(s: str, state: _State, start: int) -> bool:
    """Whether a number at `start` belongs to the state's figure (near enough, and no other cost named between)."""
    if not state.keys or start - state.last_end > LINK_MAX:
        return False
    if OTHER_COST.search(s[state.last_end : start]):
        state.keys = ()  # "…在公用经费中列支，另外劳务费增加 3 万元": the amount is another cost's
        return False
    return REASON_OPENER.search(s[max(0, state.last_end) : start]) is None  # "…主要原因是购置设备支出12万元"


def _read_amount(doc: Normalized, sentence: _Sentence, state: _State, start: int, end: int, payload: Any,
                 compared: bool) -> Iterator[Candidate]:  # fmt: skip
    if not _linked(sentence.text, state, start):
        return
    value, unit = payload
    measure, sign = _amount_measure(sentence, start, state, compared)
    stated = measure
    if (state.prior and measure in ("actual", "budget")) or state.other_year:
        measure = None  # last year's amount, or any number of a later year's figure
    if measure is not None:
        yield from _emit(
            doc, sentence, state, state.keys, measure, (_signed(value, sign),) * len(state.keys), unit, start, end
        )
    if stated in ("actual", "budget") and not state.budget_in_rate:
        state.last_amount = stated  # (the budget inside a rate is an aside: a change after the rate is the figure's)
    state.last_end = end
    state.weak_change = False


def _read_percent(doc: Normalized, sentence: _Sentence, state: _State, start: int, end: int,
                  payload: Any) -> Iterator[Candidate]:  # fmt: skip
    if not _linked(sentence.text, state, start):
        return
    between = sentence.text[max(0, state.last_end) : start]
    basis = _compared_with(_SPACE.sub("", between), sentence.year)
    sentence.basis = basis if basis is not None else sentence.basis
    if state.other_year:
        state.last_end = end
        return  # "2032年…预算A亿元，增长5%": a later year's figure
    if basis is not None and COMPARISON_MEASURES[basis] is None:
        state.against_budget = True
        state.last_end = end
        return  # "较年初预算减少32%", "比上年预算数下降5%": a change against a budget is no catalog figure
    if basis is not None:
        state.against_budget = False  # "比上年预算数下降5%，比上年决算数下降4%": the second is year on year
    measure, sign = _percent_measure(between, state.keys)
    if state.budget_in_rate and _SPACE.sub("", between) == BUDGET_IN_RATE_LINK:
        measure, sign = "execution_rate_pct", 1.0  # "完成全年预算84.00万元的75%"
    state.budget_in_rate = False
    if measure is None or (state.prior and (measure not in _YEAR_ON_YEAR_MEASURES or not _this_year_stated(sentence, state))):
        return  # "2030年…决算为6万元，完成预算100%，较上年增长5%": last year's rate and last year's change
    if measure == _YOY_PERCENT and basis is None and _bare_change(sentence, between):
        if _against_budget(sentence.basis):
            state.last_end = end
            return  # "…比预算数减少9亿元；公务接待费5亿元，减少3亿元，下降40%": the comparison the sentence made
        state.weak_change = not sentence.compared and sentence.carried is None and (
            YEAR_COMPARISON.search(sentence.text[:start]) is None
        )
    if not ((state.against_budget or state.last_amount == "budget") and measure == _YOY_PERCENT):
        yield from _emit(
            doc, sentence, state, state.keys, measure, (_signed(payload, sign),) * len(state.keys), "%", start, end
        )
    state.last_end = end


def _last_years(between: str, year: int | None) -> bool:
    """Whether the words before an amount give it to last year (or to a named year before the one reported on)."""
    match = PRIOR_AMOUNT.search(between)
    if match is None:
        return False
    return match.group(1) is None or (year is not None and int(match.group(1)) < year)


def _this_year_stated(sentence: _Sentence, state: _State) -> bool:
    """Whether the sentence stated the report year's amount of the figure a last-year label names: only then does a
    change after that label compare the two years."""
    return all(key in sentence.stated for key in state.keys)


def _compared_with(between: str, year: int | None) -> str | None:
    """What the change after `between` (the words since the figure's last number, spaces removed) is compared with:
    a key of COMPARISON_MEASURES, from the last comparison in the words that reaches the number; None if none does."""
    best: tuple[tuple[int, int], str] | None = None
    for basis, pattern in COMPARISON_BASES:
        for m in pattern.finditer(between):
            if COMPARISON_REACH.fullmatch(between, m.end()) is None:
                continue  # another clause or number stands between the comparison and the number
            if basis == "named_year_budget":
                basis = "last_year_budget" if year is not None and int(m.group(1)) < year else "budget"
            elif basis == "named_year":
                basis = "last_year" if year is None or int(m.group(1)) == year - 1 else "other_year"
            rank = (m.end(), m.end() - m.start())
            if best is None or rank > best[0]:
                best = (rank, basis)
    return best[1] if best is not None else None


def _signed(value: float, sign: float) -> float:
    """The value with the sign its change word gives; a number written negative keeps its own ("下降-81.75%")."""
    return value if value < 0 else sign * value


def _read_pair(doc: Normalized, sentence: _Sentence, state: _State, start: int, end: int, payload: Any,
               compared: bool) -> Iterator[Candidate]:  # fmt: skip
    """Two numbers for the two figures one label names: "收、支总计各是A,B万元", "各下降p%、q%"."""
    if not _linked(sentence.text, state, start) or len(state.keys) != 2:
        return
    first, second, unit = payload
    if unit == "%":
        measure, sign = _percent_measure(sentence.text[max(0, state.last_end) : start])
    else:
        measure, sign = _amount_measure(sentence, start, state, compared)
    if measure is not None and not (state.against_budget and measure.startswith("yoy")):
        yield from _emit(
            doc, sentence, state, state.keys, measure, (_signed(first, sign), _signed(second, sign)), unit, start, end
        )
    state.last_end = end


_Event = tuple[str, int, int, Any]


def _events(s: str, section: str) -> list[_Event]:
    events: list[_Event] = []
    wholes = [(m.start(), m.end()) for m in SHARE_SPAN.finditer(s)] + [
        (m.start(), m.end()) for m in CAPTION.finditer(s)
    ]
    for label in find_labels_across(s, section):
        if any(a <= label.start < b for a, b in wholes):
            continue  # "占本年支出合计的98.29%": the label names the whole, not a new figure
        if PURPOSE_CLAUSE.search(s[max(0, label.start - 30) : label.start]):
            continue  # "主要用于…人员经费和办公经费": the words say what the money was used for
        if NOT_A_FIGURE_BEFORE.search(s[max(0, label.start - 6) : label.start]):
            events.append(("other", label.start, label.end, None))  # "涉及一般公共预算支出…": another thing's scope
            continue
        keys = label.keys
        clause = CLAUSE_BREAK.split(s[max(0, label.start - 8) : label.start])[-1]
        if keys == ("expenditure_basic",) and FISCAL_QUALIFIER.search(clause):
            keys = ("gpb_basic_expenditure",)  # "财政资金年初基本支出预算安排…": the fiscal funds' basic expenditure
        events.append(("label", label.start, label.end, keys))
    events = _wholes_named_by_parts(s, events)
    events.extend(("other", m.start(), m.end(), None) for m in _OTHER_ITEM.finditer(s))
    events.extend(("item", m.start(), m.end(), item_subject(s, m.start())) for m in ITEM_MARK.finditer(s))
    events.extend(("item", m.start(), m.end(), m.group(1)) for m in ITEM_CODE.finditer(s))
    if ITEM_SECTION in section and CLASS_CONTEXT.search(section) and not NOT_ITEM_SECTION.search(section):
        events.extend(
            ("item", m.start("name"), m.end("name"), m.group("name"))
            for m in ENUMERATED_ITEM.finditer(s)
            # "2.教育支出：年初预算…" is a class heading its items, "1.基本支出：…" a catalog figure of its own
            if not _CLASS.fullmatch(m.group("name")) and not LABEL_RE.fullmatch(m.group("name"))
        )
    events.extend(("label", m.start(1), m.end(1), (BARE_LABEL_KEYS[m.group(1)],)) for m in BARE_LABEL.finditer(s))
    events.extend(("side", m.start(1), m.end(1), SIDE_TOPICS[m.group(1)]) for m in SIDE_SUBJECT.finditer(s))
    if not OTHER_BUDGET_SECTION.search(section):
        events.extend(("classlist", m.start(), m.end(), None) for m in CLASS_LIST_START.finditer(s))
        if ITEM_SECTION not in section and CLASS_CONTEXT.search(section + s):
            events.extend(("class", m.start(), m.end(), m.group(1)) for m in _CLASS.finditer(s))
    events.extend(("purpose", m.start(), m.end(), None) for m in PURPOSE_SPAN.finditer(s))
    for m in ASIDE.finditer(s):
        events.extend((("aside", m.start(), m.start() + 1, None), ("aside_end", m.end(), m.end(), None)))
    events.extend(("classend", m.start(), m.end(), None) for m in CLASS_LIST_END.finditer(s))
    for subs in SUB_LABELS.values():
        for word, key in subs.items():
            events.extend(("sublabel", m.start(), m.end(), key) for m in _SUB_LABEL[word].finditer(s))
    two_figure_labels = [(e[1], e[2], len(e[3]) == 2) for e in events if e[0] == "label"]
    events.extend(_numbers(s, two_figure_labels))
    events.sort(key=lambda e: (e[1], -e[2]))
    return _drop_overlaps(events)


def _wholes_named_by_parts(s: str, events: list[_Event]) -> list[_Event]:
    """Labels of all the parts of a whole, joined only by "、" / "和" / "及", as one label of the whole: "因公出国（境）费、
    公务用车购置及运行费和公务接待费的预算数A万元" states the 三公 total. Not where "分别" / "各" follows them (each part's
    own amount is listed then)."""
    labels = sorted((e for e in events if e[0] == "label" and len(e[3]) == 1), key=lambda e: e[1])
    merged: list[_Event] = []
    used: set[int] = set()
    i = 0
    while i < len(labels):
        j = i
        while j + 1 < len(labels) and PARTS_JOIN.match(s[labels[j][2] : labels[j + 1][1]]):
            j += 1
        run = labels[i : j + 1]
        whole = WHOLE_OF_PARTS.get(frozenset(e[3][0] for e in run)) if len(run) > 1 else None
        if whole is not None and len(run) == len({e[3][0] for e in run}) and not EACH_CUE.match(s[run[-1][2] :]):
            merged.append(("label", run[0][1], run[-1][2], (whole,)))
            used.update(id(e) for e in run)
        i = j + 1
    if not merged:
        return events
    return [e for e in events if id(e) not in used] + merged


def _numbers(s: str, labels: list[tuple[int, int, bool]]) -> list[_Event]:
    """Amounts, percentages, and pairs of either after a cue that lists two figures' values ("各是", "分别为") or
    right after a label that names two figures ("收、支总计A,B万元"). `labels`: (start, end, names two) of the labels."""
    events: list[_Event] = []
    pairs: list[tuple[int, int]] = []
    for pattern, unit_of in ((PAIRED_AMOUNTS, lambda m: m.group(3)), (PAIRED_PERCENTS, lambda m: "%")):
        for m in pattern.finditer(s):
            if PAIRED_CUE.search(s[max(0, m.start() - 6) : m.start()]) or _after_two_figure_label(s, m.start(), labels):
                unit = MONEY_UNIT_SHORT.get(unit_of(m), unit_of(m))
                events.append(("pair", m.start(), m.end(), (float(m.group(1)), float(m.group(2)), unit)))
                pairs.append((m.start(), m.end()))
    wan = {m.end(): m for m in WAN_IN_YI.finditer(s)}
    for kind, pattern in (("amount", AMOUNT), ("percent", PERCENT)):
        for m in pattern.finditer(s):
            if _BROKEN_NUMBER.search(s[max(0, m.start() - 4) : m.start()]):
                continue  # the tail of a number broken over two lines is not a number of its own
            if not any(a <= m.start() < b for a, b in pairs):
                unit = MONEY_UNIT_SHORT.get(m.group(2), m.group(2)) if kind == "amount" else "%"
                payload = (float(m.group(1)), unit) if kind == "amount" else float(m.group(1))
                start = m.start()
                written = wan.get(m.end() - len(m.group(2))) if kind == "amount" else None
                if written is not None and written.start(2) == m.start():
                    start = written.start()  # "3万4993.1亿元": one number
                    payload = (float(written.group(1)) * 10000 + float(written.group(2)), unit)
                events.append((kind, start, m.end(), payload))
    return events


def _after_two_figure_label(s: str, start: int, labels: list[tuple[int, int, bool]]) -> bool:
    """Whether the last label before `start` names two figures and stands in the same clause run, near enough."""
    before = [(a, b, two) for a, b, two in labels if b <= start]
    if not before:
        return False
    _, end, two = max(before)
    return two and start - end <= LINK_MAX and not STATEMENT_SENTENCE_END.search(s[end:start])


def item_subject(s: str, end: int) -> str:
    """The item (项) name before "（项）": back to the previous （款）/（类）, separator or line start. An item written
    with no name of its own ("…事务（款）（项）") is named by its heading (款)."""
    begin = end
    while begin > 0 and end - begin < 40:
        previous = s[begin - 1]
        if previous in ITEM_NAME_STOPS and not _inside_parentheses(s, begin - 1):
            break
        begin -= 1
    name = ITEM_NAME_PREFIX.sub("", s[begin:end].strip())
    if not name:
        kuan = KUAN_MARK.search(s[max(0, end - 6) : end])
        if kuan:
            return item_subject(s, max(0, end - 6) + kuan.start())
    return name


def _inside_parentheses(s: str, at: int) -> bool:
    """Whether the closing parenthesis at `at` closes a short note like （室） rather than （款）."""
    if s[at] not in CLOSING_PARENTHESES:
        return False
    opening = max(s.rfind(p, 0, at) for p in OPENING_PARENTHESES)
    return opening >= 0 and s[opening + 1 : at] not in LEVEL_MARKS


def _drop_overlaps(events: list[_Event]) -> list[_Event]:
    kept: list[_Event] = []
    last_end = -1
    for event in events:
        if event[1] < last_end and event[0] in _STRUCTURAL:
            continue
        kept.append(event)
        if event[0] in _STRUCTURAL:
            last_end = max(last_end, event[2])
    # sub-labels count only after their parent figure's label or a sibling's ("其中公务用车购置费A万元、运行维护费B万元")
    result = []
    parents: set[str] = set()
    for event in kept:
        if event[0] == "label":
            parents = {_SUB_LABEL_PARENT.get(k, k) for k in event[3]} & set(SUB_LABELS)
        if event[0] == "sublabel" and _SUB_LABEL_PARENT[event[3]] not in parents:
            continue
        result.append(event)
    return result


def _amount_measure(sentence: _Sentence, start: int, state: _State, compared: bool) -> tuple[str | None, float]:
    """The measure of an amount from the words before it; None when it is no catalog figure (a change against the
    budget, or a change with nothing it is compared with)."""
    s, year = sentence.text, sentence.year
    between = _SPACE.sub("", s[max(state.last_end, 0) : start])
    basis = _compared_with(between, year)
    sentence.basis = basis if basis is not None else sentence.basis
    if basis is not None and COMPARISON_MEASURES[basis] is None:
        state.against_budget = True  # "与2031年度预算相比，增加1.1万元", "决算数大于预算数5万元": no catalog figure
        return None, 1.0
    if basis is not None or YEAR_COMPARISON.search(between):
        state.against_budget = False  # "比年初预算减少1.5万元，比上年减少2万元": the second change is year on year
    tail = between[-8:]
    compared = compared or YEAR_COMPARISON.search(s[:start]) is not None  # "比上年减少…，其中：公务接待费增加…"
    for words, sign in ((CHANGE_DOWN, -1.0), (CHANGE_UP, 1.0)):
        if any(word in tail for word in words):
            change = _change_measure(sentence, state, basis, between, compared, sign)
            if change is not None or any(word in tail[-CHANGE_REACH:] for word in words):
                return change if change is not None else (None, 1.0)  # "项目支出增加10万元" compared with nothing
    if PRIOR_VALUE.search(between) or _last_years(between, year):
        return None, 1.0  # "比上年累计支出433万元减少…", "上年决算数为6万元": last year's amount
    if BUDGET_IN_RATE.search(tail) and BUDGET_IN_RATE_AFTER.match(s[start:]):
        state.budget_in_rate = True
        return "budget", 1.0
    if ADJUSTED_BUDGET.search(tail):
        return None, 1.0
    if (BUDGET_WORD in tail or BUDGET_ALLOCATION.search(tail)) and not any(word in tail for word in NOT_BUDGET_WORDS):
        return "budget", 1.0
    if any(word in tail for word in ACTUAL_WORDS):
        return "actual", 1.0
    return state.default_measure, 1.0  # a budget's parts are budgets where their words say nothing


def _states_only_budget(state: _State) -> bool:
    """Whether a figure states its budget and no actual (its parts are budgets too): "…预算A万元。其中：…"."""
    if state.default_measure == "budget":
        return True
    return state.last_amount == "budget" and not any(measure == "actual" for _, measure in state.emitted)


def _change_measure(sentence: _Sentence, state: _State, basis: str | None, between: str, compared: bool,
                    sign: float) -> tuple[str | None, float] | None:  # fmt: skip
    """The measure of an amount after a change word: year on year, no figure ((None, 1.0)), or None when the change
    is compared with nothing the words or the figure say (the caller decides by how near the change word is)."""
    if state.against_budget:
        return None, 1.0
    if state.prior:
        return (_YOY_AMOUNT, sign) if _this_year_stated(sentence, state) else (None, 1.0)
    if state.last_amount == "budget":
        return None, 1.0  # "年初预算数A万元，比上年增加B万元": the budget's change, no catalog field
    if not compared and all((key, "budget") in state.emitted for key in state.keys):
        return None, 1.0  # "预算数A万元，决算数C万元，增加D万元": the change compares budget and actual
    if basis is None and _bare_change(sentence, between) and _against_budget(sentence.basis):
        return None, 1.0  # "比预算数减少9亿元；公务接待费5亿元，减少3亿元": compared as the sentence compared
    if compared or state.emitted:
        state.weak_change = not compared  # a change compared with nothing the sentence says: flagged
        return _YOY_AMOUNT, sign
    return None


def _bare_change(sentence: _Sentence, between: str) -> bool:
    """Whether a change states no comparison of its own (its words since the figure's last number name none)."""
    return YEAR_COMPARISON.search(between) is None and _compared_with(between, sentence.year) is None


def _against_budget(basis: str | None) -> bool:
    """Whether a comparison is with a budget (this year's or last year's): its changes have no catalog field."""
    return basis is not None and COMPARISON_MEASURES[basis] is None


def _percent_measure(between: str, keys: tuple[str, ...] = ()) -> tuple[str | None, float]:
    squeezed = _SPACE.sub("", between)
    tail = squeezed[-14:]
    if EXECUTION_RATE.search(tail):
        return "execution_rate_pct", 1.0
    if PRIOR_RATIO.search(tail) or ECONOMY_RATIO.search(tail):
        return None, 1.0
    named = NAMED_BUDGET_RATIO.search(squeezed[-_NAMED_BUDGET_REACH:])
    if named is not None:
        own = {key for match in find_labels(named.group(1)) for key in match.keys}
        return ("execution_rate_pct", 1.0) if keys and own >= set(keys) else (None, 1.0)
    if SHARE.search(tail):
        return "share_pct", 1.0
    short = tail[-4:]
    if any(word in short for word in CHANGE_DOWN):
        return _YOY_PERCENT, -1.0
    if any(word in short for word in CHANGE_UP):
        return _YOY_PERCENT, 1.0
    return None, 1.0


def _emit(doc: Normalized, sentence: _Sentence, state: _State, keys: tuple[str, ...], measure: str,
          values: tuple[float, ...], unit: str, start: int, end: int) -> Iterator[Candidate]:  # fmt: skip
    s = sentence.text
    flags = [flag for flag, on in ((SUBJECT_GUESSED, state.guessed), (BASIS_GUESSED, state.weak_change)) if on]
    state.weak_change = False
    quote_start = max(0, min(state.label_end - 30, start))
    label_start = _label_start(s, state, start)
    quote_start = label_start if label_start is not None else quote_start
    evidence = evidence_for(doc, sentence.offset + quote_start, sentence.offset + end)
    for key, value in zip(keys, values, strict=True):
        if (key, measure) in state.emitted:
            continue
        state.emitted.add((key, measure))
        if measure == "actual" and not state.prior:
            sentence.stated.add(key)
        figure = Figure(key=key, measure=measure, subject=state.subject, value=value, unit=unit, scope=state.scope,  # type: ignore[arg-type]
                        evidence=evidence)  # fmt: skip
        yield Candidate(item=figure, source="rules", rule=f"sentence:{measure}", specificity=state.specificity,
                        chunk_id=sentence.chunk_id, flags=list(flags))  # fmt: skip


def _label_start(s: str, state: _State, start: int) -> int | None:
    """Where the quote starts: the beginning of the clause that holds the label, if near."""
    anchor = state.label_start if state.label_start >= 0 else state.label_end
    window_start = max(0, anchor - 30)
    cut = max(s.rfind(p, window_start, max(anchor, window_start)) for p in CLAUSE_STARTS)
    begin = cut + 1 if cut >= 0 else window_start
    return begin if begin <= start else None
