"""Deployment without the DuckDB file: the app runs on a Parquet export (DASHBOARD_PARQUET) and
shows the same numbers as on the warehouse file it was exported from; a rebuild changes the
version token the caches follow, so replicas pick up a refreshed warehouse without a restart."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from pathlib import Path

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import config, db, navigation
from dashboard.warehouse import EXPORTED_TABLES, MARTS, build
from tests.browser.harness import (
    assert_offline_and_clean,
    new_recorded_page,
    open_page,
)

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "app.py")
PAGES = sorted(page.path for page in navigation.existing(ROOT))


@pytest.fixture(scope="module")
def export(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """One build written both as a DuckDB file and as a Parquet export, so both hold the same data."""
    directory = tmp_path_factory.mktemp("export")
    out, parquet = directory / "warehouse.duckdb", directory / "parquet"
    build(config.SOURCES_DIR, out, parquet)
    return out, parquet


def use_parquet(monkeypatch, parquet: Path, tmp_path: Path) -> Path:
    """Read the export; point DASHBOARD_DB at a file that does not exist, to prove it is not read."""
    missing = tmp_path / "no-such-dir" / "warehouse.duckdb"
    monkeypatch.setenv(config.PARQUET_ENV, str(parquet))
    monkeypatch.setenv(config.WAREHOUSE_ENV, str(missing))
    return missing


def use_duckdb(monkeypatch, out: Path) -> None:
    monkeypatch.delenv(config.PARQUET_ENV, raising=False)
    monkeypatch.setenv(config.WAREHOUSE_ENV, str(out))


def run(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    if page != "pages/overview.py":
        at.switch_page(page).run()
    return at


def screen(at: AppTest) -> dict:
    """What a user reads on a page: metrics, and the tables' contents."""
    return {
        "title": [t.value for t in at.title],
        "metrics": [(m.label, m.value) for m in at.metric],
        "tables": [d.value.reset_index(drop=True) for d in [*at.dataframe, *at.table]],
    }


def test_export_holds_every_table_with_the_same_rows(export):
    out, parquet = export
    assert sorted(p.stem for p in parquet.glob("*.parquet")) == sorted(EXPORTED_TABLES)
    file_con, parquet_con = duckdb.connect(str(out), read_only=True), db.connect_parquet(parquet)
    try:
        for table in MARTS:
            expected = file_con.execute(f"select * from {table} order by all").df()
            # the app's queries run on cursors of the shared connection: the views must be visible
            actual = parquet_con.cursor().execute(f"select * from {table} order by all").df()
            pd.testing.assert_frame_equal(actual, expected, check_dtype=False, obj=table)
    finally:
        file_con.close()
        parquet_con.close()


def test_connect_read_only_uses_the_export_when_set(export, monkeypatch, tmp_path):
    _, parquet = export
    missing = use_parquet(monkeypatch, parquet, tmp_path)
    con = db.connect_read_only()
    assert con.execute("select count(*) from dim_country").fetchone()[0] == 20
    con.close()
    assert str(parquet) in db.warehouse_version()
    assert not missing.exists()


@pytest.mark.parametrize("page", PAGES)
def test_every_page_shows_the_same_on_parquet_as_on_the_file(export, monkeypatch, tmp_path, page):
    out, parquet = export
    use_duckdb(monkeypatch, out)
    on_file = run(page)
    missing = use_parquet(monkeypatch, parquet, tmp_path)
    on_parquet = run(page)
    assert not on_parquet.exception, [e.value for e in on_parquet.exception]
    assert not on_parquet.error, [e.value for e in on_parquet.error]
    assert not missing.exists(), "app.py did not fall back to building a DuckDB file"
    expected, actual = screen(on_file), screen(on_parquet)
    assert actual["title"] == expected["title"]
    assert actual["metrics"] == expected["metrics"]
    assert len(actual["tables"]) == len(expected["tables"])
    for shown, reference in zip(actual["tables"], expected["tables"], strict=True):
        pd.testing.assert_frame_equal(shown, reference, check_dtype=False)


def test_overview_kpis_on_parquet_equal_the_warehouse(export, monkeypatch, tmp_path):
    out, parquet = export
    use_parquet(monkeypatch, parquet, tmp_path)
    metrics = {m.label: m.value for m in run("pages/overview.py").metric}
    con = duckdb.connect(str(out), read_only=True)
    offices = con.execute(
        "select count(*) from dim_office where office_type <> 'regional'"
    ).fetchone()[0]
    con.close()
    shown = next(value for label, value in metrics.items() if label.startswith("Offices and sub"))
    assert shown == str(offices) == "48"  # the label carries the date of the list
    assert metrics["Countries and territories"] == "20"


def test_missing_export_is_explained_not_built(monkeypatch, tmp_path):
    missing = use_parquet(monkeypatch, tmp_path / "no-export", tmp_path)
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert not at.exception
    assert any("No Parquet export" in e.value for e in at.error)
    assert not missing.exists()


