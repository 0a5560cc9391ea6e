"""The ``allywatch`` command line: thin Typer commands over library functions."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TextIO, TypeVar

import typer
from rich.console import Console
from rich.markup import escape
from typer.core import TyperOption

from allywatch import __version__
from allywatch.corpus.stories import stream_stories
from allywatch.errors import AllywatchError
from allywatch.extract import extract_articles
from allywatch.ingest import read_inputs
from allywatch.model import Extraction, Rejected, Skipped
from allywatch.output import extraction_to_json, rejected_to_json
from allywatch.settings import Settings

if TYPE_CHECKING:
    from allywatch.store.repository import Repository

_option_type = TyperOption.display_type_rich


def _no_type_on_flags(option: TyperOption, ctx: Any) -> str | None:
    """The type shown beside an option in ``--help``: none for a flag (Typer would show ``<bool>``)."""
    return None if option.is_flag else _option_type(option, ctx)


setattr(TyperOption, "display_type_rich", _no_type_on_flags)  # noqa: B010 (a method replaced)

app = typer.Typer(
    name="allywatch",
    help="Turn news about defense-industrial cooperation into structured, checkable facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)
T = TypeVar("T")

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2
WideOption = Annotated[bool, typer.Option("--wide", help="Every column, long cells folded over several lines (by "
                                                         "default tables fit the terminal, cut with …).")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"allywatch {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """allywatch reads news articles (.txt, .html, .jsonl/.json, RSS/Atom) and extracts who cooperates
    with whom on what, each fact tied to the sentence that states it."""


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files, folders (read recursively) or - for standard input.")],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write JSON Lines here instead of stdout.")
    ] = None,
    rejects: Annotated[
        Path | None, typer.Option("--rejects", help="Write one JSON line per rejected input here.")
    ] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extract in this many processes.")] = 1,
    kb: Annotated[
        list[Path] | None, typer.Option("--kb", help="A YAML file extending the knowledge base; repeatable.")
    ] = None,
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", help="Reject inputs larger than this.")] = None,
    no_model: Annotated[
        bool, typer.Option("--no-model", help="Knowledge-base recognition only, no statistical NER.")
    ] = False,
    config: Annotated[Path | None, typer.Option("--config", help="A TOML settings file.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Extract entities, events, money, dates, quotes and stories from articles, one JSON object per line.

    Example: allywatch extract examples/corpus -o out.jsonl
    """
    settings = _settings(
        config,
        jobs=jobs,
        max_bytes=max_bytes,
        use_model=False if no_model else None,
        kb_extra=tuple(str(p) for p in kb) if kb else None,
    )
    counts: Counter[str] = Counter()
    with ExitStack() as stack:
        out: TextIO = stack.enter_context(output.open("w", encoding="utf-8")) if output else sys.stdout
        bad: TextIO | None = stack.enter_context(rejects.open("w", encoding="utf-8")) if rejects else None
        stack.enter_context(_reader_notes(quiet))
        progress = _progress(stack, quiet)

        def extracted() -> Iterator[Extraction]:
            for result in extract_articles(read_inputs(paths, settings), settings):
                if isinstance(result, Skipped):  # a file in a folder no reader takes: said, counted, no error
                    counts["skipped"] += 1
                    _report_rejected(result, bad, quiet)
                    continue
                counts["read"] += 1
                if isinstance(result, Rejected):
                    counts["rejected"] += 1
                    _report_rejected(result, bad, quiet)
                else:
                    counts["extracted"] += 1
                    yield result
                if progress is not None:
                    progress.update(0, advance=1, description=f"extracted {counts['extracted']}")

        try:
            # each article is written as soon as it is extracted and given its story: memory stays flat
            for extraction in stream_stories(extracted()):
                out.write(json.dumps(extraction_to_json(extraction), ensure_ascii=False) + "\n")
                out.flush()
        except AllywatchError as error:
            err.print(f"[red]error:[/red] {error}")
            raise typer.Exit(EXIT_USAGE) from error
    if not quiet:
        err.print(
            f"read {counts['read']}, extracted {counts['extracted']}, rejected {counts['rejected']}, "
            f"skipped {counts['skipped']}" + (f" -> {output}" if output else "")
        )
    raise typer.Exit(EXIT_REJECTED if counts["rejected"] else EXIT_OK)


