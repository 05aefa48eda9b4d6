"""Whatever small centre hypothesis invents, the solver's answer holds up: a roster passes
the independent checker and its objective is recomputed exactly; no roster comes with
reasons."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roster.checks import check_roster, objective_of
from roster.model import (
    GRADES,
    OFF,
    WEEKDAY_NAMES,
    Assignment,
    CoverRule,
    HolidayChange,
    LeaveRequest,
    RuleParameters,
    Scenario,
    Shift,
    ShiftRequest,
    SolveStatus,
    Staff,
    Weights,
)
from roster.solver import solve

ROLE_CHOICES = ("team_leader", "quality_inspector", "callback")


@st.composite
def shifts(draw: st.DrawFn) -> tuple[Shift, ...]:
    """1-3 shifts on the half hour, 4-14 hours long; a shift crossing midnight is usually,
    not always, a night shift."""
    out = []
    for code in "DEN"[: draw(st.sampled_from((1, 1, 2, 2, 3)))]:
        start = draw(st.integers(0, 47)) * 30
        length = draw(st.integers(8, 28)) * 30
        end = (start + length) % 1440
        crosses = start + length > 1440
        night = draw(st.booleans()) if not crosses else draw(st.sampled_from((True, True, False)))
        out.append(Shift(code, f"Shift {code}", start, end, night=night))
    return tuple(out)


@st.composite
def people(draw: st.DrawFn, num_days: int) -> tuple[Staff, ...]:
    """2-8 people; the first two lead teams, so that many random centres have rosters."""
    out = []
    for i in range(draw(st.integers(2, 8))):
        roles = {"agent"} if i >= 2 or draw(st.booleans()) else set()
        roles |= set(draw(st.sets(st.sampled_from(ROLE_CHOICES), max_size=2)))
        if "callback" in roles and draw(st.booleans()):
            roles.remove("callback")  # a callback seat makes R12 bind: not every centre
        if i < 2:
            roles.add("team_leader")
        low = draw(st.sampled_from((None, None, None, 0, 1, num_days // 2)))
        high = draw(st.sampled_from((None, None, num_days, max(low or 0, num_days - 2))))
        out.append(
            Staff(
                f"P{i}",
                f"Person {i}",
                draw(st.sampled_from(GRADES)),
                draw(st.sampled_from(("T1", "T2"))),
                frozenset(roles),
                min_shifts=low,
                max_shifts=high,
                max_nights=draw(st.sampled_from((None, None, None, 0, 1, 2, num_days))),
                can_work_nights=draw(st.sampled_from((True, True, True, False))),
            )
        )
    return tuple(out)


@st.composite
def cover(draw: st.DrawFn, codes: list[str], days: list[dt.date]) -> tuple[CoverRule, ...]:
    """Mostly whole-horizon rows asking for 0-1 of a grade, some by weekday, weekend,
    holiday or date, a few role rows; ``max`` now and then."""
    specs = ("*", "*", "*", "weekday", "weekend", "holiday", *WEEKDAY_NAMES)
    rows = []
    for code in codes:
        for requirement in (*GRADES, "team_leader", "quality_inspector", "callback"):
            grade = requirement in GRADES
            for _ in range(draw(st.sampled_from((0, 1, 1, 2) if grade else (0, 0, 0, 1)))):
                spec = draw(st.sampled_from(specs) | st.sampled_from(days).map(str))
                low = draw(st.sampled_from((0, 1, 1, 2) if grade else (0, 1)))
                high = draw(st.sampled_from((None, None, low, low + 1)))
                rows.append(CoverRule(spec, code, requirement, low, high))
    return tuple(rows)


@st.composite
def scenarios(draw: st.DrawFn) -> Scenario:
    num_days = draw(st.integers(3, 7))
    start = dt.date(2026, 1, 1) + dt.timedelta(days=draw(st.integers(0, 364)))
    days = [start + dt.timedelta(days=i) for i in range(num_days)]
    shift_table = draw(shifts())
    codes = [s.code for s in shift_table]
    staff = draw(people(num_days))
    ids = [s.id for s in staff]
    day_or_off = st.sampled_from([*codes, None])

    leave = []
    for i in range(draw(st.integers(0, 4))):
        first = start + dt.timedelta(days=draw(st.integers(-2, num_days)))
        length = draw(st.integers(0, 2))
        leave.append(
            LeaveRequest(
                f"LV{i}",
                draw(st.sampled_from(ids)),
                first,
                first + dt.timedelta(days=length),
                status=draw(st.sampled_from(("approved", "pending", "rejected"))),
            )
        )
    history = []
    for staff_id in ids:
        for back in range(1, draw(st.integers(0, 4)) + 1):
            code = draw(day_or_off)
            if code is not None:
                history.append(Assignment(staff_id, start - dt.timedelta(days=back), code))
    requests = [
        ShiftRequest(
            draw(st.sampled_from(ids)),
            draw(st.sampled_from(days)),
            draw(st.sampled_from([*codes, OFF])),
            draw(st.sampled_from(("want", "avoid"))),
            draw(st.integers(0, 20)),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    published = []
    if draw(st.booleans()):
        for staff_id in ids:
            for d in days:
                code = draw(day_or_off)
                if code is not None:
                    published.append(Assignment(staff_id, d, code))
    holidays = tuple(
        HolidayChange(d, "Holiday") for d in draw(st.lists(st.sampled_from(days), max_size=2))
    )
    rules = RuleParameters(
        max_consecutive_days=draw(st.integers(1, 7)),
        max_consecutive_nights=draw(st.sampled_from((0, 1, 2, 3, 3, 4))),
        min_off_after_nights=draw(st.integers(0, 2)),
        min_rest_hours=draw(st.sampled_from((0, 8, 11, 11, 12, 16))),
        handover_minutes=draw(st.sampled_from((0, 10, 30))),
        upward_substitution=draw(st.booleans()),
        qa_min_shared_shifts=draw(st.integers(0, 2)),
        callback_max_gap_hours=draw(st.sampled_from((12, 24, 48, 72, 72, 96))),
        team_meeting_day=draw(st.sampled_from(WEEKDAY_NAMES)),
    )
    small = st.integers(0, 50)
    weights = Weights(
        qa_reach=draw(small),
        meetings=draw(small),
        fairness=draw(small),
        request=draw(small),
        pending_leave=draw(small),
        stability=draw(small),
        cover_over=draw(small),
        cover_under=draw(st.none() | small),
    )
    return Scenario(
        name="random",
        start=start,
        end=days[-1],
        staff=staff,
        shifts=shift_table,
        cover=draw(cover(codes, days)),
        country="",
        rules=rules,
        weights=weights,
        leave=tuple(leave),
        requests=tuple(requests),
        holiday_changes=holidays,
        history=tuple(history),
        published=tuple(published),
    )


@settings(
    max_examples=40,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(scenarios())
def test_solver_answers_hold_up(scenario: Scenario) -> None:
    result = solve(scenario, time_limit=5, workers=1, seed=0)
    assert result.status != SolveStatus.MODEL_INVALID
    if result.roster is not None:
        violations = [str(v) for v in check_roster(scenario, result.roster)]
        assert violations == []
        total, items = objective_of(scenario, result.roster)
        assert total == result.objective, (items, result.penalties)
    else:
        assert result.reasons, result.status
