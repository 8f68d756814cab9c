"""Page-specific choices (an indicator, a year) kept in the URL next to the global filters.

For widgets whose options are codes shown through a label (`format_func`): widget binding
(`bind="query-params"`) would put the label in the link and drop an unknown value silently.
Here the link holds the code, the widget shows the label, and an ignored value is reported.
The widget is seeded from the link on its first render and mirrored back after each run.
"""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from dashboard.filters import MAX_PARAM_LENGTH
from dashboard.inert import quoted as _shown


def seed_from_url(key: str, options: Sequence, default: object, what: str) -> str | None:
    """Before the widget `key` is first drawn, give it the link's value if it is one of `options`.

    Returns a warning (plain text: show it through inert()) when the link holds a value that is
    ignored. Values are
    compared as text, so options must have a stable str() (codes, years).
    """
    if key in st.session_state:
        return None
    st.session_state[key] = default
    values = st.query_params.get_all(key)
    if not values or values[-1] == "":
        return None
    by_text = {str(option): option for option in options}
    value = values[-1]
    if len(value) <= MAX_PARAM_LENGTH and value in by_text:
        st.session_state[key] = by_text[value]
        return None
    return f"Ignored {what} {_shown(value)} from the link: not one of the available choices."


def keep_valid(key: str, options: Sequence, default: object) -> None:
    """Reset the widget `key` to `default` when its value is no longer among `options`."""
    if st.session_state.get(key) not in options:
        st.session_state[key] = default


def write_to_url(key: str, value: object, default: object) -> None:
    """Mirror a choice into the query string; the default is left out to keep links short."""
    wanted = [] if value is None or value == default else [str(value)]
    if st.query_params.get_all(key) == wanted:
        return
    if wanted:
        st.query_params[key] = wanted
    else:
        del st.query_params[key]
