"""``roster users`` and ``roster serve`` from the command line: passwords from standard
input, first-login codes to a file, and bad input before any server starts."""

from __future__ import annotations

import csv
from pathlib import Path

from click.testing import CliRunner

from roster.app import desk
from roster.app.record import publish
from roster.cli import main
from roster.io import write_scenario
from tests.web.site import web_roster, web_scenario


def _ledger(tmp_path: Path) -> tuple[Path, Path]:
    scenario = web_scenario()
    folder = tmp_path / "scenario"
    write_scenario(scenario, folder)
    ledger = tmp_path / "ledger.db"
    publish(scenario, ledger, web_roster(), name="week", source="tests")
    return folder, ledger


def test_set_password_reads_standard_input_and_stores_a_hash(tmp_path: Path) -> None:
    folder, ledger = _ledger(tmp_path)
    args = ["users", "set-password", "J1", "--scenario", str(folder), "--db", str(ledger)]
    result = CliRunner().invoke(main, args, input="a long password\n")
    assert result.exit_code == 0, result.output
    assert desk.authenticate(ledger, "J1", "a long password") == "password"
    assert b"a long password" not in ledger.read_bytes()  # only the argon2 hash is kept
    unknown = CliRunner().invoke(
        main,
        ["users", "set-password", "NOBODY", "--scenario", str(folder), "--db", str(ledger)],
        input="a long password\n",
    )
    assert unknown.exit_code == 2
    assert "unknown staff id 'NOBODY'" in unknown.output


def test_import_writes_one_code_per_person(tmp_path: Path) -> None:
    folder, ledger = _ledger(tmp_path)
    out = tmp_path / "codes.csv"
    result = CliRunner().invoke(
        main, ["users", "import", str(folder), "--db", str(ledger), "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    # 9 staff and 3 approvers on the sheets, none with a password yet
    assert len(rows) == 12
    assert out.stat().st_mode & 0o777 == 0o600
    first = rows[0]
    assert desk.authenticate(ledger, first["id"], first["code"]) == "code"


def test_serve_refuses_a_missing_ledger_before_starting(tmp_path: Path) -> None:
    folder, _ = _ledger(tmp_path)
    result = CliRunner().invoke(main, ["serve", str(folder), "--db", str(tmp_path / "typo.db")])
    assert result.exit_code == 2
    assert "no ledger at" in result.output
    assert not (tmp_path / "typo.db").exists()
