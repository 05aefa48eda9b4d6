"""Swaps applied to a published roster: the roster in force, and which cells changed.

A swap hands A's shift on ``date_a`` to B and B's shift on ``date_b`` to A; when both
days are one day (a same-day exchange) the two trade shifts. A registered swap carries
the codes it exchanged (``shift_a``, ``shift_b``): a half applies only where the giver
still has that shift, and a half already in the roster (an export of the current roster
published again) is not applied twice.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from roster.model import Assignment, Roster, Swap

Cells = dict[tuple[str, dt.date], list[str]]


def apply_swaps(roster: Roster, swaps: Iterable[Swap]) -> tuple[Roster, set[tuple[str, dt.date]]]:
    """The roster after ``swaps`` in order, and the (staff, day) cells they changed."""
    cells: Cells = {}
    for a in roster.assignments:
        cells.setdefault((a.staff_id, a.date), []).append(a.shift)
    changed: set[tuple[str, dt.date]] = set()
    for swap in swaps:
        changed |= apply_one(cells, swap)
    result = Roster(
        tuple(
            Assignment(staff, day, code) for (staff, day), codes in cells.items() for code in codes
        )
    )
    return result, changed


def apply_one(cells: Cells, swap: Swap) -> set[tuple[str, dt.date]]:
    """Apply one swap to ``cells`` in place, whole or not at all; the cells it changed
    (none: it does not apply, e.g. the roster already shows it or its shifts moved)."""
    a, b = swap.staff_a, swap.staff_b
    if swap.date_b == swap.date_a:
        return _exchange(cells, swap)
    halves = [(a, b, swap.date_a, swap.shift_a)]
    if swap.date_b is not None:
        halves.append((b, a, swap.date_b, swap.shift_b))
    if not all(_can_hand_over(cells, *half) for half in halves):
        return set()
    changed: set[tuple[str, dt.date]] = set()
    for giver, receiver, day, _ in halves:
        cells[(receiver, day)] = cells.pop((giver, day))
        changed |= {(giver, day), (receiver, day)}
    return changed


def _can_hand_over(cells: Cells, giver: str, receiver: str, day: dt.date, code: str | None) -> bool:
    """The giver works exactly the shift handed over that day and the receiver is off."""
    shifts = cells.get((giver, day), [])
    return (
        len(shifts) == 1 and (code is None or shifts[0] == code) and not cells.get((receiver, day))
    )


def _exchange(cells: Cells, swap: Swap) -> set[tuple[str, dt.date]]:
    """A and B trade their shifts of one day; only when each works exactly the shift the
    swap exchanged (so an exchange already made is not undone)."""
    day = swap.date_a
    one, other = cells.get((swap.staff_a, day), []), cells.get((swap.staff_b, day), [])
    if len(one) != 1 or len(other) != 1 or one == other:
        return set()
    if (swap.shift_a is not None and one[0] != swap.shift_a) or (
        swap.shift_b is not None and other[0] != swap.shift_b
    ):
        return set()
    cells[(swap.staff_a, day)], cells[(swap.staff_b, day)] = other, one
    return {(swap.staff_a, day), (swap.staff_b, day)}


def exchanged_shifts(roster: Roster, swap: Swap) -> tuple[str | None, str | None]:
    """The codes ``swap`` would exchange in ``roster``: A's on ``date_a``, B's on ``date_b``."""
    by_cell = roster.by_person_day()

    def only(staff: str, day: dt.date | None) -> str | None:
        codes = by_cell.get((staff, day), []) if day is not None else []
        return codes[0] if len(codes) == 1 else None

    return only(swap.staff_a, swap.date_a), only(swap.staff_b, swap.date_b)