@app.command()
def summary(
    path: Annotated[Path, typer.Argument(help="A JSON Lines file written by 'allywatch extract'.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print counts as JSON instead of tables.")] = False,
    wide: WideOption = False,
) -> None:
    """Summarise an extraction: one row per article, then its events.

    Example: allywatch summary out.jsonl
    """
    from allywatch.report import load_rows, print_summary, summary_counts

    try:
        rows = load_rows(path)
    except AllywatchError as error:
        _usage_error(error)
    except UnicodeDecodeError as error:
        _usage_error(f"cannot read {path}: not UTF-8 text ({error.reason} at byte {error.start}); 'allywatch "
                     "summary' reads the JSON Lines 'allywatch extract' writes")
    except OSError as error:
        _usage_error(f"cannot read {path}: {error.strerror or error}")
    if as_json:
        typer.echo(json.dumps(summary_counts(rows)))
    else:
        print_summary(rows, Console(), wide)


@app.command()
def explain(
    path: Annotated[Path, typer.Argument(help="One article file (.txt, .html, .jsonl record file, feed).")],
    kb: Annotated[list[Path] | None, typer.Option("--kb", help="A YAML file extending the knowledge base.")] = None,
    no_model: Annotated[bool, typer.Option("--no-model", help="Knowledge-base recognition only.")] = False,
) -> None:
    """Print each event with its evidence sentence highlighted, and why: trigger, parties, status cue.

    Example: allywatch explain examples/corpus/004_5b5dc9eb8f601fe5.txt
    """
    from allywatch.report import print_explanation

    settings = _settings(None, use_model=False if no_model else None,
                         kb_extra=tuple(str(p) for p in kb) if kb else None)
    console = Console()
    rejected = 0
    with _reader_notes(False):
        for result in extract_articles(read_inputs([str(path)], settings), settings):
            if isinstance(result, Rejected):
                rejected += not isinstance(result, Skipped)
                _report_rejected(result, None, False)
                continue
            print_explanation(result, console)
    raise typer.Exit(EXIT_REJECTED if rejected else EXIT_OK)


DbOption = Annotated[str, typer.Option("--db", envvar="ALLYWATCH_DB",
                                        help="Store URL: sqlite:///path (default ./allywatch.db) or "
                                             "postgresql+psycopg://user@host/db.")]
JsonOption = Annotated[bool, typer.Option("--json", help='Print {"data": [...], "count": N}.')]


def _open_store(db: str, quiet: bool = False) -> Repository:
    """Open the store; a writer that has to wait for another says so on stderr (unless ``quiet``)."""
    from allywatch.store.repository import Repository

    def waiting(message: str) -> None:
        if not quiet:
            err.print(escape(message), highlight=False, soft_wrap=True)

    try:
        return Repository.open(db, on_wait=waiting)
    except AllywatchError as error:
        err.print(f"[red]error:[/red] {escape(str(error))}")  # escaped: "pip install 'allywatch[postgres]'"
        raise typer.Exit(EXIT_USAGE) from error


def _query(db: str, ask: Callable[[Repository], T]) -> T:
    """Open the store, ask it one thing, close it; a SQLite store that does not exist is an error (opening it
    would create an empty one, and a mistyped --db would answer with nothing)."""
    _require_store(db)
    repo = _open_store(db)
    try:
        return ask(repo)
    finally:
        repo.close()


