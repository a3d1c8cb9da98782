# The two commands a newcomer needs (each installs what it needs first):
#   make app    run the page on http://localhost:8501
#   make test   run the whole test suite (installs Chromium for the browser tests)
.PHONY: app test lint bench data screenshot

app:
	scripts/bootstrap.sh
	FACMAP_EDIT=$${FACMAP_EDIT-1} .venv/bin/python app/run_app.py --server.headless true

test:
	scripts/bootstrap.sh --test
	.venv/bin/ruff check app tests benchmarks
	.venv/bin/mypy
	.venv/bin/python -m pytest

lint:
	.venv/bin/ruff check app tests benchmarks
	.venv/bin/mypy

data:
	.venv/bin/facmap extract data/articles/*.txt -o data/facilities.geojson

bench:
	.venv/bin/python benchmarks/bench_extract.py
	.venv/bin/python benchmarks/bench_add.py
	.venv/bin/python benchmarks/bench_export.py
	.venv/bin/python benchmarks/bench_page.py

screenshot:
	FACMAP_SCREENSHOT=1 .venv/bin/python -m pytest -q tests/test_page_browser.py -k screenshot
