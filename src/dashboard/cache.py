"""All Streamlit caching lives here: one read-only connection per warehouse version, and query
results keyed by query function, parameters and warehouse version."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import TYPE_CHECKING

import duckdb
import pandas as pd
import streamlit as st

from dashboard import db

if TYPE_CHECKING:  # the export stack is imported only by the pages that export
    from dashboard import briefing, exports

QUERY_PACKAGE = "dashboard.queries"


@st.cache_resource(show_spinner=False, max_entries=2, on_release=lambda con: con.close())
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


@st.cache_resource(show_spinner=False, max_entries=1, on_release=lambda renderer: renderer.close())
def _renderer(browser: str) -> exports.ChartRenderer:
    # Starting Chromium costs about two seconds and a chart about 0.2 s afterwards, so one
    # renderer stays open and is shared by the sessions (kaleido queues their calls). Keyed by the
    # browser path: pointing BROWSER_PATH elsewhere starts a fresh renderer.
    from dashboard import exports

    return exports.ChartRenderer(browser)


def renderer() -> exports.ChartRenderer:
    """The warm chart renderer, restarted if its browser died; RendererUnavailable says how to fix it."""
    from dashboard import exports

    browser = exports.renderer_path()
    if browser is None:
        raise exports.RendererUnavailable(exports.renderer_problem())
    current = _renderer(browser)
    if not current.alive:
        _renderer.clear()
        current = _renderer(browser)
    return current


@st.cache_resource(show_spinner=False, max_entries=64, ttl=6 * 3600)
def _briefing(scope: briefing.Scope, generated: str, version: str) -> briefing.Briefing:
    # A resource, not data: its plotly figures would be rebuilt (validated) on every unpickle.
    from dashboard import briefing

    return briefing.build(briefing.load(query, scope), generated)


def briefing_for(scope: briefing.Scope, generated: str) -> briefing.Briefing:
    """The briefing of a scope, built once per warehouse version and shared: treat it as read-only."""
    return _briefing(scope, generated, db.warehouse_version())


def clear() -> None:
    st.cache_data.clear()
    st.cache_resource.clear()
