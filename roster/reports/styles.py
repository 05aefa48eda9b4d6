"""The roster workbook's look: its colours, the named styles of its cells, and the plain
table that the long-form sheets share.

Styles are registered once per workbook as named styles, so each cell only copies a small
style index (a 1,000-person month has ~40,000 styled cells).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from roster.io.xlsx import put_row
from roster.model import Shift

# Colours (RGB hex). Public so tests and other writers can refer to them.
SHORT_FILL = "FFC7CE"
SHORT_FONT = "9C0006"
OVER_FILL = "FFEB9C"
HEADER_FILL = "D9E1F2"
WEEKEND_HEADER_FILL = "F8CBAD"
HOLIDAY_HEADER_FILL = "F4B084"
WEEKEND_FILL = "F2F2F2"
HOLIDAY_FILL = "FCE4D6"
LEAVE_FILL = "D9D9D9"
LEAVE_FONT = "595959"
CHANGE_BORDER = "ED7D31"
"""Orange frame of a grid cell that a repair changed (its comment says what it was)."""
FAIL_FONT = "C00000"
DAY_PALETTE: tuple[str, ...] = ("FFF2CC", "E2EFDA", "FFE699", "C6E0B4")
NIGHT_PALETTE: tuple[str, ...] = ("B4C6E7", "C9C9C9", "8EA9DB", "ACB9CA")

_THIN = Side(style="thin", color="A6A6A6")
_MEDIUM = Side(style="medium", color="404040")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_ORANGE = Side(style="thin", color=CHANGE_BORDER)
CHANGE_FRAME = Border(left=_ORANGE, right=_ORANGE, top=_ORANGE, bottom=_ORANGE)
_TEAM_BORDER = Border(left=_THIN, right=_THIN, top=_MEDIUM, bottom=_THIN)
_CENTER = Alignment(horizontal="center", vertical="center")
_LEFT = Alignment(horizontal="left", vertical="center")
_BASE_FONT = "Calibri"


def _fill(rgb: str) -> PatternFill:
    return PatternFill(fill_type="solid", start_color=rgb, end_color=rgb)


def cell_font(
    size: float = 10, *, bold: bool = False, italic: bool = False, color: str = "000000"
) -> Font:
    return Font(name=_BASE_FONT, size=size, bold=bold, italic=italic, color=color)


def _normalise_color(color: str | None) -> str | None:
    """``#ffcc00``/``FFCC00``/``80FFCC00`` -> ``FFCC00``; anything else -> None (use a default)."""
    if not color:
        return None
    text = color.strip().lstrip("#").upper()
    if re.fullmatch(r"[0-9A-F]{8}", text):
        text = text[2:]
    if re.fullmatch(r"[0-9A-F]{3}", text):
        text = "".join(ch * 2 for ch in text)
    return text if re.fullmatch(r"[0-9A-F]{6}", text) else None


