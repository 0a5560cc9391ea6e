"""Reading inputs: files, folders (recursively, in a stable order) and standard input."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from allywatch.errors import InputError
from allywatch.ingest.decode import REPLACED, decode_bytes, replaced_bytes
from allywatch.ingest.readers import check_size, log, read_feed, read_html, read_record_lines, read_records, read_txt
from allywatch.model import Article, Rejected, Skipped
from allywatch.settings import Settings

TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
RECORD_SUFFIXES = {".jsonl", ".json", ".ndjson"}
FEED_SUFFIXES = {".xml", ".rss", ".atom"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | RECORD_SUFFIXES | FEED_SUFFIXES
#: The extensions a file in a folder is read by, for messages.
READ_SUFFIXES = ".txt, .text, .md, .html, .htm, .xhtml, .jsonl, .ndjson, .json, .xml, .rss, .atom"

__all__ = ["Skipped", "iter_files", "read_bytes", "read_inputs"]


def iter_files(paths: Iterable[str | Path]) -> Iterator[Path | Rejected]:
    """Every input file under ``paths``: folders recursively, sorted, hidden files skipped; a folder that cannot
    be read and a file name that is not UTF-8 (no store could keep it) are Rejected with the reason."""
    for raw in paths:
        path = Path(raw)
        try:
            os.stat(path)
        except PermissionError as err:
            yield Rejected(origin=display_name(path), reason=f"unreadable: {err.strerror or err}")
            continue
        except OSError:
            pass  # a missing path or a dangling link: said below
        if path.is_dir():
            yield from _folder_files(path)
        elif path.is_file():
            yield _checked_name(path)
        elif not path.exists():
            yield Rejected(origin=display_name(path), reason="no such file or folder")
        else:
            yield Rejected(origin=display_name(path), reason="not a regular file")


def display_name(path: str | Path) -> str:
    """A path as it can be printed and stored: bytes that are not UTF-8 shown as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _checked_name(path: Path) -> Path | Rejected:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError:
        return Rejected(origin=display_name(path), reason="file name is not valid UTF-8: rename it to read it")
    return path


def _folder_files(folder: Path) -> Iterator[Path | Rejected]:
    """The input files under ``folder`` (links to files followed, links to folders not), sorted by path, and a
    Rejected for each folder under it that cannot be read."""
    found: list[Path | Rejected] = []

    def unreadable(err: OSError) -> None:
        where = display_name(err.filename) if err.filename is not None else display_name(folder)
        found.append(Rejected(origin=where, reason=f"unreadable folder: {err.strerror or err}"))

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in files:
            if not name.startswith("."):
                found.append(_folder_file(Path(root, name)))
    found.sort(key=lambda item: item if isinstance(item, Path) else Path(item.origin))
    yield from found


def _folder_file(child: Path) -> Path | Rejected:
    """A file listed in a folder: its path when a reader takes it, else a Skipped saying why (or a Rejected when
    its name is not UTF-8)."""
    named = _checked_name(child)
    if isinstance(named, Rejected):
        return named
    where = display_name(child)
    suffix = child.suffix.lower()
    if child.is_symlink() and not child.exists():
        return Skipped(origin=where, reason=f"a link to {display_name(os.readlink(child))}, which does not exist")
    if not child.is_file():
        return Skipped(origin=where, reason="not a regular file")
    if not suffix:
        return Skipped(origin=where, reason="no extension, so no format: name it .txt, .html, .jsonl or .xml to read "
                                            "it, or give the file itself")
    if suffix not in KNOWN_SUFFIXES:
        return Skipped(origin=where, reason=f"{suffix!r} is no format allywatch reads ({READ_SUFFIXES})")
    return child


def read_inputs(
    paths: Iterable[str | Path], settings: Settings, stdin: BinaryIO | None = None, today: dt.date | None = None
) -> Iterator[Article | Rejected]:
    """Articles from files, folders and ``-`` (standard input), with a Rejected for each bad input. Doc ids are
    names users chose, so two different articles that share one ("a/article.txt" and "b/article.txt", two records
    with the same id) are kept apart: the later ones get "~2", "~3" after their id. Two texts under one id with
    the same outlet or the same URL are two versions of one article (a correction), and keep the id."""
    named: dict[str, list[_Named]] = {}
    for item in _read_inputs(paths, settings, stdin, today):
        if isinstance(item, Article):
            n = _number(named.setdefault(item.doc, []), item)
            if n > 1:
                item = replace(item, doc=f"{item.doc}~{n}")
        yield item


