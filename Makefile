# The two set-up commands of the README:
#   make run    install into .venv, import the sample pages in ../shared/seeds, show the stats
#   make test   install into .venv with the test tools, run the whole test suite
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/seeds
DB ?= janalyq.db

.PHONY: install install-test run test bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

run: install
	$(BIN)/janalyq import $(SEEDS) --db $(DB); status=$$?; \
	  $(BIN)/janalyq stats --db $(DB); exit $$status

test: install-test
	bash tests/setup-system.sh
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) *.egg-info build
