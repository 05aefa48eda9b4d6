"""Search presets: how hard to look, and whether a large centre starts from slices.

``roster solve --preset fast|balanced|thorough`` picks one; the numbers behind each choice
are in benchmarks/README.md.
"""

from __future__ import annotations

from dataclasses import dataclass

from ortools.sat.python import cp_model

from roster.solver.decompose import SLICE_PEOPLE


@dataclass(frozen=True)
class Preset:
    """One search set-up.

    ``gap_limit``: stop once the roster is proven within this share of the best possible.
    ``slice_from``: centres of at least this many people are first solved in slices of about
    150 (``roster.solver.decompose``), because the whole month's model spends most of a
    minute in presolve before its first roster at 1,000 people; ``None``: never.
    ``slice_seconds``: time per slice before the whole model gets what is left;
    ``slice_people``: people per slice.
    ``pinned_share``: share of the time limit a centre solved as one model first searches
    with everyone's fairness counts pinned (``roster.solver.solve._pinned_first``); 0: never.
    ``plan_share``: where people share only cover seats, each person's priced month plans
    (``roster.solver.plans``) run beside the search for up to this share of the time
    limit, on one thread; 0: never.
    """

    name: str
    summary: str
    gap_limit: float
    slice_from: int | None
    slice_seconds: float = 10.0
    slice_people: int = SLICE_PEOPLE
    pinned_share: float = 0.7
    plan_share: float = 0.8

    def __post_init__(self) -> None:
        if not 0 <= self.gap_limit < 1:
            raise ValueError(f"preset {self.name}: gap_limit {self.gap_limit} not in [0, 1)")
        if not 0 <= self.pinned_share < 1:
            raise ValueError(f"preset {self.name}: pinned_share {self.pinned_share} not in [0, 1)")
        if not 0 <= self.plan_share < 1:
            raise ValueError(f"preset {self.name}: plan_share {self.plan_share} not in [0, 1)")
        if self.slice_seconds <= 0 or self.slice_people < 1:
            raise ValueError(f"preset {self.name}: slice_seconds and slice_people must be > 0")


PRESETS: dict[str, Preset] = {
    p.name: p
    for p in (
        Preset(
            "fast",
            "stop at a roster proven within 2% of the best; centres of 600+ people in slices",
            gap_limit=0.02,
            # Below 600 people the whole model reaches 2% sooner than slices first.
            slice_from=600,
            slice_seconds=5.0,
        ),
        Preset(
            "balanced",
            "search to the time limit; centres of 600+ people start from slices",
            gap_limit=0.0,
            slice_from=600,
        ),
        Preset(
            "thorough",
            "search to the time limit on the whole month as one model, however large",
            gap_limit=0.0,
            slice_from=None,
        ),
    )
}
DEFAULT_PRESET = "balanced"


def preset_named(name: str) -> Preset:
    try:
        return PRESETS[name]
    except KeyError:
        raise ValueError(f"unknown preset {name!r}; expected one of {sorted(PRESETS)}") from None


LARGE_MODEL_SIZE = 500_000
"""People x days x shift types squared (the rough count of shift-pair rows, such as
successions, in the linear relaxation) from which 2 workers run CP-SAT's own portfolio
instead of a full ``max_lp`` worker: above it the relaxation does not pay for itself
within a usual time limit (benchmarks/HISTORY.md §1)."""


def configure(solver: cp_model.CpSolver, preset: Preset, workers: int, size: int = 0) -> None:
    """The CP-SAT parameters of ``preset`` on ``workers`` threads for a model of ``size``
    (people x days x shift types squared).

    Soft costs that sum over many cover-bound cells (meetings, fairness) need the stronger
    linear relaxation for a useful bound, and a month needs CP-SAT's first-solution and LNS
    helpers for a quick first roster. On 2 workers: one full ``max_lp`` worker, the other
    thread interleaving the helpers (benchmarks/HISTORY.md §1).
    """
    if size >= LARGE_MODEL_SIZE:
        pass
    elif workers == 1:
        solver.parameters.linearization_level = 2
    elif workers == 2:
        solver.parameters.num_full_subsolvers = 1
        solver.parameters.subsolvers.append("max_lp")
    if preset.gap_limit > 0:
        solver.parameters.relative_gap_limit = preset.gap_limit
