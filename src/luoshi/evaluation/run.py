"""Running the extractor over a gold directory to get predictions for scoring."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from luoshi.evaluation.scoring import Scores, gold_documents, score_predictions


def extract_predictions(
    gold_dir: str | Path,
    on_error: Callable[[str, str], None] | None = None,
) -> dict[str, dict[str, Any] | None]:
    """Extract every `X.txt` of `gold_dir` that has an `X.gold.json`.

    Returns {stem: record as JSON-ready dict}. A document that cannot be read or extracted
    predicts nothing (`None`, scored like a missing prediction) and is reported through
    `on_error(path, reason)`. Any exception counts: the evaluation must survive a broken
    extractor and say which document broke it.
    """
    from luoshi.extract import extract_document
    from luoshi.text import read_path

    preds: dict[str, dict[str, Any] | None] = {}
    for doc in gold_documents(gold_dir):
        try:
            record = extract_document(read_path(doc.text_path))
            preds[doc.stem] = record.model_dump(mode="json")
        except Exception as exc:  # reported; scored as no prediction
            preds[doc.stem] = None
            if on_error is not None:
                on_error(str(doc.text_path), f"{type(exc).__name__}: {exc}")
    return preds


def evaluate(
    gold_dir: str | Path,
    on_error: Callable[[str, str], None] | None = None,
) -> Scores:
    """Extract and score a gold directory. Failed documents count as predicting nothing."""
    preds = extract_predictions(gold_dir, on_error)
    return score_predictions(gold_dir, {k: v for k, v in preds.items() if v is not None})
