# Front Door: `make run` starts everything, `make test` runs every test. `make help` lists the rest.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
PYTEST_ARGS ?=

.PHONY: help install assets browsers run test checks pytest bench lint format clean

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

$(PY):
	python3 -m venv $(VENV)

$(UV): | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check uv==0.13.8

$(VENV)/.synced: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --quiet
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

static/build/.built: node_modules/.package-lock.json frontend/build.mjs $(wildcard frontend/scss/*.scss)
	npm run --silent build
	@touch $@

install: $(VENV)/.synced static/build/.built ## install locked Python and npm dependencies and build the styles

assets: static/build/.built ## build GOV.UK Frontend styles and scripts into static/build

browsers: ## install Debian's chromium for the browser tests (when root and it is missing)
	@if [ -x /usr/bin/chromium ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "Installing chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-liberation >/dev/null; \
	else echo "chromium is not installed and this user cannot install it: browser tests will be skipped"; fi

run: install ## start the app: embedded Postgres and Redis, demo data, web, Celery worker and beat
	$(PY) -m config.launcher run

test: install browsers ## run every check and test against real Postgres, Redis and a Celery worker
	FRONTDOOR_DATA_DIR=.data/test $(PY) -m config.launcher exec -- $(MAKE) --no-print-directory checks pytest

checks:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/djlint templates --lint --quiet
	$(PY) manage.py check --fail-level WARNING
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=config.settings.production DJANGO_SECRET_KEY=$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))') \
	  DJANGO_ALLOWED_HOSTS=care.example.gov.uk $(PY) manage.py check --deploy --fail-level WARNING

pytest:
	$(PY) -m pytest $(PYTEST_ARGS)

bench: install ## load synthetic cases, serve with gunicorn and measure latency and queries
	FRONTDOOR_DATA_DIR=.data/bench $(PY) -m config.launcher exec -- $(PY) -m bench.run $(BENCH_ARGS)

lint: install ## ruff lint and format check only
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: install ## apply ruff fixes and formatting
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

clean: ## remove the virtualenv, node_modules, built assets and local data
	rm -rf $(VENV) node_modules static/build staticfiles .data
