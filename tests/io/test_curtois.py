"""The Curtois-Qu benchmark parser and its independent scorer.

Tiny.txt (7 days, Monday first; D and N of 480 min, D cannot follow N):

* A: D only, 4-5 shifts (1920-2400 min), runs of work >= 2, runs off >= 2, fixed day off 2.
* B: N only, up to 7 shifts. C: at most 2 shifts (960 min), at most 2 of them D.
* Cover: one D and one N every day (100 per missing person, 1 per extra).
* Requests: C wants D on day 1 (2); A wants no D on day 6 (3); B wants no N on day 4 (1).

Optimum by hand: any missing cover costs 100, more than all requests together (6), so all 14
slots are filled. Only B can fill every N (A cannot work N; C's two shifts are needed for D
because A works at most 5 of the 7 D days), so B works N on day 4: +1. A must work 5 D days
around the day off 2; an off run {2} alone is an inner run shorter than 2, so A is off {1, 2}
or {2, 3} and works day 6 either way: +3. Taking {1, 2} lets C work D on days 1-2, meeting C's
request. Optimum = 1 + 3 = 4 with
A: D on 0, 3, 4, 5, 6 (the single-day run on day 0 touches the start, so it is exempt);
B: N every day; C: D on 1, 2.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from roster.exceptions import RosterInputError
from roster.io.curtois import parse_curtois, read_curtois, score

DATA = Path(__file__).resolve().parents[1] / "data" / "curtois"
BENCH = Path("/work/shared/benchmarks/curtois")
TINY_TEXT = (DATA / "Tiny.txt").read_bytes().decode("ascii")

OPTIMUM = {
    **{("A", d): "D" for d in (0, 3, 4, 5, 6)},
    **{("B", d): "N" for d in range(7)},
    **{("C", d): "D" for d in (1, 2)},
}


def tiny_with(old: str, new: str) -> str:
    """Tiny.txt with one line replaced (the line must exist)."""
    assert old in TINY_TEXT
    return TINY_TEXT.replace(old, new, 1)


def line_of(text: str, needle: str) -> int:
    """The 1-based line number of the first line starting with ``needle``."""
    return next(i for i, line in enumerate(text.splitlines(), 1) if line.startswith(needle))


def test_tiny_parses_every_section() -> None:
    assert "\r\n" in TINY_TEXT  # the originals are CRLF
    inst = read_curtois(DATA / "Tiny.txt")
    assert inst.horizon == 7
    assert [(s.id, s.length, s.cannot_follow) for s in inst.shifts] == [
        ("D", 480, ()),
        ("N", 480, ("D",)),
    ]
    a, b, c = inst.staff
    assert (a.id, dict(a.max_shifts), a.max_minutes, a.min_minutes) == (
        "A",
        {"D": 7, "N": 0},
        2400,
        1920,
    )
    assert (a.max_consecutive, a.min_consecutive, a.min_days_off, a.max_weekends) == (5, 2, 2, 1)
    assert (b.id, b.max_consecutive, c.id, dict(c.max_shifts), c.max_minutes) == (
        "B",
        7,
        "C",
        {"D": 2, "N": 7},
        960,
    )
    assert dict(inst.days_off) == {"A": frozenset({2})}
    assert [(r.employee, r.day, r.shift, r.weight) for r in inst.on_requests] == [("C", 1, "D", 2)]
    assert [(r.employee, r.day, r.shift, r.weight) for r in inst.off_requests] == [
        ("A", 6, "D", 3),
        ("B", 4, "N", 1),
    ]
    assert len(inst.cover) == 14
    assert {(c.requirement, c.under_weight, c.over_weight) for c in inst.cover} == {(1, 100, 1)}
    assert parse_curtois(TINY_TEXT.replace("\r\n", "\n")) == inst


@pytest.mark.parametrize(
    ("text", "sheet", "needle", "column"),
    [
        (
            tiny_with(
                "SECTION_DAYS_OFF\r\n# EmployeeID, DayIndexes (start at zero)\r\nA,2\r\n\r\n", ""
            ),
            "SECTION_DAYS_OFF",
            "SECTION_SHIFT_ON_REQUESTS",
            None,
        ),
        (
            tiny_with("B,D=0|N=7,3360,0,7,", "B,D=0|N=7,33x0,0,7,"),
            "SECTION_STAFF",
            "B,",
            "MaxTotalMinutes",
        ),
        (tiny_with("3,N,1,100,1", "3,X,1,100,1"), "SECTION_COVER", "3,X", "ShiftID"),
        (tiny_with("A,2\r\n", "Z,2\r\n"), "SECTION_DAYS_OFF", "Z,2", "EmployeeID"),
        (tiny_with("A,2\r\n", "A,9\r\n"), "SECTION_DAYS_OFF", "A,9", "Day"),
        (tiny_with("D,480,", "D,480"), "SECTION_SHIFTS", "D,480", None),
    ],
    ids=[
        "missing section",
        "bad number",
        "unknown shift in cover",
        "unknown employee",
        "bad day",
        "short line",
    ],
)
def test_malformed_files_name_section_and_line(
    text: str, sheet: str, needle: str, column: str | None
) -> None:
    with pytest.raises(RosterInputError) as caught:
        parse_curtois(text)
    error = caught.value
    assert error.sheet == sheet
    assert error.row == line_of(text, needle)
    assert error.column == column
    assert sheet in str(error)
    assert f"row {error.row}" in str(error)


def test_missing_last_section_is_reported() -> None:
    text = TINY_TEXT[: TINY_TEXT.index("SECTION_COVER")]
    with pytest.raises(RosterInputError, match=r"SECTION_COVER.*end of file"):
        parse_curtois(text)


def test_scorer_on_the_hand_optimum() -> None:
    inst = read_curtois(DATA / "Tiny.txt")
    # Full cover (0); C's on-request met (0); A works D on day 6 (+3); B works N on day 4 (+1).
    assert score(inst, OPTIMUM) == (4, [])


def test_scorer_counts_requests_and_cover_both_ways() -> None:
    inst = read_curtois(DATA / "Tiny.txt")
    # A off {2, 3} instead, C on D days 2-3: C's on-request (day 1 D) missed (+2) on top of 4.
    moved = {**OPTIMUM, ("A", 1): "D", ("C", 3): "D"}
    del moved[("A", 3)], moved[("C", 1)]
    assert score(inst, moved) == (6, [])
    # C on N on day 1 instead of D: the on-request counts (+2), D short on day 1 (+100),
    # N over by one on day 1 (+1).
    other = {**OPTIMUM, ("C", 1): "N"}
    total, broken = score(inst, other)
    assert total == 4 + 2 + 100 + 1
    assert broken == ["C: D on day 2 cannot follow N"]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({("C", 3): "N"}, "C: 1440 minutes outside 0..960"),
        ({("B", 3): "D"}, "B: 1 D shifts > max 0"),
        ({("A", 2): "D"}, "A: works day 2, a fixed day off"),
        ({("A", 1): "D", ("A", 2): "D"}, "A: more than 5 shifts in a row ending day 5"),
        (
            {("A", 4): None, ("A", 5): None, ("A", 6): None},
            "A: 1 shifts in a row from day 3 < min 2",
        ),
        ({("A", 4): None}, "A: 1 days off in a row from day 4 < min 2"),
        ({("C", 5): "D"}, "C: 3 D shifts > max 2"),
    ],
)
def test_scorer_flags_each_hard_rule(
    change: dict[tuple[str, int], str | None], expected: str
) -> None:
    inst = read_curtois(DATA / "Tiny.txt")
    roster = dict(OPTIMUM)
    for key, shift in change.items():
        if shift is None:
            roster.pop(key, None)
        else:
            roster[key] = shift
    _total, broken = score(inst, roster)
    assert expected in broken, broken


def test_scorer_flags_weekends_and_min_minutes() -> None:
    text = tiny_with(
        "# The horizon length in days:\r\n7\r\n", "# The horizon length in days:\r\n14\r\n"
    )
    inst = parse_curtois(text)
    roster = {("C", 5): "N", ("C", 12): "N"}
    _total, broken = score(inst, roster)
    assert "C: 2 weekends worked > max 1" in broken
    assert "A: 0 minutes outside 1920..2400" in broken


@pytest.mark.skipif(not BENCH.is_dir(), reason="benchmark folder not available")
def test_instance1_all_off() -> None:
    inst = read_curtois(BENCH / "Instance1.txt")
    assert (inst.horizon, len(inst.staff), len(inst.shifts), len(inst.cover)) == (14, 8, 1, 14)
    expected = sum(c.under_weight * c.requirement for c in inst.cover) + sum(
        r.weight for r in inst.on_requests
    )
    total, broken = score(inst, {})
    assert total == expected
    # Nobody reaches MinTotalMinutes when nobody works.
    assert len(broken) == len(inst.staff)
    assert all("minutes outside" in line for line in broken)
