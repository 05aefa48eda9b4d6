"""Cover rows with their own weights (issue 6): a row's ``weight_under`` makes its shortfall
soft at that weight (R1 grade rows, R3 role rows), its ``weight_over`` prices its ``max``, and
R9 does not force anyone onto a shift whose grade seats are soft."""

from __future__ import annotations

from roster.checks import check_roster, objective_of
from roster.model import CoverRule, RuleParameters, Scenario, ShiftRequest, SolveStatus, Staff
from tests.helpers import (
    DAY_SHIFT,
    NIGHT_SHIFT,
    day,
    grid_of,
    leave_of,
    mini_scenario,
    names_rule,
    person,
    roster_of,
    solve_and_check,
    tiny_scenario,
    weights_only,
)

NO_LEADER = RuleParameters(require_team_leader=False)
STRICT = RuleParameters(upward_substitution=False)


def leader_and_juniors(n: int = 1) -> tuple[Staff, ...]:
    return (person("L1", "senior", "team_leader"), *(person(f"J{i}") for i in range(1, n + 1)))


def day_cover(
    senior_under: int | None = None, junior_under: int | None = None
) -> tuple[CoverRule, ...]:
    return (
        CoverRule("*", "D", "senior", 1, weight_under=senior_under),
        CoverRule("*", "D", "junior", 1, weight_under=junior_under),
    )


# -- R1: a grade row's weight_under --------------------------------------------------------


def test_holds_a_weighted_row_is_filled_when_someone_is_free() -> None:
    sc = mini_scenario(*leader_and_juniors(2), cover=day_cover(100, 40))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    # Nobody is on leave: every seat is filled, nothing to pay.
    assert result.objective == 0


def test_penalty_row_weight_is_soft_without_weight_cover_under() -> None:
    sc = mini_scenario(
        *leader_and_juniors(1),
        cover=day_cover(None, 40),
        leave=(leave_of("J1", 1),),
        rules=STRICT,
    )
    assert sc.weights.cover_under is None
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    # Grade by grade: the junior seat of day 1 is empty (J1 on leave) at the row's own
    # weight: 1 x 40 = 40; the senior row stays hard and L1 fills it.
    assert result.objective == 40
    (item,) = result.penalties
    assert (item.rule, item.weight, item.amount, item.date) == ("R1", 40, 1, day(1))


def test_penalty_with_substitution_empty_seats_cost_the_highest_row_weight() -> None:
    sc = mini_scenario(*leader_and_juniors(1), cover=day_cover(100, 40), leave=(leave_of("J1", 1),))
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    # Day 1: L1 holds the senior seat, one seat of the shift is empty; seats are shared,
    # so it costs the highest weight among the grade rows: 1 x max(100, 40) = 100.
    assert result.objective == 100
    (item,) = result.penalties
    assert (item.rule, item.weight, item.amount) == ("R1", 100, 1)


def test_breaks_with_substitution_one_hard_grade_row_keeps_the_shift_hard() -> None:
    sc = mini_scenario(
        *leader_and_juniors(1), cover=day_cover(None, 40), leave=(leave_of("J1", 1),)
    )
    result = solve_and_check(sc)
    # The senior row has no weight anywhere, so the cumulative seats stay hard.
    assert result.status == SolveStatus.INFEASIBLE
    assert names_rule(result, "R1")


def test_forces_the_row_weight_over_weight_cover_under_and_a_wish() -> None:
    avoid = (ShiftRequest("J2", day(1), "D", "avoid", 5),)
    staff = leader_and_juniors(2)
    leave = (leave_of("J1", 1),)
    heavy = mini_scenario(
        *staff,
        cover=day_cover(None, 40),
        leave=leave,
        requests=avoid,
        weights=weights_only(cover_under=0, request=5),
    )
    result = solve_and_check(heavy)
    assert result.roster is not None
    # weight_cover_under 0 would leave the seat empty for free; the junior row's own 40
    # (the highest row weight of the shift) beats J2's wish (5): J2 works day 1, cost 5.
    assert result.objective == 5
    assert result.roster.shift_of("J2", day(1)) == "D"
    light = heavy.replace(cover=day_cover(None, 3))
    result = solve_and_check(light)
    assert result.roster is not None
    # At weight 3 the empty seat (3) is cheaper than the broken wish (5): J2 stays off.
    assert result.objective == 3
    assert result.roster.shift_of("J2", day(1)) is None


