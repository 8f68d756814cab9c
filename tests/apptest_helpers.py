"""What the AppTest page tests share: open the app on a page with a URL, read what the user sees,
and read the warehouse it shows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd
from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).resolve().parents[1] / "app.py")
DEFAULT_PAGE = "pages/overview.py"


def open_page(
    page: str | None = None,
    query: dict[str, list[str]] | None = None,
    timeout: float = 60,
    *,
    fail_on_error: bool = False,
) -> AppTest:
    """The app run on `page` (None: the default page) with `query` in its URL; no exception raised."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    for key, values in (query or {}).items():
        at.query_params[key] = values
    at.run()
    if page and page != DEFAULT_PAGE:
        # AppTest can only switch pages after a first run (of the default page).
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    if fail_on_error:
        assert not at.error, [e.value for e in at.error]
    return at


TABS_PREFIX = "tabs-"  # ui.chart_with_table keys its Chart / Table tabs "tabs-<key>"


def open_tables(at: AppTest) -> AppTest:
    """Switch every chart's tabs to its Table (built only when open) and rerun."""
    keys = [key for key in at.session_state.keys() if str(key).startswith(TABS_PREFIX)]
    assert keys, "no chart with a table tab on the page"
    for key in keys:
        at.session_state[key] = "Table"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


FINDINGS_PREFIX = "findings-"  # ui.findings keys its expander "findings-<title>"


def open_findings(at: AppTest) -> AppTest:
    """Open every data-quality findings expander (its list is built only when open) and rerun."""
    keys = [key for key in at.session_state.keys() if str(key).startswith(FINDINGS_PREFIX)]
    assert keys, "no findings expander on the page"
    for key in keys:
        at.session_state[key] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def metric_value(at: AppTest, label_start: str) -> str:
    """The value of the first metric whose label starts with `label_start`."""
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def table_with(at: AppTest, column: str) -> pd.DataFrame:
    """The first dataframe on screen that has `column`."""
    return next(d.value for d in at.dataframe if column in d.value.columns)


def url_value(at: AppTest, key: str) -> str | None:
    """The link's (last) value for `key`; AppTest keeps a single value as a string or a list."""
    value = at.query_params.get(key)
    return value[-1] if isinstance(value, list) else value


def url_values(at: AppTest, key: str) -> list[str]:
    """Every value of `key` in the link, as a list (AppTest keeps single values as strings)."""
    value = at.query_params.get(key, [])
    return [value] if isinstance(value, str) else list(value)


def sql(warehouse_path, query: str, params=None) -> list[tuple]:
    """The rows of `query` on the warehouse at `warehouse_path`, opened read-only."""
    con = duckdb.connect(str(warehouse_path), read_only=True)
    try:
        return con.execute(query, params or []).fetchall()
    finally:
        con.close()


def svg_maps(at: AppTest) -> list[dict]:
    """The maps a page drew with plotly (dashboard.svgmap), as figure dicts."""
    import json

    from dashboard import svgmap

    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    maps = [spec for spec in specs if svgmap.is_map(spec)]
    for spec in maps:  # coordinates travel as typed arrays: as lists, None between pieces
        for trace in spec["data"]:
            for axis in ("x", "y"):
                if isinstance(trace.get(axis), dict):
                    trace[axis] = _typed_array(trace[axis])
    return maps


def _typed_array(spec: dict) -> list[float | None]:
    import base64

    import numpy as np

    values = np.frombuffer(base64.b64decode(spec["bdata"]), dtype=np.dtype(spec["dtype"]))
    return [None if np.isnan(v) else float(v) for v in values]


def shaded_countries(spec: dict) -> dict[str, dict]:
    """iso3 -> trace of each country a choropleth drawn by svgmap shades (hover on its fill)."""
    return {t["name"]: t for t in spec["data"] if t.get("hoveron") == "fills"}


def map_layer_names(spec: dict) -> set[str]:
    """The deck layers an svgmap figure drew (traces are named after them)."""
    return {t.get("name") for t in spec["data"]}
