"""The rules' parameters and the soft rules' weights (config keys of the same names), with
the defaults of RULES.md; each record checks its own values."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from roster.vocabulary import GRADES, MINUTES_PER_DAY, WEEKDAY_NAMES


def check_service(where: str, level: float | None, answer: float | None) -> None:
    if level is not None and not 0 < level < 1:
        raise ValueError(f"{where}: service_level must be between 0 and 1, got {level}.")
    if answer is not None and answer <= 0:
        raise ValueError(f"{where}: answer_seconds must be > 0, got {answer}.")


def check_shares(where: str, occupancy: float | None, shrinkage: float | None) -> None:
    if occupancy is not None and not 0 < occupancy <= 1:
        raise ValueError(f"{where}: max_occupancy must be in (0, 1], got {occupancy}.")
    if shrinkage is not None and not 0 <= shrinkage < 1:
        raise ValueError(f"{where}: shrinkage must be in [0, 1), got {shrinkage}.")


@dataclass(frozen=True)
class RuleParameters:
    """Hard-rule parameters with the defaults of RULES.md (config keys of the same name)."""

    max_consecutive_days: int = 6
    max_consecutive_nights: int = 3
    min_off_after_nights: int = 1
    min_rest_hours: int = 11
    handover_minutes: int = 10
    upward_substitution: bool = True
    qa_min_shared_shifts: int = 1
    callback_max_gap_hours: int = 72
    leave_notice_days: int = 1
    special_leave_notice_hours: int = 1
    night_leave_cutoff: str = "12:00"
    holiday_leave_notice_days: int = 2
    max_swaps_per_month: int = 2
    team_meeting_day: str = "Mon"
    exempt_boundary_runs: bool = False
    """R19: runs touching the horizon's first or last day are exempt (Curtois convention)."""
    require_team_leader: bool = True
    """R2: off for centres and benchmarks without team leaders."""
    interval_minutes: int = 30
    """R22: the length of a ``forecast`` interval (30 or 60 minutes; divides a day)."""
    service_level: float = 0.8
    """R22: share of calls to answer within ``answer_seconds`` (a forecast row may differ)."""
    answer_seconds: int = 20
    max_occupancy: float = 0.85
    """R22: the most an agent may be kept busy; above it Erlang C adds agents."""
    shrinkage: float = 0.3
    """R22: share of rostered time not on the phones (breaks, training, absence)."""
    grade_mix: str = ""
    """R22: how forecast seats split by grade, e.g. ``junior:0.5;mid:0.35;senior:0.15``;
    blank: in proportion to the staff of each grade."""
    holiday_pay_factor: float = 3.0
    """R21: pay of a statutory-holiday shift (PRC Labour Law art. 44: 300%)."""
    rest_day_pay_factor: float = 1.0
    """R21: pay of a weekend shift (2.0 where rest days worked are paid 200%)."""

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if isinstance(value, int | float) and not isinstance(value, bool) and value < 0:
                raise ValueError(f"config {f.name} must be >= 0, got {value}.")
        if self.max_consecutive_days < 1:
            raise ValueError("config max_consecutive_days must be >= 1.")
        if self.team_meeting_day not in WEEKDAY_NAMES:
            raise ValueError(
                f"config team_meeting_day {self.team_meeting_day!r}; expected Mon..Sun."
            )
        if self.interval_minutes < 1 or MINUTES_PER_DAY % self.interval_minutes:
            raise ValueError(
                f"config interval_minutes {self.interval_minutes} must divide a day "
                "(e.g. 15, 30 or 60)."
            )
        check_service("config", self.service_level, self.answer_seconds)
        check_shares("config", self.max_occupancy, self.shrinkage)
        _ = self.mix  # grade_mix is checked once, here

    @property
    def mix(self) -> dict[str, float]:
        """``grade_mix`` as grade -> share (summing to 1); empty when not given."""
        if not self.grade_mix.strip():
            return {}
        shares: dict[str, float] = {}
        for part in self.grade_mix.replace(",", ";").split(";"):
            if not part.strip():
                continue
            grade, sep, text = part.partition(":")
            grade = grade.strip().lower()
            try:
                share = float(text) if sep else -1.0
            except ValueError:
                share = -1.0
            if grade not in GRADES or share < 0 or grade in shares:
                raise ValueError(
                    f"config grade_mix {self.grade_mix!r}: expected grade:share pairs such "
                    "as junior:0.5;mid:0.35;senior:0.15"
                )
            shares[grade] = share
        total = sum(shares.values())
        if total <= 0:
            raise ValueError(f"config grade_mix {self.grade_mix!r}: the shares add up to 0.")
        return {grade: share / total for grade, share in shares.items()}

    def pay_factor(self, holiday: bool, weekend: bool) -> float:
        """What a shift on such a day is paid, as a multiple of an ordinary shift (R21)."""
        if holiday:
            return self.holiday_pay_factor
        return self.rest_day_pay_factor if weekend else 1.0

    @property
    def min_rest_minutes(self) -> int:
        return self.min_rest_hours * 60


@dataclass(frozen=True)
class Weights:
    """Soft-rule weights (config keys ``weight_<name>``); a zero weight builds nothing.

    ``cover_under`` is ``None`` by default: cover shortfall is then a hard rule (R1).
    ``role_under`` likewise makes team-leader (R2) and role-seat (R3) shortfalls soft.
    A cover row's own ``weight_under``/``weight_over`` replaces them for that row.
    """

    qa_reach: int = 50
    meetings: int = 20
    fairness: int = 10
    request: int = 5
    pending_leave: int = 30
    stability: int = 100
    cover_over: int = 10
    cover_under: int | None = None
    role_under: int | None = None
    surplus: int = 10
    """R21: one person on duty beyond a shift's need, at pay factor 1.0; 0 turns R21 off."""

    def __post_init__(self) -> None:
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value is not None and value < 0:
                raise ValueError(f"config weight_{f.name} must be >= 0, got {value}.")
