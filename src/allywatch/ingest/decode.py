"""Turning an input's bytes into text: byte-order marks, UTF-8, legacy encodings, binaries."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from allywatch.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Control characters other than tab, newline, carriage return and form feed mark binary data.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and return ``(text, encoding)``; raise InputError for binary data.

    Order: a byte-order mark decides; then BOM-less UTF-16 recognised by its
    zero bytes; then strict UTF-8; then cp1252 for mostly-ASCII text (its few
    undefined bytes fall back to latin-1); then charset-normalizer's guess.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding), encoding
            except UnicodeDecodeError as err:
                raise InputError(f"starts with a {encoding} byte-order mark but does not decode: {err}") from err
    if b"\x00" in data[:4096]:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(data):
            raise InputError("binary content (control bytes), not text")
        return text, "utf-8"
    if _looks_binary(data):
        raise InputError("binary content (not decodable as text)")
    mended = _mostly_utf8(data)
    if mended is not None:
        return mended, REPLACED
    # Mostly-ASCII text with a few high bytes is Western European news: cp1252 (latin-1's superset)
    # is right far more often than a statistical guess on so little evidence.
    high = sum(1 for b in data[:200_000] if b > 127)
    if high <= 0.1 * min(len(data), 200_000):
        try:
            return data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:
            return data.decode("latin-1"), "latin-1"
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding not in {"utf_8", "ascii"}:
        try:
            return data.decode(best.encoding), best.encoding
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


#: The encoding :func:`decode_bytes` gives for UTF-8 text in which a few bytes that are not UTF-8 were replaced.
REPLACED = "utf-8 (invalid bytes replaced)"
_NON_ASCII = re.compile("[^\x00-\x7f\ufffd]")


def _mostly_utf8(data: bytes) -> str | None:
    """``data`` as UTF-8 with its invalid bytes replaced by U+FFFD when it is UTF-8 text with a few bad bytes (no
    more of them than of well-formed non-ASCII characters, and at least one of those: one stray byte in a UTF-8
    file must not turn every "é" of it into "Ã©"); ``None`` otherwise (text in a legacy encoding)."""
    text = data.decode("utf-8", errors="replace")
    good = len(_NON_ASCII.findall(text))
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    return text if 0 < bad <= good else None


def replaced_bytes(text: str, data: bytes) -> int:
    """How many characters of ``text`` (decoded from ``data`` as :data:`REPLACED`) stand for invalid bytes."""
    return text.count("\ufffd") - data.count("\ufffd".encode())


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b in _CONTROL)
    return controls / len(sample) > 0.05


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even_zeros = sample[0::2].count(0) / (len(sample) / 2)
    odd_zeros = sample[1::2].count(0) / (len(sample) / 2)
    for zeros, encoding in ((odd_zeros, "utf-16-le"), (even_zeros, "utf-16-be")):
        if zeros > 0.4:
            try:
                return data.decode(encoding), encoding
            except UnicodeDecodeError:
                return None
    return None
