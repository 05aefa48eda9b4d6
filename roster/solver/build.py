"""Scenario -> CP-SAT model: variables, every rule family of the registry, the objective."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ortools.sat.python import cp_model

from roster.calendar import Calendar
from roster.constraints import GUARDED_RULES, REGISTRY, Context, Penalty, RosterVars
from roster.constraints.fairness import Pin
from roster.model import Scenario
from roster.solver.clock import Deadline


@dataclass
class BuiltModel:
    model: cp_model.CpModel
    context: Context
    penalties: list[Penalty]
    guards: dict[str, cp_model.IntVar] | None
    build_time: float


def build_model(
    scenario: Scenario,
    calendar: Calendar | None = None,
    *,
    diagnose: bool = False,
    pins: Mapping[tuple[str, str], Pin] | None = None,
) -> BuiltModel:
    """Build the model; with ``diagnose`` every hard rule is guarded by an assumption literal
    and there is no objective (only the diagnosis uses that build). ``pins`` narrow the
    search to rosters with those fairness counts (``roster.constraints.fairness``)."""
    clock = Deadline()
    calendar = calendar or Calendar(scenario)
    model = cp_model.CpModel()
    variables = RosterVars(model, scenario)
    guards = (
        {rule: model.new_bool_var(f"enforce_{rule}") for rule in GUARDED_RULES}
        if diagnose
        else None
    )
    ctx = Context(scenario, calendar, model, variables, guards, pins)
    penalties: list[Penalty] = []
    for family in REGISTRY:
        penalties.extend(family.apply(ctx))
    if not diagnose:
        terms = [p.weight * p.expr for p in penalties if p.weight > 0]
        if terms:
            model.minimize(sum(terms))
    return BuiltModel(model, ctx, penalties, guards, clock.elapsed())