@app.command()
def ingest(
    paths: Annotated[list[str] | None, typer.Argument(help="Files, folders or - for standard input.")] = None,
    db: DbOption = "sqlite:///allywatch.db",
    source: Annotated[Path | None, typer.Option("--from", help="Store a batch output folder (no extraction).")] = None,
    batch: Annotated[int, typer.Option("--batch", min=1, help="Articles per transaction.")] = 50,
    rejects: Annotated[Path | None, typer.Option("--rejects", help="Write rejected inputs here as JSON Lines.")] = None,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Extract in this many processes.")] = 1,
    kb: Annotated[list[Path] | None, typer.Option("--kb", help="A YAML file extending the knowledge base.")] = None,
    max_bytes: Annotated[int | None, typer.Option("--max-bytes", min=1, help="Reject inputs larger than this "
                                                                              "(default 5,000,000).")] = None,
    no_model: Annotated[bool, typer.Option("--no-model", help="Knowledge-base recognition only.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress, no summary.")] = False,
) -> None:
    """Store articles, their stories and consolidated events; idempotent, and safe to kill and rerun.

    Example: allywatch ingest examples/corpus --db sqlite:///allywatch.db
    """
    from allywatch.store.ingest import IngestReport
    from allywatch.store.ingest import ingest as run_ingest

    settings = _settings(None, jobs=jobs, max_bytes=max_bytes, use_model=False if no_model else None,
                         kb_extra=tuple(str(p) for p in kb) if kb else None)
    repo = _open_store(db, quiet)

    def progress(report: IngestReport) -> None:
        if not quiet:
            err.print(f"read {report.read}, stored {report.stored}, already stored {report.skipped}, "
                      f"rejected {len(report.rejected)}", highlight=False)

    if bool(paths) == bool(source):
        repo.close()
        err.print("[red]error:[/red] give either inputs to extract or --from a batch output folder")
        raise typer.Exit(EXIT_USAGE)
    try:
        if source is not None:
            from allywatch.store.ingest import ingest_batch_output

            report = ingest_batch_output(source, repo, batch, on_batch=progress)
        else:
            with _reader_notes(quiet):
                report = run_ingest(paths or [], repo, settings, batch, on_batch=progress)
    except AllywatchError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_USAGE) from error
    finally:
        repo.close()
    with ExitStack() as stack:
        bad = stack.enter_context(rejects.open("w", encoding="utf-8")) if rejects else None
        for item in [*report.unread, *report.rejected]:
            _report_rejected(item, bad, quiet)
    if not quiet:
        err.print(f"done: read {report.read}, stored {report.stored}, already stored {report.skipped}, "
                  f"rejected {len(report.rejected)}, skipped {len(report.unread)}", highlight=False)
    raise typer.Exit(EXIT_REJECTED if report.rejected else EXIT_OK)


