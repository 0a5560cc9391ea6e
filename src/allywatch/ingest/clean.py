"""Cleaning: page furniture out, whitespace and quotes normalised, paragraphs kept.

Cleaning works line by line on the decoded original and records, for every
piece it keeps, where that piece came from, so that any offset in the cleaned
text maps back to the original (``OffsetMap``).

Page furniture is recognised by the *kind* of line, not by a list of exact
strings: read counters ("This news has been read 1801 times!"), share and
follow prompts, navigation ("Back to top", "Exit mobile version", "Skip to
content"), ad-blocker and cookie notices, "related/recommended" headings,
analytics badges ("Verified by MonsterInsights"), copyright lines and
newsletter prompts. Such lines are short, so long lines are never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from allywatch.model import OffsetMap

# Same-length replacements keep offsets aligned: curly quotes become straight ones.
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u00a0": " ",
        "\u2009": " ",
        "\u202f": " ",
        "\u2007": " ",
        "\u200a": " ",
    }
)

# Tokens of a line: whitespace runs, markdown escapes, zero-width characters, or text.
_TOKEN = re.compile(
    r"\s+|\\(?=[$%&#_*\[\]().!-])|[\u200b\u200c\u200d\u2060\ufeff\u00ad]+|[^\s\\\u200b\u200c\u200d\u2060\ufeff\u00ad]+|\\"
)

_FURNITURE_WORDS = r"""
  (?:this\s+(?:news|article|story|post|page)\s+has\s+been\s+(?:read|viewed|seen)\b.*)
| (?:(?:read|viewed|seen)\s+[\d,.]+\s*k?\s+times)
| (?:share(?:\s+(?:this|on|via|the)\b.*|\s*:.*)?|tweet|pin\s+it|e-?mail|print|whatsapp|telegram|linkedin|facebook
    |twitter|x\s*\(twitter\)|reddit|copy\s+(?:link|url)|link\s+copied)
| (?:follow\s+us\b.*|like\s+us\s+on\b.*|join\s+(?:us|our)\s+(?:on|channel)\b.*
    |follow\s+.{1,60}\s+on\s+(?:x|twitter|facebook|whatsapp|telegram|linkedin|instagram|google\s+news|threads)\b.*)
| (?:exit\s+mobile\s+version|back\s+to\s+top(?:\s+button)?|skip\s+to\s+(?:main\s+)?content|scroll\s+to\s+top
    |toggle\s+navigation|open\s+menu|close\s+menu|menu|search|home|go\s+to\s+top)
| (?:advt\.?\s+blocker\s+detected|ad\s*-?\s*blocker\s+detected|adblock(?:er)?\s+detected
    |(?:kindly|please)\s+(?:disable|turn\s+off|whitelist)\b.*(?:ad\s*-?\s*block|adblock).*
    |advertisement|advertisements|sponsored(?:\s+content)?|ads?\s+by\b.*)
| (?:we\s+use\s+cookies\b.*|this\s+(?:web)?site\s+uses\s+cookies\b.*|accept(?:\s+all)?\s+cookies
    |cookie\s+(?:settings|policy|preferences|consent)|manage\s+cookies|i\s+agree)
| (?:related(?:\s+(?:articles|posts|stories|news|content|reading|coverage))?|recommended(?:\s+for\s+you)?
    |you\s+(?:may|might)\s+also\s+like|more\s+from\b.*|read\s+more|read\s+next|also\s+read\b.*|see\s+also
    |trending(?:\s+now)?|most\s+(?:read|popular|viewed)|latest\s+news|top\s+stories|continue\s+reading)
| (?:verified\s+by\s+\w+|powered\s+by\b.*|all\s+rights\s+reserved.*|(?:copyright|©)\s.*|\(c\)\s+\d{4}.*)
| (?:subscribe(?:\s+(?:now|today|to\b.*))?|sign\s+up\b.*|newsletter|get\s+our\s+newsletter\b.*
    |log\s*in|sign\s+in|register|download\s+(?:our\s+)?app\b.*)
