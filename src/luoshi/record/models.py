"""The meeting record: the one contract between extraction and the rest of Luoshi.

Field names and shapes of `meeting`, `people`, `conveyed` and `directives` follow the gold
guideline (shared/gold/GUIDELINE.md); everything else is what the ledger and analysts need
beyond it. Every extracted item carries `span = [start, end)` into `text`, the clean
Simplified-script text, so a reviewer can see the sentence it came from.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

Span = tuple[int, int]
Role = Literal["主持", "讲话", "传达", "出席", "发言"]
Script = Literal["simplified", "traditional", "mixed", "unknown"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Source(_Model):
    path: str | None = None
    sha256: str | None = None
    format: str = "text"  # text | html | docx | pdf
    encoding: str | None = None
    title: str | None = None  # page title (html metadata or first line)
    published: str | None = None  # ISO date from page metadata or a 发布日期 line
    bytes: int | None = None


class RemovedLine(_Model):
    line_no: int  # 0-based line number in the decoded source text
    text: str  # the line as it stood (original script)
    reason: str  # short machine tag, e.g. "breadcrumb", "share", "repeated-headline"


class Spanned(_Model):
    text: str
    span: Span


class Deadline(Spanned):
    due: str | None = None  # resolved ISO date, None when it cannot be resolved


class Target(Spanned):
    value: float | None = None
    unit: str | None = None  # 亿元, %, 所, 个 …


class Programme(Spanned):
    kind: str = "programme"  # programme | project | slogan


class Meeting(_Model):
    date: str | None = None  # YYYY-MM-DD, or --MM-DD when the year is unknown
    name: str | None = None
    organizer: str | None = None
    kind: str | None = None  # 常委会, 常务会议, 领导干部会议, 推进会 …
    date_span: Span | None = None
    name_span: Span | None = None
    organizer_span: Span | None = None


class Person(_Model):
    name: str
    title: str | None = None
    roles: list[Role] = Field(default_factory=list)
    span: Span | None = None  # first mention


class Conveyed(Spanned):
    pass


class Directive(_Model):
    id: int
    parent: int | None = None
    speaker: str | None = None
    text: str
    span: Span
    units: list[Spanned] = Field(default_factory=list)
    deadlines: list[Deadline] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    programmes: list[Programme] = Field(default_factory=list)
    category: str | None = None  # key of extract/data/categories.tsv
    enumerator: str | None = None  # 一要, 一是, 一、, (一) … when the item was enumerated


class MeetingRecord(_Model):
    schema_version: str = SCHEMA_VERSION
    id: str | None = None
    source: Source = Field(default_factory=Source)
    script: Script = "unknown"
    text: str = ""
    removed_lines: list[RemovedLine] = Field(default_factory=list)
    is_meeting: bool = True
    meeting: Meeting = Field(default_factory=Meeting)
    people: list[Person] = Field(default_factory=list)
    conveyed: list[Conveyed] = Field(default_factory=list)
    directives: list[Directive] = Field(default_factory=list)
    programmes: list[Programme] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)


def json_schema() -> dict:
    """The JSON Schema of the record, as shipped in `record/schema/`."""
    schema = MeetingRecord.model_json_schema()
    schema["$id"] = f"https://luoshi.invalid/schema/meeting-record/{SCHEMA_VERSION}"
    schema["title"] = "Luoshi meeting record"
    return schema