@app.command()
def batch(
    paths: Annotated[list[str], typer.Argument(help="Files, folders, JSON Lines or Parquet (a 'text' column).")],
    out: Annotated[Path, typer.Option("--out", help="Folder for articles, stories, events and rejected inputs.")],
    engine: Annotated[str, typer.Option("--engine", help="Where to run: local or spark.")] = "local",
    fmt: Annotated[str, typer.Option("--format", help="Output format: jsonl or parquet.")] = "jsonl",
    master: Annotated[str, typer.Option("--master", help="Spark master URL (spark engine).")] = "local[*]",
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1, help="Processes for the local engine.")] = 1,
    kb: Annotated[list[Path] | None, typer.Option("--kb", help="A YAML file extending the knowledge base.")] = None,
    no_model: Annotated[bool, typer.Option("--no-model", help="Knowledge-base recognition only.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Extract a corpus, cluster it into stories and consolidate its events, locally or on Spark.

    Example: allywatch batch examples/corpus --engine spark --master 'local[2]' --out out/batch
    """
    from allywatch.batch import FORMATS, write_batch
    from allywatch.batch import batch as run_batch
    from allywatch.engines import get_engine

    if engine not in {"local", "spark"} or fmt not in FORMATS:
        err.print(f"[red]error:[/red] --engine is local or spark, --format is {' or '.join(FORMATS)}")
        raise typer.Exit(EXIT_USAGE)
    settings = _settings(None, jobs=jobs, use_model=False if no_model else None,
                         kb_extra=tuple(str(p) for p in kb) if kb else None)
    options: dict[str, object] = {"settings": settings}
    if engine == "spark":
        options["master"] = master
    try:
        runner = get_engine(engine, **options)
        result = run_batch(paths, runner, settings)
        written = write_batch(result, out, fmt)
    except AllywatchError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_USAGE) from error
    for item in result.rejected:
        _report_rejected(item, None, quiet)
    summary = {"engine": engine, "articles": len(result.articles), "stories": len(result.stories),
               "events": len(result.events), "rejected": len(result.rejected),
               "out": {name: str(path) for name, path in written.items()}}
    typer.echo(json.dumps(summary))
    if not quiet:
        err.print(f"{engine}: {summary['articles']} articles, {summary['stories']} stories, "
                  f"{summary['events']} events, {summary['rejected']} rejected -> {out}")
    raise typer.Exit(EXIT_REJECTED if result.rejected else EXIT_OK)


@app.command()
def watch(
    sources: Annotated[list[str], typer.Argument(help="Folders, files, or RSS/Atom feed URLs (http/https).")],
    db: DbOption = "sqlite:///allywatch.db",
    every: Annotated[str, typer.Option("--every", help="Time from the start of one round to the next: "
                                                       "30s, 15m, 2h, 1h30m or plain seconds.")] = "15m",
    rounds: Annotated[int | None, typer.Option("--rounds", min=1, help="Stop after this many rounds "
                                                                        "(default: until Ctrl-C).")] = None,
    no_model: Annotated[bool, typer.Option("--no-model", help="Knowledge-base recognition only.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print only errors: no round lines, no summary.")]
    = False,
) -> None:
    """Store new articles from folders, files and RSS/Atom feeds on a schedule; a failing source is retried.

    An unchanged feed costs a 304 and stored articles are skipped, so a watch can be stopped (Ctrl-C) and rerun.

    Exit status: 0, or 1 if any round had errors or rejected inputs; 2 for a usage error.

    Example: allywatch watch https://example.org/defence.rss news/ --every 15m --db sqlite:///allywatch.db
    """
    import logging

    from allywatch.store.watch import RoundReport, check_sources, parse_duration
    from allywatch.store.watch import watch as run_watch

    try:
        seconds = parse_duration(every)
        check_sources(sources)
    except AllywatchError as error:
        err.print(f"[red]error:[/red] {error}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from error
    settings = _settings(None, use_model=False if no_model else None)
    repo = _open_store(db, quiet)

    def progress(report: RoundReport) -> None:
        if not quiet:
            err.print(f"round {report.number}: read {report.read}, stored {report.stored}, already stored "
                      f"{report.skipped}, rejected {len(report.rejected)}, errors {len(report.errors)}",
                      highlight=False)

    # the library logs each failed source ("error <source>: <reason>") and rejected input; show them on stderr
    log = logging.getLogger("allywatch.store.watch")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    level, propagate = log.level, log.propagate
    log.addHandler(handler)
    log.setLevel(logging.WARNING if quiet else logging.INFO)
    log.propagate = False
    try:
        with _reader_notes(quiet):
            reports = run_watch(sources, repo, settings, seconds, rounds, on_round=progress)
    except AllywatchError as error:
        err.print(f"[red]error:[/red] {error}", highlight=False)
        raise typer.Exit(EXIT_USAGE) from error
    finally:
        log.removeHandler(handler)
        log.setLevel(level)
        log.propagate = propagate
        repo.close()
    if not quiet:
        stopped = " (interrupted)" if reports and reports[-1].interrupted else ""
        err.print(f"done{stopped}: {len(reports)} rounds, read {sum(r.read for r in reports)}, stored "
                  f"{sum(r.stored for r in reports)}, already stored {sum(r.skipped for r in reports)}, rejected "
                  f"{sum(len(r.rejected) for r in reports)}, errors {sum(len(r.errors) for r in reports)}",
                  highlight=False)
    raise typer.Exit(EXIT_REJECTED if any(r.errors or r.rejected for r in reports) else EXIT_OK)


PartyOption = Annotated[list[str] | None, typer.Option("--party", metavar="CODE", help="A party code, e.g. JPN; "
                                                       "repeat it for events all the given parties take part in.")]
TypeOption = Annotated[str | None, typer.Option("--type", help="An event type, e.g. co_production.")]
StatusOption = Annotated[str | None, typer.Option("--status", help="proposed, planned, agreed, ongoing, completed.")]
SinceOption = Annotated[str | None, typer.Option("--since", help="YYYY, YYYY-MM or YYYY-MM-DD: the event's date "
                                                                 "or last sighting on or after it.")]
UntilOption = Annotated[str | None, typer.Option("--until", help="YYYY, YYYY-MM or YYYY-MM-DD: the event's date "
                                                                 "or first sighting on or before it.")]


def _check_periods(**bounds: str | None) -> None:
    """Stop with a usage error on a date bound that is not YYYY, YYYY-MM or YYYY-MM-DD."""
    from allywatch.store.repository import check_period

    try:
        for name, value in bounds.items():
            if value is not None:
                check_period(value, f"--{name}")
    except AllywatchError as error:
        _usage_error(error)


def _usage_error(error: AllywatchError | str) -> NoReturn:
    """Print one line, ``error: ...``, however long, and exit with the usage status."""
    err.print(f"[red]error:[/red] {escape(str(error))}", highlight=False, soft_wrap=True)
    raise typer.Exit(EXIT_USAGE) from (error if isinstance(error, BaseException) else None)


@app.command()
def events(
    db: DbOption = "sqlite:///allywatch.db",
    party: PartyOption = None,
    type: TypeOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    status: StatusOption = None,
    as_json: JsonOption = False,
    wide: WideOption = False,
) -> None:
    """Consolidated events with their sources.

    Example: allywatch events --party JPN --type co_production --since 2024-01 --json
    """
    _check_periods(since=since, until=until)
    rows = _query(db, lambda repo: repo.events(party=party, type=type, since=since, until=until, status=status))
    if as_json:
        typer.echo(json.dumps({"data": rows, "count": len(rows)}, ensure_ascii=False))
        return
    from allywatch.report import events_table

    console = Console()
    console.print(events_table(rows, console.size.width, wide))


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", help="csv, jsonl, parquet (needs pip install "
                                                      "'allywatch\\[parquet]') or graphml (the cooperation graph).")],
    out: Annotated[Path, typer.Option("--out", help="The file to write (replaced if it exists).")],
    db: DbOption = "sqlite:///allywatch.db",
    party: PartyOption = None,
    type: TypeOption = None,
    status: StatusOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Export the consolidated events, filtered as 'allywatch events' filters them: one row per event with its
    sources and evidence sentences (csv, jsonl, parquet), or the graph of which parties cooperate on what
    (graphml, for networkx or Gephi).

    Example: allywatch export --format csv --out jpn-usa.csv --party JPN --party USA --since 2024-01
    """
    from allywatch.export import EventFilters, check_format, export_events

    try:
        check_format(fmt)  # before the store is opened
    except AllywatchError as error:
        _usage_error(error)
    _check_periods(since=since, until=until)
    _require_store(db)
    filters = EventFilters(parties=tuple(party or ()), type=type, status=status, since=since, until=until)
    repo = _open_store(db)
    try:
        report = export_events(repo, out, fmt, filters)
    except AllywatchError as error:
        _usage_error(error)
    finally:
        repo.close()
    if not quiet:
        graph = f" ({report.parties} parties, {report.edges} edges)" if fmt == "graphml" else ""
        err.print(f"exported {report.events} events{graph} as {fmt} -> {escape(str(report.path))}", highlight=False,
                  soft_wrap=True)


def _require_store(db: str) -> None:
    """Stop with a usage error when a SQLite store file does not exist (opening it would create an empty one)."""
    missing = _missing_sqlite_file(db)
    if missing:
        _usage_error(f"no store at {missing}; 'allywatch ingest' fills one")


def _missing_sqlite_file(db: str) -> str | None:
    """The path of the SQLite file ``db`` names when that file does not exist (else ``None``)."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    from allywatch.store.repository import normalise_url

    try:
        url = make_url(normalise_url(db))
    except ArgumentError:
        return None  # opening the store reports it
    if url.get_backend_name() == "sqlite" and url.database not in (None, "", ":memory:") \
            and not Path(url.database).exists():
        return url.database
    return None


@app.command()
def stories(db: DbOption = "sqlite:///allywatch.db", as_json: JsonOption = False, wide: WideOption = False) -> None:
    """Stories: one real-world development each, with how many articles and outlets reported it.

    Example: allywatch stories
    """
    rows = _query(db, lambda repo: repo.stories())
    if as_json:
        typer.echo(json.dumps({"data": rows, "count": len(rows)}, ensure_ascii=False))
        return
    from allywatch.report import rows_table

    console = Console()
    console.print(rows_table("Stories", rows, ("id", "first_seen", "last_seen", "articles", "outlets", "title"),
                             console.size.width, wide, narrow=("id", "last_seen", "articles", "title")))


@app.command()
def story(
    story_id: Annotated[str, typer.Argument(help="A story id from 'allywatch stories'.")],
    db: DbOption = "sqlite:///allywatch.db",
    as_json: JsonOption = False,
    wide: WideOption = False,
) -> None:
    """One story: its sources side by side, what corrected versions of them changed, its events and where sources
    conflict.

    Example: allywatch story s-1c89e975da24
    """
    found = _query(db, lambda repo: repo.story(story_id))
    if found is None:
        err.print(f"[red]error:[/red] no story {story_id!r}; 'allywatch stories' lists them")
        raise typer.Exit(EXIT_REJECTED)
    if as_json:
        typer.echo(json.dumps({"data": [found], "count": 1}, ensure_ascii=False))
        return
    from allywatch.report import print_story

    print_story(found, Console(), wide)


@app.command()
def entity(
    name: Annotated[str, typer.Argument(help="A canonical name, e.g. 'Shigeru Ishiba' or JPN.")],
    db: DbOption = "sqlite:///allywatch.db",
    as_json: JsonOption = False,
    wide: WideOption = False,
) -> None:
    """An entity across the store: offices, events, co-occurring parties.

    Example: allywatch entity "Richard Marles"
    """
    from allywatch.kb.loader import KnowledgeBase
    from allywatch.kb.lookup import offices_of

    found = _query(db, lambda repo: repo.entity(name))
    if found is None:
        err.print(f"[red]error:[/red] no entity named {name!r} in the store")
        raise typer.Exit(EXIT_REJECTED)
    found["offices"] = offices_of(KnowledgeBase.load(), found["name"])
    if as_json:
        typer.echo(json.dumps({"data": [found], "count": 1}, ensure_ascii=False))
        return
    from allywatch.report import print_entity

    print_entity(found, Console(), wide)


#: The top-level packages the API needs; missing, 'serve' names the extra to install.
API_PACKAGES = frozenset({"fastapi", "starlette", "pydantic", "uvicorn"})


@app.command()
def serve(
    db: DbOption = "sqlite:///allywatch.db",
    host: Annotated[str, typer.Option("--host", help="The address to listen on (0.0.0.0: every interface).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="The port to listen on.")] = 8000,
    read_token: Annotated[str | None, typer.Option("--read-token", envvar="ALLYWATCH_READ_TOKEN",
                                                   help="Reads need 'Authorization: Bearer TOKEN' too (default: "
                                                        "reads are open).")] = None,
    max_body: Annotated[int, typer.Option("--max-body", min=1, help="The largest request body taken, in bytes "
                                                                    "(413 beyond).")] = 5_000_000,
    no_model: Annotated[bool, typer.Option("--no-model", help="Ingest with knowledge-base recognition only.")]
    = False,
) -> None:
    """Serve the store over HTTP: a REST API under /api/, its OpenAPI docs at /docs (pip install 'allywatch\\[api]').

    Reads (articles, stories, events, entities, graph, timeline) answer {"data": [...], "count": N}.

    POST /api/articles ingests one article; when ALLYWATCH_TOKEN is set it needs 'Authorization: Bearer TOKEN'.

    Reads are open unless --read-token (or ALLYWATCH_READ_TOKEN) is set.

    Example: allywatch serve --db sqlite:///allywatch.db --host 127.0.0.1 --port 8000
    """
    try:
        import uvicorn

        from allywatch.api.app import create_app
    except ModuleNotFoundError as error:
        if (error.name or "").split(".")[0] not in API_PACKAGES:
            raise
        _usage_error(f"'allywatch serve' needs FastAPI and uvicorn ({error.name} is missing): "
                     "pip install 'allywatch[api]'")
    import os

    write_token = os.environ.get("ALLYWATCH_TOKEN") or None
    _require_store(db)  # a mistyped --db must not serve (and create) an empty store
    settings = _settings(None, use_model=False if no_model else None)
    repo = _open_store(db)
    try:
        api = create_app(repo, settings, read_token=read_token or None, write_token=write_token, max_body=max_body)
        if host not in {"127.0.0.1", "localhost", "::1"} and not write_token:
            err.print(f"[yellow]note:[/yellow] anyone who reaches {escape(host)}:{port} can add articles: set "
                      "ALLYWATCH_TOKEN to require a token", highlight=False, soft_wrap=True)
        err.print(f"serving the store on http://{escape(host)}:{port}/api/ (dashboard at /, docs at /docs); "
                  "Ctrl-C stops", highlight=False, soft_wrap=True)
        uvicorn.run(api, host=host, port=port, log_level="info")
    except AllywatchError as error:
        _usage_error(error)
    finally:
        repo.close()


kb_app = typer.Typer(help="Look things up in the knowledge base.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")


@kb_app.command("lookup")
def kb_lookup(
    name: Annotated[str, typer.Argument(help="A person's name, however spelled.")],
    on: Annotated[str | None, typer.Option("--on", help="A date (YYYY-MM-DD) the office was held on.")] = None,
    office: Annotated[str | None, typer.Option("--office", help="An office, e.g. defense_minister.")] = None,
    party: Annotated[str | None, typer.Option("--party", help="The office's party code, e.g. JPN.")] = None,
    kb: Annotated[list[Path] | None, typer.Option("--kb", help="A YAML file extending the knowledge base.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Show the people a name may stand for, and why one wins.

    Example: allywatch kb lookup "Shingo Kiyozumi" --on 2026-01-15 --office defense_minister --party JPN
    """
    import datetime as dt

    from allywatch.kb.loader import OFFICES, KnowledgeBase
    from allywatch.kb.lookup import lookup_person

    if office and office not in OFFICES:
        err.print(f"[red]error:[/red] unknown office {office!r}; use one of: {', '.join(sorted(OFFICES))}")
        raise typer.Exit(EXIT_USAGE)
    try:
        day = dt.date.fromisoformat(on) if on else None
        knowledge = KnowledgeBase.load([str(p) for p in kb or []])
    except ValueError as error:
        err.print(f"[red]error:[/red] --on takes a date as YYYY-MM-DD ({error})")
        raise typer.Exit(EXIT_USAGE) from error
    except AllywatchError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_USAGE) from error
    found = lookup_person(knowledge, name, day, office, party.upper() if party else None)
    if as_json:
        typer.echo(json.dumps({"data": [{"name": c.person.name, "party": c.person.party, "score": round(c.score, 1),
                                         "fits": c.fits, "reasons": list(c.reasons)} for c in found],
                               "count": len(found)}, ensure_ascii=False))
        return
    if not found:
        typer.echo(f"no one in the knowledge base is named like {name!r}")
        raise typer.Exit(EXIT_REJECTED)
    from rich.table import Table

    table = Table(title=f"Candidates for {name!r}")
    for column in ("", "name", "party", "score", "why"):
        table.add_column(column, overflow="fold")
    for i, c in enumerate(found):
        mark = "→" if i == 0 and c.fits else ""
        table.add_row(mark, c.person.name, c.person.party or "-", f"{c.score:.0f}", "; ".join(c.reasons))
    Console().print(table)


def _settings(config: Path | None, **overrides: object) -> Settings:
    try:
        settings = Settings.load(config, **overrides)
    except AllywatchError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_USAGE) from error
    if settings.use_model:
        from allywatch.nlp.model import missing_model

        why = missing_model()
        if why:
            err.print(f"[yellow]note:[/yellow] {why}", highlight=False)
    return settings


