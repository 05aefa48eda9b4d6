"""Rule families of the CP-SAT model, one module each, applied in ``order``.

Each family module declares itself at its end as ``FAMILY = RuleFamily(...)``: its name,
its place in the order, its rules, its ``apply(ctx) -> list[Penalty]`` (hard constraints
through ``ctx.add(rule_id, ...)``, soft costs returned as named, weighted penalties) and
the hard rules the diagnosis may switch off. This package finds the modules itself, so a
new family is one new module and nothing here.

Why the order matters: the families create CP-SAT variables and constraints in this order,
and the model's order steers the search, so the same seed gives the same roster only with
the same order. The orders go in tens (cover 10 ... surplus 130): a new family takes a
free number between two, and two families with one number are refused.
"""

from __future__ import annotations

import importlib
import pkgutil
from itertools import pairwise

from roster.calendar import Calendar
from roster.constraints.context import Context, Penalty, RosterVars, RuleFamily
from roster.model import Scenario


def _discover() -> tuple[RuleFamily, ...]:
    """Every module of this package with a ``FAMILY``, by order (one family per order)."""
    found: list[RuleFamily] = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        family = getattr(module, "FAMILY", None)
        if isinstance(family, RuleFamily):
            found.append(family)
    found.sort(key=lambda f: f.order)
    for first, second in pairwise(found):
        if first.order == second.order:
            raise ValueError(
                f"Rule families {first.name!r} and {second.name!r} share order {first.order}."
            )
    return tuple(found)


def _rule_number(rule: str) -> int:
    return int(rule[1:])


REGISTRY: tuple[RuleFamily, ...] = _discover()

GUARDED_RULES: tuple[str, ...] = tuple(
    sorted({rule for family in REGISTRY for rule in family.guarded}, key=_rule_number)
)
"""Hard rules the diagnosis can switch off one at a time, by rule number (R4 is
structural)."""


def least_cost(scenario: Scenario, calendar: Calendar) -> int:
    """The soft cost every roster that keeps the hard rules pays, as far as the families
    know it without solving: CP-SAT gets it as the objective's lower end."""
    return sum(f.least_cost(scenario, calendar) for f in REGISTRY if f.least_cost is not None)


__all__ = [
    "GUARDED_RULES",
    "REGISTRY",
    "Context",
    "Penalty",
    "RosterVars",
    "RuleFamily",
    "least_cost",
]
