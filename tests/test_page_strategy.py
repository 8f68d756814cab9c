"""The strategy drill-down: the tree adds up at every level and to the warehouse facts, choosing a
level filters what is shown and lands in the URL, and the crosswalk table is complete and honest."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.content import strategy as content
from dashboard.queries import strategy as q
from tests.apptest_helpers import metric_value, open_page, table_with

PAGE = "pages/strategy.py"
ALL = None  # every country of the region, read from the warehouse


def all_iso3(con) -> tuple[str, ...]:
    return tuple(con.execute("select iso3 from dim_country").df()["iso3"])


def seeeca_cells(con, iso3: tuple[str, ...] | None = ALL, regional: bool = True) -> pd.DataFrame:
    iso3 = all_iso3(con) if iso3 is ALL else iso3
    return con.execute(
        "select programmatic_area, iso3, usd from fct_funding_requirement "
        "where region = 'seeeca' and edition = 2016 and usd is not null "
        "and (list_contains(?, iso3) or (? and iso3 is null))",
        [list(iso3), regional],
    ).df()


@pytest.mark.parametrize(
    ("iso3", "whole"), [(ALL, True), (("ALB", "XKX"), False), (("UZB", "TKM", "TJK"), False)]
)
def test_every_level_equals_the_sum_of_its_children_and_the_cells(con, iso3, whole):
    iso3 = all_iso3(con) if iso3 is ALL else iso3
    tree = content.drilldown_tree(q.strategy_drilldown_tree(con, iso3, whole)).set_index("node_id")
    usd = tree["usd"].fillna(0)
    parents = tree[tree.index.isin(tree["parent_id"])]
    assert set(parents["level"]) == {0, 1, 2, 3, 4}, "every level above the countries has children"
    for node_id in parents.index:
        children = usd[tree["parent_id"] == node_id]
        assert usd[node_id] == pytest.approx(children.sum(), abs=0.5), node_id
    cells = seeeca_cells(con, iso3, whole)
    assert usd[content.ROOT] == cells["usd"].sum()
    if whole:
        assert usd[content.ROOT] == 125_925_000
    leaves = tree[tree["level"] == content.COUNTRY_LEVEL]
    assert len(leaves) == len(cells), "every cell with a requirement is one leaf"
    assert sorted(leaves["usd"]) == sorted(cells["usd"].astype(float))


def test_the_primary_crosswalk_links_form_a_tree(con):
    links = con.execute(
        "select from_element_id, to_id, relation from bridge_crosswalk "
        "where relation in ('continues', 'funded_under')"
    ).df()
    continues = links[links["relation"] == "continues"]
    funded = links[links["relation"] == "funded_under"]
    assert continues["to_id"].is_unique, "a thematic area continues into one priority only"
    assert funded["to_id"].is_unique, "a funding area is funded under one thematic area only"
    tree = content.drilldown_tree(q.strategy_drilldown_tree(con, all_iso3(con), True))
    assert tree["node_id"].is_unique
    known = set(tree["node_id"])
    assert tree["parent_id"].dropna().isin(known).all()
    assert tree["parent_id"].isna().sum() == 1


def with_tab(at, label: str):
    """Open one of the level's detail tabs (only the open one is built) and rerun."""
    at.session_state["strategy_detail"] = label
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_the_root_shows_the_warehouse_total(warehouse_path, con):
    at = open_page(PAGE)
    assert metric_value(at, "Requirement 2016") == "USD 125.9M"
    below = table_with(at, "Placed here by")
    assert below["Requirement (USD)"].sum() == seeeca_cells(con)["usd"].sum() == 125_925_000
    assert set(below["Name"]) == {"Resilience", "Mobility", "Governance"}


def test_choosing_a_level_filters_the_tables_and_the_url(warehouse_path, con):
    at = open_page(PAGE)
    at.selectbox(key="child-seeeca").select("s2020.pillar.resilience").run()
    at.selectbox(key="child-s2020.pillar.resilience").select("s2020.sp1").run()
    assert at.query_params["node"] == "s2020.sp1"
    assert any("SP1" in h.value for h in at.header)
    # SP1 continues TA2 and TA4, funded as migrant assistance and migration health
    cells = seeeca_cells(con).query(
        "programmatic_area in ['migrant_assistance', 'migration_health']"
    )
    countries = table_with(at, "IOM offices")
    assert countries["Requirement (USD)"].sum() == cells["usd"].sum()
    assert len(countries) == cells["iso3"].fillna("regional").nunique()
    assert metric_value(at, "Requirement 2016") == f"USD {cells['usd'].sum() / 1e6:,.1f}M"
    at.button(key="crumb-seeeca").click().run()
    assert at.query_params["node"] == content.ROOT
    assert len(table_with(at, "IOM offices")) == 20


