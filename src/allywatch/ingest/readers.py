"""One reader per input format; each turns decoded input into Articles (or Rejected records)."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace
from typing import Any

from allywatch.errors import InputError
from allywatch.ingest.clean import clean_text
from allywatch.ingest.dateline import lead_date, normalise_date, parse_date_line, parse_dateline
from allywatch.model import Article, Rejected
from allywatch.settings import Settings

HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "publisher": "source",
    "url": "url",
    "link": "url",
    "published": "published",
    "date": "published",
    "pubdate": "published",
    "published_at": "published",
    "author": "author",
    "byline": "author",
    "language": "language",
    "lang": "language",
    "section": "section",
    "id": "id",
}
_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z_ -]{0,20}):[ \t]*(.*?)\s*$")
_BARE_DATE = re.compile(r"\s*date[:\s]+(\d{4}-\d{2}-\d{2})\b[ \t]*\n?")
_SENTENCE_END = re.compile(r"[.;:,]$")
#: Notes on articles read (NUL characters removed): "note <origin>: <what>", shown by the command line.
log = logging.getLogger("allywatch.ingest")


def strip_nul(value: str | None) -> tuple[str | None, int]:
    """``value`` without NUL characters (which PostgreSQL cannot store and no article means), and how many."""
    if not value or "\x00" not in value:
        return value, 0
    return value.replace("\x00", ""), value.count("\x00")


def read_txt(
    original: str, doc: str, origin: str, settings: Settings, today: dt.date | None = None
) -> Article | Rejected:
    """A plain-text article: optional ``Key: value`` header, bare ``date`` line, headline, dateline."""
    meta, pos = _parse_header(original)
    bare = _BARE_DATE.match(original, pos)
    if bare:
        meta.setdefault("published", bare.group(1))
        pos = bare.end()
    title = meta.get("title")
    first, first_end = _first_line(original, pos)
    if title is None and first and _is_headline(first) and original[first_end:].strip():
        # (a file that holds a headline alone is that headline's text, not a title over nothing)
        title = first
        pos = first_end
    return make_article(
        original,
        doc=doc,
        origin=origin,
        settings=settings,
        body_start=pos,
        title=title,
        published=meta.get("published"),
        source=meta.get("source"),
        url=meta.get("url"),
        author=meta.get("author"),
        language=meta.get("language"),
        today=today,
    )


def read_html(
    html: str,
    doc: str,
    origin: str,
    settings: Settings,
    today: dt.date | None = None,
    defaults: dict[str, Any] | None = None,
) -> Article | Rejected:
    """A saved web page: main text by trafilatura, metadata from meta tags, JSON-LD and <time>."""
    import trafilatura

    defaults = defaults or {}
    if "\x00" in html:
        _note_nul(origin, html.count("\x00"))
        html = html.replace("\x00", "")
    try:
        document: Any = trafilatura.bare_extraction(
            _shallow_html(html), with_metadata=True, include_comments=False, include_tables=False,
            deduplicate=False
        )
    except Exception as err:  # trafilatura raises many kinds of parser errors on broken pages
        return Rejected(origin=origin, doc=doc, reason=f"HTML could not be parsed: {err}")
    if document is None or not (document.text or "").strip():
        return Rejected(origin=origin, doc=doc, reason="HTML page has no main text")
    json_ld = _json_ld_article(html)
    title = next((t for t in (defaults.get("title"), json_ld.get("headline"), document.title)
                  if t and not is_navigation(t)), None)
    published = defaults.get("published") or json_ld.get("datePublished") or document.date
    source = defaults.get("source") or _publisher(json_ld) or document.sitename or _title_suffix(html, title)
    return make_article(
        document.text,
        doc=doc,
        origin=origin,
        settings=settings,
        title=title,
        published=published,
        source=source,
        url=defaults.get("url") or document.url,
        author=document.author,
        language=document.language,
        today=today,
    )


#: libxml2's HTML parser stops at 255 levels of elements (and the rest of the page is lost): in a page nested
#: :data:`DEEP_HTML` levels deep or deeper, the elements below :data:`UNWRAP_BELOW` levels are unwrapped first.
DEEP_HTML = 250
UNWRAP_BELOW = 160
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^<>]*?(/?)>")
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                   "track", "wbr", "!doctype"})
#: Elements that end when another of their kind opens beside them (<li>a<li>b).
_SELF_ENDING = frozenset({"p", "li", "dt", "dd", "option", "tr", "td", "th"})
#: Elements kept however deep: paragraphs and headings, which the parser never nests in one another.
_KEPT_DEEP = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "br"})
_BLOCKS = frozenset({"div", "section", "article", "main", "li", "ul", "ol", "blockquote", "table", "tr", "td", "th",
                     "tbody", "dd", "dt", "dl", "figure", "figcaption", "header", "footer", "aside", "pre", "nav"})


def _shallow_html(html: str) -> str:
    """``html`` as it is, or, when it nests elements :data:`DEEP_HTML` levels deep or deeper (where the HTML parser
    stops, and the page would seem to hold no text), with the tags of every element below :data:`UNWRAP_BELOW`
    levels but paragraphs and headings taken out: their text is kept, a block's ends become line breaks. Read
    without recursion, so any depth is read."""
    if html.count("<") < DEEP_HTML:
        return html  # too few tags to be that deep
    open_tags: list[str] = []
    unwrapped: list[bool] = []  # per open tag: whether its tags are taken out
    still_open: Counter[str] = Counter()
    cuts: list[tuple[int, int, str]] = []
    deepest = 0
    for tag in _TAG.finditer(html):
        closing, name, self_closed = tag.group(1) == "/", tag.group(2).lower(), tag.group(3) == "/"
        if name in _VOID or self_closed:
            continue
        if not closing:
            if name in _SELF_ENDING and open_tags and open_tags[-1] == name:
                open_tags.pop()  # <li>a<li>b: the first ends where the second starts
                unwrapped.pop()
                still_open[name] -= 1
            cut = len(open_tags) >= UNWRAP_BELOW and name not in _KEPT_DEEP
            open_tags.append(name)
            unwrapped.append(cut)
            still_open[name] += 1
            deepest = max(deepest, len(open_tags))
        elif still_open[name] > 0:
            while open_tags:  # a closing tag ends the elements left open inside it
                cut = unwrapped.pop()
                ended = open_tags.pop()
                still_open[ended] -= 1
                if ended == name:
                    break
        else:
            continue
        if cut:
            cuts.append((tag.start(), tag.end(), "\n" if name in _BLOCKS else ""))
    if deepest < DEEP_HTML:
        return html
    parts, at = [], 0
    for start, end, instead in cuts:
        parts += [html[at:start], instead]
        at = end
    # a run of line breaks where many blocks ended together is one paragraph break
    return re.sub(r"\n{2,}", "\n\n", "".join(parts) + html[at:])


def read_record_lines(
    lines: Iterable[bytes], origin: str, settings: Settings, today: dt.date | None = None
) -> Iterator[Article | Rejected]:
    """JSON Lines read line by line from a file of any size (each record is held to the size limit, not the
    file), so memory stays flat; a line that is not UTF-8 has its bad bytes replaced."""
    yield from _json_lines((raw.decode("utf-8", errors="replace").lstrip("\ufeff") for raw in lines), origin,
                           settings, today)


def _json_lines(lines: Iterable[str], origin: str, settings: Settings, today: dt.date | None
                ) -> Iterator[Article | Rejected]:
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            what = err.msg.removesuffix(" at")  # "Invalid control character at"
            yield Rejected(origin=origin, line=n, reason=f"malformed JSON line: {what} at column {err.colno}")
            continue
        yield _from_record(row, origin, n, settings, today, "line")


def read_records(
    text: str, origin: str, settings: Settings, today: dt.date | None = None
) -> Iterator[Article | Rejected]:
    """JSON Lines (one record a line) or a JSON document (a record or a list of records)."""
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and _is_single_json(stripped)):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as err:
            yield Rejected(origin=origin, reason=f"not valid JSON: {err}")
            return
        rows = data if isinstance(data, list) else [data]
        for n, row in enumerate(rows, 1):
            yield _from_record(row, origin, n, settings, today, "item")
        return
    yield from _json_lines(text.splitlines(), origin, settings, today)


def read_feed(xml: str, origin: str, settings: Settings, today: dt.date | None = None) -> Iterator[Article | Rejected]:
    """An RSS 2.0 or Atom feed: one article per item, from its full content or its summary."""
    import feedparser

    parsed = feedparser.parse(xml)
    if parsed.get("bozo") and not parsed.entries:
        yield Rejected(origin=origin, reason=f"malformed feed: {parsed.get('bozo_exception')}")
        return
    feed_title = parsed.feed.get("title")
    for n, entry in enumerate(parsed.entries, 1):
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "") or entry.get("description", "")
        key = entry.get("id") or entry.get("link") or f"{origin}#{n}"
        doc = _safe_id(entry.get("id") or entry.get("link")) or f"{_stem(origin)}-{n}"
        published = entry.get("published") or entry.get("updated")
        if entry.get("published_parsed"):
            published = dt.date(*entry.published_parsed[:3]).isoformat()
        defaults: dict[str, Any] = {
            "title": entry.get("title"),
            "published": published,
            "source": feed_title,
            "url": entry.get("link"),
        }
        if "<" in body and ">" in body:
            article = read_html(_wrap_html(body, entry.get("title")), doc, f"{origin}#{key}", settings, today, defaults)
        else:
            article = make_article(body, doc=doc, origin=f"{origin}#{key}", settings=settings, today=today, **defaults)
        # a rejected item names its feed as origin and its number as line, as a rejected record does
        yield replace(article, origin=origin, line=n) if isinstance(article, Rejected) else article


def make_article(
    original: str,
    *,
    doc: str,
    origin: str,
    settings: Settings,
    body_start: int = 0,
    title: str | None = None,
    published: str | None = None,
    source: str | None = None,
    url: str | None = None,
    author: str | None = None,
    language: str | None = None,
    today: dt.date | None = None,
) -> Article | Rejected:
    """Clean ``original[body_start:]`` and assemble an Article, taking missing metadata from a dateline; NUL
    characters are removed (and noted) from its text and metadata."""
    if body_start and "\x00" in original[:body_start]:
        body_start -= original[:body_start].count("\x00")
    cleaned: dict[str, str | None] = {}
    removed = 0
    for name, value in (("original", original), ("doc", doc), ("title", title), ("published", published),
                        ("source", source), ("url", url), ("author", author), ("language", language)):
        cleaned[name], count = strip_nul(value)
        removed += count
    if removed:
        _note_nul(origin, removed)
        original, doc = cleaned["original"] or "", cleaned["doc"] or "_"
        title, published, source = cleaned["title"], cleaned["published"], cleaned["source"]
        url, author, language = cleaned["url"], cleaned["author"], cleaned["language"]
    title = _squash(title)
    builder = clean_text(original, body_start, drop=frozenset({title}) if title else frozenset())
    text = builder.text()
    if len(text.strip()) < settings.min_chars:
        return Rejected(
            origin=origin, doc=doc, reason=f"empty article: {len(text.strip())} characters of text after cleaning"
        )
    published_iso = normalise_date(published)
    if published_iso is None or source is None:
        for paragraph in text.split("\n")[:4]:
            dateline = parse_dateline(paragraph, text, today)
            if dateline:
                published_iso = published_iso or dateline.published
                source = source or dateline.outlet
                break
    if published_iso is None:
        # a line of its own with a full date near the top ("New Delhi (AFP) Sept 25, 2025")
        published_iso = next((d for d in map(parse_date_line, text.split("\n")[:5]) if d), None) or next(
            (d for d in map(lead_date, [p for p in text.split("\n") if p.strip()][:3]) if d), None)
        if published_iso and today and published_iso > today.isoformat():
            published_iso = None
    if published_iso is None and url:
        published_iso = url_date(url, today)
    return Article(
        doc=doc,
        text=text,
        title=title,
        source=_squash(source),
        url=_squash(url),
        published=published_iso,
        language=_squash(language),
        author=_squash(author),
        origin=origin,
        original=original,
        offsets=builder.offsets(),
    )


def _note_nul(origin: str, count: int) -> None:
    log.warning("note %s: removed %d NUL character%s", origin, count, "" if count == 1 else "s")


def _parse_header(original: str) -> tuple[dict[str, str], int]:
    """A leading block of ``Key: value`` lines ended by a blank line; returns (meta, body start)."""
    meta: dict[str, str] = {}
    pos = len(original) - len(original.lstrip("\ufeff \t\r\n"))
    start = pos
    while pos < len(original):
        newline = original.find("\n", pos)
        line_end = len(original) if newline < 0 else newline
        line = original[pos:line_end]
        match = _HEADER_LINE.match(line)
        key = HEADER_KEYS.get(match.group(1).strip().lower().replace(" ", "_")) if match else None
        if not line.strip():
            return (meta, line_end + 1) if meta else ({}, start)
        if key is None:
            return (meta, pos) if len(meta) >= 2 else ({}, start)
        meta.setdefault(key, match.group(2) if match else "")
        pos = line_end + 1
    return (meta, pos) if meta else ({}, start)


def _first_line(original: str, pos: int) -> tuple[str, int]:
    while pos < len(original) and original[pos] in " \t\r\n":
        pos += 1
    newline = original.find("\n", pos)
    end = len(original) if newline < 0 else newline
    return original[pos:end].strip(), end + 1


_URL_DATE = re.compile(r"/((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})(?:/|$)"
                       r"|[/_-]((?:19|20)\d{2})(\d{2})(\d{2})(?=[-_/.]|\d{6}|$)")


def url_date(url: str, today: dt.date | None = None) -> str | None:
    """The date an article's own address carries ("/2025/11/04/", "20251104-123456"), if it is a real day."""
    path = re.sub(r"^[a-z]+://[^/]+", "", url.strip())
    for found in _URL_DATE.finditer(path):
        parts = [int(p) for p in found.groups() if p is not None]
        try:
            day = dt.date(*parts)
        except ValueError:
            continue
        if today is None or day <= today:
            return day.isoformat()
    return None


