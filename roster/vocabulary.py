"""The centre's words: grades, roles, leave types and statuses, weekday names, the length of
a day. Every other module of the model speaks them."""

from __future__ import annotations

MINUTES_PER_DAY = 1440

GRADES: tuple[str, ...] = ("junior", "mid", "senior")
"""Grades from lowest to highest; a higher grade may fill a lower grade's seat (R1)."""

ROLES: tuple[str, ...] = (
    "agent",
    "team_leader",
    "quality_inspector",
    "callback",
    "editor",
    "department_head",
    "center_director",
    "manager",
)

LEAVE_TYPES: tuple[str, ...] = (
    "personal",
    "special_personal",
    "sick",
    "emergency_sick",
    "business",
    "study",
    "annual",
)
LEAVE_STATUSES: tuple[str, ...] = ("approved", "pending", "rejected")
APPROVERS: tuple[str, ...] = ("department_head", "center_director", "manager", "")
APPROVING_ROLES: tuple[str, ...] = ("department_head", "center_director", "manager")
"""The levels that approve leave (L2), lowest first; also roles a person may hold."""


def approvals_of(text: str) -> tuple[str, ...]:
    """The approvals an ``approved_by`` cell records: levels (``department_head``,
    ``center_director``, ``manager``) or staff ids, separated by ``;``, ``,`` or ``+``."""
    return tuple(
        t.strip() for t in text.replace(",", ";").replace("+", ";").split(";") if t.strip()
    )


REQUEST_KINDS: tuple[str, ...] = ("want", "avoid")
OFF = "OFF"
"""The shift code a request uses for "a day off"."""

WEEKDAY_NAMES: tuple[str, ...] = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def grade_rank(grade: str) -> int:
    """Position of a grade in the seniority order (junior = 0)."""
    return GRADES.index(grade)
