"""Country, territory and town names in the current language, from the names table
(dim_display_name: English and Russian display names and short labels).

Queries return the English names (`name` = the short label "Kosovo*", `display_name` = the form
that stands alone "Kosovo (UNSCR 1244)"); the content layer asks here for the name to show:

- `country_name(iso3)`: the label in the current language ("Косово*"); `standalone=True`: the
  form that stands alone ("Косово (СБ ООН 1244)");
- `place_name(name)`: an English name or label as a query returned it (a country or a town),
  in the current language; anything else comes back unchanged.

The table is read once per warehouse version: through `dashboard.cache` in the app (which
registers its cached query with `use_loader`), else through a connection of its own (exports,
scripts). Pure: no streamlit.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

import pandas as pd

_loader: Callable[[], pd.DataFrame] | None = None
_lock = threading.Lock()


@dataclass
class _Names:
    version: str
    label: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    standalone: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)
    by_english: dict[str, dict[str, str]] = field(default_factory=dict)


_current: _Names | None = None


def use_loader(loader: Callable[[], pd.DataFrame] | None) -> None:
    """Read the names table with `loader` (the rows of queries.names.display_names)."""
    global _loader, _current
    with _lock:
        _loader, _current = loader, None


def _read_directly() -> pd.DataFrame:
    from dashboard import db
    from dashboard.queries import names as name_queries

    con = db.connect_read_only()
    try:
        return name_queries.display_names(con)
    finally:
        con.close()


def _names() -> _Names:
    global _current
    from dashboard import db

    version = db.warehouse_version()
    current = _current
    if current is not None and current.version == version:
        return current
    with _lock:
        rows = (_loader or _read_directly)()
        names = _Names(version)
        for row in rows.itertuples(index=False):
            key = (row.kind, row.key)
            label = {"en": row.label, "ru": row.label_ru}
            standalone = {"en": row.display_name, "ru": row.display_name_ru}
            names.label[key], names.standalone[key] = label, standalone
            names.by_english.setdefault(row.label, label)
            names.by_english.setdefault(row.display_name, standalone)
            if row.kind == "city":  # a town also by its key, as offices.csv spells it
                names.by_english.setdefault(row.key, label)
        _current = names
        return names


def _language() -> str:
    from dashboard.i18n import language

    return language()


def country_name(iso3: str, standalone: bool = False) -> str:
    """The name of a country or territory of the names table in the current language: its
    short label ("Kosovo*", "Косово*"), or with `standalone` the form that stands alone; an
    unknown code comes back unchanged."""
    table = _names()
    forms = (table.standalone if standalone else table.label).get(("country", iso3))
    return forms[_language()] if forms else iso3


def place_name(name: object) -> object:
    """An English country, territory or town name (a label or a stand-alone form, as the
    queries return them) in the current language; anything else comes back unchanged."""
    if not isinstance(name, str) or _language() == "en":
        return name
    forms = _names().by_english.get(name)
    return forms[_language()] if forms else name
