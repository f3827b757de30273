# Luoshi developer entry points. `make run` and `make test` work on a fresh machine with
# Python 3.11; both create .venv on first use.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed

.PHONY: setup run test lint gate bench clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[all]'
	touch $(STAMP)

setup: $(STAMP)

# The main job: the demo jurisdiction (units, leaders, users, the seed meetings) in the
# SQLite file var/luoshi.db, served at http://127.0.0.1:8000 with the log-ins printed.
run: $(STAMP)
	$(BIN)/luoshi serve --demo

test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest

gate: $(STAMP)
	$(BIN)/luoshi eval tests/gold/dev --floors quality/floors.json

# Benchmarks print figures; they are not tests. PostgreSQL figures when LUOSHI_TEST_PG_URL is set.
bench: $(STAMP)
	$(BIN)/python bench/extract_speed.py
	$(BIN)/python bench/ledger_bench.py $${LUOSHI_TEST_PG_URL:+--pg $$LUOSHI_TEST_PG_URL}
	$(BIN)/python bench/web_bench.py
	$(BIN)/python bench/batch_bench.py

clean:
	rm -rf $(VENV) var build *.egg-info
