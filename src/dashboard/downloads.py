"""CSV downloads that a spreadsheet opens as text, never as formulas.

A cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return) is read as a formula
by Excel, LibreOffice and Google Sheets: an office telephone number `+43 1 581 22 22` turns into a
calculation, and a crafted value could run one. Following OWASP's guidance on CSV injection, such
text cells (and column names) get a leading apostrophe, which spreadsheets show as text and which
a reader still understands; the csv writer quotes separators and quotes. Numbers stay numbers, so
a negative net migration is still a negative number.

The file starts with a UTF-8 byte order mark: without it Excel on Windows reads a CSV in the
machine's legacy code page, so Russian headers and names (and "Türkiye") come out garbled; with
it Excel, LibreOffice, Google Sheets and pandas (encoding="utf-8-sig") all read UTF-8. The
headers are the table's own, in the language the page or export built it in. Pure: no
Streamlit here.
"""

from __future__ import annotations

import pandas as pd

# OWASP's list, and the full-width forms some spreadsheets also accept.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def neutralise(value: object) -> object:
    """A text cell a spreadsheet would read as a formula, prefixed with an apostrophe; anything
    else unchanged. Leading spaces do not hide a formula (some programs trim them)."""
    if isinstance(value, str) and value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_bytes(table: pd.DataFrame) -> bytes:
    """The table as the UTF-8 CSV (with a byte order mark) a download button offers, with
    formula-like text neutralised."""
    safe = table.rename(columns=lambda name: neutralise(str(name)))
    for column in safe.columns[[not pd.api.types.is_numeric_dtype(dtype) for dtype in safe.dtypes]]:
        safe[column] = safe[column].map(neutralise, na_action="ignore")
    return safe.to_csv(index=False).encode("utf-8-sig")
