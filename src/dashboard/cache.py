"""All caching lives here, shared by every session and keyed by the warehouse version, so a rebuilt
warehouse is read afresh:

- `connection()`: one read-only connection per warehouse version;
- `query(fn, *args)`: query results, keyed by query function and parameters;
- `chart(builder, *args)`: finished, frozen plotly figures and pydeck decks, keyed by their inputs;
- `derived(fn, *args)`: other pure results of query results (help texts, cards), the same way;
- `shaped(shape, fn, *args)`: a query result reshaped once (keyed by the query, not its data);
- `per_warehouse(fn)`: what depends on nothing but the warehouse (the filters' options);
- `briefing_for` and `renderer()`: the briefing of a scope and the warm chart renderer.

Everything that holds text (charts, derived, shaped, per-warehouse values and briefings) is kept
per language as well (dashboard.i18n.language()); query results are data, shared by languages.
"""

from __future__ import annotations

import copyreg
import hashlib
import io
import pickle
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TYPE_CHECKING, Any

import duckdb
import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dashboard import db, i18n, maps, speedups, svgmap
from dashboard.charts import style as chart_style
from dashboard.charts import summary
from dashboard.i18n import names as i18n_names
from dashboard.queries import names as name_queries

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


# How long a session waits for another to finish the same value before computing it itself.
PENDING_WAIT_SECONDS = 30


class _SharedResults:
    """Results shared by every session: least recently used out first, and none older than a TTL.

    Bounded by a number of entries and, given `size_of`, by the bytes they hold (`max_bytes`):
    entries range from a few hundred bytes to half a megabyte, so a count alone let a busy
    server grow for minutes while it filled.

    Not st.cache_data: a hit there unpickles the value and hashes the arguments through
    Streamlit's hasher, about 0.6 ms per query, which made the cache hits of a page cost more
    than drawing it.
    """

    def __init__(
        self,
        max_entries: int,
        ttl_seconds: float,
        max_bytes: int | None = None,
        size_of: Callable[[Any], int] | None = None,
    ) -> None:
        self.max_entries, self.ttl_seconds = max_entries, ttl_seconds
        self.max_bytes, self._size_of = max_bytes, size_of
        self._lock = threading.Lock()
        # key -> (time stored, value, bytes held)
        self._entries: OrderedDict[Hashable, tuple[float, Any, int]] = OrderedDict()
        self._bytes = 0
        self._pending: dict[Hashable, threading.Event] = {}

    @property
    def bytes_held(self) -> int:
        return self._bytes

    def _fresh(self, key: Hashable, now: float) -> tuple[bool, Any]:
        entry = self._entries.get(key)
        if entry is not None and now - entry[0] < self.ttl_seconds:
            self._entries.move_to_end(key)
            return True, entry[1]
        return False, None

    def _store(self, key: Hashable, now: float, value: Any, size: int) -> None:
        """Under the lock: keep `value`, then drop the least recently used entries beyond the
        bounds (never the one just stored)."""
        previous = self._entries.pop(key, None)
        if previous is not None:
            self._bytes -= previous[2]
        self._entries[key] = (now, value, size)
        self._bytes += size
        while len(self._entries) > 1 and (
            len(self._entries) > self.max_entries
            or (self.max_bytes is not None and self._bytes > self.max_bytes)
        ):
            self._bytes -= self._entries.popitem(last=False)[1][2]

    def get(self, key: Hashable, compute: Callable[[], Any]) -> Any:
        now = time.monotonic()
        with self._lock:
            found, value = self._fresh(key, now)
            if found:
                return value
            pending = self._pending.get(key)
            if pending is None:
                self._pending[key] = threading.Event()
        if pending is not None:
            # Another session is computing this very value (sessions opening the same new
            # selection at once): wait for it rather than compute it again. Python runs one
            # thread at a time, so a second computation would only slow both down. Other keys
            # never wait. A failed computation is tried again here; a hung one is not waited for.
            if not pending.wait(timeout=PENDING_WAIT_SECONDS):
                return compute()
            with self._lock:
                found, value = self._fresh(key, time.monotonic())
            return value if found else self.get(key, compute)
        try:
            value = compute()
            size = self._size_of(value) if self._size_of is not None else 0
            with self._lock:
                self._store(key, now, value, size)
            return value
        finally:
            with self._lock:
                self._pending.pop(key).set()

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0


