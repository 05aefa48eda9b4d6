"""The roster as a person edited it: the ``Roster`` sheet's grid of typed shift codes.

Team leads do not edit the long ``Assignments`` sheet; they overtype cells of the printed
grid, in lower case, with stray spaces, with leave marks, and sometimes insert rows or widen
columns. This module reads that grid back (``read_edited_roster``) and finds it for
``roster.reports.annotated``, which writes a copy with the offending cells marked.

The grid is located by content, never by fixed coordinates: the header row is the one with
an ``id`` cell, the day columns are the header cells to its right that hold a day number
(or a date), and the people are the rows below it, up to the cover block.

Reading choices:

* A cell with two shift codes (``D/N``, ``D+N``, ``D N`` or run together as ``DN``) is two
  shifts on one day, so the checker flags it as R4 ONE SHIFT (and usually R5 REST) instead
  of the reader rejecting it: a double shift is a broken rule, not a typing error. This is
  also how the writer prints a double shift (``D/N``), so such a workbook reads back as is.
* A scenario shift code wins over a leave mark of the same spelling.
* A person of the scenario with no row in the grid is read as off every day, with a note.
* Rows below the people that are not people (a note under the grid, the cover block, the
  legend) are ignored once a blank row or the cover block's heading separates them.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook

from roster.exceptions import RosterInputError
from roster.io.roster_reader import (
    ASSIGNMENTS_SHEET,
    LEAVE_LABELS,
    PENDING_MARK,
    open_roster_workbook,
    read_assignments,
)
from roster.model import OFF, WEEKDAY_NAMES, Roster, Scenario

__all__ = [
    "GRID_SHEET",
    "OFF_MARKS",
    "EditedRoster",
    "Grid",
    "locate_grid",
    "open_workbook",
    "read_edited_roster",
    "sheet_rows",
]

GRID_SHEET = "Roster"
OFF_MARKS: frozenset[str] = frozenset({"", "-", "–", "—", OFF.casefold(), "休", "休息"})
"""Cell texts (compared case-insensitively) that mean "not working that day"."""

_ID_HEADERS = frozenset({"id", "staff_id", "staff id"})
_HEADER_SCAN_ROWS = 60
_SEPARATORS = re.compile(r"[\s/+,;&、，／＋]+")
_WEEKDAY_WORDS = frozenset(
    {w.casefold() for w in WEEKDAY_NAMES}
    | {"一", "二", "三", "四", "五", "六", "日", "天"}
    | {f"周{c}" for c in "一二三四五六日天"}
    | {f"星期{c}" for c in "一二三四五六日天"}
)
_MAX_SEGMENTED = 12
"""Longest run-together cell (``DN``) split into codes; longer text is just unknown."""


@dataclass(frozen=True)
class EditedRoster:
    """A roster read from a hand-edited workbook, with what a person should be told.

    ``notes`` are plain sentences (the grid and ``Assignments`` disagree, a person is
    missing from the grid, ...); ``leave_marks`` maps (staff id, day) to the leave type
    (``annual``, ``sick``, ...) whose mark the grid shows there; such days are off.
    """

    roster: Roster
    notes: tuple[str, ...] = ()
    leave_marks: dict[tuple[str, dt.date], str] = field(default_factory=dict)


# --------------------------------------------------------------------------------------
# Cell texts
# --------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    """A cell as the text a person sees: ``1001.0`` is ``1001``, full-width letters and
    spaces are folded (NFKC), surrounding whitespace (also non-breaking) is gone."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        value = value.date() if value.time() == dt.time() else value
    text = value.isoformat() if isinstance(value, dt.date) else str(value)
    return unicodedata.normalize("NFKC", text).strip()


