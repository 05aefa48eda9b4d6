"""The calendar: public holidays, meeting days, and which cover row applies to a day."""

from __future__ import annotations

import datetime as dt

import pytest

from roster.calendar import Calendar, parse_day_spec
from roster.model import CoverRule, HolidayChange, RuleParameters
from tests.helpers import tiny_scenario

JAN = (dt.date(2027, 1, 1), dt.date(2027, 1, 31))


def _calendar(**overrides: object) -> Calendar:
    start, end = overrides.pop("horizon", JAN)  # type: ignore[misc]
    return Calendar(tiny_scenario(start=start, end=end, **overrides))


def test_public_holidays_come_from_the_country() -> None:
    cal = _calendar(country="CN")
    assert dt.date(2027, 1, 1) in cal.holidays  # New Year's Day
    assert dt.date(2027, 1, 5) not in cal.holidays


def test_holidays_sheet_adds_and_removes_dates() -> None:
    cal = _calendar(
        country="CN",
        holiday_changes=(
            HolidayChange(dt.date(2027, 1, 1), "-"),
            HolidayChange(dt.date(2027, 1, 15), "Centre anniversary"),
        ),
    )
    assert dt.date(2027, 1, 1) not in cal.holidays
    assert cal.holidays[dt.date(2027, 1, 15)] == "Centre anniversary"


def test_unknown_country_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="XX"):
        _ = _calendar(country="XX").holidays


@pytest.mark.parametrize(
    ("month_start", "meeting"),
    [
        # 25 Jan 2027 is a Monday: the Friday before is the 22nd.
        (dt.date(2027, 1, 1), dt.date(2027, 1, 22)),
        # 25 Jun 2027 is itself a Friday: "before the 25th" means the 18th.
        (dt.date(2027, 6, 1), dt.date(2027, 6, 18)),
        # 25 Mar 2027 is a Thursday: the day before.
        (dt.date(2027, 3, 1), dt.date(2027, 3, 19)),
    ],
)
def test_monthly_meeting_is_the_friday_before_the_25th(
    month_start: dt.date, meeting: dt.date
) -> None:
    end = month_start.replace(day=28)
    cal = _calendar(horizon=(month_start, end), country="")
    assert cal.monthly_meetings == [meeting]
    assert meeting.weekday() == 4


def test_weekly_team_leader_meeting_day_is_configurable() -> None:
    assert _calendar(country="").team_meetings[0] == dt.date(2027, 1, 4)  # first Monday
    cal = _calendar(country="", rules=RuleParameters(team_meeting_day="Wed"))
    assert cal.team_meetings[0] == dt.date(2027, 1, 6)
    assert len(cal.team_meetings) == 4


def test_most_specific_cover_row_wins() -> None:
    cover = (
        CoverRule("*", "D", "junior", 1),
        CoverRule("weekend", "D", "junior", 2),
        CoverRule("Sat", "D", "junior", 3),
        CoverRule("holiday", "D", "junior", 4),
        CoverRule("2027-01-09", "D", "junior", 5),
        CoverRule("*", "D", "junior", 6),  # same rank as the first: replaces it
    )
    cal = _calendar(
        country="", cover=cover, holiday_changes=(HolidayChange(dt.date(2027, 1, 16), "H"),)
    )
    assert cal.grade_need(dt.date(2027, 1, 4), "D", "junior") == 6  # Monday: *
    assert cal.grade_need(dt.date(2027, 1, 3), "D", "junior") == 2  # Sunday: weekend
    assert cal.grade_need(dt.date(2027, 1, 2), "D", "junior") == 3  # Saturday: Sat
    assert cal.grade_need(dt.date(2027, 1, 16), "D", "junior") == 4  # holiday Saturday
    assert cal.grade_need(dt.date(2027, 1, 9), "D", "junior") == 5  # the date itself


def test_cumulative_needs_count_higher_grades_in_lower_seats() -> None:
    cover = (
        CoverRule("*", "D", "junior", 3),
        CoverRule("*", "D", "mid", 2),
        CoverRule("*", "D", "senior", 1),
    )
    cal = _calendar(country="", cover=cover)
    assert cal.cumulative_grade_needs(dt.date(2027, 1, 4), "D") == [
        ("senior", 1),
        ("mid", 3),
        ("junior", 6),
    ]
    assert cal.operating(dt.date(2027, 1, 4), "D")
    assert not cal.operating(dt.date(2027, 1, 4), "N")


@pytest.mark.parametrize("bad", ["Monday", "2027-13-01", "weekends", ""])
def test_bad_day_spec_is_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="expected a date"):
        parse_day_spec(bad)
