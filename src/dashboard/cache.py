"""All Streamlit caching lives here: one read-only connection per warehouse version, and query
results keyed by query function, parameters and warehouse version."""

from __future__ import annotations

import importlib
from collections.abc import Callable

import duckdb
import pandas as pd
import streamlit as st

from dashboard import db

QUERY_PACKAGE = "dashboard.queries"


@st.cache_resource(show_spinner=False, max_entries=2)
def _connection(version: str) -> duckdb.DuckDBPyConnection:
    # The version is part of the key: a rebuilt (swapped) warehouse gets a fresh connection.
    return db.connect_read_only()


def connection() -> duckdb.DuckDBPyConnection:
    """The shared read-only connection to the current warehouse; queries use cursors of it."""
    return _connection(db.warehouse_version())


@st.cache_data(show_spinner=False, max_entries=2048, ttl=6 * 3600)
def _run(function_path: str, args: tuple, kwargs: tuple, version: str) -> pd.DataFrame:
    module_name, function_name = function_path.rsplit(".", 1)
    function = getattr(importlib.import_module(module_name), function_name)
    return function(_connection(version).cursor(), *args, **dict(kwargs))


def query(function: Callable[..., pd.DataFrame], *args, **kwargs) -> pd.DataFrame:
    """Run a `dashboard.queries` function through the cache; arguments must be hashable."""
    if not function.__module__.startswith(QUERY_PACKAGE):
        raise ValueError(f"{function.__module__}.{function.__name__} is not a query function")
    path = f"{function.__module__}.{function.__qualname__}"
    return _run(path, args, tuple(sorted(kwargs.items())), db.warehouse_version())


def clear() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()
