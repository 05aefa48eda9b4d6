"""R5 REST in the CP-SAT model: minimum rest between shifts, from the shift table's times."""

from __future__ import annotations

from roster.model import RuleParameters, Shift, SolveStatus, Staff
from tests.helpers import (
    DAY_SHIFT,
    EARLY_SHIFT,
    LATE_SHIFT,
    NIGHT_8H_SHIFT,
    NIGHT_SHIFT,
    cover_on,
    grid_of,
    mini_scenario,
    names_rule,
    person,
    solve_and_check,
    three_shift_scenario,
    tiny_scenario,
    weights_only,
)

TWELVE_HOURS = (DAY_SHIFT, NIGHT_SHIFT)
EIGHT_HOURS = (EARLY_SHIFT, LATE_SHIFT, NIGHT_8H_SHIFT)
# Nights are followed by a day off under R6; switch that off so R5 alone decides.
REST_ONLY = RuleParameters(min_off_after_nights=0)


def night_and_day_leaders() -> tuple[Staff, ...]:
    """A leader who may work nights and one who may not."""
    return (
        person("A", "senior", "team_leader"),
        person("B", "senior", "team_leader", can_work_nights=False),
    )


def no_day_after_night(grid: dict[str, str]) -> bool:
    return all("ND" not in row for row in grid.values())


# -- 2 x 12 h ---------------------------------------------------------------------------


def test_holds_default_week_never_a_day_right_after_a_night() -> None:
    sc = tiny_scenario(weights=weights_only(), rules=REST_ONLY)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    assert no_day_after_night(grid_of(sc, result.roster))


def test_breaks_when_the_night_worker_is_needed_on_the_next_day_shift() -> None:
    cover = (cover_on(0, "N", "senior", 1), cover_on(1, "D", "senior", 2))
    sc = mini_scenario(*night_and_day_leaders(), shifts=TWELVE_HOURS, cover=cover, rules=REST_ONLY)
    result = solve_and_check(sc)
    # Only A works nights, and day 1 needs both seniors: A's night ends at 08:00, day 1
    # starts at 08:00 less the 10-minute handover.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R5")


def test_forces_the_other_leader_onto_the_day_after_a_night() -> None:
    cover = (cover_on(0, "N", "senior", 1), cover_on(1, "D", "senior", 1))
    sc = mini_scenario(*night_and_day_leaders(), shifts=TWELVE_HOURS, cover=cover, rules=REST_ONLY)
    result = solve_and_check(sc)
    assert result.roster is not None
    grid = grid_of(sc, result.roster)
    assert grid["A"][0] == "N"
    assert grid["B"][1] == "D"
    assert grid["A"][1] != "D"


# -- 3 x 8 h ----------------------------------------------------------------------------


def test_holds_three_shift_week_with_cover() -> None:
    cover = tuple(cover_on(d, code, "senior", 1) for d in range(7) for code in "ELN")
    staff = tuple(person(f"L{i}", "senior", "team_leader") for i in range(1, 6))
    sc = three_shift_scenario(staff=staff, cover=cover, weights=weights_only())
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    assert result.roster is not None
    for row in grid_of(sc, result.roster).values():
        # Late (ends 22:00) then early (05:50 with handover) is 7 h 50 min of rest.
        assert "LE" not in row
        assert "NE" not in row
        assert "NL" not in row


def test_breaks_late_then_early() -> None:
    cover = (cover_on(0, "L", "senior", 1), cover_on(1, "E", "senior", 1))
    sc = mini_scenario(person("A", "senior", "team_leader"), shifts=EIGHT_HOURS, cover=cover)
    result = solve_and_check(sc)
    # 22:00 -> 05:50 next morning: 7 h 50 min < 11 h.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R5")


def test_holds_late_then_late() -> None:
    cover = (cover_on(0, "L", "senior", 1), cover_on(1, "L", "senior", 1))
    sc = mini_scenario(person("A", "senior", "team_leader"), shifts=EIGHT_HOURS, cover=cover)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL


def test_forces_the_day_leader_after_a_night_across_midnight() -> None:
    cover = (cover_on(0, "N", "senior", 1), cover_on(1, "L", "senior", 1))
    sc = mini_scenario(*night_and_day_leaders(), shifts=EIGHT_HOURS, cover=cover, rules=REST_ONLY)
    result = solve_and_check(sc)
    assert result.roster is not None
    grid = grid_of(sc, result.roster)
    # A's night 22:00-06:00 ends on day 1; the late shift at 13:50 leaves 7 h 50 min.
    assert grid["A"][0] == "N"
    assert grid["B"][1] == "L"


# -- any pattern ------------------------------------------------------------------------


def test_breaks_across_midnight_with_a_shift_that_is_not_a_night() -> None:
    evening = Shift("X", "Evening", 18 * 60, 6 * 60)  # crosses midnight, not a night shift
    afternoon = Shift("Y", "Afternoon", 16 * 60, 23 * 60)
    cover = (cover_on(0, "X", "senior", 1), cover_on(1, "Y", "senior", 1))
    sc = mini_scenario(
        person("A", "senior", "team_leader"), shifts=(evening, afternoon), cover=cover
    )
    result = solve_and_check(sc)
    # 06:00 -> 15:50 the same day: 9 h 50 min < 11 h.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R5")
    relaxed = sc.replace(rules=RuleParameters(min_rest_hours=9))
    assert solve_and_check(relaxed).status == SolveStatus.OPTIMAL


def test_rest_longer_than_a_day_forbids_the_day_after_next() -> None:
    # 26 h of rest: a day shift (ends 20:00) then a day shift two days later (07:50 with
    # handover) leaves 35 h 50 min, but the next day's leaves only 11 h 50 min.
    rules = RuleParameters(min_rest_hours=26)
    cover = tuple(cover_on(d, "D", "senior", 1) for d in (0, 1))
    sc = mini_scenario(person("A", "senior", "team_leader"), cover=cover, rules=rules)
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R5")
    cover = tuple(cover_on(d, "D", "senior", 1) for d in (0, 2))
    assert solve_and_check(sc.replace(cover=cover)).status == SolveStatus.OPTIMAL
