"""The team lead's commands: make the month, see what the forecast asks for, check a
hand-edited roster, decide leave, re-plan after an absence, publish and export the
roster, approve and register swaps. Each parses, calls one ``roster.app`` question,
prints, and maps errors to exit codes."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from roster.cli.common import (
    EXIT_NO_ROSTER,
    as_bad_parameter,
    as_usage,
    by_option,
    db_option,
    main,
    not_over_inputs,
    print_changes,
    print_costs,
    read_roster,
    roster_argument,
    scenario_argument,
    solver_options,
    swap,
)
from roster.exceptions import RosterInputError
from roster.model import HARD_RULES, SOFT_RULES, Violation

if TYPE_CHECKING:
    from roster.app.demand import DemandReport
    from roster.app.month import MonthReport
    from roster.model import Scenario
    from roster.solver.solve import ProgressHook


# -- roster solve -----------------------------------------------------------------------


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


def print_summary(report: MonthReport, output: Path | None) -> None:
    """One screen a team lead can read: verdict, cost by rule, service and pay, reasons."""
    from roster.reports.service_sheet import headline

    result = report.result
    click.echo(f"Status:     {result.status.value}")
    if result.objective is not None:
        gap = f"{100 * result.gap:.2f}%" if result.gap is not None else "-"
        click.echo(f"Objective:  {result.objective:,}   (bound {result.bound:,.0f}, gap {gap})")
    click.echo(f"Time:       {result.wall_time:.1f} s")
    settings = result.settings
    if settings.preset is not None:
        slices = settings.slices or 1
        how = f", started from {slices} slices" if slices > 1 else ""
        click.echo(f"Search:     preset {settings.preset}{how}")
    if result.roster is not None:
        people = len({a.staff_id for a in result.roster.assignments})
        click.echo(f"Roster:     {len(result.roster.assignments)} shifts for {people} people")
        print_costs(result)
        if report.service is not None:
            click.echo(f"Service:    {headline(report.service)}")
        pay = report.pay
        if pay is not None:
            click.echo(
                f"Pay:        {pay.paid_hours:,.0f} h paid, {pay.premium_hours:,.0f} h at a "
                f"premium (holiday or paid rest day): {pay.cost_hours:,.0f} hour-equivalents"
            )
            forced = pay.forced_surplus
            why = f" ({forced} forced by the minimum shifts)" if forced else ""
            click.echo(f"Surplus:    {pay.surplus_shifts} shifts beyond the need{why}")
    for reason in result.reasons:
        click.echo(f"  - {reason}")
    if output is not None:
        click.echo(f"Written:    {output}")


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
    not_over_inputs(output, scenario)
    from roster.app.month import make_month
    from roster.io import read_scenario
    from roster.reports.roster_workbook import write_roster_workbook

    problem = read_scenario(scenario)
    live = not quiet and sys.stderr.isatty()
    report = make_month(
        problem,
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        preset=preset,
        progress=_progress_line() if live else None,
    )
    if live:
        click.echo("", err=True)
    if report.disagreement:
        click.echo(f"Warning: {report.disagreement}.", err=True)
    write_roster_workbook(output, problem, report.result, report.violations)
    print_summary(report, output)
    for v in report.violations:
        click.echo(f"  ! {v}", err=True)
    if not report.legal:
        sys.exit(EXIT_NO_ROSTER)


# -- roster demand ----------------------------------------------------------------------


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
    not_over_inputs(output, scenario)
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


# -- roster example ---------------------------------------------------------------------


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


# -- roster check -----------------------------------------------------------------------


def _violation_line(v: Violation, names: dict[str, str]) -> str:
    """``R5 REST  S012 Wang Li  2027-01-05 D: ...``: rule, who, when, what; blanks left out."""
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
    not_over_inputs(output, scenario, roster_file)
    from roster.app.check import check_file
    from roster.io import read_scenario
    from roster.reports.annotated import annotate_roster_workbook

    problem = read_scenario(scenario)
    report = check_file(problem, roster_file)
    for note in report.notes:
        click.echo(f"Note: {note}")
    names = {s.id: s.name for s in problem.staff}
    for v in report.violations:
        click.echo(_violation_line(v, names))
    click.echo(f"Objective:  {report.objective:,}")
    for rule, cost in sorted(report.cost_by_rule().items(), key=lambda kv: -sum(kv[1])):
        click.echo(
            f"  {rule:<4} {SOFT_RULES.get(rule, ''):<40} {sum(cost):>8,}  ({len(cost)} items)"
        )
    if output is not None:
        marked = annotate_roster_workbook(roster_file, output, list(report.violations), problem)
        click.echo(f"Written:    {output} ({marked} cell(s) marked)")
    if report.violations:
        rules = ", ".join(dict.fromkeys(v.rule for v in report.violations))
        click.echo(
            f"Verdict:    {len(report.violations)} hard-rule violation(s) ({rules}): not legal"
        )
        sys.exit(EXIT_NO_ROSTER)
    click.echo("Verdict:    no hard rule broken")


# -- roster leave and replan ------------------------------------------------------------


@main.command()
@scenario_argument
@click.argument(
    "roster_file",
    metavar="[ROSTER.xlsx]",
    required=False,
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
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    help="The ledger: its approved and registered swaps count for L8, and its current "
    "roster is judged when no ROSTER.xlsx is given.",
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
    roster_file: Path | None,
    requests: tuple[str, ...],
    db: Path | None,
    output: Path,
    time_limit: float,
    workers: int,
    seed: int,
) -> None:
    """Decide leave requests: rules L1-L8 for each, then which can be granted together (L9).

    The roster is ROSTER.xlsx, or the ledger's current roster (--db) when it is left out."""
    from roster.app.leave import decide
    from roster.io import read_scenario
    from roster.reports.roster_workbook import write_roster_workbook

    not_over_inputs(output, scenario, roster_file)
    if roster_file is None and db is None:
        raise click.UsageError("give ROSTER.xlsx, or --db LEDGER to judge its current roster")
    problem = read_scenario(scenario)
    edited = read_roster(roster_file, problem) if roster_file is not None else None
    with as_bad_parameter("--request"), as_usage():
        report = decide(
            problem,
            edited,
            requests,
            ledger_path=db,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
        )
    for v in report.verdicts:
        click.echo(f"{v.request_id:<10} {v.staff_id:<8} {v.verdict}")
        for outcome in v.failed:
            click.echo(f"    {outcome.rule}: {outcome.reason}")
        if v.cover is False:
            click.echo(f"    L9: {v.cover_reason}")
    repair = report.repair
    write_roster_workbook(
        output,
        repair.scenario,
        repair.result,
        leave_verdicts=report.verdicts,
        changes=repair.changes,
    )
    if not report.has_roster:
        for reason in repair.reasons:
            click.echo(f"  - {reason}")
        click.echo(f"No roster keeps every hard rule. Written: {output}")
        sys.exit(EXIT_NO_ROSTER)
    print_changes(repair.changes, {s.id: s.name for s in problem.staff})
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
    not_over_inputs(output, scenario, roster_file)
    from roster.app.replan import replan as replan_after
    from roster.io import read_scenario
    from roster.reports.roster_workbook import write_roster_workbook

    problem = read_scenario(scenario)
    edited = read_roster(roster_file, problem)
    with as_bad_parameter():
        repair = replan_after(
            problem,
            edited,
            absent,
            first.date(),
            last.date() if last else None,
            kind=kind,
            time_limit=time_limit,
            workers=workers,
            seed=seed,
        )
    write_roster_workbook(output, repair.scenario, repair.result, changes=repair.changes)
    if repair.result.roster is None:
        click.echo("No re-plan keeps every hard rule:")
        for reason in repair.reasons:
            click.echo(f"  - {reason}")
        click.echo(f"Written:    {output}")
        sys.exit(EXIT_NO_ROSTER)
    click.echo(f"Status:     {repair.result.status.value}")
    print_changes(repair.changes, {s.id: s.name for s in problem.staff})
    click.echo(f"Written:    {output}")