_NAVIGATION = re.compile(
    r"^(?:skip\s+to\s+(?:main\s+)?(?:content|navigation|search)|(?:main\s+)?menu|home|search|sign\s+in|log\s*in|"
    r"subscribe(?:\s+now)?|toggle\s+navigation|open\s+menu|close|advertisement|cookie\s+settings|"
    r"accept\s+(?:all\s+)?cookies|share(?:\s+this)?(?:\s+article)?|print|breaking\s+news)\W*$", re.IGNORECASE)


def is_navigation(line: str | None) -> bool:
    """Page furniture rather than a headline: "Skip to content", "Menu", "Sign in", "Accept cookies"."""
    return line is not None and bool(_NAVIGATION.match(line.strip()))


def _is_headline(line: str) -> bool:
    """A first line reads as a headline: short, not ending like a sentence, not page furniture."""
    words = line.split()
    return (
        not is_navigation(line)
        and 2 <= len(words) <= 25
        and len(line) <= 220
        and not _SENTENCE_END.search(line)
        and not (line.endswith(".") and not line.endswith("..."))
    )


def article_from_record(row: Any, origin: str, n: int, settings: Settings, today: dt.date | None = None
                        ) -> Article | Rejected:
    """An article from one record of a table (a Parquet row, a JSON object): ``id``, ``text`` or ``html``, and
    optionally ``title``, ``url``, ``published``, ``source``; ``n`` is its row number, for messages."""
    if today is None:
        from allywatch.kb.loader import KnowledgeBase

        today = dt.date.fromisoformat(settings.today) if settings.today else KnowledgeBase.as_of()
    return _from_record(row, origin, n, settings, today, "row")


