"""The offices map's cards and notes (dashboard.content.map), from the real warehouse."""

from __future__ import annotations

from dashboard.content import map as content
from dashboard.queries import offices as q


def test_office_counts_of_the_whole_region_and_of_one_country(con):
    region = content.office_counts(q.office_type_counts(con, ()))
    total = con.execute("select count(*) from dim_office where office_type <> 'regional'")
    assert region.offices_in_region == total.fetchone()[0]
    assert region.offices_shown == 0 and region.shown["regional"] == 1, "Vienna is always shown"
    ukraine = content.office_counts(q.office_type_counts(con, ("UKR",)))
    assert ukraine.offices_shown == 7
    assert ukraine.in_region == region.in_region
    assert "Strategy" in ukraine.document or ukraine.document


def test_card_texts(con):
    counts = content.office_counts(q.office_type_counts(con, ("UKR",)))
    table_a1 = {"document": "Doc", "source_section": "Table A1", "value": 48.0}
    assert content.total_source("Doc", "Table A1") == "Doc, Table A1; list in Annex 1"
    assert content.total_help(counts, table_a1).startswith(
        f"Counted from the Annex 1 list: {counts.offices_in_region} in the region, as Table A1 "
        "prints (48)."
    )
    assert content.in_region_help(counts, "country") == (
        f"{counts.in_region['country']} in the whole region."
    )
    assert content.annex_source("Doc", "as of May 2020") == (
        "Doc, Annex 1: IOM offices in the region (as of May 2020)"
    )
    assert [kind for kind, _ in content.OFFICE_TYPE_CARDS] == ["country", "sub-office", "regional"]
    assert content.map_alt(7, "as of May 2020").startswith("Map of the 7 IOM offices shown")
    assert "2000-2010" in content.years_outside_filter(2000, 2010)