def _is_dark(rgb: str) -> bool:
    r, g, b = (int(rgb[i : i + 2], 16) for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b < 128


def shift_colors(shifts: Sequence[Shift]) -> dict[str, str]:
    """Shift code -> fill colour: the shift's own colour, else light yellow for day-ish
    shifts and blue/grey for night-ish ones, so a printed roster reads at a glance."""
    out: dict[str, str] = {}
    day_i = night_i = 0
    for shift in shifts:
        own = _normalise_color(shift.color)
        if own is not None:
            out[shift.code] = own
        elif shift.night:
            out[shift.code] = NIGHT_PALETTE[night_i % len(NIGHT_PALETTE)]
            night_i += 1
        else:
            out[shift.code] = DAY_PALETTE[day_i % len(DAY_PALETTE)]
            day_i += 1
    return out


class Styles:
    """Named styles of one workbook; ``cell.style = name`` is cheap, building fonts per cell
    is not (a 1,000-person month has ~40,000 styled cells)."""

    def __init__(self, wb: Workbook, shifts: Sequence[Shift]) -> None:
        self._wb = wb
        self.shift: dict[str, str] = {}
        self._add("rw_title", font=cell_font(16, bold=True), alignment=_LEFT)
        self._add("rw_subtitle", font=cell_font(12, bold=True), alignment=_LEFT)
        bold = cell_font(10, bold=True)
        self._grid("rw_head", bold, HEADER_FILL)
        self._grid("rw_head_weekend", bold, WEEKEND_HEADER_FILL)
        self._grid("rw_head_holiday", bold, HOLIDAY_HEADER_FILL)
        self._add("rw_th", font=bold, fill=_fill(HEADER_FILL), border=_BORDER)
        plain = cell_font(10)
        for suffix, border in (("", _BORDER), ("_team", _TEAM_BORDER)):
            self._add(f"rw_text{suffix}", font=plain, border=border, alignment=_LEFT)
            self._add(f"rw_total{suffix}", font=plain, border=border, alignment=_CENTER)
            self._add(
                f"rw_hours{suffix}",
                font=plain,
                border=border,
                alignment=_CENTER,
                number_format="0.0",
            )
        self._grid("rw_off", plain)
        self._grid("rw_off_weekend", plain, WEEKEND_FILL)
        self._grid("rw_off_holiday", plain, HOLIDAY_FILL)
        self._grid("rw_leave", cell_font(9, bold=True, color=LEAVE_FONT), LEAVE_FILL)
        pending_font = cell_font(9, bold=True, italic=True, color=LEAVE_FONT)
        self._grid("rw_leave_pending", pending_font, LEAVE_FILL)
        for i, (code, rgb) in enumerate(shift_colors(shifts).items()):
            color = "FFFFFF" if _is_dark(rgb) else "000000"
            self.shift[code] = self._grid(
                f"rw_shift_{i}", cell_font(10, bold=True, color=color), rgb
            )
        self._grid("rw_shift_unknown", cell_font(10, bold=True, color="C00000"))
        self._grid("rw_cov_ok", cell_font(8))
        self._grid("rw_cov_none", cell_font(8, color="A6A6A6"))
        self._grid("rw_cov_short", cell_font(8, bold=True, color=SHORT_FONT), SHORT_FILL)
        self._grid("rw_cov_over", cell_font(8), OVER_FILL)
        self._add("rw_cov_label", font=cell_font(9, bold=True), border=_BORDER, alignment=_LEFT)
        self._add(
            "rw_short", font=cell_font(10, bold=True, color=SHORT_FONT), fill=_fill(SHORT_FILL)
        )
        self._add("rw_over", font=plain, fill=_fill(OVER_FILL))
        self._add("rw_reason", font=cell_font(14, bold=True, color="C00000"))
        self._add("rw_alert", font=cell_font(12, bold=True, color="C00000"))
        self._add("rw_bold", font=bold)

    def _grid(self, name: str, font: Font, fill: str | None = None) -> str:
        """A centred, bordered cell of the day grid."""
        self._add(
            name,
            font=font,
            fill=_fill(fill) if fill else None,
            border=_BORDER,
            alignment=_CENTER,
        )
        return name

    def _add(
        self,
        name: str,
        *,
        font: Font | None = None,
        fill: PatternFill | None = None,
        border: Border | None = None,
        alignment: Alignment | None = None,
        number_format: str | None = None,
    ) -> None:
        style = NamedStyle(name=name)
        if font is not None:
            style.font = font
        if fill is not None:
            style.fill = fill
        if border is not None:
            style.border = border
        if alignment is not None:
            style.alignment = alignment
        if number_format is not None:
            style.number_format = number_format
        self._wb.add_named_style(style)


def write_table(
    ws: Worksheet, header: Sequence[str], rows: Iterable[Sequence[Any]], widths: Sequence[float]
) -> int:
    """A plain table with a styled, frozen header row; returns the number of data rows."""
    put_row(ws, 1, header, "rw_th")
    n = 0
    for n, values in enumerate(rows, start=1):
        put_row(ws, n + 1, values)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
    ws.freeze_panes = "A2"
    return n


def fit_width(ws: Worksheet) -> None:
    """Print landscape, every column on one page's width, as many pages down as needed:
    a printed sheet never splits a row's columns across pages."""
    ws.page_setup.orientation = ws.ORIENTATION_LANDSCAPE
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
