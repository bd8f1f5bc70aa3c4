# Two entry points for a fresh clone: `make serve` (preview the site) and `make test`.
# Both create .venv and install the pinned dependencies first (only when pyproject.toml
# or constraints.txt changed).

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: setup serve build test clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	touch $@

serve: setup            ## preview on http://127.0.0.1:8000/ (Swedish) and /en/ (English)
	$(BIN)/mkdocs serve --livereload -a 127.0.0.1:8000

build: setup            ## the static site in site/ (replaced only when the whole build succeeds)
	$(BIN)/plandocs build --site-dir site

test: setup             ## the linter, then every test (three runs side by side: tests/tiers.py), strict builds included
	$(BIN)/ruff check .
	$(BIN)/python tests/tiers.py

clean:
	rm -rf $(VENV) site
