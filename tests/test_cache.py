"""The shared caches: query results and finished charts are reused across reruns and sessions,
never leak one caller's changes to another, and follow the warehouse when it is rebuilt."""

from __future__ import annotations

import functools
import json
import shutil

import pandas as pd
import plotly.io as pio
import pytest

from dashboard import cache, config, maps
from dashboard.charts import style as chart_style
from dashboard.charts import trends as trend_charts
from dashboard.queries import filters as filter_queries
from dashboard.queries import overview as overview_queries
from dashboard.warehouse import build


@pytest.fixture(autouse=True)
def fresh_caches(warehouse_path):
    cache.clear_query_results()
    yield
    cache.clear_query_results()


def test_a_query_runs_once_and_callers_get_independent_copies(monkeypatch):
    calls = []
    original = filter_queries.filter_countries

    @functools.wraps(original)  # keeps the module name the cache checks and resolves
    def counted(con):
        calls.append(1)
        return original(con)

    monkeypatch.setattr(filter_queries, "filter_countries", counted)
    first = cache.query(filter_queries.filter_countries)
    first["name"] = "changed by one caller"
    first.loc[0, "iso3"] = "ZZZ"
    second = cache.query(filter_queries.filter_countries)
    assert len(calls) == 1
    assert "changed by one caller" not in set(second["name"])
    assert second.loc[0, "iso3"] != "ZZZ"


def test_a_query_with_other_arguments_is_not_answered_from_the_cache():
    albania = cache.query(overview_queries.office_counts, ("ALB",))
    region = cache.query(overview_queries.office_counts, ("ALB", "UKR", "TUR"))
    assert albania["offices"].sum() < region["offices"].sum()


def test_only_query_functions_go_through_the_query_cache():
    with pytest.raises(ValueError, match="not a query function"):
        cache.query(trend_charts.ranking_figure)


def ranking_input(values: list[float]) -> tuple[pd.DataFrame, dict, int]:
    frame = pd.DataFrame({"country": ["Albania", "Serbia"], "value": values, "rank": [1, 2]})
    return frame, {"name": "Test indicator", "unit": "%"}, 2020


def test_equal_inputs_share_one_finished_figure_and_other_inputs_get_their_own():
    frame, definition, year = ranking_input([3.0, 2.0])
    first = cache.chart(trend_charts.ranking_figure, frame, definition, year)
    again = cache.chart(trend_charts.ranking_figure, frame.copy(), dict(definition), year)
    other = cache.chart(trend_charts.ranking_figure, *ranking_input([3.0, 9.0]))
    assert again is first
    assert other is not first
    assert sorted(other.data[0].x) == [3.0, 9.0]
    assert sorted(first.data[0].x) == [2.0, 3.0]


def test_a_frozen_figure_serialises_as_the_figure_it_was_built_as():
    frame, definition, year = ranking_input([3.0, 2.0])
    # the shared chart is the built one with the publication style applied (charts.style)
    built = chart_style.finish(trend_charts.ranking_figure(frame, definition, year))
    cached = cache.chart(trend_charts.ranking_figure, frame, definition, year)
    assert json.loads(pio.to_json(cached.to_dict(), validate=False)) == json.loads(built.to_json())


def test_a_frozen_deck_serialises_once_and_as_built():
    values = pd.DataFrame({"iso3": ["ALB", "SRB"], "value": [1.0, 2.0], "year": [2020, 2020]})
    built, _ = maps.indicator_deck(values, "%", "Test", ("ALB",), False)
    cached, legend = cache.chart(maps.indicator_deck, values, "%", "Test", ("ALB",), False)
    assert cached.to_json() == built.to_json()
    assert cached.to_json() is cached.to_json()  # the stored text, not a fresh serialisation
    assert not legend.empty


def test_a_rebuilt_warehouse_is_queried_afresh(tmp_path, monkeypatch):
    out = tmp_path / "warehouse.duckdb"
    sources = tmp_path / "sources"
    shutil.copytree(config.SOURCES_DIR, sources)
    build(sources, out)
    monkeypatch.setenv(config.WAREHOUSE_ENV, str(out))
    before = cache.query(filter_queries.filter_countries)
    path = sources / "display_names.csv"  # the names every screen shows
    text = path.read_text(encoding="utf-8")
    assert "Albania" in text
    path.write_text(text.replace("Albania", "Albania (rebuilt)"), encoding="utf-8")
    build(sources, out)
    after = cache.query(filter_queries.filter_countries)
    assert "Albania" in set(before["name"])
    assert "Albania (rebuilt)" in set(after["name"])


