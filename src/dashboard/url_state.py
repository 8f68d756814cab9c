"""The address bar bound to widgets, for every parameter declared in dashboard.url_params.

A widget is seeded from the link on its first draw in a session, a dropped value is reported (as
inert text) and leaves the link, and each run mirrors the choice back, defaults left out. The
link holds codes (ISO3, element ids, years), which stay valid when display names change, so the
sync is done here rather than by widget binding (`bind="query-params"`), which would put the
labels in the link and drop an unknown value silently.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable

import streamlit as st

from dashboard.inert import inert
from dashboard.url_params import BY_NAME, Resolved

ICON = ":material/link_off:"


def read(name: str, choices: Collection | None) -> Resolved:
    """The link's values for `name` among `choices` (None: any that parses), and the messages
    about the values dropped; the link is left as it is."""
    return BY_NAME[name].resolve(st.query_params.get_all(name), choices)


def warn(messages: Iterable[str]) -> None:
    """Show each message about a dropped link value, as inert text."""
    for message in messages:
        st.warning(inert(message), icon=ICON)


def write(name: str, value: object, default: object) -> None:
    """Mirror a choice into the query string; the default is left out to keep links short.

    Only `name` is touched: Streamlit refuses programmatic changes to a parameter bound to a
    widget, so no from_dict/clear here.
    """
    wanted = BY_NAME[name].to_link(value, default)
    if st.query_params.get_all(name) == wanted:
        return
    if wanted:
        st.query_params[name] = wanted
    elif name in st.query_params:
        del st.query_params[name]


def seed(
    name: str, choices: Collection | None, default: object, key: str | None = None
) -> list[str]:
    """Before the widget `key` (default: the parameter's name) is first drawn in this session,
    give it the link's value if it is among `choices`, else `default`; the values dropped leave
    the link and are returned as messages (show them with `warn`)."""
    key = key or name
    if key in st.session_state:
        return []
    resolved = read(name, choices)
    param = BY_NAME[name]
    value = (resolved.kept if param.many else resolved.kept[0]) if resolved.kept else default
    st.session_state[key] = value
    if resolved.messages:
        write(name, value, default)
    return resolved.messages


def current(name: str, choices: Collection | None, default: object) -> object:
    """The link's value for a parameter that no widget holds (read on every run): an unaccepted
    value is reported, leaves the link, and `default` is returned."""
    resolved = read(name, choices)
    if resolved.messages:
        warn(resolved.messages)
        write(name, resolved.kept[0] if resolved.kept else None, default)
    return resolved.kept[0] if resolved.kept else default


def keep_valid(key: str, choices: Collection, default: object) -> None:
    """Reset the widget `key` to `default` when its value is no longer among `choices` (another
    selection can offer fewer)."""
    if st.session_state.get(key) not in choices:
        st.session_state[key] = default


def toggle(name: str, label: str, help: str | None = None, where=st) -> bool:
    """A switch (off by default) bound to the link's flag `name` (?name=1): seeded from the
    link on its first draw, a bad value reported, the choice written back (off left out). Drawn
    in `where` (a column, or the page)."""
    warn(seed(name, (False, True), False))
    on = bool(where.toggle(label, key=name, help=help))
    write(name, on, False)
    return on
