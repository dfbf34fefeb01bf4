# kxeval: 科协预算绩效自评报告 / budget performance self-evaluation reports.
#
#   make run     install what is missing, migrate, load the demo data, start the dev server
#                (and a background worker beside it)
#   make worker  run the background worker on its own (production)
#   make test    run the test suite on SQLite and on PostgreSQL, side by side
#   make loadtest  load test with locust against make serve on PostgreSQL (docs/performance.md)
#   make help    list all targets
#
# Variables (make VAR=value or environment):
#   PG_URL       PostgreSQL server for the second test run
#   PYTEST_ARGS  extra pytest arguments, e.g. PYTEST_ARGS="-x -k pdf"
#   ADDR         address for the dev server
#   PYTHON       a Python >= 3.12 to create .venv with (found automatically otherwise)

# Recipes use bash features; -e and pipefail make a failing command fail the target.
SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
# A stamp or file half-written by a failed recipe must not look up to date next time.
.DELETE_ON_ERROR:
MAKEFLAGS += --no-builtin-rules

PG_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=
ADDR ?= 127.0.0.1:8000

VENV := .venv
PY := $(VENV)/bin/python
PIP := $(PY) -m pip --disable-pip-version-check
# Stamps record which requirements were installed; pip runs again only when a requirements file
# is newer than its stamp. The dev stamp covers requirements.txt too (-r requirements.txt).
STAMP_RUN := $(VENV)/.stamp-requirements
STAMP_DEV := $(VENV)/.stamp-requirements-dev

.DEFAULT_GOAL := help
.PHONY: help sysdeps sysdeps-test venv venv-dev run worker serve migrate demo check deploy-check test test-sqlite test-postgres bench loadtest loadtest-venv clean

help:
	@echo "make run            安装依赖、迁移数据库、导入演示数据并启动开发服务器 (http://$(ADDR))"
	@echo "                    install, migrate, load demo data, start the dev server"
	@echo "                    (同时启动后台任务进程 / with a background worker beside it)"
	@echo "make worker         只运行后台任务进程（生产环境，可同时运行多个）/ the background worker alone"
	@echo "make test           在 SQLite 和 PostgreSQL 上同时运行测试 / run the tests on SQLite and PostgreSQL"
	@echo "make test-sqlite    只在 SQLite 上运行测试 / SQLite run only"
	@echo "make test-postgres  只在 PostgreSQL 上运行测试 / PostgreSQL run only (PG_URL=$(PG_URL))"
	@echo "make migrate        迁移数据库 / apply migrations"
	@echo "make demo           迁移并导入演示数据 / migrate and load the demo data"
	@echo "make check          Django 系统检查 / manage.py check"
	@echo "make bench          PDF 生成基准测试 / PDF benchmark (bench/pdf.py)"
	@echo "make loadtest       负载测试（locust，PostgreSQL: LOADTEST_DB=$(LOADTEST_DB)）/ load test"
	@echo "make sysdeps        检查/安装系统软件包 / check or install system packages"
	@echo "make clean          删除 .venv 和 db.sqlite3 / remove .venv and db.sqlite3"

# ---------------------------------------------------------------------------------------------
# Environment

# Debian/Ubuntu packages WeasyPrint needs (Pango, HarfBuzz subset) and the CJK font; installed
# when running as root, otherwise the script prints the sudo command and fails.
sysdeps:
	@bash scripts/sysdeps

# The tests need Debian's Chromium as well (browser tests through Playwright).
sysdeps-test:
	@bash scripts/sysdeps --browser

# pyvenv.cfg rather than bin/python as the marker: bin/python is a symlink, and make would see
# the (old) timestamp of the interpreter it points to.
$(VENV)/pyvenv.cfg:
	@python=$$(bash scripts/find-python); \
	echo "使用 / Using $$python"; \
	"$$python" -m venv $(VENV)

$(STAMP_RUN): requirements.txt $(VENV)/pyvenv.cfg
	$(PIP) install --requirement requirements.txt
	@touch $@

$(STAMP_DEV): requirements-dev.txt requirements.txt $(VENV)/pyvenv.cfg
	$(PIP) install --requirement requirements-dev.txt
	@touch $@

venv: $(STAMP_RUN)
venv-dev: $(STAMP_DEV)

# ---------------------------------------------------------------------------------------------
# Running the app (DATABASE_URL from the environment is respected; unset means db.sqlite3)

# syncforms: the form versions shipped in reports/versions/ (never deletes one).
migrate: sysdeps venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py syncforms

# loaddemo is idempotent and prints the demo logins.
demo: migrate
	$(PY) manage.py loaddemo

