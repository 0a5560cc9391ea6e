from __future__ import annotations

import codecs

import pytest

from allywatch.errors import InputError
from allywatch.ingest.decode import decode_bytes

TEXT = "Japan’s defence minister met his Philippine counterpart in Manila — “a new era”, he said."


def test_utf8() -> None:
    assert decode_bytes(TEXT.encode("utf-8")) == (TEXT, "utf-8")


@pytest.mark.parametrize(
    "encoding,bom", [("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", codecs.BOM_UTF16_BE), ("utf-8", codecs.BOM_UTF8)]
)
def test_byte_order_marks(encoding: str, bom: bytes) -> None:
    text, used = decode_bytes(bom + TEXT.encode(encoding))
    assert text == TEXT
    assert used == encoding


def test_utf16_without_bom() -> None:
    text, _ = decode_bytes(TEXT.encode("utf-16-le"))
    assert text == TEXT


def test_cp1252_is_decoded() -> None:
    raw = "Japan’s “counterstrike” capability costs €5bn, officials said in Tōkyō’s statement.".replace("ō", "o")
    text, encoding = decode_bytes(raw.encode("cp1252"))
    assert text == raw
    assert encoding.replace("_", "").lower() in {"cp1252", "windows1252"}


def test_latin1_is_decoded() -> None:
    raw = "Le ministre de la Défense a signé l'accord à Paris avec ses homologues européens."
    text, _ = decode_bytes(raw.encode("latin-1"))
    assert text == raw


def test_binary_is_rejected() -> None:
    with pytest.raises(InputError, match="binary"):
        decode_bytes(bytes(range(256)) * 20)
