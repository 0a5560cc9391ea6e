#!/usr/bin/env bash
# Set up allywatch in ./.venv and run it on the bundled sample corpus.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e .
mkdir -p out
.venv/bin/allywatch extract examples/corpus -o out/sample.jsonl
.venv/bin/allywatch summary out/sample.jsonl
echo "Full output: out/sample.jsonl"