# -- the ledger: publish, export, approve and register swaps ----------------------------


@main.command()
@roster_argument
@click.option(
    "--scenario",
    "scenario",
    required=True,
    type=click.Path(exists=True, path_type=Path),
    help="The month's scenario.",
)
@db_option
@click.option("--name", default="", help="A label for this version (default: file name).")
@click.option(
    "--drop-conflicting",
    "on_conflict",
    flag_value="drop",
    help="Cancel the registered swaps that no longer hold on this roster.",
)
@click.option(
    "--keep-as-published",
    "on_conflict",
    flag_value="keep",
    help="This roster stands as it is; swaps that no longer hold still count but no longer apply.",
)
@by_option
def publish(
    roster_file: Path, scenario: Path, db: Path, name: str, on_conflict: str | None, by: str
) -> None:
    """Store a roster as the published version in the ledger (this starts a new ledger).

    Every registered swap of the month is judged again on the new roster first; if any
    no longer holds, nothing is published unless --drop-conflicting or
    --keep-as-published says what to do with them."""
    from roster.app.record import publish as publish_roster
    from roster.io import read_scenario
    from roster.ledger import RepublishRefused

    problem = read_scenario(scenario)
    edited = read_roster(roster_file, problem)
    try:
        done = publish_roster(
            problem,
            db,
            edited,
            name=name or roster_file.name,
            source=str(roster_file),
            on_conflict="drop" if on_conflict == "drop" else "keep" if on_conflict else "refuse",
            by=by,
        )
    except RepublishRefused as err:
        click.echo("Not published: registered swaps no longer hold on this roster:", err=True)
        for sid, why in err.conflicts:
            click.echo(f"  swap {sid}: {why}", err=True)
        click.echo(
            "Publish again with --drop-conflicting (cancel them) or --keep-as-published "
            "(the roster stands as it is; the swaps still count).",
            err=True,
        )
        sys.exit(EXIT_NO_ROSTER)
    click.echo(f"Published version {done.version} ({len(edited.assignments)} shifts) to {db}")
    for sid, why in done.dropped:
        click.echo(f"  dropped swap {sid}: {why}")
    for sid, why in done.kept:
        click.echo(f"  kept as published, swap {sid}: {why}")


