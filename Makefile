# The few verbs people type. Each target sets up what it needs itself.
PY      ?= python3
# The site engine: mkdocs (default) or properdocs (the maintained fork; its own environment).
ENGINE  ?= mkdocs
PD_VENV := .venv-properdocs
PD_STAMP := $(PD_VENV)/.installed
ifeq ($(ENGINE),properdocs)
VENV    := $(PD_VENV)
else
VENV    := .venv
endif
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
SITE    := site
PIP_QUIET := --quiet --disable-pip-version-check

.PHONY: serve site test check translations posters package bench clean system-deps

# Made anew when the pins change, so a package dropped from them (e.g. the old theme) leaves too.
.venv/.installed: requirements.txt pyproject.toml
	rm -rf .venv
	$(PY) -m venv .venv
	.venv/bin/pip install $(PIP_QUIET) --no-deps -r requirements.txt
	.venv/bin/pip install $(PIP_QUIET) --no-deps -e .
	touch $@

$(PD_STAMP): requirements.txt requirements-properdocs.txt pyproject.toml
	rm -rf $(PD_VENV)
	$(PY) -m venv $(PD_VENV)
	grep -v -E '^(mkdocs|mkdocs-get-deps|mergedeep)==' requirements.txt > $(PD_VENV)/requirements.txt
	$(PD_VENV)/bin/pip install $(PIP_QUIET) --no-deps -r $(PD_VENV)/requirements.txt -r requirements-properdocs.txt
	$(PD_VENV)/bin/pip install $(PIP_QUIET) --no-deps -e .
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

PORT    ?= 8000
LANGS   ?=

## serve: checks, build and preview at http://127.0.0.1:$(PORT) (make serve PORT=8123 LANGS=sv,en); rebuilds and reloads on save
serve: $(STAMP)
	$(BIN)/python -m scripts.serve --port $(PORT) $(if $(LANGS),--langs $(LANGS))

## site: strict build into site/ (replaces site/ only when the build succeeds)
site: $(STAMP)
	$(BIN)/python -m scripts.build_site

## system-deps: Debian packages the browser and server tests need (installed when missing, as root)
system-deps:
	@sh scripts/system_deps.sh

## test: every test, including the real-browser ones
test: .venv/.installed $(PD_STAMP) node_modules/.installed system-deps
	.venv/bin/ruff check .
	.venv/bin/python -m pytest

clean:
	rm -rf $(SITE) build dist .pytest_cache

## check: content and data checks for editors (path:line: error|warning: message)
check: $(STAMP)
	$(BIN)/python -m scripts.check

## translations: which translated pages are current, outdated or missing
translations: $(STAMP)
	$(BIN)/python -m scripts.translations status

## posters: print-ready PDF posters, strips and cards per language into build/posters/
posters: $(STAMP)
	$(BIN)/python -m scripts.posters

## package: strict build with SITE_URL, zipped with SHA-256 sums into dist/
package: $(STAMP)
	$(BIN)/python -m scripts.package

## bench: page weight, requests, paint and build time against stock Material (not part of test)
bench: .venv-bench/.installed node_modules/.installed system-deps
	.venv-bench/bin/python -m scripts.bench

# The benchmark's own environment: the site's pins plus stock Material, which the site's
# environment never holds.
.venv-bench/.installed: requirements.txt requirements-bench.txt pyproject.toml
	rm -rf .venv-bench
	$(PY) -m venv .venv-bench
	.venv-bench/bin/pip install $(PIP_QUIET) --no-deps -r requirements.txt -r requirements-bench.txt
	.venv-bench/bin/pip install $(PIP_QUIET) --no-deps -e .
	touch $@