@contextmanager
def _reader_notes(quiet: bool) -> Iterator[None]:
    """Show the readers' notes on the articles they read ("note <origin>: removed 2 NUL characters") on stderr,
    or nothing when ``quiet``."""
    import logging

    log = logging.getLogger("allywatch.ingest")
    handler: logging.Handler = logging.NullHandler() if quiet else logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    propagate = log.propagate
    log.addHandler(handler)
    log.propagate = False
    try:
        yield
    finally:
        log.removeHandler(handler)
        log.propagate = propagate


def _report_rejected(item: Rejected, bad: TextIO | None, quiet: bool) -> None:
    """Say on stderr that ``item`` was rejected (or, a :class:`Skipped` file, skipped), and write it to ``bad``."""
    where = item.origin + (f":{item.line}" if item.line is not None else "")
    if not quiet:
        what = "skipped" if isinstance(item, Skipped) else "rejected"
        err.print(f"[yellow]{what}[/yellow] {escape(where)}: {escape(item.reason)}", highlight=False, soft_wrap=True)
    if bad is not None:
        bad.write(json.dumps(rejected_to_json(item), ensure_ascii=False) + "\n")


class _Bar:
    """A Rich progress bar on stderr, shown only when stderr is a terminal."""

    def __init__(self, progress: object, task: int) -> None:
        self.progress, self.task = progress, task

    def update(self, _: int, advance: int, description: str) -> None:
        self.progress.update(self.task, advance=advance, description=description)  # type: ignore[attr-defined]


def _progress(stack: ExitStack, quiet: bool) -> _Bar | None:
    if quiet or not err.is_terminal:
        return None
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )

    progress = stack.enter_context(
        Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=err,
            transient=True,
        )
    )
    return _Bar(progress, progress.add_task("reading", total=None))


def main() -> None:
    """Entry point of the ``allywatch`` console script."""
    try:
        app(standalone_mode=True)
    except AllywatchError as error:
        err.print(f"[red]error:[/red] {error}")
        sys.exit(EXIT_USAGE)