def _leave_words() -> dict[str, str]:
    """Every spelling of a leave mark -> leave type: the writer's label (``AL``), its
    Chinese name (``年假``) and the type itself (``annual``), all case-folded."""
    words: dict[str, str] = {}
    for leave_type, (label, meaning) in LEAVE_LABELS.items():
        words[label.casefold()] = leave_type
        words[meaning.rsplit(" ", 1)[-1].casefold()] = leave_type
        words[leave_type.casefold()] = leave_type
        words[leave_type.replace("_", " ").casefold()] = leave_type
    return words


_LEAVE_WORDS = _leave_words()


class _Vocabulary:
    """What a day cell may say in this scenario: its shift codes, leave marks, off."""

    def __init__(self, scenario: Scenario) -> None:
        self.codes = [s.code for s in scenario.shifts]
        folded: dict[str, list[str]] = {}
        for code in self.codes:
            folded.setdefault(code.casefold(), []).append(code)
        self._exact = set(self.codes)
        self._folded = folded
        self._by_length = sorted(folded, key=len, reverse=True)

    def code(self, token: str) -> str | None:
        """The scenario's code for a token typed in any case (exact spelling first)."""
        if token in self._exact:
            return token
        matches = self._folded.get(token.casefold(), [])
        return matches[0] if len(matches) == 1 else None

    def segment(self, token: str) -> list[str] | None:
        """``DN`` -> ``[D, N]``: a run of codes typed without a separator, or None."""
        folded = token.casefold()
        if len(folded) > _MAX_SEGMENTED:
            return None

        def split(i: int) -> list[str] | None:
            if i == len(folded):
                return []
            for key in self._by_length:
                if folded.startswith(key, i) and len(self._folded[key]) == 1:
                    rest = split(i + len(key))
                    if rest is not None:
                        return [self._folded[key][0], *rest]
            return None

        return split(0)

    def expected(self) -> str:
        labels = ", ".join(label for label, _ in LEAVE_LABELS.values())
        return f"expected one of {', '.join(self.codes)}, a leave mark ({labels}) or blank"


@dataclass(frozen=True)
class _Cell:
    """What one day cell says: shift codes (two or more = a double shift), or leave."""

    codes: tuple[str, ...] = ()
    leave: str | None = None


_OFF_CELL = _Cell()


def _parse_cell(text: str, vocab: _Vocabulary) -> _Cell | None:
    """The meaning of a day cell's text, or None when it means nothing we know."""
    if text.casefold() in OFF_MARKS:
        return _OFF_CELL
    code = vocab.code(text)
    if code is not None:
        return _Cell((code,))
    leave = _LEAVE_WORDS.get(text.removesuffix(PENDING_MARK).strip().casefold())
    if leave is not None:
        return _Cell(leave=leave)
    tokens = [t for t in _SEPARATORS.split(text) if t]
    if len(tokens) > 1:
        codes = [vocab.code(t) for t in tokens]
        if all(c is not None for c in codes):
            return _Cell(tuple(c for c in codes if c is not None))
        return None
    codes_run = vocab.segment(text)
    return _Cell(tuple(codes_run)) if codes_run and len(codes_run) > 1 else None


def _is_header_like(value: Any) -> bool:
    """A weekday name or a day number/date: the header's second row, not a person's day."""
    return _text(value).casefold() in _WEEKDAY_WORDS or _day_value(value) is not None


def _day_value(value: Any) -> int | dt.date | None:
    """A header cell's day: a day number 1-31, or a date; None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return value if 1 <= value <= 31 else None
    text = _text(value)
    if re.fullmatch(r"\d{1,2}", text) and 1 <= int(text) <= 31:
        return int(text)
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    return None


# --------------------------------------------------------------------------------------
# Locating the grid
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Grid:
    """Where the grid is on the sheet (1-based rows and columns)."""

    header_row: int
    id_col: int
    day_cols: dict[dt.date, int]
    person_rows: dict[str, int]
    """Staff id -> row, in sheet order."""
    cover_rows: tuple[tuple[int, str], ...]
    """The cover block's rows (row, label such as ``D Day · senior``)."""


