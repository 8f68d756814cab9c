"""Shared fixtures: one real warehouse built from the shipped sources for the whole test run."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from dashboard import config
from dashboard.warehouse import build


@pytest.fixture(scope="session")
def warehouse_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The warehouse built from data/sources/, also exported to the app through DASHBOARD_DB."""
    out = tmp_path_factory.mktemp("warehouse") / "warehouse.duckdb"
    build(config.SOURCES_DIR, out)
    os.environ[config.WAREHOUSE_ENV] = str(out)
    return out


@pytest.fixture()
def con(warehouse_path: Path):
    connection = duckdb.connect(str(warehouse_path), read_only=True)
    yield connection
    connection.close()
