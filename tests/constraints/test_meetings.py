"""R13 MEETINGS in the CP-SAT model: no night shift touching a meeting day."""

from __future__ import annotations

import datetime as dt

from roster.model import CoverRule, RuleParameters, SolveStatus
from tests.helpers import (
    NIGHT_8H_SHIFT,
    NIGHT_SHIFT,
    grid_of,
    mini_scenario,
    person,
    solve_and_check,
    weights_only,
)

MEETINGS = weights_only(meetings=20)
MONDAY = dt.date(2026, 3, 2)  # team-leader meeting (team_meeting_day Mon)
SUNDAY = dt.date(2026, 3, 1)
THURSDAY = dt.date(2026, 3, 19)  # Fri 20 Mar is the Friday strictly before the 25th
SENIOR_NIGHTS = (CoverRule("*", "N", "senior", 1),)


def test_holds_nights_that_do_not_touch_a_meeting() -> None:
    # Nights operate on Tue and Wed only; the Tuesday night starts after Monday is over.
    cover = (CoverRule("Tue", "N", "senior", 1), CoverRule("Wed", "N", "senior", 1))
    sc = mini_scenario(
        person("L1", "senior", "team_leader"),
        start=MONDAY,
        shifts=(NIGHT_SHIFT,),
        cover=cover,
        weights=MEETINGS,
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0


def test_breaks_a_leader_on_the_monday_night() -> None:
    sc = mini_scenario(
        person("L1", "senior", "team_leader"),
        start=MONDAY,
        shifts=(NIGHT_SHIFT,),
        cover=SENIOR_NIGHTS,
        weights=MEETINGS,
    )
    result = solve_and_check(sc)
    # Every night needs the team leader, who attends Monday's team-leader meeting: the
    # night starting on Mon 2 Mar touches it: 1 x weight_meetings 20 = 20.
    assert result.objective == 20
    assert [(p.rule, p.staff_id) for p in result.penalties] == [("R13", "L1")]


def test_breaks_the_sunday_night_ends_on_the_meeting_day() -> None:
    sc = mini_scenario(
        person("L1", "senior", "team_leader"),
        start=SUNDAY,
        shifts=(NIGHT_8H_SHIFT,),
        cover=SENIOR_NIGHTS,
        weights=MEETINGS,
    )
    result = solve_and_check(sc)
    # Sun 22:00-Mon 06:00 and Mon 22:00-Tue 06:00 both touch Monday; Tuesday's does not:
    # 2 x 20 = 40.
    assert result.objective == 40


def test_breaks_the_monthly_meeting_concerns_everyone() -> None:
    staff = (person("L1", "senior", "team_leader"), person("J1", min_shifts=3))
    cover = (*SENIOR_NIGHTS, CoverRule("*", "N", "junior", 1))
    sc = mini_scenario(
        *staff,
        start=THURSDAY,
        shifts=(NIGHT_SHIFT,),
        cover=cover,
        weights=MEETINGS,
    )
    result = solve_and_check(sc)
    # Thu 19 (ends Fri 08:00) and Fri 20 nights touch the monthly meeting on Fri 20 Mar,
    # for L1 and for J1: 2 nights x 2 people x 20 = 80. No Monday in the horizon.
    assert result.objective == 80


def test_forces_the_night_away_from_the_monthly_meeting() -> None:
    sc = mini_scenario(
        person("J1", min_shifts=1, max_shifts=1),
        start=THURSDAY,
        shifts=(NIGHT_SHIFT,),
        weights=MEETINGS,
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # One night to work among Thu, Fri and Sat: only Saturday's does not touch Friday.
    assert grid_of(sc, result.roster) == {"J1": "--N"}
    assert result.objective == 0


def test_forces_the_leaders_night_away_from_their_meeting_day() -> None:
    rules = RuleParameters(team_meeting_day="Wed")
    sc = mini_scenario(
        person("L1", "senior", "team_leader", min_shifts=1, max_shifts=1),
        start=MONDAY,
        shifts=(NIGHT_SHIFT,),
        rules=rules,
        weights=MEETINGS,
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # Mon, Tue, Wed: Tuesday's night ends on Wednesday, Wednesday's starts on it.
    assert grid_of(sc, result.roster) == {"L1": "N--"}