def test_a_shaped_result_is_built_once_per_query_result():
    shapes = []

    def names(frame: pd.DataFrame) -> dict:
        shapes.append(len(frame))
        return dict(zip(frame["iso3"], frame["name"], strict=True))

    first = cache.shaped(names, filter_queries.filter_countries)
    again = cache.shaped(names, filter_queries.filter_countries)
    assert again is first and len(shapes) == 1
    assert first["ALB"] == "Albania"
    offices = cache.shaped(len, overview_queries.office_counts, ("ALB",))
    assert offices == len(cache.query(overview_queries.office_counts, ("ALB",)))


def test_a_per_warehouse_value_is_computed_once_per_warehouse(tmp_path, monkeypatch):
    calls = []

    def countries() -> int:
        calls.append(1)
        return len(cache.query(filter_queries.filter_countries))

    assert cache.per_warehouse(countries) == cache.per_warehouse(countries) == 20
    assert len(calls) == 1
    out = tmp_path / "other.duckdb"
    build(config.SOURCES_DIR, out)
    monkeypatch.setenv(config.WAREHOUSE_ENV, str(out))
    assert cache.per_warehouse(countries) == 20
    assert len(calls) == 2, "another warehouse is asked afresh"


@pytest.mark.parametrize("language", ["en", "ru"])
def test_a_shared_svg_map_is_drawn_as_built_without_the_chart_style(language):
    """charts.style reads axes as years or amounts and sets their ticks and ranges; a map's
    axes are hidden pixel coordinates, so the shared map must stay exactly as built."""
    from dashboard import i18n, svgmap

    values = pd.DataFrame(
        {"iso3": ["ALB", "SRB", "UKR"], "value": [1e6, 2e6, 3e6], "year": [2020, 2020, 2020]}
    )
    with i18n.using(language):
        built, _ = svgmap.indicator_map(values, "usd", "Test", ("ALB", "SRB"), False)
        cached, _ = cache.chart(svgmap.indicator_map, values, "usd", "Test", ("ALB", "SRB"), False)
    shared = json.loads(pio.to_json(cached.to_dict(), validate=False))
    assert shared["layout"] == json.loads(built.to_json())["layout"]


def test_sessions_asking_at_once_for_the_same_new_value_compute_it_once():
    """Many sessions opening the same new selection together: one computes, the others wait for
    its result (a second computation under Python's one-thread-at-a-time would slow them all)."""
    import threading
    import time

    store = cache._SharedResults(max_entries=8, ttl_seconds=60)
    calls: list[int] = []
    started = threading.Event()

    def slow() -> str:
        calls.append(1)
        started.set()
        time.sleep(0.3)
        return "figure"

    answers: list[str] = []
    first = threading.Thread(target=lambda: answers.append(store.get("key", slow)))
    first.start()
    started.wait(5)
    others = [
        threading.Thread(target=lambda: answers.append(store.get("key", slow))) for _ in range(4)
    ]
    for thread in others:
        thread.start()
    # Meanwhile another key is not held up by the pending one.
    assert store.get("other key", lambda: "quick") == "quick"
    for thread in [first, *others]:
        thread.join(10)
    assert answers == ["figure"] * 5
    assert len(calls) == 1


def test_a_failed_computation_lets_the_waiting_session_compute_for_itself():
    import threading
    import time

    store = cache._SharedResults(max_entries=8, ttl_seconds=60)
    started = threading.Event()

    def failing() -> str:
        started.set()
        time.sleep(0.2)
        raise RuntimeError("the first session's run was stopped")

    errors: list[Exception] = []

    def first_session() -> None:
        try:
            store.get("key", failing)
        except RuntimeError as error:
            errors.append(error)

    thread = threading.Thread(target=first_session)
    thread.start()
    started.wait(5)
    assert store.get("key", lambda: "computed again") == "computed again"
    thread.join(5)
    assert len(errors) == 1
    assert store.get("key", lambda: "not asked") == "computed again"  # and it was kept


def test_query_results_are_bounded_by_the_bytes_they_hold():
    """A byte budget, not only a count: the least recently used results go first once the
    frames held pass it, so a busy server stops growing once its budget is full."""
    frame = pd.DataFrame({"iso3": ["UKR"] * 1000, "value": range(1000)})
    size = cache._frame_bytes(frame)
    assert size > 8000
    store = cache._SharedResults(
        max_entries=100, ttl_seconds=60, max_bytes=3 * size, size_of=cache._frame_bytes
    )
    for number in range(5):
        store.get(number, lambda: frame.copy())
        if number == 2:
            store.get(0, lambda: pytest.fail("0 is still held"))  # 0 is now the most recent
    assert store.bytes_held <= 3 * size
    assert set(store._entries) == {0, 3, 4}
    store.clear()
    assert store.bytes_held == 0
    # One result larger than the whole budget is still kept (until the next one arrives).
    tiny = cache._SharedResults(max_entries=9, ttl_seconds=60, max_bytes=10, size_of=len)
    assert tiny.get("big", lambda: "x" * 100) == "x" * 100
    assert tiny.get("big", lambda: pytest.fail("recomputed")) == "x" * 100


