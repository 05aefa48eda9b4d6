"""The agent's commands: may I swap my shift, with whom could I, and ask for it. Each
parses, calls ``roster.app.swap``, prints every swap rule's verdict, and maps errors to
exit codes."""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from roster.cli.common import (
    EXIT_NO_ROSTER,
    as_bad_parameter,
    as_usage,
    date_type,
    db_option,
    read_roster,
    swap,
)

if TYPE_CHECKING:
    from roster.checks.swap import SwapVerdict
    from roster.model import Roster, Scenario, Swap


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
            db_option,
            click.option("--staff", required=True, help="Who hands over their shift (A)."),
            click.option(
                "--date", "first", required=True, type=date_type, help="The day of A's shift."
            ),
        ]
    ):
        func = option(func)
    return func


def _roster_and_swaps(
    problem: Scenario, roster_file: Path | None, db: Path
) -> tuple[Roster, list[Swap]]:
    from roster.app.swap import current_roster

    given = read_roster(roster_file, problem) if roster_file is not None else None
    with as_usage():
        return current_roster(problem, db, given)


def _proposal(
    problem: Scenario, staff: str, first: dt.datetime, partner: str, payback: dt.datetime | None
) -> Swap:
    from roster.app.swap import proposal

    try:
        return proposal(problem, staff, first.date(), partner, payback.date() if payback else None)
    except KeyError as err:
        hint = "--staff" if err.args[0] == staff else "--with"
        raise click.BadParameter(f"unknown staff id {err.args[0]!r}", param_hint=hint) from None


def _show_verdict(verdict: SwapVerdict) -> None:
    click.echo("Swap allowed." if verdict.allowed else "Swap refused.")
    for line in verdict.explain():
        click.echo(f"  {line}")


@swap.command("check")
@_swap_options
@click.option("--with", "partner", required=True, help="Who takes the shift (B).")
@click.option("--payback", type=date_type, help="The day A works B's shift in return.")
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
    from roster.app.swap import check
    from roster.io import read_scenario

    problem = read_scenario(scenario)
    roster, swaps = _roster_and_swaps(problem, roster_file, db)
    proposed = _proposal(problem, staff, first, partner, payback)
    with as_bad_parameter():
        verdict = check(problem, roster, proposed, swaps)
    _show_verdict(verdict)
    if not verdict.allowed:
        sys.exit(EXIT_NO_ROSTER)


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
    from roster.app.swap import suggest
    from roster.io import read_scenario

    problem = read_scenario(scenario)
    if staff not in {s.id for s in problem.staff}:
        raise click.BadParameter(f"unknown staff id {staff!r}", param_hint="--staff")
    roster, swaps = _roster_and_swaps(problem, roster_file, db)
    with as_bad_parameter():
        found = suggest(problem, roster, staff, first.date(), swaps, limit)
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
@click.option("--payback", type=date_type, help="The day A works B's shift in return.")
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
    from roster.app.swap import check, request
    from roster.io import read_scenario

    problem = read_scenario(scenario)
    roster, swaps = _roster_and_swaps(problem, roster_file, db)
    proposed = _proposal(problem, staff, first, partner, payback)
    with as_bad_parameter():
        verdict = check(problem, roster, proposed, swaps)
    _show_verdict(verdict)
    if not verdict.allowed:
        sys.exit(EXIT_NO_ROSTER)
    swap_id = request(db, proposed, requested_by or staff)
    click.echo(f"Recorded swap {swap_id}: needs both team leaders' approval, then register.")