def _at(rows: Sequence[Sequence[Any]], row: int, col: int) -> Any:
    """Value at a 1-based (row, col), None outside the ragged table."""
    if row < 1 or row > len(rows) or col < 1:
        return None
    values = rows[row - 1]
    return values[col - 1] if col <= len(values) else None


def _is_end_marker(text: str) -> bool:
    """The headings the writer puts under the people: the cover block and the legend."""
    folded = text.casefold()
    return folded.startswith(("cover", "legend")) or "·" in text


def locate_grid(rows: Sequence[Sequence[Any]], scenario: Scenario) -> Grid:
    sheet = GRID_SHEET
    found = [
        (r, c)
        for r in range(1, min(len(rows), _HEADER_SCAN_ROWS) + 1)
        for c in range(1, len(rows[r - 1]) + 1)
        if _text(_at(rows, r, c)).casefold() in _ID_HEADERS
    ]
    # The header is the first "id" with days beside it (a title that says "id" is not).
    header_row, id_col = next(
        (
            (r, c)
            for r, c in found
            if any(
                _day_value(_at(rows, row, col)) is not None
                for row in (r, r + 1)
                for col in range(c + 1, len(rows[row - 1]) + 1 if row <= len(rows) else 0)
            )
        ),
        found[0] if found else (0, 0),
    )
    if not header_row:
        raise RosterInputError(
            "no grid header: expected a cell 'id' above the staff ids, with the day numbers "
            "of the month to its right",
            sheet=sheet,
        )
    day_cols = _locate_days(rows, scenario, header_row, id_col)
    person_rows, cover_rows = _locate_people(rows, scenario, header_row, id_col, day_cols)
    return Grid(header_row, id_col, day_cols, person_rows, cover_rows)


def _locate_days(
    rows: Sequence[Sequence[Any]], scenario: Scenario, header_row: int, id_col: int
) -> dict[dt.date, int]:
    """The day columns, checked against the horizon; the days may also sit on the row under
    ``id`` (the writer's weekday row) when a person typed dates there."""
    sheet = GRID_SHEET
    found: list[tuple[int, int | dt.date]] = []
    day_row = header_row
    for r in (header_row, header_row + 1):
        width = len(rows[r - 1]) if r <= len(rows) else 0
        found = [(c, d) for c in range(id_col + 1, width + 1) if (d := _day_value(_at(rows, r, c)))]
        if found:
            day_row = r
            break
    days = scenario.days
    horizon = f"{scenario.start.isoformat()} to {scenario.end.isoformat()}"
    if len(found) != len(days):
        span = (
            f" ({get_column_letter(found[0][0])}..{get_column_letter(found[-1][0])})"
            if found
            else ""
        )
        raise RosterInputError(
            f"the grid has {len(found)} day column(s){span} but the scenario's horizon "
            f"{horizon} has {len(days)} days",
            sheet=sheet,
            row=day_row,
        )
    out: dict[dt.date, int] = {}
    for (col, value), day in zip(found, days, strict=True):
        if value != day and value != day.day:
            shown = value.isoformat() if isinstance(value, dt.date) else f"day {value}"
            raise RosterInputError(
                f"the header says {shown} but this column is {day.isoformat()}, day "
                f"{(day - scenario.start).days + 1} of the horizon {horizon}; the grid's "
                "days must match the scenario",
                sheet=sheet,
                row=day_row,
                column=get_column_letter(col),
            )
        out[day] = col
    return out


def _staff_index(scenario: Scenario) -> tuple[set[str], dict[str, list[str]]]:
    exact = {s.id for s in scenario.staff}
    folded: dict[str, list[str]] = {}
    for staff_id in exact:
        folded.setdefault(staff_id.casefold(), []).append(staff_id)
    return exact, folded


def _staff_id(text: str, exact: set[str], folded: dict[str, list[str]]) -> str | None:
    if text in exact:
        return text
    matches = folded.get(text.casefold(), [])
    return matches[0] if len(matches) == 1 else None


