# boto-codegen: `make generate` (the main job) and `make test` (the whole suite).
# The Makefile keeps its own virtual environment in .venv, rebuilt when
# pyproject.toml or constraints.txt (and so a pin, such as botocore's) changes.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: generate check test lint typecheck docs bench-sphinx bench bench-setup bench-stubs bench-codemod bench-docs stubs-check clean

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

# make generate end to end for all services, beside boto3's docs generator and
# mypy-boto3-builder (after `make bench-setup`); BENCH_ARGS="--services ec2" for a quick run.
bench: $(STAMP)
	$(BIN)/python bench/generate.py $(BENCH_ARGS)

# Reference tools for the benchmarks, each in its own virtualenv (they pin other
# versions): mypy-boto3-builder, and clean environments with only what stubs need
# (the aiobotocore product's: aiobotocore too, at the pin of constraints.txt).
BUILDER_VENV := bench/.venv-builder
CHECK_VENV := bench/.venv-check
CHECK_AIO_VENV := bench/.venv-check-aio
bench-setup:
	test -x $(BUILDER_VENV)/bin/python || $(PYTHON) -m venv $(BUILDER_VENV)
	$(BUILDER_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt mypy-boto3-builder==7.26.1 aiobotocore
	test -x $(CHECK_VENV)/bin/python || $(PYTHON) -m venv $(CHECK_VENV)
	$(CHECK_VENV)/bin/python -m pip install --quiet --disable-pip-version-check botocore-stubs==1.43.14 typing_extensions==4.16.0
	test -x $(CHECK_AIO_VENV)/bin/python || $(PYTHON) -m venv $(CHECK_AIO_VENV)
	$(CHECK_AIO_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -c constraints.txt aiobotocore botocore-stubs typing_extensions

# generated/docs built into HTML (build/docs-html), in parallel. Warnings that
# boto3's own page content causes are counted apart; any other fails the build.
docs: $(STAMP)
	$(BIN)/sphinx-build -W -q -j auto -b html generated/docs build/docs-html

# make docs for the default services and for ec2, timed, with peak memory.
bench-sphinx: $(STAMP)
	$(BIN)/python bench/sphinx.py

# RST reference pages for ec2 and for every service, timed beside boto3's generator.
bench-docs: $(STAMP)
	$(BIN)/python bench/docs.py

# The es-to-opensearch codemod over a synthetic 5,000-file repository (1% relevant).
bench-codemod: $(STAMP)
	$(BIN)/python bench/codemod.py

# Stubs for ec2 and for every service, timed (beside mypy-boto3-builder after bench-setup).
bench-stubs: $(STAMP)
	$(BIN)/python bench/stubs.py

# Stubs for every service of the installed botocore through mypy --strict and pyright
# (STUBS_CHECK_ARGS="--product aiobotocore" for the aiobotocore product).
stubs-check: $(STAMP)
	$(BIN)/python bench/check_stubs.py $(STUBS_CHECK_ARGS)

$(STAMP): pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c constraints.txt -e '.[dev]'
	# An editable install compiles nothing; compile now, as a package install would
	# (with PYTHONDONTWRITEBYTECODE set, every run would compile every module).
	$(BIN)/python -m compileall -q codegen
	# Run pyright once so anything it fetches on first use is fetched now, not offline in tests.
	PYRIGHT_PYTHON_IGNORE_WARNINGS=1 $(BIN)/pyright --version
	touch $(STAMP)

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache $(BUILDER_VENV) $(CHECK_VENV)
