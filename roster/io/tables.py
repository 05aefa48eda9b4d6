"""Plain tables in and out: a scenario file parsed into tables of text (no meaning
attached, row numbers kept: the builder in ``scenario_reader`` gives them meaning), and a
CSV file written whole or not at all."""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import os
import tempfile
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from openpyxl import load_workbook

from roster.exceptions import RosterInputError

WORKBOOK_SUFFIXES: tuple[str, ...] = (".xlsx", ".xlsm")


@dataclass(frozen=True)
class Table:
    """One sheet as text: lower-cased header names and the non-empty data rows.

    Each row is ``(row_number, {column: text})`` with the spreadsheet's own numbering
    (the header is row 1), so errors point at the row a person sees.
    """

    name: str
    columns: tuple[str, ...]
    rows: tuple[tuple[int, dict[str, str]], ...]
    source: str = ""
    """The CSV file the sheet came from (blank for a workbook sheet), for messages."""

    @property
    def has_header(self) -> bool:
        return bool(self.columns)


def cell_text(value: object) -> str:
    """Turn one cell into the text a person sees, so both formats feed the same checks.

    Whole numbers stay whole (``3``, not ``3.0``); date cells become ``YYYY-MM-DD``, date
    and time cells ``YYYY-MM-DD HH:MM`` and time cells ``HH:MM``, rounded to the minute
    because Excel stores times as binary fractions of a day.
    """
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        rounded = (value + dt.timedelta(seconds=30)).replace(second=0, microsecond=0)
        if rounded.hour == 0 and rounded.minute == 0:
            return rounded.date().isoformat()
        return rounded.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dt.time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        minutes = int((seconds + 30) // 60) % (24 * 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, dt.timedelta):
        minutes = round(value.total_seconds() / 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    return str(value).strip()


def _make_table(name: str, raw_rows: Iterable[Iterable[object]], source: str = "") -> Table:
    """Header from row 1, then every row with any text, numbered as in the spreadsheet."""
    rows: list[tuple[int, dict[str, str]]] = []
    iterator = iter(raw_rows)
    header = next(iterator, None)
    if header is None:
        return Table(name, (), (), source)
    header_text = [cell_text(v).lower() for v in header]
    seen: set[str] = set()
    for column in header_text:
        if column and column in seen:
            raise RosterInputError(
                f"duplicate column {column!r}; each column name may appear once",
                sheet=name,
                row=1,
                column=column,
            )
        seen.add(column)
    columns = header_text
    if not any(columns):
        if any(any(cell_text(v) for v in raw) for raw in iterator):
            raise RosterInputError(
                "row 1 is empty; expected the header row (column names) in row 1", sheet=name
            )
        return Table(name, (), (), source)
    named = [(i, c) for i, c in enumerate(columns) if c]
    for number, raw in enumerate(iterator, start=2):
        texts = [cell_text(v) for v in raw]
        if not any(texts):
            continue
        width = len(texts)
        rows.append((number, {c: texts[i] if i < width else "" for i, c in named}))
    return Table(name, tuple(c for c in columns if c), tuple(rows), source)


def _add_table(tables: dict[str, Table], table: Table, origin: str) -> None:
    if table.name in tables:
        raise RosterInputError(
            f"two sheets are named {table.name!r} (sheet names ignore case); {origin}",
            sheet=table.name,
        )
    tables[table.name] = table


def _read_csv_folder(folder: Path, sheets: Collection[str] | None) -> dict[str, Table]:
    tables: dict[str, Table] = {}
    files = [f for f in sorted(folder.iterdir()) if f.is_file() and f.suffix.lower() == ".csv"]
    if not files:
        raise RosterInputError(
            f"the folder {folder} holds no .csv files; expected config.csv, staff.csv, "
            "shifts.csv and cover.csv"
        )
    for file in files:
        name = file.stem.strip().lower()
        if sheets is not None and name not in sheets:
            continue
        try:
            with file.open(newline="", encoding="utf-8-sig") as handle:
                table = _make_table(name, csv.reader(handle), file.name)
        except UnicodeDecodeError:
            raise RosterInputError(
                f"{file.name} is not UTF-8 text; save it as 'CSV UTF-8'", sheet=name
            ) from None
        except OSError as exc:
            raise RosterInputError(
                f"{file.name} cannot be read ({exc.strerror})", sheet=name
            ) from None
        except csv.Error as exc:
            raise RosterInputError(
                f"{file.name} is not a valid CSV file ({exc})", sheet=name
            ) from None
        _add_table(tables, table, f"remove {file.name} or the other file")
    return tables


def _read_workbook(path: Path, sheets: Collection[str] | None) -> dict[str, Table]:
    if path.stat().st_size == 0:
        raise RosterInputError(f"{path.name} is empty (0 bytes); expected an .xlsx workbook")
    tables: dict[str, Table] = {}
    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except PermissionError as exc:
        raise RosterInputError(f"{path.name} cannot be opened ({exc.strerror})") from None
    except Exception as exc:  # zip, XML and OOXML errors: openpyxl raises many kinds
        raise RosterInputError(
            f"{path.name} is not an Excel workbook ({type(exc).__name__}); "
            "expected an .xlsx file saved by Excel, LibreOffice or this tool"
        ) from None
    try:
        for sheet in workbook.worksheets:
            name = sheet.title.strip().lower()
            if sheets is not None and name not in sheets:
                continue
            reset = getattr(sheet, "reset_dimensions", None)  # read-only sheets have it
            if reset is not None:
                reset()  # some writers store a wrong sheet size; read every row regardless
            rows = sheet.iter_rows(min_row=1, values_only=True)
            _add_table(tables, _make_table(name, rows), "rename one of them")
    except RosterInputError:
        raise
    except Exception as exc:  # a damaged sheet fails while streaming, in many ways
        raise RosterInputError(
            f"{path.name} is damaged and cannot be read ({type(exc).__name__}: {exc})"
        ) from None
    finally:
        workbook.close()
    return tables


def read_tables(path: Path, sheets: Collection[str] | None = None) -> dict[str, Table]:
    """Parse a workbook or a CSV folder into text tables keyed by lower-cased sheet name.

    Parameters
    ----------
    path
        An ``.xlsx`` workbook, or a folder holding one ``<sheet>.csv`` per sheet.
    sheets
        Lower-case names of the sheets wanted; others (notes, pivot tables) are skipped
        unread, so they can neither slow the reader down nor fail it. ``None``: all.

    Returns
    -------
    dict[str, Table]
        The sheets found; meaning is left to :func:`build_scenario`.

    Raises
    ------
    RosterInputError
        When the path is missing, of the wrong kind, or not readable as a workbook/CSV.
    """
    path = Path(path)
    if not path.exists():
        raise RosterInputError(f"{path} does not exist; expected an .xlsx workbook or a folder")
    if path.is_dir():
        return _read_csv_folder(path, sheets)
    if path.suffix.lower() in WORKBOOK_SUFFIXES:
        return _read_workbook(path, sheets)
    raise RosterInputError(
        f"{path.name}: unsupported file type {path.suffix or '(none)'!r}; expected an .xlsx "
        "workbook or a folder of CSV files (config.csv, staff.csv, shifts.csv, cover.csv, ...)"
    )


FORMULA_PREFIXES = ("=", "+", "-", "@")
"""A cell starting with one of these is a formula to a spreadsheet."""


def safe_text(value: object) -> object:
    """A text cell as a spreadsheet will show it, never run it: ``=1+2`` gets a leading
    apostrophe; numbers and blanks pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv_atomic(
    path: Path, header: Sequence[str], rows: Iterable[Sequence[object]], mode: int = 0o644
) -> None:
    """Write a UTF-8 CSV with ``header`` through a temporary file flushed to disk and renamed
    into place (``mode``: its permissions); text that a spreadsheet would run as a formula
    is written as text."""
    path = Path(path)
    fd, name = tempfile.mkstemp(
        dir=path.parent or Path("."), prefix=f".{path.name}.", suffix=".tmp"
    )
    tmp = Path(name)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(header)
            writer.writerows([safe_text(cell) for cell in row] for row in rows)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