| (?:leave\s+a\s+(?:comment|reply)|\d+\s+comments?|comments?|no\s+comments?(?:\s+yet)?|post\s+a\s+comment
    |listen\s+to\s+(?:this\s+)?article|\d+\s+min(?:ute)?s?\s+read|print\s+this\s+(?:article|page)
    |tags?:.*|filed\s+under:?.*|categories:.*|photo\s*:\s*[^.]{0,60}|image\s*:\s*[^.]{0,60}
    |click\s+here\b.*|previous\s+(?:article|post)|next\s+(?:article|post))
"""
_FURNITURE = re.compile(r"^[\s\W]*(?:" + _FURNITURE_WORDS + r")[\s\W]*$", re.IGNORECASE | re.VERBOSE)

_SEPARATORS = re.compile(r"\s*[|•·/]\s*")

#: Lines with more words than this are always content.
MAX_FURNITURE_WORDS = 16


def is_furniture(line: str) -> bool:
    """True for a line that is page furniture rather than article text."""
    stripped = line.strip()
    if not stripped:
        return False
    if len(stripped.split()) > MAX_FURNITURE_WORDS:
        return False
    if _FURNITURE.match(stripped):
        return True
    parts = [p for p in _SEPARATORS.split(stripped) if p.strip()]
    return len(parts) > 1 and all(_FURNITURE.match(p.strip()) for p in parts)


@dataclass
class TextBuilder:
    """Accumulates cleaned text while remembering where each piece came from."""

    parts: list[str] = field(default_factory=list)
    segments: list[tuple[int, int]] = field(default_factory=list)
    length: int = 0
    _next_original: int = -2

    def add(self, piece: str, original_start: int) -> None:
        """Append ``piece``, which starts at ``original_start`` in the original (-1: synthetic)."""
        if not piece:
            return
        if original_start != self._next_original or original_start < 0:
            self.segments.append((self.length, original_start))
        self.parts.append(piece)
        self.length += len(piece)
        self._next_original = original_start + len(piece) if original_start >= 0 else -2

    def text(self) -> str:
        """The cleaned text so far."""
        return "".join(self.parts)

    def offsets(self) -> OffsetMap:
        """The map from cleaned offsets to original offsets."""
        return OffsetMap(tuple(self.segments))


def clean_text(
    original: str,
    start: int = 0,
    end: int | None = None,
    builder: TextBuilder | None = None,
    drop: frozenset[str] = frozenset(),
) -> TextBuilder:
    """Clean ``original[start:end]`` into ``builder`` (a new one if None) and return it.

    Lines that are furniture, or whose stripped text is in ``drop`` (such as a
    title repeated in the body), are removed; runs of blank lines become one
    paragraph break; spaces inside a line collapse to one.
    """
    out = builder if builder is not None else TextBuilder()
    end = len(original) if end is None else end
    pending_break = False
    pos = start
    while pos < end:
        newline = original.find("\n", pos, end)
        line_end = end if newline < 0 else newline
        line = original[pos:line_end].rstrip("\r")
        stripped = line.strip()
        if not stripped or is_furniture(stripped) or stripped in drop:
            if not stripped and out.length:
                pending_break = True
        else:
            if out.length:
                out.add("\n\n" if pending_break else "\n", -1)
            pending_break = False
            _add_line(out, line, pos)
        pos = line_end + 1
    return out


def _add_line(out: TextBuilder, line: str, origin: int) -> None:
    """Add one kept line: trimmed, inner whitespace collapsed, escapes and quotes normalised."""
    lead = len(line) - len(line.lstrip())
    body = line.strip()
    first = True
    for match in _TOKEN.finditer(body):
        token = match.group()
        at = origin + lead + match.start()
        if token.isspace():
            if not first:
                out.add(" ", at)
            continue
        if token == "\\" and match.end() < len(body) and body[match.end()] in "$%&#_*[]().!-":
            continue
        if token[0] in "\u200b\u200c\u200d\u2060\ufeff\u00ad":
            continue
        out.add(token.translate(_QUOTES), at)
        first = False
