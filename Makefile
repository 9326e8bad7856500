# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP_RUN := $(VENV)/.installed-run
STAMP_TEST := $(VENV)/.installed-test
STAMP_DEV := $(VENV)/.installed-dev
STAMP_BUNDLE := $(VENV)/.installed-bundle

.PHONY: run test test-core bench lint bundle translations clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when the project's metadata changes.
$(STAMP_RUN): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(STAMP_TEST): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@ $(STAMP_RUN)

$(STAMP_DEV): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[test,dev]'
	touch $@ $(STAMP_TEST) $(STAMP_RUN)

$(STAMP_BUNDLE): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[bundle]'
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	$(BIN)/hamstride

test: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The tests of the Qt-free packages alone (marked `core` by their folder in
# tests/conftest.py), without pytest-qt, so without Qt (nor its display or libraries).
test-core: $(STAMP_TEST)
	$(BIN)/python -m pytest -m core -p no:pytest-qt

bench: $(STAMP_TEST)
	QT_QPA_PLATFORM=offscreen $(BIN)/python benchmarks/bench.py

lint: $(STAMP_DEV)
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

# A one-folder build in dist/hamstride/ (see packaging/README.md), then the
# built program is started offscreen once to prove it runs on its own.
bundle: $(STAMP_BUNDLE)
	$(BIN)/pyinstaller --noconfirm --clean --distpath dist --workpath build/pyinstaller \
		packaging/hamstride.spec
	$(BIN)/python packaging/check_bundle.py dist/hamstride/hamstride

# Translations (docs/TRANSLATING.md): `make translations LANGUAGE=de` creates or
# updates resources/translations/hamstride_de.ts from the code and compiles it;
# without LANGUAGE every existing .ts is updated and compiled.
translations: $(STAMP_RUN)
	$(BIN)/python packaging/translations.py $(LANGUAGE)

clean:
	rm -rf $(VENV) build dist src/*.egg-info .pytest_cache .mypy_cache .ruff_cache
