"""Which publication notes a map, chart, table or slide must carry (pure: no streamlit).

The texts live in `dashboard.config` (MAP_DISCLAIMER, KOSOVO_FOOTNOTE), returned here in the
current language (IOM's Russian wording in common.po); the names in the warehouse
(dim_display_name). Exports and slides call the same functions as the pages.
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dashboard import config
from dashboard.i18n import _


def _strings_of(item: object) -> Iterable[str]:
    if item is None:
        return
    if isinstance(item, str):
        yield item
    elif isinstance(item, pd.DataFrame):
        yield from (str(column) for column in item.columns)
        for column in item.columns:
            if item[column].dtype == object or pd.api.types.is_string_dtype(item[column]):
                yield from (value for value in item[column].tolist() if isinstance(value, str))
    elif isinstance(item, pd.Series):
        yield from (value for value in item.tolist() if isinstance(value, str))
    elif isinstance(item, go.Figure):
        layout = item.layout
        for text in (layout.title.text, *(a.text for a in layout.annotations or ())):
            if text:
                yield text
        for axis in ("xaxis", "yaxis"):
            ticks = getattr(layout, axis).ticktext
            if ticks:
                yield from (str(tick) for tick in ticks)
        for trace in item.data:
            for attribute in ("x", "y", "text", "locations", "name", "customdata", "labels"):
                values = getattr(trace, attribute, None)
                if values is None:
                    continue
                if isinstance(values, str):
                    yield values
                else:
                    flat = np.asarray(values, dtype=object).ravel()
                    yield from (value for value in flat.tolist() if isinstance(value, str))
    elif isinstance(item, Iterable):
        for part in item:
            yield from _strings_of(part)
    else:
        yield str(item)


def mentions_kosovo(*items: object) -> bool:
    """Whether any text in the items (strings, frames, series, plotly figures, lists of them)
    shows Kosovo's marked label, in any language, so the footnote must follow."""
    markers = tuple(config.KOSOVO_MARKERS.values())
    return any(marker in text for item in items for text in _strings_of(item) for marker in markers)


def footnotes_for(*items: object, iso3: Iterable[str] = ()) -> list[str]:
    """The footnotes to print under an element showing `items` (or the countries `iso3`)."""
    if "XKX" in set(iso3) or mentions_kosovo(*items):
        return [_(config.KOSOVO_FOOTNOTE)]
    return []


def map_notes(iso3: Iterable[str] = (), *items: object) -> list[str]:
    """The notes under a map: IOM's map disclaimer always, the Kosovo footnote when it is drawn."""
    return [_(config.MAP_DISCLAIMER), *footnotes_for(*items, iso3=iso3)]
