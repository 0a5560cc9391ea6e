"""The hostile-input corpus (``tests/data/hostile``): inputs that once crashed a reader, lost output or corrupted
the store. Read by ``extract`` (and stored by ``ingest``: ``tests/store/test_hostile.py``) with a file name that is
not UTF-8 and an unreadable folder added at run time: nothing crashes, every good article is read, and every input
that is not is named with its reason (rejected, or skipped when a folder holds a file no reader takes).

| file | what | expected |
|---|---|---|
| ``bad_byte.txt`` | UTF-8 with one invalid byte | read, the byte replaced, a note |
| ``binary.txt`` | bytes of no text | rejected: binary |
| ``broken.rss`` | a feed cut off mid-item | its item rejected: empty |
| ``dangling.txt`` | a link to a file that does not exist | skipped |
| ``deep.html`` | a valid page nested 400 elements deep | read |
| ``empty.txt`` | nothing | rejected: empty file |
| ``feed.xml`` | a feed with one good item and one empty | the good item read, the empty one rejected (line 2) |
| ``list.json`` | a JSON list with a good record and a number | the record read, the number rejected (line 2) |
| ``no_extension`` | text without an extension | skipped |
| ``nul.jsonl`` | a record with NUL characters | read, the NULs removed, a note |
| ``records.jsonl`` | a good record, a malformed line, no ``id``, no text, an empty text | one read, four rejected |
| ``scan.pdf`` | an extension no reader takes | skipped |
| ``utf16.txt`` | UTF-16 with a byte order mark | read |
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from allywatch.ingest import read_inputs
from allywatch.model import Article
from allywatch.settings import Settings

HOSTILE = Path(__file__).parent / "data" / "hostile"
READ = ["bad_byte", "deep", "listed", "nul", "shells", "shells-cfbb4d0166c3b6aa", "utf16"]
#: (file, line, reason starts with, skipped)
NOT_READ = [
    ("bad\\xff.txt", None, "file name is not valid UTF-8", False),
    ("binary.txt", None, "binary content", False),
    ("broken.rss", 1, "empty article", False),
    ("dangling.txt", None, "a link to missing-article.txt, which does not exist", True),
    ("empty.txt", None, "empty file", False),
    ("feed.xml", 2, "empty article", False),
    ("list.json", 2, "item 2 is not a JSON object", False),
    ("no_extension", None, "no extension, so no format", True),
    ("records.jsonl", 2, "malformed JSON line: Invalid control character at column", False),
    ("records.jsonl", 3, "line 3 has no 'id'", False),
    ("records.jsonl", 4, "line 4 has neither 'text' nor 'html'", False),
    ("records.jsonl", 5, "empty article", False),
    ("scan.pdf", None, "'.pdf' is no format allywatch reads", True),
    ("shut", None, "unreadable folder", False),
]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The hostile corpus, with a file name that is not UTF-8 and a folder that cannot be read (unless we are root,
    who reads any folder: then the folder is left out of what is expected)."""
    folder = tmp_path / "hostile"
    shutil.copytree(HOSTILE, folder, symlinks=True)
    Path(os.fsdecode(bytes(folder) + b"/bad\xff.txt")).write_text("Denmark and Norway agreed on Monday to buy "
                                                                  "shells together, officials said.")
    (folder / "shut").mkdir()
    (folder / "shut" / "inside.txt").write_text("Finland and Estonia agreed on Friday to share a coastal radar "
                                                "network, the two navies said in a joint statement.")
    (folder / "shut").chmod(0)
    yield folder
    (folder / "shut").chmod(0o755)


def _expected() -> list[tuple[str, int | None, str, bool]]:
    return [item for item in NOT_READ if item[0] != "shut" or os.geteuid() != 0]


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "allywatch", *args], capture_output=True, text=True, check=False,
                          timeout=600)


def test_extract_names_every_hostile_input_and_reads_the_rest(corpus: Path, tmp_path: Path) -> None:
    rejects = tmp_path / "rejects.jsonl"
    done = _run("extract", str(corpus), "--no-model", "--rejects", str(rejects), "-o", str(tmp_path / "out.jsonl"))
    assert done.returncode == 1, done.stderr  # some inputs rejected; none crashed
    assert "Traceback" not in done.stderr
    docs = sorted(json.loads(line)["doc"] for line in (tmp_path / "out.jsonl").read_text().splitlines())
    if os.geteuid() == 0:
        docs.remove("inside")  # root reads the closed folder
    assert docs == READ
    got = [json.loads(line) for line in rejects.read_text(encoding="utf-8").splitlines()]
    named = sorted((Path(r["origin"]).relative_to(corpus).as_posix(), r.get("line"), r["reason"],
                    r.get("skipped", False)) for r in got)
    expected = sorted(_expected())
    assert [(f, line, skipped) for f, line, _, skipped in named] == [(f, line, s) for f, line, _, s in expected]
    assert all(reason.startswith(start) for (_, _, reason, _), (_, _, start, _) in zip(named, expected, strict=True))
    skipped, good = sum(s for *_, s in expected), len(READ) + (os.geteuid() == 0)
    assert f"read {good + len(expected) - skipped}, extracted {good}, rejected {len(expected) - skipped}, " \
           f"skipped {skipped}" in done.stderr
    assert f"note {corpus}/bad_byte.txt: 1 byte not UTF-8, replaced with \ufffd" in done.stderr
    assert f"note {corpus}/nul.jsonl:1: removed 3 NUL characters" in done.stderr
    text = {a.doc: a.text for a in read_inputs([corpus / "bad_byte.txt", corpus / "deep.html"], Settings())
            if isinstance(a, Article)}
    assert "from a Finnish\ufffd plant" in text["bad_byte"] and "—" in text["bad_byte"]  # not read as cp1252
    assert "long-range radars" in text["deep"] and "eastern border" in text["deep"]