def test_a_country_level_from_the_link(warehouse_path, con):
    at = open_page(PAGE, {"node": ["migrant_assistance.UKR"]})
    countries = table_with(at, "IOM offices")
    expected = con.execute(
        "select usd from fct_funding_requirement where region = 'seeeca' and iso3 = 'UKR' "
        "and programmatic_area = 'migrant_assistance'"
    ).fetchone()[0]
    assert list(countries["Country or programme"]) == ["Ukraine"]
    assert countries["Requirement (USD)"].iloc[0] == expected
    offices = con.execute("select count(*) from dim_office where iso3 = 'UKR'").fetchone()[0]
    assert (
        len(table_with(with_tab(at, "Offices"), "Reports to"))
        == offices
        == int(countries["IOM offices"].iloc[0])
    )


def test_unknown_level_in_the_link_warns_and_opens_the_root(warehouse_path):
    at = open_page(PAGE, {"node": ["s2020.sp9"]})
    assert any("Ignored level 's2020.sp9'" in w.value for w in at.warning)
    assert metric_value(at, "Requirement 2016") == "USD 125.9M"


def test_the_theme_filter_opens_its_level(warehouse_path):
    at = open_page(PAGE, {"theme": ["s2015.ta3"]})
    assert any("TA3: Labour Migration and Development" in h.value for h in at.header)


def test_initiatives_are_global_and_not_added_to_the_level(warehouse_path, con):
    linked = con.execute(
        """
        select initiative.title, initiative.usd
        from fct_initiative as initiative
        join bridge_crosswalk as link on link.to_id = initiative.migof_element_id
        where link.from_element_id = 'migrant_assistance'
        """
    ).df()
    at = open_page(PAGE, {"node": ["migrant_assistance"]})
    shown = table_with(
        with_tab(at, "Initiatives (global, via MiGOF)"), "Linked through (crosswalk)"
    )
    assert sorted(shown["Initiative"]) == sorted(linked["title"]) and len(linked) > 0
    assert any("global" in i.value and "not added" in i.value for i in at.info)
    area_usd = seeeca_cells(con).query("programmatic_area == 'migrant_assistance'")["usd"].sum()
    assert metric_value(at, "Requirement 2016") == f"USD {area_usd / 1e6:,.1f}M"


def test_outlook_statements_follow_the_level(warehouse_path, con):
    expected = con.execute(
        "select short_title from dim_outlook_statement "
        "where element_id in ('s2020.sp1', 's2015.ta2', 's2015.ta4')"
    ).df()["short_title"]
    at = open_page(PAGE, {"node": ["s2020.sp1"]})
    assert not [d for d in at.dataframe if "Attached to" in d.value.columns], (
        "built only when opened"
    )
    assert sorted(
        table_with(with_tab(at, "Outlook statements and indicators"), "Attached to")["Statement"]
    ) == sorted(expected)


def test_every_crosswalk_row_points_to_existing_elements(warehouse_path, con):
    ends = set(
        con.execute(
            "select element_id from dim_strategy_element union select programmatic_area from dim_programmatic_area"
        )
        .df()
        .iloc[:, 0]
    )
    links = con.execute(
        "select count(*), count(*) filter (where basis = 'judgement') from bridge_crosswalk"
    ).fetchone()
    at = open_page(PAGE)
    shown = table_with(at, "Justification")
    assert len(shown) == links[0]
    assert shown["from_id"].isin(ends).all() and shown["to_id"].isin(ends).all()
    assert shown["From element"].notna().all() and shown["To element"].notna().all()
    assert shown["Basis"].str.startswith("Judgement").sum() == links[1] > 0
    assert shown["Source"].notna().all()


def test_the_treemap_opens_at_the_chosen_level_with_the_tree_values(con):
    from dashboard.charts.strategy import drilldown_treemap

    tree = content.drilldown_tree(q.strategy_drilldown_tree(con, all_iso3(con), True))
    trace = drilldown_treemap(tree, "s2020.sp1", "title").data[0]
    assert trace.level == "s2020.sp1" and trace.branchvalues == "total"
    values = dict(zip(trace.ids, trace.values, strict=True))
    assert values[content.ROOT] == 125_925_000
    assert values["migration_environment_climate"] == 0, "no requirement takes no area"


def test_the_level_opened_is_the_link_then_the_theme_then_the_root(con):
    tree = content.drilldown_tree(q.strategy_drilldown_tree(con, all_iso3(con), True))
    known = set(tree["node_id"])
    priority = tree.loc[tree["level"] == 2, "node_id"].iloc[0]
    area = tree.loc[tree["level"] == 3, "node_id"].iloc[0]
    assert content.opening_node(known, area, priority) == area
    assert content.opening_node(known, None, priority) == priority
    assert content.opening_node(known, None, "not-a-level") == content.ROOT
    assert content.opening_node(known, None, None) == content.ROOT


