"""The app shell under AppTest: every page runs, filters travel in the URL, tampering warns."""

from __future__ import annotations

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import navigation
from tests.apptest_helpers import APP, metric_value, open_page

PAGES = sorted(page.path for page in navigation.existing())
FILTER_COMBINATIONS = [
    {},
    {"country": ["ALB", "XKX"]},
    {"subregion": ["Central Asia"]},
    {"theme": ["s2020.sp1"], "years": ["1995", "2015"]},
    {"subregion": ["Eastern Europe"], "country": ["TUR"], "years": ["2010", "2024"]},
]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize(
    "query",
    FILTER_COMBINATIONS,
    ids=lambda q: "&".join(f"{k}={'+'.join(v)}" for k, v in q.items()) or "defaults",
)
def test_every_page_runs_under_filter_combinations(warehouse_path, page, query):
    at = open_page(page, query)
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    assert at.title, "every page has a title"


def test_overview_kpis_equal_the_warehouse(warehouse_path):
    at = open_page()
    con = duckdb.connect(str(warehouse_path), read_only=True)
    offices = con.execute(
        "select count(*) from dim_office where office_type <> 'regional'"
    ).fetchone()[0]
    countries = con.execute("select count(*) from dim_country").fetchone()[0]
    funding = con.execute(
        "select sum(usd) from fct_funding_requirement where region = 'seeeca'"
    ).fetchone()[0]
    budget = con.execute(
        "select value from fct_key_figure where figure_id = 's2020_a1_budget_2019'"
    ).fetchone()[0]
    con.close()
    assert metric_value(at, "Offices and sub-offices") == f"{offices}" == "48"
    assert metric_value(at, "Countries and territories") == f"{countries}" == "20"
    assert (
        metric_value(at, "Migration Initiatives 2016 requirement") == f"USD {funding / 1e6:,.1f}M"
    )
    assert metric_value(at, "Annual budget 2019") == f"USD {budget / 1e6:,.0f}M" == "USD 234M"
    # Figures the documents qualify keep their qualifier, read from the warehouse
    assert metric_value(at, "Staff") == "> 1,600"
    assert metric_value(at, "International migrants 2013") == "≈ 29M"
    assert metric_value(at, "Emigrants 2013") == "> 37M"


def test_region_wide_figures_are_titled_so_under_a_filter(warehouse_path):
    albania = open_page(None, {"country": ["ALB"]})
    assert any("Region-wide figures" in h.value for h in albania.header)
    for label in ("Staff", "Annual budget 2019", "Donors 2019", "Emigrants 2013"):
        card = next(m for m in albania.metric if m.label.startswith(label))
        assert "region-wide" in card.label


def metric_sources(at: AppTest) -> dict[str, str | None]:
    """Each metric's label -> the caption drawn directly under it (None when there is none)."""
    found, stack = {}, [at.main]
    while stack:
        children = list(getattr(stack.pop(), "children", {}).values())
        for child, below in zip(children, [*children[1:], None], strict=False):
            if child.type == "metric":
                found[child.label] = (
                    below.value if below is not None and below.type == "caption" else None
                )
        stack.extend(children)
    return found


def test_every_kpi_has_its_source_line_under_it(warehouse_path):
    at = open_page()
    sources = metric_sources(at)
    assert len(sources) == len(at.metric) >= 4
    missing = [
        label for label, source in sources.items() if not (source or "").startswith("Source:")
    ]
    assert not missing, f"metrics without a source line directly under them: {missing}"


def test_filter_change_changes_the_numbers(warehouse_path):
    region = open_page()
    albania = open_page(None, {"country": ["ALB"]})
    assert metric_value(albania, "Offices and sub-offices") == "1"
    assert metric_value(albania, "Countries and territories") == "1"
    assert metric_value(region, "Migration Initiatives 2016 requirement") != metric_value(
        albania, "Migration Initiatives 2016 requirement"
    )
    tajik_remittances = open_page(None, {"country": ["TJK"]})
    assert metric_value(tajik_remittances, "Personal remittances") != metric_value(
        region, "Personal remittances"
    )


def test_theme_filter_restricts_the_funding_areas(warehouse_path):
    everything = open_page()
    one_priority = open_page(None, {"theme": ["s2020.sp1"]})
    assert metric_value(one_priority, "Migration Initiatives 2016 requirement") != metric_value(
        everything, "Migration Initiatives 2016 requirement"
    )


