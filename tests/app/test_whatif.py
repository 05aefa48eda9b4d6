"""Variants: parsing and applying edits to a scenario in memory."""

from __future__ import annotations

import pytest

from roster.app.whatif import Variant, apply_variant, parse_variant
from roster.calendar import Calendar
from roster.model import CoverRule
from tests.helpers import day, person, tiny_scenario


def test_parse_variant_records_every_edit() -> None:
    v = parse_variant("v1", ["J1"], ["junior:2"], ["N@weekend:1.5"], ["weight_fairness=3"], 7)
    assert v == Variant(
        "v1", ("J1",), ("junior:2",), ("N@weekend:1.5",), (("weight_fairness", "3"),), 7
    )


@pytest.mark.parametrize(
    ("kwargs", "words"),
    [
        ({"add": ["boss:1"]}, "unknown grade"),
        ({"add": ["junior:x"]}, "not a whole number"),
        ({"add": ["junior:1:pilot"]}, "unknown role"),
        ({"demand": ["D:abc"]}, "not a number"),
        ({"demand": ["D@someday:2"]}, "expected a date"),
        ({"set_pairs": ["nonsense=1"]}, "unknown setting"),
        ({"set_pairs": ["weight_fairness=-1"]}, ">= 0"),
        ({"set_pairs": ["noequals"]}, "KEY=VALUE"),
    ],
)
def test_parse_variant_rejects_bad_text(kwargs: dict[str, list[str]], words: str) -> None:
    with pytest.raises(ValueError, match=words):
        parse_variant(**kwargs)  # type: ignore[arg-type]


def test_remove_drops_the_person_and_their_rows() -> None:
    sc = tiny_scenario()
    out = apply_variant(sc, parse_variant(remove=["J1"]))
    assert "J1" not in {s.id for s in out.staff}
    assert len(out.staff) == len(sc.staff) - 1
    with pytest.raises(ValueError, match="unknown staff id"):
        apply_variant(sc, parse_variant(remove=["ZZ"]))


def test_add_creates_new_people_with_the_grade_median_workload() -> None:
    staff = (
        person("J1", min_shifts=2, max_shifts=4),
        person("J2", min_shifts=4, max_shifts=6),
        person("J3", min_shifts=3, max_shifts=5),
        person("L1", "senior", "team_leader"),
    )
    sc = tiny_scenario(staff=staff)
    out = apply_variant(sc, parse_variant(add=["junior:2:agent;callback"]))
    new = [s for s in out.staff if s.id.startswith("NEW-")]
    assert [s.id for s in new] == ["NEW-junior-1", "NEW-junior-2"]
    assert all(s.team == "new" and s.roles == {"agent", "callback"} for s in new)
    assert all((s.min_shifts, s.max_shifts) == (3, 5) for s in new)


def test_demand_without_day_scales_every_row_of_the_shift_rounding_up() -> None:
    sc = tiny_scenario()
    out = apply_variant(sc, parse_variant(demand=["D:1.5"]))
    cal = Calendar(out)
    assert cal.needs(day(0), "D")["junior"].min == 2  # ceil(1 * 1.5)
    assert cal.needs(day(0), "D")["junior"].max == 3  # ceil(2 * 1.5)
    assert cal.needs(day(0), "N")["senior"].min == 1


def test_demand_with_day_changes_only_matching_days() -> None:
    sc = tiny_scenario(cover=(*tiny_scenario().cover, CoverRule("Sat", "N", "junior", 1)))
    out = apply_variant(sc, parse_variant(demand=["N@weekend:2"]))
    cal = Calendar(out)
    assert cal.needs(day(5), "N")["senior"].min == 2  # Saturday
    assert cal.needs(day(5), "N")["junior"].min == 2  # the Sat row, scaled
    assert cal.needs(day(6), "N")["senior"].min == 2  # Sunday
    assert "junior" not in cal.needs(day(6), "N")
    assert cal.needs(day(4), "N")["senior"].min == 1  # Friday unchanged
    assert cal.needs(day(5), "D")["senior"].min == 1  # other shift unchanged
    with pytest.raises(ValueError, match="unknown shift"):
        apply_variant(sc, parse_variant(demand=["X:2"]))


def test_settings_change_rules_and_weights() -> None:
    sc = tiny_scenario()
    v = parse_variant(
        set_pairs=["max_consecutive_days=4", "weight_cover_under=7", "upward_substitution=no"]
    )
    out = apply_variant(sc, v)
    assert out.rules.max_consecutive_days == 4
    assert out.rules.upward_substitution is False
    assert out.weights.cover_under == 7
    assert sc.rules.max_consecutive_days == 6  # the base is untouched
