"""Sentence splitting: paragraphs first, then sentence ends that are not abbreviations."""

from __future__ import annotations

import re

from allywatch.model import Span

# Words that end with a period without ending a sentence.
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "prof",
        "sen",
        "rep",
        "gov",
        "gen",
        "lt",
        "col",
        "maj",
        "capt",
        "cmdr",
        "adm",
        "sgt",
        "st",
        "jr",
        "sr",
        "co",
        "corp",
        "inc",
        "ltd",
        "plc",
        "no",
        "nos",
        "vs",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "mt",
        "ft",
        "u.s",
        "u.k",
        "u.n",
        "e.u",
        "a.m",
        "p.m",
        "etc",
        "approx",
        "est",
        "dept",
        "univ",
        "rs",
        "rp",
        "fig",
        "vol",
    ]
)
_END = re.compile(r"[.!?]+[\"')\]]*(?=\s+[\"'(\[]?[A-Z0-9])")
_PARAGRAPH = re.compile(r"\n+")


def split_sentences(text: str) -> list[Span]:
    """Sentences of ``text`` as spans, never crossing a line break."""
    spans: list[Span] = []
    start = 0
    for para in _PARAGRAPH.split(text):
        para_start = text.find(para, start) if para else start
        if para.strip():
            spans.extend(_split_paragraph(text, para_start, para_start + len(para)))
        start = para_start + len(para)
    return spans


def _split_paragraph(text: str, start: int, end: int) -> list[Span]:
    out: list[Span] = []
    begin = start
    for match in _END.finditer(text, start, end):
        stop = match.end()
        word = re.search(r"([A-Za-z.]+)\.$", text[begin : match.start() + 1])
        if text[match.start()] == "." and word:
            token = word.group(1).lower().rstrip(".")
            if (
                token in ABBREVIATIONS
                or (len(token) == 1 and token.isalpha())
                or re.fullmatch(r"(?:[a-z]\.)+[a-z]", token)
            ):
                continue
        out.append(_span(text, begin, stop))
        begin = stop
    if begin < end:
        out.append(_span(text, begin, end))
    return [s for s in out if s.text]


def _span(text: str, start: int, end: int) -> Span:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Span(start, end, text[start:end])
