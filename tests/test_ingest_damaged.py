"""The ingestion refuses a damaged download: one line naming the file (and line), exit 1, and
nothing written.

Two layers (dashboard.ingest.common): every delimited file must end where its format ends (UTF-8
text, a final line break, every row as wide as its header, sound quoting), and every series must
hold at least the years, countries and rows of the extract it replaces, unless --accept-shrink.
The reader tests run on small files written here; the end-to-end cases damage one official
file in a copy of ../shared/data/public (skipped when that directory is absent).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

import pytest

from dashboard import config
from dashboard.ingest.__main__ import main
from dashboard.ingest.common import (
    Extent,
    IngestError,
    ShrinkError,
    compare_extents,
    extents,
    read_delimited,
)
from dashboard.ingest.pipeline import OUTPUT_FILES
from tests.suite_cases import SUITE_CASES

PUBLIC = config.DEFAULT_PUBLIC_DATA_DIR
needs_public = pytest.mark.skipif(
    not (PUBLIC / "PROVENANCE.md").exists(),
    reason=f"official files not available at {PUBLIC} (they are never committed)",
)
UNHCR_POP = "unhcr/unhcr_refugees_r_pkg_2025.12.1_population.csv"
UNHCR_IDMC = "unhcr/unhcr_refugees_r_pkg_2025.12.1_idmc.csv"
WDI_NETM = "worldbank_wdi/API_SM.POP.NETM_DS2_en_csv_v2_3401672.csv"
WDI_POP = "worldbank_wdi/SP.POP.TOTL_population_datahub.csv"
ABEL = "undesa_ims/derived/abel_iom_wmr2022_stock_totals_2020.csv"
IMS_BILATERAL = "undesa_ims2024/bilateral_iom_gdidata/undesa_stocks_converted.csv"
IMS_2024 = "undesa_ims2024/undesa_pd_2024_ims_stock_by_sex_and_destination.xlsx"
WDI_2026_NETM = "worldbank_wdi_2026/sm.pop.netm/data.csv"
DATA360 = "knomad_data360/WB_KNOMAD.csv"
KNOMAD = "knomad/inward_remittance_flows_december_2023.xlsx"
WDI_XLS = "worldbank_wdi/API_BX.TRF.PWKR.CD.DT_DS2_en_excel_v2_6000901.xls"
WPP = "wpp2024/data-raw/migration.txt"


# --- the reader of delimited files ------------------------------------------------------------


def write(tmp_path: Path, data: bytes, name: str = "file.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


GOOD = b"year,iso3,value\n2020,ALB,1\n2021,ALB,2\n"


def test_a_whole_file_reads_with_its_lines(tmp_path):
    table = read_delimited(write(tmp_path, b"\xef\xbb\xbf" + GOOD.replace(b"\n", b"\r\n")))
    assert table.records(("year", "value")) == [
        (2, {"year": "2020", "iso3": "ALB", "value": "1"}),
        (3, {"year": "2021", "iso3": "ALB", "value": "2"}),
    ]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (GOOD[:-3], ("line 3", "cut short")),  # stopped mid-line
        (GOOD + b"2022,AL", ("line 4", "cut short")),
        (GOOD + b"2022,ALB\n", ("line 4", "2 fields", "header has 3")),  # a row cut at a comma
        (GOOD + b'2022,"AL', ("line 4",)),  # cut inside a quoted value
        (GOOD.replace(b"ALB,2", b"K\xf6ln,2"), ("line 3", "not UTF-8", "0xf6", "Latin-1")),
        (b"", ("empty",)),
        (b"\n\n", ("empty",)),
    ],
    ids=[
        "no-final-break",
        "last-line-cut",
        "row-too-short",
        "cut-in-quotes",
        "latin-1",
        "empty",
        "blank",
    ],
)
def test_a_damaged_file_is_named_with_its_line(tmp_path, data, words):
    path = write(tmp_path, data)
    with pytest.raises(IngestError) as raised:
        read_delimited(path).records(("year",))
    message = str(raised.value)
    assert message.startswith(str(path)), message
    for word in words:
        assert word in message, (word, message)


def test_a_directory_or_a_pipe_is_refused_without_reading(tmp_path):
    (tmp_path / "dir.csv").mkdir()
    os.mkfifo(tmp_path / "pipe.csv")
    for name, kind in (("dir.csv", "a directory"), ("pipe.csv", "a special file")):
        with pytest.raises(IngestError, match=f"not a regular file: it is {kind}"):
            read_delimited(tmp_path / name)
    with pytest.raises(IngestError, match="file not found"):
        read_delimited(tmp_path / "absent.csv")


def test_a_file_without_final_break_is_accepted_where_the_format_has_none(tmp_path):
    """OWID exports end without a line break; a row cut short still fails on its width."""
    assert len(read_delimited(write(tmp_path, GOOD[:-1]), ends_with_line_break=False).rows) == 3
    with pytest.raises(IngestError, match="line 3: 2 fields"):
        read_delimited(write(tmp_path, GOOD[:-3]), ends_with_line_break=False).records()


# --- the comparison with the previous extract -------------------------------------------------


def keys(series: str, countries: str, years: range) -> list[tuple[str, str, int]]:
    return [(series, iso3, year) for iso3 in countries.split() for year in years]


def test_a_series_that_lost_years_countries_or_rows_is_named_with_its_file():
    previous = extents(
        keys("a", "ALB ARM", range(1990, 2026)) + keys("b", "ALB", range(2000, 2010))
    )
    current = extents(keys("a", "ALB", range(1992, 2014)) + keys("b", "ALB", range(2000, 2010)))
    with pytest.raises(ShrinkError) as raised:
        compare_extents(previous, current, lambda s: f"/data/{s}.csv")
    message = str(raised.value)
    assert message.startswith("/data/a.csv: yields less than the previous extract")
    for words in (
        "a ends in 2013 (previous extract: 2025)",
        "a starts in 1992",
        "no longer has ARM",
        "22 rows (previous extract: 72)",
        "--accept-shrink",
    ):
        assert words in message, (words, message)


def test_a_gap_inside_the_years_and_a_vanished_series_are_named():
    previous = extents(keys("a", "ALB", range(2000, 2011)) + keys("gone", "ALB", range(2000, 2002)))
    current = extents([k for k in keys("a", "ALB", range(2000, 2011)) if k[2] not in (2004, 2005)])
    with pytest.raises(ShrinkError) as raised:
        compare_extents(previous, current, lambda s: "/data/x.csv")
    assert "a lacks 2004-2005" in str(raised.value)
    assert "gone: no rows at all (previous extract: 2)" in str(raised.value)


def test_growth_passes_and_accept_shrink_turns_findings_into_warnings():
    previous = extents(keys("a", "ALB", range(2000, 2010)))
    assert compare_extents(previous, extents(keys("a", "ALB ARM", range(1990, 2030))), str) == []
    shrunk = extents(keys("a", "ALB", range(2000, 2005)))
    warnings = compare_extents(previous, shrunk, lambda s: "/data/a.csv", accept_shrink=True)
    assert warnings == [
        "/data/a.csv: a ends in 2004 (previous extract: 2009); a has 5 rows (previous extract: 10)"
    ]
    assert compare_extents(previous, {}, lambda s: None) == [], "dropped on purpose: skipped"
    assert extents([("a", "ALB", 2000)]) == {"a": Extent(1, frozenset({"ALB"}), frozenset({2000}))}


# --- end to end: the command on a damaged copy of the official files --------------------------


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


@pytest.fixture()
def public(tmp_path: Path) -> Path:
    """The official files as symbolic links; a test replaces the one it damages by a real file."""
    mirror = tmp_path / "public"
    for folder, _, files in os.walk(PUBLIC):
        target = mirror / Path(folder).relative_to(PUBLIC)
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            (target / name).symlink_to(Path(folder) / name)
    return mirror


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    """The committed extract, as the previous one the run would replace."""
    folder = tmp_path / "out"
    folder.mkdir()
    for name in OUTPUT_FILES:
        shutil.copy(config.SOURCES_DIR / name, folder / name)
    return folder


def damage(public: Path, relative: str, edit) -> Path:
    path = public / relative
    data = (PUBLIC / relative).read_bytes()
    path.unlink()
    path.write_bytes(edit(data))
    return path


def half_at_a_line_break(data: bytes) -> bytes:
    half = data[: len(data) // 2]
    return half[: half.rindex(b"\n") + 1]


def run(public: Path, out: Path, capsys, *extra: str) -> tuple[int, str]:
    code = main(["--public-dir", str(public), "--out", str(out), *extra])
    return code, capsys.readouterr().err


def assert_refused(code: int, stderr: str, path: Path, out: Path, before: dict, *words: str):
    assert code == 1, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("ingest failed: "), stderr
    assert str(path) in lines[0], lines[0]
    for word in words:
        assert word in lines[0], (word, lines[0])
    assert digest(out) == before, "nothing written"


@needs_public
def test_unhcr_population_cut_in_half_stops_the_run(public, out, capsys):
    """Cut at a line break the file parses; the years it lost give it away."""
    path = damage(public, UNHCR_POP, half_at_a_line_break)
    before = digest(out)
    code, stderr = run(public, out, capsys)
    assert_refused(
        code,
        stderr,
        path,
        out,
        before,
        "unhcr.refugees_hosted ends in 2013",
        "(previous extract: 2025)",
        "--accept-shrink",
    )


@needs_public
def test_accept_shrink_writes_the_smaller_extract_and_says_what_it_lost(public, out, capsys):
    path = damage(public, UNHCR_POP, half_at_a_line_break)
    code, stderr = run(public, out, capsys, "--accept-shrink")
    assert code == 0, stderr
    assert f"accepted a smaller extract: {path}: " in stderr
    assert "unhcr.refugees_hosted ends in 2013" in stderr
    years = {
        line.split(",")[2]
        for line in (out / "indicators.csv").read_text().splitlines()
        if line.startswith("unhcr.refugees_hosted,")
    }
    assert max(years) == "2013"


CASES = {
    # official file, damage, words the one line must hold
    "unhcr-population-cut-mid-line": (UNHCR_POP, lambda d: d[: len(d) // 2], ("cut short",)),
    "unhcr-population-latin-1": (
        UNHCR_POP,
        lambda d: d.replace(b"Turkiye", b"T\xfcrkiye").replace(b"Cote", b"C\xf4te"),
        ("line ", "not UTF-8", "Latin-1"),
    ),
    "unhcr-population-last-row-short": (
        UNHCR_POP,
        lambda d: d[: d.rindex(b",", 0, len(d) - 1)] + b"\n",
        ("fields where the header has",),
    ),
    "unhcr-idmc-cut-mid-line": (UNHCR_IDMC, lambda d: d[: len(d) // 2], ("cut short",)),
    "unhcr-idmc-row-cut-at-a-comma": (
        UNHCR_IDMC,
        lambda d: d[: d.index(b",", len(d) // 2)] + b"\n",
        ("fields where the header has",),
    ),
    "unhcr-idmc-cut-in-half": (UNHCR_IDMC, half_at_a_line_break, ("yields less than",)),
    "wdi-csv-cut-mid-line": (WDI_NETM, lambda d: d[: len(d) // 2], ("cut short",)),
    "wdi-csv-row-cut-at-a-comma": (
        WDI_NETM,
        lambda d: d[: d.index(b",", len(d) // 2)] + b"\r\n",
        ("fields where the header has",),
    ),
    "wdi-csv-cut-in-half": (WDI_NETM, half_at_a_line_break, ("no rows for",)),
    "datahub-population-cut-mid-line": (WDI_POP, lambda d: d[: len(d) // 3], ("cut short",)),
    "abel-csv-cut-mid-line": (ABEL, lambda d: d[: len(d) // 2], ("cut short",)),
    "ims2024-bilateral-cut-mid-line": (IMS_BILATERAL, lambda d: d[: len(d) // 2], ("cut short",)),
    "ims2024-workbook-cut": (IMS_2024, lambda d: d[: len(d) // 2], ("cannot read the workbook",)),
    "wdi2026-datahub-row-cut": (
        WDI_2026_NETM,
        lambda d: d[: d.index(b",", len(d) // 2)] + b"\n",
        ("fields where the header has",),
    ),
    "data360-cut-mid-line": (DATA360, lambda d: d[: len(d) // 2], ("cut short",)),
    "wpp-tsv-cut-mid-line": (WPP, lambda d: d[: len(d) // 2], ("cut short",)),
    "knomad-workbook-cut": (KNOMAD, lambda d: d[: len(d) // 2], ("cannot read the workbook",)),
    "wdi-xls-cut": (WDI_XLS, lambda d: d[: len(d) // 2], ("cannot read the workbook",)),
}


@needs_public
@pytest.mark.parametrize("case", sorted(CASES))
def test_a_damaged_download_is_one_line_and_writes_nothing(public, out, capsys, case):
    relative, edit, words = CASES[case]
    if not (PUBLIC / relative).exists():
        pytest.skip(f"{relative} is not among the official files")
    path = damage(public, relative, edit)
    assert path.read_bytes() != (PUBLIC / relative).read_bytes()
    before = digest(out)
    code, stderr = run(public, out, capsys)
    assert_refused(code, stderr, path, out, before, *words)


@needs_public
def test_out_pointing_at_a_file_is_one_line(tmp_path, capsys):
    target = tmp_path / "indicators.csv"
    target.write_text("keep me\n")
    code = main(["--public-dir", str(PUBLIC), "--out", str(target)])
    stderr = capsys.readouterr().err
    assert code == 1 and len(stderr.strip().splitlines()) == 1, stderr
    assert str(target) in stderr and "must be a folder" in stderr
    assert target.read_text() == "keep me\n"


@needs_public
def test_an_intact_download_still_passes_and_changes_nothing(public, out, capsys):
    before = digest(out)
    code, stderr = run(public, out, capsys)
    assert code == 0, stderr
    assert digest(out) == before


SUITE_CASES["Damaged downloads (tests/test_ingest_damaged.py)"] = (
    f"{len(CASES)} official files damaged (cut mid-line, cut at a comma, cut in half, re-encoded,"
    " truncated workbooks) through the ingest command, plus the reader and the extract"
    " comparison on small files"
)
