# Học kỹ năng số — the README's commands. `make help` lists them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/lms
PYTEST := $(PY) -m pytest
BENCH_TIER ?= XS

.DEFAULT_GOAL := help

.PHONY: help check-python install lock setup run serve worker seed test test-pg test-e2e test-all lint format messages clean bench bench-smoke lighthouse

help: ## list the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-10s %s\n", $$1, $$2}'

check-python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
	  { echo "Cần Python 3.11 trở lên — Python 3.11 or newer is required (found: $$($(PYTHON) --version 2>&1))."; exit 1; }

$(VENV)/.installed: requirements.lock requirements-installer.lock scripts/install.sh | check-python
	@echo "→ Cài đặt các gói đã ghim (requirements.lock) — installing the pinned packages into $(VENV)"
	@PYTHON=$(PYTHON) VENV=$(VENV) scripts/install.sh
	@touch $@

install: $(VENV)/.installed ## create .venv and install exactly what requirements.lock pins

lock: install ## regenerate requirements.lock and the installer's lock from pyproject.toml (UPGRADE=1: newest)
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --universal --python-version 3.11 \
	  --generate-hashes --no-config --index-url https://pypi.org/simple -q $(if $(UPGRADE),--upgrade) \
	  -o requirements.lock
	@sed -n 's/^uv==\([^ ]*\).*/uv==\1/p' requirements.lock > $(VENV)/installer.in
	$(VENV)/bin/uv pip compile $(VENV)/installer.in --universal --generate-hashes --no-config \
	  --no-header --index-url https://pypi.org/simple -q -o $(VENV)/installer.lock
	@{ printf '# The installer that `make install` puts in the venv first (scripts/install.sh), pinned and\n'; \
	   printf "# hash-checked, so that no machine's own pip decides what is installed. \`make lock\` renews it.\n"; \
	   grep -v '^ *# via' $(VENV)/installer.lock; \
	   printf '    # the same version as in requirements.lock (tests/lms/test_install.py checks)\n'; } \
	  > requirements-installer.lock

# One line per step for a newcomer; a failing step names itself and what to do.
# $(call step,what it does,command,what to do when it fails)
step = @echo "→ $(1)"; $(2) || { echo "✗ Bước thất bại — this step failed: $(1)"; echo "  $(3)"; exit 1; }

setup: install
	$(call step,Cập nhật cơ sở dữ liệu SQLite — migrating the database,\
	  $(PY) manage.py migrate --noinput -v0,Xem lỗi ở trên; xóa db.sqlite3 để làm lại từ đầu — see the error above; delete db.sqlite3 to start over.)
	$(call step,Biên dịch bản dịch — compiling the translations,\
	  $(PY) manage.py compile_translations -v0,Xem lỗi ở trên — see the error above (locale/).)
	$(call step,Tạo dữ liệu mẫu — seeding the demo province and accounts,\
	  $(PY) manage.py seed_demo -v0 >$(VENV)/seed.log,Xem lỗi ở trên; chạy lại make run — see the error above and .venv/seed.log; make run again is safe.)

run: setup ## set everything up and serve on http://127.0.0.1:$(PORT) (SQLite)
	@echo "→ Mở http://127.0.0.1:$(PORT)/ — serving (tài khoản mẫu / demo accounts: README.md; Ctrl+C to stop)"
	@$(PY) manage.py runserver 127.0.0.1:$(PORT)

seed: install ## (re)create the demo data; safe to run twice
	$(PY) manage.py migrate --noinput
	$(PY) manage.py seed_demo

serve: install ## gunicorn + production settings; needs SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL, REDIS_URL
	DJANGO_SETTINGS_MODULE=lms.settings.production $(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=lms.settings.production $(PY) manage.py compile_translations
	DJANGO_SETTINGS_MODULE=lms.settings.production $(PY) manage.py collectstatic --noinput -v0
	DJANGO_SETTINGS_MODULE=lms.settings.production $(VENV)/bin/gunicorn lms.wsgi \
	  --bind 127.0.0.1:$(PORT) --workers $${WEB_CONCURRENCY:-2} --access-logfile -

worker: install ## the background task worker beside `make serve` when TASKS_BACKEND=database
	DJANGO_SETTINGS_MODULE=lms.settings.production $(PY) manage.py db_worker

# Parallel on every core (each worker its own SQLite database); the slowest 15 tests are listed
# at the end, so that a new slow test is seen the day it lands. TEST_WORKERS=1 for one process.
TEST_WORKERS ?= auto
test: install ## the whole test suite on SQLite, on every core (browser tests: make test-e2e)
	$(PY) manage.py compile_translations -v0
	$(PYTEST) -m "not e2e" -n $(TEST_WORKERS) --durations=15

test-pg: install ## the suite again on PostgreSQL (PG_URL=…)
	$(PY) manage.py compile_translations -v0
	DATABASE_URL=$(PG_URL) $(PYTEST) -m "not e2e" --create-db -n $(TEST_WORKERS) --durations=15

test-e2e: install ## browser tests: Playwright driving Debian's /usr/bin/chromium
	$(PY) manage.py compile_translations -v0
	$(PYTEST) -m e2e

test-all: test test-pg test-e2e ## everything CI runs

bench: install ## measure the production stack on this machine (BENCH_TIER=XS|L): docs/benchmarks.md
	$(PY) -m bench.run --tier $(BENCH_TIER)

bench-smoke: install ## the bench harness at tier XS with short runs (CI: it ran, numbers sane)
	$(PY) -m bench.run --tier XS --smoke

lint: install ## ruff lint and format check, migrations check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

format: install ## ruff format and autofix
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install ## regenerate locale/en from the code and locale/en/strings/*.json (needs gettext)
	$(PY) manage.py update_translations
	$(PY) manage.py compile_translations

lighthouse: install ## Lighthouse (mobile) on the learner's pages; scores to docs/benchmarks.md (npm ci first)
	@test -x node_modules/.bin/lighthouse || npm ci --no-audit --no-fund
	$(PY) manage.py compile_translations -v0
	$(PY) scripts/lighthouse.py

clean: ## remove the venv, the SQLite database and compiled files
	rm -rf $(VENV) db.sqlite3 static_collected media/test
	find . -name '*.mo' -path './locale/*' -delete
