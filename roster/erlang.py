"""Erlang C for one interval of calls, on ``pyworkforce``'s queueing model.

Why a wrapper: ``pyworkforce.queuing.ErlangC`` takes minutes and raises on an empty
interval, and its formulas are only meaningful with more agents than the offered load (at
or below it the queue grows without end). Here an interval with no calls needs nobody and
is fully served, an overloaded one is served at 0%, and everything is in the units of the
``forecast`` sheet: seconds for handle and answer times, minutes for the interval.

``pyworkforce`` is imported on first use: it loads pandas and OR-Tools, which a scenario
without a forecast never needs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True)
class Load:
    """What one interval offers and asks: ``calls`` in ``minutes`` at ``aht`` seconds each,
    ``target`` of them answered within ``answer`` seconds, agents busy at most
    ``occupancy`` of the time, and ``shrinkage`` of rostered time lost (breaks, training,
    absence)."""

    calls: float
    aht: float
    minutes: int
    target: float
    answer: float
    occupancy: float
    shrinkage: float

    def __post_init__(self) -> None:
        if self.calls < 0 or self.aht <= 0 or self.minutes <= 0 or self.answer <= 0:
            raise ValueError("calls >= 0, aht > 0, interval > 0 and answer time > 0 expected")
        if not 0 < self.target < 1 or not 0 < self.occupancy <= 1:
            raise ValueError("service-level target in (0, 1), occupancy in (0, 1] expected")
        if not 0 <= self.shrinkage < 1:
            raise ValueError("shrinkage in [0, 1) expected")

    @property
    def erlangs(self) -> float:
        """The offered load: agents kept busy on average."""
        return self.calls * self.aht / (60.0 * self.minutes)


@lru_cache(maxsize=65536)
def agents_needed(load: Load) -> int:
    """Agents to roster for the interval: enough productive agents for the service-level
    target and the occupancy cap (Erlang C), grossed up for shrinkage."""
    if load.calls == 0:
        return 0
    result = _erlang(load).required_positions(
        service_level=load.target, max_occupancy=load.occupancy
    )
    # pyworkforce grosses up as ceil(raw / (1 - shrinkage)) in floating point, where
    # 21 / (1 - 0.3) is 30.000000000000004: an exact quotient must not gain an agent.
    return math.ceil(result["raw_positions"] / (1 - load.shrinkage) - 1e-9)


@lru_cache(maxsize=262144)
def service_level(load: Load, rostered: int) -> float:
    """Share of the interval's calls answered within ``answer`` seconds with ``rostered``
    agents on duty, of whom the whole part of ``(1 - shrinkage) x rostered`` take calls:
    the convention :func:`agents_needed` sizes by, so the agents it asks for are exactly
    the fewest that meet the target."""
    if load.calls == 0:
        return 1.0
    return _level(load, math.floor((1 - load.shrinkage) * rostered + 1e-9))


@lru_cache(maxsize=262144)
def smooth_level(load: Load, rostered: int) -> float:
    """:func:`service_level` with a fractional number of productive agents read between its
    two whole neighbours: each agent added raises the level a little, never by nothing and
    then by a jump. R21 prices surplus by it, where a price must not fall as people are
    added."""
    if load.calls == 0:
        return 1.0
    productive = (1 - load.shrinkage) * rostered
    low = math.floor(productive + 1e-9)
    part = max(0.0, productive - low)
    level = _level(load, low)
    if part > 1e-9:
        level += part * (_level(load, low + 1) - level)
    return level


def _level(load: Load, productive: int) -> float:
    """Erlang C's service level with ``productive`` agents taking calls."""
    if productive <= load.erlangs:
        return 0.0
    level = float(_erlang(load).service_level(productive, scale_positions=False))
    return min(1.0, max(0.0, level))


def _erlang(load: Load) -> Any:
    from pyworkforce.queuing import ErlangC

    return ErlangC(
        transactions=load.calls,
        aht=load.aht / 60.0,
        asa=load.answer / 60.0,
        interval=load.minutes,
        shrinkage=load.shrinkage,
    )
