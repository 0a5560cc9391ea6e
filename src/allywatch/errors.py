"""One base class for allywatch's errors, with a subclass per layer."""

from __future__ import annotations


class AllywatchError(Exception):
    """Base of every error allywatch raises on purpose; the message says what to do."""


class InputError(AllywatchError):
    """An input could not be read: a file, a record, a feed."""


class KnowledgeBaseError(AllywatchError):
    """A knowledge-base file is missing or does not follow the schema."""


class PipelineError(AllywatchError):
    """The per-article pipeline was put together wrongly."""


class StoreError(AllywatchError):
    """The store could not be reached, migrated or written."""


class EngineError(AllywatchError):
    """An engine lacks a capability an across-article stage needs."""


class ExportError(AllywatchError):
    """An export could not be written: an unknown format, an unwritable path, a missing optional package."""
