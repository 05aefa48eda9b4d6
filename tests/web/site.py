"""A small centre served by the web app, for the page tests and the browser walk.

The tiny week of tests/helpers.py (everyone in team T1, L1-L4 its team leaders), with:
* ``<script>`` as J2's name (escaping is tested on every page that shows names);
* a second team T2 with its leader L5 and junior agent K1, so that a team leader of
  another team can be refused;
* approvers H1 (department head), C1 (centre director) and B1 (manager), not rostered.
Everyone's password is ``PASSWORD``.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from roster.app.desk import set_password
from roster.app.record import publish
from roster.model import Approver, Scenario
from tests.helpers import VALID_GRID, person, roster_of, tiny_scenario

PASSWORD = "correct horse battery"
EVIL = "<script>alert(1)</script>"


def web_scenario(j2_team: str = "T1") -> Scenario:
    """``j2_team="T2"`` puts J2 under L5, so a swap of J1 and J2 needs two leaders."""
    base = tiny_scenario()
    staff = tuple(
        dataclasses.replace(p, name=EVIL, team=j2_team) if p.id == "J2" else p for p in base.staff
    )
    staff += (person("L5", "senior", "team_leader", team="T2"), person("K1", team="T2"))
    approvers = (
        Approver("H1", "department_head", "Head"),
        Approver("C1", "center_director", "Director"),
        Approver("B1", "manager", "Manager"),
    )
    return base.replace(staff=staff, approvers=approvers)


def web_roster():  # type: ignore[no-untyped-def]
    return roster_of({**VALID_GRID, "L5": "-------", "K1": "-------"})


def make_site(folder: Path, j2_team: str = "T1") -> tuple[Scenario, Path]:
    """Publish the week to a new ledger and give everyone a password."""
    scenario = web_scenario(j2_team)
    ledger = folder / "ledger.db"
    publish(scenario, ledger, web_roster(), name="week", source="tests")
    for who in [s.id for s in scenario.staff] + [a.id for a in scenario.approvers]:
        set_password(scenario, ledger, who, PASSWORD)
    return scenario, ledger
