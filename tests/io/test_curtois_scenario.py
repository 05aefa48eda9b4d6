"""A Curtois-Qu instance as a project scenario: the project model must reach the benchmark's
own optimum, agree with the independent scorer, and pass its own checker."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from roster.checks import check_roster, objective_of
from roster.cli import main
from roster.io import read_scenario
from roster.io.curtois import (
    assignment_of,
    curtois_to_scenario,
    parse_curtois,
    read_curtois,
    roster_of,
    score,
)
from roster.model import SolveStatus
from roster.solver import solve

DATA = Path(__file__).resolve().parents[1] / "data" / "curtois"
BENCH = Path("/work/shared/benchmarks/curtois")


def test_tiny_reaches_the_hand_optimum_and_the_scorer_agrees() -> None:
    inst = read_curtois(DATA / "Tiny.txt")
    sc = curtois_to_scenario(inst)
    assert sc.forbidden_successions == (("N", "D"),)
    assert sc.start.weekday() == 0
    assert sc.num_days == 7
    result = solve(sc, time_limit=10.0, workers=1, seed=0)
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    assert result.objective == 4
    assert score(inst, assignment_of(result.roster)) == (4, [])
    assert check_roster(sc, result.roster) == []
    # The benchmark's terms and back: the same roster, as the benchmark script re-checks it.
    back = roster_of(assignment_of(result.roster))
    assert set(back.assignments) == set(result.roster.assignments)


# Cover lines at other weights than 100 under / 1 over. A works exactly 5 shifts and is off
# on day 6; B works exactly 2 and no weekend (MaxWeekends 0). Day 6 (Sunday) has nobody who
# may work it: its shift stays empty, which costs its under weight 2 (R9 does not force
# anyone onto a shift whose cover is soft). The 7 shifts fall on days 0-5, one person a day
# at most, so one day has two people: B cannot work day 5, so the double is a weekday, the
# cheapest being day 4 (over weight 5, days 0-3 weigh 7). A leaving day 5 empty instead
# costs 3 + two doubles (5 + 7) = 15 more than that. Optimum: 2 + 5 = 7.
WEIGHTED = """SECTION_HORIZON
7

SECTION_SHIFTS
D,480,

SECTION_STAFF
A,D=7,2400,2400,7,1,1,1
B,D=7,960,960,7,1,1,0

SECTION_DAYS_OFF
A,6

SECTION_SHIFT_ON_REQUESTS

SECTION_SHIFT_OFF_REQUESTS

SECTION_COVER
0,D,1,100,7
1,D,1,100,7
2,D,1,100,7
3,D,1,100,7
4,D,1,100,5
5,D,1,3,1
6,D,1,2,1
"""


def test_cover_lines_keep_their_own_weights_and_the_scorer_agrees() -> None:
    inst = parse_curtois(WEIGHTED)
    sc = curtois_to_scenario(inst)
    assert {(c.day[-2:], c.weight_under, c.weight_over) for c in sc.cover} >= {
        ("05", 100, 5),
        ("07", 2, 1),
    }
    result = solve(sc, time_limit=10.0, workers=2, seed=0)
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    assert result.objective == 7
    assert objective_of(sc, result.roster)[0] == 7
    assert score(inst, assignment_of(result.roster)) == (7, [])
    assert check_roster(sc, result.roster) == []
    assert sorted(a.date.day for a in result.roster.assignments) == [1, 2, 3, 4, 5, 5, 6]


def test_cli_writes_a_scenario_that_reads_back_the_same(tmp_path: Path) -> None:
    out = tmp_path / "tiny"
    run = CliRunner().invoke(main, ["import", "curtois", str(DATA / "Tiny.txt"), "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert "3 people" in run.output
    expected = curtois_to_scenario(read_curtois(DATA / "Tiny.txt"), name="Tiny")
    assert read_scenario(out) == expected


def test_an_imported_instance_prices_no_surplus() -> None:
    # The benchmark's objective has no R21 term (cover over its preferred level is priced
    # by the cover lines' own over weights): a surplus weight would add to the objective,
    # which would then no longer be the benchmark's.
    sc = curtois_to_scenario(read_curtois(DATA / "Tiny.txt"))
    assert sc.weights.surplus == 0
    assert sc.forecast == ()


@pytest.mark.skipif(not (BENCH / "Instance1.txt").exists(), reason="benchmark not present")
def test_instance1_reaches_the_published_optimum() -> None:
    inst = read_curtois(BENCH / "Instance1.txt")
    result = solve(curtois_to_scenario(inst), time_limit=20.0, workers=2, seed=0)
    assert result.roster is not None
    assert result.objective == 607
    assert score(inst, assignment_of(result.roster)) == (607, [])
