"""The ``roster`` command: thin click commands that parse, call the library, and print.

Exit status: 0 success, 1 no roster (or a broken rule found), 2 bad input or usage.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from roster.exceptions import RosterError, RosterInputError
from roster.model import SOFT_RULES, Change, Result, Violation

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


def _solver_options(func: Callable[..., None]) -> Callable[..., None]:
    """The search options every solving command shares."""
    func = click.option("--seed", type=int, default=0, show_default=True, help="Random seed.")(func)
    func = click.option(
        "--workers",
        type=click.IntRange(min=1),
        default=2,
        show_default=True,
        help="CP-SAT search workers.",
    )(func)
    return click.option(
        "--time-limit",
        type=click.FloatRange(min=0.1),
        default=30.0,
        show_default=True,
        help="Seconds CP-SAT may search.",
    )(func)


def _print_changes(changes: Sequence[Change], names: dict[str, str]) -> None:
    click.echo(f"Changes:    {len(changes)}")
    for c in changes:
        click.echo(
            f"  {c.staff_id:<8} {names.get(c.staff_id, ''):<12} {c.date}  "
            f"{c.before or 'off':>4} -> {c.after or 'off':<4}  {c.why}"
        )


@main.command()
@click.argument("scenario", type=click.Path(exists=True, path_type=Path))
@click.argument(
    "roster_file",
    metavar="ROSTER.xlsx",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "--request",
    "requests",
    multiple=True,
    metavar="ID",
    help="Judge only these leave requests (repeatable); default: all.",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("leave.xlsx"),
    show_default=True,
    help="Workbook with the verdicts, the repaired roster and its changes.",
)
@_solver_options
def leave(
    scenario: Path,
    roster_file: Path,
    requests: tuple[str, ...],
    output: Path,
    time_limit: float,
    workers: int,
    seed: int,
) -> None:
    """Decide leave requests: rules L1-L8 for each, then which can be granted together (L9)."""
    from roster.checks.leave import leave_verdicts
    from roster.io import read_edited_roster, read_scenario, write_roster_workbook
    from roster.solver.repair import decide_leave

    problem = read_scenario(scenario)
    edited = read_edited_roster(roster_file, problem)
    for note in edited.notes:
        click.echo(f"Note: {note}")
    try:
        verdicts = leave_verdicts(problem, edited.roster, list(requests) or None)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--request") from None
    pending = {lv.id for lv in problem.pending_leave}
    candidates = [v.request_id for v in verdicts if v.passes_rules and v.request_id in pending]
    repair = decide_leave(
        problem, edited.roster, candidates, time_limit=time_limit, workers=workers, seed=seed
    )
    decided = [
        dataclasses.replace(
            v,
            cover=v.request_id in repair.granted,
            cover_reason=repair.refused.get(v.request_id, "cover allows it"),
        )
        if v.request_id in candidates and repair.result.roster is not None
        else v
        for v in verdicts
    ]
    for v in decided:
        click.echo(f"{v.request_id:<10} {v.staff_id:<8} {v.verdict}")
        for outcome in v.failed:
            click.echo(f"    {outcome.rule}: {outcome.reason}")
        if v.cover is False:
            click.echo(f"    L9: {v.cover_reason}")
    names = {s.id: s.name for s in problem.staff}
    write_roster_workbook(
        output, repair.scenario, repair.result, leave_verdicts=decided, changes=repair.changes
    )
    if repair.result.roster is None:
        for reason in repair.reasons:
            click.echo(f"  - {reason}")
        click.echo(f"No roster keeps every hard rule. Written: {output}")
        sys.exit(EXIT_NO_ROSTER)
    _print_changes(repair.changes, names)
    click.echo(f"Written:    {output}")


@main.command()
@click.argument("scenario", type=click.Path(exists=True, path_type=Path))
@click.argument(
    "roster_file",
    metavar="ROSTER.xlsx",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option("--absent", required=True, metavar="STAFF", help="Who is absent (staff id).")
@click.option(
    "--from",
    "first",
    required=True,
    type=click.DateTime(["%Y-%m-%d"]),
    help="First day of the absence; days before it stay as published.",
)
@click.option(
    "--to",
    "last",
    type=click.DateTime(["%Y-%m-%d"]),
    help="Last day of the absence (default: the end of the roster).",
)
@click.option(
    "--kind",
    type=click.Choice(["sick", "emergency_sick", "personal", "special_personal"]),
    default="sick",
    show_default=True,
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("replanned.xlsx"),
    show_default=True,
)
@_solver_options
def replan(
    scenario: Path,
    roster_file: Path,
    absent: str,
    first: dt.datetime,
    last: dt.datetime | None,
    kind: str,
    output: Path,
    time_limit: float,
    workers: int,
    seed: int,
) -> None:
    """Re-plan after a late absence with the fewest changes from the absence on."""
    from roster.io import read_edited_roster, read_scenario, write_roster_workbook
    from roster.solver.repair import replan as run_replan

    problem = read_scenario(scenario)
    edited = read_edited_roster(roster_file, problem)
    for note in edited.notes:
        click.echo(f"Note: {note}")
    try:
        repair = run_replan(
            problem,
            edited.roster,
            absent,
            first.date(),
            last.date() if last else None,
            kind=kind,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
        )
    except ValueError as err:
        raise click.BadParameter(str(err)) from None
    write_roster_workbook(output, repair.scenario, repair.result, changes=repair.changes)
    if repair.result.roster is None:
        click.echo("No re-plan keeps every hard rule:")
        for reason in repair.reasons:
            click.echo(f"  - {reason}")
        click.echo(f"Written:    {output}")
        sys.exit(EXIT_NO_ROSTER)
    click.echo(f"Status:     {repair.result.status.value}")
    _print_changes(repair.changes, {s.id: s.name for s in problem.staff})
    click.echo(f"Written:    {output}")


# -- roster check ------------------------------------------------------------------------


def _violation_line(v: Violation, names: dict[str, str]) -> str:
    """``R5 REST  S012 Wang Li  2027-01-05 D: ...``: rule, who, when, what; blanks left out."""
    from roster.model import HARD_RULES

    rule = f"{v.rule} {HARD_RULES.get(v.rule, 'INPUT' if v.rule == 'R0' else '')}".strip()
    who = f"{v.staff_id} {names.get(v.staff_id, '')}".strip() if v.staff_id else ""
    when = " ".join(part for part in (v.date.isoformat() if v.date else "", v.shift or "") if part)
    return "  ".join(part for part in (rule, who, when) if part) + f": {v.message}"


@main.command()
@click.argument("scenario", type=click.Path(exists=True, path_type=Path))
@click.argument(
    "roster_file",
    metavar="ROSTER.xlsx",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a copy of ROSTER.xlsx with each offending cell red and commented.",
)
def check(scenario: Path, roster_file: Path, output: Path | None) -> None:
    """Check a (hand-edited) roster: every broken hard rule, then the cost by soft rule.

    Exit status 0 when no hard rule is broken, 1 when some are, 2 on bad input.
    """
    from roster.checks import check_roster, objective_of
    from roster.io import annotate_roster_workbook, read_edited_roster, read_scenario

    problem = read_scenario(scenario)
    edited = read_edited_roster(roster_file, problem)
    for note in edited.notes:
        click.echo(f"Note: {note}")
    violations = check_roster(problem, edited.roster)
    names = {s.id: s.name for s in problem.staff}
    for v in violations:
        click.echo(_violation_line(v, names))
    total, items = objective_of(problem, edited.roster)
    click.echo(f"Objective:  {total:,}")
    costs: dict[str, list[int]] = {}
    for item in items:
        costs.setdefault(item.rule, []).append(item.cost)
    for rule, cost in sorted(costs.items(), key=lambda kv: -sum(kv[1])):
        click.echo(
            f"  {rule:<4} {SOFT_RULES.get(rule, ''):<40} {sum(cost):>8,}  ({len(cost)} items)"
        )
    if output is not None:
        marked = annotate_roster_workbook(roster_file, output, violations, problem)
        click.echo(f"Written:    {output} ({marked} cell(s) marked)")
    if violations:
        rules = ", ".join(dict.fromkeys(v.rule for v in violations))
        click.echo(f"Verdict:    {len(violations)} hard-rule violation(s) ({rules}): not legal")
        sys.exit(EXIT_NO_ROSTER)
    click.echo("Verdict:    no hard rule broken")
