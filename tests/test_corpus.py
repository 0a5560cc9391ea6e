"""The shared seed and dev corpora as a regression suite: every doc present, with its gold date."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from allywatch.extract import extract_paths
from allywatch.model import Extraction
from allywatch.settings import Settings
from tests.conftest import shared_corpus

pytestmark = pytest.mark.corpus


@pytest.mark.parametrize("name", ["seeds", "dev"])
def test_every_doc_is_extracted_with_its_published_date(name: str) -> None:
    folder = shared_corpus(name)
    gold = [json.loads(line) for line in (folder.parent / f"{name}.gold.jsonl").read_text().splitlines() if line]
    results = list(extract_paths([folder], Settings(use_model=False)))
    extracted = {r.article.doc: r for r in results if isinstance(r, Extraction)}
    assert set(extracted) >= {g["doc"] for g in gold}
    dated = [g for g in gold if g.get("published")]
    right = sum(extracted[g["doc"]].article.published == g["published"] for g in dated)
    assert right / len(dated) >= 0.95, [(g["doc"], extracted[g["doc"]].article.published) for g in dated]


def test_examples_corpus_is_readable() -> None:
    folder = Path(__file__).resolve().parents[1] / "examples" / "corpus"
    results = list(extract_paths([folder], Settings(use_model=False)))
    assert len(results) == 5 and all(isinstance(r, Extraction) for r in results)
