"""Rule families of the CP-SAT model, one module each, applied in registry order.

Each family is ``apply(ctx) -> list[Penalty]``: it adds its hard constraints through
``ctx.add(rule_id, ...)`` and returns its soft costs as named, weighted penalties.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from roster.calendar import Calendar
from roster.constraints import (
    callback,
    coverage,
    fairness,
    leave,
    meetings,
    qa,
    requests,
    rest,
    sequences,
    stability,
    surplus,
    weekends,
    workload,
)
from roster.constraints.context import Context, Penalty, RosterVars
from roster.model import Scenario


@dataclass(frozen=True)
class RuleFamily:
    """``least_cost``, when given, is the family's soft cost in every roster that keeps the
    hard rules: a lower bound known without solving."""

    name: str
    rules: tuple[str, ...]
    apply: Callable[[Context], list[Penalty]]
    least_cost: Callable[[Scenario, Calendar], int] | None = None


REGISTRY: tuple[RuleFamily, ...] = (
    RuleFamily("cover", ("R1", "R2", "R3", "R9"), coverage.apply),
    RuleFamily("rest", ("R4", "R5", "R10"), rest.apply),
    RuleFamily("sequences", ("R6", "R10", "R19"), sequences.apply),
    RuleFamily("workload", ("R7",), workload.apply),
    RuleFamily("weekends", ("R18",), weekends.apply),
    RuleFamily("leave", ("R8", "R16"), leave.apply),
    RuleFamily("callback", ("R12",), callback.apply),
    RuleFamily("qa", ("R11",), qa.apply),
    RuleFamily("meetings", ("R13",), meetings.apply, meetings.least_cost),
    RuleFamily("fairness", ("R14",), fairness.apply),
    RuleFamily("requests", ("R15",), requests.apply),
    RuleFamily("stability", ("R17",), stability.apply),
    RuleFamily("surplus", ("R21",), surplus.apply, surplus.least_cost),
)


def least_cost(scenario: Scenario, calendar: Calendar) -> int:
    """The soft cost every roster that keeps the hard rules pays, as far as the families
    know it without solving: CP-SAT gets it as the objective's lower end."""
    return sum(f.least_cost(scenario, calendar) for f in REGISTRY if f.least_cost is not None)


GUARDED_RULES: tuple[str, ...] = (
    "R1",
    "R2",
    "R3",
    "R5",
    "R6",
    "R7",
    "R8",
    "R9",
    "R10",
    "R12",
    "R18",
    "R19",
)
"""Hard rules the diagnosis can switch off one at a time (R4 is structural)."""

__all__ = [
    "GUARDED_RULES",
    "REGISTRY",
    "Context",
    "Penalty",
    "RosterVars",
    "RuleFamily",
    "least_cost",
]
