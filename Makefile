# boto-codegen: `make generate` (the main job) and `make test` (the whole suite).
# The Makefile keeps its own virtual environment in .venv, rebuilt when
# pyproject.toml (and so a pin, such as botocore's) changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: generate check test lint typecheck bench clean

generate: $(STAMP)
	$(BIN)/boto-codegen generate

# Fails when generated/ is stale or was edited by hand.
check: $(STAMP)
	$(BIN)/boto-codegen generate --check

test: check
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check codegen tests bench
	$(BIN)/ruff format --check codegen tests bench

typecheck: $(STAMP)
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python bench/load.py

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
