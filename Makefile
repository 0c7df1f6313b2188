# The front door: `make report` and `make test` each set up .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SHOW_CODE ?= 0
JOBS ?=
# Folders of reports `make report` reads, each with an optional manifest.csv inside it.
REPORTS ?= seeds
# The State Council's reports, for the README's over-time figure of 全国 (`make national`).
NATIONAL ?= ../shared/corpus/national

.DEFAULT_GOAL := help
.PHONY: help report data national test lint bench clean

help: ## List the targets
	@grep -E '^[a-z]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 10

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[test]"
	$(PY) -m ipykernel install --sys-prefix --name python3 >/dev/null
	touch $(STAMP)

DATA := $(foreach f,parquet csv dta xlsx,data/indicators.$(f))

data: $(STAMP) ## Extract the folders REPORTS (default: seeds; each with its manifest.csv) into data/indicators.parquet, .csv, .dta, .xlsx and data/codebook.md
	$(PY) -m analysis extract $(REPORTS) $(foreach f,$(DATA),-o $(f)) --summary
	$(PY) -m analysis codebook -o data/codebook.md

report: $(STAMP) ## Read the folders REPORTS (default: seeds) into data/ (as make data); render every page into reports/ and figures/, the rows to look at again into reports/review.html
	$(PY) -m analysis render --all --reports $(REPORTS) $(foreach f,$(DATA),--data $(f)) $(if $(filter 1,$(SHOW_CODE)),--show-code,)
	$(PY) -m analysis codebook -o data/codebook.md

national: $(STAMP) ## The README's figure figures/over_time_quanguo_gdp_growth.png, from the national reports in NATIONAL
	$(PY) -m analysis render over_time --reports $(NATIONAL) -p region 全国 -p indicator gdp -p measure growth

test: $(STAMP) ## Run the whole test suite (notebooks and browser checks included)
	$(PY) -m pytest -q

lint: $(STAMP) ## ruff over the library, tests and benchmarks
	$(PY) -m ruff check analysis tests benchmarks

bench: $(STAMP) ## Throughput, memory and render time against their floors
	$(PY) -m benchmarks

clean: ## Remove generated output (keeps .venv)
	rm -rf reports data