# -- R3: a role row's weight_under ---------------------------------------------------------


def test_penalty_role_row_weight_is_soft_without_weight_role_under() -> None:
    cover = (
        CoverRule("*", "D", "senior", 1),
        CoverRule("*", "D", "quality_inspector", 1, weight_under=30),
    )
    sc = mini_scenario(person("L1", "senior", "team_leader"), cover=cover)
    assert sc.weights.role_under is None
    result = solve_and_check(sc)
    assert result.status == SolveStatus.OPTIMAL
    # No inspector at all: 3 days x 1 missing x 30 = 90, named R3.
    assert result.objective == 90
    assert {p.rule for p in result.penalties} == {"R3"}


def test_forces_an_inspector_on_despite_a_wish() -> None:
    cover = (
        CoverRule("*", "D", "senior", 1),
        CoverRule("*", "D", "quality_inspector", 1, weight_under=30),
    )
    staff = (person("L1", "senior", "team_leader"), person("Q1", "mid", "quality_inspector"))
    avoid = (ShiftRequest("Q1", day(0), "D", "avoid", 5),)
    sc = mini_scenario(*staff, cover=cover, requests=avoid, weights=weights_only(request=5))
    result = solve_and_check(sc)
    assert result.roster is not None
    # The empty inspector seat (30) costs more than Q1's wish (5): Q1 works all 3 days.
    assert result.objective == 5
    assert grid_of(sc, result.roster)["Q1"] == "DDD"


# -- R1 max: a grade row's weight_over -----------------------------------------------------


def over_scenario(weight_over: int | None, cover_over: int = 10) -> Scenario:
    staff = (
        person("L1", "senior", "team_leader"),
        person("J1", min_shifts=3),
        person("J2", min_shifts=2),
    )
    cover = (
        CoverRule("*", "D", "senior", 1),
        CoverRule("*", "D", "junior", 1, 1, weight_over=weight_over),
    )
    return mini_scenario(*staff, cover=cover, weights=weights_only(cover_over=cover_over))


def test_holds_under_the_max_the_row_weight_costs_nothing() -> None:
    staff = (person("L1", "senior", "team_leader"), person("J1"), person("J2"))
    cover = (
        CoverRule("*", "D", "senior", 1),
        CoverRule("*", "D", "junior", 1, 1, weight_over=50),
    )
    result = solve_and_check(mini_scenario(*staff, cover=cover))
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0


def test_penalty_row_weight_over_replaces_weight_cover_over() -> None:
    sc = over_scenario(3)
    result = solve_and_check(sc)
    # J1 and J2 must work 3 + 2 = 5 day shifts in 3 days against a max of 1 junior a day:
    # 2 juniors over, at the row's 3 (not weight_cover_over 10): 2 x 3 = 6.
    assert result.objective == 6
    assert {(p.rule, p.weight) for p in result.penalties} == {("R1", 3)}


def test_penalty_row_weight_over_zero_builds_nothing() -> None:
    result = solve_and_check(over_scenario(0))
    # The same 2 juniors over the max cost 2 x 0 = 0 although weight_cover_over is 10.
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 0


def test_forces_one_junior_off_when_the_row_weight_over_beats_the_wishes() -> None:
    staff = (person("L1", "senior", "team_leader"), person("J1"), person("J2"))
    wants = tuple(ShiftRequest(j, day(0), "D", "want", 5) for j in ("J1", "J2"))

    def scenario(weight_over: int) -> Scenario:
        cover = (
            CoverRule("*", "D", "senior", 1),
            CoverRule("*", "D", "junior", 1, 1, weight_over=weight_over),
        )
        return mini_scenario(*staff, cover=cover, requests=wants, weights=weights_only(request=5))

    cheap = solve_and_check(scenario(3))
    # Over weight 3 < a wish 5: both juniors work day 0, one over the max: 3.
    assert cheap.objective == 3
    dear = solve_and_check(scenario(20))
    assert dear.roster is not None
    # Over weight 20 > 5: only one junior works day 0, the other's wish is broken: 5.
    assert dear.objective == 5
    on_day_0 = {dear.roster.shift_of(j, day(0)) for j in ("J1", "J2")}
    assert on_day_0 == {"D", None}


