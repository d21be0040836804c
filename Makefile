# Set-up is two commands: `make report` and `make test`. Each creates .venv on first use.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: report test test-fast lab lint bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	# lifelines (the sales-cycle cross-check) pins pandas < 3 but runs on it: its own deps, then it alone
	$(BIN)/python -m pip install --quiet 'autograd>=1.5' 'autograd-gamma>=0.3' 'formulaic>=0.2.2'
	$(BIN)/python -m pip install --quiet --no-deps 'lifelines>=0.30'
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (icplab)" >/dev/null
	rm -f $(VENV)/.installed-* && touch $@

## Render every report on the bundled sample data into reports/ (open reports/index.html)
report: $(STAMP)
	$(BIN)/icplab validate data/samples/outreach.csv
	$(BIN)/icplab run --jobs 2

## Install with test extras; lint, format check, then the type check (beside the tests: its
## report is printed after them) and the whole test suite (one pytest worker per core; a
## module with a shared set-up stays on one worker, slow units first: tests/conftest.py)
test: $(STAMP)
	$(BIN)/ruff check icplab tests benchmarks
	$(BIN)/ruff format --check icplab tests benchmarks
	@$(BIN)/mypy > $(VENV)/mypy.out 2>&1 & types=$$!; \
	echo "$(BIN)/mypy (report below, after the tests)"; \
	$(BIN)/python -m pytest -n auto --dist loadscope; tests=$$?; \
	wait $$types; typed=$$?; echo "== mypy"; cat $(VENV)/mypy.out; \
	test $$tests -eq 0 && test $$typed -eq 0

## For developers: the suite without the tests marked slow (simulations, notebook runs)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadscope -m "not slow"

## Open JupyterLab on the notebooks
lab: $(STAMP)
	$(BIN)/jupyter lab notebooks/

lint: $(STAMP)
	$(BIN)/ruff check icplab tests benchmarks
	$(BIN)/ruff format --check icplab tests benchmarks
	$(BIN)/mypy

## Benchmarks (figures printed; see benchmarks/README.md)
bench: $(STAMP)
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

clean:
	rm -rf $(VENV) reports/runs
