"""The ``roster`` command: thin click commands that parse, call the library, and print.

Exit status: 0 success, 1 no roster (or a broken rule found), 2 bad input or usage.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from roster.exceptions import RosterError, RosterInputError
from roster.model import SOFT_RULES, Result, Violation

if TYPE_CHECKING:
    from roster.solver.solve import ProgressHook

EXIT_NO_ROSTER = 1
EXIT_BAD_INPUT = 2


class _RosterGroup(click.Group):
    """Maps the library's input errors to one line and exit status 2, without a traceback."""

    def invoke(self, ctx: click.Context) -> object:
        try:
            return super().invoke(ctx)
        except RosterInputError as err:
            click.echo(f"Error: {err}", err=True)
            ctx.exit(EXIT_BAD_INPUT)
        except RosterError as err:
            click.echo(f"Error: {err}", err=True)
            ctx.exit(EXIT_NO_ROSTER)


@click.group(cls=_RosterGroup)
@click.version_option(package_name="roster")
def main() -> None:
    """Shift rosters for a 24/7 customer-service centre, built by CP-SAT from its rules."""


def _progress_line() -> ProgressHook:
    from roster.solver import Progress

    def show(p: Progress) -> None:
        obj = "-" if p.objective is None else f"{p.objective:,.0f}"
        bound = "-" if p.bound is None else f"{p.bound:,.0f}"
        gap = "-" if p.gap is None else f"{100 * p.gap:.1f}%"
        click.echo(
            f"\r  {p.elapsed:6.1f} s   objective {obj:>10}   bound {bound:>10}   gap {gap:>6}",
            err=True,
            nl=False,
        )

    return show


def print_summary(result: Result, output: Path | None) -> None:
    """One screen a team lead can read: verdict, cost by rule, reasons."""
    click.echo(f"Status:     {result.status.value}")
    if result.objective is not None:
        gap = f"{100 * result.gap:.2f}%" if result.gap is not None else "-"
        click.echo(f"Objective:  {result.objective:,}   (bound {result.bound:,.0f}, gap {gap})")
    click.echo(f"Time:       {result.wall_time:.1f} s")
    if result.roster is not None:
        people = len({a.staff_id for a in result.roster.assignments})
        click.echo(f"Roster:     {len(result.roster.assignments)} shifts for {people} people")
        costs = result.cost_by_rule()
        if costs:
            click.echo("Cost by rule:")
            for rule, cost in sorted(costs.items(), key=lambda kv: -kv[1]):
                count = sum(1 for p in result.penalties if p.rule == rule)
                click.echo(
                    f"  {rule:<4} {SOFT_RULES.get(rule, ''):<40} {cost:>8,}  ({count} items)"
                )
    for reason in result.reasons:
        click.echo(f"  - {reason}")
    if output is not None:
        click.echo(f"Written:    {output}")


@main.command()
@click.argument("scenario", type=click.Path(exists=True, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("roster.xlsx"),
    show_default=True,
    help="The roster workbook to write.",
)
@click.option(
    "--time-limit",
    type=click.FloatRange(min=0.1),
    default=60.0,
    show_default=True,
    help="Seconds CP-SAT may search.",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="CP-SAT search workers (1 with a fixed seed is fully repeatable).",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")
@click.option("--quiet", is_flag=True, help="No live progress line.")
def solve(
    scenario: Path, output: Path, time_limit: float, workers: int, seed: int, quiet: bool
) -> None:
    """Make the roster of SCENARIO (an .xlsx workbook or a folder of CSV files)."""
    from roster.checks import check_roster, objective_of
    from roster.io import read_scenario, write_roster_workbook
    from roster.solver import solve as run_solver

    problem = read_scenario(scenario)
    live = not quiet and sys.stderr.isatty()
    result = run_solver(
        problem,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        progress=_progress_line() if live else None,
    )
    if live:
        click.echo("", err=True)
    violations: list[Violation] = []
    if result.roster is not None:
        violations = check_roster(problem, result.roster)
        checked, _ = objective_of(problem, result.roster)
        if checked != result.objective:
            click.echo(
                f"Warning: the checker prices this roster at {checked}, "
                f"the solver at {result.objective}.",
                err=True,
            )
    write_roster_workbook(output, problem, result, violations)
    print_summary(result, output)
    for v in violations:
        click.echo(f"  ! {v}", err=True)
    if result.roster is None or violations:
        sys.exit(EXIT_NO_ROSTER)


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@click.option("--three-shift", is_flag=True, help="The smaller centre with three 8-hour shifts.")
@click.option("--xlsx", is_flag=True, help="Write one workbook DIRECTORY.xlsx instead of CSVs.")
def example(directory: Path, three_shift: bool, xlsx: bool) -> None:
    """Write an example scenario to edit: a centre of 6 teams with 12-hour shifts."""
    from roster.examples import example_centre, example_three_shift
    from roster.io import write_scenario

    scenario = example_three_shift() if three_shift else example_centre()
    target = directory.with_suffix(".xlsx") if xlsx else directory
    if target.exists() and (target.is_file() or any(target.iterdir())):
        raise click.BadParameter(
            f"{target} already exists and is not empty", param_hint="DIRECTORY"
        )
    write_scenario(scenario, target)
    click.echo(f"Wrote {target}: {len(scenario.staff)} people, {scenario.start}..{scenario.end}.")
