from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from luoshi.batch import SourceError, open_source
from luoshi.batch.sources import DirectorySource, JsonlSource, ParquetSource


def test_formats_are_recognised(inputs: dict[str, Path]) -> None:
    assert isinstance(open_source(inputs["jsonl"]), JsonlSource)
    assert isinstance(open_source(inputs["gz"]), JsonlSource)
    assert isinstance(open_source(inputs["parquet"]), ParquetSource)
    assert isinstance(open_source(inputs["dir"]), DirectorySource)


def test_unknown_or_missing_input_is_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="no such file"):
        open_source(tmp_path / "nope.jsonl")
    (tmp_path / "x.csv").write_text("a,b\n")
    with pytest.raises(SourceError, match="unknown input"):
        open_source(tmp_path / "x.csv")


def test_parquet_without_text_column_is_refused(tmp_path: Path) -> None:
    pq.write_table(pa.table({"id": ["a"], "body": ["b"]}), tmp_path / "t.parquet")
    with pytest.raises(SourceError, match="'text' column"):
        list(open_source(tmp_path / "t.parquet").items())


def test_gzip_gives_the_same_lines_as_plain(inputs: dict[str, Path], docs: list[dict]) -> None:
    plain = [i.payload for i in open_source(inputs["jsonl"]).items()]
    gz = [i.payload for i in open_source(inputs["gz"]).items()]
    assert plain == gz
    assert len(plain) == len(docs) + 3  # blank line skipped, 3 bad lines kept
    assert open_source(inputs["gz"]).count() == len(plain)


def test_directory_order_is_by_relative_path(inputs: dict[str, Path]) -> None:
    names = [i.where for i in open_source(inputs["dir"]).items()]
    assert names == sorted(names)
    assert names[0].startswith("a/") and "b/empty.txt" in names


def test_shards_have_fixed_size_and_skip(inputs: dict[str, Path]) -> None:
    src = open_source(inputs["parquet"])
    all_shards = list(src.shards(7))
    assert [len(items) for _, items in all_shards] == [7, 7, 7, 7, 7, 5]
    kept = list(src.shards(7, skip={0, 2}))
    assert [i for i, _ in kept] == [1, 3, 4, 5]
    assert [x.where for x in kept[0][1]] == [x.where for x in all_shards[1][1]]
    # the directory source skips shards without reading their files
    d = open_source(inputs["dir"])
    assert [i for i, _ in d.shards(5, skip={1})] == [0, 2]
