# Entry points: `make run` (extract the bundled samples, print the accuracy) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench serve lint clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/extractor extract eval/samples --out out --no-llm
	$(BIN)/python -m extractor.summary out
	$(BIN)/extractor eval --gold eval/gold --pred out --json out/eval.json

test: $(STAMP) lint
	$(BIN)/python -m eval.gold_check check eval/gold
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check extractor schemas eval tests
	$(BIN)/lint-imports
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/extractor bench

serve: $(STAMP)
	$(BIN)/extractor serve

clean:
	rm -rf out .cache $(VENV)
