"""A minimal client of Streamlit's browser protocol, for load tests without a browser per session.

It speaks what the browser speaks on ws://host/_stcore/stream: BackMsg.rerun_script with the
query string, the page and the state of every widget on screen; ForwardMsg deltas back until
script_finished. Widget states are kept like the browser keeps them: a widget's value is taken
from the server when it first appears or when the server sets it (set_value), and from the
client's own choices otherwise. Only the widget kinds the dashboard uses are understood; other
widgets are left out of the state, which makes Streamlit use their default (what a browser
would send for an untouched widget).
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect


@dataclass
class Widget:
    kind: str
    id: str
    label: str
    options: list[str]
    value: object  # list[str] | str | list[float] | bool | None


def _server_value(kind: str, element) -> object:
    """The value a browser would report for a widget as the server describes it."""
    options = list(getattr(element, "options", []))
    if kind == "multiselect":
        return (
            list(element.raw_values) if element.set_value else [options[i] for i in element.default]
        )
    if kind == "selectbox":
        if element.set_value:
            return element.raw_value if element.HasField("raw_value") else None
        return (
            options[element.default]
            if element.HasField("default") and 0 <= element.default < len(options)
            else None
        )
    if kind == "radio":
        if element.set_value:
            return element.raw_value if element.HasField("raw_value") else None
        return (
            options[element.default]
            if element.HasField("default") and 0 <= element.default < len(options)
            else None
        )
    if kind == "slider":
        return list(element.value) if element.set_value else list(element.default)
    if kind == "select_slider":  # a Slider proto with options; positions in, labels out
        positions = element.value if element.set_value else element.default
        return [options[int(i)] for i in positions if 0 <= int(i) < len(options)]
    if kind in ("text_input", "text_area"):
        if element.set_value:
            return element.value if element.HasField("value") else None
        return element.default if element.HasField("default") else None
    if kind in ("checkbox",):
        return element.value if element.set_value else element.default
    if kind == "button_group":
        # Options are messages; the browser reports the chosen ones by their text (`content`).
        texts = [option.content for option in options]
        return (
            list(element.raw_values) if element.set_value else [texts[i] for i in element.default]
        )
    raise KeyError(kind)


_KINDS = {
    "multiselect",
    "selectbox",
    "radio",
    "slider",
    "text_input",
    "text_area",
    "checkbox",
    "button_group",
}


def _state(widget: Widget) -> WidgetState | None:
    state = WidgetState(id=widget.id)
    value = widget.value
    if value is None:
        return None
    if widget.kind in ("multiselect", "button_group", "select_slider"):
        state.string_array_value.data.extend(value)
    elif widget.kind in ("selectbox", "radio", "text_input", "text_area"):
        state.string_value = value
    elif widget.kind == "slider":
        state.double_array_value.data.extend(value)
    elif widget.kind == "checkbox":
        state.bool_value = bool(value)
    return state


@dataclass
class RunResult:
    seconds: float
    status: int
    exceptions: list[str]
    messages: int
    query_string: str | None


@dataclass
class Session:
    """One browser-like session on one websocket."""

    url: str  # ws://127.0.0.1:PORT/_stcore/stream
    query_string: str = ""
    page_hash: str = ""
    widgets: dict[str, Widget] = field(default_factory=dict)
    pages: dict[str, str] = field(default_factory=dict)  # url path -> page script hash
    metrics: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # e.g. a proxy's route cookie
    _ws: object = None

    async def __aenter__(self) -> Session:
        self._ws = await connect(
            self.url,
            subprotocols=["streamlit"],
            max_size=None,
            open_timeout=30,
            additional_headers=self.headers or None,
        )
        return self

    async def __aexit__(self, *exc) -> None:
        await self._ws.close()

    def widget(self, label: str) -> Widget:
        return next(w for w in self.widgets.values() if w.label == label)

    async def rerun(self, timeout: float = 60) -> RunResult:
        """Send a rerun with the current client state; wait for the script to finish."""
        message = BackMsg()
        client = message.rerun_script
        client.query_string = self.query_string
        client.page_script_hash = self.page_hash
        for widget in self.widgets.values():
            state = _state(widget)
            if state is not None:
                client.widget_states.widgets.append(state)
        started = time.perf_counter()
        await self._ws.send(message.SerializeToString())
        seen: set[str] = set()
        exceptions: list[str] = []
        count = 0
        query = None
        while True:
            raw = await asyncio.wait_for(self._ws.recv(), timeout=timeout)
            count += 1
            forward = ForwardMsg()
            forward.ParseFromString(raw)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                element_kind = element.WhichOneof("type")
                inner = getattr(element, element_kind)
                if element_kind == "exception":
                    exceptions.append(f"{inner.type}: {inner.message}"[:300])
                elif element_kind == "metric":
                    self.metrics[inner.label] = inner.body
                elif element_kind in _KINDS and getattr(inner, "id", ""):
                    if element_kind == "slider" and len(inner.options):
                        element_kind = "select_slider"
                    seen.add(inner.id)
                    known = self.widgets.get(inner.id)
                    if known is None or getattr(inner, "set_value", False):
                        self.widgets[inner.id] = Widget(
                            element_kind,
                            inner.id,
                            inner.label,
                            list(getattr(inner, "options", [])),
                            _server_value(element_kind, inner),
                        )
            elif kind == "navigation":
                self.pages = {
                    p.url_pathname: p.page_script_hash for p in forward.navigation.app_pages
                }
            elif kind == "page_info_changed":
                query = forward.page_info_changed.query_string
                self.query_string = query
            elif kind == "new_session":
                self.page_hash = forward.new_session.page_script_hash or self.page_hash
            elif kind == "script_finished":
                status = forward.script_finished
                if status == ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    continue
                # Like the browser, forget widgets that are no longer on screen.
                self.widgets = {k: w for k, w in self.widgets.items() if k in seen}
                return RunResult(time.perf_counter() - started, status, exceptions, count, query)
