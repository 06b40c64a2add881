"""Stage `extract`, LLM: how many tokens an answer about a chunk can need, so `max_tokens` fits the work.

In: a rendered prompt. Out: a `max_tokens` for its answer. An answer lists at most one item per number
the chunk states and one passage per line it has, and each item costs a bounded number of tokens
(its key, measure, value, a short quote and the JSON around them). A chunk with six numbers gets an
allowance of a few hundred tokens instead of the configured ceiling: a model that loops or rambles is
cut early (the answer is then split and asked again, never accepted), and a slow server is not kept
busy generating thousands of tokens nobody asked for. The configured `llm_max_tokens` stays the ceiling.
"""

from __future__ import annotations

import re

from extractor.extract.llm.client import Prompt

BASE_TOKENS = 192  # the answer's envelope and a little slack
TOKENS_PER_NUMBER = 64  # one figure or cell: key, measure, value, quote of a few words, JSON punctuation
TOKENS_PER_LINE = 24  # a passage or a row named by its first and last words
MIN_TOKENS = 256

_TAG = re.compile(r"<[^>\n]*>")  # the prompt's block delimiters carry ids with digits: not the chunk's numbers
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def answer_tokens(prompt: Prompt, response_model: object = None) -> int:
    """A generous bound on the answer's tokens, from the numbers and lines of the prompt's data (user turns)."""
    data = "\n".join(m["content"] for m in prompt.messages if m.get("role") == "user")
    data = _TAG.sub(" ", data)
    numbers = len(_NUMBER.findall(data))
    lines = sum(1 for line in data.splitlines() if line.strip())
    return max(MIN_TOKENS, BASE_TOKENS + TOKENS_PER_NUMBER * numbers + TOKENS_PER_LINE * lines)
