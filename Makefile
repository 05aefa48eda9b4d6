# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck unit bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

demo: $(VENV)/.installed
	$(BIN)/roster solve data/example -o roster.xlsx --time-limit 30

lint: $(VENV)/.installed
	$(BIN)/ruff check roster tests benchmarks
	$(BIN)/ruff format --check roster tests benchmarks

typecheck: $(VENV)/.installed
	$(BIN)/mypy roster
	$(BIN)/lint-imports

unit: $(VENV)/.installed
	$(BIN)/python -m pytest

test: lint typecheck unit

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/centre_scale.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis
