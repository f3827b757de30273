"""What the text layer hands to extraction: decoded source text and its clean form."""

from __future__ import annotations

from dataclasses import dataclass, field


class InputError(Exception):
    """A file that cannot be turned into text; `str()` is the one line shown to a person."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


@dataclass(slots=True)
class Document:
    """A source decoded to text (original script, original lines)."""

    text: str
    path: str | None = None
    format: str = "text"  # text | html | docx | pdf
    encoding: str | None = None
    sha256: str | None = None
    bytes: int | None = None
    title: str | None = None  # html <title>/og:title, docx core title
    published: str | None = None  # ISO date from page metadata


@dataclass(slots=True)
class RemovedLine:
    line_no: int
    text: str
    reason: str


@dataclass(slots=True)
class CleanText:
    """Clean Simplified text, one paragraph per line, plus what cleaning took out."""

    text: str
    script: str  # simplified | traditional | mixed | unknown
    removed: list[RemovedLine] = field(default_factory=list)
    published: str | None = None  # a publication date found in a removed metadata line
    title: str | None = None  # the headline, when the document starts with one