def _locate_people(
    rows: Sequence[Sequence[Any]],
    scenario: Scenario,
    header_row: int,
    id_col: int,
    day_cols: dict[dt.date, int],
) -> tuple[dict[str, int], tuple[tuple[int, str], ...]]:
    """Person rows: from under the header to the last row naming a known person (and any
    rows stuck to it), stopping at the cover block; blank rows in between are spacers."""
    sheet = GRID_SHEET
    exact, folded = _staff_index(scenario)
    candidates: list[tuple[int, str]] = []
    end = len(rows) + 1
    for r in range(header_row + 1, len(rows) + 1):
        ident = _text(_at(rows, r, id_col))
        if ident and _is_end_marker(ident):
            end = r
            break
        candidates.append((r, ident))
    first = 0
    while first < len(candidates) and not candidates[first][1]:
        first += 1
    known = [i for i, (_, ident) in enumerate(candidates) if _staff_id(ident, exact, folded)]
    last = max(known[-1] if known else first - 1, first - 1)
    while last + 1 < len(candidates) and candidates[last + 1][1]:
        last += 1
    person_rows: dict[str, int] = {}
    id_letter = get_column_letter(id_col)
    for r, ident in candidates[: last + 1]:
        if not ident:
            for day, col in day_cols.items():
                value = _at(rows, r, col)
                text = _text(value)
                if text.casefold() not in OFF_MARKS and not _is_header_like(value):
                    raise RosterInputError(
                        f"{text!r} on {day.isoformat()} but no staff id in this row",
                        sheet=sheet,
                        row=r,
                        column=get_column_letter(col),
                    )
            continue
        staff_id = _staff_id(ident, exact, folded)
        if staff_id is None:
            raise RosterInputError(
                f"unknown staff id {ident!r}; expected an id of the scenario's staff",
                sheet=sheet,
                row=r,
                column=id_letter,
            )
        if staff_id in person_rows:
            raise RosterInputError(
                f"staff id {staff_id!r} already has row {person_rows[staff_id]}",
                sheet=sheet,
                row=r,
                column=id_letter,
            )
        person_rows[staff_id] = r
    cover_rows: list[tuple[int, str]] = []
    for r in range(end, len(rows) + 1):
        label = _text(_at(rows, r, id_col)) or _text(_at(rows, r, 1))
        if label.casefold().startswith("legend"):
            break
        if "·" in label:
            cover_rows.append((r, label))
    return person_rows, tuple(cover_rows)


# --------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------


def open_workbook(path: Path, *, read_only: bool) -> Workbook:
    """Read-only for reading values; a full load keeps formulas for the annotated copy."""
    wb: Workbook = open_roster_workbook(path, read_only=read_only)
    return wb


def sheet_rows(ws: Any) -> list[tuple[Any, ...]]:
    """All rows as value tuples; the sheet's declared size is not trusted (other tools
    write it wrong), so a read-only sheet re-measures itself."""
    if hasattr(ws, "reset_dimensions"):
        ws.reset_dimensions()
    return [tuple(values) for values in ws.iter_rows(values_only=True)]