def test_a_rebuild_changes_the_version_the_caches_follow(tmp_path, monkeypatch):
    """The refresh a deployment relies on: build to a temporary name, swap, and every replica's
    next rerun sees a new version token, so it opens a new connection and drops cached results."""
    out, parquet = tmp_path / "warehouse.duckdb", tmp_path / "parquet"
    build(config.SOURCES_DIR, out, parquet)
    file_version = db.warehouse_version(out)
    monkeypatch.setenv(config.PARQUET_ENV, str(parquet))
    parquet_version = db.warehouse_version()
    held_open = duckdb.connect(str(out), read_only=True)  # a replica still reading the old file
    build(config.SOURCES_DIR, out, parquet)
    assert db.warehouse_version(out) != file_version
    assert db.warehouse_version() != parquet_version
    assert held_open.execute("select count(*) from dim_country").fetchone()[0] == 20
    held_open.close()
    assert not list(tmp_path.glob(".*building*")), "no temporary build files are left behind"


def test_a_symlink_swap_rolls_out_a_new_export(tmp_path, monkeypatch):
    """The rollout docs/DEPLOYMENT.md describes for replicas reading Parquet: each export in its own
    release directory, `current` a symlink swapped atomically; sessions on the old release finish
    on it, the next rerun reads the new one."""
    releases = tmp_path / "releases"
    build(config.SOURCES_DIR, tmp_path / "a.duckdb", releases / "a")
    current = tmp_path / "current"
    current.symlink_to(releases / "a")
    monkeypatch.setenv(config.PARQUET_ENV, str(current))
    old_version, old_con = db.warehouse_version(), db.connect_read_only()
    old_built = old_con.execute("select built_at from build_log").fetchone()[0]

    build(config.SOURCES_DIR, tmp_path / "b.duckdb", releases / "b")
    (tmp_path / "current.next").symlink_to(releases / "b")
    (tmp_path / "current.next").replace(current)  # rename(2): atomic

    assert db.warehouse_version() != old_version
    new_con = db.connect_read_only()
    assert new_con.execute("select built_at from build_log").fetchone()[0] > old_built
    assert old_con.execute("select built_at from build_log").fetchone()[0] == old_built
    assert old_con.execute("select count(*) from fct_indicator_value").fetchone()[0] > 0
    old_con.close()
    new_con.close()


def test_deployment_settings_are_in_the_shipped_config():
    """docs/DEPLOYMENT.md relies on these; a change here must change the document too."""
    settings = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["browser"]["gatherUsageStats"] is False
    assert settings["server"]["headless"] is True
    assert settings["runner"]["fastReruns"] is True
    document = (ROOT / "docs" / "DEPLOYMENT.md").read_text(encoding="utf-8")
    for setting in (
        "browser.gatherUsageStats",
        "server.headless",
        "runner.fastReruns",
        "server.maxUploadSize",
        "server.cookieSecret",
        config.PARQUET_ENV,
        config.WAREHOUSE_ENV,
        "/_stcore/health",
        "/_stcore/stream",
    ):
        assert setting in document, setting


@pytest.mark.browser
def test_a_replica_serves_from_the_export_alone(export, tmp_path, browser):
    """A headless server started as the document says (Parquet export, no DuckDB file) answers
    the load balancer's health check and shows the same numbers in a real browser."""
    out, parquet = export
    with duckdb.connect(str(out), read_only=True) as con:
        revision = con.execute("select git_revision from build_log").fetchone()[0] or "unknown"
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    missing = tmp_path / "none" / "warehouse.duckdb"
    environment = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "src"),
        config.PARQUET_ENV: str(parquet),
        config.WAREHOUSE_ENV: str(missing),
    }
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            "app.py",
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.fileWatcherType",
            "none",
        ],
        cwd=ROOT,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline, body = time.monotonic() + 60, b""
        while time.monotonic() < deadline and body != b"ok":
            try:
                with urllib.request.urlopen(f"{base_url}/_stcore/health", timeout=2) as reply:
                    body = reply.read()
            except OSError:
                time.sleep(0.3)
        assert body == b"ok", "the health endpoint the load balancer polls answers"
        page, record = new_recorded_page(browser)
        try:
            open_page(page, base_url, "/")
            offices = page.locator('[data-testid="stMetric"]', has_text="Offices and sub-offices")
            assert offices.locator('[data-testid="stMetricValue"]').inner_text() == "48"
            open_page(page, base_url, "/data_sources")
            # the build stamp sits in the collapsed technical details, opened as a reader would
            page.get_by_text("Technical details", exact=False).first.click()
            stamp = page.locator('[data-testid="stMetric"]', has_text="Code revision")
            stamp.wait_for(timeout=60_000)
            assert stamp.locator('[data-testid="stMetricValue"]').inner_text() == revision
            assert_offline_and_clean(page, record)
        finally:
            page.context.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert not missing.exists()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
