"""R15 REQUESTS in the CP-SAT model: want/avoid a shift or a day off, each at its weight."""

from __future__ import annotations

from roster.model import OFF, CoverRule, ShiftRequest, SolveStatus, Staff
from tests.helpers import (
    DAY_SHIFT,
    NIGHT_SHIFT,
    day,
    grid_of,
    mini_scenario,
    person,
    solve_and_check,
    weights_only,
)

COVER = (CoverRule("*", "D", "senior", 1), CoverRule("*", "D", "junior", 1, 1))
WISHES = weights_only(request=5)


def centre() -> tuple[Staff, ...]:
    return (person("L1", "senior", "team_leader"), person("J1"), person("J2"))


def test_holds_compatible_wishes_are_all_granted() -> None:
    requests = (
        ShiftRequest("J1", day(0), "D", "want", 5),
        ShiftRequest("J2", day(0), OFF, "want", 5),
        ShiftRequest("J2", day(1), "D", "want", 5),
        ShiftRequest("J1", day(2), "D", "avoid", 5),
        ShiftRequest("J1", day(1), OFF, "avoid", 5),
    )
    sc = mini_scenario(
        *centre(), shifts=(DAY_SHIFT, NIGHT_SHIFT), cover=COVER, requests=requests, weights=WISHES
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0
    assert result.roster is not None
    grid = grid_of(sc, result.roster)
    assert grid["J1"][0] == "D"
    assert grid["J2"][:2] == "-D"
    assert grid["J1"][1] != "-"
    assert grid["J1"][2] != "D"


def test_breaks_the_only_junior_wants_a_day_off() -> None:
    staff = (person("L1", "senior", "team_leader"), person("J1"))
    requests = (ShiftRequest("J1", day(1), OFF, "want", 7),)
    sc = mini_scenario(*staff, cover=COVER, requests=requests, weights=WISHES)
    result = solve_and_check(sc)
    # J1 must fill the junior seat on day 1: the wish's own weight 7 = 7.
    assert result.objective == 7
    (item,) = result.penalties
    assert (item.rule, item.staff_id, item.date) == ("R15", "J1", day(1))


def test_breaks_the_only_leader_avoids_a_shift_and_wants_a_night() -> None:
    requests = (
        ShiftRequest("L1", day(0), "D", "avoid", 3),
        ShiftRequest("L1", day(2), "N", "want", 4),
    )
    sc = mini_scenario(
        *centre(), shifts=(DAY_SHIFT, NIGHT_SHIFT), cover=COVER, requests=requests, weights=WISHES
    )
    result = solve_and_check(sc)
    # L1 leads every day shift: avoid D on day 0 fails (3), want N on day 2 fails (4): 7.
    assert result.objective == 7


def test_breaks_avoid_off() -> None:
    staff = (person("L1", "senior", "team_leader"), person("J1", max_shifts=0))
    requests = (ShiftRequest("J1", day(0), OFF, "avoid", 6),)
    sc = mini_scenario(*staff, requests=requests, weights=WISHES)
    result = solve_and_check(sc)
    # J1 may not work at all, so day 0 is a day off J1 wanted to avoid: 6.
    assert result.objective == 6


def test_forces_the_heavier_wish_when_only_one_fits() -> None:
    requests = (
        ShiftRequest("J1", day(1), "D", "want", 5),
        ShiftRequest("J2", day(1), "D", "want", 50),
    )
    sc = mini_scenario(
        *centre(),
        cover=COVER,
        requests=requests,
        weights=weights_only(request=5, cover_over=10),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # Both on day 1 costs a junior over the max (10); J1 alone breaks J2's wish (50); J2
    # alone breaks J1's (5): J2 works day 1, J1 does not, objective 5.
    assert result.roster.shift_of("J2", day(1)) == "D"
    assert result.roster.shift_of("J1", day(1)) is None
    assert result.objective == 5


def test_forces_a_wanted_night() -> None:
    requests = (ShiftRequest("J1", day(1), "N", "want", 5),)
    sc = mini_scenario(
        *centre(), shifts=(DAY_SHIFT, NIGHT_SHIFT), cover=COVER, requests=requests, weights=WISHES
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    assert result.roster.shift_of("J1", day(1)) == "N"
    assert result.objective == 0
