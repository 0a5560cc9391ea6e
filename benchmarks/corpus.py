"""A deterministic benchmark corpus built by recombining the sentences of the sample corpora.

    python -m benchmarks.corpus --articles 10000 --out benchmarks/.cache/corpus-10000.jsonl

Each synthetic article takes a title and four to nine sentences of one source article, in an order and a
selection drawn from a seeded generator, plus one sentence of another source article, so every article is distinct
while many share a development: the worst case for story clustering (few, large stories). The source articles are
the bundled sample corpus and, when present, the gold corpora beside the repository (``../shared/corpus``). The
output is JSON Lines in the input format ``extract`` and ``batch`` read, and is kept out of git.
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Iterator
from pathlib import Path

from allywatch.ingest import read_inputs
from allywatch.model import Article
from allywatch.nlp.sentences import split_sentences
from allywatch.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "examples" / "corpus", ROOT.parent / "shared" / "corpus"]
CACHE = ROOT / "benchmarks" / ".cache"


def source_articles() -> list[Article]:
    """The articles recombined: the sample corpus, and the gold corpora when they are there."""
    paths = [p for p in SOURCES if p.exists()]
    found = [a for a in read_inputs(paths, Settings()) if isinstance(a, Article) and len(a.text) > 200]
    return sorted(found, key=lambda a: a.doc)


def sentences_of(sources: list[Article]) -> list[list[str]]:
    """Each source article's sentences."""
    return [[s.text for s in split_sentences(a.text)] for a in sources]


def plans(sentences: list[list[str]], count: int, seed: int = 7) -> Iterator[tuple[int, list[tuple[int, int]]]]:
    """For each synthetic article, its source article and the (article, sentence) pairs it is made of."""
    rng = random.Random(seed)
    for _ in range(count):
        k = rng.randrange(len(sentences))
        own = sentences[k]
        chosen = sorted(rng.sample(range(len(own)), min(len(own), rng.randint(4, 9))))
        other = rng.randrange(len(sentences))
        yield k, [(k, j) for j in chosen] + [(other, rng.randrange(len(sentences[other])))]


def synthetic(count: int, seed: int = 7) -> Iterator[dict[str, str]]:
    """``count`` recombined articles as input records, the same for the same count and seed on any machine."""
    sources = source_articles()
    sentences = sentences_of(sources)
    for i, (k, parts) in enumerate(plans(sentences, count, seed)):
        yield {"id": f"bench-{i:06d}", "title": sources[k].title or "", "published": sources[k].published or "",
               "text": "\n\n".join(sentences[a][j] for a, j in parts)}


def ensure(count: int, seed: int = 7) -> Path:
    """The corpus file for ``count`` articles, written once into the cache folder."""
    path = CACHE / f"corpus-{count}-{seed}.jsonl"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".part")
        with partial.open("w", encoding="utf-8") as out:
            for record in synthetic(count, seed):
                out.write(json.dumps({k: v for k, v in record.items() if v}, ensure_ascii=False) + "\n")
        partial.replace(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(ensure(args.articles, args.seed))


if __name__ == "__main__":
    main()
