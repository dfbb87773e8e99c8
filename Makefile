# One entry point per task, used the same way by people and by CI.
# `make book` and `make test` install what they need into .venv on first use.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# The install is redone whenever the lock or the package metadata change.
STAMP  := $(VENV)/.installed-$(shell cat requirements.txt pyproject.toml | sha256sum | cut -c1-12)
# pip warns once per package about this machine's local index folders; keep real errors.
QUIET_PIP := { grep -v "^WARNING: Location 'file:" || true; }

# Datasets: set COMPUTE_RACE_DATA to a folder holding them (the layout of ../shared/data)
# to work offline; leave it unset to download them once, checksum-verified, into a cache.
# Default: ../shared/data when it exists beside the checkout (as in CI), else download.
COMPUTE_RACE_DATA ?= $(abspath $(wildcard ../shared/data))
export COMPUTE_RACE_DATA

.PHONY: help install book test test-unit test-notebooks outputs lab bench clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(STAMP): requirements.txt pyproject.toml
	@rm -f $(VENV)/.installed-*
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt 2>&1 | $(QUIET_PIP)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e . 2>&1 | $(QUIET_PIP)
	@touch $@

install: $(STAMP) ## create .venv with the pinned dependencies and the helpers package

SCENARIO ?= baseline

book: install ## execute every notebook and build the HTML into _build/html (SCENARIO=name for another scenario)
	$(BIN)/python -m helpers.build --scenario $(SCENARIO)

.PHONY: sweep
sweep: install ## run every scenario x chapter into _build/sweep, resuming (WORKERS=n, default one per core)
	$(BIN)/python -m helpers.scenarios $(if $(WORKERS),--workers $(WORKERS))

# pytest-xdist workers: one per core. The work they start (the book build's kernels, Sphinx,
# Chromium) already keeps every core busy; one more worker only added contention (on 2 cores,
# fresh clones took 173-221 s with 3 workers, 136-173 s with 2). Groups and order: conftest.py.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 1)

test: install ## run the unit tests, nbval on every notebook, and the browser test, in parallel
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder

test-unit: install ## run the unit tests only (no notebook, no build)
	$(BIN)/python -m pytest -m "not slow and not browser" --ignore=notebooks

outputs: install ## re-execute the notebooks in place: the reviewed outputs nbval compares against
	$(BIN)/python -m helpers.outputs

lab: install ## open the notebooks in JupyterLab
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: install ## measure a clean build, the tests and the text pipeline (see README)
	$(BIN)/python -m helpers.bench

clean: ## remove the built book (not the virtual environment)
	rm -rf _build
