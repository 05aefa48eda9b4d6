""" "Is this hand-edited roster legal?": the roster as a person edited it, every broken hard
rule, and its cost by soft rule."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from roster.checks import check_roster, objective_of
from roster.io import read_edited_roster
from roster.model import PenaltyItem, Roster, Scenario, Violation


@dataclass(frozen=True)
class CheckReport:
    """What the checker finds in an edited roster; ``notes`` are the reader's remarks on
    how it read the grid (a code in lower case, the grid winning over Assignments...)."""

    roster: Roster
    notes: tuple[str, ...]
    violations: tuple[Violation, ...]
    objective: int
    items: tuple[PenaltyItem, ...]

    def cost_by_rule(self) -> dict[str, list[int]]:
        costs: dict[str, list[int]] = {}
        for item in self.items:
            costs.setdefault(item.rule, []).append(item.cost)
        return costs

    @property
    def legal(self) -> bool:
        return not self.violations


def edited_roster(scenario: Scenario, roster_file: Path) -> tuple[Roster, tuple[str, ...]]:
    """The roster of ``roster_file`` as a person edited it (its Roster grid), with notes."""
    edited = read_edited_roster(roster_file, scenario)
    return edited.roster, tuple(edited.notes)


def check_file(scenario: Scenario, roster_file: Path) -> CheckReport:
    """Judge the roster workbook ``roster_file`` against ``scenario``."""
    roster, notes = edited_roster(scenario, roster_file)
    violations = check_roster(scenario, roster)
    total, items = objective_of(scenario, roster)
    return CheckReport(roster, notes, tuple(violations), total, tuple(items))
