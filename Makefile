# The front door: `make report` and `make test` each set up .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SHOW_CODE ?= 0
JOBS ?=

.DEFAULT_GOAL := help
.PHONY: help report data test lint bench clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 10

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

data: $(STAMP) ## Extract seeds/ into data/indicators.csv, .parquet, .dta and .xlsx, with data/codebook.md
	$(PY) -m analysis extract seeds --manifest seeds/manifest.csv -o data/indicators.csv -o data/indicators.parquet -o data/indicators.dta -o data/indicators.xlsx --summary
	$(PY) -m analysis codebook -o data/codebook.md

report: data ## Render every notebook for every parameter set into reports/ (HTML) and figures/
	$(PY) -m analysis render --all --data data/indicators.parquet $(if $(filter 1,$(SHOW_CODE)),--show-code,)

test: $(STAMP) ## Run the whole test suite (notebooks and browser checks included)
	$(PY) -m pytest -q

lint: $(STAMP) ## ruff over the library, tests and benchmarks
	$(PY) -m ruff check analysis tests benchmarks

bench: $(STAMP) ## Throughput, memory and render time against their floors
	$(PY) -m benchmarks

clean: ## Remove generated output (keeps .venv)
	rm -rf reports data
