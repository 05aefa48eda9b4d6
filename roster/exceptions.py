"""The errors the library raises; the CLI maps them to messages and exit codes."""

from __future__ import annotations


class RosterError(Exception):
    """Base class of the roster library's own errors."""


class RosterInputError(RosterError, ValueError):
    """Broken input, located by sheet, row and column (exit status 2 on the command line).

    ``row`` is the spreadsheet row number as a person sees it (the header is row 1), or
    ``None`` when the problem is the sheet or file as a whole.
    """

    def __init__(
        self,
        message: str,
        *,
        sheet: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ) -> None:
        self.sheet = sheet
        self.row = row
        self.column = column
        self.detail = message
        super().__init__(self.format())

    def format(self) -> str:
        where = []
        if self.sheet:
            where.append(f"sheet '{self.sheet}'")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column:
            where.append(f"column '{self.column}'")
        prefix = ", ".join(where)
        return f"{prefix}: {self.detail}" if prefix else self.detail


class RosterUsageError(RosterError):
    """A question that cannot be answered as asked: no roster to judge a swap against, a
    ledger that holds another month. The command line shows its usage (exit status 2)."""
