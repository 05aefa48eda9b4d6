"""R1 COVER in the CP-SAT model: grade seats, upward substitution, the max and soft shortfall."""

from __future__ import annotations

from roster.model import CoverRule, RuleParameters, SolveStatus, Staff
from tests.helpers import (
    day,
    grid_of,
    leave_of,
    mini_scenario,
    names_rule,
    person,
    solve_and_check,
    tiny_scenario,
    weights_only,
)

DAY_COVER = (CoverRule("*", "D", "senior", 1), CoverRule("*", "D", "junior", 1))


def leader_mid_junior() -> tuple[Staff, ...]:
    return (person("L1", "senior", "team_leader"), person("M1", "mid"), person("J1"))


def test_holds_default_week() -> None:
    result = solve_and_check(tiny_scenario(weights=weights_only()))
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0


def test_holds_with_substitution_a_mid_takes_the_junior_seat() -> None:
    sc = mini_scenario(*leader_mid_junior(), cover=DAY_COVER, leave=(leave_of("J1", 1),))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL


def test_forces_the_mid_into_the_junior_seat_when_the_junior_is_on_leave() -> None:
    sc = mini_scenario(*leader_mid_junior(), cover=DAY_COVER, leave=(leave_of("J1", 1),))
    result = solve_and_check(sc)
    assert result.roster is not None
    # L1 is the senior seat; only M1 is left for the junior seat on day 1.
    assert result.roster.shift_of("M1", day(1)) == "D"
    assert result.roster.shift_of("L1", day(1)) == "D"