@main.command()
@scenario_argument
@db_option
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("current.xlsx"),
    show_default=True,
)
def export(scenario: Path, db: Path, output: Path) -> None:
    """Write the current roster (published + registered swaps), swapped cells marked."""
    not_over_inputs(output, scenario)
    from roster.app.record import current
    from roster.io import read_scenario
    from roster.reports.roster_workbook import write_roster_workbook

    problem = read_scenario(scenario)
    with as_usage():
        found = current(problem, db)
    write_roster_workbook(
        output, problem, found.result, found.violations, changes=list(found.changes)
    )
    click.echo(
        f"Written {output}: version {found.version} with {found.swaps} registered "
        f"swap(s), {len(found.changes)} changed cell(s)"
    )


@swap.command("approve")
@scenario_argument
@click.argument("swap_id", type=int)
@click.option(
    "--side",
    type=click.Choice(["a", "b"]),
    help="Whose side: a (the asker's) or b (the partner's); default: every side whose "
    "person is in the approver's team.",
)
@click.option("--by", required=True, help="The approving team leader's staff id.")
@db_option
def swap_approve(scenario: Path, swap_id: int, side: str | None, by: str, db: Path) -> None:
    """A team leader approves a requested swap (S1): only the team leader of that side's
    person (the staff sheet's team and roles) may; the ledger keeps who and when."""
    from roster.app.swap import approve
    from roster.io import read_scenario

    problem = read_scenario(scenario)
    with as_usage():
        record = approve(
            problem, db, swap_id, by, None if side is None else "a" if side == "a" else "b"
        )
    click.echo(f"Swap {swap_id}: {record.status}")


@swap.command("register")
@scenario_argument
@click.argument("swap_id", type=int)
@db_option
@by_option
def swap_register(scenario: Path, swap_id: int, db: Path, by: str) -> None:
    """Register an approved swap: S1-S8 are checked again inside the ledger's transaction."""
    from roster.app.swap import register
    from roster.io import read_scenario

    problem = read_scenario(scenario)
    with as_usage():
        record = register(problem, db, swap_id, by)
    click.echo(f"Swap {swap_id}: {record.status}")


@swap.command("cancel")
@click.argument("swap_id", type=int)
@click.option("--reason", default="")
@db_option
@by_option
def swap_cancel(swap_id: int, reason: str, db: Path, by: str) -> None:
    """Cancel a swap; a cancelled swap no longer counts or changes the roster."""
    from roster.app.swap import cancel

    cancel(db, swap_id, reason, by)
    click.echo(f"Swap {swap_id}: cancelled")


@swap.command("list")
@click.option("--status", type=click.Choice(["requested", "approved", "registered", "cancelled"]))
@db_option
def swap_list(status: str | None, db: Path) -> None:
    """The swaps in the ledger."""
    from roster.app.swap import listing

    records = listing(db, status)
    for r in records:
        s = r.swap
        shifts = f" [{s.shift_a or '-'}/{s.shift_b or '-'}]" if s.status == "registered" else ""
        click.echo(
            f"{s.id:>4}  {s.status:<10} {s.staff_a} {s.date_a} <-> {s.staff_b} "
            f"{s.date_b or '-'}{shifts}  leaders: {r.approved_a_by or '-'}/"
            f"{r.approved_b_by or '-'}"
        )
    if not records:
        click.echo("No swaps.")


@main.group()
def ledger() -> None:
    """The ledger's own records."""


@ledger.command("log")
@db_option
@click.option("--subject", help="Only one row's entries, e.g. 'swap 12' or 'version 3'.")
def ledger_log(db: Path, subject: str | None) -> None:
    """The audit trail: every write to the ledger, who made it and when."""
    from roster.app.swap import audit

    entries = audit(db, subject)
    for e in entries:
        click.echo(
            f"{e.id:>5}  {e.at:%Y-%m-%d %H:%M:%S}  {e.actor:<10} {e.action:<9} "
            f"{e.subject:<12} {e.detail}"
        )
    if not entries:
        click.echo("No entries.")


# -- roster import ----------------------------------------------------------------------


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
