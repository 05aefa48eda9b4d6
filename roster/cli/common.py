"""What every command shares: the ``roster`` group, the error mapping, the options that
recur, and the lines that print a result. No rule logic lives here.

Exit status: 0 success, 1 no roster (or a broken rule found), 2 bad input or usage.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

import click

from roster.exceptions import RosterError, RosterInputError, RosterUsageError
from roster.model import SOFT_RULES, Change, Result, Roster, Scenario

EXIT_NO_ROSTER = 1
EXIT_BAD_INPUT = 2


class RosterGroup(click.Group):
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


@click.group(cls=RosterGroup)
@click.version_option(package_name="roster")
def main() -> None:
    """Shift rosters for a 24/7 customer-service centre, built by CP-SAT from its rules."""


@main.group()
def swap() -> None:
    """Shift swaps (換班): check, suggest partners, and keep the ledger."""


@contextmanager
def as_usage() -> Iterator[None]:
    """A question the library cannot answer as asked becomes a usage error (exit 2)."""
    try:
        yield
    except RosterUsageError as err:
        raise click.UsageError(str(err)) from None


@contextmanager
def as_bad_parameter(hint: str | None = None) -> Iterator[None]:
    """A value the library refuses becomes a bad parameter (exit 2), named by ``hint``."""
    try:
        yield
    except ValueError as err:
        raise click.BadParameter(str(err), param_hint=hint) from None


scenario_argument = click.argument("scenario", type=click.Path(exists=True, path_type=Path))
"""SCENARIO: an .xlsx workbook or a folder of CSV files."""
roster_argument = click.argument(
    "roster_file",
    metavar="ROSTER.xlsx",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
)
"""ROSTER.xlsx: a roster workbook as written by ``roster solve`` (and perhaps edited)."""

DEFAULT_DB = Path("roster-ledger.db")

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    default=DEFAULT_DB,
    show_default=True,
    help="The ledger: an SQLite file; only publish creates it.",
)
by_option = click.option(
    "--by", default="system", show_default=True, help="Who does this, for the audit trail."
)
date_type = click.DateTime(["%Y-%m-%d"])


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


def read_roster(roster_file: Path, scenario: Scenario) -> Roster:
    """The roster as a person edited it (the Roster grid), with the reader's notes shown."""
    from roster.app.check import edited_roster

    roster, notes = edited_roster(scenario, roster_file)
    for note in notes:
        click.echo(f"Note: {note}")
    return roster


def print_costs(result: Result) -> None:
    """Each soft rule's cost, dearest first, with the number of items behind it."""
    costs = result.cost_by_rule()
    if not costs:
        return
    click.echo("Cost by rule:")
    for rule, cost in sorted(costs.items(), key=lambda kv: -kv[1]):
        count = sum(1 for p in result.penalties if p.rule == rule)
        click.echo(f"  {rule:<4} {SOFT_RULES.get(rule, ''):<40} {cost:>8,}  ({count} items)")


def print_changes(changes: Sequence[Change], names: dict[str, str]) -> None:
    click.echo(f"Changes:    {len(changes)}")
    for c in changes:
        click.echo(
            f"  {c.staff_id:<8} {names.get(c.staff_id, ''):<12} {c.date}  "
            f"{c.before or 'off':>4} -> {c.after or 'off':<4}  {c.why}"
        )


def not_over_inputs(output: Path | None, *inputs: Path | None) -> None:
    """Refuse (exit 2) an output that would overwrite an input: a workbook read, or a CSV
    file of a scenario folder."""
    if output is None:
        return
    target = output.resolve()
    for given in inputs:
        if given is None:
            continue
        source = given.resolve()
        if target == source or (
            source.is_dir() and target.parent == source and target.suffix.lower() == ".csv"
        ):
            raise click.UsageError(
                f"the output {output} would overwrite the input {given}; choose another -o"
            )


def day_of(value: dt.datetime | None) -> dt.date | None:
    return None if value is None else value.date()
