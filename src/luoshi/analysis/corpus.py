"""Loading the output of a corpus run as pandas frames with derived columns."""

from __future__ import annotations

import os
from dataclasses import dataclass

import pandas as pd

from luoshi.analysis.normalise import effective_date, region_of
from luoshi.batch import read_table

MEETING_COLUMNS = ["doc_id", "url", "published", "is_meeting", "date", "name", "organizer",
                   "kind", "n_directives", "programmes", "programme_kinds"]


@dataclass
class Corpus:
    """Tables of a corpus run. `meetings` gains `when` (datetime64, NaT when unknown) and
    `region`; `directives` and `conveyed` gain both too, joined on `doc_id`."""

    meetings: pd.DataFrame
    directives: pd.DataFrame
    conveyed: pd.DataFrame
    people: pd.DataFrame
    errors: pd.DataFrame


def _with_place_and_time(frame: pd.DataFrame, meetings: pd.DataFrame) -> pd.DataFrame:
    return frame.merge(meetings[["doc_id", "when", "region"]], on="doc_id", how="left")


def from_tables(meetings: pd.DataFrame, directives: pd.DataFrame, conveyed: pd.DataFrame,
                people: pd.DataFrame, errors: pd.DataFrame) -> Corpus:
    meetings = meetings.copy()
    meetings["when"] = pd.to_datetime(
        [effective_date(d, p) for d, p in zip(meetings["date"], meetings["published"],
                                              strict=True)],
        errors="coerce")
    meetings["region"] = [region_of(o) for o in meetings["organizer"]]
    return Corpus(
        meetings=meetings,
        directives=_with_place_and_time(directives, meetings),
        conveyed=_with_place_and_time(conveyed, meetings),
        people=people,
        errors=errors,
    )


def load_corpus(output: str | os.PathLike[str]) -> Corpus:
    """Read the finished shards of `luoshi batch` output (the record JSON is left on disk)."""
    return from_tables(
        read_table(output, "meetings", MEETING_COLUMNS).to_pandas(),
        read_table(output, "directives").to_pandas(),
        read_table(output, "conveyed").to_pandas(),
        read_table(output, "people").to_pandas(),
        read_table(output, "errors").to_pandas(),
    )