def _frame_bytes(frame: pd.DataFrame) -> int:
    """The bytes a result holds, as pandas' memory_usage(deep=True) counts them, in a tenth of its
    time (it took 0.4-1 ms a result, paid on every new selection's queries): Arrow-backed and
    numeric columns know their size; only object columns (lists) are measured item by item."""
    size = 0 if isinstance(frame.index, pd.RangeIndex) else frame.index.memory_usage(deep=True)
    for _, column in frame.items():
        if column.dtype == object:
            size += column.memory_usage(index=False, deep=True)
        else:
            size += column.array.nbytes
    return int(size)


# The caches' bounds are what a replica's memory levels off at. A few dozen selections' results
# cover what the managers of a briefing look at together (the hot ones stay: least recently used
# out first); under bench/load.py's 40 sessions, each choosing countries and years at random,
# larger bounds (48 MB, 96 charts, 2,048 derived values) kept every replica growing for minutes
# while they filled, and these smaller ones cost no latency (bench/README.md, "Load").
# The query results' byte budget: a selection's headline figures (every year of every concept)
# hold about 0.4 MB, most results a few KB.
QUERY_RESULTS_BYTES = 16 * 1024 * 1024
_query_results = _SharedResults(
    max_entries=2048, ttl_seconds=6 * 3600, max_bytes=QUERY_RESULTS_BYTES, size_of=_frame_bytes
)
# Results of queries without parameters: a few dozen per warehouse version (36 MB for the
# indicator catalogue of the x1000 scale test, which evicted itself from the byte budget).
_warehouse_results = _SharedResults(max_entries=256, ttl_seconds=6 * 3600)
# A finished chart with its frozen dict holds a few hundred KB to a few MB of Python objects.
_charts = _SharedResults(max_entries=48, ttl_seconds=6 * 3600)
_derived = _SharedResults(max_entries=512, ttl_seconds=6 * 3600)


def _query_key(function: Callable[..., pd.DataFrame], args: tuple, kwargs: dict) -> tuple:
    if not function.__module__.startswith(QUERY_PACKAGE):
        raise ValueError(f"{function.__module__}.{function.__name__} is not a query function")
    path = f"{function.__module__}.{function.__qualname__}"
    return (path, args, tuple(sorted(kwargs.items())), db.warehouse_version())


def query(function: Callable[..., pd.DataFrame], *args, **kwargs) -> pd.DataFrame:
    """Run a `dashboard.queries` function through the cache; arguments must be hashable.

    Keyed by function, arguments and warehouse version, so a rebuilt warehouse is queried afresh.
    The frame is a shallow copy of the stored one: with pandas' copy-on-write, a caller that
    modifies its copy never touches what other sessions get.
    """
    key = _query_key(function, args, kwargs)
    path, _, _, version = key
    # A query without parameters depends on the warehouse alone (the indicator catalogue, the
    # glossary): one result per warehouse version, kept whatever its size, since every page
    # asks for it. Only the results of selections, which come and go, share the byte budget.
    store = _query_results if args or kwargs else _warehouse_results
    stored = store.get(key, lambda: _run(function, path, args, kwargs, version))
    return speedups.label_result(stored.copy(deep=False), key, shared_with=stored)


