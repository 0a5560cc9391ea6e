"""One typed settings object, with defaults, an optional file and environment variables."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from allywatch.errors import AllywatchError

ENV_PREFIX = "ALLYWATCH_"


@dataclass(frozen=True)
class Settings:
    """Everything a run can be tuned by; passed explicitly, never global."""

    max_bytes: int = 5_000_000
    """Inputs larger than this (file or record) are rejected as oversize."""
    min_chars: int = 40
    """Articles whose cleaned text is shorter than this are rejected as empty."""
    jobs: int = 1
    """Processes that extract articles in parallel."""
    use_model: bool = True
    """Use the statistical NER model when it is installed."""
    lexicon_extra: tuple[str, ...] = ()
    """User event-lexicon files (YAML, the keys of ``nlp/frames/lexicon.yaml``) that extend the shipped one."""
    kb_extra: tuple[str, ...] = ()
    """User knowledge-base files that extend the shipped one."""
    db_url: str = "sqlite:///allywatch.db"
    """Where the store lives."""
    today: str = ""
    """An ISO date that bounds year-less datelines ("March 1" is no later than this); empty: the article alone
    decides, so the same article gives the same output on any day."""

    @classmethod
    def load(cls, path: str | Path | None = None, **overrides: Any) -> Settings:
        """Defaults, then a TOML file (``[allywatch]`` table), then ALLYWATCH_* variables, then overrides."""
        values: dict[str, Any] = {}
        if path is not None:
            try:
                data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
            except (OSError, tomllib.TOMLDecodeError) as err:
                raise AllywatchError(f"cannot read settings file {path}: {err}") from err
            values.update(data.get("allywatch", data))
        for f in fields(cls):
            raw = os.environ.get(ENV_PREFIX + f.name.upper())
            if raw is not None:
                values[f.name] = _coerce(f.name, raw, f.type)
        values.update({k: v for k, v in overrides.items() if v is not None})
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise AllywatchError(f"unknown settings: {', '.join(sorted(unknown))}")
        if values.get("today"):
            try:
                dt.date.fromisoformat(str(values["today"]))
            except ValueError as err:
                raise AllywatchError(f"today must be an ISO date (YYYY-MM-DD), not {values['today']!r}") from err
        for name in ("kb_extra", "lexicon_extra"):
            if name in values:
                values[name] = tuple(values[name])
        return replace(cls(), **values)


def _coerce(name: str, raw: str, kind: Any) -> Any:
    kind = str(kind)
    try:
        if "int" in kind:
            return int(raw)
        if "bool" in kind:
            return raw.strip().lower() in {"1", "true", "yes", "on"}
        if "tuple" in kind:
            return tuple(p for p in raw.split(os.pathsep) if p)
    except ValueError as err:
        raise AllywatchError(f"{ENV_PREFIX}{name.upper()}={raw!r} is not a valid value") from err
    return raw
