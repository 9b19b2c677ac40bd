"""How much one file may hold or expand to before it is skipped rather than read.

``MAX_TEXT_MB`` (10 MB of UTF-8, about 3.3 million Chinese characters) bounds the text of one speech,
however it is stored: a .txt or .md file's size, the text extracted from a page, a .docx or a PDF, one
JSONL line. The longest of the 49 government work reports is 171 KB and the longest of 74,545 xwlb
stories 67 KB, so it is some 60 times what a speech holds, and small enough that one document cannot
take a build's memory (the smallest budget is 400 MB): indexing a 20 MB text as one speech peaked at
510 MB, and at 908 MB as one 20 MB line; an 11 MB .docx that unzips to 3 GB reached 7.5 GB before this
cap, 150 MB with it (refused unopened).

What a file may take to hold that text is a multiple of it, per format (``file_cap``): a page has its
markup, a .docx its XML (python-docx reads every part whole, and parsing takes ~8 times the XML's size:
so a .docx whose parts expand to more than 50 MB is refused before it is unzipped), a PDF its fonts and
images; a JSONL file of many speeches is read whole up to 100 MB and line by line beyond.
"""

from __future__ import annotations

from ...errors import InputError

MB = 1_000_000
MAX_TEXT_MB = 10
_FILE_FACTOR = {".txt": 1, ".md": 1, ".html": 5, ".htm": 5, ".docx": 5, ".pdf": 10, ".jsonl": 10}


def text_cap() -> int:
    """Bytes of UTF-8 text one speech may hold."""
    return int(MAX_TEXT_MB * MB)


def file_cap(suffix: str) -> int:
    """Bytes a file of this format is read whole up to (a .docx: also what its parts may expand to)."""
    return int(MAX_TEXT_MB * _FILE_FACTOR.get(suffix, 1) * MB)


def megabytes(limit: int) -> str:
    return f"{limit / MB:g} MB"


def over_text_cap(text: str) -> bool:
    """Whether ``text`` is more than ``text_cap()`` bytes in UTF-8 (encoded only when in doubt)."""
    cap = text_cap()
    if 3 * len(text) <= cap:
        return False
    return len(text) > cap or len(text.encode("utf-8", "surrogatepass")) > cap


def check_text(text: str, name: str) -> str:
    """``text``, or an InputError when it is more than one speech may hold."""
    if over_text_cap(text):
        raise InputError(f"{name} expands to more than {megabytes(text_cap())} of text, more than a speech holds; "
                         "split it into speeches")
    return text
