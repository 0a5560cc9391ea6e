#!/usr/bin/env bash
# Set up allywatch in ./.venv, extract the bundled sample corpus, store it in a SQLite file and show what it knows.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".[api]"   # the API extra too, for `allywatch serve`
mkdir -p out
.venv/bin/allywatch extract examples/corpus -o out/sample.jsonl
.venv/bin/allywatch summary out/sample.jsonl
rm -f out/sample.db
.venv/bin/allywatch ingest examples/corpus --db sqlite:///out/sample.db -q
.venv/bin/allywatch stories --db sqlite:///out/sample.db
echo "Extraction: out/sample.jsonl; store: out/sample.db (try: .venv/bin/allywatch events --db sqlite:///out/sample.db --party JPN)"
