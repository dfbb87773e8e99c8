# One entry point per task, used the same way by people and by CI.
# `make book` and `make test` install what they need into .venv on first use.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
# The locks, with hashes (see their headers): requirements.txt holds everything (runtime, book,
# test, dev); requirements/runtime.txt its subset for the notebooks alone, at the same versions.
# requirements/pip.txt is pip itself, installed first: a new venv's pip 23.2 cannot install them.
LOCK         := requirements.txt
RUNTIME_LOCK := requirements/runtime.txt
PIP_LOCK     := requirements/pip.txt
# The install is redone whenever a lock or the package metadata change.
STAMP         := $(VENV)/.installed-$(shell cat $(LOCK) $(PIP_LOCK) pyproject.toml | sha256sum | cut -c1-12)
RUNTIME_STAMP := $(VENV)/.installed-runtime-$(shell cat $(RUNTIME_LOCK) $(PIP_LOCK) pyproject.toml | sha256sum | cut -c1-12)
PIP := $(BIN)/python -m pip --disable-pip-version-check
# pip warns once per package about this machine's local index folders; keep real errors.
QUIET_PIP := { grep -v "^WARNING: Location 'file:" || true; }

# Datasets: set COMPUTE_RACE_DATA to a folder holding them (the layout of ../shared/data)
# to work offline; leave it unset to download them once, checksum-verified, into a cache.
# Default: ../shared/data when it exists beside the checkout (as in CI), else download.
COMPUTE_RACE_DATA ?= $(abspath $(wildcard ../shared/data))
export COMPUTE_RACE_DATA

# Some images set PYTHONDONTWRITEBYTECODE (this project's CI image does). pytest then cannot keep
# the modules it rewrites for its assertions (the tests, and every module of the plugins'
# packages: Hypothesis alone, imported by pandera, is 78), so each pytest process, the xdist
# workers and every pytest a test starts, parses them again: about a CPU-second each.
unexport PYTHONDONTWRITEBYTECODE

.PHONY: help install install-runtime lock lint book test test-unit test-notebooks outputs lab bench clean linkcheck

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-15s %s\n", $$1, $$2}'

$(STAMP): $(LOCK) $(PIP_LOCK) pyproject.toml
	@rm -f $(VENV)/.installed-*
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r $(PIP_LOCK) 2>&1 | $(QUIET_PIP)
	$(PIP) install --quiet --require-hashes -r $(LOCK) 2>&1 | $(QUIET_PIP)
	$(PIP) install --quiet --no-deps -e . 2>&1 | $(QUIET_PIP)
	@touch $@

# The runtime lock alone (no Jupyter Book, no test or development tool), for `make lab`.
$(RUNTIME_STAMP): $(RUNTIME_LOCK) $(PIP_LOCK) pyproject.toml
	@rm -f $(VENV)/.installed-runtime-*
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --require-hashes -r $(PIP_LOCK) 2>&1 | $(QUIET_PIP)
	$(PIP) install --quiet --require-hashes -r $(RUNTIME_LOCK) 2>&1 | $(QUIET_PIP)
	$(PIP) install --quiet --no-deps -e . 2>&1 | $(QUIET_PIP)
	@touch $@

install: $(STAMP) ## create .venv with the full lock (runtime, book, test, dev) and the helpers package

install-runtime: $(RUNTIME_STAMP) ## create .venv with the runtime lock only (what the notebooks need)

# Recompiling the locks needs uv (`pip install uv`) and the network. Each lock keeps its header
# (the comment lines before the first pin); the runtime lock is compiled against the full one, so
# it stays a subset at the same versions; binder/requirements.txt is a copy of it.
UV ?= uv
LOCK_FLAGS := --generate-hashes --universal --python-version 3.11.5 --no-emit-package setuptools \
	--no-strip-extras --no-header --quiet

lock: ## recompile the locks from pyproject.toml, keeping their pins (LOCK_ARGS="--upgrade-package NAME" moves one)
	@command -v $(UV) >/dev/null || { echo "make lock needs uv: pip install uv, or UV=/path/to/uv" >&2; exit 1; }
	@for f in $(LOCK) $(RUNTIME_LOCK) $(PIP_LOCK); do sed '/^[^#]/,$$d' $$f > $$f.header; done
	$(UV) pip compile pyproject.toml --all-extras $(LOCK_FLAGS) $(LOCK_ARGS) -o $(LOCK)
	$(UV) pip compile pyproject.toml -c $(LOCK) $(LOCK_FLAGS) -o $(RUNTIME_LOCK)
	echo pip | $(UV) pip compile - $(LOCK_FLAGS) $(LOCK_ARGS) -o $(PIP_LOCK)
	@for f in $(LOCK) $(RUNTIME_LOCK) $(PIP_LOCK); do cat $$f.header $$f > $$f.new && mv $$f.new $$f && rm $$f.header; done
	cp $(RUNTIME_LOCK) binder/requirements.txt

