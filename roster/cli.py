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
from roster.model import (
    SOFT_RULES,
    Change,
    Result,
    Roster,
    Scenario,
    SolveSettings,
    SolveStatus,
    Swap,
    Violation,
)

if TYPE_CHECKING:
    from roster.app.demand import DemandReport
    from roster.checks.swap import SwapVerdict
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
        except OSError as err:  # an output that cannot be written: say which, no traceback
            where = f" {err.filename}" if err.filename else ""
            click.echo(f"Error: cannot write{where}: {err.strerror or err}", err=True)
            ctx.exit(EXIT_BAD_INPUT)


@click.group(cls=_RosterGroup)
@click.version_option(package_name="roster")
def main() -> None:
    """Shift rosters for a 24/7 customer-service centre, built by CP-SAT from its rules."""


scenario_argument = click.argument("scenario", type=click.Path(exists=True, path_type=Path))
"""SCENARIO: an .xlsx workbook or a folder of CSV files."""
roster_argument = click.argument(
    "roster_file",
    metavar="ROSTER.xlsx",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
"""ROSTER.xlsx: a roster workbook as written by ``roster solve`` (and perhaps edited)."""


def solver_options(
    time_limit: float = 30.0, workers: int = 2, seed_help: str = "Random seed."
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """The search options every solving command shares (--time-limit, --workers, --seed)."""

    def decorate(func: Callable[..., None]) -> Callable[..., None]:
        func = click.option("--seed", type=int, default=0, show_default=True, help=seed_help)(func)
        func = click.option(
            "--workers",
            type=click.IntRange(min=1),
            default=workers,
            show_default=True,
            help="CP-SAT search workers (1 with a fixed seed is fully repeatable).",
        )(func)
        return click.option(
            "--time-limit",
            type=click.FloatRange(min=0.1),
            default=time_limit,
            show_default=True,
            help="Seconds CP-SAT may search.",
        )(func)

    return decorate


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


def print_summary(result: Result, output: Path | None, scenario: Scenario | None = None) -> None:
    """One screen a team lead can read: verdict, cost by rule, service and pay, reasons."""
    click.echo(f"Status:     {result.status.value}")
    if result.objective is not None:
        gap = f"{100 * result.gap:.2f}%" if result.gap is not None else "-"
        click.echo(f"Objective:  {result.objective:,}   (bound {result.bound:,.0f}, gap {gap})")
    click.echo(f"Time:       {result.wall_time:.1f} s")
    preset = result.settings.get("preset")
    if preset is not None:
        slices = result.settings.get("slices", 1)
        how = f", started from {slices} slices" if slices > 1 else ""
        click.echo(f"Search:     preset {preset}{how}")
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
        if scenario is not None:
            _print_service_and_pay(scenario, result.roster)
    for reason in result.reasons:
        click.echo(f"  - {reason}")
    if output is not None:
        click.echo(f"Written:    {output}")


def _print_service_and_pay(scenario: Scenario, roster: Roster) -> None:
    """The month's expected service level (R22) and what its hours cost (R21)."""
    from roster.checks.service import pay_summary, service_report
    from roster.reports.service_sheet import headline

    report = service_report(scenario, roster)
    if report is not None:
        click.echo(f"Service:    {headline(report)}")
    pay = pay_summary(scenario, roster)
    click.echo(
        f"Pay:        {pay.paid_hours:,.0f} h paid, {pay.premium_hours:,.0f} h at a premium "
        f"(holiday or paid rest day): {pay.cost_hours:,.0f} hour-equivalents"
    )
    forced = f" ({pay.forced_surplus} forced by the minimum shifts)" if pay.forced_surplus else ""
    click.echo(f"Surplus:    {pay.surplus_shifts} shifts beyond the need{forced}")


@main.command()
@scenario_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("roster.xlsx"),
    show_default=True,
    help="The roster workbook to write.",
)
@solver_options(time_limit=60.0)
@click.option(
    "--preset",
    type=click.Choice(["fast", "balanced", "thorough"]),
    default="balanced",
    show_default=True,
    help="fast: stop within 2% of the best possible, large centres in slices; "
    "balanced: search to the time limit, centres of 600+ people start from slices; "
    "thorough: the whole month as one model, however large.",
)
@click.option("--quiet", is_flag=True, help="No live progress line.")
def solve(
    scenario: Path,
    output: Path,
    time_limit: float,
    workers: int,
    seed: int,
    preset: str,
    quiet: bool,
) -> None:
    """Make the roster of SCENARIO (an .xlsx workbook or a folder of CSV files)."""
    from roster.checks import check_roster, objective_of
    from roster.io import read_scenario
    from roster.reports.roster_workbook import write_roster_workbook
    from roster.solver import solve as run_solver

    problem = read_scenario(scenario)
    live = not quiet and sys.stderr.isatty()
    result = run_solver(
        problem,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        progress=_progress_line() if live else None,
        preset=preset,
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
    print_summary(result, output, problem)
    for v in violations:
        click.echo(f"  ! {v}", err=True)
    if result.roster is None or violations:
        sys.exit(EXIT_NO_ROSTER)


@main.command()
@scenario_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write the cover as a CSV in the cover sheet's columns (day, shift, "
    "requirement, min, source).",
)
def demand(scenario: Path, output: Path | None) -> None:
    """Show the cover SCENARIO's forecast asks for: agents per interval, seats per shift."""
    from roster.app.demand import demand as demand_of
    from roster.io import read_scenario
    from roster.io.tables import write_csv_atomic

    problem = read_scenario(scenario)
    report = demand_of(problem)
    rules = problem.rules
    if not report.has_forecast:
        click.echo(f"{report.name}: no forecast sheet; the cover table gives every seat.")
    else:
        click.echo(
            f"{report.name}: {report.rows} forecast rows, {report.minutes}-minute intervals, "
            f"target {rules.service_level:.0%} in {rules.answer_seconds} s, occupancy at most "
            f"{rules.max_occupancy:.0%}, shrinkage {rules.shrinkage:.0%} (a row may differ)."
        )
        _print_curve(report)
    _print_cover(problem, report)
    if output is not None:
        rows = [(c.date.isoformat(), c.shift, c.requirement, c.min, c.source) for c in report.cover]
        write_csv_atomic(output, ("day", "shift", "requirement", "min", "source"), rows)
        click.echo(f"Written:    {output}")


def _print_curve(report: DemandReport) -> None:
    """Agents to roster per interval, one column per day profile (calls in brackets)."""
    click.echo("\nAgents to roster per interval (Erlang C), by day profile: agents (calls)")
    labels = [p.label for p in report.profiles]
    width = max(12, *(len(label) for label in labels)) + 2 if labels else 14
    click.echo("  from " + "".join(label.rjust(width) for label in labels))
    curves = [{s: (calls, n) for s, calls, n in p.intervals} for p in report.profiles]
    for start in sorted({start for curve in curves for start in curve}):
        cells = []
        for curve in curves:
            found = curve.get(start)
            cells.append("-" if found is None else f"{found[1]} ({found[0]:g})")
        click.echo(f"  {start // 60:02d}:{start % 60:02d}" + "".join(c.rjust(width) for c in cells))


def _print_cover(problem: Scenario, report: DemandReport) -> None:
    """The seats per day and shift, grades as junior/mid/senior and roles by name."""
    from roster.model import GRADES

    click.echo("\nSeats per day and shift (junior/mid/senior; * = from the forecast):")
    table: dict[tuple[dt.date, str], dict[str, tuple[int, str]]] = {}
    for c in report.cover:
        table.setdefault((c.date, c.shift), {})[c.requirement] = (c.min, c.source)
    for day in problem.days:
        parts = []
        for shift in problem.shifts:
            needs = table.get((day, shift.code), {})
            grades = "/".join(str(needs.get(g, (0, ""))[0]) for g in GRADES)
            mark = "*" if any(needs.get(g, (0, ""))[1] == "forecast" for g in GRADES) else " "
            roles = " ".join(f"{r}={n}" for r, (n, _) in needs.items() if r not in GRADES and n > 0)
            parts.append(f"{shift.code} {grades}{mark} {roles}".rstrip())
        click.echo(f"  {day.isoformat()} {day:%a}   " + "   ".join(p.ljust(34) for p in parts))


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


def _print_changes(changes: Sequence[Change], names: dict[str, str]) -> None:
    click.echo(f"Changes:    {len(changes)}")
    for c in changes:
        click.echo(
            f"  {c.staff_id:<8} {names.get(c.staff_id, ''):<12} {c.date}  "
            f"{c.before or 'off':>4} -> {c.after or 'off':<4}  {c.why}"
        )


def _read_roster(roster_file: Path, problem: Scenario) -> Roster:
    """The roster as a person edited it (the Roster grid), with the reader's notes shown."""
    from roster.io import read_edited_roster

    edited = read_edited_roster(roster_file, problem)
    for note in edited.notes:
        click.echo(f"Note: {note}")
    return edited.roster


@main.command()
@scenario_argument
@roster_argument
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
@solver_options()
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
    from roster.io import read_scenario
    from roster.reports.roster_workbook import write_roster_workbook
    from roster.solver.repair import decide_leave

    problem = read_scenario(scenario)
    edited_roster = _read_roster(roster_file, problem)
    try:
        verdicts = leave_verdicts(problem, edited_roster, list(requests) or None)
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint="--request") from None
    pending = {lv.id for lv in problem.pending_leave}
    candidates = [v.request_id for v in verdicts if v.passes_rules and v.request_id in pending]
    repair = decide_leave(
        problem, edited_roster, candidates, time_limit=time_limit, workers=workers, seed=seed
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
@scenario_argument
@roster_argument
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
@solver_options()
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
    from roster.io import read_scenario
    from roster.reports.roster_workbook import write_roster_workbook
    from roster.solver.repair import replan as run_replan

    problem = read_scenario(scenario)
    edited_roster = _read_roster(roster_file, problem)
    try:
        repair = run_replan(
            problem,
            edited_roster,
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
@scenario_argument
@roster_argument
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
    from roster.io import read_scenario
    from roster.reports.annotated import annotate_roster_workbook

    problem = read_scenario(scenario)
    edited_roster = _read_roster(roster_file, problem)
    violations = check_roster(problem, edited_roster)
    names = {s.id: s.name for s in problem.staff}
    for v in violations:
        click.echo(_violation_line(v, names))
    total, items = objective_of(problem, edited_roster)
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


# -- swaps and the ledger ----------------------------------------------------------------

DEFAULT_DB = Path("roster-ledger.db")

_db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="The ledger: an SQLite file, created on first use.",
)
_date = click.DateTime(["%Y-%m-%d"])


def _current_roster(
    problem: Scenario, roster_file: Path | None, db: Path
) -> tuple[Roster, list[Swap]]:
    """The roster a swap applies to: a workbook, or the ledger's latest published roster
    with every registered swap applied; and the ledger's swaps (for S2/S3)."""
    from roster.ledger import Ledger

    swaps: list[Swap] = []
    if db.exists():
        with Ledger.open(db) as ledger:
            swaps = ledger.swaps()
            current = ledger.current_roster()
            version = ledger.latest_version()
        if roster_file is None and version is not None:
            _same_horizon(problem, version.start, version.end, version.id)
    else:
        current = None
    if roster_file is not None:
        return _read_roster(roster_file, problem), swaps
    if current is None:
        raise click.UsageError(f"no roster: give --roster ROSTER.xlsx or publish one to {db}")
    return current, swaps


def _same_horizon(problem: Scenario, start: dt.date, end: dt.date, version: int) -> None:
    if (start, end) != (problem.start, problem.end):
        raise click.UsageError(
            f"ledger version {version} covers {start}..{end}, "
            f"the scenario {problem.start}..{problem.end}"
        )


def _show_verdict(verdict: SwapVerdict) -> None:
    click.echo("Swap allowed." if verdict.allowed else "Swap refused.")
    for line in verdict.explain():
        click.echo(f"  {line}")


@main.command()
@roster_argument
@click.option(
    "--scenario",
    "scenario",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="The month's scenario.",
)
@_db_option
@click.option("--name", default="", help="A label for this version (default: file name).")
def publish(roster_file: Path, scenario: Path, db: Path, name: str) -> None:
    """Store a roster as the published version in the ledger."""
    from roster.io import read_scenario
    from roster.ledger import Ledger

    problem = read_scenario(scenario)
    edited_roster = _read_roster(roster_file, problem)
    with Ledger.open(db) as ledger:
        version = ledger.publish(
            edited_roster,
            name=name or roster_file.name,
            start=problem.start,
            end=problem.end,
            source=str(roster_file),
        )
    click.echo(f"Published version {version} ({len(edited_roster.assignments)} shifts) to {db}")


@main.group()
def swap() -> None:
    """Shift swaps (換班): check, suggest partners, and keep the ledger."""


def _swap_options(func: Callable[..., None]) -> Callable[..., None]:
    for option in reversed(
        [
            click.argument("scenario", type=click.Path(exists=True, path_type=Path)),
            click.option(
                "--roster",
                "roster_file",
                type=click.Path(exists=True, dir_okay=False, path_type=Path),
                help="Judge against this workbook instead of the ledger.",
            ),
            _db_option,
            click.option("--staff", required=True, help="Who hands over their shift (A)."),
            click.option(
                "--date", "first", required=True, type=_date, help="The day of A's shift."
            ),
        ]
    ):
        func = option(func)
    return func


@swap.command("check")
@_swap_options
@click.option("--with", "partner", required=True, help="Who takes the shift (B).")
@click.option("--payback", type=_date, help="The day A works B's shift in return.")
def swap_check(
    scenario: Path,
    roster_file: Path | None,
    db: Path,
    staff: str,
    first: dt.datetime,
    partner: str,
    payback: dt.datetime | None,
) -> None:
    """Is this swap allowed? Every swap rule S1-S8, with reasons."""
    from roster.io import read_scenario

    problem = read_scenario(scenario)
    roster, swaps = _current_roster(problem, roster_file, db)
    proposal = _proposal(problem, staff, first, partner, payback)
    verdict = _judge(problem, roster, proposal, swaps)
    _show_verdict(verdict)
    if not verdict.allowed:
        sys.exit(EXIT_NO_ROSTER)


def _judge(problem: Scenario, roster: Roster, proposal: Swap, swaps: list[Swap]) -> SwapVerdict:
    """The verdict, with a proposal the roster cannot hold (a day outside it) as bad input."""
    from roster.checks.swap import swap_verdict

    try:
        return swap_verdict(problem, roster, proposal, swaps)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None


def _proposal(
    problem: Scenario,
    staff: str,
    first: dt.datetime,
    partner: str,
    payback: dt.datetime | None,
) -> Swap:
    known = {s.id for s in problem.staff}
    for who, hint in ((staff, "--staff"), (partner, "--with")):
        if who not in known:
            raise click.BadParameter(f"unknown staff id {who!r}", param_hint=hint)
    return Swap("proposed", staff, first.date(), partner, payback.date() if payback else None)


@swap.command("suggest")
@_swap_options
@click.option("--limit", type=click.IntRange(min=1), default=10, show_default=True)
def swap_suggest(
    scenario: Path,
    roster_file: Path | None,
    db: Path,
    staff: str,
    first: dt.datetime,
    limit: int,
) -> None:
    """With whom could I swap? Valid partners and pay-back days, best first."""
    from roster.checks.swap import suggest_swaps
    from roster.io import read_scenario

    problem = read_scenario(scenario)
    if staff not in {s.id for s in problem.staff}:
        raise click.BadParameter(f"unknown staff id {staff!r}", param_hint="--staff")
    roster, swaps = _current_roster(problem, roster_file, db)
    try:
        found = suggest_swaps(problem, roster, staff, first.date(), swaps, limit=limit)
    except ValueError as err:
        raise click.BadParameter(str(err)) from None
    names = {s.id: s.name for s in problem.staff}
    if not found.options:
        click.echo("No valid swap partner.")
    for i, option in enumerate(found.options, start=1):
        s = option.swap
        back = f", pay-back {s.date_b}" if s.date_b else ""
        click.echo(f"{i:>3}. {s.staff_b:<8} {names.get(s.staff_b, ''):<12}{back}")
    if found.excluded:
        click.echo("Most often excluded because:")
        for reason, count in found.excluded[:5]:
            click.echo(f"  {count:>5} x {reason}")
    if not found.options:
        sys.exit(EXIT_NO_ROSTER)


@swap.command("request")
@_swap_options
@click.option("--with", "partner", required=True, help="Who takes the shift (B).")
@click.option("--payback", type=_date, help="The day A works B's shift in return.")
@click.option("--by", "requested_by", default="", help="Who asks (default: --staff).")
def swap_request(
    scenario: Path,
    roster_file: Path | None,
    db: Path,
    staff: str,
    first: dt.datetime,
    partner: str,
    payback: dt.datetime | None,
    requested_by: str,
) -> None:
    """Record a swap request in the ledger (after checking it)."""
    from roster.io import read_scenario
    from roster.ledger import Ledger

    problem = read_scenario(scenario)
    roster, swaps = _current_roster(problem, roster_file, db)
    proposal = _proposal(problem, staff, first, partner, payback)
    verdict = _judge(problem, roster, proposal, swaps)
    _show_verdict(verdict)
    if not verdict.allowed:
        sys.exit(EXIT_NO_ROSTER)
    with Ledger.open(db) as ledger:
        swap_id = ledger.request_swap(
            staff, proposal.date_a, partner, proposal.date_b, requested_by=requested_by or staff
        )
    click.echo(f"Recorded swap {swap_id}: needs both team leaders' approval, then register.")


@swap.command("approve")
@click.argument("swap_id", type=int)
@click.option(
    "--side",
    type=click.Choice(["a", "b"]),
    required=True,
    help="Whose team leader approves: a (the asker's) or b (the partner's).",
)
@click.option("--by", default="", help="The approving team leader.")
@_db_option
def swap_approve(swap_id: int, side: str, by: str, db: Path) -> None:
    """A team leader approves a requested swap (S1)."""
    from roster.ledger import Ledger

    with Ledger.open(db) as ledger:
        record = ledger.approve_swap(swap_id, "a" if side == "a" else "b", by=by)
    click.echo(f"Swap {swap_id}: {record.status}")


@swap.command("register")
@scenario_argument
@click.argument("swap_id", type=int)
@_db_option
def swap_register(scenario: Path, swap_id: int, db: Path) -> None:
    """Register an approved swap: S1-S8 are checked again inside the ledger's transaction."""
    from roster.checks.swap import swap_verdict
    from roster.io import read_scenario
    from roster.ledger import Ledger

    problem = read_scenario(scenario)
    with Ledger.open(db) as ledger:
        current = ledger.current_roster()
        if current is None:
            raise click.UsageError(f"no published roster in {db}")

        def check(candidate: Swap, others: list[Swap]) -> list[str]:
            verdict = swap_verdict(problem, current, candidate, others, for_registration=True)
            return [] if verdict.allowed else verdict.explain()

        record = ledger.register_swap(swap_id, check)
    click.echo(f"Swap {swap_id}: {record.status}")


@swap.command("cancel")
@click.argument("swap_id", type=int)
@click.option("--reason", default="")
@_db_option
def swap_cancel(swap_id: int, reason: str, db: Path) -> None:
    """Cancel a swap; a cancelled swap no longer counts or changes the roster."""
    from roster.ledger import Ledger

    with Ledger.open(db) as ledger:
        ledger.cancel_swap(swap_id, reason=reason)
    click.echo(f"Swap {swap_id}: cancelled")


@swap.command("list")
@click.option("--status", type=click.Choice(["requested", "approved", "registered", "cancelled"]))
@_db_option
def swap_list(status: str | None, db: Path) -> None:
    """The swaps in the ledger."""
    from roster.ledger import Ledger

    with Ledger.open(db) as ledger:
        records = ledger.swaps(status)
    for s in records:
        click.echo(
            f"{s.id:>4}  {s.status:<10} {s.staff_a} {s.date_a} <-> {s.staff_b} "
            f"{s.date_b or '-'}  leaders: {'A' if s.approved_by_a_leader else '-'}"
            f"{'B' if s.approved_by_b_leader else '-'}"
        )
    if not records:
        click.echo("No swaps.")


@main.command()
@scenario_argument
@_db_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("current.xlsx"),
    show_default=True,
)
def export(scenario: Path, db: Path, output: Path) -> None:
    """Write the current roster (published + registered swaps), swapped cells marked."""
    from roster.checks import check_roster, objective_of
    from roster.io import read_scenario
    from roster.ledger import Ledger
    from roster.reports.roster_workbook import write_roster_workbook

    problem = read_scenario(scenario)
    if not db.exists():
        raise click.UsageError(f"no ledger at {db}")
    with Ledger.open(db) as ledger:
        version = ledger.latest_version()
        current = ledger.current_roster()
        registered = ledger.swaps("registered")
    if version is None or current is None:
        raise click.UsageError(f"no published roster in {db}")
    _same_horizon(problem, version.start, version.end, version.id)
    objective, penalties = objective_of(problem, current)
    result = Result(
        SolveStatus.FEASIBLE,
        objective,
        None,
        0.0,
        current,
        tuple(penalties),
        settings=SolveSettings(source=f"ledger {db}, version {version.id}"),
    )
    changes: list[Change] = []
    for record in registered:
        cells = {
            (who, day)
            for who in (record.staff_a, record.staff_b)
            for day in (record.date_a, record.date_b)
            if day is not None
        }
        for who, day in sorted(cells):
            old, new = version.roster.shift_of(who, day), current.shift_of(who, day)
            if old != new:
                changes.append(Change(who, day, old, new, f"swap {record.id}"))
    write_roster_workbook(output, problem, result, check_roster(problem, current), changes=changes)
    click.echo(
        f"Written {output}: version {version.id} with {len(registered)} registered "
        f"swap(s), {len(changes)} changed cell(s)"
    )


