"""What the roster workbook's sheets share: everything derived once from the scenario and
the solve result, the rule verdicts included (decided in ``roster.checks``, only laid out
by the sheets).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from roster.calendar import Calendar
from roster.checks.coverage import CoverageRow, coverage_rows
from roster.checks.leave import match_verdicts
from roster.checks.leave_roster import (
    LeaveDay,
    RosterLeaveVerdict,
    leave_days,
    roster_leave_verdicts,
)
from roster.checks.service import PaySummary, ServiceReport, pay_summary, service_report
from roster.model import Change, LeaveVerdict, Result, Roster, Scenario, Shift, Violation


@dataclass
class RosterFacts:
    """Everything derived once from scenario + result, shared by the sheets."""

    scenario: Scenario
    result: Result
    calendar: Calendar
    roster: Roster | None
    worked: dict[tuple[str, dt.date], list[str]]
    shifts: dict[str, Shift]
    coverage: list[CoverageRow]
    leave_verdicts: list[RosterLeaveVerdict]
    """The roster's word (R8, R16) on each request of scenario.leave, in order."""
    leave_cells: dict[tuple[str, dt.date], LeaveDay]
    """(staff, day) -> the leave shown in the grid there."""
    violations: Sequence[Violation]
    rule_verdicts: dict[int, LeaveVerdict] | None = None
    """Index into scenario.leave -> its L1-L9 verdict, when the caller judged the requests."""
    changes: Sequence[Change] | None = None
    changed: dict[tuple[str, dt.date], Change] | None = None
    """(staff, day) -> the change of a repair there, for marking the grid."""
    service: ServiceReport | None = None
    """The expected service level per forecast interval (R22), when there is a forecast."""
    pay: PaySummary | None = None
    """Paid and premium hours and the surplus (R21), when there is a roster."""

    @staticmethod
    def build(
        scenario: Scenario,
        result: Result,
        violations: Sequence[Violation],
        leave_verdicts: Sequence[LeaveVerdict] | None = None,
        changes: Sequence[Change] | None = None,
    ) -> RosterFacts:
        calendar = Calendar(scenario)
        roster = result.roster
        worked = roster.by_person_day() if roster is not None else {}
        coverage = coverage_rows(calendar, roster) if roster is not None else []
        verdicts = roster_leave_verdicts(scenario, roster)
        return RosterFacts(
            scenario=scenario,
            result=result,
            calendar=calendar,
            roster=roster,
            worked=worked,
            shifts={s.code: s for s in scenario.shifts},
            coverage=coverage,
            leave_verdicts=verdicts,
            leave_cells=leave_days(scenario, verdicts),
            violations=violations,
            rule_verdicts=None
            if leave_verdicts is None
            else match_verdicts(scenario, leave_verdicts),
            changes=changes,
            changed=None if changes is None else {(c.staff_id, c.date): c for c in changes},
            service=None if roster is None else service_report(scenario, roster),
            pay=None if roster is None else pay_summary(scenario, roster),
        )