def shaped(
    shape: Callable[[pd.DataFrame], Any], function: Callable[..., pd.DataFrame], *args, **kwargs
) -> Any:
    """`shape(query(function, *args, **kwargs))`, computed once per query result and shared by
    every session: treat it as read-only.

    For what a page derives from a large result on every run (the indicator catalogue arranged
    for a picker): keyed by the query itself, so unlike `derived` nothing is fingerprinted.
    """
    key = (
        "shaped",
        shape.__module__,
        shape.__qualname__,
        _query_key(function, args, kwargs),
        i18n.language(),
    )
    return _derived.get(key, lambda: shape(query(function, *args, **kwargs)))


# Told (query path, seconds) after every query `query()` runs on the warehouse: how the benchmark
# times the queries of a page (bench/run.py), without wrapping or looking up the functions.
query_observers: list[Callable[[str, float], None]] = []


def _run(
    function: Callable[..., pd.DataFrame], path: str, args: tuple, kwargs: dict, version: str
) -> pd.DataFrame:
    started = time.perf_counter()
    try:
        return function(_connection(version).cursor(), *args, **kwargs)
    except duckdb.Error:
        # A file damaged after it was opened shows as a DuckDB error in whichever query reads the
        # bad block: opening the file afresh says in words what is wrong (WarehouseDamaged), which
        # the router shows instead of a traceback. A sound file means a genuine query error.
        db.connect_read_only().close()
        raise
    finally:
        for observe in query_observers:
            observe(path, time.perf_counter() - started)


def clear_query_results() -> None:
    """Forget every query result and chart (the next run of each page queries the warehouse)."""
    for store in (_query_results, _warehouse_results, _charts, _derived):
        store.clear()


def _freeze(value: Any) -> Any:
    if isinstance(value, tuple):
        return tuple(_freeze(item) for item in value)
    if isinstance(value, go.Figure) and not isinstance(value, speedups.FrozenFigure):
        # The one seam every shared chart passes: the publication style is applied here (not to
        # a map drawn by plotly: its axes are hidden pixel coordinates, not years or amounts).
        if not svgmap.is_map_figure(value):
            chart_style.finish(value)
        speedups.freeze_figure(value)
    elif isinstance(value, maps.CompactDeck):
        value.freeze()
    return value


def figure_fact(fact: Callable[[go.Figure], Any], figure: go.Figure) -> Any:
    """`fact(figure)` (a pure reading of a finished figure: its summary, whether it names
    Kosovo), worked out once per figure from `chart()` or a briefing: reading a plotly figure's
    properties costs more than drawing it again."""
    if not isinstance(figure, speedups.FrozenFigure):
        return fact(figure)
    key = (fact.__module__, fact.__qualname__)
    if key not in figure._facts:
        figure._facts[key] = fact(figure)
    return figure._facts[key]


def is_shared(frame: pd.DataFrame) -> bool:
    """Whether `frame` is a query result or derived value as the cache handed it out (and
    unchanged since), recognised by its label without reading it."""
    return speedups.result_label(frame) is not None


def frame_fact(fact: Callable[[pd.DataFrame], Any], frame: pd.DataFrame) -> Any:
    """`fact(frame)` (a pure reading of a table: its footnotes, its Arrow form), worked out once
    per shared frame (`is_shared`) and each time for any other frame, whose fingerprint would
    cost about as much as the reading."""
    return derived(fact, frame) if is_shared(frame) else fact(frame)


def figure_summary(figure: go.Figure) -> str:
    """The chart's one-sentence text alternative (charts.summary)."""
    return figure_fact(summary.figure_summary, figure)


def per_warehouse(function: Callable[[], Any]) -> Any:
    """`function()`, computed once per warehouse version and shared by every session: for what
    depends on nothing but the warehouse (the filters' options, asked for on every rerun)."""
    key = (
        "per_warehouse",
        function.__module__,
        function.__qualname__,
        db.warehouse_version(),
        i18n.language(),
    )
    return _derived.get(key, function)


def _shared_frame(label: Hashable) -> None:
    """Stands for a shared frame in a fingerprint (fingerprints are never unpickled)."""
    raise NotImplementedError(label)


