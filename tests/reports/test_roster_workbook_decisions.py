"""The roster workbook of ``roster leave`` and ``roster replan``: the Leave sheet with a
pass/FAIL column per rule L1-L9 and the failed rules' reasons, and the Changes sheet with
the changed cells framed in the grid."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.worksheet import Worksheet

from roster.model import (
    Change,
    LeaveRequest,
    LeaveVerdict,
    Result,
    RuleOutcome,
    Scenario,
    SolveStatus,
)
from roster.reports import roster_workbook as rw
from roster.reports.roster_workbook import write_roster_workbook
from tests.helpers import day, tiny_scenario, valid_roster, with_grid
from tests.io.test_roster_grid import grid_cell


def _scenario() -> Scenario:
    return tiny_scenario(
        leave=(
            LeaveRequest("A", "J1", day(5), day(5), status="pending"),
            LeaveRequest("B", "J2", day(1), day(2), type="sick", status="pending"),
            LeaveRequest("C", "M1", day(3), day(3), status="pending"),
            LeaveRequest("D", "L1", day(2), day(2), status="pending"),
            LeaveRequest("E", "L2", day(0), day(0), status="approved"),
        )
    )


def _passes(*rules: str) -> tuple[RuleOutcome, ...]:
    return tuple(RuleOutcome(rule, True) for rule in rules)


CHANGE_HEADER = ("staff_id", "name", "date", "from", "to", "why")
L1_TO_L8 = tuple(f"L{i}" for i in range(1, 9))

VERDICTS = (
    LeaveVerdict("A", "J1", _passes(*L1_TO_L8), cover=True, cover_reason="cover allows it"),
    LeaveVerdict(
        "B",
        "J2",
        (
            RuleOutcome("L1", False, "requested 2 hours before the shift, needs 1 day"),
            *_passes("L2", "L3"),
            RuleOutcome("L4", False, "sick leave of a full day without a medical certificate"),
            *_passes("L5", "L6", "L7", "L8"),
        ),
    ),
    LeaveVerdict(
        "C",
        "M1",
        _passes(*L1_TO_L8),
        cover=False,
        cover_reason="nobody else can take the day shift of Thu 5 Mar",
    ),
    LeaveVerdict("D", "L1", _passes(*L1_TO_L8)),
)


@pytest.fixture(scope="module")
def decided(tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("decided") / "leave.xlsx"
    roster = with_grid(J1="DDDD---", L2="-DN--DN")
    changes = [
        Change("L2", day(1), None, "D", "covers L3's day shift"),
        Change("L3", day(2), "D", None, "on leave C"),
        Change("J2", day(0), "N", "D"),
    ]
    result = Result(SolveStatus.OPTIMAL, 0, 0.0, 0.2, roster)
    write_roster_workbook(path, _scenario(), result, leave_verdicts=VERDICTS, changes=changes)
    return openpyxl.load_workbook(path)


def _table(ws: Worksheet) -> list[dict[str, object]]:
    rows = list(ws.iter_rows(values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, r, strict=True)) for r in rows[1:]]


def test_leave_sheet_has_a_column_per_rule(decided: openpyxl.Workbook) -> None:
    ws = decided["Leave"]
    header = next(ws.iter_rows(max_row=1, values_only=True))
    assert header == (
        "id",
        "staff_id",
        "name",
        "start",
        "end",
        "type",
        "status",
        "verdict",
        *rw.LEAVE_RULES,
        "reasons",
        "note",
    )
    rows = {r["id"]: r for r in _table(ws)}
    a, b, c, d = rows["A"], rows["B"], rows["C"], rows["D"]
    assert a["verdict"] == "grant"
    assert [a[f"L{i}"] for i in range(1, 10)] == ["pass"] * 9
    assert a["reasons"] is None  # nothing failed: an empty cell
    assert b["verdict"] == "refused: L1, L4"
    assert [b[f"L{i}"] for i in range(1, 10)] == [
        "FAIL",
        "pass",
        "pass",
        "FAIL",
        "pass",
        "pass",
        "pass",
        "pass",
        None,  # L9 not decided for a request the rules refuse
    ]
    assert b["reasons"] == (
        "L1: requested 2 hours before the shift, needs 1 day; "
        "L4: sick leave of a full day without a medical certificate"
    )
    assert c["verdict"] == "refused: L9"
    assert c["L9"] == "FAIL"
    assert c["reasons"] == "L9: nobody else can take the day shift of Thu 5 Mar"
    assert d["verdict"] == "passes L1-L8"
    assert d["L9"] is None
    assert (b["name"], b["start"], b["end"], b["type"]) == (
        "J2",
        "2026-03-03",
        "2026-03-04",
        "sick",
    )


def test_request_without_a_verdict_keeps_the_roster_note(decided: openpyxl.Workbook) -> None:
    rows = {r["id"]: r for r in _table(decided["Leave"])}
    e = rows["E"]
    assert e["verdict"] == "approved"
    assert [e[f"L{i}"] for i in range(1, 10)] == [None] * 9
    assert "R8 respected" in str(e["note"])


def test_failures_are_red(decided: openpyxl.Workbook) -> None:
    ws = decided["Leave"]
    header = [c.value for c in ws[1]]
    row = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == "B")
    l1 = ws.cell(row=row, column=header.index("L1") + 1)
    assert l1.font.color.rgb.endswith(rw.FAIL_FONT)
    assert ws.cell(row=row, column=header.index("verdict") + 1).style == "rw_short"
    ok = next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == "A")
    assert not ws.cell(row=ok, column=header.index("L1") + 1).font.bold


def test_changes_sheet(decided: openpyxl.Workbook) -> None:
    assert decided.sheetnames == [
        "Roster",
        "Assignments",
        "Coverage",
        "Leave",
        "Changes",
        "Summary",
        "Duties",
    ]
    ws = decided["Changes"]
    assert list(ws.iter_rows(values_only=True)) == [
        CHANGE_HEADER,
        ("J2", "J2", "2026-03-02", "N", "D", None),
        ("L2", "L2", "2026-03-03", "off", "D", "covers L3's day shift"),
        ("L3", "L3", "2026-03-04", "D", "off", "on leave C"),
    ]


def test_changed_cells_are_framed_with_what_they_were(decided: openpyxl.Workbook) -> None:
    ws = decided["Roster"]
    row, col = grid_cell(ws, "L2", 1)
    cell = ws.cell(row=row, column=col)
    assert cell.value == "D"
    assert cell.font.bold
    assert cell.border.left.color.rgb.endswith(rw.CHANGE_BORDER)
    assert cell.border.top.style == "thin"
    assert cell.comment is not None
    assert cell.comment.text.startswith("was off (covers L3's day shift)")
    row, col = grid_cell(ws, "J2", 0)
    assert ws.cell(row=row, column=col).comment.text.startswith("was N")  # type: ignore[union-attr]
    row, col = grid_cell(ws, "J1", 0)
    untouched = ws.cell(row=row, column=col)
    assert untouched.border.left.color.rgb != "FF" + rw.CHANGE_BORDER
    assert untouched.comment is None
    legend = [ws.cell(row=r, column=6).value for r in range(1, ws.max_row + 1)]
    assert any("changed by the repair" in str(text) for text in legend)


def test_without_verdicts_or_changes_nothing_new(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    result = Result(SolveStatus.OPTIMAL, 0, 0.0, 0.2, valid_roster())
    write_roster_workbook(path, _scenario(), result)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == list(rw.SHEETS)
    header = next(wb["Leave"].iter_rows(max_row=1, values_only=True))
    assert header[-2:] == ("verdict", "note")
    legend = [wb["Roster"].cell(row=r, column=6).value for r in range(1, wb["Roster"].max_row + 1)]
    assert not any("changed by the repair" in str(text) for text in legend)


def test_empty_changes_still_write_the_sheet(tmp_path: Path) -> None:
    path = tmp_path / "none.xlsx"
    result = Result(SolveStatus.OPTIMAL, 0, 0.0, 0.2, valid_roster())
    write_roster_workbook(path, _scenario(), result, changes=[])
    ws = openpyxl.load_workbook(path)["Changes"]
    assert list(ws.iter_rows(values_only=True)) == [CHANGE_HEADER]
