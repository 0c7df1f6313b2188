# The front door: `make report` and `make test` each set up .venv on a fresh machine.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SHOW_CODE ?= 0
JOBS ?=
# Folders of reports `make report` reads, each with an optional manifest.csv inside it.
REPORTS ?= seeds
# A folder of the State Council's reports, for the README's over-time figure of 全国 (`make national`).
NATIONAL ?=

.DEFAULT_GOAL := help
.PHONY: help report data figures national national-folder test lint bench clean

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

report: $(STAMP) ## Read the folders REPORTS (default: seeds) into data/ (as make data); render every page, with its figures, into reports/ (open reports/index.html); never touches figures/
	$(PY) -m analysis codebook -o data/codebook.md
	$(PY) -m analysis render --all --reports $(REPORTS) $(foreach f,$(DATA),--data $(f)) --out reports --figures reports/figures $(if $(filter 1,$(SHOW_CODE)),--show-code,)

figures: $(STAMP) ## The README's figure figures/target_vs_actual_ganxianqu_2020.png, from seeds/ (the only target besides national that writes figures/)
	$(PY) -m analysis render target_vs_actual --reports seeds -p region 赣县区 -p period 2020 --out reports --figures figures

national-folder:
	$(if $(and $(NATIONAL),$(wildcard $(NATIONAL)/.)),,$(error make national needs NATIONAL=FOLDER, a folder of the State Council's government work reports (国务院政府工作报告, one file a year, .txt, .html or .pdf as saved from www.gov.cn), e.g. make national NATIONAL=path/to/national$(if $(NATIONAL),; '$(NATIONAL)' is not a folder)))

national: national-folder $(STAMP) ## The README's figure figures/over_time_quanguo_gdp_growth.png from NATIONAL=FOLDER, a folder of the State Council's reports
	$(PY) -m analysis render over_time --reports $(NATIONAL) -p region 全国 -p indicator gdp -p measure growth --out reports --figures figures

test: $(STAMP) ## Run the whole test suite (notebooks and browser checks included)
	$(PY) -m pytest -q

lint: $(STAMP) ## ruff over the library, tests and benchmarks
	$(PY) -m ruff check analysis tests benchmarks

bench: $(STAMP) ## Throughput, memory and render time against their floors
	$(PY) -m benchmarks

clean: ## Remove generated output (keeps .venv)
	rm -rf reports data