def _from_record(
    row: Any, origin: str, n: int, settings: Settings, today: dt.date | None, unit: str
) -> Article | Rejected:
    where = f"{origin}:{n}"
    if not isinstance(row, dict):
        return Rejected(origin=origin, line=n, reason=f"{unit} {n} is not a JSON object")
    doc = row.get("id") or row.get("doc")
    if doc is None or str(doc).strip() == "":
        return Rejected(origin=origin, line=n, reason=f"{unit} {n} has no 'id'")
    doc = str(doc)
    text, html = row.get("text"), row.get("html")
    if not isinstance(text, str) and not isinstance(html, str):
        return Rejected(origin=origin, line=n, doc=doc, reason=f"{unit} {n} has neither 'text' nor 'html'")
    size = len((text if isinstance(text, str) else html or "").encode("utf-8", "ignore"))
    if size > settings.max_bytes:
        return Rejected(
            origin=origin,
            line=n,
            doc=doc,
            reason=f"oversize record: {size} bytes, over the limit of {settings.max_bytes}",
        )
    defaults: dict[str, Any] = {k: row.get(k) for k in ("title", "url", "published", "source") if row.get(k)}
    if not defaults.get("published") and row.get("date"):
        defaults["published"] = row["date"]
    if isinstance(text, str):
        article = make_article(
            text,
            doc=doc,
            origin=where,
            settings=settings,
            today=today,
            author=row.get("author"),
            language=row.get("language"),
            **defaults,
        )
    else:
        article = read_html(str(html), doc, where, settings, today, defaults)
    # a rejected record names its file as origin and its number as line, whatever rejected it
    return replace(article, origin=origin, line=n) if isinstance(article, Rejected) else article