SCENARIO ?= baseline

book: install ## execute every notebook and the sweep, build the HTML into _build/html (SCENARIO=name for another scenario)
	$(BIN)/python -m helpers.build --scenario $(SCENARIO)

# The PDF edition: Debian's Chromium prints each built page, pypdf merges them (helpers.build.pdf).
.PHONY: pdf
pdf: install ## print the book into one PDF, _build/pdf/compute-race.pdf (builds the book first if _build/html is missing)
	@test -f "$${COMPUTE_RACE_BUILD_DIR:-_build}/html/index.html" || $(BIN)/python -m helpers.build --scenario $(SCENARIO)
	$(BIN)/python -m helpers.build.pdf

# A bad parameter stops the run with one line (no papermill traceback); the executed notebook
# goes to _build/run/<NB>.ipynb.
.PHONY: run
run: install ## run one notebook with papermill: make run NB=germany_jupiter P='utilisation=0.5 machine_share=0.5'
	@test -n "$(NB)" || { echo "make run needs NB=<notebook>, e.g. NB=germany_jupiter" >&2; exit 1; }
	@$(BIN)/python -m helpers.build.run $(NB) $(P)

.PHONY: sweep
sweep: install ## every scenario x chapter's key figures into _build/sweep, in seconds (NOTEBOOKS=1 executes the notebooks instead; WORKERS=n)
	$(BIN)/python -m helpers.build.sweep $(if $(NOTEBOOKS),--notebooks) $(if $(WORKERS),--workers $(WORKERS))

# Which assumptions matter: Sobol' (and Morris) indices of every chapter's key figures, in
# resumable chunks (helpers.build.sensitivity). N is the Sobol' base sample, a power of two
# (default: the book's); WORKERS=n spreads the chunks over n processes, DASK=address (or
# DASK=local) over a Dask cluster.
.PHONY: sensitivity
sensitivity: install ## Sobol' and Morris sensitivity of every key figure into _build/sensitivity (N=1024, WORKERS=n, DASK=local|address)
	$(BIN)/python -m helpers.build.sensitivity $(if $(N),--n $(N)) $(if $(WORKERS),--workers $(WORKERS)) $(if $(DASK),--dask $(DASK))

# pytest-xdist workers: one per core. The work each one starts (the book build's kernels,
# Sphinx, Chromium) already keeps the cores busy, so one more worker only adds contention
# (`make bench` times both). Groups and order: conftest.py.
TEST_WORKERS ?= $(shell nproc 2>/dev/null || echo 1)

test: install lint ## lint, then the unit tests, nbval on every notebook, and the browser tests, in parallel
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadgroup --no-loadscope-reorder

LINTED := src tests conftest.py book/_ext

lint: install ## ruff (rules in pyproject.toml), ruff format --check, mypy --strict on the helpers
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)
	$(BIN)/mypy

test-unit: install ## run the unit tests only (no notebook, no build)
	$(BIN)/python -m pytest -m "not slow and not browser" --ignore=notebooks

# Needs the network, so it is neither in `make test` nor in .ci/run; .github/workflows/linkcheck.yml
# runs it weekly. Report: _build/linkcheck/broken.md (LINKCHECK_ARGS="--only china_gpus" for less).
linkcheck: install ## check the book's outbound links (Sphinx linkcheck, online) and name the table rows whose source broke
	$(BIN)/python -m helpers.build.linkcheck $(LINKCHECK_ARGS)

outputs: install ## re-execute the notebooks in place: the reviewed outputs nbval compares against
	$(BIN)/python -m helpers.build.outputs

# JupyterLab needs only the runtime lock; the full lock, when it is installed, holds it too.
# LAB_ARGS passes options on, e.g. LAB_ARGS="--no-browser --port 8889" (or --allow-root as root).
lab: $(if $(wildcard $(STAMP)),$(STAMP),$(RUNTIME_STAMP)) ## open the notebooks in JupyterLab (installs the runtime lock only, if need be)
	$(BIN)/jupyter lab --notebook-dir=notebooks $(LAB_ARGS)

bench: install ## measure a clean build, the tests, the sweep and the text pipeline (see README)
	$(BIN)/python -m helpers.build.bench

# One article's draft claim ledger, as a standalone offline page and a CSV in the columns of
# data/claims, without rebuilding the book (notebooks/check_article.ipynb; helpers.build.check).
.PHONY: check
check: install ## draft the claim ledger of one article into _build/check/<stem>.html and .csv (ARTICLE=path)
	$(BIN)/python -m helpers.build.check "$(ARTICLE)"

clean: ## remove the built book (not the virtual environment)
	rm -rf _build
