"""The one place the solver asks how long it has run and how long it has left.

A :class:`Deadline` starts when it is made and is passed down to every stage of a solve
(slices, the pinned search, the month plans, a repair's second search), so no stage
computes ``time_limit - (perf_counter() - started)`` on its own clock.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Deadline:
    """``seconds`` from the moment it was made (``math.inf``: a stopwatch only)."""

    seconds: float = math.inf
    started: float = field(default_factory=time.perf_counter)

    def elapsed(self) -> float:
        """Seconds since it started."""
        return time.perf_counter() - self.started

    def left(self, least: float = 0.0) -> float:
        """Seconds still to go, at least ``least``."""
        return max(least, self.seconds - self.elapsed())

    def expired(self) -> bool:
        return self.elapsed() >= self.seconds

    def at(self) -> float:
        """The moment it expires, on ``time.perf_counter``'s clock."""
        return self.started + self.seconds

    def within(self, seconds: float) -> Deadline:
        """A budget of ``seconds`` from now that ends no later than this one."""
        return Deadline(min(seconds, self.left()))
