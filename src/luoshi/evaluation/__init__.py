"""Measuring the extractor: scoring against gold files and the quality gate.

`scoring` reimplements the official scorer's definitions (shared/gold/score.py); `gate`
holds the floors logic behind `luoshi eval --floors`; `run` extracts a gold directory.
"""

from luoshi.evaluation.gate import (
    FloorsError,
    FloorsFile,
    check_floors,
    load_floors,
    save_floors,
    update_floors,
)
from luoshi.evaluation.run import evaluate, extract_predictions
from luoshi.evaluation.scoring import (
    ACC_FIGURES,
    FIGURES,
    PRF_FIGURES,
    Scores,
    load_predictions,
    score_predictions,
)

__all__ = [
    "ACC_FIGURES",
    "FIGURES",
    "PRF_FIGURES",
    "FloorsError",
    "FloorsFile",
    "Scores",
    "check_floors",
    "evaluate",
    "extract_predictions",
    "load_floors",
    "load_predictions",
    "save_floors",
    "score_predictions",
    "update_floors",
]
