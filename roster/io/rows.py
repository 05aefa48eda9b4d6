"""One data row of a scenario sheet with typed accessors that raise located errors (sheet,
row as a person sees it, column), and the parsers of the values a sheet holds."""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from roster.exceptions import RosterInputError

_T = TypeVar("_T")


def one_of(values: Iterable[str]) -> str:
    """``a, b or c`` for error messages."""
    items = [v for v in values if v]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " or " + items[-1]


TIME_RE = re.compile(r"(\d{1,2}):(\d{2})(?::(\d{2}))?")
DATE_RE = re.compile(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})")
DATETIME_RE = re.compile(r"(\d{4}[-/]\d{1,2}[-/]\d{1,2})(?:[ T](\d{1,2}:\d{2})(?::\d{2})?)?")
MONTH_RE = re.compile(r"(\d{4})[-/](\d{1,2})(?:[-/]0?1)?")
COLOR_RE = re.compile(r"#?[0-9A-Fa-f]{6}")
TRUE = frozenset({"yes", "y", "true", "1"})
FALSE = frozenset({"no", "n", "false", "0"})


def parse_int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        number = float(text)  # "3.0" from a CSV saved by a spreadsheet
        if not number.is_integer():
            raise
        return int(number)


def parse_number(text: str) -> float:
    """A decimal number; ``80%`` is 0.8, as a spreadsheet shows a share."""
    if text.endswith("%"):
        return float(text[:-1]) / 100
    number = float(text)
    if not math.isfinite(number):
        raise ValueError(text)
    return number


def parse_bool(text: str) -> bool:
    lowered = text.lower()
    if lowered in TRUE:
        return True
    if lowered in FALSE:
        return False
    raise ValueError(text)


def parse_time(text: str) -> int:
    """HH:MM -> minutes after midnight; ``24:00`` is midnight, the end of a late shift."""
    match = TIME_RE.fullmatch(text)
    if not match:
        raise ValueError(text)
    hours, minutes = int(match[1]), int(match[2])
    if match[3] is not None and int(match[3]) != 0:
        raise ValueError(text)
    if minutes >= 60 or hours > 24 or (hours == 24 and minutes):
        raise ValueError(text)
    return (hours * 60 + minutes) % (24 * 60)


def parse_date(text: str) -> dt.date:
    match = DATE_RE.fullmatch(text)
    if not match:
        raise ValueError(text)
    return dt.date(int(match[1]), int(match[2]), int(match[3]))


def parse_datetime(text: str) -> dt.datetime:
    """``YYYY-MM-DD[ HH:MM[:SS]]``; seconds are dropped, since rules count in minutes."""
    match = DATETIME_RE.fullmatch(text)
    if not match:
        raise ValueError(text)
    day = parse_date(match[1])
    minutes = parse_time(match[2]) if match[2] else 0
    if match[2] and match[2].startswith("24"):
        raise ValueError(text)
    return dt.datetime.combine(day, dt.time(minutes // 60, minutes % 60))


class Row:
    """One data row with typed accessors that raise located errors."""

    __slots__ = ("cells", "number", "sheet")

    def __init__(self, sheet: str, number: int, cells: dict[str, str]) -> None:
        self.sheet = sheet
        self.number = number
        self.cells = cells

    def error(self, column: str | None, message: str) -> RosterInputError:
        return RosterInputError(message, sheet=self.sheet, row=self.number, column=column)

    def text(self, column: str, default: str = "") -> str:
        return self.cells.get(column, "") or default

    def required(self, column: str, expected: str) -> str:
        value = self.cells.get(column, "")
        if not value:
            raise self.error(column, f"missing value; expected {expected}")
        return value

    def convert(self, column: str, value: str, parse: Callable[[str], _T], expected: str) -> _T:
        try:
            return parse(value)
        except ValueError:
            raise self.error(column, f"{value!r} is not valid; expected {expected}") from None

    def int_or_none(self, column: str, *, minimum: int = 0) -> int | None:
        value = self.text(column)
        if not value:
            return None
        expected = f"a whole number >= {minimum}"
        number = self.convert(column, value, parse_int, expected)
        if number < minimum:
            raise self.error(column, f"{value!r} is too small; expected {expected}")
        return number

    def int_(self, column: str, default: int | None = None, *, minimum: int = 0) -> int:
        number = self.int_or_none(column, minimum=minimum)
        if number is not None:
            return number
        if default is None:
            raise self.error(column, f"missing value; expected a whole number >= {minimum}")
        return default

    def decimal(self, column: str, *, positive: bool = False) -> float:
        expected = "a number > 0" if positive else "a number >= 0"
        value = self.required(column, expected)
        number = self.convert(column, value, parse_number, expected)
        if number < 0 or (positive and number == 0):
            raise self.error(column, f"{value!r} is out of range; expected {expected}")
        return number

    def decimal_or_none(self, column: str) -> float | None:
        return self.decimal(column) if self.text(column) else None

    def bool_(self, column: str, default: bool) -> bool:
        value = self.text(column)
        if not value:
            return default
        return self.convert(column, value, parse_bool, "yes or no")

    def date(self, column: str) -> dt.date:
        value = self.required(column, "a date (YYYY-MM-DD)")
        return self.convert(column, value, parse_date, "a date (YYYY-MM-DD)")

    def date_or_none(self, column: str) -> dt.date | None:
        value = self.text(column)
        if not value:
            return None
        return self.convert(column, value, parse_date, "a date (YYYY-MM-DD)")

    def time(self, column: str) -> int:
        value = self.required(column, "a time of day (HH:MM, 00:00 to 24:00)")
        return self.convert(column, value, parse_time, "a time of day (HH:MM, 00:00 to 24:00)")

    def choice(self, column: str, allowed: Iterable[str], what: str, default: str = "") -> str:
        allowed = tuple(allowed)
        value = self.text(column).lower() or default
        if value not in allowed:
            if not value:
                raise self.error(column, f"missing value; expected {one_of(allowed)}")
            shown = self.text(column)
            raise self.error(column, f"unknown {what} {shown!r}; expected {one_of(allowed)}")
        return value


@contextmanager
def located(row: Row, column: str | None = None) -> Iterator[None]:
    """Turn a model constructor's ValueError into an error located at the row (and the
    column, when one value alone is being checked)."""
    try:
        yield
    except RosterInputError:
        raise
    except ValueError as exc:
        raise row.error(column, str(exc)) from None
