# Two commands on a fresh machine: `make demo` and `make test`. Both create .venv first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DEMO_ADMIN_EMAIL ?= admin@example.com
DEMO_ADMIN_PASSWORD ?= fabric-demo-password
DEMO_PORT ?= 8000

.PHONY: install demo test check endpoints-doc bench bench-instructions bench-signing bench-api-keys bench-propagation bench-outbox clean

$(BIN)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $@

install: $(BIN)/.installed

# The demo has no reverse proxy in front: --no-proxy-headers stops uvicorn from believing the
# X-Forwarded-For of any local client (it trusts 127.0.0.1 by default), which would let one
# address pose as many and slip past the per-address rate limits and lockout (docs/security.md).
# FABRIC_AUTH_DEMO_IDENTITY_PROVIDER=1 serves a test OpenID Connect provider at /dev-oidc
# (examples/app.py, development only); the browser must use the FABRIC_AUTH_PUBLIC_BASE_URL host.
demo: install
	@echo ""
	@echo "  fabric-auth demo on http://127.0.0.1:$(DEMO_PORT)  (API docs: http://127.0.0.1:$(DEMO_PORT)/docs)"
	@echo "  sign in as $(DEMO_ADMIN_EMAIL) / $(DEMO_ADMIN_PASSWORD):"
	@echo "    curl -s -X POST http://127.0.0.1:$(DEMO_PORT)/auth/token \\"
	@echo "      -d grant_type=password -d username=$(DEMO_ADMIN_EMAIL) -d password=$(DEMO_ADMIN_PASSWORD)"
	@echo "  then: curl -s http://127.0.0.1:$(DEMO_PORT)/hello -H 'Authorization: Bearer <access_token>'"
	@echo "  admin dashboard: http://127.0.0.1:$(DEMO_PORT)/admin  (sign in as $(DEMO_ADMIN_EMAIL) / $(DEMO_ADMIN_PASSWORD))"
	@echo "  or sign in through a test OpenID Connect provider (no account anywhere needed; type any"
	@echo "  email): open http://127.0.0.1:$(DEMO_PORT)/ and click \"Sign in with the demo provider\""
	@echo ""
	FABRIC_AUTH_ENVIRONMENT=development \
	FABRIC_AUTH_DATABASE_URL=sqlite://examples/demo.sqlite3 \
	FABRIC_AUTH_COOKIE_SECURE=false \
	FABRIC_AUTH_PUBLIC_BASE_URL=http://127.0.0.1:$(DEMO_PORT) \
	FABRIC_AUTH_DEMO_IDENTITY_PROVIDER=1 \
	FABRIC_AUTH_ADMIN_EMAIL=$(DEMO_ADMIN_EMAIL) \
	FABRIC_AUTH_ADMIN_PASSWORD=$(DEMO_ADMIN_PASSWORD) \
	$(BIN)/uvicorn examples.app:app --host 127.0.0.1 --port $(DEMO_PORT) --no-proxy-headers

test: install
	$(BIN)/python -m pytest

check: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# The "Errors by route" table of docs/endpoints.md, from the OpenAPI document.
endpoints-doc: install
	$(BIN)/python -m tests.test_openapi

bench: install
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/bench_auth.py

# CPU instructions per request under callgrind (needs valgrind), uvloop + httptools: the
# primary figure for the request path. About 20 minutes on an idle machine.
bench-instructions: install
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/bench_instructions.py

bench-signing: install
	$(BIN)/python bench/bench_signing.py

bench-api-keys: install
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/bench_api_keys.py

# Issue 17: revocations across two uvicorn instances on PostgreSQL, with and without Redis,
# BASELINE (a source tree: `git worktree add --detach ../base <commit>`) against CANDIDATE
# (default: this checkout). Needs redis-server on PATH and a PostgreSQL database of its own
# (POSTGRES_URL; dropped and created again for every deployment). About 10 minutes.
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/fa_bench
CANDIDATE ?= .
bench-propagation: install
	@test -n "$(BASELINE)" || { echo "usage: make bench-propagation BASELINE=path/to/tree"; exit 2; }
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/bench_propagation.py --baseline $(BASELINE) --candidate $(CANDIDATE) \
		--postgres-url $(POSTGRES_URL)

# Issue 20: the outbox's cost on sign-in, refresh, logout and password change, events on
# against off, on a SQLite file and on PostgreSQL (POSTGRES_URL's server; a scratch database
# per server, created and dropped). About 30 minutes on a busy 2-core machine.
bench-outbox: install
	$(BIN)/python -m pip install --quiet -e ".[bench]"
	$(BIN)/python bench/bench_outbox.py --postgres-url $(POSTGRES_URL)

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache examples/demo.sqlite3*
