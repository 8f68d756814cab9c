"""Caches of the briefing pages: the built briefings, and the one warm chart renderer for exports.

Belongs with the other st.cache_* in cache.py; kept apart while cache.py has another owner.
Starting Chromium costs about two seconds and each chart afterwards about 0.2 s, so the app keeps
one renderer open and shares it between sessions (kaleido queues their calls).
"""

from __future__ import annotations

import streamlit as st

from dashboard import briefing, cache, db, exports


@st.cache_resource(show_spinner=False, max_entries=1, on_release=lambda renderer: renderer.close())
def _renderer(browser: str) -> exports.ChartRenderer:
    # Keyed by the browser path: pointing BROWSER_PATH elsewhere starts a fresh renderer.
    return exports.ChartRenderer(browser)


def renderer() -> exports.ChartRenderer:
    """The warm renderer, restarted if its browser died; RendererUnavailable says how to fix it."""
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
    # A resource, not data: its ten plotly figures would be rebuilt (validated) on every unpickle.
    return briefing.build(briefing.load(cache.query, scope), generated)


def briefing_for(scope: briefing.Scope, generated: str) -> briefing.Briefing:
    """The briefing of a scope, built once per warehouse version and shared: treat it as read-only."""
    return _briefing(scope, generated, db.warehouse_version())
