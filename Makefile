# Two commands on a fresh machine: `make site` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
INSTALLED := $(VENV)/.installed
TEST_INSTALLED := $(VENV)/.installed-test

.PHONY: site watch test test-fast serve serve-nginx post translation check lint format extract-messages update-messages compile-messages clean bench bench-images

$(PY):
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(INSTALLED): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $@

$(TEST_INSTALLED): pyproject.toml $(INSTALLED)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

## Build the static site into build/.
site: $(INSTALLED)
	@$(PY) freeze.py

# axe-core for the browser tests, when npm is there (.ci/run makes sure it is).
AXE := tests/node_modules/.installed
$(AXE): tests/package-lock.json
	if command -v npm >/dev/null; then \
		cd tests && npm ci --no-audit --no-fund --loglevel=error && touch node_modules/.installed; fi

## Build, then build again after each change to content/, templates/, static/ or translations/
## (one process, so a rebuild is quick); Ctrl-C stops.
watch: $(INSTALLED)
	@$(PY) freeze.py --watch

## Run every test (and the linters: ruff, and import-linter for the package's layers).
test: $(TEST_INSTALLED) $(AXE)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(PY) -m pytest

## The quick tests: everything but the slow ones (browsers, nginx, vnu, many builds); ruff and
## lint-imports too. `make test` (what CI runs) runs them all.
test-fast: $(TEST_INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(PY) -m pytest -m "not slow" -q

## Preview the site at http://127.0.0.1:5000/ (drafts shown; PORT=5001 for another port).
## The translation report is at /_preview/translations/. Ctrl-C stops it.
PORT ?= 5000
serve: $(INSTALLED)
	@$(PY) -m newsroom.commands.preview --port $(PORT)

## Serve build/ as deployed: nginx with deploy/nginx.conf at http://127.0.0.1:8080/ (Ctrl-C stops).
NGINX_PORT ?= 8080
# As root, nginx's workers would become "nobody", who may not read the work tree: a local preview.
NGINX_GLOBALS := daemon off;$(if $(filter 0,$(shell id -u)), user root;,)
serve-nginx: site
	mkdir -p .cache/nginx/conf .cache/nginx/run/temp
	cp deploy/*.conf .cache/nginx/conf/
	sed -i -e 's|listen 8080;|listen 127.0.0.1:$(NGINX_PORT);|' \
		-e 's|root /srv/newsroom/build;|root "$(CURDIR)/build";|' .cache/nginx/conf/nginx.conf
	nginx -p "$(CURDIR)/.cache/nginx/run/" -c "$(CURDIR)/.cache/nginx/conf/nginx.conf" \
		-e stderr -g '$(NGINX_GLOBALS)'

## Start a new post: asks for the title, the language and the tags.
post: $(INSTALLED)
	@$(BIN)/flask --app newsroom new-post

## Start the translation of a post: make translation SLUG=update-livegang [LANG=en]
## (asks for the title; LANG only when given here: the shell's own LANG is a locale).
translation: $(INSTALLED)
	@$(BIN)/flask --app newsroom new-post --translation-of "$(SLUG)" \
		$(if $(filter command line,$(origin LANG)),--lang "$(LANG)")

## Check all content without building (errors stop a build; warnings are advice).
check: $(INSTALLED)
	@$(BIN)/flask --app newsroom check

lint: $(TEST_INSTALLED)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: $(TEST_INSTALLED)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

## Interface texts: extract them from templates and code, merge into the catalogs.
extract-messages: $(INSTALLED)
	$(BIN)/pybabel extract -F babel.cfg --no-location --sort-output \
		--project Newsroom --copyright-holder "Newsroom" -o translations/messages.pot .

update-messages: extract-messages
	$(BIN)/pybabel update -i translations/messages.pot -d translations --no-fuzzy-matching

compile-messages: $(INSTALLED)
	$(BIN)/pybabel compile --statistics -d translations

clean:
	rm -rf build .pytest_cache .ruff_cache

## Benchmark: clean, warm and one-edit builds at several sizes, against Pelican when it installs.
## Quick run: make bench SIZES=500 REPEAT=1
SIZES ?= 500,2000,5000
REPEAT ?= 3
PELICAN ?= auto
HUGO ?= auto
EDITOR ?= yes
bench: $(INSTALLED)
	$(PY) -m bench.run --sizes $(SIZES) --repeat $(REPEAT) --pelican $(PELICAN) --hugo $(HUGO) --editor $(EDITOR)

## Images: processing time per image, and the bytes Chromium fetches at 360 and 1280 px.
bench-images: $(INSTALLED)
	$(PY) -m bench.images