# -- R9: no successor needed where the grade cover is soft ---------------------------------


def nights_scenario(night: CoverRule, *extra: Staff, **fields: object) -> Scenario:
    staff = (person("L1", "senior", "team_leader", can_work_nights=False), *extra)
    cover = (CoverRule("*", "D", "senior", 1), night)
    return mini_scenario(
        *staff, shifts=(DAY_SHIFT, NIGHT_SHIFT), cover=cover, rules=NO_LEADER, **fields
    )


def test_holds_a_soft_night_nobody_can_work_stays_empty() -> None:
    sc = nights_scenario(CoverRule("*", "N", "junior", 1, weight_under=7))
    result = solve_and_check(sc)
    # Nobody may work nights: the night seat is empty each day, priced by R1 and not a
    # hard R9 breach: 3 days x 1 x 7 = 21 (solve_and_check: the checker reports no R9).
    assert result.status == SolveStatus.OPTIMAL
    assert result.objective == 21
    assert {p.rule for p in result.penalties} == {"R1"}


def test_breaks_r9_still_binds_a_shift_whose_only_soft_row_is_a_role() -> None:
    avoid = tuple(ShiftRequest("J1", day(d), "N", "avoid", 5) for d in range(3))
    sc = nights_scenario(
        CoverRule("*", "N", "quality_inspector", 1, weight_under=7),
        person("J1"),
        requests=avoid,
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # The night operates through a role row only; no grade seat is soft, so R9 still needs
    # a successor: J1 (no inspector) works every night against the wish. Cost per night:
    # the empty inspector seat 7 + the broken wish 5; 3 x 12 = 36.
    assert result.objective == 36
    assert grid_of(sc, result.roster)["J1"] == "NNN"
    assert {p.rule for p in result.penalties} == {"R3", "R15"}


def test_forces_nothing_an_empty_soft_night_beats_a_broken_wish() -> None:
    avoid = tuple(ShiftRequest("J1", day(d), "N", "avoid", 5) for d in range(3))
    sc = nights_scenario(
        CoverRule("*", "N", "junior", 1, weight_under=3),
        person("J1"),
        requests=avoid,
        weights=weights_only(request=5),
    )
    result = solve_and_check(sc)
    assert result.roster is not None
    # An empty night costs 3 < J1's wish 5, and R9 no longer forces J1 on: 3 x 3 = 9.
    assert result.objective == 9
    assert all(result.roster.shift_of("J1", day(d)) != "N" for d in range(3))


def test_checker_skips_r9_and_prices_the_empty_shift() -> None:
    sc = nights_scenario(CoverRule("*", "N", "junior", 1, weight_under=7))
    roster = roster_of({"L1": "DDD"})
    assert check_roster(sc, roster) == []
    total, items = objective_of(sc, roster)
    # 3 empty nights x 7 = 21.
    assert total == 21
    assert {(i.rule, i.weight, i.amount) for i in items} == {("R1", 7, 1)}


def test_uniform_under_drops_the_rows_own_weights() -> None:
    # What-if shortfalls, staffing and the re-plan diagnosis price every seat alike: a row's
    # own low weight would otherwise hide its seats.
    sc = tiny_scenario(
        cover=(
            CoverRule("*", "D", "junior", 1, weight_under=3),
            CoverRule("*", "D", "team_leader", 1, weight_under=2),
        )
    )
    soft = sc.with_uniform_under(500, 400)
    assert [c.weight_under for c in soft.cover] == [None, None]
    assert (soft.weights.cover_under, soft.weights.role_under) == (500, 400)
    hard = sc.with_uniform_under(None, None)
    assert all(c.weight_under is None for c in hard.cover)
    assert hard.weights.cover_under is None
