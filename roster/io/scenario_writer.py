"""Write a Scenario back out as the scenario workbook of DESIGN.md (xlsx or folder of CSVs).

The writer is the reader's mirror: examples are generated in code and shipped as files, and
``roster whatif`` saves changed scenarios, so what is written must read back equal. Output
is written to a temporary sibling and renamed into place, so a crash or a bad value never
leaves a half-written scenario where a good one used to be.
"""

from __future__ import annotations

import calendar as std_calendar
import csv
import dataclasses
import datetime as dt
import os
import shutil
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook

from roster.io.xlsx import put, put_row
from roster.model import (
    IDENTITY_FIELDS,
    PERSON_FIELDS,
    ROLES,
    Assignment,
    FieldKind,
    Scenario,
    Staff,
)

Cell = str | int | float | None
"""A cell value: text, a number, or blank."""

SHEET_COLUMNS: dict[str, tuple[str, ...]] = {
    "config": ("key", "value"),
    "staff": (*IDENTITY_FIELDS, *(f.name for f in PERSON_FIELDS)),
    "shifts": ("code", "name", "start", "end", "night", "color"),
    "cover": ("day", "shift", "requirement", "min", "max", "weight_under", "weight_over"),
    "leave": (
        "id",
        "staff_id",
        "start",
        "end",
        "type",
        "status",
        "requested_at",
        "requested_by",
        "approved_by",
        "certificate",
        "phoned_team_leader",
        "weight",
    ),
    "requests": ("staff_id", "date", "shift", "kind", "weight"),
    "holidays": ("date", "name"),
    "history": ("staff_id", "date", "shift"),
    "swaps": (
        "id",
        "staff_a",
        "date_a",
        "staff_b",
        "date_b",
        "status",
        "approved_by_a_leader",
        "approved_by_b_leader",
    ),
    "roster": ("staff_id", "date", "shift"),
    "approvers": ("id", "role", "name"),
    "forecast": (
        "day",
        "interval",
        "calls",
        "aht",
        "service_level",
        "answer_seconds",
        "max_occupancy",
        "shrinkage",
    ),
}
"""Every sheet of the scenario workbook with its columns, in DESIGN.md's order."""

REQUIRED_SHEETS: tuple[str, ...] = ("config", "staff", "shifts", "cover")


def write_scenario(scenario: Scenario, path: Path) -> None:
    """Write ``scenario`` to ``path``: an ``.xlsx`` workbook by suffix, else a CSV folder.

    An existing folder is replaced only when it holds nothing but scenario sheets, so a
    mistyped path cannot wipe unrelated files.

    Parameters
    ----------
    scenario
        The scenario; :func:`roster.io.read_scenario` reads the output back equal to it.
    path
        ``<name>.xlsx`` for a workbook, any other path for a folder of ``<sheet>.csv``
        files (UTF-8, header row). Optional sheets are written only when non-empty.

    Raises
    ------
    FileExistsError
        When ``path`` is a folder holding files other than scenario sheets.
    NotADirectoryError, IsADirectoryError
        When ``path`` exists as a file where a folder goes, or the other way round.
    OSError
        When writing fails; the earlier file or folder at ``path`` is then left as it was.
    """
    path = Path(path)
    sheets = scenario_sheets(scenario)
    if path.suffix.lower() == ".xlsx":
        _write_xlsx_atomic(sheets, path)
    else:
        _write_csv_folder_atomic(sheets, path)


