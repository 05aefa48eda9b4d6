""" "Make next month's roster": solve the scenario, hold the roster to the checker, and say
what it delivers (service level, R22) and costs (paid and premium hours, surplus, R21)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from roster.app.leave import under_leave_rules
from roster.checks import check_roster, objective_of
from roster.checks.service import PaySummary, ServiceReport, pay_summary, service_report
from roster.model import Result, Scenario, Violation
from roster.solver import Progress
from roster.solver import solve as run_solver


@dataclass(frozen=True)
class MonthReport:
    """A solve's result with the checker's verdict on its roster: the hard rules it breaks
    (none, or the solver and the checker disagree), the checker's own price of it, and what
    the roster delivers and costs."""

    scenario: Scenario
    result: Result
    violations: tuple[Violation, ...]
    checked_cost: int | None
    service: ServiceReport | None
    pay: PaySummary | None

    @property
    def disagreement(self) -> str | None:
        """The checker's and the solver's prices of the roster, when they differ."""
        if self.checked_cost is None or self.checked_cost == self.result.objective:
            return None
        return (
            f"the checker prices this roster at {self.checked_cost}, "
            f"the solver at {self.result.objective}"
        )

    @property
    def legal(self) -> bool:
        return self.result.roster is not None and not self.violations


def make_month(
    scenario: Scenario,
    *,
    time_limit: float = 60.0,
    workers: int = 2,
    seed: int = 0,
    preset: str = "balanced",
    progress: Callable[[Progress], None] | None = None,
) -> MonthReport:
    """Solve ``scenario`` and judge its roster (see :func:`roster.solver.solve`)."""
    ruled = under_leave_rules(scenario)
    result = run_solver(
        ruled,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        progress=progress,
        preset=preset,
    )
    roster = result.roster
    if roster is None:
        return MonthReport(scenario, result, (), None, None, None)
    return MonthReport(
        scenario,
        result,
        tuple(check_roster(scenario, roster)),
        objective_of(ruled, roster)[0],
        service_report(scenario, roster),
        pay_summary(scenario, roster),
    )