def test_selections_share_the_byte_budget_and_warehouse_wide_results_are_kept_apart():
    """A selection's results count against the budget; a query without parameters (the
    indicator catalogue: 36 MB at x1000, more than the whole budget) is kept apart, once per
    warehouse version, so it never pushes itself and the selections' results out."""
    assert cache._query_results.max_bytes == cache.QUERY_RESULTS_BYTES
    cache.query(overview_queries.office_counts, ("UKR",))
    assert 0 < cache._query_results.bytes_held < cache.QUERY_RESULTS_BYTES
    held = cache._query_results.bytes_held
    cache.query(filter_queries.filter_countries)
    assert cache._query_results.bytes_held == held
    assert len(cache._warehouse_results._entries) == 1


def test_a_results_size_is_what_pandas_counts_for_every_kind_of_column(con):
    """The byte budget's measure agrees with pandas' deep count (within 1%, or the index's few
    bytes) on real results: strings, numbers, nullable integers, booleans and lists."""
    from dashboard.queries import outlook as outlook_queries
    from dashboard.queries import overview as overview_queries

    frames = [
        overview_queries.indicator_definitions(con, ("undesa2024.migrant_stock",)),
        outlook_queries.outlook_statement_links(con, None, (), True),
        pd.DataFrame({"n": pd.array([1, None], dtype="Int32"), "flag": [True, False]}),
        pd.DataFrame({"value": [1.5, 2.5]}, index=pd.Index(["UKR", "SRB"], name="iso3")),
    ]
    assert any(frame.dtypes.eq(object).any() for frame in frames)  # a list column is among them
    for frame in frames:
        counted = int(frame.memory_usage(deep=True).sum())
        assert abs(cache._frame_bytes(frame) - counted) <= max(200, counted // 100)


def _total_offices(offices: pd.DataFrame) -> float:
    return float(offices.select_dtypes("number").sum().sum())


def test_a_query_result_changed_by_its_caller_is_never_taken_for_the_querys_answer():
    """Values derived from a query result are looked up by the query while the result is as the
    cache gave it (no pickling); a caller's copy changed in place is looked up by its content,
    even after the cache has let go of the stored result."""
    offices = cache.query(overview_queries.office_counts, ("ALB", "UKR"))
    as_queried = cache.derived(_total_offices, offices)
    assert (
        cache.derived(_total_offices, cache.query(overview_queries.office_counts, ("ALB", "UKR")))
        == as_queried
    )
    cache.clear_query_results()  # the stored result is gone; this session still holds its copy
    offices.loc[0, offices.select_dtypes("number").columns[0]] += 1000
    assert cache.derived(_total_offices, offices) == as_queried + 1000
    # and a frame the cache handed out as a derived value is treated the same way
    doubled = cache.derived(lambda frame: frame.assign(n=2), offices)
    doubled.loc[0, "n"] = 3
    assert cache.derived(_total_offices, doubled) == as_queried + 1000 + 2 * len(doubled) + 1


def test_a_fact_about_a_shared_table_is_read_once_and_about_any_other_table_each_time():
    readings = []

    def rows(frame: pd.DataFrame) -> int:
        readings.append(1)
        return len(frame)

    shared = cache.query(overview_queries.office_counts, ("ALB", "UKR"))
    assert cache.is_shared(shared)
    for _ in range(3):
        assert cache.frame_fact(rows, cache.query(overview_queries.office_counts, ("ALB", "UKR")))
    assert len(readings) == 1
    mine = shared.assign(extra=1)  # a table a page made itself
    assert not cache.is_shared(mine)
    for _ in range(2):
        cache.frame_fact(rows, mine)
    assert len(readings) == 3


def test_a_table_goes_to_streamlit_as_arrow_unless_a_column_mixes_kinds():
    import pyarrow as pa

    from dashboard import ui

    assert isinstance(ui._arrow_or_frame(pd.DataFrame({"a": ["x", None], "n": [1, 2]})), pa.Table)
    mixed = pd.DataFrame({"a": pd.Series(["x", 1], dtype=object)})
    assert ui._arrow_or_frame(mixed) is mixed  # Streamlit makes such a column text itself
