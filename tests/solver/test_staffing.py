"""Staffing: the least hires / headcount per grade and role, and the rule that binds it."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook

from roster.checks import check_roster
from roster.cli import main
from roster.io import write_scenario
from roster.model import CoverRule, RuleParameters, Scenario
from roster.reports.staffing_workbook import write_staffing_workbook
from roster.solver.staffing import StaffingResult, find_staffing
from tests.helpers import mini_scenario, person, tiny_scenario, weights_only

OPTIONS = {"time_limit": 10.0, "workers": 1, "seed": 0}


def hand_centre() -> Scenario:
    """One week (Mon-Sun), day shift D and night shift N, each with one team leader (R2);
    the day shift also needs one junior, and a senior may not sit in it (no substitution).

    Team leaders: 7 days x 2 shifts = 14 team-leader shifts, max_shifts 4 each
    -> ceil(14 / 4) = 4 team leaders; 2 exist, so 2 hires (3 could work only 12).
    Juniors: 7 day shifts, max_shifts 5 each -> ceil(7 / 5) = 2 juniors; 1 exists, 1 hire.
    """
    return tiny_scenario(
        staff=(
            person("L1", "senior", "team_leader", max_shifts=4),
            person("L2", "senior", "team_leader", max_shifts=4),
            person("J1", max_shifts=5),
        ),
        cover=(
            CoverRule("*", "D", "team_leader", 1),
            CoverRule("*", "N", "team_leader", 1),
            CoverRule("*", "D", "junior", 1),
        ),
        rules=RuleParameters(upward_substitution=False),
        weights=weights_only(fairness=10),
    )


def assert_month_is_legal(result: StaffingResult) -> None:
    assert result.scenario is not None
    assert result.roster is not None
    hired = {s.id for s in result.hired}
    assert {s.id for s in result.scenario.staff} >= hired
    assert {a.staff_id for a in result.roster.assignments} <= {s.id for s in result.scenario.staff}
    assert [str(v) for v in check_roster(result.scenario, result.roster)] == []


def test_keep_mode_hires_exactly_the_hand_worked_number() -> None:
    result = find_staffing(hand_centre(), **OPTIONS)
    assert result.status == "OPTIMAL"
    leaders = result.row("team_leader")
    assert (leaders.existing, leaders.hires, leaders.total) == (2, 2, 4)
    assert (leaders.seats, leaders.max_shifts_each) == (14, 4)
    juniors = result.row("junior")
    assert (juniors.existing, juniors.hires, juniors.total) == (1, 1, 2)
    # The hired team leaders are seniors (like the existing ones) holding the role.
    assert sorted(s.grade for s in result.hired) == ["junior", "senior", "senior"]
    assert all(s.max_shifts == 4 for s in result.hired if s.has_role("team_leader"))
    # Binding: one fewer team leader breaks R2 by the R7 arithmetic 3 x 4 = 12 < 14.
    assert re.search(r"\bR2\b", leaders.binding)
    assert re.search(r"\bR7\b", leaders.binding)
    assert "14 shifts" in leaders.binding
    assert "at most 12" in leaders.binding
    assert leaders.binding.startswith("4 team leaders")
    assert re.search(r"\bR1\b", juniors.binding)
    assert "at most 5" in juniors.binding
    assert_month_is_legal(result)


def test_from_zero_gives_the_least_headcount() -> None:
    result = find_staffing(hand_centre(), mode="from_zero", **OPTIONS)
    leaders, juniors = result.row("team_leader"), result.row("junior")
    assert (leaders.existing, leaders.hires, leaders.total) == (0, 4, 4)
    assert (juniors.existing, juniors.hires, juniors.total) == (0, 2, 2)
    assert all(s.id.startswith("hire-") for s in result.scenario.staff)  # type: ignore[union-attr]
    assert_month_is_legal(result)


def test_fully_staffed_centre_needs_no_hires() -> None:
    result = find_staffing(tiny_scenario(), **OPTIONS)
    assert result.hired == ()
    assert all(r.hires == 0 and "no hire needed" in r.binding for r in result.rows if r.total)
    assert_month_is_legal(result)


def test_consecutive_days_binding_is_named_by_the_diagnosis() -> None:
    """One junior seat on each of 7 day shifts, no max_shifts, at most 3 days in a row: one
    junior could only work DDD-DDD (6 of 7), so 2 juniors; the count alone (7 free days for
    7 shifts) passes, so the rule-by-rule diagnosis names R6 with R1. (The day shift also
    needs a team leader, R2, hired the same way.)"""
    scenario = mini_scenario(
        person("J1"),
        days=7,
        cover=(CoverRule("*", "D", "junior", 1),),
        rules=RuleParameters(max_consecutive_days=3, upward_substitution=False),
    )
    result = find_staffing(scenario, mode="from_zero", **OPTIONS)
    juniors = result.row("junior")
    assert juniors.total == 2
    assert re.search(r"\bR6\b", juniors.binding)
    assert re.search(r"\bR1\b", juniors.binding)
    assert_month_is_legal(result)


def test_workbook_has_the_table(tmp_path: Path) -> None:
    result = find_staffing(hand_centre(), explain=False, **OPTIONS)
    target = tmp_path / "staffing.xlsx"
    write_staffing_workbook(target, result)
    wb = load_workbook(target)
    ws = wb["Staffing"]
    rows = [tuple(c.value for c in r) for r in ws.iter_rows()]
    header = next(i for i, r in enumerate(rows) if r[:2] == ("kind", "grade/role"))
    table = {r[1]: r for r in rows[header + 1 :] if r[1]}
    assert table["team_leader"][3:6] == (2, 2, 4)
    assert {r[0] for r in wb["Hires"].iter_rows(min_row=2, values_only=True)} == {
        s.id for s in result.hired
    }
    assert list(next(wb["Assignments"].iter_rows(values_only=True))) == [
        "staff_id",
        "date",
        "shift",
    ]


def test_cli_writes_the_workbook(tmp_path: Path) -> None:
    folder = tmp_path / "centre"
    write_scenario(hand_centre(), folder)
    target = tmp_path / "out.xlsx"
    run = CliRunner().invoke(
        main,
        ["staffing", str(folder), "-o", str(target), "--time-limit", "10", "--workers", "1"],
    )
    assert run.exit_code == 0, run.output
    assert target.exists()
    assert "team_leader" in run.output
    assert "R2" in run.output
    help_run = CliRunner().invoke(main, ["staffing", "--help"])
    assert help_run.exit_code == 0
    assert "--from-zero" in help_run.output
