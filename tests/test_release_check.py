"""`python -m dashboard.warehouse check DIR`: the gate `scripts/serve.sh --refresh` puts between a
build and the swap. A sound export passes; an export that lost rows, a file, or breaks a data
test is refused, so it is never served."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from dashboard import db, warehouse


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> Path:
    target = tmp_path_factory.mktemp("release") / "parquet"
    warehouse.build(out=target.parent / "warehouse.duckdb", parquet_dir=target)
    return target


def _copy(export: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "parquet"
    shutil.copytree(export, copy)
    return copy


def _rewrite(path: Path, sql: str) -> None:
    """Rewrite one Parquet file through DuckDB with `sql` over `t` (the file's rows)."""
    con = duckdb.connect()
    con.execute(f"create table t as select * from read_parquet('{path}')")
    con.execute(f"copy ({sql}) to '{path}' (format parquet)")
    con.close()


def test_a_sound_export_passes(export):
    counts = warehouse.check_export(export)
    assert counts["dim_office"] == 49 and counts["fct_indicator_value"] > 1000
    assert warehouse.main(["check", str(export)]) == 0


def test_an_export_that_lost_rows_is_refused(export, tmp_path):
    copy = _copy(export, tmp_path)
    _rewrite(copy / "fct_funding_requirement.parquet", "select * from t limit 10")
    with pytest.raises(warehouse.BuildError, match="fct_funding_requirement: 10 rows, built"):
        warehouse.check_export(copy)
    assert warehouse.main(["check", str(copy)]) == 1


def test_an_export_missing_a_file_is_refused(export, tmp_path, capsys):
    copy = _copy(export, tmp_path)
    (copy / "dim_country.parquet").unlink()
    with pytest.raises(db.WarehouseUnavailable, match="lacks dim_country.parquet"):
        warehouse.check_export(copy)
    assert warehouse.main(["check", str(copy)]) == 1
    assert "Check failed" in capsys.readouterr().err


def test_an_export_failing_a_data_test_is_refused(export, tmp_path):
    copy = _copy(export, tmp_path)
    # Same row count, but the regional office is gone: assert_one_regional_office fails.
    _rewrite(
        copy / "dim_office.parquet",
        "select * replace (case when office_type = 'regional' then 'country' "
        "else office_type end as office_type) from t",
    )
    with pytest.raises(warehouse.BuildError, match="assert_one_regional_office"):
        warehouse.check_export(copy)
