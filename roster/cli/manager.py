"""The manager's commands: what if the staff or the demand change, the least staff that
covers the month, and many variants at once. Each parses, calls one ``roster.app``
question, writes its workbook through ``roster.reports``, and prints a table."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from roster.cli.common import (
    EXIT_BAD_INPUT,
    EXIT_NO_ROSTER,
    main,
    not_over_inputs,
    scenario_argument,
    solver_options,
)

if TYPE_CHECKING:
    from roster.app.sweep import SweepRow


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
    not_over_inputs(output, scenario)
    from roster.app.whatif import apply_variant, compare, parse_variant
    from roster.io import read_scenario
    from roster.reports.whatif_workbook import summary_lines, write_comparison_workbook

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
    not_over_inputs(output, scenario)
    from roster.app.staffing import least_staff
    from roster.io import read_scenario
    from roster.reports.staffing_workbook import write_staffing_workbook
    from roster.solver.staffing import summary_lines

    problem = read_scenario(scenario)
    result = least_staff(
        problem, from_zero=from_zero, time_limit=time_limit, workers=workers, seed=seed
    )
    write_staffing_workbook(output, result)
    for line in summary_lines(result):
        click.echo(line)
    click.echo(f"Written {output}")
    if not result.rows:
        sys.exit(EXIT_NO_ROSTER)


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
    not_over_inputs(output, scenario, variants_csv)
    from roster.app.sweep import check_variants, read_variant_rows, run_sweep
    from roster.io import read_scenario
    from roster.reports.sweep_workbook import write_sweep_workbook

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
