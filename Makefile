# Everyday commands. `make help` lists them.
SHELL := /bin/sh
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTEST_ARGS ?=
# Test processes side by side (pytest-xdist): one per CPU. TEST_WORKERS=0 runs the tests in this one process.
TEST_WORKERS ?= auto

.DEFAULT_GOAL := help

# `make serve` is production on http://127.0.0.1 (no TLS there): plain HTTP is served rather than redirected, and
# e-mails are written to var/mail/ rather than sent, unless you set these yourself. Production refuses both
# (`manage.py check --deploy`; README, Production settings).
SERVE_ENV = DJANGO_DEBUG=0 \
	DJANGO_SECURE_SSL_REDIRECT=$${DJANGO_SECURE_SSL_REDIRECT:-0} \
	DJANGO_EMAIL_BACKEND=$${DJANGO_EMAIL_BACKEND:-django.core.mail.backends.filebased.EmailBackend}

.PHONY: help run serve test bench faults lint format setup messages translations clean

help: ## List the commands
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "}; {printf "  make %-8s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements.txt requirements-dev.txt
	@PYTHON=$$(./scripts/find-python.sh) || exit 1; \
	  [ -x $(PY) ] || $$PYTHON -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

setup: $(VENV)/.installed ## Create .venv with a suitable Python and install everything

messages: setup ## Compile the translations (locale/*/LC_MESSAGES/django.po) that the Spanish pages read
	@./scripts/ensure-gettext.sh
	@DJANGO_DEBUG=1 $(PY) manage.py compilemessages --ignore=.venv --ignore=node_modules --verbosity 0

translations: setup ## Add new or changed strings to locale/es/LC_MESSAGES/django.po, for translating
	@./scripts/ensure-gettext.sh
	DJANGO_DEBUG=1 $(PY) manage.py makemessages --locale es --no-obsolete --add-location file \
	  --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'bench/*' --ignore 'tests/*' --ignore 'templates/admin/*'

run: messages ## Set up, migrate, load the articles and serve http://127.0.0.1:8000 on SQLite (PORT= overrides)
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py migrate --no-input
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} $(PY) manage.py load_content
	DJANGO_DEBUG=$${DJANGO_DEBUG:-1} ./scripts/with-mail-sender.sh $(PY) manage.py runserver 127.0.0.1:$(PORT)

serve: messages ## Serve the production configuration with gunicorn, debug off (needs the variables in README, Serving)
	@for name in DJANGO_SECRET_KEY FIELD_ENCRYPTION_KEYS LOOKUP_HASH_KEY; do \
	  [ -n "$$(printenv $$name)" ] || { echo "make serve: set $$name first (debug is off). See README, section Serving." >&2; exit 1; }; \
	done
	$(SERVE_ENV) $(PY) manage.py migrate --no-input
	$(SERVE_ENV) $(PY) manage.py load_content
	$(SERVE_ENV) $(PY) manage.py collectstatic --no-input --verbosity 0
	$(SERVE_ENV) DATABASE_CONN_MAX_AGE=$${DATABASE_CONN_MAX_AGE:-60} PORT=$(PORT) \
	  ./scripts/with-mail-sender.sh $(VENV)/bin/gunicorn --config gunicorn.conf.py

test: messages node_modules/.installed ## Set up and run every test (set DATABASE_URL for PostgreSQL)
	@./scripts/ensure-test-tools.sh
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-test-only-secret-key-not-for-production} \
	FIELD_ENCRYPTION_KEYS=$${FIELD_ENCRYPTION_KEYS:-test-only-field-key-one,test-only-field-key-two} \
	LOOKUP_HASH_KEY=$${LOOKUP_HASH_KEY:-test-only-lookup-key} \
	  $(VENV)/bin/pytest --numprocesses=$(TEST_WORKERS) $(PYTEST_ARGS)

bench: messages node_modules/.installed ## Load-test the production configuration on PostgreSQL, 5 and 5,000 articles (docs/performance.md)
	$(PY) -m bench.run

faults: messages ## Run the site behind nginx on PostgreSQL through six faults under load; count what was kept (root)
	$(PY) -m deploy.faults

lint: setup ## Check the code with ruff
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: setup ## Format the code with ruff
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean: ## Remove the virtualenv, node_modules and local database
	rm -rf $(VENV) node_modules db.sqlite3 staticfiles