# --------------------------------------------------------------------------------------
# roster sweep (issue 5, part C)
# --------------------------------------------------------------------------------------


@main.command()
@scenario_argument
@click.argument("variants_csv", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("sweep.xlsx"),
    show_default=True,
    help="The sweep workbook to write (one row per variant).",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Run on this Dask distributed scheduler (e.g. tcp://10.0.0.5:8786) instead of "
    "a local process pool; needs the 'cluster' extra.",
)
@click.option(
    "--processes",
    type=click.IntRange(min=1),
    help="Local worker processes (default: min(2, CPUs)).",
)
@solver_options(time_limit=30.0, workers=1, seed_help="Seed of rows without one.")
def sweep(
    scenario: Path,
    variants_csv: Path,
    output: Path,
    dask_address: str | None,
    processes: int | None,
    time_limit: float,
    workers: int,
    seed: int,
) -> None:
    """Solve every variant of VARIANTS_CSV (columns name, remove, add, demand, set, seed;
    several values in one cell separated by ';') against SCENARIO and tabulate them."""
    from roster.io import read_scenario
    from roster.reports.sweep_workbook import write_sweep_workbook
    from roster.sweep import SweepRow, check_variants, read_variant_rows, run_sweep

    problem = read_scenario(scenario)
    numbered = read_variant_rows(variants_csv, default_seed=seed)
    variants = [v for _, v in numbered]
    check_variants(problem, variants, [row for row, _ in numbered])
    where = f"Dask at {dask_address}" if dask_address else "local processes"
    click.echo(f"Sweep:      {len(variants)} variant(s) of {problem.name} on {where}", err=True)

    def run(on_done: Callable[[int], None] | None = None) -> list[SweepRow]:
        return run_sweep(
            problem,
            variants,
            time_limit=time_limit,
            workers=workers,
            processes=processes,
            dask_address=dask_address,
            on_done=on_done,
        )

    if sys.stderr.isatty():
        from rich.console import Console
        from rich.progress import Progress

        with Progress(console=Console(stderr=True), transient=True) as bar:
            task = bar.add_task("Solving variants", total=len(variants))
            rows = run(lambda _: bar.advance(task))
    else:
        rows = run()
    write_sweep_workbook(output, rows)
    for row in rows:
        objective = "-" if row.objective is None else f"{row.objective:,}"
        short = "-" if row.shortfall is None else str(row.shortfall)
        click.echo(f"  {row.name:<20} {row.status:<11} objective {objective:>10}   short {short}")
    click.echo(f"Written:    {output}")
    if any(r.status == "ERROR" or r.violations for r in rows):
        sys.exit(EXIT_NO_ROSTER)


# -- roster staffing (issue 5, part B) ---------------------------------------------------


@main.command()
@scenario_argument
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("staffing.xlsx"),
    show_default=True,
)
@click.option(
    "--from-zero",
    is_flag=True,
    help="Least headcount with existing staff set aside (default: keep them, hire on top).",
)
@solver_options(time_limit=60.0)
def staffing(
    scenario: Path, output: Path, from_zero: bool, time_limit: float, workers: int, seed: int
) -> None:
    """Least people per grade and role that meet every hard rule, and the rule that binds."""
    from roster.io import read_scenario
    from roster.reports.staffing_workbook import write_staffing_workbook
    from roster.solver.staffing import find_staffing, summary_lines

    problem = read_scenario(scenario)
    result = find_staffing(
        problem,
        mode="from_zero" if from_zero else "keep",
        time_limit=time_limit,
        workers=workers,
        seed=seed,
    )
    write_staffing_workbook(output, result)
    for line in summary_lines(result):
        click.echo(line)
    click.echo(f"Written {output}")
    if not result.rows:
        sys.exit(EXIT_NO_ROSTER)