def test_shares_and_crumbs_of_a_level(con):
    tree = content.drilldown_tree(q.strategy_drilldown_tree(con, all_iso3(con), True))
    pillars = tree[tree["level"] == 1]
    shares = [content.share_of_root(tree, node_id) for node_id in pillars["node_id"]]
    assert content.share_of_root(tree, content.ROOT) == 100
    assert sum(s for s in shares if s is not None) == pytest.approx(100, abs=0.01)
    path = content.path_to(tree, tree.loc[tree["level"] == 5, "node_id"].iloc[0])
    assert [step for step, _ in path][0] == content.ROOT and len(path) == 6
    crumbs = [content.crumb_label(step, label) for step, (_, label) in enumerate(path)]
    assert not crumbs[0].startswith("\u203a") and all(c.startswith("\u203a ") for c in crumbs[1:])
    assert all(len(c) <= content.CRUMB_LENGTH + 2 for c in crumbs)


def test_every_table_keeps_its_columns_in_the_declared_order(con):
    tree = content.drilldown_tree(q.strategy_drilldown_tree(con, all_iso3(con), True))
    scope = content.node_scope(tree, content.ROOT, all_iso3(con), True)
    for query, shape, columns in (
        (q.strategy_node_countries, content.node_countries, content.COUNTRY_COLUMNS),
        (q.strategy_node_offices, content.node_offices, content.OFFICE_COLUMNS),
        (q.strategy_node_initiatives, content.node_initiatives, content.INITIATIVE_COLUMNS),
    ):
        rows = query(con, scope)
        table = shape(rows)
        assert list(table.columns) == list(columns.values())
        assert len(table) == len(rows) > 0
    outlook = content.node_outlook(
        q.strategy_node_outlook(con, scope), {"remittances": "Remittance inflows (US$)"}, {}
    )
    assert list(outlook.columns) == list(content.OUTLOOK_COLUMNS.values())
    crosswalk = content.crosswalk(q.strategy_crosswalk(con))
    assert set(crosswalk["Basis"]) <= set(content.BASIS_LABELS.values())
    assert not crosswalk["Source"].str.endswith(", None").any()


def test_outlook_statements_are_named_by_title_and_their_tests_in_words(warehouse_path, con):
    at = with_tab(open_page(PAGE, {"node": ["s2020.sp1"]}), "Outlook statements and indicators")
    table = table_with(at, "Attached to")
    ids = set(con.execute("select statement_id from dim_outlook_statement").df()["statement_id"])
    assert not ids & set(table["Statement"]), "statements are shown by their short title"
    tests = " ".join(table["Indicators to watch (expected, where)"].dropna())
    assert "expected to" in tests and "_" not in tests
    assert "Remittance inflows" in tests or "Net migration" in tests
    country = open_page(PAGE, {"node": ["s2020.sp1"], "country": ["UKR"]})
    words = " ".join(
        table_with(with_tab(country, "Outlook statements and indicators"), "Attached to")[
            "Indicators to watch (expected, where)"
        ].dropna()
    )
    assert "UKR" not in words and "_" not in words


def test_justifications_are_written_as_the_warehouse_states_them_and_in_russian(con):
    from dashboard import i18n

    tree = content.drilldown_tree(q.strategy_drilldown_tree(con, all_iso3(con), True))
    titles = dict(zip(tree["node_id"], tree["title"], strict=True))
    for node in tree[tree["level"] > 0].to_dict("records"):
        written = content.justification(node, titles[node["parent_id"]])
        assert written == node["justification"], node["node_id"]
    with i18n.using("ru"):
        tree = content.drilldown_tree(q.strategy_drilldown_tree(con, all_iso3(con), True))
        priority = tree[tree["level"] == 2].iloc[0]
        pillar = titles[priority["parent_id"]]
        text = content.justification(priority, pillar)
        assert text.startswith("Документ ") and "к компоненту" in text
        assert priority["level_name"] == "Стратегический приоритет 2020–2024 гг."
        assert tree.loc[tree["node_id"] == content.ROOT, "label"].iloc[0].startswith("Регион")


def test_a_places_funding_areas_are_written_in_the_pages_language(con):
    from dashboard import i18n

    tree = content.drilldown_tree(q.strategy_drilldown_tree(con, ("UKR",), False))
    scope = content.node_scope(tree, content.ROOT, ("UKR",), False)
    rows = q.strategy_node_countries(con, scope)
    english = content.node_countries(rows)["By funding area (USD)"].iloc[0]
    assert "Migrant assistance 2,200,000" in english
    with i18n.using("ru"):
        russian = content.node_countries(rows).iloc[0, -1]
    assert "Помощь мигрантам 2\u00a0200\u00a0000" in russian and "Migrant" not in russian
