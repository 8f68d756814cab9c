"""Tests of the UN World Population Prospects 2024 reader (dashboard.ingest.wpp).

Pure tests on small in-memory tables, then the real files in ../shared/data/public (skipped when
absent): values sampled by hand from the tab-separated files, and the faults a newer or damaged
download would show (a renamed row, a hole, bounds that do not nest, another package release).
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path

import pytest

from dashboard.ingest import wpp
from dashboard.ingest.common import REGION_ISO3, IngestError
from dashboard.ingest.pipeline import ingest

REPO = Path(__file__).resolve().parents[1]
PUBLIC = REPO.parent / "shared" / "data" / "public"
WPP_DIR = PUBLIC / "wpp2024"
EXPECTED = "1.1-3 2024-11-26"
needs_public = pytest.mark.skipif(
    not (WPP_DIR / "data-raw").is_dir(), reason=f"official files not available at {WPP_DIR}"
)


def _table(years=(2024, 2025), extra=(), drop=(), **overrides) -> list[list[str]]:
    """A data-raw table for the 20 (plus the World row), each value 1.5 unless overridden."""
    rows = [["country_code", "country", *map(str, years)], ["900", "World", *["0"] * len(years)]]
    for code, name in wpp.WPP_NAMES.items():
        if code in drop:
            continue
        rows.append([str(code), overrides.get(str(code), name), *["1.5"] * len(years)])
    rows.extend(extra)
    return rows


def test_parse_picks_the_20_by_m49_with_kosovo_separate():
    table = wpp.parse_wpp_rows(_table(), "t.txt")
    assert set(table.values) == set(REGION_ISO3)
    assert table.values["XKX"] == {2024: 1.5, 2025: 1.5}
    assert table.years == (2024, 2025) and table.last_observed is None


def test_parse_reads_years_to_2100_and_last_observed():
    rows = [["country_code", "country", "2022", "2023", "last.observed"]]
    rows += [[str(c), n, "-1.25", "2", "2023"] for c, n in wpp.WPP_NAMES.items()]
    table = wpp.parse_wpp_rows(rows, "migration.txt")
    assert table.last_observed == 2023 and table.values["UKR"] == {2022: -1.25, 2023: 2.0}
    assert wpp.parse_wpp_rows(_table(years=(2099, 2100)), "t").years == (2099, 2100)


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (_table(**{"412": "Kosovo"}), r"M49 412 is named 'Kosovo', expected 'Kosovo \(under UNSC"),
        (_table(drop=(804,)), r"no rows for \['UKR'\]"),
        (_table(extra=[["804", "Ukraine", "1", "2"]]), "M49 804 appears twice"),
        ([["code", "country", "2024"]], "header must start"),
        ([["country_code", "country", "2024", "2026"]], "not consecutive"),
        ([["country_code", "country", "2024-2029"]], "not a year"),
    ],
)
def test_parse_fails_naming_the_problem(rows, message):
    with pytest.raises(IngestError, match=message):
        wpp.parse_wpp_rows(rows, "migrationprojMed.txt")


def test_parse_fails_on_a_hole_or_a_stray_marker():
    rows = _table()
    ukraine = next(r for r in rows if r[0] == "804")
    ukraine[3] = ""
    with pytest.raises(IngestError, match="Ukraine has no value for 2025"):
        wpp.parse_wpp_rows(rows, "t")
    ukraine[3] = "n/a"
    with pytest.raises(IngestError, match="unexpected text 'n/a'"):
        wpp.parse_wpp_rows(rows, "t")


def test_bounds_must_nest():
    tables = {
        variant: wpp.parse_wpp_rows(_table(), variant) for variant in wpp.FILES[wpp.NET_MIGRATION]
    }
    wpp.check_nesting(wpp.NET_MIGRATION, tables, "dir")
    tables[wpp.UPPER_80].values["TJK"][2025] = 1.0  # below the median 1.5
    with pytest.raises(IngestError, match="TJK 2025: medium 1.5 is above upper_80 1.0"):
        wpp.check_nesting(wpp.NET_MIGRATION, tables, "dir")


# --- the real files ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def rows():
    if not (WPP_DIR / "data-raw").is_dir():
        pytest.skip(f"official files not available at {WPP_DIR}")
    return {
        (r.series_code, r.iso3, r.year, r.variant): r.value
        for r in wpp.read_wpp(WPP_DIR, "wpp_2024", EXPECTED)
    }


@pytest.mark.parametrize(
    ("key", "persons"),
    [
        # PROVENANCE section 16, equal to WDI SM.POP.NETM
        ((wpp.NET_MIGRATION, "UKR", 2022, "estimate"), -5_699_445),
        ((wpp.NET_MIGRATION, "ALB", 2020, "estimate"), -16_680),
        ((wpp.NET_MIGRATION, "XKX", 2020, "estimate"), 2_815),
        ((wpp.NET_MIGRATION, "UKR", 2023, "estimate"), -299_961),
        ((wpp.NET_MIGRATION, "UKR", 2024, "medium"), 1_146_012),
        ((wpp.NET_MIGRATION, "UKR", 2025, "medium"), 1_702_358),
        ((wpp.POPULATION, "UKR", 2050, "medium"), 31_814_926),
        # sampled by hand from the data-raw files, year 2030
        ((wpp.NET_MIGRATION, "RUS", 2030, "medium"), 305_075),
        ((wpp.NET_MIGRATION, "RUS", 2030, "lower_95"), -384_263),
        ((wpp.NET_MIGRATION, "TJK", 2030, "medium"), -20_370),
        ((wpp.NET_MIGRATION, "TJK", 2030, "upper_80"), 56_931),
        ((wpp.NET_MIGRATION, "XKX", 2030, "lower_95"), -61_062),
        ((wpp.POPULATION, "RUS", 2030, "medium"), 141_689_437),
        ((wpp.POPULATION, "RUS", 2030, "lower_80"), 139_487_220),
        ((wpp.POPULATION, "RUS", 2030, "low"), 140_016_085),
        ((wpp.POPULATION, "TJK", 2030, "upper_95"), 12_574_269),
        ((wpp.POPULATION, "XKX", 2030, "medium"), 1_661_498),
    ],
)
def test_values_sampled_by_hand(rows, key, persons):
    assert rows[key] == persons


def test_every_country_year_and_variant_is_there(rows):
    for iso3 in REGION_ISO3:
        for year in range(1950, 2024):
            assert (wpp.NET_MIGRATION, iso3, year, "estimate") in rows
        for year in range(2024, wpp.HORIZON + 1):
            for variant in wpp.FILES[wpp.NET_MIGRATION]:
                if variant != "estimate":
                    assert (wpp.NET_MIGRATION, iso3, year, variant) in rows
            for variant in wpp.FILES[wpp.POPULATION]:
                assert (wpp.POPULATION, iso3, year, variant) in rows
    assert max(key[2] for key in rows) == wpp.HORIZON
    assert len(rows) == 20 * (74 + (wpp.HORIZON - 2023) * (5 + 7))


def _copy(tmp_path: Path) -> Path:
    """The public directory as symlinks, so one WPP file can be swapped."""
    copy = tmp_path / "public"
    shutil.copytree(PUBLIC, copy, copy_function=os.symlink)
    return copy


def _rewrite(path: Path, edit) -> None:
    with path.open(newline="", encoding="utf-8") as handle:
        table = list(csv.reader(handle, delimiter="\t"))
    edit(table)
    path.unlink()
    with path.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle, delimiter="\t", lineterminator="\n").writerows(table)


@needs_public
def test_a_renamed_row_stops_the_ingestion_naming_the_file(tmp_path):
    public = _copy(tmp_path)

    def rename(table):
        row = next(r for r in table if r[0] == "688")
        row[1] = "Serbia and Kosovo"

    _rewrite(public / "wpp2024" / "data-raw" / "popprojHigh.txt", rename)
    with pytest.raises(
        IngestError, match=r"popprojHigh\.txt.*M49 688 is named 'Serbia and Kosovo'"
    ):
        ingest(public)


@needs_public
def test_estimates_ending_early_stop_the_ingestion(tmp_path):
    public = _copy(tmp_path)

    def drop_2023(table):
        for row in table:
            del row[-2]  # the 2023 column; last.observed stays

    _rewrite(public / "wpp2024" / "data-raw" / "migration.txt", drop_2023)
    with pytest.raises(IngestError, match=r"migration\.txt.*estimates end in 2022"):
        ingest(public)


@needs_public
def test_another_package_release_is_not_published_under_this_label(tmp_path):
    public = _copy(tmp_path)
    description = public / "wpp2024" / "docs" / "DESCRIPTION"
    text = description.read_text(encoding="utf-8").replace("1.1-3", "1.2-0")
    description.unlink()
    description.write_text(text, encoding="utf-8")
    with pytest.raises(IngestError, match=r"DESCRIPTION.*'1\.2-0 2024-11-26'.*own source_id"):
        ingest(public)


def test_the_warehouse_holds_the_projections_with_their_source(tmp_path):
    """The committed extract builds into fct_projection / dim_projection_series with a proper
    dim_source row (publisher, edition, licence)."""
    import duckdb

    from dashboard import warehouse

    out = tmp_path / "w.duckdb"
    warehouse.build(REPO / "data" / "sources", out)
    con = duckdb.connect(str(out), read_only=True)
    source = con.execute(
        "select publisher, edition, licence from dim_source where source_id = 'wpp_2024'"
    ).fetchone()
    assert (
        source[0] == "United Nations Department of Economic and Social Affairs, Population Division"
    )
    assert source[1].startswith("2024") and source[2] == "CC BY 3.0 IGO"
    ukraine = con.execute(
        "select estimate, medium from fct_projection"
        " where series_code = 'wpp2024.net_migration' and iso3 = 'UKR' and year in (2022, 2030)"
        " order by year"
    ).fetchall()
    assert ukraine == [(-5_699_445, None), (None, -4_853)]
    series = con.execute(
        "select series_code, last_estimate_year, first_projection_year, last_year"
        " from dim_projection_series order by 1"
    ).fetchall()
    assert series == [
        ("wpp2024.net_migration", 2023, 2024, 2050),
        ("wpp2024.population", None, 2024, 2050),
    ]
    kosovo = con.execute(
        "select count(*) from fct_projection where iso3 = 'XKX' and series_code = 'wpp2024.population'"
    ).fetchone()[0]
    assert kosovo == 2050 - 2023