@dataclass
class _Named:
    """The articles read under one doc id that are one article: their texts' hashes, their outlet and URL."""

    digests: set[str]
    source: str | None
    url: str | None


def _number(named: list[_Named], article: Article) -> int:
    """Which of the articles read under ``article``'s doc id it is (1, 2, ...): the one with its text, else the one
    it is a version of (same outlet or URL), else a new one."""
    digest = hashlib.sha1(" ".join(article.text.split()).encode("utf-8")).hexdigest()[:16]
    for n, one in enumerate(named, 1):
        if digest in one.digests:
            return n
    for n, one in enumerate(named, 1):
        if (article.source and one.source == article.source) or (article.url and one.url == article.url):
            one.digests.add(digest)
            return n
    named.append(_Named({digest}, article.source, article.url))
    return len(named)


def _read_inputs(
    paths: Iterable[str | Path], settings: Settings, stdin: BinaryIO | None = None, today: dt.date | None = None
) -> Iterator[Article | Rejected]:
    if today is None:
        from allywatch.kb.loader import KnowledgeBase

        today = dt.date.fromisoformat(settings.today) if settings.today else KnowledgeBase.as_of()
    for raw in paths:
        if str(raw) == "-":
            stream = stdin if stdin is not None else getattr(sys.stdin, "buffer", None)
            try:
                if stream is None:
                    raise OSError("standard input is closed")
                data = stream.read(settings.max_bytes + 1)
            except (OSError, ValueError) as err:  # ValueError: a closed file
                yield Rejected(origin="<stdin>", doc="stdin", reason=f"unreadable: {err}")
                continue
            yield from read_bytes(data, "<stdin>", "stdin", settings, today)
            continue
        for item in iter_files([raw]):
            if isinstance(item, Rejected):
                yield item
                continue
            if item.suffix.lower() in {".jsonl", ".ndjson"}:
                yield from _read_lines(item, settings, today)
                continue
            try:
                data = item.read_bytes()
            except OSError as err:
                yield Rejected(origin=str(item), reason=f"unreadable: {err.strerror or err}")
                continue
            yield from read_bytes(data, str(item), item.stem, settings, today, item.suffix.lower())


def _read_lines(path: Path, settings: Settings, today: dt.date | None) -> Iterator[Article | Rejected]:
    """A JSON Lines file streamed line by line: no size limit on the file, one on each record."""
    try:
        with path.open("rb") as lines:
            if lines.read(2) in {b"\xff\xfe", b"\xfe\xff"}:  # UTF-16: decoded whole, as other files are
                lines.seek(0)
                yield from read_bytes(lines.read(), str(path), path.stem, settings, today, path.suffix.lower())
                return
            lines.seek(0)
            yield from read_record_lines(lines, str(path), settings, today)
    except OSError as err:
        yield Rejected(origin=str(path), reason=f"unreadable: {err.strerror or err}")


def read_bytes(
    data: bytes, origin: str, doc: str, settings: Settings, today: dt.date | None = None, suffix: str | None = None
) -> Iterator[Article | Rejected]:
    """Articles from one input's bytes; the format comes from ``suffix`` or, failing that, the content."""
    try:
        check_size(data, origin, settings)
        text, encoding = decode_bytes(data)
    except InputError as err:
        yield Rejected(origin=origin, doc=doc, reason=str(err))
        return
    if encoding == REPLACED:
        count = replaced_bytes(text, data)
        log.warning("note %s: %d byte%s not UTF-8, replaced with \ufffd", origin, count, "" if count == 1 else "s")
    kind = _kind(suffix, text)
    if kind == "records":
        yield from read_records(text, origin, settings, today)
    elif kind == "feed":
        yield from read_feed(text, origin, settings, today)
    elif kind == "html":
        yield read_html(text, doc, origin, settings, today)
    else:
        yield read_txt(text, doc, origin, settings, today)


def _kind(suffix: str | None, text: str) -> str:
    if suffix in RECORD_SUFFIXES:
        return "records"
    if suffix in HTML_SUFFIXES:
        return "html"
    if suffix in FEED_SUFFIXES:
        return "feed"
    if suffix in TEXT_SUFFIXES - {""}:
        return "text"
    head = text.lstrip()[:500].lower()
    if head.startswith("{") or head.startswith("["):
        return "records"
    if (head.startswith("<?xml") and ("<rss" in head or "<feed" in head)) or head.startswith(("<rss", "<feed")):
        return "feed"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text"
