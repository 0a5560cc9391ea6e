"""The per-article pipeline: components that declare what they need and what they add.

A component is a callable taking and returning an ``Extraction`` (a new one:
extractions are immutable). It declares ``requires`` and ``assigns`` as
field names of ``Extraction``; the pipeline checks the order when it is built,
so a missing step fails at start-up with a message, not halfway through a
batch. Components hold only read-only resources (the knowledge base, a
language model), so one pipeline serves a loop, a process pool or a Spark
partition alike.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from allywatch.errors import PipelineError
from allywatch.model import Article, Extraction

#: What every extraction has before any component runs.
BASE_FIELDS = frozenset({"article"})


class Component(Protocol):
    """One step of the per-article pipeline."""

    @property
    def name(self) -> str: ...

    @property
    def requires(self) -> tuple[str, ...]: ...

    @property
    def assigns(self) -> tuple[str, ...]: ...

    def __call__(self, extraction: Extraction) -> Extraction: ...


@dataclass(frozen=True)
class FunctionComponent:
    """A component made from a plain function."""

    name: str
    func: Callable[[Extraction], Extraction]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()

    def __call__(self, extraction: Extraction) -> Extraction:
        return self.func(extraction)


@dataclass(frozen=True)
class Pipeline:
    """An ordered, checked list of components."""

    components: tuple[Component, ...]
    notes: tuple[str, ...] = field(default=())

    @classmethod
    def build(cls, components: Sequence[Component], notes: Iterable[str] = ()) -> Pipeline:
        """Check that every component's requirements are assigned by an earlier one."""
        available = set(BASE_FIELDS)
        valid = set(Extraction.__dataclass_fields__)
        for component in components:
            unknown = (set(component.requires) | set(component.assigns)) - valid
            if unknown:
                raise PipelineError(f"component {component.name!r} names unknown fields: {sorted(unknown)}")
            missing = set(component.requires) - available
            if missing:
                raise PipelineError(
                    f"component {component.name!r} needs {sorted(missing)}, which no earlier component "
                    f"assigns; put a component that assigns them before it"
                )
            available |= set(component.assigns)
        return cls(tuple(components), tuple(notes))

    @property
    def names(self) -> tuple[str, ...]:
        """The components' names, in order."""
        return tuple(c.name for c in self.components)

    def __call__(self, article: Article) -> Extraction:
        """Run every component on ``article``."""
        extraction = Extraction(article=article)
        for component in self.components:
            extraction = component(extraction)
        return extraction
