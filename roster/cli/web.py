"""The web app's commands: ``roster serve`` starts it, ``roster users`` sets passwords
and first-login codes. Thin, like the rest of the command line."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from roster.cli.common import as_usage, main, not_over_inputs, scenario_argument

ledger_required = click.option(
    "--db",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="The ledger (publish a roster to start one).",
)


@main.command()
@scenario_argument
@ledger_required
@click.option("--host", default="127.0.0.1", show_default=True, help="Loopback unless told.")
@click.option("--port", type=int, default=8000, show_default=True)
@click.option(
    "--https-only",
    is_flag=True,
    help="Mark the session cookie Secure (behind a reverse proxy that serves HTTPS).",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=2,
    show_default=True,
    help="Worker processes (one per core): they share the ledger, sessions and login limits.",
)
def serve(scenario: Path, db: Path, host: str, port: int, https_only: bool, workers: int) -> None:
    """Start the centre's web app for SCENARIO's month on the ledger --db."""
    import os

    import uvicorn

    from roster.io import read_scenario
    from roster.ledger import Ledger
    from roster.web.security import session_secret

    problem = read_scenario(scenario)  # bad input: one line and exit 2, before any worker
    Ledger.open(db, create=False).close()  # a missing or broken ledger: exit 2 now
    session_secret(db)  # made once here, read by every worker
    os.environ.update(
        ROSTER_SCENARIO=str(scenario.resolve()),
        ROSTER_LEDGER=str(db.resolve()),
        ROSTER_HTTPS_ONLY="1" if https_only else "0",
    )
    click.echo(f"Serving {problem.name} on http://{host}:{port}/ (ledger {db}, {workers} workers)")
    uvicorn.run(
        "roster.web.server:from_environment",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        proxy_headers=https_only,
    )


@main.group()
def users() -> None:
    """Who may log in to the web app."""


@users.command("set-password")
@click.argument("staff_id")
@click.option(
    "--scenario",
    "scenario",
    type=click.Path(exists=True, path_type=Path),
    help="The month's scenario: STAFF_ID must then be on its staff or approvers sheet.",
)
@ledger_required
def set_password(staff_id: str, scenario: Path | None, db: Path) -> None:
    """Set STAFF_ID's password, read from standard input (one line)."""
    from roster.app.desk import set_password as store
    from roster.io import read_scenario

    problem = read_scenario(scenario) if scenario is not None else None
    password = sys.stdin.readline().rstrip("\r\n")
    with as_usage():
        store(problem, db, staff_id, password)
    click.echo(f"Password set for {staff_id}.")


@users.command("import")
@scenario_argument
@ledger_required
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=Path("first-login-codes.csv"),
    show_default=True,
    help="The codes to hand out (id, name, code); keep it safe, delete it after.",
)
def import_users(scenario: Path, db: Path, output: Path) -> None:
    """A one-time first-login code for everyone on the staff and approvers sheets who has
    no password yet; the first login with it asks for a password."""
    from roster.app.desk import import_users as make_codes
    from roster.io import read_scenario
    from roster.io.tables import write_csv_atomic

    not_over_inputs(output, scenario)
    problem = read_scenario(scenario)
    with as_usage():
        codes = make_codes(problem, db)
    write_csv_atomic(output, ["id", "name", "code"], codes, mode=0o600)
    click.echo(f"{len(codes)} first-login code(s) written to {output}")