# The background worker (approved PDFs) runs beside the server and stops with it. Both run in
# the background of the recipe's shell so that its traps act at once on Ctrl+C or on make being
# stopped (a command in the foreground would be waited for first); the EXIT trap stops them.
# If either ends by itself, so does the other. KXEVAL_TASKS=immediate needs no worker.
run: demo
	@echo
	@echo "请在浏览器中打开 / Open in your browser:  http://$(ADDR)"
	@echo
	@pids=(); \
	trap 'kill "$${pids[@]}" 2>/dev/null || true; wait' EXIT; \
	trap 'exit 130' INT; \
	trap 'exit 143' TERM; \
	if [[ $${KXEVAL_TASKS:-database} != immediate ]]; then \
	    $(PY) manage.py worker & pids+=($$!); \
	fi; \
	$(PY) manage.py runserver $(ADDR) & pids+=($$!); \
	wait -n

# Production: run one or more beside the application server (several at once on PostgreSQL);
# each takes up the tasks of a worker that died.
worker: sysdeps venv
	$(PY) manage.py worker

check: sysdeps venv
	$(PY) manage.py check

# Production: gunicorn with the settings from the environment (DJANGO_SECRET_KEY,
# DJANGO_ALLOWED_HOSTS, DJANGO_DEBUG=False, DATABASE_URL, DJANGO_EMAIL_*); static files are
# collected and served by WhiteNoise. Run `make worker` beside it. BIND=127.0.0.1 listens on
# the loopback only. gunicorn's control socket (one path per user account) is off: nothing uses
# it, and a second server started by the same account would clash on it.
BIND ?= 0.0.0.0
PORT ?= 8000
WORKERS ?= 3
serve: sysdeps venv
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) manage.py migrate --noinput
	@# A version file that syncforms refuses (see its message) must not keep the site down.
	$(PY) manage.py syncforms || echo "表单版本未同步（原因见上），服务照常启动 / form versions not synced (see above); serving anyway" >&2
	$(VENV)/bin/gunicorn kxeval.wsgi:application --bind $(BIND):$(PORT) --workers $(WORKERS) \
	    --access-logfile - --forwarded-allow-ips '*' --no-control-socket

# Django's deployment checks under production settings, warnings included. The secret is a
# throwaway one made for the check.
deploy-check: sysdeps venv
	@echo "== manage.py check --deploy =="
	DJANGO_DEBUG=False DJANGO_ALLOWED_HOSTS=kxeval.example.invalid DJANGO_EMAIL_BACKEND=smtp \
	DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	    $(PY) manage.py check --deploy --fail-level WARNING

bench: sysdeps venv-dev
	$(PY) bench/pdf.py

# ---------------------------------------------------------------------------------------------
# Tests

# The two runs side by side: on two cores that takes about 60% of running them one after the
# other (docs/performance.md). --output-sync keeps each run's output together, printed when it
# ends; `make test-sqlite` or `make test-postgres` alone print as they go.
test: deploy-check sysdeps-test venv-dev
	@echo "== SQLite 与 PostgreSQL 两轮测试同时运行，每轮结束后显示其输出 =="
	@echo "== pytest on SQLite and on PostgreSQL side by side; each run's output follows when it ends =="
	@$(MAKE) --no-print-directory -j2 --output-sync=target test-sqlite test-postgres

# DATABASE_URL is forced to SQLite so a PostgreSQL URL in the environment does not leak into
# this run. The tests themselves use a database file of their own in pytest's temporary
# directory (tests/conftest.py); the file named here is never written and only keeps
# db.sqlite3 out of the picture.
test-sqlite: sysdeps-test venv-dev
	@echo "== pytest on SQLite =="
	tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	DATABASE_URL="sqlite:///$$tmp/db.sqlite3" bash scripts/timed "pytest on SQLite" \
	    $(PY) -m pytest $(PYTEST_ARGS)

# No PostgreSQL on a developer's machine is normal and only skips this run; in CI (CI=true) the
# server is part of the setup, so its absence is an error rather than a silent pass.
test-postgres: sysdeps-test venv-dev
	@echo "== pytest on PostgreSQL ($(PG_URL)) =="
	@if where=$$($(PY) scripts/pg-reachable.py '$(PG_URL)'); then \
	    DATABASE_URL='$(PG_URL)' bash scripts/timed "pytest on PostgreSQL" \
	        $(PY) -m pytest $(PYTEST_ARGS); \
	elif [[ $${CI:-} == true ]]; then \
	    echo "PostgreSQL 不可达 ($${where:-$(PG_URL)})，CI 中必须运行 PostgreSQL 测试 / PostgreSQL unreachable: the PostgreSQL run is required in CI (CI=true)" >&2; \
	    exit 1; \
	else \
	    echo "PostgreSQL 不可达 ($${where:-$(PG_URL)})，已跳过 PostgreSQL 测试 / PostgreSQL unreachable: skipped the PostgreSQL run"; \
	fi

