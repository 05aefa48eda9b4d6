# Two commands for a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: demo test lint typecheck unit browser bench clean

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

unit: $(VENV)/.installed browser
	$(BIN)/python -m pytest

# The browser walk (tests/web/test_browser.py) needs Debian's chromium and chromium-driver:
# installed here when missing and run as root, else one line says how.
browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium and chromium-driver for the browser tests..."; \
	    (apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 || \
	     (apt-get update -qq >/dev/null && apt-get install -y -qq chromium chromium-driver >/dev/null)); \
	  else \
	    echo "Browser tests need chromium: run 'sudo apt-get install -y chromium chromium-driver', then make test."; \
	    exit 1; \
	  fi; \
	fi

test: lint typecheck unit

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/centre_scale.py

clean:
	rm -rf $(VENV) build *.egg-info .mypy_cache .ruff_cache .pytest_cache .hypothesis
