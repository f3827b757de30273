"""Paragraphs and sentences of clean text, with spans.

A paragraph is a line of the clean text. A sentence ends at 。！？；; (with any closing
quotes after it) or at the line end; a colon also ends one when an enumerator or a quote
follows, so `强调：一要…` yields the attribution and the item as separate sentences.
A full stop inside “…” does not end a sentence: quoted speech stays inside its sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_END = re.compile(
    r"[。！？；;!?][”’」』)）]*"
    r"|[:：](?=\s*(?:[一二三四五六七八九十]+[、是要]|[(（][一二三四五六七八九十]|\d+[、.．]))"
    # 提出五点要求，一要…: the first enumerator after a comma that announces the list
    r"|(?<=要求|意见|如下|几点|部署)[，,](?=(?:一[是要、]|第一[，,、]|首先[，,]))"
)
_OPEN = "“‘「『"
_QUOTES = re.compile("[“‘「『]")
_CLOSE = "”’」』"


@dataclass(slots=True)
class Sentence:
    start: int  # absolute offsets into the clean text
    end: int
    para: int
    index_in_para: int
    text: str

    @property
    def body(self) -> str:
        """The sentence without its final punctuation."""
        return self.text.rstrip("。！？；;!?：:”’」』)） ")


def split_paragraph(text: str, offset: int, para: int) -> list[Sentence]:
    out: list[Sentence] = []
    start = 0
    if not _QUOTES.search(text):  # the common case: no quotation to keep together
        for m in _END.finditer(text):
            if m.end() > start:
                out.append(
                    Sentence(
                        offset + start, offset + m.end(), para, len(out), text[start : m.end()]
                    )
                )
            start = m.end()
        if start < len(text) and text[start:].strip():
            out.append(Sentence(offset + start, offset + len(text), para, len(out), text[start:]))
        return out
    depth = 0
    pos = 0
    for m in _END.finditer(text):
        seg = text[pos : m.start()]
        depth += sum(seg.count(c) for c in _OPEN) - sum(seg.count(c) for c in _CLOSE)
        closing = m.group()
        depth -= sum(closing.count(c) for c in _CLOSE)
        pos = m.end()
        if depth > 0:
            continue  # inside a quotation
        depth = 0
        if m.end() > start:
            out.append(
                Sentence(offset + start, offset + m.end(), para, len(out), text[start : m.end()])
            )
        start = m.end()
    if start < len(text) and text[start:].strip():
        out.append(Sentence(offset + start, offset + len(text), para, len(out), text[start:]))
    return out


def split(text: str) -> list[list[Sentence]]:
    """Sentences per paragraph (empty lines skipped)."""
    paras: list[list[Sentence]] = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            paras.append(split_paragraph(line, offset, len(paras)))
        offset += len(line) + 1
    return paras
