"""The ``allywatch`` command line: thin Typer commands over library functions."""

from __future__ import annotations

import json
import sys
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Annotated, TextIO

import typer
from rich.console import Console

from allywatch import __version__
from allywatch.corpus.stories import assign_stories
from allywatch.errors import AllywatchError
from allywatch.extract import extract_articles
from allywatch.ingest import read_inputs
from allywatch.model import Extraction, Rejected
from allywatch.output import extraction_to_json, rejected_to_json
from allywatch.settings import Settings

app = typer.Typer(
    name="allywatch",
    help="Turn news about defense-industrial cooperation into structured, checkable facts.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
err = Console(stderr=True)

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


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
        progress = _progress(stack, quiet)
        extractions: list[Extraction] = []
        try:
            for result in extract_articles(read_inputs(paths, settings), settings):
                counts["read"] += 1
                if isinstance(result, Rejected):
                    counts["rejected"] += 1
                    _report_rejected(result, bad, quiet)
                else:
                    counts["extracted"] += 1
                    extractions.append(result)
                if progress is not None:
                    progress.update(0, advance=1, description=f"extracted {counts['extracted']}")
        except AllywatchError as error:
            err.print(f"[red]error:[/red] {error}")
            raise typer.Exit(EXIT_USAGE) from error
        for extraction in assign_stories(extractions):
            out.write(json.dumps(extraction_to_json(extraction), ensure_ascii=False) + "\n")
    if not quiet:
        err.print(
            f"read {counts['read']}, extracted {counts['extracted']}, rejected {counts['rejected']}"
            + (f" -> {output}" if output else "")
        )
    raise typer.Exit(EXIT_REJECTED if counts["rejected"] else EXIT_OK)


@app.command()
def summary(
    path: Annotated[Path, typer.Argument(help="A JSON Lines file written by 'allywatch extract'.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print counts as JSON instead of tables.")] = False,
) -> None:
    """Summarise an extraction: one row per article, then its events.

    Example: allywatch summary out.jsonl
    """
    from allywatch.report import load_rows, print_summary, summary_counts

    try:
        rows = load_rows(path)
    except AllywatchError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_USAGE) from error
    if as_json:
        typer.echo(json.dumps(summary_counts(rows)))
    else:
        print_summary(rows, Console())


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
    for result in extract_articles(read_inputs([str(path)], settings), settings):
        if isinstance(result, Rejected):
            rejected += 1
            _report_rejected(result, None, False)
            continue
        print_explanation(result, console)
    raise typer.Exit(EXIT_REJECTED if rejected else EXIT_OK)


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
        return Settings.load(config, **overrides)
    except AllywatchError as error:
        err.print(f"[red]error:[/red] {error}")
        raise typer.Exit(EXIT_USAGE) from error


def _report_rejected(item: Rejected, bad: TextIO | None, quiet: bool) -> None:
    where = item.origin + (f":{item.line}" if item.line is not None else "")
    if not quiet:
        err.print(f"[yellow]rejected[/yellow] {where}: {item.reason}", highlight=False)
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
