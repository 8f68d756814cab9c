"""The msgids of data.po: texts that reach the screen from the warehouse through `d_()`.

The data-ru engineer declares here which columns of data/sources/*.csv hold such texts
(indicator names and units, families, strategy element titles, glossary terms and definitions,
outlook statement titles, data-quality findings, key-figure labels, subregion names...);
`python -m dashboard.i18n update` adds their values to data.po and the completeness test checks
them like the code's msgids.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from dashboard import config

# (file in data/sources/, column): every distinct non-empty value is a msgid of data.po.
TRANSLATED_COLUMNS: tuple[tuple[str, str], ...] = ()


def msgids(root: Path = config.REPO_ROOT) -> Iterator[tuple[str, str]]:
    """(msgid, "data/sources/<file>:<column>") for every value of the declared columns."""
    sources = root / "data" / "sources"
    for file_name, column in TRANSLATED_COLUMNS:
        with (sources / file_name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                text = (row[column] or "").strip()
                if text:
                    yield text, f"data/sources/{file_name}:{column}"