# -- roster whatif (issue 5, part A) -------------------------------------------------------


@main.command()
@scenario_argument
@click.option("--remove", "remove", multiple=True, metavar="ID", help="Staff id to remove.")
@click.option("--add", "add", multiple=True, metavar="GRADE:N[:ROLES]", help="Hire N people.")
@click.option(
    "--demand", multiple=True, metavar="SHIFT[@DAYSPEC]:FACTOR", help="Scale a shift's cover."
)
@click.option("--set", "set_pairs", multiple=True, metavar="KEY=VALUE", help="Change config.")
@click.option("--name", default="variant", show_default=True, help="The variant's name.")
@solver_options(time_limit=60.0)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default="compare.xlsx"
)
def whatif(
    scenario: Path,
    remove: tuple[str, ...],
    add: tuple[str, ...],
    demand: tuple[str, ...],
    set_pairs: tuple[str, ...],
    name: str,
    time_limit: float,
    workers: int,
    seed: int,
    output: Path,
) -> None:
    """Solve the scenario and a variant of it with the same settings; compare them."""
    from roster.io import read_scenario
    from roster.reports.whatif_workbook import summary_lines, write_comparison_workbook
    from roster.whatif import apply_variant, compare, parse_variant

    problem = read_scenario(scenario)
    try:
        variant = parse_variant(name, remove, add, demand, set_pairs, seed)
        apply_variant(problem, variant)  # fail on a bad id or shift before any solving
    except ValueError as err:
        click.echo(f"Error: {err}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    comparison = compare(problem, variant, time_limit=time_limit, workers=workers, seed=seed)
    write_comparison_workbook(output, comparison)
    for line in summary_lines(comparison):
        click.echo(line)
    click.echo(f"Written {output}")


@main.group("import")
def import_() -> None:
    """Turn another format into a scenario folder to solve, check or edit."""


@import_.command("curtois")
@click.argument("instance", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="The scenario folder (or .xlsx workbook) to write.",
)
def import_curtois(instance: Path, output: Path) -> None:
    """A Curtois-Qu benchmark InstanceN.txt as a scenario with the same optimum."""
    from roster.io import write_scenario
    from roster.io.curtois import curtois_to_scenario, read_curtois

    try:
        scenario = curtois_to_scenario(read_curtois(instance), name=instance.stem)
    except ValueError as err:
        raise RosterInputError(f"{instance.name}: {err}") from None
    write_scenario(scenario, output)
    click.echo(
        f"Wrote {output}: {len(scenario.staff)} people, {len(scenario.shifts)} shift(s), "
        f"{scenario.start}..{scenario.end}."
    )
