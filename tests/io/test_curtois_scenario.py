"""A Curtois-Qu instance as a project scenario: the project model must reach the benchmark's
own optimum, agree with the independent scorer, and pass its own checker."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from roster.checks import check_roster
from roster.cli import main
from roster.io import read_scenario
from roster.io.curtois import assignment_of, curtois_to_scenario, parse_curtois, read_curtois, score
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


def test_other_cover_weights_are_refused_naming_the_line() -> None:
    text = (DATA / "Tiny.txt").read_bytes().decode("ascii").replace("3,N,1,100,1", "3,N,1,50,1")
    with pytest.raises(ValueError, match="day 3, shift N weighs 50/1"):
        curtois_to_scenario(parse_curtois(text))


def test_cli_writes_a_scenario_that_reads_back_the_same(tmp_path: Path) -> None:
    out = tmp_path / "tiny"
    run = CliRunner().invoke(main, ["import", "curtois", str(DATA / "Tiny.txt"), "-o", str(out)])
    assert run.exit_code == 0, run.output
    assert "3 people" in run.output
    expected = curtois_to_scenario(read_curtois(DATA / "Tiny.txt"), name="Tiny")
    assert read_scenario(out) == expected


@pytest.mark.skipif(not (BENCH / "Instance1.txt").exists(), reason="benchmark not present")
def test_instance1_reaches_the_published_optimum() -> None:
    inst = read_curtois(BENCH / "Instance1.txt")
    result = solve(curtois_to_scenario(inst), time_limit=20.0, workers=2, seed=0)
    assert result.roster is not None
    assert result.objective == 607
    assert score(inst, assignment_of(result.roster)) == (607, [])
