# The set-up commands of the README:
#   make demo   install into .venv, fill a fresh demo database from the bundled sample site, serve the portal
#               (on port 8000; make demo PORT=8080 for another)
#   make test   install into .venv with the test tools, run the whole test suite
#   make run    install into .venv, import the sample pages in ../shared/seeds, show the stats
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
SEEDS ?= ../shared/seeds
DB ?= janalyq.db
PORT ?= 8000

.PHONY: install install-test demo run test clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV) || python3 -m venv $(VENV)

install: $(BIN)/python
	$(BIN)/pip install --quiet -e .

install-test: $(BIN)/python
	$(BIN)/pip install --quiet -e '.[test]'

demo: install
	$(BIN)/janalyq demo --port $(PORT)

run: install
	$(BIN)/janalyq import $(SEEDS) --db $(DB); status=$$?; \
	  $(BIN)/janalyq stats --db $(DB); exit $$status

test: install-test
	bash tests/setup-system.sh
	$(BIN)/python -m pytest -q

clean:
	rm -rf $(VENV) *.egg-info build