# ---------------------------------------------------------------------------------------------
# Load test (not part of make test; docs/performance.md): locust in a virtualenv of its own
# (loadtest/.venv), against `make serve` under production settings on a free loopback port.
# LOADTEST_DB must exist; loadtestdata resets only the reports of its own 财政局 there.

LOADTEST_DB ?= postgres://postgres@127.0.0.1:5432/kxeval_loadtest
LOADTEST_EDITORS ?= 50
LOADTEST_REVIEWERS ?= 5
LOADTEST_RATE ?= 10
LOADTEST_TIME ?= 60s
LOADTEST_ARGS ?=
LOADTEST_VENV := loadtest/.venv
STAMP_LOADTEST := $(LOADTEST_VENV)/.stamp-requirements

$(LOADTEST_VENV)/pyvenv.cfg:
	@python=$$(bash scripts/find-python); \
	echo "使用 / Using $$python"; \
	"$$python" -m venv $(LOADTEST_VENV)

$(STAMP_LOADTEST): loadtest/requirements.txt $(LOADTEST_VENV)/pyvenv.cfg
	$(LOADTEST_VENV)/bin/python -m pip --disable-pip-version-check install \
	    --requirement loadtest/requirements.txt
	@touch $@

loadtest-venv: $(STAMP_LOADTEST)

# The server runs in a session of its own (setsid) so that the EXIT trap stops make, gunicorn
# and its workers together, however the recipe ends. Its log goes to a temporary file. The CPU
# time gunicorn used is printed last: on a shared machine, how much of it the server got.
loadtest: sysdeps venv loadtest-venv
	@port=$$($(PY) -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'); \
	log=$$(mktemp -t kxeval-loadtest-server.XXXXXX.log); \
	export DATABASE_URL='$(LOADTEST_DB)' DJANGO_DEBUG=False DJANGO_ALLOWED_HOSTS=127.0.0.1 \
	    DJANGO_SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" \
	    LOADTEST_UNITS=$(LOADTEST_EDITORS) LOADTEST_REVIEWERS=$(LOADTEST_REVIEWERS); \
	echo "== 负载测试数据 / load test data: $(LOADTEST_DB) =="; \
	$(PY) manage.py migrate --noinput -v0; \
	$(PY) manage.py syncforms; \
	$(PY) manage.py loadtestdata --units $(LOADTEST_EDITORS) --reviewers $(LOADTEST_REVIEWERS) --reset; \
	echo "== make serve BIND=127.0.0.1 PORT=$$port WORKERS=$(WORKERS)（日志 / log: $$log）=="; \
	setsid $(MAKE) --no-print-directory serve BIND=127.0.0.1 PORT=$$port >"$$log" 2>&1 & server=$$!; \
	trap 'kill -TERM -- -$$server 2>/dev/null || true; wait $$server 2>/dev/null || true' EXIT; \
	until (exec 3<>/dev/tcp/127.0.0.1/$$port) 2>/dev/null; do \
	    if ! kill -0 $$server 2>/dev/null; then \
	        tail -n 30 "$$log" >&2; echo "make serve 未能启动 / make serve did not start" >&2; exit 1; \
	    fi; \
	    sleep 0.5; \
	done; \
	echo "== locust: $(LOADTEST_EDITORS) 填报人 + $(LOADTEST_REVIEWERS) 审核人, -r $(LOADTEST_RATE), -t $(LOADTEST_TIME) =="; \
	server_cpu() { ps -s $$server -o times= | awk '{ total += $$1 } END { print total + 0 }'; }; \
	cpu_before=$$(server_cpu); started=$$SECONDS; status=0; \
	$(LOADTEST_VENV)/bin/locust -f loadtest/locustfile.py --headless --only-summary \
	    -u $$(( $(LOADTEST_EDITORS) + $(LOADTEST_REVIEWERS) )) -r $(LOADTEST_RATE) -t $(LOADTEST_TIME) \
	    --host http://127.0.0.1:$$port $(LOADTEST_ARGS) || status=$$?; \
	echo "gunicorn CPU: $$(( $$(server_cpu) - cpu_before )) s in $$(( SECONDS - started )) s," \
	    "$$(nproc) cores, loadavg $$(cut -d' ' -f1-3 /proc/loadavg)"; \
	exit $$status

# ---------------------------------------------------------------------------------------------

# Only what make created (and the default development database); nothing else.
clean:
	rm -rf $(VENV) $(LOADTEST_VENV) db.sqlite3
