"""Sweeps: variants.csv parsing, the same numbers on a process pool and on a real Dask
cluster, the sweep workbook and the ``roster sweep`` command."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from roster.app.sweep import SweepRow, check_variants, read_variants, run_sweep
from roster.app.whatif import Variant, parse_variant
from roster.cli import main
from roster.exceptions import RosterInputError
from roster.io import write_scenario
from roster.reports.sweep_workbook import write_sweep_workbook
from tests.helpers import tiny_scenario

VARIANTS_CSV = """name,remove,add,demand,set,seed
base,,,,,
no-J1,J1,,,,
cheap-meetings,,,,max_consecutive_days=5;weight_meetings=3,3
busy-day,,,D:3,,
"""
"""Four variants of the tiny centre: as is (meetings cost 20), one junior fewer (still
covered), a lower meeting weight (costs 3) and a day shift needing 3 seniors of the 4 team
leaders every day (no roster: seats stay empty)."""


def _variants() -> list[Variant]:
    return [
        parse_variant("base"),
        parse_variant("no-J1", remove=["J1"]),
        parse_variant(
            "cheap-meetings", set_pairs=["max_consecutive_days=5", "weight_meetings=3"], seed=3
        ),
        parse_variant("busy-day", demand=["D:3"]),
    ]


@pytest.fixture(scope="module")
def pool_rows() -> list[SweepRow]:
    return run_sweep(tiny_scenario(), _variants(), time_limit=10, workers=1, processes=2)


@pytest.fixture(scope="module")
def dask_address() -> Iterator[str]:
    from dask.distributed import LocalCluster

    cluster = LocalCluster(
        n_workers=2,
        threads_per_worker=1,
        processes=True,
        host="127.0.0.1",
        dashboard_address=None,
    )
    try:
        yield cluster.scheduler_address
    finally:
        cluster.close()


def test_read_variants_splits_cells_and_keeps_roles_of_an_added_person(tmp_path: Path) -> None:
    csv = tmp_path / "variants.csv"
    csv.write_text(
        "name,remove,add,demand,set,seed\n"
        'more,J1;J2,junior:2;senior:1:team_leader;callback,N@weekend:1.5,"weight_fairness=20",7\n'
        "\n"
        ",,,,,\n"
        "plain,,,,,\n"
    )
    first, second = read_variants(csv, default_seed=11)
    assert first.remove == ("J1", "J2")
    assert first.add == ("junior:2", "senior:1:team_leader;callback")
    assert first.demand == ("N@weekend:1.5",)
    assert first.settings == (("weight_fairness", "20"),)
    assert first.seed == 7
    assert (second.name, second.seed) == ("plain", 11)


@pytest.mark.parametrize(
    ("text", "row", "column"),
    [
        ("name,add\nok,junior:1\nbad,junior:x\n", 3, "add"),
        ("name,remove,set\nbad,J1,max_consecutive_days=abc\n", 2, "set"),
        ("name,seed\nbad,seven\n", 2, "seed"),
        ("name,demand\nok,N:2\nok,D:2\n", 3, "name"),
    ],
)
def test_a_bad_row_is_named_by_row_and_column(
    tmp_path: Path, text: str, row: int, column: str
) -> None:
    csv = tmp_path / "variants.csv"
    csv.write_text(text)
    with pytest.raises(RosterInputError) as err:
        read_variants(csv)
    assert (err.value.sheet, err.value.row, err.value.column) == ("variants", row, column)


def test_a_variant_that_does_not_fit_the_scenario_is_named_before_solving() -> None:
    variants = [parse_variant("ok"), parse_variant("ghost", remove=["J1"], demand=["X:2"])]
    with pytest.raises(RosterInputError) as err:
        check_variants(tiny_scenario(), variants, [2, 5])
    assert (err.value.row, err.value.column) == (5, "demand")
    assert "unknown shift" in str(err.value)


def test_pool_sweep_reports_each_variant_in_csv_order(pool_rows: list[SweepRow]) -> None:
    assert [r.name for r in pool_rows] == ["base", "no-J1", "cheap-meetings", "busy-day"]
    base, no_j1, cheap, busy = pool_rows
    # Every roster the sweep found passes the independent checker.
    assert all(r.violations == 0 for r in pool_rows)
    assert (base.status, base.objective, base.shortfall) == ("OPTIMAL", 20, 0)
    assert base.costs == (("R13", 20),)
    assert no_j1.changes == "remove J1"
    assert no_j1.shortfall == 0
    assert (cheap.objective, cheap.cost("R13"), cheap.seed) == (3, 3, 3)
    assert cheap.settings == "max_consecutive_days=5; weight_meetings=3"
    assert busy.status == "INFEASIBLE"
    assert busy.objective is None
    assert busy.shortfall is not None
    assert busy.shortfall > 0
    assert any("cover made soft" in reason for reason in busy.reasons)


def test_dask_cluster_gives_the_same_numbers_as_the_pool(
    pool_rows: list[SweepRow], dask_address: str
) -> None:
    done: list[int] = []
    rows = run_sweep(
        tiny_scenario(),
        _variants(),
        time_limit=10,
        workers=1,
        dask_address=dask_address,
        on_done=done.append,
    )
    assert sorted(done) == [0, 1, 2, 3]
    assert [r.numbers() for r in rows] == [r.numbers() for r in pool_rows]


def test_workbook_has_a_row_per_variant_and_a_column_per_soft_rule(
    tmp_path: Path, pool_rows: list[SweepRow]
) -> None:
    named = [*pool_rows, SweepRow("=1+1", "", "", "", 0, "ERROR", None, None, None, 0, (), None, 0)]
    path = tmp_path / "sweep.xlsx"
    write_sweep_workbook(path, named)
    ws = load_workbook(path)["Sweep"]
    header = [c.value for c in ws[1]]
    assert header[:6] == ["name", "changes", "settings", "solver", "seed", "status"]
    assert {"R11 QA REACH", "R13 MEETINGS", "R14 FAIRNESS"} <= set(header)
    names = [ws.cell(row=r, column=1).value for r in range(2, ws.max_row + 1)]
    assert names == ["base", "no-J1", "cheap-meetings", "busy-day", "=1+1"]
    assert ws.cell(row=6, column=1).data_type == "s"  # text, never a formula
    meetings = header.index("R13 MEETINGS") + 1
    assert [ws.cell(row=r, column=meetings).value for r in range(2, 6)] == [20, 20, 3, None]
    shortfall = header.index("shortfall") + 1
    assert ws.cell(row=2, column=shortfall).value == 0


def test_cli_sweep_writes_the_workbook_and_leaves_the_input_alone(tmp_path: Path) -> None:
    scenario = tmp_path / "scenario"
    write_scenario(tiny_scenario(), scenario)
    csv = tmp_path / "variants.csv"
    csv.write_text(VARIANTS_CSV)
    before = csv.read_bytes()
    out = tmp_path / "sweep.xlsx"
    result = CliRunner().invoke(
        main,
        [
            "sweep",
            str(scenario),
            str(csv),
            "-o",
            str(out),
            "--time-limit",
            "10",
            "--processes",
            "2",
            "--seed",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "busy-day" in result.output
    assert csv.read_bytes() == before
    ws = load_workbook(out)["Sweep"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2, max_col=6)]
    assert [(r[0], r[4], r[5]) for r in rows] == [
        ("base", 1, "OPTIMAL"),
        ("no-J1", 1, "OPTIMAL"),
        ("cheap-meetings", 3, "OPTIMAL"),
        ("busy-day", 1, "INFEASIBLE"),
    ]


def test_cli_sweep_with_a_bad_csv_exits_2_naming_row_and_column(tmp_path: Path) -> None:
    scenario = tmp_path / "scenario"
    write_scenario(tiny_scenario(), scenario)
    csv = tmp_path / "variants.csv"
    csv.write_text("name,remove\nfine,J1\nghost,NOBODY\n")
    out = tmp_path / "sweep.xlsx"
    result = CliRunner().invoke(main, ["sweep", str(scenario), str(csv), "-o", str(out)])
    assert result.exit_code == 2
    assert "sheet 'variants', row 3, column 'remove'" in result.output
    assert "NOBODY" in result.output
    assert not out.exists()


def test_dask_missing_gives_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from roster.app.sweep import MissingDependencyError

    monkeypatch.setitem(sys.modules, "dask.distributed", None)
    with pytest.raises(MissingDependencyError, match=r"roster\[cluster\]"):
        run_sweep(tiny_scenario(), _variants()[:1], dask_address="tcp://127.0.0.1:1")


def test_a_month_without_team_leaders_reports_its_least_shortfall_by_rule() -> None:
    from roster.app.sweep import solve_variant

    # No seniors left: the senior seat of each of 7 day and 7 night shifts stays empty (R1 14)
    # and no shift has a team leader (R2 14).
    variant = parse_variant("no-leaders", remove=["L1", "L2", "L3", "L4"])
    row = solve_variant(tiny_scenario(), variant, time_limit=10, workers=1)
    assert row.status == "INFEASIBLE"
    assert row.shortfall == 28
    assert row.violations == 0
    assert "With cover made soft: 28 seat(s) stay empty (R1 14, R2 14)." in row.reasons