def _is_single_json(text: str) -> bool:
    try:
        json.loads(text)
    except json.JSONDecodeError:
        return False
    return True


def _json_ld_article(html: str) -> dict[str, Any]:
    """The first JSON-LD object of a news-article type in the page, or {}."""
    for block in re.findall(r"<script[^>]+application/ld\+json[^>]*>(.*?)</script>", html, re.S | re.I):
        try:
            data = json.loads(block)
        except json.JSONDecodeError:
            continue
        for item in _walk_ld(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                return item
    return {}


def _walk_ld(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _walk_ld(item)
    elif isinstance(data, dict):
        yield data
        if "@graph" in data:
            yield from _walk_ld(data["@graph"])


def _publisher(json_ld: dict[str, Any]) -> str | None:
    publisher = json_ld.get("publisher")
    if isinstance(publisher, dict):
        return publisher.get("name")
    return publisher if isinstance(publisher, str) else None


def _title_suffix(html: str, title: str | None) -> str | None:
    """The outlet a page's <title> names after its headline ("Headline - Outlet", "Headline | Outlet")."""
    found = re.search(r"<title[^>]*>(.*?)</title>", html, re.S | re.I)
    if not found or not title:
        return None
    full = " ".join(found.group(1).split())
    if full.startswith(title) and len(full) > len(title):
        rest = re.match(r"^\s*[-|\u2013\u2014:]\s*(.{2,60})$", full[len(title):])
        return rest.group(1).strip() if rest else None
    return None


def _wrap_html(body: str, title: str | None) -> str:
    heading = f"<h1>{title}</h1>" if title else ""
    return f"<html><body><article>{heading}{body}</article></body></html>"


def _squash(value: Any) -> str | None:
    if value is None:
        return None
    value = " ".join(str(value).split())
    return value or None


def _stem(origin: str) -> str:
    name = origin.rsplit("/", 1)[-1]
    return name.rsplit(".", 1)[0] if "." in name else name


def _safe_id(value: str | None) -> str | None:
    """A stable, file-name-safe id for a feed item from its guid or link."""
    if not value:
        return None
    digest = hashlib.sha1(value.encode("utf-8")).hexdigest()[:16]
    tail = re.sub(r"[^A-Za-z0-9]+", "-", value.rstrip("/").rsplit("/", 1)[-1]).strip("-")[:40]
    return f"{tail}-{digest}" if tail else digest


def check_size(data: bytes, origin: str, settings: Settings) -> None:
    """Raise InputError if ``data`` is empty or over the configured size."""
    if not data.strip():
        raise InputError("empty file")
    if len(data) > settings.max_bytes:
        raise InputError(
            f"oversize file: {len(data)} bytes, over the limit of {settings.max_bytes} (raise it with --max-bytes)"
        )
