"""How a swap verdict speaks: days, counts and people in the words a team lead reads."""

from __future__ import annotations

import datetime as dt

from roster.model import Staff

MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def short_day(day: dt.date) -> str:
    return f"{day.day} {MONTH_NAMES[day.month - 1][:3]}"


def times(n: int) -> str:
    return {0: "no times", 1: "once", 2: "twice"}.get(n, f"{n} times")


def ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def person_name(person: Staff) -> str:
    return person.name or person.id


def grade_words(person: Staff) -> str:
    return f"{person.grade} {person.job_type.replace('_', ' ')}"
