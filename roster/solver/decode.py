"""Solver values -> a Roster and the penalty breakdown."""

from __future__ import annotations

from ortools.sat.python import cp_model

from roster.constraints import Penalty, RosterVars
from roster.model import Assignment, PenaltyItem, Roster


def decode_roster(solver: cp_model.CpSolver, variables: RosterVars) -> Roster:
    sc = variables.scenario
    rows = []
    for d, day in enumerate(sc.days):
        for p, person in enumerate(sc.staff):
            for s, shift in enumerate(sc.shifts):
                if solver.boolean_value(variables.x(p, d, s)):
                    rows.append(Assignment(person.id, day, shift.code))
    return Roster(tuple(rows))


def decode_penalties(solver: cp_model.CpSolver, penalties: list[Penalty]) -> list[PenaltyItem]:
    items = []
    for pen in penalties:
        amount = pen.expr if isinstance(pen.expr, int) else int(solver.value(pen.expr))
        if amount and pen.weight:
            items.append(
                PenaltyItem(
                    pen.rule,
                    pen.weight,
                    amount,
                    pen.description,
                    staff_id=pen.staff_id,
                    date=pen.date,
                    shift=pen.shift,
                )
            )
    return items
