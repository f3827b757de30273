"""Clean text → meeting record. Pure and deterministic; word lists live in `data/`."""

from luoshi.extract.pipeline import NotAMeeting, extract_document, extract_text

__all__ = ["NotAMeeting", "extract_document", "extract_text"]