def scenario_sheets(scenario: Scenario) -> dict[str, list[list[Cell]]]:
    """Sheet name -> data rows (header not included), required sheets always, others if any."""
    width = _staff_width(scenario)
    sheets: dict[str, list[list[Cell]]] = {
        "config": _config_rows(scenario),
        "staff": [
            [
                s.id,
                s.name,
                s.grade,
                s.team,
                _roles(s.roles),
                s.job_type,
                *_staff_cells(s)[:width],
            ]
            for s in scenario.staff
        ],
        "shifts": [
            [sh.code, sh.name, _hhmm(sh.start), _hhmm(sh.end), _yes_no(sh.night), sh.color]
            for sh in scenario.shifts
        ],
        "cover": [
            [
                c.day,
                c.shift,
                c.requirement,
                c.min,
                c.max,
                *([c.weight_under, c.weight_over] if _cover_weighted(scenario) else []),
            ]
            for c in scenario.cover
        ],
    }
    optional: dict[str, list[list[Cell]]] = {
        "leave": [
            [
                lv.id,
                lv.staff_id,
                lv.start.isoformat(),
                lv.end.isoformat(),
                lv.type,
                lv.status,
                lv.requested_at.strftime("%Y-%m-%d %H:%M") if lv.requested_at else None,
                lv.requested_by,
                lv.approved_by,
                _yes_no(lv.certificate),
                _yes_no(lv.phoned_team_leader),
                *([lv.weight] if any(x.weight is not None for x in scenario.leave) else []),
            ]
            for lv in scenario.leave
        ],
        "requests": [
            [r.staff_id, r.date.isoformat(), r.shift, r.kind, r.weight] for r in scenario.requests
        ],
        "holidays": [[h.date.isoformat(), h.name] for h in scenario.holiday_changes],
        "history": _assignment_rows(scenario.history),
        "swaps": [
            [
                sw.id,
                sw.staff_a,
                sw.date_a.isoformat(),
                sw.staff_b,
                sw.date_b.isoformat() if sw.date_b else None,
                sw.status,
                _yes_no(sw.approved_by_a_leader),
                _yes_no(sw.approved_by_b_leader),
            ]
            for sw in scenario.swaps
        ],
        "roster": _assignment_rows(scenario.published),
        "approvers": [[a.id, a.role, a.name] for a in scenario.approvers],
        "forecast": _forecast_rows(scenario),
    }
    sheets.update({name: rows for name, rows in optional.items() if rows})
    return sheets


# -- cell formatting --------------------------------------------------------------------


def _staff_cells(person: Staff) -> list[Cell]:
    """The person's rule fields, one cell each in :data:`PERSON_FIELDS` order."""
    cells: list[Cell] = []
    for f in PERSON_FIELDS:
        value = getattr(person, f.name)
        if f.kind == FieldKind.FLAG:
            cells.append(_yes_no(value))
        elif f.kind == FieldKind.CAPS:
            cells.append(";".join(f"{code}={cap}" for code, cap in value) or None)
        else:  # FieldKind.COUNT
            cells.append(value)
    return cells


def _staff_width(scenario: Scenario) -> int:
    """How many rule columns the staff sheet has: the always-written ones, then the others
    up to the last one anybody uses, so a scenario without the newer limits writes the
    same sheet as before."""
    used = [i + 1 for i, f in enumerate(PERSON_FIELDS) if f.always]
    used += [
        i + 1
        for i, f in enumerate(PERSON_FIELDS)
        if any(f.is_set(person) for person in scenario.staff)
    ]
    return max(used, default=0)


def _config_rows(scenario: Scenario) -> list[list[Cell]]:
    rows: list[list[Cell]] = [["name", scenario.name]]
    if _is_calendar_month(scenario.start, scenario.end):
        rows.append(["month", scenario.start.strftime("%Y-%m")])
    else:
        rows.append(["start", scenario.start.isoformat()])
        rows.append(["end", scenario.end.isoformat()])
    rows.append(["country", scenario.country])
    for f in dataclasses.fields(scenario.rules):
        rows.append([f.name, _config_value(getattr(scenario.rules, f.name))])
    for f in dataclasses.fields(scenario.weights):
        value = getattr(scenario.weights, f.name)
        if value is not None:
            rows.append([f"weight_{f.name}", _config_value(value)])
    if scenario.forbidden_successions:
        pairs = ";".join(f"{first}>{second}" for first, second in scenario.forbidden_successions)
        rows.append(["forbidden_successions", pairs])
    written = {str(row[0]) for row in rows}
    rows.extend([key, value] for key, value in scenario.extra_config.items() if key not in written)
    return rows


def _config_value(value: object) -> Cell:
    if isinstance(value, bool):
        return _yes_no(value)
    if isinstance(value, int | float):
        return _number(value)
    return str(value)


def _is_calendar_month(start: dt.date, end: dt.date) -> bool:
    last = std_calendar.monthrange(start.year, start.month)[1]
    return start.day == 1 and end == start.replace(day=last)