def test_filters_are_written_back_to_the_url(warehouse_path):
    at = open_page(None, {"country": ["XKX", "ALB"], "years": ["2001", "2019"]})
    assert at.query_params["country"] == ["ALB", "XKX"] or set(at.query_params["country"]) == {
        "ALB",
        "XKX",
    }
    assert at.query_params["years"] == ["2001", "2019"]


@pytest.mark.parametrize(
    "tampered",
    [
        {"country": ["ZZZ"]},
        {"country": ["ALB' OR 1=1 --"]},
        {"country": ["x" * 10_000]},
        {"years": ["1066", "3000"]},
        {"theme": ["; drop table dim_country"]},
        {"subregion": ["<script>alert(1)</script>"]},
    ],
)
def test_tampered_url_warns_and_never_crashes(warehouse_path, tampered):
    at = open_page(None, tampered)
    assert not at.exception
    assert at.warning, "an ignored URL value is reported to the user"
    assert metric_value(at, "Countries and territories") == "20"  # falls back to the whole region
    assert all(len(w.value) < 300 for w in at.warning)


def test_a_missing_warehouse_is_built_on_the_first_run(tmp_path, monkeypatch):
    """With DASHBOARD_DB pointing at a file that does not exist, the shell builds the warehouse
    there from data/sources/ and the overview renders from it."""
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "nowhere" / "warehouse.duckdb"))
    at = AppTest.from_file(APP, default_timeout=60)
    assert not (tmp_path / "nowhere" / "warehouse.duckdb").exists()
    at.run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert (tmp_path / "nowhere" / "warehouse.duckdb").exists()
    assert metric_value(at, "Offices and sub-offices") == "48"


def test_overview_explains_the_funding_total_mismatch(warehouse_path):
    text = " ".join(i.value for i in open_page().info)
    assert "USD 118,075,000" in text and "USD 125,925,000" in text
    # With a country selection the regional mismatch is not the number shown, so no note.
    assert not open_page(None, {"country": ["ALB"]}).info


def test_outdated_warehouse_is_rebuilt(tmp_path, monkeypatch, warehouse_path):
    """A warehouse from an older version (a mart missing) is rebuilt rather than crashing pages."""
    import shutil

    stale = tmp_path / "stale.duckdb"
    shutil.copy(warehouse_path, stale)
    con = duckdb.connect(str(stale))
    con.execute("drop table theme_lineage")
    con.close()
    monkeypatch.setenv("DASHBOARD_DB", str(stale))
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception and not at.error
    con = duckdb.connect(str(stale), read_only=True)
    assert con.execute("select count(*) from theme_lineage").fetchone()[0] > 0
    con.close()


def test_rebuilt_warehouse_is_read_by_a_running_process(tmp_path, warehouse_path):
    """After a rebuild swaps the file, a new connection in the same process reads the new file
    (DuckDB would otherwise hand back the instance still open on the old one)."""
    import shutil

    from dashboard import config, db
    from dashboard.warehouse import build

    target = tmp_path / "live.duckdb"
    shutil.copy(warehouse_path, target)
    old = db.connect_read_only(target)
    before = old.execute("select count(*) from dq_finding").fetchone()[0]
    sources = tmp_path / "sources"
    shutil.copytree(config.SOURCES_DIR, sources)
    with (sources / "published_issues.csv").open("a", encoding="utf-8") as handle:
        handle.write("extra-1,misspelling,test,x,y,iom_seeeca_strategy_2020_2024,Annex 1,added\n")
    build(sources, target)
    new = db.connect_read_only(target)
    assert new.execute("select count(*) from dq_finding").fetchone()[0] == before + 1
    assert old.execute("select count(*) from dq_finding").fetchone()[0] == before
    old.close()
    new.close()


def test_the_overview_map_table_is_built_when_opened(warehouse_path):
    at = open_page()
    assert not [d for d in at.dataframe if "value" in d.value.columns], "closed: no table sent"
    at.session_state["overview-share-table"] = True
    at.run()
    shares = next(d.value for d in at.dataframe if "value" in d.value.columns)
    assert len(shares) == 19 and "XKX" not in set(shares["iso3"]), "UN DESA counts Kosovo in Serbia"
