"""The warehouse built from the shipped sources: marts, data tests, reconciliation findings."""

from __future__ import annotations

import pytest

from dashboard import warehouse


def test_every_mart_has_rows(con):
    for mart in warehouse.MARTS:
        count = con.execute(f"select count(*) from {mart}").fetchone()[0]
        assert count > 0, f"{mart} is empty"


@pytest.mark.parametrize("name", warehouse.data_test_names())
def test_data_test_returns_no_rows(con, name):
    rows = con.execute(warehouse.sql_file("tests", f"{name}.sql")).fetchall()
    assert rows == [], f"{name} returned offending rows: {rows[:5]}"


def test_build_log_records_row_counts(con):
    counts = dict(con.execute("select table_name, row_count from build_row_count").fetchall())
    assert (
        counts["fct_funding_requirement"]
        == con.execute("select count(*) from fct_funding_requirement").fetchone()[0]
    )
    built_at, seconds = con.execute("select built_at, build_seconds from build_log").fetchone()
    assert built_at is not None and seconds > 0


def test_twenty_countries_with_kosovo(con):
    codes = {row[0] for row in con.execute("select iso3 from dim_country").fetchall()}
    assert len(codes) == 20 and "XKX" in codes and "ISR" in codes


def test_offices_add_up_to_table_a1(con):
    by_type = dict(
        con.execute("select office_type, count(*) from dim_office group by 1").fetchall()
    )
    assert by_type["regional"] == 1
    assert by_type["country"] + by_type["sub-office"] == 48
    assert by_type["country"] == 19  # Israel is covered by the Regional Office
    israel = con.execute("select count(*) from dim_office where iso3 = 'ISR'").fetchone()[0]
    assert israel == 0


def test_every_office_is_located(con):
    missing = con.execute(
        "select office_id from dim_office where lat is null or lon is null"
    ).fetchall()
    assert missing == []


def test_seeeca_funding_cells_sum_to_its_table_total(con):
    cells = con.execute(
        "select sum(usd) from fct_funding_requirement where region = 'seeeca'"
    ).fetchone()[0]
    printed = con.execute(
        "select usd from published_total where table_name = 'seeeca' and total_axis = 'grand'"
    ).fetchone()[0]
    assert cells == printed == 125_925_000


def test_dash_is_null_not_zero(con):
    zeros = con.execute("select count(*) from fct_funding_requirement where usd = 0").fetchone()[0]
    nulls = con.execute(
        "select count(*) from fct_funding_requirement where usd is null"
    ).fetchone()[0]
    assert zeros == 0 and nulls > 0


def test_reconciliation_findings_are_the_known_mismatches(con):
    """The computed findings are exactly the mismatches found by hand while transcribing."""
    found = {
        (check, expected, published)
        for check, expected, published in con.execute(
            "select check_name, expected, published from dq_finding "
            "where topic = 'funding' and not finding_id like 'published:%'"
        ).fetchall()
    }
    assert found == {
        ("total_vs_sum_of_cells", "738,960,000", "738,900,000"),  # overview emergency row
        ("total_vs_sum_of_cells", "125,925,000", "118,075,000"),  # overview SEEECA column
        ("total_vs_sum_of_cells", "1,946,969,000", "1,946,909,000"),  # overview grand total
        ("grand_total_vs_printed_totals", "1,939,119,000", "1,946,909,000"),
        ("overview_total_vs_region_table_total", "125,925,000", "118,075,000"),
    }


def test_findings_carry_document_and_section(con):
    rows = con.execute(
        "select finding.finding_id, source.file, finding.source_section "
        "from dq_finding as finding join dim_source as source using (source_id)"
    ).fetchall()
    assert rows and all(file and section for _, file, section in rows)


def test_transcription_findings_are_in_the_warehouse(con):
    subjects = {row[0] for row in con.execute("select subject from dq_finding").fetchall()}
    assert "Southern Africa" in subjects  # the regional table missing from the conversion


def test_document_figures_are_checked_against_the_datasets(con):
    rows = dict(
        con.execute(
            "select finding_id, published || ' vs ' || expected from dq_finding "
            "where check_name = 'document_figure_vs_dataset'"
        ).fetchall()
    )
    assert rows == {
        "document_figure_vs_dataset:s2015_kf_remittances_gdp_tjk": "46.5 vs 43.77",
        "document_figure_vs_dataset:s2015_kf_remittances_gdp_kgz": "31.7 vs 31.06",
    }


def test_office_count_disagreeing_with_table_a1_becomes_a_finding(tmp_path):
    """Drop one sub-office from a copy of the sources: the build reports the count mismatch."""
    import csv
    import shutil

    import duckdb

    from dashboard import config
    from dashboard.warehouse import build

    sources = tmp_path / "sources"
    shutil.copytree(config.SOURCES_DIR, sources)
    offices = sources / "offices.csv"
    with offices.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.reader(handle))
    kind = rows[0].index("office_type")
    drop = next(i for i, row in enumerate(rows) if row[kind] == "sub-office")
    with offices.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows[:drop] + rows[drop + 1 :])
    build(sources, tmp_path / "w.duckdb")
    con = duckdb.connect(str(tmp_path / "w.duckdb"), read_only=True)
    expected, published = con.execute(
        "select expected, published from dq_finding where check_name = 'count_vs_table_a1'"
    ).fetchone()
    con.close()
    assert (expected, published) == ("47", "48")
