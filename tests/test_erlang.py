"""R22: Erlang C for one forecast interval (``roster.erlang``), on the textbook case.

The textbook case: 100 calls in 30 minutes at an average handle time of 180 s, 80% to be
answered within 20 s. The offered load is 100 x 180 / 1800 = 10 Erlangs; Erlang C gives
13 agents about 79.6% (short of 80%) and 14 agents about 88.8%, so 14 productive agents.
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import pytest

from roster.erlang import Load, agents_needed, service_level, smooth_level


def load(
    calls: float = 100,
    *,
    aht: float = 180,
    minutes: int = 30,
    target: float = 0.8,
    answer: float = 20,
    occupancy: float = 1.0,
    shrinkage: float = 0.0,
) -> Load:
    """The textbook interval, with no shrinkage and no occupancy cap unless given."""
    return Load(calls, aht, minutes, target, answer, occupancy, shrinkage)


def test_the_offered_load_is_calls_times_handle_time_over_the_interval() -> None:
    # 100 calls x 180 s / (30 min x 60 s) = 18000 / 1800 = 10 Erlangs.
    assert load().erlangs == pytest.approx(10.0)
    # 50 calls x 300 s / (60 min x 60 s) = 15000 / 3600 = 4.1667 Erlangs.
    assert load(50, aht=300, minutes=60).erlangs == pytest.approx(15000 / 3600)


def test_textbook_levels_of_13_and_14_agents() -> None:
    # Erlang C at 10 Erlangs, 20 s answer time, 180 s handle time:
    # 13 agents: P(wait) = 0.2853, level = 1 - 0.2853 x e^(-(13 - 10) x 20/180) = 0.7956;
    # 14 agents: P(wait) = 0.1741, level = 1 - 0.1741 x e^(-(14 - 10) x 20/180) = 0.8884.
    assert service_level(load(), 13) == pytest.approx(0.7956, abs=5e-4)
    assert service_level(load(), 14) == pytest.approx(0.8884, abs=5e-4)
    assert service_level(load(), 13) < 0.8 <= service_level(load(), 14)


def test_textbook_agents_needed_is_14() -> None:
    # 13 agents give 79.6% < 80%, 14 give 88.8%: 14 (shrinkage 0, no occupancy cap).
    assert agents_needed(load()) == 14


def test_shrinkage_grosses_the_agents_up() -> None:
    # 14 productive agents with 30% of rostered time lost: ceil(14 / 0.7) = ceil(20) = 20.
    assert agents_needed(load(shrinkage=0.3)) == 20
    # With 10% lost: ceil(14 / 0.9) = ceil(15.56) = 16.
    assert agents_needed(load(shrinkage=0.1)) == 16


def test_an_exact_quotient_is_not_rounded_up_by_floating_point() -> None:
    # 164 calls x 180 s / 1800 s = 16.4 Erlangs: Erlang C asks for 21 productive agents,
    # and 21 / 0.7 = 30 exactly (30 rostered x 0.7 = 21 productive). In floating point
    # 21 / (1 - 0.3) is 30.000000000000004, which ceil() turned into 31: one agent too many.
    calls = load(164, occupancy=0.85, shrinkage=0.3)
    productive = agents_needed(load(164, occupancy=0.85))
    assert productive == 21
    assert agents_needed(calls) == 30
    # 30 rostered agents do reach the target: 0.7 x 30 = 21 productive, level 87.7%.
    assert service_level(calls, 30) >= 0.8


@pytest.mark.parametrize("shrinkage", ["0.1", "0.2", "0.25", "0.3", "0.35", "0.4"])
def test_the_gross_up_is_the_exact_ceiling(shrinkage: str) -> None:
    # For every productive count n that Erlang C can ask for at these loads, the rostered
    # agents are the exact ceil(n / (1 - shrinkage)), computed in fractions.
    share = float(shrinkage)
    for calls in range(1, 400, 3):
        productive = agents_needed(load(calls, occupancy=0.85))
        exact = math.ceil(Fraction(productive) / (1 - Fraction(shrinkage)))
        assert agents_needed(load(calls, occupancy=0.85, shrinkage=share)) == exact, calls


def test_the_occupancy_cap_adds_agents_beyond_the_service_level() -> None:
    # 1000 calls x 180 s / 1800 s = 100 Erlangs. The 80%-in-20 s target alone needs 107
    # agents, which would be busy 100 / 107 = 93% of the time; at most 85% busy needs
    # ceil(100 / 0.85) = ceil(117.6) = 118.
    assert agents_needed(load(1000, occupancy=1.0)) == 107
    assert agents_needed(load(1000, occupancy=0.85)) == 118


def test_zero_calls_need_nobody_and_are_fully_served() -> None:
    empty = load(0)
    assert agents_needed(empty) == 0
    assert service_level(empty, 0) == 1.0
    assert service_level(empty, 5) == 1.0


@pytest.mark.parametrize("agents", [0, 5, 9, 10])
def test_agents_at_or_below_the_load_serve_nothing(agents: int) -> None:
    # 10 Erlangs: with 10 or fewer agents the queue grows without end: level 0.
    assert service_level(load(), agents) == 0.0


def test_the_level_counts_whole_productive_agents() -> None:
    # Shrinkage 0.3: floor(0.7 x rostered) take calls, the convention agents_needed sizes
    # by. 19 rostered -> 13 productive (0.7956, below 80%); 20 -> 14 (0.8884): so 20 is the
    # fewest that meet the target, exactly what agents_needed asks for.
    busy = load(shrinkage=0.3)
    assert service_level(busy, 19) == pytest.approx(service_level(load(), 13))
    assert service_level(busy, 19) < 0.8 <= service_level(busy, 20)
    assert agents_needed(busy) == 20
    levels = [service_level(busy, n) for n in range(15, 40)]
    assert all(a <= b for a, b in itertools.pairwise(levels))
    assert levels[-1] == pytest.approx(1.0, abs=1e-5)


def test_the_smooth_level_rises_with_every_agent() -> None:
    # R21's prices read 0.7 productive agents per rostered one between whole neighbours,
    # so every agent added beyond the load raises the level (up to 1).
    busy = load(shrinkage=0.3)
    levels = [smooth_level(busy, n) for n in range(15, 40)]
    assert all(a < b for a, b in itertools.pairwise(levels) if a < 1.0)
    assert levels[-1] == pytest.approx(1.0, abs=1e-6)


def test_a_fractional_productive_count_is_read_between_its_neighbours() -> None:
    # 19 rostered at shrinkage 0.3 = 13.3 productive: 13 give 0.7956, 14 give 0.8884, so
    # 0.7956 + 0.3 x (0.8884 - 0.7956) = 0.8234.
    low, high = service_level(load(), 13), service_level(load(), 14)
    assert smooth_level(load(shrinkage=0.3), 19) == pytest.approx(low + 0.3 * (high - low))
    assert smooth_level(load(shrinkage=0.3), 19) == pytest.approx(0.8234, abs=5e-4)
    # 20 rostered = 14.0 productive: exactly the level of 14.
    assert smooth_level(load(shrinkage=0.3), 20) == pytest.approx(high)


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"calls": -1}, "calls >= 0"),
        ({"aht": 0}, "aht > 0"),
        ({"minutes": 0}, "interval > 0"),
        ({"answer": 0}, "answer time > 0"),
        ({"target": 1.0}, "target in \\(0, 1\\)"),
        ({"target": 0.0}, "target in \\(0, 1\\)"),
        ({"occupancy": 0.0}, "occupancy in \\(0, 1\\]"),
        ({"occupancy": 1.2}, "occupancy in \\(0, 1\\]"),
        ({"shrinkage": 1.0}, "shrinkage in \\[0, 1\\)"),
        ({"shrinkage": -0.1}, "shrinkage in \\[0, 1\\)"),
    ],
)
def test_a_load_is_validated(fields: dict[str, float], message: str) -> None:
    values = {
        "calls": 100,
        "aht": 180,
        "minutes": 30,
        "target": 0.8,
        "answer": 20,
        "occupancy": 1.0,
        "shrinkage": 0.0,
        **fields,
    }
    with pytest.raises(ValueError, match=message):
        Load(**values)  # type: ignore[arg-type]