def read_edited_roster(path: Path, scenario: Scenario) -> EditedRoster:
    """The roster of a (hand-edited) roster workbook, read from its ``Roster`` grid.

    Parameters
    ----------
    path
        A workbook written by ``write_roster_workbook``, possibly edited by hand.
    scenario
        The scenario the roster belongs to: its staff ids, shift codes and horizon.

    Returns
    -------
    EditedRoster
        The roster, notes for the person (the grid won over a disagreeing
        ``Assignments`` sheet, ...) and the leave marks found in the grid.

    Raises
    ------
    RosterInputError
        The file is missing or not a workbook, the grid cannot be found or its days are not
        the scenario's horizon, or a cell holds an unknown code or staff id (located by
        sheet, row and column letter).
    """
    path = Path(path)
    wb = open_workbook(path, read_only=True)
    try:
        if GRID_SHEET not in wb.sheetnames:
            if ASSIGNMENTS_SHEET not in wb.sheetnames:
                raise RosterInputError(
                    f"the workbook has no '{GRID_SHEET}' or '{ASSIGNMENTS_SHEET}' sheet "
                    f"(it has: {', '.join(wb.sheetnames)})",
                    sheet=GRID_SHEET,
                )
            roster = read_assignments(wb[ASSIGNMENTS_SHEET], ASSIGNMENTS_SHEET)
            note = (
                f"The workbook has no '{GRID_SHEET}' sheet; the '{ASSIGNMENTS_SHEET}' sheet "
                "was read instead."
            )
            return EditedRoster(roster, (note,))
        edited = _read_grid(sheet_rows(wb[GRID_SHEET]), scenario)
        if ASSIGNMENTS_SHEET in wb.sheetnames:
            note = _compare_with_assignments(wb[ASSIGNMENTS_SHEET], edited, scenario)
            if note:
                return EditedRoster(edited.roster, (*edited.notes, note), edited.leave_marks)
        return edited
    finally:
        wb.close()


def _read_grid(rows: Sequence[Sequence[Any]], scenario: Scenario) -> EditedRoster:
    grid = locate_grid(rows, scenario)
    vocab = _Vocabulary(scenario)
    entries: list[tuple[str, dt.date, str]] = []
    leave_marks: dict[tuple[str, dt.date], str] = {}
    for staff_id, r in grid.person_rows.items():
        for day, col in grid.day_cols.items():
            raw = _at(rows, r, col)
            text = _text(raw)
            cell = _parse_cell(text, vocab)
            if cell is None:
                shown = str(raw).strip() if isinstance(raw, str) else text
                raise RosterInputError(
                    f"unknown shift code {shown!r} on {day.isoformat()}; {vocab.expected()}",
                    sheet=GRID_SHEET,
                    row=r,
                    column=get_column_letter(col),
                )
            entries.extend((staff_id, day, code) for code in cell.codes)
            if cell.leave is not None:
                leave_marks[(staff_id, day)] = cell.leave
    notes: list[str] = []
    missing = [s.id for s in scenario.staff if s.id not in grid.person_rows]
    if missing:
        shown = ", ".join(missing[:5]) + (", ..." if len(missing) > 5 else "")
        notes.append(
            f"{len(missing)} of the scenario's staff have no row in the Roster grid "
            f"({shown}); they are read as off every day."
        )
    return EditedRoster(Roster.from_rows(entries), tuple(notes), leave_marks)


def _compare_with_assignments(ws: Any, edited: EditedRoster, scenario: Scenario) -> str:
    """A sentence when the ``Assignments`` sheet says something else than the grid."""
    try:
        other = read_assignments(ws, ASSIGNMENTS_SHEET)
    except RosterInputError as err:
        return f"The Assignments sheet could not be read ({err}); the Roster grid was used."
    grid = {k: sorted(v) for k, v in edited.roster.by_person_day().items()}
    sheet = {k: sorted(v) for k, v in other.by_person_day().items()}
    order = {s.id: i for i, s in enumerate(scenario.staff)}
    differ = sorted(
        (key for key in grid.keys() | sheet.keys() if grid.get(key) != sheet.get(key)),
        key=lambda k: (k[1], order.get(k[0], len(order)), k[0]),
    )
    if not differ:
        return ""
    staff_id, day = differ[0]

    def shown(codes: list[str] | None) -> str:
        return "/".join(codes) if codes else "off"

    cells = "cell" if len(differ) == 1 else "cells"
    return (
        f"The Roster grid and the Assignments sheet disagree on {len(differ)} {cells} "
        f"(first: {staff_id} on {day.isoformat()}: grid {shown(grid.get((staff_id, day)))}, "
        f"Assignments {shown(sheet.get((staff_id, day)))}); the grid wins."
    )
