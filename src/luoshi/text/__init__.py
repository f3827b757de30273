"""Reading bytes into text and cleaning text for extraction.

`read_path`/`read_bytes` decode txt (any encoding), html, docx and pdf into a `Document`;
`clean` turns its text into `CleanText`: Simplified script, page pinyin gone, boilerplate
lines removed and listed.
"""

from luoshi.text.clean import clean
from luoshi.text.document import CleanText, Document, InputError, RemovedLine
from luoshi.text.read import iter_paths, read_bytes, read_path

__all__ = [
    "CleanText",
    "Document",
    "InputError",
    "RemovedLine",
    "clean",
    "iter_paths",
    "read_bytes",
    "read_path",
]