def _roles(roles: Iterable[str]) -> str:
    """Roles in the model's order, so the same person always writes the same text."""
    return ";".join(sorted(roles, key=lambda r: (ROLES.index(r) if r in ROLES else len(ROLES), r)))


def _yes_no(flag: bool) -> str:
    return "yes" if flag else "no"


def _hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _cover_weighted(scenario: Scenario) -> bool:
    """Whether any cover row has its own weight (the two columns are written only then)."""
    return any(c.weight_under is not None or c.weight_over is not None for c in scenario.cover)


def _number(value: float | None) -> Cell:
    """A whole number as an int (``12``, not ``12.0``), else the float."""
    if value is None:
        return None
    return int(value) if float(value).is_integer() else value


def _forecast_rows(scenario: Scenario) -> list[list[Cell]]:
    """The forecast's rows; the four per-row overrides only when some row has one."""
    rows: list[list[Cell]] = []
    extra = any(
        value is not None
        for r in scenario.forecast
        for value in (r.service_level, r.answer_seconds, r.max_occupancy, r.shrinkage)
    )
    for r in scenario.forecast:
        row: list[Cell] = [r.day, _hhmm(r.start), _number(r.calls), _number(r.aht)]
        if extra:
            row += [
                _number(value)
                for value in (r.service_level, r.answer_seconds, r.max_occupancy, r.shrinkage)
            ]
        rows.append(row)
    return rows


def _assignment_rows(assignments: Sequence[Assignment]) -> list[list[Cell]]:
    return [[a.staff_id, a.date.isoformat(), a.shift] for a in assignments]


# -- files ------------------------------------------------------------------------------


def _header(name: str, rows: list[list[Cell]]) -> list[str]:
    """The sheet's columns; optional trailing ones (leave ``weight``, cover weights) only
    when used."""
    width = max((len(row) for row in rows), default=len(SHEET_COLUMNS[name]))
    return list(SHEET_COLUMNS[name][:width])


def _write_xlsx_atomic(sheets: dict[str, list[list[Cell]]], path: Path) -> None:
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder, not an .xlsx file.")
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for name, rows in sheets.items():
        ws = workbook.create_sheet(name)
        put_row(ws, 1, _header(name, rows))
        for r, row in enumerate(rows, start=2):
            for c, value in enumerate(row, start=1):
                if value is not None:  # a blank cell stays absent, as the reader expects
                    put(ws, r, c, value)  # "=HYPERLINK(...)" or "-" stays text, never a formula
        ws.freeze_panes = "A2"
    fd, tmp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        _save_workbook(workbook, tmp)
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def _save_workbook(workbook: Workbook, path: Path) -> None:
    workbook.save(path)


def _write_csv_folder_atomic(sheets: dict[str, list[list[Cell]]], path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(
            f"{path} exists and is not a folder; give a folder or a path ending in .xlsx."
        )
    if path.is_dir():
        foreign = sorted(
            p.name for p in path.iterdir() if p.suffix != ".csv" or p.stem not in SHEET_COLUMNS
        )
        if foreign:
            raise FileExistsError(
                f"{path} holds files that are not scenario sheets ({', '.join(foreign[:5])}); "
                "refusing to replace it."
            )
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp"))
    try:
        for name, rows in sheets.items():
            with (tmp / f"{name}.csv").open("w", encoding="utf-8", newline="") as fh:
                writer = csv.writer(fh, lineterminator="\n")
                writer.writerow(_header(name, rows))
                writer.writerows(["" if v is None else v for v in row] for row in rows)
        os.chmod(tmp, 0o777 & ~_umask())
        _replace_dir(tmp, path)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _replace_dir(new: Path, path: Path) -> None:
    """Swap ``new`` into ``path``; the old folder is restored if the second rename fails."""
    if not path.exists():
        os.replace(new, path)
        return
    old = Path(tempfile.mkdtemp(dir=path.parent, prefix=f".{path.name}.", suffix=".old"))
    os.rmdir(old)
    os.replace(path, old)
    try:
        os.replace(new, path)
    except BaseException:
        os.replace(old, path)
        raise
    shutil.rmtree(old, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