def _reduce_frame(frame: pd.DataFrame) -> tuple:
    label = speedups.result_label(frame)
    if label is None:
        return frame.__reduce_ex__(pickle.HIGHEST_PROTOCOL)
    return (_shared_frame, (label,))


class _InputPickler(pickle.Pickler):
    """Pickles a shared frame (a query result or derived value as the cache gave it, unchanged;
    its content is what its key says) as its key, everything else as itself. Through the
    dispatch table, which the pickler consults in C for frames only: a persistent_id hook was
    a Python call for each of the thousands of objects in a page's inputs."""

    dispatch_table = {**copyreg.dispatch_table, pd.DataFrame: _reduce_frame}


def _fingerprint(args: tuple, kwargs: dict) -> bytes | None:
    """Equal inputs give equal bytes: pickled, so equal data is recognised whatever object holds
    it (a query result by its query: pickling its content took 0.1-1 ms); None for inputs that
    cannot be pickled."""
    buffer = io.BytesIO()
    try:
        _InputPickler(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump((args, sorted(kwargs.items())))
    except (pickle.PicklingError, TypeError, AttributeError):
        return None
    return hashlib.blake2b(buffer.getbuffer(), digest_size=20).digest()


def _memoised(
    store: _SharedResults,
    function: Callable[..., Any],
    args: tuple,
    kwargs: dict,
    finish: Callable[[Any], Any],
) -> Any:
    fingerprint = _fingerprint(args, kwargs)
    if fingerprint is None:
        return finish(function(*args, **kwargs))
    key = (
        function.__module__,
        function.__qualname__,
        fingerprint,
        db.warehouse_version(),
        i18n.language(),
    )
    return store.get(key, lambda: _labelled(finish(function(*args, **kwargs)), key))


def _labelled(value: Any, key: tuple) -> Any:
    """A shared value's frames (the value, or the items of a tuple) named by the key they are
    kept under, so a chart or value derived from them is looked up without pickling them."""
    if isinstance(value, pd.DataFrame):
        speedups.label_result(value, key)
    elif isinstance(value, tuple):
        for position, item in enumerate(value):
            if isinstance(item, pd.DataFrame):
                speedups.label_result(item, (key, position))
    return value


def chart(builder: Callable[..., Any], *args, **kwargs) -> Any:
    """`builder(*args, **kwargs)`, built once per distinct input and shared by every session.

    For the `dashboard.charts` and `dashboard.maps` builders, whose inputs are query results and
    plain values. Figures and decks come back finished and frozen: draw them, never modify them.
    """
    return _memoised(_charts, builder, args, kwargs, _freeze)


def derived(function: Callable[..., Any], *args, **kwargs) -> Any:
    """`function(*args, **kwargs)` for a pure function of query results (help texts, headline
    figures), computed once per distinct input and shared by every session: treat it as
    read-only."""
    return _memoised(_derived, function, args, kwargs, lambda value: value)


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


# A briefing holds a dozen finished figures and its tables: sixteen scopes cover the meetings
# being prepared at once (64 kept a busy replica growing, like the other caches' old bounds).
@st.cache_resource(show_spinner=False, max_entries=16, ttl=6 * 3600)
def _briefing(scope: briefing.Scope, generated: str, version: str, lang: str) -> briefing.Briefing:
    # A resource, not data: its plotly figures would be rebuilt (validated) on every unpickle.
    # Built in `lang` (the key): the language of the run that asks, set again here in case the
    # cache computes in another context.
    from dashboard import briefing

    with i18n.using(lang):
        built = briefing.build(briefing.load(query, scope), generated)
        for screen in built.screens:
            _freeze(screen.figure)
    return built


def briefing_for(scope: briefing.Scope, generated: str) -> briefing.Briefing:
    """The briefing of a scope, built once per warehouse version and shared: treat it as read-only."""
    return _briefing(scope, generated, db.warehouse_version(), i18n.language())


# The names in the current language (i18n.country_name) read the names table through this cache.
i18n_names.use_loader(lambda: query(name_queries.display_names))