def test_breaks_without_substitution_the_mid_cannot_sit_in_the_junior_seat() -> None:
    sc = mini_scenario(
        *leader_mid_junior(),
        cover=DAY_COVER,
        leave=(leave_of("J1", 1),),
        rules=RuleParameters(upward_substitution=False),
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R1")
    assert "junior" in "\n".join(result.reasons)


def test_breaks_when_too_few_seniors_for_the_senior_seats() -> None:
    cover = (CoverRule("*", "D", "senior", 2), CoverRule("*", "D", "junior", 1))
    result = solve_and_check(mini_scenario(*leader_mid_junior(), cover=cover))
    # Cumulative: seniors on duty >= 2 senior seats, but there is one senior.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R1")


def test_max_over_staffing_costs_weight_cover_over_per_person() -> None:
    staff = (
        person("L1", "senior", "team_leader"),
        person("J1", min_shifts=3),
        person("J2", min_shifts=2),
    )
    cover = (CoverRule("*", "D", "senior", 1), CoverRule("*", "D", "junior", 1, 1))
    sc = mini_scenario(*staff, cover=cover, weights=weights_only(cover_over=10))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    # J1 and J2 must work 3 + 2 = 5 day shifts in 3 days against a max of 1 junior a day:
    # 2 juniors over the max: 2 x weight_cover_over 10 = 20.
    assert result.objective == 20
    assert {p.rule for p in result.penalties} == {"R1"}


def test_max_is_free_when_under_it() -> None:
    staff = (person("L1", "senior", "team_leader"), person("J1"), person("J2"))
    cover = (CoverRule("*", "D", "senior", 1), CoverRule("*", "D", "junior", 1, 1))
    result = solve_and_check(
        mini_scenario(*staff, cover=cover, weights=weights_only(cover_over=10))
    )
    assert result.objective == 0
    assert result.roster is not None
    grid = grid_of(mini_scenario(*staff), result.roster)
    # The max forces one junior a day, never both.
    assert all(grid["J1"][d] + grid["J2"][d] != "DD" for d in range(3))


def test_soft_shortfall_costs_weight_cover_under_per_empty_seat() -> None:
    staff = (person("L1", "senior", "team_leader"), person("J1"))
    sc = mini_scenario(
        *staff, cover=DAY_COVER, leave=(leave_of("J1", 1),), weights=weights_only(cover_under=40)
    )
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    # J1 is on leave on day 1 and L1 holds the senior seat: 1 seat empty x 40 = 40.
    assert result.objective == 40
    (item,) = result.penalties
    assert (item.rule, item.date, item.amount) == ("R1", day(1), 1)


def test_soft_shortfall_counts_the_largest_cumulative_deficit() -> None:
    staff = (person("L1", "senior", "team_leader"), person("J1"), person("J2"))
    cover = (CoverRule("*", "D", "senior", 2), CoverRule("*", "D", "junior", 1))
    sc = mini_scenario(*staff, cover=cover, weights=weights_only(cover_under=40))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    # Each day: seniors 1 < 2 senior seats (deficit 1); everyone 3 >= 3 seats. A junior
    # cannot sit in the senior seat, so one seat stays empty: 3 days x 1 x 40 = 120.
    assert result.objective == 120


def test_soft_shortfall_without_substitution_sums_grade_by_grade() -> None:
    staff = (person("L1", "senior", "team_leader"), person("S1", "senior"))
    cover = (CoverRule("*", "D", "senior", 1), CoverRule("*", "D", "junior", 1))
    sc = mini_scenario(
        *staff,
        cover=cover,
        rules=RuleParameters(upward_substitution=False),
        weights=weights_only(cover_under=40),
    )
    result = solve_and_check(sc)
    # No junior at all and seniors may not sit in the junior seat: 3 days x 1 x 40 = 120.
    assert result.objective == 120


def test_soft_shortfall_larger_than_the_headcount() -> None:
    cover = (CoverRule("*", "D", "senior", 1), CoverRule("*", "D", "junior", 25))
    staff = (person("L1", "senior", "team_leader"),)
    sc = mini_scenario(*staff, cover=cover, weights=weights_only(cover_under=1))
    result = solve_and_check(sc)
    # 26 seats, 1 person: 25 empty seats a day x 3 days x weight 1 = 75.
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 75
    strict = sc.replace(rules=RuleParameters(upward_substitution=False))
    # Grade by grade: the 25 junior seats stay empty (L1 takes the senior one): 75.
    assert solve_and_check(strict).objective == 75


def test_max_counts_only_staff_of_that_grade() -> None:
    staff = (
        person("L1", "senior", "team_leader"),
        person("M1", "mid", min_shifts=3),
        person("J1", min_shifts=3),
    )
    cover = (CoverRule("*", "D", "senior", 1), CoverRule("*", "D", "junior", 1, 1))
    sc = mini_scenario(*staff, cover=cover, weights=weights_only(cover_over=10))
    result = solve_and_check(sc)
    # Three people on every day shift, but only one junior: nobody is over the max.
    assert result.objective == 0


def test_soft_shortfall_forces_a_free_person_onto_the_shift() -> None:
    staff = (person("L1", "senior", "team_leader"), person("J1"), person("J2"))
    sc = mini_scenario(
        *staff,
        cover=DAY_COVER,
        leave=(leave_of("J1", 1),),
        weights=weights_only(cover_under=40),
    )
    result = solve_and_check(sc)
    # A free junior exists, so nothing is left empty: J2 fills day 1.
    assert result.objective == 0
    assert result.roster is not None
    assert result.roster.shift_of("J2", day(1)) == "D"


def test_soft_shortfall_is_not_blamed_when_another_rule_breaks() -> None:
    staff = (person("L1", "senior", "team_leader"), person("J1"))
    cover = (CoverRule("*", "D", "senior", 1), CoverRule("*", "D", "junior", 2))
    sc = mini_scenario(
        *staff,
        cover=cover,
        rules=RuleParameters(max_consecutive_days=2),
        weights=weights_only(cover_under=40),
    )
    result = solve_and_check(sc)
    # The one team leader cannot work 3 days in a row (R6) but R2 needs one every day; the
    # empty junior seat only costs weight_cover_under, so R1 is not a reason.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R6")
    assert not names_rule(result, "R1")
