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
    """A component made from a plain function, and optionally one that does the same for several extractions
    at once (a statistical model is much faster on a batch)."""

    name: str
    func: Callable[[Extraction], Extraction]
    requires: tuple[str, ...] = ()
    assigns: tuple[str, ...] = ()
    batch: Callable[[list[Extraction]], list[Extraction]] | None = None

    def __call__(self, extraction: Extraction) -> Extraction:
        return self.func(extraction)

    def pipe(self, extractions: list[Extraction]) -> list[Extraction]:
        """The component over several extractions: its batch function, or one call each."""
        return self.batch(extractions) if self.batch is not None else [self.func(e) for e in extractions]


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

    def pipe(self, articles: Sequence[Article]) -> list[Extraction | Exception]:
        """Run every component on several articles, component by component (the same output as one call each);
        if a component fails on the batch, each article is run alone, so one bad article fails by itself."""
        extractions = [Extraction(article=a) for a in articles]
        try:
            for component in self.components:
                batched = getattr(component, "pipe", None)
                extractions = batched(extractions) if batched else [component(e) for e in extractions]
            return list(extractions)
        except Exception:  # find the article that fails, and keep the others
            out: list[Extraction | Exception] = []
            for article in articles:
                try:
                    out.append(self(article))
                except Exception as err:  # reported by the caller as that article's rejection
                    out.append(err)
            return out
